"""One region's self-assessments consolidated (``recap --consolidate``): where every OPD scores all
indicators and a lead OPD consolidates, one scenario whose values are the files' mean, median or
minimum per indicator, at the framework's precision (half-up to a whole level, or to 0.01).
The files must be of one region and one framework; the recap of the same files shows who scored
what, and the rows where they disagree by more than one level."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from statistics import median
from typing import Literal

from tui.core.errors import InputError
from tui.core.numbers import round_half_up
from tui.core.scenario.scenario_file import Scenario, make_meta
from tui.core.scoring.cohort import name_key
from tui.core.team.compare import Column

Method = Literal["mean", "median", "min"]
METHODS: tuple[Method, ...] = ("mean", "median", "min")


def consolidate(columns: Sequence[Column], method: Method, name: str, notes: str) -> Scenario:
    if len(columns) < 2:
        raise InputError("consolidate_count", got=len(columns))
    first = columns[0]
    rubric = first.rubric
    for col in columns[1:]:
        if col.rubric.id != rubric.id:
            raise InputError("recap_frameworks", path=col.path, field="scenario.framework", got=col.rubric.id,
                             want=rubric.id)
        if name_key(col.scenario.meta.region) != name_key(first.scenario.meta.region):
            raise InputError("consolidate_region", path=col.path, field="scenario.region",
                             got=col.scenario.meta.region, want=first.scenario.meta.region)
    baseline = {}
    for ind in rubric.indicator_ids:
        values = [Fraction(col.scenario.baseline[ind], 100) for col in columns]
        value = _combined(values, method)
        places = 0 if rubric.meta.integer_levels else rubric.meta.decimals
        baseline[ind] = int(round_half_up(Fraction(value), places) * 100)
    meta = make_meta(name=name, framework=rubric.id, region=first.scenario.meta.region, year=first.scenario.meta.year,
                     cohort=first.scenario.meta.cohort, notes=notes, source="konsolidasi")
    return Scenario(meta=meta, baseline=baseline, cycle_years=rubric.meta.cycle_years)


def _combined(values: list[Fraction], method: Method) -> Fraction:
    if method == "mean":
        return sum(values, Fraction(0)) / len(values)
    if method == "median":
        return Fraction(median(values))
    return min(values)


def disagreements(columns: Sequence[Column], more_than_h: int = 100) -> list[tuple[str, Decimal, Decimal]]:
    """(indicator, lowest, highest) where the files' values differ by more than one level."""
    rubric = columns[0].rubric
    out = []
    for ind in rubric.indicator_ids:
        values = [col.scenario.baseline[ind] for col in columns]
        if max(values) - min(values) > more_than_h:
            out.append((ind, Decimal(min(values)) / 100, Decimal(max(values)) / 100))
    return out
