"""What the fuzz campaign crashed the app with: each is now a notification or a field error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.conftest import planned, settle, toasts
from tests.app.test_goal_seek_screen import status_text, type_into
from tests.fuzz.corpus import CORPUS
from tui.app.dialogs.common import ConfirmDialog
from tui.app.dialogs.files import OpenDialog, SaveAsDialog
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.core.scenario.recovery import recovery_path


async def _save_as(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("S")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SaveAsDialog)
    pilot.app.screen.query_one("Input").value = name
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("name", ["~nosuchuser/x.toml", "~q", "/nonexistent-folder/x.toml", "a\x00b.toml"])
async def test_save_as_with_an_unusable_path_is_a_message(name: str) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("plus")
        await _save_as(pilot, name)
        await pilot.pause()
        assert app.return_code is None  # still running
        assert isinstance(app.screen, SaveAsDialog | EditorScreen)
        assert toasts(app), "no message shown"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.session.dirty  # nothing lost


async def test_export_with_an_unknown_home_is_a_message() -> None:
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.screen.action_export()  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("Input").value = "~nosuchuser/laporan.md"
        await pilot.press("enter")
        await pilot.pause()
        assert any("nosuchuser" in m for m in toasts(app))


@pytest.mark.parametrize(("field", "text", "needle"), [
    ("cost-file", "~q", "~q"),
    ("cost-file", str(CORPUS / "cost-1e308.toml"), "default.step"),
    ("target", "1e308", "indeks"),
    ("target", "nan", "terhingga"),
    ("max-cost", "1e308", "biaya"),
    ("max-cost", "lima", "lima"),
])
async def test_planning_fields_show_their_error(field: str, text: str, needle: str) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await planned(pilot)
        await type_into(pilot, field, text)
        beside = str(app.screen.query_one(f"#{field}-error", Static).render())
        assert needle in beside and "--" not in beside  # beside its field, naming no flag
        assert "Perbaiki isian" in status_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_a_deeply_nested_config_file_is_a_message(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = isolated / "config.toml"
    config.write_bytes((CORPUS / "nested-array.toml").read_bytes())
    monkeypatch.setenv("SPBE_PLANNER_CONFIG", str(config))
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert any("config.toml" in m and "bersarang" in m for m in toasts(app))


async def test_a_bad_recovery_file_is_set_aside_with_a_message_and_the_file_opens(copy_sample) -> None:  # type: ignore[no-untyped-def]
    path = copy_sample()
    recovery = recovery_path(path)
    recovery.parent.mkdir(parents=True)
    recovery.write_bytes((CORPUS / "level-1e308.toml").read_bytes())
    for _ in range(2):  # and again: the second opening finds nothing to complain about
        app = build_app(file=path)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen) and app.screen.session.path == path
            messages = toasts(app)
        if _ == 0:
            assert any("disisihkan" in m for m in messages)
            aside = [p for p in recovery.parent.iterdir() if ".unreadable-" in p.name]
            assert len(aside) == 1 and aside[0].read_bytes() == (CORPUS / "level-1e308.toml").read_bytes()
        else:
            assert not any("disisihkan" in m for m in messages)


@pytest.mark.parametrize("name", ["level-1e308.toml", "nested-array.toml", "dotted-key.toml", "level-huge-int.toml"])
async def test_a_start_file_that_once_crashed_the_loader_opens_the_demo(name: str, isolated: Path) -> None:
    app = build_app(file=CORPUS / name)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert any(name in m for m in toasts(app))


async def test_served_save_as_outside_asks_nothing_about_the_file(isolated: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "elsewhere.toml"
    secret.write_text("x")
    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    monkeypatch.setenv("SPBE_PLANNER_STATE", str(isolated / "state"))
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("plus")
        for name in (str(secret), str(tmp_path / "missing.toml"), "~daemon/x.toml"):
            await _save_as(pilot, name)
            assert not isinstance(app.screen, ConfirmDialog)  # no "exists, overwrite?" oracle
            assert any("di luar ruang kerja" in m for m in toasts(app))
            shown = " ".join(toasts(app))
            assert str(tmp_path) not in shown or str(secret) in shown  # only what the user typed
            await pilot.press("escape")
            await pilot.pause()
    assert secret.read_text() == "x"


async def test_served_open_dialog_shows_paths_relative_to_the_workspace(isolated: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (isolated / "punyaku.toml").write_bytes((CORPUS / "level-1e308.toml").read_bytes())
    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        labels = [str(o.prompt) for o in app.screen.query_one("OptionList")._options]
        assert "punyaku.toml" in labels
        assert not any(label.startswith("/") for label in labels), labels
        await pilot.press("~", "enter")  # the workspace itself: a folder, named as the participant knows it
        await pilot.pause()
        shown = str(app.screen.query_one("#open-error").render())
        assert shown.startswith("~:") and str(isolated) not in shown, shown


def test_a_hard_link_is_refused_in_served_mode(isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.errors import InputError
    from tui.core.files.guarded import read_toml

    outside = tmp_path / "outside.toml"
    outside.write_text("a = 1\n")
    link = isolated / "tautan.toml"
    os.link(outside, link)
    assert read_toml(link) == {"a": 1}  # a planner at their own terminal may read it
    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    with pytest.raises(InputError) as err:
        read_toml(link)
    assert err.value.code == "hard_link"


async def test_a_hang_up_writes_the_last_edit_to_recovery_before_the_app_ends(copy_sample) -> None:  # type: ignore[no-untyped-def]
    """SIGHUP (a dropped SSH connection) ended the app before its debounced recovery write: the
    edit of the last second was lost. The handler writes it first, then exits."""
    from tui.core.scenario.recovery import read_recovery
    from tui.core.scoring.rubric import RubricSet

    path = copy_sample()
    app = build_app(file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("+")  # an edit; the recovery timer has not fired yet
        assert app.screen.session.dirty and not recovery_path(path).exists()
        app._hung_up()  # what the SIGHUP handler runs
        await pilot.pause()
    found = read_recovery(path, RubricSet()).found
    assert found is not None and found[0].target, "the unsaved edit is in the recovery file"


def test_stale_temporaries_are_cleared_at_start_up_young_ones_stay(isolated: Path) -> None:
    import os
    import time

    from tui.app.main import clear_stale_temporaries

    old = isolated / ".rencana.toml.k3j4.tmp"
    young = isolated / ".rencana.toml.z9q8.tmp"
    for f in (old, young):
        f.write_text("setengah")
    os.utime(old, (time.time() - 600, time.time() - 600))
    clear_stale_temporaries(None)
    assert not old.exists() and young.exists()


async def test_notifications_are_plain_text_never_markup(isolated: Path) -> None:
    """A file named like markup ("[bold]…") is named as it is; as markup it vanished or failed."""
    bad = isolated / "rusak[bold][i].toml"
    bad.write_bytes((CORPUS / "level-1e308.toml").read_bytes())
    app = build_app(file=bad)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert any("rusak[bold][i].toml" in m for m in toasts(app)), toasts(app)
