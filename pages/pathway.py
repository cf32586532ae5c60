"""Pathway map: the interactive drawing of insulin signalling, with the chosen node's detail below it."""

import streamlit as st

from components.node_detail import node_detail
from components.node_search import node_search
from components.pathway_map import (
    MapControls,
    map_controls,
    map_downloads,
    map_view,
    pathway_map,
    select_node,
    selected_node,
    take_map_click,
)
from components.pathway_text import pathway_text
from components.session_findings import current_report, findings_marks
from components.state import audience, index
from kb.variants.report import AnnotationReport

knowledge = index()
st.title("The insulin signalling pathway")
st.caption(
    "Click a node to read what it does, what disrupts it and what follows. Arrows activate; "
    "flat-headed (T-bar) lines inhibit. Scroll to zoom, drag to pan."
)


@st.fragment
def map_and_detail(controls: MapControls, report: AnnotationReport | None) -> None:
    """The map and the selected node's detail. A click on the map reruns only this part of the page."""
    click = take_map_click(knowledge)
    if click.node:
        select_node(click.node)
    selected, problem = selected_node(knowledge)
    if problem:
        st.warning(problem)
    view = map_view(knowledge, selected, controls, marks=findings_marks(report))
    # The map sits above the detail but is drawn after it, so that the answer to a click reaches the
    # screen first.
    map_area = st.container()
    if selected:
        node_detail(knowledge, selected, audience(), report)
    else:
        st.info("Select a node on the map, or search for one, to see its detail here.")
    with map_area:
        pathway_map(knowledge, view, click)
    with st.expander("Export the map"):
        map_downloads(knowledge, view)


node_search(knowledge)
map_and_detail(map_controls(), current_report())
if st.toggle("Show the text version of the pathway (for screen readers and printing)", key="pathway_text"):
    pathway_text(knowledge)
