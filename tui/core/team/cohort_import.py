"""A cohort file from a published results table (`spbe-planner cohort import`).

Results are published as tables of region and index, often pasted from a decree's annex or a
news article into a sheet: a title above, a total or average below, the decimal comma. The
region and index columns are found by their header (Indonesian or English); rows that are not
a region with an index (titles, totals, notes, blank lines) are skipped; a region listed twice or
a value off the framework's scale stops the import naming the sheet, row and cell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from pydantic import ValidationError

from tui.core.errors import CellRef, InputError, from_validation
from tui.core.files.guarded import MAX_BYTES, decode_text, parse_toml, read_guarded
from tui.core.numbers import decimal_point, round_half_up, shown
from tui.core.scenario.official import TOLERANCE, group_keys, header_columns, plausible
from tui.core.scenario.sheets import Sheet, SheetRow, cell_at, find_header, normalised, place, sheets_of
from tui.core.scoring.cohort import Cohort, CohortFile, name_key, region_level
from tui.core.scoring.evaluation import index_from_groups
from tui.core.scoring.rubric import Rubric

REGION_HEADERS = ("nama daerah", "nama instansi", "pemerintah daerah", "instansi", "daerah", "region", "name",
                  "nama", "kabupaten kota", "provinsi")
INDEX_HEADERS = ("indeks spbe", "nilai indeks", "indeks", "index", "nilai", "value", "score", "skor")
MAX_RECORDS = 20_000
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_NAME = 200
SKIP_WORDS = ("total", "jumlah", "rata rata", "rerata", "average", "mean", "sumber", "source", "catatan", "note")


@dataclass(frozen=True, slots=True)
class ImportedPeer:
    name: str
    index_h: int
    groups: dict[str, int] = field(default_factory=dict)  # domain/aspect id -> index, hundredths
    history: dict[int, int] = field(default_factory=dict)  # earlier year -> index, hundredths


def find_columns(sheet: Sheet) -> tuple[int, int, int] | None:
    """(row position, region column, index column) of the first row naming both."""
    return find_header(sheet, REGION_HEADERS, INDEX_HEADERS)


def _is_region_row(row: SheetRow, region_col: int, index_col: int) -> bool:
    name, value = cell_at(row, region_col), cell_at(row, index_col)
    if not isinstance(name, str) or not name.strip() or value is None:
        return False
    first = normalised(name)
    return bool(first) and not any(first.startswith(w) for w in SKIP_WORDS)


def check_peer_groups(rubric: Rubric, name: str, index_h: int, groups: dict[str, Fraction],
                      where: CellRef | str | None, path: Path) -> None:
    """When every aspect (or every domain) is given, the index must follow from them (±0.005)."""
    for kind, weights in (("aspect", rubric.aspect_weight_h), ("domain", rubric.domain_weight_h)):
        if weights and all(g in groups for g in weights):
            computed = index_from_groups(weights, {g: groups[g] for g in weights})
            if abs(Fraction(index_h, 100) - computed) > TOLERANCE:
                raise InputError("cohort_group_mismatch", path=path, field=where, name=name, what=kind,
                                 given=f"{index_h / 100:g}", computed=f"{float(computed):.4f}")


def _h(value: Fraction) -> int:
    return int(round_half_up(value) * 100)


def peers_from_sheet(sheet: Sheet, rubric: Rubric, path: Path) -> list[ImportedPeer]:
    found = find_columns(sheet)
    if found is None:
        raise InputError("cohort_no_header", path=path, field=CellRef(sheet.name) if sheet.name else None)
    pos, region_col, index_col = found
    # Columns headed by a domain or aspect (id or name, any case) beside the region and its index.
    groups_at = header_columns(sheet.rows[pos], {k: v for k, v in group_keys(rubric).items() if v != "index"},
                               {region_col, index_col})
    peers: list[ImportedPeer] = []
    seen: dict[str, int] = {}
    for row in sheet.rows[pos + 1:]:
        if not _is_region_row(row, region_col, index_col):
            continue
        name = " ".join(str(cell_at(row, region_col)).split())
        if len(name) > MAX_NAME:
            raise InputError("text_too_long", path=path, field=place(sheet, row, region_col), limit=MAX_NAME)
        where = place(sheet, row, index_col)
        try:
            value = exact_number(cell_at(row, index_col), where)
            groups = {gid: exact_number(cell_at(row, col), place(sheet, row, col))
                      for col, gid in groups_at.items() if cell_at(row, col) not in (None, "")}
        except InputError as exc:
            raise exc.with_path(path) from None
        value_h = _h(value)
        if not rubric.scale_min_h <= value_h <= rubric.scale_max_h:
            raise InputError("cohort_off_scale", path=path, field=where, name=name, value=f"{value_h / 100:g}",
                             lo=rubric.meta.scale_min, hi=rubric.meta.scale_max)
        check_peer_groups(rubric, name, value_h, groups, where, path)
        key = name_key(name)
        if key in seen:
            raise InputError("cohort_twice", path=path, field=place(sheet, row, region_col), name=name,
                             row=seen[key])
        seen[key] = row.number
        peers.append(ImportedPeer(name, value_h, {g: _h(v) for g, v in groups.items()}))
    if not peers:
        raise InputError("cohort_no_rows", path=path, field=CellRef(sheet.name) if sheet.name else None)
    return peers


def exact_number(value: object, where: CellRef | str) -> Fraction:
    """A published value as given (unrounded, up to 10 decimals): the checks use it whole."""
    if isinstance(value, str):
        text = decimal_point(value)
        if len(text) > 40:
            raise InputError("level_not_number", field=where, value=repr(shown(value)))
        try:
            decimal = Decimal(text)
        except (InvalidOperation, ValueError):
            raise InputError("level_not_number", field=where, value=repr(shown(value))) from None
        if not plausible(decimal):
            raise InputError("number_out_of_range", field=where, what="value", value=shown(text))
        number = Fraction(decimal)
    elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        number = Fraction(Decimal(repr(value)) if isinstance(value, float) else value)
    else:
        raise InputError("level_not_number", field=where, value=repr(shown(value)))
    if not -1000 <= number <= 1000:
        raise InputError("number_out_of_range", field=where, what="value", value=shown(value))
    return number


def read_peers(path: Path, rubric: Rubric, sheet: str | None = None, year: int | None = None) -> list[ImportedPeer]:
    """Peers from a results table (.csv/.xlsx) or the evaluation system's JSON records (.json)."""
    if path.suffix.casefold() == ".json":
        return peers_from_records(path, rubric, year)
    sheets = list(sheets_of(path, sheet, find_columns))
    for s in sheets:
        if find_columns(s) is not None or s is sheets[-1]:
            return peers_from_sheet(s, rubric, path)
    raise InputError("sheet_no_sheets", path=path)


def peers_level(peers: list[ImportedPeer]) -> str | None:
    """Provinces or regencies/cities, when every name says the same; else None (a mixed table)."""
    levels = {region_level(p.name) for p in peers}
    return levels.pop() if len(levels) == 1 else None


def cohort_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return slug[:60] or "kohort"


def cohort_toml(*, cid: str, name: str, framework: str, year: int, peers: list[ImportedPeer],
                population: int | None, source: str, level: str | None) -> str:
    """The cohort file's text (validated by the caller, by loading it back)."""
    import tomli_w

    cohort: dict[str, object] = {"id": cid, "name": name, "framework": framework, "year": year,
                                 "complete": population is None or population == len(peers)}
    if level:
        cohort["level"] = level
    if population is not None:
        cohort["population"] = population
    if source:
        cohort["sources"] = [source]
    def number(h: int) -> int | float:
        return h // 100 if h % 100 == 0 else h / 100

    rows: list[dict[str, object]] = []
    for p in peers:
        row: dict[str, object] = {"name": p.name, "index": number(p.index_h)}
        if p.history:
            row["history"] = {str(y): number(h) for y, h in sorted(p.history.items())}
        if p.groups:
            row["groups"] = {g: number(h) for g, h in p.groups.items()}
        rows.append(row)
    return tomli_w.dumps({"schema": 1, "cohort": cohort, "peer": rows})


def validated_cohort(text: str, path: Path) -> Cohort:
    # What the cohort reader will check, the same way: never write a file our own reader refuses.
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError("too_large", path=path, limit=MAX_BYTES // 1024)
    data = parse_toml(text, path)
    try:
        return Cohort(CohortFile.model_validate(data), path)
    except ValidationError as exc:
        raise from_validation(exc, path) from None


# The evaluation system's group keys: a letter, the regulation's year in two digits and the group's
# number in two ("A2003" = aspect A3 of 59/2020; "A2603" = aspect A3 of 8/2026). Plain ids ("A3")
# are accepted too. 59/2020's D2001-D2004 did not match domain means in the one sample seen, so
# domain keys are read only for frameworks whose key year is not 20.
RECORD_KEY = re.compile(r"([ADad])(\d{2})(\d{2})")


def record_groups(rubric: Rubric, nilai: dict[str, object], where: str) -> dict[str, Fraction]:
    year = rubric.id.rsplit("-", 1)[-1][-2:]
    ids = {d.id for d in rubric.domains} | {a.id for a in rubric.aspects}
    out: dict[str, Fraction] = {}
    for key, raw in nilai.items():
        m = RECORD_KEY.fullmatch(key)
        gid = f"{m.group(1).upper()}{int(m.group(3))}" if m and m.group(2) == year else key.upper()
        if gid not in ids or (m and gid.startswith("D") and year == "20"):
            continue
        out[gid] = exact_number(raw, f"{where}.nilai.{key}")
    return out


def peers_from_records(path: Path, rubric: Rubric, year: int | None) -> list[ImportedPeer]:
    """The records' peers (see _records_peers); every error names the file."""
    try:
        return _records_peers(path, rubric, year)
    except InputError as exc:
        raise exc.with_path(path) if exc.path is None else exc from None


def _records_peers(path: Path, rubric: Rubric, year: int | None) -> list[ImportedPeer]:
    """Peers from the evaluation system's JSON records: a list of ``{"kode", "tahun",
    "nama_instansi", "kategori", "daerah", "nilai": {"indeks", "A2001", …}}``, values as strings
    with up to ten decimals. The records of ``year`` are the peers; earlier years of the same
    institution become its history."""
    import json

    raw = read_guarded(path, max_bytes=MAX_JSON_BYTES)
    try:
        data = json.loads(decode_text(raw, path))
    except json.JSONDecodeError as exc:
        raise InputError("json_syntax", path=path, line=exc.lineno, col=exc.colno) from None
    except RecursionError:
        raise InputError("toml_recursion", path=path) from None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]  # an API response wrapping the list
    if not isinstance(data, list):
        raise InputError("cohort_json_shape", path=path)
    if len(data) > MAX_RECORDS:
        raise InputError("too_many_records", path=path, limit=MAX_RECORDS)
    by_name: dict[str, dict[int, tuple[str, int, dict[str, Fraction], str]]] = {}
    for k, rec in enumerate(data, start=1):
        where = f"[{k}]"
        if not isinstance(rec, dict) or not isinstance(rec.get("nilai"), dict):
            raise InputError("cohort_json_shape", path=path, field=where)
        name = " ".join(str(rec.get("nama_instansi") or "").split())
        tahun = rec.get("tahun")
        try:
            rec_year = int(str(tahun).strip())
        except ValueError:
            raise InputError("history_year", path=path, field=f"{where}.tahun", got=shown(str(tahun))) from None
        if not name:
            raise InputError("missing_key", path=path, field=f"{where}.nama_instansi")
        if len(name) > MAX_NAME:
            raise InputError("text_too_long", path=path, field=f"{where}.nama_instansi", limit=MAX_NAME)
        if not 2000 <= rec_year <= 2100:
            raise InputError("history_year", path=path, field=f"{where}.tahun", got=shown(str(tahun)))
        nilai = rec["nilai"]
        if "indeks" not in nilai:
            raise InputError("missing_key", path=path, field=f"{where}.nilai.indeks")
        index = exact_number(nilai["indeks"], f"{where}.nilai.indeks")
        groups = record_groups(rubric, nilai, where)
        index_h = _h(index)
        if not rubric.scale_min_h <= index_h <= rubric.scale_max_h:
            raise InputError("cohort_off_scale", path=path, field=f"{where}.nilai.indeks", name=name,
                             value=f"{index_h / 100:g}", lo=rubric.meta.scale_min, hi=rubric.meta.scale_max)
        check_peer_groups(rubric, name, index_h, groups, f"{where}.nilai", path)
        years = by_name.setdefault(name_key(name), {})
        if rec_year in years:
            raise InputError("cohort_twice", path=path, field=f"{where}.nama_instansi", name=name,
                             row=years[rec_year][3])
        years[rec_year] = (name, index_h, groups, where)
    present = sorted({y for years in by_name.values() for y in years})
    wanted = year if year is not None else (present[-1] if present else None)
    peers = []
    for years in by_name.values():
        if wanted not in years:
            continue
        name, index_h, groups, _ = years[wanted]
        history = {y: v[1] for y, v in years.items() if wanted is not None and y < wanted}
        peers.append(ImportedPeer(name, index_h, {g: _h(v) for g, v in groups.items()}, history))
    if not peers:
        raise InputError("cohort_json_year", path=path, year=str(wanted), years=", ".join(map(str, present)) or "—")
    return peers
