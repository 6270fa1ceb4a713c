"""The recap screen (`spbe-planner --recap DIR`, palette "Rekap daerah"): every region at once.

One column per region, the row names fixed on the left while the regions scroll sideways (← →);
one row for the index, each domain or aspect and each indicator. Each cell shows the value and a
bar glyph for its level (▁ … █), so the picture reads without colour; the row's leaders are bold.
Under the table, the focused row's "belajar dari", spread and national value. Keys: ``s`` sorts
the regions by the focused row (again: the other way, then file order), ``v`` switches baseline ↔
scenario, ``/`` filters the rows, ← → move along the regions when they do not all fit, Esc goes back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.app.actions import RECAP_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.core.scoring.cohort import Cohort
from tui.core.scoring.national import national_values
from tui.core.team.compare import Column
from tui.core.team.recap import Recap, RecapRow, Side, build_recap
from tui.presentation.catalogue import t
from tui.presentation.recap_report import ROW_KINDS, distribution_words
from tui.presentation.text import n2

GLYPHS = "▁▂▃▄▅▆▇█"
# A shade per glyph, low to high (dropped under NO_COLOR, where the glyph alone tells them apart).
SHADES = ("#5c1f1f", "#5c331f", "#5c4a1f", "#4f5c1f", "#365c1f", "#1f5c2b", "#1f5c45", "#1f4f5c")
Order = Literal["file", "down", "up"]


def shade_index(value: Decimal, low: int, high: int) -> int:
    share = (float(value) - low) / max(1, high - low)
    return min(len(GLYPHS) - 1, max(0, int(share * len(GLYPHS))))


def glyph(value: Decimal, low: int, high: int) -> str:
    return GLYPHS[shade_index(value, low, high)]


class RecapScreen(Screen[None]):
    DEFAULT_CSS = """
    RecapScreen { layout: vertical; }
    RecapScreen #recap-title { height: auto; max-height: 3; background: $panel; padding: 0 1; }
    RecapScreen #recap-table { height: 1fr; }
    RecapScreen #recap-row { height: auto; max-height: 4; padding: 0 1; }
    """
    ACTIONS = RECAP_ACTIONS
    BINDINGS = bindings(RECAP_ACTIONS, "id")
    COMMANDS = {ActionCommands}

    def __init__(self, columns: list[Column], cohort: Cohort | None, lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(self.ACTIONS, lang))
        self.columns, self.cohort, self.lang = columns, cohort, lang
        self.side: Side = "baseline"
        self.order: Order = "file"
        self.sort_key = "index"
        self.filter = ""
        self.first_region = 0  # the first region shown: the columns that fit are rendered, ← → move along
        self.recap = self._build()
        self.shown_rows: list[RecapRow] = []
        self.window: list[int] = []

    def _build(self) -> Recap:
        first = self.columns[0]
        year = first.scenario.meta.year if self.side == "baseline" else first.scenario.target_year
        return build_recap(self.columns, self.side, self.cohort, national_values(first.rubric.id, year))

    def compose(self) -> ComposeResult:
        yield Static("", id="recap-title", markup=False)
        yield DataTable(id="recap-table", cursor_type="row", zebra_stripes=False, fixed_columns=1)
        yield Static("", id="recap-row", markup=False)
        yield KeyFooter(fit=True)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def _region_order(self) -> list[int]:
        k = range(len(self.recap.regions))
        if self.order == "file":
            return list(k)
        row = self.recap.row(self.sort_key)
        return sorted(k, key=lambda i: (row.values[i], -i), reverse=self.order == "down")

    def fill(self) -> None:
        recap, lang = self.recap, self.lang
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        order = self._region_order()
        first = min(28, max(12, *(len(r.key) + 1 + len(r.name) for r in recap.rows)))
        table.add_column(t("recap_row", lang), width=first)
        # Only the regions that fit are columns: DataTable renders every cell of a row, seen or not,
        # so 40 regions as columns took ~0.2 s a key; a window of them keeps a key within a frame.
        self.first_region = min(self.first_region, max(0, len(order) - 1))
        room = max(8, (self.size.width or self.app.size.width) - first - 6)
        window: list[int] = []
        for k in order[self.first_region:]:
            width = max(6, min(14, len(recap.regions[k].name)))
            if window and room < width + 2:
                break
            window.append(k)
            room -= width + 2
            table.add_column(recap.regions[k].name[:14], width=width)
        self.window = window
        order = window
        wanted = self.filter.casefold()
        self.shown_rows = [r for r in recap.rows if not wanted or wanted in f"{r.key} {r.name}".casefold()]
        lo, hi = recap.rubric.meta.scale_min, recap.rubric.meta.scale_max
        for row in self.shown_rows:
            cells: list[str | Text] = [Text(f"{row.key} {row.name}", no_wrap=True, overflow="ellipsis")]
            for k in order:
                value = row.values[k]
                lead = k in row.leaders and len(row.leaders) < len(recap.regions)
                style = "bold reverse" if lead else f"on {SHADES[shade_index(value, lo, hi)]}"
                cells.append(Text(f"{n2(value, lang)}{glyph(value, lo, hi)}", style=style))
            table.add_row(*cells)
        if self.shown_rows:
            table.move_cursor(row=min(max(keep, 0), len(self.shown_rows) - 1))
        side = t("baseline" if self.side == "baseline" else "scenario", lang)
        sort = {"file": t("recap_sorted_file", lang), "down": t("recap_sorted_down", lang, row=self.sort_key),
                "up": t("recap_sorted_up", lang, row=self.sort_key)}[self.order]
        shown = t("recap_window", lang, first=self.first_region + 1, last=self.first_region + len(self.window),
                  n=len(recap.regions)) if len(self.window) < len(recap.regions) else ""
        self.query_one("#recap-title", Static).update(
            f"{t('recap_title', lang, n=len(recap.regions))} · {recap.rubric.id} · {side} {recap.year} · {sort}"
            f"{' · ' + shown if shown else ''}\n"
            f"{t('recap_distribution', lang)}: {distribution_words(recap, lang)}")
        self._describe()

    def _focused(self) -> RecapRow | None:
        table = self.query_one(DataTable)
        if not self.shown_rows:
            return None
        return self.shown_rows[min(table.cursor_row, len(self.shown_rows) - 1)]

    def _describe(self) -> None:
        row, lang = self._focused(), self.lang
        if row is None:
            self.query_one("#recap-row", Static).update(t("recap_no_rows", lang))
            return
        regions = self.recap.regions
        who = ", ".join(regions[k].name for k in row.leaders) if len(row.leaders) < len(regions) else \
            t("recap_all_equal", lang)
        parts = [f"{t(ROW_KINDS[row.kind], lang)} {row.key} {row.name}",
                 f"{t('recap_learn_from', lang)}: {who} ({n2(row.high, lang)})",
                 f"{t('recap_spread', lang).lower()} {n2(row.low, lang)}–{n2(row.high, lang)}"]
        if row.national is not None:
            below = [regions[k].name for k, v in enumerate(row.values) if v < row.national]
            parts.append(t("recap_national_line", lang, value=n2(row.national, lang), n=len(below)))
        self.query_one("#recap-row", Static).update(" · ".join(parts))

    def on_data_table_row_highlighted(self) -> None:
        self._describe()

    def action_regions(self, step: int) -> None:
        """Move the window of region columns one region left or right."""
        last = max(0, len(self.recap.regions) - len(self.window))
        moved = min(max(0, self.first_region + step), last)
        if moved != self.first_region:
            self.first_region = moved
            self.fill()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.fill()

    def action_sort(self) -> None:
        row = self._focused()
        key = row.key if row else "index"
        if key != self.sort_key:
            self.sort_key, self.order = key, "down"
        else:
            following: dict[Order, Order] = {"file": "down", "down": "up", "up": "file"}
            self.order = following[self.order]
        self.fill()

    def action_side(self) -> None:
        self.side = "scenario" if self.side == "baseline" else "baseline"
        self.recap = self._build()
        self.fill()

    def action_filter(self) -> None:
        from tui.app.dialogs.common import TextDialog

        def chosen(text: str | None) -> None:
            if text is not None:
                self.filter = text.strip()
                self.fill()

        self.app.push_screen(TextDialog(t("recap_filter_title", self.lang), self.filter, self.lang), chosen)

    def action_back(self) -> None:
        self.dismiss(None)
