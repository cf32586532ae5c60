"""In a real browser: a file whose genome build cannot be detected is asked about plainly, not captioned."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_for_app

NO_BUILD = (
    "##fileformat=VCFv4.2\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
    "19\t40739000\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n"
)


def test_undetected_build_is_asked_with_each_signal(watched_page, server, tmp_path):
    """Upload a VCF that shows no build: a boxed question says the findings rest on a guess, how it was read,
    and what each signal said, and offers the other build; the page keeps working."""
    upload = tmp_path / "no_build.vcf"
    upload.write_text(NO_BUILD)
    page = watched_page
    page.goto(f"{server}/variants")
    wait_for_app(page, "Your variants on the pathway")
    page.locator('input[type="file"]').set_input_files(str(upload))
    page.get_by_role("button", name="Read the file").click()
    page.get_by_text("Which genome build is this file on?").wait_for(timeout=30_000)
    wait_for_app(page)
    box = page.locator(".st-key-variants_build_choice")
    assert box.count() == 1
    text = box.inner_text()
    assert "read as GRCh38: a guess" in text and "contig lengths" in text and "known markers" in text
    assert box.get_by_text("GRCh37 (hg19)", exact=True).is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "variants-build-undetected")
    assert page.request_log.external == []
