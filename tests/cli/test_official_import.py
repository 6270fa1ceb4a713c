"""An official result as the baseline: unrounded values, group values and the index checked."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tui.core.errors import InputError
from tui.core.scenario.official import GivenValue, check_given
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import load_rubric
from tui.presentation.errors import error_text

PEMDI = load_rubric("pemdi-2026")
SPBE = load_rubric("spbe-2020")


def ten(value: Fraction) -> str:
    """As the evaluation system writes values: ten decimals, unrounded."""
    return f"{float(value):.10f}"


def levels_of(values: list[int]) -> dict[str, int]:
    return {ind: values[k % len(values)] for k, ind in enumerate(PEMDI.indicator_ids)}


def result_sheet(path: Path, levels: dict[str, int], *, index_shift: Fraction = Fraction(0),
                 header: str = "Indeks Pemdi") -> Path:
    ev = evaluate(PEMDI, levels)
    rows = ["Hasil Evaluasi Pemdi 2026;;", "No;Indikator;Nilai"]
    rows += [f"{ind};{PEMDI.by_id[ind].short};{ten(Fraction(h, 100))}" for ind, h in levels.items()]
    rows += ["", ";".join([header, *[a.id for a in PEMDI.aspects]])]
    rows += [";".join([ten(ev.index_exact + index_shift), *[ten(v) for v in ev.aspects_exact.values()]])]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def test_an_official_pemdi_sheet_imports_and_scores_to_its_index_and_aspects(cli: Run, tmp_path: Path) -> None:
    levels = levels_of([125, 100, 150, 175, 110])
    sheet = result_sheet(tmp_path / "hasil.csv", levels)
    out = tmp_path / "aceh-tengah-2026.toml"
    code, stdout, err = cli("import", sheet, "--framework", "pemdi-2026", "--region", "Kabupaten Aceh Tengah",
                            "--year", "2026", "-o", out)
    assert code == 0, err
    assert "Lembar juga memuat 8 nilai (Indeks, A1, A2, A3, A4, A5, A6, A7)" in stdout
    s, _ = load_scenario(out)
    assert s.baseline == levels and s.meta.source == "hasil resmi"
    assert 'source = "hasil resmi"' in out.read_text(encoding="utf-8")
    code, stdout, _ = cli("score", out, "--json")
    import json

    data = json.loads(stdout)["baseline"]
    ev = evaluate(PEMDI, levels)
    assert data["index"] == float(ev.index)
    assert data["aspects"] == {k: float(v) for k, v in ev.aspects.items()}


def test_a_given_index_that_disagrees_stops_the_import_naming_the_cell_and_both_numbers(cli: Run,
                                                                                     tmp_path: Path) -> None:
    sheet = result_sheet(tmp_path / "hasil.csv", levels_of([200, 150]), index_shift=Fraction(1, 100))
    code, _, err = cli("import", sheet, "--framework", "pemdi-2026", "--region", "Kab. X", "-o", tmp_path / "x.toml")
    assert code == 2 and "hasil.csv" in err and "sel A25" in err and "indeks = " in err
    assert "indikatornya menghasilkan" in err and not (tmp_path / "x.toml").exists()


def test_half_up_is_read_as_within_half_a_hundredth_either_way() -> None:
    # Find levels whose exact index ends in 5 at the third decimal (e.g. 1.085).
    for v in range(100, 500):
        levels = {**levels_of([100]), "20": v}
        exact = evaluate(PEMDI, levels).index_exact
        if (exact * 1000).denominator == 1 and (exact * 1000) % 10 == 5:
            break
    else:
        pytest.fail("no level gives an index with a 5 at the third decimal")
    low, high = exact - Fraction(5, 1000), exact + Fraction(5, 1000)
    from decimal import Decimal

    for printed in (low, high):  # 1.08 and 1.09 for an exact 1.085: both how a recap may print it
        check_given(PEMDI, levels, [GivenValue("index", Decimal(str(float(printed))), None)], Path("r.csv"))  # type: ignore[arg-type]
    with pytest.raises(InputError) as caught:
        check_given(PEMDI, levels, [GivenValue("index", Decimal(str(float(low - Fraction(1, 100)))), None)],  # type: ignore[arg-type]
                    Path("r.csv"))
    assert caught.value.code == "official_mismatch"


def test_a_value_with_more_decimals_than_the_framework_keeps_is_reported_not_cut(cli: Run, tmp_path: Path) -> None:
    levels = levels_of([200])
    sheet = result_sheet(tmp_path / "hasil.csv", levels)
    text = sheet.read_text(encoding="utf-8").replace("2.0000000000", "2.0040000000", 1)
    sheet.write_text(text, encoding="utf-8")
    code, _, err = cli("import", sheet, "--framework", "pemdi-2026", "--region", "Kab. X", "-o", tmp_path / "x.toml")
    assert code == 2 and "sel C3" in err and "2,004" in err.replace(".", ","), err


def test_groups_by_name_any_case_and_a_5_2018_or_2020_sheet_without_groups(cli: Run, tmp_path: Path) -> None:
    levels = levels_of([300, 250])
    ev = evaluate(PEMDI, levels)
    names = [a.name.upper() for a in PEMDI.aspects]
    rows = ["No;Nilai", *[f"{i};{ten(Fraction(h, 100))}" for i, h in levels.items()], "",
            ";".join(["INDEX", *names]), ";".join([ten(ev.index_exact), *[ten(v) for v in ev.aspects_exact.values()]])]
    (tmp_path / "a.csv").write_text("\n".join(rows), encoding="utf-8")
    code, out, err = cli("import", tmp_path / "a.csv", "--framework", "pemdi-2026", "--region", "Kota Y",
                         "-o", tmp_path / "y.toml", "--source", "penilaian mandiri")
    assert code == 0, err
    assert "8 nilai" in out
    assert load_scenario(tmp_path / "y.toml")[0].meta.source == "penilaian mandiri"
    plain = ["No;Tingkat", *[f"{i};3" for i in SPBE.indicator_ids]]
    (tmp_path / "b.csv").write_text("\n".join(plain), encoding="utf-8")
    code, out, _ = cli("import", tmp_path / "b.csv", "--framework", "spbe-2020", "--region", "Kota Y",
                       "-o", tmp_path / "z.toml")
    assert code == 0 and "Lembar juga memuat" not in out
    assert load_scenario(tmp_path / "z.toml")[0].meta.source == ""


def test_history_keeps_the_baseline_a_newer_result_replaces(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "kab.toml"
    old = levels_of([150])
    code, _, err = cli("import", result_sheet(tmp_path / "2026.csv", old), "--framework", "pemdi-2026",
                       "--region", "Kab. X", "--year", "2026", "-o", out)
    assert code == 0, err
    new = levels_of([200, 175])
    code, _, err = cli("import", result_sheet(tmp_path / "2027.csv", new), "--framework", "pemdi-2026",
                       "--region", "Kab. X", "--year", "2027", "-o", out, "--force", "--history")
    assert code == 0, err
    s, _ = load_scenario(out)
    assert s.baseline == new and s.history == {2026: 150} and s.history_groups[2026]["A1"] == 150
    code, _, err = cli("import", tmp_path / "2027.csv", "--framework", "spbe-2020", "--region", "Kab. X",
                       "-o", out, "--force", "--history")
    assert code == 2 and "kab.toml" in err and "pemdi-2026" in err


def test_the_message_names_the_group_and_is_indonesian() -> None:
    exc = InputError("official_mismatch", path="r.csv", field=None, what="index", given="1.2", computed="1.2400")
    assert "indeks = 1.2" in error_text(exc, "id")


def test_a_huge_number_in_the_group_table_is_no_value_and_costs_nothing(cli: Run, tmp_path: Path) -> None:
    import time

    rows = ["No;Nilai", *(f"{i};2" for i in PEMDI.indicator_ids), "", "Indeks;A1", "1e999999999;inf"]
    (tmp_path / "h.csv").write_text("\n".join(rows), encoding="utf-8")
    start = time.perf_counter()
    code, out, err = cli("import", tmp_path / "h.csv", "--framework", "pemdi-2026", "--region", "X",
                         "-o", tmp_path / "h.toml")
    assert time.perf_counter() - start < 2 and code == 0, err
    assert "Lembar juga memuat" not in out  # neither is taken for a value to check
