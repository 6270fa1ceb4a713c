"""Peers with their aspects: the evaluation system's JSON records and result tables with group
columns become a cohort; a scenario's aspects are set beside the cohort's ("Dibanding kohort")."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tui.core.resources import demo_scenario, scenarios_dir
from tui.core.scoring.cohort import load_cohort
from tui.core.scoring.evaluation import index_from_groups
from tui.core.scoring.rubric import load_rubric

PEMDI = load_rubric("pemdi-2026")
SPBE = load_rubric("spbe-2020")
SAMPLE = scenarios_dir() / "contoh-hasil-pemdi-2026.json"


def test_the_evaluation_systems_records_become_a_cohort_with_aspects(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "kohort.toml"
    code, text, err = cli("cohort", "import", SAMPLE, "--framework", "pemdi-2026", "--year", "2026",
                          "--name", "Provinsi Contoh 2026", "-o", out)
    assert code == 0, err and "5 daerah" in text
    cohort = load_cohort(out)
    best = max(cohort.file.peer, key=lambda p: p.index or 0)
    assert best.name == "Kota Contoh" and best.groups["A7"] == 2.6 and len(best.groups) == 7


def test_earlier_years_become_history_and_59_2020_keys_map_to_aspects(cli: Run, tmp_path: Path) -> None:
    def record(name: str, year: int, aspects: list[str]) -> dict[str, object]:
        groups = {a.id: Fraction(v) for a, v in zip(SPBE.aspects, aspects, strict=True)}
        index = index_from_groups(SPBE.aspect_weight_h, groups)
        nilai = {"indeks": f"{float(index):.10f}", **{f"A20{n:02d}": f"{float(Fraction(v)):.10f}"
                                                     for n, v in enumerate(aspects, start=1)},
                 "D2001": "9.9999999999"}  # 59/2020's domain fields are not relied on (see the README)
        return {"kode": name[:3], "tahun": year, "nama_instansi": name, "kategori": "kab", "daerah": "x",
                "nilai": nilai}

    rows = [record("Kabupaten A", 2023, ["2", "2.5", "3", "2", "2.25", "1.5", "3", "2.75"]),
            record("Kabupaten A", 2024, ["3", "2.5", "3", "2", "2.25", "1.5", "3", "2.75"]),
            record("Kabupaten B", 2024, ["3.75", "3.5", "3", "3", "3.25", "2.5", "4", "3.75"])]
    (tmp_path / "r.json").write_text(json.dumps(rows), encoding="utf-8")
    out = tmp_path / "k.toml"
    code, _, err = cli("cohort", "import", tmp_path / "r.json", "--framework", "spbe-2020", "--year", "2024",
                       "--name", "Uji", "-o", out)
    assert code == 0, err
    peers = {p.name: p for p in load_cohort(out).file.peer}
    assert set(peers) == {"Kabupaten A", "Kabupaten B"} and "2023" in peers["Kabupaten A"].history
    assert peers["Kabupaten B"].groups["A1"] == 3.75 and "D1" not in peers["Kabupaten B"].groups
    rows[2]["nilai"]["indeks"] = "3.9000000000"  # type: ignore[index]
    (tmp_path / "r.json").write_text(json.dumps(rows), encoding="utf-8")
    code, _, err = cli("cohort", "import", tmp_path / "r.json", "--framework", "spbe-2020", "--year", "2024",
                       "--name", "Uji", "-o", tmp_path / "k2.toml")
    assert code == 2 and "[3].nilai" in err and "Kabupaten B" in err and "3.9" in err
    rows[2] = record("Kabupaten B", 2024, ["3.75", "3.5", "3", "3", "3.25", "2.5", "4", "3.75"])  # as it was
    (tmp_path / "r.json").write_text(json.dumps(rows), encoding="utf-8")
    code, _, err = cli("cohort", "import", tmp_path / "r.json", "--framework", "spbe-2020", "--year", "2030",
                       "--name", "Uji", "-o", tmp_path / "k3.toml")
    assert code == 2 and "2030" in err and "2023, 2024" in err


def test_group_columns_in_a_results_table_are_kept_and_checked(cli: Run, tmp_path: Path) -> None:
    head = ["Nama Daerah", "Indeks", *[a.id for a in PEMDI.aspects]]
    vals = {"Kota P": ["1.5"] * 7, "Kabupaten Q": ["2", "2", "2", "2", "2", "2", "2.4"]}
    lines = [";".join(head)]
    for name, aspects in vals.items():
        index = index_from_groups(PEMDI.aspect_weight_h, {a.id: Fraction(v) for a, v in zip(PEMDI.aspects, aspects,
                                                                                             strict=True)})
        lines.append(";".join([name, f"{float(index):.4f}".replace(".", ","), *aspects]))
    sheet = tmp_path / "t.csv"
    sheet.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = cli("cohort", "import", sheet, "--framework", "pemdi-2026", "--year", "2026", "--name", "T",
                       "-o", tmp_path / "t.toml")
    assert code == 0, err
    assert {p.name: p.groups.get("A7") for p in load_cohort(tmp_path / "t.toml").file.peer} == \
        {"Kota P": 1.5, "Kabupaten Q": 2.4}
    sheet.write_text("\n".join([*lines[:2], lines[2].replace("2,1", "2,5", 1)]), encoding="utf-8")
    code, _, err = cli("cohort", "import", sheet, "--framework", "pemdi-2026", "--year", "2026", "--name", "T",
                       "-o", tmp_path / "t2.toml")
    assert code == 2 and "baris 3" in err and "sel B3" in err and "aspek" in err, err


@pytest.mark.parametrize("command", [("export",), ("action-plan",)])
def test_reports_set_the_scenario_beside_the_cohorts_aspects(cli: Run, tmp_path: Path, command: tuple[str]) -> None:
    cohort = tmp_path / "kohort.toml"
    assert cli("cohort", "import", SAMPLE, "--framework", "pemdi-2026", "--year", "2026", "--name", "C",
               "-o", cohort)[0] == 0
    code, out, err = cli(*command, demo_scenario("pemdi"), "--format", "md", "-o", "-", "--cohort", cohort)
    assert code == 0, err
    assert "Dibanding kohort" in out and "Kota Contoh" in out
    row = next(line for line in out.splitlines() if line.startswith("| A7"))
    assert "2,60" in row and "Kota Contoh" in row and "| 4 |" in row  # the region itself is no peer
