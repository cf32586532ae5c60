"""The genomic regions the matcher looks in: every pathway gene's span, with a promoter flank, per build."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from kb.genome import PROMOTER_FLANK, Build
from kb.loader import raw_data

__all__ = [
    "GeneRegions",
    "Intervals",
    "gene_regions",
    "gene_regions_of",
    "merge_intervals",
    "regions_of_both_builds",
]

# Per chromosome: sorted, merged [start, end] intervals (1-based, inclusive), as two lists.
Intervals = dict[str, tuple[list[int], list[int]]]


@dataclass(frozen=True)
class GeneRegions:
    """Per chromosome: sorted, merged [start, end] intervals (1-based, inclusive) and the genes they hold."""

    build: Build
    merged: Intervals
    genes: dict[str, list[tuple[int, int, str]]]

    def genes_at(self, chrom: str, pos: int) -> list[str]:
        """Symbols of the genes whose region (span plus flank) holds chrom:pos."""
        return [symbol for start, end, symbol in self.genes.get(chrom, ()) if start <= pos <= end]

    def genes_overlapping(self, chrom: str, start: int, end: int) -> list[str]:
        """Symbols of the genes whose region overlaps chrom:start-end (a deletion or a structural variant)."""
        return [symbol for low, high, symbol in self.genes.get(chrom, ()) if low <= end and start <= high]

    def contains(self, chrom: str, pos: int) -> bool:
        """Whether chrom:pos lies in any region."""
        return overlaps(self.merged, chrom, pos, pos)


def overlaps(merged: Intervals, chrom: str, start: int, end: int) -> bool:
    """Whether chrom:start-end overlaps any of the merged intervals."""
    intervals = merged.get(chrom)
    if intervals is None:
        return False
    starts, ends = intervals
    slot = bisect.bisect_right(starts, end) - 1
    return slot >= 0 and start <= ends[slot]


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, merged [start, end] intervals (touching ones joined) as a list of starts and one of ends."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(intervals):
        if ends and start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def gene_regions_of(
    spans: Iterable[tuple[str, str, int, int]],
    build: Build,
    flank: int = PROMOTER_FLANK,
    points: Iterable[tuple[str, str, int]] = (),
) -> GeneRegions:
    """Regions from (symbol, chrom, start, end) spans on `build`, each widened by `flank`, and from
    (symbol, chrom, pos) single positions, not widened."""
    genes: dict[str, list[tuple[int, int, str]]] = {}
    for symbol, chrom, start, end in spans:
        genes.setdefault(chrom, []).append((max(1, start - flank), end + flank, symbol))
    for symbol, chrom, pos in points:
        genes.setdefault(chrom, []).append((pos, pos, symbol))
    for intervals in genes.values():
        intervals.sort()
    merged = {
        chrom: merge_intervals((start, end) for start, end, _ in intervals)
        for chrom, intervals in genes.items()
    }
    return GeneRegions(build=build, merged=merged, genes=genes)


@functools.cache
def gene_regions(build: Build) -> GeneRegions:
    """The project's gene regions on `build`, built once per process.

    Read straight from kb/data/genes.json (validated by `python -m kb validate` and the test suite)
    rather than through the schema, so that reading a file can start before the schema is built.
    """
    field = "grch37" if build == "GRCh37" else "grch38"
    genes = raw_data("genes.json")
    spans = (
        (gene["symbol"], gene[field]["chrom"], gene[field]["start"], gene[field]["end"]) for gene in genes
    )
    # A curated association signal outside its gene is looked for at its own position, and only there.
    variants = raw_data("variants.json")
    points = (
        (variant["gene"], variant[field]["chrom"], variant[field]["pos"])
        for variant in variants
        if variant.get("intergenic")
    )
    return gene_regions_of(spans, build, points=points)


@functools.cache
def regions_of_both_builds() -> Intervals:
    """Every gene region of either build, merged: where a file's records are read before its build is known."""
    both: dict[str, list[tuple[int, int]]] = {}
    for build in ("GRCh37", "GRCh38"):
        for chrom, (starts, ends) in gene_regions(build).merged.items():
            both.setdefault(chrom, []).extend(zip(starts, ends, strict=True))
    return {chrom: merge_intervals(intervals) for chrom, intervals in both.items()}
