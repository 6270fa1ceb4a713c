"""The Pemdi estimate of a 59/2020 scenario, with its notes in the user's language (CLI and app)."""

from __future__ import annotations

from tui.core.convert import Converted, convert
from tui.core.numbers import hundredths_to_decimal
from tui.core.rubric import Rubric
from tui.core.scenario import Scenario
from tui.presentation.catalogue import t
from tui.presentation.text import n2


def estimate(scenario: Scenario, source: Rubric, target: Rubric, file_name: str, lang: str) -> Converted:
    return convert(scenario, source, target, file_name=file_name,
                   lang_notes=(t("convert_note", lang), t("convert_indicator_note", lang)),
                   number=lambda h: n2(hundredths_to_decimal(h), lang))
