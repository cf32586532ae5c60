"""From a person's variants to findings on the pathway: the entry points the app and the CLI call.

Data flows one way: input -> reader -> VariantCall records -> matcher -> Finding per gene and allele ->
AnnotationReport. The app and `python -m kb annotate` call the same functions.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from kb.genome import Build, normalise_chromosome
from kb.index import KnowledgeIndex, knowledge_index
from kb.variants.build import BuildChoice, choose_build, resolve_build
from kb.variants.calls import VariantCall, zygosity_of
from kb.variants.consumer import read_consumer
from kb.variants.curated import match_data
from kb.variants.findings import Finding, finding_of, match_calls
from kb.variants.regions import gene_regions
from kb.variants.report import AnnotationReport
from kb.variants.sniff import sniff
from kb.variants.source import ByteSource, Progress
from kb.variants.typed import TypedEntries, parse_typed, read_variant_table
from kb.variants.vcf import VcfScan, scan_indexed_vcf, scan_vcf

__all__ = ["annotate_bytes", "annotate_path", "annotate_source", "annotate_typed"]


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
        findings.append(finding_of(call, variant.gene, variant))
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
        findings.append(finding_of(call, variant.gene, variant))
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
    chosen = choose_build(build)
    kind = sniff(source)
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
        info_meta=scan.header.meta,
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
        header_scan = scan_indexed_vcf(path, gene_regions("GRCh38"), sample)
        resolved, how, warnings = resolve_build(header_scan.header, choose_build(build), path.name)
        scan = header_scan if resolved == "GRCh38" else scan_indexed_vcf(path, gene_regions(resolved), sample)
        return _vcf_report(scan, resolved, how, include_filtered, warnings)
    return annotate_source(ByteSource.from_path(path), build, sample, include_filtered)


def annotate_typed(
    text: str, build: Build = "GRCh38", index: KnowledgeIndex | None = None
) -> AnnotationReport:
    """Place typed variants (rsIDs, GENE p.Change, HGVS, chr:pos:ref:alt) on the pathway."""
    index = index or knowledge_index()
    return _typed_report(parse_typed(index, text), build, index, "typed entry")
