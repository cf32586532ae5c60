"""Lookups over the knowledge base, built once: node by id, gene by symbol, variants by rsID and position."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.loader import load_knowledge_base
from kb.variants.curated import primary_node

if TYPE_CHECKING:
    from kb.schema import Edge, Gene, KnowledgeBase, Node, Reference, Variant

__all__ = ["KnowledgeIndex", "index_of", "knowledge_index"]


@dataclass(frozen=True)
class KnowledgeIndex:
    """The knowledge base with the lookups every feature needs."""

    kb: KnowledgeBase
    nodes: dict[str, Node]
    genes: dict[str, Gene]
    references: dict[str, Reference]
    variants: dict[str, Variant]
    nodes_of_gene: dict[str, list[str]]
    variants_of_gene: dict[str, list[Variant]]
    variants_by_rsid: dict[str, Variant]
    edges_in: dict[str, list[Edge]]
    edges_out: dict[str, list[Edge]]

    def primary_node_of_gene(self, symbol: str) -> str | None:
        """The node a gene's findings are drawn on: its own node, else the first complex that lists it."""
        return primary_node(symbol, self.nodes_of_gene)


def index_of(kb: KnowledgeBase) -> KnowledgeIndex:
    """Build the lookups for `kb`."""
    nodes_of_gene: dict[str, list[str]] = defaultdict(list)
    for node in kb.nodes:
        for symbol in node.genes:
            nodes_of_gene[symbol].append(node.id)
    variants_of_gene: dict[str, list[Variant]] = defaultdict(list)
    for variant in kb.variants:
        variants_of_gene[variant.gene].append(variant)
    edges_in: dict[str, list[Edge]] = defaultdict(list)
    edges_out: dict[str, list[Edge]] = defaultdict(list)
    for edge in kb.edges:
        edges_out[edge.source].append(edge)
        edges_in[edge.target].append(edge)
    return KnowledgeIndex(
        kb=kb,
        nodes={node.id: node for node in kb.nodes},
        genes={gene.symbol: gene for gene in kb.genes},
        references={reference.id: reference for reference in kb.references},
        variants={variant.id: variant for variant in kb.variants},
        nodes_of_gene=dict(nodes_of_gene),
        variants_of_gene=dict(variants_of_gene),
        variants_by_rsid={variant.rsid: variant for variant in kb.variants if variant.rsid},
        edges_in=dict(edges_in),
        edges_out=dict(edges_out),
    )


@functools.cache
def knowledge_index() -> KnowledgeIndex:
    """Lookups over the project's knowledge base, built once per process."""
    return index_of(load_knowledge_base())
