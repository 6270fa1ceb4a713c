"""Evidence (bukti dukung) and what the assessor can accept: the claimed and verified levels.

The evaluation scores only what the assessor accepts. A level counts when *all* of its evidence
items are accepted, and a higher level does not count when a lower one fails. So besides the
planned targets a scenario has two more honest readings:

- **claimed**: each indicator at the highest level L (up to its target) such that every level
  from the baseline's next whole level up to L has at least one evidence item and all of them
  are uploaded or accepted (``diunggah`` / ``diterima``);
- **verified**: the same with accepted (``diterima``) only.

An indicator with no evidence recorded above its baseline counts at its baseline in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["belum", "proses", "diunggah", "diterima", "revisi", "ditolak"]
STATUSES: tuple[Status, ...] = ("belum", "proses", "diunggah", "diterima", "revisi", "ditolak")
CLAIMED: frozenset[str] = frozenset({"diunggah", "diterima"})
VERIFIED: frozenset[str] = frozenset({"diterima"})
Short = Annotated[str, Field(max_length=300)]


class EvidenceItem(BaseModel):
    """One piece of evidence for one level of one indicator (a ``[[evidence]]`` table)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    indicator: Annotated[str, Field(min_length=1, max_length=40)]
    level: Annotated[int, Field(ge=0, le=10)]
    item: Annotated[str, Field(min_length=1, max_length=300)]
    status: Status = "belum"
    owner: Short = ""  # OPD / PIC, free text
    due: date | None = None
    link: Annotated[str, Field(max_length=2000)] = ""  # a URL or a path, never opened by the app
    note: Annotated[str, Field(max_length=4000)] = ""


def accepted_level(base_h: int, target_h: int, items: Iterable[EvidenceItem], statuses: frozenset[str]) -> int:
    """The level (hundredths) an indicator stands at when only evidence in ``statuses`` counts."""
    if target_h <= base_h:
        return target_h
    by_level: dict[int, list[str]] = {}
    for it in items:
        by_level.setdefault(it.level, []).append(it.status)
    level_h = base_h
    whole = base_h // 100 + 1  # the first whole level above the baseline
    while whole * 100 <= -(-target_h // 100) * 100:
        found = by_level.get(whole, [])
        if not found or any(s not in statuses for s in found):
            break  # a missing or failing level: nothing above it counts either
        level_h = min(target_h, whole * 100)
        whole += 1
    return level_h


def accepted_levels(baseline: Mapping[str, int], levels: Mapping[str, int], evidence: Iterable[EvidenceItem],
                    statuses: frozenset[str]) -> dict[str, int]:
    """Every indicator's accepted level: its baseline unless evidence above it is recorded."""
    items: dict[str, list[EvidenceItem]] = {}
    for it in evidence:
        items.setdefault(it.indicator, []).append(it)
    out = dict(levels)
    for ind, target_h in levels.items():
        base_h = baseline[ind]
        mine = [it for it in items.get(ind, []) if it.level * 100 > base_h]
        out[ind] = accepted_level(base_h, target_h, mine, statuses) if mine else base_h
    return out


def missing_levels(base_h: int, target_h: int, items: Iterable[EvidenceItem]) -> list[int]:
    """Whole levels between the baseline and the target that have no evidence item yet."""
    have = {it.level for it in items}
    top = -(-target_h // 100)
    return [lv for lv in range(base_h // 100 + 1, top + 1) if lv * 100 > base_h and lv not in have]


def is_late(item: EvidenceItem, today: date) -> bool:
    """Due before today and not yet accepted: what the "late" filter shows."""
    return item.due is not None and item.due < today and item.status != "diterima"


def next_status(status: Status) -> Status:
    return STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]
