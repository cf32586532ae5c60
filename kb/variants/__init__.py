"""A person's variants: reading files and typed entries, the genome build, matching to the pathway, reports."""
