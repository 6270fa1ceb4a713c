"""In the browser the tab's focus comes and goes; the app's look does not follow it, so no restyle."""

from __future__ import annotations

from textual import events

from tui.app.main import build_app


async def test_a_blur_and_a_focus_from_the_browser_leave_the_app_focused() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.app_focus
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.app_focus  # Textual's own blur handling (a restyle of the whole screen) did not run
        app.post_message(events.AppFocus())
        await pilot.press("down")
        await pilot.pause()
        assert app.app_focus
