"""Importing baselines from sheets: tolerant of layout, strict about content, precise about where."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tui.core.errors import InputError
from tui.core.scenario.sheets import column_letter, import_levels
from tui.core.scoring.rubric import load_rubric

SPBE = load_rubric("spbe-2020")
PEMDI = load_rubric("pemdi-2026")


def official_xlsx(path: Path, levels: dict[str, object], *, title_rows: int = 3, drop: set[str] = frozenset(),
                  extra: list[list[object]] = ()) -> Path:  # type: ignore[assignment]
    """A sheet laid out like the evaluation's: title rows, then domain and aspect rows between indicators."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Evaluasi"
    for k in range(title_rows):
        ws.append([f"LEMBAR KERJA EVALUASI SPBE (baris judul {k + 1})"])
    ws.append(["No", "Domain / Aspek / Indikator", "Bobot", "Tingkat Kematangan", "Catatan"])
    for d in SPBE.domains:
        ws.append([None, f"Domain {d.id[1:]}: {d.name}", None, None])
        for a in SPBE.aspects_of(d.id):
            ws.append([a.id, f"Aspek {a.name}", None, 2.5])  # an aspect index in the level column: a heading
            for ind in SPBE.members(a.id):
                if ind.id not in drop:
                    ws.append([int(ind.id), ind.name, ind.weight, levels.get(ind.id, 3)])
    for row in extra:
        ws.append(row)
    ws.append([None, "Indeks SPBE", None, 2.8])
    book.save(path)
    return path


def test_official_layout_is_read(tmp_path: Path) -> None:
    levels = import_levels(official_xlsx(tmp_path / "s.xlsx", {"12": 5, "47": 1}), SPBE)
    assert len(levels) == 47 and levels["12"] == 500 and levels["47"] == 100 and levels["1"] == 300


def test_csv_with_semicolons_bom_and_english_headers(tmp_path: Path) -> None:
    rows = ["Indicator No;Name;Level"] + [f"{i};x;{2 if int(i) % 2 else 4}" for i in SPBE.indicator_ids]
    p = tmp_path / "s.csv"
    p.write_text("\ufeff" + "\n".join(rows), encoding="utf-8")
    levels = import_levels(p, SPBE)
    assert levels["1"] == 200 and levels["2"] == 400


def test_pemdi_decimal_comma_levels(tmp_path: Path) -> None:
    rows = ["No,Tingkat"] + [f'{i},"3,75"' for i in PEMDI.indicator_ids]
    p = tmp_path / "s.csv"
    p.write_text("\n".join(rows), encoding="utf-8")
    assert set(import_levels(p, PEMDI).values()) == {375}


def expect(path: Path, *words: str) -> InputError:
    with pytest.raises(InputError) as err:
        import_levels(path, SPBE)
    text = str(err.value)
    assert str(path) in text
    for w in words:
        assert w in text, text
    return err.value


def test_missing_indicators_are_listed_not_filled(tmp_path: Path) -> None:
    expect(official_xlsx(tmp_path / "s.xlsx", {}, drop={"5", "30"}), "sheet 'Evaluasi'", "missing 2 of 47",
           "5, 30", "not filled in")


def test_text_in_a_level_cell_names_sheet_row_and_cell(tmp_path: Path) -> None:
    # Title rows 1-3, header 4, domain D1 5, aspect A1 6, indicators 1.. from row 7: indicator 2 is row 8.
    expect(official_xlsx(tmp_path / "s.xlsx", {"2": "tiga"}), "sheet 'Evaluasi', row 8, cell D8",
           "level must be a number, got 'tiga'")


def test_level_off_the_scale_and_half_levels(tmp_path: Path) -> None:
    expect(official_xlsx(tmp_path / "a.xlsx", {"1": 7}), "cell D7", "outside the scale")
    expect(official_xlsx(tmp_path / "b.xlsx", {"1": 3.5}), "cell D7", "whole number")


def test_duplicate_and_unknown_indicators(tmp_path: Path) -> None:
    expect(official_xlsx(tmp_path / "a.xlsx", {}, extra=[[12, "again", 1, 3]]), "indicator 12 appears twice",
           "cell A")
    expect(official_xlsx(tmp_path / "b.xlsx", {}, extra=[[48, "extra", 1, 3]]), "unknown indicator '48'")


def test_indicator_without_a_level(tmp_path: Path) -> None:
    expect(official_xlsx(tmp_path / "s.xlsx", {"3": None}), "indicator 3 has no level", "cell D9")


def test_empty_headerless_huge_and_unreadable_files(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    expect(empty, "empty")
    nohead = tmp_path / "n.csv"
    nohead.write_text("a,b\n1,2\n", encoding="utf-8")
    expect(nohead, "no header row")
    huge = tmp_path / "h.csv"
    with huge.open("wb") as fh:  # 50 MB, sparse: refused by size before anything is read
        fh.truncate(50 * 1024 * 1024)
    expect(huge, "larger than 20480 KiB", "refusing")
    fake = tmp_path / "f.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    expect(fake, "not a readable .xlsx")
    latin = tmp_path / "l.csv"
    latin.write_bytes("No;Tingkat;Catatan\n1;3;caf\xe9\n".encode("latin-1"))
    expect(latin, "not UTF-8")
    other = tmp_path / "x.ods"
    other.write_text("x", encoding="utf-8")
    expect(other, ".csv or .xlsx")


def test_unknown_sheet_name(tmp_path: Path) -> None:
    path = official_xlsx(tmp_path / "s.xlsx", {})
    with pytest.raises(InputError, match=r"no sheet named 'Lain'.*Evaluasi"):
        import_levels(path, SPBE, sheet="Lain")


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters
