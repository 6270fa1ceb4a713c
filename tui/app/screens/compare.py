"""The compare screen (key c): tick scenario files, see them side by side, open one for editing.

Files come from the current folder and the bundled samples. The scenario being edited, when it
has unsaved changes, is the first entry (marked ●) and starts ticked with its saved file, so the
user sees what the edits changed. The table follows every tick; at 80 columns two files fit side
by side and more scroll sideways (← →), with the row names fixed on the left. Values that are
best in their row are bold and marked with *; indicator rows appear only where the files differ.
A bar chart of the domain (or aspect) indices per file sits under the table when there is room.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Checkbox, DataTable, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from tui.app.actions import COMPARE_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.charts import ChartView, CompareChart
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError
from tui.core.files.guarded import real_path
from tui.core.numbers import in_language
from tui.core.resources import scenarios_dir
from tui.core.scoring.rubric import RubricSet
from tui.core.team.compare import MAX_FILES, Column, Comparison, compare_columns, load_column
from tui.core.team.listing import scenario_files
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text
from tui.presentation.text import comparison_note, n2, rank_text, shorten_apart, shorten_middle

CHART_MIN_W, CHART_MIN_H = 110, 30
NARROW_W = 100  # below this the file list takes less room
MIN_FILE_W = 12  # a file's column: "2,62*" and most of its name


def candidate_files(current: Path | None) -> list[Path]:
    files = scenario_files(Path.cwd()) + scenario_files(scenarios_dir())
    seen: set[Path] = set()
    out = []
    for f in files:
        key = real_path(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    if current is not None and current.resolve() not in seen:
        out.insert(0, current)
    return out


class TickList(SelectionList[int]):
    """A SelectionList whose box shows the tick as a glyph: Textual draws the same "X" in both
    states and tells them apart by colour alone, which NO_COLOR and monochrome terminals lose."""

    TICKED, UNTICKED = "✓", " "

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        # The box is the second segment (left edge, inside, right edge); anything else is left as drawn.
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            option = self.get_option_at_index(int(self.scroll_offset.y) + y)
        except OptionDoesNotExist:
            return strip
        glyph = self.TICKED if option.value in self.selected else self.UNTICKED
        segments[1] = Segment(glyph * len(Checkbox.BUTTON_INNER), segments[1].style)
        return Strip(segments, strip.cell_length)


class CompareScreen(Screen[Path | None]):
    """Dismisses with a file to open for editing, or None."""

    DEFAULT_CSS = """
    CompareScreen { layout: vertical; }
    CompareScreen #cmp-title { height: 1; background: $panel; padding: 0 1; }
    CompareScreen #cmp-body { height: 1fr; }
    CompareScreen #cmp-files { width: 30; height: 1fr; border-right: vkey $panel; }
    CompareScreen.-narrow #cmp-files { width: 22; }
    CompareScreen #cmp-right { width: 1fr; }
    CompareScreen #cmp-note { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    CompareScreen #cmp-table { height: 1fr; }
    CompareScreen #cmp-chart { display: none; height: 14; }
    CompareScreen.-wide #cmp-chart { display: block; }
    """

    ACTIONS = COMPARE_ACTIONS
    BINDINGS = bindings(COMPARE_ACTIONS, "id")
    COMMANDS = {ActionCommands}

    def __init__(self, current: Path | None, rubrics: RubricSet, lang: str,
                 files: list[Path] | None = None, ticked: set[Path] | None = None,
                 working: Column | None = None) -> None:
        """``files``: compare these instead of the working folder's (the room screen passes every
        participant's files, named ``user/file``); ``ticked``: which start ticked; ``working``:
        the scenario being edited, not saved, shown as the first entry."""
        super().__init__()
        localize_bindings(self, bindings(self.ACTIONS, lang))
        self.current, self.rubrics, self.lang = current, rubrics, lang
        self.explicit = files is not None
        self.working = working
        # None stands for the working scenario: it has no file of its own.
        found: list[Path] = files if files is not None else candidate_files(current)
        self.files: list[Path | None] = [None, *found] if working is not None else list(found)
        self.ticked = {p.resolve() for p in ticked} if ticked else ({current.resolve()} if current else set())
        self._columns: dict[Path, Column | str] = {}  # loaded once per visit; str = the error

    def compose(self) -> ComposeResult:
        yield Static(Text(t("compare_title", self.lang), style="bold"), id="cmp-title")
        with Horizontal(id="cmp-body"):
            yield TickList(*[(label, k, f is None or f.resolve() in self.ticked)
                             for k, (f, label) in enumerate(zip(self.files, self._labels(), strict=True))],
                           id="cmp-files")
            with Vertical(id="cmp-right"):
                yield Static(id="cmp-note")
                # The row names stay in view while the files scroll sideways.
                yield DataTable(id="cmp-table", zebra_stripes=True, cursor_type="row", fixed_columns=1)
                yield ChartView(id="cmp-chart")
        yield KeyFooter(fit=True)

    def _labels(self) -> list[str]:
        """The list's lines, in the list's width less its tick box, told apart: names cut in the
        middle keep their telling end; alike ones give up the start they share instead."""
        room = (22 if self.app.size.width < NARROW_W else 30) - 8
        names = [f"{f.parent.name}/{f.name}" if self.explicit else f.name for f in self.files if f is not None]
        shown = iter(shorten_apart(names, room))
        labels = []
        for f in self.files:
            if f is None:  # the marker stays whole; the name gives way
                marker = t("compare_working", self.lang, name="")
                name = self.working.label if self.working else ""
                labels.append(t("compare_working", self.lang, name=shorten_middle(name, max(6, room - len(marker)))))
            else:
                labels.append(next(shown))
        return labels

    def _head(self, c: Column) -> str:
        if c is self.working:
            return f"● {c.label}"
        # In a room many participants keep a file of the same name: say whose it is.
        return f"{c.path.parent.name}/{c.label}" if self.explicit else c.label

    def _table_width(self, table: DataTable[Any]) -> int:
        # Before the first layout the table has no size yet: what the file list leaves.
        return table.size.width or self.app.size.width - (22 if self.has_class("-narrow") else 30) - 1

    def _widths(self, table: DataTable[Any], count: int) -> tuple[int, int]:
        """The row names' width and each file's: names get up to 26 cells while two files of 16
        still fit beside them; past two, files share the rest (at least 12) and scroll sideways."""
        room = self._table_width(table)
        label = max(16, min(26, room - 2 * (16 + 2) - 2))
        per_file = (room - label - 2 - 2 * count) // max(1, count)
        return label, max(MIN_FILE_W, min(28, per_file))

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        self._resize_classes()
        self.refresh_comparison()

    def on_resize(self) -> None:
        self._resize_classes()

    def _resize_classes(self) -> None:
        w, h = self.app.size  # the screen's own size is not known yet when it mounts
        self.set_class(w >= CHART_MIN_W and h >= CHART_MIN_H, "-wide")
        self.set_class(w < NARROW_W, "-narrow")

    def _column(self, path: Path | None) -> Column | str:
        if path is None:
            assert self.working is not None  # None is listed only with a working scenario
            return self.working
        if path not in self._columns:
            try:
                self._columns[path] = load_column(path, self.rubrics)
            except InputError as exc:
                self._columns[path] = error_text(exc, self.lang)
        return self._columns[path]

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        self.refresh_comparison()

    def selected_paths(self) -> list[Path | None]:
        return [self.files[k] for k in sorted(self.query_one(SelectionList).selected)]

    def refresh_comparison(self) -> None:
        note = self.query_one("#cmp-note", Static)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        cols: list[Column] = []
        errors: list[str] = []
        for p in self.selected_paths():
            c = self._column(p)
            if isinstance(c, str):
                errors.append(c)
            else:
                cols.append(c)
        messages = errors[:]
        if any(c is self.working for c in cols):
            messages.append(t("compare_working_note", self.lang))
        if len(cols) > MAX_FILES:
            messages.append(t("compare_too_many", self.lang, n=MAX_FILES))
            cols = cols[:MAX_FILES]
        if len(cols) < 2:
            note.update("\n".join([*messages, t("compare_pick", self.lang)]))
            return
        cmp = compare_columns(cols)
        why = comparison_note([c.rubric.id for c in cmp.columns], cmp.comparable, self.lang)
        if why:
            messages.append(why)
        messages.append(t("compare_best", self.lang))
        note.update("\n".join(messages))
        self._fill(table, cmp)
        self._chart(cmp)

    def _fill(self, table: DataTable[Any], cmp: Comparison) -> None:
        lang = self.lang
        label_w, width = self._widths(table, len(cmp.columns))
        table.add_column("", key="label", width=label_w)
        # Two header lines: the file (told apart from the others however alike) and the scenario's
        # name, which differs where file names hardly do.
        files = shorten_apart([self._head(c) for c in cmp.columns], width)
        names = shorten_apart([c.scenario.meta.name for c in cmp.columns], width)
        for k, (file, name) in enumerate(zip(files, names, strict=True)):
            table.add_column(Text(f"{file}\n{name}", no_wrap=True), key=f"f{k}", width=width)
        table.header_height = 2

        def cells(values: list[str], best: frozenset[int]) -> list[Text]:
            return [Text(v + ("*" if k in best else ""), style="bold" if k in best else "")
                    for k, v in enumerate(values)]

        outs = [c.summary.scenario for c in cmp.columns]
        table.add_row(Text(t("index", lang), style="bold"),
                      *cells([n2(o.evaluation.index, lang) for o in outs], cmp.index_best), key="index")
        table.add_row(t("predikat", lang), *cells([o.evaluation.predikat for o in outs], frozenset()),
                      key="predikat")
        table.add_row(t("rank", lang), *cells([rank_text(o.rank, lang) for o in outs], cmp.rank_best), key="rank")
        for r in cmp.groups:
            label = Text(f"{r.id} {r.name}"[:label_w], style="bold" if r.kind == "domain" else "")
            table.add_row(label, *cells([n2(v, lang) if v is not None else "" for v in r.values], r.best),
                          key=f"g:{r.id}")
        for r in cmp.indicators:
            label = Text(f"{r.id} {r.name}"[:label_w], style="italic")
            values = [str(v.normalize()) if v is not None else "" for v in r.values]
            table.add_row(label, *cells([in_language(v, lang) for v in values], r.best),
                          key=f"i:{r.id}")

    def _chart(self, cmp: Comparison) -> None:
        if not cmp.comparable or not self.has_class("-wide"):
            return
        rubric = cmp.columns[0].rubric
        kind = "domain" if rubric.domains else "aspect"
        rows = [r for r in cmp.groups if r.kind == kind]
        series = tuple((self._head(c), tuple(r.values[k] or Decimal(0) for r in rows))
                       for k, c in enumerate(cmp.columns))
        title = t("compare_chart_domains" if kind == "domain" else "compare_chart_aspects", self.lang)
        data = CompareChart(self.lang, title, tuple(r.id for r in rows), series,
                            (rubric.meta.scale_min, rubric.meta.scale_max))
        self.query_one(ChartView).request(data, "compare")

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        """Open the highlighted file in the planner (the planner asks first about unsaved work)."""
        files = self.query_one(SelectionList)
        if files.highlighted is None:
            return
        # The working scenario is already in the editor: going back is opening it.
        self.dismiss(self.files[files.highlighted])
