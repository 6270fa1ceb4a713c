"""The planning screen (p): a target typed in, the plan shown, applied in one undoable key."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.app.conftest import palette_titles, settle
from tui.app.editor_screen import EditorScreen
from tui.app.goal_seek_screen import GoalSeekScreen
from tui.app.main import build_app
from tui.app.result_panel import ResultPanel
from tui.core.scoring import evaluate


def plan_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#plan-text", Static).render())


def status_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#plan-status", Static).render())


async def type_into(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.value = ""
    box.focus()
    await pilot.press(*list(text))
    await pilot.pause()


async def test_p_opens_the_plan_for_the_next_predikat_and_a_applies_it() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, GoalSeekScreen)
        assert app.screen.query_one("#target", Input).value == "baik"
        text = plan_text(app)
        assert "Target 2023: predikat Baik (indeks minimal 2,60)" in text
        assert "Rencana termurah" in text and "Langkah berikutnya yang paling berdaya" in text
        await pilot.press("ctrl+a")
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
        await pilot.pause()
        await type_into(pilot, "target", "sangat baik")
        assert "rating Sangat Baik" in plan_text(app)
        await type_into(pilot, "max-step", "1")
        assert "Not reachable under these limits" in plan_text(app)
        assert "Blocked by: the per-indicator cap (+1)" in plan_text(app)
        await pilot.press("ctrl+a")  # nothing to apply: stays, says so
        await pilot.pause()
        assert isinstance(app.screen, GoalSeekScreen)
        await type_into(pilot, "target", "rank 3")
        assert "rank 3" in plan_text(app) and "rank 3 of 22" in plan_text(app)
        await type_into(pilot, "target", "3,0")
        assert "index 3.00" in plan_text(app)


async def test_bad_input_is_shown_not_raised() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await type_into(pilot, "target", "luar biasa")
        assert "tidak dikenal" in status_text(app)
        await type_into(pilot, "target", "baik")
        await type_into(pilot, "cost-file", "nope.toml")
        assert "nope.toml" in status_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and not app.screen.session.dirty


async def test_plan_is_in_the_palette() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)):
        titles = await palette_titles(app)
        assert "skenario: Rencana termurah menuju target…" in titles
