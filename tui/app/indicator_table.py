"""The indicator table, grouped by domain and aspect, with collapsible group rows.

A line-API widget rather than a DataTable: each row is rendered once into a cached Strip, and a
keystroke re-renders only the rows it changed (the edited indicator and its aspect and domain).
A DataTable invalidates every row on any cell update, which cost ~40 ms per key (bench/).

Row keys: ``d:<domain>``, ``a:<aspect>``, ``i:<indicator>``. Line 0 is a fixed header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.numbers import hundredths_to_decimal
from tui.core.rubric import Aspect, Rubric
from tui.core.scenario import Scenario
from tui.core.scoring import Evaluation, step_gain
from tui.presentation.catalogue import t
from tui.presentation.text import level_str, n2, n3

COLUMNS = ("id", "name", "weight", "base", "target", "delta")
NAME_WIDTH = 26
WIDTHS = (3, NAME_WIDTH, 5, 5, 6, 7)
RIGHT = {"weight", "base"}


def _matches(rubric: Rubric, ind: str, needle: str) -> bool:
    info = rubric.by_id[ind]
    return needle == ind or needle in info.short.casefold() or needle in info.name.casefold()


# A cell is its text and a Rich style string: rows are built and drawn on every keystroke, and
# plain pairs turn into segments without Rich's Text machinery (about ten times faster).
Cell = tuple[str, str]


@dataclass
class Row:
    key: str
    cells: tuple[Cell, ...]


class IndicatorTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    IndicatorTable { background: $surface; }
    IndicatorTable > .indicator-table--header { text-style: bold; background: $panel; }
    IndicatorTable > .indicator-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    IndicatorTable:blur > .indicator-table--cursor { background: $block-cursor-blurred-background;
        text-style: none; }
    """
    COMPONENT_CLASSES = {"indicator-table--header", "indicator-table--cursor"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False, id="table-up"),
        Binding("down", "cursor(1)", show=False, id="table-down"),
        Binding("pageup", "page(-1)", show=False, id="table-page-up"),
        Binding("pagedown", "page(1)", show=False, id="table-page-down"),
        Binding("home", "jump(0)", show=False, id="table-home"),
        Binding("end", "jump(-1)", show=False, id="table-end"),
        Binding("enter", "select", show=False, id="table-select"),
    ]

    class Highlighted(Message):
        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    class Selected(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(**kw)
        self.rubric: Rubric | None = None
        self.lang = "id"
        self.collapsed: set[str] = set()
        self.filter_text = ""
        self.rows: list[Row] = []
        self.index: dict[str, int] = {}
        self.cursor = 0
        self._strips: dict[str, Strip] = {}
        self._cursor_strip: tuple[str, Strip] | None = None  # (row key, the row drawn with its marker)
        self._header: list[Segment] = []
        # (base, header, cursor) styles: resolving them walks the ancestors' styles, which cost
        # more than drawing the row; they change only when the styles do (focus, theme).
        self._styles: tuple[Style, Style, Style] | None = None

    # -- data -------------------------------------------------------------------------------------
    def setup(self, rubric: Rubric, lang: str) -> None:
        self.rubric, self.lang = rubric, lang
        self._header = _segments(tuple((t(f"col_{c}", lang), "") for c in COLUMNS))

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row_keys(self) -> list[str]:
        return [r.key for r in self.rows]

    def rebuild(self, scenario: Scenario, base: Evaluation, scen: Evaluation) -> None:
        rubric = self.rubric
        assert rubric is not None
        current = self.current_key()
        rows: list[Row] = []
        needle = self.filter_text.strip().casefold()
        groups: list[tuple[str | None, str, list[Aspect]]] = \
            [(d.id, d.name, rubric.aspects_of(d.id)) for d in rubric.domains] or [(None, "", rubric.aspects)]
        for domain_id, domain_name, aspects in groups:
            visible = {a.id: [i.id for i in rubric.members(a.id) if not needle or _matches(rubric, i.id, needle)]
                       for a in aspects}
            if needle and not any(visible.values()):
                continue
            if domain_id is not None:
                rows.append(Row(f"d:{domain_id}", self._group_cells(domain_id, domain_name, base, scen, True)))
                if domain_id in self.collapsed and not needle:
                    continue
            for a in aspects:
                if needle and not visible[a.id]:
                    continue
                rows.append(Row(f"a:{a.id}", self._group_cells(a.id, a.name, base, scen, False)))
                if a.id in self.collapsed and not needle:
                    continue
                rows.extend(Row(f"i:{ind}", self._indicator_cells(scenario, ind)) for ind in visible[a.id])
        self.rows = rows
        self.index = {r.key: i for i, r in enumerate(rows)}
        self._strips.clear()
        self._cursor_strip = None
        self.virtual_size = Size(sum(WIDTHS) + len(WIDTHS), len(rows) + 1)
        if current in self.index:
            self.cursor = self.index[current]
        else:
            self.cursor = next((i for i, r in enumerate(rows) if r.key.startswith("i:")), 0)
        self._scroll_to_cursor()
        self.refresh()

    def update_indicators(self, scenario: Scenario, base: Evaluation, scen: Evaluation, ids: set[str]) -> None:
        """Re-render only the rows of the changed indicators and of their aspects and domains."""
        rubric = self.rubric
        assert rubric is not None
        regions: list[Region] = []
        for ind in ids:
            regions += self._replace(f"i:{ind}", partial(self._indicator_cells, scenario, ind))
            aspect = rubric.aspect_by_id[rubric.by_id[ind].aspect]
            regions += self._replace(f"a:{aspect.id}",
                                     partial(self._group_cells, aspect.id, aspect.name, base, scen, False))
            if aspect.domain:
                d = rubric.domain_by_id[aspect.domain]
                regions += self._replace(f"d:{d.id}", partial(self._group_cells, d.id, d.name, base, scen, True))
        if regions:
            self.refresh(*regions)  # one refresh for all: each call has a fixed cost

    def _replace(self, key: str, cells: Callable[[], tuple[Cell, ...]]) -> list[Region]:
        """Put new cells in a row; returns the on-screen regions that now differ."""
        i = self.index.get(key)
        if i is None:
            return []
        before = self.rows[i].cells
        after = cells()
        if after == before:
            return []
        self.rows[i] = Row(key, after)
        self._strips.pop(key, None)
        if self._cursor_strip is not None and self._cursor_strip[0] == key:
            self._cursor_strip = None
        y = i - int(self.scroll_offset.y) + 1
        if not 1 <= y < self.size.height:
            return []  # scrolled out of view: drawn afresh when it comes back
        if self.scroll_offset.x:
            return [Region(0, y, self.size.width, 1)]
        # Columns have fixed widths, so a changed cell is a known stretch of the line: a level
        # change repaints a few of the row's 60-odd cells without comparing them one by one.
        return [Region(x, y, width, 1) for x, width in _changed_columns(before, after)]

    # -- cells ------------------------------------------------------------------------------------
    def _group_cells(self, gid: str, name: str, base: Evaluation, scen: Evaluation,
                     is_domain: bool) -> tuple[Cell, ...]:
        assert self.rubric is not None
        lang = self.lang
        arrow = "▸" if gid in self.collapsed else "▾"
        weight_h = (self.rubric.domain_weight_h if is_domain else self.rubric.aspect_weight_h)[gid]
        b = (base.domains if is_domain else base.aspects)[gid]
        s = (scen.domains if is_domain else scen.aspects)[gid]
        changed = s != b
        style = "bold" if is_domain or changed else "bold dim"
        indent = "" if is_domain or not self.rubric.domains else " "
        return (("", ""), (f"{indent}{arrow} {gid} {name}", style),
                (n2(hundredths_to_decimal(weight_h), lang), "dim"), (n2(b, lang), style),
                (n2(s, lang), "bold yellow" if changed else style),
                (n2(s - b, lang, sign=True) if changed else "", "bold yellow"))

    def _indicator_cells(self, scenario: Scenario, ind: str) -> tuple[Cell, ...]:
        rubric = self.rubric
        assert rubric is not None
        info = rubric.by_id[ind]
        base, target = scenario.baseline[ind], scenario.level(ind)
        changed = target != base
        mark = "bold yellow" if changed else ""
        return ((ind, mark), (("● " if changed else "  ") + info.short, mark),
                (n2(hundredths_to_decimal(rubric.weight_h[ind]), self.lang), "dim"),
                (level_str(base, self.lang), ""),
                (f"→ {level_str(target, self.lang)}" if changed else "·", mark),
                (n3(step_gain(rubric, ind, base, target), self.lang) if changed else "", mark))

    # -- rendering (line API) ---------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._cursor_strip = None
        self._styles = None

    def _strip(self, row: Row) -> Strip:
        strip = self._strips.get(row.key)
        if strip is None:
            strip = self._strips[row.key] = Strip(_segments(row.cells))
        return strip

    def _resolved_styles(self) -> tuple[Style, Style, Style]:
        if self._styles is None:
            base = self.rich_style
            self._styles = (base, base + self.get_component_rich_style("indicator-table--header"),
                            self.get_component_rich_style("indicator-table--cursor"))
        return self._styles

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base, header, cursor = self._resolved_styles()
        if y == 0:
            return Strip(self._header).crop(scroll_x, scroll_x + width).apply_style(header) \
                .extend_cell_length(width, header)
        i = scroll_y + y - 1
        if not 0 <= i < len(self.rows):
            return Strip.blank(width, base)
        segments = self._row_segments(i)
        if i == self.cursor:
            strip = Strip(list(Segment.apply_style(Strip(segments).crop(scroll_x, scroll_x + width), base, cursor)))
            return strip.extend_cell_length(width, base + cursor).simplify()
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.apply_style(base).extend_cell_length(width, base)

    def _row_segments(self, i: int) -> list[Segment]:
        """Row i as drawn, before the widget's own style (the cursor row carries its marker)."""
        row = self.rows[i]
        if i != self.cursor:
            return list(self._strip(row))
        if self._cursor_strip is None or self._cursor_strip[0] != row.key:
            # A glyph as well as a colour: with NO_COLOR or a monochrome terminal the colour is gone.
            (text, style), *rest = row.cells
            self._cursor_strip = (row.key, Strip(_segments((("▶" + text, style), *rest))))
        return list(self._cursor_strip[1])

    # -- cursor -----------------------------------------------------------------------------------
    def current_key(self) -> str | None:
        return self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None

    def current_indicator(self) -> str | None:
        key = self.current_key()
        return key[2:] if key and key.startswith("i:") else None

    def move_cursor(self, row: int) -> None:
        if not self.rows:
            return
        row = max(0, min(len(self.rows) - 1, row))
        if row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        self._scroll_to_cursor()
        self.refresh_line(old - int(self.scroll_offset.y) + 1)
        self.refresh_line(row - int(self.scroll_offset.y) + 1)
        self.post_message(self.Highlighted(self.current_key()))

    def refresh_line(self, y: int) -> None:
        # ScrollView.refresh_line takes a virtual line; ours are offset by the scroll position.
        self.refresh_lines(y + int(self.scroll_offset.y))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * max(1, self.size.height - 2))

    def action_jump(self, where: int) -> None:
        self.move_cursor(len(self.rows) - 1 if where < 0 else 0)

    def action_select(self) -> None:
        key = self.current_key()
        if key is not None:
            self.post_message(self.Selected(key))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(int(self.scroll_offset.y) + event.y - 1)

    def toggle_current_group(self) -> bool:
        key = self.current_key()
        if not key or key.startswith("i:"):
            return False
        self.collapsed ^= {key[2:]}
        return True


def _segments(cells: tuple[Cell, ...]) -> list[Segment]:
    """One row's cells, cut or padded to the column widths, as segments."""
    out: list[Segment] = []
    for col, width, (text, style) in zip(COLUMNS, WIDTHS, cells, strict=True):
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        pad = " " * (width - cell_len(text))
        # The gap after a cell takes the cell's style so that neighbours styled alike merge into
        # one segment: fewer escape sequences for the terminal to parse.
        out.append(Segment((pad + text if col in RIGHT else text + pad) + " ", _style(style)))
    return list(Segment.simplify(out))


# Where each column starts on the line: its width plus the one-cell gap after it.
COLUMN_X = tuple(sum(w + 1 for w in WIDTHS[:k]) for k in range(len(WIDTHS)))


def _changed_columns(before: tuple[Cell, ...], after: tuple[Cell, ...]) -> list[tuple[int, int]]:
    """(x, width) of the runs of neighbouring columns whose cells differ, gaps included."""
    runs: list[tuple[int, int]] = []
    for k, (old, new) in enumerate(zip(before, after, strict=True)):
        if old == new:
            continue
        x, width = COLUMN_X[k], WIDTHS[k] + 1
        if runs and runs[-1][0] + runs[-1][1] == x:
            runs[-1] = (runs[-1][0], runs[-1][1] + width)
        else:
            runs.append((x, width))
    return runs


@lru_cache(maxsize=64)
def _style(name: str) -> Style | None:
    return Style.parse(name) if name else None
