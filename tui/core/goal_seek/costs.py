"""Effort model for goal seek: what each level step costs, and the limits a plan must respect.

A cost file is TOML::

    schema = 1
    framework = "spbe-2020"          # optional; a file for another framework is refused

    [default]
    step = 1                         # cost of any one step
    to_level = { "4" = 2, "5" = 3 }  # cost of the step that reaches level 4 or 5

    [indicator."12"]                 # per indicator, overriding the default
    step = 2
    to_level = { "5" = 4 }

    [limits]
    max_step = 2                     # at most +2 levels per indicator (per year in a roadmap)
    max_steps = 12                   # at most 12 steps in all
    max_cost = 20                    # at most this much cost in all
    locked = ["3", "17"]             # indicators that stay where they are

    [[programme]]                    # one piece of work that lifts several indicators, paid once
    id = "perbup-arsitektur"
    name = "Perbup Arsitektur dan Peta Rencana"
    cost = 5
    raises = { "1" = 3, "2" = 3 }    # indicator -> whole level it brings the indicator up to
    owner = "Bappeda"                # optional

With programmes, goal seek chooses programmes and single steps together (tui.core.goal_seek.milp). The
limits keep their meaning: ``max_step`` and ``max_steps`` count levels raised, however they are
raised; ``max_cost`` counts programmes and steps; a programme that would raise a locked
indicator is not taken.

The cost of reaching level L on indicator i is looked up most specific first: the indicator's
``to_level[L]``, its ``step``, the default ``to_level[L]``, the default ``step``, else the built-in
effort ladder ``DEFAULT_COST_TO_LEVEL``: reaching level 2 costs 1, 3 costs 2, 4 costs 3, 5 costs 5
(and level 1, on a 0-5 scale, costs 1). A flat 1 per step made "4 -> 5 on the heaviest indicator"
the cheapest way to a predikat, which planners know is the hardest step there is.
Costs are held as integer hundredths, so totals are exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tui.core.errors import InputError, from_validation
from tui.core.files.file_kinds import expect_kind
from tui.core.files.guarded import read_toml
from tui.core.numbers import is_whole
from tui.core.scenario.programme import Cost, Programme, ProgrammeFile, build_programmes, check_indicators, cost_h
from tui.core.scoring.rubric import Rubric

COST_SCHEMA = 1
# Effort to reach a whole level when no cost file says otherwise (hundredths): the higher the level,
# the more it takes (institutionalised, then integrated, then optimised practice).
DEFAULT_COST_TO_LEVEL = {1: 1, 2: 1, 3: 2, 4: 3, 5: 5}
DEFAULT_COST_TO_LEVEL_H = {level: cost * 100 for level, cost in DEFAULT_COST_TO_LEVEL.items()}


def defaultcost_h(level: int) -> int:
    """The built-in effort of the step that reaches whole ``level`` (hundredths)."""
    return DEFAULT_COST_TO_LEVEL_H.get(level, 100)




class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class StepCosts(_Strict):
    step: Cost | None = None
    to_level: dict[str, Cost] = {}


class LimitsFile(_Strict):
    max_step: Annotated[int, Field(ge=0, le=100)] | None = None
    max_steps: Annotated[int, Field(ge=0, le=100_000)] | None = None
    max_cost: Cost | None = None
    locked: list[str] = []


class CostFile(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    schema_: int = Field(default=COST_SCHEMA, alias="schema")
    framework: str | None = None
    # What a cost is counted in ("juta rupiah", "hari kerja", any text); said beside every amount.
    unit: Annotated[str, Field(max_length=40)] = ""
    default: StepCosts = StepCosts()
    indicator: dict[str, StepCosts] = {}
    limits: LimitsFile = LimitsFile()
    programme: Annotated[list[ProgrammeFile], Field(max_length=500)] = []


@dataclass(frozen=True)
class Constraints:
    """Everything a plan must respect. Costs are integer hundredths per (indicator, level reached)."""

    step_cost_h: dict[str, dict[int, int]] = field(default_factory=dict)
    max_step: int | None = None
    max_steps: int | None = None
    max_cost_h: int | None = None
    locked: frozenset[str] = frozenset()
    programmes: tuple[Programme, ...] = ()
    unit: str = ""  # the cost file's unit; empty: the default effort scale or a file that names none

    def cost_h(self, indicator_id: str, level: int) -> int:
        """Cost (hundredths) of the step that brings an indicator up to whole level ``level``."""
        own = self.step_cost_h.get(indicator_id)
        cost = own.get(level) if own is not None else None
        return defaultcost_h(level) if cost is None else cost

    def relaxed(self, name: str) -> Constraints:
        """The same constraints with one limit lifted: how we find out what blocks a target."""
        if name == "locked":
            return replace(self, locked=frozenset())
        if name == "max_step":
            return replace(self, max_step=None)
        if name == "max_steps":
            return replace(self, max_steps=None)
        if name == "max_cost":
            return replace(self, max_cost_h=None)
        raise ValueError(f"no limit named {name!r}")

    def active(self) -> list[str]:
        names = [("locked", bool(self.locked)), ("max_step", self.max_step is not None),
                 ("max_steps", self.max_steps is not None), ("max_cost", self.max_cost_h is not None)]
        return [n for n, on in names if on]

    def with_overrides(self, *, max_step: int | None = None, max_steps: int | None = None,
                       max_cost_h: int | None = None, locked: Iterable[str] = ()) -> Constraints:
        """Command-line limits win over the cost file's; locks add up."""
        return replace(
            self,
            max_step=self.max_step if max_step is None else max_step,
            max_steps=self.max_steps if max_steps is None else max_steps,
            max_cost_h=self.max_cost_h if max_cost_h is None else max_cost_h,
            locked=self.locked | frozenset(locked),
        )


def _levels_table(rubric: Rubric, raw: dict[str, float | int], where: str) -> dict[int, int]:
    out: dict[int, int] = {}
    lo, hi = rubric.meta.scale_min, rubric.meta.scale_max
    for key, value in raw.items():
        spot = f'{where}.to_level."{key}"'
        if not is_whole(key) or not lo < int(key) <= hi:
            raise InputError("cost_level_key", field=spot, lo=lo + 1, hi=hi, got=key)
        out[int(key)] = cost_h(value, spot)
    return out


def build_constraints(rubric: Rubric, data: CostFile) -> Constraints:
    """Resolve a validated cost file against a rubric into per-indicator step costs."""
    if data.framework is not None and data.framework != rubric.id:
        raise InputError("cost_framework", field="framework", got=data.framework, want=rubric.id)
    check_indicators(rubric, data.indicator, 'indicator."{key}"')
    check_indicators(rubric, data.limits.locked, "limits.locked")
    base_step = cost_h(data.default.step, "default.step") if data.default.step is not None else None
    base_levels = _levels_table(rubric, data.default.to_level, "default")
    levels = range(rubric.meta.scale_min + 1, rubric.meta.scale_max + 1)
    table: dict[str, dict[int, int]] = {}
    for ind in rubric.indicator_ids:
        own = data.indicator.get(ind)
        own_step = cost_h(own.step, f'indicator."{ind}".step') if own and own.step is not None else None
        own_levels = _levels_table(rubric, own.to_level, f'indicator."{ind}"') if own else {}
        table[ind] = {lv: own_levels.get(lv, own_step if own_step is not None else
                                         base_levels.get(lv, defaultcost_h(lv) if base_step is None else base_step))
                      for lv in levels}
    limits = data.limits
    max_cost = cost_h(limits.max_cost, "limits.max_cost") if limits.max_cost is not None else None
    return Constraints(step_cost_h=table, max_step=limits.max_step, max_steps=limits.max_steps,
                       max_cost_h=max_cost, locked=frozenset(limits.locked),
                       programmes=build_programmes(rubric, data.programme), unit=data.unit.strip())


def parse_costs(raw: dict[str, object], rubric: Rubric, path: Path | str | None = None) -> Constraints:
    expect_kind(raw, "cost", path)
    try:
        version = raw.get("schema")
        if isinstance(version, int) and not isinstance(version, bool) and version > COST_SCHEMA:
            raise InputError("newer_schema", field="schema", version=version, known=COST_SCHEMA)
        try:
            data = CostFile.model_validate(raw)
        except ValidationError as exc:
            raise from_validation(exc, path) from None
        return build_constraints(rubric, data)
    except InputError as exc:
        raise exc.with_path(path) if path is not None and exc.path is None else exc from None


def load_costs(path: Path | str, rubric: Rubric) -> Constraints:
    return parse_costs(read_toml(path), rubric, path)
