"""The action plan (rencana aksi): every planned step as work someone owns, with a due date.

A step is one whole level of one indicator between its baseline and its target (a decimal
target's last step ends at the target). Each step gets:

- an **owner**: the owner of a taken programme that brings the indicator to that level, else
  the owner most of that level's evidence items name (the first named on a tie), else nobody;
- a **due date**: the programme's, else the latest of the level's evidence items (the level
  counts only once all of them are accepted), else none;
- a **cost**: nothing on its own when a programme pays for it, else the cost model's price.

Steps are grouped by owner (named owners in alphabetical order, then the unassigned) and sorted
by due date (undated last), then by table order and level. A deadline flags steps and items due
after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tui.core.goal_seek.costs import Constraints
from tui.core.scenario.evidence import EvidenceItem
from tui.core.scenario.programme import Programme
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.rubric import Rubric


@dataclass(frozen=True, slots=True)
class ActionStep:
    indicator: str
    level: int  # the whole level whose evidence this step needs
    from_h: int
    to_h: int
    owner: str  # "" when nobody is named
    due: date | None
    cost_h: int
    items: tuple[EvidenceItem, ...]
    programme: str | None = None  # the id of the programme that pays for it

    def late(self, deadline: date | None) -> bool:
        return deadline is not None and self.due is not None and self.due > deadline


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    owner: str
    steps: tuple[ActionStep, ...]
    programmes: tuple[Programme, ...]

    @property
    def cost_h(self) -> int:
        return sum(s.cost_h for s in self.steps) + sum(p.cost_h for p in self.programmes)


@dataclass(frozen=True, slots=True)
class ActionPlan:
    groups: tuple[OwnerGroup, ...]
    deadline: date | None
    unit: str = ""  # what costs are counted in (the cost file's unit; empty: cost units)

    @property
    def steps(self) -> tuple[ActionStep, ...]:
        return tuple(s for g in self.groups for s in g.steps)

    @property
    def cost_h(self) -> int:
        return sum(g.cost_h for g in self.groups)

    def late_steps(self) -> tuple[ActionStep, ...]:
        return tuple(s for s in self.steps if s.late(self.deadline))


def _owner(items: Iterable[EvidenceItem]) -> str:
    named = [it.owner.strip() for it in items if it.owner.strip()]
    if not named:
        return ""
    counts = Counter(named)
    top = max(counts.values())
    return next(o for o in named if counts[o] == top)


def _programme_for(programmes: Iterable[Programme], indicator: str, level: int) -> Programme | None:
    """The first programme (in file order) that brings the indicator to this level or above."""
    return next((p for p in programmes if p.raises.get(indicator, 0) >= level * 100), None)


def indicator_steps(rubric: Rubric, scenario: Scenario, cons: Constraints, indicator: str) -> list[ActionStep]:
    base_h, target_h = scenario.baseline[indicator], scenario.level(indicator)
    items = [it for it in scenario.evidence if it.indicator == indicator]
    out = []
    prev = base_h
    level = base_h // 100 + 1
    while prev < target_h:
        to_h = min(target_h, level * 100)
        mine = tuple(it for it in items if it.level == level)
        programme = _programme_for(scenario.programmes, indicator, level)
        if programme is not None:
            owner, due, cost = programme.owner, programme.due, 0
        else:
            dated = [it.due for it in mine if it.due is not None]
            owner, due, cost = _owner(mine), max(dated) if dated else None, cons.cost_h(indicator, level)
        out.append(ActionStep(indicator, level, prev, to_h, owner, due, cost, mine,
                              programme.id if programme else None))
        prev, level = to_h, level + 1
    return out


def build_action_plan(rubric: Rubric, scenario: Scenario, cons: Constraints | None = None,
                      deadline: date | None = None) -> ActionPlan:
    """The scenario's planned steps and programmes as owners' work, ordered as a team works through it."""
    cons = cons or Constraints()
    order = {ind: k for k, ind in enumerate(rubric.indicator_ids)}
    steps = [s for ind in rubric.indicator_ids for s in indicator_steps(rubric, scenario, cons, ind)]
    used = {s.programme for s in steps}
    programmes = [p for p in scenario.programmes if p.id in used]
    owners = sorted({s.owner for s in steps} | {p.owner for p in programmes}, key=lambda o: (o == "", o.casefold()))
    groups = []
    for owner in owners:
        mine = sorted((s for s in steps if s.owner == owner),
                      key=lambda s: (s.due is None, s.due or date.max, order[s.indicator], s.level))
        groups.append(OwnerGroup(owner, tuple(mine), tuple(p for p in programmes if p.owner == owner)))
    return ActionPlan(tuple(groups), deadline, cons.unit if cons is not None else "")
