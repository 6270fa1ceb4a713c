"""The browser door's relay: one browser tab's app, between its websocket and its pty.

The app runs Textual's web driver on a raw pty (tui.serve.pty_child, the lifecycle the SSH door
shares); what it writes is unpacked (tui.serve.web_protocol) into terminal output, sent to the
tab, and offers of files, registered as downloads only this login can fetch.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from tui.core.served_contract import DOOR_ENV
from tui.presentation.catalogue import t
from tui.serve import web_protocol as wire
from tui.serve.pty_child import PtyChild
from tui.serve.watch import Watched
from tui.serve.web_auth import Login

if TYPE_CHECKING:
    from tui.serve.webdoor import WebDoor

CHUNK = 64 * 1024
MAX_QUEUED_OUTPUT = 4 << 20


@dataclass
class Download:
    """A file the app offers: the browser asks for ``key``, the app knows it as ``app_key``."""

    key: str
    app_key: str
    relay: WebSession
    name: str
    mime: str
    encoding: str | None
    chunks: asyncio.Queue[bytes | None] = field(default_factory=asyncio.Queue)


class WebSession(Watched):
    """One browser tab's app: the pty, the process, and the relay between it and the websocket."""

    def __init__(self, door: WebDoor, login: Login, ws: web.WebSocketResponse, size: tuple[int, int],
                 peer: str) -> None:
        self.door, self.ctx, self.login, self.ws, self.size = door, door.ctx, login, ws, size
        self.user = login.user
        self.info: dict[str, Any] = {"user": login.user, "door": "web", "auth": login.method, "peer": peer}
        self.child = PtyChild(door.ctx, self.info)
        self.reader = wire.PacketReader()
        self.out: asyncio.Queue[bytes | str | None] = asyncio.Queue()
        self.queued = 0
        self.ended = False
        self.reason = "closed"
        self.last_input = time.monotonic()
        self.workspace: Path | None = None
        self.deliveries: dict[str, Download] = {}  # the app's delivery key -> its download
        self.tasks: set[asyncio.Future[Any]] = set()

    async def run(self) -> None:
        refusal = self.ctx.admit(self.user)
        if refusal:
            self.ctx.log("refused", what=refusal, **self.info)
            await self.ws.send_bytes(f"spbe-planner: {t(refusal, self.ctx.lang)}\r\n".encode())
            await self.ws.close()
            return
        self.ctx.opened(self.user)
        self.ctx.live.add(self)
        sender = asyncio.ensure_future(self._send_loop())
        idle = asyncio.get_running_loop().call_later(30, self._check_idle)
        try:
            await self._start()
            if not self.ended:
                await self._browser_loop()
        finally:
            idle.cancel()
            self.hang_up(self.reason if self.reason != "closed" else "tab closed")
            status = await self.child.wait_exit()
            self.out.put_nowait(None)
            with contextlib.suppress(Exception):
                await sender
            self.child.stop_reading()
            self.ctx.closed(self.user)
            self.ctx.live.discard(self)
            for key in [k for k, d in self.door.downloads.items() if d.relay is self]:
                del self.door.downloads[key]
            for item in self.deliveries.values():
                item.chunks.put_nowait(None)
            self.ctx.log("stop", pid=self.child.pid, status=status, reason=self.reason, **self.info)
            with contextlib.suppress(Exception):
                await self.ws.close()

    async def _start(self) -> None:
        ctx = self.ctx
        try:
            async with ctx.startups:
                self.workspace = ws = ctx.room.ensure_workspace(self.user)
                env = ctx.child_env(self.user, ws, "xterm-256color", {})
                env.update({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
                            "COLUMNS": str(self.size[0]), "ROWS": str(self.size[1]),
                            "TEXTUAL_COLOR_SYSTEM": "truecolor", DOOR_ENV: "web"})
                await self.child.spawn(ws, env, self.size, raw=True)  # the web driver's packets pass byte for byte
        except Exception as exc:
            ctx.log("error", what="start failed", error=f"{type(exc).__name__}: {exc}", **self.info)
            self.ended = True
            with contextlib.suppress(Exception):
                await self.ws.send_bytes(f"spbe-planner: {t('serve_start_failed', ctx.lang)}\r\n".encode())
            return
        if self.ws.closed:  # the tab went while the app was being forked: end it at once
            self.reason = "tab closed during start-up"
            return
        self.mark_started()
        ctx.log("start", pid=self.child.pid, cols=self.size[0], rows=self.size[1], **self.info)
        self.child.start_reading(self._readable)

    # -- app → browser --------------------------------------------------------------------------
    def _readable(self) -> None:
        data = self.child.read()
        if data is None:
            return
        if not data:
            self.child.stop_reading(keep_fd=True)  # closed once the app is reaped
            if not self.ended:  # after a hang-up the app's exit is ours, not news
                self.reason = "app exited"
            self._close_ws()
            return
        try:
            for kind, payload in self.reader.feed(data):
                self._packet(kind, payload)
        except wire.ProtocolError as exc:
            self.ctx.log("error", what="web protocol", error=str(exc), **self.info)
            self.child.stop_reading(keep_fd=True)
            self._close_ws()

    def _packet(self, kind: bytes, payload: bytes) -> None:
        if kind == b"D":
            self._queue(payload)
            self.mirror(payload)
            return
        if kind == b"P":
            value = wire.unpack(payload)
            if isinstance(value, tuple | list) and len(value) == 3 and value[0] == "deliver_chunk":
                item = self.deliveries.get(str(value[1]))
                if item is not None:
                    chunk = value[2]
                    item.chunks.put_nowait(chunk.encode(item.encoding or "utf-8") if isinstance(chunk, str)
                                           else bytes(chunk))
            return
        message = json.loads(payload)
        kind_ = message.get("type") if isinstance(message, dict) else None
        if kind_ == "exit":
            if not self.ended:
                self.reason = "app exited"
            self._close_ws()
        elif kind_ == "deliver_file_start":
            self._offer(message)

    def _offer(self, message: dict[str, Any]) -> None:
        """Register a download the app offers, under a fresh key of ours."""
        name = Path(str(message.get("path", "berkas"))).name[:120] or "berkas"
        encoding = message.get("encoding")
        item = Download(secrets.token_urlsafe(18), str(message.get("key", ""))[:100], self, name,
                        str(message.get("mime_type") or "application/octet-stream")[:100],
                        encoding if isinstance(encoding, str) else None)
        if len(self.deliveries) >= 20:  # offered and never fetched: the oldest goes
            old = self.deliveries.pop(next(iter(self.deliveries)))
            self.door.downloads.pop(old.key, None)
        self.door.downloads[item.key] = item
        self.deliveries[item.app_key] = item
        self._queue(json.dumps(["deliver_file_start", item.key]))

    def _queue(self, data: bytes | str) -> None:
        self.queued += len(data)
        self.out.put_nowait(data)
        if self.queued > MAX_QUEUED_OUTPUT:  # a tab that does not read: stop reading the app
            self.child.stop_reading(keep_fd=True)

    async def _send_loop(self) -> None:
        while (data := await self.out.get()) is not None:
            self.queued -= len(data)
            try:
                if isinstance(data, str):
                    await self.ws.send_str(data)
                else:
                    await self.ws.send_bytes(data)
            except (ConnectionResetError, RuntimeError):
                return
            if self.queued < MAX_QUEUED_OUTPUT // 2 and not self.ended:
                self.child.resume_reading()

    # -- browser → app --------------------------------------------------------------------------
    async def _browser_loop(self) -> None:
        async for message in self.ws:
            if message.type != WSMsgType.TEXT:
                continue
            parsed = wire.browser_message(message.data)
            if parsed is None:
                continue  # not a message of the browser client (nested 100,000 deep ended the session)
            kind, data = parsed
            if kind == "stdin" and isinstance(data, str):
                self.last_input = time.monotonic()
                self.ctx.activity(self.user)
                self._write(wire.keys(data))
            elif kind == "resize" and isinstance(data, dict):
                self.size = self.ctx.limits.clamp(whole_or_zero(data.get("width")), whole_or_zero(data.get("height")))
                self.child.resize(self.size)
                self.send_meta({"type": "resize", "width": self.size[0], "height": self.size[1]})
            elif kind == "ping":
                self._queue(json.dumps(["pong", data if isinstance(data, str | int) else ""]))
            elif kind in ("focus", "blur"):
                self.send_meta({"type": kind})

    def send_meta(self, message: dict[str, Any]) -> bool:
        return self._write(wire.meta(message))

    def _write(self, packet: bytes) -> bool:
        return not self.ended and self.child.write(packet)

    # -- supervision ----------------------------------------------------------------------------
    def _check_idle(self) -> None:
        if self.ended:
            return
        if time.monotonic() - self.last_input > self.ctx.limits.idle_s:
            self.reason = "idle"
            self._close_ws()
        else:
            asyncio.get_running_loop().call_later(30, self._check_idle)

    def hang_up(self, reason: str, message: str | None = None) -> None:
        """SIGHUP to the app's process group now, SIGKILL after the grace period if it lingers."""
        if self.ended:
            return
        self.ended = True
        self.reason = reason
        self.end_watches()
        self.child.hang_up()
        if not self.ws.closed:
            self._close_ws()

    def _close_ws(self) -> None:
        task = asyncio.ensure_future(self.ws.close())
        self.tasks.add(task)  # held until done: the loop keeps only weak references to tasks
        task.add_done_callback(self.tasks.discard)


def whole_or_zero(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
