"""How a command ends for the person who ran it: one line on stderr, an exit code, no traceback.

Shared by the CLI and the app's launcher. Exit codes: 0 ok, 2 bad input (one message naming the
file and field), 1 internal error, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from tui.core.errors import InputError
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def error_line(message: str, lang: str) -> None:
    print(f"spbe-planner: {t('error', lang)}: {message}", file=sys.stderr)


def report_input_error(exc: InputError, lang: str, path: Path | str | None = None) -> None:
    """One line in the user's language naming the file (``path`` when the error names none) and field."""
    # A flag's error (--cohort: …) is about the flag, not about the file being processed.
    flag = isinstance(exc.field, str) and exc.field.startswith("--")
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
