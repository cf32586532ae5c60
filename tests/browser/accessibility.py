"""axe-core in the browser tests: injected into the page under test (the app itself never loads it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, {iframes: true, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.flat().join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
  }));
}"""


def axe_script() -> Path:
    """axe-core's script, installed from the npm registry by `make test` (`make axe`)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm ci) or `make test`")
    return AXE


def severe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, its frames included, one line each."""
    for frame in page.frames:
        frame.add_script_tag(path=str(axe_script()))
    violations = page.main_frame.evaluate(RUN_AXE)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node}"
        for violation in violations
        if violation["impact"] in SEVERE
        for node in violation["nodes"]
    ]
