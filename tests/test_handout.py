"""The patient handout and clinician summary as files people take away."""

from __future__ import annotations

import io

from kb.handout import clinician_summary_pdf, handout_html, handout_pdf, patient_handout
from kb.index import knowledge_index
from kb.variants.annotate import annotate_path
from tests.conftest import DATA


def _pdf_text(data: bytes) -> str:
    """Text of a PDF, read back with a real PDF parser (pypdf)."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_handout_pdf_is_one_valid_page_with_the_findings():
    """The handout PDF is one page and holds its headings, the person's curated finding and the disclaimer."""
    report = annotate_path(DATA / "variants" / "hg38_chr_windows.vcf")
    data = handout_pdf(patient_handout(knowledge_index(), report))
    assert data.startswith(b"%PDF-")
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = _pdf_text(data)
    for expected in ("What is insulin resistance?", "PPARG Pro12Ala", "not well studied", "not a diagnosis"):
        assert expected in text


def test_handout_html_escapes_file_text_and_loads_nothing():
    """File-derived text is escaped and the page references no external resource."""
    report = annotate_path(DATA / "variants" / "hg38_chr_windows.vcf")
    handout = patient_handout(knowledge_index(), report)
    handout.sections.append(("Note", ["<script>alert(1)</script>"]))
    page = handout_html(handout)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page


def test_clinician_summary_has_evidence_grades_and_citations():
    """The clinician PDF lists each finding with its significance, implication grades and PMIDs."""
    report = annotate_path(DATA / "variants" / "hg38_chr_windows.vcf")
    text = _pdf_text(clinician_summary_pdf(knowledge_index(), report))
    assert "PPARG" in text and "guideline" in text and "PMID 10973253" in text
    assert "no care change can be drawn" in " ".join(text.split())
