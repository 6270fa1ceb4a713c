"""What a served app tells its coach: which scenario is open, its live index, and whether the coach
is watching.

Under `spbe-planner serve` the server names a folder of the room (``SPBE_PLANNER_PRESENCE_DIR``)
and the participant (``SPBE_PLANNER_USER``). The app keeps ``<user>.<pid>.json`` there up to date
(the open file, its index and predikat, unsaved or not) and removes it when it ends; the server
creates ``<user>.<pid>.watched`` while a coach watches that session and tells the app (SIGUSR1).
Outside served mode every function here does nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from tui.core.served_contract import DOOR_ENV, PRESENCE_DIR_ENV, USER_ENV

DIR_ENV = PRESENCE_DIR_ENV


def own_file(suffix: str) -> Path | None:
    folder, user = os.environ.get(DIR_ENV), os.environ.get(USER_ENV)
    if not folder or not user:
        return None
    return Path(folder) / f"{user}.{os.getpid()}.{suffix}"


def write_presence(record: dict[str, Any]) -> None:
    """Replace this session's record in one step (the room screen may read it at any moment).

    Not through files.atomic_write: that confines writes to the participant's workspace, and this
    folder is the server's, named by the server itself.
    """
    path = own_file("json")
    if path is None:
        return
    data = json.dumps({**record, "pid": os.getpid(), "door": os.environ.get(DOOR_ENV, "ssh")}, ensure_ascii=False)
    temp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(OSError):
        temp.write_text(data, encoding="utf-8")
        os.replace(temp, path)


def clear_presence() -> None:
    path = own_file("json")
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()


def watched() -> bool:
    path = own_file("watched")
    return path is not None and path.exists()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_presence(folder: Path, user: str) -> list[dict[str, Any]]:
    """The live sessions' records of one participant, newest first (stale ones are skipped)."""
    out: list[tuple[float, dict[str, Any]]] = []
    for path in folder.glob(f"{user}.*.json") if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8")[:20_000])
            pid = int(record.get("pid", 0))
            if isinstance(record, dict) and pid > 0 and _alive(pid):
                out.append((path.stat().st_mtime, record))
        except (OSError, ValueError, TypeError, AttributeError):
            continue
    return [r for _, r in sorted(out, key=lambda x: -x[0])]
