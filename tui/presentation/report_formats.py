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
from decimal import Decimal
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files import atomic_write, check_output_target
from tui.core.numbers import format_number, natural
from tui.presentation.report import Report, Table, Value

FORMATS = ("md", "csv", "xlsx", "txt")


_natural = natural  # a level as a person writes it: 3, 3.5, 3.75


def _text(v: Value, places: int | None, lang: str, sign: bool = False) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        if places is None:
            v = _natural(v)
            places = max(0, -int(v.as_tuple().exponent))
        return format_number(v, lang, places=places, sign=sign)
    return str(v)


def _cells(table: Table, lang: str, mark: tuple[str, str] = ("", "")) -> list[list[str]]:
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
        out += [f"- **{_md_escape(k)}**: {_md_escape(v)}" for k, v in rep.facts]
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
                    for row in _cells(table, lang, ("**", "**"))]
        out.append("")
    return "\n".join(out)


def to_text(reports: Sequence[Report], lang: str) -> str:
    out: list[str] = []
    for rep in reports:
        out += [rep.title, "=" * len(rep.title)]
        width = max((len(k) for k, _ in rep.facts), default=0)
        out += [f"{k:<{width}}  {v}" for k, v in rep.facts]
        for table in rep.tables:
            out += ["", table.title, "-" * len(table.title)]
            rows = [list(table.header), *_cells(table, lang, ("", "*"))]
            if len(rows) == 1:
                out.append("—")
                continue
            # Columns are cut at 40 characters to stay readable, except the last (a requirement text).
            last = len(table.header) - 1
            widths = [min(40, max(len(r[k]) for r in rows)) for k in range(last + 1)]
            for r in rows:
                r = [c.replace("\n", " / ") for c in r]  # a note of several lines stays one row
                out.append("  ".join(c if k == last else c[:40].ljust(widths[k]) for k, c in enumerate(r)).rstrip())
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
    if isinstance(v, Decimal):
        text = f"{v:.{places}f}" if places is not None else str(_natural(v))
        return text.replace(".", ",") if decimal_comma else text
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
            w.writerow([neutralised(k), neutralised(v)])
        for table in rep.tables:
            w.writerow([])
            w.writerow([f"# {table.title}"])
            w.writerow([neutralised(h) for h in table.header])
            for row in table.rows:
                w.writerow([_csv_value(v, table.places.get(k), excel_id) for k, v in enumerate(row)])
        w.writerow([])
    return "\ufeff" + buf.getvalue()


def write_xlsx(path: Path, reports: Sequence[Report]) -> None:
    import openpyxl  # heavy; only the xlsx export needs it
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for rep in reports:
        ws = book.create_sheet(_sheet_title(rep.sheet_name, used))
        ws.append([rep.title])
        ws.cell(row=1, column=1).font = Font(bold=True)
        for fact, value in rep.facts:
            ws.append([fact, value])
        for table in rep.tables:
            ws.append([])
            ws.append([table.title])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
            ws.append(list(table.header))
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
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
                    if k in best:
                        cell.font = Font(bold=True)
        ws.column_dimensions["B"].width = 28
        _text_stays_text(ws)
    buf = io.BytesIO()
    book.save(buf)
    atomic_write(path, buf.getvalue())


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


def write_report(path: Path, fmt: str, reports: Sequence[Report], lang: str, csv_style: str | None = None) -> None:
    if fmt == "xlsx":
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
        raise InputError("csv_style_only_csv", field="--csv-style")
    if to_stdout and fmt == "xlsx":
        raise InputError("xlsx_stdout", field="--output")
    if not to_stdout:
        check_output_target(output, force)


def emit_reports(output: Path | str, fmt: str, reports: Sequence[Report], lang: str,
                 csv_style: str | None) -> bool:
    """Write the reports to ``output``, or to standard output for ``-``; True when a file was written."""
    style = csv_style or default_csv_style(lang)
    if str(output) == "-":
        writers = {"md": lambda: to_markdown(reports, lang),
                   "csv": lambda: to_csv(reports, style).lstrip("\ufeff"),
                   "txt": lambda: to_text(reports, lang)}
        sys.stdout.write(writers[fmt]())
        return False
    write_report(Path(output), fmt, reports, lang, style)
    return True
