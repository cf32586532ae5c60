"""The app in a real browser: every page renders, with no exception and no request beyond 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_app

PAGES = [
    ("", "Insulin Pathway Explorer"),
    ("pathway", "The insulin signalling pathway"),
    ("pathway?node=AKT2", "What disrupts it"),
    ("explore", "Free explorer"),
    ("variants", "Your variants on the pathway"),
    ("what-if", "What if"),
    ("tours", "Guided tours"),
    ("quiz", "Test yourself"),
    ("handout", "Patient handout"),
    ("limits", "Limits and privacy"),
    ("knowledge", "The knowledge base"),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_page_renders_offline(watched_page, server, path, expected):
    """Each page shows its content, no exception box, and makes zero requests outside the app."""
    page = watched_page
    page.goto(f"{server}/{path}")
    wait_for_app(page, expected)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "page-" + (path.replace("?", "-").replace("=", "-") or "home"))
    assert page.request_log.external == [], page.request_log.external
    assert page.request_log.seen, "the page made no request at all: the watcher is not working"
