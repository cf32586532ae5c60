"""Signed propagation reproduces textbook facts of insulin signalling."""

from __future__ import annotations

import pytest

from kb.simulate import disturbed_edges, insulin_resistant_scenario, simulate


def test_loss_of_the_insulin_receptor():
    """No receptor: less glucose uptake and glycogen, more gluconeogenesis, higher glucose."""
    effects = simulate({"INSR": "loss"}).effects
    assert effects["glucose_uptake"] == "down"
    assert effects["glycogen_synthesis"] == "down"
    assert effects["gluconeogenesis"] == "up"
    assert effects["hyperglycaemia"] == "up"
    assert effects["donohue_syndrome"] == "up"


@pytest.mark.parametrize("brake", ["PTEN", "PTPN1"])
def test_losing_a_brake_raises_insulin_action(brake):
    """Loss of PTEN or PTP1B raises insulin sensitivity (Pal 2012; Elchebly 1999)."""
    effects = simulate({brake: "loss"}).effects
    assert effects["glucose_uptake"] == "up"
    assert effects["gluconeogenesis"] == "down"
    assert effects["hyperglycaemia"] == "down"


@pytest.mark.parametrize("cause", ["chronic_inflammation", "obesity", "physical_inactivity"])
def test_causes_lower_glucose_uptake(cause):
    """Inflammation, obesity and inactivity lower glucose uptake and raise blood glucose."""
    effects = simulate({cause: "gain"}).effects
    assert effects["glucose_uptake"] == "down"
    assert effects["hyperglycaemia"] == "up"
    assert effects["type_2_diabetes"] == "up"


def test_lifestyle_causes_do_not_predict_genetic_syndromes():
    """Syndromes follow only a direct genetic loss, not a signalling change passed down."""
    effects = insulin_resistant_scenario().effects
    assert effects["donohue_syndrome"] == "unchanged"
    assert effects["short_syndrome"] == "unchanged"


def test_paths_that_disagree_are_ambiguous():
    """TBC1D4 loss releases RAB10 but lowers GLUT4 itself: the model says the paths disagree."""
    result = simulate({"TBC1D4": "loss"})
    assert result.effects["glucose_uptake"] == "ambiguous"
    assert set(result.paths["glucose_uptake"]) == {"up", "down"}


def test_each_prediction_has_an_explaining_path():
    """A changed node's path starts at the perturbed node and ends at the node."""
    result = simulate({"INSR": "loss"})
    path = result.paths["gluconeogenesis"]["up"]
    assert path[0] == "INSR" and path[-1] == "gluconeogenesis"
    assert "FOXO1" in path


def test_feedback_is_reported_not_followed():
    """S6K1 feedback on IRS1 is listed for a change that reaches S6K1."""
    result = simulate({"PTEN": "loss"})
    assert ("RPS6KB1", "IRS1") in result.feedback
    assert simulate({"RPS6KB1": "gain"}).effects["IRS1"] == "down"


def test_insulin_resistant_view_disturbs_the_cascade():
    """In the insulin-resistant view the IRS1 -> PI3K step is disturbed."""
    disturbed = disturbed_edges(insulin_resistant_scenario())
    assert ("IRS1", "pi3k") in disturbed
    assert ("insulin", "INSR") not in disturbed


def test_obesity_raises_lipogenesis_and_its_consequences():
    """Selective hepatic insulin resistance (Li, Brown & Goldstein 2010): obesity lowers insulin's effect on
    glucose but raises lipogenesis, fatty liver and dyslipidaemia, and through them cardiovascular disease."""
    result = simulate({"obesity": "gain"})
    effects = result.effects
    for node in ("lipogenesis", "fatty_liver", "dyslipidaemia", "cardiovascular_disease", "hypertension"):
        assert effects[node] == "up", node
    assert effects["glucose_uptake"] == "down" and effects["gluconeogenesis"] == "up"
    assert "hyperinsulinaemia" in result.paths["lipogenesis"]["up"]


def test_selective_branches_follow_only_a_direct_change():
    """The lipogenic mTORC1 -> SREBP-1c branch and the MAPK branch stay insulin-responsive in insulin
    resistance: a change passed down does not lower them, a direct loss does."""
    assert simulate({"obesity": "gain"}).effects["erk"] == "unchanged"
    assert simulate({"mtorc1": "loss"}).effects["lipogenesis"] == "down"
    assert simulate({"INSR": "loss"}).effects["erk"] == "down"


def test_adipose_lipolysis_is_restrained_by_insulin():
    """AKT2 -> PDE3B restrains lipolysis; losing AKT2 releases fatty acids (lipolysis up)."""
    effects = simulate({"AKT2": "loss"}).effects
    assert effects["PDE3B"] == "down"
    assert effects["lipolysis"] == "up" and effects["free_fatty_acids"] == "up"


def test_beta_cell_failure_lies_between_hyperglycaemia_and_type_2_diabetes():
    """High glucose and fatty acids strain the beta cell; its failure leads to type 2 diabetes."""
    result = simulate({"free_fatty_acids": "gain"})
    assert result.effects["beta_cell_failure"] == "up"
    assert simulate({"beta_cell_failure": "gain"}).effects["type_2_diabetes"] == "up"


def test_monogenic_syndromes_lead_to_monogenic_diabetes():
    """Rabson-Mendenhall, type A and AKT2 insulin resistance lead to the monogenic diabetes node, not to
    type 2 diabetes."""
    for syndrome in ("rabson_mendenhall_syndrome", "type_a_insulin_resistance", "akt2_insulin_resistance"):
        effects = simulate({syndrome: "gain"}).effects
        assert effects["monogenic_diabetes"] == "up" and effects["type_2_diabetes"] == "unchanged"
