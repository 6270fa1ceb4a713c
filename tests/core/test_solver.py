"""Goal seek is optimal: checked against brute force on many small random rubrics and baselines."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.planning import make_plan, plan_scenario
from tui.core.goal_seek.solver import need_for, options, sensitivity, solve
from tui.core.goal_seek.targets import index_target, predikat_target
from tui.core.scenario.scenario_file import new_scenario
from tui.core.scoring.evaluation import evaluate
from tui.core.scoring.rubric import Rubric, load_rubric, parse_rubric

SPBE = load_rubric("spbe-2020")
PEMDI = load_rubric("pemdi-2026")


def small_rubric(weights_h: list[int]) -> Rubric:
    """A one-aspect rubric whose indicator weights (hundredths of a percent) sum to 100 %."""
    ids = [str(k + 1) for k in range(len(weights_h))]
    bands = [("Kurang", 1, 1.8), ("Cukup", 1.8, 2.6), ("Baik", 2.6, 3.5), ("Sangat Baik", 3.5, 4.2),
             ("Memuaskan", 4.2, 5)]
    raw = {
        "schema": 1,
        "rubric": {"id": "mini", "name": "Mini", "regulation": "test", "sources": ["test"]},
        "band": [{"name": n, "min": lo, "max": hi} for n, lo, hi in bands],
        "aspect": [{"id": "A", "name": "A", "weight": 100}],
        "indicator": [{"id": i, "short": i, "name": i, "aspect": "A", "weight": w / 100,
                       "levels": ["a", "b", "c", "d", "e"]} for i, w in zip(ids, weights_h, strict=True)],
    }
    return parse_rubric(raw)


@st.composite
def weights(draw: st.DrawFn) -> list[int]:
    n = draw(st.integers(2, 5))
    cuts = sorted(draw(st.lists(st.integers(1, 9999), min_size=n - 1, max_size=n - 1, unique=True)))
    return [b - a for a, b in itertools.pairwise([0, *cuts, 10000])]


@st.composite
def problems(draw: st.DrawFn) -> tuple[Rubric, dict[str, int], Constraints, int]:
    rubric = small_rubric(draw(weights()))
    ids = rubric.indicator_ids
    levels = {i: draw(st.sampled_from([100, 200, 300, 375, 400, 500, 150])) for i in ids}
    costs = {i: {lv: draw(st.sampled_from([0, 50, 100, 100, 150, 200, 300])) for lv in range(2, 6)} for i in ids}
    cons = Constraints(
        step_cost_h=costs if draw(st.booleans()) else {},
        max_step=draw(st.none() | st.integers(0, 3)),
        max_steps=draw(st.none() | st.integers(0, 8)),
        max_cost_h=draw(st.none() | st.integers(0, 1500)),
        locked=frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))),
    )
    required = draw(st.integers(100, 500))
    return rubric, levels, cons, required


def brute_force(rubric: Rubric, levels: dict[str, int], cons: Constraints,
                need: int | None) -> tuple[int, int, int] | None:
    """Best (cost, touched, -gain) over every combination of options, or the best reachable."""
    ids = rubric.indicator_ids
    best: tuple[int, int, int] | None = None
    for combo in itertools.product(*(options(rubric, i, levels[i], cons) for i in ids)):
        cost = sum(o.cost_h for o in combo)
        steps = sum(o.steps for o in combo)
        gain = sum(o.gain for o in combo)
        touched = sum(1 for o in combo if o.steps)
        if cons.max_cost_h is not None and cost > cons.max_cost_h:
            continue
        if cons.max_steps is not None and steps > cons.max_steps:
            continue
        if need is not None and gain < need:
            continue
        key = (cost, touched, -gain) if need is not None else (-gain, cost, touched)
        if best is None or key < best:
            best = key
    return best


@settings(max_examples=400, deadline=None)
@given(problems())
def test_solver_matches_brute_force(problem: tuple[Rubric, dict[str, int], Constraints, int]) -> None:
    rubric, levels, cons, required = problem
    need = need_for(rubric, levels, required)
    sol = solve(rubric, levels, need, cons)
    expected = brute_force(rubric, levels, cons, need)
    assert sol.feasible == (expected is not None)
    touched = len(sol.changes)
    gain = sum(c.gain for c in sol.changes) * 10**6
    if expected is not None:
        assert (sol.total_cost_h, touched, -gain) == expected
        # and the plan really reaches the required rounded index
        after = {**levels, **{c.indicator: c.to_h for c in sol.changes}}
        assert evaluate(rubric, after).index * 100 >= required
    best = solve(rubric, levels, None, cons)
    expected_best = brute_force(rubric, levels, cons, None)
    assert expected_best is not None  # doing nothing is always allowed
    best_gain = sum(c.gain for c in best.changes) * 10**6
    assert (-best_gain, best.total_cost_h, len(best.changes)) == expected_best


@settings(max_examples=100, deadline=None)
@given(problems())
def test_plans_respect_every_limit(problem: tuple[Rubric, dict[str, int], Constraints, int]) -> None:
    rubric, levels, cons, required = problem
    sol = solve(rubric, levels, need_for(rubric, levels, required), cons)
    for c in sol.changes:
        assert c.indicator not in cons.locked
        assert c.to_h > c.from_h and c.to_h % 100 == 0 and c.to_h <= 500
        steps = c.to_h // 100 - c.from_h // 100
        if cons.max_step is not None:
            assert steps <= cons.max_step
    if cons.max_cost_h is not None:
        assert sol.total_cost_h <= cons.max_cost_h


def test_pemdi_decimal_level_steps_to_the_next_whole_level() -> None:
    opts = options(PEMDI, "4", 175, Constraints())
    assert [(o.to_h, o.steps) for o in opts] == [(175, 0), (200, 1), (300, 2), (400, 3), (500, 4)]
    # The partial step gains only the quarter level it really adds.
    assert opts[1].gain == 25 * PEMDI.weight_h["4"]
    capped = options(PEMDI, "4", 375, Constraints(max_step=1))
    assert [o.to_h for o in capped] == [375, 400]


def test_hardest_target_under_caps_is_unreachable_and_says_why() -> None:
    s = new_scenario(SPBE, region="X", year=2024)
    plan = plan_scenario(s, SPBE, predikat_target(SPBE, "memuaskan"), Constraints(max_step=2), cohort=None)
    assert not plan.reachable
    assert plan.blockers == ("max_step",)
    # the best reachable result: every indicator two levels up
    assert str(plan.result.evaluation.index) == "3.00"
    assert len(plan.changes) == 47


def test_target_above_the_scale_blames_the_scale() -> None:
    s = new_scenario(SPBE, region="X", year=2024)
    locked = Constraints(locked=frozenset(SPBE.indicator_ids))
    plan = plan_scenario(s, SPBE, index_target(SPBE, "5"), locked, cohort=None)
    assert not plan.reachable and plan.blockers == ("locked",)
    assert plan.changes == ()


def test_already_reached_needs_nothing() -> None:
    s = new_scenario(SPBE, region="X", year=2024, level=3)
    plan = plan_scenario(s, SPBE, predikat_target(SPBE, "Baik"), Constraints(), cohort=None)
    assert plan.reachable and plan.changes == () and plan.total_cost_h == 0


def test_index_target_counts_rounding_half_up() -> None:
    # The plan may stop at an exact index of x.xx5: it shows, and is ranked, as the value above.
    s = new_scenario(SPBE, region="X", year=2024)
    plan = plan_scenario(s, SPBE, index_target(SPBE, "1.5"), Constraints(), cohort=None)
    assert plan.reachable
    assert plan.result.evaluation.index >= plan.required_h / 100  # type: ignore[operator]
    exact = plan.result.evaluation.index_exact
    assert exact >= Fraction(1495, 1000)


@pytest.mark.parametrize("name", ["Sangat Baik", "sangat-baik", "SANGAT_BAIK", " sangat  baik "])
def test_predikat_names_are_forgiving(name: str) -> None:
    assert predikat_target(SPBE, name).value == "Sangat Baik"


def test_unknown_predikat_names_the_choices() -> None:
    from tui.core.errors import InputError
    with pytest.raises(InputError, match="Kurang, Cukup, Baik, Sangat Baik, Memuaskan"):
        predikat_target(SPBE, "luar biasa")


def test_sensitivity_ranks_the_moves_that_pay_most() -> None:
    s = new_scenario(SPBE, region="X", year=2024)
    moves = sensitivity(SPBE, s.levels(), Constraints())
    assert len(moves) == 47
    gains = [m.gain for m in moves]
    assert gains == sorted(gains, reverse=True)
    top = max(SPBE.indicator_ids, key=lambda i: SPBE.weight_h[i])
    assert SPBE.weight_h[moves[0].indicator] == SPBE.weight_h[top]
    locked = sensitivity(SPBE, s.levels(), Constraints(locked=frozenset({moves[0].indicator})))
    assert moves[0].indicator not in {m.indicator for m in locked}


def test_make_plan_reports_the_result_it_promises() -> None:
    s = new_scenario(SPBE, region="X", year=2024, level=2)
    plan = make_plan(SPBE, s.levels(), predikat_target(SPBE, "Baik"), Constraints(max_step=1), cohort=None,
                     region="X", projection="hold", year=2025)
    assert plan.reachable
    assert plan.result.evaluation.predikat in ("Baik", "Sangat Baik", "Memuaskan")
    assert evaluate(SPBE, plan.levels).index == plan.result.evaluation.index


def _cohort(tmp_path, peers: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    from tui.core.scoring.cohort import load_cohort
    body = "\n".join(f'[[peer]]\nname = "{n}"\n{v}\n' for n, v in peers)
    path = tmp_path / "peers.toml"
    path.write_text('schema = 1\n[cohort]\nid = "peers"\nname = "Peers"\nframework = "spbe-2020"\n'
                    f'year = 2024\nsources = ["test"]\n\n{body}', encoding="utf-8")
    return load_cohort(path)


def test_rank_target_shares_a_tied_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tui.core.goal_seek.targets import rank_target, required_index_h
    cohort = _cohort(tmp_path, [("A", "index = 2.5"), ("B", "index = 2.5"), ("C", "index = 2.4")])
    def need(n: int) -> int | None:
        return required_index_h(SPBE, rank_target(n, cohort), cohort=cohort, region="X",
                                projection="hold", year=2025)
    # equal to A and B shares their first place; ranks 2 and 3 need no more than that
    assert need(1) == need(2) == 250
    assert need(3) == 240   # tied with C, behind A and B: place 3
    assert need(4) == 100   # last of four whatever the index


def test_rank_target_with_an_uncertain_peer_takes_the_worst_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tui.core.goal_seek.targets import rank_target, required_index_h
    cohort = _cohort(tmp_path, [("A", "lower = 2.0\nupper = 2.6")])
    got = required_index_h(SPBE, rank_target(1, cohort), cohort=cohort, region="X", projection="hold", year=2025)
    # the peer is somewhere in [2.00, 2.60): at most 2.59, which a region ties at first place
    assert got == 259


def test_rank_plan_on_the_demo_region_lands_in_place() -> None:
    from tui.core.goal_seek.targets import rank_target
    from tui.core.scenario.scenario_file import load_scenario
    from tui.core.scenario.summary import resolve_cohort
    s, r = load_scenario(__import__("tui.core.resources", fromlist=["x"]).default_scenario())
    cohort = resolve_cohort(s, r)
    for place in (1, 3, 5):
        plan = plan_scenario(s, r, rank_target(place, cohort), Constraints(), cohort=cohort)
        assert plan.reachable and plan.result.rank is not None
        assert plan.result.rank.position_worst <= place
        # one hundredth less would not have done: the plan is not over-shooting the threshold
        assert plan.required_h is not None


def test_rank_target_needs_a_cohort() -> None:
    from tui.core.errors import InputError
    from tui.core.goal_seek.targets import rank_target
    with pytest.raises(InputError, match="cohort"):
        rank_target(3, None)


def test_roadmap_builds_year_on_year() -> None:
    from tui.core.goal_seek.planning import roadmap
    s = new_scenario(SPBE, region="X", year=2024)
    plans = roadmap(s, SPBE, [(2025, predikat_target(SPBE, "Cukup")), (2026, predikat_target(SPBE, "Baik"))],
                    Constraints(max_step=1), cohort=None)
    assert [p.reachable for p in plans] == [True, True]
    assert plans[1].start == plans[0].levels
    for c in plans[1].changes:
        assert c.from_h == plans[0].levels[c.indicator]
        assert c.to_h - c.from_h == 100  # the cap holds per year
    assert plans[1].result.evaluation.predikat == "Baik"


def test_roadmap_years_must_be_in_order() -> None:
    from tui.core.errors import InputError
    from tui.core.goal_seek.planning import roadmap
    s = new_scenario(SPBE, region="X", year=2024)
    with pytest.raises(InputError, match="in order"):
        roadmap(s, SPBE, [(2026, predikat_target(SPBE, "Baik")), (2025, predikat_target(SPBE, "Cukup"))],
                Constraints(), cohort=None)


def test_apply_plan_writes_targets_and_year() -> None:
    from tui.core.goal_seek.planning import apply_plan, roadmap
    s = new_scenario(SPBE, region="X", year=2024)
    plans = roadmap(s, SPBE, [(2026, predikat_target(SPBE, "Cukup"))], Constraints(), cohort=None)
    applied = apply_plan(s, SPBE, plans)
    assert applied.target_year == 2026
    assert applied.levels() == plans[0].levels
    assert evaluate(SPBE, applied.levels()).predikat == "Cukup"


def test_pemdi_plan_from_decimal_targets_reaches_the_band() -> None:
    from tui.core.resources import scenarios_dir
    from tui.core.scenario.scenario_file import load_scenario
    s, r = load_scenario(scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml")
    plan = plan_scenario(s, r, predikat_target(r, "Baik"), Constraints(max_step=2), cohort=None)
    assert plan.reachable and plan.result.evaluation.predikat == "Baik"
    for c in plan.changes:
        assert c.from_h == s.level(c.indicator)  # planned on top of the scenario's own targets
        assert c.to_h % 100 == 0 and c.to_h // 100 - c.from_h // 100 <= 2
    # one step less in total would not reach it: the cheapest plan is exactly at the threshold
    need = need_for(r, s.levels(), plan.required_h or 0)
    assert not solve(r, s.levels(), need, Constraints(max_step=2, max_cost_h=plan.total_cost_h - 100)).feasible
