"""From a person's variants to findings on the pathway: the entry points the app and the CLI call.

Data flows one way: input -> reader -> VariantCall records -> matcher -> Finding per gene and allele ->
AnnotationReport. The app and `python -m kb annotate` call the same functions.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from kb.genome import Build, normalise_chromosome
from kb.variants.build import (
    SHORTER_END,
    BuildChoice,
    BuildEvidence,
    BuildResolution,
    choose_build,
    resolve_build,
)
from kb.variants.calls import VariantCall, Zygosity, zygosity_of
from kb.variants.curated import match_data, position_on, reports_reference_genotype
from kb.variants.findings import Finding, finding_of, match_calls
from kb.variants.options import CLI_OPTIONS, OptionNames
from kb.variants.regions import gene_regions, overlaps, regions_of_both_builds
from kb.variants.report import AnnotationReport
from kb.variants.sniff import sniff
from kb.variants.source import ByteSource, Progress
from kb.variants.vcf import IndexTrouble, VcfScan, scan_bcf, scan_indexed_vcf, scan_vcf

if TYPE_CHECKING:
    from kb.index import KnowledgeIndex
    from kb.variants.typed import TypedEntries

# The readers of consumer files, typed entries and tables (and the knowledge index they search) are imported
# where they are used: a VCF, the whole-genome case where start-up counts, needs none of them.

__all__ = ["annotate_bytes", "annotate_path", "annotate_source", "annotate_typed"]


def _consumer_report(
    source: ByteSource, build_choice: Build | None, progress: Progress | None, options: OptionNames
) -> AnnotationReport:
    from kb.variants.consumer import read_consumer

    curation = match_data()
    genes = regions_of_both_builds()
    chromosome_names: dict[str, str] = {}
    past_both = [0]

    def relevant(rsid: str, chrom: str, pos: int) -> bool:
        # Every row is looked at for the build (a known marker's rsID, a position past a chromosome end);
        # rows kept are the curated variants and those in a gene region of either build.
        name = chromosome_names.get(chrom) or chromosome_names.setdefault(chrom, normalise_chromosome(chrom))
        evidence.see_rsid(rsid, name, pos)
        if pos > SHORTER_END.get(name, pos) and not evidence.see_position(name, pos, rsid, refuse=False):
            past_both[0] += 1
            return False
        return rsid in curation.by_rsid or overlaps(genes, name, pos, pos)

    scan = read_consumer(source, progress, relevant)
    evidence = BuildEvidence(notes=scan.header_lines)
    rows = list(scan.rows)
    resolution = resolve_build(evidence, build_choice, source.name, "GRCh37", options)
    build = resolution.build
    regions = gene_regions(build)
    curated_at = {
        (chrom, pos): allele for (on, chrom, pos, _, _), allele in curation.by_position.items() if on == build
    }
    findings: list[Finding] = []
    genotyped: list[dict] = []
    markers: Counter[str] = Counter()
    for row in rows:
        variant = curation.by_rsid.get(row.rsid) or curated_at.get((row.chrom, row.pos))
        if variant is None:
            markers.update(regions.genes_at(row.chrom, row.pos))
            continue
        chrom, pos, ref, alt = position_on(variant, build)
        zygosity, note = _consumer_zygosity(row.genotype, ref, alt, row.chrom)
        genotyped.append(
            {"known_variant": variant.id, "rsid": row.rsid, "genotype": row.genotype, "zygosity": zygosity}
        )
        # A consumer file genotypes both alleles, so two reference alleles are reported where they mean
        # something (the reference carries the effect, or a common variant's effect allele is absent).
        if zygosity == "unknown" and row.genotype in ("", "--", "00"):
            continue
        if zygosity == "homozygous_reference" and not reports_reference_genotype(variant):
            continue
        call = VariantCall(chrom, pos, ref, alt, row.rsid, row.genotype, zygosity)
        findings.append(finding_of(call, variant.gene, variant))
        if note:
            scan.warnings.append(f"{row.rsid}: {note}")
    if past_both[0]:
        scan.warnings.append(
            f"{past_both[0]} row(s) give a position past the end of their chromosome on both GRCh37 and GRCh38 "
            "and were skipped."
        )
    scan.warnings.append(
        f"{sum(markers.values())} other marker(s) in pathway genes are genotyped but not curated; consumer arrays "
        "report no REF/ALT and miss rare variants, so they are counted, not interpreted."
    )
    return _report(
        resolution,
        sample=None,
        records_read=scan.rows_read,
        findings=findings,
        warnings=resolution.warnings + scan.warnings,
        file_format=scan.file_format,
        summary={"curated_genotyped": genotyped, "pathway_markers": dict(sorted(markers.items()))},
    )


def _report(resolution: BuildResolution, **fields) -> AnnotationReport:
    """A report carrying the build resolution's account (build, source, decided, evidence)."""
    return AnnotationReport(
        build=resolution.build,
        build_source=resolution.source,
        build_decided=resolution.decided,
        build_evidence=resolution.evidence,
        **fields,
    )


_COMPLEMENT = str.maketrans("ACGT", "TGCA")


def _consumer_zygosity(genotype: str, ref: str, alt: str, chrom: str) -> tuple[Zygosity, str | None]:
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
    zygosity: Zygosity = zygosity_of(alleles, alt)
    if len(alleles) == 1 and chrom not in ("X", "Y", "MT"):
        zygosity = "unknown"
    return zygosity, note


def _typed_report(
    entries: TypedEntries,
    build_choice: Build | None,
    file_format: str,
    name: str,
    default: Build = "GRCh38",
    options: OptionNames = CLI_OPTIONS,
) -> AnnotationReport:
    evidence = BuildEvidence()
    calls = []
    for call in entries.calls:
        evidence.see_position(call.chrom, call.pos, f"{name}: {call.chrom}:{call.pos}")
        evidence.see_marker(call.chrom, call.pos, call.rsid, call.ref, [call.alt])
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
    resolution = resolve_build(evidence, build_choice, name, default, options)
    build = resolution.build
    findings, warnings = match_calls(calls, build, include_filtered=True)
    for variant in entries.curated:
        position = variant.grch37 if build == "GRCh37" else variant.grch38
        call = VariantCall(
            position.chrom, position.pos, position.ref, position.alt, variant.rsid, "not given", "unknown"
        )
        findings.append(finding_of(call, variant.gene, variant))
    for gene in entries.genes:
        warnings.append(
            f"{gene} is a pathway gene; open its node to see its curated variants, or type a change."
        )
    return _report(
        resolution,
        sample=None,
        records_read=len(entries.calls) + len(entries.curated) + len(entries.messages),
        findings=findings,
        warnings=(resolution.warnings if entries.calls else []) + entries.messages + warnings,
        file_format=file_format,
    )


def annotate_source(
    source: ByteSource,
    build: BuildChoice = "auto",
    sample: str | None = None,
    include_filtered: bool = False,
    progress: Progress | None = None,
    index: KnowledgeIndex | None = None,
    options: OptionNames = CLI_OPTIONS,
) -> AnnotationReport:
    """Read any supported file and match it; messages name the options as `options` words them."""
    chosen = choose_build(build)
    kind = sniff(source)
    if kind == "consumer":
        return _consumer_report(source, chosen, progress, options)
    if kind == "table":
        from kb.index import knowledge_index
        from kb.variants.typed import read_variant_table

        text = b"".join(source.chunks()).decode("utf-8-sig", errors="replace")
        index = index or knowledge_index()
        entries = read_variant_table(index, text, source.name)
        return _typed_report(entries, chosen, "variant table", source.name, options=options)
    if kind == "bcf":
        return _vcf_report(scan_bcf(source, chosen, sample, options), include_filtered, options, "BCF")
    return _vcf_report(scan_vcf(source, chosen, sample, progress, options), include_filtered, options)


def _reference_effect_note(findings: list[Finding]) -> list[str]:
    """A VCF rarely lists where a genome equals the reference, so a reference effect allele goes unseen."""
    seen = {finding.known_variant for finding in findings}
    curated = {variant.id: variant for variant in match_data().by_position.values()}
    unseen = [
        f"{variant.gene} {variant.effect_allele_name}"
        for variant_id, variant in sorted(curated.items())
        if variant.effect_allele == variant.grch38.ref and variant_id not in seen
    ]
    if not unseen:
        return []
    return [
        "A VCF lists only where a genome differs from the reference. For these curated variants the reference "
        f"allele is the one with the reported effect: {', '.join(unseen)}. A position missing from this file "
        "usually means two copies of it, but a VCF cannot tell that from a position that was not sequenced, "
        "so they are not reported."
    ]


def _vcf_report(
    scan: VcfScan, include_filtered: bool, options: OptionNames, file_format: str = "VCF"
) -> AnnotationReport:
    findings, match_warnings = match_calls(scan.calls, scan.resolution.build, include_filtered, options)
    match_warnings += _reference_effect_note(findings)
    return _report(
        scan.resolution,
        sample=scan.sample,
        samples=scan.header.samples,
        records_read=scan.records_read,
        findings=findings,
        warnings=scan.warnings + match_warnings,
        file_format=file_format,
        info_meta=scan.header.meta,
    )


def annotate_bytes(data: bytes, name: str, **options) -> AnnotationReport:
    """Read an upload held in memory."""
    return annotate_source(ByteSource.from_bytes(data, name), **options)


def annotate_path(
    path: str | Path,
    build: BuildChoice = "auto",
    sample: str | None = None,
    include_filtered: bool = False,
    options: OptionNames = CLI_OPTIONS,
) -> AnnotationReport:
    """Read a file on disk; a bgzip VCF with a .tbi or .csi index beside it is read through the index, and
    any trouble with the index (stale, unreadable, beside a plain gzip file) falls back to a full read."""
    path = Path(path)
    source = ByteSource.from_path(path)
    chosen = choose_build(build)
    if sniff(source) == "bcf":
        # htslib opens the file itself (and its index); a BCF gzipped once more is read through a copy.
        target = source if source.head(2) == b"\x1f\x8b" else path
        return _vcf_report(scan_bcf(target, chosen, sample, options), include_filtered, options, "BCF")
    index_file = next(
        (candidate for candidate in (Path(f"{path}.tbi"), Path(f"{path}.csi")) if candidate.exists()), None
    )
    if index_file is None or not path.name.endswith(".gz"):
        return annotate_source(source, build, sample, include_filtered, options=options)
    try:
        return _vcf_report(
            scan_indexed_vcf(path, index_file, chosen, sample, options), include_filtered, options
        )
    except IndexTrouble as trouble:
        report = annotate_source(source, build, sample, include_filtered, options=options)
        report.warnings.insert(0, f"{path.name}: {trouble}; the whole file was read instead.")
        return report


def annotate_typed(
    text: str, build: Build = "GRCh38", index: KnowledgeIndex | None = None
) -> AnnotationReport:
    """Place typed variants (rsIDs, GENE p.Change, HGVS, chr:pos:ref:alt) on the pathway, on `build`."""
    from kb.index import knowledge_index
    from kb.variants.typed import parse_typed

    index = index or knowledge_index()
    return _typed_report(parse_typed(index, text), build, "typed entry", "typed entry")
