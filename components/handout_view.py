"""The patient handout and the clinician summary: preview and downloads, made in memory."""

from __future__ import annotations

import streamlit as st

from kb.handout import Handout, clinician_summary_pdf, handout_html, handout_pdf
from kb.index import KnowledgeIndex
from kb.variants.report import AnnotationReport, findings_csv, report_json

__all__ = ["clinician_downloads", "handout_downloads", "handout_preview"]


def handout_preview(handout: Handout) -> None:
    """The printable page as it will print (escaped HTML, no scripts, no external resources)."""
    st.iframe(handout_html(handout), height=1300)  # the whole page, findings included, without scrolling


def handout_downloads(handout: Handout) -> None:
    """Download the handout as a PDF or as printable HTML."""
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download the handout (PDF)", lambda: handout_pdf(handout), "insulin-resistance-handout.pdf",
            "application/pdf", key="handout_download_pdf", type="primary", icon=":material/picture_as_pdf:",
            on_click="ignore",
        )  # fmt: skip
    with right:
        st.download_button(
            "Download the handout (HTML, to print)", lambda: handout_html(handout), "insulin-resistance-handout.html",
            "text/html", key="handout_download_html", icon=":material/print:", on_click="ignore",
        )  # fmt: skip


def clinician_downloads(index: KnowledgeIndex, report: AnnotationReport) -> None:
    """The clinician summary of findings with evidence and citations: PDF, CSV, JSON."""
    columns = st.columns(3)
    with columns[0]:
        st.download_button(
            "Clinician summary (PDF)", lambda: clinician_summary_pdf(index, report), "clinician-summary.pdf",
            "application/pdf", key="summary_download_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
        )  # fmt: skip
    with columns[1]:
        st.download_button(
            "Findings (CSV)", lambda: findings_csv(report), "clinician-findings.csv", "text/csv",
            key="summary_download_csv", icon=":material/table:", on_click="ignore",
        )  # fmt: skip
    with columns[2]:
        st.download_button(
            "Findings (JSON)", lambda: report_json(report), "clinician-findings.json", "application/json",
            key="summary_download_json", icon=":material/data_object:", on_click="ignore",
        )  # fmt: skip
