"""`spbe-planner room watch USER`: the coach's read-only mirror of a participant's screen.

The coach's terminal shows exactly what the participant's shows (the server copies the app's
output here); keys typed here never reach the participant. ``q`` or ``ctrl+c`` ends the watch.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import socket
import sys
import termios
import tty
from pathlib import Path

from tui.core.errors import InputError
from tui.core.served_contract import control_socket
from tui.presentation.catalogue import t

QUIT_KEYS = (b"q", b"Q", b"\x03")


def connect(room_dir: Path, user: str) -> tuple[socket.socket, dict[str, object]]:
    """Ask the running server for ``user``'s screen; the socket and the server's answer."""
    path = control_socket(room_dir)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        raise InputError("watch_no_server", field="--room", room=str(room_dir)) from None
    sock.sendall(json.dumps({"watch": user}).encode() + b"\n")
    head = b""
    while not head.endswith(b"\n") and len(head) < 4096:
        chunk = sock.recv(1)
        if not chunk:
            break
        head += chunk
    try:
        answer = json.loads(head)
    except ValueError:
        answer = {"error": "protocol"}
    if not isinstance(answer, dict) or not answer.get("ok"):
        sock.close()
        raise InputError("watch_offline", field="USER", user=user)
    return sock, answer


def mirror(sock: socket.socket, out_fd: int = 1, in_fd: int = 0) -> None:
    """Copy the participant's screen to this terminal until q, ctrl+c or the session ends."""
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_READ)
    interactive = os.isatty(in_fd)
    saved = termios.tcgetattr(in_fd) if interactive else None
    if interactive:
        tty.setraw(in_fd)
        sel.register(in_fd, selectors.EVENT_READ)
    os.write(out_fd, b"\x1b[?1049h\x1b[2J\x1b[H")  # our own screen: theirs began before we joined
    try:
        while True:
            for key, _ in sel.select():
                if key.fileobj is sock:
                    data = sock.recv(65536)
                    if not data:
                        return
                    os.write(out_fd, data)
                else:
                    typed = os.read(in_fd, 64)
                    if any(k in typed for k in QUIT_KEYS):
                        return
    finally:
        os.write(out_fd, b"\x1b[0m\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1003l\x1b[?1006l")
        if saved is not None:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(in_fd, termios.TCSADRAIN, saved)
        sock.close()


def watch(room_dir: Path, user: str, lang: str) -> None:
    sock, answer = connect(room_dir, user)
    print(t("watch_intro", lang, user=user, door=answer.get("door"), cols=answer.get("cols"),
            rows=answer.get("rows")), file=sys.stderr)
    mirror(sock)
    print(t("watch_ended", lang, user=user), file=sys.stderr)
