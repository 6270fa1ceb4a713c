"""What a signed document says besides the plan: the place, the date and who signs (``[report]``).

Written in the user's config (for every document) or in a scenario (for its own), the scenario's
winning:

    [report]
    place = "Takengon"
    date = 2026-12-02                # optional; the day the document is written when absent
    [[report.signer]]
    role = "Mengetahui, Kepala Dinas Komunikasi dan Informatika"
    name = "…"
    nip = "…"

Without signers a document still has its signature block: empty lines to sign on.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Short = Annotated[str, Field(max_length=200)]


class Signer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    role: Short = ""
    name: Short = ""
    nip: Annotated[str, Field(max_length=40)] = ""


class ReportSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    place: Short = ""
    date: dt.date | None = None  # (the module name: the field's own name hides the type)
    signer: Annotated[list[Signer], Field(max_length=6)] = []


def report_settings(scenario: ReportSettings | None, config: ReportSettings | None) -> ReportSettings:
    """The scenario's settings over the config's, key by key (a scenario may name only its signers)."""
    if scenario is None:
        return config or ReportSettings()
    if config is None:
        return scenario
    return ReportSettings(place=scenario.place or config.place, date=scenario.date or config.date,
                          signer=scenario.signer or config.signer)
