# Copied unchanged (but for this header) from ../shared/tools/make_vcf.py, the workplace's deterministic
# synthetic whole-genome VCF generator, so that the benchmarks do not depend on ../shared.
#!/usr/bin/env python3
"""Deterministic generator of a realistic single-sample GRCh38 VCF 4.2 (bgzip + tabix)
and a BED of ~45 "gene" intervals.

usage:
  make_vcf.py --n 5000000 --out wgs_5M.vcf.gz [--seed 42]
  make_vcf.py --bed genes.bed [--seed 7]
"""
import argparse
import subprocess
import sys
import time

import numpy as np

GRCH38 = [
    ("chr1", 248956422), ("chr2", 242193529), ("chr3", 198295559),
    ("chr4", 190214555), ("chr5", 181538259), ("chr6", 170805979),
    ("chr7", 159345973), ("chr8", 145138636), ("chr9", 138394717),
    ("chr10", 133797422), ("chr11", 135086622), ("chr12", 133275309),
    ("chr13", 114364328), ("chr14", 107043718), ("chr15", 101991189),
    ("chr16", 90338345), ("chr17", 83257441), ("chr18", 80373285),
    ("chr19", 58617616), ("chr20", 64444167), ("chr21", 46709983),
    ("chr22", 50818468), ("chrX", 156040895),
]
BASES = np.array(list("ACGT"))


def header(sample="SAMPLE1"):
    h = [
        "##fileformat=VCFv4.2",
        "##fileDate=20240101",
        "##source=make_vcf.py(synthetic)",
        "##reference=GRCh38",
        '##FILTER=<ID=PASS,Description="All filters passed">',
        '##FILTER=<ID=LowQual,Description="Low quality">',
    ]
    for c, L in GRCH38:
        h.append(f"##contig=<ID={c},length={L},assembly=GRCh38>")
    h += [
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
        '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele Frequency">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
        '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">',
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles">',
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + sample,
    ]
    return "\n".join(h) + "\n"


def rand_seq(rng, lengths):
    """list of random ACGT strings of the given lengths"""
    tot = int(lengths.sum())
    s = "".join(BASES[rng.integers(0, 4, tot)].tolist())
    out, o = [], 0
    for L in lengths.tolist():
        out.append(s[o:o + L])
        o += L
    return out


def chrom_records(rng, chrom, L, n):
    # uniform positions, avoiding telomeres and a "centromere" gap at ~40% of the length
    lo, hi = 10_001, L - 10_000
    gap_lo, gap_hi = int(L * 0.40), int(L * 0.42)
    pos = np.empty(0, dtype=np.int64)
    while len(pos) < n:
        extra = rng.integers(lo, hi, (n - len(pos)) * 2 + 100)
        extra = extra[(extra < gap_lo) | (extra >= gap_hi)]
        pos = np.unique(np.concatenate([pos, extra]))
        if len(pos) > n:
            pos = np.sort(rng.choice(pos, n, replace=False))
    # variant type: 88% SNV, 6% deletion, 6% insertion
    kind = rng.choice(3, n, p=[0.88, 0.06, 0.06])
    ref0 = rng.integers(0, 4, n)
    alt_shift = rng.integers(1, 4, n)
    ref_b = BASES[ref0]
    alt_b = BASES[(ref0 + alt_shift) % 4]
    indel_len = np.minimum(rng.geometric(0.45, n), 25)
    refs = ref_b.astype(object)
    alts = alt_b.astype(object)
    dels = np.nonzero(kind == 1)[0]
    ins = np.nonzero(kind == 2)[0]
    dseq = rand_seq(rng, indel_len[dels])
    for j, i in enumerate(dels.tolist()):
        refs[i] = ref_b[i] + dseq[j]
        alts[i] = ref_b[i]
    iseq = rand_seq(rng, indel_len[ins])
    for j, i in enumerate(ins.tolist()):
        alts[i] = ref_b[i] + iseq[j]
    has_rs = rng.random(n) < 0.85
    rsn = rng.integers(1, 1_500_000_000, n)
    # genotype: 0/1 58%, 1/1 37%, 0|1 5%
    gtk = rng.choice(3, n, p=[0.58, 0.37, 0.05])
    dp = np.maximum(rng.poisson(32, n), 3)
    ad_alt = np.where(gtk == 1, dp - rng.binomial(dp, 0.02), rng.binomial(dp, 0.5))
    ad_alt = np.maximum(ad_alt, 1)
    ad_ref = dp - ad_alt
    gq = np.minimum(rng.poisson(60, n) + 1, 99)
    qual = np.round(np.exp(rng.normal(6.0, 1.2, n)), 2)
    qual = np.maximum(qual, 1.0)
    gts = np.array(["0/1", "1/1", "0|1"])[gtk]
    afs = np.where(gtk == 1, "1.00", "0.500")
    lines = []
    for p, h, r, rf, al, q, g, d, gqv, ar, aa, af in zip(
        pos.tolist(), has_rs.tolist(), rsn.tolist(), refs.tolist(), alts.tolist(),
        qual.tolist(), gts.tolist(), dp.tolist(), gq.tolist(), ad_ref.tolist(),
        ad_alt.tolist(), afs.tolist()):
        vid = f"rs{r}" if h else "."
        filt = "PASS" if q >= 30 else "LowQual"
        lines.append(f"{chrom}\t{p}\t{vid}\t{rf}\t{al}\t{q:.2f}\t{filt}\tDP={d};AF={af}"
                     f"\tGT:DP:GQ:AD\t{g}:{d}:{gqv}:{ar},{aa}\n")
    return lines


def make_vcf(n, out, seed):
    rng = np.random.default_rng(seed)
    lens = np.array([L for _, L in GRCH38], dtype=np.float64)
    counts = np.floor(n * lens / lens.sum()).astype(int)
    counts[: n - counts.sum()] += 1  # distribute remainder deterministically
    with open(out, "wb") as fo:
        p = subprocess.Popen(["bgzip", "-@2", "-c"], stdin=subprocess.PIPE, stdout=fo)
        p.stdin.write(header().encode())
        for (c, L), k in zip(GRCH38, counts.tolist()):
            lines = chrom_records(rng, c, L, k)
            p.stdin.write("".join(lines).encode())
        p.stdin.close()
        if p.wait() != 0:
            sys.exit("bgzip failed")
    subprocess.check_call(["tabix", "-f", "-p", "vcf", out])


def make_bed(path, seed, n=45, total=3_000_000):
    rng = np.random.default_rng(seed)
    # 30 kb + a log-normal excess, excess scaled so the total is ~`total`, capped at 200 kb
    excess = np.exp(rng.normal(np.log(25_000), 0.8, n))
    for _ in range(20):
        sizes = np.minimum(30_000 + excess, 200_000)
        excess *= (total - 30_000 * n) / (sizes - 30_000).sum()
    sizes = np.minimum(30_000 + excess, 200_000).astype(int)
    lens = np.array([L for _, L in GRCH38], dtype=np.float64)
    order = {c: i for i, (c, _) in enumerate(GRCH38)}
    ivs = []
    for s in sizes.tolist():
        while True:
            ci = rng.choice(len(GRCH38), p=lens / lens.sum())
            c, L = GRCH38[ci]
            st = int(rng.integers(100_000, L - 100_000 - s))
            if all(not (c == c2 and st < e2 + 1000 and s2 < st + s + 1000) for c2, s2, e2, _ in ivs):
                break
        ivs.append((c, st, st + s, None))
    ivs.sort(key=lambda t: (order[t[0]], t[1]))
    with open(path, "w") as f:
        for i, (c, s, e, _) in enumerate(ivs, 1):
            f.write(f"{c}\t{s}\t{e}\tGENE{i:02d}\n")
    print(f"{path}: {len(ivs)} intervals, total {sum(e - s for _, s, e, _ in ivs):,} bp,"
          f" sizes {min(e - s for _, s, e, _ in ivs):,}-{max(e - s for _, s, e, _ in ivs):,}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5_000_000)
    ap.add_argument("--out")
    ap.add_argument("--bed")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    t = time.time()
    if a.out:
        make_vcf(a.n, a.out, a.seed)
        print(f"{a.out}: {a.n:,} records in {time.time() - t:.1f}s")
    if a.bed:
        make_bed(a.bed, a.seed)
