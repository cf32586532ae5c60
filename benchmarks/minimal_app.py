"""The anchor for the latency benchmark: the smallest Streamlit page with a click that changes it."""

import streamlit as st

st.title("Minimal page")
if st.button("Change"):
    st.session_state["clicks"] = st.session_state.get("clicks", 0) + 1
st.header(f"Clicked {st.session_state.get('clicks', 0)} times")
