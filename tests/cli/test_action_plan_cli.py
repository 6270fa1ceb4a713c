"""`spbe-planner action-plan`: the plan as owners' work, in every format, against golden files."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run
from tui.core.goal_seek.action_plan import build_action_plan
from tui.core.goal_seek.costs import Constraints
from tui.core.scenario.evidence import EvidenceItem
from tui.core.scenario.programme import Programme
from tui.core.scenario.scenario_file import load_scenario, new_scenario
from tui.core.scoring.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "scenarios" / "contoh-rencana-aksi.toml"
GOLDEN = ROOT / "tests" / "golden"
SPBE = load_rubric("spbe-2020")


@pytest.mark.parametrize(("fmt", "extra"), [("md", ()), ("txt", ()), ("csv", ()), ("csv", ("--csv-style", "plain"))])
def test_action_plan_matches_the_golden_file(cli: Run, tmp_path: Path, fmt: str, extra: tuple[str, ...]) -> None:
    name = f"action-plan{'-plain' if extra else ''}.{fmt}"
    out_file = tmp_path / name
    code, out, err = cli("action-plan", SAMPLE, "--format", fmt, "-o", out_file, "--deadline", "2023-09-15", *extra)
    assert code == 0, err
    assert "Rencana aksi ditulis ke" in out
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.copy(out_file, golden)
    assert out_file.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_action_plan_to_stdout_is_grouped_by_owner_and_sorted_by_due_date(cli: Run) -> None:
    code, out, _ = cli("action-plan", SAMPLE, "--format", "md", "-o", "-", "--deadline", "2023-09-15")
    assert code == 0
    owners = [line[len("# Rencana aksi — "):] for line in out.splitlines() if line.startswith("# Rencana aksi — ")]
    assert owners[1:] == ["Bappeda", "BPKAD", "Dinas Kesehatan", "Dinas Pendidikan",
                          "Dinas Perpustakaan dan Kearsipan", "Diskominfo", "(belum ditentukan)"]
    diskominfo = out.split("# Rencana aksi — Diskominfo")[1].split("\n# ")[0]
    dues = [cell for line in diskominfo.splitlines() if line.startswith("| ")
            for cell in line.split(" | ") if cell[:2] == "20"]
    assert dues == sorted(dues) and dues
    assert "| diklaim (bukti diunggah/diterima) | 2,32 | Cukup |" in out
    assert "lewat batas" in out and "2023-10-15 ⚠" in out


def test_xlsx_has_a_summary_and_one_sheet_per_owner(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "ra.xlsx"
    code, _, err = cli("action-plan", SAMPLE, "--format", "xlsx", "-o", out_file)
    assert code == 0, err
    book = openpyxl.load_workbook(out_file)
    assert book.sheetnames[0] == "Ringkasan"
    assert {"Bappeda", "BPKAD", "Diskominfo", "(belum ditentukan)"} <= set(book.sheetnames)
    cells = [c for row in book["Bappeda"].iter_rows(values_only=True) for c in row if c is not None]
    assert "arsitektur-peta-rencana" in cells and 6 in cells  # the programme's cost, as a number


@pytest.mark.parametrize(("args", "words"), [
    (("--format", "xlsx", "-o", "-"), "--output"),
    (("--format", "md", "-o", "-", "--deadline", "15-09-2023"), "--deadline"),
    (("--format", "md", "-o", "-", "--csv-style", "plain"), "--csv-style"),
])
def test_bad_flags_name_themselves(cli: Run, args: tuple[str, ...], words: str) -> None:
    code, _, err = cli("action-plan", SAMPLE, *args)
    assert code == 2 and words in err and "Traceback" not in err


def test_an_existing_output_is_not_overwritten_without_force(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "ra.md"
    out_file.write_text("kept", encoding="utf-8")
    code, _, _ = cli("action-plan", SAMPLE, "--format", "md", "-o", out_file)
    assert code == 2 and out_file.read_text(encoding="utf-8") == "kept"
    assert cli("action-plan", SAMPLE, "--format", "md", "-o", out_file, "--force")[0] == 0


def test_owner_due_and_cost_rules() -> None:
    s = new_scenario(SPBE, region="X", year=2026).with_targets(SPBE, {"1": 400, "2": 300, "3": 200})
    items = (EvidenceItem(indicator="1", level=2, item="a", owner="Bappeda", due=date(2027, 3, 1)),
             EvidenceItem(indicator="1", level=2, item="b", owner="Diskominfo", due=date(2027, 5, 1)),
             EvidenceItem(indicator="1", level=2, item="c", owner="Diskominfo"),
             EvidenceItem(indicator="1", level=3, item="d", owner="Bappeda", due=date(2027, 2, 1)))
    prog = Programme("perbup", "Perbup", 300, {"2": 300}, "Bagian Hukum", date(2027, 6, 30))
    from dataclasses import replace
    s = replace(s, evidence=items, programmes=(prog,))
    plan = build_action_plan(SPBE, s, Constraints(step_cost_h={"1": {2: 100, 3: 200, 4: 300}}), date(2027, 4, 1))
    by = {(st.indicator, st.level): st for st in plan.steps}
    # Level 2 of indicator 1: most items name Diskominfo; due is the latest dated item.
    assert by["1", 2].owner == "Diskominfo" and by["1", 2].due == date(2027, 5, 1) and by["1", 2].late(plan.deadline)
    assert by["1", 3].owner == "Bappeda" and by["1", 3].cost_h == 200
    assert by["1", 4].owner == "" and by["1", 4].items == () and by["1", 4].due is None
    # Indicator 2 rides on the programme: its owner and date, no cost of its own.
    assert (by["2", 2].owner, by["2", 3].programme, by["2", 3].cost_h) == ("Bagian Hukum", "perbup", 0)
    assert [g.owner for g in plan.groups] == ["Bagian Hukum", "Bappeda", "Diskominfo", ""]
    assert plan.cost_h == 100 + 200 + 300 + 300 + 100  # indicator 1, the programme once, indicator 3
    assert ("3", 2) in by and ("3", 3) not in by  # level 2 target from 1: one step


def test_a_scenario_without_steps_gives_an_empty_plan() -> None:
    s, r = load_scenario(ROOT / "scenarios" / "kabupaten-contoh-2022.toml")
    assert build_action_plan(r, s).steps == ()
