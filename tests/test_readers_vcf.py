"""VCF reading: samples, builds, genotypes, alleles, FILTER, line endings, compression, tabix, scan exactness."""

from __future__ import annotations

import gzip
import random

import pysam
import pytest

from kb.errors import InputError
from kb.genome import CHROMOSOME_LENGTHS
from kb.variants.annotate import annotate_bytes, annotate_path
from kb.variants.calls import zygosity_of
from kb.variants.regions import gene_regions
from kb.variants.source import ByteSource
from kb.variants.vcf import scan_vcf
from tests.conftest import DATA

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
    compressed = pysam.tabix_index(str(plain), preset="vcf", force=True)
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
