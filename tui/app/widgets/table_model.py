"""The indicator table's rows as data: which rows show, in which order, what each cell says.

Pure (no Textual): the filter and the folded groups live here, rows have typed keys, and a cell
carries what it *means* (changed, muted, a group total), which the widget turns into a style from
the theme. The widget (tui/app/widgets/indicator_table.py) only draws what this model gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tui.core.scenario.evidence import missing_levels
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.evaluation import Evaluation, step_gain
from tui.core.scoring.rubric import Aspect, Rubric
from tui.presentation.catalogue import t
from tui.presentation.text import level_str, n2, n3

RowKind = Literal["domain", "aspect", "indicator"]
# What a cell means; the widget maps each to a component style of the theme.
CellKind = Literal["", "muted", "group", "group-muted", "changed"]
Cell = tuple[str, CellKind]

COLUMNS = ("id", "name", "weight", "base", "target", "delta")


@dataclass(frozen=True, slots=True)
class RowKey:
    kind: RowKind
    id: str

    @property
    def is_group(self) -> bool:
        return self.kind != "indicator"


@dataclass(frozen=True, slots=True)
class ModelRow:
    key: RowKey
    cells: tuple[Cell, ...]


def _matches(rubric: Rubric, ind: str, needle: str) -> bool:
    info = rubric.by_id[ind]
    return needle == ind or needle in info.short.casefold() or needle in info.name.casefold()


@dataclass
class TableModel:
    rubric: Rubric
    lang: str = "id"
    collapsed: set[str] = field(default_factory=set)  # ids of folded domains and aspects
    filter_text: str = ""

    def header(self) -> tuple[Cell, ...]:
        return tuple((t(f"col_{c}", self.lang), "") for c in COLUMNS)

    def rows(self, scenario: Scenario, base: Evaluation, scen: Evaluation) -> list[ModelRow]:
        """The rows that show: groups and indicators in rubric order, filtered and folded."""
        rubric = self.rubric
        needle = self.filter_text.strip().casefold()
        groups: list[tuple[str | None, list[Aspect]]] = \
            [(d.id, rubric.aspects_of(d.id)) for d in rubric.domains] or [(None, rubric.aspects)]
        out: list[ModelRow] = []
        for domain_id, aspects in groups:
            visible = {a.id: [i.id for i in rubric.members(a.id) if not needle or _matches(rubric, i.id, needle)]
                       for a in aspects}
            if needle and not any(visible.values()):
                continue
            if domain_id is not None:
                out.append(self.row(RowKey("domain", domain_id), scenario, base, scen))
                if domain_id in self.collapsed and not needle:
                    continue
            for a in aspects:
                if needle and not visible[a.id]:
                    continue
                out.append(self.row(RowKey("aspect", a.id), scenario, base, scen))
                if a.id in self.collapsed and not needle:
                    continue
                out.extend(self.row(RowKey("indicator", ind), scenario, base, scen) for ind in visible[a.id])
        return out

    def touched_by(self, indicator_id: str) -> list[RowKey]:
        """The rows an indicator's change alters: its own, its aspect's and its domain's."""
        aspect = self.rubric.aspect_by_id[self.rubric.by_id[indicator_id].aspect]
        keys = [RowKey("indicator", indicator_id), RowKey("aspect", aspect.id)]
        return keys + ([RowKey("domain", aspect.domain)] if aspect.domain else [])

    def row(self, key: RowKey, scenario: Scenario, base: Evaluation, scen: Evaluation) -> ModelRow:
        if key.kind == "indicator":
            return ModelRow(key, self._indicator_cells(scenario, key.id))
        return ModelRow(key, self._group_cells(key, base, scen))

    def toggle(self, key: RowKey | None) -> bool:
        """Fold or unfold a group row; False for an indicator (nothing to fold)."""
        if key is None or not key.is_group:
            return False
        self.collapsed ^= {key.id}
        return True

    def _group_cells(self, key: RowKey, base: Evaluation, scen: Evaluation) -> tuple[Cell, ...]:
        rubric, lang = self.rubric, self.lang
        is_domain = key.kind == "domain"
        name = (rubric.domain_by_id[key.id] if is_domain else rubric.aspect_by_id[key.id]).name
        arrow = "▸" if key.id in self.collapsed else "▾"
        weight_h = (rubric.domain_weight_h if is_domain else rubric.aspect_weight_h)[key.id]
        b = (base.domains if is_domain else base.aspects)[key.id]
        s = (scen.domains if is_domain else scen.aspects)[key.id]
        changed = s != b
        kind: CellKind = "group" if is_domain or changed else "group-muted"
        indent = "" if is_domain or not rubric.domains else " "
        return (("", ""), (f"{indent}{arrow} {key.id} {name}", kind),
                (n2(rubric.weight_percent(weight_h), lang), "muted"), (n2(b, lang), kind),
                (n2(s, lang), "changed" if changed else kind),
                (n2(s - b, lang, sign=True) if changed else "", "changed"))

    def _indicator_cells(self, scenario: Scenario, ind: str) -> tuple[Cell, ...]:
        rubric, lang = self.rubric, self.lang
        info = rubric.by_id[ind]
        base, target = scenario.baseline[ind], scenario.level(ind)
        changed = target != base
        mark: CellKind = "changed" if changed else ""
        # A glyph as well as a colour: with NO_COLOR or a monochrome terminal the colour is gone.
        # An indicator scored by another agency's index says which ("[SDI]").
        name = info.short + (f" [{info.external.index}]" if info.external else "")
        # Once a team records evidence, a raised target without evidence for every level gets "!".
        lacking = changed and bool(scenario.evidence) and target > base and bool(
            missing_levels(base, target, [it for it in scenario.evidence if it.indicator == ind]))
        glyph = "●!" if lacking else "● " if changed else "  "
        return ((ind, mark), (glyph + name, mark),
                (n2(rubric.weight_percent(rubric.weight_h[ind]), lang), "muted"),
                (level_str(base, lang), ""),
                (f"→ {level_str(target, lang)}" if changed else "·", mark),
                (n3(step_gain(rubric, ind, base, target), lang) if changed else "", mark))
