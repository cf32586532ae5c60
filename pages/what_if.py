"""What if: knock nodes down or up, and see the predicted change across the pathway."""

import streamlit as st

from components.pathway_figure import MapView, pathway_figure
from components.pathway_map import static_map
from components.session_findings import current_report
from components.state import audience, index
from components.what_if import findings_perturbations, perturbation_picker, prediction_summary
from kb.simulate import Perturbation, simulate

knowledge = index()
st.title("What if…?")
st.caption("Choose what to knock down or turn up. The map colours every node by its predicted change.")

from_findings = findings_perturbations(knowledge, current_report())
start: dict[str, Perturbation] = {"INSR": "loss"}
source = "default"
if from_findings and st.toggle("Start from my variants whose effect is known", key="what_if_from_findings"):
    start, source = from_findings, "findings"
elif current_report() is not None and not from_findings:
    st.caption("None of your findings has a known effect on its protein, so none can be simulated.")

perturbations = perturbation_picker(knowledge, start, source)
if not perturbations:
    st.info("Choose at least one node to knock down or turn up.")
    st.stop()

result = simulate(perturbations)
view = MapView(directions=result.effects, highlighted=frozenset(perturbations), plain=audience() == "patient")
static_map(
    pathway_figure(knowledge, view),
    key="what_if_map",
    alt="The pathway map with every node coloured by its predicted change; the list below says what changes.",
)
st.subheader("What the map predicts")
prediction_summary(knowledge, result, audience())
