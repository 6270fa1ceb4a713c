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

ENV = "SPBE_PLANNER_WORKSPACE"
# File names a participant may give: letters, digits, space, dot, dash, underscore; no leading dot
# (hidden files), at most 64 characters. Folders the app itself creates (.local, .config) are
# matched by the laxer part pattern.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}")
PART = re.compile(r"[A-Za-z0-9._-]{1,64}")


def root() -> Path | None:
    """The workspace this process is confined to, or None when it is not served."""
    value = os.environ.get(ENV)
    return Path(value).resolve() if value else None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _readable_roots(ws: Path) -> list[Path]:
    from tui.core.resources import rubrics_dir, scenarios_dir  # resources imports nothing of ours

    return [ws, rubrics_dir().resolve(), scenarios_dir().resolve()]


def guard_read(path: Path | str) -> None:
    ws = root()
    if ws is None:
        return
    real = Path(os.path.realpath(Path(path).expanduser()))
    if not any(_inside(real, r) for r in _readable_roots(ws)):
        raise InputError("outside your workspace; only files in your own folder can be opened", path=path)


def guard_write(path: Path | str) -> None:
    ws = root()
    if ws is None:
        return
    p = Path(path)
    absolute = p if p.is_absolute() else Path.cwd() / p
    try:
        rel = Path(os.path.normpath(absolute)).relative_to(ws)
    except ValueError:
        raise InputError("outside your workspace; files can only be saved in your own folder", path=path) from None
    if ".." in p.parts or not rel.parts:
        raise InputError("'..' is not allowed in a file name", path=path)
    *folders, name = rel.parts
    if not NAME.fullmatch(name) or name.endswith((".", " ")) or ".." in name:
        raise InputError("file name may use only letters, digits, space, '.', '-', '_' (at most 64)", path=path)
    if not all(PART.fullmatch(part) for part in folders):
        raise InputError("folder name not allowed", path=path)
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
            raise InputError("is a symbolic link; refusing to write through it", path=shown)
