"""VCF reading: samples, builds, genotypes, alleles, FILTER, line endings, compression, tabix, scan exactness."""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pysam
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.errors import InputError
from kb.genome import CHROMOSOME_LENGTHS
from kb.variants.annotate import annotate_bytes, annotate_path
from kb.variants.calls import zygosity_of
from kb.variants.regions import gene_regions
from kb.variants.source import ByteSource
from kb.variants.vcf import _spans, scan_vcf
from tests.conftest import DATA, ROOT

VARIANTS = DATA / "variants"
CHROMOSOME_ORDER = [*map(str, range(1, 23)), "X", "Y", "MT"]


def test_first_of_several_samples_with_a_warning():
    """With several samples and none chosen, the first is read and the report says so."""
    report = annotate_path(VARIANTS / "multi_sample_b37.vcf")
    assert report.sample == "mother"
    assert report.samples == ["mother", "father", "child"]
    assert any("3 samples" in warning for warning in report.warnings)
    assert report.build == "GRCh37" and report.build_source == "contig_lengths" and report.build_decided


def test_choosing_a_sample():
    """--sample child reads the child's genotypes: phased het at PPARG, missing at the multi-allelic site."""
    report = annotate_path(VARIANTS / "multi_sample_b37.vcf", sample="child")
    by_position = {(finding.pos, finding.alt): finding for finding in report.findings}
    pparg = by_position[(12393125, "G")]
    assert (pparg.genotype, pparg.zygosity, pparg.phased) == ("1|0", "heterozygous", True)
    assert (12400000, "G") not in by_position, "a missing genotype carries no allele"
    assert by_position[(89692886, "C")].known_variant == "PTEN_C124R"


def test_unknown_sample_is_a_clear_error():
    """A sample name that is not in the file names the samples that are."""
    with pytest.raises(InputError, match="no sample called 'nobody'.*mother"):
        annotate_path(VARIANTS / "multi_sample_b37.vcf", sample="nobody")


def test_multiallelic_records_are_split():
    """GT 1/2 gives one heterozygous finding per ALT allele."""
    report = annotate_path(VARIANTS / "multi_sample_b37.vcf")
    alts = sorted(finding.alt for finding in report.findings if finding.pos == 12400000)
    assert alts == ["G", "T"]
    assert all(finding.zygosity == "heterozygous" for finding in report.findings if finding.pos == 12400000)


def test_haploid_genotype_is_hemizygous():
    """GT '1' is hemizygous."""
    report = annotate_path(VARIANTS / "multi_sample_b37.vcf")
    insr = [finding for finding in report.findings if finding.gene == "INSR"]
    assert [(finding.genotype, finding.zygosity) for finding in insr] == [("1", "hemizygous")]


def test_filtered_records_are_left_out_unless_asked():
    """FILTER other than PASS or '.' is left out by default and counted in a warning; included on request."""
    default = annotate_path(VARIANTS / "multi_sample_b37.vcf", sample="child")
    assert all(finding.filter in ("PASS", ".") for finding in default.findings)
    assert any("failed the file's FILTER" in warning for warning in default.warnings)
    included = annotate_path(VARIANTS / "multi_sample_b37.vcf", sample="child", include_filtered=True)
    assert any(finding.filter == "LowQual" for finding in included.findings)


def test_records_outside_genes_give_no_finding():
    """A non-reference genotype outside every pathway gene is not a finding."""
    report = annotate_path(VARIANTS / "multi_sample_b37.vcf")
    assert all(finding.pos != 1000000 for finding in report.findings)


def test_grch38_chr_names_crlf_symbolic_and_star_alleles():
    """chr names are stripped, CRLF is read, <DEL> is kept as a finding, * is never a finding."""
    report = annotate_path(VARIANTS / "hg38_chr_windows.vcf")
    assert report.build == "GRCh38"
    chroms = {finding.chrom for finding in report.findings}
    assert not any(chrom.startswith("chr") for chrom in chroms)
    alts = {finding.alt for finding in report.findings}
    assert "<DEL>" in alts and "*" not in alts
    assert all("\r" not in finding.genotype and "\r" not in finding.filter for finding in report.findings)


def test_promoter_variants_and_curated_matches_on_grch38():
    """TNF -308 and IL6 -174 lie just upstream of their genes and are matched to the curated entries."""
    report = annotate_path(VARIANTS / "hg38_chr_windows.vcf")
    known = {finding.known_variant for finding in report.findings}
    assert {"PPARG_P12A", "TNF_rs1800629", "IL6_rs1800795"} <= known


def test_bgzip_hg19_with_chr_names():
    """A bgzip file with ##reference=hg19 is read as GRCh37 and matched on GRCh37 positions."""
    report = annotate_path(VARIANTS / "hg19_chr.vcf.gz")
    assert report.build == "GRCh37"
    assert [finding.known_variant for finding in report.findings if finding.gene == "PPARG"] == ["PPARG_P12A"]


def test_build_override_is_obeyed_and_mismatch_warned():
    """A chosen build wins over the header, with a warning when they disagree."""
    report = annotate_path(VARIANTS / "hg19_chr.vcf.gz", build="GRCh38")
    assert report.build == "GRCh38"
    assert any("looks like GRCh37" in warning and "--build" in warning for warning in report.warnings)


def test_header_only_vcf_reads_zero_records():
    """A header with no records is not an error: no findings, a warning."""
    report = annotate_path(VARIANTS / "header_only.vcf")
    assert report.findings == [] and report.records_read == 0
    assert any("no records" in warning for warning in report.warnings)


def test_tabix_indexed_file_gives_the_same_findings(tmp_path):
    """Reading through the tabix index finds exactly what a full scan finds."""
    plain = tmp_path / "sample.vcf"
    plain.write_text((VARIANTS / "hg38_chr_windows.vcf").read_text().replace("\r\n", "\n"))
    compressed = pysam.tabix_index(str(plain), preset="vcf", force=True, keep_original=True)
    indexed = annotate_path(compressed)
    with open(compressed, "rb") as stream:
        scanned = annotate_bytes(stream.read(), "sample.vcf.gz")
    assert any("Read through the index" in warning for warning in indexed.warnings)
    assert indexed.records_read == scanned.records_read, "records_read counts every record on both paths"
    assert indexed.findings == scanned.findings


@pytest.mark.parametrize(
    ("genotype", "allele", "expected"),
    [
        (["0", "1"], "1", "heterozygous"),
        (["1", "1"], "1", "homozygous_alternate"),
        (["1"], "1", "hemizygous"),
        (["1", "2"], "2", "heterozygous"),
        (["0", "0"], "1", "homozygous_reference"),
        ([".", "1"], "1", "unknown"),
        ([".", "."], "1", "unknown"),
    ],
)
def test_zygosity(genotype, allele, expected):
    """Zygosity of one ALT allele for diploid, haploid and partly missing genotypes."""
    assert zygosity_of(genotype, allele) == expected


def _random_vcf(seed: int, records: int) -> str:
    """A sorted-enough VCF mixing records inside and outside gene regions, on both chr spellings."""
    rng = random.Random(seed)
    regions = gene_regions("GRCh38")
    lines = ["##fileformat=VCFv4.2", "##contig=<ID=chr1,length=248956422>", "##contig=<ID=chr2,length=242193529>",
             "##contig=<ID=chrX,length=156040895>", '##FORMAT=<ID=GT,Number=1,Type=String,Description="GT">',
             "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS"]  # fmt: skip
    chroms = list(regions.merged)
    for _ in range(records):
        chrom = rng.choice(chroms + ["22", "Y"])
        if chrom in regions.merged and rng.random() < 0.5:
            starts, ends = regions.merged[chrom]
            slot = rng.randrange(len(starts))
            pos = rng.randint(max(1, starts[slot] - 30), ends[slot] + 30)
        else:
            pos = rng.randint(1, CHROMOSOME_LENGTHS["GRCh38"][chrom])
        name = rng.choice([chrom, f"chr{chrom}"])
        genotype = rng.choice(["0/1", "1/1", "0/0", "1|0", "./.", "1"])
        lines.append(f"{name}\t{pos}\t.\tA\tG\t50\tPASS\t.\tGT\t{genotype}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_scan_equals_a_line_by_line_reference(seed):
    """The numpy scan finds exactly the records a plain line-by-line reading finds."""
    text = _random_vcf(seed, 4000)
    regions = gene_regions("GRCh38")
    scan = scan_vcf(ByteSource.from_bytes(gzip.compress(text.encode()), "r.vcf.gz"), "GRCh38")
    fast = {(call.chrom, call.pos) for call in scan.calls}
    slow = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        chrom = fields[0].removeprefix("chr")
        if regions.contains(chrom, int(fields[1])) and "1" in fields[9].replace("|", "/").split("/"):
            slow.add((chrom, int(fields[1])))
    assert fast == slow
    assert scan.records_read == 4000


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_every_curated_variant_is_recognised_in_a_vcf(build, index):
    """A VCF carrying every curated variant (heterozygous) gets each one matched to its entry, on either
    build; an intergenic association signal is found at its own position, far from its gene."""
    positions = [variant.grch37 if build == "GRCh37" else variant.grch38 for variant in index.kb.variants]
    positions.sort(key=lambda p: (CHROMOSOME_ORDER.index(p.chrom), p.pos))
    header = f"##fileformat=VCFv4.2\n##reference={build}\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
    rows = "".join(f"{p.chrom}\t{p.pos}\t.\t{p.ref}\t{p.alt}\t50\tPASS\t.\tGT\t0/1\n" for p in positions)
    report = annotate_bytes((header + rows).encode(), "curated.vcf", build=build)
    assert {finding.known_variant for finding in report.findings} >= {
        variant.id for variant in index.kb.variants
    }


def _plain_vcf(tmp_path, text: str | None = None):
    """hg38_chr_windows.vcf with LF endings, written to tmp_path."""
    plain = tmp_path / "sample.vcf"
    plain.write_text(text or (VARIANTS / "hg38_chr_windows.vcf").read_text().replace("\r\n", "\n"))
    return plain


def _bcftools(*args: str) -> None:
    subprocess.run(["bcftools", *args], check=True, capture_output=True)


@pytest.mark.parametrize("output", ["b", "u"], ids=["compressed", "uncompressed"])
@pytest.mark.parametrize("indexed", [False, True], ids=["no-index", "csi"])
def test_bcf_gives_the_findings_of_the_vcf(tmp_path, output, indexed):
    """BCF, compressed or not, with or without a CSI index, from a path or uploaded, reads like the VCF."""
    # BCF types every INFO field, so the header declares the two the fixture uses.
    text = (VARIANTS / "hg38_chr_windows.vcf").read_text().replace("\r\n", "\n")
    declared = (
        '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="type">\n'
        '##INFO=<ID=END,Number=1,Type=Integer,Description="end">\n#CHROM'
    )
    plain = _plain_vcf(tmp_path, text.replace("#CHROM", declared, 1))
    bcf = tmp_path / "sample.bcf"
    _bcftools("view", f"-O{output}", "-o", str(bcf), str(plain))
    if indexed:
        _bcftools("index", "-f", str(bcf))
    expected = annotate_path(plain)
    from_path = annotate_path(bcf)
    uploaded = annotate_bytes(bcf.read_bytes(), "sample.bcf")
    assert from_path.findings == expected.findings == uploaded.findings
    assert from_path.file_format == "BCF" and from_path.records_read == expected.records_read
    assert from_path.build == expected.build == "GRCh38"


def test_csi_index_is_used(tmp_path):
    """A bgzip VCF with only a CSI index (bcftools index's default) is read through it."""
    plain = _plain_vcf(tmp_path)
    compressed = tmp_path / "sample.vcf.gz"
    _bcftools("view", "-Oz", "-o", str(compressed), str(plain))
    _bcftools("index", "-f", str(compressed))
    assert (tmp_path / "sample.vcf.gz.csi").exists()
    report = annotate_path(compressed)
    assert any("Read through the index" in warning for warning in report.warnings)
    assert report.findings == annotate_path(plain).findings


def _indexed_copy(tmp_path):
    plain = _plain_vcf(tmp_path)
    compressed = Path(pysam.tabix_index(str(plain), preset="vcf", force=True, keep_original=True))
    return plain, compressed


def test_stale_index_falls_back_to_a_full_read(tmp_path):
    """An index older than its file (the file rewritten since) is not trusted: the whole file is read."""
    plain, compressed = _indexed_copy(tmp_path)
    text = plain.read_text().replace("\tPASS\t", "\tPASS\t", 1)
    lines = text.splitlines(keepends=True)
    with pysam.BGZFile(str(compressed), "wb", index=None) as out:
        out.write("".join(lines[:-1]).encode())  # one record fewer than the index knows
    index = Path(f"{compressed}.tbi")
    os.utime(index, (time.time() - 100, time.time() - 100))
    report = annotate_path(compressed)
    assert any("older than the file" in warning and "whole file" in warning for warning in report.warnings)
    assert report.findings == annotate_bytes(compressed.read_bytes(), "sample.vcf.gz").findings


def test_index_of_another_file_falls_back_to_a_full_read(tmp_path):
    """A (newer) index that belongs to another file gives no traceback: the whole file is read."""
    plain, compressed = _indexed_copy(tmp_path)
    other = tmp_path / "other.vcf"
    lines = plain.read_text().splitlines(keepends=True)
    other.write_text("".join(line for line in lines if line.startswith("#") or "chr3" in line))
    other_gz = Path(pysam.tabix_index(str(other), preset="vcf", force=True, keep_original=True))
    shutil.copyfile(f"{other_gz}.tbi", f"{compressed}.tbi")
    report = annotate_path(compressed)
    assert report.findings == annotate_bytes(compressed.read_bytes(), "sample.vcf.gz").findings


def test_plain_gzip_beside_a_tbi_falls_back_to_a_full_read(tmp_path):
    """A plain gzip file (not bgzip) beside a .tbi is read whole, with a warning, never a traceback."""
    plain, compressed = _indexed_copy(tmp_path)
    data = gzip.compress(plain.read_bytes())
    compressed.write_bytes(data)
    os.utime(f"{compressed}.tbi", None)
    report = annotate_path(compressed)
    assert any("whole file was read" in warning for warning in report.warnings)
    assert report.findings == annotate_path(plain).findings


def test_cli_never_shows_a_traceback_for_index_trouble(tmp_path):
    """Through the CLI, the stale-index and plain-gzip cases exit 0 with JSON."""
    plain, compressed = _indexed_copy(tmp_path)
    compressed.write_bytes(gzip.compress(plain.read_bytes()))
    result = subprocess.run(
        [sys.executable, "-m", "kb", "annotate", str(compressed)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["findings"]


HEADER_38 = (
    "##fileformat=VCFv4.4\n##contig=<ID=chr10,length=133797422>\n##contig=<ID=chr19,length=58617616>\n"
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n'
    '##INFO=<ID=SVLEN,Number=A,Type=Integer,Description="Length">\n'
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
)


def _genes(build: str, *symbols: str) -> dict[str, tuple[str, int, int]]:
    from kb.loader import raw_data

    field = build.lower()
    return {
        gene["symbol"]: (gene[field]["chrom"], gene[field]["start"], gene[field]["end"])
        for gene in raw_data("genes.json")
        if gene["symbol"] in symbols
    }


def test_a_deletion_spanning_a_whole_gene_from_before_it_is_found(tmp_path):
    """A <DEL> whose POS lies 1 Mb before PTEN and whose END lies past it is a PTEN finding, with its end;
    a <DUP> given by SVLEN alone too; on the full scan and through the index alike."""
    chrom, start, end = _genes("GRCh38", "PTEN")["PTEN"]
    records = (
        f"chr{chrom}\t{start - 1_000_000}\t.\tN\t<DEL>\t50\tPASS\tEND={end + 5000}\tGT\t0/1\n"
        f"chr{chrom}\t{start - 500_000}\t.\tN\t<DUP>\t50\tPASS\tSVLEN={end - start + 600_000}\tGT\t0/1\n"
    )
    scanned = annotate_bytes((HEADER_38 + records).encode(), "sv.vcf")
    assert [(f.gene, f.alt, f.end) for f in scanned.findings] == [
        ("PTEN", "<DEL>", end + 5000),
        ("PTEN", "<DUP>", start - 500_000 + end - start + 600_000),
    ]
    plain = _plain_vcf(tmp_path, HEADER_38 + records)
    indexed = annotate_path(pysam.tabix_index(str(plain), preset="vcf", force=True, keep_original=True))
    assert indexed.findings == scanned.findings


def test_a_deletion_over_two_genes_is_reported_for_each():
    """A deletion spanning AKT2 and the gene beside it names both."""
    genes = _genes("GRCh38", "AKT2", "INSR")
    chrom, start, _ = genes["INSR"]
    _, _, insr_end = genes["INSR"]
    records = f"chr{chrom}\t{start - 10}\t.\tN\t<DEL>\t50\tPASS\tEND={insr_end + 10}\tGT\t1/1\n"
    report = annotate_bytes((HEADER_38 + records).encode(), "sv.vcf")
    assert [finding.gene for finding in report.findings] == ["INSR"]
    assert report.findings[0].zygosity == "homozygous_alternate"


UNUSUAL = [
    "chr19\t0\t.\tN\tA\t50\tPASS\t.\tGT\t0/1\n",
    "chr19\t40000000\t.\tC\t.TTTC\t50\tPASS\t.\tGT\t0/1\n",
    "chr19\t40000100\t.\tT\tT.\t50\tPASS\t.\tGT\t0/1\n",
    "chr19\t40000200\t.\t.\tT\t50\tPASS\t.\tGT\t0/1\n",
]


@pytest.mark.parametrize("where", ["first", "after-300", "in-gene"])
def test_unusual_valid_records_are_skipped_wherever_they_fall(where):
    """Single breakends, telomeric POS 0 and REF '.' never refuse the file: the findings are the same
    wherever they lie, and each one read is counted in a warning."""
    akt2 = _genes("GRCh38", "AKT2")["AKT2"]
    good = f"chr19\t{akt2[1] + 100}\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n"
    filler = "".join(f"chr10\t{1_000_000 + n}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n" for n in range(300))
    unusual = "".join(UNUSUAL)
    if where == "in-gene":
        unusual = unusual.replace("40000", str(akt2[1] + 2)[:5])
    body = {"first": unusual + filler + good, "after-300": filler + unusual + good, "in-gene": filler + good}[
        where
    ]
    if where == "in-gene":
        body = filler + unusual + good
    report = annotate_bytes((HEADER_38 + body).encode(), "odd.vcf")
    assert [(finding.gene, finding.pos) for finding in report.findings] == [("AKT2", akt2[1] + 100)]
    if where != "after-300":
        assert any("unusual record(s) were skipped" in warning for warning in report.warnings)


@pytest.mark.parametrize(
    ("genotype", "zygosity", "phased"),
    [("/0/1", "heterozygous", False), ("|0|1", "heterozygous", True), ("|1", "hemizygous", True)],
)
def test_vcf_4_4_phasing_prefix(genotype, zygosity, phased):
    """VCF 4.4 GT values with a leading phasing mark are read, not refused."""
    akt2 = _genes("GRCh38", "AKT2")["AKT2"]
    record = f"chr19\t{akt2[1] + 100}\t.\tG\tA\t50\tPASS\t.\tGT\t{genotype}\n"
    report = annotate_bytes((HEADER_38 + record).encode(), "v44.vcf")
    assert [(f.genotype, f.zygosity, f.phased) for f in report.findings] == [(genotype, zygosity, phased)]


def test_a_line_over_1_mib_is_refused_the_same_on_both_paths(tmp_path):
    """A record line longer than 1 MiB in a gene gets the same message from the full scan and the index."""
    akt2 = _genes("GRCh38", "AKT2")["AKT2"]
    record = f"chr19\t{akt2[1] + 100}\t.\tG\tA\t50\tPASS\tX={'A' * (1 << 21)}\tGT\t0/1\n"
    text = HEADER_38 + record
    with pytest.raises(InputError, match="longer than 1 MiB") as scanned:
        annotate_bytes(text.encode(), "long.vcf")
    compressed = pysam.tabix_index(str(_plain_vcf(tmp_path, text)), preset="vcf", force=True)
    with pytest.raises(InputError, match="longer than 1 MiB") as indexed:
        annotate_path(compressed)
    assert str(scanned.value).split(": ", 1)[1] == str(indexed.value).split(": ", 1)[1]


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.binary(min_size=0, max_size=60).map(lambda raw: raw.replace(b"\n", b"x")), max_size=40),
    cuts=st.lists(st.integers(min_value=0, max_value=3000), max_size=12),
    final_newline=st.booleans(),
)
def test_chunks_are_cut_into_the_same_lines_wherever_they_end(lines, cuts, final_newline):
    """However the inflated body is cut into chunks, the spans hold exactly its lines, in order, each
    with room after it for the filter's 8-byte loads."""
    body = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    bounds = sorted({0, len(body), *(cut for cut in cuts if cut < len(body))})
    chunks = [body[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]
    read = []
    for data, begin, end in _spans(iter(chunks), "t.vcf"):
        assert len(data) - end >= 8
        read.extend(data[begin:end].split(b"\n")[:-1])
    expected = body.split(b"\n")
    last = expected.pop()  # what follows the last newline: a line without its newline, read unless blank
    assert read == expected + ([last] if last.strip() else [])
