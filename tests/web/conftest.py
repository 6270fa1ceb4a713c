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

from tests.process_tree import app_processes
from tui.core.resources import scenarios_dir
from tui.core.room.folder import Room


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
        return app_processes(self.proc.pid)




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
