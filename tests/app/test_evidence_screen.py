"""The evidence screen (b): what a planner sees and does with bukti dukung, from the keyboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Static

from tests.app.conftest import palette_titles, toasts
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.app.screens.evidence import EvidenceScreen
from tui.core.scenario.scenario_file import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "scenarios" / "contoh-rencana-aksi.toml"


def cells(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each row as [indicator, level, item, status, owner, due] (on screen the item text comes last)."""
    table = app.screen.query_one(DataTable)
    rows = [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]
    return [[r[0], r[1], r[5], r[2], r[3], r[4]] for r in rows]


def text(app, wid: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(f"#{wid}", Static).render())


async def focus_indicator(pilot, ind: str) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    keys = screen.table.row_keys()
    screen.table.move_cursor(next(n for n, k in enumerate(keys) if k.kind == "indicator" and k.id == ind))
    await pilot.pause()


async def test_b_shows_the_levels_items_and_space_cycles_the_status() -> None:
    app = build_app(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_indicator(pilot, "11")
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert "Bukti dukung — 11 Arsitektur SPBE · tingkat 2 → 4" in text(app, "ev-title")
        assert "Setiap tingkat menuju target punya bukti." in text(app, "ev-summary")
        rows = cells(app)
        assert [r[1] for r in rows] == ["3", "4"] and rows[0][3] == "diterima" and rows[1][4] == "Bappeda"
        await pilot.press("down", "space")  # diunggah -> diterima
        await pilot.pause()
        assert cells(app)[1][3] == "diterima"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.session.dirty
        assert app.screen.session.scenario.evidence[1].status == "diterima"
        await pilot.press("u")  # undone like any other edit
        await pilot.pause()
        assert app.screen.session.scenario.evidence[1].status == "diunggah"


async def test_a_starts_from_the_rubrics_list_and_the_table_mark_goes() -> None:
    app = build_app(SAMPLE)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = app.screen
        await focus_indicator(pilot, "39")  # raised 2 -> 3, no evidence: marked
        row = next(r for r in screen.table._model.rows(screen.session.scenario, *_evals(screen))
                   if r.key.id == "39")
        assert str(row.cells[1][0]).startswith("●!")
        await pilot.press("b")
        await pilot.pause()
        assert "Tingkat yang belum punya bukti: 3" in text(app, "ev-summary")
        await pilot.press("a")
        await pilot.pause(0.2)
        listed = app.screen.session.rubric.level_evidence("39", 3)
        assert listed and [r[2] for r in cells(app)] == [x[:300] for x in listed]
        assert all(r[3] == "belum" for r in cells(app))
        assert any("dari rubrik ditambahkan untuk tingkat 3" in m for m in toasts(app))
        await pilot.press("w", *"Inspektorat", "enter")
        await pilot.pause()
        assert cells(app)[0][4] == "Inspektorat"
        await pilot.press("d", *"2023-13-01", "enter")  # a wrong date is refused in the dialog
        await pilot.pause()
        assert "TTTT-BB-HH" in text(app, "text-error")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        row = next(r for r in screen.table._model.rows(screen.session.scenario, *_evals(screen))
                   if r.key.id == "39")
        assert str(row.cells[1][0]).startswith("● ")  # every level now has evidence


def _evals(screen):  # type: ignore[no-untyped-def]
    summary = screen.session.summary()
    return summary.baseline.evaluation, summary.scenario.evaluation


async def test_per_owner_and_late_views() -> None:
    app = build_app(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_indicator(pilot, "17")
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        screen.today = date(2023, 7, 1)
        await pilot.press("o")  # the focused item's owner: Diskominfo, by due date
        await pilot.pause()
        assert "milik Diskominfo" in text(app, "ev-title")
        dues = [r[5].split()[0] for r in cells(app)]
        assert dues == sorted(dues) and {r[4] for r in cells(app)} == {"Diskominfo"}
        await pilot.press("l")
        await pilot.pause()
        late = cells(app)
        assert "terlambat" in text(app, "ev-title").lower()
        assert late and all(r[3] != "diterima" and r[5].endswith("!") for r in late)
        assert all(r[5] < "2023-07-01" for r in late)


async def test_removing_an_item_and_the_palette_entry() -> None:
    app = build_app(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "indikator: Bukti dukung (status, pemilik, tenggat)…" in await palette_titles(app)
        assert "berkas: Rencana aksi per pemilik (OPD): xlsx, docx, pdf, kalender ics…" in await palette_titles(app)
        await focus_indicator(pilot, "12")
        await pilot.press("b")
        await pilot.pause()
        before = len(app.screen.session.scenario.evidence)
        await pilot.press("x")
        await pilot.pause()
        assert len(app.screen.session.scenario.evidence) == before - 1
        assert len(cells(app)) == 1


async def test_the_result_line_follows_accepted_evidence() -> None:
    app = build_app(SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        result = app.screen.query_one("#result")
        assert "terverifikasi 2,27 Cukup" in result.plain
        await focus_indicator(pilot, "12")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("down", "space", "space")  # level 4: proses -> diunggah -> diterima
        await pilot.pause()
        assert cells(app)[1][3] == "diterima"
        await pilot.press("escape")
        await pilot.pause()
        s, _ = load_scenario(SAMPLE)
        assert app.screen.session.scenario.evidence != s.evidence
        assert "terverifikasi 2,30 Cukup" in result.plain  # indicator 12 now counts at 4


async def test_plus_and_minus_move_an_item_between_levels() -> None:
    app = build_app(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_indicator(pilot, "17")
        await pilot.press("b")
        await pilot.pause()
        assert [r[1] for r in cells(app)] == ["3"]
        await pilot.press("plus")
        await pilot.pause()
        assert [r[1] for r in cells(app)] == ["4"]
        assert "Tingkat yang belum punya bukti: 3" in text(app, "ev-summary")
        await pilot.press("plus", "plus", "plus")  # stops at the top of the scale
        await pilot.pause()
        assert [r[1] for r in cells(app)] == ["5"]
        await pilot.press("minus")
        await pilot.pause()
        assert [r[1] for r in cells(app)] == ["4"]


async def test_after_convert_the_evidence_screen_says_what_becomes_of_the_spbe_evidence() -> None:
    from tests.app.conftest import settle

    app = build_app()  # the 59/2020 demo
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.screen.document.convert_to_pemdi()
        await settle(pilot)
        assert app.screen.session.rubric.id == "pemdi-2026"
        assert any("rentang menurut 1 pasangan nyata" in m for m in toasts(app))
        await focus_indicator(pilot, "2")
        await pilot.press("b")
        await pilot.pause()
        summary = text(app, "ev-summary")
        assert "Perkiraan dari indikator SPBE 2020" in summary and "dapat dipakai ulang apa adanya" in summary


async def test_the_portal_sheet_is_imported_and_exported_from_the_evidence_screen(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue "your own data in" §3: i merges the portal's statuses (undoable), E writes them back."""
    import shutil

    from textual.widgets import Input

    from tui.app.dialogs.files import OpenDialog, SaveAsDialog
    from tui.app.main import build_app
    from tui.app.screens.evidence import EvidenceScreen
    from tui.core.resources import scenarios_dir

    monkeypatch.chdir(tmp_path)
    plan = Path(shutil.copy(scenarios_dir() / "contoh-rencana-aksi.toml", tmp_path / "rencana.toml"))
    (tmp_path / "portal.csv").write_text("Kode,Indikator,Tingkat,Butir,Status\nI11-L4-01,11,4,"
                                         "Reviu Arsitektur SPBE terhadap Arsitektur SPBE Nasional,revisi\n",
                                         encoding="utf-8")
    app = build_app(file=plan)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = app.screen
        table = editor.table
        table.move_cursor(table.index[next(k for k in table.index if k.id == "11" and not k.is_group)])
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        await pilot.press(*"portal", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        item = next(it for it in editor.session.scenario.evidence if it.item.startswith("Reviu Arsitektur"))
        assert (item.status, item.code) == ("revisi", "I11-L4-01")
        assert editor.session.dirty
        assert any("0 ditambah, 1 diperbarui" in m for m in toasts(app))
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        box = app.screen.query_one(Input)
        box.value = "keluar.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert "I11-L4-01" in (tmp_path / "keluar.csv").read_text(encoding="utf-8")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")  # the merge is one undoable change
        await pilot.pause()
        item = next(it for it in editor.session.scenario.evidence if it.item.startswith("Reviu Arsitektur"))
        assert item.code == ""


async def test_expired_and_soon_expiring_items_are_marked_in_words(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tui.app.main import build_app
    from tui.app.screens.evidence import EvidenceScreen
    from tui.core.resources import scenarios_dir

    text = (scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml").read_text(encoding="utf-8")
    text = text.replace("[scenario]\n", "[scenario]\nevaluation_date = 2026-10-15\n", 1)
    text += ('\n[[evidence]]\nindicator = "10"\nlevel = 3\nitem = "IKASANDI 2025"\nstatus = "diterima"\n'
             "dated = 2025-06-01\n"
             '\n[[evidence]]\nindicator = "10"\nlevel = 4\nitem = "IKASANDI baru"\nstatus = "diterima"\n'
             "dated = 2025-11-20\n")
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    app = build_app(file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = app.screen
        table = editor.table
        table.move_cursor(table.index[next(k for k in table.index if k.id == "10" and not k.is_group)])
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        rows = [" ".join(str(c) for c in screen.query_one("#ev-table").get_row_at(r))
                for r in range(screen.query_one("#ev-table").row_count)]
        assert any("IKASANDI 2025" in r and "kedaluwarsa" in r and "segera" not in r for r in rows), rows
        assert any("IKASANDI baru" in r and "segera kedaluwarsa 2026-11-19" in r for r in rows), rows
        await pilot.press("l")  # the late view shows both: they need doing now
        await pilot.pause()
        assert screen.query_one("#ev-table").row_count == 2
