"""What the matcher needs of the knowledge base: curated alleles by position and rsID, and gene -> node.

Read straight from kb/data (validated by `python -m kb validate` and the test suite) without building the
schema, so that annotating a genome does not wait for it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kb.genome import Build
from kb.loader import raw_data
from kb.variants.calls import VariantCall
from kb.vocabulary import strongest_grade

__all__ = ["CuratedAllele", "MatchData", "match_data", "primary_node"]


def primary_node(symbol: str, nodes_of_gene: dict[str, list[str]]) -> str | None:
    """The node a gene's findings are drawn on: its own node, else the first complex that lists it."""
    nodes = nodes_of_gene.get(symbol, [])
    if symbol in nodes:
        return symbol
    return nodes[0] if nodes else None


@dataclass(frozen=True, slots=True)
class CuratedAllele:
    """A curated variant as the matcher sees it (the full entry lives in the knowledge base)."""

    id: str
    gene: str
    name: str
    rsid: str | None
    significance: str
    evidence_level: str
    effect: str
    care_grade: str
    grch37: tuple[str, int, str, str]
    grch38: tuple[str, int, str, str]

    def on(self, build: Build) -> tuple[str, int, str, str]:
        """(CHROM, POS, REF, ALT) on `build`."""
        return self.grch37 if build == "GRCh37" else self.grch38


@dataclass(frozen=True)
class MatchData:
    """Lookups for matching calls to curated variants and genes to nodes."""

    by_position: dict[tuple[Build, str, int, str, str], CuratedAllele]
    by_rsid: dict[str, CuratedAllele]
    nodes_of_gene: dict[str, list[str]]

    def node_of(self, gene: str) -> str:
        """The node a gene's findings are drawn on."""
        return primary_node(gene, self.nodes_of_gene) or gene

    def curated_for(self, call: VariantCall, build: Build) -> CuratedAllele | None:
        """The curated variant a call is: same position and alleles, or same rsID and alleles."""
        found = self.by_position.get((build, call.chrom, call.pos, call.ref, call.alt))
        if found is None and call.rsid:
            candidate = self.by_rsid.get(call.rsid)
            if candidate is not None and candidate.on(build)[2:] == (call.ref, call.alt):
                found = candidate
        return found


_BUILD_FIELDS: tuple[tuple[Build, str], ...] = (("GRCh37", "grch37"), ("GRCh38", "grch38"))


@functools.cache
def match_data() -> MatchData:
    """The project's match data, read once per process."""
    variants = raw_data("variants.json")
    nodes = raw_data("nodes.json")
    by_position: dict[tuple[Build, str, int, str, str], CuratedAllele] = {}
    by_rsid: dict[str, CuratedAllele] = {}
    for entry in variants:
        positions = {
            build: (entry[field]["chrom"], entry[field]["pos"], entry[field]["ref"], entry[field]["alt"])
            for build, field in _BUILD_FIELDS
        }
        allele = CuratedAllele(
            id=entry["id"],
            gene=entry["gene"],
            name=entry["name"],
            rsid=entry.get("rsid"),
            significance=entry["significance"],
            evidence_level=entry["evidence_level"],
            effect=entry["effect"],
            care_grade=strongest_grade(implication["grade"] for implication in entry.get("implications", [])),
            grch37=positions["GRCh37"],
            grch38=positions["GRCh38"],
        )
        for build, position in positions.items():
            by_position[(build, *position)] = allele
        if allele.rsid:
            by_rsid[allele.rsid] = allele
    nodes_of_gene: dict[str, list[str]] = {}
    for node in nodes:
        for symbol in node.get("genes", []):
            nodes_of_gene.setdefault(symbol, []).append(node["id"])
    return MatchData(by_position=by_position, by_rsid=by_rsid, nodes_of_gene=nodes_of_gene)
