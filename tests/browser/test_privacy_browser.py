"""Hostile text, privacy and faults, in real browsers against a real server."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tests.browser.conftest import (
    ARTIFACTS,
    GENERATED,
    GENOME_RECORDS,
    cli_report,
    real_size_vcf,
    screenshot,
    upload,
    wait_for_app,
)
from tests.conftest import DATA

MARKER = "PRIVACYMARKER7F3A"
HOSTILE_SAMPLE = "<img src=x onerror=window.__pwned=1>" + MARKER
HOSTILE_ID = "<script>window.__pwned=2</script>"
PAGES = [
    "Home", "Pathway map", "Your variants", "What if…?", "Guided tours", "Quiz", "Patient handout",
    "Free explorer", "Limits and privacy", "Knowledge base",
]  # fmt: skip


def visit(page, title: str) -> None:
    """Open a page from the sidebar, as a person does: the session (and its findings) is kept."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    page.wait_for_timeout(300)
    wait_for_app(page)


def hostile_vcf(tmp_path: Path) -> Path:
    """A real-looking VCF whose sample name, ID and INFO carry HTML and script."""
    text = (DATA / "variants" / "hg38_chr_windows.vcf").read_text().replace("\r\n", "\n")
    text = text.replace("NA12878", HOSTILE_SAMPLE).replace("\t.\tC\tC,*", f"\t{HOSTILE_ID}\tC\tC,*")
    text = text.replace("SVTYPE=DEL;END=40238500", "NOTE=<b>javascript:alert(3)</b>")
    text = text.replace("rs1800629", "rs999000111")
    path = tmp_path / "hostile.vcf"
    path.write_text(text)
    return path


def injected(page) -> list[str]:
    """Signs that markup from the file became live in any frame."""
    found = []
    for frame in page.frames:
        if frame.evaluate("() => window.__pwned !== undefined"):
            found.append(f"script ran in {frame.url}")
        if frame.locator('img[src="x"]').count():
            found.append(f"img injected in {frame.url}")
    return found


def test_hostile_text_is_only_text_everywhere(watched_page, server, tmp_path):
    """After a hostile upload no dialog opens, no script runs, no element is injected on any page."""
    page = watched_page
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    upload(page, server, hostile_vcf(tmp_path))
    assert page.get_by_text(HOSTILE_SAMPLE, exact=False).count() >= 1, "the sample name is shown, as text"
    for title in PAGES:
        visit(page, title)
        page.wait_for_timeout(400)
        assert not injected(page), title
    visit(page, "Pathway map")
    search = page.get_by_label("Find a molecule, cause or outcome")
    search.fill("AKT2")
    search.press("Enter")
    page.get_by_text("Your variants here").wait_for(timeout=20_000)
    wait_for_app(page)
    assert not injected(page)
    screenshot(page, "hostile-after-walk")
    assert dialogs == []
    assert page.request_log.external == []


def test_walk_every_page_offline(watched_page, server):
    """Upload, click, tour, export: every request outside the app is aborted and counted — zero."""
    page = watched_page
    upload(page, server, DATA / "variants" / "hg38_chr_windows.vcf")
    with page.expect_download(timeout=30_000):
        page.get_by_role("button", name="Findings (CSV)").click()
    visit(page, "Pathway map")
    search = page.get_by_label("Find a molecule, cause or outcome")
    search.fill("AKT2")
    search.press("Enter")
    page.get_by_text("Your variants here").wait_for(timeout=20_000)
    visit(page, "Guided tours")
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("heading", name="Insulin binds its receptor").wait_for(timeout=20_000)
    visit(page, "Patient handout")
    page.get_by_text("For the clinician").wait_for(timeout=20_000)
    with page.expect_download(timeout=30_000):
        page.get_by_role("button", name="Clinician summary (PDF)").click()
    for title in PAGES:
        visit(page, title)
    assert page.request_log.seen
    assert page.request_log.external == [], page.request_log.external


TEMPORARY_ROOTS = {Path(tempfile.gettempdir()), Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")}


def _holds(path: Path, marker: bytes) -> bool:
    """Whether the file holds `marker`, read in pieces so that a large file costs little memory."""
    tail = b""
    with path.open("rb") as stream:
        while piece := stream.read(1 << 20):
            if marker in tail + piece:
                return True
            tail = piece[-(len(marker) - 1) :]
    return False


def _files_holding(marker: bytes, since: float) -> list[str]:
    """Files under the temporary directories and the project, changed since `since`, that hold `marker`."""
    roots = TEMPORARY_ROOTS | {Path(__file__).resolve().parents[2]}
    hits = []
    for root in roots:
        for directory, folders, files in os.walk(root):
            folders[:] = [name for name in folders if name not in (".venv", ".git", "node_modules", "proc")]
            for name in files:
                path = Path(directory, name)
                try:
                    if path.stat().st_mtime >= since and _holds(path, marker):
                        hits.append(str(path))
                except OSError:
                    continue
    return hits


def _temporary_files_open(pid: int) -> dict[str, int]:
    """The files under the temporary directories that process `pid` has open, deleted or not, with their sizes."""
    roots = tuple(f"{root}/" for root in TEMPORARY_ROOTS)
    # A checkout (and its .venv) may itself lie under /tmp: the app's own files and the test's server log are
    # not temporary files.
    own = (f"{Path(__file__).resolve().parents[2]}/", f"{Path(sys.prefix).resolve()}/")
    found = {}
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
            if target.startswith(roots) and not target.startswith(own):
                found[target] = descriptor.stat().st_size
        except OSError:  # closed while being read
            continue
    return found


def test_no_file_or_log_line_keeps_the_upload(watched_page, server, tmp_path):
    """After a session with an upload, no file holds its bytes and no log line holds its rsID or sample."""
    started = time.time()
    source = hostile_vcf(tmp_path)
    page = watched_page
    upload(page, server, source)
    visit(page, "Patient handout")
    page.get_by_text("For the clinician").wait_for(timeout=20_000)
    page.close()
    time.sleep(1)
    hits = [hit for hit in _files_holding(MARKER.encode(), started) if not hit.startswith(str(tmp_path))]
    hits += [hit for hit in _files_holding(b"rs999000111", started) if not hit.startswith(str(tmp_path))]
    assert hits == [], f"files keep the upload: {hits}"
    log = (ARTIFACTS / "server.log").read_text(errors="replace")
    assert MARKER not in log and "rs999000111" not in log


def test_a_genome_upload_leaves_no_file_behind(watched_page, app_server):
    """A 100 MB upload: any temporary file holding it has no name and is closed before the findings show;
    afterwards no file holds its bytes and no log line its findings."""
    path = real_size_vcf(GENOME_RECORDS)
    data = path.read_bytes()
    marker = data[len(data) // 2 : len(data) // 2 + 64]
    rsid = next(finding["rsid"] for finding in cli_report(path)["findings"] if finding["rsid"])
    started = time.time()
    seen: dict[str, int] = {}
    watching = threading.Event()
    watching.set()

    def watch() -> None:
        while watching.is_set():
            for target, size in _temporary_files_open(app_server.pid).items():
                seen[target] = max(size, seen.get(target, 0))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        upload(watched_page, app_server.base, path, timeout=300_000)
    finally:
        watching.clear()
        watcher.join()
    assert watched_page.get_by_text("What was found").count() == 1
    # Starlette spools an upload part over 1 MB to an unnamed temporary file (O_TMPFILE), read into memory
    # and closed before the request returns: nothing can open it by name, and it is gone once closed. The
    # first temporary file of a process also makes Python probe the directory with a named 4-byte file.
    named = {target: size for target, size in seen.items() if not target.endswith("(deleted)")}
    assert all(size <= 4 for size in named.values()), f"a named temporary file held the upload: {named}"
    assert _temporary_files_open(app_server.pid) == {}, "a temporary file outlived the upload request"
    hits = [hit for hit in _files_holding(marker, started) if not hit.startswith(str(GENERATED))]
    hits += [hit for hit in _files_holding(rsid.encode(), started) if not hit.startswith(str(GENERATED))]
    assert hits == [], f"files keep the upload: {hits}"
    log = (ARTIFACTS / "server.log").read_text(errors="replace")
    assert rsid not in log


def test_two_sessions_never_share_findings(browser, server, tmp_path):
    """Two people at once: the second sees none of the first one's findings."""
    first = browser.new_context()
    second = browser.new_context()
    try:
        page_a = first.new_page()
        upload(page_a, server, hostile_vcf(tmp_path))
        page_b = second.new_page()
        page_b.goto(f"{server}/variants")
        wait_for_app(page_b, "Your variants on the pathway")
        assert page_b.get_by_text("What was found").count() == 0
        page_b.goto(f"{server}/pathway?node=PPARG")
        wait_for_app(page_b, "What disrupts it")
        assert page_b.get_by_text("Your variants here").count() == 0
        assert page_b.get_by_text(MARKER, exact=False).count() == 0
        visit(page_a, "Your variants")
        assert page_a.get_by_text("What was found").count() == 1
    finally:
        first.close()
        second.close()


def _healthy(server: str) -> bool:
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as response:
        return response.status == 200


def test_server_survives_disconnects_mid_upload_and_mid_parse(browser, server, tmp_path):
    """Closing the tab while a large file uploads, or while it is read, leaves the server serving others."""
    big = tmp_path / "big.vcf"
    header = (DATA / "variants" / "hg38_chr_windows.vcf").read_text().replace("\r\n", "\n").split("chr3\t")[0]
    record = "chr19\t40238000\t.\tT\tC\t40\tPASS\t.\tGT\t0/1\n"
    big.write_text(header + record * 700_000)
    for stage in ("upload", "parse"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{server}/variants")
        wait_for_app(page, "Your variants on the pathway")
        page.locator('input[type="file"]').set_input_files(str(big))
        if stage == "parse":
            page.get_by_role("button", name="Read the file").click(timeout=60_000)
            page.wait_for_timeout(150)
        context.close()
        assert _healthy(server)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/pathway?node=INSR")
    wait_for_app(page, "What disrupts it")
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()
