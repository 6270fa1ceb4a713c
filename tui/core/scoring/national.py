"""National reference values (``rubrics/observations/national.toml``): the national index and
domain or aspect means of a framework's evaluation year, each with its source. A recap marks the
rows where a region stands below them; where no value is bundled, nothing is marked."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tui.core.errors import from_validation
from tui.core.files.guarded import read_toml
from tui.core.numbers import FileNumber, decimal_from_number
from tui.core.resources import rubrics_dir


class NationalRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    framework: Annotated[str, Field(min_length=1, max_length=40)]
    year: Annotated[int, Field(ge=2000, le=2100)]
    index: FileNumber | None = None
    groups: Annotated[dict[str, FileNumber], Field(max_length=64)] = {}
    source: str = ""
    confidence: str = ""


class NationalFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    schema_: int = Field(alias="schema")
    national: Annotated[list[NationalRow], Field(max_length=1000)] = []


def national_path() -> Path:
    return rubrics_dir() / "observations" / "national.toml"


def load_national(path: Path | None = None) -> NationalFile:
    where = path or national_path()
    try:
        return NationalFile.model_validate(read_toml(where, shipped=path is None))
    except ValidationError as exc:
        raise from_validation(exc, where) from None


@cache
def _bundled() -> NationalFile:
    return load_national()


def national_values(framework: str, year: int, path: Path | None = None) -> dict[str, Decimal]:
    """``{"index": 2.34, "D3": 1.32}`` for the framework's evaluation of ``year`` (empty: none known)."""
    data = load_national(path) if path is not None else _bundled()
    for row in data.national:
        if row.framework == framework and row.year == year:
            out = {gid: decimal_from_number(v) for gid, v in row.groups.items()}
            if row.index is not None:
                out["index"] = decimal_from_number(row.index)
            return out
    return {}


def national_source(framework: str, year: int) -> str:
    return next((r.source for r in _bundled().national if r.framework == framework and r.year == year), "")

