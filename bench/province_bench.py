#!/usr/bin/env python3
"""Benchmark: the province desk (issue 29).

- the province plan in-process on the 47-indicator framework, 22 and 40 regions: at least half
  reach Baik (goal ≤ 2 s for 22, ≤ 5 s for 40), every region reaching Baik, and the mean reaching
  2.6 (the HiGHS multiple-choice model over every region's cost-index front);
- `spbe-planner recap` over 500 scenario files as a whole process (goal ≤ 5 s).

    python bench/province_bench.py [--rounds 3]
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
from decimal import Decimal
from pathlib import Path

from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.province_plan import RegionStart, plan_mean, plan_regions
from tui.core.goal_seek.targets import predikat_target
from tui.core.scenario.scenario_file import Scenario, ScenarioMeta, save_scenario
from tui.core.scoring.rubric import load_rubric


def starts(n: int, seed: int = 11) -> list[RegionStart]:
    rubric = load_rubric("spbe-2020")
    rng = random.Random(seed)
    return [RegionStart(f"Kabupaten {k}", {i: 100 * rng.choice((1, 1, 2, 2, 2, 3, 3, 4)) for i in rubric.indicator_ids})
            for k in range(n)]


def best_of(rounds: int, run: object) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    rubric = load_rubric("spbe-2020")
    baik = predikat_target(rubric, "baik")
    out: dict[str, object] = {}
    for n, goal in ((22, 2.0), (40, 5.0)):
        s = starts(n)
        out[f"{n}_regions_half_baik_s"] = round(best_of(a.rounds, lambda s=s: plan_regions(
            rubric, s, baik, Constraints(), 2023, k=len(s) // 2)), 3)
        out[f"{n}_regions_all_baik_s"] = round(best_of(a.rounds, lambda s=s: plan_regions(
            rubric, s, baik, Constraints(), 2023, k=None)), 3)
        out[f"{n}_regions_mean_2.6_s"] = round(best_of(a.rounds, lambda s=s: plan_mean(
            rubric, s, Decimal("2.6"), Constraints())), 3)
        out[f"{n}_goal_s"] = goal
    exe = shutil.which("spbe-planner")
    cli = [exe] if exe else [sys.executable, "-m", "tui"]
    with tempfile.TemporaryDirectory() as tmp:
        rng = random.Random(5)
        for k in range(500):
            meta = ScenarioMeta(name="Baseline", framework="spbe-2020", region=f"Kabupaten {k}", year=2022)
            base = {i: 100 * rng.randint(1, 5) for i in rubric.indicator_ids}
            save_scenario(Path(tmp) / f"s{k:03d}.toml", Scenario(meta=meta, baseline=base))
        out["recap_500_files_s"] = round(best_of(a.rounds, lambda: subprocess.run(
            [*cli, "recap", tmp, "--json"], check=True, stdout=subprocess.DEVNULL)), 3)
        out["recap_500_goal_s"] = 5.0
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
