"""A classroom at once: N real browser sessions (10, then 25) each open the map, upload a VCF and click nodes.

Reports errors, p50 and p95 click-to-detail latency, and the server's memory before, at its peak during,
and after the sessions close (after the disconnected-session TTL, 30 s in .streamlit/config.toml).
Target on this 2-core machine: 25 sessions, zero errors, p95 within 1 s.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from benchmarks.servers import CHROMIUM, CHROMIUM_ARGS, cpu_seconds, rss_mb, serving  # noqa: E402
from components.pathway_figure import Y_STRETCH  # noqa: E402
from kb.index import knowledge_index  # noqa: E402

VCF = ROOT / "tests" / "data" / "variants" / "hg38_chr_windows.vcf"
CLICKS = ["PTEN", "IRS1", "FOXO1"]
NODE_PIXEL = """([x, y]) => {
  const gd = document.querySelector('.js-plotly-plot'); const L = gd._fullLayout; const box = gd.getBoundingClientRect();
  return [box.left + L.xaxis._offset + L.xaxis.l2p(x), box.top + L.yaxis._offset + L.yaxis.l2p(y)];
}"""
WITH_FINDINGS = (
    "() => { const gd = document.querySelector('.js-plotly-plot');"
    " return gd && gd.data && gd.data.some((trace) => (trace.name || '').startsWith('Your variants')); }"
)
IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)
TIMEOUT = 120_000


async def idle(page) -> None:
    await page.wait_for_function(IDLE, timeout=TIMEOUT)
    await page.wait_for_timeout(400)


RAMP_SECONDS = 0.5  # a classroom does not press Enter in the same millisecond


async def session(browser, base: str, latencies: list[float], errors: list[str], number: int) -> None:
    """One student: open the map, upload a VCF, go back to the map, click three nodes."""
    await asyncio.sleep(number * RAMP_SECONDS)
    index = knowledge_index()
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(f"{base}/pathway?node=INSR", timeout=TIMEOUT)
        await page.get_by_role("heading", name="Insulin receptor (INSR)", exact=True).wait_for(
            timeout=TIMEOUT
        )
        await idle(page)
        await page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Your variants").click()
        await page.locator('input[type="file"]').set_input_files(str(VCF), timeout=TIMEOUT)
        await page.get_by_role("button", name="Read the file").click(timeout=TIMEOUT)
        await page.get_by_text("What was found").wait_for(timeout=TIMEOUT)
        await page.get_by_role("link", name="See them on the pathway map").click()
        await page.wait_for_function(WITH_FINDINGS, timeout=TIMEOUT)
        await idle(page)
        await page.wait_for_timeout(1000)
        for node in CLICKS:
            x, y = index.kb.layout[node]
            await page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            await page.wait_for_timeout(300)
            px, py = await page.evaluate(NODE_PIXEL, [x, y * Y_STRETCH])
            await page.mouse.move(px, py)
            await page.wait_for_timeout(250)
            start = time.perf_counter()
            await page.mouse.click(px, py)
            await page.get_by_role("heading", name=index.nodes[node].label, exact=True).wait_for(
                timeout=TIMEOUT
            )
            latencies.append(time.perf_counter() - start)
            await idle(page)
        if await page.locator('[data-testid="stException"]').count():
            errors.append(f"session {number}: an exception was shown")
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        if number == 0:
            await page.screenshot(path=str(ROOT / "benchmarks" / "out" / "load-failure.png"))
        errors.append(f"session {number}: {type(error).__name__}: {str(error).splitlines()[0][:120]}")
    finally:
        await context.close()


async def run(sessions: int) -> None:
    """Start a fresh server, run `sessions` students at once, and print the figures."""
    with serving("app.py") as (base, process):
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = await browser.new_context()
            page = await warm.new_page()
            await page.goto(f"{base}/pathway?node=INSR")
            await page.get_by_role("heading", name="Insulin receptor (INSR)", exact=True).wait_for(
                timeout=TIMEOUT
            )
            await warm.close()
            await asyncio.sleep(2)
            before = rss_mb(process.pid)
            peak = before
            latencies: list[float] = []
            errors: list[str] = []
            started = time.perf_counter()
            cpu_before = cpu_seconds(process.pid)
            tasks = [
                asyncio.create_task(session(browser, base, latencies, errors, n)) for n in range(sessions)
            ]
            while not all(task.done() for task in tasks):
                peak = max(peak, rss_mb(process.pid))
                await asyncio.sleep(0.5)
            elapsed = time.perf_counter() - started
            server_cpu = cpu_seconds(process.pid) - cpu_before
            await browser.close()
        await asyncio.sleep(40)
        after = rss_mb(process.pid)
    latencies.sort()
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)] if latencies else float("nan")
    print(f"{sessions} sessions in {elapsed:.1f} s: errors {len(errors)}; clicks measured {len(latencies)}")
    print(
        f"  server CPU {server_cpu:.1f} s ({server_cpu / elapsed:.2f} cores on average; the browsers share the 2 cores)"
    )
    for error in errors[:5]:
        print("   ", error)
    if latencies:
        print(
            f"  click to detail: p50 {statistics.median(latencies):.3f} s, p95 {p95:.3f} s (target p95 <= 1 s)"
        )
    print(f"  server memory: before {before:.0f} MB, peak {peak:.0f} MB, 40 s after close {after:.0f} MB")


def main() -> None:
    """10 sessions, then 25."""
    counts = [int(arg) for arg in sys.argv[1:]] or [10, 25]
    for sessions in counts:
        asyncio.run(run(sessions))


if __name__ == "__main__":
    main()
