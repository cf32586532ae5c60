"""Speed of the kinetic models (kb/dynamics) and of a slider move on /dynamics.

Targets (issue 16): an 8-dose dose-response of both fat-cell states and a 420-minute meal time course,
each under 0.3 s warm; a slider move on /dynamics to the redrawn chart under 0.5 s, timed in the page
from the key going down to the first frame painted after the chart's data changed. Each figure is
printed with its ratio to its target.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.page_scripts import STREAMLIT_IDLE  # noqa: E402
from benchmarks.servers import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402
from kb.dynamics import adipocyte, meal  # noqa: E402

ROUNDS = 20
SLIDER_MOVES = 12
MODEL_TARGET = 0.3
SLIDER_TARGET = 0.5

# In-page timing: key down on the slider -> the first frame after the dose chart's 'Your settings' changed.
ARM = """() => {
  const read = () => { const gd = document.querySelector('.st-key-dynamics_dose_chart .js-plotly-plot');
    const t = gd && gd.data && gd.data.find(t => t.name === 'Your settings'); return t ? JSON.stringify(Array.from(t.y)) : null; };
  const before = read(); window.__redrawnAfter = undefined;
  document.addEventListener('keydown', () => {
    const pressed = performance.now();
    const poll = () => { const now = read();
      if (now !== null && now !== before) { requestAnimationFrame(() => { window.__redrawnAfter = performance.now() - pressed; }); }
      else { requestAnimationFrame(poll); } };
    requestAnimationFrame(poll);
  }, {capture: true, once: true});
}"""


def timed(function, rounds: int = ROUNDS) -> list[float]:
    """Seconds per call of `function`, after one warm-up call."""
    function()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def slider_moves(base: str) -> list[float]:
    """Seconds from a key press on the receptor slider to the redrawn dose-response, in the page."""
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1400})
        page.goto(f"{base}/dynamics")
        page.wait_for_selector(
            ".st-key-dynamics_dose_chart .js-plotly-plot .scatterlayer .trace", timeout=60_000
        )
        page.wait_for_function(STREAMLIT_IDLE, timeout=60_000)
        slider = page.locator(".st-key-dynamics_receptor input[type=range]")
        for move in range(SLIDER_MOVES + 1):
            page.evaluate(ARM)
            slider.focus()
            page.keyboard.press("ArrowLeft")
            page.wait_for_function("() => window.__redrawnAfter !== undefined", timeout=30_000)
            page.wait_for_function(STREAMLIT_IDLE, timeout=30_000)
            page.wait_for_timeout(300)
            if move:  # the first move warms the server's caches for this dose and time
                times.append(page.evaluate("window.__redrawnAfter / 1000"))
        browser.close()
    return times


def report(name: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    print(
        f"{name}: median {median:.4f} s, max {max(times):.4f} s over {len(times)} "
        f"(target < {target} s; median/target = {median / target:.3f})"
    )


def main() -> None:
    """Time the models in this process, then a slider move in headless chromium against a served app."""

    def both_states() -> None:
        for state in ("normal", "diabetic"):
            adipocyte.dose_response(state, adipocyte.DEFAULT_DOSES, adipocyte.DEFAULT_MINUTES)

    report("8-dose dose-response, normal and diabetic", timed(both_states), MODEL_TARGET)
    for state in ("normal", "diabetic"):
        report(
            f"420-minute meal, {state}", timed(lambda state=state: meal.meal_time_course(state)), MODEL_TARGET
        )
    with serving("app.py") as (base, _):
        report("slider move to redrawn chart on /dynamics (in page)", slider_moves(base), SLIDER_TARGET)


if __name__ == "__main__":
    main()
