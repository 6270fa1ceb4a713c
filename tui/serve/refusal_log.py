"""Libraries' log lines as our JSON events: forwarding refusals, warnings and errors on one line each.

asyncssh refuses both itself (the server is created with agent_forwarding=False and
x11_forwarding=False) and offers no callback when it does; it only writes an INFO line to its
public "asyncssh" logger. This handler turns exactly those lines into our `refused` events.
"""

from __future__ import annotations

import logging
import re

from tui.serve.context import Log

_REFUSALS = {"Agent forwarding request denied": "agent forwarding",
             "X11 forwarding request denied": "x11 forwarding"}
_CONTEXT = re.compile(r"^\[([^\]]*)\]")


class ForwardingRefusals(logging.Handler):
    def __init__(self, log: Log) -> None:
        super().__init__(logging.INFO)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        for phrase, what in _REFUSALS.items():
            if phrase in message:
                context = _CONTEXT.match(message)
                self.log("refused", what=what, ssh=context.group(1) if context else "")


class OneLine(logging.Handler):
    """A library's warning or error as one JSON line of our log: the message and the exception's
    kind, never a multi-line traceback (a malformed HTTP request put one into the log)."""

    def __init__(self, log: Log, source: str) -> None:
        super().__init__(logging.WARNING)
        self.log, self.source = log, source

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        detail = f"{type(error).__name__}: {error}" if error is not None else ""
        self.log("error" if record.levelno >= logging.ERROR else "warning", what=self.source,
                 message=record.getMessage()[:300], error=detail[:300])


def install(log: Log) -> None:
    """asyncssh's INFO lines become refusals; its and aiohttp's warnings become one-line JSON events."""
    logger = logging.getLogger("asyncssh")
    logger.setLevel(logging.INFO)
    logger.propagate = False  # INFO lines are for this handler only, not for the root logger
    logger.addHandler(ForwardingRefusals(log))
    logger.addHandler(OneLine(log, "ssh library"))
    web = logging.getLogger("aiohttp")
    web.propagate = False
    web.addHandler(OneLine(log, "web library"))
