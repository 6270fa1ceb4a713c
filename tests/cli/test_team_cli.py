"""compare, ls, import and export as a team uses them: outputs, round-trips, golden reports, bad sheets."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run
from tests.conftest import scenario_text
from tui.core.resources import scenarios_dir
from tui.core.scenario.scenario_file import load_scenario

S = scenarios_dir()
TARGET, QUICK, BASE = S / "contoh-target-baik.toml", S / "contoh-langkah-cepat.toml", S / "kabupaten-contoh-2022.toml"
PEMDI = S / "kabupaten-contoh-pemdi-2026.toml"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"


# -- compare -----------------------------------------------------------------------------------
def test_compare_text_marks_the_best_and_lists_only_differing_indicators(cli: Run) -> None:
    code, out, err = cli("compare", TARGET, QUICK, BASE)
    assert code == 0, err
    assert "2,62*" in out and "2 dari 22*" in out
    assert "21  Manajemen Risiko" in out  # differs
    assert "\n1   Keb. Arsitektur" not in out  # same everywhere: not listed
    assert "* = terbaik" in out


def test_compare_json_shape(cli: Run) -> None:
    code, out, _ = cli("compare", TARGET, BASE, "--json")
    data = json.loads(out)
    assert code == 0 and data["comparable"] is True and data["reason"] is None
    assert [f["index"] for f in data["files"]] == [2.62, 2.2]
    assert data["best_index"] == [0]
    assert {r["id"] for r in data["domains"]} == {"D1", "D2", "D3", "D4"}
    for row in data["indicators"]:
        assert row["values"][0] != row["values"][1] and row["best"] == [0]


def test_compare_markdown_and_csv(cli: Run) -> None:
    code, out, _ = cli("compare", TARGET, BASE, "--markdown")
    assert code == 0 and "| **2,62** |" in out and out.startswith("# Perbandingan")
    code, out, _ = cli("compare", TARGET, BASE, "--csv")
    rows = list(csv.reader(out.splitlines()))
    assert ["contoh-target-baik.toml", "Target Baik 2023", "Kabupaten Contoh", "spbe-2020", "2.62", "Baik",
            "2 dari 22"] in rows


def test_compare_across_frameworks_says_why(cli: Run) -> None:
    code, out, _ = cli("compare", TARGET, PEMDI, "--lang", "en")
    assert code == 0 and "different frameworks (pemdi-2026, spbe-2020)" in out
    assert "Domain and aspect" not in out
    code, out, _ = cli("compare", TARGET, PEMDI, "--json")
    data = json.loads(out)
    assert data["comparable"] is False and data["indicators"] == [] and "pemdi-2026" in data["reason"]


@pytest.mark.parametrize("count", [1, 13])
def test_compare_takes_2_to_12_files(cli: Run, count: int) -> None:
    code, _, err = cli("compare", *[TARGET] * count)
    assert code == 2 and "2 sampai 12 berkas" in err


def test_compare_names_a_bad_file(cli: Run, write: Callable[..., Path]) -> None:
    bad = write(scenario_text(baseline={"3": 7}), "bad.toml")
    code, _, err = cli("compare", TARGET, bad)
    assert code == 2 and str(bad) in err and 'baseline."3"' in err


# -- ls --------------------------------------------------------------------------------------------
def test_ls_sorts_and_lists_unreadable_files(cli: Run, tmp_path: Path) -> None:
    for f in (TARGET, QUICK, BASE):
        shutil.copy(f, tmp_path)
    (tmp_path / "rusak.toml").write_text("[scenario\n", encoding="utf-8")
    code, out, _ = cli("ls", tmp_path, "--sort", "index")
    lines = out.splitlines()
    assert code == 0
    assert [ln.split()[0] for ln in lines[1:]] == ["contoh-target-baik.toml", "contoh-langkah-cepat.toml",
                                                   "kabupaten-contoh-2022.toml", "rusak.toml"]
    assert "galat" in lines[-1] and "bukan TOML yang sah" in lines[-1]
    code, out, _ = cli("ls", tmp_path, "--sort", "index", "--reverse", "--json")
    data = json.loads(out)
    assert [d["file"].rsplit("/", 1)[-1] for d in data][:3] == ["kabupaten-contoh-2022.toml",
                                                               "contoh-langkah-cepat.toml", "contoh-target-baik.toml"]
    assert data[-1]["error"] and data[0]["error"] is None and data[0]["rank"]["position"] == 7


def test_ls_of_a_missing_folder(cli: Run, tmp_path: Path) -> None:
    code, _, err = cli("ls", tmp_path / "nope")
    assert code == 2 and "bukan folder" in err


# -- export --------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["md", "csv", "txt"])
def test_export_matches_the_golden_file(cli: Run, tmp_path: Path, fmt: str) -> None:
    out_file = tmp_path / f"report.{fmt}"
    code, _, err = cli("export", TARGET, "--format", fmt, "-o", out_file)
    assert code == 0, err
    golden = GOLDEN / f"report.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.copy(out_file, golden)
    assert out_file.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_export_comparison_golden_markdown(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "compare.md"
    assert cli("export", TARGET, QUICK, "--format", "md", "-o", out_file)[0] == 0
    golden = GOLDEN / "compare.md"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.copy(out_file, golden)
    assert out_file.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_export_xlsx_reads_back_with_numbers_as_numbers(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "r.xlsx"
    code, _, err = cli("export", TARGET, BASE, "--format", "xlsx", "-o", out_file)
    assert code == 0, err
    book = openpyxl.load_workbook(out_file)
    assert book.sheetnames == ["Perbandingan", "contoh-target-baik", "kabupaten-contoh-2022"]
    rows = list(book["contoh-target-baik"].iter_rows(values_only=True))
    assert ("Indeks", 2.2, 2.62, 0.42, None, None) in rows
    files = list(book["Perbandingan"].iter_rows(values_only=True))
    assert any(r[0] == "contoh-target-baik.toml" and r[4] == 2.62 for r in files)
    # refuses to overwrite
    code, _, err = cli("export", TARGET, "--format", "xlsx", "-o", out_file)
    assert code == 2 and "--force" in err


def test_export_markdown_to_stdout(cli: Run) -> None:
    code, out, _ = cli("export", TARGET, "--format", "md", "-o", "-")
    assert code == 0 and out.startswith("# Target Baik 2023 — Kabupaten Contoh")
    code, _, err = cli("export", TARGET, "--format", "xlsx", "-o", "-")
    assert code == 2 and "keluaran standar" in err


# -- import --------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_export_import_round_trip(cli: Run, tmp_path: Path, fmt: str) -> None:
    report = tmp_path / f"r.{fmt}"
    assert cli("export", BASE, "--format", fmt, "-o", report)[0] == 0
    first = tmp_path / "first.toml"
    code, out, err = cli("import", report, "--framework", "spbe-2020", "--region", "Kabupaten Contoh", "-o", first)
    assert code == 0 and "47" in out, err
    again = tmp_path / f"again.{fmt}"
    assert cli("export", first, "--format", fmt, "-o", again)[0] == 0
    second = tmp_path / "second.toml"
    assert cli("import", again, "--framework", "spbe-2020", "--region", "Kabupaten Contoh", "-o", second)[0] == 0
    original, _ = load_scenario(BASE)
    assert load_scenario(first)[0].baseline == load_scenario(second)[0].baseline == original.levels()


def test_csv_style_follows_the_language_and_can_be_chosen(cli: Run, tmp_path: Path) -> None:
    code, out, _ = cli("export", TARGET, "--format", "csv", "-o", "-")
    assert code == 0 and "Indeks;2,20;2,62;0,42" in out  # Indonesian: Excel-ID style by default
    code, out, _ = cli("export", TARGET, "--format", "csv", "--csv-style", "plain", "-o", "-")
    assert code == 0 and "Indeks,2.20,2.62,0.42" in out
    code, out, _ = cli("export", TARGET, "--format", "csv", "-o", "-", "--lang", "en")
    assert code == 0 and "Index,2.20,2.62,0.42" in out  # English: plain
    written = tmp_path / "r.csv"
    assert cli("export", TARGET, "--format", "csv", "--csv-style", "excel-id", "-o", written)[0] == 0
    assert written.read_bytes().startswith("\ufeff".encode())  # UTF-8 with BOM, for Excel
    code, _, err = cli("export", TARGET, "--format", "md", "--csv-style", "plain", "-o", "-")
    assert code == 2 and "--csv-style" in err


def test_reports_carry_the_scenario_and_indicator_notes(cli: Run, tmp_path: Path) -> None:
    code, out, _ = cli("export", TARGET, "--format", "txt", "-o", "-")
    assert code == 0
    assert "Catatan\n-------" in out
    assert "Susun pedoman manajemen risiko SPBE (Bagian Organisasi + Diskominfo)." in out
    book_path = tmp_path / "r.xlsx"
    assert cli("export", TARGET, "--format", "xlsx", "-o", book_path)[0] == 0
    rows = list(openpyxl.load_workbook(book_path).active.iter_rows(values_only=True))
    assert any(r[:2] == ("indikator", "42") and "SP4N-LAPOR!" in str(r[3]) for r in rows)


def test_import_takes_the_regions_history(cli: Run, tmp_path: Path) -> None:
    report = tmp_path / "r.csv"
    assert cli("export", BASE, "--format", "csv", "-o", report)[0] == 0
    out_file = tmp_path / "h.toml"
    code, _, err = cli("import", report, "--framework", "spbe-2020", "--region", "Kabupaten Contoh", "-o", out_file,
                       "--history", "2020=1.72,2021=1,96")
    assert code == 0, err
    assert load_scenario(out_file)[0].history == {2020: 172, 2021: 196}
    code, _, err = cli("import", report, "--framework", "spbe-2020", "--region", "X", "-o", tmp_path / "bad.toml",
                       "--history", "2021=9")
    assert code == 2 and "--history" in err and "9" in err
