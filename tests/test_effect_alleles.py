"""Effect alleles, over every curated variant: the fields are coherent, and what a person is told about their
own genotype (ALT carrier, homozygous ALT, homozygous REF) is right on both builds, through a VCF and
through a consumer file."""

from __future__ import annotations

import re

import pytest

from kb.index import knowledge_index
from kb.schema import records_source
from kb.variants.annotate import annotate_bytes
from kb.variants.curated import effect_allele_copies, genotype_meaning, match_data, reports_reference_genotype
from tests.conftest import ROOT

KB = knowledge_index().kb
VARIANTS = KB.variants
BUILDS = ("GRCh37", "GRCh38")


def _position(variant, build):
    return variant.grch37 if build == "GRCh37" else variant.grch38


# -- The fields ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.id)
def test_effect_allele_is_one_of_the_two_alleles(variant):
    """The effect allele is the GRCh38 REF or ALT, named in words, and different from the other allele."""
    assert variant.effect_allele in (variant.grch38.ref, variant.grch38.alt)
    assert variant.effect_allele_name and variant.other_allele_name
    assert variant.effect_allele_name != variant.other_allele_name


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.id)
def test_protein_names_agree_with_the_effect_allele(variant):
    """For a missense or stop change named p.XnnnY, the ALT allele is named Y (or Ter) and REF is X."""
    match = re.fullmatch(r"p\.([A-Z][a-z]{2})(\d+)([A-Z][a-z]{2}|Ter)", variant.hgvs.protein or "")
    if not match:
        return
    before, number, after = match.groups()
    alt_name = f"{after}{number}" if after != "Ter" else f"{number}Ter"
    ref_name = f"{before}{number}"
    names = {variant.grch38.alt: alt_name, variant.grch38.ref: ref_name}
    # The names may be in legacy numbering (INSR's mature receptor, PPARG's gamma-1 isoform): compare the
    # amino acids, and the number only where no legacy name is given.
    expected = names[variant.effect_allele]
    other = names[variant.grch38.ref if variant.effect_allele == variant.grch38.alt else variant.grch38.alt]
    if variant.legacy_names:
        assert re.sub(r"\d+", "", variant.effect_allele_name) == re.sub(r"\d+", "", expected)
        assert re.sub(r"\d+", "", variant.other_allele_name) == re.sub(r"\d+", "", other)
    else:
        assert (variant.effect_allele_name, variant.other_allele_name) == (expected, other)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.id)
def test_inheritance_fits_the_effect(variant):
    """A per-allele model is for common association signals; an unknown effect has no inheritance."""
    if variant.effect == "unknown":
        assert variant.inheritance == "not_established"
    if variant.inheritance == "per_allele":
        assert variant.effect in ("risk", "protective", "loss_of_function")
    if variant.effect in ("dominant_negative", "gain_of_function"):
        assert variant.inheritance == "dominant"


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.gene == "INSR"], ids=lambda variant: variant.id)
def test_insr_legacy_numbering_is_refseq_minus_27(variant):
    """INSR variants show the mature-receptor (legacy) number, 27 less than on NP_000199 (the signal peptide)."""
    number = re.search(r"\d+", variant.hgvs.protein or "")
    assert number, variant.hgvs.protein
    refseq = int(number.group())
    assert any(str(refseq - 27) in name for name in variant.legacy_names), variant.legacy_names


@pytest.mark.parametrize("variant_id", ["PPARG_P467L", "IRS1_G972R", "KCNJ11_E23K", "PPARG_P12A"])
def test_variants_known_by_other_names_list_them(variant_id):
    """Variants the literature names differently from HGVS on the MANE transcript list the other names."""
    variant = next(v for v in VARIANTS if v.id == variant_id)
    assert variant.legacy_names


def test_il6_protective_allele_is_the_reference():
    """IL6 rs1800795: the protective reports are of the -174C allele, the GRCh38 reference."""
    il6 = next(v for v in VARIANTS if v.id == "IL6_rs1800795")
    assert il6.effect_allele == il6.grch38.ref == "C" and il6.effect == "protective"


def test_matcher_records_are_generated_from_the_schema():
    """kb/variants/records.py is what kb.schema generates. To fix: python -m kb schema --records > kb/variants/records.py"""
    committed = (ROOT / "kb" / "variants" / "records.py").read_text()
    assert committed == records_source(), "records.py has drifted: run `python -m kb schema --records`"


def test_matcher_records_carry_every_curated_variant_field():
    """The matcher's records and the schema's variants agree field by field."""
    records = {variant.id: variant for variant in match_data().by_position.values()}
    assert set(records) == {variant.id for variant in VARIANTS}
    for variant in VARIANTS:
        record = records[variant.id]
        assert record.effect_allele == variant.effect_allele and record.legacy_names == tuple(
            variant.legacy_names
        )
        assert (record.grch38.pos, record.grch37.pos) == (variant.grch38.pos, variant.grch37.pos)


# -- What a person is told ------------------------------------------------------------------------------------


def _vcf(variant, build, genotype):
    chrom, pos, ref, alt = _position(variant, build).model_dump().values()
    reference = "GRCh38" if build == "GRCh38" else "GRCh37"
    return (
        "##fileformat=VCFv4.2\n"
        f"##reference={reference}\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
        f"{chrom}\t{pos}\t.\t{ref}\t{alt}\t99\tPASS\t.\tGT\t{genotype}\n"
    ).encode()


def _consumer(variant, build, genotype):
    position = _position(variant, build)
    number = "37" if build == "GRCh37" else "38"
    return (
        "# This data file generated by 23andMe at: Mon Jan 01 00:00:00 2024\n"
        f"# We are using reference human assembly build {number}.\n"
        "# rsid\tchromosome\tposition\tgenotype\n"
        f"{variant.rsid or 'i9000001'}\t{position.chrom}\t{position.pos}\t{genotype}\n"
    ).encode()


def _expected_copies(variant, alt_copies):
    return alt_copies if variant.effect_allele == variant.grch38.alt else 2 - alt_copies


def _check(finding, variant, alt_copies):
    copies = _expected_copies(variant, alt_copies)
    assert finding.known_variant == variant.id and finding.effect_allele == variant.effect_allele
    assert finding.effect_allele_copies == copies
    assert finding.genotype_meaning == genotype_meaning(variant, copies)
    if copies == 0:
        assert finding.significance == "not_carried" and finding.effect is None
        assert finding.care_grade == "no_evidence"
        assert "does not apply" in finding.genotype_meaning
    else:
        assert finding.significance == variant.significance and finding.effect == variant.effect
        assert variant.effect_allele_name in finding.genotype_meaning


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize(("genotype", "alt_copies"), [("0/1", 1), ("1/1", 2)])
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.id)
def test_vcf_carrier_and_homozygote(variant, genotype, alt_copies, build):
    """Through a VCF: one and two ALT copies are found, with the person's own effect-allele count."""
    report = annotate_bytes(_vcf(variant, build, genotype), "one.vcf", build=build)
    found = [finding for finding in report.findings if finding.known_variant == variant.id]
    assert len(found) == 1, report.warnings
    _check(found[0], variant, alt_copies)


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("alt_copies", [0, 1, 2])
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.id)
def test_consumer_genotypes(variant, alt_copies, build):
    """Through a consumer file: ALT carrier and homozygote are findings; two REF alleles are reported exactly
    where they say something (the reference carries the effect, or a common signal's effect allele is absent)."""
    position = _position(variant, build)
    genotype = position.ref * (2 - alt_copies) + position.alt * alt_copies
    report = annotate_bytes(_consumer(variant, build, genotype), "genome.txt", build=build)
    found = [finding for finding in report.findings if finding.known_variant == variant.id]
    genotyped = {entry["known_variant"] for entry in report.summary["curated_genotyped"]}
    assert variant.id in genotyped
    if alt_copies == 0 and not reports_reference_genotype(variant):
        assert found == []
        return
    assert len(found) == 1
    _check(found[0], variant, alt_copies)


def test_il6_gg_homozygote_is_not_told_protective():
    """IL6 rs1800795 GG (no -174C): the protective reports do not apply, through either path."""
    il6 = next(v for v in VARIANTS if v.id == "IL6_rs1800795")
    for data, name in ((_vcf(il6, "GRCh38", "1/1"), "g.vcf"), (_consumer(il6, "GRCh37", "GG"), "g.txt")):
        finding = next(f for f in annotate_bytes(data, name).findings if f.known_variant == il6.id)
        assert finding.effect != "protective" and finding.significance == "not_carried"
        assert finding.effect_allele_copies == 0


@pytest.mark.parametrize("variant_id", ["KCNJ11_E23K", "SLC30A8_R325W", "IL6_rs1800795"])
def test_reference_effect_allele_homozygote_is_reported_from_a_consumer_file(variant_id):
    """Where the reference allele carries the effect, a consumer file's REF/REF is two copies of it."""
    variant = next(v for v in VARIANTS if v.id == variant_id)
    genotype = variant.grch37.ref * 2
    finding = next(
        f
        for f in annotate_bytes(_consumer(variant, "GRCh37", genotype), "g.txt").findings
        if f.known_variant == variant_id
    )
    assert finding.effect_allele_copies == 2 and finding.effect == variant.effect


def test_vcf_report_says_reference_effect_alleles_go_unseen():
    """A VCF rarely lists homozygous-reference positions: the report names the curated variants whose
    reference allele carries the effect, so a reader knows they were not assessed."""
    kcnj11 = next(v for v in VARIANTS if v.id == "PPARG_P12A")
    report = annotate_bytes(_vcf(kcnj11, "GRCh38", "0/1"), "g.vcf")
    note = next(w for w in report.warnings if "rarely" in w or "lists only" in w)
    for variant in VARIANTS:
        if variant.effect_allele == variant.grch38.ref:
            assert f"{variant.gene} {variant.effect_allele_name}" in note


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.id)
def test_copies_cover_every_zygosity(variant):
    """Copies of the effect allele for every zygosity; unknown genotypes give no count."""
    alt = variant.effect_allele == variant.grch38.alt
    assert effect_allele_copies(variant, "heterozygous") == 1
    assert effect_allele_copies(variant, "homozygous_alternate") == (2 if alt else 0)
    assert effect_allele_copies(variant, "homozygous_reference") == (0 if alt else 2)
    assert effect_allele_copies(variant, "unknown") is None
