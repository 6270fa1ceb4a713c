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
        chops = self._render_lines_of(sorted({y for y, _, _ in spans}))
        return TightChopsUpdate(chops, spans, [cut_set[1:] for cut_set in self.cuts])

    def _render_lines_of(self, rows: list[int]) -> list[dict[int, Strip | None]]:
        """Render only the screen rows that changed, for every widget that covers them.

        Textual renders every line of every widget overlapping the bounding box of all changes,
        which on a keystroke touching the top bar and the detail panel is the whole screen.
        """
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        wanted = set(rows)
        for widget, (region, clip) in self.visible_widgets.items():  # front to back: first wins
            visible = region.intersection(clip)
            if not visible:
                continue
            first_cut, last_cut = visible.column_span
            # Only rows where something in front has not already painted this widget's columns:
            # containers behind their children are skipped without rendering.
            mine = [y for y in rows if visible.y <= y < visible.bottom
                    and any(chops[y].get(cut) is None for cut in cuts[y] if last_cut > cut >= first_cut)]
            if not mine:
                continue
            area = Region(visible.x, mine[0], visible.width, mine[-1] - mine[0] + 1)
            strips = widget.render_lines(area.translate((-region.x, -region.y)))
            for y, strip in zip(area.line_range, strips, strict=False):
                if y not in wanted:
                    continue
                line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                for cut, piece in zip(final_cuts, strip.divide([c - area.x for c in final_cuts[1:]]), strict=False):
                    if line.get(cut) is None:
                        line[cut] = piece
        return chops


def use_tight_updates(screen: object) -> None:
    """Give a freshly made screen the cropping compositor (before it is mounted)."""
    screen._compositor = TightCompositor()  # type: ignore[attr-defined]
