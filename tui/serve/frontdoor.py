"""Who gets in: public keys from the room, one-time join codes, and refusals of everything else.

An unknown user goes through exactly the same steps as a known one (a key check that fails, a code
prompt whose answer is hashed and fails after the same delay), so the server never tells whether a
name exists. Names are checked against the room's pattern before they reach any path.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import asyncssh

from tui.core.errors import InputError
from tui.core.room.folder import dummy_code_check, valid_user
from tui.presentation.catalogue import t
from tui.serve.session import AppSession

if TYPE_CHECKING:
    from tui.serve.context import ServeContext

FAIL_DELAY_S = (0.8, 1.4)  # slows guessing; jittered so timing says nothing about the name
MAX_REFUSALS = 3  # wrong codes or refused prompts on one connection before it is dropped


class FrontDoor(asyncssh.SSHServer):
    def __init__(self, ctx: ServeContext) -> None:
        self.ctx = ctx
        self.peer = "?"
        self.peer_host = ""
        self.user = ""
        self.fingerprint: str | None = None
        self.method = ""
        self.conn: asyncssh.SSHServerConnection | None = None
        self.refusals = 0  # code prompts refused on this connection (rate limit, lockout)
        self.failures = 0  # wrong codes typed on this connection

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.peer = f"{peer[0]}:{peer[1]}"
        self.peer_host = str(peer[0])

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.method:
            self.ctx.log("auth failed", user=self.user[:40], peer=self.peer)

    @property
    def info(self) -> dict[str, Any]:
        return {"user": self.user, "door": "ssh", "key": self.fingerprint, "auth": self.method, "peer": self.peer}

    # -- authentication -------------------------------------------------------------------------
    def begin_auth(self, username: str) -> bool:
        self.user = username
        return True  # always ask: even a known user must prove who they are

    def password_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        if not valid_user(username):
            return False
        try:
            lines = self.ctx.room.keys(username)
        except (OSError, InputError):
            return False
        if not lines:
            return False
        try:
            allowed = asyncssh.import_authorized_keys("\n".join(lines))
        except (asyncssh.KeyImportError, ValueError) as exc:
            self.ctx.log("error", what="bad keys file", user=username, error=str(exc))
            return False
        # validate() applies the line's options (from=..., expiry-time=...) as OpenSSH does.
        if allowed.validate(key, self.peer_host, self.peer_host) is None:
            return False
        self.fingerprint = key.get_fingerprint()
        self.method = "publickey"
        return True

    def kbdint_auth_supported(self) -> bool:
        return True

    def get_kbdint_challenge(self, username: str, lang: str, submethods: str) -> Any:
        name = username[:40]
        refusal = "join code rate limit" if not self.ctx.may_try_code(self.peer_host, name) else \
            "join code locked out" if self.ctx.locked_out(self.peer_host, name) else None
        if refusal is not None:
            self.refusals += 1
            if self.refusals == 1:  # once per connection: a client retrying in a loop wrote 40,000 lines
                self.ctx.log("refused", what=refusal, user=name, peer=self.peer)
            if self.refusals >= MAX_REFUSALS and self.conn is not None:
                self.ctx.log("dropped", what="too many refused code prompts", user=name, peer=self.peer)
                self.conn.close()
            return False
        lang = self.ctx.lang
        return ("spbe-planner", t("serve_code_intro", lang), "", [(t("serve_code_prompt", lang), False)])

    async def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> bool:
        attempt = responses[0] if responses else ""
        loop = asyncio.get_running_loop()
        verdict = "none"
        if valid_user(username) and len(attempt) <= 64:
            with contextlib.suppress(OSError, InputError):
                # scrypt and a file write: off the event loop, which serves everyone else.
                verdict = await loop.run_in_executor(None, self.ctx.room.check_code, username, attempt)
        else:
            await loop.run_in_executor(None, dummy_code_check, attempt[:64])
        if verdict == "ok":
            self.method = "join-code"
            self.ctx.log("join code used", user=username, peer=self.peer)
            return True
        # Every failure is logged when it happens, an unknown name's too (its name cut, as typed).
        self.ctx.log("join code rejected", user=username[:40], verdict=verdict, peer=self.peer)
        self.ctx.code_failed(self.peer_host, username[:40])
        self.failures += 1
        await asyncio.sleep(random.uniform(*FAIL_DELAY_S))
        if self.failures >= MAX_REFUSALS and self.conn is not None:
            self.ctx.log("dropped", what="too many wrong codes", user=username[:40], peer=self.peer)
            self.conn.close()
        return False

    # -- channels -------------------------------------------------------------------------------
    def session_requested(self) -> AppSession:
        return AppSession(self.ctx, self.user, self.info)

    # asyncssh refuses these by default already; saying so here keeps the refusal explicit and
    # safe against a changed default in a later release.
    def _refuse(self, what: str) -> bool:
        self.ctx.log("refused", what=what, **self.info)
        return False

    def connection_requested(self, *args: object) -> bool:
        return self._refuse("tcp forwarding")

    def server_requested(self, *args: object) -> bool:
        return self._refuse("remote forwarding")

    def unix_connection_requested(self, *args: object) -> bool:
        return self._refuse("unix forwarding")

    def unix_server_requested(self, *args: object) -> bool:
        return self._refuse("unix remote forwarding")

    def tun_requested(self, *args: object) -> bool:
        return self._refuse("tun forwarding")

    def tap_requested(self, *args: object) -> bool:
        return self._refuse("tap forwarding")

