"""MANE Select transcript models of the pathway genes on both builds, and HGVS c. positions on them.

The models are kb/data/transcripts.json, built by tools/build_transcripts.py (sources in kb/data/SOURCES.md).
Genomic positions are 1-based and inclusive on the forward strand. `exons` are in transcript order (exon 1
first, so descending on the minus strand); `coding_start`/`coding_end` are the lowest and highest genomic
positions of the coding sequence, stop codon included. c. positions follow HGVS: c.1 is the A of the ATG,
c.-N counts back from it (5' UTR and upstream), c.*N counts on from the last base of the stop codon (3' UTR
and downstream), and an intronic base is c.N+M (after exon base c.N) or c.N-M (before it).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from kb.genome import Build
from kb.loader import raw_data

__all__ = [
    "CPosition",
    "Transcript",
    "c_position",
    "genomic_of_c",
    "transcript_of",
    "transcripts",
]

_C_POSITION = re.compile(r"^(?:c\.)?(?P<base>[-*]?\d+)(?:(?P<sign>[-+])(?P<offset>\d+))?")


class CPosition(NamedTuple):
    """Where a genomic position lies on a transcript: its c. coordinate and the part of the transcript.
    (A tuple: a genome places thousands, and a frozen dataclass costs several times more to make.)"""

    base: str  # '123', '-14' or '*20': the exonic c. number (or the one counted on past the transcript ends)
    offset: int  # 0 in an exon; +M after the exon base `base`, -M before it (intronic)
    exon: int | None  # exon number, when exonic
    intron: int | None  # intron number (intron N follows exon N), when intronic
    region: str  # upstream, 5_prime_UTR, coding, 3_prime_UTR, downstream, intron
    codon: int | None  # codon number, when coding

    def __str__(self) -> str:
        if self.offset == 0:
            return f"c.{self.base}"
        return f"c.{self.base}{'+' if self.offset > 0 else '-'}{abs(self.offset)}"


@dataclass(frozen=True)
class Transcript:
    """One MANE Select transcript on one build."""

    gene: str
    refseq: str
    refseq_protein: str
    ensembl: str
    ensembl_protein: str
    build: Build
    chrom: str
    strand: str
    exons: tuple[tuple[int, int], ...]
    coding_start: int
    coding_end: int

    @functools.cached_property
    def start(self) -> int:
        """The transcript's lowest genomic position."""
        return min(start for start, _ in self.exons)

    @functools.cached_property
    def end(self) -> int:
        """The transcript's highest genomic position."""
        return max(end for _, end in self.exons)

    @functools.cached_property
    def coding_length(self) -> int:
        """Bases of coding sequence, stop codon included."""
        return sum(
            min(end, self.coding_end) - max(start, self.coding_start) + 1
            for start, end in self.exons
            if end >= self.coding_start and start <= self.coding_end
        )

    @property
    def protein_length(self) -> int:
        """Amino acids encoded (the stop codon is not one)."""
        return self.coding_length // 3 - 1

    @functools.cached_property
    def _layout(self) -> tuple[list[tuple[int, int, int]], int, int]:
        """Exons as (start, end, transcript offset of the exon's first base), and the transcript offsets
        of the first and last coding bases (1-based, in transcript order)."""
        offsets = []
        done = 0
        first_coding = last_coding = 0
        for start, end in self.exons:
            offsets.append((start, end, done + 1))
            for genomic in (self.coding_start, self.coding_end):
                if start <= genomic <= end:
                    along = genomic - start if self.strand == "+" else end - genomic
                    tx = done + 1 + along
                    if (genomic == self.coding_start) == (self.strand == "+"):
                        first_coding = tx
                    else:
                        last_coding = tx
            done += end - start + 1
        return offsets, first_coding, last_coding

    def _tx_to_c(self, tx: int) -> tuple[str, str, int | None]:
        """A transcript offset (may lie beyond either end) as a c. base, its region and codon."""
        _, first, last = self._layout
        if tx < first:
            return f"-{first - tx}", "5_prime_UTR", None
        if tx > last:
            return f"*{tx - last}", "3_prime_UTR", None
        number = tx - first + 1
        return str(number), "coding", (number + 2) // 3

    def _along(self, pos: int) -> int:
        """Distance along the transcript's direction (larger is further 3')."""
        return pos if self.strand == "+" else -pos

    @functools.cached_property
    def _by_start(self) -> tuple[list[int], list[tuple[int, int, int, int]], int]:
        """Exons sorted by genomic start as (start, end, exon number, transcript offset), and the length."""
        offsets, _, _ = self._layout
        ordered = sorted(
            (start, end, number, first_tx) for number, (start, end, first_tx) in enumerate(offsets, start=1)
        )
        total = sum(end - start + 1 for start, end in self.exons)
        return [exon[0] for exon in ordered], ordered, total

    def c_position(self, pos: int) -> CPosition:
        """The c. coordinate of genomic position `pos` (any position on the transcript's chromosome)."""
        offsets, _, _ = self._layout
        starts, ordered, total = self._by_start
        slot = bisect.bisect_right(starts, pos) - 1
        if slot >= 0 and pos <= ordered[slot][1]:
            start, end, number, first_tx = ordered[slot]
            along = pos - start if self.strand == "+" else end - pos
            base, region, codon = self._tx_to_c(first_tx + along)
            return CPosition(base, 0, number, None, region, codon)
        before = self._along(pos) < self._along(self.exons[0][0] if self.strand == "+" else self.exons[0][1])
        if before:
            distance = abs(pos - (self.exons[0][0] if self.strand == "+" else self.exons[0][1]))
            base, _, _ = self._tx_to_c(1 - distance)
            return CPosition(base, 0, None, None, "upstream", None)
        last_exon = self.exons[-1]
        after_end = self._along(pos) > self._along(last_exon[1] if self.strand == "+" else last_exon[0])
        if after_end:
            distance = abs(pos - (last_exon[1] if self.strand == "+" else last_exon[0]))
            base, _, _ = self._tx_to_c(total + distance)
            return CPosition(base, 0, None, None, "downstream", None)
        # Between two exons: the one just below pos (genomic) is the upstream exon on the plus strand.
        lower, upper = ordered[slot], ordered[slot + 1]
        number = lower[2] if self.strand == "+" else upper[2]
        upstream_exon, downstream_exon = offsets[number - 1], offsets[number]
        if self.strand == "+":
            after_donor, before_acceptor = pos - upstream_exon[1], downstream_exon[0] - pos
        else:
            after_donor, before_acceptor = upstream_exon[0] - pos, pos - downstream_exon[1]
        # HGVS: a base in the middle of an intron is numbered from the exon before it.
        if after_donor <= before_acceptor:
            donor_tx = upstream_exon[2] + (upstream_exon[1] - upstream_exon[0])
            base, _, _ = self._tx_to_c(donor_tx)
            return CPosition(base, after_donor, None, number, "intron", None)
        base, _, _ = self._tx_to_c(downstream_exon[2])
        return CPosition(base, -before_acceptor, None, number, "intron", None)

    def genomic(self, c: str) -> int:
        """The genomic position of a c. coordinate ('c.2050', 'c.-14', 'c.*20', 'c.100+5', 'c.101-2')."""
        match = _C_POSITION.match(c.strip())
        if match is None:
            raise ValueError(f"{c!r} is not a c. position such as c.2050, c.-14, c.*20 or c.100+5")
        base = match["base"]
        offsets, first, last = self._layout
        if base.startswith("*"):
            tx = last + int(base[1:])
        elif base.startswith("-"):
            tx = first - int(base[1:])
        else:
            if int(base) < 1:
                raise ValueError(f"{c!r}: there is no c.0")
            tx = first + int(base) - 1
        genomic = self._tx_to_genomic(tx, offsets)
        offset = int(match["offset"] or 0) * (-1 if match["sign"] == "-" else 1)
        return genomic + (offset if self.strand == "+" else -offset)

    def _tx_to_genomic(self, tx: int, offsets: list[tuple[int, int, int]]) -> int:
        for start, end, first_tx in offsets:
            length = end - start + 1
            if first_tx <= tx < first_tx + length:
                along = tx - first_tx
                return start + along if self.strand == "+" else end - along
        if tx < 1:
            first_start, first_end, _ = offsets[0]
            return first_start - (1 - tx) if self.strand == "+" else first_end + (1 - tx)
        last_start, last_end, last_first = offsets[-1]
        beyond = tx - (last_first + last_end - last_start)
        return last_end + beyond if self.strand == "+" else last_start - beyond


@functools.cache
def transcripts(build: Build) -> dict[str, Transcript]:
    """Gene symbol -> its MANE Select transcript on `build`."""
    field = "grch37" if build == "GRCh37" else "grch38"
    models = {}
    for entry in raw_data("transcripts.json"):
        on = entry[field]
        models[entry["gene"]] = Transcript(
            gene=entry["gene"],
            refseq=entry["refseq"],
            refseq_protein=entry["refseq_protein"],
            ensembl=entry["ensembl"],
            ensembl_protein=entry["ensembl_protein"],
            build=build,
            chrom=on["chrom"],
            strand=entry["strand"],
            exons=tuple((start, end) for start, end in on["exons"]),
            coding_start=on["coding_start"],
            coding_end=on["coding_end"],
        )
    return models


def transcript_of(gene: str, build: Build) -> Transcript | None:
    """The MANE Select transcript of `gene` on `build`, or None for a gene without a model."""
    return transcripts(build).get(gene)


def c_position(
    build: Build, chrom: str, pos: int, gene: str | None = None
) -> tuple[Transcript, CPosition] | None:
    """The transcript and c. position of chrom:pos: on `gene`'s transcript if given, else on the first
    transcript that spans the position; None when no transcript does."""
    if gene is not None:
        model = transcript_of(gene, build)
        return (model, model.c_position(pos)) if model and model.chrom == chrom else None
    for model in transcripts(build).values():
        if model.chrom == chrom and model.start <= pos <= model.end:
            return model, model.c_position(pos)
    return None


def genomic_of_c(gene: str, build: Build, c: str) -> int:
    """The genomic position (1-based, forward strand, on `build`) of a c. position of `gene`'s MANE transcript.

    Raises KeyError for a gene without a model and ValueError for a malformed c. position.
    """
    model = transcript_of(gene, build)
    if model is None:
        raise KeyError(f"{gene} has no transcript model in kb/data/transcripts.json")
    return model.genomic(c)
