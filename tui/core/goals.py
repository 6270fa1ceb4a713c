"""Goal targets (a predikat, an index, a rank), plans that reach them, and yearly roadmaps.

Every target becomes the lowest *rounded* index that satisfies it; the solver in
tui.core.planning then finds the cheapest way there. A rank target is met when the region's
*worst* possible place is good enough, so a plan never promises a place that depends on how an
uncertain peer really scored. Ties count as in the published rankings: equal to a peer shares
its place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from tui.core.cohort import Cohort, Projection
from tui.core.costs import Constraints
from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.numbers import hundredths_to_decimal, is_whole, level_to_toml, shown, to_hundredths
from tui.core.planning import Change, Solution, need_for, solve
from tui.core.ranking import rank
from tui.core.rubric import Band, Rubric, band_key
from tui.core.scenario import Scenario
from tui.core.scoring import require_scorable
from tui.core.summary import Outcome, outcome

TargetKind = Literal["predikat", "index", "rank"]


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    value: str | int  # band name, index in hundredths, or rank position


def find_band(rubric: Rubric, name: str) -> Band:
    key = band_key(name)
    for band in rubric.bands:
        if band.key == key:
            return band
    names = ", ".join(b.name for b in rubric.bands)
    raise InputError("unknown_predikat", field="--predikat", name=name, framework=rubric.id, names=names)


def predikat_target(rubric: Rubric, name: str) -> Target:
    return Target("predikat", find_band(rubric, name).name)


def index_target(rubric: Rubric, text: str | float) -> Target:
    if isinstance(text, str) and not _is_number(text):
        raise InputError("index_not_number", field="--index", got=shown(text))
    try:
        value = to_hundredths(float(text), "index")
    except Invalid as exc:
        raise from_invalid(exc, field="--index") from None
    if not rubric.scale_min_h <= value <= rubric.scale_max_h:
        raise InputError("index_off_scale", field="--index", lo=rubric.meta.scale_min, hi=rubric.meta.scale_max,
                         got=shown(text))
    return Target("index", value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def rank_target(position: int, cohort: Cohort | None) -> Target:
    if cohort is None:
        raise InputError("rank_needs_cohort", field="--rank")
    if position < 1:
        raise InputError("rank_min", field="--rank", got=position)
    return Target("rank", position)


def parse_target(rubric: Rubric, text: str, cohort: Cohort | None) -> Target:
    """One target as typed: a predikat name, an index ("3.1", "3,1", "index:3.1") or a rank ("rank:3",
    "peringkat 3")."""
    text = text.strip()
    kind, _, rest = text.partition(":")
    if not rest:
        kind, _, rest = text.partition(" ")
    kind = kind.strip().casefold()
    if rest and kind in ("rank", "peringkat"):
        if not is_whole(rest.strip()):
            raise InputError("rank_whole", field="--roadmap", got=shown(rest))
        return rank_target(int(rest), cohort)
    if rest and kind in ("index", "indeks"):
        return index_target(rubric, rest.strip().replace(",", "."))
    if _is_number(text.replace(",", ".")):
        return index_target(rubric, text.replace(",", "."))
    return predikat_target(rubric, text)


def required_index_h(rubric: Rubric, target: Target, *, cohort: Cohort | None, region: str,
                     projection: Projection, year: int) -> int | None:
    """The lowest rounded index (hundredths) that meets the target; None if no index on the scale does."""
    if target.kind == "predikat":
        return int(find_band(rubric, str(target.value)).lower * 100)
    if target.kind == "index":
        return int(target.value)
    assert cohort is not None

    def worst_place(h: int) -> int:
        return rank(hundredths_to_decimal(h), cohort, region=region, scale_min=rubric.meta.scale_min,
                    scale_max=rubric.meta.scale_max, projection=projection, target_year=year).position_worst

    lo, hi = rubric.scale_min_h, rubric.scale_max_h
    if worst_place(hi) > int(target.value):
        return None
    while lo < hi:  # the worst place only improves as the index rises
        mid = (lo + hi) // 2
        if worst_place(mid) <= int(target.value):
            hi = mid
        else:
            lo = mid + 1
    return lo


@dataclass(frozen=True, slots=True)
class Plan:
    """A solved target: the changes, the resulting outcome and, when out of reach, why."""

    target: Target
    year: int
    required_h: int | None
    reachable: bool
    changes: tuple[Change, ...]
    total_cost_h: int
    start: dict[str, int]
    levels: dict[str, int]
    result: Outcome
    blockers: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        e = self.result.evaluation
        return {
            "reachable": self.reachable,
            "total_cost": level_to_toml(self.total_cost_h),
            "changes": [{"indicator": c.indicator, "from": level_to_toml(c.from_h), "to": level_to_toml(c.to_h),
                         "cost": level_to_toml(c.cost_h), "gain": round(float(c.gain), 4)}
                        for c in self.changes],
            "result": {"index": float(e.index), "predikat": e.predikat,
                       "rank": self.result.rank.as_json() if self.result.rank else None},
            "target": {"kind": self.target.kind, "value": _target_json(self.target)},
            "year": self.year,
            "required_index": float(hundredths_to_decimal(self.required_h)) if self.required_h is not None else None,
            "blockers": list(self.blockers),
        }


def _target_json(target: Target) -> str | int | float:
    return float(hundredths_to_decimal(int(target.value))) if target.kind == "index" else target.value


def _blockers(rubric: Rubric, start: dict[str, int], need: int, cons: Constraints) -> tuple[str, ...]:
    """Which limits, lifted one at a time, would make the target reachable ("scale" if none would)."""
    if not solve(rubric, start, need, Constraints(step_cost_h=cons.step_cost_h)).feasible:
        return ("scale",)
    single = tuple(name for name in cons.active() if solve(rubric, start, need, cons.relaxed(name)).feasible)
    return single or tuple(cons.active())


def make_plan(rubric: Rubric, start: dict[str, int], target: Target, cons: Constraints, *,
              cohort: Cohort | None, region: str, projection: Projection, year: int) -> Plan:
    require_scorable(rubric)
    required = required_index_h(rubric, target, cohort=cohort, region=region, projection=projection, year=year)
    if required is None:
        sol: Solution = solve(rubric, start, None, cons)
        blockers: tuple[str, ...] = ("rank",)
        reachable = False
    else:
        need = need_for(rubric, start, required)
        sol = solve(rubric, start, need, cons)
        reachable = sol.feasible
        blockers = ()
        if not reachable:
            blockers = _blockers(rubric, start, need, cons)
            sol = solve(rubric, start, None, cons)
    levels = {**start, **{c.indicator: c.to_h for c in sol.changes}}
    result = outcome(rubric, levels, cohort, region, projection, year)
    return Plan(target, year, required, reachable, sol.changes, sol.total_cost_h, dict(start), levels,
                result, blockers)


def plan_scenario(scenario: Scenario, rubric: Rubric, target: Target, cons: Constraints, *,
                  cohort: Cohort | None, projection: Projection = "hold") -> Plan:
    """Plan from the scenario's targets where it has any, else from its baseline."""
    return make_plan(rubric, scenario.levels(), target, cons, cohort=cohort, region=scenario.meta.region,
                     projection=projection, year=scenario.target_year)


def roadmap(scenario: Scenario, rubric: Rubric, steps: list[tuple[int, Target]], cons: Constraints, *,
            cohort: Cohort | None, projection: Projection = "hold") -> list[Plan]:
    """One plan per year, each starting where the previous one ends; the limits apply per year.

    Each year takes its cheapest plan; a year that cannot be reached still moves as far as it can,
    and the following years build on that.
    """
    years = [y for y, _ in steps]
    if years != sorted(set(years)):
        raise InputError("roadmap_order", field="--roadmap")
    plans: list[Plan] = []
    levels = scenario.levels()
    for year, target in steps:
        p = make_plan(rubric, levels, target, cons, cohort=cohort, region=scenario.meta.region,
                      projection=projection, year=year)
        plans.append(p)
        levels = p.levels
    return plans


def apply_plan(scenario: Scenario, rubric: Rubric, plans: list[Plan]) -> Scenario:
    """The scenario with the (last) plan's levels as its targets and its year as the target year."""
    last = plans[-1]
    s = scenario.with_targets(rubric, {i: h for i, h in last.levels.items() if h != scenario.level(i)})
    if last.year != scenario.target_year:
        s = replace(s, meta=s.meta.model_copy(update={"target_year": last.year}))
    return s
