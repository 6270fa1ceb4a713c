"""The province desk (issue 29): the recap of many regions, the province plan (exact, checked by
brute force), consolidation of one region's self-assessments, and cohorts that record a region
that did not take part."""

from __future__ import annotations

import itertools
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Run
from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.planning import best_plan
from tui.core.goal_seek.province_plan import RegionStart, index_front, plan_mean, plan_regions
from tui.core.goal_seek.solver import need_for
from tui.core.goal_seek.targets import predikat_target
from tui.core.scenario.scenario_file import Scenario, ScenarioMeta, load_scenario, save_scenario
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import load_rubric

SPBE = load_rubric("spbe-2020")
NAMES = ["Kabupaten Alor", "Kabupaten Sikka", "Kota Kupang", "Kabupaten Belu", "Kabupaten Ngada",
         "Kabupaten Lembata"]


def province(folder: Path, n: int = 6, seed: int = 3, choices: tuple[int, ...] = (1, 1, 2, 2, 2, 3, 3, 4),
             cohort: str | None = "ntt-kabkota-2022") -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for k in range(n):
        base = {i: 100 * rng.choice(choices) for i in SPBE.indicator_ids}
        meta = ScenarioMeta(name="Baseline", framework="spbe-2020", region=NAMES[k % len(NAMES)] + ("" if k < 6 else
                            f" {k}"), year=2022, cohort=cohort)
        path = folder / f"r{k}.toml"
        save_scenario(path, Scenario(meta=meta, baseline=base, history={2021: 180 + k}))
        paths.append(path)
    return paths


def test_the_ntt_2022_distribution_comes_from_its_cohort(tmp_path: Path, cli: Run) -> None:
    """Pos-Kupang, 22 Feb 2023: 2 Baik, 11 Cukup, 8 Kurang and one that did not take part (Ende)."""
    code, out, err = cli("recap", tmp_path, "--cohort", "ntt-kabkota-2022", "--json")
    assert code == 0, err
    assert json.loads(out)["distribution"] == {"Kurang": 8, "Cukup": 11, "Baik": 2, "Sangat Baik": 0,
                                               "Memuaskan": 0, "tanpa data": 0, "tidak mengikuti": 1} or \
        {k: v for k, v in json.loads(out)["distribution"].items() if v} == {"Kurang": 8, "Cukup": 11, "Baik": 2,
                                                                            "tidak mengikuti": 1}
    code, out, _ = cli("recap", tmp_path, "--cohort", "ntt-kabkota-2022")
    assert "8 Kurang, 11 Cukup, 2 Baik, 1 tidak mengikuti" in out


def test_regions_with_files_count_from_their_files_and_the_rest_as_the_cohort_allows(tmp_path: Path,
                                                                                   cli: Run) -> None:
    province(tmp_path)
    code, out, err = cli("recap", tmp_path, "--cohort", "ntt-kabkota-2022", "--json")
    assert code == 0, err
    data = json.loads(out)
    dist = data["distribution"]
    # 6 files (all Cukup); Kota Kupang and Belu are named peers with files (the other 8 named peers
    # count by their published values: 2 Baik, 6 Cukup); Alor, Sikka, Ngada and Lembata belong to the
    # group whose values are unknown, so its 7 others cannot be placed: "tanpa data".
    assert dist["Cukup"] == 6 + 6 and dist["Baik"] == 2 and dist["tanpa data"] == 7 and dist["tidak mengikuti"] == 1
    assert sum(dist.values()) == 22  # the 22 kab/kota of NTT, each counted once
    rows = {r["key"]: r for r in data["rows"]}
    assert set(rows) == {"index", *(d.id for d in SPBE.domains), *(a.id for a in SPBE.aspects), *SPBE.indicator_ids}
    idx = rows["index"]
    best = max(idx["values"])
    assert idx["learn_from"] == [data["regions"][k]["region"] for k, v in enumerate(idx["values"]) if v == best]
    assert idx["spread"] == pytest.approx(max(idx["values"]) - min(idx["values"]))
    assert idx["national"] == 2.34  # bundled: the national index of 2022
    for region in data["regions"]:
        assert ("index" in region["below_national"]) == (region["index"] < 2.34)
        assert region["movement"] is not None  # from [history]


@pytest.mark.parametrize("fmt", ["md", "xlsx", "docx", "pdf", "csv"])
def test_the_recap_as_a_document(fmt: str, tmp_path: Path, cli: Run) -> None:
    province(tmp_path / "prov" if (tmp_path / "prov").mkdir() is None else tmp_path)
    out = tmp_path / f"rekap.{fmt}"
    code, said, err = cli("recap", tmp_path / "prov", "--cohort", "ntt-kabkota-2022", "--format", fmt, "-o", out)
    assert code == 0, err
    assert out.stat().st_size > 0 and "Rekap ditulis" in said
    if fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert "Belajar dari" in text and "Kabupaten Alor" in text and "tidak mengikuti" in text


def test_a_broken_file_is_said_and_left_out(tmp_path: Path, cli: Run) -> None:
    province(tmp_path, n=3)
    (tmp_path / "rusak.toml").write_text("schema = 2\n[scenario\n", encoding="utf-8")
    code, out, err = cli("recap", tmp_path)
    assert code == 0 and "Rekap 3 daerah" in out and "rusak.toml" in err and "dilewati" in err


def test_a_recap_refuses_two_frameworks(tmp_path: Path, cli: Run) -> None:
    province(tmp_path, n=2)
    other = Path(__file__).resolve().parents[2] / "scenarios" / "kabupaten-contoh-pemdi-2026.toml"
    code, _, err = cli("recap", tmp_path, other)
    assert code == 2 and "pemdi-2026" in err


def test_the_cohort_records_who_did_not_take_part() -> None:
    from tui.core.scoring.cohort import load_cohort

    cohort = load_cohort("ntt-kabkota-2022")
    assert [a.name for a in cohort.file.absent] == ["Kabupaten Ende"]
    assert "Kabupaten Ende" not in {s.name for s in cohort.spans(1, 5)}  # never ranked


# -- the province plan ----------------------------------------------------------------------------

def starts_of(paths: list[Path]) -> list[RegionStart]:
    out = []
    for p in paths:
        s, _ = load_scenario(p)
        out.append(RegionStart(s.meta.region, s.baseline))
    return out


def test_k_regions_take_the_k_cheapest_own_plans(tmp_path: Path) -> None:
    starts = starts_of(province(tmp_path))
    target = predikat_target(SPBE, "baik")
    plan = plan_regions(SPBE, starts, target, Constraints(), 2023, k=3)
    own = {s.name: best_plan(SPBE, s.levels, need_for(SPBE, s.levels, 260), Constraints()) for s in starts}
    cheapest = sorted(own, key=lambda n: (own[n].total_cost_h, [s.name for s in starts].index(n)))[:3]
    assert plan.reached and {r.name for r in plan.regions if r.chosen} == set(cheapest)
    assert plan.cost_h == sum(own[n].total_cost_h for n in cheapest)
    # Brute force over every set of 3 regions that can reach Baik: none is cheaper.
    able = [n for n in own if own[n].feasible]
    assert plan.cost_h == min(sum(own[n].total_cost_h for n in combo) for combo in itertools.combinations(able, 3))
    for r in plan.regions:
        if r.chosen:
            assert r.index_after >= Decimal("2.60")


def test_a_budget_says_what_blocks(tmp_path: Path) -> None:
    starts = starts_of(province(tmp_path))
    plan = plan_regions(SPBE, starts, predikat_target(SPBE, "baik"), Constraints(), 2023, k=3, budget_h=1000)
    assert not plan.reached and plan.blockers == ("budget",)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 3), st.sampled_from(["2.9", "3.1", "3.3"]))
def test_the_mean_plan_is_exact_against_brute_force(seed: int, n: int, mean: str) -> None:
    """Small random provinces near the top of the scale (so every region's front is short): the
    HiGHS choice equals the cheapest combination found by trying every one."""
    rng = random.Random(seed)
    starts = [RegionStart(f"R{k}", {i: 100 * rng.choice((3, 4, 4, 5)) for i in SPBE.indicator_ids})
              for k in range(n)]
    cons = Constraints(max_steps=2)
    fronts = [index_front(SPBE, s.levels, cons) for s in starts]
    need = int(Decimal(mean) * n * 100)
    best = None
    for combo in itertools.product(*fronts):
        if sum(p.index_h for p in combo) >= need:
            key = (sum(p.cost_h for p in combo), -sum(p.index_h for p in combo))
            best = key if best is None or key < best else best
    plan = plan_mean(SPBE, starts, Decimal(mean), cons)
    if best is None:
        assert not plan.reached
    else:
        assert plan.reached and plan.cost_h == best[0]
        assert sum(r.index_after for r in plan.regions) / n >= Decimal(mean)


def test_each_front_point_is_goal_seeks_cheapest(tmp_path: Path) -> None:
    start = starts_of(province(tmp_path, n=1))[0]
    front = index_front(SPBE, start.levels, Constraints())
    assert front[0].cost_h == 0
    for point in front[1:8]:
        plan = best_plan(SPBE, start.levels, need_for(SPBE, start.levels, point.index_h), Constraints())
        assert plan.total_cost_h == point.cost_h
        assert evaluate(SPBE, point.levels).index * 100 == point.index_h


def test_the_province_plan_from_the_cli(tmp_path: Path, cli: Run) -> None:
    province(tmp_path)
    code, out, err = cli("recap", tmp_path, "--plan", "--predikat", "baik", "--regions", "3", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["reached"] and len([r for r in data["regions"] if r["chosen"]]) == 3
    assert data["coach_first"] and data["total_cost"] == sum(r["cost"] for r in data["regions"] if r["chosen"])
    code, out, _ = cli("recap", tmp_path, "--plan", "--mean", "2,5")
    assert code == 0 and "tercapai" in out
    code, out, _ = cli("recap", tmp_path, "--plan", "--predikat", "memuaskan", "--all", "--max-steps-per-region", "2")
    assert code == 3 and "tidak tercapai" in out and "terhambat" in out
    code, _, err = cli("recap", tmp_path, "--plan", "--predikat", "baik", "--regions", "3", "--lock-region", "Atlantis")
    assert code == 2 and "--lock-region" in err and "Atlantis" in err
    code, _, err = cli("recap", tmp_path, "--plan", "--predikat", "baik", "--regions", "9")
    assert code == 2 and "regions" in err


# -- consolidation --------------------------------------------------------------------------------

def test_consolidation_writes_a_valid_scenario(tmp_path: Path, cli: Run) -> None:
    folder = tmp_path / "opd"
    folder.mkdir()
    values = [(2, 3, 3), (1, 3, 5), (2, 2, 4)]
    for k, (a, b, c) in enumerate(values):
        base = {i: 200 for i in SPBE.indicator_ids} | {"1": a * 100, "2": b * 100, "3": c * 100}
        meta = ScenarioMeta(name=f"OPD {k}", framework="spbe-2020", region="Kabupaten Uji", year=2026)
        save_scenario(folder / f"opd{k}.toml", Scenario(meta=meta, baseline=base))
    for method, want in (("mean", (2, 3, 4)), ("median", (2, 3, 4)), ("min", (1, 2, 3))):
        out = tmp_path / f"{method}.toml"
        code, said, err = cli("recap", folder, "--consolidate", method, "-o", out)
        assert code == 0, err
        s, _ = load_scenario(out)
        assert (s.baseline["1"], s.baseline["2"], s.baseline["3"]) == tuple(v * 100 for v in want)
        assert s.meta.region == "Kabupaten Uji" and s.meta.source == "konsolidasi"
    assert "3 Keb. Manajemen Data 3–5" in said  # disagreement by more than one level, with who said what
    other = folder / "lain.toml"
    meta = ScenarioMeta(name="x", framework="spbe-2020", region="Kota Lain", year=2026)
    save_scenario(other, Scenario(meta=meta, baseline={i: 200 for i in SPBE.indicator_ids}))
    code, _, err = cli("recap", folder, "--consolidate", "mean", "-o", tmp_path / "x.toml")
    assert code == 2 and "Kota Lain" in err
