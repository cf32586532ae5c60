"""The priority rule (kb/variants/priority.py): one rank and one reason for every kind of finding."""

from __future__ import annotations

from kb.variants.priority import priority_of, syndrome_genes


def test_syndrome_genes_come_from_the_knowledge_base():
    """INSR, AKT2, TBC1D4 and PIK3R1 cause the syndromes of severe insulin resistance the map shows; PTEN
    has curated pathogenic loss-of-function variants."""
    genes = syndrome_genes()
    assert {"INSR", "AKT2", "TBC1D4", "PIK3R1", "PTEN"} <= set(genes)
    assert "Donohue" in genes["INSR"]
    assert "GRB2" not in genes


def test_ranks_follow_the_rule():
    """Curated first, then truncating in syndrome genes, other genes, coding, UTR/splice region, intronic."""
    assert priority_of("PTEN", "pathogenic", True, "coding", "coding_sequence_variant").rank == 1
    assert priority_of("PPARG", "protective", True, "coding", "coding_sequence_variant").rank == 2
    assert priority_of("INSR", "uncertain", False, "coding", "frameshift_variant").rank == 3
    assert priority_of("GRB2", "uncertain", False, "coding", "frameshift_variant").rank == 4
    assert priority_of("GRB2", "uncertain", False, "splice_site", "splice_donor_variant").rank == 4
    assert priority_of("GRB2", "uncertain", False, "coding", "coding_sequence_variant").rank == 5
    assert priority_of("GRB2", "uncertain", False, "3_prime_UTR", "3_prime_UTR_variant").rank == 6
    assert priority_of("GRB2", "uncertain", False, "splice_region", "splice_region_variant").rank == 6
    assert priority_of("GRB2", "uncertain", False, "intron", "intron_variant").rank == 7
    assert priority_of("GRB2", "benign", True, "coding", "coding_sequence_variant").rank == 7


def test_reasons_are_one_phrase_that_names_the_syndrome():
    """A truncating change in a syndrome gene says which syndrome its loss causes."""
    found = priority_of("INSR", "uncertain", False, "coding", "coding_sequence_variant", "stop_gained")
    assert found.rank == 3
    assert found.reason.startswith("a premature stop codon in INSR, whose loss causes")


def test_common_variants_move_down_but_curated_ones_do_not():
    """A file frequency of 1 % or more moves a variant down two ranks (0.1 %: one); curated ranks stay."""
    assert (
        priority_of("GRB2", "uncertain", False, "coding", "coding_sequence_variant", frequency=0.2).rank == 7
    )
    assert (
        priority_of("GRB2", "uncertain", False, "coding", "coding_sequence_variant", frequency=0.005).rank
        == 6
    )
    moved = priority_of("INSR", "uncertain", False, "coding", "frameshift_variant", frequency=0.3)
    assert moved.rank == 5 and "common in the population" in moved.reason
    assert priority_of("PPARG", "protective", True, "coding", None, frequency=0.1).rank == 2
