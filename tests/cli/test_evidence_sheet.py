"""The portal's evidence statuses in and out: `evidence import` and `evidence export` (issue "your own
data in", part 3), and evidence that expires (part 4)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run
from tui.core.scenario.evidence import EvidenceItem, add_months, code_parts, expires_soon, is_expired, valid_through
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scenario.summary import evidence_outcomes
from tui.core.scoring.rubric import load_rubric

SAMPLES = Path(__file__).resolve().parents[2] / "scenarios"
PORTAL = """Kode Butir,Nama Butir,Status,Jenis Revisi,OPD,Batas Waktu
I11-L3-01,Dokumen Arsitektur SPBE Pemda,Diterima,,Bappeda,31/03/2023
I11-L4-01,Reviu Arsitektur SPBE terhadap Arsitektur SPBE Nasional,Revisi,Tidak Tepat,Bappeda,31 Juli 2023
GT.I12_L3_01,Dokumen Peta Rencana SPBE,diterima,,,
I16-L4-01,Berita acara konektivitas PDN,belum diunggah,,Diskominfo,2023-08-01
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLES / "contoh-rencana-aksi.toml", tmp_path / "rencana.toml"))


def items_by_item(path: Path) -> dict[str, EvidenceItem]:
    s, _ = load_scenario(path)
    return {it.item: it for it in s.evidence}


def test_portal_sheet_merges_by_code_or_by_name_and_reports_counts(plan: Path, tmp_path: Path, cli: Run) -> None:
    before = items_by_item(plan)
    sheet = tmp_path / "portal.csv"
    sheet.write_text(PORTAL, encoding="utf-8")
    code, out, err = cli("evidence", "import", sheet, plan, "--json")
    assert code == 0, err
    assert json.loads(out) == {"added": 1, "updated": 3, "unchanged": 0, "not_matched": len(before) - 3,
                               "written": str(plan)}
    after = items_by_item(plan)
    arch = after["Reviu Arsitektur SPBE terhadap Arsitektur SPBE Nasional"]
    assert (arch.code, arch.status, arch.revision, arch.due) == \
        ("I11-L4-01", "revisi", "tidak_tepat", date(2023, 7, 31))
    assert after["Dokumen Peta Rencana SPBE"].code == "GT.I12_L3_01"
    assert after["Dokumen Peta Rencana SPBE"].owner == before["Dokumen Peta Rencana SPBE"].owner  # empty cell: kept
    new = after["Berita acara konektivitas PDN"]
    assert (new.indicator, new.level, new.status, new.revision, new.owner) == \
        ("16", 4, "revisi", "belum_diunggah", "Diskominfo")


def test_running_it_twice_changes_nothing(plan: Path, tmp_path: Path, cli: Run) -> None:
    sheet = tmp_path / "portal.csv"
    sheet.write_text(PORTAL, encoding="utf-8")
    assert cli("evidence", "import", sheet, plan)[0] == 0
    first = plan.read_bytes()
    code, out, _ = cli("evidence", "import", sheet, plan)
    assert code == 0
    assert "tidak ada yang berubah (4 tidak berubah" in out
    assert plan.read_bytes() == first


def test_the_verified_index_follows_the_imported_statuses(plan: Path, tmp_path: Path, cli: Run) -> None:
    rubric = load_rubric("spbe-2020")
    s, _ = load_scenario(plan)
    _, verified_before = evidence_outcomes(s, rubric, None)
    # Accept everything the scenario lists: the verified index reaches the claimed-or-better one.
    rows = ["Indikator,Tingkat,Butir,Status"] + [f"{it.indicator},{it.level},{it.item},diterima" for it in s.evidence]
    sheet = tmp_path / "all.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli("evidence", "import", sheet, plan)[0] == 0
    s2, _ = load_scenario(plan)
    _, verified_after = evidence_outcomes(s2, rubric, None)
    assert verified_after.evaluation.index > verified_before.evaluation.index
    # … and one revision takes its level (and those above it) out again.
    first = s.evidence[0]
    sheet.write_text(f"Indikator,Tingkat,Butir,Status\n{first.indicator},{first.level},{first.item},revisi\n",
                     encoding="utf-8")
    assert cli("evidence", "import", sheet, plan)[0] == 0
    s3, _ = load_scenario(plan)
    _, verified_revised = evidence_outcomes(s3, rubric, None)
    assert verified_revised.evaluation.index < verified_after.evaluation.index


@pytest.mark.parametrize(("name", "style"), [("ev.xlsx", None), ("ev.csv", "plain"), ("ev.csv", "excel-id")])
def test_export_then_import_gives_back_every_item(plan: Path, tmp_path: Path, cli: Run, name: str,
                                                  style: str | None) -> None:
    sheet = tmp_path / "portal.csv"
    sheet.write_text(PORTAL, encoding="utf-8")
    cli("evidence", "import", sheet, plan)
    out = tmp_path / name
    extra = ["--csv-style", style] if style else []
    code, said, err = cli("evidence", "export", plan, "-o", out, *extra)
    assert code == 0, err
    assert "13 butir bukti dukung" in said
    emptied = tmp_path / "empty.toml"
    text = plan.read_text(encoding="utf-8")
    emptied.write_text(text[:text.index("[[evidence]]")], encoding="utf-8")
    code, _, err = cli("evidence", "import", out, emptied)
    assert code == 0, err
    assert load_scenario(emptied)[0].evidence == load_scenario(plan)[0].evidence


def test_export_writes_the_portal_columns_in_english_too(plan: Path, tmp_path: Path, cli: Run) -> None:
    out = tmp_path / "ev.xlsx"
    assert cli("evidence", "export", plan, "-o", out, "--lang", "en")[0] == 0
    ws = openpyxl.load_workbook(out).active
    rows = [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
    assert ["Code", "Indicator", "Level", "Item", "Status", "Revision", "Owner", "Due", "Dated", "Valid until",
            "Link", "Note"] in rows


@pytest.mark.parametrize(("row", "cell", "words"), [
    ("I11-L3-01,Dok,Ditunda,,,", "C2", ["'Ditunda' bukan status"]),
    ("I11-L3-01,Dok,diterima,,,32/13/2023", "F2", ["'32/13/2023' bukan tanggal"]),
    ("I99-L3-01,Dok,diterima,,,", "A2", ["indikator '99' tidak dikenal"]),
    ("I11-L9-01,Dok,diterima,,,", "A2", ["tingkat 9 di luar skala"]),
    ("X-1,Dok,diterima,,,", "A2", ["tidak memuat kode portal"]),
    ("I11-L3-01,Dok,revisi,salah,,", "D2", ["'salah' bukan jenis revisi"]),
])
def test_a_bad_cell_names_the_file_and_the_cell(plan: Path, tmp_path: Path, cli: Run, row: str, cell: str,
                                                words: list[str]) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Kode,Butir,Status,Revisi,OPD,Tenggat\n" + row + "\n", encoding="utf-8")
    before = plan.read_bytes()
    code, out, err = cli("evidence", "import", sheet, plan)
    assert code == 2 and not out
    assert "bad.csv" in err and "Traceback" not in err
    assert all(w in err for w in words), err
    if cell != "A2" or "tidak memuat" in words[0]:
        assert cell in err, err
    assert plan.read_bytes() == before  # nothing written


def test_a_sheet_without_an_evidence_table_says_what_it_needs(plan: Path, tmp_path: Path, cli: Run) -> None:
    sheet = tmp_path / "levels.csv"
    sheet.write_text("No,Nilai\n1,3\n", encoding="utf-8")
    code, _, err = cli("evidence", "import", sheet, plan)
    assert code == 2
    assert "levels.csv" in err and "tabel bukti dukung tidak ditemukan" in err


def test_a_code_that_contradicts_its_row_is_refused(plan: Path, tmp_path: Path, cli: Run) -> None:
    sheet = tmp_path / "c.csv"
    sheet.write_text("Kode,Indikator,Tingkat,Butir\nI11-L3-01,12,3,Dok\n", encoding="utf-8")
    code, _, err = cli("evidence", "import", sheet, plan)
    assert code == 2 and "c.csv" in err and "I11-L3-01" in err


def test_export_refuses_another_ending(plan: Path, tmp_path: Path, cli: Run) -> None:
    code, _, err = cli("evidence", "export", plan, "-o", tmp_path / "ev.md")
    assert code == 2 and "'.md'" in err and "--output" in err


@pytest.mark.parametrize(("code", "parts"), [("I5-L3-01", ("5", 3)), ("GT.I12_L4_02", ("12", 4)),
                                            ("i7-l2-1", ("7", 2)), ("I5-3-01", None), ("", None)])
def test_portal_codes(code: str, parts: tuple[str, int] | None) -> None:
    assert code_parts(code) == parts


# -- evidence that expires ------------------------------------------------------------------------

def test_months_are_added_as_calendars_do() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 10, 15), 12) == date(2026, 10, 15)


def test_an_ikasandi_result_older_than_twelve_months_is_expired() -> None:
    rubric = load_rubric("pemdi-2026")
    on = date(2026, 10, 15)
    fresh = EvidenceItem(indicator="10", level=3, item="IKASANDI", dated=date(2025, 10, 15))
    stale = EvidenceItem(indicator="10", level=3, item="IKASANDI", dated=date(2025, 10, 14))
    assert valid_through(fresh, rubric.max_age) == date(2026, 10, 14)
    assert is_expired(fresh, on, rubric.max_age) is True  # valid through the 14th: not on the 15th
    assert is_expired(EvidenceItem(indicator="10", level=3, item="x", dated=date(2025, 10, 16)), on,
                      rubric.max_age) is False
    assert is_expired(stale, on, rubric.max_age)
    # No limit for indicator 1: its date alone never expires it; a valid_until does.
    assert not is_expired(EvidenceItem(indicator="1", level=2, item="x", dated=date(2000, 1, 1)), on, rubric.max_age)
    assert is_expired(EvidenceItem(indicator="1", level=2, item="x", valid_until=date(2026, 10, 14)), on)
    assert not is_expired(EvidenceItem(indicator="1", level=2, item="x", valid_until=date(2026, 10, 15)), on)
    # Level 5 of indicator 11 only: IKASANDI Persandian.
    assert rubric.max_age("11", 5) == 12 and rubric.max_age("11", 4) is None


def test_soon_expiring_is_within_sixty_days_after_the_evaluation_date() -> None:
    on = date(2026, 10, 15)
    assert expires_soon(EvidenceItem(indicator="1", level=2, item="x", valid_until=date(2026, 12, 13)), on)
    assert not expires_soon(EvidenceItem(indicator="1", level=2, item="x", valid_until=date(2026, 12, 14)), on)
    assert not expires_soon(EvidenceItem(indicator="1", level=2, item="x", valid_until=date(2026, 10, 14)), on)


def pemdi_with_evidence(tmp_path: Path, extra: str, evaluation_date: str = "") -> Path:
    text = (SAMPLES / "kabupaten-contoh-pemdi-2026.toml").read_text(encoding="utf-8")
    if evaluation_date:
        text = text.replace("[scenario]\n", f"[scenario]\nevaluation_date = {evaluation_date}\n", 1)
    text = text.replace("[target]\n", '[target]\n"1" = 3\n', 1) if '"1" =' not in text.split("[target]")[1] else text
    path = tmp_path / "p.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_an_expired_item_stops_counting_on_the_evaluation_date(tmp_path: Path, cli: Run) -> None:
    rubric = load_rubric("pemdi-2026")
    s0, _ = load_scenario(pemdi_with_evidence(tmp_path, ""))
    base1 = s0.baseline["1"] // 100
    levels = range(base1 + 1, 4)
    items = "".join(f'\n[[evidence]]\nindicator = "1"\nlevel = {lv}\nitem = "Dok {lv}"\nstatus = "diterima"\n'
                    f"valid_until = 2026-06-30\n" for lv in levels)
    early = pemdi_with_evidence(tmp_path, items, "2026-06-01")
    s, _ = load_scenario(early)
    claimed, verified = evidence_outcomes(s, rubric, None)
    assert verified.evaluation.index > evidence_outcomes(s0, rubric, None)[1].evaluation.index
    late = pemdi_with_evidence(tmp_path, items, "2026-07-01")
    s2, _ = load_scenario(late)
    claimed2, verified2 = evidence_outcomes(s2, rubric, None)
    assert verified2.evaluation.index < verified.evaluation.index
    assert claimed2.evaluation.index < claimed.evaluation.index
    # The default evaluation date is 15 October of the target year.
    assert s0.evaluation_date == date(s0.target_year, 10, 15)


def test_the_action_plan_marks_expired_evidence(tmp_path: Path, cli: Run) -> None:
    items = ('\n[[evidence]]\nindicator = "1"\nlevel = 3\nitem = "Dokumen lama"\nstatus = "diterima"\n'
             "valid_until = 2026-06-30\n")
    path = pemdi_with_evidence(tmp_path, items, "2026-10-15")
    code, out, err = cli("action-plan", path, "--format", "md", "-o", "-")
    assert code == 0, err
    assert "Dokumen lama (diterima, —, kedaluwarsa)" in out
