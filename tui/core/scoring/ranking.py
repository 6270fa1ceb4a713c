"""Projected rank among peers.

Standard competition ranking on 2-decimal values: ties share the better place (1, 2, 3, 3, 5),
so a region's place is one more than the number of peers strictly above it. Where a peer's value
is only known as a range, the place becomes a range too: the best place counts the peers that are
certainly above, the worst place those that could be above.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tui.core.errors import InputError
from tui.core.scoring.cohort import Cohort, Projection, name_key


@dataclass(frozen=True, slots=True)
class Rank:
    position: int
    position_worst: int
    of: int
    cohort: str

    @property
    def certain(self) -> bool:
        return self.position == self.position_worst

    def as_json(self) -> dict[str, int | str]:
        return {"position": self.position, "position_worst": self.position_worst,
                "of": self.of, "cohort": self.cohort}


def check_framework(cohort: Cohort, framework: str) -> None:
    if cohort.meta.framework != framework:
        # A bundled cohort is named by its id (in the message); a user's file by its path and key.
        where = {} if cohort.bundled else {"path": cohort.source, "field": "cohort.framework"}
        raise InputError("cohort_framework", **where, id=cohort.id,  # type: ignore[arg-type]
                         cohort_framework=cohort.meta.framework, framework=framework)


def rank(value: Decimal, cohort: Cohort, *, region: str | None, scale_min: int, scale_max: int,
         projection: Projection = "hold", target_year: int | None = None) -> Rank:
    """Place a rounded index in a cohort, leaving the region itself out of it."""
    spans = cohort.spans(scale_min, scale_max, exclude=region, projection=projection, target_year=target_year)
    best = sum(1 for s in spans if s.low > value)
    worst = sum(1 for s in spans if s.high > value)
    others = len(spans)
    own = name_key(region) if region else None
    for group, bands in cohort.groups(scale_min, scale_max):
        counts = [count for count, _, _ in bands]
        if own is not None and own in {name_key(n) for n in group.names}:
            # The region is one of the group's unknowns; which band it occupied is unknown too,
            # so take it out of whichever band gives the best (or worst) place.
            best -= 1 if any(low > value for _, low, _ in bands) else 0
            worst -= 0 if any(high <= value for _, _, high in bands) else 1
            others -= 1
        best += sum(c for c, low, _ in bands if low > value)
        worst += sum(c for c, _, high in bands if high > value)
        others += sum(counts)
    return Rank(position=best + 1, position_worst=worst + 1, of=others + 1, cohort=cohort.id)


@dataclass(frozen=True, slots=True)
class LadderRow:
    """One rung of the rank ladder: a named peer, or ``count`` unnamed group members (name "")."""

    name: str
    low: Decimal
    high: Decimal
    count: int = 1


def ladder(cohort: Cohort, *, region: str | None, scale_min: int, scale_max: int,
           projection: Projection = "hold", target_year: int | None = None) -> list[LadderRow]:
    """Peers sorted best first; the rank chart and its text table draw from this."""
    spans = cohort.spans(scale_min, scale_max, exclude=region, projection=projection, target_year=target_year)
    rows = [LadderRow(s.name, s.low, s.high) for s in spans]
    for _group, bands in cohort.groups(scale_min, scale_max):
        rows.extend(LadderRow("", low, high, count) for count, low, high in bands)
    rows.sort(key=lambda r: (-r.high, -r.low, r.name))
    return rows
