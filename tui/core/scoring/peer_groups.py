"""A scenario's domains or aspects beside its cohort's ("Dibanding kohort").

Where a cohort's peers carry group values (``[peer.groups]``: published domain/aspect indices),
each group of the scenario is set beside the peers' mean, median and best value, naming the best
peer (all of them on a tie). The region itself is left out of its peers, as in ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from statistics import median

from tui.core.numbers import decimal_from_number, round_half_up
from tui.core.scoring.cohort import Cohort, name_key


@dataclass(frozen=True, slots=True)
class PeerGroup:
    group: str  # domain or aspect id
    n: int  # peers with a value for it
    mean: Decimal
    median: Decimal
    best: Decimal
    best_names: tuple[str, ...]


def peer_groups(cohort: Cohort | None, groups: list[str], region: str | None = None) -> list[PeerGroup]:
    """For each of ``groups`` that some peer gives: mean, median and best over the peers."""
    if cohort is None:
        return []
    mine = name_key(region) if region else None
    out: list[PeerGroup] = []
    for gid in groups:
        values = [(p.name, decimal_from_number(p.groups[gid])) for p in cohort.file.peer
                  if gid in p.groups and name_key(p.name) != mine]
        if not values:
            continue
        numbers = [Fraction(v) for _, v in values]
        best = max(v for _, v in values)
        out.append(PeerGroup(gid, len(values), round_half_up(sum(numbers, Fraction(0)) / len(numbers)),
                             round_half_up(Fraction(median(numbers))), best,
                             tuple(n for n, v in values if v == best)))
    return out
