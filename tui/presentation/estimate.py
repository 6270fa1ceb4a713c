"""The Pemdi estimate of a 59/2020 scenario, with its notes in the user's language (CLI and app)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tui.core.numbers import hundredths_to_decimal
from tui.core.scenario.convert import Converted, EstimateRange, convert
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import t
from tui.presentation.text import n2


def estimate(scenario: Scenario, source: Rubric, target: Rubric, file_name: str, lang: str) -> Converted:
    """The estimate, its notes in the user's language: each indicator says where its value came
    from and what happens to its evidence; the scenario's notes give the range real pairs put
    around the estimated index."""
    done = convert(scenario, source, target, file_name=file_name,
                   lang_notes=(t("convert_note", lang), t("convert_indicator_note", lang)),
                   number=lambda h: n2(hundredths_to_decimal(h), lang))
    s = done.scenario
    notes = dict(s.indicator_notes)
    for ind, fate in done.evidence.items():
        notes[ind] = " ".join(x for x in (notes.get(ind, ""), t(f"evidence_fate_{fate}", lang)) if x)
    meta_notes = s.meta.notes
    if done.range is not None:
        meta_notes = f"{meta_notes} {range_text(done.range, lang)}".strip()
    scenario_out = replace(s, meta=s.meta.model_copy(update={"notes": meta_notes}), indicator_notes=notes)
    return replace(done, scenario=scenario_out)


def range_text(r: EstimateRange, lang: str) -> str:
    """"Perkiraan 2,33; rentang menurut 1 pasangan nyata: 1,24–2,33 (…)"."""
    def num(x: float) -> str:
        return n2(Decimal(str(x)), lang)

    pairs = "; ".join(t("convert_pair", lang, region=p.region, spbe_year=p.spbe_year, spbe=num(p.spbe_index),
                        estimate=num(p.estimate), pemdi_year=p.pemdi_year, pemdi=num(p.pemdi_index), stage=p.stage)
                      for p in r.pairs)
    key = "convert_range_one" if len(r.pairs) == 1 else "convert_range"
    return t(key, lang, estimate=n2(r.estimate, lang), low=n2(r.low, lang), high=n2(r.high, lang), n=len(r.pairs),
             pairs=pairs)
