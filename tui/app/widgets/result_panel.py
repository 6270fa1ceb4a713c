"""The result panel: index, predikat, rank and the distance to the next band, as plain text.

The first line always reads ``Indeks <value>``: tests and the benchmark look for that marker.
A scenario that records evidence gets a fourth line: the claimed and the verified index.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui.app.theme import theme_style
from tui.app.widgets.diff_lines import DiffLines
from tui.core.scenario.summary import Outcome, Summary
from tui.core.scoring.cohort import Cohort
from tui.core.scoring.evaluation import gap_to_next_band
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import localized, t
from tui.presentation.text import n2, rank_pair, rank_pos


class ResultPanel(DiffLines):
    """Three (four with evidence) lines of results; rebuilt on every change, repainted only where a
    value moved."""

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(wrap=False, **kw)

    def show(self, summary: Summary, rubric: Rubric, cohort: Cohort | None, lang: str,
             evidence: tuple[Outcome, Outcome] | None = None) -> None:
        """``evidence``: the claimed and verified outcomes, shown on a fourth line when the
        scenario records evidence."""
        b, s = summary.baseline.evaluation, summary.scenario.evaluation
        delta = s.index - b.index
        index = Text()
        index.append(f"{t('index', lang)} {n2(s.index, lang)}", style="bold")
        index.append(f"   {t('vs_baseline', lang, value=n2(b.index, lang))}   ")
        if delta:
            index.append(n2(delta, lang, sign=True), style=theme_style(self.app, "success" if delta > 0 else "error",
                                                                      bold=True))
        else:
            index.append(n2(delta, lang, sign=True))
        band = Text(f"{t('predikat', lang)} {b.predikat} → ")
        band.append(s.predikat, style="bold")
        gap = gap_to_next_band(rubric, s.index)
        if gap is None:
            band.append(f"   {t('top_band', lang)}")
        else:
            band.append(f"   {t('to_band', lang, gap=n2(gap[0], lang, sign=True), band=gap[1].name)}")
        rank = Text(f"{t('rank', lang)} {rank_pair(summary.baseline.rank, summary.scenario.rank, lang)}")
        if cohort is not None:
            rank.append(f"   {localized(cohort.meta.name, cohort.meta.name_en, lang)}", style="dim")
        blocks = [index, band, rank]
        if evidence is not None:
            claimed, verified = evidence
            blocks.append(Text(t("evidence_line", lang, claimed=_reading(claimed, lang),
                                 verified=_reading(verified, lang)), style="italic"))
        self.set_blocks(blocks)


def _reading(o: Outcome, lang: str) -> str:
    """"2,40 Cukup, ke-8": an index with its predikat and, when ranked, its place (short: the line
    must fit 80 columns with both readings)."""
    if o.rank is None:
        return f"{n2(o.evaluation.index, lang)} {o.evaluation.predikat}"
    return f"{n2(o.evaluation.index, lang)} {o.evaluation.predikat}, {t('rank_short', lang, pos=rank_pos(o.rank))}"
