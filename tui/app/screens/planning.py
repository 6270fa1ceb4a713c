"""The planning screen (key p): choose a target and limits, see the cheapest plan, apply it.

The plan follows every keystroke in the form, searched in a worker thread (milliseconds for most
plans, seconds for a plan robust to many rejections over many programmes), each new request
cancelling the one before; the text is the same the CLI prints, so a plan reads the same in both.
Applying hands the planned scenario back to the main screen, which makes it one undoable change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from tui.app.actions import GOAL_SEEK_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.files.workspace import user_path
from tui.core.goal_seek.costs import Constraints, load_costs
from tui.core.goal_seek.margins import AssessorMargin, parse_margin
from tui.core.goal_seek.planning import GoalSeekResult, apply_plan, check_rejected, plan_scenario
from tui.core.goal_seek.programme_choice import unchosen
from tui.core.goal_seek.solve_limits import SolveCancelled, solve_limits
from tui.core.goal_seek.solver import sensitivity
from tui.core.goal_seek.targets import Target, parse_target
from tui.core.numbers import is_whole, parse_number
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.external import external_ids
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.evaluation import next_band
from tui.presentation.catalogue import t
from tui.presentation.errors import error_message, error_text
from tui.presentation.goal_seek_text import amount_text, margin_lines, plan_lines, sensitivity_lines, why_not_lines

T = TypeVar("T")

FIELDS = ("target", "max-step", "max-steps", "max-cost", "robust", "margin", "cost-file")
LABELS = {"target": "plan_target_label", "max-step": "plan_max_step", "max-steps": "plan_max_steps",
          "max-cost": "plan_max_cost", "robust": "plan_robust_label", "margin": "plan_margin_label",
          "cost-file": "plan_cost_file"}


@dataclass(frozen=True)
class PlanRequest:
    """What the form asked, read on the UI thread and searched for in a worker."""

    cons: Constraints
    target: Target
    rejected: int
    margin_h: int
    margin_preset: AssessorMargin | None
    why_not: bool
    has_cost_file: bool


class FieldErrors(Exception):
    """One or more of the form's fields are wrong: field id → the message shown beside it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


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
        self.margin_h = 0  # the index kept this far above the target's threshold
        self.margin_preset: AssessorMargin | None = None
        self.plan: GoalSeekResult | None = None
        self.field_errors: dict[str, str] = {}
        self.rejected = 0  # --robust K: the plan survives any K rejected steps
        self._cost_cache: tuple[str, Constraints] | None = None
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
        """The next predikat above where the scenario stands: the question most planners ask first."""
        ev = self.session.summary().scenario.evaluation
        nxt = next_band(self.session.rubric, ev.band)
        return (nxt or ev.band).name.lower()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _cost_constraints(self) -> Constraints:
        path = self._value("cost-file")
        if not path:
            return Constraints()
        cached = self._cost_cache
        if cached is None or cached[0] != path:
            cached = (path, load_costs(user_path(path), self.session.rubric))
            self._cost_cache = cached
        return cached[1]

    def _whole(self, field: str) -> int | None:
        text = self._value(field)
        if not text:
            return None
        if not is_whole(text):
            raise InputError("need_whole")
        return int(text)

    def _max_cost(self) -> int | None:
        text = self._value("max-cost")
        if not text:
            return None
        try:
            value = parse_number(text, "cost")
        except Invalid as exc:
            raise from_invalid(exc) from None
        if value < 0:
            raise InputError("not_below_zero", got=text)
        return value

    def _margin(self) -> tuple[int, AssessorMargin | None]:
        text = self._value("margin")
        return parse_margin(text) if text else (0, None)

    def _read_form(self) -> tuple[Constraints, Target]:
        """Every field checked on its own, so that each wrong one says so beside itself."""
        s = self.session
        errors: dict[str, str] = {}

        def read(field: str, get: Callable[[], T], fallback: T) -> T:
            try:
                return get()
            except InputError as exc:
                # A cost file's errors name the file and its key; the form's fields need neither.
                errors[field] = error_text(exc, self.lang) if field == "cost-file" else error_message(exc, self.lang)
                return fallback

        base = read("cost-file", self._cost_constraints, Constraints())
        if "cost-file" not in errors:
            self.cost_file = self._value("cost-file")  # what the action plan will cost its steps with
        self._show_file_limits(base)
        max_step = read("max-step", lambda: self._whole("max-step"), None)
        max_steps = read("max-steps", lambda: self._whole("max-steps"), None)
        max_cost = read("max-cost", self._max_cost, None)
        self.rejected = read("robust", lambda: self._whole("robust"), None) or 0
        no_margin: tuple[int, AssessorMargin | None] = (0, None)
        self.margin_h, self.margin_preset = read("margin", self._margin, no_margin)
        target = read("target", lambda: parse_target(s.rubric, self._value("target") or self._default_target(),
                                                     s.cohort), None)
        if errors or target is None:
            raise FieldErrors(errors)
        # As in the CLI: indicators scored by another agency's index stay where they are.
        return base.with_overrides(max_step=max_step, max_steps=max_steps, max_cost_h=max_cost,
                                   locked=external_ids(s.rubric)), target

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
        s, lang = self.session, self.lang
        status = self.query_one("#plan-status", Static)
        self._stop_search()
        self.plan = None  # until the new search answers: a stale plan would be applied by mistake
        try:
            cons, target = self._read_form()
            check_rejected(s.rubric, s.scenario.levels(), cons, self.rejected)
        except (FieldErrors, InputError) as exc:
            self.field_errors = exc.errors if isinstance(exc, FieldErrors) else self._place(exc)
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
        request = PlanRequest(cons, target, self.rejected, self.margin_h, self.margin_preset, self.why_not,
                              bool(self.cost_file))
        # A failure other than bad input is a bug: the app's own error handling takes it (served:
        # logged, unsaved work kept), as when the plan was searched on the UI thread.
        self.run_worker(partial(self._search, self._search_id, cancel, request), thread=True, group="plan")

    def _place(self, exc: InputError) -> dict[str, str]:
        """An error of the whole request, beside the field it names (else beside the target)."""
        field = "robust" if exc.field == "robust" else "target"
        return {field: error_message(exc, self.lang)}

    def _stop_search(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def _search(self, search_id: int, cancel: threading.Event, request: PlanRequest) -> None:
        """In a worker thread: the plan and its text, handed back to the UI thread."""
        s = self.session
        try:
            with solve_limits(cancel=cancel):
                plan = plan_scenario(s.scenario, s.rubric, request.target, request.cons, cohort=s.cohort,
                                     projection=s.projection, rejected=request.rejected,
                                     margin_h=request.margin_h)
                lines = self._plan_lines(plan, request)
        except SolveCancelled:
            return
        except InputError as exc:
            self.app.call_from_thread(self._show_failure, search_id, exc)
            return
        self.app.call_from_thread(self._show_plan, search_id, plan, request.cons, lines)

    def _plan_lines(self, plan: GoalSeekResult, request: PlanRequest) -> list[str]:
        s, lang, cons = self.session, self.lang, request.cons
        # Without a cost file the default efforts apply: said, so nobody reads them as real costs.
        lines = [] if request.has_cost_file else [t("default_costs_note", lang), ""]
        lines += plan_lines(plan, s.rubric, cons, lang)
        if request.margin_preset is not None:  # where the "assessor" margin comes from
            lines += ["", *margin_lines(request.margin_preset, lang)]
        if request.why_not:
            verdicts = unchosen(plan.start, plan.levels, cons, plan.programmes)
            lines += ["", *(why_not_lines(verdicts, lang) or [t("why_not_none", lang)])]
        lines += ["", *sensitivity_lines(sensitivity(s.rubric, plan.levels, cons), s.rubric, lang, 5)]
        return lines

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
