"""Shared fixtures: the project's knowledge base and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.index import KnowledgeIndex, knowledge_index

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def index() -> KnowledgeIndex:
    """The project's knowledge base with its lookups."""
    return knowledge_index()
