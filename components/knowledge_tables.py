"""Tables over the whole knowledge base and its export downloads."""

from __future__ import annotations

import functools

import streamlit as st

from components.citations import citation_markdown
from kb.export import ExportFormat, export
from kb.index import KnowledgeIndex

__all__ = [
    "BREAK_LEVELS",
    "break_level_rows",
    "break_levels_table",
    "export_buttons",
    "genes_table",
    "references_table",
    "variants_table",
]

# The three levels at which a cause breaks insulin's signal (edges' `break_level`), in order along the signal.
BREAK_LEVELS = {
    "fewer_receptors": (
        "1. Fewer receptors",
        "Less insulin is bound because there are fewer receptors on the cell: down-regulation by chronically "
        "high insulin, or INSR mutations that stop the receptor being made.",
    ),
    "receptor_signalling": (
        "2. Impaired receptor signalling",
        "The receptor binds insulin but its kinase is held back: PKC-epsilon, ENPP1, SOCS, PTP1B, or INSR "
        "kinase-domain mutations.",
    ),
    "intracellular_signalling": (
        "3. Abnormal intracellular signalling",
        "The receptor works but a step inside the cell fails: IRS1 serine phosphorylation, AKT held off by "
        "ceramide or TRIB3, loss of AKT2, PI3K or AS160, too little GLUT4.",
    ),
}


def references_table(index: KnowledgeIndex) -> None:
    """Every reference as a formatted citation."""
    st.markdown("\n".join(f"- {citation_markdown(reference)}" for reference in index.kb.references))


def genes_table(index: KnowledgeIndex) -> None:
    """Every gene with identifiers and spans on both builds."""
    st.dataframe(
        [
            {
                "symbol": gene.symbol,
                "name": gene.name,
                "HGNC": gene.hgnc_id,
                "NCBI Gene": gene.ncbi_gene_id,
                "UniProt": gene.uniprot,
                "GRCh37": f"{gene.grch37.chrom}:{gene.grch37.start}-{gene.grch37.end}",
                "GRCh38": f"{gene.grch38.chrom}:{gene.grch38.start}-{gene.grch38.end}",
                "nodes": ", ".join(index.nodes_of_gene.get(gene.symbol, [])),
            }
            for gene in index.kb.genes
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption("Spans: NCBI Gene loci (GRCh37 build 37.3 and GRCh38), 1-based and inclusive.")


def variants_table(index: KnowledgeIndex) -> None:
    """Every curated variant with both builds' positions, the allele its evidence is about, and its evidence."""
    st.dataframe(
        [
            {
                "variant": f"{variant.gene} {variant.name}",
                "rsID": variant.rsid or "",
                "HGVS": variant.hgvs.coding or "",
                "protein": variant.hgvs.protein or "",
                "other names": "; ".join(variant.legacy_names),
                "effect allele": f"{variant.effect_allele} ({variant.effect_allele_name})",
                "inheritance": variant.inheritance.replace("_", " "),
                "GRCh37": f"{variant.grch37.chrom}:{variant.grch37.pos}:{variant.grch37.ref}:{variant.grch37.alt}",
                "GRCh38": f"{variant.grch38.chrom}:{variant.grch38.pos}:{variant.grch38.ref}:{variant.grch38.alt}",
                "significance": variant.significance.replace("_", " "),
                "evidence": variant.evidence_level,
                "phenotype": variant.phenotype,
            }
            for variant in index.kb.variants
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(
        "Effect allele: the allele (forward strand, as in a VCF) that the cited evidence is about; it may be the "
        "reference allele. Other names: legacy numbering used in the literature (INSR mature receptor = RefSeq - 27; "
        "PPARG gamma-1 and gamma-2 isoforms)."
    )


def break_level_rows(index: KnowledgeIndex, level: str) -> list[dict[str, str]]:
    """The edges that break the signal at `level`: cause, what it acts on, how, and the references."""
    return [
        {
            "cause": index.nodes[edge.source].label,
            "acts on": index.nodes[edge.target].label,
            "how": edge.mechanism,
            "loop": "feedback" if edge.feedback else "",
            "references": ", ".join(edge.references),
        }
        for edge in index.kb.edges
        if edge.break_level == level
    ]


def break_levels_table(index: KnowledgeIndex) -> None:
    """The three levels at which insulin's signal breaks, each with the causes the knowledge base curates."""
    st.markdown(
        "Insulin resistance can start at three levels of the signal. Each edge of the map that breaks the "
        "signal says at which; the tour *Three places the insulin signal can break* walks through them."
    )
    for level, (title, summary) in BREAK_LEVELS.items():
        st.subheader(title)
        st.markdown(summary)
        st.dataframe(break_level_rows(index, level), hide_index=True, width="stretch")


def export_buttons(index: KnowledgeIndex) -> None:
    """Download the whole knowledge base as JSON, GraphML or Cytoscape elements JSON."""
    formats: tuple[tuple[ExportFormat, str, str], ...] = (
        ("json", "application/json", "json"),
        ("graphml", "application/xml", "graphml"),
        ("cytoscape", "application/json", "cyjs"),
    )
    for export_format, mime, suffix in formats:
        st.download_button(
            f"Download as {export_format}",
            data=functools.partial(export, index.kb, export_format),
            file_name=f"insulin-pathway.{suffix}",
            mime=mime,
            key=f"knowledge_download_{export_format}",
            on_click="ignore",
        )
