"""The CLI's findings carry location, transcript, c./p. names, consequence and priority, and the report a
summary; the same fields in TSV; duplicates merge; near-misses get a suggestion."""

from __future__ import annotations

import csv
import io
import json

from kb.index import knowledge_index
from kb.variants.annotate import annotate_bytes, annotate_typed
from kb.variants.consequence import LOCATIONS
from kb.variants.report import merge_reports
from kb.variants.suggest import did_you_mean
from tests.findings_fixture import exome_like_vcf
from tests.test_cli import run_kb


def test_annotate_json_carries_interpretation_and_summary(tmp_path):
    """Each finding has location (one of the eight), transcript, hgvs_c, consequence and a priority with its
    reason; the summary counts by location and priority add up to the findings."""
    path = tmp_path / "exome.vcf"
    path.write_bytes(exome_like_vcf())
    result = run_kb("annotate", str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    findings = data["findings"]
    assert len(findings) == 304
    for finding in findings:
        assert finding["location"] in LOCATIONS
        assert finding["transcript"].startswith("NM_")
        assert (
            isinstance(finding["priority"], int)
            and 1 <= finding["priority"] <= 7
            and finding["priority_reason"]
        )
    stop = next(finding for finding in findings if finding["gene"] == "TBC1D4" and finding["file_source"])
    assert stop["hgvs_c"] == "NM_014832.5:c.2050C>T" and stop["file_consequence"] == "stop_gained"
    assert stop["priority"] == 2 and stop["codon"] == 684 and stop["known_variant"] == "TBC1D4_R684X"
    summary = data["summary"]
    assert sum(summary["by_location"].values()) == sum(summary["by_priority"].values()) == 304
    assert summary["by_category"]["curated"] == 2 and summary["by_category"]["truncating"] == 3
    assert "Curated variants by significance first" in summary["priority_rule"]


def test_annotate_tsv_has_the_same_fields(tmp_path):
    """`--format tsv` writes the interpretation columns too."""
    path = tmp_path / "exome.vcf"
    path.write_bytes(exome_like_vcf(ordinary=5))
    result = run_kb("annotate", str(path), "--format", "tsv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert {
        "location",
        "transcript",
        "hgvs_c",
        "hgvs_p",
        "consequence",
        "priority",
        "priority_reason",
    } <= set(rows[0])
    insr = next(row for row in rows if row["gene"] == "INSR")
    assert insr["consequence"] == "frameshift_variant" and insr["hgvs_c"] == "NM_000208.4:c.1000del"


def test_same_variant_typed_three_ways_is_one_finding():
    """rs1801282, PPARG p.Pro12Ala and 3:12351626:C:G are one finding after merging."""
    report = merge_reports(None, annotate_typed("rs1801282\nPPARG p.Pro12Ala\n3:12351626:C:G"))
    assert [finding.known_variant for finding in report.findings] == ["PPARG_P12A"]
    assert "2 duplicate entries were merged." in report.warnings


def test_typed_entries_join_a_file_without_duplicates():
    """Typing a variant the file holds keeps the file's genotype; a new one is added; counts are recomputed."""
    held = annotate_bytes(exome_like_vcf(ordinary=10), "exome.vcf", build="GRCh38")
    typed = annotate_typed("rs1801282\nTNF rs1800629\nrs1800629", build="GRCh38")
    joined = merge_reports(held, typed)
    pparg = [finding for finding in joined.findings if finding.known_variant == "PPARG_P12A"]
    assert len(pparg) == 1 and pparg[0].genotype == "0/1"
    assert sum(1 for finding in joined.findings if finding.known_variant == "TNF_rs1800629") == 1
    assert len(joined.findings) == len(held.findings) + 1
    assert sum(joined.summary["by_priority"].values()) == len(joined.findings)


def test_did_you_mean():
    """Near-miss rsIDs, gene symbols and curated changes get a suggestion; far ones do not."""
    index = knowledge_index()
    assert did_you_mean(index, "rs1801283") == "Did you mean rs1801282 (PPARG)?"
    assert did_you_mean(index, "PPRG p.Pro12Ala") == "Did you mean PPARG p.Pro12Ala?"
    assert did_you_mean(index, "PTNE") == "Did you mean PTEN?"
    assert did_you_mean(index, "rs99999999999") is None
    assert did_you_mean(index, "hello world") is None


def test_structural_deletion_names_the_exons_it_removes():
    """A <DEL> with END over PTEN exons 3-5 is a finding that says which exons it removes, ranked as a loss
    of a syndrome gene."""
    from kb.variants.transcripts import transcript_of

    model = transcript_of("PTEN", "GRCh38")
    assert model is not None
    pos, end = model.exons[2][0] - 100, model.exons[4][1] + 50
    vcf = (
        "##fileformat=VCFv4.2\n##reference=GRCh38\n"
        '##INFO=<ID=END,Number=1,Type=Integer,Description="End of the variant">\n'
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tx\n"
        f"10\t{pos}\t.\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END={end}\tGT\t0/1\n"
    )
    report = annotate_bytes(vcf.encode(), "sv.vcf", build="GRCh38")
    (finding,) = report.findings
    assert (finding.consequence, finding.covers) == ("exon_loss_variant", "removes exons 3–5 of 9")
    assert finding.priority == 3 and finding.category == "truncating"


def test_handout_with_300_findings_is_plain_and_honest():
    """With 304 findings the handout still reads at grade 8 or below, fits one page, names the genes that may
    lose their protein and says how many changes lie outside the protein-coding parts."""
    import io

    import textstat
    from pypdf import PdfReader

    from kb.handout import handout_pdf, handout_text, patient_handout

    report = annotate_bytes(exome_like_vcf(), "exome.vcf", build="GRCh38")
    handout = patient_handout(knowledge_index(), report)
    text = handout_text(handout)
    assert textstat.flesch_kincaid_grade(text) <= 8
    assert "may stop a gene from making its protein (AKT2, IL6, INSR)" in text
    outside = sum(
        1
        for f in report.findings
        if not f.known_variant and f.category in ("intronic_or_flanking", "utr_or_splice_region")
    )
    assert f"{outside} of your 302 other changes lie outside the parts of genes that make proteins" in text
    assert len(PdfReader(io.BytesIO(handout_pdf(handout))).pages) == 1
