"""Goal seek: the cheapest plan that reaches a target, and yearly roadmaps of them.

``GoalSeekResult`` is one answer (the changes, their cost, the result, or why the target cannot be
reached); the exact solver is tui.core.goal_seek.solver, the targets tui.core.goal_seek.targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from tui.core.errors import InputError
from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.robust import solve_robust, worst_case_levels
from tui.core.goal_seek.solver import Change, Solution, need_for, options, solve
from tui.core.goal_seek.targets import Target, required_index_h
from tui.core.numbers import hundredths_to_decimal, level_to_toml
from tui.core.scenario.programme import Programme
from tui.core.scenario.scenario_file import Scenario
from tui.core.scenario.summary import Outcome, outcome
from tui.core.scoring.cohort import Cohort, Projection
from tui.core.scoring.evaluation import require_scorable
from tui.core.scoring.rubric import Rubric


@dataclass(frozen=True, slots=True)
class GoalSeekResult:
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
    rejected: int = 0  # the plan survives this many rejected steps (--robust K)
    margin_h: int = 0  # and keeps the index this far above the target's threshold (--margin X)
    programmes: tuple[Programme, ...] = ()
    worst: Outcome | None = None  # the result after the K most valuable steps are rejected
    worst_levels: dict[str, int] = field(default_factory=dict)  # the indicators those rejections move

    def as_json(self) -> dict[str, Any]:
        out = self._core_json()
        out["robust"] = self.rejected
        out["margin"] = float(hundredths_to_decimal(self.margin_h))
        if self.worst is not None:
            w = self.worst
            out["worst_case"] = {"index": float(w.evaluation.index), "predikat": w.evaluation.predikat,
                                 "rank": w.rank.as_json() if w.rank else None,
                                 "levels": {i: level_to_toml(h) for i, h in self.worst_levels.items()}}
        out["programmes"] = [{"id": p.id, "name": p.name, "cost": level_to_toml(p.cost_h), "owner": p.owner,
                              "raises": {i: level_to_toml(h) for i, h in p.raises.items()}}
                             for p in self.programmes]
        return out

    def _core_json(self) -> dict[str, Any]:
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


def best_plan(rubric: Rubric, start: dict[str, int], need: int | None, cons: Constraints,
              rejected: int = 0) -> Solution:
    """The exact solver that fits: HiGHS when there are programmes, else the dynamic programme."""
    if cons.programmes:
        from tui.core.goal_seek.milp import solve_with_programmes  # imports HiGHS: only when it is needed

        return solve_with_programmes(rubric, start, need, cons, rejected)
    if need is None or rejected <= 0:
        return solve(rubric, start, need, cons)
    return solve_robust(rubric, start, need, cons, rejected)


def _blockers(rubric: Rubric, start: dict[str, int], need: int, cons: Constraints, rejected: int) -> tuple[str, ...]:
    """Which limits, lifted one at a time, would make the target reachable ("scale" if none would)."""
    free = Constraints(step_cost_h=cons.step_cost_h, programmes=cons.programmes)
    if not best_plan(rubric, start, need, free, rejected).feasible:
        return ("scale",)
    single = tuple(name for name in cons.active()
                   if best_plan(rubric, start, need, cons.relaxed(name), rejected).feasible)
    return single or tuple(cons.active())


def check_rejected(rubric: Rubric, start: dict[str, int], cons: Constraints, rejected: int) -> None:
    """A plan robust to K rejected steps needs more than K steps: a K as large as every step any
    plan could take asks for nothing that exists (and only costs search time)."""
    if rejected <= 0:
        return
    most = sum(len(options(rubric, ind, start[ind], cons)) - 1 for ind in rubric.indicator_ids)
    if rejected >= most:
        raise InputError("robust_too_large", field="robust", k=rejected, most=most)


def make_plan(rubric: Rubric, start: dict[str, int], target: Target, cons: Constraints, *,
              cohort: Cohort | None, region: str, projection: Projection, year: int,
              rejected: int = 0, margin_h: int = 0) -> GoalSeekResult:
    """The cheapest plan to the target; with ``rejected``/``margin_h`` one that survives rejection."""
    require_scorable(rubric)
    check_rejected(rubric, start, cons, rejected)
    required = required_index_h(rubric, target, cohort=cohort, region=region, projection=projection, year=year)
    if required is None:
        sol: Solution = best_plan(rubric, start, None, cons)
        blockers: tuple[str, ...] = ("rank",)
        reachable = False
    else:
        need = need_for(rubric, start, required + margin_h)
        sol = best_plan(rubric, start, need, cons, rejected)
        reachable = sol.feasible
        blockers = ()
        if not reachable:
            blockers = _blockers(rubric, start, need, cons, rejected)
            sol = best_plan(rubric, start, None, cons)
    levels = {**start, **{c.indicator: c.to_h for c in sol.changes}}
    result = outcome(rubric, levels, cohort, region, projection, year)
    worst, moved = None, {}
    if rejected > 0:
        left = worst_case_levels(rubric, levels, start, rejected)
        worst = outcome(rubric, left, cohort, region, projection, year)
        moved = {i: h for i, h in left.items() if h != levels[i]}
    taken = tuple(p for p in cons.programmes if p.id in sol.programmes)
    return GoalSeekResult(target, year, required, reachable, sol.changes, sol.total_cost_h, dict(start), levels,
                          result, blockers, rejected, margin_h, taken, worst, moved)


def plan_scenario(scenario: Scenario, rubric: Rubric, target: Target, cons: Constraints, *,
                  cohort: Cohort | None, projection: Projection = "hold", rejected: int = 0,
                  margin_h: int = 0) -> GoalSeekResult:
    """GoalSeekResult from the scenario's targets where it has any, else from its baseline."""
    return make_plan(rubric, scenario.levels(), target, cons, cohort=cohort, region=scenario.meta.region,
                     projection=projection, year=scenario.target_year, rejected=rejected, margin_h=margin_h)


def evaluation_steps(scenario: Scenario, rubric: Rubric,
                     steps: list[tuple[int, Target]]) -> tuple[list[tuple[int, Target]], list[int]]:
    """The roadmap's steps in years with an evaluation (every ``cycle_years`` from the baseline's
    year), and the years skipped because the framework evaluates none then."""
    cycle = rubric.meta.cycle_years
    kept = [(y, tg) for y, tg in steps if (y - scenario.meta.year) % cycle == 0]
    return kept, [y for y, _ in steps if (y - scenario.meta.year) % cycle != 0]


def roadmap(scenario: Scenario, rubric: Rubric, steps: list[tuple[int, Target]], cons: Constraints, *,
            cohort: Cohort | None, projection: Projection = "hold", rejected: int = 0,
            margin_h: int = 0) -> list[GoalSeekResult]:
    """One plan per year, each starting where the previous one ends; the limits apply per year.

    Each year takes its cheapest plan; a year that cannot be reached still moves as far as it can,
    and the following years build on that.
    """
    years = [y for y, _ in steps]
    if years != sorted(set(years)):
        raise InputError("roadmap_order", field="roadmap")
    plans: list[GoalSeekResult] = []
    levels = scenario.levels()
    for year, target in steps:
        p = make_plan(rubric, levels, target, cons, cohort=cohort, region=scenario.meta.region,
                      projection=projection, year=year, rejected=rejected, margin_h=margin_h)
        plans.append(p)
        levels = p.levels
    return plans


def roadmap_joint(scenario: Scenario, rubric: Rubric, steps: list[tuple[int, Target]], cons: Constraints, *,
                  cohort: Cohort | None, projection: Projection = "hold", margin_h: int = 0) -> list[GoalSeekResult]:
    """The roadmap with the least total cost over the whole horizon (`--roadmap-mode joint`).

    Where no plan meets every year, or a rank target has no index that secures it, the yearly
    roadmap is returned instead: it shows which year fails and why.
    """
    if cons.programmes:
        raise InputError("joint_programmes", field="roadmap_mode")
    years = [y for y, _ in steps]
    if years != sorted(set(years)):
        raise InputError("roadmap_order", field="roadmap")
    require_scorable(rubric)
    start, region = scenario.levels(), scenario.meta.region
    required = [required_index_h(rubric, target, cohort=cohort, region=region, projection=projection, year=year)
                for year, target in steps]
    path = None
    if all(r is not None for r in required):
        from tui.core.goal_seek.milp import solve_joint  # imports HiGHS: only when it is needed

        path = solve_joint(rubric, start, [need_for(rubric, start, (r or 0) + margin_h) for r in required], cons)
    if path is None:
        return roadmap(scenario, rubric, steps, cons, cohort=cohort, projection=projection, margin_h=margin_h)
    plans = []
    before = start
    for (year, target), req, levels in zip(steps, required, path, strict=True):
        changes = tuple(Change(i, before[i], levels[i],
                               sum(cons.cost_h(i, lv) for lv in range(before[i] // 100 + 1, levels[i] // 100 + 1)),
                               Fraction((levels[i] - before[i]) * rubric.weight_h[i], rubric.index_units))
                        for i in rubric.indicator_ids if levels[i] > before[i])
        result = outcome(rubric, levels, cohort, region, projection, year)
        plans.append(GoalSeekResult(target, year, req, True, changes, sum(c.cost_h for c in changes), dict(before),
                                    levels, result, margin_h=margin_h))
        before = levels
    return plans


def apply_plan(scenario: Scenario, rubric: Rubric, plans: list[GoalSeekResult]) -> Scenario:
    """The scenario with the (last) plan's levels as its targets and its year as the target year."""
    last = plans[-1]
    s = scenario.with_targets(rubric, {i: h for i, h in last.levels.items() if h != scenario.level(i)})
    taken = {p.id: p for plan in plans for p in plan.programmes}
    if taken:  # the action plan needs to know which work lifts which indicators, and whose it is
        s = replace(s, programmes=tuple(taken.values()))
    if last.year != scenario.target_year:
        s = replace(s, meta=s.meta.model_copy(update={"target_year": last.year}))
    return s
