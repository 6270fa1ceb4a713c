"""Carry a PermenPANRB 59/2020 result over to Pemdi 2026 as a baseline *estimate*.

Each Pemdi indicator takes the mean of the levels of the SPBE indicators it draws on (the
crosswalk in rubrics/crosswalks/, unofficial), rounded half-up to 2 decimals and kept on the
scale. An externally scored Pemdi indicator with nothing to draw on stays at the scale's minimum
and is listed: its value will come from the other agency's index. The result says everywhere
that it is an estimate: its notes, and every converted indicator's note naming its sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tui.core.errors import InputError, from_validation
from tui.core.files.guarded import read_toml
from tui.core.numbers import round_half_up
from tui.core.resources import rubrics_dir
from tui.core.scenario.scenario_file import Scenario, make_meta
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import Rubric


class CrosswalkMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    from_: Annotated[str, Field(alias="from", min_length=1)]
    to: Annotated[str, Field(min_length=1)]
    official: bool = False
    note: str = ""
    sources: list[str] = []


EvidenceFate = Literal["reuse", "update", "new"]


class Pair(BaseModel):
    """One region's SPBE result, the crosswalk's estimate from it, and the Pemdi value it got."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    region: Annotated[str, Field(min_length=1, max_length=200)]
    spbe_year: Annotated[int, Field(ge=2000, le=2100)]
    spbe_index: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]
    estimate: Annotated[float, Field(gt=0, le=5, allow_inf_nan=False)]
    pemdi_year: Annotated[int, Field(ge=2000, le=2100)]
    pemdi_index: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]
    stage: Annotated[str, Field(max_length=200)] = ""
    source: Annotated[str, Field(max_length=500)] = ""


class CrosswalkFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    schema_: int = Field(alias="schema")
    crosswalk: CrosswalkMeta
    map: dict[str, list[str]]
    evidence: dict[str, EvidenceFate] = {}
    pair: Annotated[list[Pair], Field(max_length=1000)] = []


@dataclass(frozen=True, slots=True)
class EstimateRange:
    """The crosswalk's point estimate of the index and the range real pairs put around it.

    Each pair says how far the assessor's value fell from (or rose above) what this crosswalk
    estimated for that region: a ratio r = assessed / estimated. The range is the estimate times
    the smallest and the largest of those ratios, each side widened to include the estimate itself
    (so a single pair whose region got less gives [estimate x r, estimate])."""

    estimate: Decimal
    low: Decimal
    high: Decimal
    pairs: tuple[Pair, ...]

    def as_json(self) -> dict[str, Any]:
        return {"estimate": float(self.estimate), "range": [float(self.low), float(self.high)],
                "pairs": [p.model_dump() for p in self.pairs]}


def estimate_range(index: Decimal, pairs: tuple[Pair, ...]) -> EstimateRange | None:
    if not pairs:
        return None
    ratios = [Fraction(str(p.pemdi_index)) / Fraction(str(p.estimate)) for p in pairs]
    exact = Fraction(index)
    low = round_half_up(exact * min(Fraction(1), min(ratios)))
    high = round_half_up(exact * max(Fraction(1), max(ratios)))
    return EstimateRange(index, low, high, pairs)


@dataclass(frozen=True, slots=True)
class Converted:
    scenario: Scenario
    sources: dict[str, tuple[str, ...]]  # Pemdi indicator -> the SPBE indicators it drew on
    needs_external: tuple[str, ...]  # external indicators with nothing to draw on (left at the minimum)
    crosswalk: CrosswalkMeta
    evidence: dict[str, EvidenceFate] = field(default_factory=dict)  # Pemdi indicator -> its evidence's fate
    range: EstimateRange | None = None

    def as_json(self) -> dict[str, Any]:
        s = self.scenario
        out: dict[str, Any] = {
            "from": self.crosswalk.from_, "to": self.crosswalk.to, "official": self.crosswalk.official,
            "indicators": {ind: {"sources": list(src), "value": s.baseline[ind] / 100,
                                 "evidence": self.evidence.get(ind)} for ind, src in self.sources.items()},
            "needs_external": list(self.needs_external)}
        if self.range is not None:
            out.update(self.range.as_json())
        return out


def crosswalk_path(source: str, target: str) -> Path:
    return rubrics_dir() / "crosswalks" / f"{source}--{target}.toml"


def converts_from(source: str) -> bool:
    """Whether any bundled crosswalk starts from ``source`` (to any framework)."""
    return any(crosswalk_path(source, "*").parent.glob(f"{source}--*.toml"))


def load_crosswalk(source: Rubric, target: Rubric) -> CrosswalkFile:
    path = crosswalk_path(source.id, target.id)
    if not path.is_file():
        raise InputError("convert_pair", source=source.id, target=target.id)
    try:
        data = CrosswalkFile.model_validate(read_toml(path))
    except ValidationError as exc:
        raise from_validation(exc, path) from None
    for ind in data.evidence:
        if ind not in target.by_id:
            raise InputError("unknown_indicator_short", path=path, field=f'evidence."{ind}"', id=ind)
    for ind, drawn in data.map.items():
        if ind not in target.by_id:
            raise InputError("unknown_indicator_short", path=path, field=f'map."{ind}"', id=ind)
        for src in drawn:
            if src not in source.by_id:
                raise InputError("unknown_indicator_short", path=path, field=f'map."{ind}"', id=src)
    return data


def convert(scenario: Scenario, source: Rubric, target: Rubric, *, file_name: str = "",
            lang_notes: tuple[str, str] = ("", ""),
            number: Callable[[int], str] = lambda h: f"{h / 100:.2f}") -> Converted:
    """The Pemdi baseline estimated from ``scenario``'s baseline levels.

    ``lang_notes``: the scenario note and the per-indicator note template, in the user's language
    (the presentation layer writes them; ``{sources}`` and ``{mean}`` are filled in here, the mean
    written by ``number`` from hundredths, so that Indonesian notes read "1,80").
    """
    data = load_crosswalk(source, target)
    lo, hi = target.scale_min_h, target.scale_max_h
    baseline: dict[str, int] = {}
    notes: dict[str, str] = {}
    sources: dict[str, tuple[str, ...]] = {}
    needs: list[str] = []
    note_text, indicator_note = lang_notes
    for ind in target.indicator_ids:
        drawn = tuple(data.map.get(ind, []))
        if not drawn:
            baseline[ind] = lo
            if target.by_id[ind].external is not None:
                needs.append(ind)
            continue
        mean = Fraction(sum(scenario.baseline[i] for i in drawn), 100 * len(drawn))
        value = int(round_half_up(mean) * 100)
        baseline[ind] = max(lo, min(hi, value))
        sources[ind] = drawn
        if indicator_note:
            notes[ind] = indicator_note.format(sources=", ".join(drawn), mean=number(baseline[ind]))
    year = target.meta.years[-1] if target.meta.years else scenario.meta.year
    meta = make_meta(name=f"Pemdi ~ {scenario.meta.name}"[:200], framework=target.id, region=scenario.meta.region,
                     year=year, notes=note_text.format(file=file_name or scenario.meta.name, year=scenario.meta.year))
    converted = Scenario(meta=meta, baseline=baseline, indicator_notes=notes)
    index = evaluate(target, baseline).index if target.scorable else None
    spread = estimate_range(index, tuple(data.pair)) if index is not None else None
    return Converted(converted, sources, tuple(needs), data.crosswalk,
                     {i: f for i, f in data.evidence.items() if i in target.by_id}, spread)
