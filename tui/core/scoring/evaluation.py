"""Pure scoring: index, domain and aspect indices, predikat, and the distance to the next band.

Index = sum(level x weight) / 100, with weights in percent of the index. Domain and aspect
indices are the weighted means of their indicators. Everything is exact (integer hundredths);
values are rounded half-up to two decimals only for display and export, and the predikat is
decided on the rounded value, as in the published results (3.495 shows 3.50, Sangat Baik).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tui.core.errors import InputError
from tui.core.numbers import round_half_up
from tui.core.scoring.rubric import Band, Rubric

# Levels are passed around as integer hundredths (3 -> 300, 3.75 -> 375).
Levels = Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The scored state of one set of levels."""

    index_exact: Fraction
    index: Decimal  # rounded half-up to 2 decimals
    band: Band
    domains_exact: dict[str, Fraction]
    aspects_exact: dict[str, Fraction]

    @property
    def predikat(self) -> str:
        return self.band.name

    @property
    def domains(self) -> dict[str, Decimal]:
        return {k: round_half_up(v) for k, v in self.domains_exact.items()}

    @property
    def aspects(self) -> dict[str, Decimal]:
        return {k: round_half_up(v) for k, v in self.aspects_exact.items()}


def require_scorable(rubric: Rubric) -> None:
    if not rubric.scorable:
        raise InputError("not_scorable", framework=rubric.id, reason=rubric.meta.unscorable_reason,
                         reason_en=rubric.meta.unscorable_reason_en or rubric.meta.unscorable_reason)


def band_for(rubric: Rubric, value: Decimal) -> Band:
    """The predikat band of a (rounded) index: lower bounds inclusive, the top band closed."""
    bands = rubric.bands
    for band in reversed(bands):
        if value >= band.lower:
            return band
    return bands[0]


def evaluate(rubric: Rubric, levels: Levels) -> Evaluation:
    require_scorable(rubric)
    w = rubric.weight_h
    aspect_sums = {a.id: 0 for a in rubric.aspects}
    for ind in rubric.indicators:
        aspect_sums[ind.aspect] += levels[ind.id] * w[ind.id]
    total = sum(aspect_sums.values())
    # A group's mean is its sum over 100 x its weight, whatever the weights' unit (it cancels).
    aspects = {aid: Fraction(s, 100 * rubric.aspect_weight_h[aid]) for aid, s in aspect_sums.items()}
    domains: dict[str, Fraction] = {}
    for d in rubric.domains:
        s = sum(aspect_sums[a.id] for a in rubric.aspects if a.domain == d.id)
        domains[d.id] = Fraction(s, 100 * rubric.domain_weight_h[d.id])
    exact = Fraction(total, rubric.index_units)
    rounded = round_half_up(exact)
    return Evaluation(index_exact=exact, index=rounded, band=band_for(rubric, rounded),
                      domains_exact=domains, aspects_exact=aspects)


def index_from_groups(weights_h: dict[str, int], values: dict[str, Fraction | Decimal]) -> Fraction:
    """Index from domain (or aspect) indices: sum(value x weight) / 100.

    This is how a published index follows from published domain indices (e.g. the national
    2024 figures), and it equals the indicator-level sum exactly.
    """
    return sum((Fraction(values[k]) * Fraction(w, 100) for k, w in weights_h.items()), Fraction(0)) / 100


def next_band(rubric: Rubric, band: Band) -> Band | None:
    i = rubric.bands.index(band)
    return rubric.bands[i + 1] if i + 1 < len(rubric.bands) else None


def gap_to_next_band(rubric: Rubric, value: Decimal) -> tuple[Decimal, Band] | None:
    """How far a rounded index is below the next predikat band, or None at the top band."""
    nxt = next_band(rubric, band_for(rubric, value))
    if nxt is None:
        return None
    return nxt.lower - value, nxt


def step_gain(rubric: Rubric, indicator_id: str, from_h: int, to_h: int) -> Fraction:
    """Exact index change when one indicator moves between two levels."""
    return Fraction((to_h - from_h) * rubric.weight_h[indicator_id], rubric.index_units)
