"""A rehearsal of the first screen, run once in the fork server before it forks any participant.

A served app spends most of its start-up in work that is the same for everyone: Textual parsing
the same CSS, filling its own and Rich's module-level caches (colours, styles, segments, cell
widths), plotext drawing its first chart. Running the app once, headless, to its first frame in
the fork server does that work there; every child forked afterwards inherits the result. The CSS
is kept through the seam's process-wide cache (textual_seam.share_parsed_css): Textual's own
cache dies with the rehearsal's stylesheet.

The rehearsal touches nothing of the server's user: HOME, state and config point into a temporary
folder that is removed afterwards, and no served variable is set, so no workspace, presence record
or room log is written. It leaves no thread behind, since the fork server forks.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator

SIZE = (120, 35)  # wide enough for the charts, so their first build is rehearsed too
THREADS_WAIT_S = 2.0
TOAST_WAIT_PAUSES = 20


def rehearse_first_screen() -> None:
    """Run the app headless to its first frame and quit, then give its worker threads a moment to
    end (also when it failed): the caller checks that none is left before it forks."""
    try:
        with tempfile.TemporaryDirectory(prefix="spbe-rehearsal-") as home, isolated_environment(home):
            asyncio.run(_first_screen())
    finally:
        _wait_for_threads()


async def _first_screen() -> None:
    from tui.app.main import DEFAULT_DEMO, build_app

    # As a participant without a file of their own starts: the demo, with its note in a toast.
    app = build_app(demo=DEFAULT_DEMO)
    # Tooltips and notifications on, as in a real run (run_test turns them off by default): their
    # widgets' CSS, and the order widgets first register theirs in, are then those of a child.
    async with app.run_test(size=SIZE, tooltips=True, notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the chart build runs in a worker thread
        for _ in range(TOAST_WAIT_PAUSES):  # the note comes after the first frame
            if app.screen.query("Toast"):
                break
            await pilot.pause()


@contextlib.contextmanager
def isolated_environment(home: str) -> Iterator[None]:
    """The process's environment with every spbe-planner variable removed and HOME, state and
    config inside ``home``; restored as it was afterwards."""
    saved = dict(os.environ)
    try:
        for name in [n for n in os.environ if n.startswith("SPBE_PLANNER_")]:
            del os.environ[name]
        os.environ.update({
            "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "SPBE_PLANNER_STATE": os.path.join(home, "state"),
            "SPBE_PLANNER_CONFIG": os.path.join(home, "no-config.toml"),
        })
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _wait_for_threads() -> None:
    """Worker threads end with their work; wait for them (bounded) rather than fork beside one."""
    deadline = time.monotonic() + THREADS_WAIT_S
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
