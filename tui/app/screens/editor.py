"""The main planning screen: header, results, the indicator table, detail and charts.

State lives in a core ``EditSession``; every key goes through it and then ``_refresh`` pushes the
new numbers into the widgets. The keystroke path does only cheap work (exact integer scoring and a
few cell updates); charts are debounced and built in a worker (see charts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.app.actions import EDITOR_ACTIONS, ActionCommands, bindings
from tui.app.document import Document
from tui.app.textual_seam import localize_bindings, use_tight_updates
from tui.app.theme import theme_style
from tui.app.typed_edits import TypedEdits
from tui.app.widgets.charts import MODES, ChartData, ChartPanel
from tui.app.widgets.detail_panel import DetailPanel
from tui.app.widgets.diff_lines import TopBar
from tui.app.widgets.indicator_table import IndicatorTable
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.result_panel import ResultPanel
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.scenario_file import Scenario
from tui.core.scenario.summary import Summary, evidence_outcomes
from tui.core.scoring.peer_groups import peer_groups
from tui.core.scoring.ranking import ladder
from tui.presentation.catalogue import localized, t
from tui.presentation.text import fit_middle, index_name, n2, short_name

WIDE_MIN_W, WIDE_MIN_H = 110, 30
TINY_W, TINY_H = 60, 16

class EditorScreen(TypedEdits, Screen[None]):
    if TYPE_CHECKING:
        from tui.app.app import PlannerApp

        app: PlannerApp  # the screen only ever runs in the planner app

    ACTIONS = EDITOR_ACTIONS
    BINDINGS = bindings(EDITOR_ACTIONS, "id")
    COMMANDS = {ActionCommands}
    # Help rows for keys the table handles itself.
    HELP_EXTRA = (("↑ ↓", "indicator"), ("Enter", "key_toggle"), ("Tab", "key_tab_panels"))

    def __init__(self, session: EditSession, lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(self.ACTIONS, lang))
        use_tight_updates(self)
        self.document = Document(self, session, lang)
        self.lang = lang
        self.chart_mode = "groups"
        self._summary: Summary | None = None
        self._topbar_inputs: tuple[object, ...] = ()

    @property
    def session(self) -> EditSession:
        """The session being edited: the document's, which a file opening replaces."""
        return self.document.session

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Size classes from the terminal's size before anything mounts: set later, they would
        # recompose the footer twice (bindings, then compact) before the first frame.
        narrow = self._set_size_classes(*self.app.size)
        yield TopBar(id="topbar")
        yield ResultPanel(id="result")
        with Horizontal(id="body"):
            yield IndicatorTable(id="table")
            with Vertical(id="side"):
                # A share of the terminal; longer text scrolls (Tab to it, then ↑ ↓).
                yield DetailPanel(id="detail")
                yield ChartPanel(id="charts")
        yield Input(placeholder=t("filter_placeholder", self.lang), id="filter")
        yield Static(id="too-small")
        yield KeyFooter(compact=narrow)

    def on_mount(self) -> None:
        self._apply_size_classes()
        self._load_into_widgets()
        self.query_one(IndicatorTable).focus()
        self.call_after_refresh(self.document.offer_recovery)
        self.document.warn_cohort_level()

    def on_resize(self) -> None:
        self._apply_size_classes()

    def _set_size_classes(self, w: int, h: int) -> bool:
        """Mark the screen -narrow (no charts) and -tiny (too small) for a w x h terminal."""
        narrow = w < WIDE_MIN_W or h < WIDE_MIN_H
        self.set_class(narrow, "-narrow")
        self.set_class(w < TINY_W or h < TINY_H, "-tiny")
        return narrow

    def _apply_size_classes(self) -> None:
        w, h = self.size
        was_narrow = self.has_class("-narrow")
        narrow = self._set_size_classes(w, h)
        if was_narrow != narrow:
            self.refresh_bindings()  # the chart key comes and goes with the charts
        # Less space between keys when narrow, so F1 Bantuan still fits at 80 columns.
        self.query_one(KeyFooter).compact = narrow
        if was_narrow and not narrow and self._summary is not None:
            self._update_charts(immediate=True)  # edits made while the chart was hidden never reached it
        if self.has_class("-tiny"):
            self.query_one("#too-small", Static).update(
                t("too_small", self.lang, w=TINY_W, h=TINY_H, cw=w, ch=h))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No charts below 110x30, so no chart key: its footer slot goes to F1 Bantuan at 80 columns.
        return not (action == "chart" and self.has_class("-narrow"))

    # -- convenience -------------------------------------------------------------------------------
    @property
    def table(self) -> IndicatorTable:
        return self.query_one(IndicatorTable)

    def _load_into_widgets(self) -> None:
        self.table.setup(self.session.rubric, self.lang)
        self._refresh(rebuild=True, charts_now=True)
        self._tell_the_coach()

    def _tell_the_coach(self) -> None:
        """Served mode: the room screen learns which scenario is open, and its live index."""
        from tui.core.files.workspace import served

        if served():
            from tui.core.room.presence import write_presence

            presence = self.document.presence()
            self.run_worker(lambda: write_presence(presence), thread=True, group="presence", exit_on_error=False)

    def _refresh(self, changed: set[str] | None = None, rebuild: bool = False, charts_now: bool = False) -> None:
        # charts_now: a freshly opened file shows its chart at once; edits, filtering and folding
        # (which redraw the table but not the chart's data) go through the debounce.
        s = self.session
        summary = s.summary()
        self._summary = summary
        base, scen = summary.baseline.evaluation, summary.scenario.evaluation
        evidence = evidence_outcomes(s.scenario, s.rubric, s.cohort, s.projection) if s.scenario.evidence else None
        # A fourth result line (claimed and verified) from the first evidence item recorded to the
        # last one removed: set on every refresh, so an edit on the evidence screen shows at once.
        self.set_class(evidence is not None, "-evidence")
        self.query_one(ResultPanel).show(summary, s.rubric, s.cohort, self.lang, evidence)
        if rebuild:
            self.table.rebuild(s.scenario, base, scen)
        elif changed:
            self.table.update_indicators(s.scenario, base, scen, changed)
        self.update_topbar()
        self._update_detail()
        self._update_charts(immediate=charts_now)

    def update_topbar(self) -> None:
        s, lang = self.session, self.lang
        meta = s.scenario.meta
        watched = bool(getattr(self.app, "watched", False))
        inputs = (meta, s.rubric.id, s.path, s.projection, s.dirty, self.table.filter_text, watched)
        if inputs == self._topbar_inputs:
            return  # the usual keystroke: nothing in the bar changed
        self._topbar_inputs = inputs
        text = Text()
        text.append(f" {meta.region}", style="bold")
        # Most telling first: a narrow terminal cuts from the end.
        text.append(f" · {meta.name} · {index_name(s.rubric, lang)} ({s.rubric.id})"
                    f" · {t('baseline_year', lang, year=meta.year)}")
        if s.path is not None:
            text.append(f" · {s.path.name}", style="dim")
        file_name = s.path.name if s.path is not None else None

        def fit(room: int) -> Text:
            """Narrow: the framework by its id and the year alone; then the region's short name;
            then the region, scenario and file names shortened in the middle, as little as the
            room asks, so that the end of each (what tells them apart) stays."""
            fixed = f" · {s.rubric.id} · {meta.year}"
            names = [meta.region, meta.name] + ([file_name] if file_name else [])
            seps = 1 + 3 * (len(names) - 1)
            if sum(map(len, names)) + seps + len(fixed) > room:
                names[0] = short_name(meta.region)
            left = room - seps - len(fixed)
            # The file's name keeps more than the others: its end tells one file from the next.
            region, name, *file = fit_middle(names, left, floor=8, weights=[1, 1, 1.6][:len(names)])
            short = Text()
            short.append(f" {region}", style="bold")
            short.append(f" · {name}{fixed}")
            if file:
                short.append(f" · {file[0]}", style="dim")
            return short

        # States go on the right, where a narrow terminal never cuts them off.
        state = Text()
        if self.table.filter_text:
            state.append(f" {t('filter_active', lang, text=self.table.filter_text)} ", style="italic")
        if s.projection == "trend":
            state.append(f" {t('projection_trend', lang)} ", style="dim")
        if s.dirty:
            state.append(f" ● {t('unsaved', lang)} ", style=theme_style(self.app, "warning", bold=True, reverse=True))
        if watched:
            state.append(f" ◉ {t('watched_marker', lang)} ", style="bold reverse")
        self.query_one(TopBar).show_parts(text, state, fit)

    def _update_detail(self) -> None:
        panel = self.query_one(DetailPanel)
        ind = self.table.current_indicator()
        s = self.session
        if ind is not None:
            panel.show_indicator(s.rubric, s.scenario, ind, self.lang)
            return
        key = self.table.current_key()
        if key is not None and self._summary is not None:
            gid = key.id
            group = s.rubric.domain_by_id.get(gid) if key.kind == "domain" else s.rubric.aspect_by_id.get(gid)
            if group is not None:
                beside = peer_groups(s.cohort, [gid], s.scenario.meta.region)
                panel.show_group(group.name, self._summary.baseline.evaluation,
                                 self._summary.scenario.evaluation, gid, self.lang, s.scenario.meta.notes,
                                 beside[0] if beside else None)

    def chart_data(self) -> ChartData:
        s, lang = self.session, self.lang
        assert self._summary is not None
        base, scen = self._summary.baseline.evaluation, self._summary.scenario.evaluation
        use_domains = bool(s.rubric.domains)
        groups = base.domains if use_domains else base.aspects
        rows: list[tuple[str, Decimal, str]] = []
        title = ""
        if s.cohort is not None:
            title = t("chart_ladder", lang, cohort=localized(s.cohort.meta.name, s.cohort.meta.name_en, lang))
            peers = ladder(s.cohort, region=s.scenario.meta.region, scale_min=s.rubric.meta.scale_min,
                           scale_max=s.rubric.meta.scale_max, projection=s.projection,
                           target_year=s.scenario.target_year)
            for row in peers:
                if row.name:
                    rows.append((short_name(row.name), row.high, "peer"))
                else:  # peers published only as a range: the label carries the range
                    rows.append((t("ladder_group", lang, count=row.count, low=n2(row.low, lang),
                                   high=n2(row.high, lang)), row.high, "range"))
            region = short_name(s.scenario.meta.region)
            rows.append((f"◆ {region}", base.index, "base"))
            rows.append((f"★ {region}", scen.index, "scen"))
            order = {"scen": 0, "base": 1, "peer": 2, "range": 2}
            rows.sort(key=lambda r: (-r[1], order[r[2]]))
        trajectory = [(year, Decimal(h).scaleb(-2), "history") for year, h in s.scenario.history.items()]
        if trajectory:
            trajectory += [(s.scenario.meta.year, base.index, "base"), (s.scenario.target_year, scen.index, "scen")]
            trajectory.sort(key=lambda p: (p[0], {"history": 0, "base": 1, "scen": 2}[p[2]]))
        return ChartData(
            trajectory=tuple(trajectory),
            lang=lang, group_title=t("chart_domains" if use_domains else "chart_aspects", lang),
            labels=tuple(groups), base=tuple(groups.values()),
            scen=tuple((scen.domains if use_domains else scen.aspects).values()),
            bands=tuple((b.name, b.lower, b.upper) for b in s.rubric.bands),
            base_index=base.index, scen_index=scen.index,
            scale=(s.rubric.meta.scale_min, s.rubric.meta.scale_max),
            ladder_title=title, ladder=tuple(rows),
        )

    def _update_charts(self, immediate: bool = False) -> None:
        if self.has_class("-narrow"):
            return  # hidden: never build (nor prepare) a chart nobody sees
        self.query_one(ChartPanel).show(self.chart_data, self.chart_mode, immediate=immediate)

    # -- the file (the document does the work; these route keys and redraw what it reports) --------
    def action_save(self) -> None:
        self.document.save()

    def action_save_as(self) -> None:
        self.document.save_as()

    def action_open(self) -> None:
        self.document.choose_file()

    def action_export(self) -> None:
        self.document.export()

    def action_recap(self) -> None:
        """Ask for a folder, then show every region in it at once (the recap screen)."""
        from pathlib import Path

        from tui.app.dialogs.common import TextDialog

        def chosen(text: str | None) -> None:
            if text is not None:
                self.app.open_recap(Path(text.strip() or "."))

        self.app.push_screen(TextDialog(t("recap_ask", self.lang), ".", self.lang), chosen)

    def action_roadmap(self) -> None:
        self.document.export_roadmap()

    def action_evidence_import(self) -> None:
        self.document.import_evidence()

    def action_evidence_export(self) -> None:
        self.document.export_evidence()

    def action_action_plan(self) -> None:
        self.document.export(action_plan=True)

    def action_convert(self) -> None:
        self.document.guard_unsaved("open_unsaved", self.document.convert_to_pemdi)

    def guard_unsaved(self, question_key: str, proceed: Callable[[], object]) -> None:
        self.document.guard_unsaved(question_key, proceed)

    @on(Document.Opened)
    def _document_opened(self) -> None:
        self.table.collapsed.clear()
        self._load_into_widgets()

    @on(Document.Changed)
    def _document_changed(self) -> None:
        self._after_change()

    @on(Document.Saved)
    def _document_saved(self) -> None:
        self.update_topbar()

    # -- table events ------------------------------------------------------------------------------
    @on(IndicatorTable.Highlighted)
    def _highlighted(self) -> None:
        self._update_detail()

    @on(IndicatorTable.Selected)
    def _selected(self) -> None:
        if self.table.toggle_current_group():
            self._refresh(rebuild=True)

    # -- editing -------------------------------------------------------------------------------
    def _edit(self, change: str, *args: int) -> None:
        ind = self.table.current_indicator()
        if ind is None:
            self.notify(t("pick_indicator", self.lang), severity="warning", timeout=3)
            return
        s = self.session
        if s.rubric.by_id[ind].external is not None and change != "reset":
            self._ask_external(ind)  # its value is edited through the other agency's index
            return
        done = {"step": lambda: s.step(ind, args[0]), "set": lambda: s.set_level(ind, args[0] * 100),
                "reset": lambda: s.reset(ind)}[change]()
        if done:
            self._after_change()
        elif change == "step":
            self.notify(t("level_bounds", self.lang), timeout=2)

    def _after_change(self) -> None:
        self._refresh(changed=set(self.session.last_changed))  # the session says what moved
        self.document.schedule_recovery()

    def action_raise(self) -> None:
        self._edit("step", 1)

    def action_lower(self) -> None:
        self._edit("step", -1)

    def action_set_level(self, level: int) -> None:
        self._edit("set", level)

    def action_beyond_scale(self, level: int) -> None:
        meta = self.session.rubric.meta
        self.notify(t("level_beyond_scale", self.lang, level=level, lo=meta.scale_min, hi=meta.scale_max),
                    severity="warning", timeout=4)

    def action_reset(self) -> None:
        self._edit("reset")

    def action_undo(self) -> None:
        self._history(self.session.undo, "nothing_undo")

    def action_redo(self) -> None:
        self._history(self.session.redo, "nothing_redo")

    def _history(self, step: Callable[[], bool], empty_key: str) -> None:
        if step():
            self._after_change()
        else:
            self.notify(t(empty_key, self.lang), timeout=2)

    def action_chart(self) -> None:
        self.chart_mode = MODES[(MODES.index(self.chart_mode) + 1) % len(MODES)]
        self._update_charts(immediate=True)

    def action_projection(self) -> None:
        self.session.switch_projection()
        mode = t("projection_trend" if self.session.projection == "trend" else "projection_hold", self.lang)
        self.notify(t("projection_now", self.lang, mode=mode), timeout=3)
        self._refresh()

    def action_plan(self) -> None:
        # Imported here: the planning screen is only paid for when someone opens it.
        from tui.app.screens.planning import GoalSeekScreen
        screen = GoalSeekScreen(self.session, self.lang, cost_file=self.document.cost_file)
        self.app.push_screen(screen, lambda planned: self._plan_chosen(planned, screen.cost_file))

    def _plan_chosen(self, planned: Scenario | None, cost_file: str = "") -> None:
        self.document.cost_file = cost_file  # the action plan costs its steps with the same file
        if planned is None:
            return
        if self.session.apply(planned):
            self._after_change()
            self.notify(t("plan_applied", self.lang, n=len(self.session.last_changed)), timeout=4)

    def action_evidence(self) -> None:
        from tui.app.screens.evidence import EvidenceScreen

        ind = self.table.current_indicator()
        if ind is None:
            self.notify(t("pick_indicator", self.lang), severity="warning", timeout=3)
            return
        before = self.session.scenario
        self.app.push_screen(EvidenceScreen(self.session, ind, self.lang, export_sheet=self.document.export_evidence,
                                            import_sheet=self.document.import_evidence),
                             lambda _: self._evidence_done(before))

    def _evidence_done(self, before: Scenario) -> None:
        if self.session.scenario != before:
            self._after_change()

    def action_compare(self) -> None:
        from tui.app.screens.compare import CompareScreen
        from tui.core.team.compare import Column

        s = self.session
        working = None
        if s.dirty or s.path is None:  # what is on screen differs from any file: compare it too
            working = Column(s.path or Path(f"{s.scenario.meta.region}.toml"), s.scenario, s.rubric, s.summary())
        screen = CompareScreen(s.path, self.app.rubrics, self.lang, working=working)
        self.app.push_screen(screen, self._compare_done)

    def _compare_done(self, path: Path | None) -> None:
        if path is not None:
            self.document.guard_unsaved("open_unsaved", lambda: self.document.open_file(path))

    # -- filter ---------------------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-active")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_class("-active") or self.table.filter_text:
            box.value = ""
            box.remove_class("-active")
            self.table.filter_text = ""
            self._refresh(rebuild=True)
            self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.filter_text = event.value
        self._refresh(rebuild=True)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.value:
            box.remove_class("-active")
        self.table.focus()
