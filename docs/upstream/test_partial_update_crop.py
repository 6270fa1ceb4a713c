"""Test for textual-crop-partial-updates.patch, written for Textual's own test suite.

A partial update writes only the cells of the changed span, from its left edge, and never starts
on the right half of a double-width character. ``update_class`` is Textual's ChopsUpdate; the
spbe-planner suite runs the same checks against its seam's copy (tests/app/test_textual_seam.py).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.segment import Segment
from textual._compositor import ChopsUpdate
from textual.strip import Strip


def _render(update_class: Any, text: str, span: tuple[int, int, int]) -> str:
    strip = Strip([Segment(text)])
    width = strip.cell_length
    update = update_class([{0: strip}], [span], [[width]])
    return update.render_segments(Console(width=80, color_system=None, legacy_windows=False))


def test_a_change_at_the_end_of_a_line_sends_only_that_end(update_class: Any = ChopsUpdate) -> None:
    out = _render(update_class, "Indeks 2,62   baseline 2,20", (0, 25, 27))
    assert out.endswith("20") and "Indeks" not in out
    assert "\x1b[1;26H" in out  # moved to the span's first cell (1-based column 26)


def test_a_span_inside_a_wide_character_starts_on_its_left_half(update_class: Any = ChopsUpdate) -> None:
    out = _render(update_class, "a日本b", (0, 2, 4))  # column 2 is the right half of 日
    assert "\x1b[1;2H" in out and "日" in out  # the whole glyph, from its left half


def test_a_span_covering_the_whole_strip_sends_it_all(update_class: Any = ChopsUpdate) -> None:
    out = _render(update_class, "abc", (0, 0, 3))
    assert "abc" in out
