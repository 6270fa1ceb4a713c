"""A cohort file from a published results table (`spbe-planner cohort import`).

Results are published as tables of region and index, often pasted from a decree's annex or a
news article into a sheet: a title above, a total or average below, the decimal comma. The
region and index columns are found by their header (Indonesian or English); rows that are not
a region with an index (titles, totals, notes, blank lines) are skipped; a region listed twice or
a value off the framework's scale stops the import naming the sheet, row and cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from tui.core.cohort import Cohort, CohortFile, name_key, region_level
from tui.core.errors import CellRef, InputError, from_validation
from tui.core.rubric import Rubric
from tui.core.sheets import Sheet, SheetRow, cell_at, find_header, normalised, number_cell, place, sheets_of

REGION_HEADERS = ("nama daerah", "nama instansi", "pemerintah daerah", "instansi", "daerah", "region", "name",
                  "nama", "kabupaten kota", "provinsi")
INDEX_HEADERS = ("indeks spbe", "nilai indeks", "indeks", "index", "nilai", "value", "score", "skor")
SKIP_WORDS = ("total", "jumlah", "rata rata", "rerata", "average", "mean", "sumber", "source", "catatan", "note")


def find_columns(sheet: Sheet) -> tuple[int, int, int] | None:
    """(row position, region column, index column) of the first row naming both."""
    return find_header(sheet, REGION_HEADERS, INDEX_HEADERS)


def _is_region_row(row: SheetRow, region_col: int, index_col: int) -> bool:
    name, value = cell_at(row, region_col), cell_at(row, index_col)
    if not isinstance(name, str) or not name.strip() or value is None:
        return False
    first = normalised(name)
    return bool(first) and not any(first.startswith(w) for w in SKIP_WORDS)


def peers_from_sheet(sheet: Sheet, rubric: Rubric, path: Path) -> list[tuple[str, int]]:
    found = find_columns(sheet)
    if found is None:
        raise InputError("cohort_no_header", path=path, field=CellRef(sheet.name) if sheet.name else None)
    pos, region_col, index_col = found
    peers: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for row in sheet.rows[pos + 1:]:
        if not _is_region_row(row, region_col, index_col):
            continue
        name = " ".join(str(cell_at(row, region_col)).split())
        where = place(sheet, row, index_col)
        try:
            value_h = number_cell(cell_at(row, index_col), where)
        except InputError as exc:
            raise exc.with_path(path) from None
        if not rubric.scale_min_h <= value_h <= rubric.scale_max_h:
            raise InputError("cohort_off_scale", path=path, field=where, name=name, value=f"{value_h / 100:g}",
                             lo=rubric.meta.scale_min, hi=rubric.meta.scale_max)
        key = name_key(name)
        if key in seen:
            raise InputError("cohort_twice", path=path, field=place(sheet, row, region_col), name=name,
                             row=seen[key])
        seen[key] = row.number
        peers.append((name, value_h))
    if not peers:
        raise InputError("cohort_no_rows", path=path, field=CellRef(sheet.name) if sheet.name else None)
    return peers


def read_peers(path: Path, rubric: Rubric, sheet: str | None = None) -> list[tuple[str, int]]:
    sheets = list(sheets_of(path, sheet, find_columns))
    for s in sheets:
        if find_columns(s) is not None or s is sheets[-1]:
            return peers_from_sheet(s, rubric, path)
    raise InputError("sheet_no_sheets", path=path)


def peers_level(peers: list[tuple[str, int]]) -> str | None:
    """Provinces or regencies/cities, when every name says the same; else None (a mixed table)."""
    levels = {region_level(name) for name, _ in peers}
    return levels.pop() if len(levels) == 1 else None


def cohort_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return slug[:60] or "kohort"


def cohort_toml(*, cid: str, name: str, framework: str, year: int, peers: list[tuple[str, int]],
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
    doc = {"schema": 1, "cohort": cohort,
           "peer": [{"name": n, "index": v // 100 if v % 100 == 0 else v / 100} for n, v in peers]}
    return tomli_w.dumps(doc)


def validated_cohort(text: str, path: Path) -> Cohort:
    import tomllib

    try:
        return Cohort(CohortFile.model_validate(tomllib.loads(text)), path)
    except ValidationError as exc:
        raise from_validation(exc, path) from None
