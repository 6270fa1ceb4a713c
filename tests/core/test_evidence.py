"""Evidence per level: a level counts when all its evidence is accepted, and none above a failure."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import InputError
from tui.core.resources import demo_scenario
from tui.core.scenario.evidence import CLAIMED, STATUSES, VERIFIED, EvidenceItem, accepted_level
from tui.core.scenario.scenario_file import dump_scenario, parse_scenario
from tui.core.scenario.summary import evidence_outcomes, resolve_cohort
from tui.core.scoring.rubric import RubricSet


def item(level: int, status: str, ind: str = "3") -> EvidenceItem:
    return EvidenceItem(indicator=ind, level=level, item=f"bukti {level}", status=status)  # type: ignore[arg-type]


@pytest.mark.parametrize(("items", "claimed", "verified"), [
    ([], 200, 200),                                                    # nothing recorded: the baseline
    ([item(3, "diterima"), item(4, "diterima")], 400, 400),
    ([item(3, "diterima"), item(4, "diunggah")], 400, 300),           # uploaded counts as claimed only
    ([item(3, "ditolak"), item(4, "diterima")], 200, 200),            # a failed lower level caps it
    ([item(3, "diterima"), item(3, "revisi"), item(4, "diterima")], 200, 200),  # all of a level's items
    ([item(4, "diterima")], 200, 200),                                # level 3 has no evidence
    ([item(3, "diterima"), item(4, "diterima"), item(5, "diterima")], 400, 400),  # never above the target
])
def test_the_status_rules(items: list[EvidenceItem], claimed: int, verified: int) -> None:
    assert accepted_level(200, 400, items, CLAIMED) == claimed
    assert accepted_level(200, 400, items, VERIFIED) == verified


@given(st.lists(st.tuples(st.integers(2, 5), st.sampled_from(STATUSES)), max_size=8))
def test_verified_never_above_claimed_never_above_planned(pairs: list[tuple[int, str]]) -> None:
    items = [item(level, status) for level, status in pairs]
    v, c = accepted_level(175, 450, items, VERIFIED), accepted_level(175, 450, items, CLAIMED)
    assert 175 <= v <= c <= 450


def raw_with_evidence() -> dict:  # type: ignore[type-arg]
    raw = tomllib.loads(demo_scenario("spbe").read_text(encoding="utf-8"))
    raw["schema"] = 1  # a schema-1 file with evidence still opens
    raw["target"] = {"3": 4}
    raw["evidence"] = [
        {"indicator": "3", "level": 3, "item": "Perbup manajemen data", "status": "diterima",
         "owner": "Diskominfo", "due": date(2027, 8, 15)},
        {"indicator": "3", "level": 4, "item": "Laporan reviu", "status": "diunggah", "owner": "Bappeda"},
    ]
    return raw


def test_schema_1_opens_and_saves_as_schema_2_with_the_evidence() -> None:
    s, rubric = parse_scenario(raw_with_evidence(), RubricSet())
    text = dump_scenario(s)
    assert text.startswith("schema = 2\n")
    assert '[[evidence]]\nindicator = "3"\nlevel = 3\nitem = "Perbup manajemen data"\nstatus = "diterima"' in text
    assert "due = 2027-08-15" in text
    again = parse_scenario(tomllib.loads(text), RubricSet())[0]
    assert again == s and again.evidence[0].due == date(2027, 8, 15)
    claimed, verified = evidence_outcomes(s, rubric, resolve_cohort(s, rubric))
    assert claimed.evaluation.index_exact > verified.evaluation.index_exact  # level 4 only claimed


@pytest.mark.parametrize(("change", "needle"), [
    ({"status": "mungkin"}, "evidence[1].status"),
    ({"indicator": "99"}, "evidence[1].indicator"),
    ({"level": 7}, "evidence[1].level"),
])
def test_bad_evidence_is_named(change: dict, needle: str) -> None:  # type: ignore[type-arg]
    raw = raw_with_evidence()
    raw["evidence"][0].update(change)
    with pytest.raises(InputError) as err:
        parse_scenario(raw, RubricSet(), "x.toml")
    assert needle in str(err.value)
