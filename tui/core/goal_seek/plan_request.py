"""A plan asked for with typed values: one use case below both front ends.

``spbe-planner plan`` and the planning screen (key p) ask the same question: a target (or a target
per year), limits, a cost file, locked indicators, a plan robust to K rejections, a margin above the
threshold. Each front end fills a ``PlanRequest`` with what the user typed; ``read_plan_request``
checks every field and ``solve_plan`` searches. Errors name the request's fields (``max_cost``,
``robust``); the command line shows them as its flags, the screen beside its boxes. The plan's JSON
is built here as well, so that a plan reads the same wherever it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, TypeVar

from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.goal_seek.costs import Constraints, load_costs
from tui.core.goal_seek.margins import AssessorMargin, parse_margin
from tui.core.goal_seek.planning import GoalSeekResult, check_rejected, evaluation_steps, roadmap, roadmap_joint
from tui.core.goal_seek.programme_choice import ProgrammeVerdict, unchosen
from tui.core.goal_seek.solver import Move, sensitivity
from tui.core.goal_seek.targets import (
    Target,
    index_target,
    parse_target,
    predikat_target,
    rank_target,
    roadmap_targets,
)
from tui.core.numbers import decimal_point, is_whole, level_to_toml, parse_number, shown
from tui.core.scenario.external import external_ids
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.cohort import Cohort, Projection
from tui.core.scoring.evaluation import evaluate, next_band
from tui.core.scoring.rubric import Rubric

T = TypeVar("T")

# A whole number as typed in a box ("3", "") or as a parsed flag (3, None).
Whole = str | int | None
RoadmapMode = Literal["yearly", "joint"]

# The order fields are read in: the command line reports the first wrong one.
FIELD_ORDER = ("cost_file", "max_cost", "lock", "max_step", "max_steps", "robust", "margin",
               "predikat", "index", "rank", "roadmap", "target", "roadmap_mode")


@dataclass(frozen=True)
class PlanRequest:
    """What the user asked, as typed. Exactly one way of naming the goal is used: ``predikat``,
    ``index``, ``rank``, ``roadmap`` ("YEAR=TARGET" items) or ``target`` (one box that takes any of
    "baik", "3,1", "rank:3"); with none of them the goal is the next predikat up."""

    target: str | None = None
    predikat: str | None = None
    index: str | None = None
    rank: int | None = None
    roadmap: tuple[str, ...] = ()
    roadmap_mode: RoadmapMode = "yearly"
    cost_file: Path | None = None
    max_step: Whole = None
    max_steps: Whole = None
    max_cost: str | None = None
    lock: tuple[str, ...] = ()
    unlock_external: bool = False
    robust: Whole = None
    margin: str | None = None


@dataclass(frozen=True)
class PlanInputs:
    """The request checked against the scenario's framework: what the solver is given."""

    constraints: Constraints
    steps: tuple[tuple[int, Target], ...]
    skipped_years: tuple[int, ...]
    rejected: int
    margin_h: int
    margin_preset: AssessorMargin | None
    joint: bool
    default_costs: bool  # no cost file: the built-in effort ladder, said beside every plan


class PlanFieldErrors(Exception):
    """One or more fields of the request are wrong: field → its error, in FIELD_ORDER.

    ``cost_limits``: the cost file's own constraints when it read well (a form shows its limits
    while another field is wrong), else none."""

    def __init__(self, errors: dict[str, InputError], cost_limits: Constraints | None = None) -> None:
        ordered = {f: errors[f] for f in FIELD_ORDER if f in errors}
        super().__init__(ordered)
        self.errors = ordered
        self.cost_limits = cost_limits

    @property
    def first(self) -> InputError:
        return next(iter(self.errors.values()))


def default_target_text(rubric: Rubric, scenario: Scenario) -> str:
    """The next predikat above where the scenario stands: the question most planners ask first."""
    band = evaluate(rubric, scenario.levels()).band
    return (next_band(rubric, band) or band).name.lower()


def read_plan_request(request: PlanRequest, scenario: Scenario, rubric: Rubric,
                      cohort: Cohort | None) -> PlanInputs:
    """Every field checked on its own, so that each wrong one can say so (PlanFieldErrors)."""
    errors: dict[str, InputError] = {}

    def read(name: str, get: Callable[[], T], fallback: T) -> T:
        try:
            return get()
        except InputError as exc:
            errors[name] = exc
            return fallback

    base = read("cost_file", lambda: _cost_file(request, rubric), Constraints())
    max_cost = read("max_cost", lambda: _max_cost(request.max_cost), None)
    read("lock", lambda: _check_locks(rubric, request.lock), None)
    max_step = read("max_step", lambda: _whole(request.max_step, "max_step"), None)
    max_steps = read("max_steps", lambda: _whole(request.max_steps, "max_steps"), None)
    rejected = read("robust", lambda: _whole(request.robust, "robust"), None) or 0
    no_margin: tuple[int, AssessorMargin | None] = (0, None)
    margin_h, preset = read("margin", lambda: parse_margin(request.margin) if request.margin else no_margin,
                            no_margin)
    goal = _goal_field(request)
    targets: list[tuple[int, Target]] | None = read(goal, lambda: _targets(request, scenario, rubric, cohort), None)
    if request.roadmap_mode == "joint":
        if not request.roadmap:
            errors["roadmap_mode"] = InputError("joint_needs_roadmap", field="roadmap_mode")
        elif rejected:
            errors.setdefault("robust", InputError("joint_robust", field="robust"))
    # Indicators scored by another agency's index are not the region's to plan, unless asked.
    external = () if request.unlock_external else tuple(external_ids(rubric))
    cons = base.with_overrides(max_step=max_step, max_steps=max_steps, max_cost_h=max_cost,
                               locked=[*request.lock, *external])
    if "robust" not in errors:
        read("robust", lambda: check_rejected(rubric, scenario.levels(), cons, rejected), None)
    cost_limits = None if "cost_file" in errors else base
    if errors or targets is None:
        raise PlanFieldErrors(errors, cost_limits)
    steps, skipped = evaluation_steps(scenario, rubric, targets)
    if not steps:
        raise PlanFieldErrors({goal: InputError("roadmap_no_evaluation", field=goal, cycle=rubric.meta.cycle_years,
                                                year=scenario.meta.year)}, cost_limits)
    return PlanInputs(cons, tuple(steps), tuple(skipped), rejected, margin_h, preset,
                      request.roadmap_mode == "joint", request.cost_file is None)


@dataclass(frozen=True)
class PlanOutcome:
    """The plans (one per year with an evaluation), what pays most after them, and, when asked,
    why each programme of the cost file was left out."""

    inputs: PlanInputs
    plans: tuple[GoalSeekResult, ...]
    moves: tuple[Move, ...]
    verdicts: tuple[ProgrammeVerdict, ...] | None

    @property
    def reachable(self) -> bool:
        return all(p.reachable for p in self.plans)


def solve_plan(inputs: PlanInputs, scenario: Scenario, rubric: Rubric, *, cohort: Cohort | None,
               projection: Projection = "hold", why_not: bool = False) -> PlanOutcome:
    """The cheapest plan (or roadmap) for checked inputs. Long searches obey tui.core.goal_seek.solve_limits."""
    steps, cons = list(inputs.steps), inputs.constraints
    if inputs.joint:
        plans = roadmap_joint(scenario, rubric, steps, cons, cohort=cohort, projection=projection,
                              margin_h=inputs.margin_h)
    else:
        plans = roadmap(scenario, rubric, steps, cons, cohort=cohort, projection=projection,
                        rejected=inputs.rejected, margin_h=inputs.margin_h)
    # What pays most *after* the plan: a step the plan already takes is no advice.
    moves = sensitivity(rubric, plans[-1].levels, cons)
    verdicts = None
    if why_not:
        taken = tuple(p for plan in plans for p in plan.programmes)
        verdicts = tuple(unchosen(plans[0].start, plans[-1].levels, cons, taken))
    return PlanOutcome(inputs, tuple(plans), tuple(moves), verdicts)


def plan_json(outcome: PlanOutcome, top: int) -> dict[str, Any]:
    """The plan as ``plan --json`` writes it (documented in the README)."""
    plans = outcome.plans
    if len(plans) == 1:
        out = plans[0].as_json()
    else:
        # Keep the documented top-level fields for a roadmap: the whole way from start to the last year.
        last, first = plans[-1], plans[0]
        out = last.as_json()
        out["reachable"] = outcome.reachable
        out["total_cost"] = level_to_toml(sum(p.total_cost_h for p in plans))
        moved = [i for i in first.start if last.levels[i] != first.start[i]]
        out["changes"] = [{"indicator": i, "from": level_to_toml(first.start[i]), "to": level_to_toml(last.levels[i]),
                           "cost": level_to_toml(sum(c.cost_h for p in plans for c in p.changes if c.indicator == i)),
                           "gain": round(float(sum((c.gain for p in plans for c in p.changes if c.indicator == i),
                                                   Fraction(0))), 4)} for i in moved]
        out["years"] = [p.as_json() for p in plans]
    out["sensitivity"] = [_move_json(m) for m in outcome.moves[:top]]
    inputs = outcome.inputs
    out["default_costs"] = inputs.default_costs
    out["cost_unit"] = inputs.constraints.unit or None  # None: cost units (the default scale, or a file naming none)
    if inputs.margin_preset is not None:
        out["margin_source"] = _margin_json(inputs.margin_preset)
    out["skipped_years"] = list(inputs.skipped_years)
    if outcome.verdicts is not None:
        out["not_chosen"] = [_verdict_json(v) for v in outcome.verdicts]
    return out


def _goal_field(request: PlanRequest) -> str:
    for name in ("predikat", "index", "rank"):
        if getattr(request, name) is not None:
            return name
    return "roadmap" if request.roadmap else "target"


def _targets(request: PlanRequest, scenario: Scenario, rubric: Rubric,
             cohort: Cohort | None) -> list[tuple[int, Target]]:
    year = scenario.target_year
    if request.predikat is not None:
        return [(year, predikat_target(rubric, request.predikat))]
    if request.index is not None:
        return [(year, index_target(rubric, decimal_point(request.index)))]
    if request.rank is not None:
        return [(year, rank_target(request.rank, cohort))]
    if request.roadmap:
        return roadmap_targets(rubric, list(request.roadmap), cohort)
    text = (request.target or "").strip() or default_target_text(rubric, scenario)
    return [(year, parse_target(rubric, text, cohort))]


def _cost_file(request: PlanRequest, rubric: Rubric) -> Constraints:
    return load_costs(request.cost_file, rubric) if request.cost_file is not None else Constraints()


def _whole(value: Whole, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        if not is_whole(value.strip()):
            raise InputError("need_whole", field=name)
        value = int(value.strip())
    if value < 0:
        raise InputError("not_below_zero", field=name, got=value)
    return value


def _max_cost(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        value = parse_number(text, "cost")
    except Invalid as exc:
        raise from_invalid(exc, field="max_cost") from None
    if value < 0:
        raise InputError("not_below_zero", field="max_cost", got=shown(text.strip()))
    return value


def _check_locks(rubric: Rubric, ids: tuple[str, ...]) -> None:
    for ind in ids:
        if ind not in rubric.by_id:
            raise InputError("unknown_indicator", field="lock", id=ind, framework=rubric.id,
                             first=rubric.indicator_ids[0], last=rubric.indicator_ids[-1])


def _move_json(m: Move) -> dict[str, Any]:
    return {"indicator": m.indicator, "from": level_to_toml(m.from_h), "to": level_to_toml(m.to_h),
            "cost": level_to_toml(m.cost_h), "gain": round(float(m.gain), 4)}


def _margin_json(m: AssessorMargin) -> dict[str, Any]:
    return {"preset": "assessor", "margin": level_to_toml(m.margin_h), "rule": "median",
            "range": [level_to_toml(m.low_h), level_to_toml(m.high_h)],
            "drops": [{"region": d.region, "framework": d.framework, "year": d.year, "self": d.self_,
                       "assessor": d.assessor, "stage": d.stage, "source": d.source} for d in m.drops]}


def _verdict_json(v: ProgrammeVerdict) -> dict[str, Any]:
    return {"id": v.programme.id, "cost": level_to_toml(v.programme.cost_h), "reason": v.reason,
            "replaced_cost": level_to_toml(v.replaced_h), "needed_cost": level_to_toml(v.needed_h),
            "locked": list(v.locked)}
