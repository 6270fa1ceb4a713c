"""Scoring against published figures, rounding and band edges, and properties of the formula."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.numbers import format_number, round_half_up, to_hundredths
from tui.core.scoring.evaluation import band_for, evaluate, gap_to_next_band, index_from_groups
from tui.core.scoring.rubric import Rubric, load_rubric

SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"
SPBE = load_rubric("spbe-2020")
PEMDI = load_rubric("pemdi-2026")


def levels_of(rubric: Rubric, values: list[float]) -> dict[str, int]:
    return {i: to_hundredths(v) for i, v in zip(rubric.indicator_ids, values, strict=True)}


def test_national_2024_domains_give_the_published_index() -> None:
    # Laporan Pelaksanaan Evaluasi SPBE 2024: Kebijakan 3.36, Tata Kelola 2.62, Manajemen 1.86,
    # Layanan 3.78; published national index 3.12 (shared/reference/results-national.toml).
    domains = {"D1": Decimal("3.36"), "D2": Decimal("2.62"), "D3": Decimal("1.86"), "D4": Decimal("3.78")}
    exact = index_from_groups(SPBE.domain_weight_h, domains)
    assert round_half_up(exact) == Decimal("3.12")
    assert band_for(SPBE, round_half_up(exact)).name == "Baik"


def _published_pairs() -> list[tuple[str, float, str]]:
    pairs: list[tuple[str, float, str]] = []
    files = ["results-provinces.toml", "results-ntt-2022.toml", "results-ntb-2022-2023.toml"]
    for name in files:
        path = SHARED / name
        if not path.exists():
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for row in data.get("row", []):
            if "predikat" in row and "index" in row:
                pairs.append((row.get("province", ""), row["index"], row["predikat"]))
            if "predikat_2023" in row:
                pairs.append((row["name"], row["y2023"], row["predikat_2023"]))
        for row in data.get("kabkota", []):
            pairs.append((row["name"], row["index"], row["predikat"]))
    return pairs


def test_every_published_index_predikat_pair_matches_the_bands() -> None:
    pairs = _published_pairs()
    if not pairs:
        pytest.skip("shared/reference not beside the repository")
    assert len(pairs) >= 20
    for name, index, predikat in pairs:
        assert band_for(SPBE, Decimal(str(index))).name == predikat, name


@pytest.mark.parametrize(("value", "name"), [
    ("1.00", "Kurang"), ("1.79", "Kurang"), ("1.80", "Cukup"), ("2.59", "Cukup"), ("2.60", "Baik"),
    ("3.49", "Baik"), ("3.50", "Sangat Baik"), ("4.19", "Sangat Baik"), ("4.20", "Memuaskan"), ("5.00", "Memuaskan"),
])
def test_spbe_band_edges(value: str, name: str) -> None:
    assert band_for(SPBE, Decimal(value)).name == name


@pytest.mark.parametrize(("value", "name"), [
    ("1.49", "Kurang"), ("1.50", "Cukup"), ("2.49", "Cukup"), ("2.50", "Baik"), ("3.49", "Baik"),
    ("3.50", "Sangat Baik"), ("3.99", "Sangat Baik"), ("4.00", "Memuaskan"),
])
def test_pemdi_band_edges(value: str, name: str) -> None:
    assert band_for(PEMDI, Decimal(value)).name == name


@pytest.mark.parametrize(("exact", "shown"), [
    (Fraction("2.675"), "2.68"), (Fraction("2.674999"), "2.67"), (Fraction("2.594"), "2.59"),
    (Fraction("3.495"), "3.50"), (Fraction(1, 3), "0.33"), (Fraction(2, 3), "0.67"), (Fraction("4.995"), "5.00"),
])
def test_round_half_up(exact: Fraction, shown: str) -> None:
    assert str(round_half_up(exact)) == shown


def test_predikat_is_decided_on_the_rounded_value() -> None:
    # 3.495 exactly: all Pemdi indicators at 3.49, one weight-5 indicator at 3.59 adds 0.005.
    values = [3.49] * 20
    values[0] = 3.59
    ev = evaluate(PEMDI, levels_of(PEMDI, values))
    assert ev.index_exact == Fraction("3.495")
    assert str(ev.index) == "3.50"
    assert ev.predikat == "Sangat Baik"


def test_2675_shows_268_without_float_artefacts() -> None:
    values = [2.67] * 20
    values[1] = 2.77
    ev = evaluate(PEMDI, levels_of(PEMDI, values))
    assert ev.index_exact == Fraction("2.675") and str(ev.index) == "2.68"
    assert format_number(ev.index, "id") == "2,68" and format_number(ev.index, "en") == "2.68"


def test_all_ones_and_all_fives() -> None:
    for rubric in (SPBE, PEMDI):
        lo = evaluate(rubric, {i: 100 for i in rubric.indicator_ids})
        hi = evaluate(rubric, {i: 500 for i in rubric.indicator_ids})
        assert (str(lo.index), lo.predikat) == ("1.00", "Kurang")
        assert (str(hi.index), hi.predikat) == ("5.00", "Memuaskan")
        assert set(hi.aspects.values()) == {Decimal("5.00")}


def test_single_indicator_moves_its_domain_and_aspect() -> None:
    base = {i: 100 for i in SPBE.indicator_ids}
    ev = evaluate(SPBE, {**base, "1": 500})
    assert ev.index_exact == Fraction(1) + Fraction(4 * 13, 1000)  # +4 levels x 1.3 %
    assert ev.aspects["A1"] == Decimal("1.40") and ev.domains["D1"] == Decimal("1.40")
    assert ev.domains["D4"] == Decimal("1.00")


def test_gap_to_next_band() -> None:
    gap = gap_to_next_band(SPBE, Decimal("2.46"))
    assert gap is not None and gap[0] == Decimal("0.14") and gap[1].name == "Baik"
    assert gap_to_next_band(SPBE, Decimal("4.30")) is None


spbe_levels = st.lists(st.integers(1, 5), min_size=47, max_size=47)
pemdi_levels = st.lists(st.integers(100, 500), min_size=20, max_size=20)


@settings(max_examples=200, deadline=None)
@given(spbe_levels)
def test_index_stays_within_the_scale(values: list[int]) -> None:
    ev = evaluate(SPBE, levels_of(SPBE, values))
    assert 1 <= ev.index_exact <= 5
    assert all(Decimal(1) <= v <= Decimal(5) for v in [*ev.domains.values(), *ev.aspects.values()])


@settings(max_examples=200, deadline=None)
@given(spbe_levels)
def test_index_is_the_weighted_sum_of_domains_and_of_aspects(values: list[int]) -> None:
    ev = evaluate(SPBE, levels_of(SPBE, values))
    assert index_from_groups(SPBE.domain_weight_h, ev.domains_exact) == ev.index_exact
    assert index_from_groups(SPBE.aspect_weight_h, ev.aspects_exact) == ev.index_exact


@settings(max_examples=200, deadline=None)
@given(pemdi_levels, st.integers(0, 19), st.integers(1, 400))
def test_raising_a_level_never_lowers_index_or_predikat(values: list[int], which: int, step: int) -> None:
    levels = dict(zip(PEMDI.indicator_ids, values, strict=True))
    before = evaluate(PEMDI, levels)
    ind = PEMDI.indicator_ids[which]
    levels[ind] = min(500, levels[ind] + step)
    after = evaluate(PEMDI, levels)
    assert after.index_exact >= before.index_exact
    assert PEMDI.bands.index(after.band) >= PEMDI.bands.index(before.band)


@settings(max_examples=100, deadline=None)
@given(pemdi_levels)
def test_pemdi_index_equals_the_aspect_formula(values: list[int]) -> None:
    levels = dict(zip(PEMDI.indicator_ids, values, strict=True))
    ev = evaluate(PEMDI, levels)
    # Indeks Pemdi = sum(BA x IA) / 100 (Aceh Tengah guide, par. 3.2)
    by_aspect = sum(Fraction(a.weight) * ev.aspects_exact[a.id] for a in PEMDI.aspects) / 100
    assert by_aspect == ev.index_exact


def test_spbe_2018_denpasar_case_scores_as_published() -> None:
    """Kota Denpasar 2018 under PermenPANRB 5/2018: 0-5 scale, 37 items, six of weight 20/6."""
    from pathlib import Path

    from tui.core.scenario.scenario_file import load_scenario
    from tui.core.scoring.evaluation import evaluate

    s, rubric = load_scenario(Path(__file__).parents[1] / "golden" / "denpasar-2018.toml")
    assert rubric.meta.scale_min == 0 and len(rubric.indicators) == 37 and rubric.weight_k == 3
    ev = evaluate(rubric, s.levels())
    assert ev.index_exact == Fraction(264, 100) and str(ev.index) == "2.64" and ev.predikat == "Baik"
    assert [str(v) for v in ev.aspects.values()] == ["2.00", "2.10", "2.00", "2.50", "2.33", "3.29", "2.50"]
    assert [str(v) for v in ev.domains.values()] == ["2.06", "2.29", "3.00"]
    low = {i: 0 for i in rubric.indicator_ids}
    assert str(evaluate(rubric, low).index) == "0.00" and evaluate(rubric, low).predikat == "Kurang"
