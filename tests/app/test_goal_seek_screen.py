"""The planning screen (p): a target typed in, the plan shown, applied in one undoable key."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.app.conftest import palette_titles, planned, settle, toasts
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.app.screens.planning import GoalSeekScreen
from tui.app.widgets.result_panel import ResultPanel
from tui.core.scoring.evaluation import evaluate


def plan_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#plan-text", Static).render())


def status_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#plan-status", Static).render())


async def type_into(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.value = ""
    box.focus()
    await pilot.press(*list(text))
    await planned(pilot)


async def test_p_opens_the_plan_for_the_next_predikat_and_f2_applies_it() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        assert isinstance(app.screen, GoalSeekScreen)
        assert app.screen.query_one("#target", Input).value == "baik"
        text = plan_text(app)
        assert "Target 2023: predikat Baik (indeks minimal 2,60)" in text
        assert "Rencana termurah" in text and "Langkah berikutnya yang paling berdaya" in text
        await pilot.press("f2")
        await pilot.pause()
        planner = app.screen
        assert isinstance(planner, EditorScreen)
        levels = planner.session.scenario.levels()
        assert evaluate(planner.session.rubric, levels).predikat == "Baik"
        assert "Predikat Cukup → Baik" in planner.query_one(ResultPanel).plain
        assert planner.session.dirty
        await pilot.press("u")  # the whole plan is one change
        assert planner.session.scenario.target == {}
        await settle(pilot)


async def test_target_and_limits_typed_in_replan_live() -> None:
    app = build_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        await type_into(pilot, "target", "sangat baik")
        assert "rating Sangat Baik" in plan_text(app)
        await type_into(pilot, "max-step", "1")
        assert "Not reachable under these limits" in plan_text(app)
        assert "Blocked by: the per-indicator cap (+1)" in plan_text(app)
        await pilot.press("f2")  # nothing to apply: stays, says so
        await pilot.pause()
        assert isinstance(app.screen, GoalSeekScreen)
        await type_into(pilot, "target", "rank 3")
        assert "rank 3" in plan_text(app) and "rank 3 of 22" in plan_text(app)
        await type_into(pilot, "target", "3,0")
        assert "index 3.00" in plan_text(app)


def field_error(app, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(f"#{field}-error", Static).render())


async def test_each_bad_field_says_so_beside_itself_and_no_stale_plan_is_left() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("p")
        await planned(pilot)
        assert "Rencana termurah" in plan_text(app)
        await type_into(pilot, "target", "hebat")
        await type_into(pilot, "cost-file", "nope.toml")
        assert "predikat 'hebat' tidak dikenal" in field_error(app, "target")
        assert "nope.toml" in field_error(app, "cost-file")
        assert "--predikat" not in field_error(app, "target")  # the form names fields, not flags
        assert field_error(app, "max-step") == ""
        assert plan_text(app) == "" and app.screen.plan is None  # the plan from before is gone
        assert "Perbaiki isian" in status_text(app)
        await pilot.press("f2")  # refused, with the field's own error
        await pilot.pause()
        assert isinstance(app.screen, GoalSeekScreen)
        assert any("Target" in m and "hebat" in m for m in toasts(app))
        await type_into(pilot, "max-cost", "-3")
        assert "harus 0 atau lebih" in field_error(app, "max-cost")
        await type_into(pilot, "target", "baik")
        app.screen.query_one("#cost-file", Input).value = ""
        app.screen.query_one("#max-cost", Input).value = ""
        await pilot.pause()
        assert field_error(app, "target") == "" and "Rencana termurah" in plan_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and not app.screen.session.dirty


async def test_keys_in_a_field_edit_text_enter_solves_and_f2_applies() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        box = app.screen.query_one("#cost-file", Input)
        box.focus()
        await pilot.press(*"data.toml", "ctrl+a")  # a and ctrl+a edit the text: nothing applied
        await pilot.pause()
        assert isinstance(app.screen, GoalSeekScreen)
        assert box.value == "data.toml" and box.cursor_position == 0  # ctrl+a went to the line start
        box.value = ""
        target = app.screen.query_one("#target", Input)
        target.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is target  # Enter solved in place, it did not move on
        assert "Rencana termurah" in plan_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.session.dirty


async def test_limits_from_a_cost_file_show_in_their_fields(isolated) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tui.core.resources import scenarios_dir

    shutil.copy(scenarios_dir() / "biaya" / "contoh-biaya.toml", isolated / "biaya.toml")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        assert app.screen.query_one("#max-step", Input).placeholder == "—"
        await type_into(pilot, "cost-file", "biaya.toml")
        assert app.screen.query_one("#max-step", Input).placeholder == "2 (dari berkas biaya)"
        assert field_error(app, "cost-file") == ""


async def test_plan_is_in_the_palette() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)):
        titles = await palette_titles(app)
        assert "skenario: Rencana termurah menuju target…" in titles


async def test_the_robust_field_plans_for_rejected_steps_and_shows_the_worst_case() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        await type_into(pilot, "robust", "2")
        text = plan_text(app)
        assert "Bila 2 langkah paling bernilai ditolak: Indeks" in text and "tertinggal:" in text
        assert app.screen.plan is not None and app.screen.plan.rejected == 2
        await type_into(pilot, "robust", "-1")
        assert "harus" in field_error(app, "robust")  # negative: refused beside the field
        assert app.screen.plan is None


async def test_the_margin_field_takes_a_number_or_the_assessor_preset_with_its_sources() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        plain = app.screen.plan
        assert plain is not None and plain.margin_h == 0
        await type_into(pilot, "margin", "assessor")
        text = plan_text(app)
        assert app.screen.plan is not None and app.screen.plan.margin_h == 30
        assert "Margin 'assessor' 0,30 = median 3 penurunan teramati" in text and "Kabupaten Pasuruan" in text
        await type_into(pilot, "margin", "0,1")
        assert app.screen.plan is not None and app.screen.plan.margin_h == 10
        await type_into(pilot, "margin", "banyak")
        assert "harus angka (0,3) atau 'assessor'" in field_error(app, "margin")
        assert app.screen.plan is None


async def test_a_long_search_runs_off_the_ui_thread_and_a_newer_request_cancels_it(isolated) -> None:  # type: ignore[no-untyped-def]
    """--robust 30 over the programme sample searches for seconds (47 s before it was bounded): the
    screen answers keys meanwhile, and the next keystroke's request stops the stale search."""
    import shutil
    import time

    from tui.core.resources import scenarios_dir

    shutil.copy(scenarios_dir() / "biaya" / "contoh-program.toml", isolated / "program.toml")
    app = build_app(lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        app.screen.query_one("#cost-file", Input).value = "program.toml"
        await planned(pilot)
        box = app.screen.query_one("#robust", Input)
        box.focus()
        await pilot.press("3", "0")
        await pilot.pause()
        assert "Finding the cheapest plan" in status_text(app)
        started = time.monotonic()
        await pilot.press("backspace")  # keys are answered while the search runs
        await pilot.press("backspace")
        assert time.monotonic() - started < 2.0
        await planned(pilot)  # the robust-30 search was cancelled: only the robust-0 one is waited for
        assert time.monotonic() - started < 6.0
        assert "Cheapest plan" in plan_text(app) and app.screen.plan is not None
        assert app.screen.plan.reachable


async def test_a_search_that_fails_says_why_and_f2_does_not_wait_for_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.app.conftest import toasts
    from tui.app.screens import planning
    from tui.core.errors import InputError

    def too_long(*_args, **_kw):  # type: ignore[no-untyped-def]
        raise InputError("plan_time_limit", seconds=10)

    monkeypatch.setattr(planning, "solve_plan", too_long)
    app = build_app(lang="en")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("p")
        await planned(pilot)
        assert "longer than 10 s" in status_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert not any("still being found" in m for m in toasts(app)), toasts(app)
