"""`spbe-planner room …`: what a coach types and reads."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tui.core.resources import scenarios_dir
from tui.core.room.folder import Room
from tui.serve.context import Limits, Log, ServeContext, safe_term


@pytest.fixture
def pub(tmp_path: Path) -> Path:
    key = tmp_path / "id_test"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    return key.with_suffix(".pub")


def test_add_list_status_remove(cli: Run, tmp_path: Path, pub: Path) -> None:
    room = tmp_path / "ruang"
    code, out, _ = cli("room", "add", "ani", "--key", pub, "--room", room,
                       "--scenario", scenarios_dir() / "contoh-target-baik.toml")
    assert code == 0 and "1 kunci baru untuk ani" in out
    code, out, _ = cli("room", "add", "budi", "--code", "--hours", "2", "--room", room)
    assert code == 0
    issued = re.search(r"Kode gabung untuk budi: ([A-Z2-9]{4}-[A-Z2-9]{4})", out)
    assert issued and Room(room).check_code("budi", issued.group(1)) == "ok"

    code, out, _ = cli("room", "list", "--room", room)
    assert code == 0
    assert re.search(r"^ani\s+1 kunci", out, re.M) and re.search(r"^budi\s+kode terpakai", out, re.M)

    code, out, _ = cli("room", "status", room)
    assert code == 0
    assert re.search(r"^ani\s+contoh-target-baik\.toml\s+2,62\s+Baik\s+2 dari 22", out, re.M)
    assert re.search(r"^budi\s+\(belum ada berkas\)", out, re.M)
    code, out, _ = cli("room", "status", room, "--json")
    data = json.loads(out)
    assert [d["user"] for d in data] == ["ani", "budi"] and data[0]["files"][0]["index"] == 2.62

    code, out, _ = cli("room", "remove", "ani", "--room", room)
    assert code == 0 and "dicabut" in out
    assert (room / "ani" / "contoh-target-baik.toml").exists()
    assert Room(room).keys("ani") == []


@pytest.mark.parametrize(("args", "needle"), [
    (("room", "add", "../etc", "--code"), "USER: nama pengguna"),
    (("room", "add", "Ani", "--code"), "(bukan 'Ani')"),
    (("room", "add", "ani", "--key", "nokey.pub"), "nokey.pub"),
    (("room", "add", "ani", "--code", "--hours", "0"), "--hours"),
    (("room", "remove", "nobody"), "nobody"),
])
def test_bad_input_is_one_message_and_exit_2(cli: Run, tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    code, _, err = cli(*args, "--room", tmp_path / "ruang")
    assert code == 2 and needle in err and "Traceback" not in err
    assert not (tmp_path / "etc").exists()


def test_a_room_must_be_named(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPBE_PLANNER_ROOM", raising=False)
    code, _, err = cli("room", "list")
    assert code == 2 and "--room" in err


def test_failed_join_code_tries_are_rate_limited_per_address(tmp_path: Path) -> None:
    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log(), limits=Limits(code_tries_per_minute=3))  # type: ignore[arg-type]
    allowed = []
    for k in range(4):
        allowed.append(ctx.may_try_code("10.0.0.1", f"u{k}"))
        ctx.code_failed("10.0.0.1", f"u{k}")
    assert allowed == [True, True, True, False]
    assert ctx.may_try_code("10.0.0.2", "u9")


def test_client_terminal_names_and_sizes_are_sanitised(tmp_path: Path) -> None:
    assert safe_term("xterm-256color") == "xterm-256color"
    assert safe_term("x; rm -rf /") == "xterm-256color"
    limits = Limits()
    assert limits.clamp(0, 0) == (80, 24)
    assert limits.clamp(5000, 3) == (limits.max_cols, limits.min_rows)
    ctx = ServeContext(Room(tmp_path), spawner=None, log=Log())  # type: ignore[arg-type]
    env = ctx.child_env("ani", tmp_path / "ani", "bad term!", {"NO_COLOR": "1", "LD_PRELOAD": "/x.so",
                                                                "SPBE_PLANNER_LANG": "xx"})
    assert env["TERM"] == "xterm-256color" and env["NO_COLOR"] == "1" and "LD_PRELOAD" not in env
    assert env["HOME"] == str(tmp_path / "ani") and env["SPBE_PLANNER_LANG"] == "id"


def test_status_lists_unsaved_what_ifs_whole_whatever_the_names(cli: Run, tmp_path: Path) -> None:
    from tui.core.scenario.recovery import HEADER

    room = Room(tmp_path / "ruang")
    room.new_code("ani")
    ws = room.workspace("ani")
    long_name = "aceh-tengah-2025-rencana-menuju-sangat-baik.toml"
    text = (scenarios_dir() / "kabupaten-contoh-2022.toml").read_text(encoding="utf-8")
    (ws / long_name).write_text(text, encoding="utf-8")
    rec = ws / ".local/state/spbe-planner/recovery"
    rec.mkdir(parents=True)
    # An unsaved what-if on a bundled sample, as the app keeps it while a participant edits.
    (rec / "0001.toml").write_text(f"{HEADER}/somewhere/kabupaten-contoh-2022.toml\n{text}", encoding="utf-8")
    code, out, _ = cli("room", "status", room.dir)
    assert code == 0
    lines = out.splitlines()
    assert any(long_name in line and "2,20" in line for line in lines), out  # never cut
    unsaved = [line for line in lines if "kabupaten-contoh-2022.toml" in line]
    assert unsaved and unsaved[0].rstrip().endswith("belum disimpan") and "2,20" in unsaved[0], out
    assert lines[0].split()[-1] == "Keadaan"


def test_room_summary_over_several_rooms_names_each_participant_by_room(cli: Run, tmp_path: Path) -> None:
    """A national event runs many classes, one server each; the coach's summary reads them all."""
    sample = scenarios_dir() / "contoh-target-baik.toml"
    for room, users in (("kelas-a", ("ani", "budi")), ("kelas-b", ("ani",))):
        for user in users:
            code, _, err = cli("room", "add", user, "--code", "--room", tmp_path / room, "--scenario", sample)
            assert code == 0, err
    code, out, err = cli("room", "summary", tmp_path / "kelas-a", tmp_path / "kelas-b", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["participants"] == ["kelas-a/ani", "kelas-a/budi", "kelas-b/ani"]
    # … and the recap matrix over them, participants as its columns.
    assert [r["region"] for r in data["matrix"]["regions"]] == data["participants"]
    _, one, _ = cli("room", "summary", tmp_path / "kelas-a", "--json")
    assert json.loads(one)["participants"] == ["ani", "budi"]  # one room: names as they are
    code, out, err = cli("room", "summary", tmp_path / "kelas-a", tmp_path / "kelas-b")
    assert code == 0 and "3 peserta" in out and "Belajar dari" in out, err
    code, _, err = cli("room", "summary", tmp_path / "kelas-a", tmp_path / "bukan-ruang")
    assert code == 2 and "bukan-ruang" in err


def test_recap_over_room_folders_takes_each_participants_current_scenario(cli: Run, tmp_path: Path) -> None:
    sample = scenarios_dir() / "contoh-target-baik.toml"
    for room, users in (("kelas-a", ("ani", "budi")), ("kelas-b", ("ani",))):
        for user in users:
            assert cli("room", "add", user, "--code", "--room", tmp_path / room, "--scenario", sample)[0] == 0
    code, out, err = cli("recap", tmp_path / "kelas-a", tmp_path / "kelas-b", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [r["region"] for r in data["regions"]] == ["kelas-a/ani", "kelas-a/budi", "kelas-b/ani"]
    assert data["distribution"]["Cukup"] == 3  # the baseline side: 2,20
    code, out, _ = cli("recap", tmp_path / "kelas-a", tmp_path / "kelas-b", "--json", "--side", "scenario")
    assert json.loads(out)["distribution"]["Baik"] == 3  # their scenarios: 2,62
