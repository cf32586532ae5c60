"""A guided tour: one step at a time, deep-linkable as /tours?tour=ID&step=N."""

from __future__ import annotations

import streamlit as st

from components.citations import references_list
from components.node_detail import node_link
from kb.index import KnowledgeIndex
from kb.schema import Tour
from kb.vocabulary import Audience

__all__ = ["current_step", "step_navigation", "step_text", "tour_picker"]


def tour_picker(index: KnowledgeIndex) -> Tour:
    """The tour named in the URL (the first by default), chosen with a select box that updates the URL."""
    tours = {tour.id: tour for tour in index.kb.tours}
    wanted = st.query_params.get("tour")
    if wanted not in tours:
        wanted = next(iter(tours))
    chosen = st.selectbox(
        "Tour", list(tours), index=list(tours).index(wanted), format_func=lambda tour_id: tours[tour_id].title,
        key=f"tour_pick_{wanted}",
    )  # fmt: skip
    if chosen != wanted:
        st.query_params.from_dict({"tour": chosen, "step": "1"})
        st.rerun()
    st.caption(tours[chosen].summary)
    return tours[chosen]


def current_step(tour: Tour) -> int:
    """The 1-based step in the URL, kept within the tour."""
    text = st.query_params.get("step", "1")
    number = int(text) if text.isdigit() else 1
    return min(max(number, 1), len(tour.steps))


def step_navigation(tour: Tour, number: int) -> None:
    """Back and Next, which move the URL's step."""
    back, position, forward = st.columns([1, 2, 1])
    with back:
        if st.button("← Back", disabled=number <= 1, key="tour_back", width="stretch"):
            st.query_params.from_dict({"tour": tour.id, "step": str(number - 1)})
            st.rerun()
    with position:
        st.progress(number / len(tour.steps), text=f"Step {number} of {len(tour.steps)}")
    with forward:
        if st.button(
            "Next →", disabled=number >= len(tour.steps), key="tour_next", type="primary", width="stretch"
        ):
            st.query_params.from_dict({"tour": tour.id, "step": str(number + 1)})
            st.rerun()
    st.query_params.from_dict({"tour": tour.id, "step": str(number)})


def step_text(index: KnowledgeIndex, tour: Tour, number: int, audience: Audience) -> None:
    """The step's heading, narration for the audience, a link to its node, and references."""
    step = tour.steps[number - 1]
    st.header(step.title, anchor="tour-step")
    st.markdown(getattr(step.narration, audience))
    node_link(index, step.focus, label=f"Open {index.nodes[step.focus].label} on the pathway map")
    with st.expander("References"):
        references_list(index, step.references)
