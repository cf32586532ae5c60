"""The signed pathway graph (networkx) and what can be read off it: neighbours, paths, focus sets."""

from __future__ import annotations

import functools

import networkx as nx

from kb.index import knowledge_index
from kb.schema import Edge, KnowledgeBase

__all__ = ["downstream", "focus_set", "pathway_graph", "pathway_graph_of", "pathway_steps", "upstream"]


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


def focus_set(graph: nx.DiGraph, node: str) -> set[str]:
    """The node with its upstream and downstream paths: what focus mode keeps lit."""
    return {node} | upstream(graph, node) | downstream(graph, node)


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
