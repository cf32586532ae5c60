"""Streamlit view pieces: take domain objects from kb, render them, return the user's choices."""
