"""The pre-importing fork server: one process that has already paid for Textual's imports.

Starting the app costs about half a second, most of it importing Textual and our screens. Forty
participants joining at once would queue for ~20 s on two cores. This process imports everything
once, then forks one child per session; a fork shares the imported pages and skips that cost.

Protocol (a SOCK_SEQPACKET socket from the server, one JSON object per message):

- server → zygote: ``{"id": n, "argv": [...], "env": {...}, "cwd": "...", "limits": {...}}`` with
  the pty's slave end attached as a file descriptor;
- zygote → server: ``{"ready": true}`` once, then ``{"id": n, "pid": p}`` for each spawn and
  ``{"exit": p, "status": s}`` when a child is reaped (the zygote is the parent, so it reaps).

When the server goes away (the socket closes) every child is hung up, then killed, then reaped.
The zygote stays single-threaded so that forking it is safe.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import gc
import importlib
import json
import os
import resource
import select
import signal
import socket
import sys
import termios
import time
import traceback
from collections.abc import Callable
from typing import Any

from tui.core.served_contract import ERROR_LOG_ENV, PRESENCE_DIR_ENV, WORKSPACE_ENV
from tui.serve import landlock  # imported once here, not in every forked child

GRACE_S = 2.0
# The child's entry, resolved once before the first fork (set by main).
RUN: Callable[[list[str]], int]


def preload(modules: list[str]) -> None:
    """Import what the first screen needs, as the entry point listed it: the whole point of the zygote."""
    for name in modules:
        importlib.import_module(name)


def entry(target: str) -> Callable[[list[str]], int]:
    module, _, function = target.partition(":")
    run: Callable[[list[str]], int] = getattr(importlib.import_module(module), function)
    return run


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        sock.send(json.dumps(message).encode())


def reap(sock: socket.socket, children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)
        send(sock, {"exit": pid, "status": os.waitstatus_to_exitcode(status)})


def stop_children(children: set[int]) -> None:
    """Hang up every session, give it a moment to exit cleanly, then kill and reap what is left."""
    for sig in (signal.SIGHUP, signal.SIGKILL):
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, sig)
        deadline = time.monotonic() + GRACE_S
        while children and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                children.clear()
                break
            if pid:
                children.discard(pid)
            else:
                time.sleep(0.05)


def apply_limits(limits: dict[str, int]) -> None:
    names = {"as": resource.RLIMIT_AS, "cpu": resource.RLIMIT_CPU, "fsize": resource.RLIMIT_FSIZE,
             "nofile": resource.RLIMIT_NOFILE, "core": resource.RLIMIT_CORE}
    for key, value in limits.items():
        with contextlib.suppress(ValueError, OSError):
            _, hard = resource.getrlimit(names[key])
            cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(names[key], (cap, cap))


def become_session(slave: int) -> None:
    """Make the child a session leader whose controlling terminal is the pty (hang-ups reach it)."""
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    if slave > 2:
        os.close(slave)
    # Fresh text streams on the pty: the zygote's own were pipes with their own buffers.
    # The __std*__ originals too (typeshed calls them final): Textual's driver writes to sys.__stderr__.
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(  # type: ignore[misc]  # noqa: SIM115
        2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)


def confine_child(env: dict[str, str]) -> None:
    """Apply the kernel's confinement (tui.serve.landlock) and say in the server's log what it was."""
    workspace = env.get(WORKSPACE_ENV, "")
    if not workspace:
        return
    write = [p for p in (env.get(PRESENCE_DIR_ENV), env.get(ERROR_LOG_ENV)) if p]
    try:
        done = landlock.confine(workspace, write, landlock.installation_paths())
        line = {"event": "confined", "pid": os.getpid(), "landlock_abi": done.abi, "workspace": workspace,
                "write": [p for p in done.write if p != workspace], "read": len(done.read)} if done.applied else \
            {"event": "warning", "what": "not confined by the kernel", "pid": os.getpid(), "reason": done.reason}
    except Exception as exc:  # the app's own checks still hold; the coach must know the kernel's do not
        line = {"event": "warning", "what": "not confined by the kernel", "pid": os.getpid(),
                "reason": f"{type(exc).__name__}: {exc}"[:200]}
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    with contextlib.suppress(OSError):
        os.write(2, (json.dumps({"time": stamp, **line}) + "\n").encode())


def run_child(request: dict[str, Any], slave: int, sock: socket.socket, wakeup: tuple[int, int]) -> None:
    code = 1
    try:
        sock.close()
        signal.set_wakeup_fd(-1)
        for fd in wakeup:
            os.close(fd)
        for sig in (signal.SIGCHLD, signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        confine_child(request["env"])  # while fd 2 is still the server's log
        become_session(slave)
        os.chdir(request["cwd"])
        os.umask(0o077)
        os.environ.clear()
        os.environ.update(request["env"])
        apply_limits(request.get("limits", {}))
        sys.argv = list(request["argv"])
        code = RUN(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        with contextlib.suppress(Exception):
            traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(sock: socket.socket) -> None:
    wakeup = os.pipe()
    for fd in wakeup:
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wakeup[1])
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so the wake-up byte is written
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when we stop
    children: set[int] = set()
    send(sock, {"ready": True})
    while True:
        ready, _, _ = select.select([sock.fileno(), wakeup[0]], [], [])
        if wakeup[0] in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(wakeup[0], 512)
            reap(sock, children)
        if sock.fileno() not in ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(sock, 1 << 16, 1)
        except OSError:
            data, fds = b"", []
        if not data:
            stop_children(children)
            return
        request = json.loads(data)
        if not fds:
            send(sock, {"id": request.get("id"), "error": "no terminal attached"})
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            run_child(request, fds[0], sock, wakeup)
        os.close(fds[0])
        children.add(pid)
        send(sock, {"id": request["id"], "pid": pid})


def main() -> None:
    global RUN
    parser = argparse.ArgumentParser(prog="tui.serve.zygote")
    parser.add_argument("fd", type=int)
    parser.add_argument("--preload", default="")
    parser.add_argument("--run", required=True)
    parser.add_argument("--warm", default="")
    args = parser.parse_args()
    sock = socket.socket(fileno=args.fd)
    sock.setblocking(True)
    try:
        preload([m for m in args.preload.split(",") if m])
        RUN = entry(args.run)
        if args.warm:
            entry(args.warm)([])
        landlock.installation_paths()  # once, before any fork (sys.path is final by now)
    except Exception as exc:
        send(sock, {"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        raise
    # What the preload built lives as long as every child: out of the collector's sight now, so
    # no child's collection (the full one after its first frame, tui.startup) scans it again, and
    # the pages holding it stay shared instead of being copied when the collector touches them.
    gc.collect()
    gc.freeze()
    serve(sock)


if __name__ == "__main__":
    main()
