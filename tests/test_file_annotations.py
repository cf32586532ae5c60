"""The file's own annotations (VEP CSQ, snpEff ANN/EFF, ClinVar, population frequencies), read from real
annotated VCFs shipped in Debian's vcfanno-examples package (fetched by tests/real_files), and carried
into findings, their priority and the report's summary."""

from __future__ import annotations

import gzip

import pytest

from kb.variants.annotate import annotate_bytes
from kb.variants.file_annotations import InfoHeader, info_header
from kb.variants.transcripts import genomic_of_c
from tests.real_files import real_file

# vcfanno's example data: gnomAD and ExAC sites annotated with VEP (CSQ), and a query VCF whose header
# declares CSQ and snpEff's EFF.
VCFANNO = "usr/share/doc/vcfanno-examples/"


def _records(path):
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    meta = [line for line in lines if line.startswith("##")]
    return meta, [line.split("\t") for line in lines if not line.startswith("#")]


@pytest.fixture(scope="module")
def exac():
    """ExAC sites with VEP CSQ (old layout, no HGVSp column order), from vcfanno's examples."""
    return _records(real_file("vcfanno-examples", VCFANNO + "example/exac.vcf.gz"))


def test_vep_layout_is_read_from_the_header(exac):
    """The CSQ sub-fields are those the ##INFO Description's 'Format:' lists, in order."""
    meta, _ = exac
    header = info_header(meta)
    assert header is not None
    assert header.csq[:5] == ["Allele", "Gene", "Feature", "Feature_type", "Consequence"]
    assert "HGVSp" in header.csq and "CANONICAL" in header.csq


def test_vep_entry_for_the_alt_on_the_canonical_transcript(exac):
    """ExAC 1:69116 G>A: VEP says OR4F5 missense_variant ENST00000335137.3:c.26G>A p.Gly9Asp (the canonical
    transcript is chosen over the regulatory-feature entry)."""
    meta, records = exac
    header = InfoHeader(meta)
    record = next(fields for fields in records if fields[1] == "69116")
    found = header.annotation(record[7], record[3], record[4], 1, "OR4F5", None)
    assert found is not None
    assert (found.source, found.consequence, found.transcript) == (
        "VEP",
        "missense_variant",
        "ENST00000335137",
    )
    assert found.hgvs_c == "ENST00000335137.3:c.26G>A"
    assert found.hgvs_p == "ENSP00000334393.3:p.Gly9Asp"
    assert "From the file's VEP annotation" in found.describe()


def test_gnomad_deletion_uses_allele_num():
    """gnomAD 1:15271 TACA>T: VEP writes the deleted allele as '-', matched through ALLELE_NUM."""
    meta, records = _records(real_file("vcfanno-examples", VCFANNO + "tests/testVA/test-gnomad.vcf.gz"))
    header = InfoHeader(meta)
    record = next(fields for fields in records if fields[1] == "15271")
    found = header.annotation(record[7], record[3], record[4].split(",")[0], 1, "WASH7P", None)
    assert found is not None
    assert found.consequence == "intron_variant&non_coding_transcript_variant"
    assert found.hgvs_c == "ENST00000438504.2:n.1248-236_1248-234delTGT"


def test_snpeff_eff_layout_is_recognised():
    """vcfanno's query VCF declares snpEff's older EFF field and a VEP CSQ layout."""
    meta, _ = _records(real_file("vcfanno-examples", VCFANNO + "example/query.vcf.gz"))
    header = InfoHeader(meta)
    assert header.eff and header.csq[:3] == ["Consequence", "Codons", "Amino_acids"]


def test_snpeff_ann_and_clinvar_and_frequency():
    """snpEff ANN (its documented 'Allele | Annotation | …' layout), ClinVar CLNSIG/CLNREVSTAT and a gnomAD
    frequency are read for the carried ALT only; a bare INFO AF (the cohort's own) is not a population one."""
    meta = [
        "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation | "
        "Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | "
        "HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / "
        "WARNINGS / INFO' \">",
        '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Clinical significance for this single variant">',
        '##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="ClinVar review status for the Variation ID">',
        '##INFO=<ID=gnomAD_AF,Number=A,Type=Float,Description="Alternate allele frequency in gnomAD">',
        '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele Frequency">',
    ]
    info = (
        "AF=0.5;gnomAD_AF=0.12,0.0001;CLNSIG=Pathogenic;CLNREVSTAT=criteria_provided,_multiple_submitters;"
        "ANN=T|stop_gained|HIGH|TBC1D4|TBC1D4|transcript|NM_014832.5|protein_coding|11/21|c.2050C>T|p.Arg684*|||||,"
        "G|missense_variant|MODERATE|TBC1D4|TBC1D4|transcript|NM_014832.5|protein_coding|11/21|c.2050C>G|p.Arg684Gly||||"
    )
    header = InfoHeader(meta)
    second = header.annotation(info, "G", "T", 1, "TBC1D4", "NM_014832.5")
    assert second is not None
    assert (second.source, second.consequence, second.hgvs_p) == ("snpEff", "stop_gained", "p.Arg684*")
    assert second.clinvar_significance == "pathogenic"
    assert second.clinvar_review == "criteria provided, multiple submitters"
    assert (second.frequency, second.frequency_source) == (0.12, "INFO gnomAD_AF")
    other = header.annotation(info, "G", "C", 2, "TBC1D4", "NM_014832.5")
    assert other is not None and other.frequency == 0.0001 and other.consequence is None


def _annotated_vcf() -> bytes:
    """A person's GRCh38 VCF annotated with VEP, using the real CSQ layout of gnomAD's VCF (vcfanno examples),
    with a TBC1D4 stop variant, a common PTEN intronic variant, an INSR 3' UTR variant and PPARG Pro12Ala."""
    meta, _ = _records(real_file("vcfanno-examples", VCFANNO + "tests/testVA/test-gnomad.vcf.gz"))
    csq_line = next(line for line in meta if line.startswith("##INFO=<ID=CSQ"))
    layout = InfoHeader([csq_line]).csq

    def csq(**values: str) -> str:
        return "|".join(values.get(name, "") for name in layout)

    stop = genomic_of_c("TBC1D4", "GRCh38", "c.2050")
    intronic = genomic_of_c("PTEN", "GRCh38", "c.79+500")
    utr = genomic_of_c("INSR", "GRCh38", "c.*100")
    rows = [
        ("3", 12351626, "rs1801282", "C", "G", ""),
        ("10", intronic, ".", "A", "G", "gnomAD_AF=0.31"),
        ("13", stop, "rs61736969", "G", "A", "CSQ=" + csq(Allele="A", Consequence="stop_gained", IMPACT="HIGH",
            SYMBOL="TBC1D4", Feature="ENST00000377636", HGVSc="ENST00000377636.8:c.2050C>T",
            HGVSp="ENSP00000366863.3:p.Arg684Ter", ALLELE_NUM="1", CANONICAL="YES")),
        ("19", utr, ".", "C", "T", ""),
    ]  # fmt: skip
    lines = [
        "##fileformat=VCFv4.2",
        "##reference=GRCh38",
        csq_line,
        '##INFO=<ID=gnomAD_AF,Number=A,Type=Float,Description="Alternate allele frequency in gnomAD genomes">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tperson",
    ]
    lines += [f"{c}\t{p}\t{i}\t{r}\t{a}\t50\tPASS\t{info or '.'}\tGT\t0/1" for c, p, i, r, a, info in rows]
    return ("\n".join(lines) + "\n").encode()


def test_findings_carry_file_annotations_and_priorities():
    """The file's VEP stop_gained in TBC1D4 is read beside the curated entry it matches (TBC1D4 p.Arg684Ter,
    curated: it ranks with the curated PPARG variant); the common intronic PTEN variant ranks last; the summary
    counts every category."""
    report = annotate_bytes(_annotated_vcf(), "annotated.vcf", build="GRCh38")
    by_gene = {finding.gene: finding for finding in report.findings}
    stop = by_gene["TBC1D4"]
    assert (stop.file_source, stop.file_consequence, stop.file_hgvs_p) == (
        "VEP", "stop_gained", "ENSP00000366863.3:p.Arg684Ter",
    )  # fmt: skip
    assert stop.hgvs_c == "NM_014832.5:c.2050C>T" and stop.codon == 684
    assert stop.known_variant == "TBC1D4_R684X" and stop.priority == 2 and "curated" in stop.priority_reason
    assert by_gene["PPARG"].priority == 2 and by_gene["PPARG"].location == "coding"
    assert "another isoform" in (by_gene["PPARG"].isoform_note or "")
    assert by_gene["INSR"].location == "3_prime_UTR" and by_gene["INSR"].priority == 6
    common = by_gene["PTEN"]
    assert common.population_frequency == 0.31 and common.priority == 7 and common.location == "intron"
    assert [finding.gene for finding in report.by_priority()][:2] == ["PPARG", "TBC1D4"]
    assert report.summary["by_category"] == {
        "curated": 2, "utr_or_splice_region": 1, "intronic_or_flanking": 1,
    }  # fmt: skip
    assert report.summary["by_location"]["3_prime_UTR"] == 1
