"""The map figure: what a person sees, drawn from the knowledge base."""

from __future__ import annotations

import pytest

from components.pathway_figure import MapView, NodeMark, pathway_figure


def test_every_node_is_drawn_once_with_its_id(index):
    """Each node appears as one clickable point carrying its id."""
    figure = pathway_figure(index)
    ids = [node for trace in figure.data if trace.customdata is not None for node in trace.customdata]
    assert sorted(ids) == sorted(index.nodes)


def test_selected_node_is_marked_as_plotly_selection(index):
    """The selected node is the one selected point (drawn larger); no selection, no selected points."""
    figure = pathway_figure(index, MapView(selected="AKT2"))
    selected = [
        trace.customdata[point]
        for trace in figure.data
        if trace.customdata is not None
        for point in trace.selectedpoints or ()
    ]
    assert selected == ["AKT2"]
    assert all(
        trace.selected.marker.size > trace.marker.size
        for trace in figure.data
        if trace.customdata is not None
    )
    assert all(trace.selectedpoints is None for trace in pathway_figure(index).data)


def test_a_selection_fades_nothing_else(index):
    """Unselected points keep their look, so a click changes nothing on the map but the clicked node."""
    marks = {"PTEN": NodeMark("#000000", 1, "PTEN: 1 finding")}
    figure = pathway_figure(index, MapView(selected="AKT2", marks=marks, highlighted=frozenset({"INSR"})))
    for trace in figure.data:
        if trace.x == (None,):  # a legend entry, with no point to select
            continue
        if "markers" in trace.mode:
            own = 1.0 if trace.marker.opacity is None else trace.marker.opacity
            assert trace.unselected.marker.opacity == own, trace.name
        if "text" in trace.mode:
            assert trace.unselected.textfont.color == trace.textfont.color, trace.name


def test_focus_fades_the_nodes_outside_it(index):
    """Focus mode draws the nodes outside the focus faded, the focused ones in their colours."""
    from components.pathway_figure import FADED, KIND_STYLES

    figure = pathway_figure(index, MapView(selected="AKT2", focus=frozenset({"AKT2", "PDPK1"})))
    nodes = next(trace for trace in figure.data if trace.customdata is not None)
    colour = dict(zip(nodes.customdata, nodes.marker.color, strict=True))
    assert colour["AKT2"] == KIND_STYLES["kinase"].colour
    assert colour["INSR"] == FADED


def test_inhibition_is_drawn_as_t_bars_and_activation_as_arrows(index):
    """Both edge signs are in the legend, so the figure explains itself when exported."""
    names = {trace.name for trace in pathway_figure(index).data}
    assert {"activates (arrow)", "inhibits (T-bar)"} <= names


def test_hover_text_from_a_file_is_escaped(index):
    """A mark's note (which can carry file text) is HTML-escaped in the hover."""
    view = MapView(marks={"AKT2": NodeMark(colour="#7F7F7F", count=1, note="<script>x</script>")})
    hovers = [
        text for trace in pathway_figure(index, view).data if trace.hovertext for text in trace.hovertext
    ]
    assert any("&lt;script&gt;" in text for text in hovers) and not any("<script>" in text for text in hovers)


def test_every_node_has_a_position_inside_the_drawing(index):
    """Every node (new ones included) has a curated position within the drawing's range."""
    from components.pathway_figure import X_RANGE, Y_RANGE, Y_STRETCH

    for node in index.kb.nodes:
        assert node.id in index.kb.layout, f"{node.id}: add a position to kb/data/layout.json"
        x, y = index.kb.layout[node.id]
        assert X_RANGE[0] < x < X_RANGE[1] and Y_RANGE[0] < y * Y_STRETCH < Y_RANGE[1], node.id


@pytest.mark.parametrize("plain", [False, True], ids=["short labels", "plain labels"])
def test_labels_clear_at_every_drawing_width(index, plain):
    """The placement model finds no label touching a label, a symbol, a compartment's name or the edge of
    the drawing, at every width the page draws the map. If this fails after adding a node, run
    `.venv/bin/python tools/place_map.py` and review the map."""
    from components.pathway_figure import DRAWING_WIDTHS, label_positions, map_scene
    from kb.map_layout import collisions

    scene = map_scene(index, plain)
    positions = label_positions(index, plain)
    for width in DRAWING_WIDTHS:
        assert collisions(scene, positions, width) == [], f"at {width:.0f} px: run tools/place_map.py"


def test_patient_view_draws_plain_labels(index):
    """The patient view draws each node's plain label where it has one."""
    labels = next(
        trace for trace in pathway_figure(index, MapView(plain=True)).data if trace.name == "labels"
    )
    drawn = dict(zip((node.id for node in index.kb.nodes), labels.text, strict=True))
    assert drawn["AKT2"] == "Main switch" and drawn["INSR"].replace("<br>", " ") == "Insulin receptor"


def test_break_levels_colour_the_causes_edges_by_level(index):
    """The break-level view draws each cause's edge in the colour of the level it breaks, with a legend
    entry per level; the ordinary view draws none of them."""
    from components.pathway_figure import BREAK_LEVELS

    names = {trace.name for trace in pathway_figure(index, MapView(break_levels=True)).data}
    levels = {edge.break_level for edge in index.kb.edges if edge.break_level}
    assert {BREAK_LEVELS[level][2] for level in levels} <= names
    assert not {legend for _, _, legend in BREAK_LEVELS.values()} & {
        trace.name for trace in pathway_figure(index).data
    }


def test_an_overlay_colours_nodes_by_value_with_its_legend(index):
    """A per-node overlay (e.g. a model readout) colours those nodes, notes their hover and brings its
    own legend instead of the kinds'."""
    from components.pathway_figure import NodeOverlay

    overlay = NodeOverlay(
        colours={"AKT2": "#123456"}, notes={"AKT2": "62 % of maximum"}, legend=(("high", "#123456"),)
    )
    figure = pathway_figure(index, MapView(overlay=overlay))
    nodes = next(trace for trace in figure.data if trace.name == "nodes")
    colour = dict(zip(nodes.customdata, nodes.marker.color, strict=True))
    hover = dict(zip(nodes.customdata, nodes.hovertext, strict=True))
    assert colour["AKT2"] == "#123456" and "62 % of maximum" in hover["AKT2"]
    assert "high" in {trace.name for trace in figure.data} and "Kinase" not in {
        trace.name for trace in figure.data
    }


def test_patient_labels_read_at_grade_8_or_below(index):
    """The patient view's labels, read as a list, are at reading grade 8 or below, and every node whose
    map name is a symbol or abbreviation has a plain label."""
    import textstat

    from components.pathway_figure import node_labels

    labels = node_labels(index, plain=True)
    text = ". ".join(label.replace("\n", " ") for label in labels.values()) + "."
    assert textstat.flesch_kincaid_grade(text) <= 8
    jargon = [
        node.id
        for node in index.kb.nodes
        if node.kind != "syndrome" and not node.plain_label and any(c.isupper() for c in node.short_label[1:])
    ]
    assert jargon == [], "add a plain_label to these nodes in kb/data/nodes.json"
