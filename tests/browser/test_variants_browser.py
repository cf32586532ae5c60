"""Uploading a VCF in a real browser marks the hit nodes on the map."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_for_app
from tests.conftest import DATA

TRACE_NAMES = "() => Array.from(document.querySelector('.js-plotly-plot').data, (trace) => trace.name)"


def test_upload_then_see_marked_nodes(watched_page, server):
    """Upload on /variants, read, open the map: the person's variants ring their nodes."""
    page = watched_page
    page.goto(f"{server}/variants")
    wait_for_app(page, "Your variants on the pathway")
    page.locator('input[type="file"]').set_input_files(str(DATA / "variants" / "hg38_chr_windows.vcf"))
    page.get_by_role("button", name="Read the file").click()
    page.get_by_text("What was found").wait_for(timeout=30_000)
    wait_for_app(page)
    screenshot(page, "variants-findings")
    assert page.locator('[data-testid="stException"]').count() == 0

    page.get_by_role("link", name="See them on the pathway map").click()
    page.locator(".js-plotly-plot").wait_for(timeout=30_000)
    wait_for_app(page)
    names = page.evaluate(TRACE_NAMES)
    assert any(name and name.startswith("Your variants: uncertain significance") for name in names)
    assert any(name and name.startswith("Your variants: risk factor or protective") for name in names)
    screenshot(page, "pathway-with-findings")
    assert page.request_log.external == []
