"""Served mode: what a participant's app may read and write (the checks behind every file access)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, read_toml
from tui.core.files.workspace import ENV, guard_read, guard_write
from tui.core.resources import default_scenario
from tui.core.scenario.sheets import read_csv


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "alice"
    home.mkdir()
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / "rahasia.toml").write_text('x = 1\n')
    monkeypatch.setenv(ENV, str(home))
    monkeypatch.chdir(home)
    return home


def test_not_served_means_no_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    guard_read("/etc/hostname")
    guard_write(tmp_path / ".." / "anything.toml")


def test_reads_inside_the_workspace_and_the_bundled_samples(ws: Path) -> None:
    (ws / "a.toml").write_text("x = 1\n")
    assert read_toml("a.toml") == {"x": 1}
    assert "baseline" in read_toml(default_scenario())


@pytest.mark.parametrize("name", ["../bob/rahasia.toml", "/etc/passwd", "sub/../../bob/rahasia.toml"])
def test_reads_outside_are_refused_naming_the_file(ws: Path, name: str) -> None:
    with pytest.raises(InputError, match="outside your workspace") as err:
        read_toml(name)
    assert name in str(err.value)


def test_a_symlink_pointing_out_cannot_be_read(ws: Path) -> None:
    (ws / "link.toml").symlink_to(ws.parent / "bob" / "rahasia.toml")
    with pytest.raises(InputError, match="outside your workspace"):
        read_toml("link.toml")
    (ws / "sheet.csv").symlink_to(ws.parent / "bob" / "rahasia.toml")
    with pytest.raises(InputError, match="outside your workspace"):
        read_csv(Path("sheet.csv"))


@pytest.mark.parametrize("name", ["ok.toml", "Skenario 2025 v2.toml", "laporan_akhir-1.xlsx"])
def test_allowed_names_are_written(ws: Path, name: str) -> None:
    atomic_write(name, "x = 1\n")
    assert (ws / name).read_text() == "x = 1\n"


@pytest.mark.parametrize("name", ["../bob/x.toml", "/tmp/x.toml", "a/../../x.toml", ".hidden.toml",
                                  "a\\b.toml", "nul\0.toml", "trailing.", "x" * 70 + ".toml", "semi;colon.toml"])
def test_bad_names_and_places_are_refused_and_nothing_is_written(ws: Path, name: str) -> None:
    before = sorted(p.name for p in ws.parent.rglob("*"))
    with pytest.raises((InputError, ValueError)):
        atomic_write(name, "x = 1\n")
    assert sorted(p.name for p in ws.parent.rglob("*")) == before


def test_writing_through_symlinks_is_refused(ws: Path) -> None:
    outside = ws.parent / "bob" / "rahasia.toml"
    (ws / "link.toml").symlink_to(outside)
    (ws / "dangling.toml").symlink_to(ws / "nowhere.toml")
    (ws / "dir").symlink_to(ws.parent / "bob")
    for name in ("link.toml", "dangling.toml", "dir/new.toml"):
        with pytest.raises(InputError, match=r"symbolic link|outside"):
            atomic_write(name, "evil = true\n")
    assert outside.read_text() == "x = 1\n"
    assert not (ws / "nowhere.toml").exists() and not (ws.parent / "bob" / "new.toml").exists()


def test_the_apps_own_state_folders_are_allowed(ws: Path) -> None:
    state = ws / ".local" / "state" / "spbe-planner" / "recovery"
    state.mkdir(parents=True)
    atomic_write(state / "0123abcd.toml", "x = 1\n")
    assert os.listdir(state) == ["0123abcd.toml"]
