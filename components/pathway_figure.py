"""The pathway map as a plotly figure: compartment bands, signed edges, nodes styled by kind.

Pure plotly, no streamlit, so that the figure can be tested, exported and embedded alike.
Coordinates are the curated layout of the knowledge base, with equal x and y scales so that
arrowheads and T-bars point along their edges. Labels are placed by kb.map_layout so that none touches
another label or a symbol at any width the page draws the map.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import plotly.graph_objects as go

from kb.index import KnowledgeIndex
from kb.map_layout import ANCHOR_SIZE, FONT_SIZE, FixedText, Scene, cached_placement, text_width

__all__ = [
    "ASPECT",
    "BREAK_LEVELS",
    "DIRECTION_COLOURS",
    "DRAWING_WIDTHS",
    "KIND_STYLES",
    "MapView",
    "NODE_SIZE",
    "NodeMark",
    "NodeOverlay",
    "Y_STRETCH",
    "chart_height",
    "legend_columns",
    "legend_rows",
    "map_scene",
    "node_labels",
    "pathway_figure",
]

# Data units between the drawn edge's end and the node's centre.
NODE_RADIUS = 0.42
# The curated layout's rows are spread vertically, so that the map is nearly as tall as it is wide: it
# then fits a column beside the node's detail, and a window's height.
Y_STRETCH = 2.5
X_RANGE = (-5.9, 23.9)
Y_RANGE = (-0.1 * Y_STRETCH, 11.6 * Y_STRETCH)
# Width over height of the drawing itself (the page sizes the chart from it).
ASPECT = (X_RANGE[1] - X_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])
# Widths (pixels) of the drawing at which labels are placed clear of each other and of every symbol:
# from the narrowest column the page gives the map to the widest.
DRAWING_WIDTHS = (620.0, 700.0, 800.0, 920.0, 1060.0, 1250.0, 1500.0)
FONT_FAMILY = '"Source Sans", "Source Sans Pro", sans-serif'
INK = "#1f2937"
# Nodes outside a focused node's paths: symbols pale, labels grey but still readable (4.8:1).
FADED = "#EEEEEE"
FADED_LINE = "#BBBBBB"
FADED_INK = "#6b7280"
ACTIVATES = "#1f4e79"
INHIBITS = "#b03a00"
DISTURBED = "#D55E00"
NODE_SIZE = 16
SELECTED_SIZE = 24
MARK_RING_SIZE = 26
HIGHLIGHT_RING_SIZE = 30
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
    "syndrome": KindStyle("Insulin-resistance syndrome", "#AA4499", "pentagon"),
}

# Predicted change in the what-if view: colour-blind-safe, and the words are in hover and legend too.
DIRECTION_COLOURS = {"up": "#0072B2", "down": "#D55E00", "ambiguous": "#CC79A7", "unchanged": "#E8E8E8"}
DIRECTION_LEGEND = {
    "up": "predicted up",
    "down": "predicted down",
    "ambiguous": "paths disagree",
    "unchanged": "unchanged",
}
# The three levels at which a cause breaks the signal (edges' break_level): colour, dash, legend.
BREAK_LEVELS = {
    "fewer_receptors": ("#0072B2", "solid", "① fewer receptors"),
    "receptor_signalling": ("#009E73", "dash", "② receptor signalling"),
    "intracellular_signalling": ("#D55E00", "dot", "③ signalling inside the cell"),
}

# Compartment bands of the cell (label, y0, y1, fill) and the side panels (x0, x1, y0, y1, fill, label).
CELL_X = (-0.3, 17.5)
BANDS = (
    ("Extracellular space", 9.05, 11.5, "#EEF4FA"),
    ("Plasma membrane", 7.85, 9.05, "#D9E4F0"),
    ("Cytoplasm", 2.0, 7.85, "#FAFAF4"),
    ("Nucleus", 0.1, 2.0, "#EFE9F5"),
)
VESICLES = (10.7, 14.0, 6.55, 7.7, "#E3F2E3", "GLUT4 vesicles")
PANELS = (
    (-5.8, -0.6, 0.1, 11.5, "#FCEDE6", "Causes"),
    (17.8, 23.8, 4.15, 11.5, "#F7E8EF", "Consequences"),
    (17.8, 23.8, 0.1, 3.95, "#F1EEF4", "Severe insulin-resistance\nsyndromes"),
)
# Plain labels longer than this are drawn on two lines.
PLAIN_LINE = 11
BAND_FONT = 12
PANEL_FONT = 13
TITLE_PX = 34
LEGEND_COLUMNS = 3
LEGEND_ROW_PX = 20
# A legend entry's symbol and the gap before its text.
LEGEND_SYMBOL_PX = 48


@dataclass(frozen=True)
class NodeMark:
    """An overlay mark on a node: a coloured ring with a count (the person's findings)."""

    colour: str
    count: int
    note: str


@dataclass(frozen=True)
class NodeOverlay:
    """Nodes coloured by a value (a model readout, a predicted change), with the legend that reads it.

    `colours` maps node id to fill colour (nodes not named are filled with `unnamed`), `notes` adds a line
    to a node's hover, `values` are written small above their nodes (a model's change, say), and `legend`
    lists (name, colour) pairs shown under the map.
    """

    colours: Mapping[str, str]
    notes: Mapping[str, str] = field(default_factory=dict)
    legend: tuple[tuple[str, str], ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)
    unnamed: str = "#E8E8E8"


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
    # Plain-language labels (the patient view).
    plain: bool = False
    # Colour the causes' edges by the level at which they break the signal.
    break_levels: bool = False
    overlay: NodeOverlay | None = None


def _position(index: KnowledgeIndex, node_id: str) -> tuple[float, float]:
    x, y = index.kb.layout[node_id]
    return x, y * Y_STRETCH


def node_labels(index: KnowledgeIndex, plain: bool = False) -> dict[str, str]:
    """The name drawn beside each node: the short label, or in the patient view the plain one, broken
    into two lines where it is long (lines are separated by a newline)."""
    return {
        node.id: _two_lines(node.plain_label or node.short_label) if plain else node.short_label
        for node in index.kb.nodes
    }


def _two_lines(label: str) -> str:
    """A label of more than one short word broken at the space nearest its middle."""
    if len(label) <= PLAIN_LINE or " " not in label:
        return label
    spaces = [position for position, character in enumerate(label) if character == " "]
    middle = min(spaces, key=lambda position: abs(position - len(label) / 2))
    return label[:middle] + "\n" + label[middle + 1 :]


def _shortened(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float, float, float]:
    """Edge end points pulled back from both node centres, and the unit direction."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return x0 + ux * NODE_RADIUS, y0 + uy * NODE_RADIUS, x1 - ux * NODE_RADIUS, y1 - uy * NODE_RADIUS, ux, uy


def _fixed_texts() -> list[tuple[FixedText, str]]:
    """The compartments' and panels' own names, with their colours (in drawn coordinates)."""
    texts = []
    for label, _, y1, _ in BANDS:
        # The space outside the cell is named at its right, where nothing is drawn; the others at the left.
        outside = label == BANDS[0][0]
        x, anchor = (CELL_X[1] - 0.15, "right") if outside else (CELL_X[0] + 0.15, "left")
        texts.append((FixedText(x, (y1 - 0.06) * Y_STRETCH, label, anchor, "top", BAND_FONT), "#4b5563"))
    x0, _, y0, _, _, label = VESICLES
    texts.append((FixedText(x0 + 0.05, y0 * Y_STRETCH + 0.05, label, "left", "bottom", BAND_FONT), "#2f5a2f"))
    for x0, x1, _, y1, _, label in PANELS:
        texts.append(
            (
                FixedText(
                    (x0 + x1) / 2, (y1 - 0.05) * Y_STRETCH, label, "center", "top", PANEL_FONT, bold=True
                ),
                "#374151",
            )
        )
    return texts


def map_scene(
    index: KnowledgeIndex, plain: bool = False, layout: Mapping[str, tuple[float, float]] | None = None
) -> Scene:
    """What label placement must respect on this map: nodes with their labels, fixed texts, edges.

    `layout` (curated units, as in layout.json) replaces the knowledge base's positions, for tools.
    """
    labels = node_labels(index, plain)
    layout = index.kb.layout if layout is None else layout

    def position(node_id: str) -> tuple[float, float]:
        x, y = layout[node_id]
        return x, y * Y_STRETCH

    nodes = tuple((node.id, *position(node.id), labels[node.id]) for node in index.kb.nodes)
    edges = []
    for edge in index.kb.edges:
        sx, sy, ex, ey, _, _ = _shortened(*position(edge.source), *position(edge.target))
        edges.append((sx, sy, ex, ey))
    fixed = tuple(text for text, _ in _fixed_texts())
    return Scene(nodes=nodes, fixed=fixed, edges=tuple(edges), x_range=X_RANGE, y_range=Y_RANGE)


def label_positions(index: KnowledgeIndex, plain: bool = False) -> dict[str, str]:
    """Where each node's label goes (a plotly textposition), clear at every width in DRAWING_WIDTHS."""
    return cached_placement(map_scene(index, plain), DRAWING_WIDTHS)


def _edge_group(
    index: KnowledgeIndex, view: MapView, source: str, target: str, sign: str, level: str | None
) -> str:
    source_kind = index.nodes[source].kind
    if view.focus is not None and not {source, target} <= view.focus:
        return "faded"
    if view.break_levels and level is not None:
        return level
    if index.nodes[target].kind == "syndrome":
        return "syndrome"
    if source_kind == "cause" and not (view.insulin_resistant or view.break_levels):
        return "cause_dim"
    if (source, target) in view.disturbed and view.insulin_resistant:
        return "disturbed"
    return sign


def _edge_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    groups: dict[str, dict[str, list]] = {}

    def group(name: str) -> dict[str, list]:
        return groups.setdefault(
            name, {"x": [], "y": [], "hx": [], "hy": [], "angle": [], "bx": [], "by": []}
        )

    for edge in index.kb.edges:
        name = _edge_group(index, view, edge.source, edge.target, edge.sign, edge.break_level)
        sx, sy, ex, ey, ux, uy = _shortened(*_position(index, edge.source), *_position(index, edge.target))
        bucket = group(name)
        bucket["x"] += [sx, ex, None]
        bucket["y"] += [sy, ey, None]
        if edge.sign == "activates":
            bucket["hx"].append(ex)
            bucket["hy"].append(ey)
            bucket["angle"].append(math.degrees(math.atan2(ux, uy)))
        else:
            # A flat bar across the end of the line: the T-bar of inhibition.
            px, py = -uy * 0.2, ux * 0.2
            bucket["bx"] += [ex + px, ex - px, None]
            bucket["by"] += [ey + py, ey - py, None]

    styles = {
        "activates": (ACTIVATES, "solid", 1.6, "activates (arrow)"),
        "inhibits": (INHIBITS, "dash", 1.6, "inhibits (T-bar)"),
        "disturbed": (DISTURBED, "dot", 2.6, "disturbed when resistant"),
        **{level: (colour, dash, 3.0, legend) for level, (colour, dash, legend) in BREAK_LEVELS.items()},
        "cause_dim": ("#c9b8ae", "solid", 1.0, "a cause acts (faint)"),
        "syndrome": ("#c9a3c4", "dot", 1.0, "gene loss causes syndrome"),
        "faded": ("#e3e3e3", "solid", 1.0, "outside the focus"),
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
    if view.overlay is not None and node_id in view.overlay.notes:
        lines.append(html.escape(view.overlay.notes[node_id]))
    mark = view.marks.get(node_id)
    if mark is not None:
        lines.append(html.escape(mark.note))
    return "<br>".join(lines)


def _overlay_of(view: MapView) -> NodeOverlay | None:
    """The per-node colouring in force: a caller's overlay, or the what-if view's predicted changes."""
    if view.overlay is not None:
        return view.overlay
    if view.directions:
        return NodeOverlay(
            colours={node: DIRECTION_COLOURS[direction] for node, direction in view.directions.items()},
            legend=tuple((DIRECTION_LEGEND[d], DIRECTION_COLOURS[d]) for d in DIRECTION_LEGEND),
        )
    return None


def _node_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    """All nodes as one trace, their labels as another, and the legend's kinds as empty traces.

    One node trace, so that a click on the map (plotly's own selection) moves the selection from the
    node that was selected to the clicked one; with a trace per kind, the old node stayed drawn as
    selected. Labels sit in a trace of their own, set off by an invisible marker larger than the
    selection mark, so that a selected node never covers its label. Focus mode fades by colour, since
    plotly's selection styling overrides per-point opacity.
    """
    nodes = index.kb.nodes
    node_ids = [node.id for node in nodes]
    xs = [_position(index, node_id)[0] for node_id in node_ids]
    ys = [_position(index, node_id)[1] for node_id in node_ids]

    def faded(node_id: str) -> bool:
        return view.focus is not None and node_id not in view.focus

    overlay = _overlay_of(view)
    if overlay is not None:
        colours = [overlay.colours.get(node_id, overlay.unnamed) for node_id in node_ids]
    else:
        colours = [KIND_STYLES[node.kind].colour for node in nodes]
    labels = node_labels(index, view.plain)
    positions = label_positions(index, view.plain)
    traces = [
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            name="nodes",
            showlegend=False,
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
                    "color": [FADED_LINE if faded(node_id) else INK for node_id in node_ids],
                    "width": 1.2,
                },
            },
            # The selected node is plotly's own selection, so that a click on the map marks the node
            # in the browser and the figure sent from the server need not change.
            selectedpoints=[node_ids.index(view.selected)] if view.selected in node_ids else None,
            selected={"marker": {"opacity": 1.0, "size": SELECTED_SIZE}},
            # Stated, or plotly leaves a node that loses the selection at the selected size.
            unselected={"marker": {"opacity": 1.0, "size": NODE_SIZE}},
        ),
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            name="labels",
            showlegend=False,
            hoverinfo="skip",
            text=[html.escape(labels[node_id]).replace("\n", "<br>") for node_id in node_ids],
            textposition=[positions[node_id] for node_id in node_ids],
            textfont={
                "size": FONT_SIZE,
                "family": FONT_FAMILY,
                "color": INK
                if view.focus is None
                else [FADED_INK if faded(node_id) else INK for node_id in node_ids],
            },
            marker={"size": ANCHOR_SIZE, "opacity": 0},
            # A click selects a node in the node trace and leaves every label "unselected", which plotly
            # would dim to a fifth: labels keep their ink.
            unselected={"marker": {"opacity": 0}, "textfont": {"color": INK}},
        ),
    ]
    # With an overlay colours mean a value, not kind, so the kind legend would mislead.
    if overlay is not None:
        traces += [_legend_entry(name, "circle", colour, 1) for name, colour in overlay.legend]
    else:
        legends = {KIND_STYLES[node.kind].legend: KIND_STYLES[node.kind] for node in nodes}
        traces += [
            _legend_entry(legend, style.symbol, style.colour, 1.2) for legend, style in legends.items()
        ]
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
        traces.append(_ring(index, node_ids, colour, MARK_RING_SIZE, f"Your variants: {note}"))
        # The count in dark ink on a white disc at the ring's upper right, readable on any background.
        traces.append(
            go.Scatter(
                x=[_position(index, node_id)[0] for node_id in node_ids],
                y=[_position(index, node_id)[1] for node_id in node_ids],
                mode="markers+text",
                text=[str(view.marks[node_id].count) for node_id in node_ids],
                textposition="top right",
                textfont={"size": FONT_SIZE, "color": INK, "family": FONT_FAMILY},
                marker={"size": 10, "opacity": 0},
                unselected={"marker": {"opacity": 0}, "textfont": {"color": INK}},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if view.highlighted:
        traces.append(_ring(index, sorted(view.highlighted), "#E69F00", HIGHLIGHT_RING_SIZE, "Highlighted"))
    traces += _value_traces(index, view)
    return traces


def _value_traces(index: KnowledgeIndex, view: MapView) -> list[go.Scatter]:
    """An overlay's values written small above their nodes."""
    if view.overlay is None or not view.overlay.values:
        return []
    values = view.overlay.values
    node_ids = sorted(values)
    return [
        go.Scatter(
            x=[_position(index, node_id)[0] for node_id in node_ids],
            y=[_position(index, node_id)[1] + NODE_RADIUS for node_id in node_ids],
            mode="text",
            text=[html.escape(values[node_id]) for node_id in node_ids],
            textposition="top center",
            textfont={"size": FONT_SIZE - 1, "color": INK, "family": FONT_FAMILY},
            unselected={"textfont": {"color": INK}},
            showlegend=False,
            hoverinfo="skip",
        )
    ]


def _rect(x0: float, x1: float, y0: float, y1: float, fill: str, line: dict) -> dict:
    """A background rectangle in layout coordinates (rows stretched like the nodes)."""
    return {"type": "rect", "x0": x0, "x1": x1, "y0": y0 * Y_STRETCH, "y1": y1 * Y_STRETCH, "fillcolor": fill,
            "layer": "below", "line": line}  # fmt: skip


def _background() -> tuple[list[dict], list[dict]]:
    """Compartment bands, the GLUT4 vesicle box and the side panels, with their labels."""
    shapes: list[dict] = []
    for _, y0, y1, fill in BANDS:
        shapes.append(_rect(CELL_X[0], CELL_X[1], y0, y1, fill, {"width": 0}))
    x0, x1, y0, y1, fill, _ = VESICLES
    shapes.append(_rect(x0, x1, y0, y1, fill, {"color": "#7fb77f", "width": 1, "dash": "dot"}))
    for x0, x1, y0, y1, fill, _ in PANELS:
        shapes.append(_rect(x0, x1, y0, y1, fill, {"width": 0}))
    annotations = []
    for text, colour in _fixed_texts():
        lines = text.text.replace("\n", "<br>")
        words = f"<b>{lines}</b>" if text.bold else f"<i>{lines}</i>"
        annotations.append(
            {"x": text.x, "y": text.y, "text": words, "showarrow": False, "xanchor": text.xanchor,
             "yanchor": text.yanchor, "font": {"size": text.size, "color": colour}, "borderpad": 0}
        )  # fmt: skip
    return shapes, annotations


def _legend_names(figure: go.Figure) -> list[str]:
    return [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]


def legend_columns(figure: go.Figure) -> int:
    """How many columns the legend runs in: as many as the longest entry allows at the narrowest width."""
    widest = max((text_width(name) for name in _legend_names(figure)), default=0.0) + LEGEND_SYMBOL_PX
    return max(1, min(LEGEND_COLUMNS, int(DRAWING_WIDTHS[0] // widest)))


def legend_rows(figure: go.Figure) -> int:
    """How many rows the figure's legend takes."""
    return math.ceil(len(_legend_names(figure)) / legend_columns(figure))


def chart_height(figure: go.Figure, width_px: float) -> float:
    """The figure's height (pixels) at which a `width_px`-wide chart draws the map across its full width."""
    margin = figure.layout.margin
    return (width_px - margin.l - margin.r) / ASPECT + margin.t + margin.b


def pathway_figure(
    index: KnowledgeIndex, view: MapView | None = None, height: int | None = None
) -> go.Figure:
    """The whole pathway map for `view`; node ids travel in each point's customdata.

    Without a `height` the figure takes its container's height: the page sizes the container with
    `chart_height`, so that the drawing fills the width. The legend runs in a fixed number of columns
    below the drawing, so its height depends only on how many entries it has.
    """
    view = view or MapView()
    shapes, annotations = _background()
    figure = go.Figure(
        data=[*_edge_traces(index, view), *_node_traces(index, view), *_overlay_traces(index, view)]
    )
    title = "Insulin signalling" + (": insulin-resistant view" if view.insulin_resistant else "")
    figure.update_layout(
        title={"text": title, "x": 0.01, "y": 1.0, "yanchor": "top", "yref": "container", "pad": {"t": 8},
               "font": {"size": 16}},
        shapes=shapes,
        annotations=annotations,
        margin={"l": 8, "r": 8, "t": TITLE_PX, "b": legend_rows(figure) * LEGEND_ROW_PX + 8},
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"family": FONT_FAMILY, "color": INK},
        dragmode="pan",
        clickmode="event+select",
        hovermode="closest",
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 0.0,
            "x": 0,
            "font": {"size": 12},
            "itemsizing": "constant",
            "entrywidth": 1 / legend_columns(figure),
            "entrywidthmode": "fraction",
        },
        xaxis={"visible": False, "range": list(X_RANGE), "constrain": "domain"},
        yaxis={
            "visible": False,
            "range": list(Y_RANGE),
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
    )  # fmt: skip
    if height is not None:
        figure.update_layout(height=height)
    return figure
