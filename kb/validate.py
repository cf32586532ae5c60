"""Cross-checks the schema cannot express: ids unique, links resolve, every reference used."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import get_args

from kb.genome import INTERGENIC_REACH, PROMOTER_FLANK, genomic_hgvs
from kb.schema import BreakLevel, KnowledgeBase

__all__ = ["SIGNAL_CHAIN", "problems"]

# The chain that carries insulin's metabolic signal from the receptor to GLUT4. A cause that inhibits one of
# these breaks the signal at one of three levels (fewer receptors, impaired receptor signalling, abnormal
# intracellular signalling), and its edge must say which: the map and the knowledge page draw them from it.
SIGNAL_CHAIN = frozenset(
    {"INSR", "IRS1", "IRS2", "pi3k", "pip3", "PDPK1", "mtorc2", "AKT1", "AKT2", "TBC1D4", "RAB10", "SLC2A4",
     "glut4_translocation"}
)  # fmt: skip


def problems(kb: KnowledgeBase) -> list[str]:
    """Every inconsistency in `kb`, each a line that says what to fix; empty when all is well."""
    return list(_problems(kb))


def _duplicates(values: list[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _break_level_problems(kb: KnowledgeBase) -> Iterator[str]:
    """Every cause inhibiting the signal chain says at which level it breaks it, and only such edges do."""
    kinds = {node.id: node.kind for node in kb.nodes}
    breakers = {edge.source for edge in kb.edges if edge.break_level}
    levels: set[BreakLevel] = set()
    for edge in kb.edges:
        name = f"edge {edge.source}->{edge.target}"
        # The chain's own steps and its physiological phosphatase brakes (PTEN, SHIP2 on PIP3) are not breaks.
        is_cause = edge.source not in SIGNAL_CHAIN and kinds.get(edge.source) != "phosphatase"
        if edge.break_level:
            levels.add(edge.break_level)
            if edge.target not in SIGNAL_CHAIN and edge.target not in breakers:
                yield f"{name} has a break_level but its target is not in the signal chain nor a cause that breaks it"
        elif edge.sign == "inhibits" and edge.target in SIGNAL_CHAIN and is_cause:
            yield (
                f"{name} inhibits the signal chain without a break_level: say whether it means fewer receptors, "
                "impaired receptor signalling or abnormal intracellular signalling"
            )
    for level in sorted(set(get_args(BreakLevel)) - levels):
        yield f"no edge has break_level {level!r}: each of the three levels needs at least one cause"


def _dynamics_problems(
    kb: KnowledgeBase, node_ids: set[str], check_references: Callable[[str, list[str]], Iterator[str]]
) -> Iterator[str]:
    """kb/data/dynamics.json: models' files exist, bound nodes exist and their UniProt is their genes'."""
    models_dir = Path(__file__).parent / "data" / "models"
    uniprot_of_gene = {gene.symbol: gene.uniprot for gene in kb.genes}
    nodes = {node.id: node for node in kb.nodes}
    dynamics = kb.dynamics
    for model in dynamics.models:
        yield from check_references(f"dynamics model {model.id}", model.references)
        for file_name in model.sbml.values():
            if not (models_dir / file_name).is_file():
                yield f"dynamics model {model.id}: kb/data/models/{file_name} is missing"
    named: tuple[tuple[str, list[str]], ...] = (
        ("dynamics model", [model.id for model in dynamics.models]),
        ("dynamics readout", [f"{binding.model}:{binding.readout}" for binding in dynamics.bindings]),
    )
    for kind, values in named:
        for duplicate in _duplicates(values):
            yield f"duplicate {kind} {duplicate!r}: keep one entry"
    for binding in dynamics.bindings:
        name = f"dynamics binding {binding.model}:{binding.readout}"
        if binding.node not in node_ids:
            yield f"{name}: node {binding.node!r} is not a node"
            continue
        if binding.model == "adipocyte" and binding.readout != binding.node:
            yield f"{name}: a fat-cell readout is keyed by its node id, {binding.node!r}"
        genes_uniprot = {uniprot_of_gene.get(symbol) for symbol in nodes[binding.node].genes}
        for accession in binding.uniprot:
            if accession not in genes_uniprot:
                yield f"{name}: UniProt {accession} is not the UniProt of any gene of node {binding.node} in genes.json"
    for entry in dynamics.parameter_sets:
        yield from check_references(f"dynamics parameters {entry.model}:{entry.state}", entry.references)
    for disagreement in dynamics.disagreements:
        name = f"dynamics disagreement on {disagreement.perturbation}"
        yield from check_references(name, disagreement.references)
        for node_id in (disagreement.perturbation, *disagreement.readouts):
            if node_id not in node_ids:
                yield f"{name}: {node_id!r} is not a node"


def _problems(kb: KnowledgeBase) -> Iterator[str]:
    node_ids = {node.id for node in kb.nodes}
    gene_symbols = {gene.symbol for gene in kb.genes}
    reference_ids = {reference.id for reference in kb.references}

    for kind, values in (
        ("node id", [node.id for node in kb.nodes]),
        ("gene symbol", [gene.symbol for gene in kb.genes]),
        ("variant id", [variant.id for variant in kb.variants]),
        ("reference id", [reference.id for reference in kb.references]),
        ("edge", [f"{edge.source}->{edge.target}" for edge in kb.edges]),
        ("PMID", [reference.pmid for reference in kb.references if reference.pmid]),
        ("rsID", [variant.rsid for variant in kb.variants if variant.rsid]),
    ):
        for duplicate in _duplicates(values):
            yield f"duplicate {kind} {duplicate!r}: keep one entry"

    cited: set[str] = set()

    def check_references(owner: str, references: list[str]) -> Iterator[str]:
        for reference in references:
            cited.add(reference)
            if reference not in reference_ids:
                yield f"{owner} cites {reference!r}, which is not in kb/data/references.json"

    for node in kb.nodes:
        yield from check_references(f"node {node.id}", node.references)
        for implication in node.implications:
            yield from check_references(f"node {node.id} implication", implication.references)
        for symbol in node.genes:
            if symbol not in gene_symbols:
                yield f"node {node.id} lists gene {symbol!r}, which has no entry in kb/data/genes.json"
        for item in [*node.causes, *node.consequences]:
            if item.node is not None and item.node not in node_ids:
                yield f"node {node.id} links {item.node!r} in causes/consequences, which is not a node"
        if node.id not in kb.layout:
            yield f"node {node.id} has no map position in kb/data/layout.json"

    for edge in kb.edges:
        name = f"edge {edge.source}->{edge.target}"
        yield from check_references(name, edge.references)
        for endpoint in (edge.source, edge.target):
            if endpoint not in node_ids:
                yield f"{name}: {endpoint!r} is not a node"

    yield from _break_level_problems(kb)

    genes_in_nodes = {symbol for node in kb.nodes for symbol in node.genes}
    for entry in kb.genes:
        if entry.symbol not in genes_in_nodes:
            yield f"gene {entry.symbol} is in genes.json but no node lists it"
        if entry.grch37.chrom != entry.grch38.chrom:
            yield f"gene {entry.symbol} is on chromosome {entry.grch37.chrom} in GRCh37 but {entry.grch38.chrom} in GRCh38"

    genes = {gene.symbol: gene for gene in kb.genes}
    for variant in kb.variants:
        yield from check_references(f"variant {variant.id}", variant.references)
        for implication in variant.implications:
            yield from check_references(f"variant {variant.id} implication", implication.references)
        if not variant.id.startswith(variant.gene + "_"):
            yield f"variant {variant.id} must be named after its gene {variant.gene} ('{variant.gene}_...')"
        gene = genes.get(variant.gene)
        if gene is None:
            yield f"variant {variant.id}: gene {variant.gene!r} is not in genes.json"
            continue
        for build, position, span in (
            ("GRCh37", variant.grch37, gene.grch37),
            ("GRCh38", variant.grch38, gene.grch38),
        ):
            reach = INTERGENIC_REACH if variant.intergenic else PROMOTER_FLANK
            start, end = span.start - reach, span.end + reach
            if position.chrom != span.chrom or not start <= position.pos <= end:
                yield (
                    f"variant {variant.id}: {build} {position.chrom}:{position.pos} lies outside "
                    f"{gene.symbol} ({span.chrom}:{span.start}-{span.end}, +/- {reach} bp); "
                    "check the position and build"
                )
        expected = genomic_hgvs(
            variant.grch38.chrom, variant.grch38.pos, variant.grch38.ref, variant.grch38.alt
        )
        if variant.hgvs.genomic != expected:
            yield f"variant {variant.id}: hgvs.genomic {variant.hgvs.genomic!r} does not match GRCh38 ({expected!r})"

    for tour in kb.tours:
        for number, step in enumerate(tour.steps, start=1):
            name = f"tour {tour.id} step {number}"
            yield from check_references(name, step.references)
            for node_id in [step.focus, *step.highlight]:
                if node_id not in node_ids:
                    yield f"{name} names {node_id!r}, which is not a node"

    for limit in kb.limits:
        yield from check_references(f"limit {limit.id}", limit.references)

    yield from _dynamics_problems(kb, node_ids, check_references)

    for unused in sorted(reference_ids - cited):
        yield f"reference {unused!r} is cited by nothing: cite it or remove it"
    for stray in sorted(set(kb.layout) - node_ids):
        yield f"kb/data/layout.json places {stray!r}, which is not a node"
