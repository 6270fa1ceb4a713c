"""A text widget that repaints only the cells that changed.

Every keystroke changes a handful of characters on screen (a value, a delta, a marker), but a
``Static.update`` repaints the whole widget, and the bytes written to the terminal are what a user
on a slow SSH link waits for. ``DiffLines`` keeps the rendered cells of each line, compares them
with the new ones and refreshes only the runs of cells that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

# Two runs closer than this are repainted as one: a cursor move costs about as much as a few cells.
MERGE_GAP = 4

Cell = tuple[str, Style | None]


def cells_of(segments: Iterable[Segment]) -> list[Cell]:
    """One (character, style) per terminal cell; the right half of a wide character is ``""``."""
    out: list[Cell] = []
    for seg in segments:
        style, text = seg.style, seg.text
        if text.isascii() or cell_len(text) == len(text):  # the common case: one cell per character
            out.extend([(ch, style) for ch in text])
            continue
        for ch in text:
            out.append((ch, style))
            if cell_len(ch) == 2:
                out.append(("", style))
    return out


def cell_runs(old: Sequence[Cell], new: Sequence[Cell], width: int) -> list[tuple[int, int]]:
    """The (start, end) cell ranges within ``width`` where two rendered lines differ."""
    blank: Cell = (" ", None)
    a = [*old[:width], *[blank] * (width - len(old))]
    b = [*new[:width], *[blank] * (width - len(new))]
    runs: list[tuple[int, int]] = []
    for x in [x for x, pair in enumerate(zip(a, b, strict=True)) if pair[0] != pair[1]]:
        if runs and x - runs[-1][1] < MERGE_GAP:  # a gap of up to MERGE_GAP - 1 equal cells
            runs[-1] = (runs[-1][0], x + 1)
        else:
            runs.append((x, x + 1))
    # A wide character split by a run edge would be half-painted: widen the run over it.
    return [(s - 1 if s > 0 and b[s][0] == "" else s, e + 1 if e < width and b[e][0] == "" else e) for s, e in runs]


def _same(a: Text, b: Text) -> bool:
    # Text equality looks at the characters and spans only, not the style of the whole text.
    return a == b and a.style == b.style


def _block_key(text: Text) -> tuple[str, int, str]:
    """A cheap, hashable stand-in for a block: equal blocks have equal keys (_same decides)."""
    return text.plain, len(text.spans), str(text.style)


def _same_blocks(a: Sequence[Text], b: Sequence[Text]) -> bool:
    return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))


def _segments(line: Text, console: Console) -> list[Segment]:
    """A line's segments with the style of the whole text under its spans' styles."""
    segments = [seg for seg in line.render(console, end="") if seg.text]
    if line.style:
        segments = list(Segment.apply_style(segments, console.get_style(line.style)))
    return segments


class DiffLines(Widget):
    """Shows a ``Text`` (wrapped or cropped to the width) and repaints only what changed."""

    DEFAULT_CSS = "DiffLines { height: 1; }"  # callers give each one a fixed height: no relayout per key

    def __init__(self, *, wrap: bool = True, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(**kw)
        self._wrap = wrap
        self._blocks: list[Text] = []
        self._laid: list[tuple[Text, list[list[Segment]]]] = []
        self._lines: list[list[Segment]] = []
        self._base: Style | None = None
        self._width = 0
        self._theme = ""

    @property
    def plain(self) -> str:
        """The text as shown (after wrapping), one line per row: what tests and screen readers read."""
        return "\n".join("".join(seg.text for seg in line).rstrip() for line in self._lines)

    def set_text(self, text: Text) -> None:
        """Display ``text``; only the cells that differ from what is on screen are repainted."""
        self.set_blocks([text])

    def set_blocks(self, blocks: Sequence[Text]) -> None:
        """Display blocks one under the other, each wrapped on its own.

        A block equal to the one in its place last time keeps its laid-out lines, so a panel
        whose one line changed lays out only that line.
        """
        blocks = list(blocks)
        if self._width and _same_blocks(blocks, self._blocks):
            return  # most keys leave most panels as they were
        self._blocks = blocks
        self._render_all(repaint_all=False)

    def _layout_lines(self, width: int, reuse: bool) -> list[list[Segment]]:
        console = self.app.console
        laid: list[tuple[Text, list[list[Segment]]]] = []
        # Matched by content, not place: a block inserted above (a target appearing) does not make
        # every block under it wrap again.
        previous = {_block_key(b): (b, lines) for b, lines in self._laid} if reuse else {}
        for block in self._blocks:
            before = previous.get(_block_key(block))
            if before is not None and _same(before[0], block):
                laid.append(before)
                continue
            lines = block.wrap(console, max(1, width)) if self._wrap else block.split("\n", allow_blank=True)
            laid.append((block, [list(Strip(_segments(line, console)).crop(0, width)) for line in lines]))
        self._laid = laid
        return [line for _block, lines in laid for line in lines]

    def _text_width(self) -> int:
        return self.size.width

    def _kept(self, lines: list[list[Segment]]) -> list[list[Segment]]:
        """The laid-out lines to keep: what fits (what does not is never drawn)."""
        return lines[:self.size.height]

    def _scrolled(self) -> bool:
        return False

    def _margin_regions(self) -> list[Region]:
        """What else to repaint when the number of lines changes (ScrollingLines: its ▲/▼ column)."""
        return []

    def _render_all(self, repaint_all: bool) -> None:
        width = self._text_width()
        # Not before the widget has a size (on_resize lays it out then): ScrollingLines keeps a
        # column for ▲/▼ and so reports a text width of at least 1, and the detail panel, given its
        # text before the first layout, once wrapped it into 795 one-character lines.
        if not self.is_mounted or self.size.width <= 0 or width <= 0:
            self._width = 0
            return
        # Laid-out lines depend on the width, the blocks and the theme (styles named in the text), not
        # on the widget's own style: a style update or a resize that keeps the width re-wraps nothing.
        # Start-up applies styles and sizes several times; re-wrapping every block each time cost
        # each served app tens of milliseconds before its first frame.
        theme = self.app.theme
        reuse = width == self._width and theme == self._theme
        self._theme = theme
        lines = self._kept(self._layout_lines(width, reuse=reuse))
        old, self._lines = self._lines, lines
        same_width = width == self._width and not repaint_all
        if not same_width or self._scrolled():
            self._width = width
            self.refresh()
            return
        regions: list[Region] = []
        # Only rows on screen: a region past the widget's height would repaint its neighbour.
        for y in range(min(max(len(old), len(lines)), self.size.height)):
            before = old[y] if y < len(old) else []
            after = lines[y] if y < len(lines) else []
            if before != after:  # compare cells only where the segments differ
                regions.extend(Region(s, y, e - s, 1) for s, e in cell_runs(cells_of(before), cells_of(after), width))
        if len(old) != len(lines):
            regions.extend(self._margin_regions())
        if regions:
            self.refresh(*regions)

    def on_resize(self) -> None:
        self._render_all(repaint_all=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        if self._width:
            self._render_all(repaint_all=True)

    def render_line(self, y: int) -> Strip:
        return self._line(y, self.size.width)

    def _line(self, index: int, width: int) -> Strip:
        if self._base is None:  # rich_style walks the ancestors; it only changes with the styles
            self._base = self.rich_style
        base = self._base
        if index >= len(self._lines):
            return Strip.blank(width, base)
        return Strip(self._lines[index]).apply_style(base).extend_cell_length(width, base)


class ScrollingLines(DiffLines, can_focus=True):
    """DiffLines that keeps all of its text and scrolls it in a box of fixed height (↑ ↓ PgUp PgDn
    Home End when focused); ▲ and ▼ in the last column say there is more above or below.

    Its height is fixed by its CSS, so a keystroke that makes the text longer or shorter changes
    nothing outside it: no relayout, and the neighbours (a chart) are not resized. It scrolls by
    itself rather than as a Textual ScrollView, whose render path cost about 0.7 ms more per
    keystroke here (bench/app_bench.py), for a scrollbar we would not draw anyway.
    """

    DEFAULT_CSS = "ScrollingLines { height: 1fr; }"
    BINDINGS = [Binding("up", "scroll_by(-1)", show=False), Binding("down", "scroll_by(1)", show=False),
                Binding("pageup", "page(-1)", show=False), Binding("pagedown", "page(1)", show=False),
                Binding("home", "scroll_to_line(0)", show=False), Binding("end", "scroll_to_line(-1)", show=False)]

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(**kw)
        self.top = 0  # the first line shown

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def max_top(self) -> int:
        return max(0, len(self._lines) - self.size.height)

    def _text_width(self) -> int:
        return max(1, self.size.width - 1)  # the last column holds ▲ / ▼

    def _kept(self, lines: list[list[Segment]]) -> list[list[Segment]]:
        self.top = min(self.top, max(0, len(lines) - self.size.height))
        return lines

    def _scrolled(self) -> bool:
        return self.top != 0

    def _margin_regions(self) -> list[Region]:
        x, bottom = self._text_width(), self.size.height - 1
        return [Region(x, bottom, 1, 1)]  # ▼ comes and goes there; ▲ only with scrolling (a full repaint)

    def action_scroll_by(self, delta: int) -> None:
        self.scroll_to_line(self.top + delta)

    def action_page(self, direction: int) -> None:
        self.scroll_to_line(self.top + direction * max(1, self.size.height - 1))

    def action_scroll_to_line(self, line: int) -> None:
        self.scroll_to_line(line)

    def scroll_to_line(self, line: int) -> None:
        top = self.max_top if line < 0 else max(0, min(line, self.max_top))
        if top != self.top:
            self.top = top
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self._text_width()
        strip = self._line(y + self.top, width)
        more = "▲" if y == 0 and self.top > 0 else \
            "▼" if y == self.size.height - 1 and self.top + self.size.height < len(self._lines) else " "
        return Strip([*strip, Segment(more, self._base)], width + 1)


class TopBar(DiffLines):
    """One line: a description on the left (cut to fit) and a status marker kept on the right.

    The marker has its own end of the line so that it appearing or going repaints only itself,
    and a long description can never push it off a narrow terminal.
    """

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(wrap=False, **kw)
        self._right = Text("")
        self._left: tuple[Text, int, list[Segment]] | None = None
        self._fit: Callable[[int], Text] | None = None

    def show_parts(self, left: Text, right: Text, fit: Callable[[int], Text] | None = None) -> None:
        """``fit(room)``: the description laid out for ``room`` columns, when ``left`` (the full
        text) does not fit; without it the description is cut at its end."""
        self._fit = fit
        if self._width and _same_blocks([left, right], [*self._blocks, self._right]):
            return
        self._blocks, self._right = [left], right
        self._render_all(repaint_all=False)

    def _layout_lines(self, width: int, reuse: bool) -> list[list[Segment]]:
        if not self._blocks:
            return []
        console = self.app.console
        room = max(0, width - self._right.cell_len)
        left, cached = self._blocks[0], self._left
        # The description rarely changes while the states on the right come and go: keep its cut.
        if cached is None or cached[1] != room or not _same(cached[0], left):
            cut = left.copy() if self._fit is None or left.cell_len <= room else self._fit(room)
            cut.truncate(room, overflow="ellipsis", pad=True)
            cached = self._left = (left, room, _segments(cut, console))
        return [list(Strip(cached[2] + _segments(self._right, console)).crop(0, width))]
