"""Reading and writing the TOML files users keep: size and encoding guards, atomic saves."""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.workspace import guard_read, guard_write

MAX_BYTES = 1024 * 1024  # 1 MiB: far above any real scenario, rubric or cohort file


def read_toml(path: Path | str, *, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """Read a TOML file, refusing huge, non-UTF-8 or malformed files with one clear message."""
    p = Path(path)
    guard_read(p)
    try:
        with p.open("rb") as fh:
            # Read one byte past the limit instead of trusting stat: FIFOs and /proc files lie.
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("file not found", path=p) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=p) from None
    except PermissionError:
        raise InputError("permission denied (cannot read the file)", path=p) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=p) from None
    if len(raw) > max_bytes:
        raise InputError(f"file is larger than {max_bytes // 1024} KiB; refusing to read it", path=p)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (bad byte at line {line}); save the file as UTF-8", path=p) from None
    return parse_toml(text, p)


def parse_toml(text: str, path: Path | str | None = None) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=path) from None


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` so that readers see either the old file or the new one, never half of it.

    A temporary file in the same folder is written, flushed to disk and renamed over the target;
    the folder is fsynced too, so a power cut or a dropped SSH session cannot lose the rename.
    """
    p = Path(path)
    guard_write(p)
    folder = p.parent if str(p.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            # Keep the permissions of the file being replaced (mkstemp creates 0600).
            os.chmod(tmp, p.stat().st_mode & 0o777 if p.exists() else 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
