"""What-if simulation: signed propagation of a loss or gain through the pathway graph.

Each perturbed node is clamped (loss: down, gain: up). A change travels along every non-feedback edge,
flipping direction across an `inhibits` edge. A node reached only with one direction gets that
direction; reached with both it is `ambiguous` (paths disagree); never reached, `unchanged`.
Two kinds of edge carry only a direct loss or gain of their source, not a change passed down to it:
feedback edges (slower loops that damp a primary effect rather than reverse it, such as S6K1 on IRS1 or
high insulin lowering receptor number), which are reported instead; and edges that act through the
source's amount rather than its signalling activity (`via_amount`); and branches that stay insulin-responsive
when the signal above them is impaired (`selective`, e.g. the mTORC1 -> SREBP-1c lipogenic branch in selective
hepatic insulin resistance), where a direct loss of the source still acts.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from kb.errors import InputError
from kb.graph import pathway_graph
from kb.vocabulary import LIFESTYLE_CAUSES

__all__ = [
    "Direction",
    "Perturbation",
    "SimulationResult",
    "disturbed_edges",
    "insulin_resistant_scenario",
    "parse_perturbation",
    "simulate",
]

Perturbation = Literal["loss", "gain"]
Direction = Literal["up", "down", "unchanged", "ambiguous"]
_SIGN_OF_EDGE = {"activates": 1, "inhibits": -1}
_DIRECTION_OF_SIGN: dict[int, Direction] = {1: "up", -1: "down"}


@dataclass(frozen=True)
class SimulationResult:
    """Predicted direction at every node, with one explaining path per direction reached."""

    perturbations: dict[str, Perturbation]
    effects: dict[str, Direction]
    paths: dict[str, dict[Direction, list[str]]] = field(default_factory=dict)
    feedback: list[tuple[str, str]] = field(default_factory=list)

    def changed(self) -> dict[str, Direction]:
        """Only the nodes whose direction is not `unchanged`."""
        return {node: direction for node, direction in self.effects.items() if direction != "unchanged"}


def parse_perturbation(text: str, graph: nx.DiGraph | None = None) -> tuple[str, Perturbation]:
    """Read 'NODE=loss' or 'NODE=gain'; raise InputError with a clear message otherwise."""
    graph = pathway_graph() if graph is None else graph
    node, separator, kind = text.partition("=")
    node, kind = node.strip(), kind.strip().lower()
    if not separator or kind not in ("loss", "gain"):
        raise InputError(f"perturbation {text!r}: write NODE=loss or NODE=gain, e.g. INSR=loss")
    if node not in graph:
        raise InputError(f"perturbation {text!r}: {node!r} is not a node of the pathway")
    return node, kind  # type: ignore[return-value]


def simulate(perturbations: dict[str, Perturbation], graph: nx.DiGraph | None = None) -> SimulationResult:
    """Predict the direction of change at every node of `graph` after the given losses and gains."""
    graph = pathway_graph() if graph is None else graph
    unknown = sorted(set(perturbations) - set(graph.nodes))
    if unknown:
        raise InputError(f"not nodes of the pathway: {', '.join(unknown)}")

    # Breadth-first search over (node, sign) states gives each state its shortest explaining path.
    parent: dict[tuple[str, int], tuple[str, int] | None] = {}
    queue: deque[tuple[str, int]] = deque()
    for node, kind in perturbations.items():
        state = (node, 1 if kind == "gain" else -1)
        parent[state] = None
        queue.append(state)
    feedback: set[tuple[str, str]] = set()
    while queue:
        node, sign = queue.popleft()
        for _, target, data in graph.out_edges(node, data=True):
            if (data["feedback"] or data["via_amount"] or data["selective"]) and node not in perturbations:
                if data["feedback"]:
                    feedback.add((node, target))
                continue
            if target in perturbations:
                continue
            state = (target, sign * _SIGN_OF_EDGE[data["sign"]])
            if state not in parent:
                parent[state] = (node, sign)
                queue.append(state)

    effects: dict[str, Direction] = {}
    paths: dict[str, dict[Direction, list[str]]] = {}
    for node in graph.nodes:
        reached = {sign for sign in (1, -1) if (node, sign) in parent}
        if not reached:
            effects[node] = "unchanged"
            continue
        effects[node] = _DIRECTION_OF_SIGN[reached.pop()] if len(reached) == 1 else "ambiguous"
        paths[node] = {
            _DIRECTION_OF_SIGN[sign]: _path_to((node, sign), parent)
            for sign in (1, -1)
            if (node, sign) in parent
        }
    return SimulationResult(
        perturbations=dict(perturbations),
        effects=effects,
        paths=paths,
        feedback=sorted(feedback),
    )


def _path_to(state: tuple[str, int], parent: dict[tuple[str, int], tuple[str, int] | None]) -> list[str]:
    path = []
    current: tuple[str, int] | None = state
    while current is not None:
        path.append(current[0])
        current = parent[current]
    return path[::-1]


def insulin_resistant_scenario(graph: nx.DiGraph | None = None) -> SimulationResult:
    """The map's insulin-resistant view: every modifiable cause present at once."""
    graph = pathway_graph() if graph is None else graph
    return simulate({cause: "gain" for cause in LIFESTYLE_CAUSES if cause in graph}, graph)


def disturbed_edges(result: SimulationResult, graph: nx.DiGraph | None = None) -> set[tuple[str, str]]:
    """Signalling edges whose source the scenario changes: where the signal is impaired or overdriven."""
    graph = pathway_graph() if graph is None else graph
    outside_the_cell = {"cause", "consequence", "syndrome"}
    return {
        (source, target)
        for source, target in graph.edges
        if result.effects.get(source, "unchanged") != "unchanged"
        and graph.nodes[source]["kind"] not in outside_the_cell
        and graph.nodes[target]["kind"] != "syndrome"
    }
