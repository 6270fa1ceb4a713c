"""Who is asking at the browser door: logins (server-side state a cookie names), one-use form
tokens bound to a cookie (CSRF), the same-origin check, and the client's address and scheme
(taken from a reverse proxy's headers only when it is trusted)."""

from __future__ import annotations

import secrets
import time
import urllib.parse
from dataclasses import dataclass, field

from aiohttp import web

SESSION_COOKIE = "spbe_session"
FORM_COOKIE = "spbe_form"
LOGIN_HOURS = 12
FORM_TOKEN_S = 30 * 60


@dataclass
class Login:
    """A logged-in browser: server-side state the session cookie names."""

    sid: str
    user: str
    method: str
    peer: str
    expires: float
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))  # for the logout form


class WebAuth:
    def __init__(self, *, secure: bool = False, trust_proxy: bool = False) -> None:
        self.secure, self.trust_proxy = secure, trust_proxy
        self.logins: dict[str, Login] = {}
        self.form_tokens: dict[str, float] = {}

    def peer(self, request: web.Request) -> str:
        """The client address, or behind a trusted reverse proxy the address it forwarded."""
        if self.trust_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()[:64]
        return (request.remote or "?")[:64]

    def scheme(self, request: web.Request) -> str:
        """How the browser reached us: https under TLS or behind a trusted proxy that says so."""
        forwarded = self.trust_proxy and request.headers.get("X-Forwarded-Proto") == "https"
        return "https" if self.secure or forwarded else "http"

    def same_origin(self, request: web.Request) -> bool:
        """A form post or websocket from a page of this server (a browser always sends Origin)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return False
        host = request.headers.get("Host", "")
        parts = urllib.parse.urlsplit(origin)
        # The scheme too: an http:// page on the same host (another service) is not our https page.
        return parts.netloc == host and parts.scheme == self.scheme(request)

    def login_of(self, request: web.Request) -> Login | None:
        sid = request.cookies.get(SESSION_COOKIE, "")
        login = self.logins.get(sid) if sid else None
        if login is None:
            return None
        if time.time() >= login.expires:
            self.logins.pop(sid, None)
            return None
        return login

    def sign_in(self, user: str, method: str, peer: str) -> web.StreamResponse:
        """Signed in: the session cookie set, the form cookie spent, and on to the app."""
        login = Login(secrets.token_urlsafe(32), user, method, peer, time.time() + LOGIN_HOURS * 3600)
        self.logins[login.sid] = login
        response = web.HTTPSeeOther("/app")
        response.set_cookie(SESSION_COOKIE, login.sid, httponly=True, samesite="Strict", secure=self.secure,
                            max_age=LOGIN_HOURS * 3600, path="/")
        response.del_cookie(FORM_COOKIE, path="/")
        return response

    def form_token(self) -> str:
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

    def set_form_cookie(self, response: web.StreamResponse, token: str) -> None:
        response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="Strict", secure=self.secure,
                            max_age=FORM_TOKEN_S, path="/")

    def form_ok(self, request: web.Request, sent: str) -> bool:
        """The double-submitted token matches its cookie and was issued by us, once."""
        cookie = request.cookies.get(FORM_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, sent) or not self.same_origin(request):
            return False
        expires = self.form_tokens.pop(cookie, 0.0)
        return expires > time.time()
