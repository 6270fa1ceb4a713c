"""Why a programme of the cost file is not in the plan: its cost against the steps it replaces.

A planner who wrote a programme into the cost file expects to see it used. When the plan leaves it
out, the reason is one of four, in this order:
- it would raise an indicator that is locked (a locked indicator never moves);
- it raises nothing above where the plan starts;
- it costs more than the single steps that reach the same levels (``dearer``);
- it costs no more than those steps, but the plan needs only part of what it raises, and that part
  alone costs less than the programme (``partly_needed``); or the plan needs none of it;
- otherwise taking it would cost the plan no less (a tie, broken towards fewer programmes) or
  break a limit that counts levels raised (``tie_or_limit``).
Costs are the constraints' own (integer hundredths), so the figures agree with the plan's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from tui.core.goal_seek.costs import Constraints
from tui.core.scenario.programme import Programme

Reason = Literal["locked", "nothing", "dearer", "partly_needed", "not_needed", "tie_or_limit"]


@dataclass(frozen=True, slots=True)
class ProgrammeVerdict:
    programme: Programme
    reason: Reason
    replaced_h: int  # the single steps from the start to every level the programme brings
    needed_h: int  # the single steps the plan takes on those indicators, up to those levels
    locked: tuple[str, ...] = ()


def _steps_cost(cons: Constraints, indicator: str, from_h: int, to_h: int) -> int:
    """Single steps from ``from_h`` up to whole level ``to_h // 100`` (a decimal start pays its whole step)."""
    return sum(cons.cost_h(indicator, lv) for lv in range(from_h // 100 + 1, to_h // 100 + 1))


def why_not_chosen(start: Mapping[str, int], planned: Mapping[str, int], cons: Constraints,
                   programme: Programme) -> ProgrammeVerdict:
    """The verdict on one programme the plan from ``start`` to ``planned`` did not take."""
    rises = {i: h for i, h in programme.raises.items() if h > start[i]}
    replaced = sum(_steps_cost(cons, i, start[i], h) for i, h in rises.items())
    needed = sum(_steps_cost(cons, i, start[i], min(h, planned[i])) for i, h in rises.items() if planned[i] > start[i])
    locked = tuple(i for i in programme.raises if i in cons.locked)
    reason: Reason
    if locked:
        reason = "locked"
    elif not rises:
        reason = "nothing"
    elif programme.cost_h > replaced:
        reason = "dearer"
    elif needed == 0:
        reason = "not_needed"
    elif needed < programme.cost_h:
        reason = "partly_needed"
    else:
        reason = "tie_or_limit"
    return ProgrammeVerdict(programme, reason, replaced, needed, locked)


def unchosen(start: Mapping[str, int], planned: Mapping[str, int], cons: Constraints,
             chosen: tuple[Programme, ...]) -> list[ProgrammeVerdict]:
    """A verdict for every programme of the cost file the plan left out, in the file's order."""
    taken = {p.id for p in chosen}
    return [why_not_chosen(start, planned, cons, p) for p in cons.programmes if p.id not in taken]
