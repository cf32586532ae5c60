"""The person's findings, kept in this session's memory only (never on disk, never shared)."""

from __future__ import annotations

import streamlit as st

from components.pathway_figure import NodeMark
from kb.variants.evidence import node_evidence
from kb.variants.report import AnnotationReport

__all__ = ["MARK_GROUPS", "clear_report", "current_report", "findings_marks", "store_report"]

REPORT_KEY = "variants_report"
# A node's ring shows its most important finding, by priority (kb.variants.priority), in colour-blind-safe
# colours; a node with only intronic, flanking or untranslated findings is grey: never coloured as if known.
MARK_GROUPS = {
    1: ("curated pathogenic", "#D55E00"),
    2: ("curated risk or protective", "#E69F00"),
    3: ("likely protein loss", "#CC79A7"),
    4: ("likely protein loss", "#CC79A7"),
    5: ("protein change", "#0072B2"),
    6: ("non-coding or not curated", "#7F7F7F"),
    7: ("non-coding or not curated", "#7F7F7F"),
}


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
        group, colour = MARK_GROUPS[evidence.rank]
        plural = "variant" if evidence.count == 1 else "variants"
        first = f", {evidence.high} to look at first" if evidence.high else ""
        marks[node] = NodeMark(
            colour=colour,
            count=evidence.count,
            note=f"{group}: {evidence.count} of your {plural} here{first}",
        )
    return marks
