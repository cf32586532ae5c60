"""Uploading a VCF in a real browser: the hit nodes are marked on the map, and real-sized files are read."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    EXOME_RECORDS,
    GENOME_RECORDS,
    cli_report,
    real_size_vcf,
    screenshot,
    upload,
    wait_for_app,
)
from tests.conftest import DATA

TRACE_NAMES = "() => Array.from(document.querySelector('.js-plotly-plot').data, (trace) => trace.name)"


def test_upload_then_see_marked_nodes(watched_page, server):
    """Upload on /variants, read, open the map: the person's variants ring their nodes."""
    page = watched_page
    upload(page, server, DATA / "variants" / "hg38_chr_windows.vcf")
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


def metric(page, label: str) -> int:
    """The number a metric with `label` shows."""
    text = page.get_by_test_id("stMetric").filter(has_text=label).inner_text()
    return int(re.sub(r"\D", "", text.split("\n", 1)[1]))


@pytest.mark.parametrize(
    ("records", "least_bytes"),
    [(EXOME_RECORDS, 10 * 1000**2), (GENOME_RECORDS, 100 * 1000**2)],
    ids=["exome-10MB", "genome-100MB"],
)
def test_real_sized_vcf_upload_shows_the_clis_findings(watched_page, server, records, least_bytes):
    """An exome-sized and a whole-genome VCF, uploaded through the file input, give the CLI's findings."""
    path = real_size_vcf(records)
    assert path.stat().st_size >= least_bytes
    expected = cli_report(path)
    page = watched_page
    upload(page, server, path, timeout=300_000)
    screenshot(page, f"variants-upload-{records}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert metric(page, "Findings in pathway genes") == len(expected["findings"]) > 0
    assert metric(page, "Records read") == records
    assert page.request_log.external == []


def test_a_file_whose_build_nothing_decides_asks_which_build(watched_page, server, tmp_path):
    """A VCF that names no build gets a prominent question; choosing GRCh37 reads it again on GRCh37."""
    text = (DATA / "variants" / "hg38_chr_windows.vcf").read_text().replace("\r\n", "\n")
    lines = [line for line in text.splitlines() if not line.startswith(("##reference", "##contig"))]
    path = tmp_path / "no_build.vcf"
    path.write_text("\n".join(lines) + "\n")
    page = watched_page
    upload(page, server, path)
    question = page.get_by_text("Which genome build is this file on?")
    question.wait_for(timeout=30_000)
    screenshot(page, "variants-build-question")
    again = page.get_by_role("button", name="Choose a build to read again")
    assert again.is_disabled()
    page.locator(".st-key-variants_build_choice").get_by_text("GRCh37 (hg19)", exact=True).click()
    page.get_by_role("button", name="Read again as GRCh37").click()
    page.get_by_text("Build: GRCh37 (chosen)").wait_for(timeout=30_000)
    wait_for_app(page)
    assert question.count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.request_log.external == []
