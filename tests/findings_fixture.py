"""An exome-like VCF for tests and screenshots: PPARG Pro12Ala, a TBC1D4 stop, an INSR frameshift, an AKT2
splice-donor change and 300 ordinary variants in pathway genes (as the issue's clinician tried).

Made here rather than shipped: positions are drawn (seeded) inside the pathway genes' GRCh38 spans; the
named variants are placed through the MANE Select models (kb.variants.transcripts). REF bases of the drawn
variants are not the reference genome's (no reference is shipped); nothing here reads them.
"""

from __future__ import annotations

import random

from kb.loader import raw_data
from kb.variants.transcripts import genomic_of_c, transcript_of

CSQ_HEADER = (
    '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. '
    'Format: Allele|Consequence|IMPACT|SYMBOL|Feature|HGVSc|HGVSp|CANONICAL">'
)


def _donor(gene: str, exon: int) -> int:
    """The first intronic base after `exon` (the splice donor's +1) on GRCh38."""
    model = transcript_of(gene, "GRCh38")
    assert model is not None
    start, end = model.exons[exon - 1]
    return end + 1 if model.strand == "+" else start - 1


NAMED = (
    ("3", 12351626, "rs1801282", "C", "G", "0/1", "."),  # PPARG Pro12Ala (curated)
    # TBC1D4 c.2050C>T p.Arg684Ter, annotated by VEP as exome pipelines do
    ("13", genomic_of_c("TBC1D4", "GRCh38", "c.2050"), "rs61736969", "G", "A", "0/1",
     "CSQ=A|stop_gained|HIGH|TBC1D4|NM_014832.5|NM_014832.5:c.2050C>T|NP_055647.2:p.Arg684Ter|YES"),
    ("19", genomic_of_c("INSR", "GRCh38", "c.1000") - 1, ".", "TC", "T", "0/1", "."),  # 1-base deletion in INSR
    ("19", _donor("AKT2", 4), ".", "C", "T", "0/1", "."),  # AKT2 splice donor (+1 after exon 4)
)  # fmt: skip


def exome_like_vcf(ordinary: int = 300, seed: int = 13) -> bytes:
    """The VCF as bytes (GRCh38, one sample)."""
    rng = random.Random(seed)
    genes = raw_data("genes.json")
    rows = list(NAMED)
    for _ in range(ordinary):
        gene = rng.choice(genes)["grch38"]
        pos = rng.randint(gene["start"], gene["end"])
        ref, alt = rng.sample("ACGT", 2)
        rows.append((gene["chrom"], pos, ".", ref, alt, rng.choice(["0/1", "0/1", "1/1"]), "."))
    order = {str(number): number for number in range(1, 23)} | {"X": 23, "Y": 24}
    rows.sort(key=lambda row: (order[row[0]], row[1]))
    lines = [
        "##fileformat=VCFv4.2",
        "##reference=GRCh38",
        CSQ_HEADER,
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tpatient",
    ]
    lines += [f"{c}\t{p}\t{i}\t{r}\t{a}\t60\tPASS\t{info}\tGT\t{gt}" for c, p, i, r, a, gt, info in rows]
    return ("\n".join(lines) + "\n").encode()
