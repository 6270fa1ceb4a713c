"""The fork server's rehearsal of the first screen: isolated, thread-free, and what children reuse.

Each test runs in its own interpreter: the rehearsal installs the seam's process-wide CSS cache,
which must not leak into the rest of the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.app.conftest import requires_seam

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def clean_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPBE_PLANNER_")}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_STATE_HOME": str(home / ".local" / "state"), "PYTHONPATH": str(ROOT)})
    return env


def test_the_warm_up_leaves_no_thread_no_file_and_the_environment_as_it_was(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env["SPBE_PLANNER_LANG"] = "en"  # a server's own setting: hidden during the rehearsal, then back
    code = """
import json, os, tempfile, threading
before_env = dict(os.environ)
before_tmp = set(os.listdir(tempfile.gettempdir()))
from tui.app.main import warm_for_fork
code = warm_for_fork([])
left = [n for n in set(os.listdir(tempfile.gettempdir())) - before_tmp if n.startswith("spbe-rehearsal-")]
print(json.dumps({"code": code, "threads": threading.active_count(), "env_same": dict(os.environ) == before_env,
                  "left": left}))
"""
    result = run_python(code, env)
    assert result == {"code": 0, "threads": 1, "env_same": True, "left": []}
    home = Path(env["HOME"])
    assert list(home.rglob("*")) == []  # no config, state or recent-files list of the server's user


@requires_seam
def test_an_app_started_after_the_warm_up_parses_no_css(tmp_path: Path) -> None:
    code = """
import asyncio, json
from tui.app import textual_seam
from tui.app.main import warm_for_fork, build_app
warm_for_fork([])
parsed = len(textual_seam._PARSED_CSS)
async def main():
    app = build_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        text = app.screen.query_one("#result").plain
    return text
text = asyncio.run(main())
print(json.dumps({"parsed": parsed, "after": len(textual_seam._PARSED_CSS), "text": text}))
"""
    result = run_python(code, clean_env(tmp_path))
    assert isinstance(result["parsed"], int) and result["parsed"] > 10
    assert result["after"] == result["parsed"]  # every source found already parsed, for this theme
    assert "2,20" in str(result["text"])  # and the app still shows what it should


@requires_seam
def test_parsed_rules_are_shared_only_between_stylesheets_with_the_same_variables(tmp_path: Path) -> None:
    code = """
import json
from textual.css.stylesheet import Stylesheet
from tui.app.textual_seam import share_parsed_css
assert share_parsed_css()
css = "Static { color: $accent; }"
def rules(variables):
    sheet = Stylesheet(variables=variables)
    sheet.add_source(css, read_from=("test", ""))
    return sheet.rules
a, b = rules({"accent": "#ff0000"}), rules({"accent": "#ff0000"})
c = rules({"accent": "#00ff00"})
print(json.dumps({"shared": a[0] is b[0], "other_theme_shared": a[0] is c[0],
                  "colours": [str(r.styles.color) for r in (a[0], c[0])]}))
"""
    result = run_python(code, clean_env(tmp_path))
    assert result["shared"] is True
    assert result["other_theme_shared"] is False
    colours = result["colours"]
    assert isinstance(colours, list) and colours[0] != colours[1]
