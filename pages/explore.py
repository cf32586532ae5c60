"""Free explorer: the pathway as a living network to drag, zoom and rearrange."""

import streamlit as st

from components.explorer import explorer
from components.state import index

st.title("Free explorer")
st.caption(
    "The same pathway with physics: drag nodes, zoom, hover for a summary. Arrows activate, bars inhibit. "
    "Double-click a node to open it on the pathway map."
)
explorer(index())
