"""A report's findings: summary, sortable table linked to the map, warnings, downloads."""

from __future__ import annotations

import streamlit as st

from components.state import PATHWAY_PAGE
from components.text import escape_markdown
from kb.index import KnowledgeIndex
from kb.variants.build import BUILD_SOURCE_LABELS
from kb.variants.evidence import node_evidence, significance_label
from kb.variants.report import AnnotationReport, findings_csv, report_json
from kb.vocabulary import evidence_category

__all__ = ["findings_summary", "findings_table", "report_downloads"]

TABLE_KEY = "variants_table"
ZYGOSITY_NAMES = {
    "heterozygous": "heterozygous",
    "homozygous_alternate": "homozygous alternate",
    "hemizygous": "hemizygous",
    "homozygous_reference": "homozygous reference",
    "unknown": "unknown",
}


def findings_summary(index: KnowledgeIndex, report: AnnotationReport) -> None:
    """Counts, build and sample, and the reading's warnings."""
    curated = sum(1 for finding in report.findings if finding.known_variant)
    columns = st.columns(4)
    columns[0].metric("Findings in pathway genes", len(report.findings))
    columns[1].metric("Pathway nodes hit", len(report.findings_by_node()))
    columns[2].metric("Curated (known) variants", curated)
    columns[3].metric("Records read", f"{report.records_read:,}")
    source = BUILD_SOURCE_LABELS.get(report.build_source, report.build_source)
    described = f"**Build:** {report.build} ({escape_markdown(source)}) · **File:** {escape_markdown(report.file_format)}"
    if report.sample:
        described += f" · **Sample:** {escape_markdown(report.sample)}"
    st.markdown(described)
    for warning in report.warnings[:20]:
        st.warning(escape_markdown(warning, limit=400), icon=":material/info:")
    evidence = node_evidence(report)
    if evidence:
        categories = sorted({mark.category for mark in evidence.values()})
        legend = " ".join(f":{category.badge}-badge[{category.label}]" for category in categories)
        st.markdown(f"On the map, nodes are ringed by their strongest evidence: {legend}")


def findings_table(index: KnowledgeIndex, report: AnnotationReport) -> None:
    """A sortable table of findings; choosing a row offers its node on the map."""
    if not report.findings:
        st.info("No variants in pathway genes were found in this input.")
        return
    rows = [
        {
            "gene": finding.gene,
            "node": index.nodes[finding.node].short_label if finding.node in index.nodes else finding.node,
            "position": f"{finding.chrom}:{finding.pos}",
            "REF": finding.ref,
            "ALT": finding.alt,
            "rsID": finding.rsid or "",
            "genotype": finding.genotype,
            "zygosity": ZYGOSITY_NAMES.get(finding.zygosity, finding.zygosity),
            "curated as": finding.name or "",
            "significance": significance_label(finding.significance, finding.known_variant is not None),
            "evidence": finding.evidence_level or "",
            "FILTER": finding.filter,
            "rank": evidence_category(finding.significance).rank,
        }
        for finding in report.findings
    ]
    event = st.dataframe(
        rows,
        key=TABLE_KEY,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        column_config={"rank": st.column_config.NumberColumn("strength (0 = strongest)", width="small")},
    )
    chosen = event.selection.rows if event else []
    if chosen:
        finding = report.findings[chosen[0]]
        st.page_link(
            PATHWAY_PAGE,
            label=f"Open {finding.gene} ({finding.chrom}:{finding.pos}) on the pathway map",
            query_params={"node": finding.node},
            icon=":material/hub:",
        )
    else:
        st.caption("Select a row to open its node on the pathway map.")


def report_downloads(report: AnnotationReport) -> None:
    """Download the findings as CSV or JSON (made in memory)."""
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download findings (CSV)", lambda: findings_csv(report), "pathway-findings.csv", "text/csv",
            key="variants_download_csv", icon=":material/download:", on_click="ignore",
        )  # fmt: skip
    with right:
        st.download_button(
            "Download findings (JSON)", lambda: report_json(report), "pathway-findings.json", "application/json",
            key="variants_download_json", icon=":material/download:", on_click="ignore",
        )  # fmt: skip
