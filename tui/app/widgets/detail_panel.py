"""What the focused indicator's current, target and next levels require, the gain of one more
step, and the notes: the user's own (n) and, on a group row, the scenario's (N)."""

from __future__ import annotations

from rich.text import Text

from tui.app.widgets.diff_lines import ScrollingLines
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.evaluation import Evaluation, step_gain
from tui.core.scoring.peer_groups import PeerGroup
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import t
from tui.presentation.text import edition_words, level_str, n2, n3, number_text


def _level_label(rubric: Rubric, ind: str, level_h: int, lang: str) -> tuple[str, str]:
    whole = max(rubric.meta.scale_min, min(rubric.meta.scale_max, level_h // 100))
    name = rubric.level_name(ind, whole, lang)
    return (f" {name}" if name else ""), rubric.level_text(ind, whole)


def _evidence(rubric: Rubric, ind: str, level_h: int, lang: str) -> list[Text]:
    """The evidence a whole level asks for, as one line of items; none where the rubric has none."""
    whole = max(rubric.meta.scale_min, min(rubric.meta.scale_max, level_h // 100))
    items = rubric.level_evidence(ind, whole)
    if not items:
        return []
    doubt = f" ({t('evidence_uncertain', lang)})" if whole in rubric.by_id[ind].uncertain_levels else ""
    return [Text.assemble((f"  {t('detail_evidence', lang, level=whole)}{doubt}: ", "italic"), "; ".join(items),
                          style="dim")]


class DetailPanel(ScrollingLines):
    def show_indicator(self, rubric: Rubric, scenario: Scenario, ind: str, lang: str) -> None:
        info = rubric.by_id[ind]
        base, target = scenario.baseline[ind], scenario.level(ind)
        blocks = [Text(f"{info.id}. {info.name}", style="bold")]
        name, req = _level_label(rubric, ind, base, lang)
        blocks.append(Text.assemble((f"{t('detail_current', lang, level=level_str(base, lang), name=name)}: ", "bold"),
                                    req))
        blocks += _evidence(rubric, ind, base, lang)
        if info.external is not None:
            blocks.append(external_block(rubric, scenario, ind, lang))
        # What stays while the target moves comes first, so a keystroke repaints only the lines
        # below it: the notes, then the target, the next level and its gain.
        own = scenario.indicator_notes.get(ind)
        if own:
            blocks.append(Text.assemble((f"{t('detail_your_note', lang)}: ", "bold"), own))
        else:
            blocks.append(Text(t("detail_no_note", lang), style="dim"))
        if info.note:
            blocks.append(Text(f"{t('detail_note', lang)}: {info.note}", style="dim"))
        if target != base:
            name, req = _level_label(rubric, ind, target, lang)
            blocks.append(Text.assemble(
                (f"{t('detail_target', lang, level=level_str(target, lang), name=name)}: ", "bold"), req))
        if target < rubric.scale_max_h:
            # What + would ask for, read before pressing it.
            nxt = min(rubric.scale_max_h, (target // 100 + 1) * 100)
            name, req = _level_label(rubric, ind, nxt, lang)
            blocks.append(Text.assemble(
                (f"{t('detail_next_level', lang, level=level_str(nxt, lang), name=name)}: ", "bold"), req))
            blocks += _evidence(rubric, ind, nxt, lang)
            blocks.append(Text(t("detail_next", lang, gain=n3(step_gain(rubric, ind, target, nxt), lang))))
        else:
            blocks.append(Text(t("detail_top", lang)))
        self.set_blocks(blocks)

    def show_group(self, name: str, base: Evaluation, scen: Evaluation, group_id: str, lang: str,
                   notes: str = "", beside: PeerGroup | None = None) -> None:
        """A domain or aspect row: its index, and beside it the cohort's (``beside``) where known."""
        values = {**base.domains, **base.aspects}, {**scen.domains, **scen.aspects}
        blocks = [Text(t("detail_group", lang, name=f"{group_id} {name}", base=n2(values[0][group_id], lang),
                         scen=n2(values[1][group_id], lang)))]
        if beside is not None:
            blocks.append(Text(t("detail_cohort_group", lang, n=beside.n, mean=n2(beside.mean, lang),
                                 median=n2(beside.median, lang), best=n2(beside.best, lang),
                                 who=", ".join(beside.best_names))))
        if notes:
            blocks.append(Text.assemble((f"{t('detail_scenario_notes', lang)}: ", "bold"), notes))
        self.set_blocks(blocks)


def external_block(rubric: Rubric, scenario: Scenario, ind: str, lang: str) -> Text:
    """Where an externally scored indicator's value comes from, and which index gives it."""
    ext = rubric.by_id[ind].external
    assert ext is not None
    agency = f", {ext.agency}" if ext.agency else ""
    parts = [t("detail_external", lang, index=ext.index, name=ext.name, agency=agency)]
    for key, indices, value in (("detail_external_base", scenario.external, scenario.baseline[ind]),
                                ("detail_external_target", scenario.external_target, scenario.level(ind))):
        if ind in indices:
            got = number_text(indices[ind], lang)
            line = t(key, lang, index=ext.index, got=got, value=level_str(value, lang))
            edition = scenario.editions.get(ind) if key == "detail_external_base" else None
            parts.append(f"{line[:-1]} ({edition_words(edition, lang)})." if edition else line)
    if ind not in scenario.external:
        parts.append(t("detail_external_none", lang, index=ext.index))
    parts.append(t("detail_external_keys", lang, index=ext.index))
    return Text(" ".join(parts), style="italic")
