"""Partial screen updates that write only the cells that changed.

Textual 8.2.8 crops a partial update at the right end of each changed span but always starts
writing at the left edge of the widget ("TODO: crop to x extents" in its compositor). A one-digit
change at the end of a line thus resends the whole line; over SSH, and for the terminal that has
to parse it, those bytes are most of a keystroke's cost. This compositor crops both ends.

It replaces a private Textual class on the screens that use it, so textual is pinned exactly in
pyproject.toml; tests/app/test_terminal_output.py checks through a real pseudo-terminal that the
screen after many partial updates equals a full redraw.
"""

from __future__ import annotations

from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip


def _start_cell(strip: Strip, offset: int) -> int:
    """``offset``, moved left by one if it falls on the right half of a wide character."""
    x = 0
    for segment in strip:
        width = cell_len(segment.text)
        if x + width <= offset:
            x += width
            continue
        for ch in segment.text:
            w = cell_len(ch)
            if x + w > offset:
                return x
            x += w
        break
    return offset


class TightChopsUpdate(ChopsUpdate):
    def render_segments(self, console: Console) -> str:
        out: list[str] = []
        append = out.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                start = _start_cell(strip, max(x, x1) - x)
                append(move_to(x + start, y).segment.text)
                append(strip.crop(start, min(end, x2) - x).render(console))
            if y != last_y:
                append("\n")
        return "".join(out)


class TightCompositor(Compositor):
    def render_partial_update(self) -> ChopsUpdate | None:
        regions = [r for r in (d.intersection(self.size.region) for d in self._dirty_regions) if r]
        self._dirty_regions.clear()
        if not regions:
            return None
        spans = list(self._regions_to_spans(regions))
        chops = self._render_spans(spans)
        return TightChopsUpdate(chops, spans, [cut_set[1:] for cut_set in self.cuts])

    def _render_spans(self, spans: list[tuple[int, int, int]]) -> list[dict[int, Strip | None]]:
        """Render only the pieces of the screen that changed, for every widget under them.

        Textual renders every line of every widget overlapping the bounding box of all changes,
        which on a keystroke touching the top bar and the detail panel is the whole screen. Here
        a widget is rendered only on the rows where a changed span crosses its columns (so the
        table beside a changing detail panel is left alone), in runs of consecutive rows.
        """
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        # Per row, the cuts (left edges of the pieces between widget edges) that a span touches.
        needed: dict[int, list[int]] = {}
        for y, x1, x2 in spans:
            row = cuts[y]
            needed.setdefault(y, []).extend(c for c, nxt in pairwise(row) if c < x2 and nxt > x1)
        for widget, (region, clip) in self.visible_widgets.items():  # front to back: first wins
            visible = region.intersection(clip)
            if not visible:
                continue
            first_cut, last_cut = visible.column_span
            # Rows where a touched piece in this widget's columns is not yet painted by a widget
            # in front of it: containers behind their children are skipped without rendering.
            mine = [y for y in range(visible.y, visible.bottom) if y in needed
                    and any(chops[y][cut] is None for cut in needed[y] if first_cut <= cut < last_cut)]
            for run in _runs(mine):
                self._paint(widget, region, visible, run, chops)
        return chops

    def _paint(self, widget: object, region: Region, visible: Region, rows: range,
               chops: list[dict[int, Strip | None]]) -> None:
        """Render ``rows`` of ``widget`` and file the pieces under the cuts they fall in."""
        first_cut, last_cut = visible.column_span
        area = Region(visible.x, rows.start, visible.width, len(rows))
        strips = widget.render_lines(area.translate((-region.x, -region.y)))  # type: ignore[attr-defined]
        for y, strip in zip(rows, strips, strict=False):
            line = chops[y]
            final_cuts = [cut for cut in self.cuts[y] if last_cut >= cut >= first_cut]
            for cut, piece in zip(final_cuts, strip.divide([c - area.x for c in final_cuts[1:]]), strict=False):
                if line.get(cut) is None:
                    line[cut] = piece


def _runs(rows: list[int]) -> list[range]:
    """Sorted row numbers as ranges of consecutive rows: [3, 4, 5, 9] -> [range(3, 6), range(9, 10)]."""
    out: list[range] = []
    for y in rows:
        if out and out[-1].stop == y:
            out[-1] = range(out[-1].start, y + 1)
        else:
            out.append(range(y, y + 1))
    return out


def use_tight_updates(screen: object) -> None:
    """Give a freshly made screen the cropping compositor (before it is mounted)."""
    screen._compositor = TightCompositor()  # type: ignore[attr-defined]
