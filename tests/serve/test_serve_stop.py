"""Ctrl+C in the coach's terminal: the server hangs up every session cleanly and exits 0."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.serve.conftest import Client, Server, seed
from tui.core.room.folder import Room


def start(tmp: Path) -> Server:
    room = Room(tmp / "ruang")
    room.ensure()
    log = (tmp / "serve.log").open("w")
    # A process group of its own, as a shell gives a foreground job: Ctrl+C reaches all of it.
    proc = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--room", str(room.dir), "--port", "0",
                             "--idle-minutes", "5"], stdout=subprocess.PIPE, stderr=log, text=True, cwd=tmp,
                            env={**os.environ, "SPBE_PLANNER_LANG": "id"}, start_new_session=True)
    assert proc.stdout is not None
    match = re.search(r":(\d+),", proc.stdout.readline())
    assert match and "SHA256:" in proc.stdout.readline()
    return Server(room, int(match.group(1)), proc, tmp)


@pytest.mark.parametrize("round_", range(4))
def test_ctrl_c_with_two_sessions_open_exits_0(tmp_path: Path, round_: int) -> None:
    server = start(tmp_path)
    clients: list[Client] = []
    try:
        for user in ("ani", "budi"):
            seed(server, user)
            clients.append(Client(server.ssh_args(user, server.key(user), "-t")))
        for c in clients:
            c.wait_for("Indeks", timeout=30)
        os.killpg(server.proc.pid, signal.SIGINT)  # what the terminal sends the foreground job
        if round_ == 2:  # an impatient coach presses it again while the sessions are being hung up
            time.sleep(0.05)
            os.killpg(server.proc.pid, signal.SIGINT)
        if round_ == 3:  # ... and keeps pressing it until the server is gone, through its last instant
            deadline = time.monotonic() + 30
            while server.proc.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.proc.pid, signal.SIGINT)
                time.sleep(0.002)
        code = server.proc.wait(30)
        log = server.log()
        assert code == 0, log[-3000:]
        assert '"stopped"' in log and "Traceback" not in log
        assert log.count('"reason": "server stopping"') >= 2 or log.count("server stopping") >= 2, log[-3000:]
    finally:
        for c in clients:
            c.kill()
        if server.proc.poll() is None:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait(10)


def test_serve_clears_stale_temporaries_in_workspaces_at_start_up(tmp_path: Path) -> None:
    """A participant's save killed mid-write (kill -9) leaves a hidden temporary in the workspace."""
    room = Room(tmp_path / "ruang")
    room.ensure()
    workspace = room.dir / "ani"
    workspace.mkdir()
    stale, young = workspace / ".latihan.toml.a1b2.tmp", workspace / ".latihan.toml.c3d4.tmp"
    for f in (stale, young):
        f.write_text("setengah")
    os.utime(stale, (time.time() - 600, time.time() - 600))
    server = start(tmp_path)
    try:
        assert not stale.exists() and young.exists()
        assert '"temporaries cleared", "files": 1' in server.log()
    finally:
        os.killpg(server.proc.pid, signal.SIGINT)
        assert server.proc.wait(30) == 0
