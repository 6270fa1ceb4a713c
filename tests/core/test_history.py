"""A region's own published results of earlier years: in the file, in reports, on a chart."""

from __future__ import annotations

import tomllib

import pytest

from tui.core.errors import InputError
from tui.core.resources import demo_scenario
from tui.core.scenario.scenario_file import dump_scenario, history_from_text, parse_scenario
from tui.core.scoring.rubric import RubricSet

RUBRIC = RubricSet().get("spbe-2020")


def raw_with(**tables: object) -> dict:  # type: ignore[type-arg]
    raw = tomllib.loads(demo_scenario("spbe").read_text(encoding="utf-8"))
    raw.update(tables)
    return raw


def test_history_round_trips_with_its_group_values() -> None:
    s, _ = parse_scenario(raw_with(history={"2021": 1.88, "2020": 1.5}, history_groups={"2021": {"D1": 2.3}}),
                          RubricSet())
    assert list(s.history.items()) == [(2020, 150), (2021, 188)]  # in year order
    assert s.history_groups == {2021: {"D1": 230}}
    assert parse_scenario(tomllib.loads(dump_scenario(s)), RubricSet())[0] == s


@pytest.mark.parametrize(("tables", "needle"), [
    ({"history": {"20x3": 2.0}}, "history.\"20x3\""),
    ({"history": {"2023": 7}}, 'history."2023": index must be within the scale 1–5, got 7'),
    ({"history_groups": {"2023": {"Z9": 2.0}}}, 'history_groups."2023".Z9: Z9 is no domain or aspect'),
])
def test_bad_history_names_the_key(tables: dict, needle: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError) as err:
        parse_scenario(raw_with(**tables), RubricSet(), "x.toml")
    assert needle in str(err.value)


def test_the_history_flag() -> None:
    assert history_from_text(RUBRIC, "2023=1.88,2024=2,48") == {2023: 188, 2024: 248}
    with pytest.raises(InputError) as err:
        history_from_text(RUBRIC, "2023:1.88")
    # The core names its field; only the CLI shows a flag.
    assert str(err.value).startswith("history: expected YEAR=INDEX")


def test_reports_show_the_trajectory() -> None:
    from tui.core.scenario.summary import resolve_cohort, summarize
    from tui.core.team.compare import Column
    from tui.presentation.report import scenario_report
    from tui.presentation.report_formats import to_text

    s, rubric = parse_scenario(raw_with(history={"2020": 1.5, "2021": 1.88}), RubricSet())
    column = Column(demo_scenario("spbe"), s, rubric, summarize(s, rubric, resolve_cohort(s, rubric)))
    text = to_text([scenario_report(column, "id")], "id")
    assert "Riwayat dan target" in text
    assert "2020   1,50    Kurang" in text and "2021   1,88    Cukup" in text
    assert "2023   2,20    Cukup     target skenario" in text
