"""Find pathway nodes by symbol, alias, name or plain words ("glucose transporter" finds SLC2A4)."""

from __future__ import annotations

import re

from kb.index import KnowledgeIndex

__all__ = ["find_nodes"]

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _fields(index: KnowledgeIndex, node_id: str) -> tuple[list[str], list[str], str]:
    """Names (exact-match candidates), name words, and the descriptive text of a node."""
    node = index.nodes[node_id]
    names = [node.id, node.label, *node.aliases]
    for symbol in node.genes:
        gene = index.genes.get(symbol)
        names.append(symbol)
        if gene is not None:
            names.extend([gene.name, *gene.aliases])
    description = " ".join([node.summary, node.explanations.student])
    return names, [word for name in names for word in _words(name)], description


def find_nodes(index: KnowledgeIndex, query: str, limit: int = 8) -> list[str]:
    """Node ids that match `query`, best first: exact names, then name words, then descriptions."""
    query = query.strip()
    wanted = _words(query)
    if not wanted:
        return []
    scored: list[tuple[float, str]] = []
    for node_id in index.nodes:
        names, name_words, description = _fields(index, node_id)
        lowered = {name.lower() for name in names}
        score = 0.0
        if query.lower() in lowered:
            score += 100
        name_hits = sum(1 for word in wanted if any(candidate.startswith(word) for candidate in name_words))
        score += 10 * name_hits
        if all(word in " ".join(name.lower() for name in names) for word in wanted):
            score += 20
        description_words = set(_words(description))
        score += sum(1 for word in wanted if word in description_words)
        if score > 0:
            scored.append((score, node_id))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [node_id for _, node_id in scored[:limit]]
