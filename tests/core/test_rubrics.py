from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.resources import rubrics_dir
from tui.core.scoring.evaluation import require_scorable
from tui.core.scoring.rubric import RubricSet, band_key, bundled_rubric_ids, load_rubric, load_rubric_file


def test_bundled_rubrics_are_the_three_frameworks() -> None:
    assert bundled_rubric_ids() == ["pemdi-2026", "spbe-2018", "spbe-2020"]


def test_spbe_2020_structure_and_weights() -> None:
    r = load_rubric("spbe-2020")
    assert [d.id for d in r.domains] == ["D1", "D2", "D3", "D4"]
    assert [d.weight for d in r.domains] == [13, 25, 16.5, 45.5]
    assert [a.id for a in r.aspects] == [f"A{i}" for i in range(1, 9)]
    assert r.indicator_ids == tuple(str(i) for i in range(1, 48))
    assert r.weight_h["1"] == 130 and r.weight_h["11"] == 250 and r.weight_h["21"] == 150
    assert r.weight_h["32"] == 275 and r.weight_h["47"] == 300
    assert r.total_weight_h == 10_000
    assert [(b.name, b.lower) for b in r.bands] == [
        ("Kurang", Decimal("1.00")), ("Cukup", Decimal("1.80")), ("Baik", Decimal("2.60")),
        ("Sangat Baik", Decimal("3.50")), ("Memuaskan", Decimal("4.20"))]
    assert r.level_name("1", 4) == "Terpadu dan Terukur"
    assert r.level_name("40", 3) == "Transaksi"
    assert all(len(i.levels) == 5 for i in r.indicators)


def test_pemdi_2026_structure_and_bands() -> None:
    r = load_rubric("pemdi-2026")
    assert r.domains == []
    assert [a.weight for a in r.aspects] == [10, 10, 15, 15, 10, 15, 25]
    assert len(r.indicators) == 20
    assert r.weight_h["20"] == 1500 and r.weight_h["8"] == 400
    assert r.by_id["8"].aspect == "A3"  # PDP belongs to Data: only then do the aspect sums reach 15
    assert [str(b.lower) for b in r.bands] == ["1.00", "1.50", "2.50", "3.50", "4.00"]
    assert [b.maturity_en for b in r.bands] == ["Initiate", "Emerging", "Developing", "Embedded", "Leading"]
    assert not r.meta.integer_levels


def test_a_structure_only_framework_refuses_scoring_with_its_reason() -> None:
    from pathlib import Path

    r = load_rubric(Path(__file__).parents[1] / "golden" / "unscorable-rubric.toml")
    with pytest.raises(InputError, match="cannot be scored: its weights are not known"):
        require_scorable(r)


def test_spbe_2018_has_its_37_weighted_items_on_a_0_to_5_scale() -> None:
    r = load_rubric("spbe-2018")
    assert len(r.indicators) == 37 and len(r.aspects) == 7 and len(r.domains) == 3
    assert (r.meta.scale_min, r.meta.scale_max) == (0, 5) and r.scorable
    assert [str(r.weight_percent(r.domain_weight_h[d.id])) for d in r.domains] == ["17.00", "28.00", "55.00"]
    assert str(r.weight_percent(r.weight_h["35-2"])) == "3.33"


def test_band_names_normalise() -> None:
    assert band_key("Sangat Baik") == band_key("sangat-baik") == band_key("SANGAT_BAIK") == "sangat baik"


def test_unknown_framework_lists_known_ones() -> None:
    with pytest.raises(InputError, match=r"unknown framework .spbe-1999.*spbe-2020"):
        load_rubric("spbe-1999")


def _broken(tmp_path: Path, edit) -> Path:
    text = (rubrics_dir() / "pemdi-2026.toml").read_text(encoding="utf-8")
    out = tmp_path / "mine.toml"
    out.write_text(edit(text), encoding="utf-8")
    return out


@pytest.mark.parametrize(("edit", "field", "message"), [
    (lambda t: t.replace('id = "2"\n', 'id = "1"\n', 1), None, "indicator id '1' appears twice"),
    (lambda t: t.replace("weight = 15\n", "weight = 14\n", 1), None, "its indicator weights sum to 15"),
    (lambda t: t.replace("max = 2.5\n", "max = 2.4\n", 1), None, "contiguous"),
    (lambda t: t.replace('aspect = "A7"', 'aspect = "A9"', 1), None, "'A9' is not an [[aspect]] id"),
    (lambda t: t.replace("weight = 5\n", 'weight = "5"\n', 1), "indicator[1].weight", "must be a number"),
    (lambda t: t.replace("sources = [", "sourcez = [", 1), "rubric.sourcez", "unknown key"),
    (lambda t: t.replace("\n[rubric]\n", "\n[rubric\n", 1), None, "not valid TOML"),
])
def test_bad_rubric_names_file_and_field(tmp_path: Path, edit, field, message) -> None:
    path = _broken(tmp_path, edit)
    with pytest.raises(InputError) as info:
        load_rubric_file(path.resolve())
    err = info.value
    assert err.path == str(path.resolve())
    assert err.field == field
    assert message in err.message


def test_user_rubric_file_is_loaded_and_validated(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda t: t.replace('id = "pemdi-2026"', 'id = "pemdi-custom"', 1))
    rubrics = RubricSet(path)
    assert rubrics.get("pemdi-custom").id == "pemdi-custom"
    assert rubrics.get("spbe-2020").id == "spbe-2020"


def test_every_rubric_cites_sources() -> None:
    for rid in bundled_rubric_ids():
        raw = tomllib.loads((rubrics_dir() / f"{rid}.toml").read_text(encoding="utf-8"))
        assert raw["rubric"]["sources"], rid
        assert raw["rubric"]["regulation"], rid


def test_bundled_rubrics_meet_the_structure_limits_they_skip_at_load() -> None:
    """Bundled rubrics are read without the structure check (start-up time): this is the check."""
    from tui.core.files.toml_limits import check_structure
    from tui.core.resources import rubrics_dir

    for path in rubrics_dir().glob("*.toml"):
        check_structure(path.read_text(encoding="utf-8"), path)


def test_every_level_of_both_scorable_frameworks_lists_its_evidence() -> None:
    rubrics = RubricSet()
    for framework in ("spbe-2020", "pemdi-2026"):
        rubric = rubrics.get(framework)
        for ind in rubric.indicators:
            for level in range(rubric.meta.scale_min, rubric.meta.scale_max + 1):
                items = rubric.level_evidence(ind.id, level)
                assert 1 <= len(items) <= 5 and all(len(x) <= 300 for x in items), (framework, ind.id, level)
    pemdi = rubrics.get("pemdi-2026")
    assert pemdi.by_id["9"].uncertain_levels == [3, 4] and pemdi.by_id["9"].confidence == "sedang"
    assert pemdi.by_id["10"].name == "Tingkat Kematangan Keamanan Siber"
    assert pemdi.by_id["15"].name == "Tingkat Kematangan Keterpaduan Proses Bisnis Lintas Sektor"
    assert [a.name for a in pemdi.aspects][3:5] == ["Keamanan Pemerintah Digital", "Teknologi Pemerintah Digital"]
