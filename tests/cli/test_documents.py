"""Documents that go up the chain (issue 28): Excel that is ready, costs with a unit, nothing cut."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Run

SAMPLES = Path(__file__).resolve().parents[2] / "scenarios"
PLAN = SAMPLES / "contoh-rencana-aksi.toml"
PROGRAMMES = SAMPLES / "biaya" / "contoh-program.toml"


def workbook(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("command", [
    ("export", str(PLAN), "--format", "xlsx"),
    ("action-plan", str(PLAN), "--format", "xlsx", "--cost", str(PROGRAMMES), "--deadline", "2023-08-31"),
    ("export", str(PLAN), str(SAMPLES / "contoh-target-baik.toml"), "--format", "xlsx"),
])
def test_every_xlsx_is_ready_to_print_and_to_compute_with(command: tuple[str, ...], tmp_path: Path,
                                                          cli: Run) -> None:
    out = tmp_path / "r.xlsx"
    code, _, err = cli(*command, "-o", out)
    assert code == 0, err
    book = workbook(out)
    for ws in book.worksheets:
        # Print: A4 landscape, one page wide, the first table's header repeated and frozen.
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        header = int(ws.freeze_panes[1:]) - 1
        assert ws.print_title_rows == f"${header}:${header}"
        assert all(c.font.bold for c in ws[header] if c.value is not None)
        # Columns sized to their content, capped; a long text wraps instead of being cut.
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        assert widths and all(6 <= w <= 60 for w in widths.values())
        heads: dict[int, object] = {}  # column -> the header of the table the row is in
        for row in ws.iter_rows():
            filled = [c for c in row if c.value is not None]
            if len(filled) > 1 and all(c.font.bold for c in filled):
                heads = {c.column: c.value for c in filled}
                continue
            for cell in filled:
                if isinstance(cell.value, str):
                    assert not cell.value.endswith("…"), cell.value
                    if len(cell.value) > 60 and cell.row > 1 and row[1].value is not None:
                        assert cell.alignment.wrap_text, cell.coordinate
                    # Numbers are numbers: no cell holds one as text (ids and codes aside).
                    text = cell.value.replace(",", ".").lstrip("+-")
                    if text.replace(".", "", 1).isdigit():
                        assert heads.get(cell.column) in ("No", "Kode", "Indikator", "Ind.", None), \
                            (cell.coordinate, cell.value, heads.get(cell.column))


def test_action_plan_dates_and_counts_are_typed(tmp_path: Path, cli: Run) -> None:
    out = tmp_path / "ap.xlsx"
    assert cli("action-plan", PLAN, "--format", "xlsx", "--deadline", "2023-08-31", "-o", out)[0] == 0
    summary = workbook(out).worksheets[0]
    facts = {r[0].value: r[1].value for r in summary.iter_rows(min_row=2, max_row=12) if r[0].value}
    assert facts["Langkah direncanakan"] == 16
    assert isinstance(facts["Batas waktu"], dt.datetime)
    bappeda = workbook(out)["Bappeda"]
    dues = [c for c in bappeda["E"] if isinstance(c.value, dt.datetime)]
    assert dues and all(c.number_format == "yyyy-mm-dd" for c in dues)


def test_txt_wraps_long_cells_instead_of_cutting_them(tmp_path: Path, cli: Run) -> None:
    long_name = "Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Contoh"
    plan = tmp_path / "p.toml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace('owner = "Bappeda"', f'owner = "{long_name}"'),
                    encoding="utf-8")
    code, out, err = cli("action-plan", plan, "--format", "txt", "-o", "-")
    assert code == 0, err
    flat = " ".join(out.split())
    assert long_name in flat  # every word there, in order, across the wrapped lines


def test_costs_carry_the_cost_files_unit(tmp_path: Path, cli: Run) -> None:
    costs = tmp_path / "biaya.toml"
    costs.write_text(PROGRAMMES.read_text(encoding="utf-8").replace('unit = "satuan upaya"', 'unit = "juta rupiah"'),
                     encoding="utf-8")
    code, out, _ = cli("plan", SAMPLES / "kabupaten-contoh-2022.toml", "--predikat", "baik", "--cost", costs)
    assert code == 0 and "biaya 27 juta rupiah" in out
    code, out, _ = cli("plan", SAMPLES / "kabupaten-contoh-2022.toml", "--predikat", "baik", "--cost", costs,
                       "--json")
    assert json.loads(out)["cost_unit"] == "juta rupiah"
    code, out, _ = cli("action-plan", PLAN, "--cost", costs, "--format", "md", "-o", "-")
    assert "Biaya (juta rupiah)" in out and "Biaya seluruhnya (juta rupiah)" in out


def test_without_a_unit_costs_say_cost_units(tmp_path: Path, cli: Run) -> None:
    code, out, _ = cli("plan", SAMPLES / "kabupaten-contoh-2022.toml", "--predikat", "baik")
    assert code == 0 and "satuan biaya" in out
    code, out, _ = cli("action-plan", PLAN, "--format", "md", "-o", "-")
    assert "Biaya (satuan biaya)" in out
    code, out, _ = cli("action-plan", PLAN, "--format", "md", "-o", "-", "--lang", "en")
    assert "Cost (cost units)" in out
    costs = tmp_path / "c.toml"
    shutil.copy(PROGRAMMES, costs)
    costs.write_text(costs.read_text(encoding="utf-8").replace('unit = "satuan upaya"', 'unit = "x' + "y" * 60 + '"'),
                     encoding="utf-8")
    code, _, err = cli("plan", SAMPLES / "kabupaten-contoh-2022.toml", "--predikat", "baik", "--cost", costs)
    assert code == 2 and "unit" in err and "c.toml" in err


# -- Word, PDF, the Peta Rencana, quarterly targets, a calendar -----------------------------------

def signed(tmp_path: Path) -> Path:
    """The action-plan sample with a [report] block: place, date and two signers."""
    path = tmp_path / "ditandatangani.toml"
    path.write_text(PLAN.read_text(encoding="utf-8") + (
        '\n[report]\nplace = "Takengon"\ndate = 2026-12-02\n'
        '[[report.signer]]\nrole = "Mengetahui, Kepala Dinas Komunikasi dan Informatika"\n'
        'name = "Ir. Contoh Nama, M.T."\nnip = "197001012000031001"\n'
        '[[report.signer]]\nrole = "Kepala Bidang E-Government"\nname = "Nama Kedua, S.Kom."\n'), encoding="utf-8")
    return path


def test_word_document_reads_back_with_date_tables_and_signatures(tmp_path: Path, cli: Run) -> None:
    import docx

    out = tmp_path / "r.docx"
    code, _said, err = cli("export", signed(tmp_path), "--format", "docx", "-o", out)
    assert code == 0, err
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for table in doc.tables for row in table.rows for c in row.cells)
    assert "Rencana aksi menuju Baik 2023 — Kabupaten Contoh" in text
    assert "Takengon, 2 Desember 2026" in text + cells
    assert "Indikator yang diubah" in text and "Indeks domain dan aspek" in text
    assert "Mengetahui, Kepala Dinas Komunikasi dan Informatika" in cells
    assert "Ir. Contoh Nama, M.T." in cells and "NIP 197001012000031001" in cells
    assert "Reviu Arsitektur SPBE terhadap Arsitektur SPBE Nasional" in cells  # evidence, whole
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_without_signers_the_document_leaves_lines_to_sign(tmp_path: Path, cli: Run) -> None:
    import docx

    out = tmp_path / "r.docx"
    assert cli("action-plan", PLAN, "--format", "docx", "-o", out)[0] == 0
    cells = "\n".join(c.text for table in docx.Document(str(out)).tables for row in table.rows for c in row.cells)
    assert "Mengetahui," in cells and "(" + "." * 30 + ")" in cells and "NIP " + "." * 24 in cells


def pdf_text(path: Path) -> tuple[str, list[object]]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), list(reader.pages)


def test_pdf_is_a4_with_embedded_fonts_extractable_text_and_the_chart(tmp_path: Path, cli: Run) -> None:
    path = signed(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Rencana aksi menuju Baik 2023"',
                                                            'name = "Rencana ≥ Baik ✓ – ĕ"'), encoding="utf-8")
    out = tmp_path / "r.pdf"
    code, _, err = cli("export", path, "--format", "pdf", "-o", out)
    assert code == 0, err
    text, pages = pdf_text(out)
    assert "Rencana ≥ Baik ✓ – ĕ" in text and "2022 → 2023" in text
    assert "Takengon, 2 Desember 2026" in text and "Ir. Contoh Nama, M.T." in text
    # The chart: its title, the band names and the bars' labels are text beside vector shapes.
    assert "Indeks domain terhadap rentang predikat" in text
    assert all(word in text for word in ("Kurang", "Cukup", "Baik", "D1", "D4"))
    first = pages[0]
    assert [round(float(v)) for v in first.mediabox[2:]] == [595, 842]  # type: ignore[attr-defined]
    assert b" re" in first.get_contents().get_data()  # type: ignore[attr-defined]  # rectangles drawn
    fonts = {str(f["/BaseFont"]) for f in first["/Resources"]["/Font"].values()}  # type: ignore[index]
    assert any("DejaVuSans" in f for f in fonts), fonts
    assert all("/FontFile2" in f["/DescendantFonts"][0]["/FontDescriptor"]  # type: ignore[index]
               for f in first["/Resources"]["/Font"].values() if "/DescendantFonts" in f)  # type: ignore[index]


def test_pdf_and_docx_refuse_standard_output(cli: Run) -> None:
    for fmt in ("pdf", "docx"):
        code, _, err = cli("export", PLAN, "--format", fmt, "-o", "-")
        assert code == 2 and "--output" in err and fmt in err


def test_the_action_plan_as_a_calendar(tmp_path: Path, cli: Run) -> None:
    import icalendar

    out = tmp_path / "ap.ics"
    code, said, err = cli("action-plan", PLAN, "--format", "ics", "--deadline", "2023-08-31", "-o", out)
    assert code == 0, err
    raw = out.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Indikator 11 Arsitektur SPBE → tingkat 3 (Bappeda)" in summaries
    assert any(s.startswith("Bukti 11-4: Reviu Arsitektur SPBE") for s in summaries)
    assert any(s.startswith("Batas waktu rencana aksi") for s in summaries)
    deadline = next(e for e in events if str(e["SUMMARY"]).startswith("Batas waktu"))
    assert deadline["DTSTART"].dt == dt.date(2023, 8, 31)
    assert len({str(e["UID"]) for e in events}) == len(events)  # each entry its own stable UID
    assert f"({len(events)} entri)" in said
    again = tmp_path / "again.ics"
    cli("action-plan", PLAN, "--format", "ics", "--deadline", "2023-08-31", "-o", again)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in events]  # a re-import updates, never duplicates


def test_ics_escapes_and_folds_text() -> None:
    from tui.presentation.ics_writer import escaped, folded

    assert escaped("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escaped("a\x1b[31mb\u202ec\td") == "a [31mb c\td"  # no control reaches a terminal or a calendar
    line = "SUMMARY:" + "é" * 100
    parts = folded(line).split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts) and "".join(parts) == line


def test_the_peta_rencana_per_indicator_and_year(tmp_path: Path, cli: Run) -> None:
    out = tmp_path / "pr.xlsx"
    code, _said, err = cli("roadmap", PLAN, "--roadmap", "2023=baik", "2024=2,9", "--cost", PROGRAMMES,
                          "--format", "xlsx", "-o", out)
    assert code == 0, err
    ws = workbook(out).active
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    header = next(r for r in rows if r[:3] == ("No", "Indikator", "Aspek"))
    assert header[3:6] == ("2022", "2023", "2024") and header[6:8] == ("Program", "Pemilik (OPD)")
    csirt = next(r for r in rows if r[0] == "22")
    assert csirt[3:6] == (2, 2, 3) and "CSIRT" in csirt[6] and csirt[7] == "Diskominfo"
    years = {r[0]: r for r in rows if isinstance(r[0], int) and r[0] in (2022, 2023, 2024)}
    assert years[2022][1] == 2.2 and years[2023][2] == "Baik" and years[2024][1] == 2.9
    assert years[2024][3] == 26  # the year's cost, a number


def test_the_quarterly_targets_come_from_due_dates(tmp_path: Path, cli: Run) -> None:
    """Checked by hand against the sample: by 31 March two items are due, both already accepted."""
    from tui.core.scenario.evidence import VERIFIED, accepted_levels
    from tui.core.scenario.scenario_file import load_scenario
    from tui.core.scoring.evaluation import evaluate
    from tui.core.scoring.rubric import load_rubric

    code, out, err = cli("roadmap", PLAN, "--roadmap", "2023=baik", "--format", "md", "-o", "-", "--quarters")
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("| TW ")]
    assert [line.split("|")[2].strip() for line in lines] == ["2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"]
    s, _ = load_scenario(PLAN)
    rubric = load_rubric("spbe-2020")
    for line in lines:
        end = dt.date.fromisoformat(line.split("|")[2].strip())
        items = [it.model_copy(update={"status": "diterima"}) if it.due and it.due <= end else it for it in s.evidence]
        want = evaluate(rubric, accepted_levels(s.baseline, s.levels(), items, VERIFIED)).index
        assert line.split("|")[3].strip() == f"{want:.2f}".replace(".", ",")
    # The index rises as items fall due; by the year's end everything dated is in.
    values = [float(line.split("|")[3].strip().replace(",", ".")) for line in lines]
    assert values == sorted(values) and values[0] < values[-1]


def test_roadmap_errors_name_the_flag(cli: Run) -> None:
    code, _, err = cli("roadmap", PLAN, "--roadmap", "2023=entah", "--format", "md", "-o", "-")
    assert code == 2 and "--roadmap" in err and "entah" in err
    code, _, err = cli("roadmap", PLAN, "--roadmap", "duaribu=baik", "--format", "md", "-o", "-")
    assert code == 2 and "--roadmap" in err


# -- golden files: the text formats of the new documents, byte for byte --------------------------

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"


def golden(name: str, text: str) -> None:
    import os

    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_roadmap_golden(cli: Run) -> None:
    code, out, err = cli("roadmap", PLAN, "--roadmap", "2023=baik", "2024=2,9", "--cost", PROGRAMMES,
                         "--format", "md", "-o", "-", "--quarters")
    assert code == 0, err
    golden("roadmap.md", out)


def test_calendar_golden(cli: Run) -> None:
    import re

    code, out, err = cli("action-plan", PLAN, "--format", "ics", "--deadline", "2023-08-31", "-o", "-")
    assert code == 0, err
    golden("action-plan.ics", re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:20261206T000000Z", out))
