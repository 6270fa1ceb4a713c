"""No UI-free module may import a UI library: every module of every such package, imported for real.

(import-linter checks the same statically in CI, from pyproject.toml's contracts; this checks what
actually lands in sys.modules, lazy imports included where a command runs.)
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui

UI = ("textual", "rich", "plotext", "textual_plotext")
UI_FREE = {"tui.core": (*UI, "asyncssh"), "tui.presentation": (*UI, "asyncssh"), "tui.startup": UI,
           "tui.cli": UI, "tui.serve": UI}


def _modules(package: str) -> list[str]:
    if package == "tui.startup":
        return [package]
    path = [str(p) for p in __import__(package, fromlist=["_"]).__path__]
    return [package, *(f"{package}.{m.name}" for m in pkgutil.walk_packages(path))]


def _loaded_after(code: str, forbidden: tuple[str, ...]) -> list[str]:
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {forbidden!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_every_ui_free_module_imports_no_ui_library() -> None:
    assert tui.__path__
    for package, forbidden in UI_FREE.items():
        modules = _modules(package)
        assert len(modules) > 1 or package == "tui.startup"
        code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
        assert _loaded_after(code, forbidden) == [], package


def test_cli_commands_import_no_ui_library() -> None:
    code = ("import contextlib, io\nfrom tui.__main__ import route\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    route(['rubrics']); route(['--help'])")
    assert _loaded_after(code, UI) == []
