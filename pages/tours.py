"""Guided tours: a story through the map, step by step, for the chosen audience."""

import streamlit as st

from components.pathway_figure import MapView, pathway_figure
from components.pathway_map import static_map
from components.state import audience, index
from components.tour_view import current_step, step_navigation, step_text, tour_picker

knowledge = index()
st.title("Guided tours")
tour = tour_picker(knowledge)
number = current_step(tour)
step = tour.steps[number - 1]
step_navigation(tour, number)
step_text(knowledge, tour, number, audience())
view = MapView(selected=step.focus, highlighted=frozenset(step.highlight), plain=audience() == "patient")
static_map(
    pathway_figure(knowledge, view),
    key="tour_map",
    alt=f"The pathway map, this step's nodes ringed: {step.title}",
)
