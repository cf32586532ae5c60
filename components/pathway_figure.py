"""The pathway map as a plotly figure: compartment bands, signed edges, nodes styled by kind.

Pure plotly, no streamlit, so that the figure can be tested, exported and embedded alike.
Coordinates are the curated layout of the knowledge base, with equal x and y scales so that
arrowheads and T-bars point along their edges.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import plotly.graph_objects as go

from kb.index import KnowledgeIndex

__all__ = ["DIRECTION_COLOURS", "KIND_STYLES", "MapView", "NodeMark", "NodeShade", "pathway_figure"]

NODE_RADIUS = 0.36
# The curated layout is stretched vertically so that the map is less wide than tall rows would make it.
Y_STRETCH = 1.3
INK = "#1f2937"
# Nodes outside a focused node's paths.
FADED = "#EEEEEE"
FADED_INK = "#BBBBBB"
ACTIVATES = "#1f4e79"
INHIBITS = "#b03a00"
DISTURBED = "#D55E00"
NODE_SIZE = 22
SELECTED_SIZE = 38
# After a click plotly marks every other point "unselected" (faded by default); nothing but the
# selected node should change, so unselected points keep their look.
KEEP_UNSELECTED = {"marker": {"opacity": 1.0}}


@dataclass(frozen=True)
class KindStyle:
    """How one group of node kinds is drawn: legend name, Okabe-Ito colour and marker shape."""

    legend: str
    colour: str
    symbol: str


# Colour-blind-safe colours (Okabe-Ito, with Tol's wine for outcomes); shapes differ as well, so the map
# reads in greyscale too.
KIND_STYLES: dict[str, KindStyle] = {
    "hormone": KindStyle("Hormone or cytokine", "#E69F00", "circle"),
    "cytokine": KindStyle("Hormone or cytokine", "#E69F00", "circle"),
    "receptor": KindStyle("Receptor", "#0072B2", "square"),
    "adaptor": KindStyle("Adaptor or docking protein", "#56B4E9", "hexagon"),
    "kinase": KindStyle("Kinase", "#009E73", "circle"),
    "pseudokinase": KindStyle("Kinase", "#009E73", "circle"),
    "phosphatase": KindStyle("Phosphatase", "#CC79A7", "diamond"),
    "lipid_messenger": KindStyle("Lipid messenger", "#F0E442", "star"),
    "gtpase": KindStyle("GTPase or its regulator", "#56B4E9", "triangle-up"),
    "gtpase_regulator": KindStyle("GTPase or its regulator", "#56B4E9", "triangle-up"),
    "transporter": KindStyle("Transporter", "#0072B2", "pentagon"),
    "transcription_factor": KindStyle("Transcription factor", "#999999", "octagon"),
    "enzyme": KindStyle("Metabolic enzyme", "#009E73", "square"),
    "process": KindStyle("Cellular process", "#FFFFFF", "square"),
    "cause": KindStyle("Cause of insulin resistance", "#D55E00", "triangle-down"),
    "consequence": KindStyle("Consequence", "#882255", "octagon"),
    "syndrome": KindStyle("Severe insulin-resistance syndrome", "#AA4499", "pentagon"),
}

# Predicted change in the what-if view: colour-blind-safe, and the words are in hover and legend too.
DIRECTION_COLOURS = {"up": "#0072B2", "down": "#D55E00", "ambiguous": "#CC79A7", "unchanged": "#E8E8E8"}
DIRECTION_LEGEND = {
    "up": "predicted up",
    "down": "predicted down",
    "ambiguous": "paths disagree",
    "unchanged": "unchanged",
}

# Compartment bands of the cell (x0, x1, y0, y1, fill, label) and the two side panels.
CELL_X = (-0.3, 17.5)
BANDS = (
    ("Extracellular space", 9.05, 10.5, "#EEF4FA"),
    ("Plasma membrane", 7.85, 9.05, "#D9E4F0"),
    ("Cytoplasm", 2.0, 7.85, "#FAFAF4"),
    ("Nucleus", 0.1, 2.0, "#EFE9F5"),
)
VESICLES = (10.9, 13.8, 6.55, 7.7, "#E3F2E3", "GLUT4 storage vesicles")
PANELS = (
    (-5.6, -0.6, 0.1, 10.5, "#FCEDE6", "Causes"),
    (17.8, 23.6, 4.15, 10.5, "#F7E8EF", "Consequences"),
    (17.8, 23.6, 0.1, 3.95, "#F1EEF4", "Severe insulin-resistance syndromes"),
)


@dataclass(frozen=True)
class NodeMark:
    """An overlay mark on a node: a coloured ring with a count (the person's findings)."""

    colour: str
    count: int
    note: str


@dataclass(frozen=True)
class NodeShade:
    """A node filled by a value (e.g. a kinetic model's change against normal), written beside the node."""

    colour: str
    label: str
    note: str


# Nodes a value overlay says nothing about (e.g. not in the kinetic model).
UNSHADED = "#FFFFFF"


@dataclass(frozen=True)
class MapView:
    """What the map shows besides the pathway itself."""

    selected: str | None = None
    insulin_resistant: bool = False
    disturbed: frozenset[tuple[str, str]] = frozenset()
    focus: frozenset[str] | None = None
    marks: Mapping[str, NodeMark] = field(default_factory=dict)
    directions: Mapping[str, str] = field(default_factory=dict)
    highlighted: frozenset[str] = frozenset()
    # A value overlay: node -> fill and label; the legend's (name, colour) pairs, in order.
    shades: Mapping[str, NodeShade] = field(default_factory=dict)
    shade_legend: tuple[tuple[str, str], ...] = ()


def _position(index: KnowledgeIndex, node_id: str) -> tuple[float, float]:
    x, y = index.kb.layout[node_id]
    return x, y * Y_STRETCH


def _shortened(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float, float, float]:
    """Edge end points pulled back from both node centres, and the unit direction."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return x0 + ux * NODE_RADIUS, y0 + uy * NODE_RADIUS, x1 - ux * NODE_RADIUS, y1 - uy * NODE_RADIUS, ux, uy


def _edge_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    groups: dict[str, dict[str, list]] = {}

    def group(name: str) -> dict[str, list]:
        return groups.setdefault(
            name, {"x": [], "y": [], "hx": [], "hy": [], "angle": [], "bx": [], "by": []}
        )

    for edge in index.kb.edges:
        source_kind = index.nodes[edge.source].kind
        if index.nodes[edge.target].kind == "syndrome":
            name = "syndrome"
        elif source_kind == "cause" and not view.insulin_resistant:
            name = "cause_dim"
        elif (edge.source, edge.target) in view.disturbed and view.insulin_resistant:
            name = "disturbed"
        else:
            name = edge.sign
        if view.focus is not None and not {edge.source, edge.target} <= view.focus:
            name = "faded"
        x0, y0 = _position(index, edge.source)
        x1, y1 = _position(index, edge.target)
        sx, sy, ex, ey, ux, uy = _shortened(x0, y0, x1, y1)
        bucket = group(name)
        bucket["x"] += [sx, ex, None]
        bucket["y"] += [sy, ey, None]
        if edge.sign == "activates":
            bucket["hx"].append(ex)
            bucket["hy"].append(ey)
            bucket["angle"].append(math.degrees(math.atan2(ux, uy)))
        else:
            # A flat bar across the end of the line: the T-bar of inhibition.
            px, py = -uy * 0.17, ux * 0.17
            bucket["bx"] += [ex + px, ex - px, None]
            bucket["by"] += [ey + py, ey - py, None]

    styles = {
        "activates": (ACTIVATES, "solid", 1.6, "activates (arrow)"),
        "inhibits": (INHIBITS, "dash", 1.6, "inhibits (T-bar)"),
        "disturbed": (DISTURBED, "dot", 2.6, "disturbed in insulin resistance"),
        "cause_dim": ("#c9b8ae", "solid", 1.0, "cause (switch on: insulin-resistant view)"),
        "syndrome": ("#c9a3c4", "dot", 1.0, "gene loss causes syndrome"),
        "faded": ("#e3e3e3", "solid", 1.0, "outside the focused paths"),
    }
    traces: list[go.Scatter] = []
    for name, (colour, dash, width, legend) in styles.items():
        if name not in groups:
            continue
        bucket = groups[name]
        traces.append(
            go.Scatter(
                x=bucket["x"],
                y=bucket["y"],
                mode="lines",
                name=legend,
                line={"color": colour, "dash": dash, "width": width},
                hoverinfo="skip",
            )
        )
        if bucket["hx"]:
            traces.append(
                go.Scatter(
                    x=bucket["hx"],
                    y=bucket["hy"],
                    mode="markers",
                    showlegend=False,
                    hoverinfo="skip",
                    marker={"symbol": "triangle-up", "size": 9, "color": colour, "angle": bucket["angle"]},
                    unselected=KEEP_UNSELECTED,
                )
            )
        if bucket["bx"]:
            traces.append(
                go.Scatter(
                    x=bucket["bx"],
                    y=bucket["by"],
                    mode="lines",
                    showlegend=False,
                    hoverinfo="skip",
                    line={"color": colour, "width": width + 1.4},
                )
            )
    return traces


def _hover(index: KnowledgeIndex, node_id: str, view: MapView) -> str:
    node = index.nodes[node_id]
    lines = [f"<b>{html.escape(node.label)}</b>", html.escape(node.summary)]
    if node_id in view.directions:
        lines.append(f"predicted: {html.escape(view.directions[node_id])}")
    mark = view.marks.get(node_id)
    if mark is not None:
        lines.append(html.escape(mark.note))
    shade = view.shades.get(node_id)
    if shade is not None:
        lines.append(html.escape(shade.note))
    return "<br>".join(lines)


def _node_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    """All nodes as one trace, and the legend's kinds as empty traces.

    One trace, so that a click on the map (plotly's own selection) moves the selection from the node
    that was selected to the clicked one; with a trace per kind, the old node stayed drawn as selected.
    Focus mode fades by colour, since plotly's selection styling overrides per-point opacity.
    """
    nodes = index.kb.nodes
    node_ids = [node.id for node in nodes]

    def faded(node_id: str) -> bool:
        return view.focus is not None and node_id not in view.focus

    if view.shades:
        colours = [
            view.shades[node_id].colour if node_id in view.shades else UNSHADED for node_id in node_ids
        ]
    elif view.directions:
        colours = [DIRECTION_COLOURS[view.directions.get(node_id, "unchanged")] for node_id in node_ids]
    else:
        colours = [KIND_STYLES[node.kind].colour for node in nodes]
    traces = [
        go.Scatter(
            x=[_position(index, node_id)[0] for node_id in node_ids],
            y=[_position(index, node_id)[1] for node_id in node_ids],
            mode="markers+text",
            name="nodes",
            showlegend=False,
            text=[html.escape(node.short_label) for node in nodes],
            textposition="bottom center",
            textfont={"size": 10, "color": [FADED_INK if faded(node_id) else INK for node_id in node_ids]},
            customdata=node_ids,
            hovertext=[_hover(index, node_id, view) for node_id in node_ids],
            hoverinfo="text",
            marker={
                "symbol": [KIND_STYLES[node.kind].symbol for node in nodes],
                "size": NODE_SIZE,
                "color": [
                    FADED if faded(node_id) else colour
                    for node_id, colour in zip(node_ids, colours, strict=True)
                ],
                "line": {
                    "color": [FADED_INK if faded(node_id) else INK for node_id in node_ids],
                    "width": 1.2,
                },
            },
            # The selected node is plotly's own selection, so that a click on the map marks the node
            # in the browser and the figure sent from the server need not change.
            selectedpoints=[node_ids.index(view.selected)] if view.selected in node_ids else None,
            selected={"marker": {"opacity": 1.0, "size": SELECTED_SIZE}, "textfont": {"color": "#000000"}},
            # Stated, or plotly leaves a node that loses the selection at the selected size.
            unselected={"marker": {"opacity": 1.0, "size": NODE_SIZE}},
        )
    ]
    # In the what-if view colours mean change, not kind, so the kind legend would mislead.
    legends = (
        {}
        if view.directions or view.shades
        else {KIND_STYLES[node.kind].legend: KIND_STYLES[node.kind] for node in nodes}
    )
    traces += [_legend_entry(legend, style.symbol, style.colour, 1.2) for legend, style in legends.items()]
    return traces


def _legend_entry(name: str, symbol: str, colour: str, line_width: float) -> go.Scatter:
    """A legend item with no point on the map."""
    return go.Scatter(
        x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
        marker={"symbol": symbol, "size": 12, "color": colour, "line": {"color": INK, "width": line_width}},
    )  # fmt: skip


def _ring(
    index: KnowledgeIndex, node_ids: Iterable[str], colour: str, size: int, name: str, **extra
) -> go.Scatter:
    node_ids = list(node_ids)
    return go.Scatter(
        x=[_position(index, node_id)[0] for node_id in node_ids],
        y=[_position(index, node_id)[1] for node_id in node_ids],
        mode="markers",
        name=name,
        hoverinfo="skip",
        marker={
            "symbol": "circle-open",
            "size": size,
            "color": colour,
            "line": {"width": 3, "color": colour},
        },
        unselected=KEEP_UNSELECTED,
        **extra,
    )


def _overlay_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    traces = []
    colours: dict[str, list[str]] = {}
    for node_id, mark in view.marks.items():
        colours.setdefault(mark.colour, []).append(node_id)
    for colour, node_ids in colours.items():
        note = view.marks[node_ids[0]].note.split(":")[0]
        traces.append(_ring(index, node_ids, colour, 36, f"Your variants: {note}"))
        traces.append(
            go.Scatter(
                x=[_position(index, node_id)[0] + 0.34 for node_id in node_ids],
                y=[_position(index, node_id)[1] + 0.34 for node_id in node_ids],
                mode="text",
                text=[str(view.marks[node_id].count) for node_id in node_ids],
                textfont={"size": 11, "color": colour},
                unselected={"textfont": {"color": colour}},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for direction, legend in DIRECTION_LEGEND.items() if view.directions else ():
        traces.append(_legend_entry(legend, "circle", DIRECTION_COLOURS[direction], 1))
    if view.highlighted:
        traces.append(_ring(index, sorted(view.highlighted), "#E69F00", 40, "Highlighted"))
    traces += _shade_traces(index, view)

    return traces


def _shade_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    """The value overlay's labels above their nodes, and its legend."""
    if not view.shades:
        return []
    node_ids = sorted(view.shades)
    labels = go.Scatter(
        x=[_position(index, node_id)[0] for node_id in node_ids],
        y=[_position(index, node_id)[1] + 0.42 for node_id in node_ids],
        mode="text",
        text=[html.escape(view.shades[node_id].label) for node_id in node_ids],
        textfont={"size": 11, "color": INK},
        unselected={"textfont": {"color": INK}},
        showlegend=False,
        hoverinfo="skip",
    )
    return [labels, *(_legend_entry(name, "circle", colour, 1) for name, colour in view.shade_legend)]


def _rect(x0: float, x1: float, y0: float, y1: float, fill: str, line: dict) -> dict:
    """A background rectangle in layout coordinates (rows stretched like the nodes)."""
    return {"type": "rect", "x0": x0, "x1": x1, "y0": y0 * Y_STRETCH, "y1": y1 * Y_STRETCH, "fillcolor": fill,
            "layer": "below", "line": line}  # fmt: skip


def _label(x: float, y: float, text: str, xanchor: str, yanchor: str, font: dict) -> dict:
    """A text label in layout coordinates (rows stretched like the nodes)."""
    return {"x": x, "y": y * Y_STRETCH, "text": text, "showarrow": False, "xanchor": xanchor, "yanchor": yanchor,
            "font": font}  # fmt: skip


def _background() -> tuple[list[dict], list[dict]]:
    """Compartment bands, the GLUT4 vesicle box and the side panels, with their labels."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    for label, y0, y1, fill in BANDS:
        shapes.append(_rect(CELL_X[0], CELL_X[1], y0, y1, fill, {"width": 0}))
        annotations.append(
            _label(
                CELL_X[1] - 0.1, y1 - 0.1, f"<i>{label}</i>", "right", "top", {"size": 11, "color": "#555"}
            )
        )
    x0, x1, y0, y1, fill, label = VESICLES
    shapes.append(_rect(x0, x1, y0, y1, fill, {"color": "#7fb77f", "width": 1, "dash": "dot"}))
    annotations.append(
        _label(x0 + 0.05, y0 + 0.04, f"<i>{label}</i>", "left", "bottom", {"size": 10, "color": "#3b6e3b"})
    )
    for x0, x1, y0, y1, fill, label in PANELS:
        shapes.append(_rect(x0, x1, y0, y1, fill, {"width": 0}))
        annotations.append(
            _label(
                (x0 + x1) / 2, y1 - 0.06, f"<b>{label}</b>", "center", "top", {"size": 12, "color": "#444"}
            )
        )
    return shapes, annotations


def pathway_figure(index: KnowledgeIndex, view: MapView | None = None, height: int = 640) -> go.Figure:
    """The whole pathway map for `view`; node ids travel in each point's customdata."""
    view = view or MapView()
    shapes, annotations = _background()
    figure = go.Figure(
        data=[*_edge_traces(index, view), *_node_traces(index, view), *_overlay_traces(index, view)]
    )
    title = "Insulin signalling" + (": insulin-resistant view" if view.insulin_resistant else "")
    figure.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 16}},
        shapes=shapes,
        annotations=annotations,
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"family": "sans-serif", "color": INK},
        dragmode="pan",
        clickmode="event+select",
        hovermode="closest",
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 0.0,
            "x": 0,
            "font": {"size": 10},
            "itemsizing": "constant",
        },
        xaxis={"visible": False, "range": [-5.8, 23.8], "constrain": "domain"},
        yaxis={
            "visible": False,
            "range": [-0.1, 10.6 * Y_STRETCH],
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
    )
    return figure
