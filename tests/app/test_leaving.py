"""Every way out of the app meets the same unsaved-changes guard; q on a sub-screen goes back."""

from __future__ import annotations

import pytest

from tests.app.conftest import settle, toasts
from tui.app.dialogs.common import ConfirmDialog
from tui.app.main import build_app
from tui.app.screens.compare import CompareScreen
from tui.app.screens.editor import EditorScreen
from tui.app.screens.planning import GoalSeekScreen


@pytest.mark.parametrize(("key", "screen_type"), [("c", CompareScreen), ("p", GoalSeekScreen)])
async def test_q_on_a_sub_screen_goes_back_and_keeps_the_work(key: str, screen_type: type) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "plus", key)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        if screen_type is GoalSeekScreen:
            app.screen.query_one("#plan-view").focus()  # in a field, q is a letter
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        assert app.screen.session.dirty
        await settle(pilot)


@pytest.mark.parametrize("how", ["ctrl+q", "palette"])
async def test_quitting_from_the_compare_screen_asks_about_unsaved_work(how: str) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "plus", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        if how == "ctrl+q":
            await pilot.press("ctrl+q")
        else:
            await app.run_action("app.quit")  # what the palette's "aplikasi: Keluar" runs
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        assert "belum disimpan" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert not app.is_running and app.return_code == 0


async def test_ctrl_c_says_how_to_quit_in_the_users_language() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = toasts(app)
        assert any("Mau keluar?" in m and "Tekan q atau ctrl+q untuk keluar" in m for m in messages)
        assert not any("Do you want" in m for m in messages)
        assert app.is_running


async def test_the_palette_speaks_indonesian() -> None:
    from textual.command import CommandInput, CommandPalette

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        box = app.screen.query_one(CommandInput)
        assert box.placeholder == "Cari perintah…"
        await pilot.press(*"zzzzqx")
        await pilot.pause(1.0)
        shown = " ".join(str(o.prompt) for o in app.screen.query("CommandList").first().options)
        from tui.app.textual_seam import seam_active
        if seam_active():
            assert "Tidak ada yang cocok" in shown and "No matches" not in shown
