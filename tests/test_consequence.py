"""Location, HGVS c. and consequence of variants on the MANE Select models, checked by hand against
variant pages (each case names its source) on both strands and both builds, and against every curated
variant's own coding name."""

from __future__ import annotations

import re

import pytest

from kb.genome import Build
from kb.loader import raw_data
from kb.variants.consequence import LOCATIONS, consequence_of
from kb.variants.transcripts import genomic_of_c, transcript_of


def test_pten_missense_position_from_genebe():
    """GeneBe 10-87864509-A-G (GRCh38) is NM_000314.8:c.40A>G p.Arg14Gly, exon 1 of 9 (plus strand)."""
    found = consequence_of("PTEN", "GRCh38", 87864509, "A", "G")
    assert found is not None
    assert (found.location, found.hgvs_c, found.exon, found.exons_total, found.codon) == (
        "coding", "NM_000314.8:c.40A>G", 1, 9, 14,
    )  # fmt: skip


def test_pten_start_loss():
    """NM_000314.8(PTEN):c.1A>G (p.Met1?), start lost (GeneBe, rs1554890324): 39 bases before c.40."""
    found = consequence_of("PTEN", "GRCh38", 87864509 - 39, "A", "G")
    assert found is not None
    assert found.hgvs_c == "NM_000314.8:c.1A>G"
    assert found.consequence == "start_lost" and found.start_or_stop == "start codon"


def test_pten_splice_donor_and_acceptor():
    """c.634+1G>A is the canonical donor after exon 6 (ClinVar Miner, Ambry SCV001187293); c.210-1G>T the
    canonical acceptor of exon 4 (LYFE Sciences PTEN report)."""
    donor = consequence_of("PTEN", "GRCh38", genomic_of_c("PTEN", "GRCh38", "c.634+1"), "G", "A")
    acceptor = consequence_of("PTEN", "GRCh38", genomic_of_c("PTEN", "GRCh38", "c.210-1"), "G", "T")
    assert donor is not None and acceptor is not None
    assert (donor.location, donor.consequence, donor.intron, donor.hgvs_c) == (
        "splice_site", "splice_donor_variant", 6, "NM_000314.8:c.634+1G>A",
    )  # fmt: skip
    assert (acceptor.location, acceptor.consequence, acceptor.hgvs_c) == (
        "splice_site", "splice_acceptor_variant", "NM_000314.8:c.210-1G>T",
    )  # fmt: skip


def test_deletion_across_exon_end_is_a_splice_site_change():
    """NM_000314.8(PTEN):c.634_634+1del removes the last exon base and the donor's first base (ClinVar Miner)."""
    anchor = genomic_of_c("PTEN", "GRCh38", "c.633")
    found = consequence_of("PTEN", "GRCh38", anchor, "CAG", "C")
    assert found is not None
    assert found.location == "splice_site"
    assert found.hgvs_c == "NM_000314.8:c.634_634+1del"
    assert found.consequence.startswith("splice_donor_variant")


def test_nras_intronic_on_the_minus_strand_both_builds():
    """NM_002524.4:c.112-8A>G is chr1:115256607 T>C on GRCh37 and chr1:114713986 T>C on GRCh38 (LYFE
    Sciences NRAS report): the forward-strand T>C is A>G on the minus-strand transcript."""
    places: tuple[tuple[Build, int], ...] = (("GRCh37", 115256607), ("GRCh38", 114713986))
    for build, pos in places:
        found = consequence_of("NRAS", build, pos, "T", "C")
        assert found is not None
        assert (found.location, found.intron, found.hgvs_c) == ("splice_region", 2, "NM_002524.5:c.112-8A>G")


def test_minus_strand_frameshift_names_the_deleted_bases_in_transcript_order():
    """A 2-base deletion in TBC1D4 (minus strand) at c.2050-c.2051 is a frameshift named c.2050_2051del."""
    low = genomic_of_c("TBC1D4", "GRCh38", "c.2051")  # the lower genomic base is the later c. base
    found = consequence_of("TBC1D4", "GRCh38", low - 1, "AGC", "A")
    assert found is not None
    assert (found.location, found.frame, found.consequence) == ("coding", "frameshift", "frameshift_variant")
    assert found.hgvs_c == "NM_014832.5:c.2050_2051del"
    assert found.codon == 684


@pytest.mark.parametrize(
    ("ref", "alt", "frame", "term"),
    [("ACTG", "A", "in-frame", "inframe_deletion"), ("A", "AT", "frameshift", "frameshift_variant"),
     ("A", "ATTT", "in-frame", "inframe_insertion")],
)  # fmt: skip
def test_coding_indels_frame(ref, alt, frame, term):
    """Coding indels are frameshift or in-frame by their net length."""
    found = consequence_of("PTEN", "GRCh38", genomic_of_c("PTEN", "GRCh38", "c.100"), ref, alt)
    assert found is not None and (found.frame, found.consequence) == (frame, term)


def test_stop_codon_and_utrs():
    """The last coding codon is the stop; c.-N and c.*N name the UTRs."""
    stop = consequence_of("PTEN", "GRCh38", genomic_of_c("PTEN", "GRCh38", "c.1210"), "A", "T")
    utr5 = consequence_of("PTEN", "GRCh38", genomic_of_c("PTEN", "GRCh38", "c.-10"), "A", "T")
    utr3 = consequence_of("PTEN", "GRCh38", genomic_of_c("PTEN", "GRCh38", "c.*10"), "A", "T")
    assert stop is not None and stop.start_or_stop == "stop codon"
    assert utr5 is not None and (utr5.location, utr5.hgvs_c) == ("5_prime_UTR", "NM_000314.8:c.-10A>T")
    assert utr3 is not None and (utr3.location, utr3.hgvs_c) == ("3_prime_UTR", "NM_000314.8:c.*10A>T")


def test_tnf_promoter_variant_is_upstream_with_its_c_name():
    """TNF -308G>A (rs1800629) is NM_000594:c.-488G>A, upstream of the transcript (dbSNP name, curated)."""
    found = consequence_of("TNF", "GRCh38", 31575254, "G", "A")
    assert found is not None
    assert (found.location, found.hgvs_c) == ("upstream", "NM_000594.4:c.-488G>A")


def test_structural_deletions_name_the_exons_they_remove():
    """A deletion over PTEN exons 3-5 removes those exons; one over the whole gene removes the gene."""
    model = transcript_of("PTEN", "GRCh38")
    assert model is not None
    exons = model.exons
    partial = consequence_of("PTEN", "GRCh38", exons[2][0] - 100, "N", "<DEL>", end=exons[4][1] + 50)
    whole = consequence_of("PTEN", "GRCh38", model.start - 5000, "N", "<DEL>", end=model.end + 50)
    assert partial is not None and whole is not None
    assert partial.consequence == "exon_loss_variant" and partial.covers == ("removes exons 3–5 of 9",)
    assert whole.consequence == "transcript_ablation" and "whole gene" in whole.covers[0]


CURATED = [entry for entry in raw_data("variants.json") if entry["hgvs"].get("coding")]


@pytest.mark.parametrize("entry", CURATED, ids=lambda entry: entry["id"])
@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_curated_coding_names_are_reproduced(entry, build):
    """Every curated variant's coding name on the MANE accession is what the models compute, on both builds,
    and its codon is the residue of its protein name."""
    accession, change = entry["hgvs"]["coding"].split(":")
    position = entry[build.lower()]
    found = consequence_of(entry["gene"], build, position["pos"], position["ref"], position["alt"])
    assert found is not None and found.location in LOCATIONS
    model = transcript_of(entry["gene"], build)
    assert model is not None
    if accession.split(".")[0] == model.refseq.split(".")[0]:
        assert found.hgvs_c == f"{model.refseq}:{change}"
    residue = re.match(r"p\.[A-Z][a-z]{2}(\d+)", entry["hgvs"].get("protein") or "")
    if residue and found.location == "coding":
        assert found.codon == int(residue.group(1))
