"""Insulin Pathway Explorer: the router. Pages are listed explicitly; the sidebar is shared."""

import logging
import traceback

# Imported here, before any page runs: plotly probes sys.modules for pandas, and a pandas that another
# thread is still importing made it fail (AttributeError on pd.Series) when sessions started together.
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st

from components.sidebar import sidebar

LOG = logging.getLogger("insulin_pathway_explorer")

st.set_page_config(page_title="Insulin Pathway Explorer", page_icon="static/icon.png", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", url_path="home", default=True),
    st.Page("pages/pathway.py", title="Pathway map", icon=":material/hub:", url_path="pathway"),
    st.Page("pages/variants.py", title="Your variants", icon=":material/genetics:", url_path="variants"),
    st.Page("pages/what_if.py", title="What if…?", icon=":material/science:", url_path="what-if"),
    st.Page("pages/dynamics.py", title="Dynamics", icon=":material/monitoring:", url_path="dynamics"),
    st.Page("pages/tours.py", title="Guided tours", icon=":material/tour:", url_path="tours"),
    st.Page("pages/quiz.py", title="Quiz", icon=":material/quiz:", url_path="quiz"),
    st.Page("pages/handout.py", title="Patient handout", icon=":material/description:", url_path="handout"),
    st.Page("pages/explore.py", title="Free explorer", icon=":material/bubble_chart:", url_path="explore"),
    st.Page("pages/limits.py", title="Limits and privacy", icon=":material/shield:", url_path="limits"),
    st.Page("pages/references.py", title="Knowledge base", icon=":material/menu_book:", url_path="knowledge"),
]

navigation = st.navigation(PAGES)
# Lets a page tell a visit (arriving from another page or a link) from a rerun on the same page.
st.session_state["previous_page"] = st.session_state.get("current_page")
st.session_state["current_page"] = navigation.url_path
sidebar()
try:
    navigation.run()
except Exception as error:  # noqa: BLE001 - a failing page must not take the app down; reruns are not Exceptions
    # Only the error's type and where it happened are shown and logged: its message could quote a file.
    LOG.error(
        "page failed with %s at\n%s", type(error).__name__, "".join(traceback.format_tb(error.__traceback__))
    )
    st.error(
        f"This page hit an unexpected problem ({type(error).__name__}) and stopped. The other pages still work; "
        "reloading this one usually helps.",
        icon=":material/error:",
    )
