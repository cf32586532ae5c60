"""Every finding interpreted: location and consequence on the MANE Select transcript, the p. name where the
knowledge base or the file gives one, the file's own annotations, and a priority; and the counts a report
leads with."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from kb.genome import Build
from kb.loader import raw_data
from kb.variants.consequence import LOCATIONS, consequence_of, structural_extent
from kb.variants.file_annotations import FileAnnotation, InfoHeader, info_header
from kb.variants.findings import Finding, finding_from
from kb.variants.priority import CATEGORY_LABELS, PRIORITY_LABELS, finding_category, priority_of
from kb.variants.transcripts import transcript_of

__all__ = ["file_note", "interpret_findings", "summary_counts", "summary_line"]

_PLACE_WORDS = {
    "intron": "intronic",
    "splice_region": "in a splice region",
    "5_prime_UTR": "in the 5' untranslated region",
    "3_prime_UTR": "in the 3' untranslated region",
    "upstream": "upstream",
    "downstream": "downstream",
}
_END = re.compile(r"(?:^|;)END=(\d+)")
_SVLEN = re.compile(r"(?:^|;)SVLEN=-?(\d+)")


@functools.cache
def _curated_names() -> dict[str, tuple[str | None, str | None]]:
    """Curated variant id -> its (coding, protein) HGVS names."""
    return {
        entry["id"]: (entry["hgvs"].get("coding"), entry["hgvs"].get("protein"))
        for entry in raw_data("variants.json")
    }


def _extent(finding: Finding) -> int | None:
    if not finding.alt.startswith("<") or not finding.info:
        return None
    end, svlen = _END.search(finding.info), _SVLEN.search(finding.info)
    return structural_extent(
        finding.pos, finding.alt, int(end.group(1)) if end else None, int(svlen.group(1)) if svlen else None
    )


def interpret(finding: Finding, build: Build, header: InfoHeader | None = None) -> Finding:
    """One finding with its location, consequence, names, file annotations and priority filled in."""
    model = transcript_of(finding.gene, build)
    found = consequence_of(finding.gene, build, finding.pos, finding.ref, finding.alt, end=_extent(finding))
    file = (
        header.annotation(
            finding.info,
            finding.ref,
            finding.alt,
            finding.alt_number,
            finding.gene,
            model.refseq if model else None,
        )
        if header is not None and finding.info not in ("", ".")
        else None
    )
    coding_name, protein = _curated_names().get(finding.known_variant or "", (None, None))
    location = found.location if found else None
    isoform_note = None
    if protein and location not in ("coding", "splice_site", None) and found is not None:
        # A curated amino-acid change off the MANE Select coding sequence is coding on another isoform (PPARG
        # Pro12Ala lies in the PPARγ2-only exon): the curated entry decides, and the finding says so.
        isoform_note = (
            f"coding on another isoform{' (' + coding_name.split(':')[0] + ')' if coding_name else ''}, as the curated "
            f"entry names it ({protein}); on the MANE Select transcript {found.transcript} it is "
            f"{_PLACE_WORDS.get(location, location)}{' (' + found.hgvs_c.split(':')[1] + ')' if found.hgvs_c else ''}"
        )
        location = "coding"
    hgvs_p = protein or (file.hgvs_p if file else None)
    consequence = found.consequence if found else None
    if isoform_note:
        consequence = "coding_sequence_variant"
    priority = priority_of(
        finding.gene,
        finding.significance,
        finding.known_variant is not None,
        location,
        consequence,
        file.consequence if file else None,
        found.start_or_stop if found else None,
        file.frequency if file else None,
    )
    category = finding_category(
        finding.known_variant is not None,
        location,
        consequence,
        file.consequence if file else None,
        found.start_or_stop if found else None,
        structural=bool(found and found.covers),
    )
    return finding_from(
        finding,
        location=location,
        transcript=found.transcript if found else None,
        hgvs_c=(coding_name if isoform_note and coding_name else found.hgvs_c) if found else None,
        hgvs_p=hgvs_p,
        consequence=consequence,
        exon_or_intron=(found.where or None) if found else None,
        codon=found.codon if found else None,
        covers="; ".join(found.covers) or None if found else None,
        isoform_note=isoform_note,
        priority=priority.rank,
        priority_reason=priority.reason,
        category=category,
        file_source=file.source if file else None,
        file_consequence=file.consequence if file else None,
        file_hgvs_c=file.hgvs_c if file else None,
        file_hgvs_p=file.hgvs_p if file else None,
        clinvar_significance=file.clinvar_significance if file else None,
        clinvar_review=file.clinvar_review if file else None,
        population_frequency=file.frequency if file else None,
        frequency_source=file.frequency_source if file else None,
    )


def interpret_findings(
    findings: Iterable[Finding], build: Build, meta: list[str] | None = None
) -> list[Finding]:
    """Every finding interpreted; `meta` is the VCF's ## lines (for its INFO annotations), if any."""
    header = info_header(meta) if meta else None
    return [interpret(finding, build, header) for finding in findings]


def summary_counts(findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Counts by location, by priority and by category, in a fixed order (zero counts left out)."""
    by_location = Counter(finding.location or "outside_transcript" for finding in findings)
    by_priority = Counter(finding.priority for finding in findings)
    by_category = Counter(finding.category for finding in findings)
    return {
        "by_location": {
            key: by_location[key] for key in (*LOCATIONS, "outside_transcript") if by_location[key]
        },
        "by_priority": {str(rank): by_priority[rank] for rank in PRIORITY_LABELS if by_priority[rank]},
        "by_category": {key: by_category[key] for key in CATEGORY_LABELS if by_category[key]},
    }


def summary_line(findings: list[Finding]) -> str:
    """'2 curated, 1 protein-truncating or splice-site, 3 other coding, 296 intronic or flanking'."""
    counts = summary_counts(findings)["by_category"]
    return ", ".join(f"{count:,} {CATEGORY_LABELS[key]}" for key, count in counts.items())


def file_note(finding: Finding) -> str:
    """What the file's own annotations say of a finding, each part with its source; '' when nothing."""
    return FileAnnotation(
        source=finding.file_source,
        consequence=finding.file_consequence,
        hgvs_p=finding.file_hgvs_p,
        clinvar_significance=finding.clinvar_significance,
        clinvar_review=finding.clinvar_review,
        frequency=finding.population_frequency,
        frequency_source=finding.frequency_source,
    ).describe()
