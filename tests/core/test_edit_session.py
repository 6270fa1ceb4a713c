"""The planning session: its cached baseline outcome must never go stale."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.resources import default_scenario
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scenario.summary import resolve_cohort, summarize

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
    from tui.core.scenario.edit_session import EditSession
    from tui.core.scoring.rubric import load_rubric

    rubric = load_rubric("spbe-2020")
    s = EditSession.opened(demo, rubric, None, None)
    assert s.step("12", 1) and s.last_changed == {"12"}
    assert s.step("3", 1) and s.last_changed == {"3"}
    assert s.undo() and s.last_changed == {"3"}
    assert s.undo() and s.last_changed == {"12"}
    assert s.redo() and s.last_changed == {"12"}
    plan = s.scenario.with_targets(rubric, {"1": 400, "2": 400, "12": 300})
    assert s.apply(plan) and s.last_changed == {"1", "2"}  # 12 was at 3 already


_PEMDI_SAMPLE, PEMDI = load_scenario(default_scenario().with_name("kabupaten-contoh-pemdi-2026.toml"))
PEMDI_SCENARIO = replace(_PEMDI_SAMPLE, target={})  # the baseline alone: every start is whole or the baseline


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(list(PEMDI.indicator_ids)), st.lists(st.sampled_from([1, -1]), max_size=8),
       st.sampled_from([1, -1]))
def test_one_step_and_back_returns_exactly_even_to_a_decimal_baseline(ind: str, moves: list[int], way: int) -> None:
    session = EditSession(PEMDI_SCENARIO, PEMDI)
    base = PEMDI_SCENARIO.baseline[ind]
    for direction in moves:
        session.step(ind, direction)
        level = session.scenario.level(ind)
        assert level % 100 == 0 or level == base  # whole levels, and the baseline on the way
    before = session.scenario.level(ind)
    if session.step(ind, way):  # a step that moved (not already at the end of the scale)
        session.step(ind, -way)
        assert session.scenario.level(ind) == before


def test_a_decimal_baseline_is_a_stop_between_whole_levels() -> None:
    session = EditSession(PEMDI_SCENARIO, PEMDI)
    assert PEMDI_SCENARIO.baseline["4"] == 175
    seen = []
    for direction in (1, -1, -1, 1, 1):
        session.step("4", direction)
        seen.append(session.scenario.level("4"))
    assert seen == [200, 175, 100, 175, 200]
    assert "4" not in session.scenario.target or session.scenario.target["4"] == 200


def test_rename_and_notes_are_undoable_changes_that_make_the_file_dirty() -> None:
    session = EditSession.opened(SCENARIO, RUBRIC, COHORT, default_scenario())
    assert session.rename("Rencana Baik 2023") and session.scenario.meta.name == "Rencana Baik 2023"
    assert session.set_indicator_note("3", "  Perbup sedang diharmonisasi  ")
    assert session.scenario.indicator_notes == {"3": "Perbup sedang diharmonisasi"}
    assert session.set_notes("Disusun bersama Bappeda")
    assert session.dirty
    session.undo()
    session.undo()
    session.undo()
    assert session.scenario == SCENARIO and not session.dirty
    session.set_indicator_note("3", "x")
    assert not session.set_indicator_note("3", "x")  # the same note again is no change
    assert session.set_indicator_note("3", "   ")  # a blank note removes it
    assert "3" not in session.scenario.indicator_notes
