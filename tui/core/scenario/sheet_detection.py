"""A spreadsheet given where a scenario was expected: recognised, and answered with the command to use.

A planner's first try is often ``spbe-planner aceh-tengah-2025.xlsx`` or ``score x.xlsx``. The
scenario reader then met zip bytes and said "not UTF-8 … save the file as UTF-8": wrong advice.
A sheet is recognised by its bytes (an xlsx is a zip archive) or, for text, by a header row a
levels sheet has, and the message gives the ``import`` command line to use instead.

It lives with the scenario, not with file kinds: telling a levels sheet needs the sheet reader and
the rubrics, which the file layer below must not know.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Literal

from tui.core.errors import InputError
from tui.core.files.file_kinds import ZIP_MAGIC, read_head
from tui.core.scenario.official import detect_result
from tui.core.scenario.sheets import MAX_SHEET_BYTES, has_levels_header
from tui.core.scoring.rubric import RubricSet, bundled_rubric_ids


def sheet_format(path: Path) -> Literal["xlsx", "csv"] | None:
    """"xlsx" (a zip archive), "csv" (text whose first rows hold a levels sheet's header), or None."""
    head = read_head(path, MAX_SHEET_BYTES)
    if head is None:
        return None
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    return "csv" if has_levels_header(head.decode("utf-8", errors="replace"), path) else None


def sheet_instead(path: Path | str, cause: InputError) -> InputError:
    """The error to give for ``path``: "a sheet: import it" when it is one, else ``cause`` itself."""
    p = Path(path)
    if cause.code not in ("not_utf8", "too_large") and not cause.code.startswith("toml_"):
        return cause
    if sheet_format(p) is None:
        return cause
    # The region is the one thing the sheet cannot say: a placeholder the user fills in.
    command = " ".join([shlex.join(["spbe-planner", "import", str(p), "--framework", _framework_of(p)]),
                        "--region '…'", shlex.join(["-o", p.with_suffix(".toml").name])])
    return InputError("is_sheet", path=p, command=command)


def _framework_of(p: Path) -> str:
    """The framework whose indicators the sheet holds, when one takes every row (else a placeholder)."""
    rubrics = RubricSet()
    scorable = [r for r in (rubrics.get(i) for i in bundled_rubric_ids()) if r.scorable]
    try:
        return detect_result(p, sorted(scorable, key=lambda r: r.id != "pemdi-2026"))[0].id
    except InputError:
        return "ID"
