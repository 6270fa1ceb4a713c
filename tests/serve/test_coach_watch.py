"""The coach's eye over SSH: a read-only live mirror, the participant's marker, the room's picture."""

from __future__ import annotations

import json
import select
import time

import pyte

from tests.serve.conftest import Server, seed
from tui.core.room.presence import read_presence
from tui.serve.watch_client import connect as watch_connect


class Watcher:
    def __init__(self, server: Server, user: str) -> None:
        self.sock, self.answer = watch_connect(server.room.dir, user)
        cols, rows = int(self.answer["cols"]), int(self.answer["rows"])
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    def wait_for(self, needle: str, timeout: float = 15) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.sock], [], [], 0.1)
            if ready:
                data = self.sock.recv(65536)
                if not data:
                    break
                self.stream.feed(data)
            text = "\n".join(self.screen.display)
            if needle in text:
                return text
        raise AssertionError(f"{needle!r} not in the watcher's mirror:\n" + "\n".join(self.screen.display))

    def close(self) -> None:
        self.sock.close()


def test_the_coach_sees_the_whole_screen_live_and_cannot_type(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    seed(server, "wati")
    c = connect("wati", server.key("wati"), cols=100, rows=30)
    c.wait_for("Indeks 2,62")
    w = Watcher(server, "wati")
    assert w.answer["door"] == "ssh" and (w.answer["cols"], w.answer["rows"]) == (100, 30)
    mirror = w.wait_for("Indeks 2,62")  # a full picture at once: the app repaints when watched
    assert "Kabupaten Contoh" in mirror
    c.wait_for("dilihat pelatih")  # the participant sees the marker
    w.sock.sendall(b"+++")  # the coach's keys go nowhere
    c.pump(0.8)
    assert "Indeks 2,62" in c.text and "belum disimpan" not in c.text
    c.send("\x1b[B\x1b[B+")  # the participant's own key: the coach sees its effect
    c.wait_for("belum disimpan")
    w.wait_for("belum disimpan")
    w.close()
    deadline = time.monotonic() + 10
    while "dilihat pelatih" in c.text and time.monotonic() < deadline:
        c.pump(0.2)
    assert "dilihat pelatih" not in c.text  # the marker goes with the watcher
    log = [json.loads(line) for line in server.log().splitlines() if line.startswith("{")]
    assert any(e["event"] == "watch start" and e["user"] == "wati" for e in log)


def test_the_room_learns_the_open_file_and_its_live_index(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    seed(server, "yuni", "rencana.toml")
    c = connect("yuni", server.key("yuni"))
    c.wait_for("Indeks 2,62")
    deadline = time.monotonic() + 10
    while not read_presence(server.room.dir / "online", "yuni") and time.monotonic() < deadline:
        time.sleep(0.2)
    record = read_presence(server.room.dir / "online", "yuni")[0]
    assert record["file"] == "rencana.toml" and record["index"] == "2.62" and record["door"] == "ssh"
    c.send("\x1b[B\x1b[B+")
    c.wait_for("belum disimpan")
    deadline = time.monotonic() + 10
    while read_presence(server.room.dir / "online", "yuni")[0]["index"] == "2.62" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert read_presence(server.room.dir / "online", "yuni")[0]["unsaved"] is True


def test_watching_someone_offline_says_so(server: Server) -> None:
    import pytest

    from tui.core.errors import InputError

    with pytest.raises(InputError) as err:
        watch_connect(server.room.dir, "tidakada")
    assert err.value.code == "watch_offline"
