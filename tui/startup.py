"""Garbage collection around start-up: held until the first screen is up, then resumed.

Start-up builds hundreds of thousands of objects that live as long as the process: modules,
pydantic's validators, Textual's parsed CSS, the rubric. While they are being created Python's
collector keeps re-scanning them (about 40 ms of a half-second start, one full pass alone ~15 ms)
without finding garbage worth the time. So collection is held from the entry point until the
first frame is on screen; then whatever survived start-up is moved out of the collector's sight
(``gc.freeze``), so no later collection (on a keystroke, say) scans it again, and processes
forked from a preloaded parent keep sharing those pages instead of copying them.
"""

from __future__ import annotations

import gc


def hold_collection() -> None:
    """Stop automatic collection until ``resume_collection`` (called at the entry point)."""
    gc.disable()


def resume_collection() -> None:
    """Drop start-up's garbage, keep its survivors out of later passes, and collect normally again."""
    if gc.isenabled():
        return
    gc.collect()
    gc.freeze()
    gc.enable()
