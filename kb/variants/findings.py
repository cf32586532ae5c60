"""Matching a person's calls to pathway genes and curated variants: one Finding per gene and allele."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kb.genome import Build
from kb.variants.calls import VariantCall
from kb.variants.curated import CuratedAllele, match_data, strongest_grade
from kb.variants.regions import gene_regions

if TYPE_CHECKING:
    from kb.schema import Variant

__all__ = ["Finding", "finding_of", "match_calls"]


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
    # Filled by kb.variants.interpret: where the variant lies on the gene's MANE Select transcript, what it
    # does, what the file's own annotation says, and how soon to look at it (1 = first).
    location: str | None = None
    transcript: str | None = None
    hgvs_c: str | None = None
    hgvs_p: str | None = None
    consequence: str | None = None
    exon_or_intron: str | None = None
    codon: int | None = None
    covers: str | None = None
    isoform_note: str | None = None
    priority: int = 7
    priority_reason: str = ""
    category: str = ""
    file_source: str | None = None
    file_consequence: str | None = None
    file_hgvs_c: str | None = None
    file_hgvs_p: str | None = None
    clinvar_significance: str | None = None
    clinvar_review: str | None = None
    population_frequency: float | None = None
    frequency_source: str | None = None
    info: str = field(default="", repr=False, compare=False)
    alt_number: int = field(default=1, repr=False, compare=False)


def finding_of(call: VariantCall, gene: str, curated: CuratedAllele | Variant | None) -> Finding:
    """The finding a call makes in `gene`, with the curated entry it matches (if any)."""
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
        info=call.info,
        alt_number=call.alt_number,
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
        findings.extend(finding_of(call, gene, curated) for gene in genes)
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
