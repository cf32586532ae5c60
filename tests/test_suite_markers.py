"""The test suite's own promise: `pytest -m "not browser"` runs the fast suite alone, and nothing else is lost."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def _collect(*arguments: str) -> tuple[list[str], int]:
    """Test ids collected under `arguments`, and how many were deselected."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    deselected = re.search(r"(\d+) deselected", result.stdout)
    tests = [line for line in result.stdout.splitlines() if "::" in line]
    return tests, int(deselected[1]) if deselected else 0


def test_not_browser_leaves_out_exactly_the_browser_tests():
    """Every test under tests/browser is deselected by `-m "not browser"`, and no other test is."""
    in_browser_folder, browser_deselected = _collect("-m", "not browser", "tests/browser")
    assert in_browser_folder == [], "a test under tests/browser is not marked browser"
    assert browser_deselected > 0
    fast, deselected = _collect("-m", "not browser")
    assert fast and not any(test.startswith("tests/browser/") for test in fast)
    assert deselected == browser_deselected, "a test outside tests/browser is marked browser"
