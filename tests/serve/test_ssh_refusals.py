"""Everything but an interactive app session is refused, and refusals say nothing about who exists."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.serve.conftest import Server


def test_unknown_users_look_exactly_like_wrong_keys(server: Server) -> None:
    server.key("hana")
    stray = server.stray_key()
    wrong_key = server.run("hana", stray, "-o", "BatchMode=yes", command=["true"])
    unknown = server.run("nobody", stray, "-o", "BatchMode=yes", command=["true"])
    bad_name = server.run("../etc", stray, "-o", "BatchMode=yes", command=["true"])
    assert wrong_key.returncode == unknown.returncode == bad_name.returncode == 255
    assert "Permission denied (publickey,keyboard-interactive)" in wrong_key.stderr
    assert wrong_key.stderr.replace("hana", "X") == unknown.stderr.replace("nobody", "X")
    assert not (server.room.dir.parent / "etc").exists()


def test_passwords_are_not_offered(server: Server) -> None:
    result = server.run("hana", None, "-o", "BatchMode=yes", "-o", "PreferredAuthentications=password",
                        command=["true"])
    assert result.returncode == 255
    assert "Permission denied (publickey,keyboard-interactive)" in result.stderr


def test_exec_is_refused(server: Server) -> None:
    result = server.run("hana", server.key("hana"), "-T", command=["id"])
    assert result.returncode != 0
    assert "uid=" not in result.stdout
    assert "exec" in server.log()


def test_a_session_without_a_terminal_gets_a_message(server: Server) -> None:
    result = server.run("hana", server.key("hana"), "-T")
    assert result.returncode == 1
    assert "ssh -t" in result.stderr


@pytest.mark.parametrize("tool", ["sftp", "scp"])
def test_file_transfer_is_refused(server: Server, tool: str, tmp_path: Path) -> None:
    key = server.key("hana")
    (tmp_path / "x.toml").write_text("x = 1\n")
    base = ["-P", str(server.port), "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o",
            "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-i", str(key)]
    if tool == "sftp":
        cmd = ["sftp", *base, "-b", "-", "hana@127.0.0.1"]
        result = subprocess.run(cmd, input="ls\n", capture_output=True, text=True, timeout=20)
    else:
        cmd = ["scp", *base, str(tmp_path / "x.toml"), "hana@127.0.0.1:x.toml"]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert not (server.room.workspace("hana") / "x.toml").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_remote_forwarding_is_refused(server: Server) -> None:
    port = _free_port()
    result = server.run("hana", server.key("hana"), "-N", "-o", "ExitOnForwardFailure=yes",
                        "-R", f"127.0.0.1:{port}:127.0.0.1:{server.port}")
    assert result.returncode == 255
    assert "forwarding failed" in result.stderr


def test_remote_unix_socket_forwarding_is_refused(server: Server, tmp_path: Path) -> None:
    result = server.run("hana", server.key("hana"), "-N", "-o", "ExitOnForwardFailure=yes",
                        "-R", f"{tmp_path / 'fwd.sock'}:127.0.0.1:{server.port}")
    assert result.returncode == 255
    assert not (tmp_path / "fwd.sock").exists()


def test_stdio_forwarding_to_a_port_is_refused(server: Server) -> None:
    result = server.run("hana", server.key("hana"), "-W", f"127.0.0.1:{server.port}")
    assert result.returncode == 255
    assert "open failed" in result.stderr or "forwarding failed" in result.stderr


@pytest.mark.parametrize("kind", ["tcp", "unix"])
def test_local_forwarding_gets_no_connection_through(server: Server, tmp_path: Path, kind: str) -> None:
    local = _free_port()
    # Something worth reaching on the server's side: its own SSH port, or a unix socket that talks.
    target = f"127.0.0.1:{server.port}"
    if kind == "unix":
        target = str(tmp_path / "talk.sock")
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(target)
        listener.listen()
        threading.Thread(target=lambda: listener.accept()[0].sendall(b"SSH-secret"), daemon=True).start()
    proc = subprocess.Popen(server.ssh_args("hana", server.key("hana"), "-N", "-L", f"127.0.0.1:{local}:{target}"),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        data = b""
        for _ in range(50):
            try:
                with socket.create_connection(("127.0.0.1", local), timeout=2) as s:
                    s.settimeout(3)
                    try:
                        data = s.recv(100)
                    except (TimeoutError, ConnectionResetError):
                        data = b""
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        assert not data.startswith(b"SSH-"), "the forwarded port reached the server"
        assert data == b""
    finally:
        proc.kill()
        proc.wait(10)
    assert "forwarding" in server.log()


WHATS = ("agent forwarding", "x11 forwarding")


def test_agent_and_x11_forwarding_reach_nothing(server: Server, connect) -> None:  # type: ignore[no-untyped-def]
    agent = subprocess.run(["ssh-agent", "-s"], capture_output=True, text=True, check=True)
    env = dict(line.split(";")[0].split("=", 1) for line in agent.stdout.splitlines() if "=" in line.split(";")[0])
    try:
        before = set(server.zygote_children())
        c = connect("hana", server.key("hana"), "-A", "-o", "ForwardX11=yes", "-o", "IdentityAgent=" +
                    env["SSH_AUTH_SOCK"], env={**env, "DISPLAY": ":0"})
        c.wait_for("Indeks")
        (pid,) = set(server.zygote_children()) - before
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        names = {e.split(b"=", 1)[0] for e in environ if e}
        assert b"SSH_AUTH_SOCK" not in names and b"DISPLAY" not in names
        assert names <= {b"PATH", b"HOME", b"USER", b"LOGNAME", b"LANG", b"LC_ALL", b"TERM", b"SPBE_PLANNER_LANG",
                         b"SPBE_PLANNER_WORKSPACE", b"SPBE_PLANNER_USER", b"PYTHONDONTWRITEBYTECODE", b"NO_COLOR",
                         b"SPBE_PLANNER_ERROR_LOG"}
        deadline = time.monotonic() + 10  # the requests are answered while the app starts
        while time.monotonic() < deadline and not all(f'"what": "{w}"' in server.log() for w in WHATS):
            time.sleep(0.1)
        for what in WHATS:  # refused, and logged like every refusal
            assert f'"what": "{what}"' in server.log(), server.log()
    finally:
        os.kill(int(env["SSH_AGENT_PID"]), 15)
