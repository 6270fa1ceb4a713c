"""The entry point: --lang, --version and --help anywhere; the app only on a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.core.resources import scenarios_dir

SAMPLE = scenarios_dir() / "contoh-target-baik.toml"


def run(*args: object) -> subprocess.CompletedProcess[str]:
    # stdout is a pipe here, as in a script: the app must refuse at once, never wait.
    env = {"PATH": "/usr/bin:/bin", "SPBE_PLANNER_LANG": "id"}
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL, env=env)


@pytest.mark.parametrize("args", [("--lang", "en", "score", SAMPLE), ("score", SAMPLE, "--lang", "en"),
                                  ("--lang=en", "score", SAMPLE)])
def test_lang_works_before_or_after_a_subcommand(args: tuple[object, ...]) -> None:
    out = run(*args)
    assert out.returncode == 0, out.stderr
    assert "2.62" in out.stdout and "7 of 22" in out.stdout


def test_a_subcommand_after_global_options_is_never_a_file_to_open() -> None:
    out = run("--lang", "en", "rubrics")
    assert out.returncode == 0, out.stderr
    assert "spbe-2020" in out.stdout and "file not found" not in out.stderr


@pytest.mark.parametrize("args", [("--version",), ("rubrics", "--version"), ("--lang", "en", "--version")])
def test_version_anywhere(args: tuple[object, ...]) -> None:
    out = run(*args)
    assert out.returncode == 0 and out.stdout.startswith("spbe-planner "), out


def test_help_before_or_after_a_subcommand() -> None:
    assert run("--help").returncode == 0
    out = run("score", "--help")
    assert out.returncode == 0 and "--projection" in out.stdout


@pytest.mark.parametrize(("args", "needle"), [((), "perlu terminal"), (("--lang", "en", SAMPLE), "needs a terminal")])
def test_the_app_refuses_without_a_terminal(args: tuple[object, ...], needle: str) -> None:
    out = run(*args)
    assert out.returncode == 2 and needle in out.stderr and "Traceback" not in out.stderr, out
