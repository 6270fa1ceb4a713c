"""Served mode: an unexpected error never reaches the participant as a traceback, and no work is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.conftest import requires_seam, settle
from tui.app.main import build_app
from tui.core.scenario.recovery import read_recovery, recovery_path
from tui.core.scoring.rubric import RubricSet


class Boom(RuntimeError):
    pass


@requires_seam
async def test_a_crash_is_logged_server_side_and_the_work_kept(tmp_path: Path, isolated: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "room-logs" / "app-errors.jsonl"
    log.parent.mkdir()
    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    monkeypatch.setenv("SPBE_PLANNER_ERROR_LOG", str(log))
    monkeypatch.setenv("SPBE_PLANNER_USER", "sari")
    monkeypatch.setenv("SPBE_PLANNER_STATE", str(isolated / ".local" / "state" / "spbe-planner"))
    app = build_app()
    lines: list[str] = []
    monkeypatch.setattr(app, "panic", lambda *r: (lines.extend(map(str, r)), app.exit(return_code=1)))

    def explode() -> None:
        raise Boom("secret /srv/room/path")

    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("plus")  # unsaved work, not yet in a recovery file (the timer waits 1 s)
            source = app.screen.session.path
            assert not recovery_path(source).exists()
            app.call_later(explode)
            await pilot.pause()
    assert app.return_code == 1
    record = json.loads(log.read_text("utf-8").splitlines()[-1])
    assert record["event"] == "error" and record["user"] == "sari" and "Boom" in record["traceback"]
    # The participant sees one line in their language, without the traceback or server paths.
    assert len(lines) == 1 and "galat internal" in lines[0] and "/srv" not in lines[0] and "Traceback" not in lines[0]
    found = read_recovery(source, RubricSet()).found
    assert found is not None and found[0].target  # the raised level is in it


async def test_outside_served_mode_textual_reports_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPBE_PLANNER_WORKSPACE", raising=False)
    app = build_app()

    def explode() -> None:
        raise Boom("local")

    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.call_later(explode)
            await pilot.pause()
    assert app.return_code == 1


def test_in_served_mode_textual_prints_its_exit_traceback_to_the_server_log(
        tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the Textual version (seam on or off), its exit output never reaches the participant."""
    log = tmp_path / "app-errors.jsonl"
    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    monkeypatch.setenv("SPBE_PLANNER_ERROR_LOG", str(log))
    app = build_app()
    app.error_console.print("Traceback (most recent call last): …")
    assert "Traceback" in log.read_text("utf-8")


@requires_seam
async def test_a_crash_under_a_dialog_keeps_the_editors_work(tmp_path: Path, isolated: Path, copy_sample,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    monkeypatch.setenv("SPBE_PLANNER_ERROR_LOG", str(tmp_path / "log.jsonl"))
    monkeypatch.setenv("SPBE_PLANNER_STATE", str(isolated / ".local" / "state" / "spbe-planner"))
    app = build_app()
    monkeypatch.setattr(app, "panic", lambda *r: app.exit(return_code=1))

    def explode() -> None:
        raise Boom("under the dialog")

    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            opened = copy_sample()
            assert app.screen.document.open_file(opened)  # a session other than the one it started with
            await pilot.pause()
            await pilot.press("plus")
            source = app.screen.session.path
            assert source == opened
            await pilot.press("S")  # Save As open on top of the editor
            await pilot.pause()
            app.call_later(explode)
            await pilot.pause()
    assert app.kept_work
    found = read_recovery(source, RubricSet()).found
    assert found is not None and found[0].target
