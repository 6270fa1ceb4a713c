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

The relay between browser and app is ours (tui.serve.web_relay over tui.serve.web_protocol);
textual-serve's own server starts one subprocess per connection, which is what the fork server
replaces. This module holds the routes; who is asking is tui.serve.web_auth, the pages'
HTML tui.serve.web_pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import secrets
import ssl
import urllib.parse
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tui.core.errors import InputError
from tui.core.room.folder import dummy_code_check, valid_user
from tui.presentation.catalogue import t
from tui.serve import web_pages as pages
from tui.serve.frontdoor import FAIL_DELAY_S
from tui.serve.slow_clients import BoundedRunner, read_form
from tui.serve.web_auth import SESSION_COOKIE, WebAuth
from tui.serve.web_relay import CHUNK, Download, WebSession, whole_or_zero

if TYPE_CHECKING:
    from tui.serve.context import ServeContext

MAX_WS_MESSAGE = 256 * 1024


def _csp_host(request: web.Request) -> str:
    """The Host header as a CSP source: host[:port] characters only, else nothing usable."""
    host = request.headers.get("Host", "")
    return host if host and all(c.isalnum() or c in ".-:[]" for c in host) and len(host) <= 255 else "localhost"


def static_dir() -> Path:
    """textual-serve's browser client, as installed with the package."""
    return Path(str(resources.files("textual_serve") / "static"))


class WebDoor:
    def __init__(self, ctx: ServeContext, *, secure: bool = False, trust_proxy: bool = False) -> None:
        self.ctx = ctx
        self.auth = WebAuth(secure=secure, trust_proxy=trust_proxy)
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
            ws_self = f"{'wss' if self.auth.scheme(request) == 'https' else 'ws'}://{_csp_host(request)}"
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

    # -- pages ----------------------------------------------------------------------------------
    def _page(self, body: str, status: int = 200, head: str = "", form_token: str | None = None,
              body_class: str = "") -> web.Response:
        response = web.Response(text=pages.document(self.ctx.lang, body, head, body_class), content_type="text/html",
                                status=status)
        if form_token is not None:
            self.auth.set_form_cookie(response, form_token)
        return response

    def _login_form(self, message: str = "", user: str = "", status: int = 200) -> web.Response:
        token = self.auth.form_token()
        return self._page(pages.login_form(self.ctx.lang, token, message, user), status=status, form_token=token)

    async def login_page(self, request: web.Request) -> web.StreamResponse:
        if self.auth.login_of(request) is not None:
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
        peer = self.auth.peer(request)
        if not self.auth.form_ok(request, sent):
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
        return self.auth.sign_in(user, "join-code", peer)

    async def link_page(self, request: web.Request) -> web.StreamResponse:
        user, token = request.match_info["user"][:40], request.match_info["token"][:64]
        form = self.auth.form_token()
        return self._page(pages.link_form(self.ctx.lang, user, token, form), form_token=form)

    async def link_login(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        user, token, sent = (str(form.get(k, ""))[:64] for k in ("user", "token", "csrf"))
        peer = self.auth.peer(request)
        if not self.auth.form_ok(request, sent):
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
        return self.auth.sign_in(user, "link", peer)

    async def app_page(self, request: web.Request) -> web.StreamResponse:
        login = self.auth.login_of(request)
        if login is None:
            raise web.HTTPSeeOther("/")
        scheme = "wss" if self.auth.scheme(request) == "https" else "ws"
        ws_url = f"{scheme}://{request.headers.get('Host', request.host)}/ws"
        return self._page(pages.app_body(self.ctx.lang, login.user, login.csrf, ws_url), head=pages.APP_HEAD,
                          body_class="app")

    async def logout(self, request: web.Request) -> web.StreamResponse:
        login = self.auth.login_of(request)
        form = await read_form(request)
        if login is not None and self.auth.same_origin(request) and \
                secrets.compare_digest(str(form.get("csrf", "")), login.csrf):
            self.auth.logins.pop(login.sid, None)
            for relay in [r for r in self.ctx.live if getattr(r, "login", None) is login]:
                relay.hang_up("logout")
            self.ctx.log("logout", door="web", user=login.user, peer=self.auth.peer(request))
        else:
            # A logout that cannot be verified changes nothing: clearing only the cookie would leave
            # the server session alive (and a forged post could sign a participant out of their page).
            self.ctx.log("refused", what="logout without a valid token", door="web", peer=self.auth.peer(request))
            raise web.HTTPSeeOther("/app" if login is not None else "/")
        response = web.HTTPSeeOther("/")
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    # -- the app over a websocket --------------------------------------------------------------
    async def websocket(self, request: web.Request) -> web.StreamResponse:
        login = self.auth.login_of(request)
        if login is None or not self.auth.same_origin(request):
            self.ctx.log("refused", what="websocket without login" if login is None else "websocket origin",
                         door="web", origin=request.headers.get("Origin", "")[:80], peer=self.auth.peer(request))
            raise web.HTTPForbidden()
        ws = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_WS_MESSAGE)
        await ws.prepare(request)
        cols, rows = self.ctx.limits.clamp(whole_or_zero(request.query.get("width")),
                                           whole_or_zero(request.query.get("height")))
        relay = WebSession(self, login, ws, (cols, rows), self.auth.peer(request))
        await relay.run()
        return ws

    async def download(self, request: web.Request) -> web.StreamResponse:
        login = self.auth.login_of(request)
        item = self.downloads.get(request.match_info["key"])
        if login is None or item is None or item.relay.login is not login:
            self.ctx.log("refused", what="download", door="web", user=login.user if login else "",
                         peer=self.auth.peer(request))
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


