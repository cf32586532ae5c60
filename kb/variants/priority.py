"""Which findings to look at first: one rule, written once, with a one-phrase reason for every finding.

1. curated pathogenic or likely pathogenic variants;
2. other curated variants with an effect (risk, protective, drug response);
3. protein-truncating, splice-site and start/stop changes in a gene whose loss causes a syndrome in the
   knowledge base;
4. the same changes in other pathway genes;
5. other coding changes (missense-region substitutions, in-frame indels);
6. untranslated-region and splice-region changes;
7. intronic, upstream and downstream variants (and curated benign ones).
A variant the file says is common (population allele frequency >= 1 %) moves down two places (>= 0.1 %:
one place), never below 7; curated variants keep their place, since a common risk allele is common by nature.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from kb.loader import raw_data
from kb.vocabulary import PRIORITIES

__all__ = [
    "CATEGORY_LABELS",
    "PRIORITY_LABELS",
    "PRIORITY_RULE",
    "Priority",
    "finding_category",
    "priority_of",
    "syndrome_genes",
]

PRIORITY_RULE = (
    "Curated variants by significance first; then protein-truncating, splice-site and start/stop changes in genes "
    "whose loss causes a syndrome here; then the same in other genes; then other coding changes; then "
    "untranslated and splice-region changes; then intronic and flanking variants. A variant the file reports as "
    "common in the population moves down."
)
PRIORITY_LABELS = {rank: style.label for rank, style in PRIORITIES.items()}
# Counting words for the summary line ("2 curated, 1 protein-truncating, 3 coding, 296 intronic or flanking").
CATEGORY_LABELS = {
    "curated": "curated",
    "truncating": "protein-truncating or splice-site",
    "coding": "other coding",
    "utr_or_splice_region": "untranslated or splice-region",
    "intronic_or_flanking": "intronic or flanking",
    "structural": "structural",
}
COMMON = 0.01
UNCOMMON = 0.001
_TRUNCATING = re.compile(
    "stop_gained|frameshift|splice_donor|splice_acceptor|start_lost|stop_lost|transcript_ablation|exon_loss"
    "|feature_truncation"
)


class Priority(NamedTuple):
    """1 = look at this first; the reason in one phrase."""

    rank: int
    reason: str


@functools.cache
def syndrome_genes() -> dict[str, str]:
    """Gene -> the syndrome(s) the knowledge base says its loss or mutation causes.

    From the syndrome nodes' causes (a gene node, or a complex whose member is named in the cause), and from
    genes with a curated pathogenic loss-of-function variant (whose phenotype names the syndrome).
    """
    nodes = {node["id"]: node for node in raw_data("nodes.json")}
    found: dict[str, list[str]] = {}
    for node in nodes.values():
        if node["kind"] != "syndrome":
            continue
        for cause in node.get("causes", []):
            target = nodes.get(cause.get("node") or "")
            if target is None:
                continue
            genes = [target["id"]] if target["id"] in target.get("genes", []) else [
                symbol for symbol in target.get("genes", []) if symbol in cause["text"]
            ]  # fmt: skip
            for symbol in genes:
                found.setdefault(symbol, []).append(node["label"])
    for variant in raw_data("variants.json"):
        if (
            variant["significance"] in ("pathogenic", "likely_pathogenic")
            and variant["effect"] == "loss_of_function"
        ):
            found.setdefault(variant["gene"], []).append(f"{variant['gene']}-related disease")
    return {gene: ", ".join(dict.fromkeys(labels)) for gene, labels in sorted(found.items())}


def _is_truncating(consequence: str | None, file_consequence: str | None, start_or_stop: str | None) -> bool:
    if start_or_stop:
        return True
    return bool(
        (consequence and _TRUNCATING.search(consequence))
        or (file_consequence and _TRUNCATING.search(file_consequence))
    )


def finding_category(
    known: bool, location: str | None, consequence: str | None, file_consequence: str | None,
    start_or_stop: str | None, structural: bool = False,
) -> str:  # fmt: skip
    """The summary category of a finding (a key of CATEGORY_LABELS)."""
    if known:
        return "curated"
    if _is_truncating(consequence, file_consequence, start_or_stop):
        return "truncating"
    if structural:
        return "structural"
    if location == "coding":
        return "coding"
    if location in ("5_prime_UTR", "3_prime_UTR", "splice_region"):
        return "utr_or_splice_region"
    return "intronic_or_flanking"


def priority_of(
    gene: str,
    significance: str,
    known: bool,
    location: str | None,
    consequence: str | None,
    file_consequence: str | None = None,
    start_or_stop: str | None = None,
    frequency: float | None = None,
) -> Priority:
    """The priority of one finding and why, by the rule in PRIORITY_RULE."""
    if known:
        if significance in ("pathogenic", "likely_pathogenic"):
            return Priority(1, f"curated {significance.replace('_', ' ')} variant")
        if significance in ("benign", "likely_benign"):
            return Priority(7, f"curated {significance.replace('_', ' ')} variant")
        if significance != "uncertain":
            return Priority(2, f"curated {significance.replace('_', ' ')} variant")
    if _is_truncating(consequence, file_consequence, start_or_stop):
        what = _truncation_phrase(consequence, file_consequence, start_or_stop)
        syndrome = syndrome_genes().get(gene)
        rank, reason = (
            (3, f"{what} in {gene}, whose loss causes {syndrome}") if syndrome else (4, f"{what} in {gene}")
        )
    elif location == "coding":
        rank, reason = 5, "changes the coding sequence (amino acid not computed here)"
        if file_consequence and "synonymous" in file_consequence:
            rank, reason = 6, "coding but synonymous (the file's annotation)"
        elif file_consequence and "missense" in file_consequence:
            reason = "changes an amino acid (the file's annotation)"
    elif location in ("5_prime_UTR", "3_prime_UTR"):
        rank, reason = 6, "in an untranslated region"
    elif location == "splice_region":
        rank, reason = 6, "near a splice site (splice region)"
    else:
        rank, reason = (
            7,
            {
                "intron": "intronic, away from the splice sites",
                "upstream": "upstream of the gene",
                "downstream": "downstream of the gene",
            }.get(location or "", "outside the gene's transcript"),
        )
    if frequency is not None and frequency >= UNCOMMON:
        moved = 2 if frequency >= COMMON else 1
        if rank + moved > rank and rank < 7:
            rank = min(7, rank + moved)
            reason += f"; common in the population ({frequency:.1%}), so moved down"
    return Priority(rank, reason)


def _truncation_phrase(
    consequence: str | None, file_consequence: str | None, start_or_stop: str | None
) -> str:
    terms = f"{file_consequence or ''}&{consequence or ''}"
    for term, phrase in (
        ("stop_gained", "a premature stop codon"),
        ("frameshift", "a frameshift"),
        ("splice_donor", "a splice-donor change"),
        ("splice_acceptor", "a splice-acceptor change"),
        ("start_lost", "a start-codon change"),
        ("stop_lost", "a stop-codon loss"),
        ("transcript_ablation", "a deletion of the whole gene"),
        ("exon_loss", "a deletion of exons"),
        ("feature_truncation", "a deletion of part of an exon"),
    ):
        if term in terms:
            return phrase
    return f"a {start_or_stop} change" if start_or_stop else "a protein-truncating change"
