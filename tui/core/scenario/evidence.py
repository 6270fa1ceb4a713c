"""Evidence (bukti dukung) and what the assessor can accept: the claimed and verified levels.

The evaluation scores only what the assessor accepts. A level counts when *all* of its evidence
items are accepted, and a higher level does not count when a lower one fails. So besides the
planned targets a scenario has two more honest readings:

- **claimed**: each indicator at the highest level L (up to its target) such that every level
  from the baseline's next whole level up to L has at least one evidence item and all of them
  are uploaded or accepted (``diunggah`` / ``diterima``);
- **verified**: the same with accepted (``diterima``) only.

An indicator with no evidence recorded above its baseline counts at its baseline in both.

Evidence also goes stale: assessors refuse a document older than they accept (an IKASANDI result
older than 12 months was refused at a 2026 interview). An item is **expired** on the evaluation
date when its ``valid_until`` lies before that date, or when its ``dated`` plus the rubric's
``max_age_months`` for its indicator and level does. An expired item counts as not accepted in
both readings, whatever its status. Items whose validity ends within ``SOON_DAYS`` after the
evaluation date are *soon expiring*: shown, still counted.

The national portal codes its items ``I{indicator}-L{level}-{NN}`` (the module writes them
``GT.I{n}_L{l}_{NN}``) and marks each ``diterima`` or ``revisi``; a revision says why
(``Revision``). ``code`` and ``revision`` keep both on our items.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["belum", "proses", "diunggah", "diterima", "revisi", "ditolak"]
STATUSES: tuple[Status, ...] = ("belum", "proses", "diunggah", "diterima", "revisi", "ditolak")
CLAIMED: frozenset[str] = frozenset({"diunggah", "diterima"})
VERIFIED: frozenset[str] = frozenset({"diterima"})
Short = Annotated[str, Field(max_length=300)]
# Why the assessor asked for a revision: wrong evidence, not uploaded, or rejected automatically
# because a lower level failed.
Revision = Literal["tidak_tepat", "belum_diunggah", "otomatis_ditolak"]
REVISIONS: tuple[Revision, ...] = ("tidak_tepat", "belum_diunggah", "otomatis_ditolak")
SOON_DAYS = 60
Code = Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9._-]*$")]


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
    code: Code = ""  # the portal's item code, "I5-L3-01"
    revision: Revision | None = None  # with status "revisi": why
    dated: date | None = None  # the document's own date
    valid_until: date | None = None  # the last day it is valid, when the document says so


# The level an expiry rule applies to: (indicator, level) -> months, or None for no limit.
MaxAge = Callable[[str, int], int | None]
_CODE = re.compile(r"^(?:GT\.)?I(?P<ind>[0-9]{1,3}[A-Za-z]?)[-_]L(?P<lvl>[0-9]{1,2})[-_](?P<nn>[0-9]{1,4})$",
                   re.IGNORECASE)


def code_parts(code: str) -> tuple[str, int] | None:
    """Indicator and level of a portal code (``I5-L3-01``, ``GT.I5_L3_01``); None when not one."""
    found = _CODE.match(code.strip())
    return (found["ind"].upper(), int(found["lvl"])) if found else None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_through(item: EvidenceItem, max_age: MaxAge | None = None) -> date | None:
    """The last day the item is valid: its ``valid_until``, or its ``dated`` plus the rubric's
    limit, whichever comes first; None when nothing limits it."""
    ends = [item.valid_until] if item.valid_until else []
    months = max_age(item.indicator, item.level) if max_age and item.dated else None
    if months and item.dated:
        ends.append(add_months(item.dated, months) - timedelta(days=1))
    return min(ends) if ends else None


def is_expired(item: EvidenceItem, on: date, max_age: MaxAge | None = None) -> bool:
    end = valid_through(item, max_age)
    return end is not None and end < on


def expires_soon(item: EvidenceItem, on: date, max_age: MaxAge | None = None) -> bool:
    """Valid on ``on`` but not for ``SOON_DAYS`` more: worth renewing before the interview."""
    end = valid_through(item, max_age)
    return end is not None and on <= end < on + timedelta(days=SOON_DAYS)


def counted(items: Iterable[EvidenceItem], on: date | None, max_age: MaxAge | None = None) -> list[EvidenceItem]:
    """The items as the assessor reads them on ``on``: an expired one as for revision."""
    if on is None:
        return list(items)
    return [it.model_copy(update={"status": "revisi"}) if it.status != "revisi" and is_expired(it, on, max_age)
            else it for it in items]


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
