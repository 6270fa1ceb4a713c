"""Every reproducer of the fuzz campaign ends in exit 2 with one message naming its file and field.

Each once crashed ("galat internal"), hung or used hundreds of MiB. They run through the real CLI
(in-process, so a traceback would show as a failure here), each bounded in time and memory.
"""

from __future__ import annotations

import os
import re
import stat
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.fuzz.corpus import CASES, CORPUS, Case
from tui.cli.main import main
from tui.core.resources import scenarios_dir

SAMPLE = scenarios_dir() / "kabupaten-contoh-2022.toml"
ACTION = scenarios_dir() / "contoh-rencana-aksi.toml"  # with evidence: what `evidence import` merges into
MAX_SECONDS = 3.0
MAX_PEAK_MIB = 64


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, float, float]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        code = main(list(args))
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return code, capsys.readouterr().err, elapsed, peak


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reproducer_is_refused_with_one_message(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = CORPUS / case.name
    assert file.is_file(), "run `python -m tests.fuzz.corpus` to write the corpus"
    out = tmp_path / "out.toml"
    args = [a.format(file=file, sample=SAMPLE, out=out, action=ACTION) for a in case.command]
    code, err, elapsed, peak = run_cli(capsys, *args, "--lang", "en")
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "internal" not in err, err
    assert case.name in err and case.needle in err, err
    assert not out.exists()
    assert elapsed < MAX_SECONDS and peak < min(MAX_PEAK_MIB, case.max_mib), (elapsed, peak)


@pytest.mark.parametrize("command", [("validate", "{f}"), ("score", "{f}"), ("ls", "{d}"),
                                     ("plan", str(SAMPLE), "--predikat", "baik", "--cost", "{f}"),
                                     ("import", "{csv}", "--framework", "spbe-2020", "--region", "X", "-o", "{o}")])
def test_special_files_are_refused_by_type_not_opened(command: tuple[str, ...], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipa.toml"
    os.mkfifo(fifo)
    csv_fifo = tmp_path / "pipa.csv"
    os.mkfifo(csv_fifo)
    args = [a.format(f=fifo, d=tmp_path, csv=csv_fifo, o=tmp_path / "o.toml") for a in command]
    code, err, elapsed, _ = run_cli(capsys, *args)  # a FIFO opened for reading would block forever
    assert elapsed < MAX_SECONDS
    if command[0] == "ls":  # ls lists the unreadable file with its reason and exits 0
        assert code == 0
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        return
    assert code == 2 and "FIFO" in err and "pipa" in err, err


def test_ls_lists_a_file_it_cannot_read_last_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-rusak.toml").write_bytes((CORPUS / "level-1e308.toml").read_bytes())
    (tmp_path / "b-baik.toml").write_bytes(SAMPLE.read_bytes())
    os.mkfifo(tmp_path / "c-pipa.toml")
    code = main(["ls", str(tmp_path), "--lang", "en"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[1].startswith("b-baik.toml")
    assert out[2].startswith("a-rusak.toml") and 'baseline."12"' in out[2]
    assert out[3].startswith("c-pipa.toml") and "FIFO" in out[3]


def test_symlink_loops_as_cohort_or_rubric(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(tmp_path / "loop2.toml")
    (tmp_path / "loop2.toml").symlink_to(loop)
    for args in (["score", "--cohort", str(loop), str(SAMPLE)], ["rubrics", "--rubric", str(loop)]):
        code, err, _, _ = run_cli(capsys, *args, "--lang", "en")
        assert code == 2 and "loop" in err and "loop.toml" in err, err


@pytest.mark.parametrize(("args", "needle"), [
    (["plan", str(SAMPLE), "--index", "1e308"], "--index"),
    (["plan", str(SAMPLE), "--index", "nan"], "--index"),
    (["plan", str(SAMPLE), "--predikat", "baik", "--max-cost", "1e308"], "--max-cost"),
    (["plan", str(SAMPLE), "--predikat", "baik", "--max-cost", "lima"], "--max-cost"),
    (["plan", str(SAMPLE), "--roadmap", "2024=1e308"], "--roadmap: index 1e+308 is far outside"),
    (["plan", str(SAMPLE), "--roadmap", "2024=rank:99999999999999"], "--roadmap"),
    (["new", "--framework", "spbe-2020", "--region", "X", "--year", "1999", "-o", "{o}"], "--year: must be at least"),
    (["new", "--framework", "spbe-2020", "--region", "", "-o", "{o}"], "--region: must not be empty"),
    (["new", "--framework", "spbe-2020", "--region", "X" * 201, "-o", "{o}"], "--region: is longer than 200"),
    (["new", "--framework", "spbe-2020", "--region", "X", "-o", "{missing}"], "the folder does not exist"),
    (["import", str(CORPUS / "cr-only.csv"), "--framework", "spbe-2020", "--region", "X", "--year", "1999",
      "-o", "{o}"], "--year"),
])
def test_absurd_flags_get_one_message(args: list[str], needle: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.format(o=tmp_path / "o.toml", missing=tmp_path / "nope" / "o.toml") for a in args]
    code, err, _, _ = run_cli(capsys, *args, "--lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1 and needle in err, err
    assert ".tmp" not in err
    assert not (tmp_path / "o.toml").exists()


def test_unwritable_folder_names_the_target_not_the_temporary(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere; the missing-folder case covers the message")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, err, _, _ = run_cli(capsys, "new", "--framework", "spbe-2020", "--region", "X", "-o",
                              str(locked / "o.toml"), "--lang", "en")
    assert code == 2 and "o.toml" in err and ".tmp" not in err


def test_unknown_cohort_in_a_scenario_names_the_file_and_key(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "s.toml"
    text = re.sub(r'(?m)^cohort = .*$', 'cohort = "tidak-ada"', SAMPLE.read_text("utf-8"))
    scenario.write_text(text, "utf-8")
    for args in (["validate", str(scenario)], ["plan", str(scenario), "--predikat", "baik"],
                 ["score", str(scenario)]):
        code, err, _, _ = run_cli(capsys, *args, "--lang", "en")
        assert code == 2 and f"{scenario}: scenario.cohort: unknown cohort 'tidak-ada'" in err, err


def test_plan_of_an_unscorable_framework_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rubric = str(Path(__file__).parents[1] / "golden" / "unscorable-rubric.toml")
    code, err, _, _ = run_cli(capsys, "new", "--framework", "contoh-tanpa-bobot", "--region", "X", "-o",
                              str(tmp_path / "lama.toml"), "--rubric", rubric)
    assert code == 0, err
    code, err, _, _ = run_cli(capsys, "plan", str(tmp_path / "lama.toml"), "--predikat", "baik", "--lang", "en",
                              "--rubric", rubric)
    assert code == 2 and "lama.toml: scenario.framework: framework contoh-tanpa-bobot cannot be scored" in err, err


def test_a_utf8_bom_is_accepted_in_every_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bom = "\ufeff"
    scenario = tmp_path / "s.toml"
    scenario.write_text(bom + SAMPLE.read_text("utf-8"), "utf-8")
    cost = tmp_path / "c.toml"
    cost.write_text(bom + "schema = 1\n[default]\nstep = 2\n", "utf-8")
    cohort = tmp_path / "k.toml"
    cohort.write_text(bom + (CORPUS / "peer-nan.toml").read_text("utf-8").replace("nan", "3.1"), "utf-8")
    assert run_cli(capsys, "validate", str(scenario))[0] == 0
    assert run_cli(capsys, "plan", str(scenario), "--predikat", "baik", "--cost", str(cost))[0] == 0
    assert run_cli(capsys, "score", "--cohort", str(cohort), str(scenario))[0] == 0
    sheet = tmp_path / "b.csv"
    rows = "\n".join(f"{i};2" for i in range(1, 48))
    sheet.write_text(bom + "No;Tingkat\n" + rows + "\n", "utf-8")
    code, err, _, _ = run_cli(capsys, "import", str(sheet), "--framework", "spbe-2020", "--region", "X", "-o",
                              str(tmp_path / "o.toml"))
    assert code == 0, err


def test_messages_are_indonesian_by_default(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setenv("SPBE_PLANNER_LANG", "id")
    code, err, _, _ = run_cli(capsys, "validate", str(CORPUS / "level-1e308.toml"))
    assert code == 2 and 'baseline."12": nilai 1e+308 jauh di luar skala mana pun' in err, err
    sheet = tmp_path / "b.csv"
    sheet.write_text("No,Tingkat\r1,tiga\r", "utf-8")
    code, err, _, _ = run_cli(capsys, "import", str(sheet), "--framework", "spbe-2020", "--region", "X", "-o",
                              str(tmp_path / "o.toml"))
    assert code == 2 and "b.csv: baris 2, sel B2: tingkat harus angka, bukan 'tiga'" in err, err


def test_digits_that_int_refuses_are_not_whole_numbers() -> None:
    from tui.core.numbers import is_whole

    assert is_whole("12") and not is_whole("²") and not is_whole("٣") and not is_whole("1" * 10)


@pytest.mark.parametrize("command", [
    ("new", "--framework", "spbe-2020", "--region", "X", "-o", "{f}", "--force"),
    ("export", str(SAMPLE), "--format", "csv", "-o", "{f}", "--force"),
    ("export", str(SAMPLE), "--format", "md", "-o", "{f}"),
    ("plan", str(SAMPLE), "--predikat", "baik", "--apply", "-o", "{f}", "--force"),
])
def test_writes_onto_a_fifo_are_refused_by_type_and_leave_it_a_fifo(
        command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipa.out"
    os.mkfifo(fifo)
    code, err, elapsed, _ = run_cli(capsys, *[a.format(f=fifo) for a in command], "--lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "FIFO" in err and "refusing to replace it" in err and "pipa.out" in err, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and elapsed < MAX_SECONDS


def test_a_device_is_never_a_write_target() -> None:
    """What `-o /dev/null --force` meets, checked without writing (as root it would replace /dev/null)."""
    from tui.core.errors import InputError
    from tui.core.files.guarded import check_output_target

    with pytest.raises(InputError) as caught:
        check_output_target("/dev/null", force=True)
    assert caught.value.code == "write_not_regular" and caught.value.params["kind"] == "device"


def test_os_errors_are_named_in_the_users_language_not_the_systems(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    name = "x" * 300 + ".toml"
    code, err, _, _ = run_cli(capsys, "validate", str(tmp_path / name))
    assert code == 2 and "nama terlalu panjang" in err and "File name too long" not in err, err


PEMDI = scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml"


@pytest.mark.parametrize(("args", "needles"), [
    (["new", "--framework", "x", "--region", "X", "-o", "{o}"], ["--framework: unknown framework 'x'"]),
    (["new", "--framework", "x" * 300, "--region", "X", "-o", "{o}"], ["--framework:", "…"]),
    (["score", "--cohort", "y" * 300, str(SAMPLE)], ["--cohort:", "…"]),
    (["import", str(CORPUS / "cr-only.csv"), "--framework", "spbe-2020", "--cohort", "nope", "--region", "X",
      "-o", "{o}"], ["--cohort: unknown cohort 'nope'"]),
    (["score", "--cohort", "provinsi-2022", str(PEMDI)], ["--cohort: cohort provinsi-2022"]),
    (["convert", str(PEMDI), "--to", "spbe-2020", "-o", "{o}"], [f"{PEMDI}: scenario.framework:"]),
    (["compare", "--cohort", "nope", str(SAMPLE), str(PEMDI)], ["spbe-planner: error: --cohort:"]),
])
def test_names_and_flags_are_named_never_an_installation_path(args: list[str], needles: list[str], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.format(o=tmp_path / "o.toml") for a in args]
    code, err, _, _ = run_cli(capsys, *args, "--lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert all(n in err for n in needles), err
    assert "too long" not in err and "site-packages" not in err and "/cohorts/" not in err and "/rubrics/" not in err
    assert not (tmp_path / "o.toml").exists()


def test_cohort_import_never_writes_a_file_its_own_reader_refuses(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Each name within its limit, together over the reader's 1 MiB: refused before writing."""
    sheet = tmp_path / "kabkota.csv"
    rows = [f"{k},Kabupaten {'Panjang' * 26} {k},2.{k % 90 + 10}" for k in range(1, 4900)]
    sheet.write_text("No,Nama,Indeks\n" + "\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "kohort.toml"
    code, err, _, _ = run_cli(capsys, "cohort", "import", str(sheet), "--framework", "pemdi-2026", "--year", "2026",
                              "--name", "Uji", "-o", str(out), "--lang", "en")
    assert code == 2 and "larger than 1024 KiB" in err and not out.exists(), err
