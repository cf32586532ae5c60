"""Facts about the two reference builds: chromosome names, lengths and RefSeq accessions.

Lengths are the chromosome sizes recorded in the UCSC chain file GRCh37_to_GRCh38.chain (target =
GRCh37, query = GRCh38; a test re-derives them from the copy in tests/data). Positions in this project
are 1-based and inclusive, and chromosome names carry no 'chr' prefix ('MT' for the mitochondrion).
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "BUILDS",
    "CHROMOSOME_LENGTHS",
    "GRCH38_REFSEQ",
    "INTERGENIC_REACH",
    "PROMOTER_FLANK",
    "Build",
    "genomic_hgvs",
    "normalise_chromosome",
]

Build = Literal["GRCh37", "GRCh38"]
BUILDS: tuple[Build, ...] = ("GRCh37", "GRCh38")

# A variant this close upstream or downstream of a gene is matched to it: promoter variants such as
# TNF -308G>A lie a few hundred bases outside the NCBI Gene span.
PROMOTER_FLANK = 2_000
# How far from its gene a curated association signal (an intergenic GWAS variant) may lie and still be
# filed under that gene; association studies name a locus after a candidate gene up to about this far.
INTERGENIC_REACH = 1_000_000

CHROMOSOME_LENGTHS: dict[Build, dict[str, int]] = {
    "GRCh37": {
        "1": 249250621, "2": 243199373, "3": 198022430, "4": 191154276, "5": 180915260,
        "6": 171115067, "7": 159138663, "8": 146364022, "9": 141213431, "10": 135534747,
        "11": 135006516, "12": 133851895, "13": 115169878, "14": 107349540, "15": 102531392,
        "16": 90354753, "17": 81195210, "18": 78077248, "19": 59128983, "20": 63025520,
        "21": 48129895, "22": 51304566, "X": 155270560, "Y": 59373566, "MT": 16569,
    },
    "GRCh38": {
        "1": 248956422, "2": 242193529, "3": 198295559, "4": 190214555, "5": 181538259,
        "6": 170805979, "7": 159345973, "8": 145138636, "9": 138394717, "10": 133797422,
        "11": 135086622, "12": 133275309, "13": 114364328, "14": 107043718, "15": 101991189,
        "16": 90338345, "17": 83257441, "18": 80373285, "19": 58617616, "20": 64444167,
        "21": 46709983, "22": 50818468, "X": 156040895, "Y": 57227415, "MT": 16569,
    },
}  # fmt: skip

# RefSeq accessions of the GRCh38 primary-assembly chromosomes, for genomic HGVS names.
GRCH38_REFSEQ: dict[str, str] = {
    "1": "NC_000001.11", "2": "NC_000002.12", "3": "NC_000003.12", "4": "NC_000004.12",
    "5": "NC_000005.10", "6": "NC_000006.12", "7": "NC_000007.14", "8": "NC_000008.11",
    "9": "NC_000009.12", "10": "NC_000010.11", "11": "NC_000011.10", "12": "NC_000012.12",
    "13": "NC_000013.11", "14": "NC_000014.9", "15": "NC_000015.10", "16": "NC_000016.10",
    "17": "NC_000017.11", "18": "NC_000018.10", "19": "NC_000019.10", "20": "NC_000020.11",
    "21": "NC_000021.9", "22": "NC_000022.11", "X": "NC_000023.11", "Y": "NC_000024.10",
}  # fmt: skip

# Names that files use for the same chromosome: 'chr' prefixes, M for MT, and consumer-array codes
# (23andMe / AncestryDNA write 23 = X, 24 = Y, 25 = the X pseudoautosomal region, 26 = MT).
_ALIASES = {"M": "MT", "23": "X", "24": "Y", "25": "X", "26": "MT", "XY": "X", "PAR": "X"}


def normalise_chromosome(name: str) -> str:
    """The project's name for a chromosome as a file writes it ('chr1' -> '1', 'chrM' -> 'MT')."""
    name = name.strip()
    if name[:3].lower() == "chr":
        name = name[3:]
    name = name.upper() if name[:1].isalpha() else name
    return _ALIASES.get(name, name)


def genomic_hgvs(chrom: str, pos: int, ref: str, alt: str) -> str:
    """The genomic HGVS name of a GRCh38 single-nucleotide change."""
    return f"{GRCH38_REFSEQ[chrom]}:g.{pos}{ref}>{alt}"
