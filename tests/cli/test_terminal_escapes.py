"""Control characters from a file never reach the terminal raw (bad input III).

A region or scenario name may carry ESC, BEL, NUL or C1 bytes (TOML escapes allow them); every
command shows them as visible ``\\uXXXX`` instead of letting the terminal act on them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.core.resources import scenarios_dir

HOSTILE = r"\u001b]0;judul\u0007\u001b[2J\u0000\u009b31m\u202eKab"
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")


def hostile_files(tmp_path: Path) -> tuple[Path, Path]:
    text = (scenarios_dir() / "kabupaten-contoh-2022.toml").read_text("utf-8")
    a = tmp_path / "a.toml"
    a.write_text(text.replace('region = "', f'region = "{HOSTILE}', 1).replace('name = "', f'name = "{HOSTILE}', 1),
                 "utf-8")
    b = tmp_path / "b.toml"
    b.write_text(text, "utf-8")
    return a, b


@pytest.mark.parametrize("command", [
    ("score", "{a}"), ("ls", "{d}"), ("compare", "{a}", "{b}"), ("export", "{a}", "--format", "md", "-o", "-"),
    ("export", "{a}", "--format", "csv", "-o", "-"), ("validate", "{a}"), ("score", "{a}", "--json"),
])
def test_no_control_character_is_printed_raw(command: tuple[str, ...], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    a, b = hostile_files(tmp_path)
    code = main([c.format(a=a, b=b, d=tmp_path) for c in command])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not [ch for ch in RAW if ch in out + err], repr(out[:400])
    if command[0] != "validate":  # validate prints no names
        assert "\\u001b" in out  # shown, not dropped: the user sees what the file holds
    if "--json" in command:
        assert json.loads(out)  # still valid JSON
