"""Your variants: upload a file or type variants; see first what counts, then every finding, and download."""

import streamlit as st

from components.findings_view import findings_overview, findings_table, report_facts
from components.handout_view import clinician_downloads
from components.session_findings import clear_report, current_report, store_report
from components.state import index
from components.variant_input import build_choice, typed_entry, upload_entry

knowledge = index()
st.title("Your variants on the pathway")
st.caption(
    "Everything is read in this session's memory on this computer: nothing is saved, logged or sent. "
    "Findings are educational, not a diagnosis; most variants are of uncertain significance."
)

held = current_report()
upload, typed = st.tabs(["Upload a file", "Type variants"])
with upload:
    read = upload_entry()
with typed:
    read = typed_entry(held) or read
if read is not None:
    store_report(read)
    st.rerun()  # so that the sidebar and every count show the new findings at once

report = current_report()
if report is not None:
    st.subheader("What was found")
    build_choice(report)
    findings_overview(knowledge, report)
    st.subheader("Every finding")
    findings_table(knowledge, report)
    report_facts(report)
    st.subheader("Take it with you")
    clinician_downloads(knowledge, report)
    st.page_link("pages/pathway.py", label="See them on the pathway map", icon=":material/hub:")
    st.page_link("pages/handout.py", label="Make the patient handout", icon=":material/description:")
    if st.button("Forget these findings", key="variants_forget", icon=":material/delete:"):
        clear_report()
        st.rerun()
