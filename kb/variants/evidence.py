"""How strong the evidence behind findings is: categories, their order, and what a node is marked with."""

from __future__ import annotations

from dataclasses import dataclass

from kb.variants.report import AnnotationReport

__all__ = ["EVIDENCE_CATEGORIES", "SIGNIFICANCE_RANK", "NodeEvidence", "node_evidence", "significance_label"]

# Strongest evidence first; a node is drawn with the strongest category among its findings.
SIGNIFICANCE_RANK = {
    "pathogenic": 0,
    "likely_pathogenic": 0,
    "risk_factor": 1,
    "protective": 1,
    "uncertain": 2,
    "likely_benign": 3,
    "benign": 3,
}


EVIDENCE_CATEGORIES = {
    0: "pathogenic or likely pathogenic",
    1: "risk factor or protective association",
    2: "uncertain significance",
    3: "benign or likely benign",
}


@dataclass(frozen=True)
class NodeEvidence:
    """How a node is marked on the map: the strongest evidence among its findings, and how many there are."""

    category: str
    rank: int
    count: int


def node_evidence(report: AnnotationReport) -> dict[str, NodeEvidence]:
    """Node id -> the strongest evidence category among its findings, with their count."""
    marks = {}
    for node, findings in report.findings_by_node().items():
        rank = min(SIGNIFICANCE_RANK.get(finding.significance, 2) for finding in findings)
        marks[node] = NodeEvidence(category=EVIDENCE_CATEGORIES[rank], rank=rank, count=len(findings))
    return marks


def significance_label(significance: str, known: bool) -> str:
    """How a finding's significance is named; one absent from the knowledge base says what that means."""
    if not known:
        return "uncertain significance — no care change can be drawn from it"
    return significance.replace("_", " ")
