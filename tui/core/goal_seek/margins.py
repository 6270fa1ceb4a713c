"""Margins for plans: a number, or the "assessor" preset read from observed drops.

Self-assessments run above what assessors give. ``rubrics/observations/assessor-drops.toml``
records observed cases (region, framework, year, the self-assessed and the assessor's value,
stage, source); the preset's margin is the median of the drops (self minus assessor) over every
case, all frameworks together (too few are known per framework), rounded half-up to hundredths.
The plan then keeps the index that far above the target's threshold, and says where the figure
came from: how many cases, their range and their sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from statistics import median
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tui.core.errors import InputError, Invalid, from_invalid, from_validation
from tui.core.files.guarded import read_toml
from tui.core.numbers import parse_number, round_half_up, shown
from tui.core.resources import rubrics_dir

ASSESSOR = "assessor"
Score = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]


class Drop(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    region: Annotated[str, Field(min_length=1, max_length=200)]
    framework: Annotated[str, Field(min_length=1, max_length=40)]
    year: Annotated[int, Field(ge=2000, le=2100)]
    self_: Annotated[float, Field(alias="self", ge=0, le=5, allow_inf_nan=False)]
    assessor: Score
    stage: Annotated[str, Field(max_length=200)] = ""
    source: Annotated[str, Field(max_length=500)] = ""

    @property
    def drop_h(self) -> int:
        return round((Fraction(str(self.self_)) - Fraction(str(self.assessor))) * 100)


class DropsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    schema_: int = Field(alias="schema")
    drop: Annotated[list[Drop], Field(min_length=1, max_length=1000)]


@dataclass(frozen=True, slots=True)
class AssessorMargin:
    margin_h: int
    drops: tuple[Drop, ...]

    @property
    def low_h(self) -> int:
        return min(d.drop_h for d in self.drops)

    @property
    def high_h(self) -> int:
        return max(d.drop_h for d in self.drops)


def drops_path() -> Path:
    return rubrics_dir() / "observations" / "assessor-drops.toml"


def assessor_margin(path: Path | None = None) -> AssessorMargin:
    """The preset from ``path``, or from the bundled file (read once: the planning screen asks on
    every keystroke in its form)."""
    return _bundled_margin() if path is None else _read_margin(path)


@cache
def _bundled_margin() -> AssessorMargin:
    return _read_margin(drops_path())


def _read_margin(source: Path) -> AssessorMargin:
    try:
        data = DropsFile.model_validate(read_toml(source))
    except ValidationError as exc:
        raise from_validation(exc, source) from None
    drops = tuple(data.drop)
    middle = median(Fraction(d.drop_h) for d in drops)
    return AssessorMargin(max(0, int(round_half_up(Fraction(middle, 100)) * 100)), drops)


def parse_margin(text: str) -> tuple[int, AssessorMargin | None]:
    """A typed margin (``0.2``, ``0,2``) in hundredths, or the ``assessor`` preset with its cases.
    Raises InputError (field ``margin``) for anything else."""
    words = text.strip()
    if words.casefold() == ASSESSOR:
        preset = assessor_margin()
        return preset.margin_h, preset
    try:
        value = parse_number(words, "index")
    except Invalid as exc:
        if exc.code == "number_type":  # a word: say which word is known
            raise InputError("margin_word", field="margin", got=shown(words)) from None
        raise from_invalid(exc, field="margin") from None
    if value < 0:
        raise InputError("not_below_zero", field="margin", got=shown(words))
    return value, None
