"""Pathway map: the interactive drawing of insulin signalling, with the chosen node's detail below it."""

import streamlit as st

from components.node_detail import node_detail
from components.node_search import node_search
from components.pathway_map import (
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

knowledge = index()
st.title("The insulin signalling pathway")
st.caption(
    "Click a node to read what it does, what disrupts it and what follows. Arrows activate; "
    "flat-headed (T-bar) lines inhibit. Scroll to zoom, drag to pan."
)

node_search(knowledge)
clicked = take_map_click(knowledge)
if clicked:
    select_node(clicked)
selected, problem = selected_node(knowledge)
if problem:
    st.warning(problem)
controls = map_controls()
report = current_report()
view = map_view(knowledge, selected, controls, marks=findings_marks(report))

pathway_map(knowledge, view)
if selected:
    node_detail(knowledge, selected, audience(), report)
else:
    st.info("Select a node on the map, or search for one, to see its detail here.")

if st.toggle("Show the text version of the pathway (for screen readers and printing)", key="pathway_text"):
    pathway_text(knowledge)
with st.expander("Export the map"):
    map_downloads(knowledge, view)
