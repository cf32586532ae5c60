"""VCF reader, plain or bgzip, any number of samples, tuned for whole genomes; BCF and indexed files
through htslib (pysam).

Only records in or near pathway genes matter, so the body is scanned in large chunks with numpy: the CHROM and
POS of every line are decoded vectorised, and only lines inside a region of either build, past a chromosome end
of either build, or carrying a symbolic ALT (a structural variant whose END may reach a gene) are split and
parsed in Python. The build is resolved after the whole file is read (kb/variants/build.py), from everything
those records showed. With an index (.tbi or .csi) beside a bgzip VCF or a BCF, only those regions are read.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from queue import Full, Queue
from typing import Any, NamedTuple, TypeVar

import numpy as np

from kb.errors import InputError
from kb.genome import BUILDS, CHROMOSOME_LENGTHS, Build, normalise_chromosome
from kb.variants.build import (
    SHORTER_END,
    BuildEvidence,
    BuildResolution,
    evidence_from_header_lines,
    header_build,
    known_markers,
    refuse_unreadable_build,
    resolve_build,
)
from kb.variants.calls import VariantCall, Zygosity, span_of, zygosity_of
from kb.variants.options import CLI_OPTIONS, OptionNames
from kb.variants.regions import Intervals, gene_regions, merge_intervals, overlaps, regions_of_both_builds
from kb.variants.source import ByteSource, Progress, ProgressRelay

__all__ = [
    "MAX_CALLS",
    "MAX_EXAMINED",
    "IndexTrouble",
    "VcfHeader",
    "VcfScan",
    "choose_sample",
    "parse_vcf_header",
    "read_vcf_header",
    "scan_bcf",
    "scan_indexed_vcf",
    "scan_vcf",
]

_T = TypeVar("_T")
# Genotypes that carry no ALT allele: the record is skipped without looking further.
_NO_ALT_GENOTYPES = frozenset({"0/0", "0|0", "./.", ".|.", ".", "0", "0/.", "./0", "0|.", ".|0"})
_ALLELE = re.compile(r"^[ACGTNacgtn]+$")
_SYMBOLIC = re.compile(r"^(<[^<>]+>|\*|\.|[ACGTNacgtn]*[\[\]][^\t]*)$")
_SINGLE_BREAKEND = re.compile(r"^(\.[ACGTNacgtn]+|[ACGTNacgtn]+\.)$")
# Symbolic ALTs of gVCF reference blocks, which are not variants.
_REFERENCE_BLOCK = frozenset({"<NON_REF>", "<*>"})
_END = re.compile(r"(?:^|;)END=(\d+)")
_SVLEN = re.compile(r"(?:^|;)SVLEN=(-?\d+)")
_MAX_LINE = 1 << 20
_CHECKED_OPENING_RECORDS = 200
_CHROM_KEY_BYTES = 8
_PAD_BYTES = bytes(32)
# _KEY_MASK[n] keeps the first n bytes of a little-endian 8-byte key.
_KEY_MASK = np.array([(1 << (8 * n)) - 1 for n in range(_CHROM_KEY_BYTES)] + [2**64 - 1], dtype=np.uint64)
# Bounded cost whatever a file holds: a genome has a few tens of thousands of records in or near pathway
# genes and fewer variant alleles there; a file far past either is refused or cut, with a message.
MAX_EXAMINED = 2_000_000
MAX_CALLS = 50_000
# Records in a row at one position: a multi-allelic site split into records gives a handful, never this many.
MAX_SAME_POSITION = 1_000


@dataclass
class VcfHeader:
    """What the header says: meta lines, contigs with lengths, and the sample names."""

    meta: list[str] = field(default_factory=list)
    contigs: dict[str, int] = field(default_factory=dict)
    reference: str | None = None
    samples: list[str] = field(default_factory=list)
    has_format: bool = False


@dataclass
class VcfScan:
    """The result of reading a VCF for one sample: the calls in pathway genes on the resolved build."""

    header: VcfHeader
    sample: str | None
    calls: list[VariantCall]
    records_read: int
    warnings: list[str]
    resolution: BuildResolution


class IndexTrouble(Exception):
    """The index beside a file cannot be used; the caller reads the whole file instead."""


def parse_vcf_header(lines: list[str], name: str) -> VcfHeader:
    """Parse the '##' meta lines and the '#CHROM' line."""
    header = VcfHeader()
    if not lines or not lines[0].startswith("##fileformat=VCF"):
        raise InputError(f"{name}: not a VCF (the first line must be ##fileformat=VCFv4.x)")
    chrom_line = None
    for line in lines:
        if line.startswith("##"):
            header.meta.append(line)
            if line.startswith("##contig=<"):
                contig_id = re.search(r"[<,]ID=([^,>]+)", line)
                length = re.search(r"[<,]length=(\d+)", line)
                if contig_id and length:
                    header.contigs[normalise_chromosome(contig_id.group(1))] = int(length.group(1))
            elif line.startswith("##reference="):
                header.reference = line.split("=", 1)[1]
        elif line.startswith("#CHROM"):
            chrom_line = line
    if chrom_line is None:
        raise InputError(f"{name}: the VCF has no #CHROM header line")
    columns = chrom_line.rstrip("\r\n").split("\t")
    expected = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
    if columns[:8] != expected:
        raise InputError(f"{name}: the #CHROM line must start with {' '.join(expected)} separated by tabs")
    if len(columns) > 8:
        if columns[8] != "FORMAT":
            raise InputError(f"{name}: the ninth #CHROM column must be FORMAT")
        header.has_format = True
        header.samples = columns[9:]
    return header


def _split_header(source: ByteSource, progress: Progress | None) -> tuple[list[str], Iterator[bytes]]:
    """Header lines and an iterator over the body's bytes (starting at the first record)."""
    chunks = source.chunks(progress=progress)
    buffer = b""
    # Where the unread part of the buffer starts: a header line is read where it lies, since slicing off
    # each line would copy the whole chunk once per line (a GRCh38 header can list 3,000 contigs).
    at = 0
    header_lines: list[str] = []
    for chunk in chunks:
        buffer = buffer[at:] + chunk if at < len(buffer) else chunk
        at = 0
        if not header_lines and buffer.startswith(b"\xef\xbb\xbf"):
            at = 3
        while buffer.startswith(b"#", at):
            end = buffer.find(b"\n", at)
            if end < 0:
                break
            header_lines.append(_decode(buffer[at:end], source.name).rstrip("\r"))
            at = end + 1
        if at < len(buffer) and not buffer.startswith(b"#", at):
            break
        if len(buffer) - at > _MAX_LINE:
            raise InputError(f"{source.name}: a header line is longer than 1 MiB")
    else:
        if buffer.startswith(b"#", at):
            header_lines.append(_decode(buffer[at:], source.name).rstrip("\r\n"))
            at = len(buffer)
    buffer = buffer[at:]

    def body() -> Iterator[bytes]:
        if buffer:
            yield buffer
        yield from chunks

    return header_lines, body()


def _prefetched(chunks: Iterator[_T], depth: int = 2) -> Iterator[_T]:
    """Decompress in a second thread while this one scans: inflating and numpy both release the GIL."""
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    try:
                        queue.put(chunk, timeout=0.1)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(done)
        except BaseException as error:  # handed to the consumer, which raises it
            queue.put(error)

    worker = threading.Thread(target=produce, name="vcf-inflate", daemon=True)
    worker.start()
    try:
        while True:
            item = queue.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def _line_too_long(name: str) -> InputError:
    """The refusal of a record line over _MAX_LINE, whichever reading path meets it first."""
    return InputError(f"{name}: a record line is longer than 1 MiB; this is not a valid VCF")


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: the file is not text (it holds bytes that are not UTF-8)") from None


def _key_of(name: bytes) -> int:
    padded = name[:_CHROM_KEY_BYTES].ljust(_CHROM_KEY_BYTES, b"\0")
    return int.from_bytes(padded, "little")


def _packed(digits: str) -> int:
    """The first 8 ASCII digits of a number as a big-endian integer (what `_RegionFilter` compares)."""
    return int.from_bytes(digits[:8].encode().ljust(8, b"\0"), "big")


def _sort_key(digits: int, packed: int) -> int:
    """A POS's first 8 digits (big-endian) with the top nibble, always 3 for an ASCII digit, replaced by
    its digit count: comparing these orders by digit count, then as numbers of that many digits."""
    return (digits << 60) | (packed & _BELOW_TOP_NIBBLE)


_BELOW_TOP_NIBBLE = (1 << 60) - 1
# _PREFIX_MASK[w] keeps the first min(w, 8) bytes of a big-endian word: the digits of a POS w digits long.
_PREFIX_MASK = np.array(
    [((1 << (8 * min(w, 8))) - 1) << (8 * (8 - min(w, 8))) & _BELOW_TOP_NIBBLE for w in range(13)],
    dtype=np.uint64,
)
_DIGIT_COUNT_BITS = np.array([w << 60 for w in range(13)], dtype=np.uint64)


class _RegionFilter:
    """Vectorised, conservative test of (CHROM, POS) against the gene regions for whole blocks of lines.

    Only the first bytes of each line are read: CHROM (at most 8 bytes for the chromosomes that matter)
    and the digits of POS. Lines are grouped in runs of one chromosome; within a run, a POS is compared
    with the regions' bounds of its own digit count as a big-endian string of its first 8 digits, so the
    test never misses a line in a region and lets through at most a few near its ends. The caller checks
    every line it is handed exactly. Lines whose POS is not followed by a tab within 11 bytes are handed
    over too, so that the parser names the problem.
    """

    def __init__(self, regions: Intervals):
        # Per chromosome key: the sort keys (_sort_key) of the regions' lows and highs, a region that crosses
        # a power of ten split so that each part has one digit count. Both are non-decreasing, since the
        # regions are merged and disjoint, even once cut to their first 8 digits.
        self.regions: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for chrom, (starts, ends) in regions.items():
            spellings = {chrom, f"chr{chrom}"}
            if chrom == "MT":
                spellings |= {"M", "chrM"}
            parts: list[tuple[int, int]] = []
            for start, end in zip(starts, ends, strict=True):
                low = start
                while low <= end:
                    digits = len(str(low))
                    high = min(end, 10**digits - 1)
                    parts.append(
                        (_sort_key(digits, _packed(str(low))), _sort_key(digits, _packed(str(high))))
                    )
                    low = high + 1
            parts.sort()
            bounds = (
                np.array([low for low, _ in parts], dtype=np.uint64),
                np.array([high for _, high in parts], dtype=np.uint64),
            )
            for spelling in spellings:
                self.regions[_key_of(spelling.encode())] = bounds

    def candidates(self, data: bytes, starts: np.ndarray) -> np.ndarray:
        """Indices of lines that may lie in a region (a superset; never a line that does not)."""
        head = _words_at(data, starts)
        chrom_length = _tab_index(head)
        key = head & _KEY_MASK[chrom_length]
        run_starts = np.concatenate(([0], np.flatnonzero(key[1:] != key[:-1]) + 1, [len(key)]))
        hits = []
        for first, last in zip(run_starts[:-1], run_starts[1:], strict=True):
            bounds = self.regions.get(int(key[first]))
            # No tab in CHROM's first 8 bytes: a name longer than any the regions spell.
            if bounds is None or chrom_length[first] in (0, 8):
                continue
            lows, highs = bounds
            pos_at = starts[first:last] + chrom_length[first] + 1
            # The digits of POS end at the first tab of its 12 bytes: in its first word, or else in the word
            # at +4 (which holds bytes 4 to 11).
            opening = _words_at(data, pos_at)
            in_opening = _tab_index(opening)
            width = np.where(in_opening < 8, in_opening, _tab_index(_words_at(data, pos_at + 4)) + 4)
            value = opening.byteswap() & _PREFIX_MASK[width] | _DIGIT_COUNT_BITS[width]
            # The last part starting at or before each value is the only one that can hold it.
            slot = np.searchsorted(lows, value, side="right") - 1
            inside = (slot >= 0) & (value <= highs[np.maximum(slot, 0)])
            # A POS that is empty or without a tab in 12 bytes is handed to the parser, which names the problem.
            inside |= (width == 0) | (width == 12)
            hits.append(np.flatnonzero(inside) + first)
        return np.concatenate(hits) if hits else np.empty(0, dtype=np.int64)


_ONES = np.uint64(0x0101010101010101)
_HIGH_BITS = np.uint64(0x8080808080808080)
_TABS = np.uint64(0x0909090909090909)
_ONES_BIT = np.uint64(1)


def _words_at(data: bytes, offsets: np.ndarray) -> np.ndarray:
    """The 8 bytes at each offset of a padded block as one little-endian integer each: one unaligned load
    per line, several times faster than gathering rows of bytes."""
    return np.ndarray(shape=(len(data) - 8,), dtype="<u8", buffer=data, strides=(1,))[offsets]


def _tab_index(words: np.ndarray) -> np.ndarray:
    """Index of the first tab byte of each little-endian word, 8 where it holds none.

    The classic zero-byte test on word XOR tabs: (x - 0x01..) & ~x & 0x80.. marks the first zero byte
    exactly (a borrow can only mark bytes above it) at bit 8k + 7; the count of trailing zero bits, 8k + 7
    (64 for no mark), shifted right by 3 gives k (8)."""
    x = words ^ _TABS
    marked = (x - _ONES) & ~x & _HIGH_BITS
    return np.bitwise_count(~marked & (marked - _ONES_BIT)) >> 3


class _Span(NamedTuple):
    """Whole record lines data[begin:end] (ending with a newline), with at least _PAD_BYTES readable bytes
    after them, so that 8-byte loads from a line's start stay in bounds."""

    data: bytes
    begin: int
    end: int


class _LineBlock(NamedTuple):
    """A span's lines: line i is data[starts[i]:ends[i]] (up to its newline)."""

    data: bytes
    starts: np.ndarray
    ends: np.ndarray


def _padded(lines: bytes) -> _Span:
    return _Span(lines + _PAD_BYTES, 0, len(lines))


def _spans(body: Iterator[bytes], name: str) -> Iterator[_Span]:
    """Cut the body into spans of whole lines (run in the inflating thread).

    A chunk's lines are used where they lie, not copied. Each span ends at the chunk's last newline that has
    _PAD_BYTES after it; what follows is carried into a small buffer with the start of the next chunk (the
    lines that straddle the two), the only bytes copied."""
    carry = b""
    for chunk in body:
        cut = chunk.rfind(b"\n", 0, max(len(chunk) - len(_PAD_BYTES), 0)) + 1
        straddling_end = chunk.find(b"\n") + 1 if carry else 0
        if cut <= straddling_end:
            # No newline with room after it beyond the straddling line's: the whole chunk is carried on.
            carry += chunk
            if len(carry) > _MAX_LINE and max(map(len, carry.split(b"\n"))) > _MAX_LINE:
                raise _line_too_long(name)
            continue
        if carry:
            yield _padded(carry + chunk[:straddling_end])
        yield _Span(chunk, straddling_end, cut)
        carry = chunk[cut:]
    # The carried lines, and a last line without its newline unless it is blank.
    complete = carry[: carry.rfind(b"\n") + 1]
    partial = carry[len(complete) :]
    if complete or partial.strip():
        yield _padded(complete + partial + b"\n" if partial.strip() else complete)


class _NewlineFinder:
    """Finds the lines of spans, reusing one comparison buffer: a fresh 4 MB array per chunk costs more in
    page faults than the comparison itself."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.is_newline = np.empty(0, dtype=bool)

    def __call__(self, span: _Span) -> _LineBlock:
        data, begin, end = span
        size = end - begin
        if len(self.is_newline) < size:
            self.is_newline = np.empty(size, dtype=bool)
        bytes_ = np.frombuffer(data, dtype=np.uint8, count=size, offset=begin)
        ends = np.flatnonzero(np.equal(bytes_, 10, out=self.is_newline[:size]))
        ends += begin
        starts = np.empty_like(ends)
        starts[0] = begin
        starts[1:] = ends[:-1] + 1
        if (ends - starts).max() > _MAX_LINE:
            raise _line_too_long(self.name)
        return _LineBlock(data, starts, ends)


@functools.cache
def genes_to_read(build: Build | None) -> Intervals:
    """The gene regions whose records are read: those of the build the header (or the person) already
    decided, else those of both builds, the build being resolved once the whole file is read."""
    return regions_of_both_builds() if build is None else gene_regions(build).merged


@functools.cache
def lookout(build: Build | None = None) -> Intervals:
    """Where records are read in full: the gene regions to read, and past either build's end of each
    chromosome (so that a position there is seen, whatever the order of the file)."""
    regions = {chrom: list(zip(*intervals, strict=True)) for chrom, intervals in genes_to_read(build).items()}
    for chrom, shorter in SHORTER_END.items():
        if shorter != max(CHROMOSOME_LENGTHS[build][chrom] for build in BUILDS):
            regions.setdefault(chrom, []).append((shorter + 1, 10**11 - 1))
    return {chrom: merge_intervals(intervals) for chrom, intervals in regions.items()}


def _symbolic_lines(block: _LineBlock) -> np.ndarray:
    """Lines holding a symbolic ALT other than a gVCF reference block: a structural variant whose END may
    reach a gene from a POS before it. A file without them costs one search of the block."""
    data, starts, end = block.data, block.starts, int(block.ends[-1])
    offsets = []
    # A one-byte search runs at memory speed (memchr); '<' is rare in records but for symbolic alleles.
    at = data.find(b"<", int(starts[0]), end)
    while at >= 0:
        if data[at - 1 : at] == b"\t" and data[at + 1 : at + 2] not in (b"N", b"*"):
            offsets.append(at)
        at = data.find(b"<", at + 1, end)
    if not offsets:
        return np.empty(0, dtype=np.int64)
    return _sorted_union(np.searchsorted(starts, np.asarray(offsets), side="right") - 1)


def _sorted_union(*arrays: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a few small integer arrays (np.union1d without the import of numpy.ma
    that np.unique makes on first use)."""
    values = np.sort(np.concatenate(arrays))
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _iterate_region_lines(
    spans: Iterator[_Span], regions: Intervals, name: str
) -> Iterator[tuple[int, bytes] | int]:
    """Yield (line number within the block, raw line) for candidate lines, then the block's line count."""
    region_filter = _RegionFilter(regions)
    lines_of = _NewlineFinder(name)
    first = True
    for span in spans:
        block = lines_of(span)
        data, starts, ends = block
        lines = _sorted_union(region_filter.candidates(data, starts), _symbolic_lines(block))
        if first:
            # The opening records are always parsed in full, so a file broken throughout is refused with
            # a message rather than read as empty.
            lines = _sorted_union(lines, np.arange(min(_CHECKED_OPENING_RECORDS, len(starts))))
            first = False
        line_starts = starts[lines].tolist()
        line_ends = ends[lines].tolist()
        for line, start, end in zip(lines.tolist(), line_starts, line_ends, strict=True):
            yield line, data[start:end]
        yield len(starts)


_UNUSUAL = {
    "pos0": "at POS 0 (a telomere)",
    "ref_dot": "with REF '.'",
    "single_breakend": "single breakend(s) (ALT such as .TTTC or T.)",
}


class RecordReader:
    """Reads the records a scan hands it: notes what they show about the build, counts unusual records and
    keeps the calls of the chosen sample that lie in a gene region of either build."""

    def __init__(
        self,
        header: VcfHeader,
        column: int | None,
        name: str,
        evidence: BuildEvidence,
        expected: Build | None = None,
    ):
        self.header = header
        self.column = column
        self.name = name
        self.evidence = evidence
        self.calls: list[VariantCall] = []
        self.unusual: Counter[str] = Counter()
        self.examined = 0
        self.duplicates = 0
        self._place: tuple[str, int] = ("", 0)
        self._run = 0
        self.calls_cut = False
        # The build the header (or the person) decided, if any: then only its gene regions are read.
        self.expected = expected
        self._genes = genes_to_read(expected)
        if expected is not None:
            evidence.marker_scope = f"{expected}'s gene regions, the build the header or the person gave"
        self._marker_places = known_markers().at
        self._shorter_end = SHORTER_END
        self._past_end_seen: set[str] = set()
        self._chromosomes: dict[str, str] = {}
        # Eight columns at least; a record that stops before its sample columns (written so by some callers
        # for sites nobody carries) has no genotype, as htslib reads it.
        self._minimum = 8

    def _count(self) -> None:
        self.examined += 1
        if self.examined > MAX_EXAMINED:
            raise InputError(
                f"{self.name}: refused: more than {MAX_EXAMINED:,} records lie in or near pathway genes, far more "
                "than a genome holds (a file of repeated records?)"
            )

    def repeated(self) -> None:
        """Count a record line identical to the one before it (read once)."""
        self._count()
        self.duplicates += 1
        self._same_place()

    def _same_place(self) -> None:
        self._run += 1
        if self._run > MAX_SAME_POSITION:
            chrom, pos = self._place
            raise InputError(
                f"{self.name}: refused: more than {MAX_SAME_POSITION:,} records in a row at {chrom}:{pos}, "
                "which no real file holds (a file of repeated records?)"
            )

    def read(self, line: str, number: int) -> None:
        """Read one record line (its number in the file is for messages)."""
        self._count()
        if len(line) > _MAX_LINE:
            raise _line_too_long(self.name)
        head = line.split("\t", 2)
        if len(head) == 3 and head[1].isdigit() and head[0] in self._past_end_seen:
            # Past a chromosome end already seen: the position is all this record can add.
            pos = int(head[1])
            chrom = self._chromosomes[head[0]]
            if pos > self._shorter_end.get(chrom, pos) and not overlaps(self._genes, chrom, pos, pos):
                self.evidence.see_position(chrom, pos, self._where(number))
                return
        fields = (line[:-1] if line.endswith("\r") else line).split("\t")
        if len(fields) < self._minimum:
            raise InputError(
                f"{self._where(number)} has {len(fields)} columns; a VCF record needs at least 8"
            )
        chrom_text, pos_text, record_id, ref, alt_text, _qual, filter_value, info = fields[:8]
        if not pos_text.isdigit():
            raise InputError(f"{self._where(number)}: POS {pos_text[:20]!r} is not a positive whole number")
        pos = int(pos_text)
        if pos == 0:
            self.unusual["pos0"] += 1
            return
        known = self._chromosomes.get(chrom_text)
        chrom = (
            known
            if known is not None
            else self._chromosomes.setdefault(chrom_text, normalise_chromosome(chrom_text))
        )
        if (chrom, pos) == self._place:
            self._same_place()
        else:
            self._place, self._run = (chrom, pos), 1
        if pos > self._shorter_end.get(chrom, pos):
            self.evidence.see_position(chrom, pos, self._where(number))
            self._past_end_seen.add(chrom_text)
        if ref == ".":
            self.unusual["ref_dot"] += 1
            return
        if not _ALLELE.match(ref):
            raise InputError(f"{self._where(number)}: REF {ref[:20]!r} must be A, C, G, T or N")
        alts = alt_text.split(",")
        plain = True
        for alt in alts:
            if _ALLELE.match(alt):
                continue
            plain = False
            if _SINGLE_BREAKEND.match(alt):
                self.unusual["single_breakend"] += 1
                return
            if not _SYMBOLIC.match(alt):
                raise InputError(f"{self._where(number)}: ALT {alt[:20]!r} is not an allele")
        rsid = None
        if record_id.startswith("rs") or ";" in record_id:
            rsid = next(
                (part for part in record_id.split(";") if part[:2] == "rs" and part[2:].isdigit()), None
            )
        ref = ref.upper()
        alts = (
            [alt.upper() for alt in alts]
            if plain
            else [alt.upper() if _ALLELE.match(alt) else alt for alt in alts]
        )
        if (chrom, pos) in self._marker_places:
            self.evidence.see_marker(chrom, pos, rsid, ref, alts)
        end = None if plain else _end_of(pos, alts, info)
        if end is not None and end > pos:
            # An END past a chromosome's end on one build says as much as a POS there.
            self.evidence.see_position(chrom, end, self._where(number), refuse=False)
        last = end if end is not None else pos + len(ref) - 1
        if not overlaps(self._genes, chrom, pos, last):
            return
        where = self._where(number)
        for call in _calls_of(fields, self.header, self.column, where, chrom, pos, rsid, ref, alts, end):
            if len(self.calls) >= MAX_CALLS:
                self.calls_cut = True
                return
            self.calls.append(call)

    def _where(self, number: int) -> str:
        return f"{self.name}: record {number}"

    def warnings(self, records: int) -> list[str]:
        """What the reading skipped or cut, in words."""
        warnings = []
        if self.unusual:
            kinds = ", ".join(f"{count} {_UNUSUAL[kind]}" for kind, count in sorted(self.unusual.items()))
            warnings.append(
                f"{sum(self.unusual.values())} unusual record(s) were skipped: {kinds}. They are valid VCF but "
                "name no position and allele this app can place (counted among the records read in full: those "
                "in or near pathway genes, past a chromosome end, and the first 200)."
            )
        if self.duplicates:
            warnings.append(
                f"{self.duplicates:,} record(s) repeated the line before them and were read once."
            )
        if self.calls_cut:
            warnings.append(
                f"More than {MAX_CALLS:,} variant alleles lie in pathway-gene regions; only the first "
                f"{MAX_CALLS:,} are kept."
            )
        if records == 0:
            warnings.append("The VCF has a header but no records.")
        return warnings


def _end_of(pos: int, alts: list[str], info: str) -> int | None:
    """The END of a structural variant (a symbolic ALT): INFO END, else POS + |SVLEN|; None otherwise."""
    if not any(alt.startswith("<") and alt not in _REFERENCE_BLOCK for alt in alts):
        return None
    if found := _END.search(info):
        return int(found.group(1))
    if found := _SVLEN.search(info):
        return pos + abs(int(found.group(1)))
    return None


def _genotype_alleles(genotype: str) -> tuple[list[str], bool]:
    """The alleles of a GT and whether it is phased; a VCF 4.4 leading phasing mark ('/0', '|0|1') is read."""
    body = genotype[1:] if genotype[:1] in ("/", "|") else genotype
    separators = [char for char in genotype if char in "/|"]
    return body.replace("|", "/").split("/"), bool(separators) and all(char == "|" for char in separators)


def _calls_of(
    fields: list[str],
    header: VcfHeader,
    column: int | None,
    where: str,
    chrom: str,
    pos: int,
    rsid: str | None,
    ref: str,
    alts: list[str],
    end: int | None,
) -> Iterator[VariantCall]:
    """The calls one record holds for the chosen sample (none if the sample carries no ALT)."""

    def call(alt: str, number_of_alt: int, genotype: str, zygosity: Zygosity, phased: bool) -> VariantCall:
        return VariantCall(
            chrom, pos, ref, alt, rsid, genotype, zygosity, phased, fields[6], end, fields[7], number_of_alt
        )

    if column is None:
        # A sites-only VCF says nothing about a person; every ALT is listed with an unknown genotype.
        for number_of_alt, alt in enumerate(alts, start=1):
            if _ALLELE.match(alt):
                yield call(alt, number_of_alt, ".", "unknown", False)
        return
    if len(fields) < 10:
        return
    format_keys = fields[8].split(":")
    if "GT" not in format_keys:
        return
    values = fields[9 + column].split(":") if 9 + column < len(fields) else ["."]
    gt_index = format_keys.index("GT")
    genotype = values[gt_index] if gt_index < len(values) else "."
    if genotype in _NO_ALT_GENOTYPES:
        return
    alleles, phased = _genotype_alleles(genotype)
    for allele in alleles:
        if allele != "." and (not allele.isdigit() or int(allele) > len(alts)):
            raise InputError(f"{where}: GT {genotype[:20]!r} is malformed or names an ALT the record lacks")
    for number_of_alt, alt in enumerate(alts, start=1):
        if alt in ("*", ".") or alt in _REFERENCE_BLOCK or str(number_of_alt) not in alleles:
            continue
        yield call(alt, number_of_alt, genotype, zygosity_of(alleles, str(number_of_alt)), phased)


def choose_sample(
    header: VcfHeader, sample: str | None, name: str, options: OptionNames = CLI_OPTIONS
) -> tuple[int | None, str | None, list[str]]:
    """The column of the chosen sample, its name, and warnings."""
    warnings = []
    if not header.samples:
        if sample:
            raise InputError(f"{name}: sample {sample!r} asked for, but the VCF holds no sample columns")
        warnings.append("The VCF holds no samples (sites only): genotypes are unknown.")
        return None, None, warnings
    if sample is not None:
        if sample not in header.samples:
            listed = ", ".join(header.samples[:10])
            raise InputError(f"{name}: no sample called {sample!r}; the VCF holds {listed}")
        return header.samples.index(sample), sample, warnings
    if len(header.samples) > 1:
        warnings.append(
            f"The VCF holds {len(header.samples)} samples; showing the first, {header.samples[0]}. "
            f"Choose another with {options.sample}."
        )
    return 0, header.samples[0], warnings


def read_vcf_header(source: ByteSource) -> VcfHeader:
    """Only the header of a VCF (for choosing a sample or build before a full read)."""
    if source.head(4).startswith(b"BCF"):
        with _bcf_file(source) as variant_file:
            return parse_vcf_header(str(variant_file.header).splitlines(), source.name)
    lines, _ = _split_header(source, None)
    return parse_vcf_header(lines, source.name)


def _finish(
    header: VcfHeader,
    reader: RecordReader,
    chosen: Build | None,
    sample: str | None,
    records: int,
    warnings: list[str],
    options: OptionNames,
) -> VcfScan:
    """Resolve the build from what the records showed, and keep the calls in that build's gene regions."""
    resolution = resolve_build(reader.evidence, chosen, reader.name, "GRCh38", options)
    regions = gene_regions(resolution.build)
    calls = [call for call in reader.calls if overlaps(regions.merged, call.chrom, *span_of(call))]
    beyond = reader.evidence.beyond[resolution.build]
    if beyond:
        warnings.append(
            f"{beyond} position(s) lie past the ends of {resolution.build}'s chromosomes "
            f"(e.g. {reader.evidence.beyond_example[resolution.build]}): the file cannot be on {resolution.build}."
        )
    return VcfScan(
        header=header,
        sample=sample,
        calls=calls,
        records_read=records,
        warnings=resolution.warnings + warnings + reader.warnings(records),
        resolution=resolution,
    )


def _reader_for(
    header: VcfHeader, chosen: Build | None, sample: str | None, name: str, options: OptionNames
) -> tuple[RecordReader, str | None, list[str]]:
    evidence = evidence_from_header_lines(header.meta)
    refuse_unreadable_build(evidence, chosen, name, options)
    column, chosen_sample, warnings = choose_sample(header, sample, name, options)
    return (
        RecordReader(header, column, name, evidence, chosen or header_build(evidence)),
        chosen_sample,
        warnings,
    )


def scan_vcf(
    source: ByteSource,
    build: Build | None = None,
    sample: str | None = None,
    progress: Progress | None = None,
    options: OptionNames = CLI_OPTIONS,
) -> VcfScan:
    """Read every record of `source` in or near the gene regions for one sample, and resolve its build.

    `progress` is called only from this thread, though the file is inflated in another.
    """
    relay = ProgressRelay(progress)
    lines, body = _split_header(source, relay)
    header = parse_vcf_header(lines, source.name)
    reader, chosen_sample, warnings = _reader_for(header, build, sample, source.name, options)
    records = 0
    previous = b""
    spans = _prefetched(_spans(body, source.name))
    for item in _iterate_region_lines(spans, lookout(reader.expected), source.name):
        if isinstance(item, int):
            records += item
            relay.flush()
            continue
        number, raw = item
        if raw == previous:
            # A record repeated line for line adds nothing; it is counted (and bounded), not parsed again.
            reader.repeated()
            continue
        previous = raw
        text = _decode(raw, source.name)
        if text.strip():
            reader.read(text, records + number + 1)
    return _finish(header, reader, build, chosen_sample, records, warnings, options)


def _fetch_intervals(contigs: Iterable[str], build: Build | None) -> Iterator[tuple[str, int, int, bool]]:
    """(contig as the file spells it, 0-based start, end, whether it lies past a chromosome end of one
    build) of every lookout interval the file has a contig for. Past an end, one record says all there is to
    say: the position exists, so the index is asked for the first only."""
    present = set(contigs)
    for chrom, (starts, ends) in lookout(build).items():
        spellings = (chrom, f"chr{chrom}", *(("chrM", "M") if chrom == "MT" else ()))
        spelling = next((name for name in spellings if name in present), None)
        if spelling is None:
            continue
        for start, end in zip(starts, ends, strict=True):
            yield spelling, start - 1, min(end, 1 << 29), start > SHORTER_END.get(chrom, end)


def _indexed_count(path: Path) -> int | None:
    """The number of records the index says the file holds (htslib keeps a count per contig), if it says."""
    from pysam import bcftools

    try:
        return int(str(bcftools.index("-n", str(path))).strip())
    except Exception:  # noqa: BLE001 - an index without counts (old tabix) is not an error; the note says so
        return None


def _count_note(total: int | None, fetched: int) -> tuple[int, str]:
    if total is not None and total >= fetched:
        return total, (
            f"Read through the index: {fetched:,} record(s) in or near pathway genes were read; "
            f"records_read is the index's count of every record in the file ({total:,})."
        )
    return fetched, (
        "Read through the index: only the records in or near pathway genes were read, and records_read counts "
        "those (the index gives no total)."
    )


def scan_indexed_vcf(
    path: Path,
    index: Path,
    build: Build | None = None,
    sample: str | None = None,
    options: OptionNames = CLI_OPTIONS,
) -> VcfScan:
    """Read only the regions that matter of a bgzip VCF with a tabix (.tbi) or CSI index beside it.

    Raises IndexTrouble when the index cannot be used, so that the caller reads the whole file instead."""
    import pysam

    if index.stat().st_mtime < path.stat().st_mtime:
        raise IndexTrouble(f"the index {index.name} is older than the file")
    # htslib's own complaints about a broken index would reach the CLI's stderr; the fallback says it instead.
    previous = pysam.set_verbosity(0)
    try:
        return _read_through_index(pysam, path, index, build, sample, options)
    finally:
        pysam.set_verbosity(previous)


def _read_through_index(
    pysam: Any, path: Path, index: Path, build: Build | None, sample: str | None, options: OptionNames
) -> VcfScan:
    try:
        tabix = pysam.TabixFile(str(path), index=str(index))
    except (OSError, ValueError, NotImplementedError) as error:
        raise IndexTrouble(f"the index {index.name} cannot be used ({error})") from None
    with tabix:
        header = parse_vcf_header(list(tabix.header), path.name)
        reader, chosen_sample, warnings = _reader_for(header, build, sample, path.name, options)
        fetched = 0
        seen: set[str] = set()
        try:
            for contig, start, end, past_end in _fetch_intervals(tabix.contigs, reader.expected):
                for line in tabix.fetch(contig, start, end):
                    if _fetched_before(line, start, seen):
                        continue
                    fetched += 1
                    reader.read(line, fetched)
                    if past_end:
                        break
        except (OSError, ValueError, NotImplementedError, UnicodeDecodeError) as error:
            raise IndexTrouble(f"the index {index.name} does not fit the file ({error})") from None
    total, note = _count_note(_indexed_count(path), fetched)
    reader.evidence.positions_checked = "the index: the first record past each chromosome end"
    return _finish(header, reader, build, chosen_sample, total, [*warnings, note], options)


def _fetched_before(line: str, start: int, seen: set[str]) -> bool:
    """Whether a record that began before this interval (a long one, reaching in) was already read."""
    pos_text = line.split("\t", 2)[1]
    if not pos_text.isdigit() or int(pos_text) > start:
        return False
    if line in seen:
        return True
    seen.add(line)
    return False


@contextlib.contextmanager
def _bcf_file(source: ByteSource | Path):
    """A pysam VariantFile over a BCF on disk, or over an upload copied into an anonymous in-memory file
    (memfd: nothing is written to disk)."""
    import pysam

    previous = pysam.set_verbosity(0)
    descriptor = None
    try:
        if isinstance(source, Path):
            target = str(source)
        else:
            descriptor = os.memfd_create("upload", 0)
            if source.head(2) == b"\x1f\x8b":
                # A BCF gzipped once more (as some archives ship it): its first decompression is the BCF.
                for chunk in source.chunks():
                    os.write(descriptor, chunk)
            else:
                with source._opener() as stream:
                    while chunk := stream.read(1 << 22):
                        os.write(descriptor, chunk)
            target = f"/proc/self/fd/{descriptor}"
        try:
            variant_file = pysam.VariantFile(target)
        except (OSError, ValueError) as error:
            name = source.name
            raise InputError(f"{name}: the BCF file cannot be read ({error})") from None
        with variant_file:
            yield variant_file
    finally:
        pysam.set_verbosity(previous)
        if descriptor is not None:
            os.close(descriptor)


def scan_bcf(
    source: ByteSource | Path,
    build: Build | None = None,
    sample: str | None = None,
    options: OptionNames = CLI_OPTIONS,
) -> VcfScan:
    """Read a BCF (compressed or not) through htslib: through its index when one is beside the file, else
    every record, each one's CHROM and POS checked and only those that matter turned into text."""
    name = source.name
    with _bcf_file(source) as variant_file:
        header = parse_vcf_header(str(variant_file.header).splitlines(), name)
        reader, chosen_sample, warnings = _reader_for(header, build, sample, name, options)
        genes = genes_to_read(reader.expected)
        records = 0
        seen: set[str] = set()
        try:
            has_index = isinstance(source, Path) and variant_file.index is not None
        except (OSError, ValueError):
            has_index = False
        try:
            if has_index:
                for contig, start, end, past_end in _fetch_intervals(
                    variant_file.header.contigs, reader.expected
                ):
                    for record in variant_file.fetch(contig, start, end):
                        line = str(record).rstrip("\n")
                        if not _fetched_before(line, start, seen):
                            records += 1
                            reader.read(line, records)
                        if past_end:
                            break
                total, note = _count_note(_indexed_count(source), records)  # type: ignore[arg-type]
                warnings.append(note)
                records = total
                reader.evidence.positions_checked = "the index: the first record past each chromosome end"
            else:
                names: dict[str, str] = {}
                for record in variant_file:
                    records += 1
                    chrom = names.get(record.chrom) or names.setdefault(
                        record.chrom, normalise_chromosome(record.chrom)
                    )
                    pos = record.pos
                    if (
                        records <= _CHECKED_OPENING_RECORDS
                        or pos > SHORTER_END.get(chrom, pos)
                        or overlaps(genes, chrom, pos, max(pos, record.stop))
                    ):
                        reader.read(str(record).rstrip("\n"), records)
        except (OSError, ValueError) as error:
            raise InputError(f"{name}: the BCF file is damaged ({error})") from None
    return _finish(header, reader, build, chosen_sample, records, warnings, options)
