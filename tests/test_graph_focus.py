"""Focus mode: the selected node, its neighbours and its paths from insulin and to the nearest outcome."""

from __future__ import annotations

import pytest

from kb.graph import focus_set, pathway_graph


@pytest.fixture(scope="module")
def graph():
    """The project's pathway graph."""
    return pathway_graph()


@pytest.mark.parametrize(
    "node", ["AKT2", "TBC1D4", "glucose_uptake", "INSR", "PTEN", "obesity", "type_2_diabetes"]
)
def test_focus_keeps_well_under_half_the_map(graph, node):
    """Feedback loops do not flood the focus: it lights at most half of the map, and it always fades
    something."""
    lit = focus_set(graph, node)
    assert node in lit and len(lit) <= len(graph) // 2, sorted(lit)


def test_akt2_focus_follows_insulin_to_it_and_it_to_the_outcomes(graph):
    """AKT2: its neighbours, the cascade from insulin, and its shortest paths to high blood sugar."""
    lit = focus_set(graph, "AKT2")
    assert {"PDPK1", "mtorc2", "TBC1D4", "FOXO1", "gsk3"} <= lit
    assert {"insulin", "INSR", "pi3k", "pip3"} <= lit
    assert {"gluconeogenesis", "hyperglycaemia"} <= lit
    assert not {"raf", "mek", "erk", "poor_diet", "IL6"} & lit


def test_tbc1d4_and_glucose_uptake_focus_on_the_glut4_route(graph):
    """AS160 and glucose uptake light the GLUT4 route from insulin and on to high blood sugar."""
    for node in ("TBC1D4", "glucose_uptake"):
        lit = focus_set(graph, node)
        assert {"insulin", "INSR", "AKT2", "SLC2A4", "glucose_uptake", "hyperglycaemia"} <= lit, node
        assert not {"FOXO1", "raf", "SREBF1"} & lit, node


def test_more_steps_follow_further(graph):
    """The control for how far to follow widens the focus step by step, never narrows it."""
    sizes = [len(focus_set(graph, "IRS1", steps)) for steps in (1, 2, 3, 4)]
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]


def test_feedback_neighbours_are_lit_but_not_followed(graph):
    """INSR's feedback input (high insulin lowers receptor number) is a neighbour; what feeds high
    insulin is not lit through that loop."""
    lit = focus_set(graph, "INSR")
    assert "hyperinsulinaemia" in lit
    assert "hyperglycaemia" not in lit
