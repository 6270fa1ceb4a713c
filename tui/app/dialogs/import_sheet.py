"""Importing a sheet: the answers the CLI's import flags give, asked after the sheet was read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static

from tui.app.actions import DIALOG_ACTIONS, bindings
from tui.app.dialogs.common import DialogNotes, dialog_css
from tui.app.textual_seam import localize_bindings
from tui.presentation.catalogue import t


@dataclass(frozen=True, slots=True)
class ImportAnswers:
    """What the import dialog asks, as the CLI's flags ask it (tui.core.scenario.sheet_import.ImportRequest)."""

    framework: str
    region: str
    year: str = ""
    column: str | None = None
    history_columns: bool = False


class HistoryChoice(Checkbox, inherit_bindings=False):
    """A checkbox that Space toggles and Enter answers with, as the last field of a form."""

    BINDINGS = [Binding("space", "toggle_button", show=False), Binding("enter", "answer", show=False)]

    class Answered(Message):
        pass

    def action_answer(self) -> None:
        self.post_message(self.Answered())


class ImportDialog(DialogNotes, ModalScreen[ImportAnswers | None]):
    """After the sheet was read: the framework it follows (found from its indicators, editable),
    the region's name and the baseline year; with several level columns, which one (the latest
    year's suggested) and whether earlier years' columns become history. Returns the answers or
    None."""

    DEFAULT_CSS = dialog_css("ImportDialog") + """
    ImportDialog > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, sheet: Path, framework: str, region: str, lang: str, year: str = "",
                 found: str = "", columns: str = "", column: str | None = None, earlier: bool = False) -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.sheet, self.framework_id, self.region_name, self.lang = sheet, framework, region, lang
        self.year, self.found = year, found
        self.columns, self.column, self.earlier = columns, column, earlier

    def compose(self) -> ComposeResult:
        with VerticalScroll():  # the column and history questions make it taller than 80×24
            yield Static(t("import_title", self.lang, name=self.sheet.name), classes="message", markup=False)
            yield self.note_area()
            if self.found:
                yield Static(self.found, classes="message", markup=False)
            yield Label(t("import_framework", self.lang))
            yield Input(value=self.framework_id, id="import-framework")
            yield Label(t("import_region", self.lang))
            yield Input(value=self.region_name, id="import-region")
            yield Label(t("import_year", self.lang))
            yield Input(value=self.year, id="import-year", type="integer")
            if self.column is not None:
                yield Label(t("import_column", self.lang, columns=self.columns), classes="message", markup=False)
                yield Input(value=self.column, id="import-column")
            if self.earlier:
                yield HistoryChoice(t("import_history_columns", self.lang), id="import-history")
            yield Static("", id="import-error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        # The framework was found in the sheet: the first question is the region's name.
        self.query_one("#import-region" if self.framework_id else "#import-framework", Input).focus()

    def _fields(self) -> list[Widget]:
        ids = ["#import-framework", "#import-region", "#import-year", "#import-column", "#import-history"]
        return [w for i in ids for w in self.query(i)]

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        """Enter moves to the next question; on the region with the year known and nothing else to
        ask, and on the last question, it answers."""
        fields = self._fields()
        here = fields.index(event.input)
        rest = fields[here + 1:]
        year_known = bool(self.query_one("#import-year", Input).value.strip())
        if not rest or (event.input.id == "import-region" and year_known and len(fields) == 3):
            self._done()
        else:
            rest[0].focus()

    @on(HistoryChoice.Answered)
    def _answered(self) -> None:
        self._done()

    def _done(self) -> None:
        framework = self.query_one("#import-framework", Input).value.strip()
        region = self.query_one("#import-region", Input).value.strip()
        year = self.query_one("#import-year", Input).value.strip()
        missing = [key for key, value in (("import_framework", framework), ("import_region", region)) if not value]
        if missing:
            self.query_one("#import-error", Static).update(
                t("import_missing", self.lang, field=t(missing[0], self.lang)))
            self.query_one("#import-framework" if not framework else "#import-region", Input).focus()
            self.query_one("#import-error", Static).scroll_visible()
            return
        column = self.query_one("#import-column", Input).value.strip() or None if self.column is not None else None
        history = self.earlier and self.query_one("#import-history", HistoryChoice).value
        self.dismiss(ImportAnswers(framework, region, year, column, history))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
