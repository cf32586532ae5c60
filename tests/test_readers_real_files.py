"""Real third-party variant files (Debian data and example packages, see tests/real_files/README.md) and their
everyday conversions: each resolves to its known build, and its findings are those bcftools finds
independently in the pathway-gene regions of that build."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb.errors import InputError
from kb.genome import normalise_chromosome
from kb.loader import raw_data
from kb.variants.annotate import annotate_bytes, annotate_path
from kb.variants.regions import gene_regions
from tests.real_files import real_file

SV = "usr/lib/R/site-library/StructuralVariantAnnotation/extdata/"
MP = "usr/lib/R/site-library/MutationalPatterns/extdata/"
PYSAM = "usr/share/doc/python-pysam/tests/tabix_data/vcf/"


@dataclass(frozen=True)
class Real:
    """A real file, the build it is on (from its provenance), the signal expected to decide it, and the genes
    its first sample is expected to carry variants in (checked against bcftools as well)."""

    id: str
    package: str
    path: str
    build: str
    source: str
    genes: frozenset[str] = frozenset()
    warning: str | None = None


REAL = [
    # Somatic SNVs of a liver clone (GRCh37, GATK, hg19-named contigs).
    Real("somatic-snv-grch37", "r-bioc-mutationalpatterns", MP + "liver2-sample.vcf", "GRCh37", "contig_lengths",
         frozenset({"PRKCE", "PIK3CB", "PRKCQ"})),
    # The COLO829 melanoma line's somatic structural-variant truth set: its PTEN breakpoints.
    Real("colo829-sv-truth", "r-bioc-structuralvariantannotation", SV + "truthset_somaticSVs_COLO829.vcf",
         "GRCh37", "contig_lengths", frozenset({"PTEN"})),
    # PURPLE and GRIDSS write single breakends (ALT N. / .N): skipped and counted, never a refusal.
    Real("purple-single-breakends", "r-bioc-structuralvariantannotation", SV + "COLO829T.purple.sv.ann.vcf.gz",
         "GRCh37", "contig_lengths", warning="single breakend"),
    Real("gridss-single-breakends", "r-bioc-structuralvariantannotation", SV + "colo829_somatic_gridss.vcf.gz",
         "GRCh37", "contig_lengths", warning="single breakend"),
    # DELLY symbolic SVs whose POS lies before the genes they span; no contig lines, END past GRCh38's chr1.
    Real("delly-spanning-sv", "r-bioc-structuralvariantannotation", SV + "delly-0.6.8.vcf", "GRCh37",
         "chromosome_ends", frozenset({"MTOR", "NRAS", "SHC1"})),
    # Manta writes records without sample columns; GRCh38 contigs.
    Real("manta-short-records", "r-bioc-structuralvariantannotation", SV + "manta-1.1.1.vcf", "GRCh38",
         "contig_lengths"),
    # 1000 Genomes validation sites, 383 samples, some records without sample columns; ##reference b37.
    Real("1000g-validation", "python-pysam-tests", PYSAM + "4.vcf.gz", "GRCh37", "header"),
    # Platypus calls whose only build signal is the reference its options line records.
    Real("platypus-options-reference", "python-pysam-tests", PYSAM + "5.vcf.gz", "GRCh37", "header",
         frozenset({"TRIB3"})),
    # A bgzip VCF with its tabix index, as Bioconductor ships it.
    Real("hapmap-exome-indexed", "r-bioc-variantannotation",
         "usr/lib/R/site-library/VariantAnnotation/extdata/hapmap_exome_chr22.vcf.gz", "GRCh37", "contig_lengths"),
    # BCF as htslib's own tests ship it, and a BCF gzipped once more.
    Real("htslib-bcf", "htslib-test", "usr/share/htslib-test/test/tabix/vcf_file.bcf", "GRCh37", "header"),
    Real("gzipped-bcf", "nim-hts-examples", "usr/share/doc/nim-hts-examples/test.bcf.gz", "GRCh37",
         "contig_lengths"),
]  # fmt: skip
NCBI36 = [
    ("python-pyvcf-examples", "usr/share/doc/python3-vcf/test/example-4.1-sv.vcf"),
    ("python-pysam-tests", "usr/share/doc/python-pysam/tests/cbcf_data/example_vcf43.vcf"),
]
_SINGLE_BREAKEND = re.compile(r"^(\.[ACGTN]+|[ACGTN]+\.)$", re.I)


def _bcftools(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["bcftools", *args], check=True, capture_output=True, text=True, **kwargs)


def _regions_bed(tmp_path: Path, build: str) -> Path:
    """The build's pathway-gene regions (spans plus promoter flank) as a BED, under both chromosome spellings."""
    bed = tmp_path / f"regions_{build}.bed"
    with bed.open("w") as out:
        for chrom, (starts, ends) in gene_regions(build).merged.items():
            for start, end in zip(starts, ends, strict=True):
                for name in (chrom, f"chr{chrom}"):
                    out.write(f"{name}\t{start - 1}\t{end}\n")
    return bed


def _ready_for_bcftools(path: Path, tmp_path: Path) -> Path:
    """The file as bcftools can sort it: a BCF gzipped once more unwrapped, and a contig line added for every
    CHROM the header does not declare (htslib needs them to write BCF, which sorting does)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b" and gzip.decompress(data)[:2] == b"\x1f\x8b":
        unwrapped = tmp_path / "unwrapped.bcf"
        unwrapped.write_bytes(gzip.decompress(data))
        return unwrapped
    if data[:2] == b"\x1f\x8b" and gzip.decompress(data)[:3] == b"BCF" or data[:3] == b"BCF":
        return path
    text = _text(path)
    declared = set(re.findall(r"^##contig=<ID=([^,>]+)", text, re.M))
    used = dict.fromkeys(line.split("\t", 1)[0] for line in text.splitlines() if line and line[0] != "#")
    missing = "".join(f"##contig=<ID={name}>\n" for name in used if name not in declared)
    if "##FORMAT=<ID=GT," not in text:
        missing += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    # Records that stop before their sample columns are padded with missing values, as htslib reads them.
    columns = next(line for line in text.splitlines() if line.startswith("#CHROM")).count("\t") + 1
    lines = []
    for line in text.splitlines():
        if line and line[0] != "#" and columns > 8 and line.count("\t") + 1 < columns:
            fields = line.split("\t")
            fields += (["GT"] if len(fields) == 8 else []) + ["."] * (columns - max(len(fields), 9))
            line = "\t".join(fields)
        lines.append(line)
    ready = tmp_path / "ready.vcf"
    ready.write_text("\n".join(lines).replace("#CHROM", missing + "#CHROM", 1) + "\n")
    return ready


def expected_by_bcftools(path: Path, build: str, tmp_path: Path) -> set[tuple[str, int, str, str]]:
    """(CHROM, POS, REF, ALT) of every allele the first sample carries in a pathway-gene region, FILTER PASS
    or '.', as bcftools reads the file (regions overlap a record's whole span, END included)."""
    path = _ready_for_bcftools(path, tmp_path)
    indexed = tmp_path / "expected.vcf.gz"
    # Sorted first: real files are not always (liver2-sample.vcf is not), and an index needs it.
    _bcftools("sort", "-T", str(tmp_path / "sort"), "-Oz", "-o", str(indexed), str(path))
    _bcftools("index", "-f", "-t", str(indexed))
    samples = _bcftools("query", "-l", str(indexed)).stdout.split()
    args = ["view", "-H", "-R", str(_regions_bed(tmp_path, build)), "-f", "PASS,."]
    if samples:
        args += ["-s", samples[0]]
    expected = set()
    for line in _bcftools(*args, str(indexed)).stdout.splitlines():
        fields = line.split("\t")
        chrom, pos, ref, alts = (
            normalise_chromosome(fields[0]),
            int(fields[1]),
            fields[3],
            fields[4].split(","),
        )
        if pos == 0 or ref == "." or any(_SINGLE_BREAKEND.match(alt) for alt in alts):
            continue  # records this app skips (and counts) by design
        if samples:
            keys = fields[8].split(":") if len(fields) > 9 else []
            gt = fields[9].split(":")[keys.index("GT")] if "GT" in keys else "."
            carried = {int(a) for a in re.split(r"[/|]", gt.lstrip("/|")) if a.isdigit() and a != "0"}
        else:
            carried = {n for n, alt in enumerate(alts, 1) if re.fullmatch(r"[ACGTN]+", alt, re.I)}
        for number in carried:
            alt = alts[number - 1]
            if alt not in ("*", "<NON_REF>", "<*>"):
                plain = re.fullmatch(r"[ACGTN]+", alt, re.I)
                expected.add((chrom, pos, ref.upper(), alt.upper() if plain else alt))
    return expected


def found(report) -> set[tuple[str, int, str, str]]:
    """(CHROM, POS, REF, ALT) of a report's findings, whatever FILTER they carry."""
    return {(f.chrom, f.pos, f.ref, f.alt) for f in report.findings if f.filter in ("PASS", ".", "")}


@pytest.mark.parametrize("case", REAL, ids=[case.id for case in REAL])
def test_real_file_resolves_its_build_and_its_findings_match_bcftools(case, tmp_path):
    """Each real file: its known build, decided by the expected signal, never refused; its findings are
    the alleles bcftools finds in the pathway-gene regions of that build."""
    path = real_file(case.package, case.path)
    report = annotate_path(path)
    assert (report.build, report.build_source, report.build_decided) == (case.build, case.source, True)
    assert {f.gene for f in report.findings} == case.genes
    assert found(report) == expected_by_bcftools(path, case.build, tmp_path)
    if case.warning:
        assert any(case.warning in warning for warning in report.warnings)


@pytest.mark.parametrize(("package", "path"), NCBI36, ids=[Path(path).name for _, path in NCBI36])
def test_real_ncbi36_files_are_named_and_refused(package, path):
    """Real NCBI36 files (the VCF specification's own examples) are refused with their build named."""
    with pytest.raises(InputError, match="on NCBI36"):
        annotate_path(real_file(package, path))


def _text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode()


def _chr_prefixed(text: str) -> str:
    """Every CHROM and contig ID written with a 'chr' prefix (and MT as chrM), as UCSC-style files do."""

    def rename(name: str) -> str:
        return "chrM" if name == "MT" else f"chr{name}"

    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("##contig=<ID="):
            name = line[len("##contig=<ID=") :].split(",", 1)[0].split(">", 1)[0]
            line = line.replace(f"ID={name}", f"ID={rename(name)}", 1)
        elif not line.startswith("#"):
            chrom, rest = line.split("\t", 1)
            line = f"{rename(chrom)}\t{rest}"
        lines.append(line)
    return "".join(lines)


def _without_build_lines(text: str) -> str:
    """The header without contig, reference and tool lines, as a pipeline that keeps only what it needs
    leaves it (e.g. a TCGA-style somatic VCF)."""
    drop = ("##contig", "##reference", "##SnpEff", "##SnpSift", "##GATK", "##source")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(drop))


CONVERSIONS = [
    "bgzip+tbi",
    "bcf+csi",
    "plain-gzip",
    "plain-gzip-beside-tbi",
    "stale-index",
    "chr-prefix",
    "crlf",
]


@pytest.mark.parametrize("conversion", CONVERSIONS)
@pytest.mark.parametrize("case", [REAL[0], REAL[1]], ids=[REAL[0].id, REAL[1].id])
def test_everyday_conversions_of_a_real_file_read_alike(case, conversion, tmp_path):
    """BCF with CSI, bgzip with tabix, plain gzip (alone or beside a stale .tbi), a stale index, chr names
    and CRLF line endings: the same build and findings as the file as shipped."""
    original = real_file(case.package, case.path)
    expected = annotate_path(original)
    text = _text(original)
    plain = tmp_path / "input.vcf"
    plain.write_text(text)
    bgzipped = tmp_path / "input.vcf.gz"
    if conversion in ("bgzip+tbi", "plain-gzip-beside-tbi", "stale-index"):
        _bcftools("sort", "-T", str(tmp_path / "sort"), "-Oz", "-o", str(bgzipped), str(plain))
        _bcftools("index", "-f", "-t", str(bgzipped))
    if conversion == "bgzip+tbi":
        target = bgzipped
    elif conversion == "bcf+csi":
        target = tmp_path / "input.bcf"
        _bcftools("sort", "-T", str(tmp_path / "sort"), "-Ob", "-o", str(target), str(plain))
        _bcftools("index", "-f", str(target))
    elif conversion == "plain-gzip":
        target = tmp_path / "plain.vcf.gz"
        target.write_bytes(gzip.compress(text.encode()))
    elif conversion == "plain-gzip-beside-tbi":
        target = bgzipped
        target.write_bytes(gzip.compress(text.encode()))
        os.utime(f"{target}.tbi", None)
    elif conversion == "stale-index":
        target = bgzipped
        os.utime(f"{target}.tbi", (time.time() - 3600, time.time() - 3600))
    elif conversion == "chr-prefix":
        target = tmp_path / "chr.vcf"
        target.write_text(_chr_prefixed(text))
    else:
        target = tmp_path / "crlf.vcf"
        target.write_bytes(text.replace("\n", "\r\n").encode())
    report = annotate_path(target)
    assert (report.build, report.build_source) == (expected.build, expected.build_source)
    assert report.findings == expected.findings
    assert report.records_read == expected.records_read
    uploaded = annotate_bytes(target.read_bytes(), target.name)
    assert uploaded.findings == expected.findings


@pytest.mark.parametrize(
    "name", ["liver2-sample.vcf", "blood-ACC55.vcf", "colon2-sample.vcf"], ids=lambda name: name.split(".")[0]
)
def test_grch37_somatic_vcf_without_a_build_header_resolves_grch37(name, tmp_path):
    """A real GRCh37 somatic VCF stripped of every build line (contigs, reference, tool lines) still
    resolves to GRCh37 (positions past GRCh38's chromosome ends, over the whole file), and its findings
    are bcftools' on GRCh37; read as GRCh38 they would be elsewhere."""
    original = real_file("r-bioc-mutationalpatterns", MP + name)
    stripped = tmp_path / "tumour.vcf"
    stripped.write_text(_without_build_lines(_text(original)))
    report = annotate_path(stripped)
    assert (report.build, report.build_source, report.build_decided) == ("GRCh37", "chromosome_ends", True)
    assert report.findings == annotate_path(original).findings
    assert found(report) == expected_by_bcftools(stripped, "GRCh37", tmp_path)


def test_the_regression_set_covers_real_findings():
    """The set is not vacuous: its files give findings in at least five pathway genes, a structural variant
    among them."""
    genes = set().union(*(case.genes for case in REAL))
    assert len(genes) >= 5 and {"PTEN", "MTOR"} <= genes
    assert raw_data("genes.json")
