"""A report's findings, leading with what counts: the top findings, counts by kind, the nodes hit, then a
table sortable and filterable by priority, node, location and zygosity; warnings; downloads."""

from __future__ import annotations

import streamlit as st

from components.state import PATHWAY_PAGE
from components.text import escape_markdown
from kb.index import KnowledgeIndex
from kb.variants.build import BUILD_SOURCE_LABELS
from kb.variants.evidence import (
    HIGH_PRIORITY,
    PRIORITY_LABELS,
    node_evidence,
    significance_label,
    top_findings,
)
from kb.variants.findings import Finding
from kb.variants.interpret import file_note, summary_line
from kb.variants.priority import PRIORITY_RULE
from kb.variants.report import AnnotationReport
from kb.vocabulary import PRIORITIES

__all__ = [
    "FILTER_NODE_PARAM",
    "finding_title",
    "finding_facts",
    "findings_overview",
    "findings_table",
    "report_facts",
]

TABLE_KEY = "variants_table"
FILTER_NODE_PARAM = "node"
ZYGOSITY_NAMES = {
    "heterozygous": "heterozygous",
    "homozygous_alternate": "homozygous alternate",
    "hemizygous": "hemizygous",
    "homozygous_reference": "homozygous reference",
    "unknown": "unknown",
}
LOCATION_NAMES = {
    "upstream": "upstream",
    "5_prime_UTR": "5′ UTR",
    "coding": "coding",
    "splice_site": "splice site",
    "splice_region": "splice region",
    "intron": "intron",
    "3_prime_UTR": "3′ UTR",
    "downstream": "downstream",
}


def finding_title(finding: Finding) -> str:
    """'TBC1D4 c.2050C>T (p.Arg684Ter)' — the names a clinician reads, escaped (they may come from a file)."""
    # A variant coding on another isoform is named by its position: its MANE c. name would read as intronic.
    change = (
        finding.hgvs_c.split(":", 1)[1]
        if finding.hgvs_c and not finding.isoform_note
        else f"{finding.chrom}:{finding.pos} {finding.ref}>{finding.alt}"
    )
    protein = finding.hgvs_p.split(":")[-1] if finding.hgvs_p else None
    name = f" {finding.name.split(' ', 1)[1]}" if finding.name else ""
    title = f"{finding.gene}{name} {change}" + (f" ({protein})" if protein and protein not in name else "")
    return escape_markdown(title, limit=160)


def finding_facts(finding: Finding) -> str:
    """Where and what, in one escaped line: location, exon, consequence, genotype, the file's annotation."""
    parts = [LOCATION_NAMES.get(finding.location or "", "outside the transcript")]
    if finding.exon_or_intron and not finding.isoform_note:
        parts.append(finding.exon_or_intron)
    if finding.codon:
        parts.append(f"codon {finding.codon}")
    if finding.covers:
        parts.append(finding.covers)
    parts.append(f"genotype {finding.genotype} ({ZYGOSITY_NAMES.get(finding.zygosity, finding.zygosity)})")
    if finding.rsid:
        parts.append(finding.rsid)
    text = " · ".join(escape_markdown(part, limit=120) for part in parts)
    if finding.isoform_note:
        text += f"  \n{escape_markdown(finding.isoform_note, limit=300)}"
    note = file_note(finding)
    if note:
        text += f"  \n{escape_markdown(note, limit=300)}"
    return text


def _priority_badge(finding: Finding) -> str:
    return f":{PRIORITIES[finding.priority].badge}-badge[{finding.priority} · {PRIORITY_LABELS[finding.priority]}]"


def findings_overview(index: KnowledgeIndex, report: AnnotationReport) -> None:
    """What counts first: the top findings in full, the counts by kind, and the nodes hit."""
    if not report.findings:
        # Nothing to rank: no empty counts line, ranking or node list (the table below says so too).
        st.markdown("**No findings in pathway genes.**")
        return
    st.markdown(f"**{len(report.findings):,} findings in pathway genes:** {summary_line(report.findings)}.")
    top = top_findings(report.findings)
    high = [finding for finding in top if finding.priority <= HIGH_PRIORITY]
    st.markdown("#### Look at these first" if high else "#### The findings ranked highest")
    if not high:
        st.caption(
            "None is a curated variant with an effect or a predicted loss of a protein; these are the next in line."
        )
    for finding in top:
        with st.container(border=True):
            st.markdown(f"{_priority_badge(finding)} **{finding_title(finding)}**")
            st.markdown(finding_facts(finding))
            st.caption(f"Why here: {escape_markdown(finding.priority_reason, limit=200)}")
            if finding.node in index.nodes:
                st.page_link(
                    PATHWAY_PAGE,
                    label=f"Open {index.nodes[finding.node].short_label} on the map",
                    query_params={"node": finding.node},
                    icon=":material/hub:",
                )
    with st.expander("How findings are ranked", icon=":material/sort:"):
        st.markdown(PRIORITY_RULE)
        st.markdown(
            " ".join(
                f":{PRIORITIES[rank].badge}-badge[{rank} · {label}]"
                for rank, label in PRIORITY_LABELS.items()
            )
        )
    _nodes_hit(index, report)


def _nodes_hit(index: KnowledgeIndex, report: AnnotationReport) -> None:
    evidence = node_evidence(report)
    ordered = sorted(evidence.items(), key=lambda item: (item[1].rank, -item[1].count))
    st.markdown(f"#### {len(ordered)} pathway nodes hit")
    st.caption("Each opens the node on the map (in this session, so your findings stay).")

    def links(items: list) -> None:
        columns = st.columns(3)
        for number, (node, mark) in enumerate(items):
            label = index.nodes[node].short_label if node in index.nodes else node
            first = f", {mark.high} first" if mark.high else ""
            with columns[number % 3]:
                st.page_link(
                    PATHWAY_PAGE,
                    label=f"{label}: {mark.count:,}{first}",
                    query_params={"node": node},
                    help=f"Best: {PRIORITY_LABELS[mark.rank]}",
                )

    links(ordered[:12])
    if len(ordered) > 12:
        with st.expander(f"The other {len(ordered) - 12} nodes"):
            links(ordered[12:])


def report_facts(report: AnnotationReport) -> None:
    """Counts, build and sample, and the reading's warnings."""
    curated = sum(1 for finding in report.findings if finding.known_variant)
    columns = st.columns(4)
    columns[0].metric("Findings in pathway genes", f"{len(report.findings):,}")
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


def findings_table(index: KnowledgeIndex, report: AnnotationReport) -> None:
    """Every finding in a table, ranked; filter by priority, node, location and zygosity; a chosen row
    offers its node on the map."""
    if not report.findings:
        st.info("No variants in pathway genes were found in this input.")
        return
    node_names = {
        node: index.nodes[node].short_label if node in index.nodes else node
        for node in report.findings_by_node()
    }
    wanted_node = st.query_params.get(FILTER_NODE_PARAM)
    columns = st.columns(4)
    with columns[0]:
        priorities = st.multiselect(
            "Priority", list(PRIORITY_LABELS), format_func=lambda rank: f"{rank} · {PRIORITY_LABELS[rank]}",
            key="variants_filter_priority", placeholder="all",
        )  # fmt: skip
    with columns[1]:
        nodes = st.multiselect(
            "Node", sorted(node_names, key=node_names.__getitem__), format_func=node_names.__getitem__,
            default=[wanted_node] if wanted_node in node_names else None, key="variants_filter_node",
            placeholder="all",
        )  # fmt: skip
    with columns[2]:
        locations = st.multiselect(
            "Location", list(LOCATION_NAMES), format_func=LOCATION_NAMES.__getitem__, key="variants_filter_location",
            placeholder="all",
        )  # fmt: skip
    with columns[3]:
        zygosities = st.multiselect(
            "Zygosity", list(ZYGOSITY_NAMES), format_func=ZYGOSITY_NAMES.__getitem__, key="variants_filter_zygosity",
            placeholder="all",
        )  # fmt: skip
    shown = [
        finding
        for finding in report.by_priority()
        if (not priorities or finding.priority in priorities)
        and (not nodes or finding.node in nodes)
        and (not locations or finding.location in locations)
        and (not zygosities or finding.zygosity in zygosities)
    ]
    st.caption(
        f"{len(shown):,} of {len(report.findings):,} findings, ranked; click a column heading to sort."
    )
    rows = [
        {
            "priority": finding.priority,
            "why": finding.priority_reason,
            "gene": finding.gene,
            "node": node_names.get(finding.node, finding.node),
            "location": LOCATION_NAMES.get(finding.location or "", "outside transcript"),
            "exon/intron": finding.exon_or_intron or "",
            "c.": finding.hgvs_c or "",
            "p.": finding.hgvs_p or "",
            "zygosity": ZYGOSITY_NAMES.get(finding.zygosity, finding.zygosity),
            "genotype": finding.genotype,
            "position": f"{finding.chrom}:{finding.pos}",
            "REF": finding.ref,
            "ALT": finding.alt,
            "rsID": finding.rsid or "",
            "curated as": finding.name or "",
            "significance": significance_label(finding.significance, finding.known_variant is not None),
            "file says": file_note(finding),
            "FILTER": finding.filter,
        }
        for finding in shown
    ]
    event = st.dataframe(
        rows,
        key=TABLE_KEY,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "priority": st.column_config.NumberColumn("priority (1 = first)", width="small"),
            "why": st.column_config.TextColumn("why", width="medium"),
        },
    )
    chosen = event.selection.rows if event else []
    if chosen and chosen[0] < len(shown):
        finding = shown[chosen[0]]
        st.page_link(
            PATHWAY_PAGE,
            label=f"Open {finding.gene} ({finding.chrom}:{finding.pos}) on the pathway map",
            query_params={"node": finding.node},
            icon=":material/hub:",
        )
    else:
        st.caption("Select a row to open its node on the pathway map.")
