"""References as formatted citations with PubMed and DOI links."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from components.text import escape_markdown
from kb.index import KnowledgeIndex
from kb.schema import Reference

__all__ = ["citation_markdown", "references_list"]


def citation_markdown(reference: Reference) -> str:
    """One citation as markdown, with its PubMed and DOI links."""
    links = []
    if reference.pmid:
        links.append(f"[PubMed {reference.pmid}](https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/)")
    if reference.doi:
        links.append(f"[doi:{escape_markdown(reference.doi, limit=None)}](https://doi.org/{reference.doi})")
    return f"{escape_markdown(reference.citation, limit=None)} {' · '.join(links)}"


def references_list(index: KnowledgeIndex, reference_ids: Iterable[str]) -> None:
    """A numbered list of the given references."""
    lines = []
    for number, reference_id in enumerate(dict.fromkeys(reference_ids), start=1):
        reference = index.references.get(reference_id)
        if reference is not None:
            lines.append(f"{number}. {citation_markdown(reference)}")
    st.markdown("\n".join(lines))
