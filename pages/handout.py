"""Handout: a one-page, plain-language explanation to print, personalised with the person's findings."""

import streamlit as st

from components.handout_view import clinician_downloads, handout_downloads, handout_preview
from components.session_findings import current_report
from components.state import index
from kb.handout import patient_handout

knowledge = index()
report = current_report()
st.title("Patient handout")
st.caption(
    "One printable page in plain words: what insulin resistance is, what helps, and what the person's gene "
    "results do and do not mean. "
    + (
        "It includes the findings read on the Your variants page."
        if report
        else "Add gene results on the Your variants page to include them."
    )
)
handout = patient_handout(knowledge, report)
handout_downloads(handout)
handout_preview(handout)
if report is not None:
    st.subheader("For the clinician")
    st.caption("Findings with genotype, evidence grade, care implications and citations, for the record.")
    clinician_downloads(knowledge, report)
