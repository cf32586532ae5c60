"""Limits and privacy: what genetics can and cannot tell, and what this app does with data."""

import streamlit as st

from components.citations import references_list
from components.state import audience, index

knowledge = index()
st.title("Limits and privacy")
for limit in knowledge.kb.limits:
    st.subheader(limit.title)
    st.markdown(limit.plain if audience() == "patient" else limit.text)
    if audience() != "patient":
        with st.expander("References"):
            references_list(knowledge, limit.references)

st.subheader("What this app does with your data")
st.markdown(
    "- A file you upload is read in this browser session's memory on the computer running the app. It is not "
    "saved to disk, not written to any log, and not shared with other sessions.\n"
    "- The app makes no request to any other computer: no web fonts, no trackers, no usage statistics. It works "
    "with no internet connection.\n"
    "- *Forget these findings* removes them at once; when you close the tab they are dropped within 30 seconds.\n"
    "- Downloads (CSV, JSON, PDF) are made in memory and sent only to your own browser."
)
st.caption("See SECURITY.md in the project for how this is tested.")
