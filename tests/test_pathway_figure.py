"""The map figure: what a person sees, drawn from the knowledge base."""

from __future__ import annotations

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
