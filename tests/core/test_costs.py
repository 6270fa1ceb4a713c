"""Cost files: lookup order, limits, and clear messages for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.goal_seek.costs import load_costs
from tui.core.goal_seek.planning import plan_scenario
from tui.core.goal_seek.targets import predikat_target
from tui.core.scenario.scenario_file import new_scenario
from tui.core.scoring.rubric import load_rubric

SPBE = load_rubric("spbe-2020")

GOOD = """
schema = 1
framework = "spbe-2020"

[default]
step = 1
to_level = { "4" = 2, "5" = 3.5 }

[indicator."12"]
step = 2
to_level = { "5" = 4 }

[indicator."7"]
to_level = { "3" = 0.5 }

[limits]
max_step = 2
max_steps = 30
max_cost = 40
locked = ["3", "17"]
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "costs.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_lookup_is_most_specific_first(tmp_path: Path) -> None:
    c = load_costs(write(tmp_path, GOOD), SPBE)
    assert c.cost_h("1", 2) == 100 and c.cost_h("1", 4) == 200 and c.cost_h("1", 5) == 350
    assert c.cost_h("12", 2) == 200 and c.cost_h("12", 4) == 200 and c.cost_h("12", 5) == 400
    assert c.cost_h("7", 3) == 50 and c.cost_h("7", 4) == 200
    assert (c.max_step, c.max_steps, c.max_cost_h) == (2, 30, 4000)
    assert c.locked == {"3", "17"}


def test_plan_with_a_cost_file_respects_it(tmp_path: Path) -> None:
    c = load_costs(write(tmp_path, GOOD), SPBE)
    s = new_scenario(SPBE, region="X", year=2024)
    plan = plan_scenario(s, SPBE, predikat_target(SPBE, "Cukup"), c, cohort=None)
    assert plan.reachable
    assert {"3", "17"}.isdisjoint(ch.indicator for ch in plan.changes)
    assert plan.total_cost_h == sum(ch.cost_h for ch in plan.changes) <= 4000


@pytest.mark.parametrize(("text", "field", "words"), [
    ('[indicator."99"]\nstep = 1\n', 'indicator."99"', "unknown indicator"),
    ('[default]\nstep = -1\n', "default.step", "must be at least 0"),
    ('[default]\nto_level = { "7" = 1 }\n', 'default.to_level."7"', "whole number from 2 to 5"),
    ('[default]\nto_level = { "1" = 1 }\n', 'default.to_level."1"', "whole number from 2 to 5"),
    ('[default]\nstep = 1.005\n', "default.step", "more than 2 decimals"),
    ('[limits]\nlocked = ["0"]\n', "limits.locked", "unknown indicator"),
    ('[limits]\nmax_step = "two"\n', "limits.max_step", ""),
    ('[limits]\ncap = 2\n', "limits.cap", ""),
    ('framework = "pemdi-2026"\n', "framework", "pemdi-2026"),
    ("schema = 9\n", "schema", "newer"),
])
def test_bad_cost_files_name_file_and_field(tmp_path: Path, text: str, field: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_costs(path, SPBE)
    assert err.value.path == str(path)
    assert err.value.field == field
    assert words in err.value.message


def test_broken_toml_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "[default\nstep = 1")
    with pytest.raises(InputError) as err:
        load_costs(path, SPBE)
    assert err.value.path == str(path)


def test_bundled_example_cost_file_loads_and_plans() -> None:
    from tui.core.resources import scenarios_dir
    c = load_costs(scenarios_dir() / "biaya" / "contoh-biaya.toml", SPBE)
    assert c.max_step == 2 and c.cost_h("45", 5) == 400 and c.cost_h("1", 4) == 200
    s = new_scenario(SPBE, region="X", year=2024, level=2)
    plan = plan_scenario(s, SPBE, predikat_target(SPBE, "Baik"), c, cohort=None)
    assert plan.reachable and plan.result.evaluation.predikat == "Baik"


def test_without_a_cost_file_the_effort_grows_with_the_level_reached() -> None:
    from tui.core.goal_seek.costs import Constraints

    cons = Constraints()
    assert [cons.cost_h("1", level) for level in (2, 3, 4, 5)] == [100, 200, 300, 500]
    # A cost file's own default still wins over the built-in ladder.
    flat = load_costs_text('schema = 1\n[default]\nstep = 1\n')
    assert {flat.cost_h("1", level) for level in (2, 3, 4, 5)} == {100}
    ladder_kept = load_costs_text('schema = 1\n[indicator."3"]\nstep = 4\n')
    assert ladder_kept.cost_h("3", 5) == 400 and ladder_kept.cost_h("4", 5) == 500


def test_the_heaviest_indicators_last_step_is_no_longer_the_cheapest_way() -> None:
    # Everything at 2, the heaviest indicator at 4. A flat cost of 1 per step made its 4 -> 5 the
    # cheapest way to a small gain; by the ladder (5 to reach level 5) ordinary 2 -> 3 steps win.
    from dataclasses import replace

    from tui.core.goal_seek.targets import index_target
    from tui.core.scoring.evaluation import evaluate

    top = max(SPBE.weight_h.values())
    heavy = [i for i in SPBE.indicator_ids if SPBE.weight_h[i] == top]  # all of them at 4
    heaviest = heavy[0]
    s = new_scenario(SPBE, region="Kabupaten Uji", year=2022)
    s = replace(s, baseline={**{i: 200 for i in SPBE.indicator_ids}, **{i: 400 for i in heavy}})
    # Exactly what the heaviest indicator's last step would add: one step reaches it.
    goal = evaluate(SPBE, {**s.levels(), heaviest: 500}).index
    assert goal > evaluate(SPBE, s.levels()).index
    flat = plan_scenario(s, SPBE, index_target(SPBE, str(goal)), load_costs_text("schema = 1\n[default]\nstep = 1\n"),
                         cohort=None)
    assert [(c.indicator in heavy, c.to_h) for c in flat.changes] == [(True, 500)]  # what planners saw
    plan = plan_scenario(s, SPBE, index_target(SPBE, str(goal)), load_costs_text("schema = 1\n"), cohort=None)
    assert plan.reachable and plan.changes
    assert all(c.to_h < 500 for c in plan.changes), plan.changes
    assert plan.total_cost_h == sum(c.cost_h for c in plan.changes)
    assert plan.total_cost_h < 500


def load_costs_text(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "biaya.toml"
        path.write_text(text, encoding="utf-8")
        return load_costs(path, SPBE)
