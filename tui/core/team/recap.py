"""The province desk's recap: every region at once, row by row (issue "the province desk").

A recap takes many scenario files (a province's kab/kota, a coach's class, hundreds of regions)
of one framework and lays them out as a matrix: one column per region, one row for the index,
each domain or aspect and each indicator, read on the baseline or the scenario side. Per row it
names the leader(s) to learn from ("belajar dari") and the spread; per region, the rows where it
stands below the national value (where one is bundled, tui.core.scoring.national); and the predikat
distribution, completed from a cohort: a cohort region with no file counts by its published
value where that is known (a range inside one band counts too), else as "tanpa data"; a region
that did not take part (``[[absent]]``) as "tidak mengikuti".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from tui.core.errors import InputError
from tui.core.numbers import hundredths_to_decimal
from tui.core.scoring.cohort import Cohort, name_key
from tui.core.scoring.evaluation import band_for
from tui.core.scoring.rubric import Rubric, RubricSet
from tui.core.team.compare import Column

Side = Literal["baseline", "scenario"]
NO_DATA, ABSENT = "tanpa data", "tidak mengikuti"


@dataclass(frozen=True, slots=True)
class RecapRow:
    key: str  # "index", a group id (D1, A3) or an indicator id
    kind: Literal["index", "domain", "aspect", "indicator"]
    name: str
    values: tuple[Decimal, ...]  # one per region, in the recap's column order
    leaders: tuple[int, ...]  # the columns holding the row's best value
    low: Decimal
    high: Decimal
    national: Decimal | None = None

    @property
    def spread(self) -> Decimal:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class RecapRegion:
    name: str
    path: Path
    index: Decimal
    predikat: str
    movement: Decimal | None  # against the latest earlier published index ([history] or the cohort's)
    below_national: tuple[str, ...]  # row keys where the region is below the national value


@dataclass(frozen=True, slots=True)
class Recap:
    rubric: Rubric
    side: Side
    year: int
    regions: tuple[RecapRegion, ...]
    rows: tuple[RecapRow, ...]
    distribution: dict[str, int]  # predikat (band order), then NO_DATA and ABSENT where any
    cohort: str | None = None

    def row(self, key: str) -> RecapRow:
        return next(r for r in self.rows if r.key == key)


@dataclass(frozen=True, slots=True)
class RecapInput:
    columns: list[Column]
    errors: list[InputError]
    labels: list[str] | None  # the columns' names when some come from a coaching room ("kelas-a/ani")


def recap_files(paths: Sequence[Path], rubrics: RubricSet, cohort: str | None = None) -> RecapInput:
    """Every readable scenario under ``paths`` — a folder: its scenario files; a coaching room's
    folder: each participant's current scenario; a file as given — and the errors of those left
    out: a recap of 22 regions does not stop at one broken file. Cost files, cohorts and rubrics
    kept beside the scenarios are passed over silently."""
    from tui.core.team.compare import load_column
    from tui.core.team.listing import scenario_files

    columns: list[Column] = []
    labels: list[str] = []
    errors: list[InputError] = []
    rooms = False
    for p in paths:
        if p.is_dir() and (p / "keys").is_dir():
            rooms = True
            for user, col in _room_columns(p, rubrics):
                columns.append(col)
                labels.append(f"{p.name}/{user}")
            continue
        for path in scenario_files(p) if p.is_dir() else [p]:
            try:
                col = load_column(path, rubrics, cohort)
            except InputError as exc:
                if exc.code != "wrong_kind":
                    errors.append(exc if exc.path is not None else exc.with_path(path))
                continue
            columns.append(col)
            labels.append(col.scenario.meta.region)
    return RecapInput(columns, errors, labels if rooms else None)


def _room_columns(folder: Path, rubrics: RubricSet) -> list[tuple[str, Column]]:
    from tui.core.room.folder import Room
    from tui.core.room.room_status import room_status
    from tui.core.room.room_summary import class_columns

    return class_columns(room_status(Room(folder), rubrics))


def _side_levels(col: Column, side: Side) -> dict[str, int]:
    return col.scenario.baseline if side == "baseline" else col.scenario.levels()


def build_recap(columns: Sequence[Column], side: Side = "baseline", cohort: Cohort | None = None,
                national: dict[str, Decimal] | None = None, labels: Sequence[str] | None = None) -> Recap:
    """The matrix of ``columns`` (one framework), read on ``side``. With no file but a cohort, the
    cohort's distribution alone (what a province knows before any region's file is in).
    ``labels``: the columns' names when they are not regions (a class's participants)."""
    if not columns:
        if cohort is None:
            raise InputError("recap_empty")
        from tui.core.scoring.rubric import load_rubric

        rubric = load_rubric(cohort.meta.framework)
        return Recap(rubric, side, cohort.meta.year, (), (), distribution(rubric, [], cohort), cohort.id)
    rubric = columns[0].rubric
    for col in columns[1:]:
        if col.rubric.id != rubric.id:
            raise InputError("recap_frameworks", path=col.path, field="scenario.framework", got=col.rubric.id,
                             want=rubric.id)
    national = national or {}
    outcomes = [col.summary.baseline if side == "baseline" else col.summary.scenario for col in columns]
    evaluations = [o.evaluation for o in outcomes]
    rows: list[RecapRow] = [_row("index", "index", rubric.meta.index_name, [e.index for e in evaluations], national)]
    rows += [_row(d.id, "domain", d.name, [e.domains[d.id] for e in evaluations], national) for d in rubric.domains]
    rows += [_row(a.id, "aspect", a.name, [e.aspects[a.id] for e in evaluations], national) for a in rubric.aspects]
    levels = [_side_levels(col, side) for col in columns]
    rows += [_row(i.id, "indicator", i.short, [hundredths_to_decimal(lv[i.id]) for lv in levels], {})
             for i in rubric.indicators]
    regions = []
    for k, (col, ev) in enumerate(zip(columns, evaluations, strict=True)):
        below = tuple(r.key for r in rows if r.national is not None and r.values[k] < r.national)
        name = labels[k] if labels is not None else col.scenario.meta.region
        regions.append(RecapRegion(name, col.path, ev.index, ev.predikat,
                                   _movement(col, ev.index, side, cohort), below))
    year = columns[0].scenario.meta.year if side == "baseline" else columns[0].scenario.target_year
    # Participants are not the cohort's regions: their own predikat only.
    dist = distribution(rubric, regions, cohort) if labels is None else _own_distribution(rubric, regions)
    return Recap(rubric, side, year, tuple(regions), tuple(rows), dist, cohort.id if cohort else None)


def _own_distribution(rubric: Rubric, regions: Sequence[RecapRegion]) -> dict[str, int]:
    counts = {band.name: 0 for band in rubric.bands}
    for r in regions:
        counts[r.predikat] += 1
    return counts


def _row(key: str, kind: Literal["index", "domain", "aspect", "indicator"], name: str, values: list[Decimal],
         national: dict[str, Decimal]) -> RecapRow:
    best = max(values)
    return RecapRow(key, kind, name, tuple(values), tuple(k for k, v in enumerate(values) if v == best),
                    min(values), best, national.get(key))


def _movement(col: Column, index: Decimal, side: Side, cohort: Cohort | None) -> Decimal | None:
    """Against the latest earlier published index: the file's [history], else the cohort's."""
    year = col.scenario.meta.year if side == "baseline" else col.scenario.target_year
    history = {y: hundredths_to_decimal(v) for y, v in col.scenario.history.items() if y < year}
    if side == "scenario":
        history[col.scenario.meta.year] = col.summary.baseline.evaluation.index
    if not history and cohort is not None:
        for peer in cohort.file.peer:
            if name_key(peer.name) == name_key(col.scenario.meta.region):
                from tui.core.numbers import decimal_from_number

                history = {int(y): decimal_from_number(v) for y, v in peer.history.items() if int(y) < year}
                if peer.index is not None and cohort.meta.year < year:
                    history[cohort.meta.year] = decimal_from_number(peer.index)
    if not history:
        return None
    return index - history[max(history)]


def distribution(rubric: Rubric, regions: Sequence[RecapRegion], cohort: Cohort | None) -> dict[str, int]:
    """How many regions stand in each predikat, the cohort's regions without a file included as
    their published values allow (see the module's note)."""
    counts = {band.name: 0 for band in rubric.bands}
    for r in regions:
        counts[r.predikat] += 1
    extra = {NO_DATA: 0, ABSENT: 0}
    if cohort is not None:
        have = {name_key(r.name) for r in regions}
        for peer in cohort.file.peer:
            if name_key(peer.name) in have:
                continue
            band = _band_of(rubric, peer.index, peer.lower, peer.upper)
            if band is None:
                extra[NO_DATA] += 1
            else:
                counts[band] += 1
        for group in cohort.file.group:
            missing = [n for n in group.names if name_key(n) not in have]
            if len(missing) < len(group.names):  # some members have files: the rest cannot be placed
                extra[NO_DATA] += len(missing)
                continue
            for gb in group.band:
                band = _band_of(rubric, None, gb.lower, gb.upper)
                if band is None:
                    extra[NO_DATA] += gb.count
                else:
                    counts[band] += gb.count
        extra[ABSENT] = sum(1 for a in cohort.file.absent if name_key(a.name) not in have)
    return {**counts, **{k: v for k, v in extra.items() if v}}


def _band_of(rubric: Rubric, index: float | None, lower: float | None, upper: float | None) -> str | None:
    """The band of a published value, or of a range lying inside one band; None otherwise."""
    from tui.core.numbers import decimal_from_number

    if index is not None:
        return band_for(rubric, decimal_from_number(index)).name
    lo = decimal_from_number(lower) if lower is not None else Decimal(rubric.meta.scale_min)
    hi = decimal_from_number(upper) - Decimal("0.01") if upper is not None else Decimal(rubric.meta.scale_max)
    first, last = band_for(rubric, lo), band_for(rubric, hi)
    return first.name if first.name == last.name else None


def recap_json(recap: Recap) -> dict[str, object]:
    return {
        "framework": recap.rubric.id, "side": recap.side, "year": recap.year, "cohort": recap.cohort,
        "regions": [{"region": r.name, "file": str(r.path), "index": float(r.index), "predikat": r.predikat,
                     "movement": float(r.movement) if r.movement is not None else None,
                     "below_national": list(r.below_national)} for r in recap.regions],
        "rows": [{"key": row.key, "kind": row.kind, "name": row.name, "values": [float(v) for v in row.values],
                  "learn_from": [recap.regions[k].name for k in row.leaders], "low": float(row.low),
                  "high": float(row.high), "spread": float(row.spread),
                  "national": float(row.national) if row.national is not None else None} for row in recap.rows],
        "distribution": recap.distribution,
    }
