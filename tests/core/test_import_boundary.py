"""The core and the CLI must never import a UI library."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("textual", "rich", "plotext", "textual_plotext")


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_core_imports_no_ui_library() -> None:
    assert _loaded_after("import tui.core.scoring, tui.core.scenario, tui.core.summary, tui.core.ranking") == []


def test_cli_scoring_imports_no_ui_library() -> None:
    code = ("import contextlib, io\nfrom tui.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['rubrics'])")
    assert _loaded_after(code) == []
