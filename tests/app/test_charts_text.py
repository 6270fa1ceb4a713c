"""Chart axes speak the user's language: the decimal comma in Indonesian, the point in English."""

from __future__ import annotations

from decimal import Decimal

from tui.app.widgets.charts import ChartData, build_groups


def _data(lang: str) -> ChartData:
    return ChartData(lang=lang, group_title="Domain", labels=("D1", "D2"), base=(Decimal("2.3"), Decimal("2.1")),
                     scen=(Decimal("2.4"), Decimal("2.1")), bands=(), base_index=Decimal("2.2"),
                     scen_index=Decimal("2.62"), scale=(1, 5))


def test_axis_ticks_use_the_decimal_comma_in_indonesian() -> None:
    text = build_groups(_data("id"), 60, 16)
    assert "2,00" in text and "5,00" in text and "2.00" not in text
    english = build_groups(_data("en"), 60, 16)
    assert "2.00" in english and "2,00" not in english


async def test_the_trajectory_chart_and_its_text_twin() -> None:
    from tests.app.conftest import settle
    from tui.app.main import build_app

    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", "g", "g")  # domains → bands → ladder → trajectory
        await settle(pilot)
        assert app.screen.chart_mode == "trajectory"
        twin = app.screen.query_one("#chart-data").plain.replace("\n", " ")
        assert twin.startswith("2021 1,96 → ◆ 2022 2,20 → ★ 2023 2,20 | Kurang 1,00")
        frame = app.screen.query_one("#chart-view")._frame.plain
        assert "Lintasan indeks" in frame and "2021" in frame and "★" in frame
