"""The classroom's picture: what a whole room of participants did with their scenarios.

A participant's *current* scenario is their newest unsaved work (the app's recovery file) or,
without any, the scenario file they changed last. Participants are summarised together only on
one framework (the one most of them use); the others are listed as left out, with why.

- which indicators were raised (target above baseline), by how many participants;
- predikat from baseline to scenario: how many moved from which band to which;
- the spread of the scenario index (and the baseline's): minimum, quartiles, maximum;
- for the class's shared target (a predikat or an index): each participant's cheapest plan from
  their own baseline, and the plan most of them share.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.planning import make_plan
from tui.core.goal_seek.targets import Target, required_index_h
from tui.core.numbers import level_to_toml
from tui.core.room.room_status import ParticipantStatus
from tui.core.scenario.external import external_ids
from tui.core.scoring.rubric import Rubric
from tui.core.team.compare import Column
from tui.core.team.listing import Entry


def current_entry(status: ParticipantStatus) -> Entry | None:
    """Newest unsaved work first, else the most recently changed readable scenario file."""
    if status.unsaved:
        return status.unsaved[-1]
    readable = [e for e in status.files if e.column is not None]

    def mtime(e: Entry) -> float:
        try:
            return e.path.stat().st_mtime
        except OSError:
            return 0.0

    return max(readable, key=mtime) if readable else (status.files[0] if status.files else None)


def quartiles(values: list[Decimal]) -> dict[str, float] | None:
    """Minimum, lower quartile, median, upper quartile, maximum (linear between ranks)."""
    if not values:
        return None
    ordered = sorted(values)

    def at(q: float) -> float:
        pos = q * (len(ordered) - 1)
        lo = int(pos)
        hi = min(lo + 1, len(ordered) - 1)
        return round(float(ordered[lo]) + (float(ordered[hi]) - float(ordered[lo])) * (pos - lo), 2)

    return {"min": at(0), "q1": at(0.25), "median": at(0.5), "q3": at(0.75), "max": at(1)}

if TYPE_CHECKING:
    from tui.core.team.recap import Recap


@dataclass(frozen=True)
class ClassSummary:
    framework: str | None
    users: tuple[str, ...]  # the participants summarised
    left_out: tuple[tuple[str, str], ...]  # (user, why: "none" | "unreadable" | "framework:<id>")
    raised: tuple[tuple[str, int], ...]  # indicator -> participants who raised it, most first
    moves: tuple[tuple[str, str, int], ...]  # baseline predikat, scenario predikat, participants
    scenario_index: dict[str, float] | None
    baseline_index: dict[str, float] | None
    target: Target | None = None
    reached: int = 0  # participants whose own scenario already meets the target
    plans: tuple[tuple[tuple[tuple[str, int, int], ...], int], ...] = field(default=())  # plan -> how many

    def as_json(self) -> dict[str, Any]:
        def plan_json(plan: tuple[tuple[str, int, int], ...]) -> list[dict[str, Any]]:
            return [{"indicator": i, "from": level_to_toml(a), "to": level_to_toml(b)} for i, a, b in plan]

        return {
            "framework": self.framework, "participants": list(self.users),
            "left_out": [{"user": u, "why": w} for u, w in self.left_out],
            "raised": [{"indicator": i, "participants": n} for i, n in self.raised],
            "predikat": [{"from": a, "to": b, "participants": n} for a, b, n in self.moves],
            "index": self.scenario_index, "baseline_index": self.baseline_index,
            "target": None if self.target is None else {"kind": self.target.kind, "value": self.target.value},
            "reached": self.reached,
            "plans": [{"changes": plan_json(p), "participants": n} for p, n in self.plans],
        }


def class_columns(rows: list[ParticipantStatus]) -> list[tuple[str, Column]]:
    """Each participant's current scenario, of the framework most use: what the class picture and
    its recap matrix are made of (participants as the matrix's columns)."""
    picked = [(row.participant.user, e.column) for row in rows
              if (e := current_entry(row)) is not None and e.column is not None]
    frameworks = Counter(col.rubric.id for _, col in picked)
    framework = frameworks.most_common(1)[0][0] if frameworks else None
    return [(u, c) for u, c in picked if c.rubric.id == framework]


def class_recap(rows: list[ParticipantStatus]) -> Recap | None:
    """The recap matrix over the participants' current scenarios, participants as its columns."""
    from tui.core.team.recap import build_recap

    kept = class_columns(rows)
    if not kept:
        return None
    return build_recap([c for _, c in kept], "scenario", labels=[u for u, _ in kept])


def summarise_class(rows: list[ParticipantStatus], target: Target | None = None) -> ClassSummary:
    picked: list[tuple[str, Column]] = []
    left_out: list[tuple[str, str]] = []
    for row in rows:
        entry = current_entry(row)
        if entry is None:
            left_out.append((row.participant.user, "none"))
        elif entry.column is None:
            left_out.append((row.participant.user, "unreadable"))
        else:
            picked.append((row.participant.user, entry.column))
    frameworks = Counter(col.rubric.id for _, col in picked)
    framework = frameworks.most_common(1)[0][0] if frameworks else None
    kept = [(u, c) for u, c in picked if c.rubric.id == framework]
    left_out += [(u, f"framework:{c.rubric.id}") for u, c in picked if c.rubric.id != framework]
    raised: Counter[str] = Counter()
    moves: Counter[tuple[str, str]] = Counter()
    for _, col in kept:
        s = col.scenario
        raised.update(i for i in col.rubric.indicator_ids if s.level(i) > s.baseline[i])
        moves[col.summary.baseline.evaluation.predikat, col.summary.scenario.evaluation.predikat] += 1
    order = {i: k for k, i in enumerate(kept[0][1].rubric.indicator_ids)} if kept else {}
    summary = ClassSummary(
        framework, tuple(u for u, _ in kept), tuple(sorted(left_out)),
        tuple(sorted(raised.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))),
        tuple((a, b, n) for (a, b), n in sorted(moves.items(), key=lambda kv: (-kv[1], kv[0]))),
        quartiles([c.summary.scenario.evaluation.index for _, c in kept]),
        quartiles([c.summary.baseline.evaluation.index for _, c in kept]))
    if target is None or not kept:
        return summary
    return replace(summary, target=target, **_shared_plans(kept, target))


def _meets(col: Column, target: Target) -> bool:
    """Whether the participant's own scenario already meets a predikat or index target."""
    s = col.scenario
    need = required_index_h(col.rubric, target, cohort=None, region=s.meta.region, projection="hold",
                            year=s.target_year)
    return need is not None and int(col.summary.scenario.evaluation.index * 100) >= need


@lru_cache(maxsize=1024)
def cheapest_plan(rubric: Rubric, baseline: tuple[tuple[str, int], ...],
                  target: Target) -> tuple[tuple[str, int, int], ...] | None:
    """The cheapest plan from a baseline to a predikat or index target (None: out of reach).

    Kept across calls: the room screen asks again on every refresh while the class panel is
    open, and a participant's baseline rarely changes.
    """
    cons = Constraints(locked=frozenset(external_ids(rubric)))
    plan = make_plan(rubric, dict(baseline), target, cons, cohort=None, region="", projection="hold", year=0)
    return tuple((c.indicator, c.from_h, c.to_h) for c in plan.changes) if plan.reachable else None


def _shared_plans(kept: list[tuple[str, Column]], target: Target) -> dict[str, Any]:
    """Each participant's cheapest plan from their own baseline to the target; the common ones first."""
    plans: Counter[tuple[tuple[str, int, int], ...]] = Counter()
    reached = 0
    for _, col in kept:
        if _meets(col, target):
            reached += 1
        found = cheapest_plan(col.rubric, tuple(col.scenario.baseline.items()), target)
        if found is not None:
            plans[found] += 1
    ranked = tuple(sorted(plans.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0])))
    return {"reached": reached, "plans": ranked}
