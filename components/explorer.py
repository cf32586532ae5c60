"""The free-layout explorer: the same graph in pyvis (vis-network) with physics, fully self-contained."""

from __future__ import annotations

import html
import json
import re

import streamlit as st
from pyvis.network import Network

from components.pathway_figure import KIND_STYLES
from kb.index import KnowledgeIndex

__all__ = ["explorer", "explorer_html"]

# pyvis's template links Bootstrap from a CDN and vis-network from node_modules; both are removed,
# since vis-network is inlined and the app must request nothing beyond its own server.
_EXTERNAL_TAG = re.compile(
    r"<(?:link[^>]*href|script[^>]*src)=\"(?:https?:)?//[^\"]*\"[^>]*>(?:\s*</script>)?"
    r"|<(?:link[^>]*href|script[^>]*src)=\"\.\./node_modules/[^\"]*\"[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_SHAPES = {
    "circle": "dot",
    "square": "square",
    "hexagon": "hexagon",
    "diamond": "diamond",
    "star": "star",
    "triangle-up": "triangle",
    "triangle-down": "triangleDown",
    "pentagon": "square",
    "octagon": "dot",
}
# Streamlit's iframe sandbox does not allow navigating the top window from inside, but the frame is of the
# app's own origin: a link made in the app's page and followed there opens the map in the top window.
_OPEN_ON_DOUBLE_CLICK = """
<script>
network.on("doubleClick", function (params) {
  if (params.nodes.length !== 1) { return; }
  var url = "/pathway?node=" + encodeURIComponent(params.nodes[0]);
  try {
    var link = window.parent.document.createElement("a");
    link.href = url;
    link.target = "_top";
    window.parent.document.body.appendChild(link);
    link.click();
    link.remove();
  } catch (error) {
    window.open(url, "_blank", "noopener");
  }
});
</script>
"""


def explorer_html(index: KnowledgeIndex, height_px: int = 720) -> str:
    """A standalone HTML page of the graph with physics; tooltips are escaped plain text."""
    network = Network(
        height=f"{height_px}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff"
    )
    for node in index.kb.nodes:
        style = KIND_STYLES[node.kind]
        network.add_node(
            node.id,
            label=node.short_label,
            title=f"{node.label}\n{node.summary}",
            color={"background": style.colour, "border": "#1f2937"},
            shape=_SHAPES.get(style.symbol, "dot"),
            size=16,
            font={"size": 14, "color": "#1f2937"},
        )
    for edge in index.kb.edges:
        inhibits = edge.sign == "inhibits"
        network.add_edge(
            edge.source,
            edge.target,
            title=f"{edge.sign}: {edge.mechanism}",
            color="#b03a00" if inhibits else "#1f4e79",
            dashes=inhibits,
            arrows={"to": {"enabled": True, "type": "bar" if inhibits else "arrow"}},
        )
    network.set_options(
        json.dumps(
            {
                "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
                "interaction": {"hover": True, "navigationButtons": False, "keyboard": True},
            }
        )
    )
    page = network.generate_html(notebook=False)
    page = _EXTERNAL_TAG.sub("", page)
    # vis-network shows a string title as text; escaping keeps any markup inert all the same.
    for node in index.kb.nodes:
        raw = json.dumps(f"{node.label}\n{node.summary}")[1:-1]
        page = page.replace(raw, html.escape(raw, quote=False))
    return page.replace("</body>", _OPEN_ON_DOUBLE_CLICK + "</body>")


@st.cache_data(show_spinner=False)
def _cached_html(_index: KnowledgeIndex, version: int) -> str:
    return explorer_html(_index)


def explorer(index: KnowledgeIndex) -> None:
    """Render the explorer in an iframe."""
    st.iframe(_cached_html(index, len(index.kb.nodes) + len(index.kb.edges)), height=740)
