"""The kernel confines each served app (Linux Landlock), below the app's own path checks.

The child runs the same ``confine_child`` the fork server runs before a participant's app starts,
then opens files directly, bypassing every check of the app: what the kernel allows is all a bug
in a library could reach.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.serve.landlock import abi_version

PROBE = r"""
import json, os, sys
from tui.serve.zygote import confine_child
env = json.loads(sys.argv[1])
confine_child(env)
def attempt(path, mode):
    try:
        with open(path, mode) as fh:
            fh.write("x") if "w" in mode or "a" in mode else fh.read(1)
        return "ok"
    except PermissionError:
        return "denied"
    except OSError as exc:
        return type(exc).__name__
print(json.dumps({name: attempt(path, mode) for name, (path, mode) in json.loads(sys.argv[2]).items()}))
"""


@pytest.mark.skipif(abi_version() <= 0, reason="this kernel has no Landlock: the fallback is tested below")
def test_a_confined_app_reaches_its_workspace_and_the_installation_nothing_else(tmp_path: Path) -> None:
    room = tmp_path / "ruang"
    ani, budi = room / "ani", room / "budi"
    for folder in (ani, budi, room / "online", room / "logs", room / "codes"):
        folder.mkdir(parents=True)
    (budi / "rahasia.toml").write_text("punya budi")
    (room / "codes" / "ani.toml").write_text("hash")
    (room / "logs" / "app-errors.jsonl").write_text("")
    home_file = tmp_path / "coach-home.txt"
    home_file.write_text("coach")
    env = {"SPBE_PLANNER_WORKSPACE": str(ani), "SPBE_PLANNER_PRESENCE_DIR": str(room / "online"),
           "SPBE_PLANNER_ERROR_LOG": str(room / "logs" / "app-errors.jsonl")}
    import tui

    probes = {
        "own workspace write": (str(ani / "latihan.toml"), "w"),
        "presence write": (str(room / "online" / "ani.1.json"), "w"),
        "error log append": (str(room / "logs" / "app-errors.jsonl"), "a"),
        "installation read": (tui.__file__, "r"),
        "another workspace": (str(budi / "rahasia.toml"), "r"),
        "another workspace write": (str(budi / "baru.toml"), "w"),
        "room codes": (str(room / "codes" / "ani.toml"), "r"),
        "coach's files": (str(home_file), "r"),
        "another log file": (str(room / "logs" / "lain.txt"), "w"),
    }
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(env), json.dumps(probes)], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {"own workspace write": "ok", "presence write": "ok", "error log append": "ok",
                      "installation read": "ok", "another workspace": "denied", "another workspace write": "denied",
                      "room codes": "denied", "coach's files": "denied", "another log file": "denied"}, result
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["event"] == "confined" and line["landlock_abi"] >= 1 and line["workspace"] == str(ani)


def test_without_landlock_the_app_runs_and_the_log_says_it_is_not_confined(tmp_path: Path) -> None:
    script = ("import tui.serve.landlock as l, json, sys\nl.abi_version = lambda: 0\n"
              "from tui.serve.zygote import confine_child\n"
              f"confine_child({{'SPBE_PLANNER_WORKSPACE': {str(tmp_path)!r}}})\n"
              f"open({str(tmp_path.parent / 'x.txt')!r}, 'w').write('x')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["what"] == "not confined by the kernel" and line["reason"] == "landlock unavailable"
