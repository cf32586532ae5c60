"""How strong the evidence behind findings is: categories, their order, and what a node is marked with."""

from __future__ import annotations

from dataclasses import dataclass

from kb.variants.report import AnnotationReport
from kb.vocabulary import EvidenceCategory, evidence_category

__all__ = ["NodeEvidence", "node_evidence", "significance_label"]


@dataclass(frozen=True)
class NodeEvidence:
    """How a node is marked on the map: the strongest evidence among its findings, and how many there are."""

    category: EvidenceCategory
    count: int


def node_evidence(report: AnnotationReport) -> dict[str, NodeEvidence]:
    """Node id -> the strongest evidence category among its findings, with their count."""
    marks = {}
    for node, findings in report.findings_by_node().items():
        strongest = min(evidence_category(finding.significance) for finding in findings)
        marks[node] = NodeEvidence(category=strongest, count=len(findings))
    return marks


def significance_label(significance: str, known: bool) -> str:
    """How a finding's significance is named; one absent from the knowledge base says what that means."""
    if not known:
        return "uncertain significance — no care change can be drawn from it"
    return significance.replace("_", " ")
