"""Where a variant lies on its gene's MANE Select transcript and what that does, computed offline.

No reference sequence is shipped, so what can be said from positions alone is said, and no more: the
location (upstream, 5' UTR, coding, splice site, splice region, intron, 3' UTR, downstream), exon or intron
number, HGVS c. name, codon, frameshift or in-frame for coding indels, whether the start or stop codon is hit,
and for a structural variant which exons (or the whole gene) it covers. Which amino acid a substitution
gives is not computed: a p. name comes only from the knowledge base or the file's own annotation.

HGVS c. names use the position the VCF gives; for an indel in a repeat, HGVS would shift it to the most 3'
equivalent position, which needs the reference sequence (a caveat said in the README).
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.genome import PROMOTER_FLANK, Build
from kb.variants.transcripts import CPosition, Transcript, transcript_of

__all__ = [
    "LOCATIONS",
    "Consequence",
    "consequence_of",
    "structural_extent",
]

# The locations a finding can have, in the order a person reads a gene (5' to 3').
LOCATIONS = (
    "upstream",
    "5_prime_UTR",
    "coding",
    "splice_site",
    "splice_region",
    "intron",
    "3_prime_UTR",
    "downstream",
)
# Which location names a variant that touches several: the one that matters most for the protein.
_SEVERITY = {
    "splice_site": 0,
    "coding": 1,
    "splice_region": 2,
    "5_prime_UTR": 3,
    "3_prime_UTR": 3,
    "intron": 4,
    "upstream": 5,
    "downstream": 5,
}
_COMPLEMENT = str.maketrans("ACGTN", "TGCAN")
SPLICE_SITE_BASES = 2
SPLICE_REGION_INTRONIC = 8
SPLICE_REGION_EXONIC = 3
STRUCTURAL_TYPES = ("DEL", "DUP", "INV", "CNV", "INS", "BND")


@dataclass(slots=True)
class Consequence:
    """What a variant does to its gene's MANE Select transcript, as far as positions tell."""

    location: str
    transcript: str | None = None
    hgvs_c: str | None = None
    consequence: str = "intron_variant"
    exon: int | None = None
    intron: int | None = None
    codon: int | None = None
    start_or_stop: str | None = None  # 'start codon' or 'stop codon' when one is hit
    frame: str | None = None  # 'frameshift' or 'in-frame' for a coding indel
    covers: tuple[str, ...] = ()  # a structural variant: what it removes or spans
    exons_total: int | None = None

    @property
    def where(self) -> str:
        """Exon or intron, as a person reads it ('exon 5 of 22', 'intron 3')."""
        if self.exon is not None:
            return f"exon {self.exon} of {self.exons_total}"
        if self.intron is not None:
            return f"intron {self.intron}"
        return ""


def _trim(pos: int, ref: str, alt: str) -> tuple[int, str, str]:
    """The alleles without the bases they share (suffix first, then the VCF padding prefix)."""
    while len(ref) > 1 and len(alt) > 1 and ref[-1] == alt[-1]:
        ref, alt = ref[:-1], alt[:-1]
    shared = 0
    while shared < min(len(ref), len(alt)) and ref[shared] == alt[shared]:
        shared += 1
    return pos + shared, ref[shared:], alt[shared:]


def _base_location(model: Transcript, place: CPosition, pos: int) -> tuple[str, str | None]:
    """Location of one base and, for an exonic base next to an intron, 'splice_region'."""
    if place.region == "intron":
        distance = abs(place.offset)
        if distance <= SPLICE_SITE_BASES:
            return "splice_site", "donor" if place.offset > 0 else "acceptor"
        if distance <= SPLICE_REGION_INTRONIC:
            return "splice_region", None
        return "intron", None
    if place.exon is not None:
        start, end = model.exons[place.exon - 1]
        low_is_intron = place.exon > 1 if model.strand == "+" else place.exon < len(model.exons)
        high_is_intron = place.exon < len(model.exons) if model.strand == "+" else place.exon > 1
        near = (low_is_intron and pos - start < SPLICE_REGION_EXONIC) or (
            high_is_intron and end - pos < SPLICE_REGION_EXONIC
        )
        return place.region, "splice_region" if near else None
    return place.region, None


def _strand(model: Transcript, bases: str) -> str:
    return bases if model.strand == "+" else bases.translate(_COMPLEMENT)[::-1]


def _hgvs_c(model: Transcript, placed: dict[int, CPosition], low: int, high: int, ref: str, alt: str) -> str:
    """The c. name of the change of genomic [low, high] from `ref` to `alt` (trimmed, forward strand);
    `placed` holds the c. positions of low and high."""
    first, last = (low, high) if model.strand == "+" else (high, low)
    first_c, last_c = str(placed[first]), str(placed[last])
    span = first_c if first == last else f"{first_c}_{last_c[2:]}"
    ref_t, alt_t = _strand(model, ref), _strand(model, alt)
    if not ref:  # insertion between low and high (= low + 1)
        return f"{model.refseq}:{first_c}_{last_c[2:]}ins{alt_t}"
    if len(ref) == 1 and len(alt) == 1:
        return f"{model.refseq}:{first_c}{ref_t}>{alt_t}"
    if not alt:
        return f"{model.refseq}:{span}del"
    return f"{model.refseq}:{span}delins{alt_t}"


def consequence_of(
    gene: str, build: Build, pos: int, ref: str, alt: str, end: int | None = None
) -> Consequence | None:
    """The consequence of REF>ALT at `pos` on `gene`'s MANE Select transcript; `end` (the INFO END) for a
    symbolic structural allele such as <DEL>. None for a gene without a transcript model."""
    model = transcript_of(gene, build)
    if model is None:
        return None
    if alt.startswith("<") or end is not None and end > pos + len(ref) - 1:
        return _structural(model, pos, end or pos, alt)
    if len(ref) == 1 and len(alt) == 1:
        return _substitution(model, pos, ref.upper(), alt.upper())
    start, ref_t, alt_t = _trim(pos, ref.upper(), alt.upper())
    if ref_t:
        low, high = start, start + len(ref_t) - 1
        bases = range(low, high + 1)
    else:  # an insertion between start - 1 and start
        low, high = start - 1, start
        bases = range(low, high + 1)
    # Only the ends and, for short changes, every base are placed: a long deletion is judged by its ends
    # and the exon boundaries it crosses.
    wanted = bases if len(bases) <= 64 else sorted({low, high, *_boundaries_within(model, low, high)})
    placed = [(base, model.c_position(base)) for base in wanted]
    located = [_base_location(model, place, base) for base, place in placed]
    if not ref_t:
        # An insertion is in the coding sequence only when both neighbours are; between an exon and an
        # intron it is at the splice boundary.
        regions = {location for location, _ in located}
        location = "coding" if regions == {"coding"} else min(regions, key=_SEVERITY.__getitem__)
    else:
        location = min((location for location, _ in located), key=_SEVERITY.__getitem__)
    splice_side = next((side for loc, side in located if loc == "splice_site" and side), None)
    in_splice_region = any(side == "splice_region" for _, side in located)
    anchor = next(
        (place for _, place in placed if place.exon is not None or place.intron is not None), placed[0][1]
    )
    codons = sorted({place.codon for _, place in placed if place.codon})
    coding_length = model.coding_length
    hits = {"start codon" for _, place in placed if place.region == "coding" and place.codon == 1} | {
        "stop codon" for _, place in placed if place.region == "coding" and place.codon == coding_length // 3
    }
    start_or_stop = "start codon" if "start codon" in hits else "stop codon" if hits else None
    frame = None
    if location == "coding" and (len(ref_t) != len(alt_t)):
        frame = "in-frame" if (len(alt_t) - len(ref_t)) % 3 == 0 else "frameshift"
    term = _term(location, splice_side, in_splice_region, frame, start_or_stop, ref_t, alt_t)
    far = anchor.region in ("upstream", "downstream") and _flank_distance(model, low) > PROMOTER_FLANK
    return Consequence(
        location=location,
        transcript=model.refseq,
        hgvs_c=None if far else _hgvs_c(model, dict(placed), low, high, ref_t, alt_t),
        consequence=term,
        exon=anchor.exon,
        intron=anchor.intron,
        codon=codons[0] if codons else None,
        start_or_stop=start_or_stop,
        frame=frame,
        exons_total=len(model.exons),
    )


def _substitution(model: Transcript, pos: int, ref: str, alt: str) -> Consequence:
    """consequence_of for a single-base substitution, the common case (a genome has thousands)."""
    place = model.c_position(pos)
    location, side = _base_location(model, place, pos)
    start_or_stop = None
    if place.region == "coding" and place.codon in (1, model.coding_length // 3):
        start_or_stop = "start codon" if place.codon == 1 else "stop codon"
    far = place.region in ("upstream", "downstream") and _flank_distance(model, pos) > PROMOTER_FLANK
    return Consequence(
        location=location,
        transcript=model.refseq,
        hgvs_c=None if far else f"{model.refseq}:{place}{_strand(model, ref)}>{_strand(model, alt)}",
        consequence=_term(
            location,
            side if location == "splice_site" else None,
            side == "splice_region",
            None,
            start_or_stop,
            ref,
            alt,
        ),
        exon=place.exon,
        intron=place.intron,
        codon=place.codon,
        start_or_stop=start_or_stop,
        exons_total=len(model.exons),
    )


def _boundaries_within(model: Transcript, low: int, high: int) -> list[int]:
    """Exon ends (and the intronic bases next to them) between low and high."""
    found = []
    for start, end in model.exons:
        for base in (start - 2, start - 1, start, end, end + 1, end + 2):
            if low <= base <= high:
                found.append(base)
    return found


def _flank_distance(model: Transcript, pos: int) -> int:
    return max(model.start - pos, pos - model.end, 0)


_NONCODING_TERMS = {
    "5_prime_UTR": "5_prime_UTR_variant",
    "3_prime_UTR": "3_prime_UTR_variant",
    "intron": "intron_variant",
    "upstream": "upstream_gene_variant",
    "downstream": "downstream_gene_variant",
}


def _term(
    location: str,
    splice_side: str | None,
    in_splice_region: bool,
    frame: str | None,
    start_or_stop: str | None,
    ref: str,
    alt: str,
) -> str:
    """The Sequence Ontology term(s) for the consequence, most severe first, joined with '&' as VEP does."""
    if location in _NONCODING_TERMS and not in_splice_region:
        return _NONCODING_TERMS[location]
    terms: list[str] = []
    if location == "splice_site":
        terms.append(f"splice_{splice_side or 'donor'}_variant")
    if location in ("coding", "splice_site"):
        if start_or_stop == "start codon":
            terms.append("start_lost")
        elif start_or_stop == "stop codon":
            terms.append("stop_lost" if frame else "terminator_codon_variant")
        if frame == "frameshift":
            terms.append("frameshift_variant")
        elif frame == "in-frame":
            terms.append("inframe_deletion" if len(ref) > len(alt) else "inframe_insertion")
        elif location == "coding" and not start_or_stop:
            terms.append("coding_sequence_variant")
    if location == "splice_region" or (in_splice_region and location != "splice_site"):
        terms.append("splice_region_variant")
    if location in _NONCODING_TERMS:
        terms.append(_NONCODING_TERMS[location])
    return "&".join(dict.fromkeys(terms)) or "intron_variant"


def structural_extent(pos: int, alt: str, info_end: int | None, svlen: int | None) -> int | None:
    """The last base a symbolic structural allele covers (INFO END, else POS + |SVLEN|), or None."""
    if info_end is not None:
        return info_end
    if svlen is not None:
        return pos + abs(svlen)
    return None


def _structural(model: Transcript, pos: int, end: int, alt: str) -> Consequence:
    """Which exons, or the whole transcript, a structural variant covers (POS is the base before it)."""
    kind = alt.strip("<>").split(":")[0].upper() if alt.startswith("<") else "DEL"
    low, high = pos + 1, max(end, pos + 1)
    covered = [
        number for number, (start, stop) in enumerate(model.exons, start=1) if low <= start and stop <= high
    ]
    touched = [
        number for number, (start, stop) in enumerate(model.exons, start=1) if start <= high and stop >= low
    ]
    whole = low <= model.start and model.end <= high
    verb = {"DEL": "removes", "DUP": "duplicates", "CNV": "changes the copy number of", "INV": "inverts"}.get(
        kind, "spans"
    )
    covers: tuple[str, ...]
    if whole:
        covers = (f"{verb} the whole gene ({len(model.exons)} exons)",)
        term = {"DEL": "transcript_ablation", "DUP": "transcript_amplification"}.get(
            kind, "structural_variant"
        )
    elif covered:
        covers = (f"{verb} {_exon_list(covered)} of {len(model.exons)}",)
        term = {"DEL": "exon_loss_variant"}.get(kind, "structural_variant")
        if touched != covered:
            covers += (f"and part of {_exon_list(sorted(set(touched) - set(covered)))}",)
    elif touched:
        covers = (f"{verb} part of {_exon_list(touched)} of {len(model.exons)}",)
        term = "feature_truncation" if kind == "DEL" else "structural_variant"
    else:
        place = model.c_position(low)
        covers = (
            f"{verb} part of {'intron ' + str(place.intron) if place.intron else place.region.replace('_', ' ')}",
        )
        term = "structural_variant"
    parts = [model.c_position(base) for base in (low, high) if model.start <= base <= model.end]
    regions = {part.region for part in parts}
    if touched:
        coding = any(
            start <= model.coding_end and stop >= model.coding_start
            for number, (start, stop) in enumerate(model.exons, start=1)
            if number in touched
        )
        location = "coding" if coding else "5_prime_UTR" if "5_prime_UTR" in regions else "3_prime_UTR"
    else:
        location = (
            min(regions, key=_SEVERITY.__getitem__)
            if regions
            else ("upstream" if (low < model.start) == (model.strand == "+") else "downstream")
        )
    return Consequence(
        location=location,
        transcript=model.refseq,
        hgvs_c=None,
        consequence=term,
        exon=touched[0] if len(touched) == 1 else None,
        covers=covers,
        exons_total=len(model.exons),
    )


def _exon_list(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"exon {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"exons {numbers[0]}–{numbers[-1]}"
    return "exons " + ", ".join(str(number) for number in numbers)
