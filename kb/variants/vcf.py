"""VCF 4.1-4.3 reader, plain or bgzip, any number of samples, tuned for whole genomes.

Only records inside pathway-gene regions matter, so the body is scanned in large chunks with numpy:
the CHROM and POS of every line are decoded vectorised, and only lines inside a region are split and
parsed in Python. With a tabix index beside a bgzip file, only the regions are read (pysam).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from queue import Full, Queue
from typing import TypeVar

import numpy as np
from numpy.lib.stride_tricks import as_strided

from kb.errors import InputError
from kb.genome import CHROMOSOME_LENGTHS, Build, normalise_chromosome
from kb.variants.build import resolve_build
from kb.variants.calls import VariantCall, zygosity_of
from kb.variants.regions import GeneRegions
from kb.variants.source import ByteSource, Progress

__all__ = [
    "VcfHeader",
    "VcfScan",
    "parse_vcf_header",
    "read_vcf_header",
    "scan_indexed_vcf",
    "scan_vcf",
]

_T = TypeVar("_T")
# Genotypes that carry no ALT allele: the record is skipped without looking further.
_NO_ALT_GENOTYPES = frozenset({"0/0", "0|0", "./.", ".|.", ".", "0", "0/.", "./0", "0|.", ".|0"})
_ALLELE = re.compile(r"^[ACGTNacgtn]+$")
_SYMBOLIC = re.compile(r"^(<[^<>]+>|\*|\.|[ACGTNacgtn]*[\[\]][^\t]*)$")
_MAX_LINE = 1 << 20
_CHECKED_OPENING_RECORDS = 200  # a record line longer than 1 MiB is not a real VCF record
_CHROM_KEY_BYTES = 8
_PAD_BYTES = bytes(32)
# _KEY_MASK[n] keeps the first n bytes of a little-endian 8-byte key.
_KEY_MASK = np.array([(1 << (8 * n)) - 1 for n in range(_CHROM_KEY_BYTES)] + [2**64 - 1], dtype=np.uint64)


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
    """The result of reading a VCF for one sample."""

    header: VcfHeader
    sample: str | None
    calls: list[VariantCall]
    records_read: int
    warnings: list[str]


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
    header_lines: list[str] = []
    for chunk in chunks:
        buffer += chunk
        if not header_lines and buffer.startswith(b"\xef\xbb\xbf"):
            buffer = buffer[3:]
        while buffer.startswith(b"#"):
            end = buffer.find(b"\n")
            if end < 0:
                break
            header_lines.append(_decode(buffer[:end], source.name).rstrip("\r"))
            buffer = buffer[end + 1 :]
        if buffer and not buffer.startswith(b"#"):
            break
        if len(buffer) > _MAX_LINE:
            raise InputError(f"{source.name}: a header line is longer than 1 MiB")
    else:
        if buffer.startswith(b"#"):
            header_lines.append(_decode(buffer, source.name).rstrip("\r\n"))
            buffer = b""

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


class _RegionFilter:
    """Vectorised, conservative test of (CHROM, POS) against the gene regions for whole blocks of lines.

    Only the first bytes of each line are read: CHROM (at most 8 bytes for the chromosomes that matter)
    and the digits of POS. Lines are grouped in runs of one chromosome; within a run, a POS with as many
    digits as a region's bounds is compared with them as a big-endian string of its first 8 digits, so the
    test never misses a line in a region and lets through at most a few near its ends. The caller checks
    every line it is handed exactly. Lines whose POS is not followed by a tab within 11 bytes are handed
    over too, so that the parser names the problem.
    """

    def __init__(self, regions: GeneRegions):
        self.regions: dict[int, list[tuple[int, int, int]]] = {}
        for chrom, (starts, ends) in regions.merged.items():
            spellings = {chrom, f"chr{chrom}"}
            if chrom == "MT":
                spellings |= {"M", "chrM"}
            bounds = []
            for start, end in zip(starts, ends, strict=True):
                # A region that crosses a power of ten is split so that each part has one digit count.
                low = start
                while low <= end:
                    digits = len(str(low))
                    high = min(end, 10**digits - 1)
                    bounds.append((digits, _packed(str(low)), _packed(str(high))))
                    low = high + 1
            for spelling in spellings:
                self.regions[_key_of(spelling.encode())] = bounds

    def candidates(self, data: bytes, starts: np.ndarray) -> np.ndarray:
        """Indices of lines that may lie in a region (a superset; never a line that does not)."""
        padded = np.frombuffer(data, dtype=np.uint8)
        size = len(padded) - len(_PAD_BYTES)
        head = as_strided(padded, shape=(size, _CHROM_KEY_BYTES), strides=(1, 1))[starts]
        is_tab = head == 9
        chrom_length = is_tab.argmax(axis=1)
        key = head.view("<u8").ravel() & _KEY_MASK[chrom_length]
        run_starts = np.concatenate(([0], np.flatnonzero(key[1:] != key[:-1]) + 1, [len(key)]))
        hits = []
        for first, last in zip(run_starts[:-1], run_starts[1:], strict=True):
            bounds = self.regions.get(int(key[first]))
            if bounds is None or chrom_length[first] == 0:
                continue
            lines = np.arange(first, last)
            number = as_strided(padded, shape=(size, 12), strides=(1, 1))[
                starts[first:last] + chrom_length[first] + 1
            ]
            is_end = number == 9
            width = np.where(is_end.any(axis=1), is_end.argmax(axis=1), 0)
            packed = np.ascontiguousarray(number[:, :8]).view(">u8").ravel()
            hits.append(lines[width == 0])
            for digits, low, high in bounds:
                kept = min(digits, 8)
                shift = np.uint64(8 * (8 - kept))
                value = packed >> shift << shift
                hits.append(lines[(width == digits) & (value >= low) & (value <= high)])
        return np.unique(np.concatenate(hits)) if hits else np.empty(0, dtype=np.int64)


def _line_blocks(body: Iterator[bytes], name: str) -> Iterator[bytes]:
    """Cut the body into blocks of whole lines followed by zero padding (run in the inflating thread)."""
    carry = b""
    for chunk in body:
        cut = chunk.rfind(b"\n")
        if cut < 0:
            carry += chunk
            if len(carry) > _MAX_LINE:
                raise InputError(f"{name}: a record line is longer than 1 MiB; this is not a valid VCF")
            continue
        yield b"".join((carry, memoryview(chunk)[: cut + 1], _PAD_BYTES))
        carry = chunk[cut + 1 :]
    if carry.strip():
        yield carry + b"\n" + _PAD_BYTES


def _iterate_region_lines(
    blocks: Iterator[bytes], regions: GeneRegions, name: str
) -> Iterator[tuple[int, bytes] | int]:
    """Yield (line number within the block, raw line) for candidate lines, then the block's line count."""
    region_filter = _RegionFilter(regions)
    first = True
    for data in blocks:
        buf = np.frombuffer(data, dtype=np.uint8, count=len(data) - len(_PAD_BYTES))
        ends = np.flatnonzero(buf == 10)
        starts = np.empty_like(ends)
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
        if (ends - starts).max() > _MAX_LINE:
            raise InputError(f"{name}: a record line is longer than 1 MiB; this is not a valid VCF")
        lines = region_filter.candidates(data, starts)
        if first:
            # The opening records are always parsed in full, so a file broken throughout is refused with
            # a message rather than read as empty.
            lines = np.union1d(lines, np.arange(min(_CHECKED_OPENING_RECORDS, len(starts))))
            first = False
        for line in lines:
            yield int(line), data[starts[line] : ends[line]]
        yield len(starts)


def parse_record(
    line: str,
    header: VcfHeader,
    sample_column: int | None,
    name: str,
    number: int,
    lengths: dict[str, int] | None = None,
) -> Iterator[VariantCall]:
    """The calls one record line holds for the chosen sample (none if the sample carries no ALT).

    `lengths` (chromosome -> length on the build being read) lets a POS past a chromosome's end be refused.
    """
    fields = line.rstrip("\r").split("\t")
    where = f"{name}: record {number}"
    minimum = 10 if header.has_format else 8
    if len(fields) < minimum:
        raise InputError(f"{where} has {len(fields)} columns; a VCF record needs at least {minimum}")
    chrom, pos_text, record_id, ref, alt_text, _qual, filter_value, info = fields[:8]
    if not pos_text.isdigit() or int(pos_text) < 1:
        raise InputError(f"{where}: POS {pos_text[:20]!r} is not a positive whole number")
    pos = int(pos_text)
    if lengths is not None and pos > lengths.get(normalise_chromosome(chrom), pos):
        raise InputError(f"{where}: POS {pos} lies beyond the end of chromosome {chrom[:20]}")
    if not _ALLELE.match(ref):
        raise InputError(f"{where}: REF {ref[:20]!r} must be A, C, G, T or N")
    alts = alt_text.split(",")
    for alt in alts:
        if not (_ALLELE.match(alt) or _SYMBOLIC.match(alt)):
            raise InputError(f"{where}: ALT {alt[:20]!r} is not an allele")
    rsid = next((part for part in record_id.split(";") if part.startswith("rs") and part[2:].isdigit()), None)
    if sample_column is None:
        # A sites-only VCF says nothing about a person; every ALT is listed with an unknown genotype.
        for number_of_alt, alt in enumerate(alts, start=1):
            if _ALLELE.match(alt):
                yield VariantCall(
                    normalise_chromosome(chrom),
                    pos,
                    ref.upper(),
                    alt.upper(),
                    rsid,
                    ".",
                    "unknown",
                    False,
                    filter_value,
                    info,
                    number_of_alt,
                )
        return
    format_keys = fields[8].split(":")
    if "GT" not in format_keys:
        return
    values = fields[9 + sample_column].split(":") if 9 + sample_column < len(fields) else ["."]
    gt_index = format_keys.index("GT")
    genotype = values[gt_index] if gt_index < len(values) else "."
    if genotype in _NO_ALT_GENOTYPES:
        return
    alleles = genotype.replace("|", "/").split("/")
    phased = "|" in genotype
    for allele in alleles:
        if allele != "." and (not allele.isdigit() or int(allele) > len(alts)):
            raise InputError(f"{where}: GT {genotype[:20]!r} is malformed or names an ALT the record lacks")
    for number_of_alt, alt in enumerate(alts, start=1):
        if alt in ("*", ".", "<NON_REF>", "<*>"):
            continue
        zygosity = zygosity_of(alleles, str(number_of_alt))
        if zygosity in ("homozygous_reference",) or str(number_of_alt) not in alleles:
            continue
        yield VariantCall(
            chrom=normalise_chromosome(chrom),
            pos=pos,
            ref=ref.upper(),
            alt=alt.upper() if _ALLELE.match(alt) else alt,
            rsid=rsid,
            genotype=genotype,
            zygosity=zygosity,
            phased=phased,
            filter=filter_value,
            info=info,
            alt_number=number_of_alt,
        )


def choose_sample(
    header: VcfHeader, sample: str | None, name: str
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
            f"The VCF holds {len(header.samples)} samples; showing the first, {header.samples[0]}. Choose another to change."
        )
    return 0, header.samples[0], warnings


def read_vcf_header(source: ByteSource) -> VcfHeader:
    """Only the header of a VCF (for choosing a sample or build before a full read)."""
    lines, _ = _split_header(source, None)
    return parse_vcf_header(lines, source.name)


def scan_vcf(
    source: ByteSource,
    regions_of: Callable[[Build], GeneRegions],
    build: Build | None = None,
    sample: str | None = None,
    progress: Progress | None = None,
) -> tuple[VcfScan, Build, str]:
    """Read every record of `source` inside the gene regions for one sample; also the build and how it was set."""
    lines, body = _split_header(source, progress)
    header = parse_vcf_header(lines, source.name)
    build, how, warnings = resolve_build(header, build, source.name)
    column, chosen, sample_warnings = choose_sample(header, sample, source.name)
    calls: list[VariantCall] = []
    records = 0
    regions = regions_of(build)
    lengths = CHROMOSOME_LENGTHS[build]
    blocks = _prefetched(_line_blocks(body, source.name))
    for item in _iterate_region_lines(blocks, regions, source.name):
        if isinstance(item, int):
            records += item
            continue
        number, raw = item
        text = _decode(raw, source.name)
        if text.strip():
            for call in parse_record(text, header, column, source.name, records + number + 1, lengths):
                if regions.contains(call.chrom, call.pos):
                    calls.append(call)
    if records == 0:
        warnings.append("The VCF has a header but no records.")
    scan = VcfScan(
        header=header, sample=chosen, calls=calls, records_read=records, warnings=warnings + sample_warnings
    )
    return scan, build, how


def scan_indexed_vcf(path: Path, regions: GeneRegions, sample: str | None = None) -> VcfScan:
    """Read only the gene regions of a bgzip VCF with a tabix (.tbi) or CSI index beside it."""
    import pysam

    try:
        tabix = pysam.TabixFile(str(path))
    except (OSError, ValueError) as error:
        raise InputError(f"{path.name}: the index beside the file cannot be used ({error})") from None
    with tabix:
        header = parse_vcf_header(list(tabix.header), path.name)
        column, chosen, warnings = choose_sample(header, sample, path.name)
        contigs = set(tabix.contigs)
        calls: list[VariantCall] = []
        records = 0
        for chrom, (starts, ends) in regions.merged.items():
            spelling = next(
                (name for name in (chrom, f"chr{chrom}", "chrM" if chrom == "MT" else "") if name in contigs),
                None,
            )
            if spelling is None:
                continue
            for start, end in zip(starts, ends, strict=True):
                for line in tabix.fetch(spelling, start - 1, end):
                    records += 1
                    calls.extend(parse_record(line, header, column, path.name, records))
    warnings.append("Read through the tabix index: only the pathway-gene regions were read.")
    return VcfScan(header=header, sample=chosen, calls=calls, records_read=records, warnings=warnings)
