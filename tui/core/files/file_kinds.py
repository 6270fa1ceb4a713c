"""What a file is, told by its content: scenario, cost file, cohort, rubric, crosswalk, config.

Files are recognised by what they hold, never by their name: ``ls`` lists a cost file in the
scenario folder as a cost file (not as a broken scenario), and a file of the wrong kind given to a
flag (``--cost scenario.toml``) says what it is and what was expected (before, a scenario given as
a cost file read "newer schema: update spbe-planner").

A sheet given where a TOML file was expected is recognised by tui.core.scenario.sheet_detection.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from tui.core.errors import InputError

Kind = Literal["scenario", "cost", "cohort", "rubric", "crosswalk", "config", "sheet"]
_COST_KEYS = frozenset({"default", "indicator", "programme", "max_cost", "max_step", "max_steps", "locked"})

ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 64 * 1024


def read_head(path: Path, max_bytes: int | None = None) -> bytes | None:
    """The file's first SNIFF_BYTES, or None when it is not a regular file one may read (a FIFO is
    refused by its type before the open could block; ``max_bytes``: also refused when larger)."""
    from tui.core.files.guarded import check_openable

    try:
        check_openable(path, max_bytes=max_bytes if max_bytes is not None else sys.maxsize)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except (OSError, InputError):
        return None


_TABLE_LINE = re.compile(rb"^\s*\[{1,2}\s*([A-Za-z_]+)", re.MULTILINE)
_KEY_LINE = re.compile(rb"^\s*([A-Za-z_]+)\s*=", re.MULTILINE)


def head_kind(path: Path) -> Kind | None:
    """A TOML file's kind from its first bytes, without parsing it (a folder listing reads many):
    its top-level keys and table names, as ``toml_kind`` reads them. None when unreadable or none of ours."""
    head = read_head(path)
    if head is None:
        return None
    first_table = _TABLE_LINE.search(head)
    top = head[:first_table.start()] if first_table else head
    data: dict[str, Any] = {m.group(1).decode(): 0 for m in _KEY_LINE.finditer(top)}
    data.update({m.group(1).decode(): {} for m in _TABLE_LINE.finditer(head)})
    return toml_kind(data)


def toml_kind(data: Mapping[str, Any]) -> Kind | None:
    """The kind of a TOML file by its top-level tables and keys (None: none of ours)."""
    for table, kind in (("scenario", "scenario"), ("cohort", "cohort"), ("rubric", "rubric")):
        if isinstance(data.get(table), dict):
            return kind  # type: ignore[return-value]
    if "pair" in data or ("map" in data and "source" in data):
        return "crosswalk"
    if _COST_KEYS & data.keys():
        return "cost"
    if "keymap" in data or "theme" in data:
        return "config"
    return None


def expect_kind(data: Mapping[str, Any], expected: Kind, path: Path | str | None) -> None:
    """Refuse, by name, a file that is recognisably another kind than the one expected."""
    kind = toml_kind(data)
    if kind is not None and kind != expected:
        raise InputError("wrong_kind", path=path, kind=f"kind_{kind}", what=f"kind_{expected}")
