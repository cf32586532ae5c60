"""Accessibility in a real browser: axe-core finds no serious or critical violation on any page or state."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import severe_violations
from tests.browser.conftest import wait_for_app
from tests.browser.test_app_offline import PAGES
from tests.conftest import DATA


@pytest.fixture
def page_1440(browser, server):
    """A 1440 x 900 page whose requests outside the app are refused."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((server, "data:", "blob:", "about:"))
            else route.abort()
        ),
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_page_is_axe_clean(page_1440, server, path, expected):
    """Each page as it opens: no serious or critical axe-core violation, colour contrast included."""
    page = page_1440
    page.goto(f"{server}/{path}")
    wait_for_app(page, expected)
    assert severe_violations(page) == []


def test_map_views_are_axe_clean(page_1440, server):
    """The map in each of its views (insulin-resistant, focus, break levels, text version, patient
    labels) stays clean."""
    page = page_1440
    page.goto(f"{server}/pathway?node=AKT2")
    wait_for_app(page, "What disrupts it")
    for switch in ("Insulin-resistant", "Focus on selection", "Where the signal breaks"):
        page.get_by_text(switch, exact=True).click()
        wait_for_app(page)
    assert severe_violations(page) == []
    page.get_by_role("tab", name="Text version").click()
    wait_for_app(page)
    assert severe_violations(page) == []
    page.get_by_text("Patient", exact=True).click()
    wait_for_app(page)
    assert severe_violations(page) == []


def test_findings_on_the_map_are_axe_clean(page_1440, server):
    """With a person's findings ringed and counted on the map, contrast still holds."""
    page = page_1440
    page.goto(f"{server}/variants")
    wait_for_app(page, "Your variants on the pathway")
    page.locator('input[type="file"]').set_input_files(str(DATA / "variants" / "hg38_chr_windows.vcf"))
    page.get_by_role("button", name="Read the file").click()
    page.get_by_text("What was found").wait_for(timeout=30_000)
    wait_for_app(page)
    assert severe_violations(page) == []
    page.get_by_role("link", name="See them on the pathway map").click()
    page.locator(".js-plotly-plot").wait_for(timeout=30_000)
    wait_for_app(page)
    assert severe_violations(page) == []


def test_answered_quiz_and_what_if_are_axe_clean(page_1440, server):
    """The quiz after an answer (feedback colours) and the what-if map stay clean."""
    page = page_1440
    page.goto(f"{server}/quiz")
    wait_for_app(page, "Test yourself")
    page.locator('[data-testid="stMain"] [data-testid="stRadioOption"]').first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Check").first.click()
    wait_for_app(page)
    assert severe_violations(page) == []
    page.goto(f"{server}/what-if")
    wait_for_app(page, "What the map predicts")
    assert severe_violations(page) == []
