"""Two ways to a node without the mouse: a search box (symbol, alias, name or plain words) and a list to
choose from with the arrow keys."""

from __future__ import annotations

import streamlit as st

from components.pathway_map import select_node
from kb.index import KnowledgeIndex
from kb.search import find_nodes

__all__ = ["PICKER_KEY", "SEARCH_KEY", "node_picker", "node_search"]

SEARCH_KEY = "pathway_search"
MATCHES_KEY = "pathway_search_matches"
PICKER_KEY = "pathway_goto"


def _on_search(index: KnowledgeIndex) -> None:
    query = st.session_state.get(SEARCH_KEY, "").strip()
    if not query:
        st.session_state.pop(MATCHES_KEY, None)
        return
    matches = find_nodes(index, query)
    st.session_state[MATCHES_KEY] = (query, matches)
    if matches:
        select_node(matches[0])


def node_search(index: KnowledgeIndex) -> None:
    """The search box; Enter selects the best match, other matches are offered as buttons.

    The buttons belong to the text in the box: once it is emptied or changed, they go.
    """
    st.text_input(
        "Find a molecule, cause or outcome",
        key=SEARCH_KEY,
        placeholder="e.g. AKT2, AS160, glucose transporter, inflammation — then press Enter",
        on_change=_on_search,
        args=(index,),
    )
    query, matches = st.session_state.get(MATCHES_KEY, ("", []))
    if query != st.session_state.get(SEARCH_KEY, "").strip():
        return
    if query and not matches:
        st.warning(
            "Nothing in the pathway matches that. Try a gene symbol (INSR), a name (GLUT4) or a word (fat)."
        )
    elif len(matches) > 1:
        st.caption("Also matching:")
        columns = st.columns(min(len(matches) - 1, 5))
        for column, node_id in zip(columns, matches[1:6], strict=False):
            with column:
                st.button(
                    index.nodes[node_id].short_label,
                    key=f"pathway_match_{node_id}",
                    on_click=select_node,
                    args=(node_id,),
                    help=index.nodes[node_id].label,
                )


def node_picker(index: KnowledgeIndex, selected: str | None) -> None:
    """A list of every node, in alphabetical order, that selects the one chosen (arrow keys, then Enter)."""
    options = sorted(index.nodes, key=lambda node_id: index.nodes[node_id].label.lower())
    if PICKER_KEY not in st.session_state or st.session_state[PICKER_KEY] != selected:
        st.session_state[PICKER_KEY] = selected

    def picked() -> None:
        chosen = st.session_state.get(PICKER_KEY)
        if chosen in index.nodes:
            select_node(chosen)

    st.selectbox(
        "Go to a node",
        options,
        key=PICKER_KEY,
        format_func=lambda node_id: index.nodes[node_id].label,
        placeholder="Choose a node (arrow keys, then Enter)",
        on_change=picked,
        help="Choose any node; its detail lists the nodes up- and downstream, one button each.",
    )
