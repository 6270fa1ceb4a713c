"""Goal seek with programmes: single steps and programmes chosen together, exactly, by HiGHS.

A programme (tui.core.goal_seek.costs.Programme) brings several indicators up at once for one cost, which
couples indicators and breaks the per-indicator dynamic programme of tui.core.goal_seek.solver. So plans
with programmes are a small mixed-integer programme, solved to proven optimality:

- ``s[i,m]`` = 1 when indicator i reaches whole level m (monotone in m);
- ``u[i,m]`` = 1 when the step to m is bought on its own (cost ``c[i,m]``);
- ``y[p]``   = 1 when programme p is taken (cost ``C[p]``); it reaches every level it raises to;
- a level is reached only when bought or brought by a taken programme;
- gain ``sum g[i,m] s[i,m] >= need``; for a plan robust to K rejected steps the Bertsimas–Sim
  form ``sum g s - K t - sum q >= need`` with ``q[i,m] >= g[i,m] s[i,m] - t``, ``q, t >= 0``
  (the same reformulation tui.core.goal_seek.robust uses, here inside one model).

Ties are broken as in tui.core.goal_seek.solver: least cost, then fewest indicators touched (one integer
objective, ``cost x (n+1) + touched``), then the higher index (a second solve with the first
objective held at its optimum). Every answer is re-checked in exact integers before it is used.

HiGHS is imported only here and only when a cost file has programmes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from threading import Event
from typing import Any

from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.robust import worst_case_levels
from tui.core.goal_seek.solve_limits import SolveCancelled, current_limits, time_limit_error
from tui.core.goal_seek.solver import Change, Solution, index_millionths, step_gains
from tui.core.scenario.programme import Programme
from tui.core.scoring.rubric import Rubric

INF = float("inf")


@dataclass
class _Model:
    """Columns and rows of the programme, kept as plain lists until handed to HiGHS."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)

    def column(self, lo: float = 0.0, hi: float = 1.0, integer: bool = True) -> int:
        self.lower.append(lo)
        self.upper.append(hi)
        self.integer.append(integer)
        return len(self.lower) - 1

    def row(self, coefs: dict[int, float], lo: float = -INF, hi: float = INF) -> None:
        self.rows.append((coefs, lo, hi))


@dataclass
class _Plan:
    model: _Model
    reach: dict[tuple[str, int], int]  # (indicator, level) -> s column
    buy: dict[tuple[str, int], int]  # (indicator, level) -> u column
    take: dict[str, int]  # programme id -> y column
    gain: dict[int, float]  # s column -> gain (millionths)
    primary: dict[int, float]  # cost x (n+1) + touched


def _usable(p: Programme, start: Mapping[str, int], cons: Constraints, top: Mapping[str, int]) -> bool:
    """A programme is usable unless it would lift a locked indicator or one past its step limit."""
    for ind, level_h in p.raises.items():
        if level_h <= start[ind]:
            continue
        if ind in cons.locked or level_h > top.get(ind, start[ind]):
            return False
    return True


def _build(rubric: Rubric, start: Mapping[str, int], need: int | None, cons: Constraints, rejected: int) -> _Plan:
    m = _Model()
    n = len(rubric.indicator_ids)
    reach: dict[tuple[str, int], int] = {}
    buy: dict[tuple[str, int], int] = {}
    gains: dict[int, float] = {}
    primary: dict[int, float] = {}
    top: dict[str, int] = {}
    for ind in rubric.indicator_ids:
        if ind in cons.locked:
            continue
        steps = step_gains(rubric, ind, start[ind])
        if cons.max_step is not None:
            steps = steps[:cons.max_step]  # with s monotone, "at most N levels" is this truncation
        previous: int | None = None
        for level, gain in steps:
            s, u = m.column(), m.column()
            reach[ind, level], buy[ind, level] = s, u
            gains[s] = gain
            primary[u] = cons.cost_h(ind, level) * (n + 1)
            if previous is None:
                primary[s] = 1  # the indicator is touched exactly when its first level is reached
            else:
                m.row({s: 1, previous: -1}, hi=0)
            m.row({u: 1, s: -1}, hi=0)  # never pay for a level the plan does not reach
            previous = s
            top[ind] = level * 100
    take: dict[str, int] = {}
    for p in cons.programmes:
        if _usable(p, start, cons, top):
            take[p.id] = y = m.column()
            primary[y] = p.cost_h * (n + 1)
            for ind, level_h in p.raises.items():
                if level_h > start[ind]:
                    m.row({y: 1, reach[ind, level_h // 100]: -1}, hi=0)  # the programme lifts it there
    for (ind, level), s in reach.items():
        brought = {take[p.id]: -1.0 for p in cons.programmes
                   if p.id in take and p.raises.get(ind, 0) >= level * 100}
        m.row({s: 1, buy[ind, level]: -1, **brought}, hi=0)
    if cons.max_steps is not None:
        m.row(dict.fromkeys(reach.values(), 1.0), hi=cons.max_steps)
    if cons.max_cost_h is not None:
        m.row({c: v / (n + 1) for c, v in primary.items() if c not in gains}, hi=cons.max_cost_h)
    if need is not None:
        row = dict(gains)
        if rejected > 0:
            t = m.column(0, INF, integer=False)
            row[t] = -rejected
            for s, g in gains.items():
                q = m.column(0, INF, integer=False)
                row[q] = -1
                m.row({q: 1, s: -g, t: 1}, lo=0)
        m.row(row, lo=need)
    return _Plan(m, reach, buy, take, gains, primary)


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Hold back what HiGHS's constructor prints: the app's terminal and ``--json`` own stdout."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _highs() -> Any:
    """A silent HiGHS instance.

    highspy's public ``Highs()`` logs its banner while constructing (output_flag is still true),
    before any option can be set (ERGO-Code/HiGHS#2749). Its pybind base class takes the option
    first and prints nothing; where that name is gone, the public class is built with stdout
    held back instead.
    """
    try:
        from highspy._core import _Highs

        h = _Highs()
    except ImportError:
        import highspy

        with _quiet_stdout():
            h = highspy.Highs()  # type: ignore[no-untyped-call]  # highspy leaves its constructor untyped
    for name, value in (("output_flag", False), ("mip_rel_gap", 0.0), ("mip_abs_gap", 1e-6),
                        ("mip_feasibility_tolerance", 1e-9), ("primal_feasibility_tolerance", 1e-9),
                        ("threads", 1), ("random_seed", 0)):
        h.setOptionValue(name, value)
    return h


def _run(plan: _Plan, objective: dict[int, float], maximise: bool,
         extra: list[tuple[dict[int, float], float, float]]) -> list[float] | None:
    """Solve with one objective (and extra rows); the column values, or None when infeasible."""
    import highspy

    m = plan.model
    rows = m.rows + extra
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(m.lower), len(rows)
    lp.col_cost_ = [objective.get(c, 0.0) for c in range(len(m.lower))]
    lp.col_lower_, lp.col_upper_ = m.lower, m.upper
    lp.row_lower_ = [lo for _, lo, _ in rows]
    lp.row_upper_ = [hi for _, _, hi in rows]
    lp.sense_ = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in m.integer]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts, index, value = [0], [], []
    for coefs, _, _ in rows:
        for c, v in coefs.items():
            index.append(c)
            value.append(v)
        starts.append(len(index))
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, index, value
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
    limits = current_limits()
    limits.check()
    h = _highs()
    h.setOptionValue("time_limit", max(0.01, limits.remaining()))
    if limits.cancel is not None:
        _stop_when(h, limits.cancel)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kTimeLimit:
        raise time_limit_error(limits.seconds)
    if status == highspy.HighsModelStatus.kInterrupt:
        raise SolveCancelled
    if status != highspy.HighsModelStatus.kOptimal:
        return None
    return list(h.getSolution().col_value)


def _stop_when(h: Any, cancel: Event) -> None:
    """Let HiGHS stop at its next interrupt check once ``cancel`` is set (the app's stale requests).

    Where this highspy has no callbacks, the search still ends at its time limit.
    """
    try:
        import highspy

        def interrupt(_kind: object, _message: object, _out: object, data_in: Any, _user: object) -> None:
            if cancel.is_set():
                data_in.user_interrupt = True

        h.setCallback(interrupt, None)
        for kind in (highspy.cb.HighsCallbackType.kCallbackMipInterrupt,
                     highspy.cb.HighsCallbackType.kCallbackSimplexInterrupt):
            h.startCallback(kind)
    except (AttributeError, ImportError, TypeError):
        return


def _answer(rubric: Rubric, start: Mapping[str, int], cons: Constraints, plan: _Plan,
            values: list[float]) -> tuple[dict[str, int], tuple[Change, ...], int, tuple[str, ...]]:
    on = {c for c, v in enumerate(values) if v > 0.5}
    levels = dict(start)
    for (ind, level), s in plan.reach.items():
        if s in on:
            levels[ind] = max(levels[ind], level * 100)
    taken = tuple(p.id for p in cons.programmes if plan.take.get(p.id) in on)
    changes = []
    for ind in rubric.indicator_ids:
        if levels[ind] > start[ind]:
            cost = sum(cons.cost_h(ind, lv) for (i, lv), u in plan.buy.items() if i == ind and u in on)
            gain = Fraction((levels[ind] - start[ind]) * rubric.weight_h[ind], rubric.index_units)
            changes.append(Change(ind, start[ind], levels[ind], cost, gain))
    total = sum(c.cost_h for c in changes) + sum(p.cost_h for p in cons.programmes if p.id in taken)
    return levels, tuple(changes), total, taken


def _exact_ok(rubric: Rubric, start: Mapping[str, int], levels: dict[str, int], need: int | None,
              cons: Constraints, total: int, rejected: int) -> bool:
    """The rounded answer meets the target and the limits in exact integer arithmetic."""
    if cons.max_cost_h is not None and total > cons.max_cost_h:
        return False
    raised = sum((levels[i] - start[i] + 99) // 100 for i in levels)
    if cons.max_steps is not None and raised > cons.max_steps:
        return False
    if need is None:
        return True
    left = worst_case_levels(rubric, levels, start, rejected)
    return index_millionths(rubric, left) - index_millionths(rubric, start) >= need


def solve_with_programmes(rubric: Rubric, start: Mapping[str, int], need: int | None, cons: Constraints,
                          rejected: int = 0) -> Solution:
    """The cheapest plan of programmes and single steps (``need`` None: the highest reachable index)."""
    plan = _build(rubric, start, need, cons, rejected)
    if need is None:
        best = _run(plan, plan.gain, True, [])
        if best is None:
            return Solution((), 0, Fraction(0), False)
        top_gain = round(sum(plan.gain[c] * best[c] for c in plan.gain))
        values = _run(plan, plan.primary, False, [(plan.gain, top_gain, INF)]) or best
    else:
        first = _run(plan, plan.primary, False, [])
        if first is None:
            return Solution((), 0, Fraction(0), False)
        bound = round(sum(plan.primary.get(c, 0.0) * v for c, v in enumerate(first)))
        values = _run(plan, plan.gain, True, [(plan.primary, -INF, bound)]) or first
    levels, changes, total, taken = _answer(rubric, start, cons, plan, values)
    if not _exact_ok(rubric, start, levels, need, cons, total, rejected):
        raise ArithmeticError("the MILP answer does not hold in exact arithmetic")
    gain = sum((c.gain for c in changes), Fraction(0))
    return Solution(changes, total, gain, True, taken)


def solve_joint(rubric: Rubric, start: Mapping[str, int], needs: list[int],
                cons: Constraints) -> list[dict[str, int]] | None:
    """The least total cost over the whole horizon meeting every year's need; the levels per year.

    ``s[i,m,y]`` = 1 when indicator i stands at level m or above by year y (monotone in m and y).
    A step is paid once, in the year it is taken, so the total cost is that of the last year's
    levels; the limits apply per year, as in the yearly roadmap. Ties: least cost, then fewest
    indicators touched, then the highest final index. None when no plan meets every year.
    """
    m = _Model()
    n = len(rubric.indicator_ids)
    years = range(len(needs))
    reach: dict[tuple[str, int, int], int] = {}
    gains: dict[tuple[str, int], int] = {}
    for ind in rubric.indicator_ids:
        if ind in cons.locked:
            continue
        for level, gain in step_gains(rubric, ind, start[ind]):
            gains[ind, level] = gain
            for y in years:
                reach[ind, level, y] = s = m.column()
                if (ind, level - 1, y) in reach:
                    m.row({s: 1, reach[ind, level - 1, y]: -1}, hi=0)
                if y > 0:
                    m.row({reach[ind, level, y - 1]: 1, s: -1}, hi=0)  # once reached, kept
    last = len(needs) - 1
    cost = {reach[ind, lv, last]: float(cons.cost_h(ind, lv)) for ind, lv in gains}
    for y in years:
        def new(ind: str, lv: int, y: int = y) -> dict[int, float]:
            return {reach[ind, lv, y]: 1.0, **({reach[ind, lv, y - 1]: -1.0} if y > 0 else {})}

        if cons.max_step is not None:
            for ind in {i for i, _ in gains}:
                row: dict[int, float] = {}
                for (i, lv) in gains:
                    if i == ind:
                        for c, v in new(i, lv).items():
                            row[c] = row.get(c, 0.0) + v
                m.row(row, hi=cons.max_step)
        if cons.max_steps is not None or cons.max_cost_h is not None:
            steps: dict[int, float] = {}
            spend: dict[int, float] = {}
            for (i, lv) in gains:
                for c, v in new(i, lv).items():
                    steps[c] = steps.get(c, 0.0) + v
                    spend[c] = spend.get(c, 0.0) + v * cons.cost_h(i, lv)
            if cons.max_steps is not None:
                m.row(steps, hi=cons.max_steps)
            if cons.max_cost_h is not None:
                m.row(spend, hi=cons.max_cost_h)
        m.row({reach[i, lv, y]: float(g) for (i, lv), g in gains.items()}, lo=needs[y])
    first = {ind: min(lv for i, lv in gains if i == ind) for ind, _ in gains}
    primary = {c: v * (n + 1) for c, v in cost.items()}
    for ind, lv in first.items():
        c = reach[ind, lv, last]
        primary[c] = primary.get(c, 0.0) + 1
    plan = _Plan(m, {}, {}, {}, {}, primary)
    values = _run(plan, primary, False, [])
    if values is None:
        return None
    bound = round(sum(primary.get(c, 0.0) * v for c, v in enumerate(values)))
    final_gain = {reach[i, lv, last]: float(g) for (i, lv), g in gains.items()}
    values = _run(plan, final_gain, True, [(primary, -INF, bound)]) or values
    out = []
    for y in years:
        levels = dict(start)
        for (ind, lv) in gains:
            if values[reach[ind, lv, y]] > 0.5:
                levels[ind] = max(levels[ind], lv * 100)
        out.append(levels)
    for y, levels in enumerate(out):  # re-checked exactly: the floats only chose the plan
        if index_millionths(rubric, levels) - index_millionths(rubric, start) < needs[y]:
            raise ArithmeticError("the joint roadmap does not hold in exact arithmetic")
    return out

