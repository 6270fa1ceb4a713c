"""kill -9 at random moments, over every writer: the target is always the old or the new file.

A child process writes the same target again and again, alternating between two versions, and is
killed with SIGKILL after a random delay. Afterwards the target is absent (killed before the first
rename) or byte-equal to one of the two versions, never partial; temporaries it left behind are
never listed by `ls` or the open dialog, and the next write of the same target removes the stale
ones.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tui.core.files.guarded import STALE_TMP_SECONDS, is_temporary
from tui.core.resources import scenarios_dir
from tui.core.team.listing import scan, user_files

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = scenarios_dir() / "contoh-target-baik.toml"
SHEET_ROWS = "".join(f"{i};{2 + i % 3}\n" for i in range(1, 48))
TRIALS = int(os.environ.get("CRASH_TRIALS", "6"))

# Each writer: the code that writes version k (0 or 1) of the target; it runs in a loop.
WRITERS = {
    "new": "main(['new', '--framework', 'spbe-2020', '--region', f'Daerah {k}', '-o', T, '--force'])",
    "plan-apply": "main(['plan', SAMPLE, '--predikat', ['baik', 'sangat baik'][k], '--apply', '-o', T, '--force'])",
    "import": "main(['import', SHEET, '--framework', 'spbe-2020', '--region', f'Daerah {k}', '-o', T, '--force'])",
    "export": "main(['export', [SAMPLE, BASE][k], '--format', 'md', '-o', T, '--force'])",
    "app-save": "SESSIONS[k].save(Path(T))",
    "recovery": "write_recovery(Path(T), SESSIONS[k].scenario)",
}

CHILD = textwrap.dedent("""
    import itertools, sys
    from pathlib import Path
    from tui.cli.main import main
    from tui.core.scenario.recovery import recovery_path, write_recovery
    from tui.core.scoring.rubric import RubricSet
    from tui.core.scenario.scenario_file import load_scenario
    from tui.core.scenario.edit_session import EditSession
    T, SAMPLE, BASE, SHEET, WRITER, ONCE = sys.argv[1:7]
    SESSIONS = []
    for f in (SAMPLE, BASE):
        s, r = load_scenario(f, RubricSet())
        SESSIONS.append(EditSession.opened(s, r, None, None))
    for n in itertools.count():
        k = n % 2 if ONCE == "-" else int(ONCE)
        exec(WRITER)
        if ONCE != "-":
            break
    """)


def _child(target: Path, writer: str, work: Path, once: str) -> list[str]:
    return [sys.executable, "-c", CHILD, str(target), str(SAMPLE), str(scenarios_dir() / "kabupaten-contoh-2022.toml"),
            str(work / "lembar.csv"), WRITERS[writer], once]


def _env(work: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "SPBE_PLANNER_LANG": "id",
            "SPBE_PLANNER_STATE": str(work / "state"), "HOME": str(work)}


def _written(writer: str, target: Path, work: Path) -> Path:
    if writer != "recovery":
        return target
    # recovery files live in the state folder, named after the scenario's path
    env = _env(work)
    code = "import sys; from pathlib import Path; from tui.core.scenario.recovery import recovery_path; " \
           "print(recovery_path(Path(sys.argv[1])))"
    out = subprocess.run([sys.executable, "-c", code, str(target)], env=env, capture_output=True, text=True,
                         check=True)
    return Path(out.stdout.strip())


@pytest.mark.parametrize("writer", list(WRITERS))
def test_sigkill_leaves_old_or_new_never_partial(writer: str, tmp_path: Path) -> None:
    (tmp_path / "lembar.csv").write_text("No;Tingkat\n" + SHEET_ROWS, "utf-8")
    target = tmp_path / ("laporan.md" if writer == "export" else "hasil.toml")
    env = _env(tmp_path)
    versions = set()
    for k in ("0", "1"):  # the two complete versions, written cleanly
        subprocess.run(_child(target, writer, tmp_path, k), env=env, check=True, timeout=60)
        versions.add(_written(writer, target, tmp_path).read_bytes())
    assert len(versions) == 2
    written = _written(writer, target, tmp_path)
    rng = random.Random(f"crash-{writer}")
    for _ in range(TRIALS):
        child = subprocess.Popen(_child(target, writer, tmp_path, "-"), env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.2))  # past start-up, into the writing loop
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert written.read_bytes() in versions, "a partial file after kill -9"
    folder = written.parent
    leftovers = [p for p in folder.iterdir() if is_temporary(p.name)]
    assert all(p not in user_files(folder) for p in leftovers)
    if written.suffix == ".toml":
        assert not any(is_temporary(e.path.name) for e in scan(folder))
    # A stale temporary (older than a minute) goes with the next write of the same target.
    stale = folder / f".{written.name}.stale123.tmp"
    stale.write_text("half a file")
    old = time.time() - STALE_TMP_SECONDS - 5
    os.utime(stale, (old, old))
    fresh = folder / f".{written.name}.fresh123.tmp"  # a writer at work right now keeps its file
    fresh.write_text("in progress")
    subprocess.run(_child(target, writer, tmp_path, "0"), env=env, check=True, timeout=60)
    assert not stale.exists() and fresh.exists()
