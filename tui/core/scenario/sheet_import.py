"""The use case "a sheet becomes a scenario", asked the same way by the CLI's `import` and the app.

A request holds what a person answers (framework, region, year, which level column, whether
earlier years' columns become history, …); ``run_import`` reads the sheet and builds the
scenario. Errors name the request's fields (``framework``, ``region``, ``year``, ``column``,
``history``); only the CLI turns a field into its flag.

Two kinds of sheet come in: a levels sheet (a workbook, an official result) and a report we
exported ourselves, which carries the whole scenario (targets, notes, evidence) and needs no
questions. ``survey`` reads a sheet once and says what is left to ask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tui.core.errors import InputError
from tui.core.scenario.exported_report import is_exported_report, read_exported
from tui.core.scenario.official import GivenValue, Result, import_result, read_result
from tui.core.scenario.scenario_file import Scenario, history_from_text, load_scenario, make_meta
from tui.core.scenario.sheets import ColumnChoice, LevelColumn, Sheet, column_letter, import_sheet, level_columns
from tui.core.scoring.rubric import Rubric, RubricSet


@dataclass(frozen=True, slots=True)
class ImportRequest:
    path: Path
    framework: str | None = None  # None: the sheet must say (an exported report)
    region: str | None = None
    year: int | None = None  # None: the year in the level column's header, else the framework's last
    name: str = "Baseline"
    cohort: str | None = None
    sheet: str | None = None  # an xlsx sheet's name
    column: str | None = None  # the level column, by letter or header text, when several fit
    history_columns: bool = False  # earlier years' level columns become [history]
    history: str | None = None  # "2023=1.88,2024=2.48"; "" with ``replacing``: its baseline becomes history
    source: str | None = None
    notes: str = ""
    replacing: Path | None = None  # the scenario file the import replaces


# The names errors give for what the person answered (the CLI shows each as its flag).
REQUEST_FIELDS = frozenset({"framework", "region", "year", "name", "cohort", "sheet", "column", "history_columns",
                            "history", "source"})


@dataclass(frozen=True, slots=True)
class Imported:
    scenario: Scenario
    rubric: Rubric
    given: list[GivenValue] = field(default_factory=list)  # index and group values the sheet gave, checked
    whole: bool = False  # an exported report: targets, notes and evidence came too
    left_out: str = ""  # what that report said it could not carry


def run_import(request: ImportRequest, rubrics: RubricSet, read: Sheet | None = None,
               result: tuple[Rubric, Result] | None = None) -> Imported:
    """The scenario from the request's sheet (``read``: the sheet already read; ``result``: it read
    as a result under a framework already)."""
    sheet = read if read is not None else import_sheet(request.path, request.sheet)
    if is_exported_report(sheet):
        return _from_report(request, sheet, rubrics)
    if not request.framework:
        raise InputError("import_needs", field="framework")
    if not request.region or not request.region.strip():
        raise InputError("import_needs", field="region")
    try:
        rubric = rubrics.get(request.framework)
    except InputError as exc:
        raise (exc if exc.path is not None else exc.with_field("framework")) from None
    if request.cohort:
        _check_cohort(request.cohort, rubric)
    year = request.year or (rubric.meta.years[-1] if rubric.meta.years else 2026)
    meta = make_meta(name=request.name, framework=rubric.id, region=request.region.strip(), year=year,
                     cohort=request.cohort, notes=request.notes)
    history = history_from_text(rubric, request.history, "history") if request.history else {}
    previous = None
    if request.history is not None and request.replacing is not None and request.replacing.exists():
        previous, old_rubric = load_scenario(request.replacing, rubrics)
        if old_rubric.id != rubric.id:
            raise InputError("history_framework", path=request.replacing, field="scenario.framework",
                             got=old_rubric.id, want=rubric.id)
    done = result[1] if result is not None and result[0].id == rubric.id and not _asks_column(request) else None
    scenario, read_as = import_result(request.path, rubric, meta, sheet=request.sheet, history=history,
                                      previous=previous, source=request.source, read=done,
                                      choice=ColumnChoice(request.column, request.year),
                                      history_columns=request.history_columns,
                                      year_from_sheet=request.year is None, sheet_read=sheet)
    return Imported(scenario, rubric, read_as.given)


def _asks_column(request: ImportRequest) -> bool:
    return request.column is not None or request.history_columns


def _check_cohort(cohort: str, rubric: Rubric) -> None:
    from tui.core.scoring.cohort import load_cohort
    from tui.core.scoring.ranking import check_framework

    try:
        check_framework(load_cohort(cohort), rubric.id)
    except InputError as exc:
        raise (exc if exc.path is not None else exc.with_field("cohort")) from None


def _from_report(request: ImportRequest, sheet: Sheet, rubrics: RubricSet) -> Imported:
    report = read_exported(sheet, request.path, rubrics)
    scenario = report.scenario
    if request.framework and request.framework != report.rubric.id:
        raise InputError("import_framework_differs", path=request.path, field="framework", got=request.framework,
                         want=report.rubric.id)
    changes = {k: v for k, v in (("region", request.region), ("year", request.year)) if v}
    if changes:  # what the person typed wins over what the report says
        scenario = scenario.with_meta(**changes)
    if request.history:
        typed = history_from_text(report.rubric, request.history, "history")
        merged = {y: v for y, v in {**scenario.history, **typed}.items() if y < scenario.meta.year}
        scenario = replace(scenario, history=dict(sorted(merged.items())))
    return Imported(scenario, report.rubric, whole=True, left_out=report.left_out)


@dataclass(frozen=True, slots=True)
class Survey:
    """A sheet read once: what it is and what is left to ask about it."""

    sheet: Sheet
    rubric: Rubric | None  # the framework its indicators follow (None: an exported report says it)
    result: Result | None  # read under that framework with the suggested column
    columns: list[LevelColumn]  # the candidate level columns
    column: str | None  # the one suggested (a letter), when there are several
    earlier: bool  # some candidate's header carries an earlier year than the suggested one
    report: bool = False  # an exported report: nothing to ask


def survey(path: Path, rubrics: Sequence[Rubric], sheet: str | None = None) -> Survey:
    """Read the sheet and find the framework its indicators follow (the first of ``rubrics`` that
    takes every row), reading the most recent level column when there are several."""
    read = import_sheet(path, sheet)
    if is_exported_report(read):
        return Survey(read, None, None, [], None, False, report=True)
    found = level_columns(read)
    candidates = found[2] if found else []
    suggested = _latest(candidates)
    choice = ColumnChoice(column_letter(suggested.col)) if len(candidates) > 1 and suggested else ColumnChoice()
    first: InputError | None = None
    for rubric in rubrics:
        try:
            result = read_result(read, rubric, path, choice)
        except InputError as exc:
            first = first or exc
            continue
        earlier = any(c.year is not None and suggested is not None and suggested.year is not None
                      and c.year < suggested.year for c in candidates)
        return Survey(read, rubric, result, candidates, choice.column, earlier)
    raise first or InputError("sheet_no_sheets", path=path)


def _latest(candidates: list[LevelColumn]) -> LevelColumn | None:
    """The column of the most recent year, else the last one (a workbook adds years rightwards)."""
    if not candidates:
        return None
    dated = [c for c in candidates if c.year is not None]
    return max(dated, key=lambda c: (c.year or 0, c.col)) if dated else candidates[-1]
