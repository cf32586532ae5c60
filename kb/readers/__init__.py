"""Readers of a person's variants: VCF, consumer raw data, variant tables and typed entries."""
