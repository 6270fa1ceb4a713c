"""What a Word or PDF document holds besides the report's tables, UI-free: the date written out in
the user's language ("2 Desember 2026"), the signature block, and the chart of domain or aspect
indices against the predikat bands, as plain numbers for any writer to draw."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from tui.core.report_settings import ReportSettings, Signer
from tui.core.team.compare import Column
from tui.presentation.catalogue import t

if TYPE_CHECKING:
    from tui.presentation.report import Table

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def long_date(day: date, lang: str) -> str:
    """2 Desember 2026 / 2 December 2026: how a signed document dates itself."""
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Signature:
    """The block at the end: "Takengon, 2 Desember 2026", then each signer's role, room to sign,
    name and NIP (blank lines where not set)."""

    place_date: str
    signers: tuple[Signer, ...]


def signature(settings: ReportSettings, lang: str, today: date | None = None) -> Signature:
    day = long_date(settings.date or today or date.today(), lang)
    place_date = f"{settings.place}, {day}" if settings.place else day
    signers = tuple(settings.signer) or (Signer(role=t("doc_signer_blank", lang)),)
    return Signature(place_date, signers)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # a domain or aspect id: D1, A3
    name: str
    baseline: Decimal
    scenario: Decimal


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    lower: Decimal
    upper: Decimal


@dataclass(frozen=True, slots=True)
class BandChart:
    """Domain (or, without domains, aspect) indices, baseline and scenario, against the bands."""

    title: str
    bars: tuple[Bar, ...]
    bands: tuple[Band, ...]
    low: Decimal
    high: Decimal


def band_chart(col: Column, lang: str) -> BandChart:
    rubric, summary = col.rubric, col.summary
    b, s = summary.baseline.evaluation, summary.scenario.evaluation
    if rubric.domains:
        groups = [(d.id, d.name, b.domains[d.id], s.domains[d.id]) for d in rubric.domains]
        title = t("doc_chart_domains", lang)
    else:
        groups = [(a.id, a.name, b.aspects[a.id], s.aspects[a.id]) for a in rubric.aspects]
        title = t("doc_chart_aspects", lang)
    bars = tuple(Bar(gid, name, Decimal(str(base)), Decimal(str(scen))) for gid, name, base, scen in groups)
    bands = tuple(Band(band.name, band.lower, band.upper) for band in rubric.bands)
    return BandChart(title, bars, bands, Decimal(rubric.meta.scale_min), Decimal(rubric.meta.scale_max))


def without_empty_columns(table: Table) -> Table:
    """The table without the columns empty in every row (a page has no room for them); a sheet
    keeps them all, for the shape people fill in."""
    keep = [k for k in range(len(table.header)) if any(r[k] not in (None, "") for r in table.rows)]
    if len(keep) == len(table.header) or not keep:
        return table
    where = {old: new for new, old in enumerate(keep)}
    return replace(table, header=tuple(table.header[k] for k in keep),
                   rows=[tuple(r[k] for k in keep) for r in table.rows],
                   places={where[k]: v for k, v in table.places.items() if k in where},
                   signed=frozenset(where[k] for k in table.signed if k in where),
                   best={n: frozenset(where[k] for k in cols if k in where) for n, cols in table.best.items()})
