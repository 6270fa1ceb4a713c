"""Join-code tries are limited per address and per user name; the room folder is made absolute."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.room import room_dir
from tui.core.room.folder import MAX_FAILURES, Room
from tui.serve.context import Limits, Log, ServeContext


def test_code_failures_are_limited_per_user_across_addresses(tmp_path: Path) -> None:
    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log(), limits=Limits())  # type: ignore[arg-type]
    n = ctx.limits.code_tries_per_minute
    for k in range(n):
        assert ctx.may_try_code(f"127.0.0.{k}", "ani")
        ctx.code_failed(f"127.0.0.{k}", "ani")
    assert not ctx.may_try_code("127.0.0.99", "ani")  # a fresh address does not give fresh tries
    assert ctx.may_try_code("127.0.0.99", "budi")


def test_successful_sign_ins_from_one_school_nat_are_not_limited(tmp_path: Path) -> None:
    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log(), limits=Limits())  # type: ignore[arg-type]
    assert all(ctx.may_try_code("10.0.0.1", f"siswa{k}") for k in range(40))  # only failures count


def test_lockout_is_per_address_and_name(tmp_path: Path) -> None:
    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log(), limits=Limits())  # type: ignore[arg-type]
    for _ in range(MAX_FAILURES):
        ctx.code_failed("10.0.0.66", "ani")
    assert ctx.locked_out("10.0.0.66", "ani")
    assert not ctx.locked_out("10.0.0.7", "ani")  # ani herself, from her own laptop
    assert not ctx.locked_out("10.0.0.66", "budi")


def test_names_tried_cost_no_memory_once_their_minute_is_over(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log(), limits=Limits())  # type: ignore[arg-type]
    for k in range(4000):
        ctx.may_try_code("10.0.0.1", f"nama{k}")  # only checked: nothing kept
    assert len(ctx.code_tries) == 0
    for k in range(300):
        ctx.code_failed(f"10.0.1.{k % 250}", f"nama{k}")
    later = time.monotonic() + 16 * 60
    monkeypatch.setattr(time, "monotonic", lambda: later)
    ctx.may_try_code("10.0.0.1", "ani")
    assert len(ctx.code_tries) == 0 and len(ctx.lockouts) == 0


def test_a_relative_room_folder_is_made_absolute_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    args = argparse.Namespace(room=Path("kelas"), dir=None)
    assert room_dir(args) == tmp_path / "kelas"
