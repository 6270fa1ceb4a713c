"""The processes under a running `spbe-planner serve`, read from /proc (for the serve and web tests)."""

from __future__ import annotations

from pathlib import Path


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def app_processes(server_pid: int) -> list[int]:
    """The app processes alive under the server's fork server (each session is one)."""
    zygotes = [p for p in children(server_pid) if b"tui.serve.zygote" in cmdline(p)]
    return [c for z in zygotes for c in children(z)]
