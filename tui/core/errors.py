"""One error type for every kind of bad input, carrying the file and the field it concerns."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError


class InputError(Exception):
    """Bad user input: a file that cannot be read, parsed or validated.

    The CLI prints ``str(err)`` and exits 2; the app shows it as a notification. The message
    always names the file (when there is one) and the field, so a user can find the problem.
    """

    def __init__(self, message: str, *, path: Path | str | None = None, field: str | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [p for p in (self.path, self.field) if p]
        return ": ".join([*parts, self.message])

    def with_path(self, path: Path | str) -> InputError:
        return InputError(self.message, path=path, field=self.field)


def toml_key(loc: Iterable[str | int]) -> str:
    """Render a pydantic error location as the TOML key a user would look for.

    ``("baseline", "12")`` becomes ``baseline."12"`` and ``("indicator", 3, "weight")`` becomes
    ``indicator[4].weight`` (1-based, as a person counts the ``[[indicator]]`` tables).
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part.isidentifier() or part.replace("-", "_").isidentifier():
            out += f".{part}" if out else part
        else:
            out += f'."{part}"' if out else f'"{part}"'
    return out


def from_validation(err: ValidationError, path: Path | str | None) -> InputError:
    """Turn pydantic's report into one clear message about the first problem."""
    errors = err.errors(include_url=False)
    # A misspelt key also shows up as a missing one; the unknown key is the one to fix first.
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    # Union branches add their type name to the location; a user never wrote those.
    loc = [p for p in loc if p not in {"int", "float", "str", "bool", "list[str]"}]
    msg = first["msg"]
    if first["type"] == "missing":
        msg = "required key is missing"
    elif first["type"] == "extra_forbidden":
        msg = "unknown key (not part of this file format)"
    elif msg.startswith("Value error, "):
        msg = msg.removeprefix("Value error, ")
    more = len(errors) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    # Cross-field checks (model validators) have no location; their message names the item.
    return InputError(msg, path=path, field=toml_key(loc) or None)
