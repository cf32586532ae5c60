"""What a reader yields: one genotype call per ALT allele, in the field's vocabulary (CHROM, POS, REF, ALT).

POS is 1-based, on the build of the input. CHROM carries no 'chr' prefix. A multi-allelic record
becomes one call per ALT allele the sample carries; `genotype` is the GT as written in the file. A structural
variant carries its `end` (INFO END, or POS + |SVLEN|); other calls span their REF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["VariantCall", "Zygosity", "span_of", "zygosity_of"]

Zygosity = Literal["heterozygous", "homozygous_alternate", "hemizygous", "homozygous_reference", "unknown"]


@dataclass(frozen=True, slots=True)
class VariantCall:
    """One ALT allele at one position, as one sample carries it."""

    chrom: str
    pos: int
    ref: str
    alt: str
    rsid: str | None
    genotype: str
    zygosity: Zygosity
    phased: bool = False
    filter: str = "."
    end: int | None = None
    # The record's INFO as written and which ALT of the record this is (1-based): read only for findings,
    # by kb.variants.file_annotations, never for records outside the pathway genes.
    info: str = ""
    alt_number: int = 1


def span_of(call: VariantCall) -> tuple[int, int]:
    """The first and last position a call covers: its END when it has one, else its REF."""
    if call.end is not None:
        return call.pos, max(call.pos, call.end)
    return call.pos, call.pos + max(len(call.ref), 1) - 1


def zygosity_of(alleles: list[str], allele: str) -> Zygosity:
    """Zygosity for `allele` given the called alleles of a genotype ('.' for a missing allele)."""
    called = [a for a in alleles if a != "."]
    if allele not in called:
        return "homozygous_reference" if called and len(called) == len(alleles) else "unknown"
    if len(alleles) == 1:
        return "hemizygous"
    if len(called) < len(alleles):
        return "unknown"
    if all(a == allele for a in called):
        return "homozygous_alternate"
    return "heterozygous"
