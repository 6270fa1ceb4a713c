"""Join codes over a real client, and a participant's app kept inside their own workspace."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import tomli_w

from tests.serve.conftest import Server, seed
from tui.core.room.folder import MAX_FAILURES


def askpass(server: Server, code: str) -> dict[str, str]:
    script = server.tmp / f"askpass-{code}.sh"
    script.write_text(f"#!/bin/sh\necho '{code}'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return {"SSH_ASKPASS": str(script), "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0"}


CODE_ONLY = ("-o", "PreferredAuthentications=keyboard-interactive", "-o", "NumberOfPasswordPrompts=1")


def test_a_join_code_lets_a_participant_in_once(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    code = server.room.new_code("joko")
    c = connect("joko", None, *CODE_ONLY, env=askpass(server, code))
    c.wait_for("Indeks 2,20")
    c.send("q")
    assert c.exited() == 0
    again = server.run("joko", None, *CODE_ONLY, "-t", env={**os.environ, **askpass(server, code)})
    assert again.returncode == 255 and "Permission denied" in again.stderr
    assert '"auth": "join-code"' in server.log()


def test_an_expired_code_fails(server: Server) -> None:
    code = server.room.new_code("kiki", hours=1, now=time.time() - 7200)
    result = server.run("kiki", None, *CODE_ONLY, "-t", env={**os.environ, **askpass(server, code)})
    assert result.returncode == 255 and "Permission denied" in result.stderr


def test_wrong_tries_by_others_do_not_lock_a_participant_out(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    """A classmate who guessed the name and typed 5 wrong codes (counted in the file) cannot lock the
    participant out: the lockout is per address and name, in the server (tui.serve.context)."""
    code = server.room.new_code("lala")
    path = server.room.code_file("lala")
    data = dict(__import__("tomllib").loads(path.read_text()), failures=MAX_FAILURES)
    path.write_text(tomli_w.dumps(data))
    c = connect("lala", None, *CODE_ONLY, env=askpass(server, code))
    c.wait_for("Indeks 2,20")
    c.send("q")
    assert c.exited() == 0


def test_wrong_codes_for_an_unknown_name_are_logged_and_the_connection_dropped(server: Server) -> None:
    """Every failure is a log line when it happens (unknown names too); three on one connection end it."""
    options = ("-o", "PreferredAuthentications=keyboard-interactive", "-o", "NumberOfPasswordPrompts=5")
    result = server.run("tidakada", None, *options, "-t", env={**os.environ, **askpass(server, "SALAH-KODE")})
    assert result.returncode == 255
    log = server.log()
    assert log.count('"join code rejected", "user": "tidakada", "verdict": "none"') == 3, log[-2000:]
    assert '"dropped", "what": "too many wrong codes"' in log


def _save_as(c, name: str) -> None:  # type: ignore[no-untyped-def]
    c.send("S")
    c.wait_for("Simpan skenario sebagai")
    c.wait_for(".toml")
    c.pump(0.3)
    c.send(name + "\r")  # the suggested name is selected, so typing replaces it


def test_saving_outside_the_workspace_is_refused(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    seed(server, "mira")
    other = server.room.ensure_workspace("nina")
    c = connect("mira", server.key("mira"), cols=120, rows=40)
    c.wait_for("Indeks 2,62")
    c.send("+")
    for name in ("../nina/curi.toml", "/tmp/curi.toml"):
        _save_as(c, name)
        c.wait_for("di luar ruang kerja Anda")
        c.send("\x1b")  # the dialog stays open to correct the name; Esc leaves it
        c.pump(0.5)
    assert not (other / "curi.toml").exists() and not Path("/tmp/curi.toml").exists()
    _save_as(c, "rencana mira.toml")
    c.wait_for("Tersimpan")
    assert (server.room.workspace("mira") / "rencana mira.toml").exists()


def test_a_symlink_to_another_workspace_cannot_be_opened(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    seed(server, "oki", "zz-mine.toml")
    secret = seed(server, "putri", "rahasia.toml")
    (server.room.workspace("oki") / "aa-link.toml").symlink_to(secret)
    c = connect("oki", server.key("oki"), cols=120, rows=40)
    c.wait_for("Indeks")
    c.send("o")
    c.wait_for("aa-link.toml")
    c.send("aa-link.toml\r")  # typed into the path field, as the dialog starts
    c.wait_for("di luar ruang kerja Anda")


def test_a_cost_file_path_cannot_reach_out(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    seed(server, "rudi")
    secret = seed(server, "sari", "biaya.toml")
    c = connect("rudi", server.key("rudi"), cols=120, rows=40)
    c.wait_for("Indeks 2,62")
    c.send("p")
    c.wait_for("Berkas biaya")
    c.pump(0.3)
    for _ in range(6):  # target, max step, max steps, max cost, robust, margin, then the cost file
        c.send("\t")
        c.pump(0.1)
    c.send(f"../sari/{secret.name}")
    c.wait_for("di luar ruang kerja Anda")


def test_a_latin1_terminal_byte_is_read_leniently_and_never_ends_the_session(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    """"café" typed in a Latin-1 terminal arrives as caf\\xe9: it ended the app in 0.3 s, edit lost."""
    seed(server, "ani")
    c = connect("ani", server.key("ani"))
    c.wait_for("Indeks 2,62")
    c.send("S")
    c.wait_for("Simpan skenario sebagai")
    c.pump(0.3)
    c.send(b"caf\xe9-\x81")  # é in Latin-1, and a byte Windows-1252 leaves undefined
    c.wait_for("café-\ufffd")
    c.send("\x1b")
    c.pump(0.3)
    c.send("q")
    assert c.exited() == 0
    assert "Traceback" not in server.log()
