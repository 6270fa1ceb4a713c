"""The indicator table, grouped by domain and aspect, with collapsible group rows.

A line-API widget rather than a DataTable: each row is rendered once into a cached Strip, and a
keystroke re-renders only the rows it changed (the edited indicator and its aspect and domain).
A DataTable invalidates every row on any cell update, which cost ~40 ms per key (bench/).

What the rows are, and what each cell says and means, is the pure TableModel's
(tui/app/widgets/table_model.py); this widget draws it, with styles from the theme's component classes.
Line 0 is a fixed header.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
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

from tui.app.widgets.table_model import COLUMNS, Cell, CellKind, ModelRow, RowKey, TableModel
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.evaluation import Evaluation
from tui.core.scoring.rubric import Rubric

NAME_WIDTH = 26  # the least the name column gets; it takes whatever width the table has free
MAX_NAME_WIDTH = 72
WIDTHS = (3, NAME_WIDTH, 5, 5, 6, 7)
RIGHT = {"weight", "base"}


def widths_for(total: int) -> tuple[int, ...]:
    """Column widths for a table ``total`` cells wide: the name column grows into the free room."""
    fixed = sum(WIDTHS) - NAME_WIDTH + len(WIDTHS)  # the other columns and every one-cell gap
    name = max(NAME_WIDTH, min(MAX_NAME_WIDTH, total - fixed))
    return (WIDTHS[0], name, *WIDTHS[2:])


@cache  # a handful of widths per terminal size; asked on every keystroke
def column_xs(widths: tuple[int, ...]) -> tuple[int, ...]:
    """Where each column starts on the line: the widths before it plus one-cell gaps."""
    return tuple(sum(w + 1 for w in widths[:k]) for k in range(len(widths)))


Row = ModelRow
# Each kind of cell takes the style of one component class, so colours come from the theme.
KIND_CLASSES: dict[CellKind, str] = {"muted": "indicator-table--muted", "group": "indicator-table--group",
                                     "group-muted": "indicator-table--group-muted",
                                     "changed": "indicator-table--changed"}


class IndicatorTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    IndicatorTable { background: $surface; }
    IndicatorTable > .indicator-table--header { text-style: bold; background: $panel; }
    IndicatorTable > .indicator-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    IndicatorTable:blur > .indicator-table--cursor { background: $block-cursor-blurred-background;
        text-style: none; }
    IndicatorTable > .indicator-table--muted { text-style: dim; }
    IndicatorTable > .indicator-table--group { text-style: bold; }
    IndicatorTable > .indicator-table--group-muted { text-style: bold dim; }
    IndicatorTable > .indicator-table--changed { color: $warning; text-style: bold; }
    """
    COMPONENT_CLASSES = {"indicator-table--header", "indicator-table--cursor", *KIND_CLASSES.values()}
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
        def __init__(self, key: RowKey | None) -> None:
            super().__init__()
            self.key = key

    class Selected(Message):
        def __init__(self, key: RowKey) -> None:
            super().__init__()
            self.key = key

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(**kw)
        self.model: TableModel | None = None
        self.rows: list[Row] = []
        self.index: dict[RowKey, int] = {}
        self.cursor = 0
        self._strips: dict[RowKey, Strip] = {}
        self._cursor_strip: tuple[RowKey, Strip] | None = None  # (row key, the row drawn with its marker)
        # (base, header, cursor) styles and one per kind of cell: resolving them walks the
        # ancestors' styles, which cost more than drawing the row; they change only with the styles.
        self._styles: tuple[Style, Style, Style] | None = None
        self._kind_styles: dict[str, Style | None] | None = None
        self.widths: tuple[int, ...] = WIDTHS

    # -- data -------------------------------------------------------------------------------------
    def setup(self, rubric: Rubric, lang: str) -> None:
        self.model = TableModel(rubric, lang)

    @property
    def collapsed(self) -> set[str]:
        return self._model.collapsed

    @property
    def filter_text(self) -> str:
        return self._model.filter_text

    @filter_text.setter
    def filter_text(self, text: str) -> None:
        self._model.filter_text = text

    @property
    def _model(self) -> TableModel:
        assert self.model is not None, "setup() first"
        return self.model

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row_keys(self) -> list[RowKey]:
        return [r.key for r in self.rows]

    def rebuild(self, scenario: Scenario, base: Evaluation, scen: Evaluation) -> None:
        current = self.current_key()
        rows = self._model.rows(scenario, base, scen)
        self.rows = rows
        self.index = {r.key: i for i, r in enumerate(rows)}
        self._strips.clear()
        self._cursor_strip = None
        self.virtual_size = Size(sum(self.widths) + len(self.widths), len(rows) + 1)
        if current in self.index:
            self.cursor = self.index[current]
        else:
            self.cursor = next((i for i, r in enumerate(rows) if not r.key.is_group), 0)
        self._scroll_to_cursor()
        self.refresh()

    def update_indicators(self, scenario: Scenario, base: Evaluation, scen: Evaluation, ids: set[str]) -> None:
        """Re-render only the rows the changed indicators touch (their own, aspect and domain)."""
        model = self._model
        regions: list[Region] = []
        for key in dict.fromkeys(k for ind in ids for k in model.touched_by(ind)):
            regions += self._replace(key, partial(model.row, key, scenario, base, scen))
        if regions:
            self.refresh(*regions)  # one refresh for all: each call has a fixed cost

    def _replace(self, key: RowKey, make: Callable[[], Row]) -> list[Region]:
        """Put a row's new cells in place; returns the on-screen regions that now differ."""
        i = self.index.get(key)
        if i is None:
            return []
        before = self.rows[i].cells
        row = make()
        after = row.cells
        if after == before:
            return []
        self.rows[i] = row
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
        return [Region(x, y, width, 1) for x, width in _changed_columns(before, after, self.widths)]

    # -- rendering (line API) ---------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._cursor_strip = None
        self._styles = None
        self._kind_styles = None

    def _cell_styles(self) -> dict[str, Style | None]:
        if self._kind_styles is None:
            self._kind_styles = {"": None, **{kind: self.get_component_rich_style(name, partial=True)
                                              for kind, name in KIND_CLASSES.items()}}
        return self._kind_styles

    def _strip(self, row: Row) -> Strip:
        strip = self._strips.get(row.key)
        if strip is None:
            strip = self._strips[row.key] = Strip(_segments(row.cells, self._cell_styles(), self.widths))
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
            return Strip(_segments(self._model.header(), {}, self.widths)).crop(scroll_x, scroll_x + width) \
                .apply_style(header).extend_cell_length(width, header)
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
            (text, kind), *rest = row.cells
            marked = Strip(_segments((("▶" + text, kind), *rest), self._cell_styles(), self.widths))
            self._cursor_strip = (row.key, marked)
        return list(self._cursor_strip[1])

    # -- cursor -----------------------------------------------------------------------------------
    def current_key(self) -> RowKey | None:
        return self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None

    def current_indicator(self) -> str | None:
        key = self.current_key()
        return key.id if key is not None and not key.is_group else None

    def move_cursor(self, row: int) -> None:
        if not self.rows:
            return
        row = max(0, min(len(self.rows) - 1, row))
        if row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        self._scroll_to_cursor()
        self._refresh_row(old)
        self._refresh_row(row)
        self.post_message(self.Highlighted(self.current_key()))

    def _refresh_row(self, i: int) -> None:
        """Repaint row i (line i + 1 of the virtual content: line 0 is the header)."""
        self.refresh_lines(i + 1)

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        widths = widths_for(self.scrollable_content_region.width)  # the scrollbar's columns excluded
        if widths != self.widths:  # the name column follows the terminal's width
            self.widths = widths
            self._strips.clear()
            self._cursor_strip = None
            self.virtual_size = Size(sum(widths) + len(widths), len(self.rows) + 1)
            self.refresh()
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
        return self._model.toggle(self.current_key())


def _segments(cells: tuple[Cell, ...], styles: dict[str, Style | None],
              widths: tuple[int, ...] = WIDTHS) -> list[Segment]:
    """One row's cells, cut or padded to the column widths, as segments in their kinds' styles."""
    out: list[Segment] = []
    for col, width, (text, kind) in zip(COLUMNS, widths, cells, strict=True):
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        pad = " " * (width - cell_len(text))
        # The gap after a cell takes the cell's style so that neighbours styled alike merge into
        # one segment: fewer escape sequences for the terminal to parse.
        out.append(Segment((pad + text if col in RIGHT else text + pad) + " ", styles.get(kind)))
    return list(Segment.simplify(out))


COLUMN_X = column_xs(WIDTHS)


def _changed_columns(before: tuple[Cell, ...], after: tuple[Cell, ...],
                     widths: tuple[int, ...] = WIDTHS) -> list[tuple[int, int]]:
    """(x, width) of the runs of neighbouring columns whose cells differ, gaps included."""
    runs: list[tuple[int, int]] = []
    xs = column_xs(widths)
    for k, (old, new) in enumerate(zip(before, after, strict=True)):
        if old == new:
            continue
        x, width = xs[k], widths[k] + 1
        if runs and runs[-1][0] + runs[-1][1] == x:
            runs[-1] = (runs[-1][0], runs[-1][1] + width)
        else:
            runs.append((x, width))
    return runs
