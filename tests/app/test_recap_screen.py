"""The recap screen: every region at once, keyboard only, 80×24 to wide (issue 29)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from tests.app.conftest import palette_titles, settle
from tests.cli.test_province_desk import province
from tui.app.main import build_app
from tui.app.screens.recap import RecapScreen


def cell_texts(table: DataTable, row: int) -> list[str]:  # type: ignore[type-arg]
    return [str(c) for c in table.get_row_at(row)]


async def test_the_recap_screen_sorts_switches_side_and_filters(tmp_path: Path) -> None:
    province(tmp_path, n=6)
    app = build_app(recap=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for all six (80×24: below)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecapScreen)
        table = screen.query_one(DataTable)
        assert len(table.columns) == 1 + 6 and table.fixed_columns == 1
        title = str(screen.query_one("#recap-title", Static).render())
        assert "Rekap 6 daerah" in title and "Cukup" in title
        first = cell_texts(table, 0)
        assert first[0].startswith("index") and all(c[-1] in "▁▂▃▄▅▆▇█" for c in first[1:])
        await pilot.press("s")  # by the index, highest first
        await pilot.pause()
        values = [float(c[:-1].replace(",", ".")) for c in cell_texts(table, 0)[1:]]
        assert values == sorted(values, reverse=True)
        await pilot.press("s")
        await pilot.pause()
        values = [float(c[:-1].replace(",", ".")) for c in cell_texts(table, 0)[1:]]
        assert values == sorted(values)
        described = str(screen.query_one("#recap-row", Static).render())
        assert "Belajar dari" in described and "nasional 2,34" in described
        await pilot.press("v")
        await pilot.pause()
        assert "Skenario" in str(screen.query_one("#recap-title", Static).render())
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one(Input).value = "11 arsitektur"
        await pilot.press("enter")
        await pilot.pause()
        assert table.row_count == 1 and cell_texts(table, 0)[0].startswith("11 Arsitektur")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecapScreen)


async def test_the_recap_is_in_the_palette_and_opens_on_a_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tui.app.dialogs.common import TextDialog

    monkeypatch.chdir(tmp_path)
    (tmp_path / "prov").mkdir()
    province(tmp_path / "prov", n=3)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert any("Rekap daerah" in title for title in await palette_titles(app))
        app.screen.action_recap()
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one(Input).value = "prov"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecapScreen)
        assert "Rekap 3 daerah" in str(app.screen.query_one("#recap-title", Static).render())


async def test_forty_regions_show_the_ones_that_fit_and_move_along(tmp_path: Path) -> None:
    province(tmp_path, n=40)
    app = build_app(recap=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecapScreen)
        table = screen.query_one(DataTable)
        shown = len(table.columns) - 1
        assert 1 <= shown < 40
        title = str(screen.query_one("#recap-title", Static).render())
        assert f"daerah 1–{shown} dari 40" in title
        first = str(list(table.columns.values())[1].label)
        await pilot.press("right")
        await pilot.pause()
        assert str(list(table.columns.values())[1].label) != first
        assert "daerah 2–" in str(screen.query_one("#recap-title", Static).render())
        await pilot.press("left", "left")
        await pilot.pause()
        assert str(list(table.columns.values())[1].label) == first
