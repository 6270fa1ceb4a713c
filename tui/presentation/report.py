"""Reports as data: a title, header facts and tables, built once and written in any format.

A report of one scenario holds its result (baseline vs scenario), the changed indicators with what
their target level requires, and every indicator with the domain and aspect indices. A report of
several files holds the comparison. Cells keep numbers as Decimals so each format can write them
its own way (the decimal comma in Bahasa Indonesia text, plain numbers in CSV and xlsx).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from tui.core.errors import InputError
from tui.core.numbers import hundredths_to_decimal, round_half_up
from tui.core.scenario.evidence import EvidenceItem
from tui.core.scenario.evidence_sheet import COLUMNS as EVIDENCE_COLUMNS
from tui.core.scenario.evidence_sheet import evidence_cells
from tui.core.scenario.exported_report import left_out_of
from tui.core.scenario.external import index_text
from tui.core.scenario.scenario_file import Edition, Scenario
from tui.core.scenario.summary import evidence_outcomes, resolve_cohort
from tui.core.scoring.cohort import Cohort
from tui.core.scoring.evaluation import band_for, step_gain
from tui.core.scoring.peer_groups import peer_groups
from tui.core.scoring.ranking import Rank
from tui.core.team.compare import Column, Comparison
from tui.presentation.catalogue import localized, t
from tui.presentation.document_parts import BandChart, band_chart
from tui.presentation.text import rank_text

Value = str | Decimal | int | date | None


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # stable id: "result", "changes", "indicators", "groups", "files"
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[Value, ...]]
    places: dict[int, int] = field(default_factory=dict)  # column -> decimals (else as written: 3, 3.75)
    signed: frozenset[int] = frozenset()  # columns shown with a sign (+0.42)
    best: dict[int, frozenset[int]] = field(default_factory=dict)  # row -> columns holding the row's best


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    facts: list[tuple[str, Value]]  # a number or a date stays one (xlsx writes it as such)
    tables: list[Table]
    sheet_name: str = "Laporan"
    chart: BandChart | None = None  # drawn where a format can draw (PDF); its numbers are in the tables


def rank_words(r: Rank | None, lang: str) -> str:
    return "—" if r is None else rank_text(r, lang)


def scenario_facts(col: Column, lang: str) -> list[tuple[str, Value]]:
    """Region, framework, years and file: what every report of one scenario opens with."""
    s, rubric = col.scenario, col.rubric
    return [
        (t("region", lang), s.meta.region),
        (t("framework", lang), f"{localized(rubric.meta.name, rubric.meta.name_en, lang)} ({rubric.id})"),
        (t("year", lang), f"{s.meta.year} → {s.target_year}"),
        (t("file", lang), col.path.name),
    ]


def scenario_report(col: Column, lang: str) -> Report:
    s, rubric, summary = col.scenario, col.rubric, col.summary
    b, c = summary.baseline, summary.scenario
    facts: list[tuple[str, Value]] = [(t("scenario", lang), s.meta.name), *scenario_facts(col, lang)]
    if s.meta.cohort and c.rank:
        facts.append((t("cohort", lang), c.rank.cohort))
    left_out = left_out_of(s)
    if left_out:  # said in the file, so that importing it back can say what it did not get
        facts.append((t("report_left_out", lang), ", ".join(left_out)))
    result = Table("result", t("report_result", lang),
                   ("", t("baseline", lang), t("scenario", lang), t("change", lang)), [
                       (t("index", lang), b.evaluation.index, c.evaluation.index,
                        c.evaluation.index - b.evaluation.index),
                       (t("predikat", lang), b.evaluation.predikat, c.evaluation.predikat, None),
                       (t("rank", lang), rank_words(b.rank, lang), rank_words(c.rank, lang), None),
                   ], {1: 2, 2: 2, 3: 2}, signed=frozenset({3}))
    changes = []
    for ind, to_h in s.target.items():
        info = rubric.by_id[ind]
        from_h = s.baseline[ind]
        gain = round_half_up(step_gain(rubric, ind, from_h, to_h), 3) if to_h >= from_h else \
            -round_half_up(-step_gain(rubric, ind, from_h, to_h), 3)
        changes.append((ind, info.short, hundredths_to_decimal(from_h), hundredths_to_decimal(to_h), gain,
                        rubric.level_text(ind, -(-to_h // 100))))
    changed = Table("changes", t("report_changes", lang),
                    (t("col_id", lang), t("indicator", lang), t("col_from", lang), t("col_to", lang), t("gain", lang),
                     t("report_requires", lang)), changes, {4: 3}, signed=frozenset({4}))
    indicators = Table("indicators", t("report_indicators", lang),
                       (t("report_kind", lang), t("col_id", lang), t("report_name", lang), t("weight", lang),
                        t("level", lang), t("target", lang)),
                       [(t("indicator", lang).lower(), i.id, i.short, rubric.weight_percent(rubric.weight_h[i.id]),
                         hundredths_to_decimal(s.baseline[i.id]), hundredths_to_decimal(s.level(i.id)))
                        for i in rubric.indicators], {3: 2})
    groups = Table("groups", t("report_groups", lang),
                   (t("report_kind", lang), t("col_id", lang), t("report_name", lang), t("weight", lang),
                    t("baseline", lang), t("scenario", lang)), [], {3: 2, 4: 2, 5: 2})
    group_rows: list[tuple[Value, ...]] = []
    for d in rubric.domains:
        group_rows.append(("domain", d.id, d.name, rubric.weight_percent(rubric.domain_weight_h[d.id]),
                            b.evaluation.domains[d.id], c.evaluation.domains[d.id]))
    for a in rubric.aspects:
        group_rows.append((t("report_aspect", lang), a.id, a.name, rubric.weight_percent(rubric.aspect_weight_h[a.id]),
                            b.evaluation.aspects[a.id], c.evaluation.aspects[a.id]))
    groups = replace(groups, rows=group_rows)
    tables = [result, changed, groups, indicators]
    notes = notes_table(col, lang)
    if notes.rows:
        tables.insert(2, notes)
    if s.history:
        tables.insert(1, history_table(col, lang))
    if s.evidence:
        tables.insert(1, evidence_table(col, lang))
        tables.append(evidence_items_table(s.evidence, lang))
    if s.external:
        tables.insert(tables.index(groups), external_table(col, lang))
    beside = cohort_groups_table(col, lang)
    if beside.rows:
        tables.insert(tables.index(groups) + 1, beside)
    return Report(f"{s.meta.name} — {s.meta.region}", facts, tables, sheet_name=col.path.stem,
                  chart=band_chart(col, lang))


def cohort_groups_table(col: Column, lang: str) -> Table:
    """Dibanding kohort: each domain/aspect of the scenario beside its peers' mean, median and best
    (naming the best); no rows when the cohort gives no group values."""
    s, rubric, c = col.scenario, col.rubric, col.summary.scenario.evaluation
    ids = [d.id for d in rubric.domains] + [a.id for a in rubric.aspects]
    names = {**{d.id: d.name for d in rubric.domains}, **{a.id: a.name for a in rubric.aspects}}
    mine = {**c.domains, **c.aspects}
    rows: list[tuple[Value, ...]] = [
        (g.group, names[g.group], mine[g.group], g.mean, g.median, g.best, ", ".join(g.best_names), g.n)
        for g in peer_groups(col.cohort or resolve_cohort_quietly(col), ids, s.meta.region)]
    return Table("cohort_groups", t("cohort_groups_title", lang),
                 (t("col_id", lang), t("report_name", lang), t("scenario", lang), t("cohort_mean", lang),
                  t("cohort_median", lang), t("cohort_best", lang), t("cohort_best_who", lang), t("cohort_n", lang)),
                 rows, {2: 2, 3: 2, 4: 2, 5: 2})


def evidence_table(col: Column, lang: str) -> Table:
    """Planned, claimed and verified: the index three ways, with predikat and rank each."""
    claimed, verified = evidence_outcomes(col.scenario, col.rubric, resolve_cohort_quietly(col))
    rows: list[tuple[Value, ...]] = [
        (t(key, lang), o.evaluation.index, o.evaluation.predikat, rank_words(o.rank, lang))
        for key, o in (("planned", col.summary.scenario), ("claimed", claimed), ("verified", verified))]
    return Table("evidence", t("report_evidence", lang), ("", t("index", lang), t("predikat", lang), t("rank", lang)),
                 rows, {1: 2})


def external_table(col: Column, lang: str) -> Table:
    """Indicators given by another agency's index: the index, its edition and status (a provisional
    one may still move), and the value it gives."""
    s, rubric = col.scenario, col.rubric
    rows: list[tuple[Value, ...]] = []
    for ind, index_h in s.external.items():
        ext = rubric.by_id[ind].external
        edition = s.editions.get(ind, Edition())
        status = t(f"edition_{edition.status}", lang)
        rows.append((ind, rubric.by_id[ind].short, ext.index if ext else "", index_text(index_h), edition.edition,
                     f"{status} ({t('edition_moves', lang)})" if edition.provisional else status,
                     hundredths_to_decimal(s.baseline[ind])))
    return Table("external", t("report_external", lang),
                 (t("col_id", lang), t("indicator", lang), t("col_source_index", lang), t("col_index_value", lang),
                  t("col_edition", lang), t("col_edition_status", lang), t("col_value", lang)), rows)


def evidence_items_table(items: Sequence[EvidenceItem], lang: str) -> Table:
    """Every evidence item as the portal's sheet has them, in the shape `evidence import` reads."""
    return Table("evidence_items", t("report_evidence_items", lang),
                 tuple(t(f"evs_col_{key}", lang) for key in EVIDENCE_COLUMNS), [evidence_cells(it) for it in items])


def evidence_sheet_report(scenario: Scenario, lang: str) -> Report:
    """The evidence export: the items table alone, titled by the scenario and region."""
    return Report(f"{t('report_evidence_items', lang)} — {scenario.meta.region}", [],
                  [evidence_items_table(scenario.evidence, lang)], sheet_name=t("report_evidence_items", lang))


def resolve_cohort_quietly(col: Column) -> Cohort | None:
    """The column's cohort again (a Column keeps only its summary): none when it cannot be read."""
    try:
        return resolve_cohort(col.scenario, col.rubric)
    except InputError:
        return None


def history_table(col: Column, lang: str) -> Table:
    """The region's trajectory: published results of earlier years, the baseline, the target."""
    s, rubric, summary = col.scenario, col.rubric, col.summary
    rows: list[tuple[Value, ...]] = []
    for year, value_h in s.history.items():
        value = hundredths_to_decimal(value_h)
        rows.append((year, value, band_for(rubric, value).name, t("history_published", lang)))
    base, scen = summary.baseline.evaluation, summary.scenario.evaluation
    rows.append((s.meta.year, base.index, base.predikat, t("baseline", lang)))
    rows.append((s.target_year, scen.index, scen.predikat, t("history_target", lang)))
    return Table("history", t("report_history", lang),
                 (t("year", lang), t("index", lang), t("predikat", lang), t("report_kind", lang)), rows, {1: 2})


def notes_table(col: Column, lang: str) -> Table:
    """The scenario's notes and each indicator's, as the team wrote them (line breaks kept)."""
    s, rubric = col.scenario, col.rubric
    rows: list[tuple[Value, ...]] = []
    if s.meta.notes:
        rows.append((t("scenario", lang).lower(), "", s.meta.name, s.meta.notes))
    rows += [(t("indicator", lang).lower(), ind, rubric.by_id[ind].short, note)
             for ind, note in s.indicator_notes.items()]
    return Table("notes", t("report_notes", lang),
                 (t("report_kind", lang), t("col_id", lang), t("report_name", lang), t("report_note", lang)), rows)


def comparison_report(cmp: Comparison, lang: str) -> Report:
    labels = tuple(c.label for c in cmp.columns)
    files = Table("files", t("report_files", lang),
                  (t("file", lang), t("scenario", lang), t("region", lang), t("framework", lang), t("index", lang),
                   t("predikat", lang), t("rank", lang)),
                  [(c.path.name, c.scenario.meta.name, c.scenario.meta.region, c.rubric.id,
                    c.summary.scenario.evaluation.index, c.summary.scenario.evaluation.predikat,
                    rank_words(c.summary.scenario.rank, lang)) for c in cmp.columns], {4: 2},
                  best={k: frozenset({4}) for k in cmp.index_best})
    for k in cmp.rank_best:
        files.best[k] = files.best.get(k, frozenset()) | {6}
    tables = [files]
    if cmp.comparable:
        tables.append(Table("groups", t("report_groups", lang), (t("col_id", lang), t("report_name", lang), *labels),
                            [(r.id, r.name, *r.values) for r in cmp.groups],
                            {k + 2: 2 for k in range(len(labels))},
                            best={n: frozenset(k + 2 for k in r.best) for n, r in enumerate(cmp.groups)}))
        tables.append(Table("differ", t("report_differ", lang), (t("col_id", lang), t("indicator", lang), *labels),
                            [(r.id, r.name, *r.values) for r in cmp.indicators],
                            best={n: frozenset(k + 2 for k in r.best) for n, r in enumerate(cmp.indicators)}))
    facts: list[tuple[str, Value]] = [(t("report_compared", lang), len(cmp.columns))]
    if cmp.reason:
        facts.append((t("report_note", lang), t("report_other_frameworks", lang)))
    return Report(t("report_comparison", lang), facts, tables, sheet_name=t("report_comparison", lang))
