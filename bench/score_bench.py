#!/usr/bin/env python3
"""Benchmark: `spbe-planner score --json` over many scenario files vs a bare tomllib parse.

Both are measured as whole processes (start-up included), alternating, best of N, in the same
run so the ratio holds on a noisy machine. Goal (issue #2): ratio <= 3.

    python bench/score_bench.py [--files 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tui.core.scenario.scenario_file import Scenario, ScenarioMeta, dump_scenario
from tui.core.scoring.rubric import load_rubric

PARSE_ONLY = "import sys, tomllib\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as fh: tomllib.load(fh)\n"


def make_files(folder: Path, n: int) -> list[str]:
    rubric = load_rubric("spbe-2020")
    rng = random.Random(7)
    paths = []
    for k in range(n):
        meta = ScenarioMeta(name=f"S{k}", framework="spbe-2020", region=f"Kabupaten {k}", year=2022,
                            cohort="ntt-kabkota-2022")
        s = Scenario(meta=meta, baseline={i: rng.randint(1, 5) * 100 for i in rubric.indicator_ids})
        s = s.with_targets(rubric, {i: rng.randint(1, 5) * 100 for i in rng.sample(rubric.indicator_ids, 6)})
        p = folder / f"s{k:05d}.toml"
        p.write_text(dump_scenario(s), encoding="utf-8")
        paths.append(str(p))
    return paths


def timed(argv: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    exe = shutil.which("spbe-planner")
    cli = [exe] if exe else [sys.executable, "-m", "tui"]
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp), a.files)
        ours, bare = [], []
        for _ in range(a.rounds):
            ours.append(timed([*cli, "score", "--json", *files]))
            bare.append(timed([sys.executable, "-c", PARSE_ONLY, *files]))
    result = {"files": a.files, "score_json_s": round(min(ours), 3), "tomllib_parse_s": round(min(bare), 3),
              "ratio": round(min(ours) / min(bare), 2), "goal": 3.0}
    print(json.dumps(result))
    return 0 if result["ratio"] <= result["goal"] else 1


if __name__ == "__main__":
    sys.exit(main())
