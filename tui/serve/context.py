"""What every connection of one `serve` shares: the room, limits, the fork server, the log."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from tui.core.room.folder import MAX_FAILURES, Room
from tui.core.served_contract import ERROR_LOG_ENV, LANG_ENV, PRESENCE_DIR_ENV, USER_ENV, WORKSPACE_ENV, online_dir
from tui.serve.spawner import Spawner

LOCKOUT_S = 15 * 60  # an address that failed MAX_FAILURES times for a name waits this long


class LiveSession(Protocol):
    """A running participant session of either door: what shutdown and logout need of it."""

    info: dict[str, Any]

    def hang_up(self, reason: str, message: str | None = None) -> None: ...

TERM = re.compile(r"[\w.+-]{1,64}")
# Client variables a participant may pass (ssh -o SendEnv=…); everything else comes from us.
CLIENT_ENV = ("NO_COLOR", LANG_ENV)


@dataclass(frozen=True)
class Limits:
    max_sessions: int = 120  # a provincial class of 100, with room for second tabs (about 14 MiB each)
    per_user: int = 2
    startups: int = max(2, 2 * (os.cpu_count() or 1))
    min_cols: int = 20
    min_rows: int = 8
    max_cols: int = 300
    max_rows: int = 120
    idle_s: float = 60 * 60
    slow_reader_s: float = 60
    grace_s: float = 3.0
    code_tries_per_minute: int = 10  # per client address, and per user name across addresses
    # Per-process rlimits of a session (bytes, seconds, count).
    rlimits: dict[str, int] = field(default_factory=lambda: {
        "as": 2 << 30, "cpu": 3600, "fsize": 64 << 20, "nofile": 256, "core": 0})

    def clamp(self, cols: int, rows: int) -> tuple[int, int]:
        cols = cols or 80
        rows = rows or 24
        return (min(max(cols, self.min_cols), self.max_cols), min(max(rows, self.min_rows), self.max_rows))


def safe_term(term: str) -> str:
    return term if TERM.fullmatch(term or "") else "xterm-256color"


class Log:
    """One JSON object per line: easy to grep, easy to load into a sheet after the workshop."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream

    def __call__(self, event: str, **fields: object) -> None:
        record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "event": event, **fields}
        self.stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.stream.flush()


@dataclass
class ServeContext:
    room: Room
    spawner: Spawner
    log: Log
    limits: Limits = field(default_factory=Limits)
    lang: str = "id"
    sessions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    live: set[LiveSession] = field(default_factory=set)
    code_tries: dict[str, deque[float]] = field(default_factory=dict)  # failed tries, by address and by name
    lockouts: dict[tuple[str, str], deque[float]] = field(default_factory=dict)  # (address, name) → failures
    _startups: asyncio.Semaphore | None = None
    _touched: dict[str, float] = field(default_factory=dict)

    @property
    def startups(self) -> asyncio.Semaphore:
        if self._startups is None:
            self._startups = asyncio.Semaphore(self.limits.startups)
        return self._startups

    @property
    def total(self) -> int:
        return sum(self.sessions.values())

    def admit(self, user: str) -> str | None:
        """None when a new session may start, else the catalogue key of the refusal."""
        if self.total >= self.limits.max_sessions:
            return "serve_full"
        if self.sessions[user] >= self.limits.per_user:
            return "serve_user_full"
        return None

    def opened(self, user: str) -> None:
        self.sessions[user] += 1
        self.room.mark_online(user, self.sessions[user])

    def closed(self, user: str) -> None:
        self.sessions[user] = max(0, self.sessions[user] - 1)
        self.room.mark_online(user, self.sessions[user])

    def activity(self, user: str) -> None:
        """Record a keystroke for the coach's "last activity", at most every few seconds per user."""
        now = time.monotonic()
        if now - self._touched.get(user, 0.0) >= 5.0:
            self._touched[user] = now
            self.room.touch_online(user)

    def may_try_code(self, peer: str, user: str) -> bool:
        """At most N failed code tries a minute from one address and N for one user name, whichever
        comes first (a per-address limit alone lets other loopback or NAT addresses try afresh).

        Only failures count: a class behind one school NAT signs in all at once. Nothing is stored
        for a try that is only checked, so names tried by a scanner cost no memory.
        """
        now = time.monotonic()
        self._forget_old(now)
        for key in (f"peer:{peer}", f"user:{user}"):
            window = self.code_tries.get(key)
            if window is not None and len(window) >= self.limits.code_tries_per_minute:
                return False
        return True

    def locked_out(self, peer: str, user: str) -> bool:
        """MAX_FAILURES wrong tries from this address for this name within LOCKOUT_S: refused for a
        while. Per address and name, so guessing a classmate's name cannot lock them out."""
        window = self.lockouts.get((peer, user))
        return window is not None and len(window) >= MAX_FAILURES and time.monotonic() - window[-1] < LOCKOUT_S

    def code_failed(self, peer: str, user: str) -> None:
        now = time.monotonic()
        for key in (f"peer:{peer}", f"user:{user}"):
            self.code_tries.setdefault(key, deque()).append(now)
        window = self.lockouts.setdefault((peer, user), deque(maxlen=MAX_FAILURES))
        window.append(now)

    def _forget_old(self, now: float) -> None:
        """Drop windows with nothing in the last minute and lockouts that ran out (bounded memory)."""
        for key in list(self.code_tries):
            window = self.code_tries[key]
            while window and now - window[0] > 60:
                window.popleft()
            if not window:
                del self.code_tries[key]
        if len(self.lockouts) > 256:
            for pair in [p for p, w in self.lockouts.items() if not w or now - w[-1] >= LOCKOUT_S]:
                del self.lockouts[pair]

    def child_env(self, user: str, workspace: Path, term: str, client_env: dict[str, str]) -> dict[str, str]:
        """A clean, explicit environment: nothing of the server's leaks into a participant's app."""
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "HOME": str(workspace), "USER": user, "LOGNAME": user,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": safe_term(term),
            LANG_ENV: self.lang,
            WORKSPACE_ENV: str(workspace), USER_ENV: user,
            ERROR_LOG_ENV: str(self.room.error_log),
            # Where the app tells the coach which scenario is open (tui.core.room.presence).
            PRESENCE_DIR_ENV: str(online_dir(self.room.dir)),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        for key in CLIENT_ENV:
            value = client_env.get(key)
            if value is not None and len(value) <= 16 and value.isprintable():
                env[key] = value
        if env[LANG_ENV] not in ("id", "en"):
            env[LANG_ENV] = self.lang
        return env
