"""The traps a planner and a coach met on their first day (the "finish III" round), as they met them."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from textual.widgets import Button, DataTable, Input, OptionList, Static

from tests.app.conftest import settle, toasts
from tests.app.test_room_screen import make_room
from tui.app.dialogs.common import ConfirmDialog
from tui.app.dialogs.files import OpenDialog
from tui.app.dialogs.help import HelpScreen
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.app.screens.evidence import EvidenceScreen
from tui.app.screens.planning import GoalSeekScreen
from tui.app.widgets.result_panel import ResultPanel
from tui.core.resources import scenarios_dir

ROOT = Path(__file__).resolve().parents[2]
ACTION_PLAN_SAMPLE = ROOT / "scenarios" / "contoh-rencana-aksi.toml"


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """What the terminal shows, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def focus_indicator(pilot, ind: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.table
    table.move_cursor(next(n for n, k in enumerate(table.row_keys()) if k.kind == "indicator" and k.id == ind))
    await pilot.pause()


# -- 1. files -----------------------------------------------------------------------------------

async def test_the_open_dialog_takes_what_is_typed_and_enter_opens_it(isolated: Path) -> None:
    for name in ("anggaran.toml", "zeta-target.toml"):
        shutil.copy(scenarios_dir() / "contoh-target-baik.toml", isolated / name)
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        box = app.screen.query_one("#open-path", Input)
        assert app.focused is box  # typed letters reach the field
        await pilot.press(*"zeta")
        await pilot.pause()
        assert box.value == "zeta"
        assert [str(o.prompt) for o in app.screen.query_one(OptionList).options] == ["zeta-target.toml"]
        await pilot.press("enter")  # what was typed, not the first file of the list
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path is not None and app.screen.session.path.name == "zeta-target.toml"
        await settle(pilot)


async def test_the_open_dialog_shows_its_keys_and_f1_explains_them(isolated: Path) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Esc Batal" in footer and "F1 Bantuan" in footer and "↓" in footer
        await pilot.press("down")  # from the field into the list
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = [k for k, _ in app.screen.rows]
        assert "Enter" in keys and "Esc" in keys and "q" not in keys  # the dialog's keys, not the editor's
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)


# -- 2. what is on screen -----------------------------------------------------------------------

async def test_the_claimed_and_verified_line_follows_the_first_and_last_evidence_item() -> None:
    app = build_app()  # the demo records no evidence
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one(ResultPanel)
        assert "Bukti:" not in panel.plain and panel.size.height == 3
        await focus_indicator(pilot, "3")
        await pilot.press("plus", "b", "a")  # raise it, then the rubric's evidence for the new level
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert "Bukti: diklaim" in panel.plain and panel.size.height == 4  # at once, no reopening
        await pilot.press("b")
        await pilot.pause()
        while app.screen.query_one(DataTable).row_count:
            await pilot.press("x")
            await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert "Bukti:" not in panel.plain and panel.size.height == 3


async def test_the_evidence_screen_shows_status_owner_and_due_date_on_screen() -> None:
    for size in ((80, 24), (120, 40)):
        app = build_app(ACTION_PLAN_SAMPLE)
        async with app.run_test(size=size) as pilot:
            await focus_indicator(pilot, "11")
            await pilot.press("b")
            await pilot.pause()
            assert isinstance(app.screen, EvidenceScreen)
            lines = screen_lines(app)
            row = next(line for line in lines if "diunggah" in line)
            assert "Bappeda" in row and "2023-07-31" in row and "Reviu" in row, lines
            assert lines[-1].rstrip().endswith("palet") and "F1 Bantuan" in lines[-1]  # the footer whole
            # The file keeps the whole item text; only the screen elides it.
            assert app.screen.session.scenario.evidence[1].item in str(app.screen.query_one(DataTable).get_row_at(1))


async def test_the_top_bar_keeps_the_end_of_a_long_file_name_at_80_columns(isolated: Path) -> None:
    path = isolated / "aceh-tengah-2025-target-sangat-baik.toml"
    shutil.copy(scenarios_dir() / "contoh-target-baik.toml", path)
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")  # the unsaved marker takes its room on the right
        await pilot.pause()
        bar = screen_lines(app)[0]
        assert "belum disimpan" in bar and "baik.toml" in bar and "…" in bar, bar


async def test_compare_heads_tell_similar_files_apart_at_80_columns(isolated: Path) -> None:
    text = (scenarios_dir() / "contoh-target-baik.toml").read_text(encoding="utf-8")
    for tail in ("baik", "cukup", "sangat-baik"):
        (isolated / f"aceh-tengah-2025-target-{tail}.toml").write_text(
            text.replace('name = "Target Baik 2023"', f'name = "Rencana {tail}"'), encoding="utf-8")
    app = build_app(file=isolated / "aceh-tengah-2025-target-baik.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "space", "down", "space")
        await settle(pilot)
        heads = [str(c.label) for c in app.screen.query_one(DataTable).columns.values()][1:]
        assert len(heads) == 3 and len(set(heads)) == 3, heads
        names = [h.split("\n")[1] for h in heads]  # the scenario's name under each file, its end kept
        assert len(set(names)) == 3 and [n[-4:] for n in names] == ["baik", "ukup", "baik"], names


async def test_a_notification_never_covers_a_dialogs_buttons() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Gagal menyimpan: izin ditolak", severity="error", timeout=10)  # before the dialog
        await pilot.pause()
        question = "Berkas " + "/".join(["folder-kerja-tim"] * 8) + "/rencana.toml sudah ada. Timpa?"
        app.push_screen(ConfirmDialog(question, [("yes", "Ya")], "id"))
        await pilot.pause()
        app.notify("Gagal menyimpan: " + "folder tujuan tidak ada, " * 14, severity="error", timeout=10)
        await pilot.pause(0.3)
        buttons = list(app.screen.query(Button))
        assert buttons and all(b.region.bottom <= 24 and b.region.width > 0 for b in buttons)
        for toast in app.screen.query("Toast"):  # none drawn over the dialog at all
            assert toast.region.area == 0 or not any(b.region.overlaps(toast.region) for b in buttons)
        notes = str(app.screen.query_one(".dialog-notes", Static).render())
        assert "izin ditolak" in notes and "folder tujuan tidak ada" in notes  # read inside the box
        text = "\n".join(screen_lines(app))
        assert "Timpa?" in text.replace("\n", "") and "Ya" in text


async def test_a_level_key_above_the_scale_says_why() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        before = app.screen.session.scenario
        await pilot.press("down", "6")
        await pilot.pause()
        assert app.screen.session.scenario == before
        assert any("Tingkat 6 tidak ada" in m and "1–5" in m for m in toasts(app))


async def test_the_next_steps_that_pay_most_are_not_already_in_the_plan() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, GoalSeekScreen)
        plan = app.screen.plan
        assert plan is not None and plan.changes
        text = str(app.screen.query_one("#plan-text").render())
        advice = text.split("Langkah berikutnya yang paling berdaya", 1)[1].splitlines()[1:]
        assert advice
        for change in plan.changes:  # a step the plan takes is never offered again as its next step
            frm = f"{change.indicator} "
            assert not any(line.strip().startswith(frm) and f" {change.from_h // 100} " in line
                           for line in advice), (change, advice)


# -- the coach's room ----------------------------------------------------------------------------

async def test_the_room_marks_a_participant_editing_a_bundled_sample(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    room.mark_online("budi", 1)
    # What budi's app reports while he edits the bundled sample, unsaved (tui.core.room.presence).
    (room.dir / "online" / f"budi.{os.getpid()}.json").write_text(json.dumps(
        {"file": "kabupaten-contoh-2022.toml", "index": "2.31", "predikat": "Cukup", "unsaved": True,
         "sample": True, "pid": os.getpid(), "door": "ssh"}))
    app = build_app(room=room.dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        live = [r for r in rows if r[2].startswith("▶")]
        assert live and live[0][2] == "▶ kabupaten-contoh-2022.toml (contoh)" and live[0][3] == "2,31*", rows
        footer = screen_lines(app)[-1]
        assert "Gambaran kelas" in footer, footer  # the footer's last key is whole at 80 columns


# -- defaults a planner recognises ---------------------------------------------------------------

async def test_the_planning_screen_says_the_default_efforts_and_why_a_programme_is_left_out(isolated: Path) -> None:
    shutil.copy(scenarios_dir() / "biaya" / "contoh-program.toml", isolated / "biaya.toml")
    app = build_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("p")
        await settle(pilot)
        text = str(app.screen.query_one("#plan-text").render())
        assert "biaya bawaan naik ke tingkat 2 = 1, 3 = 2, 4 = 3, 5 = 5" in text
        await pilot.press("f3")  # no cost file: nothing to explain, and it says so
        await pilot.pause()
        assert any("tidak punya program" in m for m in toasts(app))
        app.screen.query_one("#cost-file", Input).value = "biaya.toml"
        await settle(pilot)
        text = str(app.screen.query_one("#plan-text").render())
        assert "biaya bawaan" not in text
        await pilot.press("f3")
        await settle(pilot)
        text = str(app.screen.query_one("#plan-text").render())
        assert "Program di berkas biaya yang tidak dipilih" in text and "csirt (biaya 5)" in text
        await pilot.press("escape")  # back without applying: the cost file stays the session's
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.screen.document.cost_file == "biaya.toml"
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.query_one("#cost-file", Input).value == "biaya.toml"  # filled in again
        await settle(pilot)


async def test_the_apps_action_plan_costs_its_steps_with_the_loaded_cost_file(isolated: Path) -> None:
    (isolated / "mahal.toml").write_text('schema = 1\n[default]\nstep = 7\n', encoding="utf-8")
    app = build_app(ACTION_PLAN_SAMPLE)
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.document.cost_file = "mahal.toml"  # as the planning screen leaves it
        app.screen.document._export(isolated / "ra.csv", action_plan=True)
        await pilot.pause()
        text = (isolated / "ra.csv").read_text(encoding="utf-8")
        assert "\nBPKAD;1;0;7;" in text, text  # one step at the cost file's 7, not the default 2
        app.screen.document.cost_file = ""
        app.screen.document._export(isolated / "ra2.csv", action_plan=True)
        await pilot.pause()
        assert "\nBPKAD;1;0;2;" in (isolated / "ra2.csv").read_text(encoding="utf-8")


async def test_the_evidence_item_column_takes_the_room_a_wider_terminal_gives() -> None:
    app = build_app(ACTION_PLAN_SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_indicator(pilot, "11")
        await pilot.press("b")
        await pilot.pause()

        def item_width() -> int:
            return list(app.screen.query_one(DataTable).columns.values())[-1].width

        narrow = item_width()
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.3)
        assert item_width() >= narrow + 30
