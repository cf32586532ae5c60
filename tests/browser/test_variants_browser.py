"""Uploading variants in a real browser: real-sized files are read, the findings page leads with what counts,
the map rings nodes by priority, and the clinician PDF and the handout put the top findings first."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    EXOME_RECORDS,
    GENOME_RECORDS,
    cli_report,
    real_size_vcf,
    screenshot,
    upload,
    wait_for_app,
)
from tests.conftest import DATA
from tests.findings_fixture import exome_like_vcf

TRACE_NAMES = "() => Array.from(document.querySelector('.js-plotly-plot').data, (trace) => trace.name)"


def test_upload_then_see_marked_nodes(watched_page, server):
    """Upload on /variants, read, open the map: the person's variants ring their nodes by priority."""
    page = watched_page
    upload(page, server, DATA / "variants" / "hg38_chr_windows.vcf")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_role("link", name="See them on the pathway map").click()
    page.locator(".js-plotly-plot").wait_for(timeout=30_000)
    wait_for_app(page)
    names = page.evaluate(TRACE_NAMES)
    assert any(name and name.startswith("Your variants: curated risk or protective") for name in names)
    assert any(name and name.startswith("Your variants: non-coding or not curated") for name in names)
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
    # One record in PPARG that is no known marker: no header, contig length, chromosome end or marker decides.
    lines = [
        "##fileformat=VCFv4.2",
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS",
        "3\t12351700\t.\tC\tG\t50\tPASS\t.\tGT\t0/1",
    ]
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


def test_300_findings_lead_with_what_counts(watched_page, server, tmp_path):
    """An exome-like file with 304 findings: the page opens with the curated PPARG variant and the three
    predicted losses of syndrome genes, counts the rest, and the sidebar agrees at once; the clinician PDF's
    first page and the handout put the same findings first."""
    page = watched_page
    vcf = tmp_path / "exome_like.vcf"
    vcf.write_bytes(exome_like_vcf())
    upload(page, server, vcf)
    page.get_by_text("Look at these first").wait_for(timeout=30_000)
    summary = page.locator(
        '[data-testid="stMarkdownContainer"]', has_text="304 findings in pathway genes"
    ).first.inner_text()
    assert "2 curated" in summary and "3 protein-truncating or splice-site" in summary
    cards = page.locator('[data-testid="stVerticalBlock"]', has_text="Why here").all_inner_texts()
    tops = [text for text in cards if text.count("Why here") == 1]
    assert tops[0].split("\n")[0].count("PPARG") and all(
        gene in " ".join(tops[1:4]) for gene in ("TBC1D4", "INSR", "AKT2")
    )
    assert page.locator('[data-testid="stSidebar"]').get_by_text("304 finding(s)").count() == 1
    page.set_viewport_size({"width": 1500, "height": 2300})  # the top findings and counts in one picture
    wait_for_app(page)
    screenshot(page, "variants-300-findings")

    with page.expect_download() as download:
        page.get_by_role("button", name="Clinician summary (PDF)").click()
    pdf = tmp_path / "clinician-summary.pdf"
    download.value.save_as(pdf)
    first_page = ARTIFACTS / "clinician-summary-300"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(first_page)],
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.index("PPARG") < text.index("TBC1D4") and "Findings to look at first (5)" in text

    page.get_by_role("link", name="Make the patient handout").click()
    wait_for_app(page, "Patient handout")
    frame = page.frame_locator("iframe").first
    frame.get_by_text("Your gene results").wait_for(timeout=30_000)
    handout = frame.locator("body").inner_text()
    assert handout.index("PPARG Pro12Ala") < handout.index("may stop a gene from making its protein")
    assert "lie outside the parts of genes that make proteins" in handout
    screenshot(page, "handout-300-findings")
    assert page.request_log.external == []
