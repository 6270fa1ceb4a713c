"""Several scenario files side by side: results, domain/aspect indices and the indicators that differ.

Each file is scored as a scenario (its targets laid over its baseline) against its own cohort.
Files of one framework are compared row by row; files of different frameworks share no indicators
or domains, so only index, predikat and rank are compared and ``reason`` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from tui.core.errors import InputError, is_request_field
from tui.core.numbers import level_to_toml
from tui.core.scenario.scenario_file import Scenario, load_scenario
from tui.core.scenario.summary import Summary, resolve_cohort, summarize
from tui.core.scoring.cohort import Cohort
from tui.core.scoring.evaluation import require_scorable
from tui.core.scoring.rubric import Rubric, RubricSet

MIN_FILES, MAX_FILES = 2, 12


@dataclass(frozen=True, slots=True)
class Column:
    path: Path
    scenario: Scenario
    rubric: Rubric
    summary: Summary
    cohort: Cohort | None = None  # the cohort the summary ranks in (a --cohort given overrides the file's)

    @property
    def label(self) -> str:
        return self.path.stem


@dataclass(frozen=True, slots=True)
class Row:
    """One compared quantity: a value per file (None where a file has no such row) and the best files."""

    kind: str  # "domain", "aspect" or "indicator"
    id: str
    name: str
    values: tuple[Decimal | None, ...]
    best: frozenset[int]


@dataclass(frozen=True, slots=True)
class Comparison:
    columns: tuple[Column, ...]
    comparable: bool
    reason: str | None
    groups: tuple[Row, ...]
    indicators: tuple[Row, ...]

    @property
    def index_best(self) -> frozenset[int]:
        return _best([c.summary.scenario.evaluation.index for c in self.columns])

    @property
    def rank_best(self) -> frozenset[int]:
        ranks = [c.summary.scenario.rank for c in self.columns]
        if any(r is None for r in ranks) or len({r.cohort for r in ranks if r}) != 1:
            return frozenset()  # places in different cohorts (or none) are not comparable
        return _best([Decimal(-r.position) for r in ranks if r])

    def as_json(self) -> dict[str, Any]:
        def row(r: Row) -> dict[str, Any]:
            return {"id": r.id, "name": r.name, "values": [_num(v) for v in r.values], "best": sorted(r.best)}

        files = []
        for c in self.columns:
            o = c.summary.scenario
            files.append({"file": str(c.path), "name": c.scenario.meta.name, "region": c.scenario.meta.region,
                          "framework": c.rubric.id, "index": float(o.evaluation.index),
                          "predikat": o.evaluation.predikat, "rank": o.rank.as_json() if o.rank else None})
        return {"files": files, "comparable": self.comparable, "reason": self.reason,
                "best_index": sorted(self.index_best),
                "domains": [row(r) for r in self.groups if r.kind == "domain"],
                "aspects": [row(r) for r in self.groups if r.kind == "aspect"],
                "indicators": [row(r) for r in self.indicators]}


def _num(v: Decimal | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() and v.as_tuple().exponent == 0 else float(v)


def _best(values: Sequence[Decimal | None]) -> frozenset[int]:
    present = [v for v in values if v is not None]
    if len(present) < 2 or len(set(present)) == 1:
        return frozenset()  # nothing stands out when all are equal
    top = max(present)
    return frozenset(k for k, v in enumerate(values) if v == top)


def load_column(path: Path, rubrics: RubricSet, cohort: str | Path | None = None) -> Column:
    s, rubric = load_scenario(path, rubrics)
    try:
        require_scorable(rubric)
        c = resolve_cohort(s, rubric, cohort, path=path)
    except InputError as exc:
        asked = is_request_field(exc.field)  # the request's, not the file's
        raise exc.with_path(path) if exc.path is None and not asked else exc from None
    return Column(path, s, rubric, summarize(s, rubric, c), c)


def compare(paths: Sequence[Path], rubrics: RubricSet | None = None, cohort: str | Path | None = None) -> Comparison:
    if not MIN_FILES <= len(paths) <= MAX_FILES:
        raise InputError("compare_count", lo=MIN_FILES, hi=MAX_FILES, got=len(paths))
    rubrics = rubrics or RubricSet()
    return compare_columns([load_column(p, rubrics, cohort) for p in paths])


def compare_columns(columns: Sequence[Column]) -> Comparison:
    frameworks = sorted({c.rubric.id for c in columns})
    if len(frameworks) > 1:
        reason = f"the files use different frameworks ({', '.join(frameworks)}), which share no indicators or domains"
        return Comparison(tuple(columns), False, reason, (), ())
    rubric = columns[0].rubric
    evs = [c.summary.scenario.evaluation for c in columns]
    groups: list[Row] = []
    for d in rubric.domains:
        vals = tuple(e.domains[d.id] for e in evs)
        groups.append(Row("domain", d.id, d.name, vals, _best(vals)))
    for a in rubric.aspects:
        vals = tuple(e.aspects[a.id] for e in evs)
        groups.append(Row("aspect", a.id, a.name, vals, _best(vals)))
    indicators: list[Row] = []
    for ind in rubric.indicators:
        levels = [c.scenario.level(ind.id) for c in columns]
        if len(set(levels)) > 1:
            vals = tuple(Decimal(str(level_to_toml(h))) for h in levels)
            indicators.append(Row("indicator", ind.id, ind.short, vals, _best(vals)))
    return Comparison(tuple(columns), True, None, tuple(groups), tuple(indicators))
