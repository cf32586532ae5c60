"""Matching a person's calls to pathway genes and curated variants: one Finding per gene and allele."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING

from kb.genome import Build
from kb.variants.calls import VariantCall, span_of
from kb.variants.curated import effect_allele_copies, genotype_meaning, match_data
from kb.variants.options import CLI_OPTIONS, OptionNames
from kb.variants.regions import gene_regions
from kb.vocabulary import strongest_grade

if TYPE_CHECKING:
    from kb.variants.curated import AnyVariant

__all__ = ["Finding", "finding_from", "finding_of", "match_calls"]


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
    # The last position a structural variant reaches (INFO END or POS + |SVLEN|); None for other variants.
    end: int | None = None
    # For a curated variant: the allele its evidence is about, how many copies of it the genotype holds
    # (None when the genotype does not say), and what that means for this person.
    effect_allele: str | None = None
    effect_allele_copies: int | None = None
    genotype_meaning: str | None = None

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


_DEFAULTS = {entry.name: entry.default for entry in fields(Finding) if entry.default is not MISSING}


def finding_from(base: Finding | None = None, **values: object) -> Finding:
    """A Finding with `values`, the other fields taken from `base` (or their defaults), as
    dataclasses.replace would make it. A genome gives thousands of findings, and the frozen __init__ sets each
    of some fifty fields through object.__setattr__; filling the instance's dict at once is several times
    faster."""
    made = object.__new__(Finding)
    made.__dict__.update(_DEFAULTS if base is None else base.__dict__)
    made.__dict__.update(values)
    return made


def finding_of(call: VariantCall, gene: str, curated: AnyVariant | None) -> Finding:
    """The finding for one call in `gene`; with a curated variant, what the person's own genotype means.

    A genotype without the effect allele keeps the curated entry's name but not its significance or effect:
    what is reported for the effect allele does not apply to it ('not_carried').
    """
    copies = effect_allele_copies(curated, call.zygosity) if curated else None
    carried = copies != 0
    return finding_from(
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
        significance=(curated.significance if carried else "not_carried") if curated else "uncertain",
        evidence_level=curated.evidence_level if curated else None,
        effect=curated.effect if curated and carried else None,
        name=f"{curated.gene} {curated.name}" if curated else None,
        care_grade=strongest_grade(i.grade for i in curated.implications)
        if curated and carried
        else "no_evidence",
        end=call.end,
        effect_allele=curated.effect_allele if curated else None,
        effect_allele_copies=copies,
        genotype_meaning=genotype_meaning(curated, copies) if curated else None,
        info=call.info,
        alt_number=call.alt_number,
    )


def match_calls(
    calls: list[VariantCall], build: Build, include_filtered: bool, options: OptionNames = CLI_OPTIONS
) -> tuple[list[Finding], list[str]]:
    """Findings for calls overlapping pathway genes on `build` (a structural variant: every gene its span
    reaches), with warnings about what was left out."""
    curation = match_data()
    regions = gene_regions(build)
    findings: list[Finding] = []
    filtered = outside = 0
    for call in calls:
        if call.filter not in ("PASS", ".", "") and not include_filtered:
            filtered += 1
            continue
        genes = regions.genes_overlapping(call.chrom, *span_of(call))
        if not genes:
            outside += 1
            continue
        curated = curation.curated_for(call, build)
        findings.extend(finding_of(call, gene, curated) for gene in genes)
    warnings = []
    if filtered:
        warnings.append(
            f"{filtered} variant(s) in pathway genes failed the file's FILTER and are left out; "
            f"{options.include_filtered} shows them."
        )
    if outside:
        warnings.append(f"{outside} typed position(s) lie outside every pathway gene on {build}.")
    findings.sort(key=lambda finding: (_chrom_order(finding.chrom), finding.pos, finding.alt, finding.gene))
    return findings, warnings


def _chrom_order(chrom: str) -> tuple[int, str]:
    return (int(chrom), "") if chrom.isdigit() else (100, chrom)
