"""A real server (serve.py) and Debian's chromium driven by Playwright; every request is watched."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
# Chromium's own background traffic (updates, safe browsing ...) would be refused by a closed network;
# these switches keep it quiet so that every request the test sees comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The app served on a free loopback port for the whole session; yields its base URL."""
    port = _free_port()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("the app did not start within 60 s")
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@dataclass
class RequestLog:
    """Every request a page made, and those aborted for leaving the app's own origin."""

    origin: str
    seen: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


@pytest.fixture
def watched_page(browser, server):
    """A fresh browser context whose requests outside the app's origin are aborted and counted."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    log = RequestLog(origin=server)

    def route(route_request):
        url = route_request.request.url
        log.seen.append(url)
        if url.startswith((server, "data:", "blob:", "about:")):
            route_request.continue_()
        else:
            log.external.append(url)
            route_request.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.request_log = log
    yield page
    context.close()


def wait_for_app(page, text: str | None = None, timeout: float = 30_000) -> None:
    """Wait until Streamlit has rendered (and `text`, if given, is visible) and finished running."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    if text is not None:
        page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=timeout,
    )
    page.wait_for_timeout(500)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
