"""Shared fixtures: the project's knowledge base and paths; every test under tests/browser is marked `browser`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.index import KnowledgeIndex, knowledge_index

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser `browser`, so that `-m "not browser"` runs the fast suite alone."""
    # A `pytestmark` in a conftest marks nothing: only a test module's own pytestmark is applied.
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def index() -> KnowledgeIndex:
    """The project's knowledge base with its lookups."""
    return knowledge_index()
