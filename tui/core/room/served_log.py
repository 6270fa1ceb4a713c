"""The server-side record of an unexpected error in a served participant's app.

The server gives each app ``SPBE_PLANNER_ERROR_LOG``, a file in the room folder (outside the
participant's workspace). The traceback goes there as one JSON line with the event ``error``,
never to the participant's screen.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import traceback
from typing import TextIO

from tui.core.served_contract import ERROR_LOG_ENV, USER_ENV

ENV = ERROR_LOG_ENV


def error_stream() -> TextIO | None:
    """The server-side log, opened for appending: where whatever the app would print to a
    participant's terminal at a crash goes instead (a traceback with locals and server paths)."""
    path = os.environ.get(ENV)
    if not path:
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError:
        return None
    return os.fdopen(fd, "a", encoding="utf-8", buffering=1)


def log_served_error(error: BaseException) -> None:
    path = os.environ.get(ENV)
    if not path:
        return
    record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "event": "error", "what": "app crashed",
              "user": os.environ.get(USER_ENV, ""), "pid": os.getpid(),
              "error": f"{type(error).__name__}: {error}",
              "traceback": "".join(traceback.format_exception(error))}
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
