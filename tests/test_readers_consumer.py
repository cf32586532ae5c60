"""Consumer raw files, variant tables and typed entries."""

from __future__ import annotations

import pytest

from kb.errors import InputError
from kb.variants.annotate import annotate_path, annotate_typed
from tests.conftest import DATA

VARIANTS = DATA / "variants"


@pytest.mark.parametrize("name", ["23andme_v5.txt", "23andme_v5.zip"])
def test_23andme_plain_and_zipped(name):
    """A 23andMe download gives the curated variants it genotypes, genotype as written, build 37."""
    report = annotate_path(VARIANTS / name)
    assert (
        report.file_format == "23andMe" and report.build == "GRCh37" and report.build_source == "file header"
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
