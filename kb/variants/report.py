"""A reading's result, AnnotationReport, and how it is written out: JSON, TSV and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import orjson

from kb.genome import Build
from kb.variants.findings import Finding
from kb.variants.interpret import interpret_findings, summary_counts
from kb.variants.priority import PRIORITY_RULE

__all__ = ["FINDING_FIELDS", "AnnotationReport", "findings_csv", "findings_tsv", "report_dict", "report_json"]

FINDING_FIELDS = (
    "gene", "node", "chrom", "pos", "ref", "alt", "rsid", "genotype", "zygosity", "phased", "filter",
    "known_variant", "significance", "evidence_level", "effect", "name", "care_grade", "end",
    "effect_allele", "effect_allele_copies", "genotype_meaning",
    "priority", "priority_reason", "category", "location", "transcript", "hgvs_c", "hgvs_p", "consequence",
    "exon_or_intron", "codon", "covers", "isoform_note", "file_source", "file_consequence", "file_hgvs_c",
    "file_hgvs_p", "clinvar_significance", "clinvar_review", "population_frequency", "frequency_source",
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
    # The VCF's ## lines, for reading its INFO annotations (VEP, snpEff, ClinVar, frequencies) of findings.
    info_meta: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        # Every report is interpreted once, whatever made it: location, consequence, priority and counts.
        if any(not finding.category for finding in self.findings):
            fresh = interpret_findings(
                [f for f in self.findings if not f.category], self.build, self.info_meta
            )
            done = iter(fresh)
            self.findings = [finding if finding.category else next(done) for finding in self.findings]
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """Recount the findings by location, priority and category (after findings were added or merged)."""
        self.summary.update(summary_counts(self.findings))
        self.summary["priority_rule"] = PRIORITY_RULE

    def by_priority(self) -> list[Finding]:
        """The findings, the ones to look at first first (then by position)."""
        return sorted(self.findings, key=lambda finding: finding.priority)

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
        # Read from each finding's dict: a genome has thousands of findings with some 40 fields each.
        "findings": [
            {key: values[key] for key in FINDING_FIELDS} for values in (f.__dict__ for f in report.findings)
        ],
        "summary": report.summary,
    }


def report_json(report: AnnotationReport) -> str:
    """The report as one JSON object (compact, UTF-8 text: a genome can hold many findings, and orjson
    writes them several times faster than the standard library)."""
    return orjson.dumps(report_dict(report)).decode() + "\n"


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


def _keys(finding: Finding) -> list[tuple]:
    """What makes two findings the same variant: position and alleles, the curated entry, or the rsID."""
    keys: list[tuple] = [("position", finding.gene, finding.chrom, finding.pos, finding.ref, finding.alt)]
    if finding.known_variant:
        keys.append(("curated", finding.known_variant))
    if finding.rsid:
        keys.append(("rsid", finding.gene, finding.rsid, finding.alt))
    return keys


def merge_findings(findings: list[Finding]) -> tuple[list[Finding], int]:
    """The findings with duplicates merged (the same variant by position, curated entry or rsID), and how many
    were merged. A duplicate that knows the genotype replaces one typed without it."""
    kept: list[Finding] = []
    seen: dict[tuple, int] = {}
    merged = 0
    for finding in findings:
        slot = next((seen[key] for key in _keys(finding) if key in seen), None)
        if slot is None:
            seen.update({key: len(kept) for key in _keys(finding)})
            kept.append(finding)
            continue
        merged += 1
        if kept[slot].genotype == "not given" and finding.genotype != "not given":
            kept[slot] = finding
        seen.update({key: slot for key in _keys(finding)})
    return kept, merged


def merge_reports(base: AnnotationReport | None, added: AnnotationReport) -> AnnotationReport:
    """`added` joined to the findings already held (`base`), duplicates merged, counts recomputed once."""
    if base is None:
        findings, merged = merge_findings(added.findings)
        warnings = list(added.warnings)
        result = AnnotationReport(
            **{**added.__dict__, "findings": findings, "warnings": warnings, "summary": dict(added.summary)}
        )
    else:
        findings, merged = merge_findings(base.findings + added.findings)
        result = AnnotationReport(
            **{
                **base.__dict__,
                "findings": findings,
                "warnings": base.warnings + added.warnings,
                "records_read": base.records_read + added.records_read,
                "file_format": base.file_format
                if added.file_format == base.file_format
                else f"{base.file_format} + {added.file_format}",
                "summary": dict(base.summary),
            }
        )
    if merged:
        result.warnings.append(f"{merged} duplicate entr{'y was' if merged == 1 else 'ies were'} merged.")
    return result
