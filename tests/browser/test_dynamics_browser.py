"""The Dynamics page in a real browser: charts drawn, a slider redraws them, the map is coloured, and no
request leaves the server."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_for_app

# The y values of the named trace of a keyed chart, as plotly holds them in the page.
TRACE_Y = """([key, name]) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const trace = gd && gd.data && gd.data.find(t => t.name === name);
  return trace ? Array.from(trace.y) : null;
}"""
CHANGED = f"([key, name, before]) => {{ const y = ({TRACE_Y})([key, name]); return y !== null && JSON.stringify(y) !== JSON.stringify(before); }}"


def test_sliders_redraw_the_charts_and_the_map(watched_page, server):
    """Receptors to 0 % drop 'your settings' to nothing on the dose-response; the map turns the receptor's
    downstream nodes dark; the meal tab draws glucose and insulin."""
    page = watched_page
    page.set_viewport_size({"width": 1600, "height": 2000})
    page.goto(f"{server}/dynamics")
    wait_for_app(page, "Inside a fat cell")
    page.wait_for_selector(".st-key-dynamics_dose_chart .js-plotly-plot .scatterlayer .trace", timeout=30_000)
    assert page.locator(".st-key-dynamics_map .js-plotly-plot").count() == 1
    before = page.evaluate(TRACE_Y, ["dynamics_dose_chart", "Your settings"])
    normal = page.evaluate(TRACE_Y, ["dynamics_dose_chart", "Normal"])
    assert before == normal

    page.locator(".st-key-dynamics_receptor input[type=range]").focus()
    page.keyboard.press("Home")
    page.wait_for_function(CHANGED, arg=["dynamics_dose_chart", "Your settings", before], timeout=30_000)
    wait_for_app(page)
    after = page.evaluate(TRACE_Y, ["dynamics_dose_chart", "Your settings"])
    assert max(after) < 0.01 * max(normal)
    page.get_by_text("Where the signal fails").first.wait_for()
    colours = page.evaluate(
        "() => { const gd = document.querySelector('.st-key-dynamics_map .js-plotly-plot');"
        " const nodes = gd.data.find(t => t.name === 'nodes');"
        " return Object.fromEntries(nodes.customdata.map((id, i) => [id, nodes.marker.color[i]])); }"
    )
    assert colours["AKT2"] == "#D55E00" and colours["PTEN"] == "#FFFFFF"
    screenshot(page, "dynamics-receptors-off")

    page.get_by_role("button", name="Make it diabetic").click()
    wait_for_app(page)
    page.wait_for_function(
        "([key]) => { const y = ("
        + TRACE_Y
        + ")([key, 'Your settings']); const d = ("
        + TRACE_Y
        + ")([key, 'Diabetic (published)']);"
        " return y && d && Math.abs(y[7] - d[7]) < 1e-3 * d[7]; }",
        arg=["dynamics_dose_chart"],
        timeout=30_000,
    )
    screenshot(page, "dynamics-diabetic")

    page.get_by_role("tab", name="After a meal").click()
    page.wait_for_selector(
        ".st-key-dynamics_meal_plasma_glucose .js-plotly-plot .scatterlayer .trace", timeout=30_000
    )
    glucose = page.evaluate(TRACE_Y, ["dynamics_meal_plasma_glucose", "Diabetic (published)"])
    assert len(glucose) == 421 and max(glucose) > 250
    screenshot(page, "dynamics-meal")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.request_log.external == [], page.request_log.external
    assert page.request_log.seen
