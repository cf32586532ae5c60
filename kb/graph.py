"""The signed pathway graph (networkx) and what can be read off it: neighbours, paths, focus sets."""

from __future__ import annotations

import functools

import networkx as nx

from kb.index import KnowledgeIndex, knowledge_index
from kb.schema import Edge, KnowledgeBase

__all__ = [
    "downstream",
    "focus_set",
    "pathway_graph",
    "pathway_graph_of",
    "pathway_steps",
    "signed_path",
    "upstream",
]


def pathway_graph_of(kb: KnowledgeBase) -> nx.DiGraph:
    """A directed graph of `kb`: node attributes are the node's fields, edge attributes the edge's."""
    graph: nx.DiGraph = nx.DiGraph()
    for node in kb.nodes:
        graph.add_node(node.id, label=node.label, kind=node.kind, compartment=node.compartment)
    for edge in kb.edges:
        graph.add_edge(
            edge.source,
            edge.target,
            sign=edge.sign,
            mechanism=edge.mechanism,
            feedback=edge.feedback,
            via_amount=edge.via_amount,
            selective=edge.selective,
            break_level=edge.break_level,
        )
    return graph


@functools.cache
def pathway_graph() -> nx.DiGraph:
    """The project's pathway graph, built once per process."""
    return pathway_graph_of(knowledge_index().kb)


def upstream(graph: nx.DiGraph, node: str) -> set[str]:
    """Every node with a path to `node`."""
    return nx.ancestors(graph, node)


def downstream(graph: nx.DiGraph, node: str) -> set[str]:
    """Every node `node` has a path to."""
    return nx.descendants(graph, node)


OUTCOME_KINDS = frozenset({"consequence"})
ORIGIN = "insulin"


def _forward(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph without its feedback edges: the direction a signal travels."""
    return nx.subgraph_view(graph, filter_edge=lambda a, b: not graph.edges[a, b].get("feedback"))


def _nearest_paths(graph: nx.DiGraph, start: str, targets: set[str]) -> set[str]:
    """Nodes on every shortest path from `start` to the nearest of `targets` (empty if none is reachable)."""
    distances = nx.single_source_shortest_path_length(graph, start)
    reachable = [
        (distance, node) for node, distance in distances.items() if node in targets and node != start
    ]
    if not reachable:
        return set()
    nearest = min(distance for distance, _ in reachable)
    on_paths: set[str] = set()
    for distance, target in reachable:
        if distance == nearest:
            on_paths.update(node for path in nx.all_shortest_paths(graph, start, target) for node in path)
    return on_paths


def focus_set(graph: nx.DiGraph, node: str, steps: int = 1) -> set[str]:
    """What focus mode keeps lit around `node`.

    The node; its direct neighbours; whatever lies within `steps` steps up- or downstream; every shortest
    path from the node to the nearest outcome (a consequence); and every shortest path to the node from
    insulin, or where insulin does not reach it, from the nearest node that nothing acts on. Feedback
    edges count as direct neighbours but are never followed further, so that the loops do not light up
    the whole map.
    """
    forward = _forward(graph)
    lit = {node} | set(graph.predecessors(node)) | set(graph.successors(node))
    lit |= set(nx.single_source_shortest_path_length(forward, node, cutoff=steps))
    lit |= set(nx.single_source_shortest_path_length(forward.reverse(copy=False), node, cutoff=steps))
    outcomes = {other for other, kind in graph.nodes(data="kind") if kind in OUTCOME_KINDS}
    # The way to an outcome is followed through the signal, not through a genetic syndrome named after
    # a node (AKT2 -> AKT2 insulin resistance -> monogenic diabetes would hide its part in high blood sugar).
    syndromes = {other for other, kind in graph.nodes(data="kind") if kind == "syndrome" and other != node}
    through_signal = forward.subgraph(other for other in forward if other not in syndromes)
    lit |= _nearest_paths(through_signal, node, outcomes)
    if ORIGIN in graph and node != ORIGIN and nx.has_path(forward, ORIGIN, node):
        lit |= {step for path in nx.all_shortest_paths(forward, ORIGIN, node) for step in path}
    else:
        origins = {other for other in graph if forward.in_degree(other) == 0}
        lit |= _nearest_paths(forward.reverse(copy=False), node, origins)
    return lit


def pathway_steps(kb: KnowledgeBase, start: str = "insulin") -> list[tuple[str, list[Edge]]]:
    """Every edge once, in reading order: the cascade outward from `start` in breadth-first order, then
    the brakes and feedback, then the causes of insulin resistance, then its consequences and syndromes.
    Each section is (title, edges)."""
    kinds = {node.id: node.kind for node in kb.nodes}
    outside = {"cause", "consequence", "syndrome"}
    order = {start: 0}
    frontier = [start]
    edges_out: dict[str, list[Edge]] = {}
    for edge in kb.edges:
        edges_out.setdefault(edge.source, []).append(edge)
    while frontier:
        following = []
        for node in frontier:
            for edge in edges_out.get(node, []):
                if (
                    edge.sign == "activates"
                    and edge.target not in order
                    and kinds[edge.target] not in outside
                ):
                    order[edge.target] = len(order)
                    following.append(edge.target)
        frontier = following

    def rank(edge: Edge) -> tuple[int, int]:
        return order.get(edge.source, len(order)), order.get(edge.target, len(order))

    cascade, brakes, causes, outcomes = [], [], [], []
    for edge in kb.edges:
        if kinds[edge.source] == "cause":
            causes.append(edge)
        elif kinds[edge.target] in outside or kinds[edge.source] in outside:
            outcomes.append(edge)
        elif edge.source in order and edge.target in order and edge.sign == "activates" and not edge.feedback:
            cascade.append(edge)
        else:
            brakes.append(edge)
    return [
        ("The signal, step by step", sorted(cascade, key=rank)),
        ("Brakes and feedback", sorted(brakes, key=rank)),
        ("How the causes of insulin resistance act", sorted(causes, key=lambda e: (e.source, e.target))),
        ("What follows: consequences and syndromes", sorted(outcomes, key=rank)),
    ]


def signed_path(index: KnowledgeIndex, path: list[str]) -> str:
    """A path written as the map draws it: "A → B" where A activates B, "A ⊣ B" where A inhibits B."""
    if not path:
        return ""
    words = [index.nodes[path[0]].short_label]
    for source, target in zip(path, path[1:], strict=False):
        sign = next(
            (edge.sign for edge in index.edges_out.get(source, []) if edge.target == target), "activates"
        )
        words.append(("→ " if sign == "activates" else "⊣ ") + index.nodes[target].short_label)
    return " ".join(words)


BREAK_LEVEL_ORDER = ("fewer_receptors", "receptor_signalling", "intracellular_signalling")


def break_levels(kb: KnowledgeBase) -> dict[str, list[Edge]]:
    """The edges by which causes break the insulin signal, grouped by level in textbook order (fewer
    receptors, receptor signalling, signalling inside the cell)."""
    grouped: dict[str, list[Edge]] = {level: [] for level in BREAK_LEVEL_ORDER}
    for edge in kb.edges:
        if edge.break_level is not None:
            grouped[edge.break_level].append(edge)
    return grouped
