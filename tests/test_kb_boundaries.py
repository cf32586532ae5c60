"""Architecture rules that keep the project simple."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from kb.schema import json_schema
from tests.conftest import ROOT


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_kb_never_imports_streamlit():
    """kb/ holds domain logic only: no module in it imports streamlit, directly or when imported."""
    for path in (ROOT / "kb").rglob("*.py"):
        assert "streamlit" not in _imports(path), f"{path} imports streamlit"
    code = (
        "import sys, kb.cli, kb.export, kb.simulate, kb.search, kb.graph; print('streamlit' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_committed_json_schema_matches_the_models():
    """kb/schema.json is what the models generate. To fix: python -m kb schema > kb/schema.json"""
    committed = json.loads((ROOT / "kb" / "schema.json").read_text())
    assert committed == json_schema(), (
        "kb/schema.json has drifted: run `python -m kb schema > kb/schema.json`"
    )


def test_pages_are_listed_in_the_router():
    """app.py lists every file in pages/ explicitly (st.navigation ignores the folder otherwise)."""
    router = (ROOT / "app.py").read_text()
    for page in (ROOT / "pages").glob("*.py"):
        assert f'"pages/{page.name}"' in router, f"pages/{page.name} is not routed in app.py"


def test_streamlit_usage_statistics_are_off():
    """The app sends no telemetry."""
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
