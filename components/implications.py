"""Care implications, shown for the audience: clinicians see grades and citations first, patients plain words."""

from __future__ import annotations

import streamlit as st

from components.citations import references_list
from components.state import Audience
from kb.index import KnowledgeIndex
from kb.schema import Implication

__all__ = ["GRADE_NAMES", "implications_view"]

GRADE_NAMES = {
    "guideline": "guideline",
    "replicated_association": "replicated association",
    "single_study": "single study",
    "expert_opinion": "expert opinion",
    "no_evidence": "no evidence for a change in care",
}
GRADE_COLOURS = {
    "guideline": "green",
    "replicated_association": "blue",
    "single_study": "orange",
    "expert_opinion": "violet",
    "no_evidence": "gray",
}


def implications_view(index: KnowledgeIndex, implications: list[Implication], audience: Audience) -> None:
    """What the finding or node may mean for care."""
    if not implications:
        return
    if audience == "patient":
        st.markdown("\n".join(f"- {implication.plain}" for implication in implications))
        st.caption("Talk to your clinician before you change anything about your care.")
        return
    for implication in implications:
        grade = GRADE_NAMES[implication.grade]
        st.markdown(
            f":{GRADE_COLOURS[implication.grade]}-badge[{grade}] **{implication.area.capitalize()}.** {implication.text}"
        )
        references_list(index, implication.references)
