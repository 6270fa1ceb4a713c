"""PlannerApp: theme, app-wide keys, the command palette, help, and the quit guard."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from textual import events
from textual.app import App, InvalidThemeError, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.app.actions import ActionCommands, app_bindings, help_rows
from tui.app.dialogs.common import DialogNotes
from tui.app.dialogs.help import HelpScreen
from tui.app.screens.editor import EditorScreen
from tui.app.textual_seam import QuietServedErrors, honour_no_color, localize_bindings, set_theme_early
from tui.app.theme import HOUSE
from tui.core.config import load_config
from tui.core.errors import InputError
from tui.core.files.workspace import served
from tui.core.report_settings import ReportSettings
from tui.core.room.served_log import error_stream, log_served_error
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.recovery import clear_recovery
from tui.core.scenario.summary import resolve_cohort
from tui.core.scoring.rubric import RubricSet
from tui.core.served_contract import DOOR_ENV
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text
from tui.startup import resume_collection

if TYPE_CHECKING:
    from tui.core.team.compare import Column

# Palette entries: (catalogue key of the title, screen action)
def browser_driver() -> Any:
    """Textual's web driver when `serve --web` started this app, else None (Textual's own choice).

    Textual reads ``TEXTUAL_DRIVER`` when it is first imported; a served app is forked from a
    process that imported Textual long before, so the browser door says so in its own variable.
    """
    import os

    if os.environ.get(DOOR_ENV) != "web":
        return None
    from textual.drivers.web_driver import WebDriver

    return WebDriver


def served_crash_line(lang: str, kept_work: bool) -> str:
    return t("served_crash", lang) + (" " + t("served_crash_kept", lang) if kept_work else "")


# Textual's system commands: catalogue keys of their title and help text.
SYSTEM_COMMANDS = {
    "Keys": ("sys_keys", "sys_keys_help"), "Maximize": ("sys_maximize", "sys_maximize_help"),
    "Minimize": ("sys_minimize", "sys_minimize_help"), "Screenshot": ("sys_screenshot", "sys_screenshot_help"),
    "Theme": ("sys_theme", "sys_theme_help"),
}


class PlannerApp(QuietServedErrors, App[None]):
    TITLE = "spbe-planner"
    BINDINGS = app_bindings("id")
    COMMANDS = App.COMMANDS | {ActionCommands}
    # Over SSH an animation is just latency; nothing here needs one.
    ANIMATION_LEVEL = "none"
    # The main screen's styles load with the app's: a screen's own CSS_PATH makes Textual re-parse
    # every stylesheet when the screen is first shown, which cost about 4% of the start-up.
    CSS_PATH = Path(__file__).with_name("planner.tcss")

    def __init__(self, session: EditSession, lang: str, rubrics: RubricSet,
                 start_error: str | None = None, room: Path | None = None, start_note: str | None = None,
                 start_sheet: Path | None = None, recap: Path | None = None) -> None:
        super().__init__(driver_class=browser_driver())
        localize_bindings(self, app_bindings(lang))
        self.room = room
        self.recap = recap  # a folder to open the recap screen on (spbe-planner --recap DIR)
        self.lang = lang
        self.rubrics = rubrics
        self.start_session = session
        self.start_error = start_error
        self.start_note = start_note
        self.report_settings: ReportSettings | None = None  # [report] of the config, once read
        self.start_sheet = start_sheet  # a sheet given at start-up: imported once the editor shows
        self._notes: list[tuple[float, str]] = []  # (shown until, text): see notify
        self.watched = False  # served mode: a coach is watching this session (tui.serve.watch)
        set_theme_early(self, HOUSE)  # before the stylesheet is first parsed (see the seam)
        # NO_COLOR: no colour codes at all, and cursors shown by reverse video (planner.tcss).
        self.set_class(honour_no_color(self), "-no-color")
        self.kept_work = False  # served mode: unsaved work written to the recovery file at a crash
        if served():
            # Whatever Textual prints at exit after an unhandled exception (a Rich traceback with
            # locals, on any Textual version) goes to the server-side log, never to the participant.
            stream = error_stream()
            if stream is not None:
                self.error_console = Console(file=stream, markup=False, highlight=False, color_system=None)

    # -- browser tab focus ------------------------------------------------------------------------
    # Textual's web driver starts the app blurred and the browser client reports tab focus; on each
    # change (and on the first key after a blur) Textual restyles the whole screen, 80-140 ms of CPU
    # per app measured in served mode, which forty participants' first keys then queue behind. Our
    # look does not depend on the tab's focus, so the app stays "focused": the handlers below keep
    # Textual's own (the base class's) from running, through the public prevent_default.
    def on_app_blur(self, event: events.AppBlur) -> None:
        event.prevent_default()

    def on_app_focus(self, event: events.AppFocus) -> None:
        event.prevent_default()

    # -- a dropped connection ------------------------------------------------------------------------
    def _listen_for_hang_up(self) -> None:
        """A dropped SSH connection (or the server hanging up a session) sends SIGHUP, which by
        default ends the process at once: the edits of the last second, not yet in the recovery
        file (it is written 0.3 s after the last change), were lost. Now they are written first."""
        import asyncio
        import signal

        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hung_up)

    def _hung_up(self) -> None:
        from tui.core.scenario.recovery import write_recovery

        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen) and screen.session.dirty:
                with contextlib.suppress(Exception):  # nobody is left to tell; the exit must happen
                    write_recovery(screen.session.path, screen.session.scenario)
        self.exit()

    # -- the coach's eye (served mode) -------------------------------------------------------------
    def _listen_for_the_coach(self) -> None:
        """The server sends SIGUSR1 when a coach starts or stops watching this session."""
        import asyncio
        import signal

        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, self._watch_changed)

    def _watch_changed(self) -> None:
        from tui.core.room.presence import watched

        on = watched()
        if on and not self.watched:
            self.notify(t("watched_notice", self.lang), timeout=4)
        self.watched = on
        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                screen.update_topbar()
        self.screen.refresh()  # all of it: a watcher who just joined needs the whole picture

    def on_unmount(self) -> None:
        import asyncio
        import signal

        from tui.core.room.presence import clear_presence

        clear_presence()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # the loop may outlive us
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)

    def served_error_line(self, error: Exception) -> str | None:
        """Served mode: log the error server-side, keep the work, and say so in one line.

        Called by QuietServedErrors (tui.app.textual_seam) for an unhandled exception; None when
        not served, so that Textual reports it as usual.
        """
        if not served():
            return None
        self.kept_work = self._keep_unsaved_work()
        log_served_error(error)
        return served_crash_line(self.lang, self.kept_work)

    def _keep_unsaved_work(self) -> bool:
        """Write the recovery file now (the 1 s timer may never fire again); True when work was kept."""
        from tui.core.scenario.recovery import write_recovery

        editor = self.editor()  # it may be under a dialog when the error happens
        if editor is None or not editor.session.dirty:
            return False
        try:
            write_recovery(editor.session.path, editor.session.scenario)
        except Exception:  # already failing: the first error is the one that gets logged
            return False
        return True

    def open_recap(self, folder: Path) -> bool:
        """The recap screen over a folder's scenario files (unreadable ones said, left out)."""
        from tui.app.screens.recap import RecapScreen
        from tui.core.files.workspace import user_path
        from tui.core.scoring.cohort import load_cohort
        from tui.core.team.recap import recap_files

        try:
            where = user_path(str(folder))
            found = recap_files([where], self.rubrics)
            columns, errors = found.columns, found.errors
            for exc in errors[:3]:
                self.notify(t("recap_skipped", self.lang, reason=error_text(exc, self.lang)), severity="warning",
                            timeout=8)
            if not columns:
                raise InputError("recap_empty", path=where)
            frameworks = {c.rubric.id for c in columns}
            if len(frameworks) > 1:  # the folder's main framework; the others are said
                main = max(frameworks, key=lambda f: sum(c.rubric.id == f for c in columns))
                self.notify(t("recap_other_frameworks", self.lang, kept=main,
                              others=", ".join(sorted(frameworks - {main}))), severity="warning", timeout=8)
                columns = [c for c in columns if c.rubric.id == main]
            cohort_id = columns[0].scenario.meta.cohort
            cohort = load_cohort(cohort_id) if cohort_id else None
        except InputError as exc:
            self.notify(error_text(exc, self.lang), severity="error", timeout=10)
            return False
        self.push_screen(RecapScreen(columns, cohort, self.lang))
        return True

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collection)  # start-up is over once the first frame is out
        self._listen_for_hang_up()
        if served():
            self._listen_for_the_coach()
        try:
            config = load_config()
        except InputError as exc:
            self.notify(error_text(exc, self.lang), severity="error", timeout=10)
            config = None
        if config is not None:
            self._apply_config(config.theme, config.keymap)
            self.report_settings = config.report  # the signature block of Word and PDF documents
        if self.recap is not None:
            self.push_screen(EditorScreen(self.start_session, self.lang))
            self.open_recap(self.recap)
        elif self.room is not None:
            from tui.app.screens.room import RoomScreen
            from tui.core.room.folder import Room

            self.push_screen(RoomScreen(Room(self.room), self.rubrics, self.lang))
        else:
            editor = EditorScreen(self.start_session, self.lang)
            self.push_screen(editor)
            if self.start_sheet is not None:
                sheet = self.start_sheet
                self.call_after_refresh(lambda: editor.document.import_sheet(sheet))
        if self.start_error:
            self.notify(self.start_error, title=t("bad_start_file", self.lang), severity="error", timeout=15)
        if self.start_note:
            # After the first frame: a toast mounted with it cost ~20 ms of start-up.
            note = self.start_note
            self.call_after_refresh(lambda: self.notify(note, timeout=8))

    def _apply_config(self, theme: str, keymap: dict[str, str]) -> None:
        try:
            self.theme = theme
        except InvalidThemeError:
            self.theme = "spbe"
            self.notify(t("bad_theme", self.lang, theme=theme), severity="warning")
        if keymap:
            from tui.app.actions import keymap_hint, unknown_keymap_entries

            # An entry that changes nothing is said, not ignored: a typo would leave a key unmoved.
            unknown = unknown_keymap_entries(keymap)
            if unknown:
                ids = ", ".join(keymap_hint(k[:40]) for k in unknown[:8])
                self.notify(t("keymap_unknown", self.lang, ids=ids), severity="warning", timeout=10)
            self.set_keymap({k: v for k, v in keymap.items() if k not in unknown})

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands (keys, theme, maximize, quit, …) in the user's language; the
        screen's own actions come from its ActionCommands provider."""
        for command in super().get_system_commands(screen):
            # Served: a screenshot would write outside the participant's allow-listed file names.
            if self.served and command.title == "Screenshot":
                continue
            if command.title == "Quit":  # ours ("aplikasi: Keluar") is in the action table
                continue
            words = SYSTEM_COMMANDS.get(command.title)
            if words is None:
                yield command
                continue
            yield command._replace(title=t(words[0], self.lang), help=t(words[1], self.lang))

    # -- served mode (spbe-planner serve): nothing may leave the workspace or reach a shell -------
    @property
    def served(self) -> bool:
        return served()

    def _refuse_when_served(self) -> bool:
        if self.served:
            self.notify(t("served_disabled", self.lang), severity="warning", timeout=4)
        return self.served

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if not self._refuse_when_served():
            super().action_screenshot(filename, path)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        if self._refuse_when_served():
            return None
        return super().deliver_screenshot(filename, path, time_format)

    def action_suspend_process(self) -> None:
        # Suspending under `serve` would stop the process with no shell to resume it.
        if not self._refuse_when_served():
            super().action_suspend_process()

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        if not self._refuse_when_served():
            super().open_url(url, new_tab=new_tab)

    def help_rows(self) -> list[tuple[str, str]]:
        """The keys of the screen F1 was pressed on (its action table), then the app's."""
        screen = self.screen
        extra = [(keys, t(key, self.lang)) for keys, key in getattr(screen, "HELP_EXTRA", ())]
        return extra + help_rows(getattr(screen, "ACTIONS", ()), self.lang, modal=screen.is_modal)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows(), self.lang))

    def open_read_only(self, user: str, column: Column) -> None:
        """The coach looks at a participant's scenario: a copy with no file behind it, so no key can
        ever write the participant's file (saving asks for a new name in the coach's folder)."""
        original = column.scenario
        scenario = replace(original, meta=original.meta.model_copy(update={"name": f"{user}: {original.meta.name}"}))
        try:
            cohort = resolve_cohort(scenario, column.rubric)
        except InputError:
            cohort = None
        session = EditSession.opened(scenario, column.rubric, cohort, None)
        self.push_screen(EditorScreen(session, self.lang))
        self.notify(t("room_read_only", self.lang, user=user, name=column.path.name), timeout=5)

    def editor(self) -> EditorScreen | None:
        """The editor on the screen stack (under a dialog or a sub-screen), or None."""
        return next((s for s in reversed(self.screen_stack) if isinstance(s, EditorScreen)), None)

    async def action_quit(self) -> None:
        """Every way out (q, ctrl+q, the palette's Quit) comes here and meets the same guard."""
        editor = self.editor()
        if editor is not None and self.room is not None:
            # Coach: leaving the participant's scenario goes back to the room, not out of the app.
            editor.guard_unsaved("quit_unsaved", lambda: self._back_to(editor, pop=True))
            return
        if editor is None or not editor.session.dirty:
            if editor is not None:
                clear_recovery(editor.session.path)
            self.exit()
            return
        # Asked over whatever is showing, so that quitting from the compare screen is guarded too.
        editor.guard_unsaved("quit_unsaved", self.exit)

    def _back_to(self, screen: Screen[Any], pop: bool = False) -> None:
        """Close every screen above ``screen`` (and ``screen`` itself when ``pop``)."""
        while self.screen is not screen and len(self.screen_stack) > 1:
            self.pop_screen()
        if pop and len(self.screen_stack) > 1:
            self.pop_screen()

    # -- notifications over dialogs ---------------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """As Textual's, and kept for dialogs, which show them inside their box (DialogNotes).

        Plain text by default: our messages carry file names, keys like ``[keymap]`` and text from
        files, which as markup would vanish or fail to render ("[bold]" in a region's name).
        """
        # Always plain: widgets' notify passes markup=True on; no message of ours is markup.
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
        life = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self._notes = [n for n in self._notes if n[0] > time.monotonic()]
        self._notes.append((time.monotonic() + life, f"{title}: {message}" if title else message))
        if isinstance(self.screen, DialogNotes):
            self.screen.show_notes(self.current_notes())

    def current_notes(self) -> list[str]:
        """The notifications still on screen, oldest first (what a dialog shows in its box)."""
        now = time.monotonic()
        return [text for until, text in self._notes if until > now]

    def action_help_quit(self) -> None:
        # Textual's ctrl+c reminder, in the user's language and naming our keys.
        self.notify(t("ctrl_c_notice", self.lang), title=t("ctrl_c_title", self.lang), timeout=4)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.app.textual_seam import localized_palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(localized_palette(t("palette_placeholder", self.lang), t("palette_none", self.lang)))
