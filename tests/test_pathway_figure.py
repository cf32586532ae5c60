"""The map figure: what a person sees, drawn from the knowledge base."""

from __future__ import annotations

from components.pathway_figure import MapView, NodeMark, pathway_figure


def test_every_node_is_drawn_once_with_its_id(index):
    """Each node appears as one clickable point carrying its id."""
    figure = pathway_figure(index)
    ids = [node for trace in figure.data if trace.customdata is not None for node in trace.customdata]
    assert sorted(ids) == sorted(index.nodes)


def test_selected_node_is_ringed(index):
    """The selected node gets a ring centred on it; no selection, no ring."""
    from components.pathway_figure import Y_STRETCH

    x, y = index.kb.layout["AKT2"]
    rings = [
        shape
        for shape in pathway_figure(index, MapView(selected="AKT2")).layout.shapes
        if shape.type == "circle"
    ]
    assert len(rings) == 1
    assert (
        abs((rings[0].x0 + rings[0].x1) / 2 - x) < 1e-9
        and abs((rings[0].y0 + rings[0].y1) / 2 - y * Y_STRETCH) < 1e-9
    )
    assert not [shape for shape in pathway_figure(index).layout.shapes if shape.type == "circle"]


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
