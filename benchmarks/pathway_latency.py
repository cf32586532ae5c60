"""Latency of the pathway map in headless chromium, beside a minimal Streamlit page in the same run.

Targets (issue: "The pathway map"): navigation to the map drawn with the detail shown within 1.5 s, and a
click on a node to its new detail within 0.3 s, on this machine. Reported as medians and as ratios to
the minimal page's navigation and click.
"""

from __future__ import annotations

import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.page_scripts import ARM, NODE_PIXEL_BY_ID, SHOWN, SHOWN_AFTER, STREAMLIT_IDLE  # noqa: E402
from benchmarks.servers import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402
from kb.index import knowledge_index  # noqa: E402

ROUNDS = 7
CLICKS = ["PTEN", "IRS1", "FOXO1", "SLC2A4", "mtorc1", "INSR", "AKT2", "TBC1D4"]
MAP_DRAWN = "() => { const gd = document.querySelector('.js-plotly-plot'); return gd && gd._fullLayout && gd.querySelectorAll('.scatterlayer .trace').length > 5; }"


def click_and_time(page, click, heading: str) -> tuple[float, float]:
    """(in-page seconds, Playwright-observed seconds) from a click to `heading` shown."""
    page.evaluate(ARM, heading)
    start = time.perf_counter()
    click()
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=30_000)
    observed = time.perf_counter() - start
    page.wait_for_function(SHOWN, timeout=30_000)
    return page.evaluate(SHOWN_AFTER), observed


def wait_idle(page) -> None:
    """Wait until Streamlit has finished running and rendering, then a little for the chart's handlers."""
    page.wait_for_function(STREAMLIT_IDLE, timeout=30_000)
    page.wait_for_timeout(500)


def measure_app(browser, base: str, cold: list[float] | None = None) -> tuple[list[float], list[tuple]]:
    """Warm-cache navigations (the browser has loaded the app once, as a returning person's has) and clicks.

    Cold-cache navigations (a fresh browser profile) are appended to `cold` when given.
    """
    navigations, clicks = [], []
    for _ in range(ROUNDS):
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{base}/pathway?node=INSR")
        page.get_by_role("heading", name="Insulin receptor (INSR)", exact=True).wait_for(timeout=30_000)
        page.wait_for_function(MAP_DRAWN, timeout=30_000)
        if cold is not None:
            cold.append(time.perf_counter() - start)
        wait_idle(page)
        start = time.perf_counter()
        page.goto(f"{base}/pathway?node=AKT2")
        page.get_by_role("heading", name="AKT2", exact=True).wait_for(timeout=30_000)
        page.wait_for_function(MAP_DRAWN, timeout=30_000)
        navigations.append(time.perf_counter() - start)
        wait_idle(page)
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        for node in CLICKS[:4]:
            px, py = page.evaluate(NODE_PIXEL_BY_ID, node)
            page.mouse.move(px, py)
            page.wait_for_timeout(250)
            label = knowledge_index().nodes[node].label
            clicks.append(click_and_time(page, partial(page.mouse.click, px, py), label))
            wait_idle(page)
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        context.close()
    return navigations, clicks


def measure_minimal(browser, base: str) -> tuple[list[float], list[tuple]]:
    navigations, clicks = [], []
    for _ in range(ROUNDS):
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.goto(base)
        page.get_by_role("heading", name="Clicked 0 times").wait_for(timeout=30_000)
        wait_idle(page)
        start = time.perf_counter()
        page.goto(base)
        page.get_by_role("heading", name="Clicked 0 times").wait_for(timeout=30_000)
        navigations.append(time.perf_counter() - start)
        wait_idle(page)
        button = page.get_by_role("button", name="Change")
        for count in range(1, 5):
            clicks.append(click_and_time(page, button.click, f"Clicked {count} times"))
            wait_idle(page)
        context.close()
    return navigations, clicks


def main() -> None:
    """Measure both, alternating servers' use in one run, and print medians and ratios."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with serving("app.py") as (app, _), serving("benchmarks/minimal_app.py") as (minimal, _):
            measure_app(browser, app)  # warm caches (first run of each page builds the figure's data)
            measure_minimal(browser, minimal)
            cold: list[float] = []
            app_navigation, app_click = measure_app(browser, app, cold)
            minimal_navigation, minimal_click = measure_minimal(browser, minimal)
        browser.close()
    median = statistics.median
    print(f"map drawn with detail, after navigation: median {median(app_navigation):.3f} s (target <= 1.5 s)")
    print(f"  same, first visit (empty browser cache): median {median(cold):.3f} s")
    print(f"minimal page, after navigation:          median {median(minimal_navigation):.3f} s")
    print(
        f"  ratio                                  {median(app_navigation) / median(minimal_navigation):.2f}x"
    )
    in_page = [click[0] for click in app_click]
    observed = [click[1] for click in app_click]
    minimal_in_page = [click[0] for click in minimal_click]
    minimal_observed = [click[1] for click in minimal_click]
    print(
        f"click on a node to its new detail:       median {median(in_page):.3f} s (target <= 0.3 s), in page"
    )
    print(
        f"  p90 {statistics.quantiles(in_page, n=10)[-1]:.3f} s; as Playwright observed it: median {median(observed):.3f} s"
    )
    print(f"minimal page, click to new text:         median {median(minimal_in_page):.3f} s, in page")
    print(f"  as Playwright observed it: median {median(minimal_observed):.3f} s")
    print(f"  ratio                                  {median(in_page) / median(minimal_in_page):.2f}x")


if __name__ == "__main__":
    main()
