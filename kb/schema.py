"""Typed models of the knowledge base: every data file in kb/data is validated by these.

Closed vocabularies are `Literal` aliases so that a typo in a data file fails validation.
Coordinates are 1-based and inclusive, on the build named by the field (GRCh37 or GRCh38).
"""

from __future__ import annotations

import json
import re
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Vocabularies the app and the CLI name and colour too: written once, in kb/vocabulary.py.
from kb.vocabulary import Audience, ImplicationGrade, Significance

__all__ = [
    "Audience",
    "BreakLevel",
    "Compartment",
    "EvidenceLevel",
    "Edge",
    "Effect",
    "Gene",
    "GenomicPosition",
    "GeneSpan",
    "Implication",
    "ImplicationArea",
    "ImplicationGrade",
    "Inheritance",
    "KnowledgeBase",
    "LinkedItem",
    "Node",
    "NodeKind",
    "Reference",
    "Significance",
    "Sign",
    "Variant",
    "Explanations",
    "DirectionPair",
    "Dynamics",
    "KineticModel",
    "Limit",
    "ModelDisagreement",
    "ParameterSet",
    "ReadoutBinding",
    "Tour",
    "TourStep",
    "json_schema",
    "records_source",
]

NodeKind = Literal[
    "hormone",
    "receptor",
    "adaptor",
    "kinase",
    "phosphatase",
    "lipid_messenger",
    "gtpase",
    "gtpase_regulator",
    "transporter",
    "transcription_factor",
    "enzyme",
    "pseudokinase",
    "cytokine",
    "process",
    "cause",
    "consequence",
    "syndrome",
]
Compartment = Literal[
    "extracellular",
    "plasma_membrane",
    "cytoplasm",
    "glut4_vesicle",
    "nucleus",
    "whole_body",
]
Sign = Literal["activates", "inhibits"]
# Where a cause breaks the signal: the three textbook levels of insulin resistance.
BreakLevel = Literal["fewer_receptors", "receptor_signalling", "intracellular_signalling"]
Effect = Literal["loss_of_function", "gain_of_function", "dominant_negative", "risk", "protective", "unknown"]
# How much evidence stands behind a curated variant's link to its phenotype.
EvidenceLevel = Literal["established", "replicated", "limited", "conflicting"]
ImplicationArea = Literal["monitoring", "therapy", "lifestyle", "referral"]
# How copies of the effect allele add up: one copy suffices (dominant), two are needed (recessive), or each
# copy adds a small, similar shift (per_allele, as association studies report common variants).
Inheritance = Literal["dominant", "recessive", "per_allele", "not_established"]
Chromosome = Literal[
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "X", "Y", "MT",
]  # fmt: skip

NODE_ID = re.compile(r"^(?:[A-Z][A-Z0-9]*|[a-z][a-z0-9]*(?:_[a-z0-9]+)*)$")
REFERENCE_ID = re.compile(r"^[a-z][a-z0-9]*\d{4}[a-z0-9]*$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
RSID = re.compile(r"^rs[1-9]\d*$")
ALLELE = re.compile(r"^[ACGT]+$")

RefList = Annotated[list[str], Field(min_length=1, description="Reference ids from references.json")]


class Model(BaseModel):
    """Base of every model: unknown fields are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(Model):
    """A published source, identified by PMID and/or DOI."""

    id: str = Field(description="Short key, first author + year (+ a letter or word), e.g. 'taniguchi2006'")
    pmid: str | None = Field(default=None, description="PubMed identifier")
    doi: str | None = Field(default=None, description="Digital Object Identifier, without 'https://doi.org/'")
    citation: str = Field(min_length=20, description="Authors. Title. Journal. Year;Vol(Issue):Pages.")

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not REFERENCE_ID.match(value):
            raise ValueError(f"reference id {value!r} must look like 'author2006' (lowercase, with a year)")
        return value

    @field_validator("pmid")
    @classmethod
    def _pmid_form(cls, value: str | None) -> str | None:
        if value is not None and not PMID.match(value):
            raise ValueError(f"PMID {value!r} must be digits only")
        return value

    @field_validator("doi")
    @classmethod
    def _doi_form(cls, value: str | None) -> str | None:
        if value is not None and not DOI.match(value):
            raise ValueError(f"DOI {value!r} must start with '10.' and hold a '/'")
        return value

    @model_validator(mode="after")
    def _has_identifier(self) -> Reference:
        if self.pmid is None and self.doi is None:
            raise ValueError(f"reference {self.id!r} needs a pmid or a doi")
        return self


class Explanations(Model):
    """One explanation per audience register."""

    student: str = Field(min_length=40)
    clinician: str = Field(min_length=40)
    patient: str = Field(min_length=30, description="Plain words, short sentences, reading grade 8 or lower")


class LinkedItem(Model):
    """A cause or consequence of a node, linked to the node that stands for it where one exists."""

    text: str = Field(min_length=5)
    node: str | None = Field(default=None, description="Id of the node this item is about, if any")


class Implication(Model):
    """What a finding may mean for care, with how strong the evidence is."""

    area: ImplicationArea
    text: str = Field(
        min_length=20, description="For clinicians: what is known, with numbers where studies give them"
    )
    plain: str = Field(
        min_length=20, description="For patients: plain words, ending in what to ask a clinician"
    )
    grade: ImplicationGrade
    references: RefList


class Node(Model):
    """One step of the pathway, a cause of insulin resistance, or a consequence of it."""

    id: str = Field(description="HGNC symbol for a one-gene node, lowercase snake_case otherwise")
    label: str = Field(min_length=2, description="Full name, used as the detail heading")
    short_label: str = Field(min_length=2, max_length=18, description="Name drawn on the map")
    plain_label: str | None = Field(
        default=None,
        min_length=2,
        max_length=22,
        description="Plain-language name drawn on the map in the patient view, where the short label is jargon",
    )
    kind: NodeKind
    compartment: Compartment
    genes: list[str] = Field(default_factory=list, description="HGNC symbols of member genes")
    aliases: list[str] = Field(default_factory=list, description="Other names people search for")
    summary: str = Field(min_length=10, max_length=140, description="One-line role, shown on hover")
    explanations: Explanations
    causes: list[LinkedItem] = Field(min_length=1, description="What disrupts it")
    consequences: list[LinkedItem] = Field(min_length=1, description="What follows when it fails")
    implications: list[Implication] = Field(default_factory=list, description="What it may mean for care")
    references: RefList

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not NODE_ID.match(value):
            raise ValueError(f"node id {value!r}: use the HGNC symbol or lowercase_snake_case")
        return value

    @model_validator(mode="after")
    def _gene_node_named_after_its_gene(self) -> Node:
        if self.id.isupper() and self.genes != [self.id]:
            raise ValueError(f"node {self.id!r} is named as one gene, so genes must be [{self.id!r}]")
        return self


class Edge(Model):
    """A signed, directed influence of one node's activity on another's."""

    source: str
    target: str
    sign: Sign
    mechanism: str = Field(min_length=8, description="How, e.g. 'phosphorylates IRS1 on Ser307'")
    feedback: bool = Field(
        default=False,
        description="A feedback loop that damps the primary effect; simulation reports, not follows, it",
    )
    via_amount: bool = Field(
        default=False,
        description="Acts through the source's amount, not its signalling activity: carries only a direct loss or gain",
    )
    selective: bool = Field(
        default=False,
        description="A branch that stays insulin-responsive when the signal above it is impaired (selective insulin "
        "resistance): carries only a direct loss or gain of its source, not a change passed down to it",
    )
    break_level: BreakLevel | None = Field(
        default=None, description="For a cause acting on the signal: which of the three levels it breaks"
    )
    references: RefList

    @model_validator(mode="after")
    def _no_self_loop(self) -> Edge:
        if self.source == self.target:
            raise ValueError(f"edge {self.source}->{self.target} is a self-loop")
        return self


class GenomicPosition(Model):
    """A variant's position on one build: 1-based POS, alleles on the forward strand as in a VCF."""

    chrom: Chromosome
    pos: int = Field(gt=0)
    ref: str
    alt: str

    @field_validator("ref", "alt")
    @classmethod
    def _allele_form(cls, value: str) -> str:
        if not ALLELE.match(value):
            raise ValueError(f"allele {value!r} must be A, C, G, T only")
        return value


class GeneSpan(Model):
    """A gene's locus on one build, 1-based and inclusive."""

    chrom: Chromosome
    start: int = Field(gt=0)
    end: int = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> GeneSpan:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Gene(Model):
    """A gene of the pathway with its identifiers and its spans on both builds."""

    symbol: str
    name: str
    hgnc_id: str = Field(pattern=r"^HGNC:\d+$")
    ncbi_gene_id: str = Field(pattern=r"^\d+$")
    uniprot: str = Field(pattern=r"^[OPQ][0-9][A-Z0-9]{3}[0-9]$|^[A-NR-Z][0-9][A-Z][A-Z0-9]{2}[0-9]$")
    aliases: list[str] = Field(default_factory=list)
    strand: Literal["+", "-"]
    grch37: GeneSpan
    grch38: GeneSpan


class HGVS(Model):
    """HGVS names of a variant: genomic on the GRCh38 chromosome, coding and protein where known."""

    genomic: str = Field(pattern=r"^NC_0000\d\d\.\d+:g\.\d+[ACGT]+>[ACGT]+$")
    coding: str | None = Field(default=None, pattern=r"^N[MR]_\d+\.\d+:[cn]\.\S+$")
    protein: str | None = Field(default=None, pattern=r"^p\.\S+$")


class Variant(Model):
    """A curated variant in a pathway gene, with its evidence."""

    id: str = Field(
        pattern=r"^[A-Z][A-Z0-9]*_[A-Za-z0-9]+$", description="GENE_ProteinChange, e.g. AKT2_R274H"
    )
    gene: str
    name: str = Field(description="The name used in the literature, e.g. 'Pro12Ala'")
    rsid: str | None = None
    hgvs: HGVS
    grch37: GenomicPosition
    grch38: GenomicPosition
    intergenic: bool = Field(
        default=False,
        description="An association signal outside the gene, filed under its nearest candidate gene (distance in notes)",
    )
    significance: Significance
    effect: Effect
    effect_allele: str = Field(
        description="The allele (forward strand, as written in REF or ALT) whose effect `effect` and `phenotype` "
        "describe; it may be the reference allele"
    )
    effect_allele_name: str = Field(
        min_length=1, description="The effect allele as the literature names it, e.g. 'Ala12' or '-174C'"
    )
    other_allele_name: str = Field(
        min_length=1, description="The other allele as the literature names it, e.g. 'Pro12' or '-174G'"
    )
    legacy_names: list[str] = Field(
        default_factory=list,
        description="Other names in use, each saying its numbering, e.g. 'Arg1174Gln (mature receptor numbering)'",
    )
    inheritance: Inheritance = Field(description="How copies of the effect allele add up")
    phenotype: str = Field(min_length=10)
    patient_summary: str = Field(min_length=20, description="What it means, in plain words for a patient")
    evidence_level: EvidenceLevel
    effect_size: str | None = Field(
        default=None, description="As the studies give it, e.g. an OR with 95% CI"
    )
    frequency: str | None = Field(default=None, description="Allele frequency by population, where reported")
    notes: str | None = Field(default=None, description="Limits: population differences, mixed evidence")
    implications: list[Implication] = Field(default_factory=list)
    references: RefList

    @field_validator("rsid")
    @classmethod
    def _rsid_form(cls, value: str | None) -> str | None:
        if value is not None and not RSID.match(value):
            raise ValueError(f"rsID {value!r} must look like 'rs1801282'")
        return value

    @model_validator(mode="after")
    def _effect_allele_is_ref_or_alt(self) -> Variant:
        if self.effect_allele not in (self.grch38.ref, self.grch38.alt):
            raise ValueError(
                f"variant {self.id}: effect_allele {self.effect_allele!r} must be its REF "
                f"{self.grch38.ref!r} or ALT {self.grch38.alt!r}"
            )
        return self


class TourStep(Model):
    """One step of a guided tour: the nodes it lights up and what it says to each audience."""

    title: str = Field(min_length=3)
    focus: str = Field(description="The node the step is about (its detail can be opened)")
    highlight: list[str] = Field(min_length=1, description="Nodes lit on the map during this step")
    narration: Explanations
    references: RefList


class Tour(Model):
    """A guided walk through the map, told as a sequence of steps."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
    title: str = Field(min_length=5)
    summary: str = Field(min_length=10)
    steps: list[TourStep] = Field(min_length=3)


class Limit(Model):
    """One limit of what genetics can tell, shown on the Limits and privacy page."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
    title: str = Field(min_length=5)
    text: str = Field(min_length=40)
    plain: str = Field(min_length=20)
    references: RefList


KineticModelId = Literal["adipocyte", "meal"]
ModelState = Literal["normal", "diabetic"]
MODEL_ID = r"^[A-Za-z_][A-Za-z0-9_]*$"


class KineticModel(Model):
    """A published kinetic model shipped as SBML in kb/data/models (see PROVENANCE.md there)."""

    id: KineticModelId
    title: str = Field(min_length=5, description="What a student sees, e.g. 'Inside a fat cell'")
    sbml: dict[ModelState, str] = Field(
        description="SBML file in kb/data/models per state; a state not listed is built from a parameter set"
    )
    scope: str = Field(min_length=20, description="What the model is of and what it was fitted to")
    references: RefList


class ReadoutBinding(Model):
    """A map node bound to what a kinetic model says about it: the species it holds and the readout."""

    model: KineticModelId
    readout: str = Field(
        pattern=r"^(?:[A-Z][A-Z0-9]*|[a-z][a-z0-9]*(?:_[a-z0-9]+)*)$",
        description="Key of the readout in `python -m kb dynamics`; the node id for the fat-cell model",
    )
    node: str = Field(description="The map node the readout is about")
    label: str = Field(min_length=5, description="What the readout measures")
    unit: str = Field(min_length=2)
    uniprot: list[str] = Field(
        default_factory=list,
        description="UniProt accessions the model annotates these species with; each must be a gene of the node",
    )
    forms: list[str] = Field(
        default_factory=list,
        description="SBML species holding the protein in any form; scaling the node's amount scales them all",
    )
    measure: list[Annotated[str, Field(pattern=MODEL_ID)]] = Field(
        min_length=1, description="SBML species or rule variables whose sum is the readout"
    )
    activity: Literal["same", "opposite"] = Field(
        default="same",
        description="Whether the readout rises (same) or falls (opposite) when the node's activity on the map rises",
    )


class ParameterSet(Model):
    """Published parameter values that make a model state not shipped as its own SBML file."""

    model: KineticModelId
    state: ModelState
    values: dict[str, float] = Field(min_length=1, description="SBML parameter id -> published value")
    source: str = Field(min_length=10, description="Where in the reference the values are printed")
    references: RefList


class DirectionPair(Model):
    """The direction the signed graph predicts at a readout, and the one the kinetic model gives."""

    graph: Literal["up", "down", "unchanged", "ambiguous"]
    kinetic: Literal["up", "down", "unchanged"]


class ModelDisagreement(Model):
    """Where the signed graph and the fat-cell model predict different directions after a knock-down, and why."""

    perturbation: str = Field(description="Node knocked down (a loss in the graph)")
    readouts: dict[str, DirectionPair] = Field(min_length=1, description="Readout node -> both directions")
    explanation: str = Field(min_length=40, description="Which part of either model makes them differ")
    references: RefList


class Dynamics(Model):
    """The kinetic models, what binds them to the map, and where they and the signed graph differ."""

    models: list[KineticModel]
    bindings: list[ReadoutBinding]
    parameter_sets: list[ParameterSet] = Field(default_factory=list)
    disagreements: list[ModelDisagreement] = Field(default_factory=list)


class KnowledgeBase(Model):
    """The whole knowledge base, as loaded from kb/data."""

    nodes: list[Node]
    edges: list[Edge]
    variants: list[Variant]
    genes: list[Gene]
    references: list[Reference]
    tours: list[Tour]
    limits: list[Limit]
    layout: dict[str, tuple[float, float]] = Field(description="Map position (x, y) of every node")
    dynamics: Dynamics = Field(description="Kinetic models bound to the map's nodes (kb/data/dynamics.json)")


def json_schema() -> dict:
    """The JSON schema of the whole knowledge base, as committed in kb/schema.json."""
    return KnowledgeBase.model_json_schema()


def records_source() -> str:
    """Python source of kb/variants/records.py: plain frozen dataclasses with the fields of `Variant`.

    The matcher reads curated variants straight from JSON into these, so that annotating a genome does not
    wait for pydantic to build the schema; generating them from the models keeps one definition.
    """
    classes: list[type[BaseModel]] = []

    def collect(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            for nested in _nested_models(info.annotation):
                if nested not in classes:
                    collect(nested)
        if model not in classes:
            classes.append(model)

    collect(Variant)
    lines = [
        '"""Curated variants as plain records, for the matcher. Generated from kb/schema.py: do not edit.',
        "",
        "To regenerate: python -m kb schema --records > kb/variants/records.py",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from dataclasses import dataclass",
        "from typing import Any",
        "",
        f"__all__ = [{', '.join(json.dumps(model.__name__) for model in classes)}]",
    ]
    for model in classes:
        lines += ["", "", "@dataclass(frozen=True, slots=True)", f"class {model.__name__}:"]
        lines.append(f'    """{(model.__doc__ or model.__name__).strip().splitlines()[0]}"""')
        lines.append("")
        for name, info in model.model_fields.items():
            lines.append(f"    {name}: {_annotation_source(info.annotation)}")
        lines += [
            "",
            "    @classmethod",
            f"    def from_json(cls, data: dict[str, Any]) -> {model.__name__}:",
        ]
        lines.append(
            '        """The record of one JSON entry, validated beforehand by `python -m kb validate`."""'
        )
        lines.append("        return cls(")
        for name, info in model.model_fields.items():
            if info.is_required():
                value = f"data[{json.dumps(name)}]"
            else:
                default = info.get_default(call_default_factory=True)
                fallback = "" if default is None else f", {default!r}"
                value = f"data.get({json.dumps(name)}{fallback})"
            lines.append(f"            {name}={_conversion_source(info.annotation, value)},")
        lines.append("        )")
    return "\n".join(lines) + "\n"


def _nested_models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in get_args(annotation) for model in _nested_models(argument)]


def _annotation_source(annotation: object) -> str:
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return "str"
    if origin is list:
        return f"tuple[{_annotation_source(arguments[0])}, ...]"
    if origin in (Union, UnionType):
        return " | ".join(
            "None" if argument is type(None) else _annotation_source(argument) for argument in arguments
        )
    if isinstance(annotation, type):
        return annotation.__name__
    raise TypeError(f"records_source cannot write the annotation {annotation!r}")


def _conversion_source(annotation: object, value: str) -> str:
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is list:
        item = arguments[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return f"tuple({item.__name__}.from_json(item) for item in {value})"
        return f"tuple({value})"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"{annotation.__name__}.from_json({value})"
    return value
