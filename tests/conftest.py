"""Shared fixtures: the bundled rubrics and helpers that write scenario files for tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.scenario.scenario_file import Scenario, dump_scenario, new_scenario
from tui.core.scoring.rubric import Rubric, load_rubric


@pytest.fixture(scope="session")
def spbe() -> Rubric:
    return load_rubric("spbe-2020")


@pytest.fixture(scope="session")
def pemdi() -> Rubric:
    return load_rubric("pemdi-2026")


def scenario_text(framework: str = "spbe-2020", *, baseline: dict[str, object] | None = None,
                  target: dict[str, object] | None = None, extra_meta: str = "", schema: int = 1) -> str:
    """A scenario file as text, every indicator at 2 unless overridden (keys/values are raw TOML)."""
    rubric = load_rubric(framework)
    levels: dict[str, object] = {i: 2 for i in rubric.indicator_ids}
    levels.update(baseline or {})
    lines = [f"schema = {schema}", "[scenario]", 'name = "T"', f'framework = "{framework}"',
             'region = "Kabupaten Uji"', "year = 2022", extra_meta, "[baseline]"]
    lines += [f'"{k}" = {v}' for k, v in levels.items() if v is not None]
    lines.append("[target]")
    lines += [f'"{k}" = {v}' for k, v in (target or {}).items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(text: str | bytes, name: str = "s.toml") -> Path:
        p = tmp_path / name
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return p
    return _write


@pytest.fixture
def demo(spbe: Rubric) -> Scenario:
    return new_scenario(spbe, region="Kabupaten Uji", year=2022, level=2)


__all__ = ["dump_scenario", "scenario_text"]
