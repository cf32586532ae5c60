"""Learning in a real browser: step through a tour, then download the handout as a PDF."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.browser.conftest import screenshot, wait_for_app


def test_step_through_a_tour(watched_page, server):
    """Next walks the tour one step at a time, and the step is in the URL."""
    page = watched_page
    page.goto(f"{server}/tours?tour=obesity_and_inflammation&step=1")
    wait_for_app(page, "Excess fat, especially around the organs")
    for expected in (
        "Fat spills over: fatty acids and ectopic lipid",
        "DAG switches on PKC, which blocks the signal",
    ):
        page.get_by_role("button", name="Next →").click()
        page.get_by_role("heading", name=expected).wait_for(timeout=20_000)
        wait_for_app(page)
    assert "step=3" in page.url
    screenshot(page, "tour-step-3")
    page.get_by_role("button", name="← Back").click()
    page.get_by_role("heading", name="Fat spills over: fatty acids and ectopic lipid").wait_for(
        timeout=20_000
    )
    assert page.request_log.external == []


def test_download_the_handout_pdf(watched_page, server):
    """The handout downloads as a valid one-page PDF holding its headings and the disclaimer."""
    page = watched_page
    page.goto(f"{server}/handout")
    wait_for_app(page, "Patient handout")
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download the handout (PDF)").click()
    with open(download_info.value.path(), "rb") as stream:
        data = stream.read()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page_text.extract_text() for page_text in reader.pages).split())
    assert len(reader.pages) == 1
    assert "What is insulin resistance?" in text and "not a diagnosis" in text
    screenshot(page, "handout")
    assert page.request_log.external == []


def test_what_if_typed_name_and_enter_selects_only_that_node(watched_page, server):
    """Typing "AKT2" and Enter in "Knock down" adds AKT2 and not "AKT2 familial"; paths write ⊣."""
    page = watched_page
    page.goto(f"{server}/what-if")
    wait_for_app(page, "What the map predicts")
    page.get_by_label("Knock down (loss)").click()
    page.keyboard.type("AKT2")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    chosen = page.locator('[data-testid="stMultiSelect"]').first.inner_text().splitlines()
    assert "AKT2" in chosen and "AKT2 familial" not in chosen, chosen
    summary = " ".join(page.locator('[data-testid="stMarkdown"]').all_inner_texts())
    assert "⊣" in summary, "inhibition is written with the T-bar sign"
    screenshot(page, "what-if-akt2")
    assert page.request_log.external == []


def test_quiz_round_with_short_answers_and_detail_on_request(watched_page, server):
    """A round of five; an answer gets a one-line explanation, the detail opens on request; the score counts."""
    page = watched_page
    page.goto(f"{server}/quiz")
    wait_for_app(page, "Test yourself")
    groups = page.locator('[data-testid="stMain"] [role="radiogroup"]')
    assert groups.count() == 5
    groups.first.locator('[data-testid="stRadioOption"]').first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Check").first.click()
    wait_for_app(page)
    feedback = (
        page.locator('[data-testid="stMain"] [data-testid="stAlertContainer"]')
        .first.inner_text()
        .split("\n")[-1]
    )
    assert feedback.startswith(("Right.", "Not quite")) and len(feedback) < 250
    page.get_by_text("Why? More detail").first.click()
    page.get_by_role("link", name="Read about").first.wait_for(timeout=10_000)
    assert "/ 1" in page.locator('[data-testid="stMetric"]').nth(2).inner_text()
    screenshot(page, "quiz-round")
    assert page.request_log.external == []
