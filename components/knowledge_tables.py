"""Tables over the whole knowledge base and its export downloads."""

from __future__ import annotations

import functools

import streamlit as st

from components.citations import citation_markdown
from kb.export import ExportFormat, export
from kb.index import KnowledgeIndex

__all__ = ["export_buttons", "genes_table", "references_table", "variants_table"]


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
    """Every curated variant with both builds' positions and its evidence."""
    st.dataframe(
        [
            {
                "variant": f"{variant.gene} {variant.name}",
                "rsID": variant.rsid or "",
                "HGVS": variant.hgvs.coding,
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
