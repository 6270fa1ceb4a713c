"""The plan use case is written once (tui.core.goal_seek.plan_request): the planning screen and
``spbe-planner plan`` asked the same thing give the same plan, and a wrong field is named alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.conftest import planned
from tests.app.test_goal_seek_screen import type_into
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.app.screens.planning import GoalSeekScreen
from tui.cli.main import main
from tui.core.scenario.scenario_file import load_scenario

SAMPLES = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize(("target", "cli_goal", "robust"), [
    ("sangat baik", ["--predikat", "sangat baik"], "0"),
    ("3,1", ["--index", "3,1"], "1"),
])
async def test_the_app_and_the_cli_plan_the_same(isolated: Path, capsys: pytest.CaptureFixture[str], target: str,
                                                 cli_goal: list[str], robust: str) -> None:
    shutil.copy(SAMPLES / "kabupaten-contoh-2022.toml", isolated / "awal.toml")
    shutil.copy(SAMPLES / "biaya" / "contoh-program.toml", isolated / "biaya.toml")
    assert main(["plan", "awal.toml", *cli_goal, "--cost", "biaya.toml", "--max-step", "2", "--robust", robust,
                 "--json"]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    assert main(["plan", "awal.toml", *cli_goal, "--cost", "biaya.toml", "--max-step", "2", "--robust", robust,
                 "--apply", "-o", "cli.toml"]) == 0
    text_cli = capsys.readouterr().out

    app = build_app(isolated / "awal.toml", lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        assert isinstance(app.screen, GoalSeekScreen)
        for field, value in (("target", target), ("cost-file", "biaya.toml"), ("max-step", "2"), ("robust", robust)):
            await type_into(pilot, field, value)
        plan = app.screen.plan
        assert plan is not None and plan.reachable
        shown = str(app.screen.query_one("#plan-text", Static).render())
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        from_app = app.screen.session.scenario

    planned_by_cli, _ = load_scenario(isolated / "cli.toml")
    assert from_app.target == planned_by_cli.target and from_app.target
    assert plan.as_json() | {"sensitivity": from_cli["sensitivity"]} == {
        k: v for k, v in from_cli.items()
        if k not in ("default_costs", "cost_unit", "skipped_years")}
    # The plan's own lines read the same (the CLI's in Indonesian; the app's English run says the costs' unit too).
    assert "satuan upaya" in shown and "satuan upaya" in text_cli


async def test_a_wrong_field_is_named_by_the_cli_as_its_flag_and_by_the_app_beside_its_box(
        isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SAMPLES / "kabupaten-contoh-2022.toml", isolated / "awal.toml")
    assert main(["plan", "awal.toml", "--lang", "en", "--predikat", "baik", "--max-cost=-3"]) == 2
    err = capsys.readouterr().err
    assert "--max-cost" in err and "must be 0 or more" in err and "max_cost" not in err

    app = build_app(isolated / "awal.toml", lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        await type_into(pilot, "max-cost", "-3")
        beside = str(app.screen.query_one("#max-cost-error", Static).render())
        assert "must be 0 or more" in beside and "--max-cost" not in beside
        assert not str(app.screen.query_one("#target-error", Static).render())
