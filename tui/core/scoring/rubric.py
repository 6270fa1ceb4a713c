"""Frameworks as data: the rubric file model, its validation, and loading by id or path.

A rubric file (``rubrics/<id>.toml``) is the single source of truth for a framework's structure,
weights, level texts and predikat bands. Adding a framework means adding such a file; nothing in
the code names a framework.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tui.core.errors import InputError, Invalid, from_validation
from tui.core.files.file_kinds import expect_kind
from tui.core.files.guarded import read_toml, real_path
from tui.core.numbers import FileNumber, decimal_from_number, round_half_up, shown
from tui.core.resources import bundled_ids, rubrics_dir

RUBRIC_SCHEMA = 1
WEIGHT_TOLERANCE = Decimal("0.01")

Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._-]+$")]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class RubricMeta(_Strict):
    id: Id
    name: Text
    name_en: str = ""
    index_name: Text = "Indeks"
    index_name_en: str = ""  # "SPBE Index": shown in English; the Indonesian name when empty
    regulation: Text
    years: list[int] = []
    superseded_by: str = ""
    supersedes: str = ""
    scale_min: int = 1
    scale_max: int = 5
    integer_levels: bool = True
    decimals: int = Field(default=2, ge=0, le=2)
    scorable: bool = True
    unscorable_reason: str = ""
    unscorable_reason_en: str = ""
    level_names_note: str = ""
    # Years between two evaluations: the default target year is the baseline's plus this, and a
    # roadmap skips the years in between. ``cycle_note`` says where the figure comes from (or
    # that it is not settled, with ``cycle_uncertain``).
    cycle_years: int = Field(default=1, ge=1, le=5)
    cycle_uncertain: bool = False
    cycle_note: str = ""
    note: str = ""
    sources: list[Text] = Field(min_length=1)
    # Value edges of each level (1, 1.5, 2.5, 3.5, 4, 5 for Pemdi) that an external index maps onto.
    external_value_edges: list[FileNumber] = []
    external_note: str = ""  # how the mapping was found, and that it is an assumption
    evidence_note: str = ""  # where the per-level evidence lists come from

    @model_validator(mode="after")
    def _scale(self) -> RubricMeta:
        if not self.scale_min < self.scale_max:
            raise Invalid("scale_order", lo=self.scale_min, hi=self.scale_max)
        if not self.scorable and not self.unscorable_reason:
            raise Invalid("unscorable_reason")
        return self


class Band(_Strict):
    """A predikat band: ``min`` inclusive, ``max`` exclusive except for the top band."""

    name: Text
    min: FileNumber
    max: FileNumber
    maturity: str = ""
    maturity_en: str = ""

    @cached_property
    def lower(self) -> Decimal:
        return decimal_from_number(self.min)

    @cached_property
    def upper(self) -> Decimal:
        return decimal_from_number(self.max)

    @property
    def key(self) -> str:
        return band_key(self.name)


class Domain(_Strict):
    id: Id
    name: Text
    weight: FileNumber | None = None


class Aspect(_Strict):
    id: Id
    name: Text
    domain: str | None = None
    weight: FileNumber | None = None


class External(_Strict):
    """An indicator whose value comes from another agency's index (Pemdi 5, 6, 7, 10, 12, 18; 11
    at level 5 only). ``bands`` are the index's edges for ``levels``: the index in the band of a
    level maps linearly onto that level's value band (RubricMeta.external_value_edges)."""

    index: Annotated[str, Field(min_length=1, max_length=40)]  # the index's short name: "SDI"
    name: Text  # "Indeks Satu Data Indonesia"
    agency: str = ""  # who publishes it: "BPS, Bappenas"
    scale: Annotated[list[FileNumber], Field(min_length=2, max_length=2)]
    bands: Annotated[list[FileNumber], Field(min_length=2, max_length=12)]
    levels: Annotated[list[int], Field(min_length=1, max_length=11)] = [1, 2, 3, 4, 5]

    @model_validator(mode="after")
    def _bands(self) -> External:
        lo, hi = (decimal_from_number(v) for v in self.scale)
        edges = [decimal_from_number(v) for v in self.bands]
        if not lo < hi:
            raise Invalid("external_scale", index=self.index)
        if len(edges) != len(self.levels) + 1:
            raise Invalid("external_band_count", index=self.index, n=len(self.levels) + 1)
        if any(not a < b for a, b in itertools.pairwise(edges)) or edges[0] < lo or edges[-1] != hi:
            raise Invalid("external_band_order", index=self.index)
        return self

    @cached_property
    def low(self) -> Decimal:
        return decimal_from_number(self.scale[0])

    @cached_property
    def high(self) -> Decimal:
        return decimal_from_number(self.scale[1])

    @cached_property
    def edges(self) -> list[Decimal]:
        return [decimal_from_number(v) for v in self.bands]


# A weight that has no two-decimal form, as a fraction: PermenPANRB 5/2018 splits Layanan Publik's
# 20 % over six items, "20/6" each.
FractionText = Annotated[str, Field(pattern=r"^\d{1,4}(\.\d{1,2})?/\d{1,4}$")]


class Indicator(_Strict):
    id: Id
    short: Annotated[str, Field(min_length=1, max_length=32)]
    name: Text
    aspect: Id
    weight: FileNumber | FractionText | None = None
    level_names: str = ""
    levels: list[Text]
    note: str = ""
    external: External | None = None
    # What each level asks the assessor to see (bukti dukung): one short list per level, or none.
    evidence: list[list[Annotated[str, Field(min_length=1, max_length=300)]]] = []
    confidence: Literal["", "tinggi", "sedang", "rendah"] = ""  # how sure the level texts are
    # How old (months from the document's date) evidence for this indicator may be before the
    # assessor refuses it; ``max_age_months_levels`` sets it for single levels ("5" = 12).
    max_age_months: Annotated[int, Field(ge=1, le=120)] | None = None
    max_age_months_levels: dict[str, Annotated[int, Field(ge=1, le=120)]] = {}
    max_age_note: str = ""  # where the limit comes from
    uncertain_levels: list[int] = []  # levels the sources describe differently


class RubricFile(_Strict):
    """The on-disk shape of a rubric; cross-field rules are checked in ``_consistent``."""

    schema_: int = Field(alias="schema")
    rubric: RubricMeta
    # Level names by key (an indicator names its key; "default" serves indicators that name none),
    # and the same in English where the names are known in English too.
    level_names: dict[str, list[Text]] = {}
    level_names_en: dict[str, list[Text]] = {}
    band: list[Band] = Field(min_length=1)
    domain: list[Domain] = []
    aspect: list[Aspect] = Field(min_length=1)
    indicator: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> RubricFile:
        if self.schema_ > RUBRIC_SCHEMA:
            raise Invalid("rubric_newer", version=self.schema_)
        meta = self.rubric
        n_levels = meta.scale_max - meta.scale_min + 1
        _unique("domain", [d.id for d in self.domain])
        _unique("aspect", [a.id for a in self.aspect])
        _unique("indicator", [i.id for i in self.indicator])
        domain_ids = {d.id for d in self.domain}
        aspect_ids = {a.id for a in self.aspect}
        for a in self.aspect:
            if self.domain and a.domain not in domain_ids:
                raise Invalid("aspect_domain_unknown", id=a.id, domain=str(a.domain))
            if not self.domain and a.domain:
                raise Invalid("aspect_domain_none", id=a.id, domain=a.domain)
        for names_key, names in [*self.level_names.items(), *self.level_names_en.items()]:
            if len(names) != n_levels:
                raise Invalid("level_names_count", key=names_key, n=n_levels)
        for ind in self.indicator:
            if ind.aspect not in aspect_ids:
                raise Invalid("indicator_aspect_unknown", id=ind.id, aspect=ind.aspect)
            if ind.level_names and ind.level_names not in self.level_names:
                raise Invalid("indicator_level_names_unknown", id=ind.id, key=ind.level_names)
            if len(ind.levels) != n_levels:
                raise Invalid("indicator_levels_count", id=ind.id, n=n_levels)
            if ind.evidence and len(ind.evidence) != n_levels:
                raise Invalid("indicator_evidence_count", id=ind.id, n=n_levels)
            if ind.external is not None:
                if len(meta.external_value_edges) != n_levels + 1:
                    raise Invalid("external_edges_needed", id=ind.id, n=n_levels + 1)
                if any(not meta.scale_min <= lv <= meta.scale_max for lv in ind.external.levels):
                    raise Invalid("external_levels", id=ind.id, lo=meta.scale_min, hi=meta.scale_max)
        members = {a.id: [i for i in self.indicator if i.aspect == a.id] for a in self.aspect}
        for a in self.aspect:
            if not members[a.id]:
                raise Invalid("aspect_empty", id=a.id)
        for d in self.domain:
            if not any(a.domain == d.id for a in self.aspect):
                raise Invalid("domain_empty", id=d.id)
        _check_bands(self.band, meta.scale_min, meta.scale_max)
        if meta.scorable:
            _check_weights(self, members)
        return self


def _unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise Invalid("duplicate_id", kind=kind, id=i)
        seen.add(i)


def _check_bands(bands: list[Band], lo: int, hi: int) -> None:
    names = [band_key(b.name) for b in bands]
    if len(set(names)) != len(names):
        raise Invalid("band_names_unique")
    if bands[0].lower != lo:
        raise Invalid("band_first", name=bands[0].name, lo=lo)
    for prev, nxt in itertools.pairwise(bands):
        if prev.upper != nxt.lower:
            raise Invalid("band_gap", name=nxt.name, prev=prev.name, edge=str(prev.upper))
    for b in bands:
        if b.lower >= b.upper:
            raise Invalid("band_order", name=b.name)
    if bands[-1].upper != hi:
        raise Invalid("band_last", name=bands[-1].name, hi=hi)


def weight_fraction(value: float | int | str) -> Fraction:
    """A weight exactly: 13, 1.3 or "20/6"."""
    if isinstance(value, str):
        top, _, bottom = value.partition("/")
        return Fraction(Decimal(top)) / Fraction(int(bottom))
    return Fraction(decimal_from_number(value))


def _weight(value: float | int | str | None, what: str) -> Fraction:
    if value is None:
        raise Invalid("weight_required", what=what)
    try:
        w = weight_fraction(value)
    except (Invalid, ZeroDivisionError):
        raise Invalid("weight_bad", what=what, value=shown(value)) from None
    if w <= 0:
        raise Invalid("weight_positive", what=what)
    return w


def _shown_weight(w: Fraction) -> str:
    return str(round(float(w), 4))


def _check_weights(f: RubricFile, members: dict[str, list[Indicator]]) -> None:
    tolerance = Fraction(WEIGHT_TOLERANCE)
    total = Fraction(0)
    aspect_weight: dict[str, Fraction] = {}
    for a in f.aspect:
        declared = _weight(a.weight, f"aspect {a.id}")
        summed = sum((_weight(i.weight, f"indicator {i.id}") for i in members[a.id]), Fraction(0))
        if abs(summed - declared) > tolerance:
            raise Invalid("aspect_weights", id=a.id, summed=_shown_weight(summed), declared=_shown_weight(declared))
        aspect_weight[a.id] = declared
        total += summed
    for d in f.domain:
        declared = _weight(d.weight, f"domain {d.id}")
        summed = sum((w for aid, w in aspect_weight.items() if _aspect(f, aid).domain == d.id), Fraction(0))
        if abs(summed - declared) > tolerance:
            raise Invalid("domain_weights", id=d.id, summed=_shown_weight(summed), declared=_shown_weight(declared))
    if abs(total - 100) > tolerance:
        raise Invalid("total_weights", total=_shown_weight(total))


def _aspect(f: RubricFile, aspect_id: str) -> Aspect:
    return next(a for a in f.aspect if a.id == aspect_id)


def band_key(name: str) -> str:
    """Normalise a predikat name so 'Sangat Baik', 'sangat-baik' and 'SANGAT_BAIK' match."""
    return " ".join(name.replace("-", " ").replace("_", " ").split()).casefold()


class Rubric:
    """A validated framework, with the lookups scoring needs precomputed.

    Weights are kept as whole units (``weight_h``: hundredths of a percent, or finer where a
    weight needs it, see ``weight_k``) so that scoring is exact integer arithmetic.
    """

    def __init__(self, data: RubricFile, source: Path | None = None) -> None:
        self.file = data
        self.source = source
        meta = data.rubric
        self.meta = meta
        self.id = meta.id
        self.bands = data.band
        self.domains = data.domain
        self.aspects = data.aspect
        self.indicators = data.indicator
        self.indicator_ids = tuple(i.id for i in data.indicator)
        self.by_id = {i.id: i for i in data.indicator}
        self.aspect_by_id = {a.id: a for a in data.aspect}
        self.domain_by_id = {d.id: d for d in data.domain}
        self.scale_min_h = meta.scale_min * 100
        self.scale_max_h = meta.scale_max * 100
        # Weights are whole units of 1/(100 k) percent, k the least whole number that makes every
        # weight whole: 1 for weights with two decimals, 3 for 5/2018's "20/6". The index is then
        # sum(level_h x weight_h) / index_units, exactly.
        self.weight_k = 1
        if meta.scorable:
            exact = {i.id: weight_fraction(i.weight if i.weight is not None else 0) * 100 for i in data.indicator}
            self.weight_k = math.lcm(*(w.denominator for w in exact.values()))
            self.weight_h = {i: int(w * self.weight_k) for i, w in exact.items()}
            self.aspect_weight_h = {a.id: sum(self.weight_h[i.id] for i in self.members(a.id))
                                    for a in data.aspect}
            self.domain_weight_h = {d.id: sum(self.aspect_weight_h[a.id] for a in data.aspect
                                              if a.domain == d.id) for d in data.domain}
            self.total_weight_h = sum(self.weight_h.values())
        else:
            self.weight_h = {}
            self.aspect_weight_h = {}
            self.domain_weight_h = {}
            self.total_weight_h = 0

    @property
    def scorable(self) -> bool:
        return self.meta.scorable

    @property
    def index_units(self) -> int:
        """sum(level_h x weight_h) for an index of 1: levels and weights in their whole units."""
        return 10**6 * self.weight_k

    def weight_percent(self, weight_h: int) -> Decimal:
        """A weight in units, as a percent to show (2 decimals: 20/6 shows 3.33)."""
        return round_half_up(Fraction(weight_h, 100 * self.weight_k))

    def members(self, aspect_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.aspect == aspect_id]

    def aspects_of(self, domain_id: str) -> list[Aspect]:
        return [a for a in self.aspects if a.domain == domain_id]

    def level_name(self, indicator_id: str, level: int, lang: str = "id") -> str:
        """The name of a whole level ("Terdefinisi", "Berkembang"), in English where the rubric
        has it; "" where the rubric names none."""
        key = self.by_id[indicator_id].level_names or "default"
        table = self.file.level_names_en if lang == "en" and key in self.file.level_names_en else self.file.level_names
        names = table.get(key, [])
        idx = level - self.meta.scale_min
        return names[idx] if 0 <= idx < len(names) else ""

    def level_text(self, indicator_id: str, level: int) -> str:
        ind = self.by_id[indicator_id]
        idx = level - self.meta.scale_min
        return ind.levels[idx] if 0 <= idx < len(ind.levels) else ""

    def max_age(self, indicator_id: str, level: int) -> int | None:
        """Months evidence for this level stays acceptable after its date, or None for no limit."""
        info = self.by_id.get(indicator_id)
        if info is None:
            return None
        return info.max_age_months_levels.get(str(level), info.max_age_months)

    def level_evidence(self, indicator_id: str, level: int) -> list[str]:
        """The evidence (bukti dukung) a whole level asks for; [] where the rubric has none."""
        ind = self.by_id[indicator_id]
        idx = level - self.meta.scale_min
        return list(ind.evidence[idx]) if 0 <= idx < len(ind.evidence) else []

    def __repr__(self) -> str:
        return f"Rubric({self.id!r}, {len(self.indicators)} indicators)"


def parse_rubric(raw: dict[str, Any], source: Path | None = None) -> Rubric:
    expect_kind(raw, "rubric", source)
    try:
        return Rubric(RubricFile.model_validate(raw), source)
    except ValidationError as exc:
        raise from_validation(exc, source) from None


@cache
def load_rubric_file(path: Path) -> Rubric:
    return parse_rubric(read_toml(path), path)


@cache
def load_bundled_rubric(path: Path) -> Rubric:
    # Our own file (tests/core/test_rubrics.py checks it): no structure limits to pay for at start-up.
    return parse_rubric(read_toml(path, shipped=True), path)


def bundled_rubric_ids() -> list[str]:
    return list(bundled_ids(rubrics_dir()))


def load_rubric(ref: str | Path) -> Rubric:
    """Load a rubric by bundled id (``spbe-2020``) or by the path of a user's rubric file."""
    text = str(ref)
    if isinstance(ref, Path) or text.endswith(".toml") or "/" in text:
        return load_rubric_file(real_path(ref))
    known = bundled_rubric_ids()
    if text not in known:  # looked up, never built into a path (see load_cohort)
        shown = text if len(text) <= 60 else f"{text[:30]}…{text[-29:]}"
        raise InputError("unknown_framework", id=shown, known=", ".join(known))
    path = rubrics_dir() / f"{text}.toml"
    rubric = load_bundled_rubric(path)
    if rubric.id != text:
        raise InputError("declared_id", path=path, field="rubric.id", got=rubric.id, want=text)
    return rubric


class RubricSet:
    """The rubrics a command may use: the bundled ones plus an optional user rubric file."""

    def __init__(self, extra: Path | None = None) -> None:
        self.extra = load_rubric(extra) if extra else None

    def get(self, framework: str) -> Rubric:
        if self.extra and self.extra.id == framework:
            return self.extra
        return load_rubric(framework)
