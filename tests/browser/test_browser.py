"""The web page in a real browser: Debian's chromium, headless, driven by Playwright, against
``newsgraph serve`` started on a free loopback port over a database of our sample articles.

Screenshots go to artifacts/screenshots/. Skips cleanly when chromium or Playwright is missing
(scripts/browser.sh installs chromium; Playwright's own browser download is never used).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.sample_corpus import build_database

pytestmark = pytest.mark.service

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"newsgraph serve exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"newsgraph serve did not answer {url} within {seconds} s")


@contextmanager
def serving(db: str) -> Iterator[str]:
    """``newsgraph serve`` over ``db`` on a free port of 127.0.0.1 for the block; its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/api/articles", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory, engine):
    db = build_database(tmp_path_factory.mktemp("browser") / "news.db", engine)
    with serving(str(db)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (scripts/browser.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watch:
    """What a page did that it should not: script errors, dialogs, requests to other origins."""

    def __init__(self, page, base: str) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: None if r.url.startswith((base, "data:")) else self.foreign.append(r.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.errors == [] and self.dialogs == [] and self.foreign == []


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.watch = Watch(opened, server)
    yield opened
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#view[data-state=ready]")


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_search_open_article_and_see_highlights(page, server):
    _open(page, server + "/")
    page.fill("#search-input", "sanctions")
    page.click("#search-form button")
    page.wait_for_selector("[data-testid=search-results] a")
    _shot(page, "search")
    page.click("text=Poland accuses Belarus over border crossings")
    page.wait_for_selector("[data-testid=article-text]")
    page.wait_for_selector("#view[data-state=ready]")
    assert page.inner_text("[data-testid=article-title]") == "Poland accuses Belarus over border crossings"
    text = page.locator("[data-testid=article-text]")
    assert text.locator(".hl-ent").count() >= 3
    assert text.locator(".hl-quote").first.inner_text().startswith("We will not accept")
    assert [t.strip() for t in text.locator(".hl-event").all_inner_texts()] == [
        "accused",
        "criticized",
        "imposed sanctions",
    ]
    assert "event 112" in (text.locator(".hl-event").first.get_attribute("title") or "")
    assert page.locator("table.events tbody tr").count() == 3
    page.locator("table.events a.pick").first.click()
    assert text.locator(".hl-focus").count() >= 1
    _shot(page, "article")
    page.watch.assert_clean()


def test_hostile_article_renders_inert(page, server):
    _open(page, server + "/#/article/hostile")
    view = page.locator("#view")
    assert "<script>" in page.inner_text("[data-testid=article-text]")
    assert 'onerror="window.__pwned' in page.inner_text("[data-testid=article-title]")
    page.hover("[data-testid=article-text] .hl-quote")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert view.locator("script, img, b, a[href^='javascript']").count() == 0
    assert page.locator("a", has_text="original").count() == 0  # its javascript: address stays text
    assert page.locator("script").count() == 1  # only our own module
    _shot(page, "hostile-article")
    page.watch.assert_clean()


def test_dyad_chart(page, server):
    _open(page, server + "/#/article/gas-deal")
    page.locator("table.events a", has_text="chart").first.click()
    page.wait_for_selector("svg.chart rect.bar")
    page.wait_for_selector("#view[data-state=ready]")
    assert page.url.endswith("#/dyad/RUS/BLR")
    assert page.locator("svg.chart rect.bar").count() == 3
    assert page.locator("svg.chart polyline.goldstein-line").count() == 1
    _shot(page, "dyad")
    page.click("text=week")
    page.wait_for_selector("#view[data-state=ready]")
    assert page.locator("svg.chart rect.bar").count() == 3
    page.watch.assert_clean()


def test_actor_page(page, server):
    _open(page, server + "/#/actor/BLR")
    assert page.locator("svg.chart rect.bar").count() >= 4
    assert "POL" in page.inner_text("#view")
    _shot(page, "actor")
    page.watch.assert_clean()


def test_map_of_event_places(page, server):
    _open(page, server + "/#/map")
    assert page.locator("svg.map path.land").count() > 150
    dots = page.locator("svg.map circle.place-dot")
    assert dots.count() == 3
    dots.first.click()
    assert "events in" in page.inner_text("#view")
    _shot(page, "map")
    page.watch.assert_clean()
