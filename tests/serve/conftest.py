"""A real `spbe-planner serve` on 127.0.0.1 and real OpenSSH clients on pseudo-terminals.

The client's screen is rebuilt with pyte, so tests assert what a participant would read.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyte
import pytest

from tests.process_tree import app_processes
from tui.core.resources import scenarios_dir
from tui.core.room.folder import Room

SSH = shutil.which("ssh")
if SSH is None:
    # CI installs openssh-client, so there a missing client is a failure, not a skip.
    if os.environ.get("CI"):
        raise RuntimeError("the serve tests need an OpenSSH client (ssh) and CI should have installed it")
    pytest.skip("no OpenSSH client on this machine", allow_module_level=True)


@dataclass
class Server:
    room: Room
    port: int
    proc: subprocess.Popen[str]
    tmp: Path

    def log(self) -> str:
        return (self.tmp / "serve.log").read_text()

    def key(self, user: str) -> Path:
        """A fresh key pair for ``user``, registered in the room; returns the private key file."""
        path = self.tmp / f"id_{user}"
        if not path.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
        self.room.add_keys(user, path.with_suffix(".pub"))
        return path

    def stray_key(self) -> Path:
        path = self.tmp / "id_stray"
        if not path.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
        return path

    def ssh_args(self, user: str, key: Path | None, *extra: str) -> list[str]:
        # ssh keeps the first value it is given for an option: the test's own options go first, so a
        # test's IdentityAgent=… wins over the default of no agent.
        args = [SSH or "ssh", "-p", str(self.port), "-F", "/dev/null", *extra,
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=10"]
        if key is not None:
            args += ["-i", str(key)]
        return [*args, f"{user}@127.0.0.1"]

    def run(self, user: str, key: Path | None, *extra: str, command: list[str] | None = None,
            timeout: float = 20, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.ssh_args(user, key, *extra), *(command or [])], capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env)

    def zygote_children(self) -> list[int]:
        """The app processes alive under the fork server (each session is one)."""
        return app_processes(self.proc.pid)




@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve")
    room = Room(tmp / "ruang")
    room.ensure()
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--room", str(room.dir), "--port", "0",
                             "--idle-minutes", "5"],
                            stdout=subprocess.PIPE, stderr=log, text=True, cwd=tmp,
                            env={**os.environ, "SPBE_PLANNER_LANG": "id"})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r":(\d+),", line)
    assert match, f"no listening line: {line!r}\n{(tmp / 'serve.log').read_text()}"
    fingerprint = proc.stdout.readline()
    assert "SHA256:" in fingerprint
    srv = Server(room, int(match.group(1)), proc, tmp)
    yield srv
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


class Client:
    """An interactive `ssh -t` on its own pseudo-terminal, with a pyte screen of what it shows."""

    def __init__(self, args: list[str], cols: int = 100, rows: int = 30, env: dict[str, str] | None = None) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child becomes ssh
            os.execvpe(args[0], args, {**os.environ, "TERM": "xterm-256color", **(env or {})})
        self.resize(cols, rows, notify=False)
        self.raw = bytearray()

    def resize(self, cols: int, rows: int, notify: bool = True) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if notify:
            self.screen.resize(rows, cols)
            os.kill(self.pid, signal.SIGWINCH)

    def pump(self, seconds: float = 0.05) -> None:
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.raw += data
            self.stream.feed(data)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str | re.Pattern[str], timeout: float = 15) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            text = self.text
            if (needle.search(text) if isinstance(needle, re.Pattern) else needle in text):
                return text
        raise AssertionError(f"{needle!r} not on screen after {timeout}s:\n{self.text}\n-- raw tail: "
                             f"{bytes(self.raw[-400:])!r}")

    def send(self, data: str | bytes) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def exited(self, timeout: float = 10) -> int | None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                return os.waitstatus_to_exitcode(status)
        return None

    def kill(self) -> None:
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0
        with contextlib.suppress(OSError):
            os.close(self.fd)


@pytest.fixture
def connect(server: Server) -> Iterator:  # type: ignore[type-arg]
    clients: list[Client] = []

    def open_client(user: str, key: Path | None, *extra: str, cols: int = 100, rows: int = 30,
                    env: dict[str, str] | None = None) -> Client:
        client = Client(server.ssh_args(user, key, "-t", *extra), cols, rows, env)
        clients.append(client)
        return client

    yield open_client
    for c in clients:
        c.kill()


def seed(server: Server, user: str, name: str = "mine.toml") -> Path:
    ws = server.room.ensure_workspace(user)
    target = ws / name
    shutil.copy(scenarios_dir() / "contoh-target-baik.toml", target)
    return target
