"""What a file is, told by its content: a sheet given where a scenario was expected.

A planner's first try is often ``spbe-planner aceh-tengah-2025.xlsx`` or ``score x.xlsx``. The
scenario reader then met zip bytes and said "not UTF-8 … save the file as UTF-8": wrong advice.
A sheet is recognised by its bytes (an xlsx is a zip archive) or, for text, by a header row a
levels sheet has, and the message gives the ``import`` command line to use instead.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from tui.core.errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 64 * 1024


def looks_like_sheet(path: Path) -> bool:
    """An xlsx (a zip archive), or a CSV whose first rows hold a levels sheet's header."""
    try:
        with open(path, "rb", buffering=0) as fh:  # only called after the guarded read found a regular file
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    if head.startswith(ZIP_MAGIC):
        return True
    from tui.core.sheets import Sheet, _parse_csv, levels_header

    try:
        text = head.decode("utf-8", errors="replace")
        return any(levels_header(Sheet(None, _parse_csv(text, d, path).rows)) is not None for d in (";", ",", "\t"))
    except InputError:
        return False


def sheet_instead(path: Path | str, cause: InputError) -> InputError:
    """The error to give for ``path``: "a sheet: import it" when it is one, else ``cause`` itself."""
    p = Path(path)
    if cause.code not in ("not_utf8", "too_large") and not cause.code.startswith("toml_"):
        return cause
    if not looks_like_sheet(p):
        return cause
    framework = _framework_of(p)
    command = shlex.join(["spbe-planner", "import", str(p), "--framework", framework, "--region", "NAMA",
                          "-o", p.with_suffix(".toml").name])
    return InputError("is_sheet", path=p, command=command.replace("NAMA", "'…'"))


def _framework_of(p: Path) -> str:
    """The framework whose indicators the sheet holds, when one takes every row (else a placeholder)."""
    from tui.core.official import detect_result
    from tui.core.rubric import RubricSet, bundled_rubric_ids

    rubrics = RubricSet()
    scorable = [r for r in (rubrics.get(i) for i in bundled_rubric_ids()) if r.scorable]
    try:
        return detect_result(p, sorted(scorable, key=lambda r: r.id != "pemdi-2026"))[0].id
    except InputError:
        return "ID"
