"""Agent and X11 forwarding refusals, logged like every other refusal.

asyncssh refuses both itself (the server is created with agent_forwarding=False and
x11_forwarding=False) and offers no callback when it does; it only writes an INFO line to its
public "asyncssh" logger. This handler turns exactly those lines into our `refused` events.
"""

from __future__ import annotations

import logging
import re
import sys

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


def install(log: Log) -> None:
    """Listen to asyncssh's INFO lines; its warnings still reach stderr as before."""
    logger = logging.getLogger("asyncssh")
    logger.setLevel(logging.INFO)
    logger.propagate = False  # INFO lines are for this handler only, not for the root logger
    logger.addHandler(ForwardingRefusals(log))
    warnings = logging.StreamHandler(sys.stderr)
    warnings.setLevel(logging.WARNING)
    logger.addHandler(warnings)
