"""What kind of variant file an input is: VCF, consumer raw data or a table, or a clear refusal."""

from __future__ import annotations

import re
import zlib

from kb.errors import InputError
from kb.variants.consumer import decode_text, detect_consumer_format
from kb.variants.source import ByteSource

__all__ = ["sniff"]


def _inflated(data: bytes) -> bytes:
    """The start of gzip data inflated (a BCF gzipped once more), or nothing."""
    try:
        return zlib.decompressobj(31).decompress(data, 16)
    except zlib.error:
        return b""


def sniff(source: ByteSource) -> str:
    """'vcf', 'bcf', 'consumer' or 'table', or a clear refusal."""
    head = source.head(16384)
    if head.startswith(b"BCF\x02") or (
        head.startswith(b"\x1f\x8b") and _inflated(head).startswith(b"BCF\x02")
    ):
        return "bcf"
    if b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source.name}: this is a binary file, not a VCF or raw-data text file")
    text = decode_text(head)
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith("##fileformat=VCF"):
        return "vcf"
    if re.match(r"(?is)^(<!doctype html|<html|<\?xml|<svg)", stripped):
        raise InputError(f"{source.name}: this is a web page or XML document, not a variant file")
    if detect_consumer_format(text):
        return "consumer"
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("##")), "")
    if first.startswith("#CHROM"):
        raise InputError(f"{source.name}: a VCF must start with ##fileformat=VCFv4.x before #CHROM")
    cells = {cell.strip().strip('"').lower() for cell in re.split(r"[\t,]", first)}
    if cells & {"rsid", "chrom", "chromosome", "gene", "hgvs", "pos", "position"}:
        return "table"
    raise InputError(
        f"{source.name}: not a recognised variant file. Upload a VCF (.vcf or .vcf.gz), a 23andMe, AncestryDNA, "
        "MyHeritage or FamilyTreeDNA raw file, or a CSV/TSV with columns such as rsid or chrom, pos, ref, alt."
    )
