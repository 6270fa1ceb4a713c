"""The command line speaks the user's language and forgives typos (argparse's own English never shows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tui.__main__ import route
from tui.core.resources import scenarios_dir

DEMO = scenarios_dir() / "contoh-target-baik.toml"
ENGLISH = ("usage:", "error:", "unrecognized", "invalid choice", "required:", "expected one argument")


def plain(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err  # one line
    if "spbe-planner: galat:" in err:  # Indonesian: none of argparse's English
        assert not any(word in err for word in ENGLISH), err


def test_a_mistyped_flag_is_named_with_the_one_meant(cli: Run) -> None:
    code, out, err = cli("plan", DEMO, "--index", "3", "--max-stpe", "2")
    assert code == 2 and out == ""
    assert "--max-stpe: bukan opsi spbe-planner plan; maksud Anda --max-step?" in err
    plain(err)


def test_a_mistyped_subcommand_is_not_taken_for_a_file(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPBE_PLANNER_LANG", "id")
    assert route(["scroe", "a.toml"]) == 2
    err = capsys.readouterr().err
    assert "'scroe' tidak dikenal di sini; maksud Anda score?" in err and "terminal" not in err
    plain(err)
    assert route(["--lang", "en", "scroe"]) == 2  # after the global options too, and in English
    err = capsys.readouterr().err
    assert "'scroe' is not known here; did you mean score?" in err


@pytest.mark.parametrize(("args", "needle"), [
    (("score", "--projection", "x", "a.toml"), "--projection: 'x' bukan salah satu dari hold, trend"),
    (("plan", "a.toml", "--index", "3", "--max-step", "dua"), "--max-step: harus bilangan bulat, bukan 'dua'"),
    (("score",), "spbe-planner score memerlukan FILE"),
    (("plan", "a.toml"), "memerlukan salah satu dari --predikat, --index, --rank, --roadmap"),
    (("new", "--framework"), "--framework: memerlukan nilai"),
    (("room", "ad"), "'ad' tidak dikenal di sini; maksud Anda add?"),
    (("plan", "a.toml", "--index", "3", "--top", "x", "--lang", "en"), "--top: must be a whole number, not 'x'"),
])
def test_every_refusal_of_the_command_line_is_one_line_in_the_users_language(cli: Run, args: tuple[str, ...],
                                                                            needle: str) -> None:
    code, _, err = cli(*args)
    assert code == 2 and needle in err
    plain(err)


def test_help_is_in_the_users_language(cli: Run, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli("-h")
    assert code == 0 and out.startswith("pemakaian: spbe-planner") and "tampilkan bantuan ini lalu keluar" in out
    with pytest.raises(SystemExit) as stop:  # argparse's help action ends the process, with 0
        cli("plan", "--help")
    out = capsys.readouterr().out
    assert stop.value.code == 0 and "opsi:" in out and "usage:" not in out
