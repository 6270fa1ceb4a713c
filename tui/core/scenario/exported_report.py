"""A report we wrote (`export --format csv|xlsx`), read back as the whole scenario.

An exported report holds more than a levels sheet: the scenario's name, framework, region and
years as facts at its top, every indicator with its baseline and its target, the notes, the
published history and every evidence item. Importing it gives the scenario back. What a report
cannot carry is named in its own "not included" fact, and the import says so.

The words are those of both report languages (Bahasa Indonesia and English), kept here because
the core reads them; a test checks they match what the presentation layer writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from tui.core.errors import CellRef, InputError
from tui.core.numbers import decimal_point
from tui.core.scenario.evidence_sheet import evidence_header, evidence_rows, merge_evidence
from tui.core.scenario.scenario_file import Scenario, check_level, make_meta
from tui.core.scenario.sheets import Sheet, SheetRow, cell_at, indicator_number, normalised, number_cell, place
from tui.core.scoring.rubric import Rubric, RubricSet

FACTS = {"skenario": "name", "scenario": "name", "daerah": "region", "region": "region",
         "kerangka": "framework", "framework": "framework", "tahun": "year", "year": "year",
         "kohort": "cohort", "cohort": "cohort", "tidak termuat": "left_out", "not included": "left_out"}
NUMBER_WORDS = ("no",)
LEVEL_WORDS = ("tingkat", "level")
TARGET_WORDS = ("target",)
KIND_WORDS = ("jenis", "kind")
NOTE_WORDS = ("catatan", "note")
SCENARIO_KINDS = ("skenario", "scenario")
INDICATOR_KINDS = ("indikator", "indicator")
YEAR_WORDS = ("tahun", "year")
INDEX_WORDS = ("indeks", "index")
FACT_ROWS = 12  # the facts stand right under the title
_FRAMEWORK_ID = re.compile(r"\(([A-Za-z0-9._-]{1,40})\)\s*$")
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:→|->)\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class ExportedReport:
    """What an exported report gave back, and what its writer said it could not carry."""

    scenario: Scenario
    rubric: Rubric
    left_out: str  # as the report wrote it, e.g. "[external], [[programme]]"


def left_out_of(scenario: Scenario) -> list[str]:
    """The parts of a scenario an exported report cannot carry (written as its "not included" fact)."""
    from tui.core.scoring.cohort import bundled_cohort_ids

    parts = []
    if scenario.external or scenario.external_target:
        parts.append("[external]")
    if scenario.history_groups:
        parts.append("[history_groups]")
    if scenario.programmes:
        parts.append("[[programme]]")
    if scenario.meta.cohort and scenario.meta.cohort not in bundled_cohort_ids():
        parts.append("scenario.cohort")
    parts += [f"scenario.{key}" for key in ("author", "source", "evaluation_date", "created", "updated")
              if getattr(scenario.meta, key)]
    return parts


def _names(row: SheetRow) -> list[str]:
    return [normalised(c) if isinstance(c, str) else "" for c in row.cells]


def _column(names: list[str], words: tuple[str, ...]) -> int | None:
    return next((names.index(w) for w in words if w in names), None)


def levels_table(sheet: Sheet) -> tuple[int, int, int, int] | None:
    """(header row, number, level and target columns) of a report's "every indicator" table."""
    for pos, row in enumerate(sheet.rows):
        names = _names(row)
        cols = [_column(names, w) for w in (NUMBER_WORDS, LEVEL_WORDS, TARGET_WORDS)]
        if all(c is not None for c in cols):
            num, lvl, tgt = (c for c in cols if c is not None)
            return pos, num, lvl, tgt
    return None


def is_exported_report(sheet: Sheet) -> bool:
    """A report of ours: it names its framework among its facts and lists levels with targets."""
    return "framework" in report_facts(sheet) and levels_table(sheet) is not None


def report_facts(sheet: Sheet) -> dict[str, tuple[str, CellRef]]:
    facts: dict[str, tuple[str, CellRef]] = {}
    for row in sheet.rows[:FACT_ROWS]:
        key = FACTS.get(normalised(cell_at(row, 0)))
        value = cell_at(row, 1)
        if key and value is not None and key not in facts:
            facts[key] = (str(value).strip(), place(sheet, row, 1))
    return facts


def read_exported(sheet: Sheet, path: Path, rubrics: RubricSet) -> ExportedReport:
    """The scenario an exported report describes, every value checked as a file's would be."""
    facts = report_facts(sheet)
    text, where = facts["framework"]
    found = _FRAMEWORK_ID.search(text)
    try:
        rubric = rubrics.get(found.group(1) if found else text)
    except InputError as exc:
        raise exc.with_path(path).with_field(where) from None
    year, target_year = _years(facts, path)
    from tui.core.scoring.cohort import bundled_cohort_ids

    cohort = facts.get("cohort", ("", where))[0]
    try:
        meta = make_meta(name=facts.get("name", ("Skenario", where))[0], framework=rubric.id,
                         region=facts.get("region", ("—", where))[0], year=year,
                         target_year=target_year if target_year != year + rubric.meta.cycle_years else None,
                         cohort=cohort if cohort in bundled_cohort_ids() else None)
    except InputError as exc:
        raise exc.with_path(path) from None
    baseline, target = _levels(sheet, rubric, path)
    notes, indicator_notes = _notes(sheet, rubric)
    scenario = Scenario(meta=meta.model_copy(update={"notes": notes}), baseline=baseline,
                        cycle_years=rubric.meta.cycle_years)
    scenario = scenario.with_targets(rubric, target)
    for ind, note in indicator_notes.items():
        scenario = scenario.with_indicator_note(rubric, ind, note)
    history = _history(sheet, year)
    if history:
        from tui.core.scenario.scenario_file import history_from_text

        scenario = replace(scenario, history=history_from_text(
            rubric, ",".join(f"{y}={v}" for y, v in history.items()), "history"))
    header = evidence_header(sheet)
    if header is not None:
        items, _ = merge_evidence(rubric, (), evidence_rows(sheet, path, *header), path)
        scenario = scenario.with_evidence(rubric, items)
    return ExportedReport(scenario, rubric, facts.get("left_out", ("", where))[0])


def _years(facts: dict[str, tuple[str, CellRef]], path: Path) -> tuple[int, int]:
    text, where = facts.get("year", ("", CellRef(None)))
    found = _YEARS.match(text)
    if found:
        return int(found.group(1)), int(found.group(2))
    if text.isdigit() and len(text) == 4:
        return int(text), int(text) + 1
    raise InputError("report_no_year", path=path, field=where)


def _levels(sheet: Sheet, rubric: Rubric, path: Path) -> tuple[dict[str, int], dict[str, int]]:
    table = levels_table(sheet)
    assert table is not None  # is_exported_report said so
    pos, num, lvl, tgt = table
    baseline: dict[str, int] = {}
    target: dict[str, int] = {}
    for row in sheet.rows[pos + 1:]:
        ind = indicator_number(cell_at(row, num))
        if ind is None:
            break  # the table ends at its first row without an indicator
        for col, into in ((lvl, baseline), (tgt, target)):
            where = place(sheet, row, col)
            try:
                value = number_cell(cell_at(row, col), where)
                check_level(rubric, ind, value, where)
            except InputError as exc:
                raise exc.with_path(path) from None
            into[ind] = value
    missing = [i for i in rubric.indicator_ids if i not in baseline]
    if missing:
        raise InputError("sheet_missing", path=path, field=CellRef(sheet.name) if sheet.name else None,
                         n=len(missing), total=len(rubric.indicator_ids), ids=", ".join(missing))
    return ({i: baseline[i] for i in rubric.indicator_ids},
            {i: v for i, v in target.items() if v != baseline[i]})


def _table_rows(sheet: Sheet, words: tuple[tuple[str, ...], ...]) -> list[tuple[SheetRow, list[int]]]:
    """The rows under the first header naming a column of each of ``words``, up to a blank row."""
    for pos, row in enumerate(sheet.rows):
        names = _names(row)
        cols = [_column(names, w) for w in words]
        if all(c is not None for c in cols):
            found = [c for c in cols if c is not None]
            out = []
            for below in sheet.rows[pos + 1:]:
                if all(c is None for c in below.cells):
                    break
                out.append((below, found))
            return out
    return []


def _notes(sheet: Sheet, rubric: Rubric) -> tuple[str, dict[str, str]]:
    notes = ""
    per_indicator: dict[str, str] = {}
    for row, (kind, num, note) in _table_rows(sheet, (KIND_WORDS, NUMBER_WORDS, NOTE_WORDS)):
        what = normalised(cell_at(row, kind))
        text = str(cell_at(row, note) or "").strip()
        if what in SCENARIO_KINDS:
            notes = text
        elif what in INDICATOR_KINDS and (ind := indicator_number(cell_at(row, num))) in rubric.by_id and ind:
            per_indicator[ind] = text
    return notes, per_indicator


def _history(sheet: Sheet, year: int) -> dict[int, str]:
    """Published results of earlier years from the report's history table (the baseline's own
    year and the target stand there too, and are left)."""
    out: dict[int, str] = {}
    for row, (col_year, col_index, _) in _table_rows(sheet, (YEAR_WORDS, INDEX_WORDS, KIND_WORDS)):
        cell = cell_at(row, col_year)
        value = cell_at(row, col_index)
        if cell is None or value is None:
            continue
        text = str(int(cell) if isinstance(cell, float) else cell).strip()
        if text.isdigit() and len(text) == 4 and int(text) < year:
            out[int(text)] = decimal_point(str(value))
    return out
