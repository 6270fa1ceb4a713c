"""How long a plan may be searched for, and how a front end stops a search it no longer needs.

The exact solvers are quick for the plans people make (milliseconds; a second with programmes),
but a plan robust to many rejected steps over many programmes is a hard mixed-integer programme:
``plan --robust 30`` over the bundled programme sample ran for 47 s. Every search is bounded in
time, with a message that says what to change, and one the app starts off its UI thread can be
cancelled when a newer keystroke makes it stale.

The limits travel in a context variable rather than through every solver's signature: they are
the caller's circumstances (a CLI run, one worker thread of the app), not part of the question.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from tui.core.errors import InputError

SOLVE_SECONDS = 10.0  # the CLI's bound: far above any plan people make, far below "is it hung?"


class SolveCancelled(Exception):
    """The search was stopped by its caller (a newer request replaced it); nobody waits for it."""


@dataclass(frozen=True)
class SolveLimits:
    seconds: float = SOLVE_SECONDS
    cancel: threading.Event | None = None
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return max(0.0, self.seconds - (time.monotonic() - self.started))

    def check(self) -> None:
        """Between pieces of work: stop if cancelled or out of time."""
        if self.cancel is not None and self.cancel.is_set():
            raise SolveCancelled
        if self.remaining() <= 0:
            raise time_limit_error(self.seconds)


_LIMITS: ContextVar[SolveLimits | None] = ContextVar("spbe_planner_solve_limits", default=None)


def current_limits() -> SolveLimits:
    """The limits of the searches running in this context; without ``solve_limits`` around them,
    fresh defaults for each search (plain Python use bounds each solver call on its own)."""
    return _LIMITS.get() or SolveLimits()


@contextmanager
def solve_limits(seconds: float = SOLVE_SECONDS, cancel: threading.Event | None = None) -> Iterator[SolveLimits]:
    """Run the searches inside within ``seconds`` in all, stoppable through ``cancel``."""
    limits = SolveLimits(seconds, cancel)
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


def time_limit_error(seconds: float) -> InputError:
    return InputError("plan_time_limit", seconds=round(seconds))
