"""Import a baseline from a spreadsheet (.csv or .xlsx): an indicator-number column and a level column.

The header row is found by name (Bahasa Indonesia or English, any case) within the first rows;
rows in between that are not indicators — domain and aspect headings, totals, blank lines, as in
the official evaluation sheet — are skipped. Everything else must be right: an unknown indicator,
text in a level cell, a level off the scale, an indicator listed twice or one that is missing
stops the import with a message naming the file, the sheet, the row and the cell. Nothing is
filled in silently.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.core.errors import InputError
from tui.core.numbers import to_hundredths
from tui.core.rubric import Rubric
from tui.core.scenario import check_level
from tui.core.workspace import guard_read

MAX_SHEET_BYTES = 20 * 1024 * 1024
HEADER_SCAN_ROWS = 200  # room for title rows and an exported report's first tables

# Header names, normalised (lower case, single spaces, no punctuation). Most specific first.
NUMBER_HEADERS = ("no indikator", "nomor indikator", "indicator no", "indicator number", "no", "nomor",
                  "id", "kode", "number", "indikator", "indicator")
LEVEL_HEADERS = ("tingkat kematangan", "tingkat kapabilitas", "nilai tingkat", "maturity level", "capability level",
                 "tingkat", "level", "nilai", "skor", "score", "value")
GROUP_WORDS = ("domain", "aspek", "aspect", "total", "jumlah", "indeks", "index")

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int  # 1-based row number as the spreadsheet shows it
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str | None  # None for CSV
    rows: list[SheetRow]


def _norm(value: Cell) -> str:
    text = re.sub(r"[^\w\s]", " ", str(value or "")).casefold()
    return " ".join(text.split())


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how people name cells."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _check_size(path: Path) -> None:
    guard_read(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if size == 0:
        raise InputError("the file is empty", path=path)
    if size > MAX_SHEET_BYTES:
        raise InputError(f"the file is {size / 2**20:.0f} MiB; sheets over {MAX_SHEET_BYTES // 2**20} MiB are "
                         "refused (an evaluation sheet is a few hundred kB)", path=path)


def read_csv(path: Path) -> Sheet:
    _check_size(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); save the sheet as 'CSV UTF-8'", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","  # one column or unusual quoting: the header check below will say what is wrong
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [SheetRow(k, tuple(c.strip() or None for c in r)) for k, r in enumerate(reader, start=1)]
    return Sheet(None, rows)


def read_xlsx(path: Path, sheet: str | None = None) -> list[Sheet]:
    _check_size(path)
    # openpyxl is heavy and only this path needs it.
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", path=path) from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise InputError(f"no sheet named {sheet!r} (sheets: {', '.join(names)})", path=path, field="--sheet")
        out = []
        for name in [sheet] if sheet else names:
            ws = book[name]
            rows = [SheetRow(k, tuple(_xlsx_cell(c) for c in r))
                    for k, r in enumerate(ws.iter_rows(values_only=True), start=1)]
            out.append(Sheet(name, rows))
        return out
    finally:
        book.close()


def _xlsx_cell(value: object) -> Cell:
    """Blank strings count as empty; dates and other cell types are kept as their text."""
    if isinstance(value, str):
        return value.strip() or None
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def _find_header(sheet: Sheet) -> tuple[int, int, int] | None:
    """(row position, number column, level column) of the first row naming both columns."""
    for pos, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        names = [_norm(c) for c in row.cells]
        num_col = next((names.index(h) for h in NUMBER_HEADERS if h in names), None)
        lvl_col = next((names.index(h) for h in LEVEL_HEADERS if h in names), None)
        if num_col is not None and lvl_col is not None and num_col != lvl_col:
            return pos, num_col, lvl_col
    return None


def _indicator_number(value: Cell) -> str | None:
    """'12', 12, 12.0, '12.', 'Indikator 12' -> '12'; anything else (a heading) -> None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    m = re.fullmatch(r"(?:indikator|indicator|ind)?\s*(\d+)\s*\.?", value.strip(), flags=re.IGNORECASE)
    return str(int(m.group(1))) if m else None


def _level(value: Cell, where: str) -> int:
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            number: float = float(text)
        except ValueError:
            raise InputError(f"level must be a number, got {value!r}", field=where) from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = value
    else:
        raise InputError(f"level must be a number, got {value!r}", field=where)
    try:
        return to_hundredths(number, "level")
    except ValueError as exc:
        raise InputError(str(exc), field=where) from None


def _where(sheet: Sheet, row: SheetRow, col: int) -> str:
    cell = f"{column_letter(col)}{row.number}"
    return f"sheet {sheet.name!r}, row {row.number}, cell {cell}" if sheet.name else f"row {row.number}, cell {cell}"


def _cell(row: SheetRow, col: int) -> Cell:
    return row.cells[col] if col < len(row.cells) else None


def _is_heading(row: SheetRow, num_col: int) -> bool:
    """A domain/aspect heading or a total: its first text (besides the number) starts with such a word."""
    texts = [_norm(c) for k, c in enumerate(row.cells) if k != num_col and isinstance(c, str) and _norm(c)]
    return bool(texts) and texts[0].split()[0] in GROUP_WORDS


def levels_from_sheet(sheet: Sheet, rubric: Rubric, path: Path) -> dict[str, int]:
    found = _find_header(sheet)
    if found is None:
        where = f"sheet {sheet.name!r}" if sheet.name else None
        raise InputError("no header row with an indicator-number column and a level column (looked for e.g. "
                         "'No' / 'Nomor Indikator' and 'Tingkat' / 'Level' / 'Nilai')", path=path, field=where)
    pos, num_col, lvl_col = found
    levels: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for row in sheet.rows[pos + 1:]:
        ind = _indicator_number(_cell(row, num_col))
        raw = _cell(row, lvl_col)
        if ind is None or _is_heading(row, num_col):
            continue  # domain/aspect headings (even numbered ones), totals, notes and blank lines
        where = _where(sheet, row, lvl_col)
        if ind not in rubric.by_id:
            raise InputError(f"unknown indicator {ind!r} (framework {rubric.id} has {rubric.indicator_ids[0]}–"
                             f"{rubric.indicator_ids[-1]})", path=path, field=_where(sheet, row, num_col))
        if ind in first_seen:
            raise InputError(f"indicator {ind} appears twice (first in row {first_seen[ind]})", path=path,
                             field=_where(sheet, row, num_col))
        if raw is None:
            raise InputError(f"indicator {ind} has no level", path=path, field=where)
        try:
            level_h = _level(raw, where)
            check_level(rubric, ind, level_h, where)
        except InputError as exc:
            raise exc.with_path(path) from None
        levels[ind] = level_h
        first_seen[ind] = row.number
    missing = [i for i in rubric.indicator_ids if i not in levels]
    if missing:
        where = f"sheet {sheet.name!r}" if sheet.name else None
        raise InputError(f"the sheet is missing {len(missing)} of {len(rubric.indicator_ids)} indicators: "
                         f"{', '.join(missing)}; partial sheets are not filled in", path=path, field=where)
    return {i: levels[i] for i in rubric.indicator_ids}


def _sheets(path: Path, sheet: str | None) -> Iterator[Sheet]:
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        yield read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        yield from read_xlsx(path, sheet)
    else:
        raise InputError("import reads .csv or .xlsx files", path=path)


def import_levels(path: Path, rubric: Rubric, sheet: str | None = None) -> dict[str, int]:
    """Baseline levels (hundredths) from a sheet. Without ``sheet``, the first sheet with a header row."""
    sheets = list(_sheets(path, sheet))
    for s in sheets:
        if _find_header(s) is not None or s is sheets[-1]:
            return levels_from_sheet(s, rubric, path)
    raise InputError("the workbook has no sheets", path=path)
