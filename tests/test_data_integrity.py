"""Every entry of the knowledge base, checked one by one: what `python -m kb validate` promises, and more."""

from __future__ import annotations

import json
import re

import pytest
from pyliftover import LiftOver

from kb.genome import INTERGENIC_REACH, PROMOTER_FLANK, normalise_chromosome
from kb.index import knowledge_index
from kb.loader import DATA_DIR, DATA_FILES, canonical_json
from kb.schema import (
    Edge,
    Implication,
    KineticModel,
    Limit,
    ModelDisagreement,
    Node,
    ParameterSet,
    TourStep,
    Variant,
)
from kb.validate import problems
from tests.conftest import DATA

KB = knowledge_index().kb
NODE_IDS = {node.id for node in KB.nodes}
REFERENCE_IDS = {reference.id for reference in KB.references}
GENES = {gene.symbol: gene for gene in KB.genes}
IMPLICATION_OWNERS: list[Node | Variant] = [*KB.nodes, *KB.variants]
DESIGN_NODE_IDS = [
    "insulin", "pi3k", "pip3", "glut4_translocation", "glucose_uptake", "glycogen_synthesis", "gluconeogenesis",
    "lipogenesis", "obesity", "physical_inactivity", "chronic_inflammation", "type_2_diabetes", "hypertension",
    "cardiovascular_disease", "INSR", "AKT2", "SLC2A4",
]  # fmt: skip
DESIGN_GENES = [
    "INSR", "IRS1", "IRS2", "PIK3CA", "PIK3R1", "PDPK1", "AKT1", "AKT2", "TBC1D4", "RAB10", "SLC2A4", "RPS6KB1",
    "FOXO1", "PCK1", "G6PC1", "SREBF1", "SHC1", "GRB2", "SOS1", "PTEN", "PTPN1", "INPPL1", "SOCS1", "SOCS3",
    "ENPP1", "TRIB3", "MAPK8", "IKBKB", "PRKCQ", "TNF", "IL6",
]  # fmt: skip


def test_validate_finds_no_problem():
    """The cross-checks of `python -m kb validate` pass on the shipped knowledge base."""
    assert problems(KB) == []


def test_minimum_content_of_the_design():
    """At least the counts the foundation issue asks for."""
    kinds = [node.kind for node in KB.nodes]
    assert len(KB.nodes) >= 45
    assert len(KB.edges) >= 60
    assert kinds.count("cause") >= 6
    assert kinds.count("consequence") + kinds.count("syndrome") >= 8
    assert kinds.count("syndrome") >= 5


@pytest.mark.parametrize("node_id", DESIGN_NODE_IDS)
def test_design_node_ids_exist(node_id):
    """Every node id that DESIGN.md fixes exists."""
    assert node_id in NODE_IDS


@pytest.mark.parametrize("symbol", DESIGN_GENES)
def test_design_genes_are_in_some_node(symbol):
    """Every gene DESIGN.md names is a member of a node and has spans on both builds."""
    assert any(symbol in node.genes for node in KB.nodes), f"{symbol} is in no node"
    assert symbol in GENES


@pytest.mark.parametrize("node", KB.nodes, ids=lambda node: node.id)
def test_node(node):
    """A node has three audience texts, its causes and consequences link to nodes, references resolve."""
    if len(node.genes) == 1 and node.genes[0] == node.id:
        assert node.id in GENES
    if node.id.isupper():
        assert node.genes == [node.id], "a node named after a gene holds exactly that gene"
    else:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", node.id)
    for text in (node.explanations.student, node.explanations.clinician, node.explanations.patient):
        assert text.strip() and text == text.strip()
    for item in [*node.causes, *node.consequences]:
        assert item.node is None or item.node in NODE_IDS
    assert set(node.references) <= REFERENCE_IDS
    assert node.id in KB.layout
    for symbol in node.genes:
        gene = GENES[symbol]
        assert gene.hgnc_id and gene.ncbi_gene_id and gene.uniprot


@pytest.mark.parametrize("edge", KB.edges, ids=lambda edge: f"{edge.source}->{edge.target}")
def test_edge(edge):
    """An edge joins two nodes, is signed, says how, and cites references that exist."""
    assert edge.source in NODE_IDS and edge.target in NODE_IDS
    assert edge.sign in ("activates", "inhibits")
    assert len(edge.mechanism) >= 8
    assert set(edge.references) <= REFERENCE_IDS


LIFT = LiftOver(str(DATA / "GRCh37_to_GRCh38.chain"))


@pytest.mark.parametrize("variant", KB.variants, ids=lambda variant: variant.id)
def test_variant_positions_agree_through_the_chain_file(variant):
    """The GRCh37 position lifts to the GRCh38 one, alleles agree, and both lie in (or next to) the gene."""
    lifted = LIFT.convert_coordinate(variant.grch37.chrom, variant.grch37.pos - 1)
    assert lifted, f"{variant.id}: GRCh37 position does not lift over"
    chrom, zero_based, strand, _ = lifted[0]
    assert (normalise_chromosome(chrom), zero_based + 1, strand) == (
        variant.grch38.chrom,
        variant.grch38.pos,
        "+",
    )
    assert (variant.grch37.ref, variant.grch37.alt) == (variant.grch38.ref, variant.grch38.alt)
    gene = GENES[variant.gene]
    # An intergenic association signal is filed under its nearest candidate gene, and says so.
    reach = INTERGENIC_REACH if variant.intergenic else PROMOTER_FLANK
    for position, span in ((variant.grch37, gene.grch37), (variant.grch38, gene.grch38)):
        assert span.start - reach <= position.pos <= span.end + reach
    if variant.intergenic:
        assert "intergenic" in variant.name and variant.notes
    assert any(variant.gene in node.genes for node in KB.nodes), "the variant's gene must be a node's gene"
    assert set(variant.references) <= REFERENCE_IDS


@pytest.mark.parametrize("reference", KB.references, ids=lambda reference: reference.id)
def test_reference(reference):
    """A reference has a well-formed PMID or DOI, a citation with a year, and is cited somewhere."""
    assert reference.pmid or reference.doi
    if reference.pmid:
        assert re.fullmatch(r"[1-9]\d{0,8}", reference.pmid)
    if reference.doi:
        assert re.fullmatch(r"10\.\d{4,9}/\S+", reference.doi)
    assert re.search(r"(19|20)\d\d", reference.citation)
    citing: list[
        Node
        | Edge
        | Variant
        | Limit
        | TourStep
        | Implication
        | KineticModel
        | ParameterSet
        | ModelDisagreement
    ] = [
        *KB.nodes,
        *KB.edges,
        *KB.variants,
        *KB.limits,
        *(step for tour in KB.tours for step in tour.steps),
        *KB.dynamics.models,
        *KB.dynamics.parameter_sets,
        *KB.dynamics.disagreements,
    ]
    citing += [implication for entry in IMPLICATION_OWNERS for implication in entry.implications]
    assert any(reference.id in entry.references for entry in citing), f"{reference.id} is cited by nothing"


@pytest.mark.parametrize("field", list(DATA_FILES))
def test_data_file_is_canonical(field):
    """Each data file equals its canonical dump (sorted entries and keys, 2-space indent) so diffs stay small.

    To fix: load the file and write it back with kb.loader.canonical_json, entries sorted by their key.
    """
    filename, sort_key = DATA_FILES[field]
    text = (DATA_DIR / filename).read_text(encoding="utf-8")
    value = json.loads(text)
    assert text == canonical_json(value), f"kb/data/{filename} is not in canonical format"
    if sort_key is not None:
        keys = [tuple(entry[key] for key in sort_key) for entry in value]
        assert keys == sorted(keys), f"kb/data/{filename} entries must be sorted by {sort_key}"


def test_unknown_fields_are_rejected(tmp_path):
    """The schema forbids fields it does not know, so a typo in a data file fails loudly."""
    from kb.errors import KnowledgeBaseError
    from kb.loader import read_knowledge_base

    for filename, _ in DATA_FILES.values():
        (tmp_path / filename).write_text((DATA_DIR / filename).read_text())
    nodes = json.loads((DATA_DIR / "nodes.json").read_text())
    nodes[0]["colour"] = "red"
    (tmp_path / "nodes.json").write_text(json.dumps(nodes))
    with pytest.raises(KnowledgeBaseError, match="nodes.json AKT1 .*colour"):
        read_knowledge_base(tmp_path)


def test_chromosome_lengths_are_those_of_the_chain_file():
    """kb.genome's lengths for both builds are the sizes the chain file records."""
    from kb.genome import CHROMOSOME_LENGTHS

    sizes: dict[str, dict[str, int]] = {"GRCh37": {}, "GRCh38": {}}
    for line in (DATA / "GRCh37_to_GRCh38.chain").read_text().splitlines():
        if line.startswith("chain"):
            fields = line.split()
            if fields[2] == fields[7]:
                sizes["GRCh37"][normalise_chromosome(fields[2])] = int(fields[3])
                sizes["GRCh38"][normalise_chromosome(fields[7])] = int(fields[8])
    for build, lengths in CHROMOSOME_LENGTHS.items():
        for chrom, length in lengths.items():
            assert sizes[build][chrom] == length, f"{build} {chrom}"


IMPLICATIONS = [
    (f"{owner.id}:{number}", implication)
    for owner in IMPLICATION_OWNERS
    for number, implication in enumerate(owner.implications)
]


@pytest.mark.parametrize(("owner", "implication"), IMPLICATIONS, ids=[name for name, _ in IMPLICATIONS])
def test_care_implication_has_grade_and_reference(owner, implication):
    """Every care implication has an evidence grade and cites references that exist."""
    assert implication.grade in (
        "guideline",
        "replicated_association",
        "single_study",
        "expert_opinion",
        "no_evidence",
    )
    assert implication.references and set(implication.references) <= REFERENCE_IDS


@pytest.mark.parametrize("variant", KB.variants, ids=lambda variant: variant.id)
def test_every_curated_variant_has_care_implications(variant):
    """Each curated variant says what it means for care, even when the answer is 'no change'."""
    assert variant.implications


def test_tour_steps_name_nodes_and_cite():
    """Every tour step highlights existing nodes and cites existing references."""
    assert len(KB.tours) >= 4
    for tour in KB.tours:
        for step in tour.steps:
            assert {step.focus, *step.highlight} <= NODE_IDS
            assert set(step.references) <= REFERENCE_IDS


def test_every_cause_breaking_the_signal_says_at_which_level():
    """Each of the three levels (fewer receptors, receptor signalling, intracellular signalling) has causes,
    and validate flags a cause that inhibits the signal chain without a break_level."""
    assert {edge.break_level for edge in KB.edges if edge.break_level} == {
        "fewer_receptors",
        "receptor_signalling",
        "intracellular_signalling",
    }
    edges = [
        edge.model_copy(update={"break_level": None})
        if (edge.source, edge.target) == ("ceramide", "AKT2")
        else edge
        for edge in KB.edges
    ]
    found = problems(KB.model_copy(update={"edges": edges}))
    assert any("ceramide->AKT2 inhibits the signal chain without a break_level" in line for line in found)
