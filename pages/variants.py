"""Your variants: upload a file or type variants, see which pathway nodes they hit, download the findings."""

import streamlit as st

from components.findings_view import findings_summary, findings_table, report_downloads
from components.session_findings import clear_report, current_report, store_report
from components.state import index
from components.variant_input import build_choice, typed_entry, upload_entry

knowledge = index()
st.title("Your variants on the pathway")
st.caption(
    "Everything is read in this session's memory on this computer: nothing is saved, logged or sent. "
    "Findings are educational, not a diagnosis; most variants are of uncertain significance."
)

upload, typed = st.tabs(["Upload a file", "Type variants"])
with upload:
    report = upload_entry()
with typed:
    report = typed_entry() or report
if report is not None:
    store_report(report)

report = current_report()
if report is not None:
    st.subheader("What was found")
    build_choice(report)
    findings_summary(knowledge, report)
    findings_table(knowledge, report)
    report_downloads(report)
    st.page_link("pages/pathway.py", label="See them on the pathway map", icon=":material/hub:")
    if st.button("Forget these findings", key="variants_forget", icon=":material/delete:"):
        clear_report()
        st.rerun()
