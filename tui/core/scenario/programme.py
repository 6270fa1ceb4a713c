"""A programme: one piece of work (a Perbup, a CSIRT, a portal) that lifts several indicators, paid once.

Programmes are written in cost files and in scenarios (``[[programme]]``), so the model lives with
the scenario; the cost model and the solvers use it from here. Costs are integer hundredths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.numbers import FileNumber, is_whole, shown, to_hundredths
from tui.core.scoring.rubric import Rubric

Cost = Annotated[FileNumber, Field(ge=0)]


class ProgrammeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: Annotated[str, Field(min_length=1, max_length=80)]
    name: Annotated[str, Field(max_length=200)] = ""
    cost: Cost
    raises: Annotated[dict[str, FileNumber], Field(min_length=1, max_length=200)]
    owner: Annotated[str, Field(max_length=200)] = ""
    due: date | None = None


@dataclass(frozen=True)
class Programme:
    """One piece of work (a Perbup, a CSIRT, a portal) that brings several indicators up, paid once."""

    id: str
    name: str
    cost_h: int
    raises: dict[str, int]  # indicator -> whole level reached, in hundredths
    owner: str = ""
    due: date | None = None


def cost_h(value: float | int, where: str) -> int:
    try:
        return to_hundredths(value, "cost")
    except Invalid as exc:
        raise from_invalid(exc, field=where) from None


def check_indicators(rubric: Rubric, ids: Iterable[str], where: str) -> None:
    for key in ids:
        if key not in rubric.by_id:
            raise InputError("unknown_indicator", field=where.format(key=key), id=key, framework=rubric.id,
                             first=rubric.indicator_ids[0], last=rubric.indicator_ids[-1])


def build_programmes(rubric: Rubric, raw: list[ProgrammeFile]) -> tuple[Programme, ...]:
    """Programmes checked against the rubric: known indicators, whole levels above the scale's floor."""
    out: list[Programme] = []
    seen: set[str] = set()
    lo, hi = rubric.meta.scale_min, rubric.meta.scale_max
    for k, p in enumerate(raw):
        where = f"programme[{k + 1}]"
        if p.id in seen:
            raise InputError("programme_duplicate", field=f"{where}.id", id=p.id)
        seen.add(p.id)
        check_indicators(rubric, p.raises, where + '.raises."{key}"')
        raises: dict[str, int] = {}
        for ind, level in p.raises.items():
            spot = f'{where}.raises."{ind}"'
            if not is_whole(str(level)) or not lo < int(level) <= hi:
                raise InputError("cost_level_key", field=spot, lo=lo + 1, hi=hi, got=shown(level))
            raises[ind] = int(level) * 100
        out.append(Programme(p.id, p.name or p.id, cost_h(p.cost, f"{where}.cost"), raises, p.owner, p.due))
    return tuple(out)
