"""Shared fixtures: small named ecosystems, the CLI runner, a headless browser."""
from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecosystem import Ecosystem


@pytest.fixture(autouse=True)
def _seeded_python_random():
    """igraph's generators draw from Python's ``random``: every test starts from the same
    state, so a test's random graph does not depend on which tests ran before it."""
    random.seed(0)
    yield

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def two_triangles() -> Ecosystem:
    """Two triangles joined by one tie c-d (c and d are the brokers, c-d the bridge)."""
    return Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
                                 ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright (no browser download).

    Skipped when chromium is missing on a developer machine; on CI (CI=true) a missing
    browser is a failure, not a skip.
    """
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required on CI (apt-get install -y chromium)")
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageProbe:
    """A page whose every non-file request is blocked and recorded."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []

    def open(self, path: Path, wait_ms: int = 0):
        self.page.goto(Path(path).resolve().as_uri(), wait_until="load")
        if wait_ms:
            self.page.wait_for_timeout(wait_ms)
        return self.page


@pytest.fixture
def page_probe(browser):
    """Open local HTML offline: returns a PageProbe; asserts nothing by itself."""
    context = browser.new_context()
    page = context.new_page()
    probe = PageProbe(page)

    def route(r):
        url = r.request.url
        probe.requests.append(url)
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            probe.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: probe.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: probe.page_errors.append(str(e)))

    def on_dialog(d):
        probe.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    yield probe
    context.close()


def wait_ready(target, timeout_s: float = 30.0):
    """Poll a page or frame from outside until its map has drawn (the map's CSP forbids
    the eval that playwright's wait_for_function uses); returns ``target``."""
    deadline = time.monotonic() + timeout_s
    while not target.evaluate("!!(window.ecosystemMap && window.ecosystemMap.ready)"):
        assert time.monotonic() < deadline, "map not drawn in time"
        time.sleep(0.05)
    return target
