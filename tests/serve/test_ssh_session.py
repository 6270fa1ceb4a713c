"""A participant with a plain OpenSSH client: connecting, typing, resizing, leaving."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from tests.serve.conftest import Server, seed


def test_keys_reach_the_app_and_the_screen_updates(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    key = server.key("alice")
    seed(server, "alice")
    c = connect("alice", key, cols=100, rows=30)
    c.wait_for("Indeks 2,62")
    c.send("+")
    c.wait_for("Indeks 2,63")
    c.send("u")
    c.wait_for("Indeks 2,62")
    ws = server.room.workspace("alice")
    assert stat.S_IMODE(ws.stat().st_mode) == 0o700
    assert '"user": "alice"' in server.log() and '"auth": "publickey"' in server.log()


def footer_on(c, row: int) -> None:  # type: ignore[no-untyped-def]
    """Wait (bounded) for the footer on ``row``: the result line can arrive in an earlier write."""
    end = time.monotonic() + 30  # a loaded runner redraws late
    while "Keluar" not in c.screen.display[row] and time.monotonic() < end:
        c.pump(0.2)


def test_the_terminal_size_is_set_before_start_and_resizes_pass_through(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    key = server.key("rina")
    c = connect("rina", key, cols=120, rows=40)
    c.wait_for("Indeks 2,20")
    # At 120x40 the footer is on the 40th line; nothing is drawn past the client's size.
    footer_on(c, 39)
    assert "Keluar" in c.screen.display[39], c.text
    c.resize(80, 24)
    c.wait_for("Indeks 2,20")
    footer_on(c, 23)
    assert "Keluar" in c.screen.display[23], c.text
    assert '"cols": 120, "rows": 40' in server.log()


def test_quitting_the_app_ends_the_session(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    key = server.key("dedi")
    c = connect("dedi", key)
    c.wait_for("Indeks")
    c.send("q")
    assert c.exited() == 0


def test_a_dropped_connection_leaves_no_process_behind(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    key = server.key("eko")
    c = connect("eko", key)
    c.wait_for("Indeks")
    c.send("+")  # unsaved work: the app must still go when the line drops
    c.wait_for("belum disimpan")
    before = set(server.zygote_children())
    assert before, "the session's app process should be running"
    c.kill()  # like a laptop lid closing: no goodbye, the TCP connection just ends
    end = time.monotonic() + 15
    while set(server.zygote_children()) & before and time.monotonic() < end:
        time.sleep(0.2)
    assert not set(server.zygote_children()) & before
    # Gone, and reaped: not even a zombie left. zygote_children() skips zombies, so the loop above
    # can end in the moment between the exit and the fork server's waitpid; give that a bound.
    while any(Path(f"/proc/{pid}").exists() for pid in before) and time.monotonic() < end + 5:
        time.sleep(0.05)
    for pid in before:
        assert not Path(f"/proc/{pid}").exists()
    # The server logs the stop once the fork server has told it of the exit: a moment later.
    while '"event": "stop"' not in server.log() and time.monotonic() < end + 10:
        time.sleep(0.05)
    log = server.log()
    assert '"event": "stop"' in log and '"reason": "disconnect"' in log


def test_two_participants_do_not_see_each_others_files(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    seed(server, "fajar", "fajar-rahasia.toml")
    seed(server, "gita", "gita-rencana.toml")
    c = connect("gita", server.key("gita"))
    c.wait_for("Indeks 2,62")
    c.send("o")
    c.wait_for("gita-rencana.toml")
    assert "fajar" not in c.text
    c.pump(0.2)
    c.send(b"\x1b")  # alone: Esc followed quickly by a key would read as alt+key
    c.pump(0.3)
    c.send("+")
    c.wait_for("Indeks 2,63")
