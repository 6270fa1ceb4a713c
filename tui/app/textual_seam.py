"""Where the app reaches past Textual's public API, in one place, each use naming what it mirrors.

Served mode: an unhandled exception must never show a traceback (with locals and server paths)
on a participant's screen. Textual has no public hook between "an exception escaped" and "print
a Rich traceback at exit", so ``PlannerApp._handle_exception`` (an override of Textual's private
method of that name, textual/app.py, 8.2.x) calls ``exit_quietly`` here when served. It does what
Textual's own handler does (return code 1, remember the exception for Pilot, exit) but with one
line of text instead of the traceback. If a Textual release renames the method, the override is
simply never called and Textual's stock handler runs: the app still exits, only less quietly.
"""

from __future__ import annotations

from typing import Any

from textual.app import App


def exit_quietly(app: App[Any], error: Exception, line: str) -> None:
    """Exit after ``error`` showing only ``line``; mirrors App._handle_exception without the traceback."""
    app._return_code = 1  # Textual's own handler sets the same; App.return_code reads it
    if getattr(app, "_exception", None) is None:  # Pilot re-raises the first exception in tests
        app._exception = error
        app._exception_event.set()
    app.panic(line)  # public: exits and prints the renderable after the terminal is restored
