"""A real `spbe-planner serve --web` on 127.0.0.1 (no SSH door), and helpers to talk to it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.core.resources import scenarios_dir
from tui.core.room import Room


@dataclass
class WebServer:
    room: Room
    url: str
    proc: subprocess.Popen[str]
    tmp: Path

    def log(self) -> str:
        return (self.tmp / "serve.log").read_text()

    def code(self, user: str) -> str:
        return self.room.new_code(user)

    def seed(self, user: str, name: str = "contoh-target-baik.toml") -> Path:
        target = self.room.ensure_workspace(user) / name
        target.write_bytes((scenarios_dir() / name).read_bytes())
        return target

    def app_processes(self) -> list[int]:
        """The app processes alive under the fork server (each browser tab is one)."""
        zygotes = [p for p in _children(self.proc.pid) if b"tui.serve.zygote" in _cmdline(p)]
        return [c for z in zygotes for c in _children(z)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def start_server(tmp: Path, *extra: str) -> WebServer:
    room = Room(tmp / "ruang")
    room.ensure()
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--room", str(room.dir), "--web",
                             "--web-port", "0", "--idle-minutes", "5", *extra],
                            stdout=subprocess.PIPE, stderr=log, text=True, cwd=tmp,
                            env={**os.environ, "SPBE_PLANNER_LANG": "id"})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"(https?://[\d.]+:\d+)/", line)
    assert match, f"no listening line: {line!r}\n{(tmp / 'serve.log').read_text()}"
    return WebServer(room, match.group(1), proc, tmp)


def stop_server(srv: WebServer) -> None:
    srv.proc.send_signal(signal.SIGTERM)
    try:
        srv.proc.wait(20)
    except subprocess.TimeoutExpired:
        srv.proc.kill()


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    srv = start_server(tmp_path_factory.mktemp("web"))
    yield srv
    stop_server(srv)
