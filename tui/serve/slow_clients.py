"""Slow clients cannot hold the browser door's connections open.

aiohttp closes idle keep-alive connections, but waits without end for a request's head: fifty
connections sending a header byte now and then held the server for as long as they liked. Each
connection must finish its first request head within HEAD_TIMEOUT_S; request bodies (forms of a
few hundred bytes) are read with BODY_TIMEOUT_S by the door's handlers. The websocket that
follows a request is not bounded here: its heartbeat and the app's idle limit govern it.

The wrapper is a plain asyncio protocol in front of aiohttp's, installed through the public
``AppRunner.server`` factory that ``TCPSite`` reads.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

HEAD_TIMEOUT_S = 10.0
BODY_TIMEOUT_S = 10.0
IDLE_KEEPALIVE_S = 15.0  # between requests on one connection (aiohttp's default is 75 s)


class HeadDeadline(asyncio.Protocol):
    """Close the connection unless its first request head (ending in a blank line) arrives in time."""

    def __init__(self, inner: Any, seconds: float = HEAD_TIMEOUT_S) -> None:
        self.inner = inner
        self.seconds = seconds
        self.transport: asyncio.BaseTransport | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.tail = b""  # the last bytes seen, so a blank line split across reads is found

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.timer = asyncio.get_running_loop().call_later(self.seconds, self._expire)
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self.timer is not None:
            seen = self.tail + data
            if b"\r\n\r\n" in seen or b"\n\n" in seen:
                self.timer.cancel()
                self.timer = None
            self.tail = seen[-3:]
        self.inner.data_received(data)

    def _expire(self) -> None:
        self.timer = None
        if self.transport is not None:
            self.transport.close()

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()  # type: ignore[no-any-return]

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()


class BoundedRunner(web.AppRunner):
    """An AppRunner whose connections each get a HeadDeadline in front, and a short keep-alive."""

    def __init__(self, app: web.Application, **kwargs: Any) -> None:
        super().__init__(app, keepalive_timeout=IDLE_KEEPALIVE_S, **kwargs)

    @property
    def server(self) -> Any:
        inner = super().server
        if inner is None:
            return None
        return lambda: HeadDeadline(inner())


async def read_form(request: web.Request) -> Any:
    """A form's body within BODY_TIMEOUT_S, or an HTTP 408."""
    try:
        return await asyncio.wait_for(request.post(), BODY_TIMEOUT_S)
    except TimeoutError:
        raise web.HTTPRequestTimeout() from None
