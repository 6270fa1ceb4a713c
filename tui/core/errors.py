"""One error type for every kind of bad input, carrying a message code, the file and the field.

The core never writes a sentence for the user directly: it raises ``InputError(code, **params)``.
``str(err)`` renders the English text from ``tui.core.messages`` (so the core stays usable from
plain Python); the presentation layer renders the same code in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tui.core.messages import KINDS_EN, MESSAGES, REASONS_EN

Param = str | int


@dataclass(frozen=True, slots=True)
class CellRef:
    """A place in a spreadsheet, as a person names it: sheet (None for CSV), row, cell."""

    sheet: str | None
    row: int | None = None
    cell: str = ""


Where = str | CellRef


# Fields of a request (what a person answered, not a key of a file) that the core names by their own
# name: the CLI shows each as its flag (--predikat), the app beside its field. An error about one of
# them is about the request, not about the file being processed, so no file is named with it.
REQUEST_FIELDS = frozenset({"robust", "roadmap", "roadmap_mode", "sort", "predikat", "index", "rank", "sheet",
                            "cohort", "hours", "target", "max_cost", "max_step", "max_steps", "lock", "margin",
                            "csv_style"})


def is_request_field(field: object) -> bool:
    return isinstance(field, str) and (field in REQUEST_FIELDS or field.startswith("--"))


class InputError(Exception):
    """Bad user input: a file that cannot be read, parsed or validated, or a bad flag or field.

    The CLI prints it and exits 2; the app shows it as a notification. The message always names
    the file (when there is one) and the field, so a user can find the problem.
    """

    def __init__(self, code: str, *, path: Path | str | None = None, field: Where | None = None,
                 more: int = 0, **params: Param) -> None:
        if code not in MESSAGES:  # a programming error, caught by the catalogue test
            raise KeyError(f"no message for error code {code!r}")
        self.code = code
        self.params: dict[str, Param] = params
        self.path = str(path) if path is not None else None
        self.field = field
        self.more = more  # further problems found in the same file
        super().__init__(str(self))

    @property
    def message(self) -> str:
        params = dict(self.params)
        for key, table in (("reason", REASONS_EN), ("kind", KINDS_EN), ("what", KINDS_EN)):
            value = params.get(key)
            if isinstance(value, str):
                params[key] = table.get(value, value)
        return render_message(self.code, params, MESSAGES)

    def __str__(self) -> str:
        more = f" (and {self.more} more problem{'s' if self.more > 1 else ''})" if self.more else ""
        field = field_text(self.field, "en") if self.field is not None else None
        parts = [p for p in (self.path, field) if p]
        return ": ".join([*parts, self.message + more])

    def with_path(self, path: Path | str) -> InputError:
        return self.replaced(path=str(path))

    def with_field(self, field: Where) -> InputError:
        return self.replaced(field=field)

    def replaced(self, **changes: object) -> InputError:
        fields: dict[str, object] = {"path": self.path, "field": self.field, "more": self.more, **changes}
        return InputError(self.code, **fields, **self.params)  # type: ignore[arg-type]  # fields are typed above


class Invalid(ValueError):
    """Raised inside pydantic validators: a ValueError that keeps its message code and parameters."""

    def __init__(self, code: str, **params: Param) -> None:
        if code not in MESSAGES:
            raise KeyError(f"no message for error code {code!r}")
        self.code = code
        self.params = params
        super().__init__(render_message(code, params, MESSAGES))


def from_invalid(exc: Invalid, *, path: Path | str | None = None, field: Where | None = None) -> InputError:
    """The InputError for a value check that failed at ``field``."""
    params: dict[str, Any] = dict(exc.params)  # parameters never use the name "more"
    return InputError(exc.code, path=path, field=field, **params)


def render_message(code: str, params: Mapping[str, Param], templates: Mapping[str, str]) -> str:
    return templates[code].format(**params)


# How a place in a sheet is named, per language (the presentation layer passes its language).
_CELL_WORDS = {"en": ("sheet", "row", "cell"), "id": ("lembar", "baris", "sel")}


def field_text(field: Where, lang: str) -> str:
    if isinstance(field, str):
        return field
    sheet_w, row_w, cell_w = _CELL_WORDS.get(lang, _CELL_WORDS["en"])
    parts = [f"{sheet_w} {field.sheet!r}"] if field.sheet else []
    if field.row is not None:
        parts.append(f"{row_w} {field.row}")
    if field.cell:
        parts.append(f"{cell_w} {field.cell}")
    return ", ".join(parts)


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


# pydantic's error types, mapped to our codes. Its own English sentences are never shown.
_TYPE_CODES = {
    "missing": "missing_key",
    "extra_forbidden": "unknown_key",
    "int_type": "want_int", "int_parsing": "want_int", "int_from_float": "want_int",
    "float_type": "want_number", "float_parsing": "want_number",
    "string_type": "want_text", "bool_type": "want_bool", "bool_parsing": "want_bool",
    "dict_type": "want_table", "model_type": "want_table", "model_attributes_type": "want_table",
    "list_type": "want_list", "tuple_type": "want_list", "set_type": "want_list",
    "finite_number": "not_finite",
    "string_pattern_mismatch": "text_pattern",
}
_LIMIT_CODES = {
    "string_too_short": ("text_too_short", "min_length"), "string_too_long": ("text_too_long", "max_length"),
    "too_short": ("list_too_short", "min_length"), "too_long": ("list_too_long", "max_length"),
    "greater_than_equal": ("number_min", "ge"), "greater_than": ("number_above", "gt"),
    "less_than_equal": ("number_max", "le"), "less_than": ("number_below", "lt"),
}
# Union branches add their type name to the location; a user never wrote those.
_BRANCH_NAMES = {"int", "float", "str", "bool", "list[str]", "date", "constrained-int", "constrained-float",
                 "external-number", "external-table"}


def _problem(error: Mapping[str, object]) -> tuple[str, dict[str, Param]]:
    kind = str(error["type"])
    ctx = error.get("ctx")
    ctx = ctx if isinstance(ctx, Mapping) else {}
    if kind == "value_error" and isinstance(ctx.get("error"), Invalid):
        inner: Invalid = ctx["error"]
        return inner.code, dict(inner.params)
    if kind in _TYPE_CODES:
        return _TYPE_CODES[kind], {}
    if kind == "literal_error" and isinstance(ctx.get("expected"), str):  # "'a', 'b' or 'c'": our words
        return "want_one_of", {"known": str(ctx["expected"]).replace(" or ", ", ").replace("'", "")}
    if kind in _LIMIT_CODES:
        code, key = _LIMIT_CODES[kind]
        limit = ctx.get(key, "")
        return code, {"limit": limit if isinstance(limit, int) else str(limit)}
    return "invalid_value", {}


def from_validation(err: ValidationError, path: Path | str | None) -> InputError:
    """Turn pydantic's report into one clear message about the first problem."""
    errors = err.errors(include_url=False)
    # A misspelt key also shows up as a missing one; the unknown key is the one to fix first.
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    places: list[tuple[str | int, ...]] = []
    kinds: dict[tuple[str | int, ...], set[str]] = {}
    for e in errors:
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and (p.startswith("function-")
                                                                        or p in _BRANCH_NAMES)))
        if loc not in places:  # `int | float` reports each branch at the same place: one problem
            places.append(loc)
        kinds.setdefault(loc, set()).add(str(e["type"]))
    code, params = _problem(errors[0])
    loc = places[0]
    if code == "want_int" and "float_type" in kinds[loc]:
        code = "want_number"  # a field that takes int or float: the user needs "a number"
    # Cross-field checks (model validators) have no location; their message names the item.
    return InputError(code, path=path, field=toml_key(loc) or None, more=len(places) - 1, **params)
