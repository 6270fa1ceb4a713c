"""The browser door over real HTTP and websockets: who gets in, what they get, and what ends it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from tests.web.conftest import WebServer

SCREEN_TEXT = re.compile(rb"\x1b\[[0-9;?<>=]*[a-zA-Z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        yield s


FROM: dict[str, str] = {}


def origin(web: WebServer, peer: str | None = None) -> dict[str, str]:
    """Our Origin, and (the server trusts a proxy here) a forwarded address of the test's own, so
    the per-address limit on code tries counts each test apart."""
    return {"Origin": web.url, "X-Forwarded-For": peer or FROM.setdefault("peer", "10.0.0.1")}


TESTS_SEEN: list[str] = []


@pytest.fixture(autouse=True)
def own_address(request: pytest.FixtureRequest) -> None:
    # One address per test, never shared (a hash of the name could collide, and the rate-limit
    # test spends its address's tries).
    TESTS_SEEN.append(request.node.name)
    n = len(TESTS_SEEN)
    FROM["peer"] = f"10.0.{n // 250}.{n % 250 + 1}"


async def form_token(s: aiohttp.ClientSession, url: str) -> str:
    async with s.get(url) as r:
        page = await r.text()
    match = re.search(r"name='csrf' value='([^']+)'", page)
    assert match, page
    return match.group(1)


async def log_in(s: aiohttp.ClientSession, web: WebServer, user: str, code: str,
                 peer: str | None = None) -> aiohttp.ClientResponse:
    token = await form_token(s, web.url + "/")
    return await s.post(web.url + "/login", data={"user": user, "code": code, "csrf": token},
                        headers=origin(web, peer), allow_redirects=False)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tests.web.conftest import start_server, stop_server

    srv = start_server(tmp_path_factory.mktemp("web"), "--trust-proxy")
    yield srv
    stop_server(srv)


async def screen(ws: aiohttp.ClientWebSocketResponse, until: bytes, timeout: float = 20) -> bytes:
    """What the app has drawn (escape sequences removed) once ``until`` shows, or all of it on time-out."""
    got = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            message = await asyncio.wait_for(ws.receive(), max(0.1, end - time.monotonic()))
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            got += message.data
            if until in SCREEN_TEXT.sub(b"", got):
                break
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    return SCREEN_TEXT.sub(b"", got)


async def wait_for(check, timeout: float = 10) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        await asyncio.sleep(0.1)
    return bool(check())


async def test_login_with_a_code_gives_a_strict_http_only_cookie_and_the_app(
        web: WebServer, client: aiohttp.ClientSession) -> None:
    web.seed("ani")
    r = await log_in(client, web, "ani", web.code("ani"))
    assert r.status == 303 and r.headers["Location"] == "/app"
    cookie = r.headers.getall("Set-Cookie")
    session = next(c for c in cookie if c.startswith("spbe_session="))
    assert "HttpOnly" in session and "SameSite=Strict" in session and "Path=/" in session
    async with client.get(web.url + "/app") as page:
        body = await page.text()
        assert page.status == 200 and "/static/js/textual.js" in body and "ani" in body
        assert "googleapis" not in body and "https://" not in body  # no third-party assets
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    async with client.get(web.url + "/static/js/textual.js") as js:
        assert js.status == 200 and len(await js.read()) > 100_000
    async with client.ws_connect(web.url + "/ws?width=100&height=30", headers=origin(web)) as ws:
        first = await screen(ws, b"Indeks 2,62")
        assert b"Indeks 2,62" in first
        await ws.send_str(json.dumps(["stdin", "\x1b[B\x1b[B"]))  # down to the first indicator
        await ws.send_str(json.dumps(["stdin", "+"]))
        after = await screen(ws, b"Indeks 2,63", timeout=10)
        assert b"Indeks 2,6" in after and b"belum disimpan" in after
    assert await wait_for(lambda: not web.app_processes())  # the closed tab ended its app

    def events(kind: str) -> list[dict[str, object]]:
        log = [json.loads(line) for line in web.log().splitlines() if line.startswith("{")]
        return [e for e in log if e["event"] == kind and e.get("door") == "web" and e.get("user") == "ani"]

    assert await wait_for(lambda: bool(events("stop")))  # logged once the fork server has reaped it
    assert events("start") and events("stop")[-1]["reason"] == "tab closed"


async def test_a_wrong_code_is_refused_with_one_message(web: WebServer, client: aiohttp.ClientSession) -> None:
    web.code("budi")
    r = await log_in(client, web, "budi", "AAAA-AAAA")
    text = await r.text()
    assert r.status == 403 and "tidak cocok" in text
    assert "spbe_session" not in {c.key for c in client.cookie_jar}
    r = await log_in(client, web, "tidakada", "AAAA-AAAA")  # an unknown name: the same answer
    assert r.status == 403 and "tidak cocok" in await r.text()
    async with client.get(web.url + "/app", allow_redirects=False) as page:
        assert page.status == 303 and page.headers["Location"] == "/"


async def test_a_used_code_does_not_open_a_second_door(web: WebServer) -> None:
    code = web.code("cici")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as a:
        assert (await log_in(a, web, "cici", code)).status == 303
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as b:
        assert (await log_in(b, web, "cici", code)).status == 403


async def test_a_form_without_its_token_or_from_another_site_is_refused(
        web: WebServer, client: aiohttp.ClientSession) -> None:
    code = web.code("dedi")
    r = await client.post(web.url + "/login", data={"user": "dedi", "code": code, "csrf": "x"},
                          headers=origin(web), allow_redirects=False)
    assert r.status == 403 and "kedaluwarsa" in await r.text()
    token = await form_token(client, web.url + "/")
    r = await client.post(web.url + "/login", data={"user": "dedi", "code": code, "csrf": token},
                          headers={"Origin": "http://evil.example"}, allow_redirects=False)
    assert r.status == 403
    assert (await log_in(client, web, "dedi", code)).status == 303  # the code was not spent by those


async def test_the_websocket_needs_the_session_and_our_origin(web: WebServer, client: aiohttp.ClientSession) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError):
        async with client.ws_connect(web.url + "/ws", headers=origin(web)):
            pass
    assert (await log_in(client, web, "eka", web.code("eka"))).status == 303
    with pytest.raises(aiohttp.WSServerHandshakeError):
        async with client.ws_connect(web.url + "/ws", headers={"Origin": "http://evil.example"}):
            pass


async def test_code_tries_are_rate_limited_per_user(web: WebServer) -> None:
    web.code("fani")
    statuses = []
    for k in range(11):  # from many addresses: the per-name limit holds them all back
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
            statuses.append((await log_in(s, web, "fani", "BBBB-BBBB", peer=f"10.8.0.{k}")).status)
    assert statuses[-1] == 429 and statuses[:10] == [403] * 10
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        token = await form_token(s, web.url + "/")  # the same name from another address: still held back
        r = await s.post(web.url + "/login", data={"user": "fani", "code": "BBBB-BBBB", "csrf": token},
                         headers=origin(web, "10.9.9.9"), allow_redirects=False)
        assert r.status == 429


async def test_a_one_time_link_works_once_and_a_preview_does_not_spend_it(web: WebServer) -> None:
    token = web.room.new_link("gita")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        page_url = f"{web.url}/link/gita/{token}"
        for _ in range(2):  # a chat app's preview fetches the link: nothing is spent
            async with s.get(page_url) as r:
                assert r.status == 200 and "gita" in await r.text()
        form = await form_token(s, page_url)
        r = await s.post(web.url + "/link", data={"user": "gita", "token": token, "csrf": form},
                         headers=origin(web), allow_redirects=False)
        assert r.status == 303 and r.headers["Location"] == "/app"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        form = await form_token(s, f"{web.url}/link/gita/{token}")
        r = await s.post(web.url + "/link", data={"user": "gita", "token": token, "csrf": form},
                         headers=origin(web), allow_redirects=False)
        assert r.status == 403


async def test_logout_ends_the_session_and_the_cookie_stops_working(web: WebServer) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        assert (await log_in(s, web, "hadi", web.code("hadi"))).status == 303
        sid = next(c.value for c in s.cookie_jar if c.key == "spbe_session")
        async with s.get(web.url + "/app") as page:
            csrf = re.search(r"name='csrf' value='([^']+)'", await page.text())
        assert csrf
        r = await s.post(web.url + "/logout", data={"csrf": csrf.group(1)}, headers=origin(web),
                         allow_redirects=False)
        assert r.status == 303
    async with aiohttp.ClientSession(cookies={"spbe_session": sid}) as other, \
            other.get(web.url + "/app", allow_redirects=False) as page:  # the old cookie, elsewhere
        assert page.status == 303 and page.headers["Location"] == "/"


async def test_a_tab_closed_during_start_up_leaves_no_app_behind(web: WebServer, client: aiohttp.ClientSession) -> None:
    assert (await log_in(client, web, "indah", web.code("indah"))).status == 303
    for _ in range(3):
        ws = await client.ws_connect(web.url + "/ws", headers=origin(web))
        await ws.close()  # at once: the app is still being forked
    assert await wait_for(lambda: not web.app_processes(), timeout=15)


async def test_an_export_is_offered_as_a_download_to_its_own_session_only(
        web: WebServer, client: aiohttp.ClientSession) -> None:
    web.seed("joko")
    assert (await log_in(client, web, "joko", web.code("joko"))).status == 303
    async with client.ws_connect(web.url + "/ws?width=100&height=30", headers=origin(web)) as ws:
        assert b"Indeks 2,62" in await screen(ws, b"Indeks 2,62")
        await ws.send_str(json.dumps(["stdin", "e"]))
        assert b"Ekspor laporan" in await screen(ws, b"Ekspor laporan")
        await ws.send_str(json.dumps(["stdin", "\r"]))
        key = None
        end = time.monotonic() + 20
        while key is None and time.monotonic() < end:
            message = await asyncio.wait_for(ws.receive(), 20)
            if message.type == aiohttp.WSMsgType.TEXT and message.data.startswith('["deliver_file_start"'):
                key = json.loads(message.data)[1]
        assert key
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as other:
            assert (await log_in(other, web, "kiki", web.code("kiki"))).status == 303
            async with other.get(f"{web.url}/download/{key}") as r:
                assert r.status == 404  # another participant cannot fetch it
        async with client.get(f"{web.url}/download/{key}") as r:
            body = await r.read()
            assert r.status == 200 and b"Kabupaten Contoh" in body
            assert 'filename="contoh-target-baik-laporan.md"' in r.headers["Content-Disposition"]
        async with client.get(f"{web.url}/download/{key}") as r:
            assert r.status == 404  # once
    async with client.get(web.url + "/download/not-a-key") as r:
        assert r.status == 404


async def test_the_coach_watches_a_browser_participant(web: WebServer, client: aiohttp.ClientSession) -> None:
    from tests.serve.test_coach_watch import Watcher

    web.seed("lala")
    assert (await log_in(client, web, "lala", web.code("lala"))).status == 303
    async with client.ws_connect(web.url + "/ws?width=100&height=30", headers=origin(web)) as ws:
        assert b"Indeks 2,62" in await screen(ws, b"Indeks 2,62")
        loop = asyncio.get_running_loop()
        watcher = await loop.run_in_executor(None, Watcher, web, "lala")  # type: ignore[arg-type]
        try:
            assert watcher.answer["door"] == "web"
            mirror = await loop.run_in_executor(None, watcher.wait_for, "Indeks 2,62")
            assert "Kabupaten Contoh" in mirror
            assert b"dilihat pelatih" in await screen(ws, b"dilihat pelatih")
        finally:
            watcher.close()


async def test_a_class_behind_one_nat_signs_in_and_a_guesser_locks_out_only_their_own_address(
        web: WebServer) -> None:
    """Only failures count against an address; five wrong tries lock that address out of that name."""
    nat = "10.7.0.1"
    for k in range(12):  # more than the 10-a-minute limit, all successful
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
            assert (await log_in(s, web, f"nat{k}", web.code(f"nat{k}"), peer=nat)).status == 303
    code = web.code("rina")
    for _ in range(5):
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
            assert (await log_in(s, web, "rina", "CCCC-CCCC", peer="10.6.6.6")).status == 403
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        assert (await log_in(s, web, "rina", code, peer="10.6.6.6")).status == 429  # the guesser's address
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        assert (await log_in(s, web, "rina", code, peer="10.6.0.2")).status == 303  # rina, from her laptop


async def test_refusals_are_logged_and_a_logout_with_a_bad_token_changes_nothing(web: WebServer) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        assert (await log_in(s, web, "sari", web.code("sari"))).status == 303
        r = await s.post(web.url + "/logout", data={"csrf": "palsu"}, headers=origin(web), allow_redirects=False)
        assert r.status == 303 and r.headers["Location"] == "/app"
        assert any(c.key == "spbe_session" and c.value for c in s.cookie_jar)
        async with s.get(web.url + "/app", allow_redirects=False) as page:
            assert page.status == 200  # still signed in
        async with s.get(web.url + "/download/tidakada", headers=origin(web)) as r:
            assert r.status == 404
        with pytest.raises(aiohttp.WSServerHandshakeError):
            async with s.ws_connect(web.url + "/ws", headers={"Origin": web.url.replace("http:", "https:")}):
                pass  # our host, another scheme
        r = await s.post(web.url + "/link", data={"user": "sari", "token": "x", "csrf": "palsu"},
                         headers=origin(web), allow_redirects=False)
        assert r.status == 403
    log = web.log()
    for what in ("logout without a valid token", '"what": "download"', "websocket origin",
                 '"form": "link"'):
        assert what in log, what
    async with aiohttp.ClientSession() as s, s.get(web.url + "/") as page:
        sources = page.headers["Content-Security-Policy"].split("connect-src ", 1)[1].split(";")[0].split()
    assert sources == ["'self'", "ws://" + web.url.split("://", 1)[1]]  # websockets to this host only


async def test_a_websocket_message_nested_deep_or_with_a_lone_surrogate_keeps_the_session(
        web: WebServer, client: aiohttp.ClientSession) -> None:
    web.seed("tono")
    assert (await log_in(client, web, "tono", web.code("tono"))).status == 303
    async with client.ws_connect(web.url + "/ws?width=100&height=30", headers=origin(web)) as ws:
        await ws.send_str("[" * 100_000 + "]" * 100_000)
        await ws.send_str('["stdin", "\\ud800x"]')
        await ws.send_str('["ping", "masih"]')
        async for message in ws:
            if message.type == aiohttp.WSMsgType.TEXT and "masih" in message.data:
                break
            assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY), message
    assert "internal" not in web.log() and "Traceback" not in web.log()


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"GET /\x00\x01 HTTP/1.1\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,  # a TLS hello to the plain door
    b"POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
])
async def test_malformed_requests_leave_one_json_line_at_most_and_no_traceback(web: WebServer,
                                                                              request_bytes: bytes) -> None:
    import json as json_module

    host, port = web.url.split("://", 1)[1].split(":")
    before = web.log().count("\n")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request_bytes)
    await writer.drain()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(reader.read(4096), 5)
    writer.close()
    await asyncio.sleep(0.3)
    new = web.log().splitlines()[before:]
    assert "Traceback" not in "\n".join(new)
    for line in new:
        if line.startswith("{"):
            json_module.loads(line)
        else:
            assert "Warning" in line or not line.strip(), line  # only the library's import warnings


async def test_a_connection_that_never_finishes_its_request_head_is_closed() -> None:
    """Slow clients (one header byte now and then) held 50 connections for 60 s."""
    from tui.serve.slow_clients import HeadDeadline

    class Inner(asyncio.Protocol):
        got = b""
        lost = False

        def data_received(self, data: bytes) -> None:
            self.got += data

        def connection_lost(self, exc: Exception | None) -> None:
            self.lost = True

    loop = asyncio.get_running_loop()
    slow, fast = Inner(), Inner()
    server = await loop.create_server(lambda: HeadDeadline(slow if not slow.got else fast, 0.3), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        _, w1 = await asyncio.open_connection("127.0.0.1", port)
        w1.write(b"GET / HTTP/1.1\r\nHo")
        await asyncio.sleep(0.8)
        assert slow.lost and slow.got == b"GET / HTTP/1.1\r\nHo"
        _, w2 = await asyncio.open_connection("127.0.0.1", port)
        w2.write(b"GET / HTTP/1.1\r\nHost: x\r")
        await asyncio.sleep(0.05)
        w2.write(b"\n\r\n")  # the blank line split across two reads
        await asyncio.sleep(0.8)
        assert not fast.lost
        w2.close()
    finally:
        server.close()
