"""The coach's eye: a read-only live mirror of one participant's screen, over either door.

The server listens on ``control.sock`` in the room folder (mode 0600 inside the 0700 room: only the
coach's account can reach it). `spbe-planner room watch USER` sends ``{"watch": USER}``; the
server answers with the session's door and size, then copies to the watcher every byte of
terminal output that session's app writes, until either side goes. Nothing the watcher sends
reaches the app.

When a watch starts or ends the server keeps ``online/<user>.<pid>.watched`` (present while
watched) and sends the app SIGUSR1: the app shows "dilihat pelatih" and repaints the whole screen,
so a watcher who joins mid-session starts from a complete picture.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.served_contract import control_socket, watched_flag

if TYPE_CHECKING:
    from tui.serve.context import ServeContext
    from tui.serve.pty_child import PtyChild

MAX_WATCHER_BUFFER = 2 << 20  # a watcher that stops reading is dropped, never the participant slowed


class Watched:
    """What a session of either door keeps to be watched (mixed into AppSession and WebSession)."""

    ctx: ServeContext
    user: str
    child: PtyChild
    info: dict[str, Any]

    @property
    def pid(self) -> int | None:
        return self.child.pid

    def _watchers(self) -> set[asyncio.StreamWriter]:
        found: set[asyncio.StreamWriter] | None = getattr(self, "_watch_set", None)
        if found is None:
            found = set()
            self._watch_set = found
        return found

    @property
    def started_at(self) -> float:
        value: float = getattr(self, "_started_at", 0.0)
        return value

    def mark_started(self) -> None:
        self._started_at = time.monotonic()

    def terminal_size(self) -> tuple[int, int]:
        size: tuple[int, int] = getattr(self, "size", (80, 24))
        return size

    def mirror(self, data: bytes) -> None:
        """Copy terminal output to every watcher; drop one whose buffer overflows."""
        for w in list(self._watchers()):
            if w.is_closing() or w.transport.get_write_buffer_size() > MAX_WATCHER_BUFFER:
                self._watchers().discard(w)
                w.close()
                self._watch_flag()
                continue
            w.write(data)

    def add_watcher(self, writer: asyncio.StreamWriter) -> None:
        self._watchers().add(writer)
        self._watch_flag()

    def remove_watcher(self, writer: asyncio.StreamWriter) -> None:
        self._watchers().discard(writer)
        self._watch_flag()

    def _watch_flag(self) -> None:
        """Keep the flag file in step with the watchers, and tell the app (it repaints in full)."""
        if self.pid is None:
            return
        flag = watched_flag(self.ctx.room.dir, self.user, self.pid)
        with contextlib.suppress(OSError):
            if self._watchers():
                flag.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                flag.touch()
            else:
                flag.unlink(missing_ok=True)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGUSR1)

    def end_watches(self) -> None:
        for w in list(self._watchers()):
            w.close()
        self._watchers().clear()
        if self.pid is not None:
            with contextlib.suppress(OSError):
                (watched_flag(self.ctx.room.dir, self.user, self.pid)).unlink(missing_ok=True)


def control_path(room_dir: Path) -> Path:
    return control_socket(room_dir)


async def start_control(ctx: ServeContext) -> asyncio.AbstractServer:
    path = control_path(ctx.room.dir)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # left by a server that was killed

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _serve_watcher(ctx, reader, writer)

    old = os.umask(0o177)
    try:
        server = await asyncio.start_unix_server(handle, path=str(path))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    return server


async def _serve_watcher(ctx: ServeContext, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    session: Watched | None = None
    try:
        try:
            line = await asyncio.wait_for(reader.readline(), 10)
            user = str(json.loads(line[:1024]).get("watch", ""))[:40]
        except (TimeoutError, ValueError, AttributeError):
            return
        mine = [s for s in ctx.live if isinstance(s, Watched) and s.user == user and s.pid is not None]
        if not mine:
            writer.write(json.dumps({"error": "offline", "user": user}).encode() + b"\n")
            return
        session = max(mine, key=lambda s: s.started_at)
        cols, rows = session.terminal_size()
        writer.write(json.dumps({"ok": True, "user": user, "door": session.info.get("door"),
                                 "cols": cols, "rows": rows}).encode() + b"\n")
        session.add_watcher(writer)
        ctx.log("watch start", **session.info)
        while await reader.read(1024):  # the watcher's keys go nowhere; its EOF ends the watch
            pass
    finally:
        if session is not None:
            session.remove_watcher(writer)
            ctx.log("watch stop", **session.info)
        with contextlib.suppress(Exception):
            writer.close()
