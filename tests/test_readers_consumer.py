"""Consumer raw files, variant tables and typed entries."""

from __future__ import annotations

import pytest

from kb.errors import InputError
from kb.variants.annotate import annotate_bytes, annotate_path, annotate_typed
from tests.conftest import DATA

VARIANTS = DATA / "variants"


@pytest.mark.parametrize("name", ["23andme_v5.txt", "23andme_v5.zip"])
def test_23andme_plain_and_zipped(name):
    """A 23andMe download gives the curated variants it genotypes, genotype as written, build 37."""
    report = annotate_path(VARIANTS / name)
    assert (
        report.file_format == "23andMe"
        and report.build == "GRCh37"
        and report.build_source == "header"
        and report.build_decided
    )
    found = {finding.known_variant: finding for finding in report.findings}
    assert found["PPARG_P12A"].genotype == "CG" and found["PPARG_P12A"].zygosity == "heterozygous"
    assert "PPARG_H447H" not in found, "a homozygous reference genotype is not a finding"
    genotyped = {entry["known_variant"]: entry["genotype"] for entry in report.summary["curated_genotyped"]}
    assert genotyped["PPARG_H447H"] == "CC" and genotyped["PTEN_C124R"] == "--"
    assert report.summary["pathway_markers"] == {"AKT2": 1, "INSR": 1}


def test_ancestrydna_utf16_with_chromosome_codes():
    """UTF-16 AncestryDNA: allele columns joined, code 26 read as MT, curated matches by rsID."""
    report = annotate_path(VARIANTS / "ancestrydna_utf16.txt")
    assert report.file_format == "AncestryDNA"
    found = {finding.known_variant: finding for finding in report.findings}
    assert found["PPARG_P12A"].genotype == "GG" and found["PPARG_P12A"].zygosity == "homozygous_alternate"
    assert found["IL6_rs1800795"].zygosity == "heterozygous"


def test_myheritage_csv():
    """MyHeritage's quoted CSV is read."""
    report = annotate_path(VARIANTS / "myheritage.csv")
    assert report.file_format == "MyHeritage / FamilyTreeDNA"
    assert [finding.known_variant for finding in report.findings] == ["PPARG_P12A"]


def test_variant_table():
    """A CSV of variants places rows by position, and by rsID when only that is given."""
    report = annotate_path(VARIANTS / "variants_table.csv")
    found = {(finding.gene, finding.known_variant) for finding in report.findings}
    assert ("PPARG", "PPARG_P12A") in found and ("PTEN", "PTEN_C124R") in found
    akt2 = next(finding for finding in report.findings if finding.gene == "AKT2")
    assert (
        akt2.known_variant is None
        and akt2.significance == "uncertain"
        and akt2.zygosity == "homozygous_alternate"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("rs1801282", "PPARG_P12A"),
        ("PPARG p.Pro12Ala", "PPARG_P12A"),
        ("pparg P12A", "PPARG_P12A"),
        ("PTEN p.C124R", "PTEN_C124R"),
        ("NM_000314.8:c.370T>C", "PTEN_C124R"),
        ("3:12351626:C:G", "PPARG_P12A"),
        ("chr3-12351626-C-G", "PPARG_P12A"),
    ],
)
def test_typed_entries_are_placed(typed, expected):
    """rsIDs, GENE p.Change (three- or one-letter), coding HGVS and chr:pos:ref:alt find the curated variant."""
    report = annotate_typed(typed)
    assert [finding.known_variant for finding in report.findings] == [expected]


def test_typed_position_in_a_gene_but_not_curated_is_uncertain():
    """A typed position inside AKT2 that is not curated is labelled uncertain."""
    report = annotate_typed("19:40238000:G:A")
    assert [(finding.gene, finding.significance) for finding in report.findings] == [("AKT2", "uncertain")]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("rs180128", "not a variant the knowledge base curates"),
        ("AKT2 p.Arg208Lys", "not a curated variant; its position is unknown here"),
        ("hello world", "not understood"),
    ],
)
def test_typed_typos_get_a_clear_message(typed, message):
    """An unknown rsID, an uncurated change or nonsense is explained, not an error."""
    report = annotate_typed(typed)
    assert report.findings == []
    assert any(message in warning for warning in report.warnings)


def test_empty_typed_entry_is_refused():
    """Nothing typed is a clear error."""
    with pytest.raises(InputError, match="Type at least one variant"):
        annotate_typed("  \n ")


def test_zip_with_several_files_is_refused():
    """A zip holding two files names them and asks for one."""
    with pytest.raises(InputError, match="holds 2 files"):
        annotate_path(VARIANTS / "two_files.zip")


def test_typed_punctuation_alone_is_explained():
    """Regression (found by hypothesis): a lone ':' is 'not understood', not a crash."""
    report = annotate_typed(":")
    assert report.findings == [] and any("not understood" in warning for warning in report.warnings)


def test_snps_generic_csv_keeps_its_rsids():
    """The `snps` library's generic CSV (rsid,chromosome,position,genotype) is a raw-data file: PPARG
    rs1801282 is found by rsID with its genotype, not 'not understood'."""
    text = b"rsid,chromosome,position,genotype\nrs1801282,3,12393125,CG\nrs4994,8,37823798,AA\n"
    report = annotate_bytes(text, "snps_output.csv")
    assert report.file_format == "rsid, chromosome, position, genotype table"
    assert [(f.known_variant, f.genotype, f.zygosity) for f in report.findings] == [
        ("PPARG_P12A", "CG", "heterozygous")
    ]


@pytest.mark.parametrize(
    "text",
    [
        b"name,chromosome,position,allele1,allele2\nrs1801282,3,12393125,C,G\nrs4994,8,37823798,A,A\n",
        b"# famfinder export\nrs1801282,3,12393125,C,G\nrs4994,8,37823798,A,-\nrs5,1,1000,A,A\n",
    ],
    ids=["with-header", "famfinder-comment"],
)
def test_familytreedna_family_finder(text):
    """FamilyTreeDNA Family Finder's two-allele CSV, with a column header or with its comment lines only."""
    report = annotate_bytes(text, "37_Family_Finder.csv")
    assert report.file_format == "FamilyTreeDNA Family Finder"
    assert [(f.known_variant, f.genotype) for f in report.findings] == [("PPARG_P12A", "CG")]


def test_23andme_with_an_uncommented_column_header():
    """A 23andMe export whose column header line lost its '#' is read like the original."""
    original = (VARIANTS / "23andme_v5.txt").read_text()
    uncommented = original.replace("# rsid\tchromosome", "rsid\tchromosome")
    assert uncommented != original
    report = annotate_bytes(uncommented.encode(), "genome.txt")
    expected = annotate_path(VARIANTS / "23andme_v5.txt")
    assert report.file_format == "23andMe" and report.findings == expected.findings


def test_one_bad_row_does_not_strip_the_other_rows_genotypes():
    """A table with one row that cannot be placed keeps the genotype of every other row."""
    table = b"chrom,pos,ref,alt,genotype\n3,12351626,C,G,1/1\nnonsense,row,,,0/1\n19,40238000,G,A,0/1\n"
    report = annotate_bytes(table, "t.csv", build="GRCh38")
    assert [(f.gene, f.genotype, f.zygosity) for f in report.findings] == [
        ("PPARG", "1/1", "homozygous_alternate"),
        ("AKT2", "0/1", "heterozygous"),
    ]
    assert any(warning.startswith("row 2:") for warning in report.warnings)


def test_a_raw_data_row_past_both_builds_chromosome_ends_is_skipped_not_fatal():
    """One row whose position lies past MT's end on both builds is skipped and counted; the rest is read."""
    text = b"# rsid\tchromosome\tposition\tgenotype\nrs1801282\t3\t12393125\tCG\nrs77\tMT\t99999\tA\n"
    report = annotate_bytes(text, "raw.txt")
    assert [finding.known_variant for finding in report.findings] == ["PPARG_P12A"]
    assert any("past the end of their chromosome on both" in warning for warning in report.warnings)
