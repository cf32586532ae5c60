"""A reading's result, AnnotationReport, and how it is written out: JSON, TSV and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from kb.genome import Build
from kb.variants.findings import Finding

__all__ = ["FINDING_FIELDS", "AnnotationReport", "findings_csv", "findings_tsv", "report_dict", "report_json"]

FINDING_FIELDS = (
    "gene", "node", "chrom", "pos", "ref", "alt", "rsid", "genotype", "zygosity", "phased", "filter",
    "known_variant", "significance", "evidence_level", "effect", "name", "care_grade", "end",
    "effect_allele", "effect_allele_copies", "genotype_meaning",
)  # fmt: skip


@dataclass
class AnnotationReport:
    """Everything a reading produced; `findings` is what the overlay and the table show.

    `build_source` is one of kb.variants.build.BUILD_SOURCES: the signal that decided the build, `chosen`,
    or, with `build_decided` False, `assumed` or `conflicting`; `build_evidence` says what each signal said.
    """

    build: Build
    build_source: str
    sample: str | None
    records_read: int
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    file_format: str = "VCF"
    summary: dict = field(default_factory=dict)
    build_decided: bool = True
    build_evidence: list[str] = field(default_factory=list)

    def findings_by_node(self) -> dict[str, list[Finding]]:
        """Node id -> the findings drawn on it."""
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.node, []).append(finding)
        return grouped


def report_dict(report: AnnotationReport) -> dict:
    """The report as plain data, in the shape DESIGN.md fixes for `annotate --format json`."""
    return {
        "build": report.build,
        "build_source": report.build_source,
        "build_decided": report.build_decided,
        "build_evidence": report.build_evidence,
        "sample": report.sample,
        "samples": report.samples,
        "file_format": report.file_format,
        "records_read": report.records_read,
        "warnings": report.warnings,
        "findings": [{key: getattr(finding, key) for key in FINDING_FIELDS} for finding in report.findings],
        "summary": report.summary,
    }


def report_json(report: AnnotationReport) -> str:
    """The report as one JSON object (compact: a genome can hold many findings)."""
    return json.dumps(report_dict(report), separators=(",", ":")) + "\n"


def _cell(value: object) -> str:
    """A table cell; text that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and text.strip("-")):
        return "'" + text
    return text


def _table(report: AnnotationReport, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(FINDING_FIELDS)
    for finding in report.findings:
        writer.writerow([_cell(getattr(finding, key)) for key in FINDING_FIELDS])
    return buffer.getvalue()


def findings_tsv(report: AnnotationReport) -> str:
    """Findings as tab-separated values with a header row."""
    return _table(report, "\t")


def findings_csv(report: AnnotationReport) -> str:
    """Findings as comma-separated values with a header row."""
    return _table(report, ",")
