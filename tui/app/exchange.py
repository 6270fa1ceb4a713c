"""Export a report of the scenario being edited, and import a baseline from a sheet.

A mixin of the planning screen, like file_actions.py. Export writes the scenario as it is on the
screen, saved or not; import starts a new, unsaved scenario that the user then saves with S.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.app.actions import DIALOG_ACTIONS, bindings
from tui.app.dialogs import SaveAsDialog, dialog_css
from tui.app.textual_seam import localize_bindings
from tui.core.edit_session import EditSession
from tui.core.errors import InputError
from tui.core.scenario import Scenario, ScenarioMeta
from tui.core.summary import resolve_cohort
from tui.core.workspace import shown_path
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text

# Reports, sheets and comparisons are imported inside the actions: start-up never pays for them.

SHEET_SUFFIXES = (".csv", ".xlsx")


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


class ExchangeActions:
    if TYPE_CHECKING:
        from tui.app.app import PlannerApp

        session: EditSession
        lang: str
        app: PlannerApp

        def notify(self, *a: Any, **kw: Any) -> None: ...
        def guard_unsaved(self, question_key: str, proceed: Callable[[], object]) -> None: ...
        def _confirm(self, question: str, on_yes: Any) -> None: ...
        def _load_into_widgets(self) -> None: ...
        def _update_topbar(self) -> None: ...
        @property
        def table(self) -> Any: ...

    # -- export ------------------------------------------------------------------------------------
    def action_export(self) -> None:
        from tui.presentation.report_formats import FORMATS

        s = self.session
        stem = s.path.stem if s.path else s.scenario.meta.region.lower().replace(" ", "-")

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists():
                self._confirm(t("overwrite", self.lang, path=shown_path(path)), lambda: self._export(path))
            else:
                self._export(path)

        suffixes = tuple(f".{f}" for f in FORMATS)
        self.app.push_screen(SaveAsDialog(f"{stem}-laporan.md", self.lang, t("export_title", self.lang),
                                          (".md", *[x for x in suffixes if x != ".md"])), chosen)

    def _export(self, path: Path) -> None:
        from tui.core.compare import Column
        from tui.presentation.report import scenario_report
        from tui.presentation.report_formats import write_report

        s = self.session
        column = Column(s.path or Path(f"{s.scenario.meta.region}.toml"), s.scenario, s.rubric, s.summary())
        try:
            write_report(path, path.suffix.lstrip(".").casefold(), [scenario_report(column, self.lang)], self.lang)
        except OSError as exc:
            self.notify(f"{shown_path(path)}: {exc.strerror or exc}", severity="error", timeout=10)
            return
        except InputError as exc:  # served mode: a name or place outside the workspace
            self.notify(error_text(exc, self.lang), severity="error", timeout=10)
            return
        self.notify(t("exported", self.lang, path=shown_path(path)), timeout=4)

    # -- import ------------------------------------------------------------------------------------
    def import_sheet(self, sheet: Path) -> None:
        meta = self.session.scenario.meta

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.guard_unsaved("open_unsaved", lambda: self._import(sheet, *answer))

        self.app.push_screen(ImportDialog(sheet, meta.framework, meta.region, self.lang), chosen)

    def _import(self, sheet: Path, framework: str, region: str) -> None:
        from tui.core.sheets import import_levels

        try:
            rubric = self.app.rubrics.get(framework)
            levels = import_levels(sheet, rubric)
            year = rubric.meta.years[-1] if rubric.meta.years else self.session.scenario.meta.year
            cohort = self.session.scenario.meta.cohort if framework == self.session.rubric.id else None
            meta = ScenarioMeta(name="Baseline", framework=rubric.id, region=region, year=year, cohort=cohort,
                                notes=f"Diimpor dari {sheet.name}")
            scenario = Scenario(meta=meta, baseline=levels)
            session = EditSession(scenario=scenario, rubric=rubric, cohort=resolve_cohort(scenario, rubric))
        except InputError as exc:
            self.notify(error_text(exc, self.lang), title=t("open_failed", self.lang), severity="error", timeout=12)
            return
        self.session = session
        self.table.collapsed.clear()
        self._load_into_widgets()
        self.notify(t("import_done", self.lang, name=sheet.name), timeout=5)
