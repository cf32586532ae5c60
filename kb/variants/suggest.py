"""'Did you mean …?' for typed entries that nearly name something the knowledge base knows."""

from __future__ import annotations

import difflib

from kb.index import KnowledgeIndex

__all__ = ["did_you_mean"]


def _closest(word: str, choices: dict[str, str], cutoff: float) -> str | None:
    """The choice whose key is nearest `word` (case-insensitive), or None when none is near enough."""
    found = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=cutoff)
    return choices[found[0]] if found else None


def did_you_mean(index: KnowledgeIndex, token: str) -> str | None:
    """A suggestion for a typed token that is not recognised: a curated rsID one or two digits away, a gene
    symbol or alias one letter away, or a curated change of the gene ('Did you mean rs1801282?')."""
    token = token.strip()
    if token.lower().startswith("rs"):
        rsids = {variant.rsid.lower(): variant.rsid for variant in index.kb.variants if variant.rsid}
        found = _closest(token, rsids, 0.8)
        return f"Did you mean {found} ({index.variants_by_rsid[found.lower()].gene})?" if found else None
    first, _, rest = token.replace(":", " ").partition(" ")
    genes = {symbol.lower(): symbol for symbol in index.genes}
    for gene in index.genes.values():
        for alias in gene.aliases:
            genes.setdefault(alias.lower(), gene.symbol)
    symbol = genes.get(first.lower()) or _closest(first, genes, 0.75)
    if symbol is None:
        return None
    if not rest.strip():
        return f"Did you mean {symbol}?" if symbol.lower() != first.lower() else None
    names = {}
    for variant in index.variants_of_gene.get(symbol, []):
        names[variant.name.lower()] = f"{symbol} {variant.name}"
        if variant.hgvs.protein:
            names[variant.hgvs.protein.lower()] = f"{symbol} {variant.hgvs.protein}"
    change = _closest(rest.strip(), names, 0.6)
    if change:
        return f"Did you mean {change}?"
    return f"Did you mean {symbol} …?" if symbol.lower() != first.lower() else None
