"""From a person's variants to findings on the pathway: read, match to gene regions and curated variants.

Data flows one way: input -> reader -> VariantCall records -> matcher -> Finding per gene and allele ->
AnnotationReport. The app and `python -m kb annotate` call the same functions.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kb.calls import VariantCall, zygosity_of
from kb.curated import CuratedAllele, match_data, strongest_grade
from kb.errors import InputError
from kb.genome import BUILDS, Build, normalise_chromosome
from kb.index import KnowledgeIndex, knowledge_index
from kb.readers.consumer import decode_text, detect_consumer_format, read_consumer
from kb.readers.source import ByteSource, Progress
from kb.readers.typed import TypedEntries, parse_typed, read_variant_table
from kb.readers.vcf import VcfScan, scan_indexed_vcf, scan_vcf
from kb.regions import gene_regions

if TYPE_CHECKING:
    from kb.schema import Variant

__all__ = [
    "EVIDENCE_CATEGORIES",
    "SIGNIFICANCE_RANK",
    "NodeEvidence",
    "node_evidence",
    "report_dict",
    "significance_label",
    "AnnotationReport",
    "BuildChoice",
    "Finding",
    "annotate_bytes",
    "annotate_path",
    "annotate_typed",
    "findings_csv",
    "findings_tsv",
    "report_json",
]

BuildChoice = Literal["auto", "GRCh37", "GRCh38"]
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
FINDING_FIELDS = (
    "gene", "node", "chrom", "pos", "ref", "alt", "rsid", "genotype", "zygosity", "phased", "filter",
    "known_variant", "significance", "evidence_level", "effect", "name", "care_grade",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """A variant the person carries in a pathway gene, tied to its node, with what is known of it."""

    gene: str
    node: str
    chrom: str
    pos: int
    ref: str
    alt: str
    rsid: str | None
    genotype: str
    zygosity: str
    phased: bool
    filter: str
    known_variant: str | None
    significance: str
    evidence_level: str | None = None
    effect: str | None = None
    name: str | None = None
    # The strongest evidence grade among the curated variant's care implications; 'no_evidence' for a
    # variant the knowledge base does not curate: no care change can be drawn from it.
    care_grade: str = "no_evidence"


@dataclass
class AnnotationReport:
    """Everything a reading produced; `findings` is what the overlay and the table show."""

    build: Build
    build_source: str
    sample: str | None
    records_read: int
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    file_format: str = "VCF"
    summary: dict = field(default_factory=dict)

    def findings_by_node(self) -> dict[str, list[Finding]]:
        """Node id -> the findings drawn on it."""
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.node, []).append(finding)
        return grouped


def _finding(call: VariantCall, gene: str, curated: CuratedAllele | Variant | None) -> Finding:
    return Finding(
        gene=gene,
        node=match_data().node_of(gene),
        chrom=call.chrom,
        pos=call.pos,
        ref=call.ref,
        alt=call.alt,
        rsid=call.rsid or (curated.rsid if curated else None),
        genotype=call.genotype,
        zygosity=call.zygosity,
        phased=call.phased,
        filter=call.filter,
        known_variant=curated.id if curated else None,
        significance=curated.significance if curated else "uncertain",
        evidence_level=curated.evidence_level if curated else None,
        effect=curated.effect if curated else None,
        name=f"{curated.gene} {curated.name}" if curated else None,
        care_grade=_care_grade(curated),
    )


def _care_grade(curated: CuratedAllele | Variant | None) -> str:
    if curated is None:
        return "no_evidence"
    if isinstance(curated, CuratedAllele):
        return curated.care_grade
    return strongest_grade(implication.grade for implication in curated.implications)


def match_calls(
    calls: list[VariantCall], build: Build, include_filtered: bool
) -> tuple[list[Finding], list[str]]:
    """Findings for calls inside pathway genes on `build`, with warnings about what was left out."""
    curation = match_data()
    regions = gene_regions(build)
    findings: list[Finding] = []
    filtered = outside = 0
    for call in calls:
        if call.filter not in ("PASS", ".", "") and not include_filtered:
            filtered += 1
            continue
        genes = regions.genes_at(call.chrom, call.pos)
        if not genes:
            outside += 1
            continue
        curated = curation.curated_for(call, build)
        findings.extend(_finding(call, gene, curated) for gene in genes)
    warnings = []
    if filtered:
        warnings.append(
            f"{filtered} variant(s) in pathway genes failed the file's FILTER and are left out; include them to see them."
        )
    if outside:
        warnings.append(f"{outside} typed position(s) lie outside every pathway gene on {build}.")
    findings.sort(key=lambda finding: (_chrom_order(finding.chrom), finding.pos, finding.alt, finding.gene))
    return findings, warnings


def _chrom_order(chrom: str) -> tuple[int, str]:
    return (int(chrom), "") if chrom.isdigit() else (100, chrom)


def _choose_build(build: BuildChoice) -> Build | None:
    if build == "auto":
        return None
    if build not in BUILDS:
        raise InputError(f"build {build!r}: choose auto, GRCh37 or GRCh38")
    return build


def _sniff(source: ByteSource) -> str:
    """'vcf', 'consumer' or 'table', or a clear refusal."""
    head = source.head(16384)
    if b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source.name}: this is a binary file, not a VCF or raw-data text file")
    text = decode_text(head)
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith("##fileformat=VCF"):
        return "vcf"
    if re.match(r"(?is)^(<!doctype html|<html|<\?xml|<svg)", stripped):
        raise InputError(f"{source.name}: this is a web page or XML document, not a variant file")
    if detect_consumer_format(text):
        return "consumer"
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("##")), "")
    if first.startswith("#CHROM"):
        raise InputError(f"{source.name}: a VCF must start with ##fileformat=VCFv4.x before #CHROM")
    cells = {cell.strip().strip('"').lower() for cell in re.split(r"[\t,]", first)}
    if cells & {"rsid", "chrom", "chromosome", "gene", "hgvs", "pos", "position"}:
        return "table"
    raise InputError(
        f"{source.name}: not a recognised variant file. Upload a VCF (.vcf or .vcf.gz), a 23andMe, AncestryDNA, "
        "MyHeritage or FamilyTreeDNA raw file, or a CSV/TSV with columns such as rsid or chrom, pos, ref, alt."
    )


def _consumer_report(
    source: ByteSource, build_choice: Build | None, progress: Progress | None
) -> AnnotationReport:
    head_build = read_consumer(source).build
    build = build_choice or head_build or "GRCh37"
    regions = gene_regions(build)
    curation = match_data()
    curated_at = {
        (chrom, pos): allele for (on, chrom, pos, _, _), allele in curation.by_position.items() if on == build
    }
    chromosome_names: dict[str, str] = {}

    def relevant(rsid: str, chrom: str, pos: int) -> bool:
        if rsid in curation.by_rsid:
            return True
        name = chromosome_names.get(chrom) or chromosome_names.setdefault(chrom, normalise_chromosome(chrom))
        return regions.contains(name, pos)

    scan = read_consumer(source, progress, relevant)
    findings: list[Finding] = []
    genotyped: list[dict] = []
    markers: Counter[str] = Counter()
    for row in scan.rows:
        variant = curation.by_rsid.get(row.rsid) or curated_at.get((row.chrom, row.pos))
        if variant is None:
            markers.update(regions.genes_at(row.chrom, row.pos))
            continue
        chrom, pos, ref, alt = variant.on(build)
        zygosity, note = _consumer_zygosity(row.genotype, ref, alt, row.chrom)
        genotyped.append(
            {"known_variant": variant.id, "rsid": row.rsid, "genotype": row.genotype, "zygosity": zygosity}
        )
        if zygosity in ("homozygous_reference",) or row.genotype in ("", "--", "00"):
            continue
        call = VariantCall(chrom, pos, ref, alt, row.rsid, row.genotype, zygosity)
        findings.append(_finding(call, variant.gene, variant))
        if note:
            scan.warnings.append(f"{row.rsid}: {note}")
    scan.warnings.append(
        f"{sum(markers.values())} other marker(s) in pathway genes are genotyped but not curated; consumer arrays "
        "report no REF/ALT and miss rare variants, so they are counted, not interpreted."
    )
    return AnnotationReport(
        build=build,
        build_source="chosen" if build_choice else "file header" if head_build else "assumed",
        sample=None,
        records_read=scan.rows_read,
        findings=findings,
        warnings=scan.warnings,
        file_format=scan.file_format,
        summary={"curated_genotyped": genotyped, "pathway_markers": dict(sorted(markers.items()))},
    )


_COMPLEMENT = str.maketrans("ACGT", "TGCA")


def _consumer_zygosity(genotype: str, ref: str, alt: str, chrom: str) -> tuple[str, str | None]:
    alleles = list(genotype)
    if not alleles or genotype in ("--", "00"):
        return "unknown", "no call"
    note = None
    if not set(alleles) <= {ref, alt}:
        flipped = [allele.translate(_COMPLEMENT) for allele in alleles]
        if set(flipped) <= {ref, alt}:
            alleles, note = flipped, "genotype reported on the opposite strand; read as its complement"
        else:
            return "unknown", f"genotype {genotype} does not match the curated alleles {ref}/{alt}"
    zygosity = zygosity_of(alleles, alt)
    if len(alleles) == 1 and chrom not in ("X", "Y", "MT"):
        zygosity = "unknown"
    return zygosity, note


def _typed_report(
    entries: TypedEntries, build: Build, index: KnowledgeIndex, file_format: str
) -> AnnotationReport:
    calls = []
    for call in entries.calls:
        alleles = re.split(r"[/|]", call.genotype)
        zygosity = call.zygosity
        if all(allele == "." or allele.isdigit() for allele in alleles) and call.genotype != "not given":
            zygosity = zygosity_of(alleles, "1")
        calls.append(
            VariantCall(
                call.chrom,
                call.pos,
                call.ref,
                call.alt,
                call.rsid,
                call.genotype,
                zygosity,
                "|" in call.genotype,
            )
        )
    findings, warnings = match_calls(calls, build, include_filtered=True)
    for variant in entries.curated:
        position = variant.grch37 if build == "GRCh37" else variant.grch38
        call = VariantCall(
            position.chrom, position.pos, position.ref, position.alt, variant.rsid, "not given", "unknown"
        )
        findings.append(_finding(call, variant.gene, variant))
    for gene in entries.genes:
        warnings.append(
            f"{gene} is a pathway gene; open its node to see its curated variants, or type a change."
        )
    return AnnotationReport(
        build=build,
        build_source="chosen",
        sample=None,
        records_read=len(entries.calls) + len(entries.curated) + len(entries.messages),
        findings=findings,
        warnings=entries.messages + warnings,
        file_format=file_format,
    )


def annotate_source(
    source: ByteSource,
    build: BuildChoice = "auto",
    sample: str | None = None,
    include_filtered: bool = False,
    progress: Progress | None = None,
    index: KnowledgeIndex | None = None,
) -> AnnotationReport:
    """Read any supported file and match it."""
    chosen = _choose_build(build)
    kind = _sniff(source)
    if kind == "consumer":
        return _consumer_report(source, chosen, progress)
    if kind == "table":
        text = b"".join(source.chunks()).decode("utf-8-sig", errors="replace")
        index = index or knowledge_index()
        return _typed_report(
            read_variant_table(index, text, source.name), chosen or "GRCh38", index, "variant table"
        )
    scan, resolved, how = scan_vcf(source, gene_regions, chosen, sample, progress)
    return _vcf_report(scan, resolved, how, include_filtered)


def _vcf_report(
    scan: VcfScan, build: Build, build_source: str, include_filtered: bool, warnings: list[str] | None = None
) -> AnnotationReport:
    findings, match_warnings = match_calls(scan.calls, build, include_filtered)
    return AnnotationReport(
        build=build,
        build_source=build_source,
        sample=scan.sample,
        samples=scan.header.samples,
        records_read=scan.records_read,
        findings=findings,
        warnings=(warnings or []) + scan.warnings + match_warnings,
    )


def annotate_bytes(data: bytes, name: str, **options) -> AnnotationReport:
    """Read an upload held in memory."""
    return annotate_source(ByteSource.from_bytes(data, name), **options)


def annotate_path(
    path: str | Path, build: BuildChoice = "auto", sample: str | None = None, include_filtered: bool = False
) -> AnnotationReport:
    """Read a file on disk; a bgzip VCF with a tabix index beside it is read through the index."""
    path = Path(path)
    index_file = next(
        (candidate for candidate in (Path(f"{path}.tbi"), Path(f"{path}.csi")) if candidate.exists()), None
    )
    if index_file is not None and path.name.endswith(".gz"):
        from kb.readers.vcf import resolve_build

        header_scan = scan_indexed_vcf(path, gene_regions("GRCh38"), sample)
        resolved, how, warnings = resolve_build(header_scan.header, _choose_build(build), path.name)
        scan = header_scan if resolved == "GRCh38" else scan_indexed_vcf(path, gene_regions(resolved), sample)
        return _vcf_report(scan, resolved, how, include_filtered, warnings)
    return annotate_source(ByteSource.from_path(path), build, sample, include_filtered)


def annotate_typed(
    text: str, build: Build = "GRCh38", index: KnowledgeIndex | None = None
) -> AnnotationReport:
    """Place typed variants (rsIDs, GENE p.Change, HGVS, chr:pos:ref:alt) on the pathway."""
    index = index or knowledge_index()
    return _typed_report(parse_typed(index, text), build, index, "typed entry")


def report_dict(report: AnnotationReport) -> dict:
    """The report as plain data, in the shape DESIGN.md fixes for `annotate --format json`."""
    return {
        "build": report.build,
        "build_source": report.build_source,
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
