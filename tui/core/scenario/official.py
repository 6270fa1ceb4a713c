"""An official result as a baseline: the indicator values, and the group values and index a
result sheet also gives, each checked against what the indicators compute.

The evaluation system keeps values unrounded (ten decimals, ``3.7500000000``) while recaps print
two, rounded one way or another. A given value therefore passes when it lies within 0.005 of the
exact value computed from the indicators (inclusive): a recap that prints 1.08 for an exact 1.085
(rounded half-down, or cut) passes, as does 1.09 (half-up); 1.07 does not. A difference above
0.005 stops the import naming the sheet, row and cell, with both numbers.

Group values stand in a small table of their own anywhere in the sheet: a header row whose cells
name groups (by id, ``A1`` … ``A7`` / ``D1`` … ``D4``, or by name, any case) and/or the index
(``Indeks``, ``Index``, ``Indeks Pemdi``, ``Indeks SPBE``, ``Nilai Indeks``), and the first row
below it with numbers in those columns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from tui.core.errors import CellRef, InputError
from tui.core.numbers import decimal_point
from tui.core.scenario.scenario_file import Scenario, ScenarioMeta
from tui.core.scenario.sheets import (
    ColumnChoice,
    Sheet,
    SheetRow,
    cell_at,
    import_sheet,
    indicator_number,
    level_columns,
    levels_header,
    levels_in_column,
    normalised,
    pick_level_column,
    place,
)
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import Rubric

INDEX_WORDS = ("indeks", "index", "indeks pemdi", "indeks spbe", "nilai indeks", "indeks pemerintah digital")
TOLERANCE = Fraction(5, 1000)
YEAR_WORDS = ("tahun", "year", "tahun evaluasi")
ROWS_BELOW = 3  # how far below its header a group table's values may stand


@dataclass(frozen=True, slots=True)
class GivenValue:
    key: str  # "index", or a domain/aspect id
    value: Decimal
    where: CellRef


def group_keys(rubric: Rubric) -> dict[str, str]:
    """Normalised header text -> "index" or a group's id."""
    keys = {w: "index" for w in INDEX_WORDS}
    named = [(d.id, d.name) for d in rubric.domains] + [(a.id, a.name) for a in rubric.aspects]
    for gid, name in named:
        keys[normalised(gid)] = gid
        keys[normalised(name)] = gid
    return keys


def plausible(value: Decimal) -> bool:
    """What a result could print: finite, and not so large or fine that exact arithmetic on it
    would take the machine's memory ("1e999999999")."""
    return value.is_finite() and -20 <= value.adjusted() <= 20


def _number(cell: object) -> Decimal | None:
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        cell = repr(cell)
    text = decimal_point(str(cell))
    if not text or len(text) > 40:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if plausible(value) else None


def header_columns(row: SheetRow, keys: dict[str, str], taken: Collection[int] = ()) -> dict[int, str]:
    """Column -> key for the header cells ``keys`` names (normalised), each key once, first wins;
    ``taken`` columns are left out."""
    found: dict[int, str] = {}
    for col, cell in enumerate(row.cells):
        key = keys.get(normalised(cell)) if isinstance(cell, str) and col not in taken else None
        if key is not None and key not in found.values():
            found[col] = key
    return found


def given_values(sheet: Sheet, rubric: Rubric, skip: range = range(0)) -> list[GivenValue]:
    """The group values and index the sheet gives (none when it has no such table); ``skip``: the
    rows of the indicator table itself (its header, and its domain and aspect rows, whose ids
    stand in the number column), never taken for a group table."""
    keys = group_keys(rubric)
    rows = sheet.rows
    for pos, row in enumerate(rows):
        if pos in skip:
            continue
        columns = header_columns(row, keys)
        # A table with a year column is a history (earlier results), not this result's values.
        if not columns or any(isinstance(c, str) and normalised(c) in YEAR_WORDS for c in row.cells):
            continue
        for below in rows[pos + 1:pos + 1 + ROWS_BELOW]:
            values = {col: _number(cell_at(below, col)) for col in columns}
            if any(v is not None for v in values.values()):
                return [GivenValue(columns[col], v, place(sheet, below, col))
                        for col, v in values.items() if v is not None]
    return []


def indicator_rows(sheet: Sheet) -> range:
    """The positions from the indicator table's header row to its last indicator row."""
    header = levels_header(sheet)
    if header is None:
        return range(0)
    pos, num_col, _ = header
    last = pos
    for k in range(pos + 1, len(sheet.rows)):
        if indicator_number(cell_at(sheet.rows[k], num_col)) is not None:
            last = k
    return range(pos, last + 1)


def check_given(rubric: Rubric, levels: dict[str, int], given: list[GivenValue], path: Path) -> None:
    """Every given value within 0.005 of what the indicators compute, else one error naming it."""
    ev = evaluate(rubric, levels)
    exact = {"index": ev.index_exact, **ev.domains_exact, **ev.aspects_exact}
    for g in given:
        computed = exact[g.key]
        if abs(Fraction(g.value) - computed) > TOLERANCE:
            raise InputError("official_mismatch", path=path, field=g.where, what=g.key,
                             given=f"{g.value.normalize():f}", computed=f"{float(computed):.4f}")


@dataclass(frozen=True, slots=True)
class Result:
    """A result sheet read: its indicator values and the group values and index it also gave."""

    levels: dict[str, int]
    given: list[GivenValue]
    year: int | None = None  # the year the level column's header carries
    earlier: dict[int, dict[str, int]] = field(default_factory=dict)  # other columns of earlier years


def read_result(sheet: Sheet, rubric: Rubric, path: Path, choice: ColumnChoice | None = None,
                history_columns: bool = False) -> Result:
    """The indicator values, at the framework's precision (a value with more decimals than the
    framework keeps is refused, never cut), and every given group value and index checked.

    ``choice`` picks the level column when there are several; ``history_columns`` also reads the
    candidate columns whose header carries an earlier year (for ``[history]``)."""
    found = level_columns(sheet)
    if found is None:
        raise InputError("no_header", path=path, field=CellRef(sheet.name) if sheet.name else None)
    pos, num_col, candidates = found
    picked = pick_level_column(sheet, candidates, choice or ColumnChoice(), path)
    levels = levels_in_column(sheet, rubric, path, pos, num_col, picked.col)
    given = given_values(sheet, rubric, skip=indicator_rows(sheet))
    check_given(rubric, levels, given, path)
    earlier: dict[int, dict[str, int]] = {}
    if history_columns and picked.year is not None:
        for c in candidates:
            if c.year is not None and c.year < picked.year:
                earlier[c.year] = levels_in_column(sheet, rubric, path, pos, num_col, c.col)
    return Result(levels, given, picked.year, earlier)


def detect_result(path: Path, rubrics: Sequence[Rubric], sheet: str | None = None) -> tuple[Rubric, Result]:
    """The sheet read once, then read as a result under the first of ``rubrics`` that takes every
    row: which framework a sheet follows is said by its indicators, so nobody has to be asked.
    When none takes it, the first framework's reason (the one the caller expects) is the error."""
    read = import_sheet(path, sheet)
    first: InputError | None = None
    for rubric in rubrics:
        try:
            return rubric, read_result(read, rubric, path)
        except InputError as exc:
            first = first or exc
    raise first or InputError("sheet_no_sheets", path=path)


OFFICIAL_SOURCE = "hasil resmi"


def previous_history(previous: Scenario, rubric: Rubric) -> tuple[dict[int, int], dict[int, dict[str, int]]]:
    """What a scenario being replaced by a newer result leaves to ``[history]``: its own history,
    and its baseline's index (and group indices) at its year, as published values, rounded."""
    ev = evaluate(rubric, previous.baseline)
    groups = {**ev.domains, **ev.aspects}
    history = {**previous.history, previous.meta.year: int(ev.index * 100)}
    history_groups = {**previous.history_groups, previous.meta.year: {g: int(v * 100) for g, v in groups.items()}}
    return history, history_groups


def import_result(path: Path, rubric: Rubric, meta: ScenarioMeta, *, sheet: str | None = None,
                  history: dict[int, int] | None = None, previous: Scenario | None = None,
                  source: str | None = None, read: Result | None = None, choice: ColumnChoice | None = None,
                  history_columns: bool = False, year_from_sheet: bool = False,
                  sheet_read: Sheet | None = None) -> tuple[Scenario, Result]:
    """The use case "a sheet becomes a scenario": read and check it (``read``: already read under
    ``rubric``), then say where it came from (``source``, by default "hasil resmi" when the sheet
    gave an index or group values) and keep what came before (``previous``: a scenario of the
    same framework being replaced) as history."""
    result = read or read_result(sheet_read or import_sheet(path, sheet), rubric, path, choice, history_columns)
    if year_from_sheet and result.year is not None:  # "Tingkat Kematangan 2025": the scenario's year
        meta = meta.model_copy(update={"year": result.year})
    hist, hist_groups = previous_history(previous, rubric) if previous is not None else ({}, {})
    for year, levels in result.earlier.items():  # --history-columns: the earlier years' own columns
        ev = evaluate(rubric, levels)
        hist[year] = int(ev.index * 100)
        hist_groups[year] = {g: int(v * 100) for g, v in {**ev.domains, **ev.aspects}.items()}
    hist = {**hist, **(history or {})}
    hist = {y: v for y, v in hist.items() if y < meta.year}  # history is what came before
    hist_groups = {y: g for y, g in hist_groups.items() if y < meta.year}
    kind = source if source is not None else (OFFICIAL_SOURCE if result.given else meta.source)
    meta = meta.model_copy(update={"source": kind})
    return Scenario(meta=meta, baseline=result.levels, history=hist, history_groups=hist_groups), result
