"""The browser door: the same room and the same people as the SSH door, through a web browser.

- **Who gets in.** A login page asks for the user name and the join code (the SSH door's rules:
  once, expiry, lockout, rate limits per address and per user, the same scrypt work for unknown
  names), or the participant opens a one-time link the coach printed with `room link USER`. Either
  way the browser gets a session cookie (random, HttpOnly, SameSite=Strict, Secure under TLS)
  naming server-side state; no login, no app. Forms carry a CSRF token bound to a cookie.
- **The app.** Each browser tab gets its own app process from the same fork server, with the same
  workspace, confinement, rlimits and limits on sessions as over SSH. The app runs Textual's web
  driver on a raw pseudo-terminal, so closing the tab hangs up its process group exactly as a
  dropped SSH connection does (SIGHUP, then SIGKILL after the grace period). The page uses
  textual-serve's browser client (its ``textual.js`` and ``xterm.css``, served from this server:
  no third-party assets, so it works offline on a LAN).
- **Downloads.** An export or action plan written in the app is offered to the browser as a file
  download; only the session that made it can fetch it.

The relay between browser and app is ours (tui.serve.web_protocol); textual-serve's own server
starts one subprocess per connection, which is what the fork server replaces.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import json
import os
import pty
import random
import secrets
import signal
import ssl
import time
import tty
import urllib.parse
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from tui.core.errors import InputError
from tui.core.room.folder import dummy_code_check, valid_user
from tui.core.served_contract import DOOR_ENV
from tui.presentation.catalogue import t
from tui.serve import web_protocol as wire
from tui.serve.frontdoor import FAIL_DELAY_S
from tui.serve.session import MAX_PENDING_INPUT, app_argv, flush_to_pty, set_winsize
from tui.serve.slow_clients import BoundedRunner, read_form
from tui.serve.watch import Watched

if TYPE_CHECKING:
    from tui.serve.context import ServeContext

SESSION_COOKIE = "spbe_session"
FORM_COOKIE = "spbe_form"
LOGIN_HOURS = 12
FORM_TOKEN_S = 30 * 60
CHUNK = 64 * 1024
MAX_WS_MESSAGE = 256 * 1024
MAX_QUEUED_OUTPUT = 4 << 20


def _csp_host(request: web.Request) -> str:
    """The Host header as a CSP source: host[:port] characters only, else nothing usable."""
    host = request.headers.get("Host", "")
    return host if host and all(c.isalnum() or c in ".-:[]" for c in host) and len(host) <= 255 else "localhost"


def static_dir() -> Path:
    """textual-serve's browser client, as installed with the package."""
    return Path(str(resources.files("textual_serve") / "static"))


@dataclass
class Login:
    """A logged-in browser: server-side state the session cookie names."""

    sid: str
    user: str
    method: str
    peer: str
    expires: float
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))  # for the logout form


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


class WebDoor:
    def __init__(self, ctx: ServeContext, *, secure: bool = False, trust_proxy: bool = False) -> None:
        self.ctx, self.secure, self.trust_proxy = ctx, secure, trust_proxy
        self.logins: dict[str, Login] = {}
        self.form_tokens: dict[str, float] = {}
        self.downloads: dict[str, Download] = {}

    # -- the application ------------------------------------------------------------------------
    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._headers], client_max_size=64 * 1024)
        app.add_routes([
            web.get("/", self.login_page),
            web.post("/login", self.login),
            web.get("/link/{user}/{token}", self.link_page),
            web.post("/link", self.link_login),
            web.get("/app", self.app_page),
            web.post("/logout", self.logout),
            web.get("/ws", self.websocket),
            web.get("/download/{key}", self.download),
            web.get("/static/js/textual.js", self._static("js/textual.js", "text/javascript")),
            web.get("/static/css/xterm.css", self._static("css/xterm.css", "text/css")),
        ])
        return app

    @web.middleware
    async def _headers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response: web.StreamResponse = await handler(request)
        except web.HTTPException as exc:
            response = exc
        except Exception as exc:  # never a traceback to a participant: a plain page and a log line
            self.ctx.log("error", what="web request", door="web", path=request.path[:80],
                         error=f"{type(exc).__name__}: {exc}")
            response = self._page(t("web_error", self.ctx.lang), status=500)
        if not response.prepared:
            # Websockets to this host only: 'self' covers ws:/wss: of our own origin in CSP Level 3
            # browsers; the explicit URL covers the rest. Never ws: or wss: to any host.
            ws_self = f"{'wss' if self.scheme(request) == 'https' else 'ws'}://{_csp_host(request)}"
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                f"connect-src 'self' {ws_self}; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["X-Content-Type-Options"] = "nosniff"
            # A link's token never leaves in a Referer; "no-referrer" would also make browsers send
            # "Origin: null" on our own forms, which the same-origin check must refuse.
            response.headers["Referrer-Policy"] = "same-origin"
            response.headers["Cache-Control"] = "no-store"
        return response

    def _static(self, name: str, mime: str) -> Any:
        body = (static_dir() / name).read_bytes()  # once: textual.js is half a megabyte

        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=body, content_type=mime)
        return handler

    # -- who is asking --------------------------------------------------------------------------
    def peer(self, request: web.Request) -> str:
        """The client address, or behind a trusted reverse proxy the address it forwarded."""
        if self.trust_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()[:64]
        return (request.remote or "?")[:64]

    def login_of(self, request: web.Request) -> Login | None:
        sid = request.cookies.get(SESSION_COOKIE, "")
        login = self.logins.get(sid) if sid else None
        if login is None:
            return None
        if time.time() >= login.expires:
            self.logins.pop(sid, None)
            return None
        return login

    def same_origin(self, request: web.Request) -> bool:
        """A form post or websocket from a page of this server (a browser always sends Origin)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return False
        host = request.headers.get("Host", "")
        parts = urllib.parse.urlsplit(origin)
        # The scheme too: an http:// page on the same host (another service) is not our https page.
        return parts.netloc == host and parts.scheme == self.scheme(request)

    def scheme(self, request: web.Request) -> str:
        """How the browser reached us: https under TLS or behind a trusted proxy that says so."""
        forwarded = self.trust_proxy and request.headers.get("X-Forwarded-Proto") == "https"
        return "https" if self.secure or forwarded else "http"

    # -- pages ----------------------------------------------------------------------------------
    def _page(self, body: str, status: int = 200, head: str = "", form_token: str | None = None,
              body_class: str = "") -> web.Response:
        lang = self.ctx.lang
        opening = f"<body class='{body_class}'>" if body_class else "<body>"
        doc = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
               f'<meta name="viewport" content="width=device-width, initial-scale=1">'
               f"<title>{html.escape(t('app_title', lang))}</title><style>{CSS}</style>{head}</head>"
               f"{opening}{body}</body></html>")
        response = web.Response(text=doc, content_type="text/html", status=status)
        if form_token is not None:
            response.set_cookie(FORM_COOKIE, form_token, httponly=True, samesite="Strict", secure=self.secure,
                                max_age=FORM_TOKEN_S, path="/")
        return response

    def _form_token(self) -> str:
        """A fresh CSRF token for one form; the page that shows the form sets it as a cookie too."""
        now = time.time()
        for token, expires in list(self.form_tokens.items()):
            if expires <= now:
                del self.form_tokens[token]
        if len(self.form_tokens) > 10_000:  # a flood of page loads cannot grow this without bound
            self.form_tokens.clear()
        token = secrets.token_urlsafe(24)
        self.form_tokens[token] = now + FORM_TOKEN_S
        return token

    def _form_ok(self, request: web.Request, sent: str) -> bool:
        """The double-submitted token matches its cookie and was issued by us, once."""
        cookie = request.cookies.get(FORM_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, sent) or not self.same_origin(request):
            return False
        expires = self.form_tokens.pop(cookie, 0.0)
        return expires > time.time()

    def _login_form(self, message: str = "", user: str = "", status: int = 200) -> web.Response:
        lang = self.ctx.lang
        token = self._form_token()
        error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
        body = (f"<main><h1>{html.escape(t('app_title', lang))}</h1><p>{html.escape(t('web_login_intro', lang))}</p>"
                f"{error}<form method='post' action='/login'>"
                f"<label>{html.escape(t('web_user', lang))}<input name='user' autocomplete='username' "
                f"maxlength='32' required value='{html.escape(user, quote=True)}'></label>"
                f"<label>{html.escape(t('web_code', lang))}<input name='code' autocomplete='one-time-code' "
                f"maxlength='64' required></label>"
                f"<input type='hidden' name='csrf' value='{token}'>"
                f"<button type='submit'>{html.escape(t('web_login', lang))}</button></form></main>")
        return self._page(body, status=status, form_token=token)

    async def login_page(self, request: web.Request) -> web.StreamResponse:
        if self.login_of(request) is not None:
            raise web.HTTPSeeOther("/app")
        return self._login_form()

    async def _refused(self, request: web.Request, user: str) -> web.Response:
        """One answer for every failure, after the same jittered delay: it tells nothing about the name."""
        await asyncio.sleep(random.uniform(*FAIL_DELAY_S))
        return self._login_form(t("web_login_failed", self.ctx.lang), user=user, status=403)

    async def login(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        user, code, sent = (str(form.get(k, ""))[:64] for k in ("user", "code", "csrf"))
        user = user.strip().lower()
        peer = self.peer(request)
        if not self._form_ok(request, sent):
            self.ctx.log("refused", what="web form token", door="web", peer=peer)
            return self._login_form(t("web_form_expired", self.ctx.lang), user=user, status=403)
        if not self.ctx.may_try_code(peer, user[:40]) or self.ctx.locked_out(peer, user[:40]):
            self.ctx.log("refused", what="join code rate limit", door="web", user=user[:40], peer=peer)
            return self._login_form(t("web_too_many", self.ctx.lang), user=user, status=429)
        loop = asyncio.get_running_loop()
        verdict = "none"
        if valid_user(user):
            with contextlib.suppress(OSError, InputError):
                verdict = await loop.run_in_executor(None, self.ctx.room.check_code, user, code)
        else:
            await loop.run_in_executor(None, dummy_code_check, code)
        if verdict != "ok":
            self.ctx.log("join code rejected", door="web", user=user[:40], verdict=verdict, peer=peer)
            self.ctx.code_failed(peer, user[:40])
            return await self._refused(request, user)
        self.ctx.log("join code used", door="web", user=user, peer=peer)
        return self._logged_in(user, "join-code", peer)

    def _logged_in(self, user: str, method: str, peer: str) -> web.StreamResponse:
        login = Login(secrets.token_urlsafe(32), user, method, peer, time.time() + LOGIN_HOURS * 3600)
        self.logins[login.sid] = login
        response = web.HTTPSeeOther("/app")
        response.set_cookie(SESSION_COOKIE, login.sid, httponly=True, samesite="Strict", secure=self.secure,
                            max_age=LOGIN_HOURS * 3600, path="/")
        response.del_cookie(FORM_COOKIE, path="/")
        return response

    async def link_page(self, request: web.Request) -> web.StreamResponse:
        """A link only shows a button: chat apps fetch links to preview them, which must not spend it."""
        lang = self.ctx.lang
        user, token = request.match_info["user"][:40], request.match_info["token"][:64]
        form = self._form_token()
        body = (f"<main><h1>{html.escape(t('app_title', lang))}</h1>"
                f"<p>{html.escape(t('web_link_intro', lang, user=user))}</p>"
                f"<form method='post' action='/link'><input type='hidden' name='user' "
                f"value='{html.escape(user, quote=True)}'><input type='hidden' name='token' "
                f"value='{html.escape(token, quote=True)}'><input type='hidden' name='csrf' value='{form}'>"
                f"<button type='submit'>{html.escape(t('web_login', lang))}</button></form></main>")
        return self._page(body, form_token=form)

    async def link_login(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        user, token, sent = (str(form.get(k, ""))[:64] for k in ("user", "token", "csrf"))
        peer = self.peer(request)
        if not self._form_ok(request, sent):
            self.ctx.log("refused", what="web form token", door="web", form="link", peer=peer)
            return self._login_form(t("web_form_expired", self.ctx.lang), status=403)
        if not self.ctx.may_try_code(peer, user[:40]):
            self.ctx.log("refused", what="join code rate limit", door="web", user=user[:40], peer=peer)
            return self._login_form(t("web_too_many", self.ctx.lang), status=429)
        verdict = "none"
        with contextlib.suppress(OSError, InputError):
            verdict = self.ctx.room.check_link(user, token)
        if verdict != "ok":
            self.ctx.log("link rejected", door="web", user=user[:40], verdict=verdict, peer=peer)
            self.ctx.code_failed(peer, user[:40])
            return await self._refused(request, "")
        self.ctx.log("link used", door="web", user=user, peer=peer)
        return self._logged_in(user, "link", peer)

    async def app_page(self, request: web.Request) -> web.StreamResponse:
        login = self.login_of(request)
        if login is None:
            raise web.HTTPSeeOther("/")
        lang = self.ctx.lang
        scheme = "wss" if self.scheme(request) == "https" else "ws"
        ws_url = f"{scheme}://{request.headers.get('Host', request.host)}/ws"
        body = (f"<header><span>{html.escape(t('web_signed_in', lang, user=login.user))}</span>"
                f"<form method='post' action='/logout'><input type='hidden' name='csrf' value='{login.csrf}'>"
                f"<button type='submit' id='logout'>{html.escape(t('web_logout', lang))}</button></form></header>"
                f"<div id='terminal' class='textual-terminal' data-session-websocket-url='{html.escape(ws_url)}' "
                f"data-font-size='16'></div>")
        return self._page(body, head='<link rel="stylesheet" href="/static/css/xterm.css">'
                                      '<script src="/static/js/textual.js"></script>', body_class="app")

    async def logout(self, request: web.Request) -> web.StreamResponse:
        login = self.login_of(request)
        form = await read_form(request)
        if login is not None and self.same_origin(request) and \
                secrets.compare_digest(str(form.get("csrf", "")), login.csrf):
            self.logins.pop(login.sid, None)
            for relay in [r for r in self.ctx.live if getattr(r, "login", None) is login]:
                relay.hang_up("logout")
            self.ctx.log("logout", door="web", user=login.user, peer=self.peer(request))
        else:
            # A logout that cannot be verified changes nothing: clearing only the cookie would leave
            # the server session alive (and a forged post could sign a participant out of their page).
            self.ctx.log("refused", what="logout without a valid token", door="web", peer=self.peer(request))
            raise web.HTTPSeeOther("/app" if login is not None else "/")
        response = web.HTTPSeeOther("/")
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    # -- the app over a websocket --------------------------------------------------------------
    async def websocket(self, request: web.Request) -> web.StreamResponse:
        login = self.login_of(request)
        if login is None or not self.same_origin(request):
            self.ctx.log("refused", what="websocket without login" if login is None else "websocket origin",
                         door="web", origin=request.headers.get("Origin", "")[:80], peer=self.peer(request))
            raise web.HTTPForbidden()
        ws = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_WS_MESSAGE)
        await ws.prepare(request)
        cols, rows = self.ctx.limits.clamp(_int(request.query.get("width")), _int(request.query.get("height")))
        relay = WebSession(self, login, ws, (cols, rows), self.peer(request))
        await relay.run()
        return ws

    async def download(self, request: web.Request) -> web.StreamResponse:
        login = self.login_of(request)
        item = self.downloads.get(request.match_info["key"])
        if login is None or item is None or item.relay.login is not login:
            self.ctx.log("refused", what="download", door="web", user=login.user if login else "",
                         peer=self.peer(request))
            raise web.HTTPNotFound()
        del self.downloads[item.key]
        response = web.StreamResponse()
        response.content_type = item.mime
        if item.encoding:
            response.charset = item.encoding
        quoted = urllib.parse.quote(item.name)
        ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "_" for c in item.name)
        response.headers["Content-Disposition"] = (f"attachment; filename=\"{ascii_name}\"; "
                                                   f"filename*=UTF-8''{quoted}")
        await response.prepare(request)
        while True:
            if not item.relay.send_meta({"type": "deliver_chunk_request", "key": item.app_key, "size": CHUNK}):
                break
            try:
                chunk = await asyncio.wait_for(item.chunks.get(), 10)
            except TimeoutError:
                break
            if not chunk:
                break
            await response.write(chunk)
        await response.write_eof()
        item.relay.deliveries.pop(item.app_key, None)
        self.ctx.log("download", door="web", user=login.user, file=item.name)
        return response


class WebSession(Watched):
    """One browser tab's app: the pty, the process, and the relay between it and the websocket."""

    def __init__(self, door: WebDoor, login: Login, ws: web.WebSocketResponse, size: tuple[int, int],
                 peer: str) -> None:
        self.door, self.ctx, self.login, self.ws, self.size = door, door.ctx, login, ws, size
        self.user = login.user
        self.info: dict[str, Any] = {"user": login.user, "door": "web", "auth": login.method, "peer": peer}
        self.master: int | None = None
        self.pid: int | None = None
        self.reader = wire.PacketReader()
        self.pending = bytearray()
        self.out: asyncio.Queue[bytes | str | None] = asyncio.Queue()
        self.queued = 0
        self.ended = False
        self.reason = "closed"
        self.last_input = time.monotonic()
        self.exit_status: int | None = None
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
            await self._wait_exit()
            self.out.put_nowait(None)
            with contextlib.suppress(Exception):
                await sender
            self._close_pty()
            self.ctx.closed(self.user)
            self.ctx.live.discard(self)
            for key in [k for k, d in self.door.downloads.items() if d.relay is self]:
                del self.door.downloads[key]
            for item in self.deliveries.values():
                item.chunks.put_nowait(None)
            self.ctx.log("stop", pid=self.pid, status=self.exit_status, reason=self.reason, **self.info)
            with contextlib.suppress(Exception):
                await self.ws.close()

    async def _start(self) -> None:
        ctx = self.ctx
        try:
            async with ctx.startups:
                self.workspace = ws = ctx.room.ensure_workspace(self.user)
                master, slave = pty.openpty()
                tty.setraw(slave)  # the web driver's packets must pass byte for byte
                self.master = master
                set_winsize(master, *self.size)
                env = ctx.child_env(self.user, ws, "xterm-256color", {})
                env.update({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
                            "COLUMNS": str(self.size[0]), "ROWS": str(self.size[1]),
                            "TEXTUAL_COLOR_SYSTEM": "truecolor", DOOR_ENV: "web"})
                try:
                    self.pid = await ctx.spawner.spawn(app_argv(ws), env, str(ws), slave, ctx.limits.rlimits)
                finally:
                    os.close(slave)
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
        ctx.log("start", pid=self.pid, cols=self.size[0], rows=self.size[1], **self.info)
        os.set_blocking(self.master, False)
        asyncio.get_running_loop().add_reader(self.master, self._readable)

    # -- app → browser --------------------------------------------------------------------------
    def _readable(self) -> None:
        assert self.master is not None
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno != errno.EIO:
                self.ctx.log("error", what="pty read", error=str(exc), **self.info)
            data = b""
        if not data:
            self._stop_reading()
            if not self.ended:  # after a hang-up the app's exit is ours, not news
                self.reason = "app exited"
            self._close_ws()
            return
        try:
            for kind, payload in self.reader.feed(data):
                self._packet(kind, payload)
        except wire.ProtocolError as exc:
            self.ctx.log("error", what="web protocol", error=str(exc), **self.info)
            self._stop_reading()
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
            self._stop_reading(keep_fd=True)

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
            if self.queued < MAX_QUEUED_OUTPUT // 2 and self.master is not None and not self.ended:
                with contextlib.suppress(ValueError, OSError):
                    asyncio.get_running_loop().add_reader(self.master, self._readable)

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
                self.size = self.ctx.limits.clamp(_int(data.get("width")), _int(data.get("height")))
                if self.master is not None:
                    with contextlib.suppress(OSError):
                        set_winsize(self.master, *self.size)
                self.send_meta({"type": "resize", "width": self.size[0], "height": self.size[1]})
            elif kind == "ping":
                self._queue(json.dumps(["pong", data if isinstance(data, str | int) else ""]))
            elif kind in ("focus", "blur"):
                self.send_meta({"type": kind})

    def send_meta(self, message: dict[str, Any]) -> bool:
        return self._write(wire.meta(message))

    def _write(self, packet: bytes) -> bool:
        if self.master is None or self.ended:
            return False
        if len(self.pending) + len(packet) > MAX_PENDING_INPUT:
            return False  # a paste flood while the app is busy: drop it rather than grow without bound
        self.pending += packet
        self._flush_input()
        return True

    def _flush_input(self) -> None:
        flush_to_pty(self.master, self.pending, self._flush_input)

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
        pid = self.pid
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGHUP)
            asyncio.get_running_loop().call_later(self.ctx.limits.grace_s, self._kill, pid)
        if not self.ws.closed:
            self._close_ws()

    def _close_ws(self) -> None:
        task = asyncio.ensure_future(self.ws.close())
        self.tasks.add(task)  # held until done: the loop keeps only weak references to tasks
        task.add_done_callback(self.tasks.discard)

    def _kill(self, pid: int) -> None:
        if self.exit_status is None:
            self.ctx.log("kill", pid=pid, **self.info)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)

    async def _wait_exit(self) -> None:
        if self.pid is None:
            return
        self.exit_status = await self.ctx.spawner.exit_future(self.pid)
        self.ctx.spawner.forget(self.pid)

    def _stop_reading(self, keep_fd: bool = False) -> None:
        if self.master is None:
            return
        loop = asyncio.get_running_loop()
        loop.remove_reader(self.master)
        if not keep_fd:
            loop.remove_writer(self.master)

    def _close_pty(self) -> None:
        if self.master is None:
            return
        self._stop_reading()
        with contextlib.suppress(OSError):
            os.close(self.master)
        self.master = None


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(cert), str(key))
    return context


async def start_web(door: WebDoor, host: str, port: int, tls: ssl.SSLContext | None) -> tuple[web.AppRunner, int]:
    runner = BoundedRunner(door.application(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port, ssl_context=tls)
    await site.start()
    addresses = runner.addresses
    bound = int(addresses[0][1]) if addresses else port
    return runner, bound


CSS = """
html, body { height: 100%; }
body { margin: 0; background: #0c181f; color: #e8eef2; font-family: system-ui, sans-serif; }
/* The app's page never scrolls: the terminal is sized to the area under the header. */
body.app { overflow: hidden; }
main { max-width: 26rem; margin: 10vh auto; padding: 2rem; background: #12232d; border-radius: 8px; }
h1 { font-size: 1.3rem; margin-top: 0; }
label { display: block; margin: 1rem 0; }
input { display: block; width: 100%; box-sizing: border-box; margin-top: .3rem; padding: .5rem; font-size: 1rem; }
button { padding: .6rem 1.2rem; font-size: 1rem; cursor: pointer; }
.error { color: #ffb4a8; font-weight: bold; }
header { display: flex; justify-content: space-between; align-items: center; padding: 0 .8rem;
         height: 2.4rem; box-sizing: border-box; background: #12232d; font-size: .9rem; }
header form { margin: 0; }
header button { padding: .2rem .8rem; font-size: .85rem; }
/* textual.js gives .textual-terminal the whole window (100vw x 100vh) and fits the terminal's rows
   and columns to the element: here the element is the area under the header, and a window resize
   fits it again. */
#terminal { position: absolute; top: 2.4rem; left: 0; right: 0; bottom: 0; width: auto; height: auto;
            overflow: hidden; }
"""
