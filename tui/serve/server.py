"""Run the front door: host key, fork server, asyncssh listener, orderly shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import asyncssh

from tui.core.room.folder import Room
from tui.presentation.catalogue import t
from tui.serve import refusal_log
from tui.serve.app_spec import ServedApp
from tui.serve.context import Limits, Log, ServeContext
from tui.serve.frontdoor import FrontDoor
from tui.serve.spawner import Spawner


def load_host_key(room: Room) -> asyncssh.SSHKey:
    """The room's persistent host key; created (ed25519, mode 0600) on the first run."""
    path = room.host_key
    if path.exists():
        return asyncssh.read_private_key(str(path))
    key = asyncssh.generate_private_key("ssh-ed25519")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.export_private_key())
    return key


def zygote_env() -> dict[str, str]:
    # Textual reads some settings at import time, and the zygote imports it: give it nothing.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1"}
    if "PYTHONPATH" in os.environ:  # a checkout run with PYTHONPATH (tests) must find the same package
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


@dataclass(frozen=True)
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8080
    cert: Path | None = None
    key: Path | None = None
    trust_proxy: bool = False


def _hang_up(log: Log, session: Any) -> None:
    log("stop", reason="server stopping", **session.info)
    session.hang_up("server stopping")


def _describe(exc: BaseException | None, fallback: str = "") -> str:
    return f"{type(exc).__name__}: {exc}"[:300] if exc is not None else fallback[:300]


def _clear_stale_temporaries(room_dir: Path) -> int:
    """A participant's save killed mid-write leaves a hidden temporary: cleared at start-up, in the
    room's folders and each workspace (one level down), as the next save in that folder would."""
    from tui.core.files.guarded import remove_stale_temporaries

    cleared = remove_stale_temporaries(room_dir)
    with contextlib.suppress(OSError), os.scandir(room_dir) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                cleared += remove_stale_temporaries(Path(entry.path))
    return cleared


def _ignore_further_stops(loop: asyncio.AbstractEventLoop) -> None:
    """A second Ctrl+C while sessions are hung up must not kill us half-way (exit -2, no "stopped").

    Stopping is bounded by its own timeouts, so once it has begun the signals are ignored for the
    rest of the process. They are blocked meanwhile: removing the loop's handler puts back Python's
    KeyboardInterrupt handler for an instant, and a signal landing then would be fatal.
    """
    stops = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        for sig in stops:
            loop.remove_signal_handler(sig)
            signal.signal(sig, signal.SIG_IGN)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)


async def serve(room_dir: Path, host: str, port: int | None, lang: str, app: ServedApp,
                limits: Limits | None = None, ready: asyncio.Event | None = None,
                web: WebOptions | None = None) -> None:
    """Serve the room over SSH (``port``), the browser (``web``), or both; until SIGINT/SIGTERM."""
    # Absolute once, here: every workspace path handed to a participant's app, and the recovery
    # files the coach reads, must not depend on the folder the coach started the server from.
    # First of all: a Ctrl+C while the doors open is a stop like any other (exit 0), not a
    # KeyboardInterrupt half way through start-up.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    room_dir = Path(os.path.abspath(room_dir))
    room = Room(room_dir)
    room.ensure()
    room.clear_online()
    log = Log()
    # The error log exists before any app starts: a confined app may append to it, not create files.
    with contextlib.suppress(OSError):
        os.close(os.open(room.error_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    cleared = _clear_stale_temporaries(room_dir)
    if cleared:
        log("temporaries cleared", files=cleared)
    refusal_log.install(log)
    tls = None
    if web is not None and web.cert is not None and web.key is not None:
        from tui.serve.webdoor import tls_context

        tls = tls_context(web.cert, web.key)  # a bad pair fails here, before anything listens
    spawner = Spawner(zygote_env(), app)
    await spawner.start()
    ctx = ServeContext(room, spawner, log, limits or Limits(), lang)
    server: Any = None
    if port is not None:
        key = load_host_key(room)
        server = await asyncssh.create_server(
            lambda: FrontDoor(ctx), host, port, server_host_keys=[key],
            password_auth=False, kbdint_auth=True, gss_auth=False, gss_kex=False, host_based_auth=False,
            agent_forwarding=False, x11_forwarding=False, allow_scp=False, line_editor=False,
            encoding=None, login_timeout=30, keepalive_interval=30, keepalive_count_max=4)
        bound = server.sockets[0].getsockname()[1] if server.sockets else port
        fingerprint = key.get_fingerprint()
        print(t("serve_listening", lang, host=host, port=bound, room=room_dir), flush=True)
        print(t("serve_fingerprint", lang, fp=fingerprint), flush=True)
        log("listening", door="ssh", host=host, port=bound, host_key=fingerprint, pid=os.getpid())
    from tui.serve.watch import control_path, start_control

    control = await start_control(ctx)  # `room watch USER` talks to us here
    runner = None
    if web is not None:
        from tui.serve.webdoor import WebDoor, start_web

        runner, web_bound = await start_web(WebDoor(ctx, secure=tls is not None, trust_proxy=web.trust_proxy),
                                            web.host, web.port, tls)
        scheme = "https" if tls is not None else "http"
        print(t("serve_web_listening", lang, url=f"{scheme}://{web.host}:{web_bound}/", room=room_dir), flush=True)
        log("listening", door="web", host=web.host, port=web_bound, tls=tls is not None, pid=os.getpid())
    # A callback or task that fails while sessions come and go (above all while the server stops)
    # is one JSON line in the log, never a traceback on the coach's terminal or an exit of 1.
    loop.set_exception_handler(lambda _loop, context: log(
        "error", what="event loop", error=_describe(context.get("exception"), context.get("message", ""))))
    if ready is not None:
        ready.set()

    def step(what: str, action: Callable[[], object]) -> None:
        """One step of stopping: its failure is logged and the next step still runs."""
        try:
            action()
        except Exception as exc:
            log("error", what=f"stopping: {what}", error=_describe(exc))

    try:
        await stop.wait()
    finally:
        _ignore_further_stops(loop)
        log("stopping", sessions=ctx.total)
        step("control socket", control.close)
        step("control socket", lambda: control_path(room_dir).unlink(missing_ok=True))
        if server is not None:
            step("ssh door", server.close)
        for session in list(ctx.live):
            step("hang up", partial(_hang_up, log, session))
        try:
            await spawner.close()  # hangs up, kills and reaps whatever is left
        except Exception as exc:
            log("error", what="stopping: fork server", error=_describe(exc))
        if runner is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(runner.cleanup(), 5)
        if server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 5)
        step("presence", room.clear_online)
        log("stopped")
        sys.stderr.flush()
