"""A participant's app on a pseudo-terminal: the lifecycle both doors share.

Spawn (through the fork server, sized before the first frame), read what the app writes, write
what the participant types (bounded), resize, hang up (SIGHUP to the process group, SIGKILL after
the grace period if it lingers), and reap. The SSH door (tui.serve.session) and the browser door
(tui.serve.web_relay) differ only in what carries the bytes to the participant.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import pty
import signal
import struct
import termios
import tty
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.serve.context import ServeContext

# Input the app has not read yet, per participant: a paste flood while the app is busy is dropped
# beyond this rather than held without bound.
MAX_PENDING_INPUT = 64 * 1024
READ_CHUNK = 65536


def set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def app_argv(workspace: Path) -> list[str]:
    """Open the participant's most recently changed scenario, or the bundled demo when they have none."""
    files = sorted((p for p in workspace.glob("*.toml") if p.is_file() and not p.is_symlink()),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    return ["spbe-planner", *([files[0].name] if files else [])]


class PtyChild:
    """One app process on one pty. ``log`` records errors and kills with the session's details."""

    def __init__(self, ctx: ServeContext, info: dict[str, Any]) -> None:
        self.ctx, self.info = ctx, info
        self.master: int | None = None
        self.pid: int | None = None
        self.exit_status: int | None = None
        self.pending = bytearray()
        self._on_readable: Callable[[], None] | None = None

    async def spawn(self, workspace: Path, env: dict[str, str], size: tuple[int, int], *, raw: bool = False) -> int:
        """Start the app in ``workspace`` on a new pty of ``size``; ``raw``: no line discipline
        (the web driver's packets must pass byte for byte)."""
        master, slave = pty.openpty()
        if raw:
            tty.setraw(slave)
        self.master = master
        set_winsize(master, *size)
        try:
            self.pid = await self.ctx.spawner.spawn(app_argv(workspace), env, str(workspace), slave,
                                                    self.ctx.limits.rlimits)
        finally:
            os.close(slave)
        return self.pid

    # -- reading --------------------------------------------------------------------------------
    def start_reading(self, on_readable: Callable[[], None]) -> None:
        assert self.master is not None
        self._on_readable = on_readable
        os.set_blocking(self.master, False)
        asyncio.get_running_loop().add_reader(self.master, on_readable)

    def resume_reading(self) -> None:
        if self.master is not None and self._on_readable is not None:
            with contextlib.suppress(ValueError, OSError):
                asyncio.get_running_loop().add_reader(self.master, self._on_readable)

    def read(self) -> bytes | None:
        """What the app wrote; b"" once every holder of the pty's other end is gone (the app has
        exited); None when there is nothing yet."""
        assert self.master is not None
        try:
            return os.read(self.master, READ_CHUNK)
        except BlockingIOError:
            return None
        except OSError as exc:
            if exc.errno != errno.EIO:
                self.ctx.log("error", what="pty read", error=str(exc), **self.info)
            return b""

    def stop_reading(self, *, keep_fd: bool = False) -> None:
        """Stop reading (``keep_fd``: for now, the participant is not keeping up), else close the pty."""
        if self.master is None:
            return
        loop = asyncio.get_running_loop()
        loop.remove_reader(self.master)
        if keep_fd:
            return
        loop.remove_writer(self.master)
        with contextlib.suppress(OSError):
            os.close(self.master)
        self.master = None

    def drain(self, send: Callable[[bytes], object]) -> None:
        """Forward what the app wrote last (it restores the participant's screen) before closing."""
        if self.master is None:
            return
        for _ in range(64):
            try:
                data = os.read(self.master, READ_CHUNK)
            except OSError:
                return
            if not data:
                return
            with contextlib.suppress(Exception):
                send(data)

    # -- writing --------------------------------------------------------------------------------
    def write(self, data: bytes) -> bool:
        """Queue the participant's input for the app; False when dropped (no app, or a flood)."""
        if self.master is None:
            return False
        if len(self.pending) + len(data) > MAX_PENDING_INPUT:
            return False
        self.pending += data
        self._flush()
        return True

    def _flush(self) -> None:
        """Write what the pty takes now; the rest when it can take more (never blocking the loop)."""
        master = self.master
        if master is None:
            return
        loop = asyncio.get_running_loop()
        try:
            written = os.write(master, self.pending)
            del self.pending[:written]
        except BlockingIOError:
            pass
        except OSError:
            self.pending.clear()
        if self.pending:
            loop.add_writer(master, self._flush)
        else:
            loop.remove_writer(master)

    def resize(self, size: tuple[int, int]) -> None:
        if self.master is not None:
            with contextlib.suppress(OSError):
                set_winsize(self.master, *size)

    # -- ending ---------------------------------------------------------------------------------
    def hang_up(self) -> None:
        """SIGHUP to the app's process group now, SIGKILL after the grace period if it lingers."""
        pid = self.pid
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGHUP)
        asyncio.get_running_loop().call_later(self.ctx.limits.grace_s, self.kill)

    def kill(self) -> None:
        if self.pid is not None and self.exit_status is None:
            self.ctx.log("kill", pid=self.pid, **self.info)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)

    async def wait_exit(self) -> int | None:
        """The app's exit status, once the fork server has reaped it (None: it never started)."""
        if self.pid is None:
            return None
        if self.exit_status is None:
            self.exit_status = await self.ctx.spawner.exit_future(self.pid)
        self.ctx.spawner.forget(self.pid)
        return self.exit_status

    async def wait_exit_within(self, seconds: float) -> None:
        """Wait for the exit at most ``seconds`` (the pty closed: the app is ending), then kill."""
        if self.pid is None:
            return
        if self.exit_status is None:
            with contextlib.suppress(TimeoutError):
                self.exit_status = await asyncio.wait_for(asyncio.shield(self.ctx.spawner.exit_future(self.pid)),
                                                          seconds)
        self.kill()
