"""The selected node's detail: explanation for the audience, causes, consequences, links and references."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

import streamlit as st

from components.citations import references_list
from components.findings_view import finding_facts, finding_title
from components.implications import implications_view
from components.state import PATHWAY_PAGE
from components.text import escape_markdown
from kb.index import KnowledgeIndex
from kb.schema import LinkedItem, Node
from kb.variants.evidence import significance_label, split_by_priority
from kb.variants.findings import Finding
from kb.variants.interpret import summary_line
from kb.variants.report import AnnotationReport
from kb.vocabulary import Audience

__all__ = ["DETAIL_ANCHOR", "focus_detail", "node_detail", "node_link"]

DETAIL_ANCHOR = "node-detail"
FOCUSED_KEY = "pathway_focused_node"

VARIANTS_PAGE = "pages/variants.py"
# The person's findings shown in full on a node; more are counted and linked to the findings table.
MAX_FULL_FINDINGS = 8
KIND_NAMES = {
    "lipid_messenger": "lipid messenger",
    "gtpase_regulator": "GTPase regulator",
    "gtpase": "GTPase",
    "transcription_factor": "transcription factor",
}
COMPARTMENT_NAMES = {
    "extracellular": "outside the cell",
    "plasma_membrane": "plasma membrane",
    "cytoplasm": "cytoplasm",
    "glut4_vesicle": "GLUT4 storage vesicles",
    "nucleus": "nucleus",
    "whole_body": "whole body",
}


def node_link(index: KnowledgeIndex, node_id: str, label: str | None = None) -> None:
    """A link that selects `node_id` on the pathway map, keeping this session."""
    node = index.nodes[node_id]
    st.page_link(
        PATHWAY_PAGE,
        label=label or node.label,
        query_params={"node": node_id},
        icon=":material/arrow_forward:",
    )


def _linked_items(index: KnowledgeIndex, items: list[LinkedItem]) -> None:
    for item in items:
        if item.node is not None and item.node in index.nodes:
            node_link(index, item.node, label=f"{item.text} — {index.nodes[item.node].short_label}")
        else:
            st.markdown(f"- {item.text}")


def _step_buttons(index: KnowledgeIndex, node: Node, on_step: Callable[[str], None]) -> None:
    """The node's upstream and downstream neighbours, each a button that steps the map to it.

    The button names the neighbour and how it acts; the mechanism follows as a sentence of its own, so
    that nothing is cut to fit a button.
    """
    sides = (
        ("up", "**Upstream** (acts on it)", index.edges_in.get(node.id, []), "Nothing upstream in this map."),
        (
            "down",
            "**Downstream** (it acts on)",
            index.edges_out.get(node.id, []),
            "Nothing downstream in this map.",
        ),
    )
    for side, heading, edges, nothing in sides:
        st.markdown(heading)
        for edge in edges:
            verb = "activates" if edge.sign == "activates" else "inhibits"
            neighbour = index.nodes[edge.source if side == "up" else edge.target]
            st.button(
                f"↑ {neighbour.short_label} {verb} it"
                if side == "up"
                else f"↓ {verb} {neighbour.short_label}",
                key=f"pathway_{side}_{node.id}_{neighbour.id}",
                on_click=on_step,
                args=(neighbour.id,),
                help=f"Go to {neighbour.label}",
            )
            st.caption(f"{_sentence(edge.mechanism)}")
        if not edges:
            st.caption(nothing)


def _sentence(text: str) -> str:
    """A mechanism as a sentence: capitalised, ending in a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _gene_links(index: KnowledgeIndex, node: Node) -> None:
    rows = []
    for symbol in node.genes:
        gene = index.genes.get(symbol)
        if gene is None:
            continue
        rows.append(
            f"| **{gene.symbol}** | {gene.name} "
            f"| [NCBI Gene {gene.ncbi_gene_id}](https://www.ncbi.nlm.nih.gov/gene/{gene.ncbi_gene_id}) "
            f"| [{gene.hgnc_id}](https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/{gene.hgnc_id}) "
            f"| [UniProt {gene.uniprot}](https://www.uniprot.org/uniprotkb/{gene.uniprot}/entry) "
            f"| [ClinVar](https://www.ncbi.nlm.nih.gov/clinvar/?term={gene.symbol}%5Bgene%5D) "
            f"· [gnomAD](https://gnomad.broadinstitute.org/gene/{gene.symbol}?dataset=gnomad_r4) "
            f"| {gene.grch38.chrom}:{gene.grch38.start:,}-{gene.grch38.end:,} |"
        )
    if rows:
        st.markdown(
            "| Gene | Name | NCBI Gene | HGNC | UniProt | Variant databases | GRCh38 span |\n"
            "|---|---|---|---|---|---|---|\n" + "\n".join(rows)
        )


def _curated_variants(index: KnowledgeIndex, node: Node) -> None:
    variants = [variant for symbol in node.genes for variant in index.variants_of_gene.get(symbol, [])]
    if not variants:
        return
    # A markdown table, not a data grid: it renders at once and prints.
    rows = [
        f"| {variant.gene} {variant.name} | {variant.rsid or '—'} | {variant.significance.replace('_', ' ')} "
        f"| {variant.evidence_level} | {variant.phenotype} |"
        for variant in variants
    ]
    st.markdown(
        "**Curated variants in this node's genes**\n\n| Variant | rsID | Significance | Evidence | Phenotype |\n"
        "|---|---|---|---|---|\n" + "\n".join(rows)
    )


def _person_findings(
    index: KnowledgeIndex, node: Node, report: AnnotationReport | None, audience: Audience
) -> None:
    findings = report.findings_by_node().get(node.id, []) if report else []
    if not findings:
        return
    st.subheader("Your variants here")
    full, rest = split_by_priority(findings)
    for finding in full[:MAX_FULL_FINDINGS]:
        _finding_card(index, finding, audience)
    counted = rest + full[MAX_FULL_FINDINGS:]
    if counted:
        kinds = summary_line(counted)
        lead = "Besides these, " if full else ""
        st.markdown(
            f"{lead}{len(counted):,} other finding(s) here ({kinds}): none is curated or predicted to remove the "
            "protein, so nothing is known about what they do."
        )
        st.page_link(
            VARIANTS_PAGE,
            label=f"See all {len(findings):,} findings on {node.short_label} in the table",
            query_params={"node": node.id},
            icon=":material/table:",
        )


def _finding_card(index: KnowledgeIndex, finding: Finding, audience: Audience) -> None:
    curated = index.variants.get(finding.known_variant) if finding.known_variant else None
    label = significance_label(finding.significance, curated is not None)
    with st.container(border=True):
        st.markdown(
            f"**{finding_title(finding)}** · priority {finding.priority}: {escape_markdown(finding.priority_reason)}"
        )
        st.markdown(finding_facts(finding))
        if curated is None:
            st.markdown(f":gray-badge[{label}]")
            st.caption(
                "This variant is not in the knowledge base: what it does is predicted from where it lies, not known."
            )
            return
        st.markdown(f"**{curated.gene} {curated.name}** · {label} · evidence: {curated.evidence_level}")
        if audience == "patient":
            st.markdown(curated.patient_summary)
            implications_view(index, curated.implications, audience)
            return
        implications_view(index, curated.implications, audience)
        st.markdown(curated.phenotype)
        if curated.effect_size:
            st.caption(curated.effect_size)
        if curated.notes:
            st.caption(curated.notes)
        references_list(index, curated.references)


def node_detail(
    index: KnowledgeIndex,
    node_id: str,
    audience: Audience,
    report: AnnotationReport | None = None,
    on_step: Callable[[str], None] | None = None,
) -> None:
    """Render the detail of one node for `audience`, with the person's findings on it if there are any.

    With `on_step`, its connections are buttons that step to a neighbour (the map's keyboard route);
    without, they are links to the pathway map.
    """
    node = index.nodes[node_id]
    st.header(node.label, anchor=DETAIL_ANCHOR)
    facts = [KIND_NAMES.get(node.kind, node.kind), COMPARTMENT_NAMES[node.compartment]]
    if node.genes:
        facts.append("genes: " + ", ".join(node.genes))
    st.caption(" · ".join(facts))
    st.markdown(getattr(node.explanations, audience))
    _person_findings(index, node, report, audience)
    if node.implications:
        st.subheader("What it may mean for care")
        implications_view(index, node.implications, audience)
    if audience != "student":
        with st.expander("The student explanation (how it works)"):
            st.markdown(node.explanations.student)

    st.subheader("Connections")
    if on_step is None:
        _neighbour_links(index, node)
    else:
        _step_buttons(index, node, on_step)
    st.subheader("What disrupts it")
    _linked_items(index, node.causes)
    st.subheader("What happens when it fails")
    _linked_items(index, node.consequences)
    if node.genes:
        st.subheader("Genes and links out")
        _gene_links(index, node)
        _curated_variants(index, node)
    st.subheader("References")
    references_list(index, node.references)


def _neighbour_links(index: KnowledgeIndex, node: Node) -> None:
    for edge in index.edges_in.get(node.id, []):
        node_link(index, edge.source, label=f"{index.nodes[edge.source].short_label} {edge.sign} it")
    for edge in index.edges_out.get(node.id, []):
        node_link(index, edge.target, label=f"{edge.sign} {index.nodes[edge.target].short_label}")


def focus_detail(node_id: str, label: str) -> None:
    """Move keyboard focus to the detail's heading (and the heading into view), once per new selection.

    Called after a click, a search, a keyboard step or a followed link, so that a screen reader reads the
    answer next and a narrow window scrolls to it; a rerun that keeps the selection leaves focus alone.
    """
    if st.session_state.get(FOCUSED_KEY) == node_id:
        return
    st.session_state[FOCUSED_KEY] = node_id
    st.html(
        "<script>(() => {"
        f"const label = {json.dumps(label)}; let tries = 0;"
        # Wait for the heading and for the map beside or above it, whose drawing moves the detail down.
        "const ready = () => { const heading = document.getElementById('node-detail');"
        "  return heading && heading.textContent.trim().startsWith(label)"
        "    && document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg') ? heading : null; };"
        "const move = () => { const heading = ready();"
        "  if (!heading) { if (tries++ < 100) { setTimeout(move, 50); } return; }"
        "  heading.setAttribute('tabindex', '-1');"
        "  heading.focus({preventScroll: true});"
        "  requestAnimationFrame(() => { const box = heading.getBoundingClientRect();"
        "    if (box.top < 64 || box.bottom > window.innerHeight) {"
        "      heading.scrollIntoView({block: 'start', behavior: 'instant'}); } });"
        "};"
        f"move();}})(); /* {html.escape(node_id)} */</script>",
        unsafe_allow_javascript=True,
    )
