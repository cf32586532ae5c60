"""Finding nodes by symbol, alias, name and plain words."""

import pytest

from kb.search import find_nodes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("glucose transporter", "SLC2A4"),
        ("AS160", "TBC1D4"),
        ("PTP1B", "PTPN1"),
        ("akt2", "AKT2"),
        ("JNK", "MAPK8"),
        ("inflammation", "chronic_inflammation"),
        ("heart attack", "cardiovascular_disease"),
        ("Donohue", "donohue_syndrome"),
    ],
)
def test_best_match(index, query, expected):
    """The node a person means comes first."""
    assert find_nodes(index, query)[0] == expected


def test_nonsense_finds_nothing(index):
    """A query that matches nothing returns no node."""
    assert find_nodes(index, "zzqxv") == []
    assert find_nodes(index, "   ") == []
