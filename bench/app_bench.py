#!/usr/bin/env python3
"""Benchmark the planning app as a user at a real terminal sees it, against a minimal Textual app.

* start-up to the full first screen and keystroke-to-screen latency (p50/p95): measured through a
  pseudo-terminal by ``shared/tools/termbench.py`` (a VT emulator reads the screen), alternating
  target and baseline in the same run;
* peak memory (max RSS) of each process from spawn to quit, also in a pseudo-terminal.

Ratios are what count (the machine is noisy). Goals (issue #3): key p50 <= 1.5x, p95 <= 2x,
start-up <= 1.3x, peak memory <= 1.5x.

    python bench/app_bench.py [--sizes 120x40 80x24] [--samples 30] [--rounds 3] [--floor]

--floor also measures a minimal app that validates one small pydantic model before its first
frame: what the required stack (Textual, and pydantic at every load) costs before any app code.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import fcntl
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TERMBENCH = ROOT.parent / "shared" / "tools" / "termbench.py"
MARKER = r"Indeks\s+([0-9][.,][0-9]+)"
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    BINDINGS = [("q", "quit")]
    def compose(self):
        yield Static("Indeks 2.00")
Minimal().run()
"""
# The floor the stack sets: a minimal app that also validates one small pydantic model, as every
# file load here must. Its ratios show how much of each goal the required libraries already use.
FLOOR_APP = """
from pydantic import BaseModel, Field
from textual.app import App
from textual.widgets import Static
class Level(BaseModel):
    id: str = Field(min_length=1)
    level: int = Field(ge=1, le=5)
class Floor(App):
    BINDINGS = [("q", "quit"), ("plus", "step(1)"), ("minus", "step(-1)")]
    value = 2.0
    def compose(self):
        Level.model_validate({"id": "1", "level": 2})
        yield Static(f"Indeks {self.value:.2f}", id="v")
    def action_step(self, d: int) -> None:
        self.value += d / 100
        self.query_one("#v", Static).update(f"Indeks {self.value:.2f}")
Floor().run()
"""
GOALS = {"ratio_key_p50": 1.5, "ratio_key_p95": 2.0, "ratio_startup": 1.3, "ratio_peak_rss": 1.5}


def app_command() -> list[str]:
    exe = shutil.which("spbe-planner")
    return [exe] if exe else [sys.executable, "-m", "tui"]


def peak_rss_mib(argv: list[str], env: dict[str, str], cols: int, rows: int, needle: bytes) -> float:
    """Run argv in a pty until ``needle`` shows, quit with q, and return its max RSS in MiB."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen, deadline = b"", time.monotonic() + 30
    try:
        while needle not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.2)[0]:
                seen = (seen + os.read(fd, 65536))[-65536:]
        time.sleep(0.5)  # let it settle into its steady state (charts built, workers idle)
        os.write(fd, b"q")
        end = time.monotonic() + 10
        while time.monotonic() < end:
            done, _status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                return round(usage.ru_maxrss / 1024, 1)
            if select.select([fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
        os.kill(pid, 9)
        return round(os.wait4(pid, 0)[2].ru_maxrss / 1024, 1)
    finally:
        os.close(fd)


def termbench(size: str, samples: int, rounds: int, env: dict[str, str],
              command: list[str] | None = None) -> dict[str, object]:
    cmd = [sys.executable, str(TERMBENCH), "--marker", MARKER, "--keys", "+", "-", "--size", size,
           "--samples", str(samples), "--rounds", str(rounds), "--", *(command or app_command())]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **env}, timeout=900)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": out.stdout[-2000:] + out.stderr[-2000:]}


def measure_floor(tmp: Path, size: str, cols: int, rows: int, samples: int, rounds: int,
                  env: dict[str, str], baseline_rss: float) -> dict[str, object]:
    """The floor app's ratios against the minimal app, measured the same way as ours."""
    floor = tmp / "floor.py"
    floor.write_text(FLOOR_APP, encoding="utf-8")
    argv = [sys.executable, str(floor)]
    r = termbench(size, samples, rounds, env, argv)
    rss = min(peak_rss_mib(argv, env, cols, rows, b"Indeks") for _ in range(rounds))
    out = {k: r[k] for k in ("ratio_startup", "ratio_key_p50", "ratio_key_p95") if k in r}
    out["ratio_peak_rss"] = round(rss / baseline_rss, 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=["120x40", "80x24"])
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--floor", action="store_true",
                    help="also measure a minimal app that validates one pydantic model (the stack's floor)")
    a = ap.parse_args()
    if not TERMBENCH.exists():
        print(json.dumps({"error": f"termbench not found at {TERMBENCH}"}))
        return 2
    # Measure the app as installed: pip byte-compiles a package when it installs it, but an
    # editable checkout (or PYTHONDONTWRITEBYTECODE) would recompile every module on each start.
    compileall.compile_dir(ROOT / "tui", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SPBE_PLANNER_STATE": str(Path(tmp) / "state"), "SPBE_PLANNER_CONFIG": str(Path(tmp) / "none"),
               "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        results = []
        for size in a.sizes:
            cols, rows = (int(x) for x in size.split("x"))
            r = termbench(size, a.samples, a.rounds, env)
            ours = [peak_rss_mib(app_command(), env, cols, rows, b"Indeks") for _ in range(a.rounds)]
            base = [peak_rss_mib([sys.executable, str(minimal)], env, cols, rows, b"Indeks") for _ in range(a.rounds)]
            r["target_peak_rss_mib"], r["baseline_peak_rss_mib"] = min(ours), min(base)
            r["ratio_peak_rss"] = round(min(ours) / min(base), 3)
            r["within_goals"] = {k: (r.get(k) is not None and r[k] <= v) for k, v in GOALS.items()}  # type: ignore[operator]
            if a.floor:
                r["floor"] = measure_floor(Path(tmp), size, cols, rows, a.samples, a.rounds, env, min(base))
            results.append(r)
            print(json.dumps(r, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
