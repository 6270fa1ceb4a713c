"""Competition ranking with ties, bounded peers, exclusion of the region itself, and trends."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import InputError
from tui.core.scoring.cohort import load_cohort, parse_cohort
from tui.core.scoring.ranking import check_framework, ladder, rank


def _rank(value: str, cohort: str, region: str = "Kabupaten Contoh", **kw):
    return rank(Decimal(value), load_cohort(cohort), region=region, scale_min=1, scale_max=5, **kw)


def test_ntt_2022_is_fifth_and_ties_share_the_better_place() -> None:
    assert _rank("3.35", "provinsi-2022", "Provinsi Nusa Tenggara Timur").position == 5
    r = _rank("3.37", "provinsi-2022", "Provinsi Nusa Tenggara Timur")
    assert (r.position, r.position_worst, r.of) == (3, 3, 10)


def test_region_is_left_out_case_insensitively() -> None:
    a = _rank("3.35", "provinsi-2022", "provinsi nusa tenggara timur")
    b = _rank("3.35", "provinsi-2022", "Kabupaten Luar")
    assert a.of == 10 and b.of == 11
    assert a.position == 5 and b.position == 5  # a tie with NTT's own 3.35 does not push b down


def test_competition_ranking_1_2_3_3_5() -> None:
    cohort = parse_cohort({"schema": 1, "cohort": {"id": "t", "name": "t", "framework": "spbe-2020", "year": 2022},
                           "peer": [{"name": n, "index": v} for n, v in
                                    [("A", 4.0), ("B", 3.5), ("C", 3.0), ("D", 3.0), ("E", 2.0)]]})
    places = {n: rank(Decimal(str(v)), cohort, region=n, scale_min=1, scale_max=5).position
              for n, v in [("A", 4.0), ("B", 3.5), ("C", 3.0), ("D", 3.0), ("E", 2.0)]}
    assert places == {"A": 1, "B": 2, "C": 3, "D": 3, "E": 5}


@pytest.mark.parametrize(("value", "best", "worst"), [
    ("2.30", 6, 6), ("1.92", 10, 10), ("1.91", 11, 11), ("1.85", 11, 14), ("1.80", 11, 14),
    ("1.79", 14, 14), ("1.50", 14, 22), ("1.00", 14, 22),
])
def test_unknown_ntt_peers_make_rank_a_range(value: str, best: int, worst: int) -> None:
    r = _rank(value, "ntt-kabkota-2022")
    assert (r.position, r.position_worst, r.of) == (best, worst, 22)


def test_a_group_member_is_left_out_of_its_own_group() -> None:
    r = _rank("1.79", "ntt-kabkota-2022", "Kabupaten Alor")
    assert r.of == 21
    assert (r.position, r.position_worst) == (13, 14)


def test_trend_projection_moves_peers_along_their_last_change() -> None:
    hold = _rank("3.00", "ntb-kabkota-2023")
    trend = _rank("3.00", "ntb-kabkota-2023", projection="trend", target_year=2024)
    assert hold.position == 3  # only Kota Mataram 3.47 and Sumbawa Barat 3.13 above
    # 2024 by trend: Mataram 3.78, Sumbawa Barat 3.60, Lombok Tengah 3.30, Sumbawa 3.27, Lombok Timur 3.01
    assert trend.position == 6
    # Lombok Utara did not move (2.40 -> 2.40) and stays put; Dompu's trend (+0.75/yr) is clamped at 5.
    spans = {s.name: s.low for s in load_cohort("ntb-kabkota-2023").spans(1, 5, projection="trend",
                                                                           target_year=2030)}
    assert spans["Kabupaten Lombok Utara"] == Decimal("2.40")
    assert spans["Kabupaten Dompu"] == Decimal("5.00")


def test_cohort_of_another_framework_is_refused() -> None:
    with pytest.raises(InputError, match="cannot rank a pemdi-2026 scenario"):
        check_framework(load_cohort("provinsi-2022"), "pemdi-2026")


def test_ladder_lists_peers_best_first_with_group_ranges() -> None:
    rows = ladder(load_cohort("ntt-kabkota-2022"), region="Kabupaten Contoh", scale_min=1, scale_max=5)
    assert rows[0].name == "Kabupaten Manggarai Barat"
    groups = [(r.count, str(r.low), str(r.high)) for r in rows if not r.name]
    assert groups == [(3, "1.80", "1.91"), (8, "1.00", "1.79")]


@settings(max_examples=200, deadline=None)
@given(st.integers(100, 500), st.integers(0, 200))
def test_a_higher_index_never_ranks_worse(value: int, step: int) -> None:
    for cid in ("ntt-kabkota-2022", "provinsi-2022", "ntb-kabkota-2023"):
        lo = _rank(str(Decimal(value) / 100), cid)
        hi = _rank(str(Decimal(min(500, value + step)) / 100), cid)
        assert hi.position <= lo.position and hi.position_worst <= lo.position_worst
        assert 1 <= lo.position <= lo.position_worst <= lo.of
