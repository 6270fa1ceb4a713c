"""How a command ends for the person who ran it: one line on stderr, an exit code, no traceback.

Shared by the CLI and the app's launcher. Exit codes: 0 ok, 2 bad input (one message naming the
file and field), 1 internal error, 130 interrupted.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tui.core.errors import InputError, is_request_field
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


# What a file may carry into our output that a terminal would act on instead of showing: C0
# controls but tab and newline (ESC starts escape sequences, BEL rings, CR overwrites), DEL, the
# C1 controls (U+009B is a one-byte CSI), and the bidirectional overrides that reorder a line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """Every control character shown as ``\\uXXXX``: visible, and still valid inside a JSON string."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class EscapingWriter:
    """A text stream that escapes control characters in everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, fileno, isatty, encoding, …: the stream's own
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """While a command runs, nothing it prints (a region name, a file's text) reaches the terminal raw."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingWriter(saved[0]), EscapingWriter(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def error_line(message: str, lang: str) -> None:
    print(f"spbe-planner: {t('error', lang)}: {message}", file=sys.stderr)


def report_input_error(exc: InputError, lang: str, path: Path | str | None = None) -> None:
    """One line in the user's language naming the file (``path`` when the error names none) and field."""
    # A flag's error (--cohort: …) is about the flag, not about the file being processed.
    flag = is_request_field(exc.field)
    named = exc.with_path(path) if path is not None and exc.path is None and not flag else exc
    error_line(error_text(named, lang), lang)


def run_reporting(body: Callable[[], int], lang: Callable[[], str]) -> int:
    """Run ``body``; turn what escapes it into one line and an exit code (``lang`` asked late,
    since a --lang flag is only known once the arguments are parsed)."""
    try:
        return body()
    except InputError as exc:
        report_input_error(exc, lang())
        return EXIT_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `spbe-planner score … | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the promise is: no traceback for users, exit 1
        if os.environ.get("SPBE_PLANNER_DEBUG"):
            traceback.print_exc()
        error_line(t("internal_error", lang(), err=f"{type(exc).__name__}: {exc}"), lang())
        return EXIT_INTERNAL
