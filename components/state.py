"""Cached access to the knowledge base at the UI edge, and the session's shared choices."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from kb.index import KnowledgeIndex, knowledge_index

__all__ = ["AUDIENCES", "AUDIENCE_KEY", "PATHWAY_PAGE", "Audience", "audience", "index"]

Audience = Literal["student", "clinician", "patient"]
AUDIENCES: dict[Audience, str] = {"student": "Student", "clinician": "Clinician", "patient": "Patient"}
AUDIENCE_KEY = "audience"
PATHWAY_PAGE = "pages/pathway.py"


@st.cache_resource
def index() -> KnowledgeIndex:
    """The knowledge base, loaded once per server process (it is the same for every session)."""
    return knowledge_index()


def audience() -> Audience:
    """The register chosen in the sidebar for this session (student until chosen)."""
    return st.session_state.get(AUDIENCE_KEY, "student")
