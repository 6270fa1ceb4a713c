"""The coaching room on disk: names, keys, one-time join codes, workspaces, status."""

from __future__ import annotations

import shutil
import stat
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.resources import scenarios_dir
from tui.core.room.folder import MAX_FAILURES, Room, valid_user
from tui.core.room.room_status import room_status, status_json
from tui.core.scenario.recovery import HEADER

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc2jhKq0lmX5W9p2W9mQx8v4o5h2s2rW6t4kzgmnyZJ alice@laptop"


@pytest.fixture
def room(tmp_path: Path) -> Room:
    return Room(tmp_path / "ruang")


@pytest.mark.parametrize("name", ["alice", "a", "budi_s", "opd-3", "x" * 32])
def test_good_user_names(name: str) -> None:
    assert valid_user(name)


@pytest.mark.parametrize("name", ["", "Alice", "1abc", "../etc", "a/b", "a b", "x" * 33, "keys", "codes",
                                  "online", "alice\n", "ali.ce"])
def test_bad_user_names_never_become_paths(room: Room, name: str) -> None:
    assert not valid_user(name)
    with pytest.raises(InputError, match="user names"):
        room.workspace(name)


def test_keys_are_checked_appended_once_and_the_workspace_is_private(room: Room, tmp_path: Path) -> None:
    pub = tmp_path / "k.pub"
    pub.write_text(KEY + "\n")
    assert room.add_keys("alice", pub) == 1
    assert room.add_keys("alice", pub) == 0
    assert room.keys("alice") == [KEY]
    mode = stat.S_IMODE(room.workspace("alice").stat().st_mode)
    assert mode == 0o700
    assert stat.S_IMODE(room.key_file("alice").stat().st_mode) == 0o600


@pytest.mark.parametrize("text", ["hello", "ssh-ed25519 notbase64!!", "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ"])
def test_a_file_without_a_valid_key_is_refused_naming_it(room: Room, tmp_path: Path, text: str) -> None:
    pub = tmp_path / "bad.pub"
    pub.write_text(text + "\n")
    with pytest.raises(InputError, match=r"bad\.pub"):
        room.add_keys("alice", pub)
    assert room.keys("alice") == []


def test_a_join_code_works_once(room: Room) -> None:
    code = room.new_code("budi")
    assert len(code) == 9 and code[4] == "-"
    assert room.check_code("budi", code.lower().replace("-", " ")) == "ok"
    assert room.check_code("budi", code) == "used"


def test_a_code_answered_right_twice_at_once_lets_in_only_one(room: Room) -> None:
    code = room.new_code("budi")
    start = threading.Barrier(6)

    def attempt() -> str:
        start.wait()
        return room.check_code("budi", code)

    with ThreadPoolExecutor(6) as pool:
        verdicts = list(pool.map(lambda _: attempt(), range(6)))
    assert sorted(verdicts) == ["ok", "used", "used", "used", "used", "used"]


def test_a_join_code_expires(room: Room) -> None:
    code = room.new_code("budi", hours=1, now=time.time() - 2 * 3600)
    assert room.check_code("budi", code) == "expired"


def test_wrong_codes_are_counted_but_do_not_lock_the_code(room: Room) -> None:
    """Whoever guesses a name could otherwise lock its owner out; the doors lock out an address."""
    code = room.new_code("budi")
    for _ in range(MAX_FAILURES + 2):
        assert room.check_code("budi", "AAAA-AAAA") == "wrong"
    participant = room.participant("budi")
    assert participant.code is not None and participant.code.failures == MAX_FAILURES + 2
    assert room.check_code("budi", code) == "ok"


def test_unknown_users_and_bad_names_have_no_code(room: Room) -> None:
    assert room.check_code("nobody", "ABCD-EFGH") == "none"
    assert room.check_code("../x", "ABCD-EFGH") == "none"


def test_remove_takes_access_but_keeps_the_work(room: Room, tmp_path: Path) -> None:
    pub = tmp_path / "k.pub"
    pub.write_text(KEY + "\n")
    room.add_keys("alice", pub)
    room.new_code("alice")
    (room.workspace("alice") / "mine.toml").write_text("x = 1\n")
    assert room.remove("alice")
    assert room.keys("alice") == [] and room.code("alice") is None
    assert (room.workspace("alice") / "mine.toml").exists()
    assert room.users() == ["alice"]


def test_status_scores_files_and_unsaved_work(room: Room) -> None:
    room.new_code("budi")
    room.new_code("citra")
    ws = room.workspace("budi")
    shutil.copy(scenarios_dir() / "contoh-target-baik.toml", ws / "target.toml")
    (ws / "rusak.toml").write_text("schema = [\n")
    rec = ws / ".local/state/spbe-planner/recovery"
    rec.mkdir(parents=True)
    text = (scenarios_dir() / "kabupaten-contoh-2022.toml").read_text()
    (rec / "0011.toml").write_text(f"{HEADER}{ws / 'target.toml'}\n{text}")
    room.mark_online("budi", 1)
    rows = {r.participant.user: r for r in room_status(room)}
    budi = rows["budi"]
    assert budi.participant.online
    assert [e.path.name for e in budi.files] == ["rusak.toml", "target.toml"]
    assert budi.files[0].error and "rusak.toml" in str(budi.files[0].error)
    assert float(budi.files[1].column.summary.scenario.evaluation.index) == 2.62  # type: ignore[union-attr]
    assert budi.unsaved[0].path.name == "target.toml"
    assert float(budi.unsaved[0].column.summary.scenario.evaluation.index) == 2.20  # type: ignore[union-attr]
    assert rows["citra"].files == [] and not rows["citra"].participant.online
    data = status_json(list(rows.values()))
    assert data[0]["user"] == "budi" and data[0]["code"] == "active" and data[0]["files"][1]["index"] == 2.62


def test_every_code_check_costs_one_scrypt_whatever_the_name(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.core.room.folder as room_module

    calls: list[str] = []
    real = room_module.code_hash
    monkeypatch.setattr(room_module, "code_hash", lambda a, s: (calls.append(a), real(a, s))[1])
    room = room_module.Room(tmp_path / "kelas")
    room.ensure()
    room.new_code("ani")
    for user in ("ani", "tidakada", "Bad Name!"):
        calls.clear()
        room.check_code(user, "WRONG-CODE")
        assert len(calls) == 1, user
