"""The recap screen (`spbe-planner --recap DIR`, palette "Rekap daerah"): every region at once.

One column per region, the row names fixed on the left while the regions scroll sideways (← →);
one row for the index, each domain or aspect and each indicator. Each cell shows the value and a
bar glyph for its level (▁ … █), so the picture reads without colour; the row's leaders are bold.
Under the table, the focused row's "belajar dari", spread and national value. Keys: ``s`` sorts
the regions by the focused row (again: the other way, then file order), ``v`` switches baseline ↔
scenario, ``/`` filters the rows, Esc goes back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.app.actions import RECAP_ACTIONS, ActionCommands, bindings
from tui.app.key_footer import KeyFooter
from tui.app.textual_seam import localize_bindings
from tui.core.cohort import Cohort
from tui.core.compare import Column
from tui.core.national import national_values
from tui.core.recap import Recap, RecapRow, Side, build_recap
from tui.presentation.catalogue import t
from tui.presentation.recap_report import ROW_KINDS, distribution_words
from tui.presentation.text import n2

GLYPHS = "▁▂▃▄▅▆▇█"
Order = Literal["file", "down", "up"]


def glyph(value: Decimal, low: int, high: int) -> str:
    share = (float(value) - low) / max(1, high - low)
    return GLYPHS[min(len(GLYPHS) - 1, max(0, int(share * len(GLYPHS))))]


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
        self.recap = self._build()
        self.shown_rows: list[RecapRow] = []

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
        table.add_column(t("recap_row", lang), width=min(28, max(12, *(len(r.key) + 1 + len(r.name)
                                                                         for r in recap.rows))))
        for k in order:
            name = recap.regions[k].name
            table.add_column(name[:14], width=max(6, min(14, len(name))))
        wanted = self.filter.casefold()
        self.shown_rows = [r for r in recap.rows if not wanted or wanted in f"{r.key} {r.name}".casefold()]
        lo, hi = recap.rubric.meta.scale_min, recap.rubric.meta.scale_max
        for row in self.shown_rows:
            cells: list[str | Text] = [Text(f"{row.key} {row.name}", no_wrap=True, overflow="ellipsis")]
            for k in order:
                value = row.values[k]
                style = "bold reverse" if k in row.leaders and len(row.leaders) < len(recap.regions) else ""
                cells.append(Text(f"{n2(value, lang)}{glyph(value, lo, hi)}", style=style))
            table.add_row(*cells)
        if self.shown_rows:
            table.move_cursor(row=min(max(keep, 0), len(self.shown_rows) - 1))
        side = t("baseline" if self.side == "baseline" else "scenario", lang)
        sort = {"file": t("recap_sorted_file", lang), "down": t("recap_sorted_down", lang, row=self.sort_key),
                "up": t("recap_sorted_up", lang, row=self.sort_key)}[self.order]
        self.query_one("#recap-title", Static).update(
            f"{t('recap_title', lang, n=len(recap.regions))} · {recap.rubric.id} · {side} {recap.year} · {sort}\n"
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
        from tui.app.dialogs import TextDialog

        def chosen(text: str | None) -> None:
            if text is not None:
                self.filter = text.strip()
                self.fill()

        self.app.push_screen(TextDialog(t("recap_filter_title", self.lang), self.filter, self.lang), chosen)

    def action_back(self) -> None:
        self.dismiss(None)
