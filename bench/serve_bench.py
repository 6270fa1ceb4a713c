#!/usr/bin/env python3
"""Load benchmark of `spbe-planner serve`: N real OpenSSH participants on loopback.

For each N (default 10, 20, 40) and each pace it starts a fresh server and room, lets N
participants join at once (the *join burst*: time until the last one sees a fully painted first
screen), then has each of them type closed-loop: a key, wait until the screen shows its effect,
think, repeat. Half the keys change a level (``+``/``-``: index, table, charts recompute), half
move the cursor (the detail panel changes).

- realistic pace: 1.5-4.5 s of thinking between keys, 12 keys each;
- stress pace: 0.25-0.75 s, 30 keys each.

Reported per run: key-to-screen p50/p95 (ms) over all participants, PSS per session (MiB:
(server tree - empty server tree) / N, read from /proc/*/smaps_rollup), CPU of the server tree in
cores during typing, and the join burst with where its CPU went (the server's own process, its
apps, the ssh clients, this process's emulated screens: all share the same cores; and the time a
virtual machine's host gave to other guests meanwhile, /proc/stat's steal). Everything
stays on 127.0.0.1 and is bounded in count and time (``--max-seconds`` per run).

    python bench/serve_bench.py [--sizes 10 20 40] [--paces realistic stress] [--json out.json]

Goals (issue #6, on a 2-core machine): 40 realistic participants p95 <= 100 ms; join burst of 40
fully painted <= 10 s; <= 35 MiB PSS per session.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import os
import pty
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.room.folder import Room  # noqa: E402

PACES = {"realistic": ((1.5, 4.5), 12), "stress": ((0.25, 0.75), 30)}
# (key, what must appear afterwards). The demo region: index 2,20; indicator 1 up one step: 2,21.
# One cycle returns to where it started, so every key always changes the screen.
ACTIONS = [("+", r"Indeks 2,21"), ("\x1b[B", r" 2\. Tingkat"), ("\x1b[A", r" 1\. Tingkat"), ("-", r"Indeks 2,20")]
FIRST_SCREEN = (r"Indeks 2,20", r"Keluar")
COLS, ROWS = 120, 35
GOALS = {"p95_ms_40_realistic": 100.0, "join_burst_40_s": 10.0, "pss_mib_per_session": 35.0}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_mib(pids: list[int]) -> float:
    total = 0
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
    return total / 1024


def steal_seconds() -> float:
    """CPU time the hypervisor gave to other guests (all CPUs): a slow run on a shared VM shows here."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        return int(Path("/proc/stat").read_text().split()[8]) / os.sysconf("SC_CLK_TCK")
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        with contextlib.suppress(OSError, IndexError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / tick


@dataclass
class Participant:
    """One OpenSSH client; its screen is rebuilt with pyte, so waits look at what a person sees.

    The app repaints only the cells that change (a key may write just one digit), so the raw
    stream cannot be searched for whole phrases: a wait checks the screen rows that changed.
    """

    user: str
    pid: int
    fd: int
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(COLS, ROWS))
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    latencies: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)

    def on_data(self) -> None:
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(self.fd)
        self.stream.feed(data)
        self.changed.set()

    def mark(self) -> None:
        """Forget which rows changed: the next wait looks only at rows changed from now on."""
        self.screen.dirty.clear()

    def _rows(self, rows: Iterable[int]) -> str:
        buffer = self.screen.buffer
        return "\n".join("".join(buffer[y][x].data for x in range(COLS)) for y in sorted(rows))

    async def wait_for(self, patterns: tuple[str, ...], timeout: float, whole: bool = False) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            text = self._rows(range(ROWS) if whole else set(self.screen.dirty))
            if all(re.search(p, text) for p in patterns):
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)


def start_client(port: int, user: str, key: Path) -> Participant:
    args = ["ssh", "-tt", "-p", str(port), "-F", "/dev/null", "-i", str(key), "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            f"{user}@127.0.0.1"]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(args[0], args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    os.set_blocking(fd, False)
    return Participant(user, pid, fd)


async def type_keys(p: Participant, pace: str, rng: random.Random, stop_at: float) -> None:
    (lo, hi), count = PACES[pace]
    for i in range(count):
        await asyncio.sleep(rng.uniform(lo, hi))
        if time.monotonic() > stop_at:
            return
        key, pattern = ACTIONS[i % len(ACTIONS)]
        p.mark()
        t0 = time.perf_counter()
        os.write(p.fd, key.encode())
        if await p.wait_for((pattern,), 10):
            p.latencies.append((time.perf_counter() - t0) * 1000)
        else:
            p.latencies.append(10_000.0)  # counted as a miss at the timeout, never dropped


async def run(n: int, pace: str, max_seconds: float, seed: int) -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp(prefix="spbe-serve-bench-"))
    room = Room(tmp / "ruang")
    key = tmp / "id_bench"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    users = [f"p{i:02d}" for i in range(n)]
    for u in users:
        room.add_keys(u, key.with_suffix(".pub"))
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--room", str(room.dir), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp)
    assert server.stdout is not None
    port = int(re.search(r":(\d+),", server.stdout.readline()).group(1))  # type: ignore[union-attr]
    server.stdout.readline()
    await asyncio.sleep(1.0)
    empty_pss = pss_mib(tree(server.pid))
    loop = asyncio.get_running_loop()
    people: list[Participant] = []
    try:
        t0 = time.perf_counter()
        server_cpu0, own_cpu0 = cpu_seconds(tree(server.pid)), time.process_time()
        main_cpu0, steal0 = cpu_seconds([server.pid]), steal_seconds()
        for u in users:
            p = start_client(port, u, key)
            loop.add_reader(p.fd, p.on_data)
            people.append(p)
        joined = await asyncio.gather(*(p.wait_for(FIRST_SCREEN, 60, whole=True) for p in people))
        burst = time.perf_counter() - t0
        # Where the burst's CPU went: the server with its apps, and this process's emulated screens.
        burst_server_cpu = cpu_seconds(tree(server.pid)) - server_cpu0
        burst_main_cpu = cpu_seconds([server.pid]) - main_cpu0  # SSH, sign-in and relay; the rest is apps
        burst_bench_cpu = time.process_time() - own_cpu0
        burst_client_cpu = cpu_seconds([p.pid for p in people])
        burst_steal = steal_seconds() - steal0
        await asyncio.sleep(2.0)
        pids = tree(server.pid)
        session_pss = (pss_mib(pids) - empty_pss) / n
        cpu0, w0 = cpu_seconds(pids), time.perf_counter()
        rng = random.Random(seed)
        stop_at = time.monotonic() + max_seconds
        await asyncio.gather(*(type_keys(p, pace, random.Random(rng.random()), stop_at) for p in people))
        cores = (cpu_seconds(tree(server.pid)) - cpu0) / (time.perf_counter() - w0)
    finally:
        for p in people:
            with contextlib.suppress(Exception):
                loop.remove_reader(p.fd)
            with contextlib.suppress(ProcessLookupError):
                os.kill(p.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(p.pid, 0)
            os.close(p.fd)
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    lat = [x for p in people for x in p.latencies]
    return {"n": n, "pace": pace, "joined": sum(joined), "join_burst_s": round(burst, 2),
            "keys": len(lat), "p50_ms": round(percentile(lat, 0.5), 1), "p95_ms": round(percentile(lat, 0.95), 1),
            "max_ms": round(max(lat), 1), "misses": sum(1 for x in lat if x >= 10_000),
            "pss_mib_per_session": round(session_pss, 1), "cpu_cores": round(cores, 2),
            "burst_server_cpu_s": round(burst_server_cpu, 1), "burst_server_main_cpu_s": round(burst_main_cpu, 1),
            "burst_bench_cpu_s": round(burst_bench_cpu, 1), "burst_client_cpu_s": round(burst_client_cpu, 1),
            "burst_steal_s": round(burst_steal, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40])
    ap.add_argument("--paces", nargs="+", choices=sorted(PACES), default=["realistic", "stress"])
    ap.add_argument("--max-seconds", type=float, default=120.0, help="cap on the typing phase of one run")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if not shutil.which("ssh"):
        print("serve_bench needs an OpenSSH client (ssh)", file=sys.stderr)
        return 2
    results = []
    print(f"machine: {os.cpu_count()} CPU; terminal {COLS}x{ROWS}")
    print(f"{'N':>3} {'pace':<10} {'joined':>6} {'burst s':>8} {'keys':>5} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'max ms':>7} {'PSS/sess':>9} {'CPU':>5}")
    for pace in args.paces:
        for n in args.sizes:
            r = asyncio.run(run(n, pace, args.max_seconds, args.seed))
            results.append(r)
            print(f"{r['n']:>3} {r['pace']:<10} {r['joined']:>6} {r['join_burst_s']:>8} {r['keys']:>5} "
                  f"{r['p50_ms']:>7} {r['p95_ms']:>7} {r['max_ms']:>7} {r['pss_mib_per_session']:>8}M "
                  f"{r['cpu_cores']:>5}   burst CPU: server {r['burst_server_cpu_s']} s "
                  f"(its own process {r['burst_server_main_cpu_s']} s), ssh clients {r['burst_client_cpu_s']} s, "
                  f"bench {r['burst_bench_cpu_s']} s; stolen by the host {r['burst_steal_s']} s", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"cpus": os.cpu_count(), "results": results, "goals": GOALS}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
