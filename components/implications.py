"""Care implications, shown for the audience: clinicians see grades and citations first, patients plain words."""

from __future__ import annotations

import streamlit as st

from components.citations import references_list
from kb.index import KnowledgeIndex
from kb.schema import Implication
from kb.vocabulary import GRADES, Audience

__all__ = ["implications_view"]


def implications_view(index: KnowledgeIndex, implications: list[Implication], audience: Audience) -> None:
    """What the finding or node may mean for care."""
    if not implications:
        return
    if audience == "patient":
        st.markdown("\n".join(f"- {implication.plain}" for implication in implications))
        st.caption("Talk to your clinician before you change anything about your care.")
        return
    for implication in implications:
        grade = GRADES[implication.grade]
        st.markdown(
            f":{grade.badge}-badge[{grade.name}] **{implication.area.capitalize()}.** {implication.text}"
        )
        references_list(index, implication.references)
