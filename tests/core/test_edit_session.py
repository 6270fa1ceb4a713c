"""The planning session: its cached baseline outcome must never go stale."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.edit_session import EditSession
from tui.core.resources import default_scenario
from tui.core.scenario import load_scenario
from tui.core.summary import resolve_cohort, summarize

SCENARIO, RUBRIC = load_scenario(default_scenario())
COHORT = resolve_cohort(SCENARIO, RUBRIC)
IDS = list(RUBRIC.indicator_ids)

edits = st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(["up", "down", "set", "reset", "undo", "trend"]),
                           st.integers(1, 5)), max_size=25)


def edit(session: EditSession, ind: str, what: str, level: int) -> None:
    if what in ("up", "down"):
        session.step(ind, 1 if what == "up" else -1)
    elif what == "set":
        session.set_level(ind, level * 100)
    elif what == "reset":
        session.reset(ind)
    elif what == "undo":
        session.undo()
    else:
        session.switch_projection()


@settings(max_examples=40, deadline=None)
@given(edits)
def test_summary_matches_scoring_from_scratch_after_any_edits(steps: list[tuple[str, str, int]]) -> None:
    session = EditSession.opened(SCENARIO, RUBRIC, COHORT, None)
    for ind, what, level in steps:
        edit(session, ind, what, level)
        assert session.summary() == summarize(session.scenario, RUBRIC, COHORT, session.projection)


def test_a_new_baseline_is_scored_afresh() -> None:
    session = EditSession.opened(SCENARIO, RUBRIC, COHORT, None)
    first = session.summary().baseline
    ind = IDS[0]
    raised = SCENARIO.with_level(RUBRIC, ind, 500)
    session.scenario = type(SCENARIO)(meta=raised.meta, baseline=raised.levels())
    assert session.summary().baseline != first
    assert session.summary() == summarize(session.scenario, RUBRIC, COHORT)


def test_the_session_says_which_indicators_an_edit_undo_or_redo_moved(demo) -> None:  # type: ignore[no-untyped-def]
    from tui.core.edit_session import EditSession
    from tui.core.rubric import load_rubric

    rubric = load_rubric("spbe-2020")
    s = EditSession.opened(demo, rubric, None, None)
    assert s.step("12", 1) and s.last_changed == {"12"}
    assert s.step("3", 1) and s.last_changed == {"3"}
    assert s.undo() and s.last_changed == {"3"}
    assert s.undo() and s.last_changed == {"12"}
    assert s.redo() and s.last_changed == {"12"}
    plan = s.scenario.with_targets(rubric, {"1": 400, "2": 400, "12": 300})
    assert s.apply(plan) and s.last_changed == {"1", "2"}  # 12 was at 3 already
