"""Modal dialogs: confirm (with up to three choices), save-as, open, and the help screen.

Every dialog is dismissed with Esc, which means "cancel" and returns None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import DIALOG_ACTIONS, HELP_ACTIONS, bindings
from tui.app.textual_seam import localize_bindings
from tui.core.errors import InputError
from tui.core.workspace import guard_write, shown_path, user_path
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text


def dialog_css(name: str) -> str:
    """The shared dialog look, written for one class: Textual scopes DEFAULT_CSS to the class that
    defines it, so a rule naming ModalScreen would never match (and would not centre the box)."""
    return f"""
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; max-width: 100%; height: auto; max-height: 90%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .buttons {{ height: auto; align-horizontal: right; margin-top: 1; }}
{name} Button {{ margin-left: 1; min-width: 10; }}
{name} OptionList {{ height: auto; max-height: 16; }}
"""


class ConfirmDialog(ModalScreen[str | None]):
    """A question with buttons; returns the chosen key or None on Esc."""

    DEFAULT_CSS = dialog_css("ConfirmDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, question: str, choices: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.question, self.choices, self.lang = question, choices, lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            with Horizontal(classes="buttons"):
                for key, label in self.choices:
                    variant: Literal["primary", "default"] = "primary" if key == self.choices[0][0] else "default"
                    yield Button(label, id=f"choice-{key}", variant=variant)
                yield Button(t("cancel", self.lang), id="choice-cancel")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        key = (event.button.id or "").removeprefix("choice-")
        self.dismiss(None if key == "cancel" else key)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SaveAsDialog(ModalScreen[Path | None]):
    DEFAULT_CSS = dialog_css("SaveAsDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, suggestion: str, lang: str, title: str | None = None,
                 suffixes: tuple[str, ...] = (".toml",)) -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.suggestion, self.lang = suggestion, lang
        self.title_text = title or t("save_as_title", lang)
        self.suffixes = suffixes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield Input(value=self.suggestion, placeholder=t("file_name", self.lang), id="save-name")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            return
        try:
            path = user_path(name)
            if path.suffix.casefold() not in self.suffixes:
                path = path.with_name(path.name + self.suffixes[0])
            # Confinement first: asking "exists, overwrite?" about a path outside the workspace
            # would tell a participant which server files exist.
            guard_write(path)
        except InputError as exc:
            self.notify(error_text(exc, self.lang), severity="error", timeout=8)
            return
        self.dismiss(path)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class OpenDialog(ModalScreen[Path | None]):
    DEFAULT_CSS = dialog_css("OpenDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, files: list[Path], lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.files, self.lang = files, lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("open_title", self.lang))
            if self.files:
                yield OptionList(*[Option(shown_path(p), id=str(i)) for i, p in enumerate(self.files)],
                                 id="open-list")
            else:
                yield Label(t("open_none", self.lang))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.files[int(event.option.id or 0)])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """F1 / ?: what the app does and every key, read from the live bindings."""

    DEFAULT_CSS = dialog_css("HelpScreen") + """
    HelpScreen > Vertical { width: 90; }
    HelpScreen VerticalScroll { height: auto; max-height: 30; }
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
        with Vertical(), VerticalScroll():
            yield Static(text)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ImportDialog(ModalScreen[tuple[str, str] | None]):
    """Asks which framework the sheet follows and the region's name; returns both or None."""

    DEFAULT_CSS = dialog_css("ImportDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, sheet: Path, framework: str, region: str, lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.sheet, self.framework_id, self.region_name, self.lang = sheet, framework, region, lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("import_title", self.lang, name=self.sheet.name))
            yield Label(t("import_framework", self.lang))
            yield Input(value=self.framework_id, id="import-framework")
            yield Label(t("import_region", self.lang))
            yield Input(value=self.region_name, id="import-region")

    @on(Input.Submitted, "#import-framework")
    def _next(self) -> None:
        self.query_one("#import-region", Input).focus()

    @on(Input.Submitted, "#import-region")
    def _done(self) -> None:
        framework = self.query_one("#import-framework", Input).value.strip()
        region = self.query_one("#import-region", Input).value.strip()
        if framework and region:
            self.dismiss((framework, region))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
