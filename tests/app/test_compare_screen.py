"""The compare screen (c): tick files, read them side by side, open one for editing."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, SelectionList, Static

from tests.app.conftest import settle
from tui.app.compare_screen import CompareScreen
from tui.app.editor_screen import EditorScreen
from tui.app.main import build_app
from tui.core.resources import scenarios_dir


def tick(app, name: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    files = screen.query_one(SelectionList)
    files.select(next(k for k, f in enumerate(screen.files) if f.name == name))


def cell_texts(app) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    return {str(key.value): [str(c) for c in table.get_row(key)] for key in table.rows}


async def test_compare_two_samples_side_by_side() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        note = str(app.screen.query_one("#cmp-note", Static).render())
        assert "Centang dua berkas" in note  # only the current file is ticked
        tick(app, "contoh-target-baik.toml")
        await pilot.pause()
        rows = cell_texts(app)
        assert rows["index"][1:] == ["2,62*", "2,20"] or rows["index"][1:] == ["2,20", "2,62*"]
        assert any(k.startswith("i:") for k in rows) and "i:1" not in rows  # only differing indicators
        assert "Predikat" in rows["predikat"][0]


async def test_different_frameworks_compare_only_the_results() -> None:
    app = build_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        tick(app, "kabupaten-contoh-pemdi-2026.toml")
        await pilot.pause()
        assert set(cell_texts(app)) == {"index", "predikat", "rank"}
        assert "different frameworks" in str(app.screen.query_one("#cmp-note", Static).render())


async def test_a_bad_file_is_reported_and_e_opens_a_file_for_editing(isolated: Path) -> None:
    shutil.copy(scenarios_dir() / "contoh-target-baik.toml", isolated / "tim.toml")
    (isolated / "rusak.toml").write_text("[scenario\n", encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        tick(app, "rusak.toml")
        await pilot.pause()
        assert "rusak.toml" in str(app.screen.query_one("#cmp-note", Static).render())
        files = app.screen.query_one(SelectionList)
        files.highlighted = next(k for k, f in enumerate(app.screen.files) if f.name == "tim.toml")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path is not None and app.screen.session.path.name == "tim.toml"


async def test_the_chart_is_built_only_when_there_is_room() -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        tick(app, "contoh-target-baik.toml")
        await settle(pilot)
        from tui.app.charts import ChartView
        assert app.screen.query_one(ChartView).builds == 1
