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
