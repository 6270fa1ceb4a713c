"""Reading and writing the files users keep: one hardened reading path, atomic saves.

Every format (scenario, cohort, cost, rubric, config, recovery, sheet) is read through
``read_guarded``: the path is checked by type before anything is opened (a FIFO or a device would
block or never end), the size is capped, a leading BOM is dropped, and TOML is checked for
structure limits before tomllib sees it, so that no file under the cap can cost more than a few
MiB or a fraction of a second. Every failure is an InputError naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files.toml_limits import check_structure
from tui.core.files.workspace import guard_read, guard_write, root
from tui.core.numbers import is_whole

MAX_BYTES = 1024 * 1024  # 1 MiB: far above any real scenario, rubric or cohort file
BOM = "\ufeff"
# Temporary files of atomic_write: ".NAME.<random>.tmp" beside the target.
TMP_PREFIX, TMP_SUFFIX = ".", ".tmp"
STALE_TMP_SECONDS = 60


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special"


def _os_error(exc: OSError, p: Path) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("file_not_found", path=p)
    if isinstance(exc, IsADirectoryError):
        return InputError("is_folder", path=p)
    if isinstance(exc, PermissionError):
        return InputError("permission_denied", path=p)
    if exc.errno == errno.ELOOP:
        return InputError("symlink_loop", path=p)
    return InputError("cannot_read", path=p, reason=os_reason(exc))


# The system's own text for these errors is English whatever the user's language: a reason word
# (translated by the presentation layer) is passed instead.
_ERRNO_REASONS = {errno.ENAMETOOLONG: "name_too_long", errno.ENOSPC: "no_space", errno.EDQUOT: "no_space",
                  errno.EROFS: "read_only", errno.EIO: "io", errno.ENOTDIR: "not_folder",
                  errno.EMFILE: "busy", errno.ENFILE: "busy", errno.ETXTBSY: "busy", errno.EBUSY: "busy",
                  errno.EXDEV: "other_device", errno.EINVAL: "invalid_name", errno.EACCES: "denied",
                  errno.EPERM: "denied", errno.EADDRINUSE: "in_use", errno.EADDRNOTAVAIL: "no_address"}


def os_reason(exc: OSError) -> str:
    """A reason word for an OS error; an errno symbol (``EIO``) where none fits, never the OS's prose."""
    if exc.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[exc.errno]
    return errno.errorcode.get(exc.errno or 0, "os")


def real_path(path: Path | str) -> Path:
    """The absolute path with symbolic links resolved; a loop is left for the read to report.

    (Path.resolve raises RuntimeError on a loop in Python 3.11; os.path.realpath does not.)
    """
    return Path(os.path.realpath(path))


def check_openable(path: Path, *, max_bytes: int = MAX_BYTES) -> None:
    """Refuse, by what it is, a path that is no regular readable file of at most ``max_bytes``
    (a folder, FIFO, device, missing, outside the workspace) before anything opens it."""
    guard_read(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_error(exc, path) from None
    except ValueError:  # a NUL byte in the path
        raise InputError("bad_path", path=path, reason="NUL") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is_folder", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not_regular", path=path, kind=_kind(st.st_mode))
    if st.st_size > max_bytes:
        raise InputError("too_large", path=path, limit=max_bytes // 1024)


def read_guarded(path: Path | str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or an InputError saying why not."""
    p = Path(path)
    check_openable(p, max_bytes=max_bytes)
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, open does not block.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise _os_error(exc, p) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not_regular", path=p, kind=_kind(st.st_mode))
        if st.st_nlink > 1 and root() is not None:
            # A hard link planted in a workspace would read a file from outside it.
            raise InputError("hard_link", path=p)
        try:
            raw = _read_at_most(fh, max_bytes + 1)
        except OSError as exc:
            raise _os_error(exc, p) from None
    if len(raw) > max_bytes:
        raise InputError("too_large", path=p, limit=max_bytes // 1024)
    return raw


def _read_at_most(fh: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes, read in pieces: one read(limit) reserves all of it up front (20 MiB
    for a 1 KB sheet), and stat is not trusted instead because /proc files and growing files lie."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = fh.read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def decode_text(raw: bytes, path: Path | str | None) -> str:
    """UTF-8 text without a leading BOM (Notepad's "UTF-8 with BOM" is UTF-8 too)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not_utf8", path=path, line=line) from None
    return text.removeprefix(BOM)


def read_toml(path: Path | str, *, max_bytes: int = MAX_BYTES, shipped: bool = False) -> dict[str, Any]:
    """Read a TOML file, refusing special, huge, non-UTF-8, over-deep or malformed files.

    ``shipped``: a file of our own package (a bundled rubric), checked by the tests: the structure
    limits, which guard against hostile input and cost ~1 ms per 10 KB, are skipped for it.
    """
    return read_toml_with_bytes(path, max_bytes=max_bytes, shipped=shipped)[0]


def read_toml_with_bytes(path: Path | str, *, max_bytes: int = MAX_BYTES,
                         shipped: bool = False) -> tuple[dict[str, Any], bytes]:
    """As read_toml, and the bytes it parsed (for a checksum of exactly what was read)."""
    p = Path(path)
    raw = read_guarded(p, max_bytes=max_bytes)
    return parse_toml(decode_text(raw, p), p, shipped=shipped), raw


# tomllib's phrases, mapped to a short code the presentation layer translates.
_TOML_HINTS = (
    ("Cannot overwrite a value", "duplicate"), ("Cannot declare", "duplicate"),
    ("Duplicate inline table key", "duplicate"), ("Cannot redefine", "duplicate"),
    ("Cannot mutate", "duplicate"), ("Expected '='", "expected_equals"), ("Unterminated string", "unclosed"),
    ("Unclosed", "unclosed"), ("Expected ']", "unclosed"), ("Invalid value", "bad_value"),
    ("Invalid date", "bad_value"), ("Invalid hex", "bad_value"), ("Illegal character", "bad_character"),
    ("Found invalid character", "bad_character"), ("Unescaped", "bad_character"),
    ("Escaped character", "bad_character"),
)


def parse_toml(text: str, path: Path | str | None = None, *, shipped: bool = False) -> dict[str, Any]:
    text = text.removeprefix(BOM)
    if not shipped:
        check_structure(text, path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        hint = next((code for phrase, code in _TOML_HINTS if detail.startswith(phrase)), "syntax")
        line, col = _position(detail)
        raise InputError(f"toml_{hint}", path=path, line=line, col=col) from None
    except ValueError:
        # int() past Python's digit limit; the structure check keeps numbers shorter, this is the net.
        raise InputError("number_too_long", path=path, limit=4300) from None
    except (RecursionError, MemoryError):
        raise InputError("toml_recursion", path=path) from None


def _position(detail: str) -> tuple[int | str, int | str]:
    """(line, column) from tomllib's '… (at line 3, column 5)', or '?' each when absent."""
    head, _, tail = detail.rpartition("(at line ")
    if not head:
        return "?", "?"
    line, _, col = tail.rstrip(")").partition(", column ")
    return (int(line) if is_whole(line) else "?"), (int(col) if is_whole(col) else "?")


def is_temporary(name: str) -> bool:
    """True for the hidden temporary files atomic_write leaves only if it is killed mid-write."""
    return name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)


def _write_error(exc: OSError, target: Path, folder: Path) -> InputError:
    """Name the target, never the hidden temporary file, in what went wrong."""
    if isinstance(exc, FileNotFoundError) or not folder.is_dir():
        return InputError("no_folder", path=target)
    if isinstance(exc, PermissionError):
        return InputError("write_denied", path=target)
    if isinstance(exc, IsADirectoryError):
        return InputError("is_folder", path=target)
    return InputError("cannot_write", path=target, reason=os_reason(exc))


def refuse_special_target(p: Path) -> None:
    """Never replace a FIFO, socket or device with a regular file (``-o /dev/null --force`` as root
    would replace /dev/null): writes, like reads, refuse special files by what they are."""
    try:
        st = os.stat(p)
    except (OSError, ValueError):
        return  # absent (the usual case) or unreadable: the write itself reports what is wrong
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is_folder", path=p)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("write_not_regular", path=p, kind=_kind(st.st_mode))


def check_output_target(path: Path | str, force: bool) -> None:
    """Before any work: the file a command will write is not special, and is new unless ``force``."""
    p = Path(path)
    refuse_special_target(p)
    if p.exists() and not force:
        raise InputError("exists", path=p)


def remove_stale_temporaries(folder: Path, target: str | None = None) -> int:
    """Delete temporaries older than a minute in ``folder`` (of ``target`` only, or all of them at
    start-up): left by a writer killed mid-write. Younger ones may belong to a writer still at work
    in another process, so they stay. How many were removed."""
    prefix = f"{TMP_PREFIX}{target}." if target is not None else TMP_PREFIX
    cutoff = time.time() - STALE_TMP_SECONDS
    removed = 0
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (is_temporary(entry.name) and entry.name.startswith(prefix)):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
    return removed


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` so that readers see either the old file or the new one, never half of it.

    A temporary file in the same folder is written, flushed to disk and renamed over the target;
    the folder is fsynced too, so a power cut or a dropped SSH session cannot lose the rename.
    """
    p = Path(path)
    guard_write(p)
    folder = p.parent if str(p.parent) else Path(".")
    refuse_special_target(p)
    remove_stale_temporaries(folder, p.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{p.name}.", suffix=TMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _write_error(exc, p, folder) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            # Keep the permissions of the file being replaced (mkstemp creates 0600).
            os.chmod(tmp, p.stat().st_mode & 0o777 if p.exists() else 0o644)
        os.replace(tmp, p)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(exc, p, folder) from None
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
