"""A planner's own workbook: level columns headed with a year, one per year (issue "your own data in")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Run
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scenario.sheets import header_key, header_year
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import load_rubric

SPBE = load_rubric("spbe-2020")


def workbook(path: Path, headers: list[str]) -> Path:
    """Indicator number, name, then one level column per header (column k holds 1 + (i + k) % 4)."""
    rows = [";".join(["No", "Indikator", *headers])]
    for i in range(1, 48):
        rows.append(";".join([str(i), f"Indikator {i}", *(str(1 + (i + k) % 4) for k in range(len(headers)))]))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def column_levels(k: int) -> dict[str, int]:
    return {str(i): 100 * (1 + (i + k) % 4) for i in range(1, 48)}


@pytest.mark.parametrize("header", ["Tingkat Kematangan 2025", "Nilai 2025", "Level (2025)", "Nilai Akhir",
                                    "Hasil Evaluasi", "NILAI TAHUN 2025", "tingkat kematangan ta 2025"])
def test_a_level_column_with_a_year_or_a_qualifier_is_found(header: str, tmp_path: Path, cli: Run) -> None:
    out = tmp_path / "o.toml"
    code, _, err = cli("import", workbook(tmp_path / "w.csv", [header]), "--framework", "spbe-2020", "--region", "X",
                       "-o", out)
    assert code == 0, err
    s, _ = load_scenario(out)
    assert s.baseline == column_levels(0)
    assert s.meta.year == (2025 if "2025" in header else SPBE.meta.years[-1])  # the year in the header


def test_two_year_columns_stop_the_import_and_name_both_flags(tmp_path: Path, cli: Run) -> None:
    sheet = workbook(tmp_path / "w.csv", ["Tingkat Kematangan 2024", "Tingkat Kematangan 2025"])
    code, _, err = cli("import", sheet, "--framework", "spbe-2020", "--region", "X", "-o", tmp_path / "o.toml")
    assert code == 2 and "C (Tingkat Kematangan 2024), D (Tingkat Kematangan 2025)" in err
    assert "--column" in err and "--year" in err and not (tmp_path / "o.toml").exists()


@pytest.mark.parametrize(("flags", "k", "year"), [
    (["--year", "2025"], 1, 2025), (["--column", "C"], 0, 2024), (["--column", "kematangan 2025"], 1, 2025),
    (["--column", "d", "--year", "2026"], 1, 2026),
])
def test_the_column_is_picked_by_letter_header_or_year(flags: list[str], k: int, year: int, tmp_path: Path,
                                                      cli: Run) -> None:
    sheet = workbook(tmp_path / "w.csv", ["Tingkat Kematangan 2024", "Tingkat Kematangan 2025"])
    out = tmp_path / "o.toml"
    code, _, err = cli("import", sheet, "--framework", "spbe-2020", "--region", "X", "-o", out, *flags)
    assert code == 0, err
    s, _ = load_scenario(out)
    assert s.baseline == column_levels(k) and s.meta.year == year


def test_history_columns_put_the_earlier_years_index_into_history(tmp_path: Path, cli: Run) -> None:
    sheet = workbook(tmp_path / "w.csv", ["Nilai 2023", "Nilai 2024", "Nilai 2025"])
    out = tmp_path / "o.toml"
    code, _, err = cli("import", sheet, "--framework", "spbe-2020", "--region", "X", "-o", out, "--year", "2024",
                       "--history-columns")
    assert code == 0, err
    s, _ = load_scenario(out)
    assert s.baseline == column_levels(1)
    assert s.history == {2023: int(evaluate(SPBE, column_levels(0)).index * 100)}  # 2025 is not history


def test_an_unknown_column_names_the_flag_and_the_candidates(tmp_path: Path, cli: Run) -> None:
    sheet = workbook(tmp_path / "w.csv", ["Nilai 2024", "Nilai 2025"])
    code, _, err = cli("import", sheet, "--framework", "spbe-2020", "--region", "X", "-o", tmp_path / "o.toml",
                       "--column", "Z")
    assert code == 2 and "--column" in err and "C (Nilai 2024), D (Nilai 2025)" in err


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=40))
def test_header_words_never_fail(text: str) -> None:
    """Fuzz: any header text gives a key and at most one year, never an error."""
    key = header_key(text)
    year = header_year(text)
    assert isinstance(key, str) and (year is None or 1900 <= year <= 2099)


def xlsx_sheet(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["No", "Indikator", "Nilai 2025"])
    for i in range(1, 21):
        ws.append([i, f"Indikator {i}", 2])
    book.save(path)
    return path


@pytest.mark.parametrize("command", [["score"], ["validate"], ["plan", "--predikat", "baik"], ["export", "--format",
                                                                                                 "md", "-o", "-"]])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_sheet_where_a_scenario_is_expected_gets_the_import_command(command: list[str], kind: str, tmp_path: Path,
                                                                     cli: Run) -> None:
    sheet = xlsx_sheet(tmp_path / "aceh-tengah-2025.xlsx") if kind == "xlsx" else \
        workbook(tmp_path / "aceh-tengah-2025.csv", ["Tingkat Kematangan 2025"])
    code, _, err = cli(command[0], sheet, *command[1:])
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "UTF-8" not in err and "lembar kerja, bukan skenario" in err, err
    framework = "pemdi-2026" if kind == "xlsx" else "spbe-2020"
    suggested = err.split("impor dulu: ", 1)[1].strip()
    assert suggested.startswith(f"spbe-planner import {sheet} --framework {framework} --region")
    # The command as printed works once the region is filled in.
    import shlex

    words = shlex.split(suggested)[1:]
    words[words.index("--region") + 1] = "Kabupaten Aceh Tengah"
    words[words.index("-o") + 1] = str(tmp_path / "hasil.toml")
    code, _, err = cli(*words)
    assert code == 0, err
