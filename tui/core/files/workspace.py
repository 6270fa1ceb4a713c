"""Served mode: keep every file the app reads or writes inside the participant's workspace.

`spbe-planner serve` starts each participant's app with ``SPBE_PLANNER_WORKSPACE`` set to their
folder. From then on the file chokepoints of the core (``read_toml``, ``atomic_write``, the sheet
reader, the on-disk digest) ask this module first:

- reads must resolve inside the workspace or inside the bundled, read-only data folders;
- writes must resolve inside the workspace, through path parts from an allow-list (no ``..``,
  no symlink anywhere on the way, no symlink as the target).

Outside served mode (no variable) every check is a no-op, so a planner at their own terminal may
open any file they can read. The checks raise InputError, so the app shows them as a notification
and the CLI as a message with exit 2, like any other bad input.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from tui.core.errors import InputError
from tui.core.served_contract import WORKSPACE_ENV

ENV = WORKSPACE_ENV
# File names a participant may give: letters, digits, space, dot, dash, underscore; no leading dot
# (hidden files), at most 64 characters. Folders the app itself creates (.local, .config) are
# matched by the laxer part pattern.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}")
PART = re.compile(r"[A-Za-z0-9._-]{1,64}")


def root() -> Path | None:
    """The workspace this process is confined to, or None when it is not served."""
    value = os.environ.get(ENV)
    return Path(value).resolve() if value else None


def served() -> bool:
    """True in a participant's app under `spbe-planner serve` (confined to a workspace)."""
    return bool(os.environ.get(ENV))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _readable_roots(ws: Path) -> list[Path]:
    from tui.core.resources import rubrics_dir, scenarios_dir  # resources imports nothing of ours

    return [ws, rubrics_dir().resolve(), scenarios_dir().resolve()]


MAX_PATH_CHARS = 4096


def inside_workspace(path: Path | str) -> bool:
    """Whether a file lies inside the served workspace (never true when not served)."""
    ws = root()
    return ws is not None and _inside(Path(os.path.realpath(path)), Path(os.path.realpath(ws)))


def user_path(text: str) -> Path:
    """The one way a path typed by a user becomes a Path; every failure is an InputError.

    ``~`` is the user's home, or in served mode the workspace (never another account's home:
    ``~name`` would tell a participant which accounts exist). Relative paths stay relative to the
    working folder, which in served mode is the workspace.
    """
    text = text.strip()
    if not text or len(text) > MAX_PATH_CHARS or "\0" in text:
        raise InputError("bad_path", path=text[:80] or "''", reason="…" if text else "''")
    ws = root()
    if text.startswith("~"):
        head, sep, rest = text.partition("/")
        if head != "~":
            if ws is not None:
                raise InputError("outside_read", path=text)
            expanded = os.path.expanduser(head)
            if expanded == head:  # no such account
                raise InputError("unknown_user_home", path=text, user=head[1:])
            home = Path(expanded)
        else:
            home = ws if ws is not None else Path(os.path.expanduser("~"))
        return home / rest if sep else home
    return Path(text)  # relative stays relative: what the user typed is what they see again


def shown_path(path: Path | str) -> str:
    """A path as a participant may see it: relative to their workspace, never the server's layout."""
    ws = root()
    text = str(path)
    p = Path(text)
    if ws is None:
        here = Path.cwd()
        return str(p.relative_to(here)) if p.is_absolute() and p.is_relative_to(here) else text
    absolute = p if p.is_absolute() else Path.cwd() / p
    normal = Path(os.path.normpath(absolute))
    if _inside(normal, ws):
        return str(normal.relative_to(ws)) if normal != ws else "~"
    if any(_inside(normal, r) for r in _readable_roots(ws)[1:]):
        return normal.name  # a bundled sample: its short name
    return text if not p.is_absolute() or len(p.parts) <= 3 else f"…/{p.name}"


def guard_read(path: Path | str) -> None:
    ws = root()
    if ws is None:
        return
    real = Path(os.path.realpath(path))
    if not any(_inside(real, r) for r in _readable_roots(ws)):
        raise InputError("outside_read", path=shown_path(path))


def guard_write(path: Path | str) -> None:
    ws = root()
    if ws is None:
        return
    p = Path(path)
    absolute = p if p.is_absolute() else Path.cwd() / p
    try:
        rel = Path(os.path.normpath(absolute)).relative_to(ws)
    except ValueError:
        raise InputError("outside_write", path=shown_path(path)) from None
    if ".." in p.parts or not rel.parts:
        raise InputError("dotdot", path=shown_path(path))
    *folders, name = rel.parts
    if not NAME.fullmatch(name) or name.endswith((".", " ")) or ".." in name:
        raise InputError("bad_file_name", path=shown_path(path))
    if not all(PART.fullmatch(part) for part in folders):
        raise InputError("bad_folder_name", path=shown_path(path))
    _refuse_symlinks(ws, rel, path)


def _refuse_symlinks(ws: Path, rel: Path, shown: Path | str) -> None:
    here = ws
    for part in rel.parts:
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return  # the rest does not exist yet: nothing on the way can be a link
        if stat.S_ISLNK(mode):
            raise InputError("write_symlink", path=shown_path(shown))
