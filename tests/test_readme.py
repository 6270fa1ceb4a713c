"""The README's first lines are the two commands, and CI runs the same test command."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    lines = ROOT.joinpath("README.md").read_text(encoding="utf-8").splitlines()
    fence = [i for i, line in enumerate(lines[:8]) if line.startswith("```")]
    assert len(fence) == 2, "the README must open with a fenced block of two commands"
    return lines[fence[0] + 1:fence[1]]


def test_readme_opens_with_exactly_two_commands() -> None:
    run, test = _commands()
    assert run.endswith("spbe-planner") and "pip install ." in run
    assert "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8").splitlines()
    assert _commands()[1] in ci
