"""Carry a PermenPANRB 59/2020 result over to Pemdi 2026 as a baseline *estimate*.

Each Pemdi indicator takes the mean of the levels of the SPBE indicators it draws on (the
crosswalk in rubrics/crosswalks/, unofficial), rounded half-up to 2 decimals and kept on the
scale. An externally scored Pemdi indicator with nothing to draw on stays at the scale's minimum
and is listed: its value will come from the other agency's index. The result says everywhere
that it is an estimate: its notes, and every converted indicator's note naming its sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tui.core.errors import InputError, from_validation
from tui.core.files import read_toml
from tui.core.numbers import round_half_up
from tui.core.resources import rubrics_dir
from tui.core.rubric import Rubric
from tui.core.scenario import Scenario, make_meta

CROSSWALK_SCHEMA = 1


class CrosswalkMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    from_: Annotated[str, Field(alias="from", min_length=1)]
    to: Annotated[str, Field(min_length=1)]
    official: bool = False
    note: str = ""
    sources: list[str] = []


class CrosswalkFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    schema_: int = Field(alias="schema")
    crosswalk: CrosswalkMeta
    map: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class Converted:
    scenario: Scenario
    sources: dict[str, tuple[str, ...]]  # Pemdi indicator -> the SPBE indicators it drew on
    needs_external: tuple[str, ...]  # external indicators with nothing to draw on (left at the minimum)
    crosswalk: CrosswalkMeta

    def as_json(self) -> dict[str, Any]:
        s = self.scenario
        return {"from": self.crosswalk.from_, "to": self.crosswalk.to, "official": self.crosswalk.official,
                "indicators": {ind: {"sources": list(src), "value": s.baseline[ind] / 100}
                               for ind, src in self.sources.items()},
                "needs_external": list(self.needs_external)}


def crosswalk_path(source: str, target: str) -> Path:
    return rubrics_dir() / "crosswalks" / f"{source}--{target}.toml"


def load_crosswalk(source: Rubric, target: Rubric) -> CrosswalkFile:
    path = crosswalk_path(source.id, target.id)
    if not path.is_file():
        raise InputError("convert_pair", source=source.id, target=target.id)
    try:
        data = CrosswalkFile.model_validate(read_toml(path))
    except ValidationError as exc:
        raise from_validation(exc, path) from None
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
    return Converted(Scenario(meta=meta, baseline=baseline, indicator_notes=notes), sources, tuple(needs),
                     data.crosswalk)
