"""Screens as a user sees them (SVG snapshots): update with `pytest --snapshot-update` and review."""

from __future__ import annotations

import pytest

from tests.app.conftest import requires_seam, settle
from tui.app.main import build_app
from tui.core.resources import scenarios_dir

TARGET = scenarios_dir() / "contoh-target-baik.toml"


def test_main_screen_80x24(snap_compare) -> None:
    assert snap_compare(build_app(file=TARGET), terminal_size=(80, 24), run_before=settle)


def test_main_screen_120x40(snap_compare) -> None:
    assert snap_compare(build_app(file=TARGET), terminal_size=(120, 40), run_before=settle)


@requires_seam  # off the seam the footer keeps the class's Indonesian key names
def test_main_screen_english_pemdi_80x24(snap_compare) -> None:
    app = build_app(file=scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml", lang="en")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_help_screen(snap_compare) -> None:
    async def open_help(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=(100, 40), run_before=open_help)


@pytest.mark.parametrize("presses", [0, 1, 2], ids=["domains", "bands", "ladder"])
def test_each_chart(snap_compare, presses: int) -> None:
    async def switch(pilot) -> None:  # type: ignore[no-untyped-def]
        for _ in range(presses):
            await pilot.press("g")
        await settle(pilot)

    assert snap_compare(build_app(file=TARGET), terminal_size=(120, 40), run_before=switch)


def test_planning_screen_80x24(snap_compare) -> None:
    async def open_plan(pilot) -> None:  # type: ignore[no-untyped-def]
        from textual.widgets import Input

        await pilot.press("p")
        await settle(pilot)
        for box in pilot.app.screen.query(Input):  # a blinking cursor would make the picture depend on time
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=open_plan)


@pytest.mark.parametrize("size", [(80, 24), pytest.param((120, 40), marks=requires_seam)], ids=["80x24", "120x40"])
def test_compare_screen(snap_compare, size: tuple[int, int]) -> None:
    async def open_compare(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("c")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("SelectionList").select(
            next(k for k, f in enumerate(screen.files) if f.name == "contoh-langkah-cepat.toml"))
        await settle(pilot)

    assert snap_compare(build_app(file=TARGET), terminal_size=size, run_before=open_compare)
