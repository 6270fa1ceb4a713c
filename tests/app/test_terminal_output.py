"""What a real terminal shows after many partial updates must equal a full redraw.

The main screen writes only the cells that changed (tui/app/widgets/diff_lines.py, tui/app/textual_seam.py).
A wrong diff or a bad crop would leave stale characters on a user's screen that no in-process test
sees, so this runs the app in a pseudo-terminal, rebuilds the screen with pyte (a VT emulator),
types edits and cursor moves, then forces a full repaint and compares the two screens.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pyte
import pytest

from tui.app.textual_seam import seam_active


class Terminal:
    def __init__(self, cols: int, rows: int, env: dict[str, str]) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()  # every byte the app wrote, for checks pyte does not keep (colours)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the app
            os.environ.update(env)
            os.execv(sys.executable, [sys.executable, "-m", "tui"])
        self.resize(cols, rows)

    def resize(self, cols: int, rows: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.02)[0]:
                try:
                    self.feed(os.read(self.fd, 1 << 16))
                except OSError:
                    return

    def settle(self, quiet: float = 0.4, seconds: float = 20) -> None:
        """Read until the app has written nothing for ``quiet`` seconds (a slow machine takes longer)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if not select.select([self.fd], [], [], quiet)[0]:
                return
            try:
                self.feed(os.read(self.fd, 1 << 16))
            except OSError:
                return

    def feed(self, data: bytes) -> None:
        self.raw += data
        self.stream.feed(data)

    def wait_for(self, needle: str, seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while needle not in self.text() and time.monotonic() < end:
            self.pump(0.05)
        assert needle in self.text(), self.text()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_partial_updates_leave_the_screen_as_a_full_redraw(tmp_path: Path, size: tuple[int, int]) -> None:
    env = {"TERM": "xterm-256color", "SPBE_PLANNER_STATE": str(tmp_path / "state"),
           "SPBE_PLANNER_CONFIG": str(tmp_path / "none")}
    term = Terminal(*size, env)
    try:
        term.wait_for("Indeks")
        term.settle()
        before = term.text()
        # Raise, lower, set, reset and undo on several rows, with cursor moves in between.
        down, up = "\x1b[B", "\x1b[A"
        for key in ["+", "-", "+", "+", down, down, "3", "+", up, "0", "-", "5", "u", down, down, down, "+"]:
            os.write(term.fd, key.encode())
            term.pump(0.06)
        term.settle()  # the chart and its numbers follow after their debounce
        edited = term.text()
        assert edited != before and "belum disimpan" in edited
        term.resize(size[0] + 1, size[1])  # two resizes force Textual to repaint everything
        term.settle()
        term.resize(*size)
        term.settle()
        assert term.text() == edited
    finally:
        term.close()


def colour_codes(raw: bytes) -> list[str]:
    """SGR parameters that set a foreground or background colour (30–37, 40–47, 90–107, 38;…,
    48;…); 39 and 49 only reset to the terminal's own colours."""
    import re

    found = []
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", raw):
        codes = [int(p) for p in re.split(rb"[;:]", params) if p]
        if any((30 <= c <= 48 or 90 <= c <= 107) and c not in (39,) for c in codes):
            found.append(params.decode())
    return found


def test_no_color_writes_no_colour_and_ticks_read_by_glyph(tmp_path: Path) -> None:
    env = {"TERM": "xterm-256color", "NO_COLOR": "1", "SPBE_PLANNER_STATE": str(tmp_path / "state"),
           "SPBE_PLANNER_CONFIG": str(tmp_path / "none")}
    term = Terminal(120, 40, env)
    try:
        term.wait_for("Kabupaten Contoh")
        term.settle()
        os.write(term.fd, b"c")
        term.wait_for("Bandingkan skenario")
        os.write(term.fd, b"\x1b[A ")  # up to the file above the current one, tick it
        term.wait_for("Peringkat")  # two files ticked: the table is there
        term.settle()
        lines = term.text().splitlines()
        ticked = [line for line in lines if "▐✓▌" in line]
        unticked = [line for line in lines if "▐ ▌" in line]
        assert ticked and unticked, term.text()  # both states, told apart by the glyph alone
        assert any("kabu…2022.toml" in line for line in ticked), term.text()  # the current file
        if seam_active():  # off the seam Textual's own NO_COLOR (greys, not none) is what runs
            assert colour_codes(bytes(term.raw)) == []
    finally:
        term.close()
