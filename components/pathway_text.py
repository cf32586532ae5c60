"""A text alternative of the map: the pathway as ordered, readable steps whose names are links.

Each name links to /pathway?node=ID. Followed in the page, a link selects its node in this session (a
plain link would start a new session and lose a person's findings); it stays a real link, so that it
can be opened in a new tab, copied and read by a screen reader as a link.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st
import streamlit.components.v2 as components

from kb.graph import break_levels, pathway_steps
from kb.index import KnowledgeIndex

__all__ = ["TEXT_KEY", "break_levels_text", "pathway_text", "pathway_text_html", "pathway_text_markdown"]

TEXT_KEY = "pathway_text_version"
LEVEL_WORDS = {
    "fewer_receptors": "level ①, fewer receptors",
    "receptor_signalling": "level ②, receptor signalling",
    "intracellular_signalling": "level ③, signalling inside the cell",
}
_LINKS_JS = """
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  let root = parentElement.querySelector(".pathway-text");
  if (!root) {
    root = document.createElement("div");
    root.className = "pathway-text";
    parentElement.appendChild(root);
  }
  if (root.dataset.source !== data) {
    root.innerHTML = data;
    root.dataset.source = data;
  }
  root.querySelectorAll("a[data-node]").forEach((link) => {
    link.onclick = (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      event.preventDefault();
      setTriggerValue("node", link.dataset.node);
    };
  });
}
"""
_LINKS_CSS = """
.pathway-text { font-size: 1rem; line-height: 1.6; color: inherit; }
.pathway-text h3 { font-size: 1.1rem; margin: 1rem 0 0.3rem; }
.pathway-text ol { margin: 0 0 0.5rem 1.4rem; padding: 0; }
.pathway-text a { color: #1d4ed8; text-decoration: underline; }
.pathway-text a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
"""
_component = components.component("pathway_text_links", js=_LINKS_JS, css=_LINKS_CSS)


def _link(index: KnowledgeIndex, node_id: str) -> str:
    label = html.escape(index.nodes[node_id].label)
    return f'<a href="/pathway?node={html.escape(node_id)}" data-node="{html.escape(node_id)}">{label}</a>'


def pathway_text_html(index: KnowledgeIndex) -> str:
    """The whole pathway as HTML: a numbered list of steps under four headings, every name a link."""
    parts = []
    for title, edges in pathway_steps(index.kb):
        parts.append(f"<h3>{html.escape(title)}</h3><ol>")
        for edge in edges:
            level = f" It breaks the signal at {LEVEL_WORDS[edge.break_level]}." if edge.break_level else ""
            parts.append(
                f"<li>{_link(index, edge.source)} {edge.sign} {_link(index, edge.target)}: "
                f"{html.escape(edge.mechanism)}.{level}</li>"
            )
        parts.append("</ol>")
    return "".join(parts)


def pathway_text_markdown(index: KnowledgeIndex) -> str:
    """The whole pathway as markdown, for printing and export: numbered steps under four headings."""
    parts = []
    for title, edges in pathway_steps(index.kb):
        parts.append(f"#### {title}")
        for number, edge in enumerate(edges, start=1):
            source = index.nodes[edge.source].label
            target = index.nodes[edge.target].label
            parts.append(f"{number}. **{source}** {edge.sign} **{target}**: {edge.mechanism}.")
    return "\n".join(parts)


def pathway_text(index: KnowledgeIndex, on_node: Callable[[str], None]) -> None:
    """Render the text version; following a name's link calls `on_node` with its node id."""

    def followed() -> None:
        state = st.session_state.get(TEXT_KEY) or {}
        node = state.get("node")
        if isinstance(node, str) and node in index.nodes:
            on_node(node)

    st.caption("Every step of the map in reading order. Follow a name to open its detail.")
    _component(data=pathway_text_html(index), key=TEXT_KEY, on_node_change=followed)


LEVEL_TITLES = {
    "fewer_receptors": "① Fewer receptors",
    "receptor_signalling": "② The receptor signals less",
    "intracellular_signalling": "③ Signalling inside the cell is impaired",
}


def break_levels_text(index: KnowledgeIndex) -> None:
    """Which causes break the signal at which of the three levels, as the map's colours show them."""
    lines = []
    for level, edges in break_levels(index.kb).items():
        acts = "; ".join(
            f"{index.nodes[edge.source].short_label} on {index.nodes[edge.target].short_label} ({edge.mechanism})"
            for edge in edges
        )
        lines.append(f"- **{LEVEL_TITLES[level]}**: {acts or 'no cause in this map'}.")
    st.markdown("**Where the causes break the signal**\n\n" + "\n".join(lines))
