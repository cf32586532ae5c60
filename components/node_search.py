"""One search box that finds a node by symbol, alias, name or plain words and selects it."""

from __future__ import annotations

import streamlit as st

from components.pathway_map import select_node
from kb.index import KnowledgeIndex
from kb.search import find_nodes

__all__ = ["SEARCH_KEY", "node_search"]

SEARCH_KEY = "pathway_search"
MATCHES_KEY = "pathway_search_matches"


def _on_search(index: KnowledgeIndex) -> None:
    query = st.session_state.get(SEARCH_KEY, "")
    matches = find_nodes(index, query)
    st.session_state[MATCHES_KEY] = (query, matches)
    if matches:
        select_node(matches[0])


def node_search(index: KnowledgeIndex) -> None:
    """The search box; Enter selects the best match, other matches are offered as buttons."""
    st.text_input(
        "Find a molecule, cause or outcome",
        key=SEARCH_KEY,
        placeholder="e.g. AKT2, AS160, glucose transporter, inflammation — then press Enter",
        on_change=_on_search,
        args=(index,),
    )
    query, matches = st.session_state.get(MATCHES_KEY, ("", []))
    if query and not matches:
        st.warning(
            "Nothing in the pathway matches that. Try a gene symbol (INSR), a name (GLUT4) or a word (fat)."
        )
    elif len(matches) > 1:
        columns = st.columns(min(len(matches) - 1, 5))
        for column, node_id in zip(columns, matches[1:6], strict=False):
            with column:
                if st.button(index.nodes[node_id].short_label, key=f"pathway_match_{node_id}"):
                    select_node(node_id)
                    st.rerun()
