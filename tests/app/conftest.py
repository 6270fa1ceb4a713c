"""App tests run against a temporary home: no user config, state or files leak in or out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.app.textual_seam import plotext_seam_active, seam_active
from tui.core.resources import scenarios_dir

# Tests of what the seam adds (the house theme in the first frame, the quiet served exit, charts
# sized past the terminal): CI also runs the suite with the seam off, where these are skipped.
requires_seam = pytest.mark.skipif(not (seam_active() and plotext_seam_active()),
                                   reason="tests the seam (tui/app/textual_seam.py), which is off")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SPBE_PLANNER_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("SPBE_PLANNER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def copy_sample(isolated: Path):
    def _copy(name: str = "kabupaten-contoh-2022.toml") -> Path:
        dest = isolated / name
        shutil.copy(scenarios_dir() / name, dest)
        return dest
    return _copy


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let timers (chart debounce, recovery) fire and workers finish, then let the screen update."""
    from tui.app.widgets.charts import ChartPanel, ChartView

    await pilot.pause(0.3)
    for _ in range(50):  # a loaded machine can delay the debounce timer; wait for it, bounded
        views = [*pilot.app.screen.query(ChartView), *pilot.app.screen.query(ChartPanel)]
        if not any(v._timer is not None for v in views):
            break
        await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def toasts(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The notifications on screen, each as its text reads (title, then message)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def palette_titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    """What the command palette lists for the current screen: its actions, then Textual's own."""
    from tui.app.actions import ActionCommands

    provider = ActionCommands(app.screen)
    titles = [str(hit.text or hit.display) async for hit in provider.discover()]
    return titles + [c.title for c in app.get_system_commands(app.screen)]


async def planned(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the planning screen's search (a worker thread) answer, then let the screen update."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
