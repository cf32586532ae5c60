"""Fill the GRCh37 and GRCh38 spans of every gene in kb/data/genes.json from NCBI Gene locus files.

Source: the MAGMA auxiliary gene-location files (NCBI Gene loci; 1-based, inclusive; no 'chr' prefix),
NCBI37.3.gene.loc and NCBI38.gene.loc, shipped beside this project in ../shared/data/genome/ (see
kb/data/SOURCES.md). Genes are matched by NCBI Gene ID, so renamed symbols (G6PC -> G6PC1) still match.

usage: python tools/derive_gene_spans.py [--genome-dir ../shared/data/genome] [--seed identifiers.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.loader import DATA_DIR, canonical_json  # noqa: E402

IDENTIFIER_FIELDS = ("symbol", "name", "hgnc_id", "ncbi_gene_id", "uniprot", "aliases")


def read_gene_loc(path: Path) -> dict[str, tuple[str, int, int, str]]:
    """NCBI Gene ID -> (chrom, start, end, strand) from a MAGMA .gene.loc file."""
    loci = {}
    for line in path.read_text().splitlines():
        gene_id, chrom, start, end, strand, _symbol = line.split("\t")[:6]
        loci[gene_id] = (chrom, int(start), int(end), strand)
    return loci


def main() -> None:
    """Rewrite kb/data/genes.json with spans from the locus files."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--genome-dir", type=Path, default=ROOT.parent / "shared" / "data" / "genome")
    parser.add_argument("--seed", type=Path, help="JSON list of genes with identifier fields only")
    args = parser.parse_args()
    genes_path = DATA_DIR / "genes.json"
    genes = json.loads((args.seed or genes_path).read_text())
    grch37 = read_gene_loc(args.genome_dir / "NCBI37.3.gene.loc")
    grch38 = read_gene_loc(args.genome_dir / "NCBI38.gene.loc")
    derived = []
    for gene in genes:
        record = {field: gene[field] for field in IDENTIFIER_FIELDS}
        gene_id = record["ncbi_gene_id"]
        if gene_id not in grch37 or gene_id not in grch38:
            raise SystemExit(f"{record['symbol']} (NCBI Gene {gene_id}) is missing from a locus file")
        for build, loci in (("grch37", grch37), ("grch38", grch38)):
            chrom, start, end, strand = loci[gene_id]
            record[build] = {"chrom": chrom, "start": start, "end": end}
            record["strand"] = strand
        derived.append(record)
    derived.sort(key=lambda gene: gene["symbol"])
    genes_path.write_text(canonical_json(derived))
    print(f"wrote {len(derived)} genes to {genes_path}")


if __name__ == "__main__":
    main()
