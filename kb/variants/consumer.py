"""Consumer raw-data files: 23andMe, AncestryDNA, MyHeritage and FamilyTreeDNA (plain or zipped).

These files list genotypes at array markers by rsID and position, with no REF or ALT; they are read
only for the markers the knowledge base curates and for a count of the other markers in pathway genes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from kb.errors import InputError
from kb.genome import normalise_chromosome
from kb.variants.source import ByteSource, Progress

__all__ = ["ConsumerFormat", "ConsumerRow", "ConsumerScan", "detect_consumer_format", "read_consumer"]

ConsumerFormat = Literal[
    "23andMe",
    "AncestryDNA",
    "MyHeritage / FamilyTreeDNA",
    "FamilyTreeDNA Family Finder",
    "rsid, chromosome, position, genotype table",
]
# Formats whose genotype is written as two allele columns, and those whose cells are comma-separated.
_TWO_ALLELE_COLUMNS = frozenset({"AncestryDNA", "FamilyTreeDNA Family Finder"})
_COMMA_SEPARATED = frozenset({"MyHeritage / FamilyTreeDNA", "FamilyTreeDNA Family Finder"})
_GENOTYPE_LETTERS = frozenset("ACGTDIN-")


@dataclass(frozen=True, slots=True)
class ConsumerRow:
    """One genotyped marker as the file writes it (chromosome normalised)."""

    rsid: str
    chrom: str
    pos: int
    genotype: str


@dataclass
class ConsumerScan:
    """The rows a consumer file holds, its format and its comment lines (where a build may be named)."""

    file_format: ConsumerFormat
    header_lines: list[str]
    rows: Iterator[ConsumerRow]
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0


def decode_text(head: bytes) -> str:
    """Text of a file head: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8-sig", errors="replace")


_FAMILY_FINDER_ROW = re.compile(
    r"^\"?(rs|i)\d+\"?,\"?\w+\"?,\"?\d+\"?,\"?[ACGTDI-]\"?,\"?[ACGTDI-]\"?\r?$", re.I
)


def detect_consumer_format(head_text: str) -> ConsumerFormat | None:
    """Which consumer format a file head is, if any."""
    lowered = head_text.lower()
    data_lines = [line for line in head_text.splitlines() if line.strip() and not line.startswith("#")]
    first = data_lines[0].lower().replace('"', "").replace(" ", "") if data_lines else ""
    # 23andMe comments its column header; an export re-saved by other tools may not (then its comment lines
    # still name 23andMe, or it is read as the generic table it has become).
    if "23andme" in lowered or re.search(
        r"^#[ \t]*rsid\s+chromosome\s+position\s+genotype\s*$", lowered, re.M
    ):
        return "23andMe"
    if first.startswith("rsid\tchromosome\tposition\tallele1\tallele2") or "ancestrydna" in lowered:
        return "AncestryDNA"
    if first.startswith("rsid,chromosome,position,result"):
        return "MyHeritage / FamilyTreeDNA"
    if (
        first.startswith(
            ("name,chromosome,position,allele1,allele2", "rsid,chromosome,position,allele1,allele2")
        )
        or "famfinder" in lowered
        or (len(data_lines) > 2 and all(_FAMILY_FINDER_ROW.match(line) for line in data_lines[:3]))
    ):
        return "FamilyTreeDNA Family Finder"
    if re.match(r"^rsid[,\t]chromosome[,\t]position[,\t]genotype$", first.rstrip("\r")):
        return "rsid, chromosome, position, genotype table"
    return None


def _lines(source: ByteSource, utf16: bool, progress: Progress | None) -> Iterator[str]:
    carry = b""
    if utf16:
        # UTF-16 files are re-saved by spreadsheet programs; they are small enough to decode whole.
        data = b"".join(source.chunks(progress=progress))
        yield from data.decode("utf-16").splitlines()
        return
    for chunk in source.chunks(progress=progress):
        data = carry + chunk
        cut = data.rfind(b"\n")
        if cut < 0:
            carry = data
            if len(carry) > 1 << 20:
                raise InputError(f"{source.name}: a line is longer than 1 MiB; this is not a raw-data file")
            continue
        carry = data[cut + 1 :]
        yield from data[:cut].decode("utf-8-sig", errors="replace").split("\n")
    if carry:
        yield carry.decode("utf-8", errors="replace")


def read_consumer(
    source: ByteSource,
    progress: Progress | None = None,
    relevant: Callable[[str, str, int], bool] | None = None,
) -> ConsumerScan:
    """Open a consumer raw file: its format, its comment lines, and an iterator over its rows.

    `relevant(rsid, chromosome as written, position)` picks the rows worth yielding; all rows are counted.
    """
    head = source.head(8192)
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    head_text = decode_text(head)
    file_format = detect_consumer_format(head_text)
    if file_format is None:
        raise InputError(
            f"{source.name}: not a 23andMe, AncestryDNA, MyHeritage or FamilyTreeDNA raw file, nor an rsid, "
            "chromosome, position, genotype table"
        )
    header_lines = [line for line in head_text.splitlines()[:60] if line.startswith("#")]
    warnings: list[str] = []
    first_data = next(
        (line for line in head_text.splitlines() if line.strip() and not line.startswith("#")), ""
    )
    delimiter = (
        "," if file_format in _COMMA_SEPARATED or first_data.count(",") > first_data.count("\t") else "\t"
    )
    two_allele_columns = file_format in _TWO_ALLELE_COLUMNS
    scan = ConsumerScan(file_format=file_format, header_lines=header_lines, rows=iter(()), warnings=warnings)

    def rows() -> Iterator[ConsumerRow]:
        # Tight on purpose: a consumer file has ~600,000 rows and only a handful matter.
        bad = read = 0
        for raw in _lines(source, utf16, progress):
            if not raw or raw[0] == "#":
                continue
            fields = (raw.replace('"', "") if delimiter == "," else raw).rstrip("\r").split(delimiter)
            if len(fields) < 4 or not fields[2].strip().isdigit():
                if fields[0].strip().lower() not in ("rsid", "name") and raw.strip():
                    bad += 1
                    if bad > 1000 and bad > read:
                        raise InputError(
                            f"{source.name}: most rows are not rsID, chromosome, position, genotype"
                        )
                continue
            read += 1
            rsid, chrom, position = fields[0].strip(), fields[1].strip(), int(fields[2])
            if relevant is not None and not relevant(rsid, chrom, position):
                continue
            genotype = fields[3] + fields[4] if two_allele_columns and len(fields) >= 5 else fields[3]
            genotype = (
                genotype.strip().replace("0", "").replace("-", "").upper()
                if two_allele_columns
                else genotype.strip().upper()
            )
            if len(genotype) > 2 or not set(genotype) <= _GENOTYPE_LETTERS:
                bad += 1
                continue
            yield ConsumerRow(rsid, normalise_chromosome(chrom), position, genotype)
        scan.rows_read = read
        if bad:
            warnings.append(f"{bad} row(s) could not be read and were skipped.")

    scan.rows = rows()
    return scan
