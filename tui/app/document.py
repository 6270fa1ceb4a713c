"""The document controller: the file behind the editor — open, save, save as, recovery, import,
export, and the checks for unsaved work and for edits made outside the app.

It owns the editing session and its file state; the editor screen composes widgets and routes
keys, and hears back through typed messages (``Opened``, ``Changed``, ``Saved``), so neither calls
into the other's insides. Dialogs are pushed on the screen's app; timers run on the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.timer import Timer

from tui.app.dialogs.common import ConfirmDialog
from tui.app.dialogs.files import OpenDialog, SaveAsDialog
from tui.core.errors import InputError
from tui.core.files.guarded import real_path
from tui.core.files.workspace import shown_path
from tui.core.resources import scenarios_dir
from tui.core.scenario.edit_session import EditSession, is_bundled
from tui.core.scenario.recovery import clear_recovery, read_recovery, write_recovery
from tui.core.scenario.scenario_file import load_scenario_and_digest
from tui.core.scenario.summary import resolve_cohort
from tui.core.team.listing import scenario_files, user_files
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text
from tui.presentation.text import cohort_warning

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.app.dialogs.import_sheet import ImportAnswers
    from tui.core.scenario.sheet_import import Survey
    from tui.presentation.document_parts import Signature


RECOVERY_DELAY_S = 0.3  # after the last change; the write itself runs in a worker thread
Then = Callable[[], object] | None


class Document:
    """One scenario being edited and the file behind it, for one editor screen."""

    @dataclass
    class Opened(Message):
        """A new session replaced the old one (a file opened, a sheet imported)."""

    @dataclass
    class Changed(Message):
        """The scenario changed without a key press (recovered unsaved work)."""

    @dataclass
    class Saved(Message):
        path: Path

    def __init__(self, screen: Screen[Any], session: EditSession, lang: str) -> None:
        self.screen = screen
        self.session = session
        self.lang = lang
        self._recovery_timer: Timer | None = None
        # The cost file last read on the planning screen: plans and the action plan use the same.
        self.cost_file = ""

    @property
    def app(self) -> Any:  # the PlannerApp: its rubrics and push_screen
        return self.screen.app

    def _notify(self, message: str, **kw: Any) -> None:
        self.screen.notify(message, **kw)

    def _error(self, exc: InputError, title_key: str | None = None, timeout: float = 10) -> None:
        title = t(title_key, self.lang) if title_key else ""
        self._notify(error_text(exc, self.lang), title=title, severity="error", timeout=timeout)

    # -- recovery ---------------------------------------------------------------------------------
    def schedule_recovery(self) -> None:
        """Keep unsaved edits on disk 0.3 s after the last change (a crash or a dropped SSH session)."""
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.screen.set_timer(RECOVERY_DELAY_S, self._write_recovery)

    def presence(self) -> dict[str, Any]:
        """What the coach's room screen shows of this session (served mode only)."""
        s = self.session
        result = s.summary().scenario.evaluation
        return {"file": s.path.name if s.path else None, "name": s.scenario.meta.name,
                "framework": s.rubric.id, "index": str(result.index), "predikat": result.predikat,
                "unsaved": s.dirty, "sample": is_bundled(s.path)}

    def _write_recovery(self) -> None:
        from tui.core.room.presence import write_presence

        s = self.session
        path, scenario, dirty = s.path, s.scenario, s.dirty
        presence = self.presence()

        def work() -> None:
            if dirty:
                write_recovery(path, scenario)
            else:
                clear_recovery(path)
            write_presence(presence)

        self.screen.run_worker(work, thread=True, exclusive=True, group="recovery", exit_on_error=False)

    def offer_recovery(self) -> None:
        s = self.session
        read = read_recovery(s.path, self.app.rubrics)
        if read.error is not None:
            self._notify(t("recovery_set_aside", self.lang, err=error_text(read.error, self.lang),
                           path=shown_path(read.set_aside) if read.set_aside else "—"),
                         severity="warning", timeout=12)
        found = read.found
        if found is None or found[0] == s.scenario or found[0].framework != s.rubric.id:
            return
        name = s.path.name if s.path else s.scenario.meta.name

        def answer(choice: str | None) -> None:
            if choice == "recover":
                s.apply(found[0])
                self.screen.post_message(self.Changed())
                self._notify(t("recovered", self.lang), timeout=3)
            elif choice == "discard":
                clear_recovery(s.path)

        self.app.push_screen(ConfirmDialog(t("recover_title", self.lang, name=name),
                                           [("recover", t("recover", self.lang)), ("discard", t("discard", self.lang))],
                                           self.lang), answer)

    # -- saving -----------------------------------------------------------------------------------
    def save(self, then: Then = None) -> None:
        s = self.session
        if not s.can_save_in_place:
            if is_bundled(s.path):
                self._notify(t("bundled_readonly", self.lang), timeout=4)
            self.save_as(then)
            return
        path = s.path
        assert path is not None  # can_save_in_place implies a file
        if s.changed_on_disk():
            self.confirm(t("changed_on_disk", self.lang, path=shown_path(path)), lambda: self._save_to(path, then))
        else:
            self._save_to(path, then)

    def save_as(self, then: Then = None) -> None:
        s = self.session
        suggestion = s.path.name if s.path and not is_bundled(s.path) else \
            f"{s.scenario.meta.region.lower().replace(' ', '-')}-skenario.toml"

        dialog = SaveAsDialog(suggestion, self.lang, scenario_name=s.scenario.meta.name)

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            name = dialog.scenario_name
            if name and name != s.scenario.meta.name and s.rename(name):  # saved under its new name
                self.screen.post_message(self.Changed())
            if path.exists() and (s.path is None or real_path(path) != real_path(s.path)):
                self.confirm(t("overwrite", self.lang, path=shown_path(path)), lambda: self._save_to(path, then))
            else:
                self._save_to(path, then)

        self.app.push_screen(dialog, chosen)

    def confirm(self, question: str, on_yes: Callable[[], object]) -> None:
        def answer(choice: str | None) -> None:
            if choice == "yes":
                on_yes()

        self.app.push_screen(ConfirmDialog(question, [("yes", t("yes", self.lang))], self.lang), answer)

    def _save_to(self, path: Path, then: Then = None) -> None:
        s = self.session
        old = s.path
        try:
            s.save(path)
        except InputError as exc:  # a missing folder, no permission, or outside the workspace
            self._error(exc, "save_failed_title", timeout=8)
            return
        clear_recovery(old)
        clear_recovery(path)
        from tui.core.room.presence import write_presence

        write_presence(self.presence())
        self._notify(t("saved", self.lang, path=shown_path(path)), timeout=3)
        self.screen.post_message(self.Saved(path))
        if then is not None:
            then()

    def guard_unsaved(self, question_key: str, proceed: Callable[[], object]) -> None:
        """Run ``proceed`` now, or after the user saved or discarded unsaved changes."""
        s = self.session
        if not s.dirty:
            proceed()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=proceed)
            elif choice == "discard":
                clear_recovery(s.path)
                proceed()

        self.app.push_screen(ConfirmDialog(t(question_key, self.lang),
                                           [("save", t("save", self.lang)), ("discard", t("discard", self.lang))],
                                           self.lang), answer)

    # -- opening ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        here = Path.cwd()
        samples = scenario_files(scenarios_dir())
        files = scenario_files(here) + samples + user_files(here, (".csv", ".xlsx"))
        self.app.push_screen(OpenDialog(files, self.lang, frozenset(samples)), self._chosen)

    def _chosen(self, path: Path | None) -> None:
        if path is None:
            return
        if path.suffix.casefold() in (".csv", ".xlsx"):
            self.import_sheet(path)
            return
        self.guard_unsaved("open_unsaved", lambda: self.open_file(path))

    def open_file(self, path: Path) -> bool:
        """Open ``path`` in place of the current session; a bad file is a message, nothing is lost."""
        try:
            # One read: the scenario and the checksum that notices later outside edits.
            scenario, rubric, digest = load_scenario_and_digest(path, self.app.rubrics)
            cohort = resolve_cohort(scenario, rubric, path=path)
        except InputError as exc:
            if exc.code == "is_sheet":  # a sheet under any name: recognised by content, imported
                self.import_sheet(path)
                return False
            self._error(exc, "open_failed")
            return False
        self._replace(EditSession.opened(scenario, rubric, cohort, path, digest=digest))
        self._notify(t("opened", self.lang, path=shown_path(path)), timeout=3)
        self.warn_cohort_level()
        self.screen.call_after_refresh(self.offer_recovery)
        return True

    def warn_cohort_level(self) -> None:
        """A province ranked among regencies (or the reverse) is allowed, but said."""
        s = self.session
        warning = cohort_warning(s.scenario.meta.region, s.cohort, self.lang)
        if warning:
            self._notify(warning, severity="warning", timeout=10)

    def _replace(self, session: EditSession) -> None:
        self.session = session
        self.screen.post_message(self.Opened())

    # -- import and export ------------------------------------------------------------------------
    def import_sheet(self, sheet: Path) -> None:
        """Read the sheet first (a wrong workbook costs one message and no questions), find the
        framework its indicators follow, then ask only what a sheet does not say — what the CLI's
        `import` asks, through the same use case. A report we exported asks nothing."""
        from tui.core.scenario.sheet_import import survey
        from tui.core.scoring.rubric import bundled_rubric_ids

        current = self.session.rubric
        ids = [current.id] + [r for r in bundled_rubric_ids() if r != current.id]
        try:
            rubrics = [r for r in (self.app.rubrics.get(rid) for rid in ids) if r.scorable]
            found = survey(sheet, rubrics)
        except InputError as exc:
            self._error(exc, "open_failed", timeout=12)
            return
        if found.report:
            self.guard_unsaved("open_unsaved", lambda: self._import(sheet, None, found))
            return
        assert found.rubric is not None and found.result is not None
        rubric, result = found.rubric, found.result
        year = result.year or (rubric.meta.years[-1] if rubric.meta.years else self.session.scenario.meta.year)
        note = t("import_found", self.lang, n=len(result.levels), framework=rubric.id)
        listed = ", ".join(c.label for c in found.columns)

        # Loaded when first asked: its checkbox costs 27 ms of start-up that no first frame needs.
        from tui.app.dialogs.import_sheet import ImportDialog

        def chosen(answer: ImportAnswers | None) -> None:
            if answer is not None:
                self.guard_unsaved("open_unsaved", lambda: self._import(sheet, answer, found))

        self.app.push_screen(ImportDialog(sheet, rubric.id, "", self.lang, year=str(year), found=note,
                                          columns=listed, column=found.column, earlier=found.earlier), chosen)

    def _import(self, sheet: Path, answer: ImportAnswers | None, found: Survey | None = None) -> None:
        """The scenario from the sheet, through the CLI's use case (read, checked against any
        index or group values the sheet gives, its source said)."""
        from tui.core.scenario.sheet_import import ImportRequest, run_import

        current = self.session.scenario.meta
        request = ImportRequest(sheet, notes=t("imported_from", self.lang, name=sheet.name))
        if answer is not None:
            year = int(answer.year) if answer.year.strip().isdigit() else None
            cohort = current.cohort if answer.framework == self.session.rubric.id else None
            request = ImportRequest(sheet, framework=answer.framework, region=answer.region, year=year,
                                    cohort=cohort, column=answer.column, history_columns=answer.history_columns,
                                    notes=request.notes)
        try:
            read = found.sheet if found is not None else None
            result = (found.rubric, found.result) if found and found.rubric and found.result else None
            done = run_import(request, self.app.rubrics, read=read, result=result)
            session = EditSession(scenario=done.scenario, rubric=done.rubric,
                                  cohort=resolve_cohort(done.scenario, done.rubric))
        except InputError as exc:
            self._error(exc, "open_failed", timeout=12)
            return
        self._replace(session)
        self._notify(t("import_done", self.lang, name=sheet.name), timeout=5)
        if done.left_out:
            self._notify(t("imported_left_out", self.lang, parts=done.left_out), timeout=12)

    def convert_to_pemdi(self) -> None:
        """The scenario's Pemdi 2026 estimate (unofficial crosswalk) as a new, unsaved scenario."""
        from tui.presentation.estimate import estimate

        s = self.session
        name = s.path.name if s.path else s.scenario.meta.name
        try:
            rubric = self.app.rubrics.get("pemdi-2026")
            result = estimate(s.scenario, s.rubric, rubric, name, self.lang)
        except InputError as exc:  # a Pemdi scenario, or a framework with no crosswalk to Pemdi
            self._error(exc)
            return
        self._replace(EditSession(scenario=result.scenario, rubric=rubric))
        from tui.presentation.estimate import range_text

        spread = f" {range_text(result.range, self.lang)}" if result.range is not None else ""
        self._notify(t("converted_app", self.lang, name=name, ids=", ".join(result.needs_external) or "—") + spread,
                     timeout=12)

    def export(self, action_plan: bool = False) -> None:
        """Ask where to write the scenario's report (or its action plan), then write it."""
        from tui.presentation.report_formats import FORMATS

        s = self.session
        stem = s.path.stem if s.path else s.scenario.meta.region.lower().replace(" ", "-")

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists():
                self.confirm(t("overwrite", self.lang, path=shown_path(path)),
                             lambda: self._export(path, action_plan))
            else:
                self._export(path, action_plan)

        suffixes = tuple(f".{f}" for f in (*FORMATS, *(("ics",) if action_plan else ())))
        name, title = (("rencana-aksi", "ap_export_title") if action_plan else ("laporan", "export_title"))
        self.app.push_screen(SaveAsDialog(f"{stem}-{name}.md", self.lang, t(title, self.lang),
                                          (".md", *[x for x in suffixes if x != ".md"])), chosen)

    def _export(self, path: Path, action_plan: bool = False) -> None:
        from tui.core.files.workspace import user_path
        from tui.core.goal_seek.action_plan import build_action_plan
        from tui.core.goal_seek.costs import load_costs
        from tui.core.team.compare import Column
        from tui.presentation.action_plan_report import action_plan_reports
        from tui.presentation.report import scenario_report
        from tui.presentation.report_formats import write_report

        s = self.session
        column = Column(s.path or Path(f"{s.scenario.meta.region}.toml"), s.scenario, s.rubric, s.summary())
        try:
            cons = load_costs(user_path(self.cost_file), s.rubric) if action_plan and self.cost_file else None
            plan = build_action_plan(s.rubric, s.scenario, cons) if action_plan else None
            fmt = path.suffix.lstrip(".").casefold()
            if plan is not None and fmt == "ics":
                from tui.core.files.guarded import atomic_write
                from tui.presentation.ics_writer import action_plan_ics

                atomic_write(path, action_plan_ics(s.scenario, s.rubric, plan, self.lang).encode("utf-8"))
                self._notify(t("ap_written", self.lang, path=shown_path(path)), timeout=4)
                self._offer_download(path)
                return
            reports = action_plan_reports(column, plan, self.lang) if plan is not None \
                else [scenario_report(column, self.lang)]
            write_report(path, fmt, reports, self.lang, sign=self._signature() if fmt in ("docx", "pdf") else None)
        except InputError as exc:  # a missing folder, no permission, or outside the workspace
            self._error(exc)
            return
        done = "ap_written" if action_plan else "exported"
        self._notify(t(done, self.lang, path=shown_path(path)), timeout=4)
        self._offer_download(path)

    # -- the Peta Rencana -------------------------------------------------------------------------
    def export_roadmap(self) -> None:
        """Ask the targets per year, then where to write the Peta Rencana (with the first year's
        quarterly targets); the same use case as `spbe-planner roadmap`."""
        from tui.app.dialogs.common import TextDialog
        from tui.core.goal_seek.targets import roadmap_targets

        s = self.session

        def check(text: str) -> object:
            return roadmap_targets(s.rubric, _roadmap_items(text), s.cohort)

        def chosen(text: str | None) -> None:
            if text is None:
                return
            stem = s.path.stem if s.path else s.scenario.meta.region.lower().replace(" ", "-")
            suffixes = (".xlsx", ".docx", ".pdf", ".md", ".csv", ".txt")

            def where(path: Path | None) -> None:
                if path is None:
                    return
                if path.exists():
                    self.confirm(t("overwrite", self.lang, path=shown_path(path)),
                                 lambda: self._write_roadmap(path, _roadmap_items(text)))
                else:
                    self._write_roadmap(path, _roadmap_items(text))

            self.app.push_screen(SaveAsDialog(f"{stem}-peta-rencana.xlsx", self.lang, t("cmd_roadmap", self.lang),
                                              suffixes), where)

        self.app.push_screen(TextDialog(t("pr_ask", self.lang), "", self.lang, check), chosen)

    def _write_roadmap(self, path: Path, items: list[str]) -> None:
        from tui.core.files.workspace import user_path
        from tui.core.goal_seek.peta_rencana import plan_roadmap
        from tui.core.goal_seek.plan_request import PlanFieldErrors
        from tui.core.goal_seek.solve_limits import solve_limits
        from tui.presentation.report_formats import write_report
        from tui.presentation.roadmap_report import roadmap_report

        s = self.session
        try:
            cost_file = user_path(self.cost_file) if self.cost_file else None
            try:
                with solve_limits():
                    peta, quarters = plan_roadmap(s.scenario, s.rubric, s.cohort, items, cost_file, quarters=True)
            except PlanFieldErrors as exc:
                raise exc.first from None
            report = roadmap_report(s.scenario, s.rubric, peta, self.lang, quarters)
            fmt = path.suffix.lstrip(".").casefold()
            write_report(path, fmt, [report], self.lang, sign=self._signature() if fmt in ("docx", "pdf") else None)
        except InputError as exc:
            self._error(exc)
            return
        self._notify(t("pr_written", self.lang, path=shown_path(path)), timeout=4)
        self._offer_download(path)

    # -- the portal's evidence sheet ------------------------------------------------------------
    def import_evidence(self, then: Then = None) -> None:
        """Pick a sheet (the working folder's csv/xlsx listed, or a typed path) and merge its
        evidence statuses into the scenario: one undoable change, through the CLI's use case.
        ``then``: what the calling screen redraws afterwards (the evidence screen its table)."""
        sheets = user_files(Path.cwd(), (".csv", ".xlsx"))
        self.app.push_screen(OpenDialog(sheets, self.lang), lambda path: self._merge_evidence(path, then))

    def _merge_evidence(self, path: Path | None, then: Then = None) -> None:
        from tui.core.scenario.evidence_sheet import import_evidence

        if path is None:
            return
        s = self.session
        try:
            merged, report = import_evidence(path, s.scenario, s.rubric)
        except InputError as exc:
            self._error(exc)
            return
        changed = s.apply(merged)
        if changed:
            self.screen.post_message(self.Changed())
        if then is not None:
            then()
        key = "evidence_merged_app" if changed else "evidence_merged_none_app"
        self._notify(t(key, self.lang, sheet=path.name, **report.as_json()), timeout=8)

    def export_evidence(self) -> None:
        """The scenario's evidence as the portal's sheet (xlsx or csv, by the name's ending)."""
        s = self.session
        stem = s.path.stem if s.path else s.scenario.meta.region.lower().replace(" ", "-")

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists():
                self.confirm(t("overwrite", self.lang, path=shown_path(path)), lambda: self._export_evidence(path))
            else:
                self._export_evidence(path)

        self.app.push_screen(SaveAsDialog(f"{stem}-bukti-dukung.xlsx", self.lang, t("evidence_export_title", self.lang),
                                          (".xlsx", ".csv")), chosen)

    def _export_evidence(self, path: Path) -> None:
        from tui.core.scenario.evidence_sheet import evidence_sheet_format
        from tui.presentation.report import evidence_sheet_report
        from tui.presentation.report_formats import write_report

        s = self.session
        try:
            write_report(path, evidence_sheet_format(path), [evidence_sheet_report(s.scenario, self.lang)], self.lang)
        except InputError as exc:
            self._error(exc)
            return
        self._notify(t("evidence_exported", self.lang, n=len(s.scenario.evidence), path=shown_path(path)), timeout=4)
        self._offer_download(path)

    def _signature(self) -> Signature:
        """The scenario's [report] over the config's: place, date and signers of a document."""
        from tui.core.report_settings import report_settings
        from tui.presentation.document_parts import signature

        return signature(report_settings(self.session.scenario.report, getattr(self.app, "report_settings", None)),
                         self.lang)

    def _offer_download(self, path: Path) -> None:
        """In the browser, the file just written is also offered as a download: only a file of the
        participant's own workspace (the path was confined on the way in; checked again here)."""
        from tui.core.files.workspace import inside_workspace

        if self.app.is_web and inside_workspace(path):
            self.app.deliver_binary(path, save_filename=path.name)


def _roadmap_items(text: str) -> list[str]:
    """"2027=baik 2028='sangat baik'" as the CLI's --roadmap items (quotes group words)."""
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return text.split()
