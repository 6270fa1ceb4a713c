"""Peer cohorts: published indices of comparable regions, loaded from TOML files.

A peer has a published ``index``, or only bounds (``lower`` inclusive, ``upper`` exclusive) where
the sources give no value. A ``[[group]]`` holds named peers whose individual values are unknown but
whose counts per range are known (e.g. NTT 2022: of 11 kab/kota, 3 in [1.80, 1.92) and 8 below 1.80).
Values are never invented: an unknown stays a range, and ranks over it become ranges too.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tui.core.errors import InputError, Invalid, from_validation
from tui.core.files.file_kinds import expect_kind
from tui.core.files.guarded import read_toml, real_path
from tui.core.numbers import FileNumber, decimal_from_number, is_whole, round_half_up
from tui.core.resources import bundled_ids, cohorts_dir

COHORT_SCHEMA = 1
Projection = Literal["hold", "trend"]
Number = FileNumber


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class CohortMeta(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9._-]+$")]
    name: Annotated[str, Field(min_length=1)]
    name_en: str = ""
    framework: Annotated[str, Field(min_length=1)]
    year: Annotated[int, Field(ge=2000, le=2100)]
    complete: bool = True
    population: Annotated[int, Field(ge=1, le=100_000)] | None = None
    note: str = ""
    sources: list[str] = []
    # Which governments the cohort holds; None: read from the peers' names (see Cohort.level).
    level: Literal["provinsi", "kabkota"] | None = None


class Peer(_Strict):
    name: Annotated[str, Field(min_length=1)]
    index: Number | None = None
    lower: Number | None = None
    upper: Number | None = None
    source: str = ""
    note: str = ""
    # Earlier published values by year ("2022" = 2.62), used to project a trend.
    history: dict[str, Number] = {}
    # The peer's published domain/aspect indices by group id ("A1" = 2.50), where known.
    groups: Annotated[dict[str, Number], Field(max_length=64)] = {}

    @model_validator(mode="after")
    def _value_or_bounds(self) -> Peer:
        if self.index is None and self.lower is None and self.upper is None:
            raise Invalid("peer_value_or_bounds", name=self.name)
        if self.index is not None and (self.lower is not None or self.upper is not None):
            raise Invalid("peer_not_both", name=self.name)
        _check_bounds(self.lower, self.upper, f"peer {self.name!r}")
        for year in self.history:
            if not is_whole(year):
                raise Invalid("peer_history_year", name=self.name, year=year)
        return self


class GroupBand(_Strict):
    count: Annotated[int, Field(ge=1, le=100_000)]
    lower: Number | None = None
    upper: Number | None = None


class Group(_Strict):
    names: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    band: list[GroupBand] = Field(min_length=1)
    source: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _counts(self) -> Group:
        total = sum(b.count for b in self.band)
        if total != len(self.names):
            raise Invalid("group_counts", total=total, n=len(self.names))
        for b in self.band:
            _check_bounds(b.lower, b.upper, "group band")
        return self


class Absent(_Strict):
    """A region of the cohort's population that did not take part: no index, never ranked, counted
    in a recap's distribution as "tidak mengikuti"."""

    name: Annotated[str, Field(min_length=1)]
    source: str = ""
    note: str = ""


class CohortFile(_Strict):
    schema_: int = Field(alias="schema")
    cohort: CohortMeta
    peer: list[Peer] = []
    group: list[Group] = []
    absent: Annotated[list[Absent], Field(max_length=1000)] = []

    @model_validator(mode="after")
    def _names(self) -> CohortFile:
        if self.schema_ > COHORT_SCHEMA:
            raise Invalid("cohort_newer", version=self.schema_)
        seen: set[str] = set()
        for name in [p.name for p in self.peer] + [n for g in self.group for n in g.names] + \
                [a.name for a in self.absent]:
            key = name_key(name)
            if key in seen:
                raise Invalid("peer_twice", name=name)
            seen.add(key)
        if not seen:
            raise Invalid("cohort_empty")
        return self


def _check_bounds(lower: Number | None, upper: Number | None, what: str) -> None:
    lo = decimal_from_number(lower) if lower is not None else None
    hi = decimal_from_number(upper) if upper is not None else None
    if lo is not None and hi is not None and lo >= hi:
        raise Invalid("bounds_order", what=what, lo=str(lo), hi=str(hi))


@lru_cache(maxsize=8192)  # every rank compares the region with each group's names
def name_key(name: str) -> str:
    """Region names match case-insensitively, ignoring surrounding and repeated spaces."""
    return " ".join(name.split()).casefold()


class Span:
    """What is known of one peer's 2-decimal index: an exact value or a range [low, high]."""

    __slots__ = ("high", "low", "name")

    def __init__(self, name: str, low: Decimal, high: Decimal) -> None:
        self.name = name
        self.low = low
        self.high = high

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def __repr__(self) -> str:
        return f"Span({self.name!r}, {self.low}, {self.high})"


GovLevel = Literal["provinsi", "kabkota"]
_LEVEL_PREFIXES: tuple[tuple[str, GovLevel], ...] = (
    ("provinsi ", "provinsi"), ("kabupaten ", "kabkota"), ("kab. ", "kabkota"), ("kota ", "kabkota"))


def region_level(name: str) -> GovLevel | None:
    """Province or regency/city, from how a region's name begins ("Kabupaten Sikka", "Kota
    Kupang", "Provinsi Bali"); None when the name does not say (a ministry, "Bali")."""
    folded = name.strip().casefold()
    return next((level for prefix, level in _LEVEL_PREFIXES if folded.startswith(prefix)), None)


def level_mismatch(region: str, cohort: Cohort) -> tuple[GovLevel, GovLevel] | None:
    """(the region's level, the cohort's) when they differ: a ranking that may mean little."""
    mine, theirs = region_level(region), cohort.level
    return (mine, theirs) if mine and theirs and mine != theirs else None


class Cohort:
    def __init__(self, data: CohortFile, source: Path | None = None) -> None:
        self.file = data
        self.meta = data.cohort
        self.id = data.cohort.id
        self.source = source
        self.bundled = False  # loaded by id from our package: messages name it by id, not by its path
        self._memo: dict[tuple[int, int, str, int | None], list[tuple[str, Span]]] = {}
        self._groups: dict[tuple[int, int], list[tuple[Group, list[tuple[int, Decimal, Decimal]]]]] = {}

    @property
    def level(self) -> GovLevel | None:
        """Provinces or regencies/cities: the file's word, else what every peer's name says."""
        if self.meta.level is not None:
            return self.meta.level
        levels = {region_level(p.name) for p in self.file.peer}
        return levels.pop() if len(levels) == 1 else None

    @property
    def size(self) -> int:
        return len(self.file.peer) + sum(len(g.names) for g in self.file.group)

    def spans(self, scale_min: int, scale_max: int, exclude: str | None = None,
              projection: Projection = "hold", target_year: int | None = None) -> list[Span]:
        """The named peers as spans of possible 2-decimal values, the excluded region left out.

        Group members are not included: the ranking handles them, since leaving a region out of
        a group depends on the value being ranked.
        """
        skip = name_key(exclude) if exclude else None
        all_spans = self._spans(scale_min, scale_max, projection, target_year)
        return [s for key, s in all_spans if key != skip]

    def _spans(self, scale_min: int, scale_max: int, projection: Projection,
               target_year: int | None) -> list[tuple[str, Span]]:
        # Memoised: the app re-ranks on every keystroke and `score` ranks thousands of files.
        memo_key = (scale_min, scale_max, projection, target_year if projection == "trend" else None)
        if memo_key not in self._memo:
            top = Decimal(scale_max)
            out: list[tuple[str, Span]] = []
            for p in self.file.peer:
                if p.index is not None:
                    value = self._project(p, projection, target_year, scale_min, scale_max)
                    span = Span(p.name, value, value)
                else:
                    span = Span(p.name, *_bounds(p.lower, p.upper, scale_min, top))
                out.append((name_key(p.name), span))
            self._memo[memo_key] = out
        return self._memo[memo_key]

    def groups(self, scale_min: int, scale_max: int) -> list[tuple[Group, list[tuple[int, Decimal, Decimal]]]]:
        # Kept per scale: every rank asks again (four times per scored file).
        found = self._groups.get((scale_min, scale_max))
        if found is None:
            top = Decimal(scale_max)
            found = [(g, [(b.count, *_bounds(b.lower, b.upper, scale_min, top)) for b in g.band])
                     for g in self.file.group]
            self._groups[(scale_min, scale_max)] = found
        return found

    def _project(self, peer: Peer, projection: Projection, target_year: int | None,
                 scale_min: int, scale_max: int) -> Decimal:
        assert peer.index is not None
        value = decimal_from_number(peer.index)
        if projection == "hold" or target_year is None or not peer.history:
            return value
        earlier = [int(y) for y in peer.history if int(y) < self.meta.year]
        if not earlier:
            return value
        y0 = max(earlier)
        v0 = decimal_from_number(peer.history[str(y0)])
        slope = Fraction(value - v0) / (self.meta.year - y0)
        projected = Fraction(value) + slope * (target_year - self.meta.year)
        projected = min(max(projected, Fraction(scale_min)), Fraction(scale_max))
        return round_half_up(projected)


def _bounds(lower: Number | None, upper: Number | None, scale_min: int, top: Decimal) -> tuple[Decimal, Decimal]:
    low = decimal_from_number(lower) if lower is not None else Decimal(scale_min)
    # upper is exclusive: on the 2-decimal grid the highest possible value is one step below it.
    high = decimal_from_number(upper) - Decimal("0.01") if upper is not None else top
    return low.quantize(Decimal("0.01")), high.quantize(Decimal("0.01"))


def parse_cohort(raw: dict[str, Any], source: Path | None = None) -> Cohort:
    expect_kind(raw, "cohort", source)
    try:
        data = CohortFile.model_validate(raw)
    except ValidationError as exc:
        raise from_validation(exc, source) from None
    _check_scale(data, source)
    return Cohort(data, source)


def _check_scale(data: CohortFile, source: Path | None) -> None:
    """Every published value lies on its framework's scale (a −7 on a 1–5 scale is a typo).

    A cohort for a framework we do not bundle is checked when it is used with that rubric.
    """
    from tui.core.scoring.rubric import bundled_rubric_ids, load_rubric  # rubric files never need cohorts

    framework = data.cohort.framework
    if framework not in bundled_rubric_ids():
        return
    rubric = load_rubric(framework)
    meta = rubric.meta
    lo, hi = Decimal(meta.scale_min), Decimal(meta.scale_max)
    group_ids = {d.id for d in rubric.domains} | {a.id for a in rubric.aspects}

    def check(value: Number | None, where: str) -> None:
        if value is not None and not lo <= decimal_from_number(value) <= hi:
            raise InputError("value_off_scale", path=source, field=where, what="value", value=str(value),
                             lo=meta.scale_min, hi=meta.scale_max, framework=framework)

    for k, peer in enumerate(data.peer, start=1):
        for key in ("index", "lower", "upper"):
            check(getattr(peer, key), f"peer[{k}].{key}")
        for year, value in peer.history.items():
            check(value, f'peer[{k}].history."{year}"')
        for gid, value in peer.groups.items():
            if gid not in group_ids:
                raise InputError("cohort_group_unknown", path=source, field=f"peer[{k}].groups.{gid}", id=gid,
                                 framework=framework, known=", ".join(sorted(group_ids)))
            check(value, f"peer[{k}].groups.{gid}")
    for k, group in enumerate(data.group, start=1):
        for j, band in enumerate(group.band, start=1):
            check(band.lower, f"group[{k}].band[{j}].lower")
            check(band.upper, f"group[{k}].band[{j}].upper")


@cache
def _load_path(path: Path) -> Cohort:
    return parse_cohort(read_toml(path), path)


def shown_id(text: str) -> str:
    """An id as an error message quotes it: at most 60 characters, the middle cut."""
    return text if len(text) <= 60 else f"{text[:30]}…{text[-29:]}"


def bundled_cohort_ids() -> list[str]:
    return list(bundled_ids(cohorts_dir()))


def load_cohort(ref: str | Path) -> Cohort:
    """Load a cohort by bundled id (``provinsi-2022``) or by file path."""
    text = str(ref)
    if isinstance(ref, Path) or text.endswith(".toml") or "/" in text:
        return _load_path(real_path(ref))
    known = bundled_cohort_ids()
    # Looked up among the bundled ids, never built into a path: a 300-byte name is "unknown",
    # not the OS's "File name too long" with our installation's path in it.
    if text not in known:
        raise InputError("unknown_cohort", id=shown_id(text), known=", ".join(known))
    path = cohorts_dir() / f"{text}.toml"
    cohort = _load_path(path)
    if cohort.id != text:
        raise InputError("declared_id", path=path, field="cohort.id", got=cohort.id, want=text)
    cohort.bundled = True
    return cohort
