"""A plan for a whole province: the least total cost set of steps across its regions so that at least
K regions reach a target (or all of them), or so that the regions' mean index reaches X.

Regions do not share indicators, so for "at least K" (and "all") the exact answer is each region's
own cheapest plan (goal seek, ties broken as it breaks them) and the K cheapest of those (ties by
the recap's region order); a budget caps the total, and ``--regions`` then says how far it goes.
For the mean, regions trade off: each region's cost-to-index front (for every rounded index it can
reach, the least cost; one dynamic programme over its indicators, as goal seek's) is computed,
and a second dynamic programme over the regions picks one point per region so that the sum of
rounded indices reaches N·X at least cost. Every answer is re-checked in exact integers; tests
check both against brute force.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tui.core.errors import InputError
from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.planning import GoalSeekResult, make_plan
from tui.core.goal_seek.solver import Change, index_millionths, options
from tui.core.goal_seek.targets import Target
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import Rubric


@dataclass(frozen=True, slots=True)
class RegionStart:
    name: str
    levels: dict[str, int]


@dataclass(frozen=True, slots=True)
class RegionPlan:
    name: str
    reachable: bool
    cost_h: int
    changes: tuple[Change, ...]
    index_before: Decimal
    index_after: Decimal
    chosen: bool  # part of the province plan
    blockers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProvincePlan:
    goal: str  # "regions", "all" or "mean"
    wanted: int | Decimal  # K regions, or the mean index
    reached: bool
    cost_h: int
    regions: tuple[RegionPlan, ...]
    blockers: tuple[str, ...]  # why the goal is out of reach ("budget", "regions", region names)
    mean_after: Decimal

    @property
    def coach_first(self) -> list[RegionPlan]:
        """The chosen regions, the cheapest to bring there first: where coaching pays soonest."""
        return sorted((r for r in self.regions if r.chosen), key=lambda r: (r.cost_h, r.name))


def _region_plan(rubric: Rubric, start: RegionStart, target: Target, cons: Constraints, year: int) -> GoalSeekResult:
    return make_plan(rubric, start.levels, target, cons, cohort=None, region=start.name, projection="hold", year=year)


def plan_regions(rubric: Rubric, starts: Sequence[RegionStart], target: Target, cons: Constraints, year: int, *,
                 k: int | None, budget_h: int | None = None, locked_regions: frozenset[str] = frozenset()
                 ) -> ProvincePlan:
    """At least ``k`` regions (None: all) reach ``target`` at least total cost."""
    wanted = len(starts) if k is None else k
    if not 1 <= wanted <= len(starts):
        raise InputError("province_k", field="regions", got=wanted, n=len(starts))
    plans = {}
    for s in starts:
        if s.name in locked_regions:
            continue
        plans[s.name] = _region_plan(rubric, s, target, cons, year)
    able = sorted((p for p in plans.items() if p[1].reachable), key=lambda item: (item[1].total_cost_h,
                                                                                 _order(starts, item[0])))
    chosen: list[str] = []
    total = 0
    for name, plan in able:
        if len(chosen) == wanted:
            break
        if budget_h is not None and total + plan.total_cost_h > budget_h:
            break
        chosen.append(name)
        total += plan.total_cost_h
    reached = len(chosen) == wanted
    blockers: list[str] = []
    if not reached:
        if len(able) < wanted:
            blockers += [s.name for s in starts if s.name not in dict(able)]
        if budget_h is not None and len(able) >= wanted:
            blockers.append("budget")
    return _province("all" if k is None else "regions", wanted, reached, rubric, starts, plans, set(chosen),
                     tuple(blockers), cons)


def _order(starts: Sequence[RegionStart], name: str) -> int:
    return next(k for k, s in enumerate(starts) if s.name == name)


def _province(goal: str, wanted: int | Decimal, reached: bool, rubric: Rubric, starts: Sequence[RegionStart],
              plans: Mapping[str, GoalSeekResult], chosen: set[str], blockers: tuple[str, ...], cons: Constraints,
              levels_after: Mapping[str, Mapping[str, int]] | None = None) -> ProvincePlan:
    rows = []
    after_values = []
    for s in starts:
        before = evaluate(rubric, s.levels).index
        plan = plans.get(s.name)
        take = s.name in chosen
        if levels_after is not None:
            after_levels = dict(levels_after.get(s.name, s.levels))
            changes = tuple(_change(rubric, cons, i, s.levels[i], h) for i, h in after_levels.items()
                            if h != s.levels[i])
            cost = sum(c.cost_h for c in changes)
        else:
            after_levels = plan.levels if (plan is not None and take) else s.levels
            changes = plan.changes if (plan is not None and take) else ()
            cost = plan.total_cost_h if (plan is not None and take) else 0
        after = evaluate(rubric, after_levels).index
        after_values.append(after)
        reachable = plan.reachable if plan is not None else levels_after is not None
        rows.append(RegionPlan(s.name, reachable, cost, changes, before, after, take,
                               plan.blockers if plan is not None else ()))
    mean = sum(after_values, Decimal(0)) / len(after_values)
    return ProvincePlan(goal, wanted, reached, sum(r.cost_h for r in rows if r.chosen), tuple(rows), blockers,
                        mean.quantize(Decimal("0.01")))


def _change(rubric: Rubric, cons: Constraints, indicator: str, from_h: int, to_h: int) -> Change:
    """One indicator's move with what it costs (each whole level reached, as the cost model prices
    it) and its exact index gain."""
    cost = sum(cons.cost_h(indicator, level) for level in range(from_h // 100 + 1, to_h // 100 + 1))
    gain = Fraction((to_h - from_h) * rubric.weight_h[indicator], rubric.index_units)
    return Change(indicator, from_h, to_h, cost, gain)


# -- the mean ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FrontPoint:
    cost_h: int
    index_h: int  # the rounded index (hundredths) the levels give
    levels: dict[str, int]


def index_front(rubric: Rubric, levels: Mapping[str, int], cons: Constraints) -> list[FrontPoint]:
    """For every rounded index the region can reach, the least cost (then fewest steps) of getting
    there: goal seek's dynamic programme, keeping the whole cost-gain front instead of one answer."""
    if cons.programmes:
        raise InputError("province_mean_programmes", field="cost")
    ids = list(rubric.indicator_ids)
    opts = [options(rubric, i, levels[i], cons) for i in ids]
    # state: cost -> (gain, steps, chosen option per indicator so far); keep cost-gain Pareto points.
    front: dict[int, tuple[int, int, tuple[int, ...]]] = {0: (0, 0, ())}
    for choice in opts:
        grown: dict[int, tuple[int, int, tuple[int, ...]]] = {}
        for cost, (gain, steps, picks) in front.items():
            for n, o in enumerate(choice):
                new_cost = cost + o.cost_h
                if cons.max_cost_h is not None and new_cost > cons.max_cost_h:
                    continue
                new_steps = steps + o.steps
                if cons.max_steps is not None and new_steps > cons.max_steps:
                    continue
                value = (gain + o.gain, new_steps, (*picks, n))
                old = grown.get(new_cost)
                if old is None or (value[0], -value[1]) > (old[0], -old[1]):
                    grown[new_cost] = value
        front = _pareto(grown)
    base = index_millionths(rubric, levels)
    points: dict[int, FrontPoint] = {}
    for cost in sorted(front):
        gain, _, picks = front[cost]
        chosen = {ids[k]: opts[k][n].to_h for k, n in enumerate(picks)}
        index_h = _rounded_h(rubric, base + gain)
        if index_h not in points:
            points[index_h] = FrontPoint(cost, index_h, chosen)
    return sorted(points.values(), key=lambda p: p.index_h)


def _pareto(states: dict[int, tuple[int, int, tuple[int, ...]]]) -> dict[int, tuple[int, int, tuple[int, ...]]]:
    kept = {}
    best = -1
    for cost in sorted(states):
        if states[cost][0] > best:
            kept[cost] = states[cost]
            best = states[cost][0]
    return kept


def _rounded_h(rubric: Rubric, units: int) -> int:
    """The index in hundredths, rounded half-up, from its exact value in rubric units."""
    from fractions import Fraction

    from tui.core.numbers import round_half_up

    return int(round_half_up(Fraction(units, rubric.index_units)) * 100)


def plan_mean(rubric: Rubric, starts: Sequence[RegionStart], mean: Decimal, cons: Constraints,
              locked_regions: frozenset[str] = frozenset(), budget_h: int | None = None) -> ProvincePlan:
    """The least total cost so that the regions' mean (rounded) index reaches ``mean``."""
    fronts = {s.name: (index_front(rubric, s.levels, cons) if s.name not in locked_regions else
                       [FrontPoint(0, _rounded_h(rubric, index_millionths(rubric, s.levels)), dict(s.levels))])
              for s in starts}
    need = int((mean * len(starts) * 100).to_integral_value(rounding="ROUND_CEILING"))
    picks = _pick_points([fronts[s.name] for s in starts], need, budget_h)
    if picks is None:
        best = [f[-1] for f in (fronts[s.name] for s in starts)]
        after = {s.name: p.levels for s, p in zip(starts, best, strict=True)}
        blockers = ("budget",) if budget_h is not None and sum(p.index_h for p in best) >= need else ("regions",)
        plan = _province("mean", mean, False, rubric, starts, {}, set(), blockers, cons, after)
        return _with_costs(plan, {s.name: p.cost_h for s, p in zip(starts, best, strict=True)}, chosen=False)
    after = {s.name: p.levels for s, p in zip(starts, picks, strict=True)}
    moved = {s.name for s, p in zip(starts, picks, strict=True) if p.cost_h}
    plan = _province("mean", mean, True, rubric, starts, {}, moved, (), cons, after)
    return _with_costs(plan, {s.name: p.cost_h for s, p in zip(starts, picks, strict=True)}, chosen=True)


def _with_costs(plan: ProvincePlan, costs: Mapping[str, int], chosen: bool) -> ProvincePlan:
    from dataclasses import replace

    rows = tuple(replace(r, cost_h=costs[r.name], chosen=chosen and costs[r.name] > 0) for r in plan.regions)
    return replace(plan, regions=rows, cost_h=sum(costs.values()) if chosen else 0)


def _pick_points(fronts: Sequence[list[FrontPoint]], need: int, budget_h: int | None) -> list[FrontPoint] | None:
    """One point per region, the sum of indices at least ``need``, at least total cost (on a tie the
    region's lower point, so the first regions move least). None when out of reach or over budget.

    A dynamic programme over the regions on the index still missing (0 … the deficit, a point that
    overshoots counts as reaching it): exact, and vectorised with numpy (which HiGHS brings). A
    HiGHS model of the same choice took over 10 s for 22 regions; this takes a fraction of one."""
    import numpy as np

    lowest = [f[0] for f in fronts]  # each front starts at the region as it is, at no cost
    deficit = need - sum(p.index_h for p in lowest)
    if deficit <= 0:
        return lowest
    if sum(f[-1].index_h - f[0].index_h for f in fronts) < deficit:
        return None
    never = np.iinfo(np.int64).max // 4
    best = np.full(deficit + 1, never, dtype=np.int64)
    best[0] = 0
    steps: list[tuple[np.ndarray, np.ndarray]] = []  # per region: chosen point and previous state per state
    for front in fronts:
        new = np.full(deficit + 1, never, dtype=np.int64)
        pick = np.zeros(deficit + 1, dtype=np.int64)
        prev = np.zeros(deficit + 1, dtype=np.int64)
        states = np.arange(deficit + 1)
        for j, point in enumerate(front):
            gain = min(point.index_h - front[0].index_h, deficit)
            cand = best + point.cost_h
            # States that land short of the deficit: one each, shifted by the gain …
            if gain < deficit:
                here = slice(gain, deficit)
                better = cand[:deficit - gain] < new[here]
                new[here] = np.where(better, cand[:deficit - gain], new[here])
                pick[here] = np.where(better, j, pick[here])
                prev[here] = np.where(better, states[:deficit - gain], prev[here])
            # … and those that reach it (a point may overshoot): the cheapest of them, the first on a tie.
            k = int(np.argmin(cand[deficit - gain:]))
            if cand[deficit - gain + k] < new[deficit]:
                new[deficit], pick[deficit], prev[deficit] = cand[deficit - gain + k], j, deficit - gain + k
        steps.append((pick, prev))
        best = new
    if best[deficit] >= never or (budget_h is not None and best[deficit] > budget_h):
        return None
    chosen: list[FrontPoint] = []
    state = deficit
    for front, (pick, prev) in zip(reversed(fronts), reversed(steps), strict=True):
        chosen.append(front[int(pick[state])])
        state = int(prev[state])
    chosen.reverse()
    assert sum(p.index_h for p in chosen) >= need  # re-checked in integers
    return chosen
