"""Goal seek: the cheapest set of level steps that lifts the rounded index to a required value.

The problem is a multiple-choice knapsack: every indicator picks one target level (its options
are the whole levels it may reach under the constraints), each with a cost and an exact index
gain; the plan must reach a gain threshold at minimum cost. It is solved exactly by dynamic
programming over partial plans, keeping only the Pareto front (no kept plan is both dearer and
lower than another), so the answer is optimal — tests check it against brute force.

Ties are broken as a planner would: least total cost, then fewest indicators touched, then the
higher index. Both the first two fit in one integer key, ``cost x (n + 1) + touched``, because
touched never exceeds n.

Units: levels in hundredths, weights in hundredths of a percent (or finer, rubric.weight_k), so
``level_h x weight_h`` sums to the index in rubric.index_units; costs in hundredths.

Decimal levels (Pemdi indicators such as 3.75): the first step goes to the next whole level (4),
counts as one step and costs what reaching that level costs; later steps are whole levels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from tui.core.goal_seek.costs import Constraints
from tui.core.scoring.rubric import Rubric

MILLION = 10**6


@dataclass(frozen=True, slots=True)
class Option:
    to_h: int
    steps: int
    cost_h: int
    gain: int  # index millionths counted by the search (each step's gain capped, for robust plans)
    full: int = 0  # the option's real gain, when the search counts a capped one


@dataclass(frozen=True, slots=True)
class Change:
    indicator: str
    from_h: int
    to_h: int
    cost_h: int
    gain: Fraction  # exact index gain


@dataclass(frozen=True, slots=True)
class Solution:
    """The chosen changes, or None when no plan meets the threshold under the constraints."""

    changes: tuple[Change, ...]
    total_cost_h: int
    gain: Fraction
    feasible: bool
    programmes: tuple[str, ...] = ()  # ids of the cost file's programmes the plan takes


def step_gains(rubric: Rubric, indicator_id: str, from_h: int) -> list[tuple[int, int]]:
    """Each whole level above ``from_h`` with the gain (millionths) of the one step reaching it."""
    w = rubric.weight_h[indicator_id]
    out = []
    prev = from_h
    for level in range(from_h // 100 + 1, rubric.scale_max_h // 100 + 1):
        out.append((level, (level * 100 - prev) * w))
        prev = level * 100
    return out


def options(rubric: Rubric, indicator_id: str, from_h: int, cons: Constraints,
            cap: int | None = None) -> list[Option]:
    """The levels one indicator may move to, with what each costs and gains (staying put first).

    With ``cap``, the search counts each step's gain as at most ``cap``: the robust plan's
    reformulation (tui.core.goal_seek.robust) needs exactly that.
    """
    stay = Option(from_h, 0, 0, 0)
    if indicator_id in cons.locked:
        return [stay]
    out = [stay]
    cost = counted = full = 0
    for steps, (level, gain) in enumerate(step_gains(rubric, indicator_id, from_h), start=1):
        if cons.max_step is not None and steps > cons.max_step:
            break
        cost += cons.cost_h(indicator_id, level)
        full += gain
        counted += gain if cap is None else min(gain, cap)
        out.append(Option(level * 100, steps, cost, counted, full))
    return out


def index_millionths(rubric: Rubric, levels: Mapping[str, int]) -> int:
    w = rubric.weight_h
    return sum(levels[i] * w[i] for i in rubric.indicator_ids)


def need_for(rubric: Rubric, levels: Mapping[str, int], required_h: int) -> int:
    """Gain (millionths) still needed so the index *rounded half-up* reaches ``required_h``.

    rounded >= T  <=>  exact x 100 + 1/2 >= T  <=>  units >= (T x 10^4 - 5000) x k, with k the
    rubric's weight unit (1 unless a weight has no two-decimal form).
    """
    return (required_h * 10**4 - 5000) * rubric.weight_k - index_millionths(rubric, levels)


# A partial plan: (gain, steps, cost_h, chain) where chain links (indicator position, option) back.
_Chain = tuple[int, Option, "_Chain"] | None


def solve(rubric: Rubric, levels: Mapping[str, int], need: int | None, cons: Constraints,
          cap: int | None = None) -> Solution:
    """Cheapest plan adding at least ``need`` millionths; with ``need`` None, the highest reachable index.

    With a threshold the search minimises (cost, touched) and then maximises gain; without one it
    maximises gain and then minimises (cost, touched) — the "best reachable" answer. ``cap`` limits
    each step's counted gain (see ``options``); the changes still report their real gain.
    """
    ids = list(rubric.indicator_ids)
    n = len(ids)
    opts = [options(rubric, i, levels[i], cons, cap) for i in ids]
    # Best case still to come from indicators k.. : prunes partial plans that can never get there.
    rest = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        rest[k] = rest[k + 1] + max(o.gain for o in opts[k])
    track_steps = cons.max_steps is not None
    # key (cost x (n+1) + touched, steps or 0) -> (gain, cost_h, chain)
    front: dict[tuple[int, int], tuple[int, int, _Chain]] = {(0, 0): (0, 0, None)}
    for k, choice in enumerate(opts):
        grown: dict[tuple[int, int], tuple[int, int, _Chain]] = {}
        for (key, steps), (gain, cost, chain) in front.items():
            for o in choice:
                new_cost = cost + o.cost_h
                if cons.max_cost_h is not None and new_cost > cons.max_cost_h:
                    continue
                new_steps = steps + o.steps if track_steps else 0
                if cons.max_steps is not None and new_steps > cons.max_steps:
                    continue
                value: tuple[int, int, _Chain]
                if o.steps:
                    nk = (new_cost * (n + 1) + (key % (n + 1)) + 1, new_steps)
                    value = (gain + o.gain, new_cost, (k, o, chain))
                else:
                    nk, value = (key, new_steps), (gain, cost, chain)
                old = grown.get(nk)
                if old is None or value[0] > old[0]:
                    grown[nk] = value
        front = _prune(grown, need, rest[k + 1])
    return _pick(front, need, ids, levels, rubric.index_units)


def _prune(states: dict[tuple[int, int], tuple[int, int, _Chain]], need: int | None,
           rest: int) -> dict[tuple[int, int], tuple[int, int, _Chain]]:
    """Keep the Pareto front: per step count, a dearer plan survives only with strictly more gain."""
    if need is None:
        floor = max(g for g, _, _ in states.values()) - rest  # anything below cannot become the best
    else:
        floor = need - rest
        done = [k for k, (g, _, _) in states.items() if g >= need]
        if done:  # a finished plan bounds the cost of every plan still worth extending
            bound = min(k for k, _ in done)
            states = {k: v for k, v in states.items() if k[0] <= bound}
    kept: dict[tuple[int, int], tuple[int, int, _Chain]] = {}
    best: dict[int, int] = {}  # step count -> highest gain among kept (cheaper) plans
    for key in sorted(states):
        gain = states[key][0]
        if gain < floor:
            continue
        steps = key[1]
        if any(g >= gain for s, g in best.items() if s <= steps):
            continue
        kept[key] = states[key]
        best[steps] = gain
    return kept


def _pick(front: dict[tuple[int, int], tuple[int, int, _Chain]], need: int | None,
          ids: list[str], levels: Mapping[str, int], units: int = MILLION) -> Solution:
    if need is None:
        key = min(front, key=lambda k: (-front[k][0], k))
        feasible = True
    else:
        hits = [k for k, v in front.items() if v[0] >= need]
        feasible = bool(hits)
        if not hits:
            return Solution((), 0, Fraction(0), False)
        key = min(hits, key=lambda k: (k[0], -front[k][0], k[1]))
    _, cost, chain = front[key]
    changes: list[Change] = []
    while chain is not None:
        k, o, chain = chain
        ind = ids[k]
        changes.append(Change(ind, levels[ind], o.to_h, o.cost_h, Fraction(o.full, units)))
    changes.reverse()
    return Solution(tuple(changes), cost, sum((c.gain for c in changes), Fraction(0)), feasible)


@dataclass(frozen=True, slots=True)
class Move:
    """One indicator's next step: what it gains and what it costs."""

    indicator: str
    from_h: int
    to_h: int
    cost_h: int
    gain: Fraction


def sensitivity(rubric: Rubric, levels: Mapping[str, int], cons: Constraints) -> list[Move]:
    """Every indicator's next allowed step, best value first (gain per cost, then gain)."""
    moves: list[Move] = []
    for ind in rubric.indicator_ids:
        nxt = options(rubric, ind, levels[ind], cons)[1:2]
        if nxt:
            o = nxt[0]
            moves.append(Move(ind, levels[ind], o.to_h, o.cost_h, Fraction(o.gain, rubric.index_units)))
    order = {ind: k for k, ind in enumerate(rubric.indicator_ids)}

    def value(m: Move) -> tuple[Fraction, Fraction, int]:
        per_cost = m.gain / m.cost_h if m.cost_h else Fraction(10**9)
        return (-per_cost, -m.gain, order[m.indicator])

    return sorted(moves, key=value)
