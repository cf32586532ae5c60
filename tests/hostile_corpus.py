"""A corpus of bad and odd inputs, built in memory so that the repository holds no 5 MB line or bomb.

Each entry is (name, bytes, expected): expected is "refused" (a clear InputError) or "parsed".
"""

from __future__ import annotations

import gzip
import io
import random
import zipfile
import zlib

from tests.conftest import DATA

HEADER = (
    "##fileformat=VCFv4.2\n##contig=<ID=chr3,length=198295559>\n##contig=<ID=chr19,length=58617616>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
)
GOOD = "chr3\t12351626\trs1801282\tC\tG\t99\tPASS\t.\tGT\t0/1\n"


def _vcf(*records: str) -> bytes:
    return (HEADER + "".join(records)).encode()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _gzip_bomb(size: int) -> bytes:
    """`size` zero bytes after a VCF header, gzip-compressed to a few hundred kB, built in pieces."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [compressor.compress(HEADER.encode())]
    block = bytes(1 << 20)
    for _ in range(size >> 20):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    return b"".join(parts)


def record_bomb(size: int = 1400 << 20) -> bytes:
    """About 4 MB of gzip that expands to `size` bytes of one in-gene record (PPARG Pro12Ala) repeated: gzip
    members of 1 MiB of records each, concatenated (as bgzip does), so it is built in milliseconds."""
    per_member = (1 << 20) // len(GOOD)
    member = gzip.compress(GOOD.encode() * per_member, 9)
    return gzip.compress(HEADER.encode()) + member * (size // (per_member * len(GOOD)))


def _zip_bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("genome.txt", "w") as member,
    ):
        block = bytes(1 << 20)
        for _ in range(size >> 20):
            member.write(block)
    return buffer.getvalue()


def corpus() -> list[tuple[str, bytes, str]]:
    """Every input of the corpus."""
    rng = random.Random(7)
    valid = _vcf(GOOD)
    twentythree = (DATA / "variants" / "23andme_v5.txt").read_bytes()
    return [
        ("empty.vcf", b"", "refused"),
        ("random_binary.vcf", rng.randbytes(4096), "refused"),
        ("photo_renamed.vcf", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048), "refused"),
        ("jpeg_renamed.vcf", b"\xff\xd8\xff\xe0" + rng.randbytes(2048), "refused"),
        ("truncated.vcf.gz", gzip.compress(valid * 50)[:200], "refused"),
        ("plain_text_named.vcf.gz", valid, "parsed"),
        ("no_header.vcf", GOOD.encode(), "refused"),
        ("header_only.vcf", HEADER.encode(), "parsed"),
        ("chrom_line_only.vcf", b"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "refused"),
        ("non_numeric_pos.vcf", _vcf("chr3\tabc\t.\tC\tG\t99\tPASS\t.\tGT\t0/1\n"), "refused"),
        ("negative_pos.vcf", _vcf("chr3\t-5\t.\tC\tG\t99\tPASS\t.\tGT\t0/1\n"), "refused"),
        ("huge_pos.vcf", _vcf("chr3\t99999999999\t.\tC\tG\t99\tPASS\t.\tGT\t0/1\n"), "refused"),
        ("pos_past_chromosome_end.vcf", _vcf("chr19\t90000000\t.\tC\tG\t99\tPASS\t.\tGT\t0/1\n"), "refused"),
        ("missing_columns.vcf", _vcf("chr3\t12351626\trs1801282\tC\tG\n"), "refused"),
        ("malformed_gt.vcf", _vcf("chr3\t12351626\t.\tC\tG\t99\tPASS\t.\tGT\t0/x\n"), "refused"),
        ("out_of_range_gt.vcf", _vcf("chr3\t12351626\t.\tC\tG\t99\tPASS\t.\tGT\t0/3\n"), "refused"),
        ("non_acgt_ref.vcf", _vcf("chr3\t12351626\t.\tXYZ\tG\t99\tPASS\t.\tGT\t0/1\n"), "refused"),
        ("non_acgt_alt.vcf", _vcf("chr3\t12351626\t.\tC\tQ\t99\tPASS\t.\tGT\t0/1\n"), "refused"),
        (
            "five_mb_line.vcf",
            _vcf("chr3\t12351626\t.\tC\tG\t99\tPASS\tX=" + "A" * (5 << 20) + "\tGT\t0/1\n"),
            "refused",
        ),
        ("nul_bytes.vcf", HEADER.encode() + b"\0" * 4096, "refused"),
        ("several_files.zip", _zip({"a.vcf": valid, "b.vcf": valid}), "refused"),
        ("empty.zip", _zip({}), "refused"),
        ("bomb.vcf.gz", _gzip_bomb(300 << 20), "refused"),
        ("bomb.zip", _zip_bomb(300 << 20), "refused"),
        ("identical_in_gene_records_bomb.vcf.gz", record_bomb(), "refused"),
        (
            "corrupt_consumer.txt",
            b"# rsid\tchromosome\tposition\tgenotype\n"
            + b"\n".join(b"rs%d\t1\tXX\t??" % i for i in range(3000)),
            "refused",
        ),
        (
            "unknown_chromosomes.vcf",
            _vcf("chrUn_KI270302v1\t100\t.\tA\tG\t99\tPASS\t.\tGT\t0/1\n", GOOD),
            "parsed",
        ),
        (
            "html_posing_as.vcf",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "refused",
        ),
        ("xml_posing_as.vcf", b"<?xml version='1.0'?><svg onload='alert(1)'></svg>", "refused"),
        (
            "not_utf8.vcf",
            HEADER.encode() + "chr3\t12351626\t.\tC\tG\t99\tPASS\t\xe9\xe9\tGT\t0/1\n".encode("latin-1"),
            "refused",
        ),
        ("windows_line_endings.vcf", valid.replace(b"\n", b"\r\n"), "parsed"),
        ("byte_order_mark.vcf", b"\xef\xbb\xbf" + valid, "parsed"),
        ("chr_prefix_and_b37_names.vcf", _vcf(GOOD, GOOD.replace("chr3", "3")), "parsed"),
        (
            "multiallelic_symbolic_star.vcf",
            _vcf("chr19\t40238000\t.\tT\tC,<DEL>,*\t40\tPASS\t.\tGT\t1/2\n"),
            "parsed",
        ),
        ("missing_and_haploid_gt.vcf", _vcf(GOOD.replace("0/1", "./."), GOOD.replace("0/1", "1")), "parsed"),
        (
            "sites_only.vcf",
            (HEADER.rsplit("\tFORMAT", 1)[0] + "\n" + GOOD.rsplit("\tGT", 1)[0] + "\n").encode(),
            "parsed",
        ),
        ("utf16_consumer.txt", (DATA / "variants" / "ancestrydna_utf16.txt").read_bytes(), "parsed"),
        ("zipped_consumer.zip", _zip({"genome_Jane_v5.txt": twentythree}), "parsed"),
        ("gzipped_binary.vcf.gz", gzip.compress(rng.randbytes(4096)), "refused"),
        ("hostile_ids.vcf", _vcf(GOOD.replace("rs1801282", "<img src=x onerror=alert(1)>")), "parsed"),
    ]
