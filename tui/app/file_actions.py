"""File actions of the planning screen: save, save as, open, the unsaved-changes guard, recovery.

A mixin so that editor_screen.py keeps to layout and editing. It relies on the screen's ``session``,
``lang``, ``table`` and ``_load_into_widgets`` / ``_after_change`` / ``_update_topbar``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from tui.app.dialogs import ConfirmDialog, OpenDialog, SaveAsDialog
from tui.core.edit_session import EditSession, is_bundled
from tui.core.errors import InputError
from tui.core.files import real_path
from tui.core.listing import user_files
from tui.core.recovery import clear_recovery, read_recovery, write_recovery
from tui.core.resources import scenarios_dir
from tui.core.scenario import load_scenario
from tui.core.summary import resolve_cohort
from tui.core.workspace import shown_path
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text

RECOVERY_DELAY_S = 1.0


class FileActions:
    if TYPE_CHECKING:
        from tui.app.app import PlannerApp

        session: EditSession
        lang: str
        app: PlannerApp
        _recovery_timer: Timer | None

        def notify(self, *a: Any, **kw: Any) -> None: ...
        def set_timer(self, *a: Any, **kw: Any) -> Timer: ...
        def run_worker(self, *a: Any, **kw: Any) -> Any: ...
        def call_after_refresh(self, *a: Any, **kw: Any) -> bool: ...
        def _after_change(self) -> None: ...
        def _update_topbar(self) -> None: ...
        def _load_into_widgets(self) -> None: ...
        @property
        def table(self) -> Any: ...

    # -- recovery ---------------------------------------------------------------------------------
    def _schedule_recovery(self) -> None:
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(RECOVERY_DELAY_S, self._write_recovery)

    def _write_recovery(self) -> None:
        s = self.session
        path, scenario, dirty = s.path, s.scenario, s.dirty

        def work() -> None:
            if dirty:
                write_recovery(path, scenario)
            else:
                clear_recovery(path)

        self.run_worker(work, thread=True, exclusive=True, group="recovery", exit_on_error=False)

    def _offer_recovery(self) -> None:
        s = self.session
        read = read_recovery(s.path, self.app.rubrics)
        if read.error is not None:
            self.notify(t("recovery_set_aside", self.lang, err=error_text(read.error, self.lang),
                          path=shown_path(read.set_aside) if read.set_aside else "—"),
                        severity="warning", timeout=12)
        found = read.found
        if found is None or found[0] == s.scenario or found[0].framework != s.rubric.id:
            return
        name = s.path.name if s.path else s.scenario.meta.name

        def answer(choice: str | None) -> None:
            if choice == "recover":
                s.apply(found[0])
                self._after_change()
                self.notify(t("recovered", self.lang), timeout=3)
            elif choice == "discard":
                clear_recovery(s.path)

        self.app.push_screen(ConfirmDialog(t("recover_title", self.lang, name=name),
                                           [("recover", t("recover", self.lang)), ("discard", t("discard", self.lang))],
                                           self.lang), answer)

    # -- files ------------------------------------------------------------------------------------
    def action_save(self, then: Callable[[], object] | None = None) -> None:
        s = self.session
        if not s.can_save_in_place:
            if is_bundled(s.path):
                self.notify(t("bundled_readonly", self.lang), timeout=4)
            self.action_save_as(then)
            return
        path = s.path
        assert path is not None  # can_save_in_place implies a file
        if s.changed_on_disk():
            self._confirm(t("changed_on_disk", self.lang, path=shown_path(path)),
                          lambda: self._do_save(path, then))
        else:
            self._do_save(path, then)

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        s = self.session
        suggestion = s.path.name if s.path and not is_bundled(s.path) else \
            f"{s.scenario.meta.region.lower().replace(' ', '-')}-skenario.toml"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists() and (s.path is None or real_path(path) != real_path(s.path)):
                self._confirm(t("overwrite", self.lang, path=shown_path(path)), lambda: self._do_save(path, then))
            else:
                self._do_save(path, then)

        self.app.push_screen(SaveAsDialog(suggestion, self.lang), chosen)

    def _confirm(self, question: str, on_yes: Callable[[], object]) -> None:
        def answer(choice: str | None) -> None:
            if choice == "yes":
                on_yes()

        self.app.push_screen(ConfirmDialog(question, [("yes", t("yes", self.lang))], self.lang), answer)

    def _do_save(self, path: Path, then: Callable[[], object] | None = None) -> None:
        s = self.session
        old = s.path
        try:
            s.save(path)
        except OSError as exc:
            self.notify(t("save_failed", self.lang, path=shown_path(path), err=exc.strerror or exc), severity="error",
                        timeout=8)
            return
        except InputError as exc:  # served mode: a name or place outside the workspace
            self.notify(error_text(exc, self.lang), title=t("save_failed_title", self.lang), severity="error",
                        timeout=8)
            return
        clear_recovery(old)
        clear_recovery(path)
        self.notify(t("saved", self.lang, path=shown_path(path)), timeout=3)
        self._update_topbar()
        if callable(then):
            then()

    def action_open(self) -> None:
        here = Path.cwd()
        files = user_files(here) + user_files(scenarios_dir()) + user_files(here, (".csv", ".xlsx"))
        self.app.push_screen(OpenDialog(files, self.lang), self._open_chosen)

    def _open_chosen(self, path: Path | None) -> None:
        if path is None:
            return
        if path.suffix.casefold() in (".csv", ".xlsx"):
            self.import_sheet(path)  # type: ignore[attr-defined]  # ExchangeActions, beside this mixin
            return
        self.guard_unsaved("open_unsaved", lambda: self.open_file(path))

    def open_file(self, path: Path) -> bool:
        app = self.app
        try:
            scenario, rubric = load_scenario(path, app.rubrics)
            cohort = resolve_cohort(scenario, rubric)
        except InputError as exc:
            self.notify(error_text(exc, self.lang), title=t("open_failed", self.lang), severity="error", timeout=10)
            return False
        self.session = EditSession.opened(scenario, rubric, cohort, path)
        self.table.collapsed.clear()
        self._load_into_widgets()
        self.notify(t("opened", self.lang, path=shown_path(path)), timeout=3)
        self.call_after_refresh(self._offer_recovery)
        return True

    def guard_unsaved(self, question_key: str, proceed: Callable[[], object]) -> None:
        """Run ``proceed`` now, or after the user saved or discarded unsaved changes."""
        s = self.session
        if not s.dirty:
            proceed()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=proceed)
            elif choice == "discard":
                clear_recovery(s.path)
                proceed()

        self.app.push_screen(ConfirmDialog(t(question_key, self.lang),
                                           [("save", t("save", self.lang)), ("discard", t("discard", self.lang))],
                                           self.lang), answer)
