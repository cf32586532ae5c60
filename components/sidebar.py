"""The shared sidebar: audience switch, what the session holds, and the educational-use disclaimer."""

from __future__ import annotations

import streamlit as st

from components.session_findings import current_report
from components.state import AUDIENCE_KEY
from kb.vocabulary import AUDIENCE_NAMES, Audience

__all__ = ["DISCLAIMER", "sidebar"]

# Set by the load balancer in deploy/nginx when a browser's replica has gone and another took over.
MOVED_COOKIE = "ipe_moved"
# The value it sets (deploy/nginx/insulin-pathway.conf). Only that value counts: outside a real server's
# request (Streamlit's AppTest mocks the runtime) any cookie looked up is a truthy stand-in object, which
# would tell every fresh session it had lost its findings.
MOVED_VALUE = "1"
# Set by serve.py when a browser comes back with a session this server does not hold: its first request
# was a click inside a fragment (the server restarted, another replica took over, or it expired).
SESSION_LOST_KEY = "session_lost"
MOVED = (
    "This page reconnected to the server, which no longer held your session (it restarted, another "
    "server took over, or the session had expired). If you had read a file, its findings were kept only "
    "in that session's memory and are gone: read it again on Your variants."
)
DISCLAIMER = (
    "For education only. This app explains what research shows about insulin signalling; it does not "
    "diagnose, and it is not medical advice. Talk to a clinician about your own health."
)


def sidebar() -> Audience:
    """Draw the sidebar and return the audience the person chose."""
    with st.sidebar:
        chosen = st.radio(
            "Explain for",
            options=list(AUDIENCE_NAMES),
            format_func=AUDIENCE_NAMES.__getitem__,
            key=AUDIENCE_KEY,
            horizontal=True,
            help="Student: how it works. Clinician: evidence and care. Patient: plain words.",
        )
        findings = current_report()
        if findings is None and (
            st.session_state.get(SESSION_LOST_KEY) or st.context.cookies.get(MOVED_COOKIE) == MOVED_VALUE
        ):
            st.warning(MOVED, icon=":material/sync_problem:")
        if findings is not None:
            st.caption(
                f"Your variants: {len(findings.findings)} finding(s) in pathway genes, kept in this session only."
            )
        st.info(DISCLAIMER, icon=":material/school:")
    return chosen
