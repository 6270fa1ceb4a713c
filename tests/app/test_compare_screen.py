"""The compare screen (c): tick files, read them side by side, open one for editing."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, SelectionList, Static

from tests.app.conftest import settle
from tui.app.main import build_app
from tui.app.screens.compare import CompareScreen
from tui.app.screens.editor import EditorScreen
from tui.core.resources import scenarios_dir


def tick(app, name: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    files = screen.query_one(SelectionList)
    files.select(next(k for k, f in enumerate(screen.files) if f is not None and f.name == name))


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
        from tui.app.widgets.charts import ChartView
        assert app.screen.query_one(ChartView).builds == 1


async def test_the_unsaved_scenario_is_a_column_beside_its_saved_file() -> None:
    app = build_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "plus", "c")  # indicator 3 up one level, not saved
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.files[0] is None  # the working scenario comes first
        listed = [str(o.prompt) for o in screen.query_one(SelectionList).options]
        # The marker whole; the name cut in the middle to the list's width, keeping its end.
        assert listed[0].startswith("● (unsaved) k") and listed[0].endswith("2022")
        rows = cell_texts(app)
        heads = [str(c.label) for c in screen.query_one(DataTable).columns.values()]
        # Each head: the file cut in the middle (its end kept), then the scenario's own name.
        assert heads[1].startswith("● ") and heads[2].startswith("kabup") and heads[2].endswith("\nBaseline 2022")
        assert rows["i:3"][1:] == ["3*", "2"]  # the edit, against the file on disk
        note = str(screen.query_one("#cmp-note", Static).render())
        assert "● = the scenario being edited, not saved" in note
        await settle(pilot)


async def test_three_files_at_80x24_show_two_side_by_side_and_scroll_for_the_third() -> None:
    app = build_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        tick(app, "contoh-target-baik.toml")
        tick(app, "contoh-langkah-cepat.toml")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert len(widths) == 4
        assert sum(widths[:3]) <= table.size.width  # names and two files fit side by side
        assert table.max_scroll_x > 0  # the third one is reached by scrolling
        table.focus()
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert table.scroll_x > 0
        await settle(pilot)
