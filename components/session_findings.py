"""The person's findings, kept in this session's memory only (never on disk, never shared)."""

from __future__ import annotations

import streamlit as st

from components.pathway_figure import NodeMark
from kb.variants.evidence import node_evidence
from kb.variants.report import AnnotationReport
from kb.vocabulary import PRIORITIES

__all__ = ["clear_report", "current_report", "findings_marks", "store_report"]

REPORT_KEY = "variants_report"


def current_report() -> AnnotationReport | None:
    """The findings this session holds, if any."""
    return st.session_state.get(REPORT_KEY)


def store_report(report: AnnotationReport) -> None:
    """Keep a reading's findings for this session."""
    st.session_state[REPORT_KEY] = report


def clear_report() -> None:
    """Forget this session's findings."""
    st.session_state.pop(REPORT_KEY, None)


def findings_marks(report: AnnotationReport | None) -> dict[str, NodeMark]:
    """Map marks for the nodes a report's findings hit, ringed by each node's most important finding."""
    if report is None:
        return {}
    marks = {}
    for node, evidence in node_evidence(report).items():
        style = PRIORITIES[evidence.rank]
        plural = "variant" if evidence.count == 1 else "variants"
        first = f", {evidence.high} to look at first" if evidence.high else ""
        marks[node] = NodeMark(
            colour=style.colour,
            count=evidence.count,
            note=f"{style.group}: {evidence.count} of your {plural} here{first}",
        )
    return marks
