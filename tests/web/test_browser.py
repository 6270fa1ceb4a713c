"""The browser door in a real headless Chromium: what a participant at a locked-down laptop does.

Chromium draws the terminal on a canvas, so the screen is read from the websocket frames the
browser itself received (Chromium's performance log), and keys are typed into the page as a
user types them. CI installs Debian's chromium and chromium-driver; without them these tests
skip here and fail in CI.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.web.conftest import WebServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if CHROMIUM is None or DRIVER is None:
    if os.environ.get("CI"):
        raise RuntimeError("the browser tests need chromium and chromedriver, and CI should have installed them")
    pytest.skip("no chromium / chromedriver on this machine", allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once we know a browser is there)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[a-zA-Z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class Browser:
    def __init__(self, downloads: Path) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM or ""
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--disable-popup-blocking", "--window-size=1280,900", "--no-first-run"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
        self.driver = webdriver.Chrome(service=Service(DRIVER or ""), options=options)
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(downloads)})
        self.received = b""

    def frames(self) -> bytes:
        """Everything the page's websockets have received so far, escapes removed."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.webSocketFrameReceived":
                response = message["params"]["response"]
                data = response.get("payloadData", "")
                self.received += base64.b64decode(data) if response.get("opcode") == 2 else b""
        return ESCAPES.sub(b"", self.received)

    def wait(self, check: Callable[[], bool], timeout: float = 30) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if check():
                return True
            time.sleep(0.2)
        return check()

    def type(self, *keys: str) -> None:
        box = self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        for key in keys:
            box.send_keys(key)
            time.sleep(0.05)

    def log_in(self, web: WebServer, user: str, code: str) -> None:
        self.driver.get(web.url + "/")
        self.driver.find_element(By.NAME, "user").send_keys(user)
        self.driver.find_element(By.NAME, "code").send_keys(code)
        self.driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def quit(self) -> None:
        self.driver.quit()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    b = Browser(tmp_path / "unduhan")
    yield b
    b.quit()


def test_log_in_see_the_index_press_plus_export_and_log_out(web: WebServer, browser: Browser,
                                                            tmp_path: Path) -> None:
    web.seed("ani")
    browser.log_in(web, "ani", web.code("ani"))
    assert browser.wait(lambda: browser.driver.current_url.endswith("/app"), 10)
    assert browser.wait(lambda: b"Indeks 2,62" in browser.frames()), browser.frames()[-400:]
    browser.driver.find_element(By.ID, "terminal").click()
    browser.type(Keys.ARROW_DOWN, Keys.ARROW_DOWN, "+")
    assert browser.wait(lambda: b"Indeks 2,63" in browser.frames() or b"belum disimpan" in browser.frames())
    browser.type("e")  # export: the dialog offers contoh-target-baik-laporan.md
    assert browser.wait(lambda: b"Ekspor laporan" in browser.frames())
    browser.type(Keys.ENTER)
    downloads = tmp_path / "unduhan"
    done = browser.wait(lambda: any(p.suffix == ".md" for p in downloads.glob("*")), 30)
    assert done, (list(downloads.glob("*")) if downloads.exists() else "no folder", web.log()[-2000:])
    report = next(p for p in downloads.glob("*.md"))
    assert report.name == "contoh-target-baik-laporan.md" and "Kabupaten Contoh" in report.read_text()
    assert (web.room.workspace("ani") / "contoh-target-baik-laporan.md").is_file()
    cookie = browser.driver.get_cookie("spbe_session")
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    browser.driver.find_element(By.ID, "logout").click()
    assert browser.wait(lambda: browser.driver.find_elements(By.NAME, "code") != [], 10)
    # A second browser with the same cookie after logout gets the login page.
    other = Browser(tmp_path / "lain")
    try:
        other.driver.get(web.url + "/")
        other.driver.add_cookie({"name": "spbe_session", "value": cookie["value"], "path": "/"})
        other.driver.get(web.url + "/app")
        assert other.driver.find_elements(By.NAME, "code") != []
        assert not other.driver.current_url.endswith("/app")
    finally:
        other.quit()


def test_a_wrong_code_is_refused_in_the_browser(web: WebServer, browser: Browser) -> None:
    web.code("budi")
    browser.log_in(web, "budi", "AAAA-AAAA")
    assert browser.wait(lambda: "tidak cocok" in browser.driver.page_source, 10)
    assert browser.driver.get_cookie("spbe_session") is None
    browser.driver.get(web.url + "/app")
    assert browser.driver.find_elements(By.NAME, "code") != []


FIT = """
const term = document.getElementById('terminal').getBoundingClientRect();
const screen = document.querySelector('#terminal .xterm-screen');
const rows = screen ? screen.getBoundingClientRect() : null;
return {scrollW: document.documentElement.scrollWidth, scrollH: document.documentElement.scrollHeight,
        innerW: window.innerWidth, innerH: window.innerHeight, termTop: term.top, termBottom: term.bottom,
        termRight: term.right, rowsBottom: rows ? rows.bottom : null, rowsRight: rows ? rows.right : null};
"""


def test_the_terminal_fits_the_window_at_every_size_and_refits_on_resize(web: WebServer, browser: Browser) -> None:
    web.seed("ani")
    browser.log_in(web, "ani", web.code("ani"))
    assert browser.wait(lambda: b"Indeks 2,62" in browser.frames())
    for width, height in ((1280, 900), (1024, 700), (800, 600)):
        browser.driver.set_window_size(width, height)
        time.sleep(0.8)  # the page's resize handler fits the terminal, the app redraws

        def fits() -> bool:
            m = browser.driver.execute_script(FIT)
            return (m["scrollW"] <= m["innerW"] and m["scrollH"] <= m["innerH"] and m["termTop"] > 0
                    and m["rowsBottom"] is not None and m["rowsBottom"] <= m["innerH"]
                    and m["rowsRight"] <= m["innerW"])

        assert browser.wait(fits, 10), (width, height, browser.driver.execute_script(FIT))
    # The app was told the size it has: its last row, the key footer, reaches the browser.
    browser.received = b""
    browser.driver.set_window_size(1024, 700)
    assert browser.wait(lambda: b"F1 Bantuan" in browser.frames(), 15)
