"""The shipped MANE Select transcript models: one per pathway gene, consistent on both builds and with
independent sources (the GRCh37 UTR files, published CDS coordinates and variant pages)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kb.loader import DATA_DIR, canonical_json, raw_data
from kb.variants.transcripts import c_position, genomic_of_c, transcript_of, transcripts

FIXTURES = Path(__file__).parent / "data" / "transcripts"
GENES = [gene["symbol"] for gene in raw_data("genes.json")]
ENTRIES = {entry["gene"]: entry for entry in raw_data("transcripts.json")}
# Protein lengths (amino acids) published for the MANE Select proteins, each read in a source outside the
# models' own inputs and recorded with it; every other gene is listed with the reason it could not be checked.
PUBLISHED_LENGTHS_FILE = Path(__file__).parent / "data" / "published_protein_lengths.tsv"
UNVERIFIED_LENGTHS_FILE = Path(__file__).parent / "data" / "unverified_protein_lengths.tsv"


def _tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    lines = path.read_text().splitlines()
    assert lines[0].split("\t") == columns, f"{path.name}: header must be {columns}"
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[1:]]


PUBLISHED = _tsv(PUBLISHED_LENGTHS_FILE, ["gene", "protein", "length", "source"])
UNVERIFIED = _tsv(UNVERIFIED_LENGTHS_FILE, ["gene", "protein", "reason"])


def _utr_rows(name: str) -> dict[str, list[tuple[str, int, int, int]]]:
    rows: dict[str, list[tuple[str, int, int, int]]] = {}
    for line in (FIXTURES / name).read_text().splitlines():
        if line.startswith("#"):
            continue
        chrom, start, end, exon, symbol, _refseq, ensembl, _strand = line.split("\t")
        rows.setdefault(symbol, []).append((chrom.removeprefix("chr"), int(start), int(end), int(exon)))
    return rows


def test_transcripts_file_is_canonical():
    """kb/data/transcripts.json is sorted by gene and in the one canonical JSON format."""
    path = DATA_DIR / "transcripts.json"
    entries = json.loads(path.read_text())
    assert [entry["gene"] for entry in entries] == sorted(entry["gene"] for entry in entries)
    assert path.read_text() == canonical_json(entries), "re-dump with kb.loader.canonical_json"


@pytest.mark.parametrize("gene", GENES)
def test_every_pathway_gene_has_a_model(gene):
    """Every gene in genes.json has a MANE Select model on both builds (re-run tools/build_transcripts.py)."""
    assert gene in ENTRIES, f"{gene} has no transcript model: run python tools/build_transcripts.py"
    entry = ENTRIES[gene]
    assert re.fullmatch(r"NM_\d+\.\d+", entry["refseq"])
    assert re.fullmatch(r"NP_\d+\.\d+", entry["refseq_protein"])
    assert re.fullmatch(r"ENST\d{11}\.\d+", entry["ensembl"])
    assert re.fullmatch(r"ENSP\d{11}\.\d+", entry["ensembl_protein"])
    gene_entry = next(item for item in raw_data("genes.json") if item["symbol"] == gene)
    assert entry["strand"] == gene_entry["strand"]


@pytest.mark.parametrize("gene", GENES)
def test_coding_sequence_is_whole_codons_and_the_same_on_both_builds(gene):
    """The coding length is (protein length + 1) x 3 on both builds, and exons keep their lengths."""
    on37, on38 = transcript_of(gene, "GRCh37"), transcript_of(gene, "GRCh38")
    assert on37 is not None and on38 is not None
    assert on38.coding_length % 3 == 0
    assert on37.coding_length == on38.coding_length == (on38.protein_length + 1) * 3
    assert [end - start for start, end in on37.exons] == [end - start for start, end in on38.exons]


@pytest.mark.parametrize("rows", [PUBLISHED, UNVERIFIED], ids=["published", "unverified"])
def test_protein_length_files_are_canonical(rows):
    """Both protein-length files are sorted by gene, one row a gene, each naming the model's MANE protein."""
    genes = [row["gene"] for row in rows]
    assert genes == sorted(set(genes)), "sort by gene, one row per gene"
    for row in rows:
        assert row["gene"] in ENTRIES, f"{row['gene']} is not a pathway gene with a model"
        assert row["protein"] == ENTRIES[row["gene"]]["refseq_protein"], (
            f"{row['gene']}: the length must be for the MANE protein {ENTRIES[row['gene']]['refseq_protein']}"
        )
        assert all(value.strip() == value and value for value in row.values()), row


def test_every_gene_is_checked_or_says_why_not():
    """Every gene in genes.json has a published protein length or a stated reason it has none, never both."""
    published = {row["gene"] for row in PUBLISHED}
    unverified = {row["gene"] for row in UNVERIFIED}
    assert not published & unverified, f"listed as both verified and not: {sorted(published & unverified)}"
    assert published | unverified == set(GENES), f"missing: {sorted(set(GENES) - published - unverified)}"
    assert all(len(row["source"]) > 20 for row in PUBLISHED), "name the source read"
    assert all(len(row["reason"]) > 20 for row in UNVERIFIED), "say why the length could not be checked"


@pytest.mark.parametrize("row", PUBLISHED, ids=[row["gene"] for row in PUBLISHED])
def test_model_protein_length_matches_the_published_length(row):
    """The model's protein length (coding length / 3 - 1) is the published length of the same RefSeq protein."""
    model = transcript_of(row["gene"], "GRCh38")
    assert model is not None and model.refseq_protein == row["protein"]
    assert model.protein_length == int(row["length"]), f"{row['gene']}: source says {row['length']} aa"


@pytest.mark.parametrize("gene", GENES)
def test_grch37_lift_agrees_with_the_grch37_utr_files(gene):
    """The lifted GRCh37 model's untranslated regions are exactly the GENCODE GRCh37 lift's UTR segments."""
    model = transcript_of(gene, "GRCh37")
    assert model is not None
    expected = sorted(
        (start, end)
        for name in ("Gencode.GRCh37.utr5.pathway.bed", "Gencode.GRCh37.utr3.pathway.bed")
        for _chrom, start, end, _exon in _utr_rows(name).get(gene, [])
    )
    derived = []
    for start, end in model.exons:
        if start < model.coding_start:
            derived.append((start, min(end, model.coding_start - 1)))
        if end > model.coding_end:
            derived.append((max(start, model.coding_end + 1), end))
    assert sorted(derived) == expected


@pytest.mark.parametrize("gene", GENES)
def test_ensembl_ids_agree_with_transcript_list(gene):
    """The NM and ENST ids are those GENCODE's MANE list (transcript.txt) gives for the gene."""
    listed = {
        line.split("\t")[0]: line.split("\t")[1:3]
        for line in (FIXTURES / "transcript.pathway.txt").read_text().splitlines()
        if not line.startswith("#")
    }
    assert listed[gene] == [ENTRIES[gene]["refseq"], ENTRIES[gene]["ensembl"]]


def test_pten_model_matches_published_transcript_coordinates():
    """PTEN NM_000314.8 is 8,515 nt with the CDS at 846-2057 and exon ends at the c. numbers that ClinVar
    submissions name (c.79+1, c.164+1, c.209+1, c.253+1, c.492+1, c.634+1, c.801+1, c.1026+1)."""
    model = transcript_of("PTEN", "GRCh38")
    assert model is not None
    assert sum(end - start + 1 for start, end in model.exons) == 8515
    for last_of_exon, exon in (
        (79, 1),
        (164, 2),
        (209, 3),
        (253, 4),
        (492, 5),
        (634, 6),
        (801, 7),
        (1026, 8),
    ):
        assert model.c_position(genomic_of_c("PTEN", "GRCh38", f"c.{last_of_exon}")).exon == exon
        assert model.c_position(genomic_of_c("PTEN", "GRCh38", f"c.{last_of_exon + 1}")).exon == exon + 1


@pytest.mark.parametrize("c", ["c.1", "c.2050", "c.-14", "c.*20", "c.100+5", "c.101-2", "c.-300", "c.*5000"])
@pytest.mark.parametrize("build", ["GRCh37", "GRCh38"])
def test_genomic_of_c_inverts_c_position(c, build):
    """genomic_of_c and c_position are inverses on a minus-strand gene (TBC1D4) for every kind of c. position."""
    position = genomic_of_c("TBC1D4", build, c)
    found = c_position(build, "13", position, gene="TBC1D4")
    assert found is not None
    model, place = found
    assert model.refseq == "NM_014832.5"
    back = genomic_of_c("TBC1D4", build, str(place))
    assert back == position


def test_tbc1d4_arg684ter_is_codon_684_in_exon_11():
    """TBC1D4 NM_014832.5:c.2050 (p.Arg684Ter, the Greenlandic variant) is codon 684 of the 1,298-aa protein."""
    model = transcript_of("TBC1D4", "GRCh38")
    assert model is not None and model.protein_length == 1298
    place = model.c_position(genomic_of_c("TBC1D4", "GRCh38", "c.2050"))
    assert (place.region, place.codon) == ("coding", 684)


def test_unknown_gene_and_bad_c_position_are_refused():
    """A gene without a model and a malformed c. position raise clear errors."""
    with pytest.raises(KeyError, match="no transcript model"):
        genomic_of_c("NOTAGENE", "GRCh38", "c.1")
    with pytest.raises(ValueError, match="not a c. position"):
        genomic_of_c("PTEN", "GRCh38", "p.Arg14Gly")
    assert transcripts("GRCh38")["PTEN"].gene == "PTEN"
