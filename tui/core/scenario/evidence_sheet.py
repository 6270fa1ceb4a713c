"""The portal's evidence sheet: read a table of evidence items, merge it into a scenario, and give
the same shape back.

The national portal lists evidence item by item, coded ``I{indicator}-L{level}-{NN}``, each marked
``diterima`` or ``revisi`` (with why). Regions copy that into a sheet; this module reads such a
sheet (columns found by their header, Bahasa Indonesia or English, any case, in any order) and
merges it: an item is matched by its code, else by indicator, level and item name; what the
sheet says replaces what the scenario had, cells left empty change nothing. Running the same
merge twice changes nothing the second time.

Every cell is checked: an unknown indicator, a level off the scale, a code that contradicts its
row, a status or a date that is not one stops the merge naming the file, sheet and cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tui.core.errors import CellRef, InputError, from_validation
from tui.core.scenario.evidence import REVISIONS, STATUSES, EvidenceItem, Revision, Status, code_parts
from tui.core.scenario.scenario_file import Scenario
from tui.core.scenario.sheets import (
    HEADER_SCAN_ROWS,
    Cell,
    Sheet,
    SheetRow,
    cell_at,
    indicator_number,
    normalised,
    place,
    sheets_of,
)
from tui.core.scoring.rubric import Rubric

# The columns of an evidence sheet, in the order we write them, and the header names each is
# found by (normalised, most specific first). ``item`` never answers to a bare "nama", which
# other tables of a report use.
COLUMNS = ("code", "indicator", "level", "item", "status", "revision", "owner", "due", "dated", "valid_until",
           "link", "note")
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("kode butir", "kode bukti", "kode item", "kode bukti dukung", "item code", "evidence code", "kode",
             "code"),
    "indicator": ("no indikator", "nomor indikator", "indikator", "indicator no", "indicator"),
    "level": ("tingkat kematangan", "tingkat", "level"),
    "item": ("nama butir", "butir", "bukti dukung", "nama bukti dukung", "uraian", "item name", "item",
             "evidence"),
    "status": ("status penilaian", "status verifikasi", "status"),
    "revision": ("jenis revisi", "alasan revisi", "revisi", "revision kind", "revision"),
    "owner": ("pemilik", "opd", "pic", "penanggung jawab", "owner"),
    "due": ("tenggat", "batas waktu", "due date", "deadline", "due"),
    "dated": ("tanggal dokumen", "tanggal", "document date", "dated"),
    "valid_until": ("berlaku sampai", "masa berlaku", "valid until", "valid_until"),
    "link": ("tautan", "link", "url"),
    "note": ("catatan", "keterangan", "note", "notes"),
}
# Status words as a portal, a person or our own export writes them.
STATUS_WORDS: dict[str, Status] = {
    **{s: s for s in STATUSES},
    "accepted": "diterima", "approved": "diterima", "revision": "revisi", "perlu revisi": "revisi",
    "uploaded": "diunggah", "sudah diunggah": "diunggah", "in progress": "proses", "dalam proses": "proses",
    "not started": "belum", "rejected": "ditolak",
}
REVISION_WORDS: dict[str, Revision] = {
    **{normalised(r.replace("_", " ")): r for r in REVISIONS},
    "wrong evidence": "tidak_tepat", "not uploaded": "belum_diunggah", "rejected automatically": "otomatis_ditolak",
    "auto rejected": "otomatis_ditolak",
}
_MONTHS = {name: k for k, names in enumerate(
    [("januari", "january", "jan"), ("februari", "february", "feb", "pebruari"), ("maret", "march", "mar"),
     ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
     ("agustus", "august", "agu", "aug", "agt"), ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
     ("november", "nov", "nop", "nopember"), ("desember", "december", "des", "dec")], start=1) for name in names}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_WORDY = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One row of an evidence sheet: the fields it gives (empty cells are left out)."""

    where: CellRef  # the row's first cell, for messages
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MergeReport:
    added: int
    updated: int
    unchanged: int
    not_matched: int  # the scenario's items the sheet does not mention (kept as they were)

    def as_json(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "not_matched": self.not_matched}


def evidence_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """(row position, column key -> column) of the first row that heads an evidence table: one
    naming an item code, or an indicator, a level and an item."""
    for pos, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        found = header_columns(row)
        if "code" in found or {"indicator", "level", "item"} <= found.keys():
            return pos, found
    return None


def header_columns(row: SheetRow) -> dict[str, int]:
    names = [normalised(c) if isinstance(c, str) else "" for c in row.cells]
    found: dict[str, int] = {}
    for key, words in HEADERS.items():
        col = next((names.index(w) for w in words if w in names and names.index(w) not in found.values()), None)
        if col is not None:
            found[key] = col
    return found


def read_evidence_sheet(path: Path, sheet: str | None = None) -> tuple[Sheet, list[EvidenceRow]]:
    """The first sheet (or ``sheet``) with an evidence header, and its rows."""
    for s in sheets_of(path, sheet):
        header = evidence_header(s)
        if header is not None:
            return s, evidence_rows(s, path, *header)
    raise InputError("evidence_no_header", path=path)


def evidence_rows(sheet: Sheet, path: Path, pos: int, columns: dict[str, int]) -> list[EvidenceRow]:
    """Rows below the header up to the first blank one (a report's next table starts after one)."""
    rows: list[EvidenceRow] = []
    for row in sheet.rows[pos + 1:]:
        cells = {key: cell_at(row, col) for key, col in columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            break
        try:
            rows.append(EvidenceRow(place(sheet, row, 0), _row_fields(sheet, row, columns)))
        except InputError as exc:
            raise exc.with_path(path) from None
    return rows


def _row_fields(sheet: Sheet, row: SheetRow, columns: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, col in columns.items():
        value = cell_at(row, col)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            out[key] = _field(key, value)
        except InputError as exc:  # the cell is named only when it is wrong: 5,000 rows read fast
            raise exc.with_field(place(sheet, row, col)) from None
    code = str(out.get("code", ""))
    parts = code_parts(code) if code else None
    if parts is not None:
        for key, want in (("indicator", parts[0]), ("level", parts[1])):
            if key in out and out[key] != want:
                raise InputError("evidence_code_mismatch", field=place(sheet, row, columns["code"]), item_code=code,
                                 indicator=out.get("indicator", parts[0]), level=out.get("level", parts[1]))
            out.setdefault(key, want)
    if "indicator" not in out or "level" not in out:
        col = columns.get("code", columns.get("indicator", 0))
        raise InputError("evidence_no_indicator", field=place(sheet, row, col))
    if "revision" in out:
        out.setdefault("status", "revisi")
    said = normalised(str(cell_at(row, columns["status"]) or "").replace("_", " ")) if "status" in columns else ""
    if said in REVISION_WORDS:  # "Belum Diunggah" as the status: a revision, and its kind
        out.setdefault("revision", REVISION_WORDS[said])
    return out


def _field(key: str, value: Cell) -> Any:
    text = str(value).strip()
    if key == "indicator":
        number = indicator_number(value)
        if number is None:
            raise InputError("evidence_bad_indicator", got=text[:40])
        return number
    if key == "level":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        found = re.fullmatch(r"(?:l|level|tingkat)?\s*(\d{1,2})", text, flags=re.IGNORECASE)
        if not found:
            raise InputError("evidence_bad_level", got=text[:40])
        return int(found.group(1))
    if key == "status":
        return _status(text)
    if key == "revision":
        return _revision(text)
    if key in ("due", "dated", "valid_until"):
        return date_cell(value)
    return text


def _status(text: str) -> Status:
    word = normalised(text)
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    if word in REVISION_WORDS:  # the portal's revision kind in the status column: a revision
        return "revisi"
    raise InputError("evidence_bad_status", got=text[:40], known=", ".join(STATUSES))


def _revision(text: str) -> Revision:
    word = normalised(text.replace("_", " "))
    if word in REVISION_WORDS:
        return REVISION_WORDS[word]
    raise InputError("evidence_bad_revision", got=text[:40], known=", ".join(REVISIONS))


def date_cell(value: Cell) -> date:
    """2026-10-01, 01/10/2026 (day first, as Indonesia writes it), 1 Oktober 2026, or a sheet's date."""
    text = str(value).strip()
    try:
        if m := _ISO.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.fullmatch(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _WORDY.fullmatch(text)) and m[2].casefold() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    except ValueError:
        pass
    raise InputError("evidence_bad_date", got=text[:40])


def _item_key(indicator: str, level: int, item: str) -> tuple[str, int, str]:
    return indicator, level, normalised(item)


def merge_evidence(rubric: Rubric, items: Sequence[EvidenceItem], rows: Iterable[EvidenceRow],
                   path: Path | None = None) -> tuple[tuple[EvidenceItem, ...], MergeReport]:
    """The scenario's items with the sheet's rows merged in, and what changed."""
    merged = list(items)
    by_code = {it.code.casefold(): k for k, it in enumerate(merged) if it.code}
    by_name = {_item_key(it.indicator, it.level, it.item): k for k, it in enumerate(merged)}
    touched: set[int] = set()
    added = updated = unchanged = 0
    for row in rows:
        fields = row.fields
        _check_row(rubric, fields, row.where, path)
        code = str(fields.get("code", ""))
        k = by_code.get(code.casefold()) if code else None
        if k is None and "item" in fields:
            k = by_name.get(_item_key(fields["indicator"], fields["level"], fields["item"]))
        if k is not None and k in touched:
            raise InputError("evidence_row_twice", path=path, field=row.where)
        if k is None:
            new = _item({"item": code or f"I{fields['indicator']}-L{fields['level']}"}, fields, row.where, path)
            merged.append(new)
            k = len(merged) - 1
            added += 1
        else:
            new = _item(merged[k].model_dump(), fields, row.where, path)
            if new == merged[k]:
                unchanged += 1
            else:
                merged[k] = new
                updated += 1
        touched.add(k)
        if new.code:
            by_code[new.code.casefold()] = k
        by_name[_item_key(new.indicator, new.level, new.item)] = k
    not_matched = len(items) - len(touched & set(range(len(items))))
    return tuple(merged), MergeReport(added, updated, unchanged, not_matched)


def _check_row(rubric: Rubric, fields: dict[str, Any], where: CellRef, path: Path | None) -> None:
    if fields["indicator"] not in rubric.by_id:
        raise InputError("unknown_indicator_short", path=path, field=where, id=fields["indicator"])
    if not rubric.meta.scale_min <= fields["level"] <= rubric.meta.scale_max:
        raise InputError("level_off_scale", path=path, field=where, value=fields["level"],
                         lo=rubric.meta.scale_min, hi=rubric.meta.scale_max)


def _item(base: dict[str, Any], fields: dict[str, Any], where: CellRef, path: Path | None) -> EvidenceItem:
    values = {**base, **fields}
    if values.get("status") != "revisi":
        values["revision"] = None  # accepted again (or back to work): the old reason no longer holds
    try:
        return EvidenceItem(**values)
    except ValidationError as exc:
        raise from_validation(exc, path).with_field(where) from None


def evidence_cells(item: EvidenceItem) -> tuple[str | int | date | None, ...]:
    """One item as a row of an evidence sheet, in ``COLUMNS`` order (dates as dates: each format
    writes them its way, ISO text or a spreadsheet date)."""
    values = item.model_dump()
    return tuple(values.get(key) if values.get(key) not in (None, "") else None for key in COLUMNS)


def import_evidence(path: Path, scenario: Scenario, rubric: Rubric,
                    sheet: str | None = None) -> tuple[Scenario, MergeReport]:
    """The use case "the portal's evidence statuses into a scenario": read the sheet, merge it."""
    _, rows = read_evidence_sheet(path, sheet)
    items, report = merge_evidence(rubric, scenario.evidence, rows, path)
    return scenario.with_evidence(rubric, items), report


EVIDENCE_SHEET_SUFFIXES = (".xlsx", ".csv")


def evidence_sheet_format(path: Path | str) -> str:
    """``xlsx`` or ``csv`` from the output's ending: the shape people open in the portal's sheet."""
    suffix = Path(path).suffix.casefold()
    if suffix not in EVIDENCE_SHEET_SUFFIXES:
        raise InputError("evidence_sheet_suffix", field="output", got=suffix or "—")
    return suffix[1:]
