#!/usr/bin/env python3
"""Load benchmark of the browser door: N participants over real websockets on loopback.

Like serve_bench.py, but each participant logs in through the login form with a join code (the
server trusts a proxy here, and each client sends its own X-Forwarded-For, so the per-address
limit on code tries does not throttle the burst), opens the app's websocket and types closed-loop:
a key, wait until its screen (rebuilt with pyte from the frames) shows the effect, think, repeat.

Reported per run: join burst (until the last one sees a fully painted first screen), key-to-screen
p50/p95 (ms), PSS per session (MiB), CPU of the server tree in cores while typing.

    python bench/web_bench.py [--sizes 10 40] [--paces realistic] [--json out.json]

Goal (issue "browser door", on a 2-core machine): 40 realistic participants p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import pyte

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serve_bench import ACTIONS, FIRST_SCREEN, PACES, cpu_seconds, percentile, pss_mib, tree  # noqa: E402

from tui.core.room.folder import Room  # noqa: E402

COLS, ROWS = 120, 35
GOAL_P95_MS = 150.0


class WebParticipant:
    def __init__(self, url: str, user: str, code: str, peer: str) -> None:
        self.url, self.user, self.code, self.peer = url, user, code, peer
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.changed = asyncio.Event()
        self.latencies: list[float] = []
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def join(self, session: aiohttp.ClientSession) -> None:
        headers = {"Origin": self.url, "X-Forwarded-For": self.peer}
        async with session.get(self.url + "/", headers=headers) as r:
            token = re.search(r"name='csrf' value='([^']+)'", await r.text())
        assert token, "no login form"
        async with session.post(self.url + "/login", data={"user": self.user, "code": self.code,
                                                           "csrf": token.group(1)},
                                headers=headers, allow_redirects=False) as r:
            assert r.status == 303, f"login refused: {r.status}"
        self.ws = await session.ws_connect(f"{self.url}/ws?width={COLS}&height={ROWS}", headers=headers,
                                           max_msg_size=0)
        await self.ws.send_str(json.dumps(["focus"]))  # as the browser client does when its tab has focus
        self.reading = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
                self.changed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, patterns: tuple[str, ...], timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.changed.clear()  # before looking: a frame that lands while we look wakes us again
            text = self.text()
            if all(re.search(p, text) for p in patterns):
                return True
            try:
                await asyncio.wait_for(self.changed.wait(), max(0.01, end - time.monotonic()))
            except TimeoutError:
                break
        return all(re.search(p, self.text()) for p in patterns)

    async def type_keys(self, pace: str, rng: random.Random, stop_at: float) -> None:
        (lo, hi), count = PACES[pace]
        assert self.ws is not None
        for k in range(count):
            if time.monotonic() > stop_at:
                return
            await asyncio.sleep(rng.uniform(lo, hi))
            key, expect = ACTIONS[k % len(ACTIONS)]
            start = time.perf_counter()
            await self.ws.send_str(json.dumps(["stdin", key]))
            ok = await self.wait_for((expect,), 10)
            self.latencies.append((time.perf_counter() - start) * 1000 if ok else 10_000.0)


async def run(n: int, pace: str, max_seconds: float, seed: int) -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp(prefix="spbe-web-bench-"))
    room = Room(tmp / "ruang")
    codes = {f"w{i:02d}": room.new_code(f"w{i:02d}") for i in range(n)}
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--room", str(room.dir), "--web",
                               "--web-port", "0", "--trust-proxy"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp)
    assert server.stdout is not None
    url = re.search(r"(http://[\d.]+:\d+)/", server.stdout.readline()).group(1)  # type: ignore[union-attr]
    await asyncio.sleep(1.0)
    empty_pss = pss_mib(tree(server.pid))
    people = [WebParticipant(url, u, c, f"10.1.{i // 250}.{i % 250 + 1}") for i, (u, c) in enumerate(codes.items())]
    sessions = [aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in people]
    try:
        t0 = time.perf_counter()
        await asyncio.gather(*(p.join(s) for p, s in zip(people, sessions, strict=True)))
        joined = await asyncio.gather(*(p.wait_for(FIRST_SCREEN, 60) for p in people))
        burst = time.perf_counter() - t0
        await asyncio.sleep(2.0)
        pids = tree(server.pid)
        session_pss = (pss_mib(pids) - empty_pss) / n
        cpu0, w0 = cpu_seconds(pids), time.perf_counter()
        rng = random.Random(seed)
        stop_at = time.monotonic() + max_seconds
        await asyncio.gather(*(p.type_keys(pace, random.Random(rng.random()), stop_at) for p in people))
        cores = (cpu_seconds(tree(server.pid)) - cpu0) / (time.perf_counter() - w0)
    finally:
        for s in sessions:
            await s.close()
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    lat = [x for p in people for x in p.latencies]
    return {"n": n, "pace": pace, "joined": sum(joined), "join_burst_s": round(burst, 2), "keys": len(lat),
            "p50_ms": round(percentile(lat, 0.5), 1), "p95_ms": round(percentile(lat, 0.95), 1),
            "max_ms": round(max(lat), 1), "misses": sum(1 for x in lat if x >= 10_000),
            "pss_mib_per_session": round(session_pss, 1), "cpu_cores": round(cores, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 40])
    ap.add_argument("--paces", nargs="+", choices=sorted(PACES), default=["realistic"])
    ap.add_argument("--max-seconds", type=float, default=120.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPU; browser terminal {COLS}x{ROWS}")
    print(f"{'N':>3} {'pace':<10} {'joined':>6} {'burst s':>8} {'keys':>5} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'max ms':>7} {'PSS/sess':>9} {'CPU':>5}")
    results = []
    for pace in args.paces:
        for n in args.sizes:
            r = asyncio.run(run(n, pace, args.max_seconds, args.seed))
            results.append(r)
            print(f"{r['n']:>3} {r['pace']:<10} {r['joined']:>6} {r['join_burst_s']:>8} {r['keys']:>5} "
                  f"{r['p50_ms']:>7} {r['p95_ms']:>7} {r['max_ms']:>7} {r['pss_mib_per_session']:>8}M "
                  f"{r['cpu_cores']:>5}", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"cpus": os.cpu_count(), "results": results,
                                         "goals": {"p95_ms_40_realistic": GOAL_P95_MS}}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
