"""Recovery files: unsaved edits kept on disk while a user works, offered back after a crash.

One file per scenario path (or one for an unsaved new scenario) under the user's state folder
(``$SPBE_PLANNER_STATE`` or ``$XDG_STATE_HOME/spbe-planner`` or ``~/.local/state/spbe-planner``).
In served mode HOME is the participant's workspace, so recovery files stay inside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, read_toml, real_path
from tui.core.scenario.scenario_file import Scenario, dump_scenario, parse_scenario
from tui.core.scoring.rubric import Rubric, RubricSet

HEADER = "# spbe-planner recovery file for: "


def state_dir() -> Path:
    if env := os.environ.get("SPBE_PLANNER_STATE"):
        return Path(env)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "spbe-planner"


def recovery_path(source: Path | None) -> Path:
    key = str(real_path(source)) if source else "untitled"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return state_dir() / "recovery" / f"{digest}.toml"


def write_recovery(source: Path | None, scenario: Scenario) -> Path:
    path = recovery_path(source)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, f"{HEADER}{source or '(baru)'}\n" + dump_scenario(scenario))
    return path


@dataclass(frozen=True, slots=True)
class RecoveryRead:
    """What was found: the recovered scenario, or a file that could not be read and was set aside."""

    found: tuple[Scenario, Rubric] | None = None
    set_aside: Path | None = None
    error: InputError | None = None


def read_recovery(source: Path | None, rubrics: RubricSet) -> RecoveryRead:
    """The recovered scenario, if any. A recovery file that cannot be read is renamed aside, never
    deleted (it may still hold someone's work), so it cannot break every later opening of the file."""
    path = recovery_path(source)
    if not path.is_file():
        return RecoveryRead()
    try:
        return RecoveryRead(found=parse_scenario(read_toml(path), rubrics, path))
    except InputError as exc:
        aside = path.with_name(f"{path.stem}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}.txt")
        try:
            os.replace(path, aside)
        except OSError:
            return RecoveryRead(error=exc)
        return RecoveryRead(set_aside=aside, error=exc)


def clear_recovery(source: Path | None) -> None:
    with contextlib.suppress(OSError):
        recovery_path(source).unlink()
