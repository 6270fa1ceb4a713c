"""`spbe-planner plan` as a user runs it: the answer, the JSON shape, --apply, and bad targets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.cli.test_cli import run
from tests.conftest import scenario_text
from tui.core.resources import default_scenario
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scoring.evaluation import evaluate

DEMO = default_scenario()


def test_plan_json_has_the_documented_fields(cli: Run) -> None:
    code, out, err = cli("plan", DEMO, "--predikat", "baik", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"reachable", "total_cost", "changes", "result"} <= set(data)
    assert data["reachable"] is True
    assert set(data["result"]) == {"index", "predikat", "rank"}
    assert data["result"]["predikat"] == "Baik" and data["result"]["index"] >= 2.6
    for change in data["changes"]:
        assert set(change) == {"indicator", "from", "to", "cost", "gain"}
    assert data["total_cost"] == sum(c["cost"] for c in data["changes"])
    assert data["result"]["rank"]["of"] == 22


def test_plan_text_shows_table_result_and_sensitivity(cli: Run) -> None:
    code, out, _ = cli("plan", DEMO, "--predikat", "Sangat Baik", "--max-step", "1")
    assert code == 0
    assert "Tidak tercapai" in out and "Penghambat: batas naik per indikator (+1)" in out
    assert "Langkah berikutnya yang paling berdaya" in out
    code, out, _ = cli("plan", DEMO, "--rank", "3", "--lang", "en")
    assert "Cheapest plan" in out and "rank 3 of 22" in out


def test_plan_from_targets_when_the_scenario_has_them(cli: Run, write: Callable[..., Path]) -> None:
    # Three targets at 5 already add 0.27 (2.00 -> 2.27): only 0.03 more is needed for 2.30.
    path = write(scenario_text(target={"45": 5, "46": 5, "47": 5}))
    code, out, _ = cli("plan", path, "--index", "2.3", "--json")
    data = json.loads(out)
    assert code == 0 and data["total_cost"] == 2  # one step 2 -> 3: the default effort of level 3
    assert len(data["changes"]) == 1 and data["changes"][0]["from"] == 2
    assert data["result"]["index"] == 2.3


def test_apply_writes_the_plan_as_targets(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "plan.toml"
    code, out, err = cli("plan", DEMO, "--predikat", "baik", "--max-step", "2", "--apply", "-o", out_file)
    assert "ditulis" in out
    assert code == 0, err
    s, rubric = load_scenario(out_file)
    assert evaluate(rubric, s.levels()).predikat == "Baik"
    assert all(s.level(i) - s.baseline[i] <= 200 for i in rubric.indicator_ids)
    # refuses to overwrite without --force
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--apply", "-o", out_file)
    assert code == 2 and "--force" in err


def test_apply_of_an_unreachable_plan_writes_nothing(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "plan.toml"
    code, _, err = cli("plan", DEMO, "--predikat", "memuaskan", "--max-step", "1", "--apply", "-o", out_file)
    assert code == 3 and not out_file.exists() and "tidak ditulis" in err


def test_roadmap_in_json(cli: Run) -> None:
    code, out, err = cli("plan", DEMO, "--roadmap", "2023=baik", "--roadmap", "2024=sangat-baik",
                         "--max-step", "1", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [y["year"] for y in data["years"]] == [2023, 2024]
    assert data["years"][0]["result"]["predikat"] == "Baik"
    assert data["total_cost"] == data["years"][0]["total_cost"] + data["years"][1]["total_cost"]


@pytest.mark.parametrize(("args", "words"), [
    (["--predikat", "luar biasa"], "--predikat: predikat 'luar biasa' tidak dikenal"),
    (["--index", "7"], "--index: indeks harus di dalam skala 1–5"),
    (["--index", "tiga"], "--index: indeks harus angka"),
    (["--rank", "0"], "--rank: peringkat paling kecil 1"),
    (["--predikat", "baik", "--max-step", "-1"], "--max-step: harus 0 atau lebih"),
    (["--predikat", "baik", "--lock", "99"], "--lock: indikator '99' tidak dikenal"),
    (["--roadmap", "baik"], "--roadmap: seharusnya TAHUN=TARGET"),
    (["--predikat", "baik", "--apply"], "--apply perlu -o"),
])
def test_bad_targets_exit_2_with_one_message(cli: Run, args: list[str], words: str) -> None:
    code, out, err = cli("plan", DEMO, *args)
    assert code == 2 and out == ""
    assert words in err and "Traceback" not in err


def test_rank_without_a_cohort_is_refused(cli: Run, write: Callable[..., Path]) -> None:
    code, _, err = cli("plan", write(scenario_text()), "--rank", "2")
    assert code == 2 and "cohort" in err


def test_bad_cost_file_names_file_and_field(cli: Run, write: Callable[..., Path]) -> None:
    costs = write('[default]\nstep = "mahal"\n', "costs.toml")
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--cost", costs)
    assert code == 2 and str(costs) in err and "default.step" in err


def test_plan_runs_as_a_command() -> None:
    out = run("plan", DEMO, "--predikat", "baik")
    assert out.returncode == 0 and "Rencana termurah" in out.stdout


def test_apply_names_the_written_scenario(cli: Run, tmp_path: Path) -> None:
    named = tmp_path / "named.toml"
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--apply", "-o", named, "--name", "Rencana Bappeda 2023")
    assert code == 0, err
    assert load_scenario(named)[0].meta.name == "Rencana Bappeda 2023"
    default = tmp_path / "default.toml"
    assert cli("plan", DEMO, "--predikat", "baik", "--apply", "-o", default)[0] == 0
    assert load_scenario(default)[0].meta.name == "Rencana predikat Baik 2023"  # not "Baseline 2022"
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--name", "X")
    assert code == 2 and "--name" in err and "--apply" in err
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--apply", "-o", tmp_path / "e.toml", "--name", " ")
    assert code == 2 and "--name: nama skenario tidak boleh kosong" in err


def test_externally_scored_indicators_are_locked_unless_unlocked(cli: Run) -> None:
    import json

    from tui.core.resources import demo_scenario
    from tui.core.scenario.external import external_ids
    from tui.core.scoring.rubric import RubricSet

    pemdi = demo_scenario("pemdi")
    externals = set(external_ids(RubricSet().get("pemdi-2026")))
    code, out, err = cli("plan", pemdi, "--predikat", "sangat baik", "--json")
    assert code == 0, err
    assert not {c["indicator"] for c in json.loads(out)["changes"]} & externals
    code, out, _ = cli("plan", pemdi, "--predikat", "memuaskan", "--json", "--unlock-external")
    assert {c["indicator"] for c in json.loads(out)["changes"]} & externals


PROGRAMMES = Path(__file__).resolve().parents[2] / "scenarios" / "biaya" / "contoh-program.toml"
KAB = Path(__file__).resolve().parents[2] / "scenarios" / "kabupaten-contoh-2022.toml"


def test_plan_with_programmes_robust_and_margin_in_json() -> None:
    done = run("plan", KAB, "--predikat", "baik", "--cost", PROGRAMMES, "--robust", "1", "--margin", "0,02", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)  # nothing else on stdout, as a process: HiGHS's banner is held back
    assert data["robust"] == 1 and data["margin"] == 0.02
    assert data["worst_case"]["index"] >= 2.62 and data["worst_case"]["predikat"] == "Baik"
    ids = [p["id"] for p in data["programmes"]]
    assert ids and set(ids) <= {"perbup-kebijakan-spbe", "csirt", "arsitektur-peta-rencana", "pusat-data-integrasi"}
    paid = sum(c["cost"] for c in data["changes"]) + sum(p["cost"] for p in data["programmes"])
    assert data["total_cost"] == paid
    assert "HiGHS" not in done.stdout + done.stderr


def test_plan_text_names_programmes_and_the_worst_case(cli: Run) -> None:
    code, out, _ = cli("plan", KAB, "--predikat", "baik", "--cost", PROGRAMMES, "--robust", "1")
    assert code == 0
    assert "Program yang diambil:" in out and "(Bappeda)" in out and "prog." in out
    assert "Bila 1 langkah paling bernilai ditolak: Indeks" in out and "tertinggal:" in out


def test_apply_keeps_the_programmes_in_the_scenario(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "rencana.toml"
    code, _, err = cli("plan", KAB, "--predikat", "baik", "--cost", PROGRAMMES, "--apply", "-o", out_file)
    assert code == 0, err
    text = out_file.read_text(encoding="utf-8")
    assert "[[programme]]" in text and 'owner = "Bappeda"' in text
    s, _ = load_scenario(out_file)
    assert {p.id for p in s.programmes} >= {"arsitektur-peta-rencana"}
    assert load_scenario(out_file)[0] == s  # and it reads back the same


@pytest.mark.parametrize(("flags", "field"), [(("--robust", "-1"), "--robust"), (("--margin", "x"), "--margin"),
                                              (("--margin", "-0.1"), "--margin")])
def test_bad_robust_and_margin_name_the_flag(cli: Run, flags: tuple[str, str], field: str) -> None:
    code, _, err = cli("plan", DEMO, "--predikat", "baik", *flags)
    assert code == 2 and field in err and "Traceback" not in err


def test_roadmap_mode_joint_costs_no_more_than_yearly(cli: Run) -> None:
    args = ("plan", KAB, "--roadmap", "2023=baik", "--roadmap", "2024=sangat baik", "--max-step", "1", "--json")
    code, out, err = cli(*args, "--roadmap-mode", "joint")
    assert code == 0, err
    joint = json.loads(out)
    yearly = json.loads(cli(*args)[1])
    assert joint["reachable"] and yearly["reachable"]
    assert joint["total_cost"] <= yearly["total_cost"] and len(joint["years"]) == 2
    code, _, err = cli("plan", KAB, "--predikat", "baik", "--roadmap-mode", "joint")
    assert code == 2 and "--roadmap-mode" in err


def test_why_not_names_each_programme_left_out_with_its_cost_against_its_steps(cli: Run) -> None:
    from tui.core.resources import scenarios_dir

    costs = scenarios_dir() / "biaya" / "contoh-program.toml"
    code, out, _ = cli("plan", DEMO.parent / "kabupaten-contoh-2022.toml", "--predikat", "baik", "--cost", costs,
                       "--why-not")
    assert code == 0 and "Program di berkas biaya yang tidak dipilih, dan mengapa" in out
    assert "csirt (biaya 5): rencana tidak memerlukan kenaikan yang dibawanya (langkah penggantinya berbiaya 8)" in out
    assert "Tanpa berkas biaya" not in out
    code, out, _ = cli("plan", DEMO.parent / "kabupaten-contoh-2022.toml", "--predikat", "baik", "--cost", costs,
                       "--why-not", "--json", "--lock", "8")
    data = json.loads(out)
    reasons = {v["id"]: v for v in data["not_chosen"]}
    assert reasons["csirt"]["reason"] == "locked" and reasons["csirt"]["locked"] == ["8"]
    assert data["default_costs"] is False and "arsitektur-peta-rencana" not in reasons  # chosen


def test_without_a_cost_file_the_default_efforts_are_said(cli: Run) -> None:
    code, out, _ = cli("plan", DEMO, "--predikat", "sangat baik")
    assert code == 0 and "biaya bawaan naik ke tingkat 2 = 1, 3 = 2, 4 = 3, 5 = 5" in out
    code, out, _ = cli("plan", DEMO, "--predikat", "sangat baik", "--json")
    assert json.loads(out)["default_costs"] is True


def test_a_framework_evaluated_every_two_years_skips_the_years_between(cli: Run, tmp_path: Path) -> None:
    from tui.core.resources import rubrics_dir

    text = (rubrics_dir() / "pemdi-2026.toml").read_text(encoding="utf-8")
    text = text.replace('id = "pemdi-2026"', 'id = "pemdi-uji"', 1).replace("cycle_years = 1", "cycle_years = 2", 1)
    rubric = tmp_path / "pemdi-uji.toml"
    rubric.write_text(text, encoding="utf-8")
    path = tmp_path / "uji.toml"
    code, _, err = cli("new", "--framework", "pemdi-uji", "--region", "Kab. Uji", "--year", "2026", "-o", path,
                       "--rubric", rubric)
    assert code == 0, err
    code, out, err = cli("plan", path, "--roadmap", "2027=cukup", "--roadmap", "2028=baik", "--json",
                         "--rubric", rubric)
    assert code == 0, err
    data = json.loads(out)
    assert data["skipped_years"] == [2027] and data["year"] == 2028 and "years" not in data  # one plan: 2028
    assert "Tahun tanpa evaluasi dilewati (kerangka ini dievaluasi tiap 2 tahun): 2027" in err
    code, out, err = cli("plan", path, "--predikat", "cukup", "--json", "--rubric", rubric)
    assert code == 0 and json.loads(out)["year"] == 2028  # the default target year: the next evaluation
    code, _, err = cli("plan", path, "--roadmap", "2027=cukup", "--rubric", rubric)
    assert code == 2 and "--roadmap" in err and "tiap 2 tahun sejak 2026" in err


def test_pemdi_keeps_one_year_and_says_the_cycle_is_uncertain() -> None:
    from tui.core.scoring.rubric import load_rubric

    pemdi = load_rubric("pemdi-2026")
    assert pemdi.meta.cycle_years == 1 and pemdi.meta.cycle_uncertain and "dua tahunan" in pemdi.meta.cycle_note
    assert [pemdi.level_name("1", lv) for lv in range(1, 6)] == ["Merintis", "Membangun", "Berkembang",
                                                                  "Melembaga", "Unggul"]
    assert pemdi.level_name("20", 4, "en") == "Embedded"
    assert load_rubric("spbe-2020").level_name("1", 3, "en") == "Terdefinisi"  # no English names: the rubric's


def test_margin_assessor_takes_the_median_observed_drop_and_shows_range_and_sources(cli: Run) -> None:
    code, out, _ = cli("plan", DEMO, "--predikat", "baik", "--margin", "assessor", "--json")
    data = json.loads(out)
    assert code == 0 and data["margin"] == 0.3
    source = data["margin_source"]
    assert source["preset"] == "assessor" and source["rule"] == "median" and source["range"] == [0.18, 1.07]
    assert {d["region"] for d in source["drops"]} == {"Kabupaten Pasuruan", "Provinsi Kalimantan Timur",
                                                      "Kabupaten Aceh Tengah"}
    assert all(d["source"] for d in source["drops"])
    assert data["result"]["index"] >= 2.6 + 0.3  # the plan keeps the margin above the Baik line
    code, out, _ = cli("plan", DEMO, "--predikat", "baik", "--margin", "assessor")
    assert "median 3 penurunan teramati" in out and "rentang 0,18–1,07" in out
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--margin", "0.2")
    assert code == 0
    code, _, err = cli("plan", DEMO, "--predikat", "baik", "--margin", "nope")
    assert code == 2 and "--margin: harus angka (0,3) atau 'assessor', bukan 'nope'" in err
