"""The indicator table, grouped by domain and aspect, with collapsible group rows.

Row keys: ``d:<domain>``, ``a:<aspect>``, ``i:<indicator>``. A keystroke updates only the edited
indicator's row and its group rows; the whole table is rebuilt only when the filter or the
collapsed groups change.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from tui.app.formatting import level_str, n2, n3
from tui.core.numbers import hundredths_to_decimal
from tui.core.rubric import Rubric
from tui.core.scenario import Scenario
from tui.core.scoring import Evaluation, step_gain
from tui.i18n import t

COLUMNS = ("id", "name", "weight", "base", "target", "delta")
NAME_WIDTH = 26


def _matches(rubric: Rubric, ind: str, needle: str) -> bool:
    info = rubric.by_id[ind]
    return needle == ind or needle in info.short.casefold() or needle in info.name.casefold()


class IndicatorTable(DataTable[Text | str]):
    def __init__(self, **kw: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kw)  # type: ignore[arg-type]
        self.rubric: Rubric | None = None
        self.lang = "id"
        self.collapsed: set[str] = set()
        self.filter_text = ""

    def setup(self, rubric: Rubric, lang: str) -> None:
        self.rubric, self.lang = rubric, lang
        self.clear(columns=True)
        widths = (3, NAME_WIDTH, 5, 5, 6, 7)
        for key, width in zip(COLUMNS, widths, strict=True):
            self.add_column(t(f"col_{key}", lang), width=width, key=key)

    # -- building ------------------------------------------------------------------------------
    def rebuild(self, scenario: Scenario, base: Evaluation, scen: Evaluation) -> None:
        rubric = self.rubric
        assert rubric is not None
        current = self.current_key()
        self.clear()
        needle = self.filter_text.strip().casefold()
        groups = [(d.id, d.name, rubric.aspects_of(d.id)) for d in rubric.domains] or [(None, "", rubric.aspects)]
        for domain_id, domain_name, aspects in groups:
            visible = {a.id: [i.id for i in rubric.members(a.id) if not needle or _matches(rubric, i.id, needle)]
                       for a in aspects}
            if needle and not any(visible.values()):
                continue
            if domain_id is not None:
                self.add_row(*self._group_cells(domain_id, domain_name, base, scen, True), key=f"d:{domain_id}")
                if domain_id in self.collapsed and not needle:
                    continue
            for a in aspects:
                if needle and not visible[a.id]:
                    continue
                self.add_row(*self._group_cells(a.id, a.name, base, scen, False), key=f"a:{a.id}")
                if a.id in self.collapsed and not needle:
                    continue
                for ind in visible[a.id]:
                    self.add_row(*self._indicator_cells(scenario, ind), key=f"i:{ind}")
        self._restore_cursor(current)

    def _restore_cursor(self, key: str | None) -> None:
        if not self.row_count:
            return
        keys = [row.key.value for row in self.ordered_rows]
        if key in keys:
            self.move_cursor(row=keys.index(key), animate=False)
        else:
            first = next((i for i, k in enumerate(keys) if k and k.startswith("i:")), 0)
            self.move_cursor(row=first, animate=False)

    def _group_cells(self, gid: str, name: str, base: Evaluation, scen: Evaluation,
                     is_domain: bool) -> tuple[Text | str, ...]:
        assert self.rubric is not None
        lang = self.lang
        closed = gid in self.collapsed
        arrow = "▸" if closed else "▾"
        weight_h = (self.rubric.domain_weight_h if is_domain else self.rubric.aspect_weight_h)[gid]
        b = (base.domains if is_domain else base.aspects)[gid]
        s = (scen.domains if is_domain else scen.aspects)[gid]
        style = "bold" if is_domain else "bold dim" if s == b else "bold"
        indent = "" if is_domain or not self.rubric.domains else " "
        label = Text(f"{indent}{arrow} {gid} {name}"[:NAME_WIDTH], style=style)
        changed = s != b
        return (Text(""), label, Text(n2(hundredths_to_decimal(weight_h), lang), style="dim"),
                Text(n2(b, lang), style=style), Text(n2(s, lang), style="bold yellow" if changed else style),
                Text(n2(s - b, lang, sign=True) if changed else "", style="bold yellow"))

    def _indicator_cells(self, scenario: Scenario, ind: str) -> tuple[Text | str, ...]:
        rubric = self.rubric
        assert rubric is not None
        info = rubric.by_id[ind]
        base, target = scenario.baseline[ind], scenario.level(ind)
        changed = target != base
        mark = "bold yellow" if changed else ""
        gain = step_gain(rubric, ind, base, target)
        return (Text(ind, style=mark), Text(("● " if changed else "  ") + info.short, style=mark),
                Text(n2(hundredths_to_decimal(rubric.weight_h[ind]), self.lang), style="dim"),
                level_str(base, self.lang),
                Text(f"→ {level_str(target, self.lang)}" if changed else "·", style=mark),
                Text(n3(gain, self.lang) if changed else "", style=mark))

    # -- live updates (keystroke path: only what changed) ------------------------------------------
    def update_indicators(self, scenario: Scenario, base: Evaluation, scen: Evaluation, ids: set[str]) -> None:
        assert self.rubric is not None
        keys = {row.key.value for row in self.ordered_rows}
        groups: set[tuple[str, bool]] = set()
        for ind in ids:
            aspect = self.rubric.by_id[ind].aspect
            groups.add((aspect, False))
            domain = self.rubric.aspect_by_id[aspect].domain
            if domain:
                groups.add((domain, True))
            if f"i:{ind}" in keys:
                for col, value in zip(COLUMNS, self._indicator_cells(scenario, ind), strict=True):
                    self.update_cell(f"i:{ind}", col, value)
        for gid, is_domain in groups:
            key = f"{'d' if is_domain else 'a'}:{gid}"
            if key in keys:
                group = self.rubric.domain_by_id[gid] if is_domain else self.rubric.aspect_by_id[gid]
                cells = self._group_cells(gid, group.name, base, scen, is_domain)
                for col, value in zip(COLUMNS, cells, strict=True):
                    self.update_cell(key, col, value)

    # -- queries --------------------------------------------------------------------------------
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # the cursor can sit past the end right after a rebuild
            return None
        return row_key.value

    def current_indicator(self) -> str | None:
        key = self.current_key()
        return key[2:] if key and key.startswith("i:") else None

    def toggle_current_group(self) -> bool:
        key = self.current_key()
        if not key or key.startswith("i:"):
            return False
        gid = key[2:]
        self.collapsed ^= {gid}
        return True
