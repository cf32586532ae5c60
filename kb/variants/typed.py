"""Typed entries and tables of variants: rsIDs, GENE p.Change, HGVS, and chr:pos:ref:alt.

A typed rsID or protein change can be placed only when the knowledge base curates it: without an
online database there is no way to look up where an unknown rsID lies, and the message says so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.errors import InputError
from kb.genome import normalise_chromosome
from kb.variants.calls import VariantCall
from kb.variants.suggest import did_you_mean

if TYPE_CHECKING:
    from kb.index import KnowledgeIndex
    from kb.schema import Variant

__all__ = ["TypedEntries", "find_curated", "parse_typed", "read_variant_table"]

_AMINO = {
    "A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "E": "Glu", "Q": "Gln", "G": "Gly",
    "H": "His", "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe", "P": "Pro", "S": "Ser",
    "T": "Thr", "W": "Trp", "Y": "Tyr", "V": "Val", "X": "Ter", "*": "Ter",
}  # fmt: skip
_ONE_LETTER = re.compile(r"^(?:p\.)?([A-Z*])(\d+)([A-Z*=])$")
_THREE_LETTER = re.compile(r"^(?:p\.)?\(?([A-Z][a-z]{2})(\d+)([A-Z][a-z]{2}|=)\)?$")
_POSITION = re.compile(
    r"^(?:chr)?([0-9]{1,2}|[XYM]|MT)[:\-\s]+([0-9]{1,10})[:\-\s]+([ACGTNacgtn]+)[:\-\s>]+([ACGTNacgtn]+)$"
)
_RSID = re.compile(r"^rs\d+$", re.IGNORECASE)
_CODING = re.compile(r"^(N[MR]_\d+)(?:\.\d+)?:(c\.\S+)$")


def _protein_key(text: str) -> str | None:
    """'P12A', 'p.P12A', 'Pro12Ala' and 'p.Pro12Ala' all become 'Pro12Ala'."""
    text = text.strip()
    if match := _THREE_LETTER.match(text):
        return f"{match.group(1).capitalize()}{match.group(2)}{match.group(3)}"
    if match := _ONE_LETTER.match(text.upper() if not text.startswith("p.") else "p." + text[2:].upper()):
        first, number, last = match.groups()
        return f"{_AMINO.get(first, first)}{number}{'=' if last == '=' else _AMINO.get(last, last)}"
    return None


def find_curated(index: KnowledgeIndex, gene: str, change: str) -> Variant | None:
    """The curated variant of `gene` named by `change` (protein change, coding HGVS, or its common name)."""
    wanted = _protein_key(change)
    coding = _CODING.match(change)
    for variant in index.variants_of_gene.get(gene, []):
        names = [variant.name, variant.hgvs.protein or ""]
        if wanted and any(_protein_key(name.split(" ")[0]) == wanted for name in names if name):
            return variant
        if coding and variant.hgvs.coding:
            curated = _CODING.match(variant.hgvs.coding)
            if curated and curated.groups() == coding.groups():
                return variant
        if change.lower() == variant.name.lower():
            return variant
    return None


@dataclass
class TypedEntries:
    """What typed text resolved to: curated variants, positional calls, and what could not be placed."""

    curated: list[Variant]
    calls: list[VariantCall]
    messages: list[str]
    genes: list[str]


def _suggestion(index: KnowledgeIndex, token: str) -> str:
    found = did_you_mean(index, token)
    return f" {found}" if found else ""


def parse_typed(index: KnowledgeIndex, text: str) -> TypedEntries:
    """Read one or many typed variants, separated by new lines, commas or semicolons."""
    entries = TypedEntries(curated=[], calls=[], messages=[], genes=[])
    tokens = [token.strip() for token in re.split(r"[\n;,]+", text) if token.strip()]
    if not tokens:
        raise InputError("Type at least one variant, e.g. rs1801282, PPARG p.Pro12Ala or 3:12351626:C:G")
    if len(tokens) > 1000:
        raise InputError("Type at most 1,000 variants at once; upload a file for more")
    genes = {symbol.upper(): symbol for symbol in index.genes}
    for token in tokens:
        shown = token[:60]
        if _RSID.match(token):
            variant = index.variants_by_rsid.get(token.lower())
            if variant:
                entries.curated.append(variant)
            else:
                entries.messages.append(
                    f"{shown}: not a variant the knowledge base curates; without a position it cannot be placed. "
                    "Type it as chromosome:position:REF:ALT instead." + _suggestion(index, token)
                )
            continue
        if match := _POSITION.match(token):
            chrom, pos, ref, alt = match.groups()
            if int(pos) < 1:
                entries.messages.append(f"{shown}: the position must be 1 or more")
                continue
            entries.calls.append(
                VariantCall(
                    normalise_chromosome(chrom),
                    int(pos),
                    ref.upper(),
                    alt.upper(),
                    None,
                    "not given",
                    "unknown",
                )
            )
            continue
        if _CODING.match(token):
            found = next(
                (
                    variant
                    for variant in index.kb.variants
                    if find_curated(index, variant.gene, token) is variant
                ),
                None,
            )
            if found:
                entries.curated.append(found)
            else:
                entries.messages.append(f"{shown}: no curated variant has this HGVS name")
            continue
        parts = token.replace(":", " ").split(None, 1)
        if not parts:
            entries.messages.append(f"{shown}: not understood")
            continue
        gene = genes.get(parts[0].upper())
        if gene is None:
            entries.messages.append(
                f"{shown}: not understood. Write an rsID (rs1801282), GENE p.Change (PPARG p.Pro12Ala) or "
                "chromosome:position:REF:ALT (3:12351626:C:G)." + _suggestion(index, token)
            )
            continue
        if len(parts) == 1:
            entries.genes.append(gene)
            continue
        variant = find_curated(index, gene, (parts[1] or "").strip())
        if variant:
            entries.curated.append(variant)
        else:
            entries.messages.append(
                f"{shown}: {gene} is a pathway gene, but this change is not a curated variant; its position is "
                "unknown here. Type it as chromosome:position:REF:ALT to place it."
                + _suggestion(index, token)
            )
    return entries


_COLUMNS = {
    "chrom": ("chrom", "#chrom", "chromosome", "chr", "contig"),
    "pos": ("pos", "position", "start", "bp"),
    "ref": ("ref", "reference"),
    "alt": ("alt", "alternate", "allele"),
    "rsid": ("rsid", "rs", "id", "snp", "variant_id", "dbsnp"),
    "gene": ("gene", "symbol", "gene_symbol"),
    "hgvs": ("hgvs", "change", "protein", "hgvs_p", "hgvs_c", "variant"),
    "genotype": ("genotype", "gt", "zygosity_gt"),
}


def read_variant_table(index: KnowledgeIndex, text: str, name: str) -> TypedEntries:
    """A CSV or TSV of variants, with columns named like gene, rsid, hgvs, chrom, pos, ref, alt, genotype."""
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [title.strip().lower() for title in next(reader)]
    except StopIteration:
        raise InputError(f"{name}: the table is empty") from None
    column = {}
    for key, spellings in _COLUMNS.items():
        for position, title in enumerate(header):
            if title in spellings and key not in column:
                column[key] = position
    if not (
        {"chrom", "pos", "ref", "alt"} <= set(column) or "rsid" in column or {"gene", "hgvs"} <= set(column)
    ):
        raise InputError(
            f"{name}: a variant table needs columns chrom, pos, ref, alt — or rsid — or gene and hgvs; found "
            + ", ".join(header[:8])
        )
    entries = TypedEntries(curated=[], calls=[], messages=[], genes=[])
    rows = 0
    for row in reader:
        if not any(value.strip() for value in row):
            continue
        rows += 1

        values = {key: row[at].strip() if at < len(row) else "" for key, at in column.items()}

        if values.get("chrom", "") and values.get("pos", ""):
            line = f"{values.get('chrom', '')}:{values.get('pos', '')}:{values.get('ref', '')}:{values.get('alt', '')}"
        elif values.get("rsid", ""):
            line = values.get("rsid", "")
        else:
            line = f"{values.get('gene', '')} {values.get('hgvs', '')}"
        # Each row is read alone, so that one row that cannot be placed leaves every other row's genotype
        # where it belongs.
        try:
            found = parse_typed(index, line.replace(",", " "))
        except InputError:
            entries.messages.append(f"row {rows}: empty or not understood")
            continue
        genotype = values.get("genotype", "") or "not given"
        rsid = values.get("rsid", "").lower() if _RSID.match(values.get("rsid", "")) else None
        entries.calls += [
            VariantCall(call.chrom, call.pos, call.ref, call.alt, rsid, genotype, call.zygosity)
            for call in found.calls
        ]
        entries.curated += found.curated
        entries.messages += [f"row {rows}: {message}" for message in found.messages]
        entries.genes += found.genes
    if not rows:
        raise InputError(f"{name}: the table has a header but no rows")
    return entries
