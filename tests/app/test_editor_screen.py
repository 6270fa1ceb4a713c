"""What a planner sees after key sequences: numbers, dirty marker, undo/redo, files, prompts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.app.conftest import palette_titles, requires_seam, settle, toasts
from tui.app.dialogs.common import ConfirmDialog
from tui.app.dialogs.files import OpenDialog, SaveAsDialog
from tui.app.dialogs.help import HelpScreen
from tui.app.main import build_app
from tui.app.screens.editor import EditorScreen
from tui.app.widgets.charts import ChartView
from tui.app.widgets.diff_lines import DiffLines, TopBar
from tui.app.widgets.result_panel import ResultPanel
from tui.app.widgets.table_model import RowKey
from tui.core.resources import default_scenario, scenarios_dir
from tui.core.scenario.recovery import recovery_path
from tui.core.scenario.scenario_file import load_scenario


def result_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(ResultPanel).plain


def topbar(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#topbar", TopBar).plain


async def test_opens_the_demo_region_with_its_results() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        text = result_text(app)
        assert "Indeks 2,20" in text
        assert "Predikat Cukup → Cukup" in text and "+0,40 menuju Baik" in text
        assert "Peringkat 7 → 7 dari 22" in text
        # 80 columns: the region shortened ("Kab."), the file name whole.
        assert "Kab. Contoh" in topbar(app) and "kabupaten-contoh-2022.toml" in topbar(app)
        assert "belum disimpan" not in topbar(app)
        assert app.screen.table.current_indicator() == "1"


async def test_keys_change_the_focused_indicator_and_everything_follows() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("plus")
        assert screen.session.scenario.target == {"1": 400}
        assert "Indeks 2,21" in result_text(app) and "belum disimpan" in topbar(app)
        await pilot.press("minus", "minus")
        assert screen.session.scenario.target == {"1": 200}
        await pilot.press("5")
        assert screen.session.scenario.target == {"1": 500}
        await pilot.press("0")
        assert screen.session.scenario.target == {} and not screen.session.dirty
        assert "belum disimpan" not in topbar(app)
        await pilot.press("down", "equals_sign")
        assert screen.session.scenario.target == {"2": 400}


async def test_undo_and_redo_every_change() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.screen.session
        await pilot.press("plus", "down", "5", "down", "1")
        assert s.scenario.target == {"1": 400, "2": 500, "3": 100}
        await pilot.press("u", "u")
        assert s.scenario.target == {"1": 400}
        await pilot.press("ctrl+y")
        assert s.scenario.target == {"1": 400, "2": 500}
        await pilot.press("u", "u", "u")
        assert s.scenario.target == {} and "Indeks 2,20" in result_text(app)


async def test_reaching_baik_changes_predikat_and_rank() -> None:
    app = build_app(file=scenarios_dir() / "contoh-target-baik.toml")
    async with app.run_test(size=(80, 24)):
        text = result_text(app)
        assert "Indeks 2,62" in text and "baseline 2,20" in text and "+0,42" in text
        assert "Predikat Cukup → Baik" in text and "+0,88 menuju Sangat Baik" in text
        assert "Peringkat 7 → 2 dari 22" in text


async def test_rank_range_when_peers_are_only_bounded(copy_sample) -> None:
    path = copy_sample("kabupaten-contoh-2022.toml")
    text = path.read_text(encoding="utf-8")
    low = "\n".join(f'"{i}" = 1' for i in range(1, 48))
    body = text.split("[baseline]")[0] + "[baseline]\n" + low + "\n\n[target]\n"
    path.write_text(body, encoding="utf-8")
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)):
        assert "Peringkat 14–22 → 14–22 dari 22" in result_text(app)


async def test_english_uses_the_decimal_point_and_english_words() -> None:
    app = build_app(lang="en")
    async with app.run_test(size=(80, 24)):
        text = result_text(app)
        assert "Index 2.20" in text and "Rank 7 → 7 of 22" in text and "+0.40 to Baik" in text
        assert "Indeks" not in text and "spbe-2020" in topbar(app)  # 80 columns: the framework by its id


async def test_save_writes_the_file_and_clears_the_marker(copy_sample) -> None:
    path = copy_sample()
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "s")
        await pilot.pause()
        saved, _ = load_scenario(path)
        assert saved.target == {"1": 400}
        assert not app.screen.session.dirty and "belum disimpan" not in topbar(app)
        assert '\n[target]\n"1" = 4\n' in path.read_text(encoding="utf-8")


async def test_bundled_sample_is_never_overwritten_save_goes_to_save_as(isolated: Path) -> None:
    before = default_scenario().read_bytes()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "s")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        inp = app.screen.query_one("Input")
        inp.value = "rencana"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert load_scenario(isolated / "rencana.toml")[0].target == {"1": 400}
        assert app.screen.session.path == Path("rencana.toml")
    assert default_scenario().read_bytes() == before


async def test_save_as_refuses_to_overwrite_without_confirmation(copy_sample, isolated: Path) -> None:
    other = isolated / "other.toml"
    other.write_text("keep me", encoding="utf-8")
    app = build_app(file=copy_sample())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "S")
        await pilot.pause()
        app.screen.query_one("Input").value = "other.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert other.read_text(encoding="utf-8") == "keep me"
        assert app.screen.session.dirty


async def test_file_changed_on_disk_is_not_overwritten_silently(copy_sample) -> None:
    path = copy_sample()
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited by a colleague\n", encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert "edited by a colleague" in path.read_text(encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#choice-yes")
        await pilot.pause()
        assert "edited by a colleague" not in path.read_text(encoding="utf-8")
        assert load_scenario(path)[0].target == {"1": 400}


async def test_quit_asks_when_there_are_unsaved_changes() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_quit_without_changes_just_quits() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_a_bad_start_file_is_reported_and_the_app_stays_usable(isolated: Path) -> None:
    bad = isolated / "bad.toml"
    bad.write_text('schema = 1\n[scenario]\nframework = "spbe-2020"\nregion = "X"\nyear = 2022\n'
                   '[baseline]\n"1" = 7\n', encoding="utf-8")
    app = build_app(file=bad)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        messages = toasts(app)
        assert any(str(bad) in m and 'baseline."1": tingkat 7 di luar skala' in m for m in messages)
        assert "Indeks 2,20" in result_text(app)
        await pilot.press("plus")
        assert app.screen.session.dirty


async def test_opening_a_broken_file_keeps_the_current_work(isolated: Path) -> None:
    (isolated / "broken.toml").write_text("schema = [", encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("plus", "o")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        assert app.screen.files[0].name == "broken.toml"
        await pilot.press(*"broken", "enter")  # typed: the one listed file it matches
        await pilot.pause()
        # unsaved work: asked first; discard, then the open fails and says why
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert any("bukan TOML yang sah" in m for m in toasts(app))
        assert isinstance(app.screen, EditorScreen)


async def test_unsaved_edits_are_kept_for_recovery_and_offered_back(copy_sample) -> None:
    path = copy_sample()
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "plus")
        await pilot.pause(1.3)
        await app.workers.wait_for_complete()
        assert recovery_path(path).is_file()
    # the session died without saving; a new one offers the edits back
    app = build_app(file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#choice-recover")
        await pilot.pause()
        assert app.screen.session.scenario.target == {"1": 500}
        assert app.screen.session.dirty
        await pilot.press("s")
        await pilot.pause()
    assert not recovery_path(path).exists()


async def test_filter_and_collapse() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.table
        full = table.row_count
        await pilot.press("slash")
        for ch in "audit":
            await pilot.press(ch)
        await pilot.pause()
        keys = table.row_keys()
        assert [k.id for k in keys if not k.is_group] == ["9", "29", "30", "31"]
        await pilot.press("enter")  # back to the table, filter kept
        assert table.has_focus and "saringan: audit" in topbar(app)
        await pilot.press("escape")
        assert table.row_count == full
        assert table.current_indicator() == "9"  # clearing the filter keeps your place
        table.move_cursor(row=2)
        await pilot.press("up", "up")  # onto the A1 then D1 group rows
        assert table.current_key() == RowKey("domain", "D1")
        await pilot.press("enter")
        assert table.row_count == full - 11  # A1 and its 10 indicators folded away
        await pilot.press("plus")
        assert not app.screen.session.dirty  # a group row is not an indicator


async def test_hidden_charts_are_never_built() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "plus", "g", "down", "plus")
        await settle(pilot)
        assert app.screen.query_one(ChartView).builds == 0


async def test_visible_charts_are_debounced() -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChartView)
        before = view.builds
        assert before >= 1
        for _ in range(5):  # ten edits faster than the debounce interval, as a held key gives
            app.screen.action_raise()
            app.screen.action_lower()
        await settle(pilot)
        assert view.builds - before == 1


async def test_typing_a_filter_does_not_rebuild_the_chart_per_letter(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.app.widgets.charts as charts

    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChartView)
        before = view.builds
        # A debounce no machine outlasts: any build while typing would be a synchronous one
        # (the regression), not a slow CI runner letting the timer fire between letters.
        monkeypatch.setattr(charts, "DEBOUNCE_S", 60.0)
        await pilot.press("slash", *"audit")
        await pilot.pause()
        assert view.builds == before
        monkeypatch.setattr(charts, "DEBOUNCE_S", 0.12)
        await pilot.press("backspace")  # the last letter re-arms the timer; one build follows
        await settle(pilot)
        assert view.builds == before + 1


async def test_pemdi_decimals_step_to_whole_levels() -> None:
    app = build_app(file=scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.screen.session
        await pilot.press("down", "down", "down", "down")  # indicator 4, baseline 1.75
        assert app.screen.table.current_indicator() == "4"
        await pilot.press("plus")
        assert s.scenario.level("4") == 200
        await pilot.press("minus")  # back to the baseline exactly, not to 1
        assert s.scenario.level("4") == 175 and "4" not in s.scenario.target
        await pilot.press("minus")
        assert s.scenario.level("4") == 100
        assert "Peringkat —" in result_text(app)  # no Pemdi results are published: no cohort


async def test_help_lists_keys_and_closes_with_escape() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        for needle in ("Naik", "Simpan sebagai", "ctrl+y", "Keluar", "Saring"):
            assert needle in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_every_action_is_in_the_command_palette_and_every_binding_has_an_id() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)):
        titles = await palette_titles(app)
        for title in ("berkas: Simpan", "berkas: Simpan sebagai…", "berkas: Buka…",
                      "skenario: Urungkan perubahan terakhir", "tampilan: Ganti grafik",
                      "indikator: Naikkan target satu tingkat", "aplikasi: Keluar", "Tema", "Tombol"):
            assert titles.count(title) == 1, title  # once each, and Textual's own in Indonesian
        assert "Quit" not in titles and "Keys" not in titles
        for binding in type(app.screen).BINDINGS:
            assert binding.id, binding


async def test_keys_can_be_remapped_by_id(isolated: Path, monkeypatch) -> None:
    cfg = isolated / "cfg.toml"
    cfg.write_text('[keymap]\nraise = "k"\n', encoding="utf-8")
    monkeypatch.setenv("SPBE_PLANNER_CONFIG", str(cfg))
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        assert app.screen.session.scenario.target == {"1": 400}


async def test_tiny_terminal_says_so() -> None:
    app = build_app()
    async with app.run_test(size=(50, 14)):
        assert "Terminal terlalu kecil" in str(app.screen.query_one("#too-small", Static).render())


async def test_chart_appears_when_the_terminal_grows() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChartView)
        assert view.builds == 0
        await pilot.press("5")  # edited while the chart is hidden
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert view.builds >= 1 and str(view.render()).strip()
        assert "D1 2,30→2,50" in app.screen.query_one("#chart-data", DiffLines).plain


async def test_unknown_theme_in_config_falls_back_with_a_message(isolated: Path, monkeypatch) -> None:
    cfg = isolated / "cfg.toml"
    cfg.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    monkeypatch.setenv("SPBE_PLANNER_CONFIG", str(cfg))
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "spbe"
        assert any("Tema 'no-such-theme' tidak dikenal" in m for m in toasts(app))


@requires_seam
async def test_house_theme_from_the_first_frame_and_a_configured_theme_replaces_it(isolated: Path,
                                                                                  monkeypatch) -> None:
    from tui.app.theme import HOUSE

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "spbe" and app.has_class("-theme-spbe", "-dark-mode")
        assert app.screen.query_one(TopBar).styles.background.hex.upper() == str(HOUSE.panel).upper()
    cfg = isolated / "cfg.toml"
    cfg.write_text('theme = "textual-light"\n', encoding="utf-8")
    monkeypatch.setenv("SPBE_PLANNER_CONFIG", str(cfg))
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light" and app.has_class("-light-mode")
        assert not app.has_class("-theme-spbe")
        assert app.screen.query_one(TopBar).styles.background.hex.upper() != str(HOUSE.panel).upper()


async def test_cursor_row_follows_focus_after_its_styles_are_cached() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.table
        y = table.cursor - int(table.scroll_offset.y) + 1
        focused = list(table.render_line(y))
        await pilot.press("slash")  # the filter takes the focus: the cursor row dims
        await pilot.pause()
        blurred = list(table.render_line(y))
        assert blurred != focused and [s.text for s in blurred] == [s.text for s in focused]
        assert focused[0].style.bgcolor != blurred[0].style.bgcolor


def footer_line(app) -> str:  # type: ignore[no-untyped-def]
    """The bottom row of the screen as the user sees it."""
    return "".join(seg.text for seg in app.screen._compositor.render_strips()[-1])


async def test_the_footer_keeps_help_at_80_columns_and_the_chart_key_only_with_charts() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert "F1 Bantuan" in line and "Grafik" not in line
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        line = footer_line(app)
        assert "F1 Bantuan" in line and "g Grafik" in line


async def test_an_aspect_row_sets_the_scenario_beside_the_cohorts_aspects(tmp_path: Path) -> None:
    from tui.app.widgets.detail_panel import DetailPanel
    from tui.core.resources import demo_scenario
    from tui.core.scoring.rubric import load_rubric
    from tui.core.team.cohort_import import cohort_toml, read_peers

    pemdi = load_rubric("pemdi-2026")
    peers = read_peers(scenarios_dir() / "contoh-hasil-pemdi-2026.json", pemdi, year=2026)
    cohort = tmp_path / "kohort.toml"
    cohort.write_text(cohort_toml(cid="contoh", name="Contoh", framework="pemdi-2026", year=2026, peers=peers,
                                  population=None, source="", level=None), encoding="utf-8")
    app = build_app(file=demo_scenario("pemdi"), cohort=str(cohort))
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.table
        table.move_cursor(next(n for n, k in enumerate(table.row_keys()) if k.kind == "aspect" and k.id == "A7"))
        await pilot.pause()
        text = app.screen.query_one(DetailPanel).plain
        assert "Dibanding kohort (4 pesaing): rata-rata" in text and "terbaik 2,60 (Kota Contoh)" in text


async def test_keymap_entries_that_change_nothing_are_reported(isolated: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.app.conftest import toasts

    cfg = isolated / "cfg.toml"
    cfg.write_text('[keymap]\nraise = "k"\nsve = "ctrl+s"\nundo = ""\n', encoding="utf-8")
    monkeypatch.setenv("SPBE_PLANNER_CONFIG", str(cfg))
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        messages = toasts(app)
        assert any("[keymap]" in m and "sve → save?" in m and "undo" in m for m in messages), messages
        await pilot.press("k")  # the good entry still applies
        assert app.screen.session.scenario.target == {"1": 400}
