"""Join-code tries are limited per address and per user name; the room folder is made absolute."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.room import room_dir
from tui.core.room import Room
from tui.serve.context import Limits, Log, ServeContext


def test_code_tries_are_limited_per_user_across_addresses(tmp_path: Path) -> None:
    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log(), limits=Limits())  # type: ignore[arg-type]
    n = ctx.limits.code_tries_per_minute
    assert all(ctx.may_try_code(f"127.0.0.{k}", "ani") for k in range(n))
    assert not ctx.may_try_code("127.0.0.99", "ani")  # a fresh address does not give fresh tries
    assert ctx.may_try_code("127.0.0.99", "budi")


def test_a_relative_room_folder_is_made_absolute_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    args = argparse.Namespace(room=Path("kelas"), dir=None)
    assert room_dir(args) == tmp_path / "kelas"
