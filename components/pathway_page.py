"""The pathway page's frame: the map beside the detail on wide windows, under it on narrow ones."""

from __future__ import annotations

import streamlit as st

from components.node_detail import FOCUSED_KEY

__all__ = ["SIDE_BY_SIDE_FROM", "new_visit", "page_layout"]

# Window width (CSS pixels) from which the detail sits beside the map: 1440 x 900 and wider laptops.
SIDE_BY_SIDE_FROM = 1400

_CSS = f"""
<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; padding-left: 2rem; padding-right: 2rem; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.1rem; padding-bottom: 0.25rem; }}
#node-detail {{ scroll-margin-top: 4.5rem; }}
#node-detail:focus {{ outline: none; }}
#node-detail:focus-visible {{ outline: 2px solid #1d4ed8; outline-offset: 4px; }}
@media (min-width: {SIDE_BY_SIDE_FROM}px) {{
  .st-key-pathway_split [data-testid="stColumn"]:first-child {{
    position: sticky; top: 3.75rem; align-self: flex-start;
  }}
}}
@media (max-width: {SIDE_BY_SIDE_FROM - 0.02}px) {{
  .st-key-pathway_split [data-testid="stHorizontalBlock"] {{ flex-direction: column; }}
  .st-key-pathway_split [data-testid="stColumn"] {{ width: 100% !important; flex: 1 1 auto !important; }}
}}
.st-key-pathway_split [data-testid="stColumn"]:first-child {{ overflow-x: auto; }}
</style>
"""


def page_layout() -> None:
    """The page's CSS: a compact top, the split between map and detail, and where it stacks."""
    st.html(_CSS)


def new_visit() -> None:
    """On arriving at the page (from a link, another page or a fresh load), let the detail take focus."""
    if st.session_state.get("previous_page") != st.session_state.get("current_page"):
        st.session_state.pop(FOCUSED_KEY, None)
