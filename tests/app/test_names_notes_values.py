"""Typed target values (Pemdi's decimals), scenario names and notes, and opening by a typed path."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from tests.app.conftest import palette_titles, settle, toasts
from tui.app.dialogs.common import NoteDialog, TextDialog
from tui.app.dialogs.files import OpenDialog, SaveAsDialog
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.app.widgets.detail_panel import DetailPanel
from tui.core.resources import scenarios_dir
from tui.core.scenario.scenario_file import load_scenario

PEMDI = scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml"


async def type_in(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    box = pilot.app.screen.query_one(Input)
    box.value = ""
    await pilot.press(*list(text), "enter")
    await pilot.pause()


async def test_a_typed_decimal_target_with_comma_or_point_on_pemdi() -> None:
    app = build_app(file=PEMDI)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen
        await pilot.press("down", "down", "down", "down", "v")  # indicator 4
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "boleh dua desimal" in app.screen.title_text
        await type_in(pilot, "2,5")
        assert isinstance(app.screen, EditorScreen)
        assert editor.session.scenario.level("4") == 250
        await pilot.press("v")
        await pilot.pause()
        await type_in(pilot, "3.25")
        assert editor.session.scenario.level("4") == 325
        await pilot.press("v")
        await pilot.pause()
        await type_in(pilot, "7")  # off the scale: the dialog stays, saying why
        assert isinstance(app.screen, TextDialog)
        assert "di luar skala" in str(app.screen.query_one("#text-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert editor.session.scenario.level("4") == 325
        await settle(pilot)


async def test_a_typed_decimal_is_refused_where_levels_are_whole() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "v")
        await pilot.pause()
        assert "bilangan bulat" in app.screen.title_text
        await type_in(pilot, "2,5")
        assert isinstance(app.screen, TextDialog)
        assert "bulat" in str(app.screen.query_one("#text-error", Static).render())
        await type_in(pilot, "4")
        assert app.screen.session.scenario.level("3") == 400


async def test_rename_from_the_palette_shows_in_the_header_and_is_saved(isolated: Path, copy_sample) -> None:  # type: ignore[no-untyped-def]
    path = copy_sample()
    app = build_app(file=path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "berkas: Ganti nama skenario…" not in await palette_titles(app)
        assert "skenario: Ganti nama skenario…" in await palette_titles(app)
        await app.screen.run_action("rename")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_in(pilot, "")  # empty: refused
        assert "tidak boleh kosong" in str(app.screen.query_one("#text-error", Static).render())
        await type_in(pilot, "Rencana Baik 2023")
        assert "Rencana Baik 2023" in app.screen.query_one("#topbar").plain
        await pilot.press("s")
        await pilot.pause()
        assert load_scenario(path)[0].meta.name == "Rencana Baik 2023"
        await settle(pilot)


async def test_save_as_offers_the_scenario_name(isolated: Path) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        name = app.screen.query_one("#save-scenario-name", Input)
        assert name.value == "Baseline 2022"
        name.value = "Skenario Bappeda"
        box = app.screen.query_one("#save-name", Input)
        box.value = "bappeda.toml"
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert load_scenario(isolated / "bappeda.toml")[0].meta.name == "Skenario Bappeda"
        await settle(pilot)


async def test_indicator_and_scenario_notes_are_shown_edited_and_saved(isolated: Path, copy_sample) -> None:  # type: ignore[no-untyped-def]
    path = copy_sample()
    app = build_app(file=path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = app.screen
        await pilot.press("down", "down")  # indicator 3
        panel = editor.query_one(DetailPanel)
        assert "n: tambah catatan" in panel.plain
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(TextArea).text = "Perbup data sedang diharmonisasi\nPIC: Diskominfo"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        text = panel.plain.replace("\n", " ")
        assert "Catatan Anda (n): Perbup data sedang diharmonisasi PIC: Diskominfo" in text
        await pilot.press("home")  # the first domain row: the scenario's notes
        await pilot.press("N")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Disusun bersama Bappeda"
        await pilot.press("f2")
        await pilot.pause()
        assert "Catatan skenario (N): Disusun bersama Bappeda" in panel.plain.replace("\n", " ")
        await pilot.press("s")
        await pilot.pause()
        saved = load_scenario(path)[0]
        assert saved.indicator_notes["3"] == "Perbup data sedang diharmonisasi\nPIC: Diskominfo"
        assert saved.meta.notes == "Disusun bersama Bappeda"
        await pilot.press("u")  # a note is one undoable change
        await pilot.pause()
        assert editor.session.scenario.meta.notes != "Disusun bersama Bappeda"
        assert any(b.binding.key == "n" and b.binding.show for b in app.screen.active_bindings.values())
        await settle(pilot)


async def test_open_takes_a_typed_path_and_lists_samples_by_short_name(isolated: Path, tmp_path: Path) -> None:
    import shutil

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(scenarios_dir() / "contoh-target-baik.toml", elsewhere / "rencana.toml")
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert "contoh: kabupaten-contoh-2022.toml" in listed
        assert not any("site-packages" in x or x.startswith("/") for x in listed)
        box = app.screen.query_one("#open-path", Input)
        box.focus()
        await pilot.press(*"../nope.toml", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)  # stays open, saying why
        assert "nope.toml" in str(app.screen.query_one("#open-error", Static).render())
        box.value = ""
        await pilot.press(*"../elsewhere/rencana.toml", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path.resolve() == (elsewhere / "rencana.toml").resolve()
        assert any("rencana.toml" in m for m in toasts(app))
        await settle(pilot)


async def test_opening_a_province_against_a_kabkota_cohort_warns(isolated: Path) -> None:
    text = (scenarios_dir() / "kabupaten-contoh-2022.toml").read_text(encoding="utf-8")
    text = text.replace('region = "Kabupaten Contoh"', 'region = "Provinsi Contoh"')
    assert 'region = "Provinsi Contoh"' in text
    path = isolated / "provinsi.toml"
    path.write_text(text, encoding="utf-8")
    app = build_app(file=path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert any("Provinsi Contoh adalah pemerintah provinsi" in m for m in toasts(app))
        await settle(pilot)


async def test_an_external_indicator_is_edited_through_its_index() -> None:
    app = build_app(file=PEMDI)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        editor = app.screen
        table = editor.table
        table.move_cursor(table.index[next(k for k in table.index if k.id == "5" and not k.is_group)])
        await pilot.pause()
        row = table.rows[table.cursor]
        assert "[SDI]" in row.cells[1][0]  # marked in the table
        text = editor.query_one(DetailPanel).plain.replace("\n", " ")
        assert "Dinilai instansi lain" in text and "SDI 31,25 → nilai 2,25" in text
        await pilot.press("plus")  # + asks for the index, it does not step the value
        await pilot.pause()
        assert isinstance(app.screen, TextDialog) and "SDI" in app.screen.title_text
        await type_in(pilot, "68,75")
        assert editor.session.scenario.level("5") == 375
        assert editor.session.scenario.external_target == {"5": 6875}
        assert any("SDI 68,75 → nilai indikator 5: 3,75" in m for m in toasts(app))
        await pilot.press("0")  # reset drops the what-if index too
        await pilot.pause()
        assert editor.session.scenario.external_target == {} and editor.session.scenario.level("5") == 225
        await settle(pilot)


async def test_the_palette_converts_a_2020_scenario_to_a_pemdi_estimate() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert "berkas: Konversi ke Pemdi 2026" in await palette_titles(app)
        await app.screen.run_action("convert")
        await pilot.pause()
        s = app.screen.session
        assert s.rubric.id == "pemdi-2026" and s.path is None and s.dirty
        assert s.scenario.baseline["1"] == 240
        assert any("Perkiraan Pemdi dari kabupaten-contoh-2022.toml" in m for m in toasts(app))
        await settle(pilot)


async def test_a_2018_scenario_opens_and_reaches_level_0() -> None:
    from pathlib import Path

    app = build_app(file=Path(__file__).parents[1] / "golden" / "denpasar-2018.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Indeks 2,64" in str(app.screen.query_one("#result").plain)
        await pilot.press("minus")  # indicator 1, level 1
        assert app.screen.session.scenario.level("1") == 0
        await pilot.press("minus")
        assert app.screen.session.scenario.level("1") == 0  # the bottom of a 0-5 scale
        await settle(pilot)


async def test_a_scenario_with_evidence_shows_claimed_and_verified(isolated: Path) -> None:
    text = (scenarios_dir() / "kabupaten-contoh-2022.toml").read_text(encoding="utf-8")
    text = text.replace("[target]\n", '[target]\n"3" = 4\n')
    text += ('\n[[evidence]]\nindicator = "3"\nlevel = 3\nitem = "Perbup"\nstatus = "diterima"\n'
             '\n[[evidence]]\nindicator = "3"\nlevel = 4\nitem = "Reviu"\nstatus = "ditolak"\n')
    path = isolated / "bukti.toml"
    path.write_text(text, encoding="utf-8")
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        result = app.screen.query_one("#result")
        assert result.size.height == 4
        assert "Bukti: diklaim 2,21 Cukup, ke-7 · terverifikasi 2,21 Cukup, ke-7" in result.plain
        await settle(pilot)


async def test_a_demo_says_which_framework_and_how_to_open_the_other() -> None:
    from tui.app.main import build_app as build
    from tui.core.resources import demo_scenario

    app = build(file=demo_scenario("pemdi"), demo="pemdi")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.session.rubric.id == "pemdi-2026"
        assert any("Indeks Pemerintah Digital (PermenPANRB 8/2026)" in m and "--demo spbe" in m for m in toasts(app))
        await settle(pilot)


async def test_a_served_demo_points_to_the_open_dialog_which_lists_the_other_demo(monkeypatch, isolated) -> None:  # type: ignore[no-untyped-def]
    """A participant has no shell: the note names no command, and `o` lists the other demo."""
    from tui.app.main import build_app as build
    from tui.core.resources import demo_scenario

    monkeypatch.setenv("SPBE_PLANNER_WORKSPACE", str(isolated))
    app = build(demo="spbe")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        notes = [m for m in toasts(app) if "Contoh bawaan" in m]
        assert notes and "spbe-planner" not in notes[0] and "o membuka berkas Anda atau contoh lain" in notes[0]
        await pilot.press("o")
        await pilot.pause()
        listed = str([str(o.prompt) for o in app.screen.query_one(OptionList).options])
        assert demo_scenario("pemdi").stem in listed
        await settle(pilot)


def test_demo_and_a_file_together_are_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    from tui.app.main import main

    assert main(["x.toml", "--demo", "pemdi"]) == 2
    assert "--demo: buka berkas atau contoh, tidak keduanya" in capsys.readouterr().err


async def test_the_baseline_index_is_typed_with_its_edition_and_status() -> None:
    """Issue "your own data in" §5: the published index (not only the what-if) is entered in the app."""
    app = build_app(file=PEMDI)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        editor = app.screen
        table = editor.table
        table.move_cursor(table.index[next(k for k in table.index if k.id == "5" and not k.is_group)])
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog) and "SDI terbit" in app.screen.title_text
        await type_in(pilot, "73,56 2025 entah")  # a word it does not know: the dialog stays, saying why
        assert isinstance(app.screen, TextDialog)
        assert "final, sementara, sanggah" in str(app.screen.query_one("#text-error", Static).render())
        await type_in(pilot, "73,56 2025 sementara")
        s = editor.session.scenario
        assert s.external["5"] == 7356 and s.baseline["5"] > 225
        assert (s.editions["5"].edition, s.editions["5"].status) == (2025, "sementara")
        text = editor.query_one(DetailPanel).plain.replace("\n", " ")
        assert "edisi 2025, sementara — nilainya masih bisa berubah" in text
        await pilot.press("u")  # one undoable change
        await pilot.pause()
        assert editor.session.scenario.external["5"] == 3125 and not editor.session.scenario.editions
        table.move_cursor(table.index[next(k for k in table.index if k.id == "1" and not k.is_group)])
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert any("tidak dinilai dari indeks instansi lain" in m for m in toasts(app))
        await settle(pilot)
