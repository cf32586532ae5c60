"""Cached access to the knowledge base at the UI edge, and the session's shared choices."""

from __future__ import annotations

import streamlit as st

from kb.index import KnowledgeIndex, knowledge_index
from kb.vocabulary import Audience

__all__ = ["AUDIENCE_KEY", "PATHWAY_PAGE", "audience", "index"]

AUDIENCE_KEY = "audience"
PATHWAY_PAGE = "pages/pathway.py"


@st.cache_resource
def index() -> KnowledgeIndex:
    """The knowledge base, loaded once per server process (it is the same for every session)."""
    return knowledge_index()


def audience() -> Audience:
    """The register chosen in the sidebar for this session (student until chosen)."""
    return st.session_state.get(AUDIENCE_KEY, "student")
