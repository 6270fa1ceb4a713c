"""Plans that survive rejection, and programmes: exact, checked against brute force on small problems.

The brute force here knows nothing of the reformulations: it tries every plan, every set of K
rejected steps and every set of programmes.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_solver import small_rubric, weights
from tui.core.errors import InputError
from tui.core.goal_seek.costs import Constraints, load_costs
from tui.core.goal_seek.milp import solve_with_programmes
from tui.core.goal_seek.planning import make_plan
from tui.core.goal_seek.robust import solve_robust, worst_case_levels
from tui.core.goal_seek.solver import index_millionths, need_for, step_gains
from tui.core.goal_seek.targets import index_target, predikat_target
from tui.core.scenario.programme import Programme
from tui.core.scenario.scenario_file import new_scenario
from tui.core.scoring.rubric import Rubric, load_rubric

SPBE = load_rubric("spbe-2020")


def _levels_after(rubric: Rubric, start: dict[str, int], levels: dict[str, int],
                  rejected: tuple[str, ...]) -> dict[str, int]:
    """Each rejected step (named by its indicator) leaves that indicator one whole level lower."""
    out = dict(levels)
    for ind in set(rejected):
        left = (levels[ind] // 100 - rejected.count(ind)) * 100
        out[ind] = left if left > start[ind] else start[ind]
    return out


def _survives(rubric: Rubric, start: dict[str, int], levels: dict[str, int], need: int, k: int) -> bool:
    steps: list[str] = []
    for i in rubric.indicator_ids:
        steps += [i for lv, _ in step_gains(rubric, i, start[i]) if lv * 100 <= levels[i]]
    base = index_millionths(rubric, start)
    for rejected in itertools.combinations(steps, min(k, len(steps))):
        if index_millionths(rubric, _levels_after(rubric, start, levels, rejected)) - base < need:
            return False
    return True


def _level_choices(rubric: Rubric, start: dict[str, int], cons: Constraints, ind: str) -> list[int]:
    if ind in cons.locked:
        return [start[ind]]
    ups = [lv * 100 for lv, _ in step_gains(rubric, ind, start[ind])]
    if cons.max_step is not None:
        ups = ups[:cons.max_step]
    return [start[ind], *ups]


def brute_force(rubric: Rubric, start: dict[str, int], need: int, cons: Constraints,
                k: int) -> tuple[int, int, int] | None:
    """Best (cost, touched, -gain) over every programme set and every final level of every indicator."""
    ids = rubric.indicator_ids
    best = None
    progs = cons.programmes
    for mask in itertools.product([False, True], repeat=len(progs)):
        chosen = [p for p, on in zip(progs, mask, strict=True) if on]
        floor = dict(start)
        ok = True
        for p in chosen:
            for ind, lv in p.raises.items():
                if lv > start[ind]:
                    if lv not in _level_choices(rubric, start, cons, ind):
                        ok = False
                    floor[ind] = max(floor[ind], lv)
        if not ok:
            continue
        for combo in itertools.product(*(_level_choices(rubric, start, cons, i) for i in ids)):
            levels = dict(zip(ids, combo, strict=True))
            if any(levels[i] < floor[i] for i in ids):
                continue
            cost = sum(p.cost_h for p in chosen)
            for i in ids:
                cost += sum(cons.cost_h(i, lv) for lv, _ in step_gains(rubric, i, start[i])
                            if floor[i] < lv * 100 <= levels[i])
            raised = sum(len([1 for lv, _ in step_gains(rubric, i, start[i]) if lv * 100 <= levels[i]]) for i in ids)
            if cons.max_cost_h is not None and cost > cons.max_cost_h:
                continue
            if cons.max_steps is not None and raised > cons.max_steps:
                continue
            if not _survives(rubric, start, levels, need, k):
                continue
            touched = sum(1 for i in ids if levels[i] != start[i])
            gain = index_millionths(rubric, levels) - index_millionths(rubric, start)
            key = (cost, touched, -gain)
            if best is None or key < best:
                best = key
    return best


@st.composite
def problems(draw: st.DrawFn, programmes: bool) -> tuple[Rubric, dict[str, int], Constraints, int, int]:
    rubric = small_rubric(draw(weights().filter(lambda w: len(w) <= 4)))
    ids = rubric.indicator_ids
    start = {i: draw(st.sampled_from([100, 200, 300, 375, 150])) for i in ids}
    costs = {i: {lv: draw(st.sampled_from([0, 50, 100, 200, 300])) for lv in range(2, 6)} for i in ids}
    progs: tuple[Programme, ...] = ()
    if programmes:
        n = draw(st.integers(1, 3))
        progs = tuple(
            Programme(f"p{k}", f"P{k}", draw(st.sampled_from([0, 100, 150, 250, 400])),
                      {i: draw(st.integers(2, 5)) * 100
                       for i in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))})
            for k in range(n))
    cons = Constraints(
        step_cost_h=costs if draw(st.booleans()) else {},
        max_step=draw(st.none() | st.integers(1, 3)),
        max_steps=draw(st.none() | st.integers(1, 7)),
        max_cost_h=draw(st.none() | st.integers(100, 1500)),
        locked=frozenset(draw(st.lists(st.sampled_from(ids), max_size=1))),
        programmes=progs,
    )
    required = draw(st.integers(150, 450))
    k = draw(st.integers(0, 2))
    return rubric, start, cons, need_for(rubric, start, required), k


@settings(max_examples=150, deadline=None, derandomize=True)
@given(problems(programmes=False))
def test_robust_plans_match_brute_force(problem: tuple[Rubric, dict[str, int], Constraints, int, int]) -> None:
    rubric, start, cons, need, k = problem
    want = brute_force(rubric, start, need, cons, k)
    got = solve_robust(rubric, start, need, cons, k)
    assert got.feasible == (want is not None)
    if want is not None:
        n_touched = len(got.changes)
        assert (got.total_cost_h, n_touched) == want[:2]
        levels = {**start, **{c.indicator: c.to_h for c in got.changes}}
        assert _survives(rubric, start, levels, need, k)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(problems(programmes=True))
def test_programme_plans_match_brute_force(problem: tuple[Rubric, dict[str, int], Constraints, int, int]) -> None:
    rubric, start, cons, need, k = problem
    want = brute_force(rubric, start, need, cons, k)
    got = solve_with_programmes(rubric, start, need, cons, k)
    assert got.feasible == (want is not None)
    if want is not None:
        levels = {**start, **{c.indicator: c.to_h for c in got.changes}}
        gain = index_millionths(rubric, levels) - index_millionths(rubric, start)
        key = (got.total_cost_h, len(got.changes), -gain)
        if k == 0:
            assert key == want
        else:
            assert key[:2] == want[:2]
        assert _survives(rubric, start, levels, need, k)
        for pid in got.programmes:  # every taken programme's levels are really reached
            p = next(p for p in cons.programmes if p.id == pid)
            assert all(levels[i] >= lv for i, lv in p.raises.items())


def test_worst_case_drops_the_most_valuable_steps() -> None:
    r = small_rubric([7000, 3000])
    start = {"1": 100, "2": 375}
    # Indicator 2 from 3.75: its first step (to 4) is worth a quarter of a whole one.
    assert worst_case_levels(r, {"1": 300, "2": 500}, start, 1) == {"1": 200, "2": 500}
    assert worst_case_levels(r, {"1": 300, "2": 500}, start, 3) == {"1": 100, "2": 400}
    assert worst_case_levels(r, {"1": 300, "2": 500}, start, 9) == start


def test_robust_plan_costs_more_and_its_worst_case_still_meets_the_target() -> None:
    ones = new_scenario(SPBE, region="X", year=2024).levels()
    target = predikat_target(SPBE, "baik")
    plain = make_plan(SPBE, ones, target, Constraints(), cohort=None, region="X", projection="hold", year=2024)
    robust = make_plan(SPBE, ones, target, Constraints(), cohort=None, region="X", projection="hold", year=2024,
                       rejected=2)
    assert plain.reachable and robust.reachable
    assert robust.total_cost_h > plain.total_cost_h
    assert robust.worst is not None and robust.worst.evaluation.predikat == "Baik"
    out = robust.as_json()
    assert out["robust"] == 2 and out["worst_case"]["predikat"] == "Baik"
    assert plain.as_json()["robust"] == 0 and "worst_case" not in plain.as_json()


def test_margin_keeps_the_index_above_the_threshold() -> None:
    ones = new_scenario(SPBE, region="X", year=2024).levels()
    p = make_plan(SPBE, ones, index_target(SPBE, "2.6"), Constraints(), cohort=None, region="X",
                  projection="hold", year=2024, margin_h=20)
    assert p.reachable and float(p.result.evaluation.index) >= 2.80
    assert p.as_json()["margin"] == 0.2


def _costs(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "biaya.toml"
    f.write_text(text, encoding="utf-8")
    return f


def test_a_cheap_programme_is_chosen_over_single_steps(tmp_path: Path) -> None:
    f = _costs(tmp_path, 'schema = 1\n[default]\nstep = 2\n[[programme]]\nid = "perbup"\nname = "Perbup SPBE"\n'
                         'cost = 3\nraises = { "1" = 3, "2" = 3, "3" = 3 }\nowner = "Bappeda"\n')
    cons = load_costs(f, SPBE)
    assert cons.programmes[0].raises == {"1": 300, "2": 300, "3": 300}
    ones = new_scenario(SPBE, region="X", year=2024).levels()
    p = make_plan(SPBE, ones, index_target(SPBE, "1.4"), cons, cohort=None, region="X", projection="hold",
                  year=2024)
    assert p.reachable and [q.id for q in p.programmes] == ["perbup"]
    out = p.as_json()
    assert out["programmes"][0]["owner"] == "Bappeda" and out["programmes"][0]["raises"]["1"] == 3


@pytest.mark.parametrize(("text", "field", "words"), [
    ('[[programme]]\nid = "a"\ncost = 1\nraises = { "99" = 3 }\n', 'programme[1].raises."99"', "99"),
    ('[[programme]]\nid = "a"\ncost = 1\nraises = { "1" = 9 }\n', 'programme[1].raises."1"', "9"),
    ('[[programme]]\nid = "a"\ncost = 1\nraises = { "1" = 3 }\n[[programme]]\nid = "a"\ncost = 2\n'
     'raises = { "2" = 3 }\n', "programme[2].id", "dua kali"),
    ('[[programme]]\nid = "a"\ncost = -1\nraises = { "1" = 3 }\n', "programme", "cost"),
    ('[[programme]]\nid = "a"\ncost = 1\nraises = {}\n', "programme", "raises"),
])
def test_bad_programmes_name_the_field(tmp_path: Path, text: str, field: str, words: str) -> None:
    from tui.presentation.errors import error_text

    with pytest.raises(InputError) as err:
        load_costs(_costs(tmp_path, "schema = 1\n" + text), SPBE)
    message = error_text(err.value, "id")
    assert field in message and words in message and "biaya.toml" in message


def _joint_brute(rubric: Rubric, start: dict[str, int], needs: list[int],
                 cons: Constraints) -> tuple[int, int] | None:
    """Least (total cost, touched) over every pair of per-year levels, the limits applied per year."""
    ids = rubric.indicator_ids
    per = {i: _level_choices(rubric, start, Constraints(locked=cons.locked), i) for i in ids}
    paths = {i: [(a, b) for a in per[i] for b in per[i] if a <= b] for i in ids}
    best = None
    for combo in itertools.product(*(paths[i] for i in ids)):
        years = [dict(zip(ids, (p[y] for p in combo), strict=True)) for y in range(2)]
        ok = True
        before = start
        total = 0
        for y, levels in enumerate(years):
            steps = {i: [lv for lv, _ in step_gains(rubric, i, start[i]) if before[i] < lv * 100 <= levels[i]]
                     for i in ids}
            spend = sum(cons.cost_h(i, lv) for i in ids for lv in steps[i])
            if cons.max_step is not None and any(len(s) > cons.max_step for s in steps.values()):
                ok = False
            if cons.max_steps is not None and sum(len(s) for s in steps.values()) > cons.max_steps:
                ok = False
            if cons.max_cost_h is not None and spend > cons.max_cost_h:
                ok = False
            if index_millionths(rubric, levels) - index_millionths(rubric, start) < needs[y]:
                ok = False
            total += spend
            before = levels
        if ok:
            key = (total, sum(1 for i in ids if years[-1][i] != start[i]))
            best = key if best is None or key < best else best
    return best


@settings(max_examples=60, deadline=None, derandomize=True)
@given(problems(programmes=False), st.integers(0, 80))
def test_joint_roadmap_matches_brute_force(problem: tuple[Rubric, dict[str, int], Constraints, int, int],
                                           more: int) -> None:
    from tui.core.goal_seek.milp import solve_joint

    rubric, start, cons, need, _ = problem
    cons = Constraints(step_cost_h=cons.step_cost_h, max_step=cons.max_step, max_steps=cons.max_steps,
                       max_cost_h=cons.max_cost_h, locked=cons.locked)
    needs = [need, need + more * 10**4 * rubric.weight_k]
    want = _joint_brute(rubric, start, needs, cons)
    got = solve_joint(rubric, start, needs, cons)
    assert (got is not None) == (want is not None)
    if got is not None and want is not None:
        final = got[-1]
        cost = sum(cons.cost_h(i, lv) for i in rubric.indicator_ids for lv, _ in step_gains(rubric, i, start[i])
                   if lv * 100 <= final[i])
        assert (cost, sum(1 for i in final if final[i] != start[i])) == want
        assert all(got[0][i] <= got[1][i] for i in final)


def test_joint_roadmap_is_never_dearer_than_the_yearly_one() -> None:
    from tui.core.goal_seek.planning import roadmap, roadmap_joint

    s = new_scenario(SPBE, region="X", year=2024)
    steps = [(2025, predikat_target(SPBE, "baik")), (2026, predikat_target(SPBE, "sangat baik"))]
    cons = Constraints(max_step=2)
    yearly = roadmap(s, SPBE, steps, cons, cohort=None)
    joint = roadmap_joint(s, SPBE, steps, cons, cohort=None)
    assert all(p.reachable for p in joint) and [p.result.evaluation.predikat for p in joint] == ["Baik", "Sangat Baik"]
    assert sum(p.total_cost_h for p in joint) <= sum(p.total_cost_h for p in yearly)


def test_a_hard_search_stops_at_its_time_limit_with_a_message_and_a_cancel_stops_it_at_once() -> None:
    """--robust 30 over the bundled programme sample searched for 47 s before it was bounded."""
    import threading
    import time

    from tui.core.goal_seek.solve_limits import SolveCancelled, solve_limits
    from tui.core.resources import scenarios_dir
    from tui.core.scenario.scenario_file import load_scenario

    s, rubric = load_scenario(scenarios_dir() / "kabupaten-contoh-2022.toml")
    cons = load_costs(scenarios_dir() / "biaya" / "contoh-program.toml", rubric)
    need = need_for(rubric, s.levels(), 260)
    started = time.monotonic()
    with pytest.raises(InputError) as caught, solve_limits(seconds=0.5):
        solve_with_programmes(rubric, s.levels(), need, cons, 30)
    assert caught.value.code == "plan_time_limit" and time.monotonic() - started < 3
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(SolveCancelled), solve_limits(seconds=60, cancel=cancel):
        solve_with_programmes(rubric, s.levels(), need, cons, 30)
    assert time.monotonic() - started < 3


def test_more_rejected_steps_than_any_plan_can_take_is_refused_by_name() -> None:
    start = {i: 200 for i in SPBE.indicator_ids}
    with pytest.raises(InputError) as caught:
        make_plan(SPBE, start, predikat_target(SPBE, "baik"), Constraints(max_step=1), cohort=None, region="X",
                  projection="hold", year=2023, rejected=47)
    assert caught.value.code == "robust_too_large" and caught.value.field == "robust"
    assert caught.value.params["most"] == 47
