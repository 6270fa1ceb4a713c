"""The Peta Rencana (roadmap document) and the quarterly targets of a Perjanjian Kinerja.

Regions write a Peta Rencana Pemdi: the target level of every indicator in every year (2025–2029),
with the programme and the OPD that carries it, and the index those levels give each year. A
Perjanjian Kinerja sets the index as the year's target with quarterly targets. Both are built
here from the same solver as ``plan --roadmap`` (one use case for the CLI's ``roadmap`` and the
app), as data: the presentation lays them out.

The quarterly targets are not interpolated: at the end of each quarter of the first plan year,
the verified index if every evidence item due by then is accepted on time (items already
``diterima`` count too; an item due later does not yet), read as the assessor would on that day
(expired evidence does not count).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from tui.core.errors import InputError
from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.plan_request import PlanFieldErrors, PlanRequest, read_plan_request, solve_plan
from tui.core.goal_seek.planning import GoalSeekResult, apply_plan
from tui.core.scenario.evidence import VERIFIED, accepted_levels, counted
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.cohort import Cohort
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import Rubric

QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


@dataclass(frozen=True, slots=True)
class RoadmapRow:
    indicator: str
    levels: dict[int, int]  # year -> level (hundredths)
    programme: str  # the programme (or programmes) that lifts it, where the plan or the file names one
    owner: str  # the OPD, from the programme or else from the indicator's evidence


@dataclass(frozen=True, slots=True)
class YearResult:
    year: int
    index: Decimal
    predikat: str
    cost_h: int  # the cost of that year's steps (0 for the baseline and for years without a plan)
    reachable: bool


@dataclass(frozen=True, slots=True)
class PetaRencana:
    years: tuple[int, ...]
    rows: tuple[RoadmapRow, ...]
    results: tuple[YearResult, ...]
    unit: str


def peta_rencana(scenario: Scenario, rubric: Rubric, plans: list[GoalSeekResult], cons: Constraints) -> PetaRencana:
    first, last = scenario.meta.year, max(p.year for p in plans)
    years = tuple(range(first, last + 1))
    by_year = {p.year: p for p in plans}
    levels_by_year: dict[int, dict[str, int]] = {}
    current = scenario.baseline
    for year in years:
        if year in by_year:
            current = by_year[year].levels
        levels_by_year[year] = dict(current)
    lifted: dict[str, list[tuple[str, str]]] = {}
    for programme in [*scenario.programmes, *(p for plan in plans for p in plan.programmes)]:
        for ind in programme.raises:
            names = lifted.setdefault(ind, [])
            if (programme.name, programme.owner) not in names:
                names.append((programme.name, programme.owner))
    rows = []
    for ind in rubric.indicator_ids:
        named = lifted.get(ind, [])
        owner = next((o for _, o in named if o), "") or _evidence_owner(scenario, ind)
        rows.append(RoadmapRow(ind, {y: levels_by_year[y][ind] for y in years}, "; ".join(n for n, _ in named), owner))
    results = []
    for year in years:
        ev = evaluate(rubric, levels_by_year[year])
        plan = by_year.get(year)
        results.append(YearResult(year, ev.index, ev.predikat, plan.total_cost_h if plan else 0,
                                  plan.reachable if plan else True))
    return PetaRencana(years, tuple(rows), tuple(results), cons.unit)


def _evidence_owner(scenario: Scenario, indicator: str) -> str:
    owners = Counter(it.owner.strip() for it in scenario.evidence if it.indicator == indicator and it.owner.strip())
    return owners.most_common(1)[0][0] if owners else ""


@dataclass(frozen=True, slots=True)
class QuarterTarget:
    quarter: int  # 1-4
    end: date
    index: Decimal  # the verified index at the quarter's end
    predikat: str
    due: int  # evidence items due within the quarter


def quarterly_targets(scenario: Scenario, rubric: Rubric, year: int) -> tuple[QuarterTarget, ...]:
    """The verified index at the end of each quarter of ``year`` if everything due by then is
    accepted on time (see the module's note): the numbers a Perjanjian Kinerja asks for."""
    out = []
    start = date(year, 1, 1)
    levels = scenario.levels()
    for q, (month, day) in enumerate(QUARTER_ENDS, start=1):
        end = date(year, month, day)
        on_time = [it.model_copy(update={"status": "diterima"}) if it.due is not None and it.due <= end else it
                   for it in scenario.evidence]
        readable = counted(on_time, end, rubric.max_age)
        verified = accepted_levels(scenario.baseline, levels, readable, VERIFIED)
        ev = evaluate(rubric, verified)
        due = sum(1 for it in scenario.evidence if it.due is not None and start <= it.due <= end)
        start = date(year + (month == 12), month % 12 + 1, 1)  # the next quarter's first day
        out.append(QuarterTarget(q, end, ev.index, ev.predikat, due))
    return tuple(out)


def plan_roadmap(scenario: Scenario, rubric: Rubric, cohort: Cohort | None, items: list[str],
                 cost_file: Path | None, *, quarters: bool) -> tuple[PetaRencana, tuple[QuarterTarget, ...]]:
    """The Peta Rencana for "YEAR=TARGET" items, planned as ``plan --roadmap`` plans them (the same
    request, tui.core.goal_seek.plan_request), and the first year's quarterly targets when asked.
    Raises PlanFieldErrors naming ``roadmap`` or ``cost_file``."""
    if not items:
        raise PlanFieldErrors({"roadmap": InputError("roadmap_item", field="roadmap", got="")})
    inputs = read_plan_request(PlanRequest(roadmap=tuple(items), cost_file=cost_file), scenario, rubric, cohort)
    plans = list(solve_plan(inputs, scenario, rubric, cohort=cohort).plans)
    peta = peta_rencana(scenario, rubric, plans, inputs.constraints)
    first = quarterly_targets(apply_plan(scenario, rubric, plans[:1]), rubric, plans[0].year) if quarters else ()
    return peta, first
