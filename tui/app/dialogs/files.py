"""Open and save-as: a path typed or picked, checked before the dialog closes.

Every dialog is dismissed with Esc, which means "cancel" and returns None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import DIALOG_ACTIONS, OPEN_ACTIONS, bindings
from tui.app.dialogs.common import DialogNotes, dialog_css
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError
from tui.core.files.guarded import MAX_BYTES, check_openable
from tui.core.files.workspace import guard_write, shown_path, user_path
from tui.core.scenario.sheets import MAX_SHEET_BYTES
from tui.presentation.catalogue import t
from tui.presentation.errors import error_message, error_text


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
