"""Another agency's index with its edition and status (issue "your own data in" §5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import InputError
from tui.core.files.guarded import parse_toml
from tui.core.resources import scenarios_dir
from tui.core.scenario.external import external_json, published_from_text
from tui.core.scenario.scenario_file import Edition, dump_scenario, load_scenario, parse_scenario
from tui.core.scoring.rubric import RubricSet, load_rubric

PEMDI = scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml"


def with_external(line: str) -> str:
    """The sample with indicator 5's index written as ``line`` (its value then follows from it alone)."""
    return PEMDI.read_text(encoding="utf-8").replace('"5" = 2.25\n', "").replace('"5" = 31.25', line)


def parsed(text: str):  # type: ignore[no-untyped-def]
    return parse_scenario(parse_toml(text), RubricSet(), "p.toml")


def test_the_table_form_keeps_edition_and_status_and_writes_them_back() -> None:
    s, _ = parsed(with_external('"5" = { index = 73.56, edition = 2025, status = "sementara" }'))
    assert s.external["5"] == 7356 and s.editions == {"5": Edition(2025, "sementara")}
    assert '"5" = { index = 73.56, edition = 2025, status = "sementara" }' in dump_scenario(s)
    again, _ = parsed(dump_scenario(s))
    assert again == s


def test_the_plain_number_stays_valid_and_a_final_edition_without_year_is_plain() -> None:
    s, _ = parsed(PEMDI.read_text(encoding="utf-8"))
    assert s.editions == {}
    s2, _ = parsed(with_external('"5" = { index = 31.25 }'))
    assert s2.external == s.external and s2.baseline == s.baseline and not s2.editions
    assert '"5" = 31.25' in dump_scenario(s2)


@pytest.mark.parametrize(("line", "words"), [
    ('"5" = { index = 73.56, status = "entah" }', ['external."5".status', "final, sementara, sanggah"]),
    ('"5" = { index = 73.56, edition = 1999 }', ['external."5".edition']),
    ('"5" = { index = 173.56 }', ['external."5"', "SDI"]),
    ('"5" = { edition = 2025 }', ['external."5".index']),
    ('"5" = { index = 73.56, tahun = 2025 }', ['external."5".tahun']),
])
def test_a_bad_table_names_its_key(line: str, words: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        parsed(with_external(line))
    text = str(caught.value)
    assert all(w in text for w in words), text
    assert "external-table" not in text and "external-number" not in text


def test_typed_published_index() -> None:
    rubric = load_rubric("pemdi-2026")
    assert published_from_text(rubric, "5", "73,56") == (7356, Edition(None, "final"))
    assert published_from_text(rubric, "5", "73.56 2025 sanggah") == (7356, Edition(2025, "sanggah"))
    for bad in ("", "x", "73,56 kemarin", "101"):
        with pytest.raises(InputError):
            published_from_text(rubric, "5", bad)
    with pytest.raises(InputError):
        published_from_text(rubric, "1", "50")  # not an external indicator


def test_the_json_says_edition_and_status() -> None:
    s, rubric = parsed(with_external('"5" = { index = 73.56, edition = 2025, status = "sementara" }'))
    out = external_json(rubric, s.external, s.baseline, s.editions)
    assert out["5"]["edition"] == 2025 and out["5"]["status"] == "sementara"
    assert "edition" not in out["18"]


@given(st.integers(0, 10000), st.one_of(st.none(), st.integers(2000, 2100)),
       st.sampled_from(["final", "sementara", "sanggah"]))
def test_any_edition_round_trips(index_h: int, edition: int | None, status: str) -> None:
    s, rubric = parsed(PEMDI.read_text(encoding="utf-8"))
    moved = s.with_external(rubric, "5", index_h, Edition(edition, status))  # type: ignore[arg-type]
    again, _ = parsed(dump_scenario(moved))
    assert again == moved


def test_reports_show_the_edition_and_warn(tmp_path: Path) -> None:
    from tui.cli.main import main

    path = tmp_path / "p.toml"
    path.write_text(with_external('"5" = { index = 73.56, edition = 2025, status = "sementara" }'), encoding="utf-8")
    assert main(["export", str(path), "--format", "md", "-o", str(tmp_path / "r.md")]) == 0
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Indeks instansi lain" in text
    assert "| 5 |" in text and "2025" in text and "sementara (nilainya masih bisa berubah)" in text
    loaded, _ = load_scenario(path)
    assert loaded.editions["5"].provisional
