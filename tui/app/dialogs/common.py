"""What every dialog shares (its look, notes read inside the box) and the small ones: confirm (with
up to three choices), a line of text, a note.

Every dialog is dismissed with Esc, which means "cancel" and returns None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.app.actions import DIALOG_ACTIONS, NOTE_ACTIONS, bindings
from tui.app.textual_seam import localize_bindings
from tui.core.errors import InputError
from tui.presentation.catalogue import t
from tui.presentation.errors import error_message


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
{name} .message {{ width: 1fr; height: auto; }}
{name} .field-error {{ width: 1fr; height: auto; color: $error; text-style: bold; }}
{name} .dialog-notes {{ width: 1fr; height: auto; color: $warning; display: none; }}
{name} .dialog-notes.-shown {{ display: block; }}
/* Over a dialog, notifications are read inside its box (DialogNotes), never as toasts: a long
   error toast sat over the dialog's buttons, wherever the toasts stood. */
{name} ToastHolder {{ display: none; }}
"""


if TYPE_CHECKING:
    _Dialog = ModalScreen[Any]
else:
    _Dialog = object


class DialogNotes(_Dialog):
    """A dialog that shows the app's current notifications inside its own box, under its title,
    so that none can ever cover its fields or buttons. The app calls ``show_notes`` on each new one."""

    def note_area(self) -> Static:
        current = getattr(self.app, "current_notes", None)
        lines: list[str] = current() if current is not None else []
        return Static("\n".join(lines), classes="dialog-notes" + (" -shown" if lines else ""), markup=False)

    def show_notes(self, lines: list[str]) -> None:
        for area in self.query(".dialog-notes").results(Static):
            area.update("\n".join(lines))
            area.set_class(bool(lines), "-shown")


class ConfirmDialog(DialogNotes, ModalScreen[str | None]):
    """A question with buttons; returns the chosen key or None on Esc."""

    DEFAULT_CSS = dialog_css("ConfirmDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, question: str, choices: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.question, self.choices, self.lang = question, choices, lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="message", markup=False)  # wraps; never cut
            yield self.note_area()
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


class TextDialog(DialogNotes, ModalScreen[str | None]):
    """One line of text (a name, a value): ``check`` turns it into the result or raises an
    InputError, shown under the field while the dialog stays open."""

    DEFAULT_CSS = dialog_css("TextDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, title: str, value: str, lang: str, check: Callable[[str], object] | None = None,
                 hint: str = "") -> None:
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.title_text, self.value, self.lang, self.check, self.hint = title, value, lang, check, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="message", markup=False)
            yield self.note_area()
            yield Input(value=self.value, placeholder=self.hint, id="text-value")
            yield Static("", id="text-error", classes="field-error", markup=False)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.check is not None:
            try:
                self.check(text)
            except InputError as exc:
                self.query_one("#text-error", Static).update(error_message(exc, self.lang))
                return
        self.dismiss(text)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class NoteDialog(DialogNotes, ModalScreen[str | None]):
    """A note of a few lines: F2 (or the Simpan button) keeps it, Esc leaves it as it was."""

    DEFAULT_CSS = dialog_css("NoteDialog") + """
    NoteDialog TextArea { height: 8; }
    """
    BINDINGS = bindings(NOTE_ACTIONS, "id")

    def __init__(self, title: str, text: str, lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(NOTE_ACTIONS, lang))
        self.title_text, self.text, self.lang = title, text, lang

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea

        with Vertical():
            yield Static(self.title_text, classes="message", markup=False)
            yield self.note_area()
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(t("note_hint", self.lang), classes="message")
            with Horizontal(classes="buttons"):
                yield Button(t("save", self.lang), id="note-keep", variant="primary")
                yield Button(t("cancel", self.lang), id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text").focus()

    def action_keep(self) -> None:
        from textual.widgets import TextArea

        self.dismiss(self.query_one("#note-text", TextArea).text)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "note-keep":
            self.action_keep()
        else:
            self.dismiss(None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
