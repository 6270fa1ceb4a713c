"""One participant's SSH session: the channel, and the app on its pty (tui.serve.pty_child) behind it.

The client's size is set on the pty before the app starts, so its first frame is right; later
resizes go to the pty and the kernel tells the app (SIGWINCH), exactly as in a local terminal.
When the channel goes, the app's process group is hung up, killed after a grace period, and the
fork server reaps it. A slow client only stalls its own app: while the channel's buffer is full
we stop reading the pty, and the app's writes wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import TYPE_CHECKING, Any

import asyncssh

from tui.presentation.catalogue import t
from tui.serve.lenient_input import LenientInput
from tui.serve.pty_child import PtyChild
from tui.serve.watch import Watched

if TYPE_CHECKING:
    from tui.serve.context import ServeContext

FIRST_FRAME_WAIT_S = 20.0


class AppSession(asyncssh.SSHServerSession[bytes], Watched):  # the server runs with encoding=None: bytes
    def __init__(self, ctx: ServeContext, user: str, info: dict[str, Any]) -> None:
        self.ctx, self.user, self.info = ctx, user, info
        self.chan: Any = None
        self.term: str | None = None
        self.size = (80, 24)
        self.child = PtyChild(ctx, info)
        self.input = LenientInput()  # the app reads strict UTF-8; a Latin-1 terminal's "é" must not end it
        self.paused_at: float | None = None
        self.last_input = time.monotonic()
        self.reason = "closed"
        self.first_frame = asyncio.Event()
        self.counted = False
        self.ended = False
        self.goodbye: str | None = None
        self.tasks: set[asyncio.Future[None]] = set()

    # -- requests from the client ---------------------------------------------------------------
    def connection_made(self, chan: Any) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:
        self.term = term_type
        self.size = self.ctx.limits.clamp(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.ctx.log("refused", what="exec", **self.info)
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self.ctx.log("refused", what=f"subsystem {subsystem[:32]}", **self.info)
        return False

    def break_received(self, msec: int) -> bool:
        return True

    def signal_received(self, signal: str) -> None:
        return None  # a participant cannot signal the app from the client

    def session_started(self) -> None:
        if self.term is None:
            self.ctx.log("refused", what="no terminal", **self.info)
            self._refuse("serve_need_tty")
            return
        refusal = self.ctx.admit(self.user)
        if refusal:
            self.ctx.log("refused", what=refusal, **self.info)
            self._refuse(refusal)
            return
        self.ctx.opened(self.user)
        self.counted = True
        self.ctx.live.add(self)
        self._task(self._start())

    def _refuse(self, key: str) -> None:
        self.chan.write_stderr(f"spbe-planner: {t(key, self.ctx.lang)}\r\n".encode())
        self.chan.exit(1)

    # -- starting the app -----------------------------------------------------------------------
    async def _start(self) -> None:
        ctx, child = self.ctx, self.child
        try:
            async with ctx.startups:  # caps how many apps paint their first frame at once
                ws = ctx.room.ensure_workspace(self.user)
                env = ctx.child_env(self.user, ws, self.term or "", self.chan.get_environment())
                pid = await child.spawn(ws, env, self.size)
                if self.ended:  # the client left while the app was being forked: end it at once
                    child.kill()
                    self._task(self._watch_exit())
                    return
                self.mark_started()
                ctx.log("start", pid=pid, cols=self.size[0], rows=self.size[1], **self.info)
                child.start_reading(self._readable)
                self._task(self._watch_exit())
                self._schedule_idle_check()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.first_frame.wait(), FIRST_FRAME_WAIT_S)
        except Exception as exc:
            ctx.log("error", what="start failed", error=f"{type(exc).__name__}: {exc}", **self.info)
            self._finish(1, "serve_start_failed")

    def _task(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)  # held until done: the loop keeps only weak references to tasks
        task.add_done_callback(self.tasks.discard)

    # -- relay ----------------------------------------------------------------------------------
    def _readable(self) -> None:
        data = self.child.read()
        if data is None:
            return
        if not data:
            # Every holder of the pty's other end is gone: the app has exited.
            self.child.stop_reading()
            self._task(self._end_after_exit())
            return
        self.first_frame.set()
        self.chan.write(data)
        self.mirror(data)

    def data_received(self, data: bytes, datatype: object) -> None:
        self.last_input = time.monotonic()
        self.ctx.activity(self.user)
        self.child.write(self.input.feed(data))

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self.size = self.ctx.limits.clamp(width, height)
        self.child.resize(self.size)

    def pause_writing(self) -> None:
        self.paused_at = time.monotonic()
        self.child.stop_reading(keep_fd=True)

    def resume_writing(self) -> None:
        self.paused_at = None
        if not self.ended:
            self.child.resume_reading()

    def eof_received(self) -> bool:
        self.hang_up("eof")
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.hang_up("disconnect")

    # -- supervision ----------------------------------------------------------------------------
    def _schedule_idle_check(self) -> None:
        asyncio.get_running_loop().call_later(30, self._check_idle)

    def _check_idle(self) -> None:
        if self.ended:
            return
        now = time.monotonic()
        if now - self.last_input > self.ctx.limits.idle_s:
            self.reason = "idle"
            self.hang_up("idle", message="serve_idle")
        elif self.paused_at is not None and now - self.paused_at > self.ctx.limits.slow_reader_s:
            self.hang_up("slow reader")
            with contextlib.suppress(Exception):
                self.chan.close()
        else:
            self._schedule_idle_check()

    def hang_up(self, reason: str, message: str | None = None) -> None:
        """SIGHUP to the app's process group now, SIGKILL after the grace period if it lingers."""
        if self.ended:
            return
        self.reason = reason
        self.goodbye = message
        if self.child.pid is None:
            # Still starting: finishing now makes _start kill the app as soon as it has a pid.
            self._finish(1)
            return
        self.child.hang_up()

    async def _watch_exit(self) -> None:
        status = await self.child.wait_exit()
        # The pty may still hold the last frame: give the reader a moment, then finish.
        await asyncio.sleep(0.05)
        self._finish(1 if status is None else status, self.goodbye)

    async def _end_after_exit(self) -> None:
        if self.child.pid is None:
            self._finish(1)
            return
        await self.child.wait_exit_within(self.ctx.limits.grace_s)

    def _finish(self, status: int, message: str | None = None) -> None:
        if self.ended:
            return
        self.ended = True
        self.first_frame.set()
        self.end_watches()
        if self.reason != "disconnect":  # what the app wrote last restores the client's screen
            self.child.drain(self.chan.write)
        self.child.stop_reading()
        if self.counted:
            self.ctx.closed(self.user)
            self.ctx.live.discard(self)
        self.ctx.log("stop", pid=self.child.pid, status=status, reason=self.reason, **self.info)
        with contextlib.suppress(Exception):
            if message:
                self.chan.write_stderr(f"\r\nspbe-planner: {t(message, self.ctx.lang)}\r\n".encode())
            self.chan.exit(status if 0 <= status < 256 else 1)

