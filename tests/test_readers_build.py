"""The build resolver: every signal (contig lengths, header, chromosome ends over the whole file, known
markers) for every input kind, which one decided, and plain words when none did or they disagree."""

from __future__ import annotations

import json

import pytest
from pyliftover import LiftOver

from kb.errors import InputError
from kb.genome import CHROMOSOME_LENGTHS
from kb.loader import DATA_DIR, canonical_json
from kb.variants.annotate import annotate_bytes
from kb.variants.build import BUILD_SOURCE_LABELS, BUILD_SOURCES, NCBI36_LENGTHS, known_markers
from kb.variants.options import APP_OPTIONS
from tests.conftest import DATA

GT = '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
COLUMNS = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
# PPARG Pro12Ala, the curated variant, on each build.
P12A = {"GRCh37": "3\t12393125\trs1801282\tC\tG\t50\tPASS\t.\tGT\t0/1\n",
        "GRCh38": "3\t12351626\trs1801282\tC\tG\t50\tPASS\t.\tGT\t0/1\n"}  # fmt: skip


def vcf(meta: str = "", records: str = "") -> bytes:
    """A VCF with the given '##' lines (after fileformat) and records."""
    return ("##fileformat=VCFv4.2\n" + meta + GT + COLUMNS + records).encode()


def contigs(lengths: dict[str, int], names=("1", "3", "19")) -> str:
    """'##contig' lines with the given build's lengths."""
    return "".join(f"##contig=<ID={name},length={lengths[name]}>\n" for name in names)


def filler(count: int, chrom: str = "5") -> str:
    """Records outside every pathway gene, far from any chromosome end."""
    return "".join(f"{chrom}\t{1_000_000 + 10 * n}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n" for n in range(count))


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_contig_lengths_decide(build):
    """Contig lengths of one build decide it, and the report names that signal."""
    report = annotate_bytes(vcf(contigs(CHROMOSOME_LENGTHS[build])), "c.vcf")
    assert (report.build, report.build_source, report.build_decided) == (build, "contig_lengths", True)
    assert any(line.startswith("contig lengths:") and build in line for line in report.build_evidence)


@pytest.mark.parametrize(
    ("line", "build"),
    [
        ("##reference=file:///ref/hs37d5.fa\n", "GRCh37"),
        ("##reference=file:///ref/human_g1k_v37.fasta\n", "GRCh37"),
        ("##contig=<ID=1,assembly=b37>\n", "GRCh37"),
        ("##reference=GRCh38\n", "GRCh38"),
        (
            "##reference=file:///ref/Homo_sapiens_assembly38.fasta\n##contig=<ID=chr3,assembly=hg38>\n",
            "GRCh38",
        ),
        # A lifted-over file: the target build outranks the reference it was called on.
        ("##reference=file:///ref/GRCh38.fa\n##new_reference_genome=/ref/hg19.fa\n", "GRCh37"),
    ],
)
def test_header_hints_decide(line, build):
    """A build named in the header decides when contig lengths do not."""
    report = annotate_bytes(vcf(line), "h.vcf")
    assert (report.build, report.build_source, report.build_decided) == (build, "header", True)


@pytest.mark.parametrize(
    "meta",
    ["##reference=file:///ref/NCBI36.fa\n", "##reference=hg18\n", contigs(NCBI36_LENGTHS)],
    ids=["ncbi36", "hg18", "ncbi36-contigs"],
)
def test_ncbi36_is_named_and_refused(meta):
    """An NCBI36 (hg18) file is refused with its build named, not told it does not say its build."""
    with pytest.raises(InputError, match=r"on NCBI36 .*only GRCh37 and GRCh38.*--build"):
        annotate_bytes(vcf(meta), "old.vcf")


def test_a_position_past_a_grch38_end_anywhere_in_the_file_decides_grch37():
    """A GRCh37 file without a build line: one record past chromosome 9's GRCh38 end, after 500 others, makes
    it GRCh37 (the whole file is checked, not its first 200 records), and PPARG is then found on GRCh37."""
    past_end = f"9\t{CHROMOSOME_LENGTHS['GRCh38']['9'] + 1000}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n"
    records = P12A["GRCh37"].replace("rs1801282", ".").replace("C\tG", "C\tT") + filler(500) + past_end
    report = annotate_bytes(vcf(records=records), "b37.vcf")
    assert (report.build, report.build_source, report.build_decided) == ("GRCh37", "chromosome_ends", True)
    assert [finding.gene for finding in report.findings] == ["PPARG"]


def test_position_past_both_builds_ends_is_refused_with_the_build_named():
    """A POS past chromosome 19's end on both builds is refused, the message saying so."""
    with pytest.raises(InputError, match="on both GRCh37 and GRCh38"):
        annotate_bytes(vcf(records=filler(300) + "19\t90000000\t.\tC\tG\t99\tPASS\t.\tGT\t0/1\n"), "x.vcf")


@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_known_markers_decide(build):
    """With no header signal, a curated variant at its position on one build decides that build."""
    report = annotate_bytes(vcf(records=filler(10, "1") + P12A[build]), "m.vcf")
    assert (report.build, report.build_source, report.build_decided) == (build, "known_markers", True)
    assert [finding.known_variant for finding in report.findings] == ["PPARG_P12A"]


def test_no_signal_is_assumed_and_says_so_in_the_cli_and_the_app_words():
    """Nothing decides: GRCh38 is assumed, build_decided is False, and the warning names --build (CLI) or
    the app's Genome build choice (app)."""
    records = filler(20)
    report = annotate_bytes(vcf(records=records), "plain.vcf")
    assert (report.build, report.build_source, report.build_decided) == ("GRCh38", "assumed", False)
    assert any("--build" in warning and "assumed" in warning for warning in report.warnings)
    app = annotate_bytes(vcf(records=records), "plain.vcf", options=APP_OPTIONS)
    assert any('"Genome build"' in warning for warning in app.warnings)
    assert not any("--build" in warning for warning in app.warnings)


def test_disagreeing_signals_are_reported_as_undecided():
    """GRCh38 contig lengths but a curated variant at its GRCh37 position: 'conflicting', not decided."""
    report = annotate_bytes(vcf(contigs(CHROMOSOME_LENGTHS["GRCh38"]), P12A["GRCh37"]), "mixed.vcf")
    assert (report.build_source, report.build_decided) == ("conflicting", False)
    assert any("disagree" in warning for warning in report.warnings)


def test_a_chosen_build_wins_and_a_disagreeing_signal_is_warned_with_the_option_name():
    """--build GRCh38 on a file whose contig lengths are GRCh37: chosen, with a warning naming --build."""
    report = annotate_bytes(vcf(contigs(CHROMOSOME_LENGTHS["GRCh37"])), "c.vcf", build="GRCh38")
    assert (report.build, report.build_source, report.build_decided) == ("GRCh38", "chosen", True)
    assert any("looks like GRCh37" in warning and "--build" in warning for warning in report.warnings)


def test_a_table_read_with_detect_is_not_reported_chosen():
    """A variant table read with 'auto' resolves its build from its rows (here the GRCh37 position of a
    curated variant), not 'chosen'."""
    table = b"chrom,pos,ref,alt,genotype\n3,12393125,C,G,0/1\n19,40736000,A,G,1/1\n"
    report = annotate_bytes(table, "t.csv")
    assert (report.build, report.build_source) == ("GRCh37", "known_markers")
    assert [finding.known_variant for finding in report.findings if finding.gene == "PPARG"] == ["PPARG_P12A"]


def test_a_consumer_file_without_a_build_line_is_decided_by_its_markers():
    """A 23andMe-style file that names no build: rs1801282 at its GRCh37 position decides GRCh37."""
    text = b"# rsid\tchromosome\tposition\tgenotype\nrs1801282\t3\t12393125\tCG\nrs99\t1\t1000\tAA\n"
    report = annotate_bytes(text, "raw.txt")
    assert (report.build, report.build_source, report.build_decided) == ("GRCh37", "known_markers", True)


def test_a_consumer_file_without_any_signal_is_assumed_consistently():
    """No build line and no known marker: GRCh37 'assumed', not decided, and the warning agrees."""
    text = b"# rsid\tchromosome\tposition\tgenotype\nrs99\t1\t1000\tAA\nrs98\t2\t5000\tCT\n"
    report = annotate_bytes(text, "raw.txt")
    assert (report.build, report.build_source, report.build_decided) == ("GRCh37", "assumed", False)
    assert any("assumed" in warning for warning in report.warnings)


def test_the_build_account_is_in_the_cli_json_and_its_vocabulary_is_closed(tmp_path):
    """report_dict keeps build, sample, records_read, warnings, findings and adds the build account; every
    source has a label for the app."""
    from kb.variants.report import report_dict

    report = report_dict(annotate_bytes(vcf(records=P12A["GRCh38"]), "m.vcf"))
    for key in ("build", "sample", "records_read", "warnings", "findings", "build_source", "build_decided"):
        assert key in report
    assert report["build_source"] in BUILD_SOURCES and isinstance(report["build_evidence"], list)
    assert set(BUILD_SOURCE_LABELS) == set(BUILD_SOURCES)


def test_build_markers_file_is_canonical_and_each_marker_differs_between_builds():
    """kb/data/build_markers.json is canonical JSON; every marker has an rsID and a different place on each
    build, and is looked for at both."""
    text = (DATA_DIR / "build_markers.json").read_text()
    markers = json.loads(text)
    assert text == canonical_json(markers), "re-dump with kb.loader.canonical_json"
    index = known_markers()
    lift = LiftOver(str(DATA / "GRCh37_to_GRCh38.chain"))
    for marker in markers:
        lifted = lift.convert_coordinate(f"chr{marker['grch37']['chrom']}", marker["grch37"]["pos"] - 1)
        assert lifted and (lifted[0][0], lifted[0][1] + 1) == (
            marker["grch38"]["chrom"],
            marker["grch38"]["pos"],
        )
        assert marker["rsid"].startswith("rs") and marker["source"]
        places = [(marker[key]["chrom"], marker[key]["pos"]) for key in ("grch37", "grch38")]
        assert places[0] != places[1]
        assert all(place in index.at for place in places)


@pytest.mark.parametrize(
    ("line", "build"),
    [
        (
            '##GATKCommandLine=<ID=HaplotypeCaller,CommandLineOptions="reference_sequence=/ref/b37/human_g1k_v37_decoy.fasta">\n',
            "GRCh37",
        ),
        ("##platypusOptions={'refFile': '/genomes/human_g1k_v37_ebv.fa', 'nCPU': 1}\n", "GRCh37"),
        ('##SnpEffCmd="SnpEff  GRCh37.74 calls.vcf -hgvs"\n', "GRCh37"),
        (
            "##bcftools_callCommand=call -mv; Date=x\n##samtoolsCommand=mpileup -f /ref/Homo_sapiens_assembly38.fasta\n",
            None,
        ),
    ],
    ids=["gatk", "platypus", "snpeff", "build-words-outside-a-reference"],
)
def test_a_tools_recorded_reference_is_a_header_hint(line, build):
    """The reference a tool's command line records in the header names the build; other words do not."""
    report = annotate_bytes(vcf(line), "tool.vcf")
    if build is None:
        assert report.build_source == "assumed"
    else:
        assert (report.build, report.build_source) == (build, "header")
