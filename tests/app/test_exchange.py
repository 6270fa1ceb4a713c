"""Export from the palette and import from the open dialog, as a planner would do them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from textual.widgets import Input, Label, OptionList, Static

from tests.app.conftest import settle, toasts
from tui.app.dialogs.files import OpenDialog, SaveAsDialog
from tui.app.dialogs.import_sheet import ImportAnswers, ImportDialog
from tui.app.main import build_app
from tui.core.scoring.rubric import load_rubric


async def test_export_writes_the_unsaved_scenario_as_markdown(isolated: Path) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")  # an unsaved change is part of the report
        app.screen.action_export()
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        box = app.screen.query_one(Input)
        box.value = "laporan"
        await pilot.press("enter")
        await pilot.pause()
        text = (isolated / "laporan.md").read_text(encoding="utf-8")
        assert text.startswith("# Baseline 2022 — Kabupaten Contoh")
        assert "| 1 | Keb. Arsitektur | 3 | 5 |" in text


async def test_export_in_xlsx_by_the_file_ending(isolated: Path) -> None:
    import openpyxl
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = "r.xlsx"
        await pilot.press("enter")
        await pilot.pause()
        assert openpyxl.load_workbook(isolated / "r.xlsx").sheetnames == ["kabupaten-contoh-2022"]


async def test_open_dialog_offers_sheets_and_imports_one(isolated: Path) -> None:
    rubric = load_rubric("spbe-2020")
    rows = ["No;Tingkat"] + [f"{i};4" for i in rubric.indicator_ids]
    (isolated / "lembar.csv").write_text("\n".join(rows), encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        await pilot.press(*"lembar")  # the list keeps the one file the text matches
        assert [str(o.prompt) for o in app.screen.query_one(OptionList).options] == ["lembar.csv"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)  # read first: the framework is found in the sheet
        assert app.screen.query_one("#import-framework", Input).value == "spbe-2020"
        assert any("47 indikator" in str(w.render()) for w in app.screen.query(Static))
        assert app.focused is app.screen.query_one("#import-region", Input)
        await pilot.press(*"Kota Uji", "enter")
        await pilot.pause()
        session = app.screen.session
        assert session.scenario.meta.region == "Kota Uji" and session.path is None and session.dirty
        assert set(session.scenario.baseline.values()) == {400}


async def test_a_bad_sheet_is_a_notification_and_keeps_the_work(isolated: Path) -> None:
    (isolated / "rusak.csv").write_text("No;Tingkat\n1;tiga\n", encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("5")
        before = app.screen.session.scenario
        app.screen.document._import(isolated / "rusak.csv", ImportAnswers("spbe-2020", "X"))
        await pilot.pause()
        assert app.screen.session.scenario == before
        assert any("rusak.csv" in m and "sel B2" in m for m in toasts(app))


async def test_the_import_dialog_starts_without_the_current_regions_name(isolated: Path) -> None:
    rubric = load_rubric("pemdi-2026")  # the app is on 59/2020: the sheet's 20 indicators say Pemdi
    rows = ["No;Nilai"] + [f"{i};2,5" for i in rubric.indicator_ids]
    (isolated / "lembar.csv").write_text("\n".join(rows), encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.document.import_sheet(isolated / "lembar.csv")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        assert app.screen.query_one("#import-region", Input).value == ""  # not "Kabupaten Contoh"
        assert app.screen.query_one("#import-framework", Input).value == "pemdi-2026"
        assert app.screen.query_one("#import-year", Input).value == "2026"


async def test_a_wrong_workbook_is_one_message_and_no_questions(isolated: Path) -> None:
    (isolated / "lain.csv").write_text("Nama;Alamat\nAni;Kupang\n", encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        before = app.screen.session.scenario
        app.screen.document.import_sheet(isolated / "lain.csv")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)  # read first: nothing is asked
        assert app.screen.session.scenario == before
        assert any("lain.csv" in m for m in toasts(app))


async def test_opening_a_file_reads_it_once(copy_sample, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.core.files.guarded as files
    import tui.core.scenario.edit_session as edit_session

    path = copy_sample()
    reads: list[str] = []
    real = files.read_guarded

    def counting(p, **kw):  # type: ignore[no-untyped-def]
        reads.append(str(p))
        return real(p, **kw)

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(files, "read_guarded", counting)
        monkeypatch.setattr(edit_session, "read_guarded", counting)
        assert app.screen.document.open_file(path)
        await pilot.pause()
        assert reads.count(str(path)) == 1  # parse and checksum from the same bytes
        assert not app.screen.session.changed_on_disk()


async def test_the_apps_import_reads_the_sheet_once(isolated: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.core.scenario.sheets as sheets

    rubric = load_rubric("spbe-2020")
    (isolated / "lembar.csv").write_text("\n".join(["No;Tingkat"] + [f"{i};3" for i in rubric.indicator_ids]),
                                         encoding="utf-8")
    reads: list[Path] = []
    real = sheets.read_guarded
    monkeypatch.setattr(sheets, "read_guarded", lambda path, **kw: reads.append(path) or real(path, **kw))
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.document.import_sheet(isolated / "lembar.csv")
        await pilot.pause()
        await pilot.press(*"Kota Uji", "enter")
        await pilot.pause()
        assert app.screen.session.scenario.meta.region == "Kota Uji"
        assert set(app.screen.session.scenario.baseline.values()) == {300}
    assert len(reads) == 1


@pytest.mark.parametrize("name", ["aceh-tengah-2025.xlsx", "lembar-tanpa-akhiran.toml"])
async def test_a_sheet_given_at_start_up_starts_its_import_not_an_error(name: str, isolated: Path) -> None:
    """`spbe-planner aceh-tengah-2025.xlsx` said "not UTF-8 … save as UTF-8"; a sheet is known by content."""
    import io

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["No", "Indikator", "Nilai 2025"])
    for i in range(1, 21):
        ws.append([i, f"Indikator {i}", 3])
    buf = io.BytesIO()
    book.save(buf)
    (isolated / name).write_bytes(buf.getvalue())
    app = build_app(file=isolated / name)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert app.screen.query_one("#import-framework", Input).value == "pemdi-2026"
        assert not [m for m in toasts(app) if "UTF-8" in m]


def year_workbook(path: Path) -> Path:
    rows = ["No;Indikator;Nilai 2024;Nilai 2025"] + [f"{i};Ind {i};2;3" for i in range(1, 48)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


async def test_the_apps_import_asks_what_the_cli_asks(isolated: Path) -> None:
    """Two year columns: the latest is suggested, the year follows it, earlier years may become history."""
    sheet = year_workbook(isolated / "kerja.csv")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.document.import_sheet(sheet)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        assert dialog.query_one("#import-column", Input).value == "D"
        assert dialog.query_one("#import-year", Input).value == "2025"
        assert any("C (Nilai 2024), D (Nilai 2025)" in str(w.render()) for w in dialog.query(Label))
        await pilot.press(*"Kab. Uji", "enter")  # region → year
        assert app.focused is dialog.query_one("#import-year", Input)
        await pilot.press("enter")  # year → column
        assert app.focused is dialog.query_one("#import-column", Input)
        await pilot.press("enter")  # column → history
        await pilot.press("space", "enter")
        await pilot.pause()
        s = app.screen.session.scenario
        assert (s.meta.region, s.meta.year) == ("Kab. Uji", 2025)
        assert set(s.baseline.values()) == {300}
        assert set(s.history) == {2024}


async def test_the_app_and_the_cli_import_the_same_scenario(isolated: Path) -> None:
    from tui.cli.main import main
    from tui.core.scenario.scenario_file import dump_scenario, load_scenario

    sheet = year_workbook(isolated / "kerja.csv")
    assert main(["import", str(sheet), "--framework", "spbe-2020", "--region", "Kab. Uji", "--year", "2025",
                 "--history-columns", "--cohort", "ntt-kabkota-2022",  # the app keeps the open scenario's cohort
                 "-o", str(isolated / "cli.toml")]) == 0
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.document.import_sheet(sheet)
        await pilot.pause()
        await pilot.press(*"Kab. Uji", "enter", "enter", "enter", "space", "enter")
        await pilot.pause()
        from_app = app.screen.session.scenario
    from_cli, _ = load_scenario(isolated / "cli.toml")
    assert dump_scenario(from_app) == dump_scenario(from_cli)


async def test_an_exported_report_opens_whole_without_questions(isolated: Path) -> None:
    from tui.cli.main import main

    src = Path(__file__).resolve().parents[2] / "scenarios" / "contoh-rencana-aksi.toml"
    assert main(["export", str(src), "--format", "xlsx", "-o", str(isolated / "laporan.xlsx")]) == 0
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.screen.document.import_sheet(isolated / "laporan.xlsx")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        s = app.screen.session.scenario
        assert s.meta.name == "Rencana aksi menuju Baik 2023" and s.target and s.evidence
        assert any("[[programme]]" in m for m in toasts(app))


async def test_open_and_compare_offer_scenarios_and_sheets_not_cost_files(isolated: Path) -> None:
    from tui.app.screens.compare import CompareScreen

    samples = Path(__file__).resolve().parents[2] / "scenarios"
    (isolated / "biaya.toml").write_bytes((samples / "biaya" / "contoh-biaya.toml").read_bytes())
    (isolated / "kohort.toml").write_bytes((samples / "cohorts" / "bali-2023.toml").read_bytes())
    (isolated / "rencana.toml").write_bytes((samples / "contoh-target-baik.toml").read_bytes())
    year_workbook(isolated / "kerja.csv")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        offered = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert "rencana.toml" in offered and "kerja.csv" in offered
        assert not [name for name in offered if "biaya" in name or "kohort" in name or "bali" in name]
        await pilot.press("escape")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        names = [f.name for f in app.screen.files]
        assert "rencana.toml" in names
        assert "biaya.toml" not in names and "kohort.toml" not in names


@pytest.mark.parametrize("name", ["laporan.pdf", "laporan.docx"])
async def test_export_as_a_signed_document_by_the_file_ending(name: str, isolated: Path) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.screen.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = name
        await pilot.press("enter")
        await pilot.pause()
        data = (isolated / name).read_bytes()
        assert data.startswith(b"%PDF" if name.endswith(".pdf") else b"PK")
        assert any("laporan" in m for m in toasts(app))


async def test_the_palette_writes_the_peta_rencana_and_the_action_plan_calendar(isolated: Path) -> None:
    from tests.app.conftest import palette_titles
    from tui.app.dialogs.common import TextDialog

    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        titles = await palette_titles(app)
        assert any("Peta Rencana" in title for title in titles)
        app.screen.action_roadmap()
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one(Input).value = "2023=entah"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)  # refused in place, saying why
        assert "entah" in str(app.screen.query_one("#text-error", Static).render())
        app.screen.query_one(Input).value = "2023=baik 2024=2,9"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one(Input).value = "peta.md"
        await pilot.press("enter")
        await pilot.pause()
        text = (isolated / "peta.md").read_text(encoding="utf-8")
        assert text.startswith("# Peta Rencana — Kabupaten Contoh") and "| 2024 | 2,90 |" in text
        assert "Target triwulanan 2023" in text
        app.screen.action_action_plan()
        await pilot.pause()
        app.screen.query_one(Input).value = "rencana.ics"
        await pilot.press("enter")
        await pilot.pause()
        assert (isolated / "rencana.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
