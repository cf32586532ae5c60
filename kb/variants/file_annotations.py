"""What an annotated VCF already says about a variant: VEP CSQ, snpEff ANN (and the older EFF), ClinVar
CLNSIG / CLNREVSTAT and population allele frequencies (gnomAD, ExAC, 1000 Genomes), read by the formats
their ##INFO headers declare.

Only the records that became findings are parsed (never the millions of records outside the pathway genes).
The entry for the ALT allele the person carries is chosen, on the gene's MANE Select transcript (or the
canonical one) where the annotation names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FileAnnotation", "InfoHeader", "info_header"]

_INFO_LINE = re.compile(r"^##INFO=<ID=(?P<id>[^,>]+),Number=(?P<number>[^,>]+),Type=(?P<type>[^,>]+)")
_DESCRIPTION = re.compile(r'Description="(?P<text>(?:[^"\\]|\\.)*)"')
# ClinVar's numeric CLNSIG codes (ClinVar VCFs up to 2016).
_CLNSIG_CODES = {
    "0": "uncertain significance",
    "1": "not provided",
    "2": "benign",
    "3": "likely benign",
    "4": "likely pathogenic",
    "5": "pathogenic",
    "6": "drug response",
    "7": "histocompatibility",
    "255": "other",
}
# Population frequency fields, best first, as INFO keys (vcfanno, ANNOVAR, GATK funcotator, bcftools) and as
# VEP CSQ fields. A bare INFO AF is the file's own cohort frequency and is never read as a population one.
_INFO_FREQUENCIES = (
    "gnomAD_AF", "gnomad_AF", "gnomADe_AF", "gnomADg_AF", "AF_gnomad", "gnomad_af", "gnomAD_exome_ALL",
    "gnomAD_genome_ALL", "ExAC_AF", "AF_EXAC", "exac_af", "ExAC_ALL", "dbNSFP_ExAC_AF", "1000g2015aug_all",
)  # fmt: skip
_CSQ_FREQUENCIES = ("gnomADe_AF", "gnomAD_AF", "gnomADg_AF", "ExAC_AF", "AF", "GMAF")
_POPULATION_WORDS = re.compile(r"gnomad|exac|1000 ?genomes|population", re.IGNORECASE)


@dataclass(frozen=True)
class FileAnnotation:
    """The file's own annotation of one ALT allele, each part with the tool it came from."""

    source: str | None = None  # 'VEP', 'snpEff' or 'snpEff (EFF)'
    consequence: str | None = None
    impact: str | None = None
    transcript: str | None = None
    hgvs_c: str | None = None
    hgvs_p: str | None = None
    clinvar_significance: str | None = None
    clinvar_review: str | None = None
    frequency: float | None = None
    frequency_source: str | None = None

    def as_dict(self) -> dict:
        """The parts present, for JSON and tables."""
        return {key: value for key, value in self.__dict__.items() if value is not None}

    def describe(self) -> str:
        """One line naming each part's source ('From the file's VEP annotation: stop_gained …')."""
        parts = []
        if self.consequence:
            detail = ", ".join(part for part in (self.consequence.replace("&", ", "), self.hgvs_p) if part)
            parts.append(f"From the file's {self.source} annotation: {detail}")
        if self.clinvar_significance:
            review = f" ({self.clinvar_review})" if self.clinvar_review else ""
            parts.append(f"ClinVar in the file: {self.clinvar_significance}{review}")
        if self.frequency is not None:
            parts.append(f"population frequency in the file ({self.frequency_source}): {self.frequency:.4g}")
        return "; ".join(parts)


@dataclass(frozen=True)
class _Field:
    number: str
    type: str
    description: str


class InfoHeader:
    """The ##INFO declarations of a VCF, and the sub-field layouts of CSQ, ANN and EFF."""

    def __init__(self, meta: list[str]):
        self.fields: dict[str, _Field] = {}
        for line in meta:
            match = _INFO_LINE.match(line)
            if match is None:
                continue
            description = _DESCRIPTION.search(line)
            self.fields[match["id"]] = _Field(
                match["number"], match["type"], description["text"] if description else ""
            )
        self.csq = self._layout("CSQ", r"Format:\s*(.+)$")
        self.ann = self._layout("ANN", r"'([^']+)'")
        self.eff = "EFF" in self.fields
        self.frequencies = [key for key in _INFO_FREQUENCIES if key in self.fields] + sorted(
            key
            for key, declared in self.fields.items()
            if key not in _INFO_FREQUENCIES
            and re.search(r"(^|_)AF($|_)", key)
            and _POPULATION_WORDS.search(declared.description)
            and not re.search(r"_(afr|amr|asj|eas|fin|nfe|oth|sas|mid|ami|popmax|male|female)", key, re.I)
        )

    @property
    def useful(self) -> bool:
        """Whether the file declares anything this module reads."""
        return bool(self.csq or self.ann or self.eff or self.frequencies or "CLNSIG" in self.fields)

    def _layout(self, key: str, pattern: str) -> list[str]:
        declared = self.fields.get(key)
        if declared is None:
            return []
        match = re.search(pattern, declared.description)
        if match is None:
            return []
        return [name.strip() for name in match.group(1).split("|")]

    def annotation(
        self, info: str, ref: str, alt: str, alt_number: int, gene: str, mane: str | None
    ) -> FileAnnotation | None:
        """The file's annotation of ALT number `alt_number` (1-based) in `gene`; `mane` is the gene's MANE
        Select RefSeq id, preferred among transcripts. None when the record says nothing this module reads."""
        values = _split_info(info)
        found: dict[str, object] = {}
        if self.csq and "CSQ" in values:
            found.update(self._vep(values["CSQ"], ref, alt, alt_number, gene, mane))
        if not found and self.ann and "ANN" in values:
            found.update(self._snpeff(values["ANN"], alt, gene, mane))
        if not found and self.eff and "EFF" in values:
            found.update(self._eff(values["EFF"], alt_number, gene))
        if "CLNSIG" in values:
            found.update(self._clinvar(values, alt_number))
        if "frequency" not in found:
            for key in self.frequencies:
                if key in values:
                    frequency = _number(_per_allele(values[key], self.fields[key].number, alt_number))
                    if frequency is not None:
                        found["frequency"], found["frequency_source"] = frequency, f"INFO {key}"
                        break
        return FileAnnotation(**found) if found else None  # type: ignore[arg-type]

    def _vep(self, text: str, ref: str, alt: str, alt_number: int, gene: str, mane: str | None) -> dict:
        entries = [dict(zip(self.csq, entry.split("|"), strict=False)) for entry in text.split(",")]
        allele = _vep_allele(ref, alt)
        mine = [
            entry
            for entry in entries
            if (entry.get("ALLELE_NUM") == str(alt_number))
            or ("ALLELE_NUM" not in entry and entry.get("Allele") == allele)
        ]
        if not mine:
            return {}
        chosen = _best(
            mine,
            gene_key="SYMBOL",
            gene=gene,
            mane=lambda entry: (
                bool(entry.get("MANE_SELECT") or entry.get("MANE"))
                or (mane is not None and entry.get("Feature", "").split(".")[0] == mane.split(".")[0])
            ),
            canonical=lambda entry: entry.get("CANONICAL") == "YES",
        )
        result: dict[str, object] = {
            "source": "VEP",
            "consequence": chosen.get("Consequence") or None,
            "impact": chosen.get("IMPACT") or None,
            "transcript": chosen.get("Feature") or None,
            "hgvs_c": chosen.get("HGVSc") or None,
            "hgvs_p": _unescape(chosen.get("HGVSp")) or _amino_acids(chosen),
        }
        for key in _CSQ_FREQUENCIES:
            value = chosen.get(key) or ""
            if key == "GMAF" and ":" in value:
                value = next(
                    (part.split(":")[1] for part in value.split("&") if part.split(":")[0] == allele), ""
                )
            frequency = _number(value.split("&")[0])
            if frequency is not None:
                result["frequency"], result["frequency_source"] = frequency, f"VEP {key}"
                break
        return {key: value for key, value in result.items() if value is not None}

    def _snpeff(self, text: str, alt: str, gene: str, mane: str | None) -> dict:
        entries = [dict(zip(self.ann, entry.split("|"), strict=False)) for entry in text.split(",")]
        mine = [entry for entry in entries if entry.get("Allele", "").upper() == alt.upper()]
        if not mine:
            return {}
        chosen = _best(
            mine,
            gene_key="Gene_Name",
            gene=gene,
            mane=lambda entry: (
                mane is not None and entry.get("Feature_ID", "").split(".")[0] == mane.split(".")[0]
            ),
            canonical=lambda entry: False,
        )
        result = {
            "source": "snpEff",
            "consequence": chosen.get("Annotation") or None,
            "impact": chosen.get("Annotation_Impact") or None,
            "transcript": chosen.get("Feature_ID") or None,
            "hgvs_c": chosen.get("HGVS.c") or None,
            "hgvs_p": chosen.get("HGVS.p") or None,
        }
        return {key: value for key, value in result.items() if value is not None}

    def _eff(self, text: str, alt_number: int, gene: str) -> dict:
        entries = []
        for entry in text.split(","):
            match = re.match(r"^([^(]+)\((.*)\)$", entry.strip())
            if match is None:
                continue
            parts = match.group(2).split("|")
            if len(parts) < 11:
                continue
            entries.append(
                {"effect": match.group(1), "impact": parts[0], "aa": parts[3], "gene": parts[5], "transcript": parts[8],
                 "genotype": parts[10]}
            )  # fmt: skip
        mine = [entry for entry in entries if entry["genotype"] in ("", str(alt_number))]
        chosen = next((entry for entry in mine if entry["gene"] == gene), mine[0] if mine else None)
        if chosen is None:
            return {}
        result = {
            "source": "snpEff (EFF)",
            "consequence": chosen["effect"].lower(),
            "impact": chosen["impact"] or None,
            "transcript": chosen["transcript"] or None,
            "hgvs_p": chosen["aa"] or None,
        }
        return {key: value for key, value in result.items() if value is not None}

    def _clinvar(self, values: dict[str, str], alt_number: int) -> dict:
        declared = self.fields.get("CLNSIG", _Field(".", "", ""))
        raw = values["CLNSIG"]
        per_allele = raw.split(",")
        if declared.number == "A" or all(re.fullmatch(r"[\d|]+", part) for part in per_allele):
            raw = per_allele[alt_number - 1] if alt_number <= len(per_allele) else ""
        names = [_CLNSIG_CODES.get(code, code) for code in re.split(r"\||,_?", raw) if code]
        significance = "; ".join(dict.fromkeys(name.replace("_", " ").strip().lower() for name in names))
        review = values.get("CLNREVSTAT", "")
        result = {
            "clinvar_significance": significance or None,
            "clinvar_review": review.replace(",_", ", ").replace("_", " ").strip() or None,
        }
        return {key: value for key, value in result.items() if value}


def info_header(meta: list[str]) -> InfoHeader | None:
    """The INFO reader for a header's meta lines, or None when the file declares nothing it reads."""
    header = InfoHeader(meta)
    return header if header.useful else None


def _split_info(info: str) -> dict[str, str]:
    values = {}
    for part in info.split(";"):
        key, _, value = part.partition("=")
        if key:
            values[key] = value
    return values


def _per_allele(value: str, number: str, alt_number: int) -> str | None:
    if number == "A":
        parts = value.split(",")
        return parts[alt_number - 1] if alt_number <= len(parts) else None
    if number == "R":
        parts = value.split(",")
        return parts[alt_number] if alt_number < len(parts) else None
    return value


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text not in (None, "", ".") else None
    except ValueError:
        return None
    return value if value is not None and 0 <= value <= 1 else None


def _vep_allele(ref: str, alt: str) -> str:
    """The allele as VEP writes it: the shared first base of an indel dropped, '-' for nothing left."""
    if len(ref) == len(alt) == 1 or ref[:1] != alt[:1]:
        return alt
    return alt[1:] or "-"


def _best(entries: list[dict], gene_key: str, gene: str, mane, canonical) -> dict:
    """The entry on the gene's MANE Select transcript, else its canonical one, else its first, else the first."""
    in_gene = [entry for entry in entries if entry.get(gene_key) == gene] or entries
    for wanted in (mane, canonical):
        chosen = next((entry for entry in in_gene if wanted(entry)), None)
        if chosen is not None:
            return chosen
    return in_gene[0]


def _unescape(text: str | None) -> str | None:
    """VEP writes '=' in HGVSp as %3D."""
    return text.replace("%3D", "=") if text else None


def _amino_acids(entry: dict) -> str | None:
    """An amino-acid change from VEP's Amino_acids and Protein_position fields (old CSQ layouts have no HGVSp)."""
    change, where = entry.get("Amino_acids"), entry.get("Protein_position")
    if not change or not where or "/" not in change:
        return None
    before, after = change.split("/", 1)
    return f"p.{before}{where}{after}"
