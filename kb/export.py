"""Write the whole knowledge base for reuse elsewhere: JSON, GraphML, or Cytoscape (cytoscape.js elements)."""

from __future__ import annotations

import io
import json
from typing import Literal

import networkx as nx

from kb.schema import KnowledgeBase

__all__ = [
    "ExportFormat",
    "export",
    "export_cytoscape",
    "export_graphml",
    "export_json",
    "knowledge_base_dict",
]

ExportFormat = Literal["json", "graphml", "cytoscape"]
SOURCE_NOTE = (
    "Insulin Pathway Explorer knowledge base. Gene spans: NCBI Gene loci on GRCh37 (build 37.3) and GRCh38 "
    "via the MAGMA auxiliary gene-location files; see kb/data/SOURCES.md."
)


def knowledge_base_dict(kb: KnowledgeBase) -> dict:
    """The knowledge base as plain data, in the shape DESIGN.md fixes for the JSON export."""
    data = kb.model_dump(mode="json", exclude={"layout"})
    for variant in data["variants"]:
        variant["hgvs"] = {key: value for key, value in variant["hgvs"].items() if value is not None}
    return {"about": SOURCE_NOTE, **data}


def export_json(kb: KnowledgeBase) -> str:
    """The whole knowledge base as one JSON object."""
    return json.dumps(knowledge_base_dict(kb), indent=2, ensure_ascii=False) + "\n"


def _flat(value: object) -> str | int | float | bool:
    """GraphML attributes are scalars: lists and objects travel as JSON text."""
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False)


def export_graphml(kb: KnowledgeBase) -> str:
    """Nodes and signed edges as GraphML, every field kept (nested ones as JSON text)."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph(name="insulin signalling")
    for node in kb.nodes:
        fields = node.model_dump(mode="json", exclude={"id"})
        x, y = kb.layout[node.id]
        graph.add_node(node.id, **{key: _flat(value) for key, value in fields.items()}, x=x, y=y)
    for edge in kb.edges:
        fields = edge.model_dump(mode="json", exclude={"source", "target"})
        graph.add_edge(edge.source, edge.target, **{k: _flat(v) for k, v in fields.items() if v is not None})
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def export_cytoscape(kb: KnowledgeBase) -> str:
    """cytoscape.js elements JSON, which Cytoscape Desktop imports (File > Import > Network from File)."""
    nodes = []
    for node in kb.nodes:
        x, y = kb.layout[node.id]
        data = {"id": node.id, "name": node.label, **node.model_dump(mode="json", exclude={"id", "label"})}
        # Cytoscape's y axis points down; the map's points up.
        nodes.append({"data": data, "position": {"x": x * 100, "y": -y * 100}})
    edges = []
    for edge in kb.edges:
        fields = edge.model_dump(mode="json")
        fields["interaction"] = fields["sign"]
        edges.append({"data": {"id": f"{edge.source}->{edge.target}", **fields}})
    document = {
        "format_version": "1.0",
        "generated_by": "Insulin Pathway Explorer",
        "data": {"name": "Insulin signalling", "description": SOURCE_NOTE},
        "elements": {"nodes": nodes, "edges": edges},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export(kb: KnowledgeBase, export_format: ExportFormat) -> str:
    """The knowledge base in `export_format`."""
    writers = {"json": export_json, "graphml": export_graphml, "cytoscape": export_cytoscape}
    return writers[export_format](kb)
