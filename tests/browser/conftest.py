"""A real server (serve.py) and Debian's chromium driven by Playwright; every request is watched.

Also the real-sized VCFs the upload tests use, generated once by benchmarks/make_vcf.py and kept in
tests/generated/ (ignored by git).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from benchmarks.servers import free_port
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
GENERATED = ROOT / "tests" / "generated"
# An exome-sized (about 10 MB) and a whole-genome (about 100 MB) bgzip VCF.
EXOME_RECORDS = 500_000
GENOME_RECORDS = 5_000_000
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


@dataclass(frozen=True)
class AppServer:
    """The app's server process and its base URL."""

    base: str
    pid: int


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    """The app served on a free loopback port for the whole session."""
    port = free_port()
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
    yield AppServer(base, process.pid)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def server(app_server: AppServer) -> str:
    """The base URL of the app served for the whole session."""
    return app_server.base


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


def upload(page, server: str, path: Path, timeout: float = 30_000) -> None:
    """Upload `path` on /variants through the file input, press Read, and wait for the findings."""
    page.goto(f"{server}/variants")
    wait_for_app(page, "Your variants on the pathway")
    page.locator('input[type="file"]').set_input_files(str(path))
    page.get_by_role("button", name="Read the file").click(timeout=timeout)
    page.get_by_text("What was found").wait_for(timeout=timeout)
    wait_for_app(page, timeout=timeout)


def real_size_vcf(records: int, folder: Path = GENERATED) -> Path:
    """A bgzip VCF (with its tabix index) of `records` synthetic GRCh38 records, made once and kept in `folder`.

    benchmarks/make_vcf.py is deterministic (seed 42): the same number of records gives the same file.
    """
    path = folder / f"synthetic_{records}.vcf.gz"
    if path.exists() and Path(f"{path}.tbi").exists():
        return path
    missing = [tool for tool in ("bgzip", "tabix") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{' and '.join(missing)} missing: `make test` installs Debian's tabix package")
    folder.mkdir(parents=True, exist_ok=True)
    # Made under another name and renamed, so that an interrupted run never leaves a partial file as made.
    partial = folder / f"partial_{records}.vcf.gz"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_vcf.py"),
            "--n",
            str(records),
            "--out",
            str(partial),
        ],
        check=True,
        capture_output=True,
    )
    Path(f"{partial}.tbi").replace(f"{path}.tbi")
    partial.replace(path)
    return path


def cli_annotate(path: Path) -> str:
    """The JSON `python -m kb annotate` writes for `path` (a bgzip VCF with an index is read through the index)."""
    result = subprocess.run(
        [sys.executable, "-m", "kb", "annotate", "--format", "json", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def cli_report(path: Path) -> dict:
    """What `python -m kb annotate` reports for `path`."""
    return json.loads(cli_annotate(path))
