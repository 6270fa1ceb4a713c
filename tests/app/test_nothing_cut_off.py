"""Nothing the user needs is cut off: help, dialogs, the detail panel, the ladder, the table."""

from __future__ import annotations

from textual.widgets import Static

from tests.app.conftest import settle
from tui.app.dialogs.common import ConfirmDialog
from tui.app.dialogs.help import HelpScreen
from tui.app.main import build_app
from tui.app.widgets.detail_panel import DetailPanel


async def test_help_scrolls_to_its_last_row_at_80x24() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0  # longer than the terminal: it has to scroll
        assert app.focused is scroll
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        last = app.screen.rows[-1]
        region = scroll.content_region
        assert region.bottom <= 24 and last[0] == "ctrl+p"


async def test_a_long_dialog_question_wraps_instead_of_being_cut() -> None:
    app = build_app()
    question = ("Ada pekerjaan yang belum disimpan dari sesi sebelumnya (target-baik.toml). "
                "Pulihkan sebelum membuka berkas yang lain?")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmDialog(question, [("yes", "Ya")], "id"))
        await pilot.pause()
        shown = app.screen.query_one(".message", Static)
        assert shown.size.height >= 2  # wrapped onto more lines
        assert shown.size.width <= 72
        assert "sebelum membuka berkas yang lain?" in str(shown.render()).replace("\n", " ")


async def test_the_detail_panel_grows_with_the_terminal_and_scrolls_the_rest() -> None:
    heights = {}
    for size in ((80, 24), (120, 60)):
        app = build_app()
        async with app.run_test(size=size) as pilot:
            await pilot.press("down", "down")
            await settle(pilot)
            panel = app.screen.query_one(DetailPanel)
            heights[size] = panel.size.height
            assert "Naik satu tingkat" in panel.plain  # laid out in full, whatever the room
            assert panel.line_count == len(panel.plain.splitlines())
            if panel.line_count > panel.size.height:  # more text than room: it scrolls, by keyboard
                assert panel.render_line(panel.size.height - 1).text.endswith("▼")
                panel.focus()
                await pilot.press("end")
                await pilot.pause()
                assert panel.top == panel.max_top > 0
                assert panel.render_line(0).text.endswith("▲")
    assert heights[(120, 60)] > heights[(80, 24)] > 5


async def test_the_next_level_is_shown_before_plus() -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down")  # indicator 3, at level 2
        await pilot.pause()
        text = app.screen.query_one(DetailPanel).plain.replace("\n", " ")
        assert "Berikutnya (tingkat 3 Terdefinisi):" in text
        assert "Naik satu tingkat: +0,013 indeks" in text
        await settle(pilot)


async def test_the_ladder_has_a_legend_and_its_text_twin_names_every_place() -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", "g")
        await settle(pilot)
        twin = app.screen.query_one("#chart-data")
        frame = app.screen.query_one("#chart-view")._frame.plain
        assert "★ skenario · ◆ baseline" in frame  # the plot's title is its legend
        text = twin.plain.replace("\n", " ")
        assert text.startswith("Tangga peringkat: ") and "(★ skenario · ◆ baseline)" in text
        assert "8 daerah 1,00–1,79" in text and text.rstrip().endswith("1,00–1,79")  # the last place
        box = twin
        box.focus()
        await pilot.press("end")
        await pilot.pause()
        assert box.top == box.max_top > 0  # the end of the list is reachable


async def test_the_name_column_takes_the_free_width() -> None:
    from tui.app.widgets.indicator_table import NAME_WIDTH

    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.table
        assert table.widths[1] > NAME_WIDTH
        free = table.scrollable_content_region.width - (sum(table.widths) + len(table.widths))
        assert 0 <= free <= 1  # no empty stretch on the right
        await settle(pilot)


async def test_the_detail_panel_lists_the_evidence_of_the_current_and_next_level() -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(DetailPanel).plain.replace("\n", " ")
        assert "Bukti dukung tingkat 3:" in text and "Bukti dukung tingkat 4:" in text
        await settle(pilot)
