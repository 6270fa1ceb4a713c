"""A coaching room on disk: participants, their keys, one-time join codes and workspaces.

Layout of ``DIR`` (created mode 0700; nothing in it is meant for participants to read):

    host_key              the server's persistent SSH host key (written by `serve`)
    keys/<user>.pub       the participant's public keys, OpenSSH authorized_keys format
    codes/<user>.toml     a one-time join code: salted scrypt hash, expiry, used flag, failures
    links/<user>.toml     a one-time browser link's token: its SHA-256, expiry, used flag
    online/<user>         present while the participant has a session; its mtime is the last key
    <user>/               the participant's workspace (mode 0700): working folder and HOME

User names are checked against one pattern before they are ever joined to a path, so a name can
never point outside the room.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import tomli_w

from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, decode_text, read_guarded, read_toml
from tui.core.numbers import shown
from tui.core.served_contract import online_dir

USER = re.compile(r"[a-z][a-z0-9_-]{0,31}")
RESERVED = frozenset({"keys", "logs", "codes", "links", "online", "host_key", "root", "admin", "coach"})
# No I, L, O, 0, 1: codes are read aloud and copied from a whiteboard.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_FAILURES = 5  # wrong tries from one address for one name before it is locked out for a while
DEFAULT_HOURS = 8.0
KEY_TYPES = frozenset({
    "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
})

CodeState = Literal["active", "used", "expired"]
Verdict = Literal["ok", "wrong", "used", "expired", "locked", "none"]


def valid_user(name: str) -> bool:
    return bool(USER.fullmatch(name)) and name not in RESERVED


def check_user(name: str) -> str:
    if not valid_user(name):
        raise InputError("user_name", field="USER", got=shown(name), reserved=", ".join(sorted(RESERVED)))
    return name


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_hash(code: str, salt: bytes) -> str:
    # scrypt keeps a leaked room folder from giving away live codes cheaply; ~30 ms per check.
    return hashlib.scrypt(normalise_code(code).encode(), salt=salt, n=2**14, r=8, p=1, dklen=32).hex()


def parse_key_line(line: str, source: Path | str) -> str:
    """Check one authorized_keys line (options allowed) and return it stripped."""
    fields = line.split()
    for i, word in enumerate(fields[:-1]):
        if word in KEY_TYPES:
            try:
                blob = base64.b64decode(fields[i + 1], validate=True)
            except ValueError:
                break
            if blob[4:4 + len(word)] == word.encode():
                return line.strip()
            break
    raise InputError("not_ssh_key", path=source)


@dataclass(frozen=True)
class JoinCode:
    salt: str
    hash: str
    created: float
    expires: float
    used: bool = False
    failures: int = 0

    def state(self, now: float) -> CodeState:
        # Wrong tries are counted (room status shows them) but do not lock the code itself: anyone
        # who guessed a classmate's name could lock them out. The doors lock out an address per
        # name instead (tui.serve.context.ServeContext.locked_out).
        if self.used:
            return "used"
        return "expired" if now >= self.expires else "active"


@dataclass(frozen=True)
class Participant:
    user: str
    keys: int
    code: JoinCode | None
    has_workspace: bool
    online: bool
    last_activity: float | None


class Room:
    def __init__(self, folder: Path) -> None:
        self.dir = folder
        # The server checks codes in worker threads; without this two right answers arriving at
        # once could both read "unused" and both get in.
        self._code_lock = threading.Lock()

    # -- paths: every user name is checked before it becomes part of one ------------------------
    def key_file(self, user: str) -> Path:
        return self.dir / "keys" / f"{check_user(user)}.pub"

    def code_file(self, user: str) -> Path:
        return self.dir / "codes" / f"{check_user(user)}.toml"

    def online_file(self, user: str) -> Path:
        return online_dir(self.dir) / check_user(user)

    def workspace(self, user: str) -> Path:
        return self.dir / check_user(user)

    @property
    def host_key(self) -> Path:
        return self.dir / "host_key"

    @property
    def error_log(self) -> Path:
        """Where participants' apps record unexpected errors (never shown to the participant)."""
        return self.dir / "logs" / "app-errors.jsonl"

    def ensure(self) -> None:
        for folder in (self.dir, self.dir / "keys", self.dir / "codes", online_dir(self.dir), self.dir / "logs"):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def ensure_workspace(self, user: str) -> Path:
        ws = self.workspace(user)
        ws.mkdir(mode=0o700, exist_ok=True)
        os.chmod(ws, 0o700)  # mkdir's mode is masked by the umask; the promise is 0700
        return ws

    # -- keys -----------------------------------------------------------------------------------
    def keys(self, user: str) -> list[str]:
        path = self.key_file(user)
        if not path.is_file():
            return []
        return [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]

    def add_keys(self, user: str, source: Path) -> int:
        """Append the keys of ``source`` (a .pub or authorized_keys file); returns how many were new."""
        text = decode_text(read_guarded(source, max_bytes=256 * 1024), source)
        lines = [parse_key_line(ln, source) for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            raise InputError("no_public_key", path=source)
        return self._append_keys(user, lines)

    def _append_keys(self, user: str, lines: list[str]) -> int:
        self.ensure()
        have = self.keys(user)
        known = {_key_blob(k) for k in have}
        new = [ln for ln in lines if _key_blob(ln) not in known]
        if new:
            atomic_write(self.key_file(user), "\n".join([*have, *new]) + "\n")
            os.chmod(self.key_file(user), 0o600)
        self.ensure_workspace(user)
        return len(new)

    # -- join codes -----------------------------------------------------------------------------
    def new_code(self, user: str, hours: float = DEFAULT_HOURS, now: float | None = None) -> str:
        """Issue a fresh code (replacing any earlier one, its failures and lock); returns it once."""
        if not 0 < hours <= 24 * 14:
            raise InputError("code_expiry", field="hours")
        self.ensure()
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        salt = secrets.token_bytes(16)
        created = time.time() if now is None else now
        self._save_code(user, JoinCode(salt.hex(), code_hash(code, salt), created, created + hours * 3600))
        self.ensure_workspace(user)
        return format_code(code)

    def code(self, user: str) -> JoinCode | None:
        path = self.code_file(user)
        if not path.is_file():
            return None
        data = read_toml(path)
        try:
            return JoinCode(**data)
        except (TypeError, ValueError):
            raise InputError("not_code_file", path=path) from None

    def _save_code(self, user: str, code: JoinCode) -> None:
        path = self.code_file(user)
        atomic_write(path, tomli_w.dumps(code.__dict__))
        os.chmod(path, 0o600)

    def check_code(self, user: str, attempt: str, now: float | None = None) -> Verdict:
        """Spend the code when it matches; count a failure when it does not (locking at 5).

        Every path costs one scrypt, so that the time of an answer tells nothing about whether
        the name exists or its code is used, expired or locked.
        """
        if not valid_user(user):
            dummy_code_check(attempt)
            return "none"
        with self._code_lock:
            return self._check_code(user, attempt, now)

    def _check_code(self, user: str, attempt: str, now: float | None) -> Verdict:
        code = self.code(user)
        if code is None:
            dummy_code_check(attempt)
            return "none"
        state = code.state(time.time() if now is None else now)
        if state != "active":
            dummy_code_check(attempt)
            return state
        ok = hmac.compare_digest(code_hash(attempt, bytes.fromhex(code.salt)), code.hash)
        if ok:
            self._save_code(user, JoinCode(**{**code.__dict__, "used": True}))
            return "ok"
        self._save_code(user, JoinCode(**{**code.__dict__, "failures": code.failures + 1}))
        return "wrong"

    # -- one-time browser links ---------------------------------------------------------------
    def link_file(self, user: str) -> Path:
        return self.dir / "links" / f"{check_user(user)}.toml"

    def new_link(self, user: str, hours: float = DEFAULT_HOURS, now: float | None = None) -> str:
        """A fresh single-use token for `/link/USER/TOKEN` (replacing any earlier one); returned once.

        The token has 192 random bits, so a plain SHA-256 of it is enough to keep on disk: unlike a
        join code it is never typed and cannot be guessed.
        """
        if not 0 < hours <= 24 * 14:
            raise InputError("code_expiry", field="hours")
        self.ensure()
        token = secrets.token_urlsafe(24)
        created = time.time() if now is None else now
        path = self.link_file(user)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, tomli_w.dumps({"hash": _token_hash(token), "created": created,
                                          "expires": created + hours * 3600, "used": False}))
        os.chmod(path, 0o600)
        self.ensure_workspace(user)
        return token

    def check_link(self, user: str, token: str, now: float | None = None) -> Verdict:
        """Spend the link when the token matches and it is unused and unexpired."""
        attempt = _token_hash(token[:64])
        if not valid_user(user):
            return "none"
        with self._code_lock:
            path = self.link_file(user)
            if not path.is_file():
                return "none"
            data = read_toml(path)
            if not hmac.compare_digest(str(data.get("hash", "")), attempt):
                return "wrong"
            if data.get("used"):
                return "used"
            if (time.time() if now is None else now) >= float(data.get("expires", 0)):
                return "expired"
            atomic_write(path, tomli_w.dumps({**data, "used": True}))
            os.chmod(path, 0o600)
            return "ok"

    # -- participants ---------------------------------------------------------------------------
    def users(self) -> list[str]:
        found: set[str] = set()
        for sub, suffix in (("keys", ".pub"), ("codes", ".toml")):
            folder = self.dir / sub
            if folder.is_dir():
                found.update(p.name.removesuffix(suffix) for p in folder.iterdir() if p.name.endswith(suffix))
        if self.dir.is_dir():
            found.update(p.name for p in self.dir.iterdir() if p.is_dir() and not p.is_symlink())
        return sorted(u for u in found if valid_user(u))

    def participant(self, user: str) -> Participant:
        ws = self.workspace(user)
        online = self.online_file(user)
        return Participant(user, len(self.keys(user)), self.code(user), ws.is_dir(), online.exists(),
                           last_activity(ws, online))

    def remove(self, user: str) -> bool:
        """Take away access (keys and code). The workspace stays: nothing a participant made is lost."""
        removed = False
        for path in (self.key_file(user), self.code_file(user)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed = True
        return removed or self.workspace(user).is_dir()

    def purge(self, user: str) -> None:
        shutil.rmtree(self.workspace(user), ignore_errors=True)

    # -- online markers (written by the server) ------------------------------------------------
    def mark_online(self, user: str, sessions: int) -> None:
        path = self.online_file(user)
        if sessions > 0:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.write_text(f"{sessions}\n")
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def touch_online(self, user: str) -> None:
        with contextlib.suppress(OSError):
            os.utime(self.online_file(user))

    def clear_online(self) -> None:
        folder = online_dir(self.dir)
        if folder.is_dir():
            for p in folder.iterdir():
                with contextlib.suppress(OSError):
                    p.unlink()


_DUMMY_SALT = b"spbe-planner-dummy-salt"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def dummy_code_check(attempt: str) -> None:
    """The same scrypt work as a real check, for a name or code that cannot match."""
    code_hash(attempt, _DUMMY_SALT)


def _key_blob(line: str) -> str:
    words = line.split()
    for i, w in enumerate(words[:-1]):
        if w in KEY_TYPES:
            return words[i + 1]
    return line


def last_activity(workspace: Path, online: Path) -> float | None:
    """Newest modification among the participant's files, recovery files and online marker."""
    times: list[float] = []
    for base in (online, workspace):
        with contextlib.suppress(OSError):
            times.append(base.stat().st_mtime)
    if workspace.is_dir():
        for dirpath, dirnames, filenames in os.walk(workspace):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                with contextlib.suppress(OSError):
                    times.append(os.lstat(os.path.join(dirpath, name)).st_mtime)
    return max(times) if times else None
