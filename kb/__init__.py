"""Insulin Pathway Explorer's knowledge base and domain logic. Never imports streamlit."""
