"""The cell diff behind partial repaints: which runs of cells must be redrawn."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style

from tui.app.widgets.diff_lines import MERGE_GAP, cell_runs, cells_of

BOLD = Style(bold=True)


def cells(text: str, style: Style | None = None):  # type: ignore[no-untyped-def]
    return cells_of([Segment(text, style)])


def test_identical_lines_need_nothing() -> None:
    assert cell_runs(cells("Indeks 2,20"), cells("Indeks 2,20"), 40) == []


def test_one_changed_digit_is_one_cell() -> None:
    assert cell_runs(cells("Indeks 2,20"), cells("Indeks 2,21"), 40) == [(10, 11)]


def test_a_style_change_counts_as_a_change() -> None:
    assert cell_runs(cells("ab"), cells_of([Segment("a"), Segment("b", BOLD)]), 10) == [(1, 2)]


def test_close_runs_merge_and_far_runs_stay_apart() -> None:
    near = "x" * (MERGE_GAP - 1)
    assert cell_runs(cells(f"a{near}b"), cells(f"A{near}B"), 40) == [(0, MERGE_GAP + 1)]
    far = "x" * MERGE_GAP
    assert cell_runs(cells(f"a{far}b"), cells(f"A{far}B"), 40) == [(0, 1), (MERGE_GAP + 1, MERGE_GAP + 2)]


def test_a_shorter_line_clears_its_old_tail_within_the_width() -> None:
    assert cell_runs(cells("abcdef"), cells("abc"), 5) == [(3, 5)]


def test_runs_never_split_a_wide_character() -> None:
    old, new = cells("界界"), cells("界a ")
    assert cells_of([Segment("界")]) == [("界", None), ("", None)]
    runs = cell_runs(old, new, 10)
    assert all(not (s < len(new) and new[s][0] == "") for s, _ in runs)


@given(st.text(alphabet="ab ", max_size=30), st.text(alphabet="ab ", max_size=30), st.integers(1, 40))
def test_painting_the_runs_over_the_old_line_gives_the_new_line(old: str, new: str, width: int) -> None:
    a, b = cells(old), cells(new)
    blank = (" ", None)
    screen = [a[x] if x < len(a) else blank for x in range(width)]
    for start, end in cell_runs(a, b, width):
        for x in range(start, end):
            screen[x] = b[x] if x < len(b) else blank
    assert screen == [b[x] if x < len(b) else blank for x in range(width)]


async def test_a_scrolling_panel_given_text_before_its_size_lays_it_out_once_at_its_width() -> None:
    """Text set before the first layout waits for the size: at width 1 the detail panel's text had
    been wrapped into hundreds of one-character lines, then thrown away."""
    from rich.text import Text
    from textual.app import App, ComposeResult

    from tui.app.widgets.diff_lines import ScrollingLines

    widths: list[int] = []

    class Probe(ScrollingLines):
        def _layout_lines(self, width: int, reuse: bool):  # type: ignore[no-untyped-def]
            widths.append(width)
            return super()._layout_lines(width, reuse)

    class One(App[None]):
        def compose(self) -> ComposeResult:
            panel = Probe()
            yield panel

        def on_mount(self) -> None:
            self.query_one(Probe).set_blocks([Text("kata " * 40)])

    app = One()
    async with app.run_test(size=(41, 10)) as pilot:
        await pilot.pause()
        panel = app.query_one(Probe)
        assert widths and set(widths) == {40}  # 41 columns, one kept for the ▲/▼ column
        assert panel.line_count == 5  # 40 words of 5 cells: 8 to a 40-cell line
        assert "kata kata" in panel.plain
