"""`export` then `import` gives the scenario back (issue "your own data in": round trip), in every
format import reads, in both languages; what a report cannot carry is said, never dropped silently."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tui.core.scenario.scenario_file import Scenario, load_scenario

SAMPLES = Path(__file__).resolve().parents[2] / "scenarios"
RICH_EXTRA = '''
[indicator_notes]
"11" = "Arsitektur: reviu bersama Bappeda; baris kedua; titik-koma"

[history]
"2020" = 1.72
"2021" = 1.96

[[evidence]]
code = "I12-L4-01"
indicator = "12"
level = 4
item = "Laporan pemantauan Peta Rencana"
status = "revisi"
revision = "tidak_tepat"
owner = "Bappeda"
due = 2023-07-31
dated = 2023-01-10
valid_until = 2024-01-09
link = "https://contoh.go.id/peta"
note = "=SUM(A1) tetap teks"
'''


def rich(tmp_path: Path) -> Path:
    text = (SAMPLES / "contoh-target-baik.toml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("author")) + "\n"
    # The sample's own notes tables are replaced by ours.
    text = text.split("[indicator_notes]")[0]
    path = tmp_path / "rich.toml"
    path.write_text(text + RICH_EXTRA, encoding="utf-8")
    return path


def same_scenario(a: Scenario, b: Scenario) -> None:
    assert a.meta.model_dump(exclude={"notes"}) == b.meta.model_dump(exclude={"notes"})
    assert a.meta.notes == b.meta.notes
    for f in ("baseline", "target", "indicator_notes", "history", "evidence"):
        assert getattr(a, f) == getattr(b, f), f


FORMATS = [("csv", ["--csv-style", "plain"]), ("csv", ["--csv-style", "excel-id"]), ("xlsx", [])]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("fmt", "extra"), FORMATS)
def test_export_then_import_gives_the_whole_scenario_back(tmp_path: Path, cli: Run, fmt: str, extra: list[str],
                                                          lang: str) -> None:
    src = rich(tmp_path)
    report = tmp_path / f"r.{fmt}"
    code, _, err = cli("export", src, "--format", fmt, "-o", report, "--lang", lang, *extra)
    assert code == 0, err
    back = tmp_path / "back.toml"
    code, out, err = cli("import", report, "-o", back, "--lang", lang)
    assert code == 0, err
    assert "1 " in out and ("skenario utuh" in out or "whole scenario" in out)
    same_scenario(load_scenario(src)[0], load_scenario(back)[0])
    # … and once more: the import of the import's export is the same file.
    again = tmp_path / f"again.{fmt}"
    assert cli("export", back, "--format", fmt, "-o", again, "--lang", lang, *extra)[0] == 0
    assert cli("import", again, "-o", tmp_path / "back2.toml", "--lang", lang)[0] == 0
    assert (tmp_path / "back2.toml").read_bytes() == back.read_bytes()


def test_what_a_report_cannot_carry_is_said_on_import(tmp_path: Path, cli: Run) -> None:
    src = SAMPLES / "contoh-rencana-aksi.toml"  # with programmes and an author
    report = tmp_path / "r.csv"
    assert cli("export", src, "--format", "csv", "-o", report)[0] == 0
    code, out, err = cli("import", report, "-o", tmp_path / "b.toml")
    assert code == 0, err
    assert "Tidak termuat dalam laporan itu, jadi tidak ikut: [[programme]], scenario.author" in out
    s, _ = load_scenario(tmp_path / "b.toml")
    original, _ = load_scenario(src)
    assert s.target == original.target and s.evidence == original.evidence
    assert s.programmes == () and original.programmes


def test_a_pemdi_report_with_external_indices_says_they_stay_behind(tmp_path: Path, cli: Run) -> None:
    src = SAMPLES / "kabupaten-contoh-pemdi-2026.toml"
    report = tmp_path / "r.xlsx"
    assert cli("export", src, "--format", "xlsx", "-o", report)[0] == 0
    code, out, err = cli("import", report, "-o", tmp_path / "b.toml")
    assert code == 0, err
    assert "[external]" in out
    s, _ = load_scenario(tmp_path / "b.toml")
    original, _ = load_scenario(src)
    # The values the indices gave are kept; the indices themselves are not.
    assert s.baseline == original.baseline and s.levels() == original.levels()


def test_flags_typed_on_import_win_over_the_report(tmp_path: Path, cli: Run) -> None:
    report = tmp_path / "r.csv"
    assert cli("export", rich(tmp_path), "--format", "csv", "-o", report)[0] == 0
    code, _, err = cli("import", report, "-o", tmp_path / "b.toml", "--region", "Kota Lain")
    assert code == 0, err
    assert load_scenario(tmp_path / "b.toml")[0].meta.region == "Kota Lain"
    code, _, err = cli("import", report, "-o", tmp_path / "c.toml", "--framework", "pemdi-2026")
    assert code == 2 and "--framework" in err and "'spbe-2020'" in err


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_formats_import_does_not_read_are_refused_with_a_reason(tmp_path: Path, cli: Run, fmt: str) -> None:
    report = tmp_path / f"r.{fmt}"
    assert cli("export", rich(tmp_path), "--format", fmt, "-o", report)[0] == 0
    code, _, err = cli("import", report, "-o", tmp_path / "b.toml", "--framework", "spbe-2020", "--region", "X")
    assert code == 2 and f"r.{fmt}" in err and "Traceback" not in err


def test_a_levels_sheet_still_needs_framework_and_region(tmp_path: Path, cli: Run) -> None:
    sheet = tmp_path / "w.csv"
    sheet.write_text("No,Nilai\n" + "".join(f"{i},2\n" for i in range(1, 48)), encoding="utf-8")
    code, _, err = cli("import", sheet, "-o", tmp_path / "b.toml")
    assert code == 2 and "--framework" in err and "wajib untuk lembar tingkat" in err
    code, _, err = cli("import", sheet, "-o", tmp_path / "b.toml", "--framework", "spbe-2020")
    assert code == 2 and "--region" in err


def test_the_request_fields_are_the_import_requests() -> None:
    from tui.core.scenario.sheet_import import REQUEST_FIELDS, ImportRequest

    names = {f.name for f in dataclasses.fields(ImportRequest)}
    assert names >= REQUEST_FIELDS
