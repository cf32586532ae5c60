"""What counts among a person's findings: the ones to look at first, and what each node is marked with.

The priority rule itself is kb.variants.priority; this module applies it to a report for the views.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.variants.findings import Finding
from kb.variants.priority import PRIORITY_LABELS
from kb.variants.report import AnnotationReport

__all__ = [
    "HIGH_PRIORITY",
    "PRIORITY_LABELS",
    "NodeEvidence",
    "node_evidence",
    "significance_label",
    "split_by_priority",
    "top_findings",
]

# Findings at this priority or above (curated with an effect, predicted protein loss) are shown in full
# everywhere; the rest are counted and listed in the findings table.
HIGH_PRIORITY = 4


@dataclass(frozen=True)
class NodeEvidence:
    """How a node is marked on the map: its most important finding's priority, and how many there are."""

    category: str
    rank: int
    count: int
    high: int  # findings at HIGH_PRIORITY or above


def node_evidence(report: AnnotationReport) -> dict[str, NodeEvidence]:
    """Node id -> the best priority among its findings (with its label) and the counts."""
    marks = {}
    for node, findings in report.findings_by_node().items():
        rank = min(finding.priority for finding in findings)
        high = sum(1 for finding in findings if finding.priority <= HIGH_PRIORITY)
        marks[node] = NodeEvidence(category=PRIORITY_LABELS[rank], rank=rank, count=len(findings), high=high)
    return marks


def top_findings(findings: list[Finding], limit: int = 5) -> list[Finding]:
    """The findings to read first: every one at HIGH_PRIORITY or above (at least `limit` if there are more
    findings), best first, then by position."""
    ordered = sorted(findings, key=lambda finding: finding.priority)
    high = [finding for finding in ordered if finding.priority <= HIGH_PRIORITY]
    return high if len(high) >= limit else ordered[:limit]


def split_by_priority(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings to show in full: curated or high priority, best first; the rest, best first)."""
    ordered = sorted(findings, key=lambda finding: finding.priority)
    full = [finding for finding in ordered if finding.priority <= HIGH_PRIORITY or finding.known_variant]
    rest = [
        finding for finding in ordered if not (finding.priority <= HIGH_PRIORITY or finding.known_variant)
    ]
    return full, rest


def significance_label(significance: str, known: bool) -> str:
    """How a finding's significance is named; one absent from the knowledge base says what that means."""
    if not known:
        return "uncertain significance — no care change can be drawn from it"
    return significance.replace("_", " ")
