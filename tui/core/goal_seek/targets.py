"""Goal targets as a planner states them: a predikat, an index, or a place among peers.

Every target becomes the lowest *rounded* index that satisfies it (``required_index_h``). A rank
target is met when the region's *worst* possible place is good enough, so a plan never promises a
place that depends on how an uncertain peer really scored. Ties count as in the published
rankings: equal to a peer shares its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.numbers import decimal_point, hundredths_to_decimal, is_whole, shown, to_hundredths
from tui.core.scoring.cohort import Cohort, Projection
from tui.core.scoring.ranking import rank
from tui.core.scoring.rubric import Band, Rubric, band_key

TargetKind = Literal["predikat", "index", "rank"]


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    value: str | int  # band name, index in hundredths, or rank position


def find_band(rubric: Rubric, name: str) -> Band:
    key = band_key(name)
    for band in rubric.bands:
        if band.key == key:
            return band
    names = ", ".join(b.name for b in rubric.bands)
    raise InputError("unknown_predikat", field="predikat", name=name, framework=rubric.id, names=names)


def predikat_target(rubric: Rubric, name: str) -> Target:
    return Target("predikat", find_band(rubric, name).name)


def index_target(rubric: Rubric, text: str | float) -> Target:
    if isinstance(text, str) and not _is_number(text):
        raise InputError("index_not_number", field="index", got=shown(text))
    try:
        value = to_hundredths(float(text), "index")
    except Invalid as exc:
        raise from_invalid(exc, field="index") from None
    if not rubric.scale_min_h <= value <= rubric.scale_max_h:
        raise InputError("index_off_scale", field="index", lo=rubric.meta.scale_min, hi=rubric.meta.scale_max,
                         got=shown(text))
    return Target("index", value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def rank_target(position: int, cohort: Cohort | None) -> Target:
    if cohort is None:
        raise InputError("rank_needs_cohort", field="rank")
    if position < 1:
        raise InputError("rank_min", field="rank", got=position)
    return Target("rank", position)


def parse_target(rubric: Rubric, text: str, cohort: Cohort | None) -> Target:
    """One target as typed: a predikat name, an index ("3.1", "3,1", "index:3.1") or a rank ("rank:3",
    "peringkat 3")."""
    text = text.strip()
    kind, _, rest = text.partition(":")
    if not rest:
        kind, _, rest = text.partition(" ")
    kind = kind.strip().casefold()
    if rest and kind in ("rank", "peringkat"):
        if not is_whole(rest.strip()):
            raise InputError("rank_whole", field="roadmap", got=shown(rest))
        return rank_target(int(rest), cohort)
    if rest and kind in ("index", "indeks"):
        return index_target(rubric, decimal_point(rest))
    if _is_number(decimal_point(text)):
        return index_target(rubric, decimal_point(text))
    return predikat_target(rubric, text)


def required_index_h(rubric: Rubric, target: Target, *, cohort: Cohort | None, region: str,
                     projection: Projection, year: int) -> int | None:
    """The lowest rounded index (hundredths) that meets the target; None if no index on the scale does."""
    if target.kind == "predikat":
        return int(find_band(rubric, str(target.value)).lower * 100)
    if target.kind == "index":
        return int(target.value)
    assert cohort is not None

    def worst_place(h: int) -> int:
        return rank(hundredths_to_decimal(h), cohort, region=region, scale_min=rubric.meta.scale_min,
                    scale_max=rubric.meta.scale_max, projection=projection, target_year=year).position_worst

    lo, hi = rubric.scale_min_h, rubric.scale_max_h
    if worst_place(hi) > int(target.value):
        return None
    while lo < hi:  # the worst place only improves as the index rises
        mid = (lo + hi) // 2
        if worst_place(mid) <= int(target.value):
            hi = mid
        else:
            lo = mid + 1
    return lo


def roadmap_targets(rubric: Rubric, items: list[str], cohort: Cohort | None) -> list[tuple[int, Target]]:
    """``2027=baik``, ``2028=3,0``, ``2029=rank:3`` as typed (errors name ``roadmap``)."""
    steps: list[tuple[int, Target]] = []
    for item in items:
        year, sep, goal = item.partition("=")
        if not sep or not is_whole(year.strip()):
            raise InputError("roadmap_item", field="roadmap", got=item.strip()[:40])
        try:
            steps.append((int(year), parse_target(rubric, goal.strip(), cohort)))
        except InputError as exc:
            raise exc.with_field("roadmap") from None
    if not steps:
        raise InputError("roadmap_item", field="roadmap", got="")
    return steps
