"""The planning screen (key p): choose a target and limits, see the cheapest plan, apply it.

Solving is fast (milliseconds for 47 indicators), so the plan follows every keystroke in the form;
the text is the same the CLI prints, so a plan reads the same in both. Applying hands the planned
scenario back to the main screen, which makes it one undoable change.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from tui.app.actions import GOAL_SEEK_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.core.costs import Constraints, load_costs
from tui.core.edit_session import EditSession
from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.goal_seek import GoalSeekResult, apply_plan, plan_scenario
from tui.core.numbers import is_whole, parse_number
from tui.core.scenario import Scenario
from tui.core.scoring import next_band
from tui.core.solver import sensitivity
from tui.core.targets import parse_target
from tui.core.workspace import user_path
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text
from tui.presentation.goal_seek_text import plan_lines, sensitivity_lines

FIELDS = ("target", "max-step", "max-steps", "max-cost", "cost-file")


class GoalSeekScreen(Screen[Scenario | None]):
    """Dismisses with the planned scenario (to apply) or None (back without changes)."""

    DEFAULT_CSS = """
    GoalSeekScreen { layout: vertical; }
    GoalSeekScreen #plan-title { height: 1; background: $panel; padding: 0 1; }
    GoalSeekScreen #plan-form { grid-size: 4; grid-columns: 22 1fr 22 1fr; height: auto; padding: 0 1; }
    GoalSeekScreen #plan-form Label { height: 1; padding: 0 1 0 0; }
    GoalSeekScreen #plan-form Input { height: 1; border: none; padding: 0 1; background: $boost; }
    GoalSeekScreen #plan-form Input:focus { background: $accent 30%; }
    GoalSeekScreen #plan-status { height: 1; padding: 0 1; }
    GoalSeekScreen #plan-status.-error { color: $error; text-style: bold; }
    GoalSeekScreen #plan-view { height: 1fr; border-top: hkey $panel; padding: 0 1; }
    """

    ACTIONS = GOAL_SEEK_ACTIONS
    BINDINGS = bindings(GOAL_SEEK_ACTIONS, "id")
    COMMANDS = {ActionCommands}

    def __init__(self, session: EditSession, lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(self.ACTIONS, lang))
        self.session = session
        self.lang = lang
        self.plan: GoalSeekResult | None = None
        self._cost_cache: tuple[str, Constraints] | None = None

    def compose(self) -> ComposeResult:
        s, lang = self.session, self.lang
        start = t("plan_from", lang) if s.scenario.target else t("plan_from_baseline", lang)
        yield Static(Text(f"{t('plan_title', lang)} · {s.scenario.meta.region} · {start}", style="bold"),
                     id="plan-title")
        with Grid(id="plan-form"):
            yield Label(t("plan_target_label", lang))
            yield Input(value=self._default_target(), placeholder=t("plan_target_hint", lang), id="target")
            yield Label(t("plan_max_step", lang))
            yield Input(placeholder="—", id="max-step", type="integer")
            yield Label(t("plan_max_steps", lang))
            yield Input(placeholder="—", id="max-steps", type="integer")
            yield Label(t("plan_max_cost", lang))
            yield Input(placeholder="—", id="max-cost")
            yield Label(t("plan_cost_file", lang))
            yield Input(placeholder=t("plan_cost_hint", lang), id="cost-file")
        yield Static(id="plan-status")
        with VerticalScroll(id="plan-view", can_focus=True):
            yield Static(id="plan-text")
        yield Footer()

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

    def _constraints(self) -> Constraints:
        rubric = self.session.rubric
        path = self._value("cost-file")
        cons = Constraints()
        if path:
            cached = self._cost_cache
            if cached is None or cached[0] != path:
                cached = (path, load_costs(user_path(path), rubric))
                self._cost_cache = cached
            cons = cached[1]

        def whole(field: str, flag: str) -> int | None:
            text = self._value(field)
            if not text:
                return None
            if not is_whole(text):
                raise InputError("need_whole", field=flag)
            return int(text)

        max_cost = None
        if self._value("max-cost"):
            try:
                max_cost = parse_number(self._value("max-cost"), "cost")
            except Invalid as exc:
                raise from_invalid(exc, field="--max-cost") from None
            if max_cost < 0:
                raise InputError("not_below_zero", field="--max-cost", got=self._value("max-cost"))
        return cons.with_overrides(max_step=whole("max-step", "--max-step"),
                                   max_steps=whole("max-steps", "--max-steps"), max_cost_h=max_cost)

    def solve(self) -> None:
        s, lang = self.session, self.lang
        status = self.query_one("#plan-status", Static)
        try:
            cons = self._constraints()
            target = parse_target(s.rubric, self._value("target") or self._default_target(), s.cohort)
            self.plan = plan_scenario(s.scenario, s.rubric, target, cons, cohort=s.cohort, projection=s.projection)
        except InputError as exc:
            self.plan = None
            status.set_class(True, "-error")
            status.update(error_text(exc, lang))
            return
        status.set_class(False, "-error")
        status.update(t("plan_apply_hint", lang) if self.plan.reachable and self.plan.changes else "")
        lines = plan_lines(self.plan, s.rubric, cons, lang)
        lines += ["", *sensitivity_lines(sensitivity(s.rubric, self.plan.start, cons), s.rubric, lang, 5)]
        self.query_one("#plan-text", Static).update("\n".join(lines))

    @on(Input.Changed)
    def _changed(self) -> None:
        self.solve()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_apply(self) -> None:
        plan = self.plan
        if plan is None or not plan.reachable:
            self.notify(t("plan_cannot_apply", self.lang), severity="warning", timeout=4)
            return
        if not plan.changes:
            self.notify(t("plan_reached", self.lang), timeout=3)
            return
        self.dismiss(apply_plan(self.session.scenario, self.session.rubric, [plan]))
