"""Externally scored Pemdi indicators: the other agency's index mapped onto a value."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import InputError
from tui.core.resources import demo_scenario
from tui.core.scenario.external import derived_value_h, external_ids
from tui.core.scenario.scenario_file import dump_scenario, parse_scenario
from tui.core.scoring.rubric import RubricSet

PEMDI = RubricSet().get("pemdi-2026")


@pytest.mark.parametrize(("ind", "index", "value"), [
    ("5", 25, 2.00),      # the module's worked examples
    ("5", 68.75, 3.75),
    ("6", 3.0, 3.00),     # SJIG 3.0
    ("5", 0, 1.00), ("5", 12.5, 1.50), ("5", 100, 5.00),  # band edges: lower inclusive, top closed
    ("7", 1.8, 1.50), ("7", 4.2, 4.00),  # IPS/EPSS has bands of its own
    ("10", 3.75, 3.75), ("18", 50, 3.00),
])
def test_the_index_maps_linearly_onto_the_value_band_of_its_level(ind: str, index: float, value: float) -> None:
    assert derived_value_h(PEMDI, ind, round(index * 100)) == round(value * 100)


def test_cryptography_reaches_level_5_only_through_ikasandi() -> None:
    assert derived_value_h(PEMDI, "11", 450, own_h=300) == 450  # in the level-5 band: the index decides
    assert derived_value_h(PEMDI, "11", 350, own_h=300) == 300  # below it: the indicator's own value
    assert derived_value_h(PEMDI, "11", 350, own_h=480) == 400  # … but not into level 5


@given(st.sampled_from(external_ids(PEMDI)), st.integers(0, 10000), st.integers(0, 10000))
def test_a_higher_index_never_gives_a_lower_value(ind: str, a: int, b: int) -> None:
    ext = PEMDI.by_id[ind].external
    assert ext is not None
    lo, hi = int(ext.low * 100), int(ext.high * 100)
    a, b = sorted((lo + a % (hi - lo + 1), lo + b % (hi - lo + 1)))
    va, vb = derived_value_h(PEMDI, ind, a, own_h=100), derived_value_h(PEMDI, ind, b, own_h=100)
    assert PEMDI.scale_min_h <= va <= vb <= PEMDI.scale_max_h


def raw_demo() -> dict:  # type: ignore[type-arg]
    return tomllib.loads(demo_scenario("pemdi").read_text(encoding="utf-8"))


def test_a_scenario_gives_the_index_instead_of_the_value_and_saves_both() -> None:
    raw = raw_demo()
    raw["baseline"].pop("5")
    raw["external"]["5"] = 68.75
    raw["external_target"] = {"6": 3.0}
    s, _ = parse_scenario(raw, RubricSet())
    assert s.baseline["5"] == 375 and s.external["5"] == 6875
    assert s.level("6") == 300 and s.external_target == {"6": 300}
    text = dump_scenario(s)
    assert '[external]\n"5" = 68.75' in text and '"5" = 3.75' in text
    assert parse_scenario(tomllib.loads(text), RubricSet())[0] == s


@pytest.mark.parametrize(("table", "key", "value", "message"), [
    ("external", "5", 120, 'external."5": SDI must lie within 0–100, got 120'),
    ("external", "1", 50, 'external."1": indicator 1 is not scored by another agency'),
    ("baseline", "5", 2.0, 'baseline."5": the value 2 differs from 2.25, the value SDI 31.25 gives'),
])
def test_bad_indices_are_named_by_file_and_key(table: str, key: str, value: float, message: str) -> None:
    raw = raw_demo()
    raw[table][key] = value
    with pytest.raises(InputError) as err:
        parse_scenario(raw, RubricSet(), "x.toml")
    assert message in str(err.value) and str(err.value).startswith("x.toml: ")


def test_setting_a_level_directly_drops_the_what_if_index() -> None:
    s, rubric = parse_scenario(raw_demo(), RubricSet())
    s = s.with_external_target(rubric, "5", 6875)
    assert s.level("5") == 375 and s.external_target == {"5": 6875}
    s = s.with_level(rubric, "5", 400)  # a plan with --unlock-external
    assert s.external_target == {} and s.level("5") == 400
    assert parse_scenario(tomllib.loads(dump_scenario(s)), RubricSet())[0] == s
