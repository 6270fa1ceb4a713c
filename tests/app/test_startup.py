"""Garbage collection is held through start-up and resumed once the first frame is out."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.app.conftest import settle
from tui.app.main import build_app
from tui.app.widgets.result_panel import ResultPanel
from tui.cli.main import main as cli_main
from tui.startup import hold_collection, resume_collection


@pytest.fixture
def held() -> Iterator[None]:
    hold_collection()
    yield
    # Whatever the test did, leave the collector as the rest of the suite expects it.
    gc.unfreeze()
    gc.enable()


async def test_the_first_frame_resumes_collection_and_freezes_start_up(held: None) -> None:
    assert not gc.isenabled()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's survivors are out of later passes
        await pilot.press("plus")  # and the app works on with the collector back
        assert "Indeks 2,21" in app.screen.query_one(ResultPanel).plain


def test_a_subcommand_runs_with_collection_resumed(held: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["rubrics"]) == 0
    assert gc.isenabled()


def test_resume_collects_start_up_garbage_once(held: None) -> None:
    class Cycle:
        def __init__(self) -> None:
            self.me = self

    Cycle()  # unreachable, and only a collection can free it
    assert any(type(o) is Cycle for o in gc.get_objects())
    resume_collection()
    assert not any(type(o) is Cycle for o in gc.get_objects())
    frozen = gc.get_freeze_count()
    resume_collection()  # a second call (the app after a subcommand, say) changes nothing
    assert gc.get_freeze_count() == frozen
