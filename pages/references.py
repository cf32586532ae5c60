"""Knowledge base: every reference, gene and curated variant, and the data for reuse elsewhere."""

import streamlit as st

from components.knowledge_tables import (
    break_levels_table,
    export_buttons,
    genes_table,
    references_table,
    variants_table,
)
from components.state import index

knowledge = index()
st.title("The knowledge base")
st.markdown(
    f"{len(knowledge.kb.nodes)} nodes, {len(knowledge.kb.edges)} signed interactions, "
    f"{len(knowledge.kb.variants)} curated variants, {len(knowledge.kb.genes)} genes and "
    f"{len(knowledge.kb.references)} references. Every entry cites at least one reference with a PMID or DOI."
)
references, genes, variants, levels, download = st.tabs(
    ["References", "Genes", "Curated variants", "Three levels of signal breaking", "Download"]
)
with references:
    references_table(knowledge)
with genes:
    genes_table(knowledge)
with variants:
    variants_table(knowledge)
with levels:
    break_levels_table(knowledge)
with download:
    export_buttons(knowledge)
