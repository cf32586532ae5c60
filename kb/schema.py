"""Typed models of the knowledge base: every data file in kb/data is validated by these.

Closed vocabularies are `Literal` aliases so that a typo in a data file fails validation.
Coordinates are 1-based and inclusive, on the build named by the field (GRCh37 or GRCh38).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
    "KnowledgeBase",
    "LinkedItem",
    "Node",
    "NodeKind",
    "Reference",
    "Significance",
    "Sign",
    "Variant",
    "Explanations",
    "Limit",
    "Tour",
    "TourStep",
    "json_schema",
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
Significance = Literal[
    "pathogenic",
    "likely_pathogenic",
    "risk_factor",
    "protective",
    "uncertain",
    "likely_benign",
    "benign",
]
Effect = Literal["loss_of_function", "gain_of_function", "dominant_negative", "risk", "protective", "unknown"]
# How much evidence stands behind a curated variant's link to its phenotype.
EvidenceLevel = Literal["established", "replicated", "limited", "conflicting"]
ImplicationArea = Literal["monitoring", "therapy", "lifestyle", "referral"]
ImplicationGrade = Literal[
    "guideline", "replicated_association", "single_study", "expert_opinion", "no_evidence"
]
Audience = Literal["student", "clinician", "patient"]
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


def json_schema() -> dict:
    """The JSON schema of the whole knowledge base, as committed in kb/schema.json."""
    return KnowledgeBase.model_json_schema()
