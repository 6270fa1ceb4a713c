"""The planning screen (key p): choose a target and limits, see the cheapest plan, apply it.

The plan follows every keystroke in the form, searched in a worker thread (milliseconds for most
plans, seconds for a plan robust to many rejections over many programmes), each new request
cancelling the one before; the text is the same the CLI prints, so a plan reads the same in both.
Applying hands the planned scenario back to the main screen, which makes it one undoable change.
"""

from __future__ import annotations

import threading
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from tui.app.actions import GOAL_SEEK_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError
from tui.core.files.workspace import user_path
from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.plan_request import (
    PlanFieldErrors,
    PlanInputs,
    PlanRequest,
    default_target_text,
    read_plan_request,
    solve_plan,
)
from tui.core.goal_seek.planning import GoalSeekResult, apply_plan
from tui.core.goal_seek.solve_limits import SolveCancelled, solve_limits
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.scenario_file import Scenario
from tui.presentation.catalogue import t
from tui.presentation.errors import error_message, error_text
from tui.presentation.goal_seek_text import amount_text, outcome_lines

FIELDS = ("target", "max-step", "max-steps", "max-cost", "robust", "margin", "cost-file")
LABELS = {"target": "plan_target_label", "max-step": "plan_max_step", "max-steps": "plan_max_steps",
          "max-cost": "plan_max_cost", "robust": "plan_robust_label", "margin": "plan_margin_label",
          "cost-file": "plan_cost_file"}
# The plan use case's fields (tui.core.goal_seek.plan_request) by the box that asks each; a field with
# no box of its own (the goal checked against the evaluation years) is said beside the target.
BOX_OF = {"target": "target", "max_step": "max-step", "max_steps": "max-steps", "max_cost": "max-cost",
          "robust": "robust", "margin": "margin", "cost_file": "cost-file"}
SENSITIVITY_SHOWN = 5


class GoalSeekScreen(Screen[Scenario | None]):
    """Dismisses with the planned scenario (to apply) or None (back without changes)."""

    DEFAULT_CSS = """
    GoalSeekScreen { layout: vertical; }
    GoalSeekScreen #plan-title { height: 1; background: $panel; padding: 0 1; }
    GoalSeekScreen #plan-form { height: auto; padding: 0 1; }
    GoalSeekScreen .plan-row { height: auto; }
    GoalSeekScreen .plan-row Label { width: 22; height: 1; padding: 0 1 0 0; }
    GoalSeekScreen .plan-row Input { width: 26; height: 1; border: none; padding: 0 1; background: $boost; }
    GoalSeekScreen .plan-row Input:focus { background: $accent 30%; }
    GoalSeekScreen .plan-row .field-error { width: 1fr; height: auto; padding: 0 1; color: $error; text-style: bold; }
    GoalSeekScreen #plan-status { height: auto; padding: 0 1; }
    GoalSeekScreen #plan-status.-error { color: $error; text-style: bold; }
    GoalSeekScreen #plan-view { height: 1fr; border-top: hkey $panel; padding: 0 1; }
    """

    ACTIONS = GOAL_SEEK_ACTIONS
    BINDINGS = bindings(GOAL_SEEK_ACTIONS, "id")
    COMMANDS = {ActionCommands}

    def __init__(self, session: EditSession, lang: str, cost_file: str = "") -> None:
        """``cost_file``: the cost file last used in this session, filled in again."""
        super().__init__()
        localize_bindings(self, bindings(self.ACTIONS, lang))
        self.session = session
        self.lang = lang
        self.cost_file = cost_file  # the field's value when it last read as a cost file ("" = none)
        self.why_not = False  # F3: show why each programme of the cost file was left out
        self._cons = Constraints()
        self.plan: GoalSeekResult | None = None
        self.field_errors: dict[str, str] = {}
        self._search_id = 0  # the newest search; answers of older ones are dropped
        self._cancel: threading.Event | None = None  # set to stop the running search

    def compose(self) -> ComposeResult:
        s, lang = self.session, self.lang
        start = t("plan_from", lang) if s.scenario.target else t("plan_from_baseline", lang)
        yield Static(Text(f"{t('plan_title', lang)} · {s.scenario.meta.region} · {start}", style="bold"),
                     id="plan-title")
        inputs = {
            "target": Input(value=self._default_target(), placeholder=t("plan_target_hint", lang), id="target"),
            "max-step": Input(placeholder="—", id="max-step", type="integer"),
            "max-steps": Input(placeholder="—", id="max-steps", type="integer"),
            "max-cost": Input(placeholder="—", id="max-cost"),
            "robust": Input(placeholder="0", id="robust", type="integer"),
            "margin": Input(placeholder=t("plan_margin_hint", lang), id="margin"),
            "cost-file": Input(value=self.cost_file, placeholder=t("plan_cost_hint", lang), id="cost-file"),
        }
        with Vertical(id="plan-form"):
            for field, box in inputs.items():
                with Horizontal(classes="plan-row"):
                    yield Label(t(LABELS[field], lang))
                    yield box
                    # The field's own error, beside it, naming it by its place on the form.
                    yield Static("", id=f"{field}-error", classes="field-error", markup=False)
        yield Static(id="plan-status")
        with VerticalScroll(id="plan-view", can_focus=True):
            yield Static(id="plan-text")
        yield KeyFooter(fit=True)

    def on_mount(self) -> None:
        self.query_one("#target", Input).focus()
        self.solve()

    def _default_target(self) -> str:
        return default_target_text(self.session.rubric, self.session.scenario)

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _request(self) -> PlanRequest:
        """The form as the plan use case's request: the same one ``plan`` builds from its flags."""
        cost_file = self._value("cost-file")
        return PlanRequest(target=self._value("target") or None, max_step=self._value("max-step"),
                           max_steps=self._value("max-steps"), max_cost=self._value("max-cost"),
                           robust=self._value("robust"), margin=self._value("margin") or None,
                           cost_file=user_path(cost_file) if cost_file else None)

    def _read_form(self) -> PlanInputs:
        """Every field checked on its own, so that each wrong one says so beside itself."""
        s = self.session
        try:
            request = self._request()
        except InputError as exc:  # the cost file's path itself (outside the workspace)
            raise PlanFieldErrors({"cost_file": exc}) from None
        try:
            inputs = read_plan_request(request, s.scenario, s.rubric, s.cohort)
        except PlanFieldErrors as exc:
            self._show_file_limits(exc.cost_limits or Constraints())
            raise
        self.cost_file = self._value("cost-file")  # what the action plan will cost its steps with
        self._show_file_limits(inputs.constraints)
        return inputs

    def _field_messages(self, errors: PlanFieldErrors) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, exc in errors.errors.items():
            box = BOX_OF.get(name, "target")
            # A cost file's errors name the file and its key; the form's boxes need neither.
            out.setdefault(box, error_text(exc, self.lang) if box == "cost-file" else error_message(exc, self.lang))
        return out

    def _show_file_limits(self, cons: Constraints) -> None:
        """Limits a cost file sets show in their (empty) fields: applied, so never shown as "—"."""
        lang = self.lang
        file_values = {"max-step": cons.max_step, "max-steps": cons.max_steps,
                       "max-cost": None if cons.max_cost_h is None else amount_text(cons.max_cost_h, lang)}
        for field, value in file_values.items():
            box = self.query_one(f"#{field}", Input)
            box.placeholder = "—" if value is None else t("plan_from_cost_file", lang, value=value)

    def solve(self) -> None:
        """Read the form now (field errors show at once) and search for the plan off the UI thread.

        A search can take seconds (a plan robust to many rejections over many programmes), and the
        plan follows every keystroke: each new request cancels the one before it, and the screen
        answers keys meanwhile.
        """
        lang = self.lang
        status = self.query_one("#plan-status", Static)
        self._stop_search()
        self.plan = None  # until the new search answers: a stale plan would be applied by mistake
        try:
            inputs = self._read_form()
        except PlanFieldErrors as exc:
            self.field_errors = self._field_messages(exc)
            self._show_field_errors()
            status.set_class(True, "-error")
            status.update(t("plan_fix_fields", lang))
            self.query_one("#plan-text", Static).update("")
            return
        self.field_errors = {}
        self._show_field_errors()
        status.set_class(False, "-error")
        status.update(t("plan_searching", lang))
        self._search_id += 1
        cancel = self._cancel = threading.Event()
        # A failure other than bad input is a bug: the app's own error handling takes it (served:
        # logged, unsaved work kept), as when the plan was searched on the UI thread.
        self.run_worker(partial(self._search, self._search_id, cancel, inputs, self.why_not), thread=True,
                        group="plan")

    def _stop_search(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def _search(self, search_id: int, cancel: threading.Event, inputs: PlanInputs, why_not: bool) -> None:
        """In a worker thread: the plan and its text, handed back to the UI thread."""
        s = self.session
        try:
            with solve_limits(cancel=cancel):
                outcome = solve_plan(inputs, s.scenario, s.rubric, cohort=s.cohort, projection=s.projection,
                                     why_not=why_not)
                lines = outcome_lines(outcome, s.rubric, self.lang, SENSITIVITY_SHOWN)
        except SolveCancelled:
            return
        except InputError as exc:
            self.app.call_from_thread(self._show_failure, search_id, exc)
            return
        while lines and not lines[0]:
            lines.pop(0)
        self.app.call_from_thread(self._show_plan, search_id, outcome.plans[-1], inputs.constraints, lines)

    def _current(self, search_id: int) -> bool:
        """Still the newest search, on a screen still shown (an older answer is dropped); the
        newest one answering means nothing is being searched any more."""
        if search_id != self._search_id or not self.is_attached:
            return False
        self._cancel = None
        return True

    def _show_plan(self, search_id: int, plan: GoalSeekResult, cons: Constraints, lines: list[str]) -> None:
        if not self._current(search_id):
            return
        self.plan, self._cons = plan, cons
        status = self.query_one("#plan-status", Static)
        status.update(t("plan_apply_hint", self.lang) if plan.reachable and plan.changes else "")
        self.query_one("#plan-text", Static).update("\n".join(lines))

    def _show_failure(self, search_id: int, exc: InputError) -> None:
        if not self._current(search_id):
            return
        status = self.query_one("#plan-status", Static)
        status.set_class(True, "-error")
        status.update(error_message(exc, self.lang))
        self.query_one("#plan-text", Static).update("")

    def _show_field_errors(self) -> None:
        for field in FIELDS:
            message = self.field_errors.get(field)
            self.query_one(f"#{field}-error", Static).update(f"✗ {message}" if message else "")

    @on(Input.Changed)
    def _changed(self) -> None:
        self.solve()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.solve()  # Enter solves (the plan also follows every keystroke); focus stays put

    def action_back(self) -> None:
        self._stop_search()
        self.dismiss(None)

    def action_why_not(self) -> None:
        """F3: each programme of the cost file the plan left out, with its cost against its steps."""
        if not self._cons.programmes:
            self.notify(t("why_not_no_programmes", self.lang), timeout=4)
            return
        self.why_not = not self.why_not
        self.solve()

    def action_apply(self) -> None:
        plan = self.plan
        if self.field_errors:
            field = next(f for f in FIELDS if f in self.field_errors)  # the first on the form
            message = self.field_errors[field]
            self.notify(f"{t(LABELS[field], self.lang)}: {message}", severity="error", timeout=6)
            return
        if plan is None and self._cancel is not None:  # the newest search has not answered yet
            self.notify(t("plan_still_searching", self.lang), timeout=3)
            return
        if plan is None or not plan.reachable:
            self.notify(t("plan_cannot_apply", self.lang), severity="warning", timeout=4)
            return
        if not plan.changes:
            self.notify(t("plan_reached", self.lang), timeout=3)
            return
        self.dismiss(apply_plan(self.session.scenario, self.session.rubric, [plan]))
