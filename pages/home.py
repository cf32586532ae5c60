"""Home: what the app does, and where each kind of user should start."""

import streamlit as st

from components.state import index

knowledge = index()
st.title("Insulin Pathway Explorer")
st.markdown(
    "How insulin tells your cells to take up sugar, what breaks that signal, and what follows when it "
    "breaks: type 2 diabetes, high blood pressure, abnormal blood fats and heart disease. Every step is "
    "a node you can open, with its causes, its consequences and the research behind it."
)
counts = st.columns(4)
counts[0].metric("Pathway nodes", len(knowledge.kb.nodes))
counts[1].metric("Signed interactions", len(knowledge.kb.edges))
counts[2].metric("Curated variants", len(knowledge.kb.variants))
counts[3].metric("Cited references", len(knowledge.kb.references))

student, clinician, educator = st.columns(3)
with student:
    st.subheader("Students")
    st.markdown(
        "Start on the **pathway map**: click insulin, then follow the arrows to glucose uptake. "
        "Switch on the insulin-resistant view to see where obesity and inflammation break the signal."
    )
    st.page_link(
        "pages/pathway.py",
        label="Open the pathway map",
        icon=":material/hub:",
        query_params={"node": "insulin"},
    )
with clinician:
    st.subheader("Clinicians")
    st.markdown(
        "Choose **Clinician** in the sidebar for evidence-first text. Search any gene on the map; gene "
        "nodes link out to NCBI Gene, HGNC, UniProt, ClinVar and gnomAD and list curated variants."
    )
    st.page_link(
        "pages/pathway.py", label="Look up INSR", icon=":material/search:", query_params={"node": "INSR"}
    )
with educator:
    st.subheader("Patient educators")
    st.markdown(
        "Choose **Patient** in the sidebar for plain words. Weight, activity, food and inflammation are on "
        "the map beside the genetic causes."
    )
    st.page_link(
        "pages/pathway.py",
        label="Show obesity's effects",
        icon=":material/favorite:",
        query_params={"node": "obesity"},
    )

st.page_link("pages/explore.py", label="Or explore the network freely", icon=":material/bubble_chart:")
st.caption(
    "Runs entirely on this computer: nothing you open or upload leaves it. Educational use only — "
    "it does not diagnose."
)
