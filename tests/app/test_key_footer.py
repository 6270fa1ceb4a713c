"""The footer shows the screen's keys, and is rebuilt only when those keys change."""

from __future__ import annotations

from textual.widget import Widget

from tests.app.conftest import requires_seam
from tui.app.main import build_app
from tui.app.widgets.key_footer import KeyFooter


def footer_keys(app) -> list[Widget]:  # type: ignore[no-untyped-def]
    return list(app.screen.query_one(KeyFooter).children)


def footer_text(app) -> str:  # type: ignore[no-untyped-def]
    return "  ".join(str(key.render()) for key in footer_keys(app))


@requires_seam
async def test_moving_in_the_table_keeps_the_footer_and_a_new_focus_rebuilds_it() -> None:
    app = build_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        before, before_text = footer_keys(app), footer_text(app)
        assert "Keluar" in before_text and "Grafik" in before_text
        await pilot.press("down", "down", "up")
        app.screen.refresh_bindings()  # what a focus move or a mount does: an update, same keys
        await pilot.pause()
        assert footer_keys(app) == before  # the same widgets: nothing was rebuilt
        await pilot.press("slash")  # the filter box takes the focus, and its keys differ
        await pilot.pause()
        assert footer_keys(app) != before
        assert footer_text(app) != before_text


async def test_a_narrow_terminal_drops_the_chart_key_and_keys_follow_the_footer_style() -> None:
    app = build_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert not footer.compact
        bound = [k for k in footer_keys(app) if not k.has_class("-command-palette")]
        assert bound and not any(k.has_class("-compact") for k in bound)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert footer.compact
        assert "Grafik" not in footer_text(app) and "Bantuan" in footer_text(app)
        bound = [k for k in footer_keys(app) if not k.has_class("-command-palette")]
        assert bound and all(k.has_class("-compact") for k in bound)
