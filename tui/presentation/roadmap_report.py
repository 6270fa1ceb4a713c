"""The Peta Rencana and the Perjanjian Kinerja's quarterly targets as reports (any format)."""

from __future__ import annotations

from tui.core.goal_seek.peta_rencana import PetaRencana, QuarterTarget
from tui.core.numbers import hundredths_to_decimal
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import localized, t
from tui.presentation.report import Report, Table, Value
from tui.presentation.text import cost_unit


def roadmap_report(scenario: Scenario, rubric: Rubric, peta: PetaRencana, lang: str,
                   quarters: tuple[QuarterTarget, ...] = ()) -> Report:
    years = peta.years
    aspects = {i.id: i.aspect for i in rubric.indicators}
    rows: list[tuple[Value, ...]] = [
        (r.indicator, rubric.by_id[r.indicator].short, aspects[r.indicator],
         *(hundredths_to_decimal(r.levels[y]) for y in years), r.programme, r.owner)
        for r in peta.rows]
    levels = Table("roadmap_levels", t("pr_levels", lang),
                   (t("col_id", lang), t("indicator", lang), t("pr_aspect", lang), *(str(y) for y in years),
                    t("ap_programme", lang), t("ap_owner", lang)), rows)
    result_rows: list[tuple[Value, ...]] = [
        (r.year, r.index, r.predikat, hundredths_to_decimal(r.cost_h),
         t("pr_baseline", lang) if r.year == scenario.meta.year else ("" if r.reachable else t("pr_unreached", lang)))
        for r in peta.results]
    results = Table("roadmap_results", t("pr_results", lang),
                    (t("year", lang), t("index", lang), t("predikat", lang),
                     t("col_cost_in", lang, unit=cost_unit(peta.unit, lang)), t("ap_flag", lang)),
                    result_rows, {1: 2})
    tables = [results, levels]
    if quarters:
        tables.append(quarters_table(quarters, lang))
    facts: list[tuple[str, Value]] = [
        (t("region", lang), scenario.meta.region),
        (t("framework", lang), f"{localized(rubric.meta.name, rubric.meta.name_en, lang)} ({rubric.id})"),
        (t("pr_years", lang), f"{years[0]}–{years[-1]}"),
        (t("ap_cost_total", lang, unit=cost_unit(peta.unit, lang)),
         hundredths_to_decimal(sum(r.cost_h for r in peta.results))),
    ]
    return Report(t("pr_title", lang, region=scenario.meta.region), facts, tables, sheet_name=t("pr_sheet", lang))


def quarters_table(quarters: tuple[QuarterTarget, ...], lang: str) -> Table:
    return Table("quarters", t("pr_quarters", lang, year=quarters[0].end.year),
                 (t("pr_quarter", lang), t("pr_until", lang), t("pr_verified", lang), t("predikat", lang),
                  t("pr_due", lang)),
                 [(f"{t('pr_q', lang)} {q.quarter}", q.end, q.index, q.predikat, q.due) for q in quarters], {2: 2})
