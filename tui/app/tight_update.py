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
        update = super().render_partial_update()
        if update is None:
            return None
        return TightChopsUpdate(update.chops, update.spans, update.chop_ends)


def use_tight_updates(screen: object) -> None:
    """Give a freshly made screen the cropping compositor (before it is mounted)."""
    screen._compositor = TightCompositor()  # type: ignore[attr-defined]
