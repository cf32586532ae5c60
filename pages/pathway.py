"""Pathway map: the interactive drawing of insulin signalling, with the chosen node's detail beside it."""

import streamlit as st

from components.node_detail import focus_detail, node_detail
from components.node_search import node_picker, node_search
from components.pathway_map import (
    map_controls,
    map_downloads,
    map_view,
    pathway_map,
    select_node,
    selected_node,
    take_map_click,
)
from components.pathway_page import new_visit, page_layout
from components.pathway_text import break_levels_text, pathway_text
from components.session_findings import current_report, findings_marks
from components.state import audience, index
from kb.variants.report import AnnotationReport

knowledge = index()
page_layout()
new_visit()
st.title("The insulin signalling pathway")
st.caption(
    "Click a node to read what it does, what disrupts it and what follows. Arrows activate; T-bars inhibit. "
    "Without a mouse: choose a node under “Go to a node” and step along its connections, or read the text "
    "version."
)
node_search(knowledge)


@st.fragment
def map_and_detail(report: AnnotationReport | None) -> None:
    """The map beside the selected node's detail. A click on the map reruns only this part of the page."""
    click = take_map_click(knowledge)
    if click.node:
        select_node(click.node)
    selected, problem = selected_node(knowledge)
    with st.container(key="pathway_split"):
        map_column, detail_column = st.columns([0.62, 0.38], gap="medium")
    # The detail is drawn before the map, so that the answer to a click reaches the screen first.
    with detail_column:
        node_picker(knowledge, selected)
        if problem:
            st.warning(problem)
        if selected:
            node_detail(knowledge, selected, audience(), report, on_step=select_node)
            focus_detail(selected, knowledge.nodes[selected].label)
        else:
            st.info("Select a node on the map, search for one, or choose one under “Go to a node”.")
    with map_column:
        controls = map_controls()
        view = map_view(
            knowledge, selected, controls, marks=findings_marks(report), plain=audience() == "patient"
        )
        drawing, text = st.tabs(["Map", "Text version"])
        with drawing:
            pathway_map(knowledge, view, click)
            if controls.break_levels:
                break_levels_text(knowledge)
        with text:
            pathway_text(knowledge, on_node=select_node)
        with st.expander("Export the map"):
            map_downloads(knowledge, view)


map_and_detail(current_report())
