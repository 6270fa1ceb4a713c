"""Write a Report as Markdown, plain text, CSV or xlsx.

- Markdown: pipe tables with escaped cells, so it pastes cleanly into Word or Google Docs.
- Text: aligned columns for a terminal or an e-mail.
- CSV: comma-separated, the decimal point, UTF-8 with a byte-order mark so Excel reads the
  accents; the indicator table keeps `No` and `Tingkat`/`Level` headers, so `spbe-planner import`
  reads an exported baseline back.
- xlsx: one sheet per report (numbers as numbers, with a number format), written atomically.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, check_output_target
from tui.core.numbers import format_number, in_language, natural
from tui.presentation.report import Report, Table, Value

if TYPE_CHECKING:
    from tui.presentation.document_parts import Signature

FORMATS = ("md", "csv", "xlsx", "txt", "docx", "pdf")
BINARY_FORMATS = ("xlsx", "docx", "pdf")  # never to standard output


_natural = natural  # a level as a person writes it: 3, 3.5, 3.75


def _text(v: Value, places: int | None, lang: str, sign: bool = False) -> str:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        if places is None:
            v = _natural(v)
            places = max(0, -int(v.as_tuple().exponent))
        return format_number(v, lang, places=places, sign=sign)
    return str(v)


def value_text(v: Value, lang: str) -> str:
    """A fact or cell as text in the user's language (the decimal comma in Bahasa Indonesia)."""
    return _text(v, None, lang)


def cell_texts(table: Table, lang: str, mark: tuple[str, str] = ("", "")) -> list[list[str]]:
    """Rendered cells; a row's best values get wrapped in ``mark`` (e.g. ** for Markdown)."""
    out = []
    for n, row in enumerate(table.rows):
        best = table.best.get(n, frozenset())
        cells = []
        for k, v in enumerate(row):
            text = _text(v, table.places.get(k), lang, k in table.signed)
            cells.append(f"{mark[0]}{text}{mark[1]}" if k in best and text else text)
        out.append(cells)
    return out


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(reports: Sequence[Report], lang: str) -> str:
    out: list[str] = []
    for rep in reports:
        out += [f"# {_md_escape(rep.title)}", ""]
        out += [f"- **{_md_escape(k)}**: {_md_escape(_text(v, None, lang))}" for k, v in rep.facts]
        for table in rep.tables:
            out += ["", f"## {_md_escape(table.title)}", ""]
            if not table.rows:
                out.append("—")
                continue
            numeric = [all(isinstance(r[k], Decimal | int) or r[k] is None for r in table.rows)
                       for k in range(len(table.header))]
            out.append("| " + " | ".join(_md_escape(h) or " " for h in table.header) + " |")
            out.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
            out += ["| " + " | ".join(_md_escape(c).replace("\\*\\*", "**") for c in row) + " |"
                    for row in cell_texts(table, lang, ("**", "**"))]
        out.append("")
    return "\n".join(out)


TEXT_COLUMN = 40


def _wrapped_row(cells: list[str], widths: list[int], last: int) -> list[str]:
    """One table row as aligned lines: cells wider than their column continue on the next lines."""
    import textwrap

    parts = [[c] if k == last or len(c) <= widths[k] else
             textwrap.wrap(c, widths[k], break_long_words=True, break_on_hyphens=False) or [""]
             for k, c in enumerate(cells)]
    height = max(len(p) for p in parts)
    lines = []
    for n in range(height):
        line = "  ".join((p[n] if n < len(p) else "") if k == last else (p[n] if n < len(p) else "").ljust(widths[k])
                         for k, p in enumerate(parts))
        lines.append(line.rstrip())
    return lines


def to_text(reports: Sequence[Report], lang: str) -> str:
    out: list[str] = []
    for rep in reports:
        out += [rep.title, "=" * len(rep.title)]
        width = max((len(k) for k, _ in rep.facts), default=0)
        out += [f"{k:<{width}}  {_text(v, None, lang)}" for k, v in rep.facts]
        for table in rep.tables:
            out += ["", table.title, "-" * len(table.title)]
            rows = [list(table.header), *cell_texts(table, lang, ("", "*"))]
            if len(rows) == 1:
                out.append("—")
                continue
            # Columns are at most 40 characters wide; a longer cell wraps onto the lines below,
            # in its own column (nothing is cut). The last column (a requirement text) runs on.
            last = len(table.header) - 1
            widths = [min(TEXT_COLUMN, max(len(r[k]) for r in rows)) for k in range(last + 1)]
            for r in rows:
                r = [c.replace("\n", " / ") for c in r]  # a note of several lines stays one row
                out += _wrapped_row(r, widths, last)
        out.append("")
    return "\n".join(out)


# CSV as two kinds of spreadsheet read it. Excel in an Indonesian locale splits on ';' and reads
# '2,59' as a number; with ',' and '2.59' it opens the whole report in one column. "plain" is
# what other tools (and English-locale Excel) expect. Both start with a BOM so Excel reads UTF-8.
CSV_STYLES = ("excel-id", "plain")


def default_csv_style(lang: str) -> str:
    return "excel-id" if lang == "id" else "plain"


# A cell a spreadsheet would run as a formula: a scenario named "=HYPERLINK(…)" (a participant can
# type it), an owner or an evidence item. Signed numbers ("+0,12", "-3") start so too and are safe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")


def neutralised(text: str) -> str:
    """Text that no spreadsheet reads as a formula: a leading apostrophe where one could start.

    (Spreadsheets hide such an apostrophe and keep the rest as text; our own importers drop it.)
    """
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_value(v: Value, places: int | None, decimal_comma: bool = False) -> str:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        text = f"{v:.{places}f}" if places is not None else str(_natural(v))
        return in_language(text, "id" if decimal_comma else "en")
    return neutralised(str(v))


def to_csv(reports: Sequence[Report], style: str = "plain") -> str:
    if style not in CSV_STYLES:
        raise ValueError(f"unknown CSV style {style!r}")
    excel_id = style == "excel-id"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", delimiter=";" if excel_id else ",")
    for rep in reports:
        w.writerow([neutralised(rep.title)])
        for k, v in rep.facts:
            w.writerow([neutralised(k), _csv_value(v, None, excel_id)])
        for table in rep.tables:
            w.writerow([])
            w.writerow([f"# {table.title}"])
            w.writerow([neutralised(h) for h in table.header])
            for row in table.rows:
                w.writerow([_csv_value(v, table.places.get(k), excel_id) for k, v in enumerate(row)])
        w.writerow([])
    return "\ufeff" + buf.getvalue()


XLSX_MAX_WIDTH = 60  # characters: a longer text wraps inside its cell
XLSX_MIN_WIDTH = 6


def write_xlsx(path: Path, reports: Sequence[Report]) -> None:
    """One sheet per report, ready to print and to compute with: numbers as numbers and dates as
    dates (each with a number format), columns sized to their content (capped, long text wrapped),
    bold table headers, the first one frozen and repeated on every printed page, A4 landscape,
    one page wide. Nothing is shortened."""
    import openpyxl  # heavy; only the xlsx export needs it
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for rep in reports:
        ws = book.create_sheet(_sheet_title(rep.sheet_name, used))
        ws.append([rep.title])
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        for fact, value in rep.facts:
            ws.append([fact, float(value) if isinstance(value, Decimal) else value])
            ws.cell(row=ws.max_row, column=1).font = bold
            if isinstance(value, date):
                ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd"
        headers: list[int] = []
        for table in rep.tables:
            ws.append([])
            ws.append([table.title])
            ws.cell(row=ws.max_row, column=1).font = bold
            ws.append(list(table.header))
            headers.append(ws.max_row)
            for cell in ws[ws.max_row]:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for n, row in enumerate(table.rows):
                ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
                best = table.best.get(n, frozenset())
                for k, v in enumerate(row):
                    cell = ws.cell(row=ws.max_row, column=k + 1)
                    if isinstance(v, Decimal):
                        places = table.places.get(k)
                        # A fixed number of decimals where the report has one; else as written (3, 3.75).
                        cell.number_format = ("0." + "0" * places if places else "0") if places is not None \
                            else "0.##"
                    elif isinstance(v, date):
                        cell.number_format = "yyyy-mm-dd"
                    if k in best:
                        cell.font = bold
        _size_columns(ws, Alignment)
        _print_setup(ws, headers[0] if headers else None)
        _text_stays_text(ws)
    buf = io.BytesIO()
    book.save(buf)
    atomic_write(path, buf.getvalue())


def _cell_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.2f}")
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _size_columns(ws: Any, alignment: Any) -> None:  # openpyxl ships no types
    """Each column as wide as its widest cell (capped), leaving out the title and table-title rows
    (one long text in column A); a cell wider than the cap wraps."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=2):
        filled = [c for c in row if c.value is not None]
        if len(filled) == 1 and filled[0].column == 1 and len(row) > 1 and row[1].value is None:
            continue  # a table's title: it may run over the columns to its right
        for cell in filled:
            widths[cell.column] = max(widths.get(cell.column, 0), _cell_width(cell.value))
            if _cell_width(cell.value) > XLSX_MAX_WIDTH:
                cell.alignment = alignment(wrap_text=True, vertical="top")
    from openpyxl.utils import get_column_letter

    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(XLSX_MAX_WIDTH, max(XLSX_MIN_WIDTH, width + 2))


def _print_setup(ws: Any, header_row: int | None) -> None:  # openpyxl ships no types
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row is not None:
        ws.freeze_panes = f"A{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"


def _text_stays_text(ws: Any) -> None:  # openpyxl ships no types
    """openpyxl stores any text starting with '=' as a formula: every text cell is marked as text.

    Unlike CSV, xlsx keeps a cell's type, so the text stays exact (no apostrophe) and never runs.
    """
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the book."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
    title, n = clean, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = clean[:31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def write_report(path: Path, fmt: str, reports: Sequence[Report], lang: str, csv_style: str | None = None,
                 sign: Signature | None = None) -> None:
    """``sign``: the signature block of a Word or PDF document (empty lines to sign on when None)."""
    if fmt in ("docx", "pdf"):
        from tui.core.report_settings import ReportSettings
        from tui.presentation.document_parts import signature

        block = sign or signature(ReportSettings(), lang)
        if fmt == "docx":
            from tui.presentation.docx_writer import write_docx

            write_docx(path, reports, lang, block)
        else:
            from tui.presentation.pdf_writer import write_pdf

            write_pdf(path, reports, lang, block)
    elif fmt == "xlsx":
        write_xlsx(path, reports)
    elif fmt == "md":
        atomic_write(path, to_markdown(reports, lang))
    elif fmt == "csv":
        atomic_write(path, to_csv(reports, csv_style or default_csv_style(lang)))
    else:
        atomic_write(path, to_text(reports, lang))


def check_output(output: Path | str, fmt: str, csv_style: str | None, force: bool) -> None:
    """The output flags of `export` and `action-plan`, refused before any file is read."""
    to_stdout = str(output) == "-"
    if csv_style is not None and fmt != "csv":
        raise InputError("csv_style_only_csv", field="csv_style")
    if to_stdout and fmt in BINARY_FORMATS:
        raise InputError("xlsx_stdout", field="--output", format=fmt)
    if not to_stdout:
        check_output_target(output, force)


def emit_reports(output: Path | str, fmt: str, reports: Sequence[Report], lang: str,
                 csv_style: str | None, sign: Signature | None = None) -> bool:
    """Write the reports to ``output``, or to standard output for ``-``; True when a file was written."""
    style = csv_style or default_csv_style(lang)
    if str(output) == "-":
        writers = {"md": lambda: to_markdown(reports, lang),
                   "csv": lambda: to_csv(reports, style).lstrip("\ufeff"),
                   "txt": lambda: to_text(reports, lang)}
        sys.stdout.write(writers[fmt]())
        return False
    write_report(Path(output), fmt, reports, lang, style, sign)
    return True
