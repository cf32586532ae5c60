"""The clickable pathway map and its controls; the selected node lives in the URL (?node=ID)."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import plotly.graph_objects as go
import streamlit as st

from components.pathway_figure import ASPECT, DRAWING_WIDTHS, MapView, pathway_figure
from kb.graph import focus_set, pathway_graph
from kb.index import KnowledgeIndex
from kb.simulate import disturbed_edges, insulin_resistant_scenario

__all__ = [
    "MAP_ALT",
    "MAP_KEY",
    "MapClick",
    "MapControls",
    "map_controls",
    "map_downloads",
    "map_view",
    "pathway_map",
    "select_node",
    "selected_node",
    "static_map",
    "take_map_click",
]

MAP_KEY = "pathway_map"
LAST_CLICK_KEY = "pathway_last_click"
INSULIN_RESISTANT_KEY = "pathway_insulin_resistant"
FOCUS_KEY = "pathway_focus"
FOCUS_STEPS_KEY = "pathway_focus_steps"
BREAK_LEVELS_KEY = "pathway_break_levels"
DRAWN_MAP_KEY = "pathway_drawn_map"
MAP_ALT = (
    "Map of insulin signalling: causes on the left, the cell with its compartments in the middle, "
    "consequences and syndromes on the right. The text version beside the map lists every step."
)
# Image export happens in the browser (plotly's own toolbar), so nothing leaves the machine.
# Streamlit adds "responsive" to the config it is given, and the config is part of the chart's widget
# identity: it is stated here and a copy is passed each time, so that the identity cannot change between
# the first run and the next (which would lose the first click).
_IMAGE_OPTIONS = {"format": "png", "filename": "insulin-pathway", "scale": 2}
PLOTLY_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "scrollZoom": True,
    "modeBarButtonsToAdd": ["toImage"],
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": _IMAGE_OPTIONS,
}


@dataclass(frozen=True)
class MapControls:
    """The view switches a person set above the map."""

    insulin_resistant: bool
    focus: bool
    focus_steps: int = 1
    break_levels: bool = False


def selected_node(index: KnowledgeIndex) -> tuple[str | None, str | None]:
    """The node named in the URL, and a message when the URL names no such node."""
    wanted = st.query_params.get("node")
    if wanted is None or wanted == "":
        return None, None
    if wanted in index.nodes:
        return wanted, None
    return None, f"There is no node called “{html.escape(wanted)}”. Pick one on the map or search for it."


def select_node(node_id: str) -> None:
    """Select a node: the URL follows, so the view can be copied and shared."""
    st.query_params["node"] = node_id


def map_controls() -> MapControls:
    """The healthy / insulin-resistant switch, focus mode with how far it follows, and the break levels."""
    resistant, focus, levels = st.columns(3)
    with resistant:
        insulin_resistant = st.toggle(
            "Insulin-resistant",
            key=INSULIN_RESISTANT_KEY,
            help="Switch on obesity, inactivity, poor diet and inflammation, and see where the signal is disturbed.",
        )
    with focus:
        focused = st.toggle(
            "Focus on selection",
            key=FOCUS_KEY,
            help="Keep lit only the node, its neighbours and its paths from insulin and to the nearest outcome.",
        )
        steps = 1
        if focused:
            steps = st.slider("Steps to follow", 1, 4, 1, key=FOCUS_STEPS_KEY)
    with levels:
        break_levels = st.toggle(
            "Where the signal breaks",
            key=BREAK_LEVELS_KEY,
            help="Colour each cause's effect by the level it breaks: fewer receptors, receptor signalling, "
            "or signalling inside the cell.",
        )
    return MapControls(
        insulin_resistant=insulin_resistant, focus=focused, focus_steps=steps, break_levels=break_levels
    )


@st.cache_resource
def _insulin_resistant_edges() -> frozenset[tuple[str, str]]:
    return frozenset(disturbed_edges(insulin_resistant_scenario()))


def map_view(index: KnowledgeIndex, selected: str | None, controls: MapControls, **extra) -> MapView:
    """The MapView for the current selection and switches."""
    focus = (
        frozenset(focus_set(pathway_graph(), selected, controls.focus_steps))
        if controls.focus and selected
        else None
    )
    disturbed = _insulin_resistant_edges() if controls.insulin_resistant else frozenset()
    return MapView(
        selected=selected,
        insulin_resistant=controls.insulin_resistant,
        disturbed=disturbed,
        focus=focus,
        break_levels=controls.break_levels,
        **extra,
    )


@dataclass(frozen=True)
class MapClick:
    """What a person just did on the map: clicked a node, or cleared plotly's selection (double-click)."""

    node: str | None = None
    cleared: bool = False


def take_map_click(index: KnowledgeIndex) -> MapClick:
    """The node a person has just clicked on the map, read before the map is drawn again.

    Reading the chart's selection at the start of the run lets the same run draw the new selection and
    its detail, instead of drawing the old one and then running again.
    """
    event = st.session_state.get(MAP_KEY)
    points = event["selection"]["points"] if event else []
    clicked = tuple(point.get("customdata") for point in points if isinstance(point.get("customdata"), str))
    # A selection persists across runs; only a new one is a new click.
    previous = st.session_state.get(LAST_CLICK_KEY)
    st.session_state[LAST_CLICK_KEY] = clicked
    if clicked and clicked != previous and clicked[0] in index.nodes:
        return MapClick(node=clicked[0])
    return MapClick(cleared=bool(event) and not clicked and bool(previous))


IMAGE_FORMAT_KEY = "pathway_image_format"


def _config() -> dict:
    """The chart's config, with the image format chosen under "Export the map" (PNG by default)."""
    image = {**_IMAGE_OPTIONS, "format": st.session_state.get(IMAGE_FORMAT_KEY, "png")}
    return {**PLOTLY_CONFIG, "toImageButtonOptions": image}


def _sized(figure: go.Figure, chart_key: str) -> None:
    """Give the chart a height that follows its width, so that the drawing spans the column at any
    window size; below the narrowest width the labels are placed for, the map keeps that width and the
    column scrolls sideways."""
    margin = figure.layout.margin
    minimum = DRAWING_WIDTHS[0] + margin.l + margin.r
    st.html(
        f"<style>.st-key-{chart_key}-frame {{ container-type: inline-size; min-width: {minimum:.0f}px; }}"
        f".st-key-{chart_key} {{ height: calc((100cqw - {margin.l + margin.r}px) / {ASPECT:.4f}"
        f" + {margin.t + margin.b}px); }}</style>"
    )


@dataclass(frozen=True)
class _DrawnMap:
    """The figure last sent to this session's browser, and what it shows (kept in session state only)."""

    view: MapView
    redraws: int
    figure: go.Figure


def pathway_map(index: KnowledgeIndex, view: MapView, click: MapClick = MapClick()) -> None:
    """Draw the clickable map; clicks are picked up by `take_map_click` on the next run.

    A click is answered without redrawing the map: plotly has already marked the clicked node in the
    browser, and Streamlit rebuilds a chart from scratch whenever its figure changes. So when only the
    selection differs from the figure last drawn, that figure is sent again unchanged.
    """
    drawn: _DrawnMap | None = st.session_state.get(DRAWN_MAP_KEY)
    if click.node and drawn is not None and replace(drawn.view, selected=view.selected) == view:
        view = drawn.view
    # A double-click clears plotly's selection mark; a changed figure makes Streamlit draw it afresh,
    # with the selected node marked again.
    redraws = (drawn.redraws if drawn else 0) + click.cleared
    if drawn is None or (drawn.view, drawn.redraws) != (view, redraws):
        figure = pathway_figure(index, view)
        figure.update_layout(meta={"redraw": redraws})
        drawn = _DrawnMap(view, redraws, figure)
        st.session_state[DRAWN_MAP_KEY] = drawn
    with st.container(key=f"{MAP_KEY}-frame"):
        _sized(drawn.figure, MAP_KEY)
        st.plotly_chart(
            drawn.figure,
            key=MAP_KEY,
            on_select="rerun",
            selection_mode="points",
            config=_config(),
            width="stretch",
            height="stretch",
            alt=MAP_ALT,
        )


def static_map(figure: go.Figure, key: str, alt: str) -> None:
    """A map that is only looked at (what-if, tours): sized like the pathway page's map."""
    with st.container(key=f"{key}-frame"):
        _sized(figure, key)
        st.plotly_chart(
            figure, key=key, config=dict(PLOTLY_CONFIG), width="stretch", height="stretch", alt=alt
        )


def map_downloads(index: KnowledgeIndex, view: MapView) -> None:
    """The toolbar camera's image format, and a standalone HTML file of the map that works offline."""
    st.radio(
        "The camera button on the map's toolbar saves the map as",
        ["png", "svg"],
        format_func=str.upper,
        key=IMAGE_FORMAT_KEY,
        horizontal=True,
    )
    st.download_button(
        "Download the map as a standalone HTML file",
        # Made only when clicked: the standalone page inlines plotly.js (several MB).
        data=lambda: pathway_figure(index, view, height=900).to_html(
            include_plotlyjs=True, full_html=True, config=dict(PLOTLY_CONFIG)
        ),
        on_click="ignore",
        file_name="insulin-pathway.html",
        mime="text/html",
        key="pathway_download_html",
        icon=":material/download:",
    )
    st.caption("PNG: use the camera button on the map's toolbar. SVG: open the HTML file and use its camera.")
