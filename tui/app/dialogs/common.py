"""Modal dialogs: confirm (with up to three choices), save-as, open, a line of text, a note,
import, and the help screen.

Every dialog is dismissed with Esc, which means "cancel" and returns None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import DIALOG_ACTIONS, HELP_ACTIONS, NOTE_ACTIONS, OPEN_ACTIONS, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError
from tui.core.files.guarded import MAX_BYTES, check_openable
from tui.core.files.workspace import guard_write, shown_path, user_path
from tui.core.scenario.sheets import MAX_SHEET_BYTES
from tui.presentation.catalogue import t
from tui.presentation.errors import error_message, error_text


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


class SaveAsDialog(DialogNotes, ModalScreen[Path | None]):
    DEFAULT_CSS = dialog_css("SaveAsDialog")
    BINDINGS = bindings(DIALOG_ACTIONS, "id")

    def __init__(self, suggestion: str, lang: str, title: str | None = None,
                 suffixes: tuple[str, ...] = (".toml",), scenario_name: str | None = None) -> None:
        """``scenario_name``: also offer the scenario's name for editing (read back from
        ``scenario_name`` after the dialog closed with a path)."""
        super().__init__()
        localize_bindings(self, bindings(DIALOG_ACTIONS, lang))
        self.suggestion, self.lang = suggestion, lang
        self.title_text = title or t("save_as_title", lang)
        self.suffixes = suffixes
        self.scenario_name = scenario_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="message", markup=False)
            yield self.note_area()
            yield Input(value=self.suggestion, placeholder=t("file_name", self.lang), id="save-name")
            if self.scenario_name is not None:
                yield Static(t("scenario_name_label", self.lang), classes="message")
                yield Input(value=self.scenario_name, id="save-scenario-name")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        name = self.query_one("#save-name", Input).value.strip()
        if not name:
            return
        if self.scenario_name is not None:
            chosen = self.query_one("#save-scenario-name", Input).value.strip()
            if not chosen:
                self.notify(error_message(InputError("name_empty"), self.lang), severity="error", timeout=6)
                return
            self.scenario_name = chosen
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


class OpenDialog(DialogNotes, ModalScreen[Path | None]):
    """A path typed in (relative, absolute or with ~; confined in served mode), or one picked from
    the working folder's files and the bundled samples (listed by their short names).

    Typing goes to the path field from the start and filters the list as it goes; Enter opens
    what was typed (a path, or the one listed file the text still matches); ↓ moves into the
    list, where Enter opens the highlighted file. The keys are on the dialog's own footer and F1.
    """

    DEFAULT_CSS = dialog_css("OpenDialog")
    ACTIONS = OPEN_ACTIONS
    BINDINGS = bindings(OPEN_ACTIONS, "id")
    HELP_EXTRA = (("Enter", "open_key_enter"), ("Tab", "open_key_tab"))

    def __init__(self, files: list[Path], lang: str, samples: frozenset[Path] = frozenset()) -> None:
        super().__init__()
        localize_bindings(self, bindings(OPEN_ACTIONS, lang))
        self.files, self.lang, self.samples = files, lang, samples
        self.labels = [self._shown(p) for p in files]
        self.listed: list[int] = list(range(len(files)))  # positions in files, in the list's order

    def _shown(self, path: Path) -> str:
        if path in self.samples:
            return t("sample_file", self.lang, name=path.name)
        return shown_path(path)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("open_title", self.lang), classes="message", markup=False)
            yield self.note_area()
            yield Input(placeholder=t("open_path_hint", self.lang), id="open-path")
            yield Static("", id="open-error", classes="field-error", markup=False)
            if self.files:
                yield OptionList(*[Option(label, id=str(i)) for i, label in enumerate(self.labels)], id="open-list")
            else:
                yield Label(t("open_none", self.lang))
        yield KeyFooter(fit=True)

    def on_mount(self) -> None:
        self.query_one("#open-path", Input).focus()  # typed letters must reach the field

    @on(Input.Changed, "#open-path")
    def _filter(self, event: Input.Changed) -> None:
        """The list keeps the files whose shown name holds the typed text (any case)."""
        self.query_one("#open-error", Static).update("")
        lists = self.query("#open-list")
        if not lists:
            return
        words = event.value.strip().casefold()
        # A typed folder part ("../", "~/x/") filters by the name after it.
        needle = words.rsplit("/", 1)[-1]
        listed = [i for i, label in enumerate(self.labels) if needle in label.casefold()]
        if listed == self.listed:
            return
        self.listed = listed
        options = lists.first(OptionList)
        options.clear_options()
        options.add_options([Option(self.labels[i], id=str(i)) for i in listed])

    @on(Input.Submitted, "#open-path")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        error = self.query_one("#open-error", Static)
        try:
            path = user_path(text)
            if not path.exists() and len(self.listed) == 1 and self.query("#open-list"):
                # Not a path, but the text picks out one listed file: that is the one meant.
                self.dismiss(self.files[self.listed[0]])
                return
            # A sheet may be larger than a scenario; each reader checks its own limit again.
            check_openable(path, max_bytes=MAX_SHEET_BYTES if path.suffix.casefold() in (".csv", ".xlsx")
                           else MAX_BYTES)
        except InputError as exc:
            error.update(error_text(exc, self.lang))
            return
        self.dismiss(path)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.files[int(event.option.id or 0)])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_list":
            return isinstance(self.focused, Input) and bool(self.listed)
        return True

    async def action_help(self) -> None:
        await self.app.run_action("help")

    def action_to_list(self) -> None:
        lists = self.query("#open-list")
        if lists and self.listed:
            options = lists.first(OptionList)
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

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
