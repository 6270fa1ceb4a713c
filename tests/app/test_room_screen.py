"""The coach's room screen: participants and their scenarios, live, read-only, side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, SelectionList

from tests.app.conftest import settle, toasts
from tui.app.main import build_app
from tui.app.screens.compare import CompareScreen
from tui.app.screens.editor import EditorScreen
from tui.app.screens.room import RoomScreen
from tui.app.widgets.diff_lines import TopBar
from tui.core.resources import scenarios_dir
from tui.core.room.folder import Room


def make_room(tmp_path: Path) -> Room:
    room = Room(tmp_path / "ruang")
    room.new_code("ani")
    room.new_code("budi")
    room.new_code("citra")
    shutil.copy(scenarios_dir() / "contoh-target-baik.toml", room.workspace("ani") / "rencana.toml")
    shutil.copy(scenarios_dir() / "kabupaten-contoh-2022.toml", room.workspace("budi") / "rencana.toml")
    room.mark_online("ani", 1)
    return room


def rows(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_participants_files_and_results_are_listed_and_follow_changes(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    app = build_app(room=room.dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RoomScreen)
        table = rows(app)
        assert table[0][1:6] == ["ani ●", "rencana.toml", "2,62", "Baik", "2 dari 22"]
        assert table[1][1:5] == ["budi", "rencana.toml", "2,20", "Cukup"]
        assert table[2][1] == "citra" and "belum ada berkas" in table[2][2]
        # budi saves a better plan while the coach watches
        shutil.copy(scenarios_dir() / "contoh-target-baik.toml", room.workspace("budi") / "rencana.toml")
        await pilot.press("r")
        await settle(pilot)
        assert rows(app)[1][3] == "2,62"


async def test_enter_opens_read_only_and_q_goes_back(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    before = (room.workspace("ani") / "rencana.toml").read_text()
    app = build_app(room=room.dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path is None
        assert "ani: Target Baik 2023" in app.screen.query_one("#topbar", TopBar).plain
        await pilot.press("+", "s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "SaveAsDialog"  # never the participant's file
        await pilot.press("escape")
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("tab", "enter")  # the second button: "Buang perubahan" (discard)
        await settle(pilot)
        assert isinstance(app.screen, RoomScreen)
    assert (room.workspace("ani") / "rencana.toml").read_text() == before


async def test_marked_rows_are_compared_side_by_side(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    app = build_app(room=room.dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        picked = app.screen.query_one(SelectionList)
        assert len(picked.selected) == 2
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][1:] == ["ani/rencana\nTarget Baik 2023",
                                                                      "budi/rencana\nBaseline 2022"]
        assert [str(c) for c in table.get_row("index")][1:] == ["2,62*", "2,20"]


async def test_a_folder_that_is_not_a_room_is_reported(tmp_path: Path) -> None:
    app = build_app(room=tmp_path / "nothing")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert any("bukan folder ruang pelatihan" in m for m in toasts(app))


async def test_the_open_file_its_live_index_the_door_and_the_class_picture(tmp_path: Path) -> None:
    import json
    import os

    room = make_room(tmp_path)
    # What ani's app reports while she edits (tui.core.room.presence): open, unsaved, over the web.
    (room.dir / "online" / f"ani.{os.getpid()}.json").write_text(json.dumps(
        {"file": "rencana.toml", "index": "2.71", "predikat": "Baik", "unsaved": True, "pid": os.getpid(),
         "door": "web"}))
    app = build_app(room=room.dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        first = rows(app)[0]
        assert first[1] == "ani ●web" and first[2] == "▶ rencana.toml" and first[3] == "2,71*"
        await pilot.press("g")
        await settle(pilot)
        text = str(app.screen.query_one("#room-class-text").render())
        assert "Gambaran kelas: 2 peserta (spbe-2020)" in text and "citra (belum ada skenario)" in text
        assert "Predikat baseline → skenario" in text and "Target bersama predikat Baik" in text
        assert "Rekap 2 daerah" in text and "Belajar dari" in text  # the recap matrix over the class
        await pilot.press("l")  # no server runs for this room: said so, nothing else happens
        await settle(pilot)
        assert any("tidak ada spbe-planner serve" in m for m in toasts(app))
        await pilot.press("enter")  # ani is online: open, or "Lihat layar"
        await settle(pilot)
        from tui.app.dialogs.common import ConfirmDialog

        assert isinstance(app.screen, ConfirmDialog)
        labels = [str(b.label) for b in app.screen.query("Button")]
        assert labels[:2] == ["Buka", "Lihat layar"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RoomScreen)
