"""`cohort import` reads a published results table; `cohort show` prints a cohort ranked."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run
from tui.core.scoring.cohort import load_cohort

MESSY = """Hasil Evaluasi SPBE 2023 Kabupaten/Kota Provinsi Contoh;;
;;
No;Nama Daerah;Indeks
1;Kabupaten Alpha;3,45
2;Kota Beta;2,80
3;Kabupaten Gamma;2,8
;Rata-rata;3,02
Sumber: Keputusan Menteri;;
"""


def test_a_messy_sheet_becomes_a_cohort_file(cli: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "hasil.csv"
    sheet.write_text(MESSY, encoding="utf-8")
    out_file = tmp_path / "kohort.toml"
    code, out, err = cli("cohort", "import", sheet, "--framework", "spbe-2020", "--year", "2023",
                         "--name", "Kab/kota Contoh 2023", "-o", out_file, "--population", "5", "--source", "Kepmen X")
    assert code == 0, err
    assert "3 daerah" in out
    cohort = load_cohort(out_file)
    assert [(p.name, p.index) for p in cohort.file.peer] == [
        ("Kabupaten Alpha", 3.45), ("Kota Beta", 2.8), ("Kabupaten Gamma", 2.8)]
    assert cohort.meta.population == 5 and not cohort.meta.complete and cohort.level == "kabkota"
    code, out, _ = cli("cohort", "show", out_file)
    lines = out.splitlines()
    assert code == 0 and "1 dari 3" in lines[1] and "Kabupaten Alpha" in lines[1]
    assert "2 dari 3" in lines[2] and "2 dari 3" in lines[3]  # a tie shares the better place


@pytest.mark.parametrize(("body", "needle"), [
    ("Region,Index\nKota A,3.1\nkota a,2.0\n", "kota a tercantum dua kali (pertama di baris 2)"),
    ("Instansi,Nilai\nKota A,7\n", "baris 2, sel B2: Kota A: indeks 7 di luar skala 1–5"),
    ("Daerah,Skor\nKota A,tiga\n", "sel B2"),
    ("Kota,Angka\nKota A,3\n", "tidak ada baris judul dengan kolom daerah dan kolom indeks"),
])
def test_bad_rows_are_named_by_row_and_cell(cli: Run, tmp_path: Path, body: str, needle: str) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(body, encoding="utf-8")
    out_file = tmp_path / "k.toml"
    code, _, err = cli("cohort", "import", sheet, "--framework", "spbe-2020", "--year", "2023", "--name", "X",
                       "-o", out_file)
    assert code == 2 and needle in err and str(sheet) in err and not out_file.exists(), err


def test_an_xlsx_table_with_a_title_row(cli: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Lampiran"
    ws.append(["Lampiran Keputusan"])
    ws.append(["Nama Instansi", "Nilai Indeks"])
    ws.append(["Provinsi A", 3.5])
    ws.append(["Provinsi B", "2,75"])
    ws.append(["Jumlah", 6.25])
    path = tmp_path / "t.xlsx"
    book.save(path)
    out_file = tmp_path / "k.toml"
    code, _, err = cli("cohort", "import", path, "--framework", "spbe-2020", "--year", "2024", "--name", "Prov",
                       "-o", out_file, "--id", "prov-2024")
    assert code == 0, err
    cohort = load_cohort(out_file)
    assert cohort.id == "prov-2024" and [p.index for p in cohort.file.peer] == [3.5, 2.75]
    assert cohort.level == "provinsi" and cohort.meta.complete


def test_the_new_bundled_cohorts(cli: Run) -> None:
    code, out, _ = cli("cohorts")
    for cid in ("bali-2023", "gorontalo-2023", "sulawesi-provinsi-2023", "priangan-timur-2024"):
        assert cid in out
    assert "kohort parsial: 6 dari 27" in out
    code, out, _ = cli("cohort", "show", "bali-2023")
    assert code == 0 and out.splitlines()[1].split()[-2:] == ["Provinsi", "Bali"]
    assert load_cohort("sulawesi-provinsi-2023").level == "provinsi"


def test_global_options_before_a_subcommand_with_actions() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "tui", "--lang", "en", "cohort", "show", "bali-2023"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "1 of 10" in out.stdout
