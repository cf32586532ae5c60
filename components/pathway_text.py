"""A text alternative of the map: the pathway as ordered, readable steps."""

from __future__ import annotations

import streamlit as st

from kb.graph import pathway_steps
from kb.index import KnowledgeIndex

__all__ = ["pathway_text", "pathway_text_markdown"]


def pathway_text_markdown(index: KnowledgeIndex) -> str:
    """The whole pathway as markdown: a numbered list of steps under four headings."""
    parts = []
    for title, edges in pathway_steps(index.kb):
        parts.append(f"#### {title}")
        for number, edge in enumerate(edges, start=1):
            source = index.nodes[edge.source].label
            target = index.nodes[edge.target].label
            parts.append(f"{number}. **{source}** {edge.sign} **{target}**: {edge.mechanism}.")
    return "\n".join(parts)


def pathway_text(index: KnowledgeIndex) -> None:
    """Render the text version of the pathway."""
    st.markdown(pathway_text_markdown(index))
