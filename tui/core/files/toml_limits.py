"""Structure limits checked on TOML text before tomllib parses it.

tomllib is correct but not defensive: a key of 20,000 dotted parts costs it seconds and GiB
(every prefix of the key is kept as a tuple), and lists nested a thousand deep exhaust the
recursion limit. No file of ours comes near these limits, so a file beyond them is refused
with the line it happens on, before any of that work is done.

The scan is a small tokenizer: strings and comments are skipped whole (a dot or a bracket inside
them means nothing), and only the structure characters outside them are looked at.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui.core.errors import InputError

MAX_DEPTH = 32  # nested lists and inline tables
MAX_KEY_PARTS = 16  # a.b.c is 3 parts; our deepest real key has 4
MAX_KEYS = 20_000  # key = value pairs and table headers
MAX_LINE = 65_536  # characters on one line
MAX_NUMBER_DIGITS = 400  # no scale, weight or year has more; Python refuses ints past 4,300

_TOKEN = re.compile(
    r'"""(?:\\.|[^\\])*?"""+'  # multi-line basic string (may end in up to two more quotes)
    r"|'''.*?'''+"  # multi-line literal string
    r'|"(?:\\.|[^"\\\n])*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[0-9][0-9_]*"  # the digits of a number (or a bare key made of digits)
    r"|[\[\]{}=,.\n]"  # structure
    r"|[^\[\]{}=,.\n\"'#0-9]+",  # anything else, up to the next interesting character
    re.DOTALL,
)


# For the quick test (plainly_within): a whole line that is a [table] or [[array]] header with a
# bare name. Its brackets open and close on that line, and it holds no quote that could start a string.
_HEADER_LINE = re.compile(r"(?m)^[ \t]*(?:\[\[[\w.\- ]*\]\]|\[[\w.\- ]*\])[ \t]*(?:#[^\n]*)?$")
_MANY_DOTS = re.compile(rf"(?m)^(?:[^.\n]*\.){{{MAX_KEY_PARTS}}}")
_LONG_NUMBER = re.compile(rf"[0-9_]{{{MAX_NUMBER_DIGITS + 1}}}")


def check_structure(text: str, path: Path | str | None) -> None:
    """Raise InputError when the text exceeds a structure limit; say nothing about validity."""
    _check_lines(text, path)
    if plainly_within(text):
        return
    _scan(text, path)


def plainly_within(text: str) -> bool:
    """True when counts over the whole text (strings and comments included, so never fewer than the
    scan sees) already show every limit kept. Most files pass this at C speed; scoring 5,000
    scenarios spent a tenth of its time in the scan. False says nothing: the scan decides."""
    if len(text) > MAX_LINE:
        return False
    if text.count("=") + text.count("[") > MAX_KEYS or _LONG_NUMBER.search(text):
        return False
    # Without "{", a dotted key's parts are counted within one line (the scan resets at each line
    # outside an inline table), so a line with fewer dots than the limit cannot exceed it.
    if "{" in text or _MANY_DOTS.search(text):
        return False
    body = _HEADER_LINE.sub("", text)
    return body.count("[") + 2 <= MAX_DEPTH  # +2: a header-looking line inside a list nests briefly


def _scan(text: str, path: Path | str | None) -> None:
    """The exact check: a tokenizer that skips strings and comments."""
    stack: list[str] = []  # "[" list, "{" inline table, "h" table header
    key_mode = True  # at a key (line start, after "{" or ","), not a value
    parts = 1
    keys = 0
    line = 1
    for match in _TOKEN.finditer(text):
        tok = match.group()
        first = tok[0]
        if first in "\"'":
            line += tok.count("\n")
            continue
        if first in "0123456789":
            if len(tok) > MAX_NUMBER_DIGITS:
                raise InputError("number_too_long", path=path, limit=MAX_NUMBER_DIGITS)
            continue
        if tok == "\n":
            line += 1
            if not stack or stack[-1] == "h":
                key_mode, parts = True, 1
        elif tok == "." and key_mode:
            parts += 1
            if parts > MAX_KEY_PARTS:
                raise InputError("toml_key_too_long", path=path, limit=MAX_KEY_PARTS, line=line)
        elif tok == "=":
            keys += 1
            if keys > MAX_KEYS:
                raise InputError("toml_too_many_keys", path=path, limit=MAX_KEYS)
            key_mode, parts = False, 1
        elif tok in "[{":
            if tok == "[" and key_mode and (not stack or stack[-1] == "h"):
                stack.append("h")  # a [table] or [[array]] header: its name is a key
                continue
            stack.append(tok)
            if len([s for s in stack if s != "h"]) > MAX_DEPTH:
                raise InputError("toml_too_deep", path=path, limit=MAX_DEPTH, line=line)
            key_mode, parts = tok == "{", 1
        elif tok in "]}":
            if stack:
                closed = stack.pop()
                if closed == "h" and (not stack or stack[-1] != "h"):
                    keys += 1
                    parts = 1
            key_mode = False  # a closed list or table is a value; a header is followed by a newline
        elif tok == "," and stack and stack[-1] == "{":
            key_mode, parts = True, 1


def _check_lines(text: str, path: Path | str | None) -> None:
    if len(text) <= MAX_LINE:
        return
    start = 0
    for number, match in enumerate(re.finditer(r"\n|\Z", text), start=1):
        if match.start() - start > MAX_LINE:
            raise InputError("toml_line_too_long", path=path, line=number, limit=MAX_LINE)
        start = match.end()
