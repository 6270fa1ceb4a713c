"""The seam: the tight compositor draws what the stock one draws; off the seam the app still works."""

from __future__ import annotations

import asyncio
from typing import Any

import pyte
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from tests.app.conftest import settle
from tui.app import textual_seam
from tui.app.main import build_app
from tui.app.widgets.result_panel import ResultPanel

SIZE = (60, 12)
TEXTS = st.text(alphabet=st.sampled_from(list("ab 12,.→●日本語é")), max_size=40)


class Mirror:
    """Two emulated terminals: one fed Textual's own updates, one ours, from the same compositor."""

    def __init__(self) -> None:
        self.stock, self.tight = (pyte.Screen(*SIZE) for _ in range(2))
        self.feeds = (pyte.Stream(self.stock), pyte.Stream(self.tight))

    @staticmethod
    def cells(screen: pyte.Screen) -> list[str]:
        # Cell by cell (pyte's own `display` trips over a wide glyph's emptied right half).
        return ["".join(screen.buffer[y][x].data or "∅" for x in range(screen.columns)) for y in range(screen.lines)]

    def same(self) -> bool:
        return self.cells(self.stock) == self.cells(self.tight)

    def feed(self, stock: str, tight: str) -> None:
        self.feeds[0].feed(stock)
        self.feeds[1].feed(tight)


def mirrored_compositor(mirror: Mirror, console: Any) -> Compositor:
    base = textual_seam.tight_compositor_class()

    class Mirrored(base):  # type: ignore[misc, valid-type]  # a class made at run time by the seam
        def render_full_update(self, simplify: bool = False) -> Any:
            update = super().render_full_update(simplify)
            text = update.render_segments(console)
            mirror.feed(text, text)
            return update

        def render_partial_update(self) -> Any:
            dirty = set(self._dirty_regions)
            stock = Compositor.render_partial_update(self)
            self._dirty_regions.update(dirty)
            tight = super().render_partial_update()
            if stock is not None or tight is not None:
                mirror.feed(stock.render_segments(console) if stock else "",
                            tight.render_segments(console) if tight else "")
            return tight

    return Mirrored()


class Board(App[None]):
    CSS = "Static { width: 1fr; } #boxed { border: round white; height: 5; }"
    # Wide characters from the start, so that partial repaints can begin on a glyph's right half.

    def compose(self) -> ComposeResult:
        with Vertical():
            with Horizontal(id="row"):
                yield Static("日本語のテキスト", id="a")
                yield Static("tengah", id="b")
                yield Static("kanan", id="c")
            yield Static("di dalam bingkai", id="boxed")
            yield Static("a日b本c語d", id="d")


async def _replay(steps: list[tuple[str, str | int]]) -> Mirror:
    mirror = Mirror()
    app = Board()
    async with app.run_test(size=SIZE) as pilot:
        app.screen._compositor = mirrored_compositor(mirror, app.console)  # before the first full frame
        app.screen.refresh(layout=True)
        await pilot.pause()
        for widget, change in steps:
            static = app.query_one(f"#{widget}", Static)
            if isinstance(change, int):  # repaint two cells from column `change`: maybe mid-glyph
                static.refresh(Region(change, 0, 2, 1))
            else:
                static.update(change)
            await pilot.pause()
            assert mirror.same(), (widget, change, mirror.cells(mirror.stock), mirror.cells(mirror.tight))
    return mirror


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(["a", "b", "c", "boxed", "d"]),
                                st.one_of(TEXTS, st.integers(0, 18))), min_size=1, max_size=10))
@example(steps=[("a", 1), ("a", 3), ("d", 1), ("d", 2)])  # repaints from a glyph's right half
def test_tight_partial_updates_draw_the_same_screen_as_textuals(steps: list[tuple[str, str | int]]) -> None:
    mirror = asyncio.run(_replay(steps))
    assert mirror.same()


def test_a_change_never_starts_on_the_right_half_of_a_wide_character() -> None:
    strip = Strip([Segment("a"), Segment("日本"), Segment("b")])  # cells: a=0, 日=1-2, 本=3-4, b=5
    assert textual_seam.start_cell(strip, 2) == 1  # right half of 日: start on its left half
    assert textual_seam.start_cell(strip, 3) == 3
    assert textual_seam.start_cell(strip, 5) == 5


@pytest.mark.parametrize("how", ["disabled", "unverified version"])
async def test_off_the_seam_the_stock_compositor_runs_and_the_app_works(how: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    textual_seam.seam_active.cache_clear()
    textual_seam.plotext_seam_active.cache_clear()
    if how == "disabled":
        monkeypatch.setenv(textual_seam.DISABLE_ENV, "1")
    else:
        monkeypatch.setattr(textual_seam, "VERIFIED_TEXTUAL", ("0.0.1",))
        monkeypatch.setattr(textual_seam, "VERIFIED_PLOTEXT", ("0.0.1",))
    try:
        app = build_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert type(app.screen._compositor) is Compositor
            assert app.theme == "spbe"
            await pilot.press("plus")
            await settle(pilot)
            assert "+0,01" in str(app.screen.query_one(ResultPanel).render()) or app.screen.session.dirty
            with textual_seam.plot_figure(40, 10) as fig:  # the public plotext module, under a lock
                fig.bar([1], [2.0])
                assert "█" in fig.build() or fig.build()
    finally:
        textual_seam.seam_active.cache_clear()
        textual_seam.plotext_seam_active.cache_clear()


def test_the_upstream_patch_tests_pass_against_the_seams_copy() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "docs" / "upstream" / "test_partial_update_crop.py"
    spec = importlib.util.spec_from_file_location("upstream_crop_test", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ours = textual_seam.tight_compositor_class().update_class
    tests = [getattr(module, n) for n in dir(module) if n.startswith("test_")]
    assert len(tests) == 3
    for test in tests:
        test(update_class=ours)
