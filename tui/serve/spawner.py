"""The server's side of the fork server: start it, ask it for sessions, learn when they exit."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

from tui.serve.app_spec import ServedApp

READY_TIMEOUT_S = 120.0


class SpawnError(RuntimeError):
    pass


@dataclass
class Spawner:
    """Owns the zygote process; restarts it when it is gone."""

    env: dict[str, str]
    app: ServedApp
    proc: subprocess.Popen[bytes] | None = None
    sock: socket.socket | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _pending: dict[int, asyncio.Future[int]] = field(default_factory=dict)
    _exits: dict[int, asyncio.Future[int]] = field(default_factory=dict)
    _ready: asyncio.Future[None] | None = None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.serve.zygote", str(theirs.fileno()), *self.app.argv()],
            pass_fds=[theirs.fileno()], env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            start_new_session=True)
        theirs.close()
        ours.setblocking(False)
        self.sock = ours
        self._ready = loop.create_future()
        loop.add_reader(ours, self._readable)
        try:
            await asyncio.wait_for(asyncio.shield(self._ready), READY_TIMEOUT_S)
        except (TimeoutError, SpawnError):
            await self.close()
            raise

    @property
    def alive(self) -> bool:
        return self.sock is not None and self.proc is not None and self.proc.poll() is None

    def _readable(self) -> None:
        assert self.sock is not None
        try:
            data = self.sock.recv(1 << 16)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._lost()
            return
        self._dispatch(json.loads(data))

    def _dispatch(self, msg: dict[str, Any]) -> None:
        if "ready" in msg and self._ready is not None and not self._ready.done():
            if msg["ready"]:
                self._ready.set_result(None)
            else:
                self._ready.set_exception(SpawnError(msg.get("error", "fork server failed")))
        elif "exit" in msg:
            done = self.exit_future(msg["exit"])
            if not done.done():
                done.set_result(msg["status"])
        elif "id" in msg:
            fut = self._pending.pop(msg["id"], None)
            if fut is not None and not fut.done():
                if "pid" in msg:
                    fut.set_result(msg["pid"])
                else:
                    fut.set_exception(SpawnError(msg.get("error", "spawn failed")))

    def _lost(self) -> None:
        """The zygote died: pending spawns fail; children it still had can no longer report."""
        if self.sock is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self.sock)
            self.sock.close()
            self.sock = None
        futures: list[asyncio.Future[Any]] = [*self._pending.values(), *([self._ready] if self._ready else [])]
        for fut in futures:
            if not fut.done():
                fut.set_exception(SpawnError("fork server exited"))
        self._pending.clear()

    def exit_future(self, pid: int) -> asyncio.Future[int]:
        fut = self._exits.get(pid)
        if fut is None:
            fut = self._exits[pid] = asyncio.get_running_loop().create_future()
        return fut

    def forget(self, pid: int) -> None:
        self._exits.pop(pid, None)

    async def spawn(self, argv: list[str], env: dict[str, str], cwd: str, slave_fd: int,
                    limits: dict[str, int]) -> int:
        if not self.alive:
            await self.close()
            await self.start()
        assert self.sock is not None
        request_id = next(self._ids)
        fut: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = fut
        payload = json.dumps({"id": request_id, "argv": argv, "env": env, "cwd": cwd, "limits": limits})
        try:
            socket.send_fds(self.sock, [payload.encode()], [slave_fd])
        except OSError as exc:
            self._pending.pop(request_id, None)
            raise SpawnError(f"fork server unreachable: {exc}") from None
        pid = await asyncio.wait_for(fut, 30)
        self.exit_future(pid)  # created now, so an early exit message has a place to land
        return pid

    async def close(self) -> None:
        """Closing the socket tells the zygote to hang up, kill and reap its children, then exit."""
        self._lost()
        proc, self.proc = self.proc, None
        if proc is not None:
            loop = asyncio.get_running_loop()
            try:
                await asyncio.wait_for(loop.run_in_executor(None, proc.wait), 10)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, 9)
                await loop.run_in_executor(None, proc.wait)
