"""The help screen (F1 / ?): what the app does and every key, read from the live bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.actions import HELP_ACTIONS, bindings
from tui.app.dialogs.common import dialog_css
from tui.app.textual_seam import localize_bindings
from tui.presentation.catalogue import t


class HelpScreen(ModalScreen[None]):
    """F1 / ?: what the app does and every key, read from the live bindings."""

    DEFAULT_CSS = dialog_css("HelpScreen") + """
    HelpScreen > Vertical { width: 90; }
    HelpScreen VerticalScroll { height: auto; max-height: 80vh; }
    """
    BINDINGS = bindings(HELP_ACTIONS, "id")

    def __init__(self, rows: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(HELP_ACTIONS, lang))
        self.rows, self.lang = rows, lang

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(t("help_title", self.lang) + "\n", style="bold")
        text.append(t("help_intro", self.lang) + "\n\n")
        text.append(t("help_keys", self.lang) + "\n", style="bold")
        for keys, what in self.rows:
            text.append(f"  {keys:<14}", style="bold")
            text.append(f"{what}\n")
        with Vertical(), VerticalScroll(id="help-scroll"):
            yield Static(text)

    def on_mount(self) -> None:
        # Focused, so ↑ ↓ PgUp PgDn Home End reach every row on a 24-line terminal.
        self.query_one("#help-scroll").focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
