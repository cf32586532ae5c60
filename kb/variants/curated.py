"""What the matcher needs of the knowledge base: curated variants by position and rsID, gene -> node, and
what a person's own genotype at a curated variant means.

Curated variants are read straight from kb/data into the plain records that kb/variants/records.py
generates from the schema (validated by `python -m kb validate` and the test suite), so that annotating a
genome does not wait for pydantic to build the schema. The same functions take the schema's `Variant`,
whose fields are the same.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.genome import Build
from kb.loader import raw_data
from kb.variants.calls import VariantCall, Zygosity
from kb.variants.records import Variant as CuratedVariant

if TYPE_CHECKING:
    from kb import schema

    AnyVariant = CuratedVariant | schema.Variant

__all__ = [
    "CuratedVariant",
    "MatchData",
    "effect_allele_copies",
    "genotype_meaning",
    "match_data",
    "position_on",
    "primary_node",
    "reports_reference_genotype",
]


def primary_node(symbol: str, nodes_of_gene: dict[str, list[str]]) -> str | None:
    """The node a gene's findings are drawn on: its own node, else the first complex that lists it."""
    nodes = nodes_of_gene.get(symbol, [])
    if symbol in nodes:
        return symbol
    return nodes[0] if nodes else None


def position_on(variant: AnyVariant, build: Build) -> tuple[str, int, str, str]:
    """(CHROM, POS, REF, ALT) of a curated variant on `build`."""
    position = variant.grch37 if build == "GRCh37" else variant.grch38
    return position.chrom, position.pos, position.ref, position.alt


def effect_allele_copies(variant: AnyVariant, zygosity: Zygosity) -> int | None:
    """How many copies of the variant's effect allele a genotype of `zygosity` (for its ALT) holds."""
    alt_copies = {"heterozygous": 1, "homozygous_alternate": 2, "hemizygous": 1, "homozygous_reference": 0}
    if zygosity not in alt_copies:
        return None
    copies = alt_copies[zygosity]
    if variant.effect_allele == variant.grch38.alt:
        return copies
    return (1 if zygosity == "hemizygous" else 2) - copies


def reports_reference_genotype(variant: AnyVariant) -> bool:
    """Whether two copies of the reference allele say something: the reference carries the effect, or the
    variant is a common association signal where not carrying the effect allele is itself informative."""
    return variant.effect_allele == variant.grch38.ref or variant.effect in ("risk", "protective")


_DIRECTION = {"risk": "higher risk", "protective": "lower risk"}


def genotype_meaning(variant: AnyVariant, copies: int | None) -> str:
    """What a genotype holding `copies` of the effect allele means, in the words of the curated entry."""
    allele, other = variant.effect_allele_name, variant.other_allele_name
    reported = _DIRECTION.get(variant.effect, "the effect described")
    if copies is None:
        return f"The genotype as written does not say how many copies of {allele} it holds."
    if copies == 0:
        return (
            f"No copy of {allele}: both copies are {other}. What is reported for {allele} ({reported}) is about "
            f"people who carry it, so it does not apply to this genotype."
        )
    count = "One copy" if copies == 1 else "Two copies"
    per_inheritance = {
        ("dominant", 1): "one copy is enough for the effect described.",
        ("dominant", 2): "rarely seen; at least the effect of one copy is expected.",
        ("recessive", 1): "a carrier; the effect described is seen mainly with two copies.",
        ("recessive", 2): "the genotype in which the effect described is seen.",
        (
            "per_allele",
            1,
        ): f"studies report a small shift per copy ({reported}), so one copy carries part of it.",
        ("per_allele", 2): f"studies report a small shift per copy ({reported}); two copies carry the most.",
    }
    explanation = per_inheritance.get(
        (variant.inheritance, copies), "how one and two copies differ has not been established."
    )
    return f"{count} of {allele}: {explanation}"


@dataclass(frozen=True)
class MatchData:
    """Lookups for matching calls to curated variants and genes to nodes."""

    by_position: dict[tuple[Build, str, int, str, str], CuratedVariant]
    by_rsid: dict[str, CuratedVariant]
    nodes_of_gene: dict[str, list[str]]

    def node_of(self, gene: str) -> str:
        """The node a gene's findings are drawn on."""
        return primary_node(gene, self.nodes_of_gene) or gene

    def curated_for(self, call: VariantCall, build: Build) -> CuratedVariant | None:
        """The curated variant a call is: same position and alleles, or same rsID and alleles."""
        found = self.by_position.get((build, call.chrom, call.pos, call.ref, call.alt))
        if found is None and call.rsid:
            candidate = self.by_rsid.get(call.rsid)
            if candidate is not None and position_on(candidate, build)[2:] == (call.ref, call.alt):
                found = candidate
        return found


_BUILD_FIELDS: tuple[tuple[Build, str], ...] = (("GRCh37", "grch37"), ("GRCh38", "grch38"))


@functools.cache
def match_data() -> MatchData:
    """The project's match data, read once per process."""
    by_position: dict[tuple[Build, str, int, str, str], CuratedVariant] = {}
    by_rsid: dict[str, CuratedVariant] = {}
    for entry in raw_data("variants.json"):
        variant = CuratedVariant.from_json(entry)
        for build in ("GRCh37", "GRCh38"):
            by_position[(build, *position_on(variant, build))] = variant
        if variant.rsid:
            by_rsid[variant.rsid] = variant
    nodes_of_gene: dict[str, list[str]] = {}
    for node in raw_data("nodes.json"):
        for symbol in node.get("genes", []):
            nodes_of_gene.setdefault(symbol, []).append(node["id"])
    return MatchData(by_position=by_position, by_rsid=by_rsid, nodes_of_gene=nodes_of_gene)
