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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.errors import CellRef, InputError, Invalid, from_invalid
from tui.core.files.guarded import decode_text, read_guarded
from tui.core.numbers import decimal_point, shown, to_hundredths
from tui.core.scenario.scenario_file import check_level
from tui.core.scoring.rubric import Rubric

MAX_SHEET_BYTES = 20 * 1024 * 1024
# An evaluation sheet has about a hundred rows and a dozen columns; these bounds are far above it.
MAX_ROWS = 5_000
MAX_COLUMNS = 64
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 2_000
# openpyxl builds every cell of a row (whatever max_col says) and every shared string before we
# see one: these parts are bounded before it runs. An evaluation sheet's worksheet XML is ~100 KB,
# its shared strings a few hundred texts.
MAX_WORKSHEET_BYTES = 8 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 4 * 1024 * 1024
MAX_ROW_CELLS = 2_048
# The csv module builds a whole row before we can cut it to MAX_COLUMNS: a physical line with more
# separators than this is refused before it is parsed.
MAX_LINE_FIELDS = 2_048
HEADER_SCAN_ROWS = 200  # room for title rows and an exported report's first tables

# Header names, normalised (lower case, single spaces, no punctuation). Most specific first.
NUMBER_HEADERS = ("no indikator", "nomor indikator", "indicator no", "indicator number", "no", "nomor",
                  "id", "kode", "number", "indikator", "indicator")
LEVEL_HEADERS = ("tingkat kematangan", "tingkat kapabilitas", "nilai tingkat", "maturity level", "capability level",
                 "nilai akhir", "hasil evaluasi", "nilai evaluasi", "final value",
                 "tingkat", "level", "nilai", "skor", "score", "value")
# A header may carry the year of its values ("Tingkat Kematangan 2025", "Nilai (2025)", "Level TA 2025").
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_WORDS = frozenset({"tahun", "th", "ta", "year"})
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


def normalised(value: Cell) -> str:
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


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26: the inverse of column_letter."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _read_sheet_bytes(path: Path) -> bytes:
    raw = read_guarded(path, max_bytes=MAX_SHEET_BYTES)
    if not raw:
        raise InputError("sheet_empty", path=path)
    return raw


def read_csv(path: Path, header: Callable[[Sheet], object] | None = None) -> Sheet:
    """The CSV's rows; ``header`` says whether a parse found its header row (default: a levels
    sheet's), which decides between delimiters when the sniffer's guess finds none."""
    has_header = header or _find_header
    raw = _read_sheet_bytes(path)
    try:
        text = decode_text(raw, path)
    except InputError:
        offset = _first_bad_byte(raw)
        raise InputError("sheet_not_utf8", path=path, offset=offset) from None
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","  # one column or unusual quoting: the header check below will say what is wrong
    # The sniffer guesses from a sample and is fooled by prose full of commas in a ';' sheet (an
    # Indonesian-locale Excel export): the delimiter that yields a header row wins, the guess first.
    first: Sheet | None = None
    for delimiter in dict.fromkeys((sniffed, ";", ",", "\t")):
        sheet = _parse_csv(text, delimiter, path)
        if has_header(sheet) is not None:
            return sheet
        first = first or sheet
    assert first is not None
    return first


def _parse_csv(text: str, delimiter: str, path: Path) -> Sheet:
    # newline="": the csv module itself then reads \n, \r\n and old Macs' lone \r as row ends.
    reader = csv.reader(_bounded_lines(text, delimiter, path), delimiter=delimiter)
    rows: list[SheetRow] = []
    try:
        for k, r in enumerate(reader, start=1):
            if k > MAX_ROWS:
                break
            rows.append(SheetRow(k, tuple(_csv_cell(c) for c in r[:MAX_COLUMNS])))
    except csv.Error:
        # A field past the csv module's 128 KiB limit, or a NUL byte; no evaluation sheet has either.
        raise InputError("sheet_bad_csv", path=path, field=CellRef(None, reader.line_num)) from None
    return Sheet(None, rows)


def has_levels_header(text: str, path: Path) -> bool:
    """Whether CSV text (the start of a file will do), split by any usual separator, has a levels
    sheet's header row."""
    for delimiter in (";", ",", "\t"):
        try:
            if levels_header(_parse_csv(text, delimiter, path)) is not None:
                return True
        except InputError:
            continue
    return False


def _csv_cell(text: str) -> str | None:
    """A CSV cell as typed: our writers put an apostrophe before text a spreadsheet could run as a
    formula ('=…, '+…, '-…, '@…); it is not part of the text."""
    text = text.strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text or None


def _bounded_lines(text: str, delimiter: str, path: Path) -> Iterator[str]:
    """The text's lines, refusing one with more than MAX_LINE_FIELDS separators before it is split."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(delimiter) >= MAX_LINE_FIELDS:
            raise InputError("sheet_too_wide", path=path, field=CellRef(None, number), limit=MAX_LINE_FIELDS)
        yield line


def _first_bad_byte(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _check_zip(path: Path, raw: bytes) -> None:
    """Refuse a workbook that would unpack to far more than any evaluation sheet, before openpyxl reads it."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise InputError("sheet_xlsx_too_big", path=path, limit=MAX_UNPACKED_BYTES // 2**20)
            if any(m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for m in members):
                raise InputError("sheet_bad_xlsx", path=path, reason="compression")
            for m in members:
                _check_part(path, archive, m)
    except InputError:
        raise
    except Exception:  # zipfile raises BadZipFile, NotImplementedError, struct.error, zlib.error, …
        raise InputError("sheet_bad_xlsx", path=path, reason="zip") from None


def _check_part(path: Path, archive: Any, member: Any) -> None:
    """Bound the parts openpyxl builds whole: shared strings, and each worksheet's widest row.

    zipfile stops at a member's declared size (and fails its CRC past it), so the declared size
    is a true bound on what is unpacked.
    """
    name = member.filename.lower()
    if name.endswith("sharedstrings.xml") and member.file_size > MAX_SHARED_STRINGS_BYTES:
        raise InputError("sheet_part_too_big", path=path, part="sharedStrings",
                         limit=MAX_SHARED_STRINGS_BYTES // 2**20)
    if "worksheets/" in name and name.endswith(".xml"):
        if member.file_size > MAX_WORKSHEET_BYTES:
            raise InputError("sheet_part_too_big", path=path, part=member.filename,
                             limit=MAX_WORKSHEET_BYTES // 2**20)
        row, cells = _widest_row(archive.read(member))
        if cells > MAX_ROW_CELLS:
            raise InputError("sheet_too_wide", path=path, field=CellRef(None, row), limit=MAX_ROW_CELLS)


_ROW_START = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _widest_row(xml: bytes) -> tuple[int, int]:
    """(position from 1, cell count) of the row with the most cells, counted without parsing."""
    starts = [m.start() for m in _ROW_START.finditer(xml)] + [len(xml)]
    best = (0, 0)
    for k in range(len(starts) - 1):
        a, b = starts[k], starts[k + 1]
        cells = xml.count(b"<c ", a, b) + xml.count(b"<c>", a, b) + xml.count(b":c ", a, b)
        if cells > best[1]:
            best = (k + 1, cells)
    return best


def read_xlsx(path: Path, sheet: str | None = None) -> list[Sheet]:
    raw = _read_sheet_bytes(path)
    _check_zip(path, raw)
    # openpyxl is heavy and only this path needs it.
    import openpyxl

    # openpyxl raises whatever its XML and zip layers raise on a malformed workbook (TypeError,
    # zlib.error, ParseError, NotImplementedError, …); every one of them means "not readable".
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:
        raise InputError("sheet_bad_xlsx", path=path, reason="xml") from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise InputError("no_sheet", path=path, field="sheet", name=sheet, names=", ".join(names))
        out = []
        for name in [sheet] if sheet else names:
            try:
                rows = _xlsx_rows(book[name])
            except Exception:
                raise InputError("sheet_bad_xlsx", path=path, field=CellRef(name), reason="xml") from None
            out.append(Sheet(name, rows))
        return out
    finally:
        book.close()


def _xlsx_rows(ws: Any) -> list[SheetRow]:  # openpyxl ships no types
    # Bounded: read-only mode pads every row to the widest one, so a single cell in column XFD
    # would otherwise make each row 16,384 cells long.
    rows = ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
    return [SheetRow(k, tuple(_xlsx_cell(c) for c in r)) for k, r in enumerate(rows, start=1)]


def _xlsx_cell(value: object) -> Cell:
    """Blank strings count as empty; dates and other cell types are kept as their text."""
    if isinstance(value, str):
        return value.strip() or None
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def header_key(value: Cell) -> str:
    """A header as its kind is named: normalised, without a year and the word for it."""
    words = normalised(value).split()
    kept = [w for w in words if not _YEAR.fullmatch(w)]
    if len(kept) < len(words):  # "tahun"/"TA" only go along with a year ("Nilai Tahun 2025")
        kept = [w for w in kept if w not in _YEAR_WORDS]
    return " ".join(kept)


def header_year(value: Cell) -> int | None:
    """The year a header carries ("Nilai 2025" -> 2025), if exactly one."""
    years = _YEAR.findall(str(value or ""))
    return int(years[0]) if len(years) == 1 else None


def find_header(sheet: Sheet, first: tuple[str, ...], second: tuple[str, ...]) -> tuple[int, int, int] | None:
    """(row position, column, column) of the first row naming a column of each kind, by any of
    the header names given (normalised, without a year, most specific first)."""
    for pos, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        names = [header_key(c) for c in row.cells]
        a = next((names.index(h) for h in first if h in names), None)
        b = next((names.index(h) for h in second if h in names), None)
        if a is not None and b is not None and a != b:
            return pos, a, b
    return None


def levels_header(sheet: Sheet) -> tuple[int, int, int] | None:
    """(row position, number column, level column) of a levels sheet's header row."""
    return find_header(sheet, NUMBER_HEADERS, LEVEL_HEADERS)


_find_header = levels_header


def indicator_number(value: Cell) -> str | None:
    """'12', 12, 12.0, '12.', 'Indikator 12' -> '12'; anything else (a heading) -> None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    m = re.fullmatch(r"(?:indikator|indicator|ind)?\s*(\d+)\s*\.?", value.strip(), flags=re.IGNORECASE)
    return str(int(m.group(1))) if m else None


def number_cell(value: Cell, where: CellRef) -> int:
    if isinstance(value, str):
        text = decimal_point(value)
        try:
            number: float = float(text)
        except ValueError:
            raise InputError("level_not_number", field=where, value=repr(shown(value))) from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = value
    else:
        raise InputError("level_not_number", field=where, value=repr(shown(value)))
    try:
        return to_hundredths(number, "level")
    except Invalid as exc:
        raise from_invalid(exc, field=where) from None


def place(sheet: Sheet, row: SheetRow, col: int) -> CellRef:
    return CellRef(sheet.name, row.number, f"{column_letter(col)}{row.number}")


def cell_at(row: SheetRow, col: int) -> Cell:
    return row.cells[col] if col < len(row.cells) else None


def _is_heading(row: SheetRow, num_col: int) -> bool:
    """A domain/aspect heading or a total: its first text (besides the number) starts with such a word."""
    texts = [normalised(c) for k, c in enumerate(row.cells) if k != num_col and isinstance(c, str) and normalised(c)]
    return bool(texts) and texts[0].split()[0] in GROUP_WORDS


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    """Which level column to read when a sheet has several (a planner's workbook: one per year)."""

    column: str | None = None  # --column: a letter (C) or the header's text
    year: int | None = None  # --year: the column whose header carries this year


@dataclass(frozen=True, slots=True)
class LevelColumn:
    col: int
    header: str
    year: int | None

    @property
    def label(self) -> str:
        return f"{column_letter(self.col)} ({self.header})"


def level_columns(sheet: Sheet) -> tuple[int, int, list[LevelColumn]] | None:
    """(header row, number column, the candidate level columns): every column named by the most
    specific level header the row has, so "Nilai 2024" and "Nilai 2025" are both candidates."""
    found = _find_header(sheet)
    if found is None:
        return None
    pos, num_col, _ = found
    row = sheet.rows[pos]
    keys = [header_key(c) if k != num_col else "" for k, c in enumerate(row.cells)]
    best = next(h for h in LEVEL_HEADERS if h in keys)
    return pos, num_col, [LevelColumn(k, str(row.cells[k]), header_year(row.cells[k]))
                          for k, key in enumerate(keys) if key == best]


_LETTERS = re.compile(r"[A-Za-z]{1,3}")


def pick_level_column(sheet: Sheet, candidates: list[LevelColumn], choice: ColumnChoice, path: Path) -> LevelColumn:
    """The column the user named, the one of their year, or the only candidate; else one error
    listing the candidates and the two ways to choose."""
    pool = candidates
    if choice.column is not None:
        wanted = choice.column.strip()
        if _LETTERS.fullmatch(wanted):
            pool = [c for c in candidates if c.col == column_index(wanted)]
        else:
            pool = [c for c in candidates if normalised(wanted) in normalised(c.header)]
    if choice.year is not None and len(pool) > 1:
        pool = [c for c in pool if c.year == choice.year]
    if len(pool) == 1:
        return pool[0]
    where = CellRef(sheet.name) if sheet.name else None
    listed = ", ".join(c.label for c in candidates)
    if choice.column is not None and not pool:
        raise InputError("sheet_column_unknown", path=path, field="column", got=choice.column, columns=listed)
    raise InputError("sheet_level_columns", path=path, field=where, columns=listed)


def levels_in_column(sheet: Sheet, rubric: Rubric, path: Path, pos: int, num_col: int,
                     lvl_col: int) -> dict[str, int]:
    """Every indicator's level from one column, below the header row at ``pos``."""
    levels: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for row in sheet.rows[pos + 1:]:
        ind = indicator_number(cell_at(row, num_col))
        raw = cell_at(row, lvl_col)
        if ind is None or _is_heading(row, num_col):
            continue  # domain/aspect headings (even numbered ones), totals, notes and blank lines
        where = place(sheet, row, lvl_col)
        if ind not in rubric.by_id:
            raise InputError("unknown_indicator", path=path, field=place(sheet, row, num_col), id=ind,
                             framework=rubric.id, first=rubric.indicator_ids[0], last=rubric.indicator_ids[-1])
        if ind in first_seen:
            raise InputError("sheet_twice", path=path, field=place(sheet, row, num_col), id=ind,
                             row=first_seen[ind])
        if raw is None:
            raise InputError("sheet_no_level", path=path, field=where, id=ind)
        try:
            level_h = number_cell(raw, where)
            check_level(rubric, ind, level_h, where)
        except InputError as exc:
            raise exc.with_path(path) from None
        levels[ind] = level_h
        first_seen[ind] = row.number
    missing = [i for i in rubric.indicator_ids if i not in levels]
    if missing:
        raise InputError("sheet_missing", path=path, field=CellRef(sheet.name) if sheet.name else None,
                         n=len(missing), total=len(rubric.indicator_ids), ids=", ".join(missing))
    return {i: levels[i] for i in rubric.indicator_ids}


def sheets_of(path: Path, sheet: str | None, header: Callable[[Sheet], object] | None = None) -> Iterator[Sheet]:
    suffix = path.suffix.casefold()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        # Named otherwise (a sheet saved as .toml, or without a suffix): its content says which.
        from tui.core.scenario.sheet_detection import sheet_format

        found = sheet_format(path)
        suffix = f".{found}" if found else suffix
    if suffix == ".csv":
        yield read_csv(path, header)
    elif suffix in (".xlsx", ".xlsm"):
        yield from read_xlsx(path, sheet)
    else:
        raise InputError("sheet_kind", path=path)


def import_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The sheet an import reads: ``sheet`` by name, else the first with a header row."""
    sheets = list(sheets_of(path, sheet))
    for s in sheets:
        if _find_header(s) is not None or s is sheets[-1]:
            return s
    raise InputError("sheet_no_sheets", path=path)


def import_levels(path: Path, rubric: Rubric, sheet: str | None = None) -> dict[str, int]:
    """Baseline levels (hundredths) from a sheet. Without ``sheet``, the first sheet with a header
    row. Group values and an index the sheet also gives must agree (tui.core.scenario.official, which
    builds on this module, hence imported here)."""
    from tui.core.scenario.official import read_result

    return read_result(import_sheet(path, sheet), rubric, path).levels
