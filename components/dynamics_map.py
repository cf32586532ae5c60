"""The pathway map coloured by the fat-cell model: each bound node by how far its readout moved from normal."""

from __future__ import annotations

from collections.abc import Mapping

from components.pathway_figure import MapView, NodeOverlay

__all__ = ["CHANGE_BINS", "change_view", "percent", "shade_of"]

# (lower bound of the relative change, legend, fill): colour-blind-safe, darker the further from normal.
CHANGE_BINS = (
    (0.5, "up by more than half", "#0072B2"),
    (0.1, "up 10–50 %", "#9CC9E8"),
    (-0.1, "within 10 % of normal", "#E8E8E8"),
    (-0.5, "down 10–50 %", "#F2B38F"),
    (float("-inf"), "down by more than half", "#D55E00"),
)
NOT_IN_MODEL = ("not in the model", "#FFFFFF")


def shade_of(change: float) -> str:
    """The fill of a node whose readout changed by `change` (relative)."""
    return next(colour for lower, _, colour in CHANGE_BINS if change >= lower)


def percent(change: float) -> str:
    """A relative change as a signed percentage with a true minus sign, e.g. '\u221245 %'."""
    return f"{change * 100:+.0f} %".replace("-", "\u2212")


def change_view(changes: Mapping[str, float], labels: Mapping[str, str], marked: frozenset[str]) -> MapView:
    """A map view whose bound nodes are filled by their change; `marked` (the perturbed nodes) ringed."""
    overlay = NodeOverlay(
        colours={node: shade_of(change) for node, change in changes.items()},
        notes={
            node: f"model: {labels[node]} {percent(change)} against normal"
            for node, change in changes.items()
        },
        values={node: percent(change) for node, change in changes.items()},
        legend=tuple((name, colour) for _, name, colour in CHANGE_BINS) + (NOT_IN_MODEL,),
        unnamed=NOT_IN_MODEL[1],
    )
    return MapView(overlay=overlay, highlighted=marked)
