"""Plans that survive rejection: the target is met even if any K planned steps are rejected.

A step is one level on one indicator; a rejected step leaves that indicator one level lower (the
assessor does not accept the evidence of its top level). The worst case for a plan is losing its
K steps of largest gain, so a plan is robust when ``gain - (sum of its K largest step gains) >=
need``.

"Sum of the K largest" is not additive, but it equals ``min over t >= 0 of K*t + sum(max(0, g - t))``
with the minimum reached at t = the K-th largest gain (or 0). So the cheapest robust plan is the
cheapest, over every candidate t (0 and each distinct step gain), of the ordinary plan whose steps
count ``min(g, t)`` and whose need is ``need + K*t`` — each of those solved exactly by the
dynamic programme in tui.core.goal_seek.solver. Tests check the result against brute force over every
set of K rejected steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.solve_limits import current_limits
from tui.core.goal_seek.solver import Change, Solution, options, solve, step_gains
from tui.core.scoring.rubric import Rubric


def candidate_caps(rubric: Rubric, levels: Mapping[str, int], cons: Constraints) -> list[int]:
    """0 and every distinct gain of a step some plan could take: where the minimum over t can sit."""
    gains = {0}
    for ind in rubric.indicator_ids:
        reachable = len(options(rubric, ind, levels[ind], cons)) - 1
        gains.update(g for _, g in step_gains(rubric, ind, levels[ind])[:reachable])
    return sorted(gains)


def _key(sol: Solution, n: int) -> tuple[int, Fraction]:
    """Least cost, then fewest indicators touched (one integer, as in tui.core.goal_seek.solver), then more gain."""
    return (sol.total_cost_h * (n + 1) + len(sol.changes), -sol.gain)


def solve_robust(rubric: Rubric, levels: Mapping[str, int], need: int, cons: Constraints, rejected: int) -> Solution:
    """The cheapest plan whose gain still reaches ``need`` after its ``rejected`` largest steps fail."""
    if rejected <= 0:
        return solve(rubric, levels, need, cons)
    n = len(rubric.indicator_ids)
    best: Solution | None = None
    limits = current_limits()
    for cap in candidate_caps(rubric, levels, cons):
        limits.check()  # one exact solve per candidate: stop between them when no longer wanted
        sol = solve(rubric, levels, need + rejected * cap, cons, cap)
        if sol.feasible and (best is None or _key(sol, n) < _key(best, n)):
            best = sol
    return best if best is not None else Solution((), 0, Fraction(0), False)


def planned_steps(rubric: Rubric, changes: tuple[Change, ...]) -> list[tuple[str, int, int]]:
    """Every step of the changes as (indicator, whole level reached, gain in index units)."""
    out = []
    for c in changes:
        out += [(c.indicator, lv, g) for lv, g in step_gains(rubric, c.indicator, c.from_h) if lv * 100 <= c.to_h]
    return out


def worst_case_levels(rubric: Rubric, levels: Mapping[str, int], start: Mapping[str, int],
                      rejected: int) -> dict[str, int]:
    """The levels left when the ``rejected`` steps of largest gain are refused (ties: table order).

    Within one indicator the top step is refused first: its lower steps are never smaller (only the
    first step from a decimal baseline can be), so this is the true worst case.
    """
    changes = tuple(Change(i, start[i], levels[i], 0, Fraction(0)) for i in rubric.indicator_ids
                    if levels[i] > start[i])
    order = {ind: k for k, ind in enumerate(rubric.indicator_ids)}
    steps = sorted(planned_steps(rubric, changes), key=lambda s: (-s[2], order[s[0]], -s[1]))
    lost: dict[str, int] = {}
    for ind, _, _ in steps[:max(0, rejected)]:
        lost[ind] = lost.get(ind, 0) + 1
    out = dict(levels)
    for ind, k in lost.items():
        left_h = (levels[ind] // 100 - k) * 100
        out[ind] = left_h if left_h > start[ind] else start[ind]
    return out
