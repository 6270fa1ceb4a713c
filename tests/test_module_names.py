"""Module names written as strings (the fork server's preload list, its run and warm-up entries, the
app's warm-up list) name modules and functions that exist: a file moved or renamed fails here, not
in a participant's session."""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

from tui.__main__ import SERVED_APP


def _exists(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def test_the_fork_servers_module_names_exist() -> None:
    assert all(_exists(name) for name in SERVED_APP.preload), SERVED_APP.preload
    for entry in (SERVED_APP.run, SERVED_APP.warm):
        if entry:
            module, function = entry.split(":")
            assert callable(getattr(importlib.import_module(module), function)), entry


def test_warm_up_lists_name_modules_that_exist() -> None:
    """Every string tuple of dotted names handed to import_module in tui/ names a real module."""
    source = Path(__file__).resolve().parents[1] / "tui"
    names: list[str] = []
    for path in source.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple) and any(
                    isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "import_module"
                    for call in ast.walk(node)):
                names += [e.value for e in node.iter.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    assert names, "the warm-up list was not found"
    missing = [n for n in names if not _exists(n)]
    assert not missing, missing
