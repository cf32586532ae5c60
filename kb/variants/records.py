"""Curated variants as plain records, for the matcher. Generated from kb/schema.py: do not edit.

To regenerate: python -m kb schema --records > kb/variants/records.py
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["HGVS", "GenomicPosition", "Implication", "Variant"]


@dataclass(frozen=True, slots=True)
class HGVS:
    """HGVS names of a variant: genomic on the GRCh38 chromosome, coding and protein where known."""

    genomic: str
    coding: str | None
    protein: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HGVS:
        """The record of one JSON entry, validated beforehand by `python -m kb validate`."""
        return cls(
            genomic=data["genomic"],
            coding=data.get("coding"),
            protein=data.get("protein"),
        )


@dataclass(frozen=True, slots=True)
class GenomicPosition:
    """A variant's position on one build: 1-based POS, alleles on the forward strand as in a VCF."""

    chrom: str
    pos: int
    ref: str
    alt: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GenomicPosition:
        """The record of one JSON entry, validated beforehand by `python -m kb validate`."""
        return cls(
            chrom=data["chrom"],
            pos=data["pos"],
            ref=data["ref"],
            alt=data["alt"],
        )


@dataclass(frozen=True, slots=True)
class Implication:
    """What a finding may mean for care, with how strong the evidence is."""

    area: str
    text: str
    plain: str
    grade: str
    references: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Implication:
        """The record of one JSON entry, validated beforehand by `python -m kb validate`."""
        return cls(
            area=data["area"],
            text=data["text"],
            plain=data["plain"],
            grade=data["grade"],
            references=tuple(data["references"]),
        )


@dataclass(frozen=True, slots=True)
class Variant:
    """A curated variant in a pathway gene, with its evidence."""

    id: str
    gene: str
    name: str
    rsid: str | None
    hgvs: HGVS
    grch37: GenomicPosition
    grch38: GenomicPosition
    intergenic: bool
    significance: str
    effect: str
    effect_allele: str
    effect_allele_name: str
    other_allele_name: str
    legacy_names: tuple[str, ...]
    inheritance: str
    phenotype: str
    patient_summary: str
    evidence_level: str
    effect_size: str | None
    frequency: str | None
    notes: str | None
    implications: tuple[Implication, ...]
    references: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Variant:
        """The record of one JSON entry, validated beforehand by `python -m kb validate`."""
        return cls(
            id=data["id"],
            gene=data["gene"],
            name=data["name"],
            rsid=data.get("rsid"),
            hgvs=HGVS.from_json(data["hgvs"]),
            grch37=GenomicPosition.from_json(data["grch37"]),
            grch38=GenomicPosition.from_json(data["grch38"]),
            intergenic=data.get("intergenic", False),
            significance=data["significance"],
            effect=data["effect"],
            effect_allele=data["effect_allele"],
            effect_allele_name=data["effect_allele_name"],
            other_allele_name=data["other_allele_name"],
            legacy_names=tuple(data.get("legacy_names", [])),
            inheritance=data["inheritance"],
            phenotype=data["phenotype"],
            patient_summary=data["patient_summary"],
            evidence_level=data["evidence_level"],
            effect_size=data.get("effect_size"),
            frequency=data.get("frequency"),
            notes=data.get("notes"),
            implications=tuple(Implication.from_json(item) for item in data.get("implications", [])),
            references=tuple(data["references"]),
        )
