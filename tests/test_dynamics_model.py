"""The kinetic models behave as the papers say, every perturbation runs, and the map's bindings are true."""

from __future__ import annotations

import math

import libsbml
import numpy as np
import pytest

from kb.dynamics import adipocyte, meal
from kb.dynamics.agreement import comparisons
from kb.dynamics.perturb import EPSILON, Perturbation, parse_scale
from kb.dynamics.readouts import bindings_of
from kb.errors import InputError
from kb.loader import load_knowledge_base
from tests.sbml_reference import MODELS

KB = load_knowledge_base()
AMOUNT_NODES = [binding.node for binding in bindings_of("adipocyte") if binding.forms]
FINE_DOSES = tuple(float(dose) for dose in np.logspace(-3, 2, 26))


def half_maximal_dose(doses, values) -> float:
    """The dose (nM) at which a dose-response first reaches half its maximum, on a log scale."""
    values = np.asarray(values)
    half = values.max() / 2
    above = int(np.argmax(values >= half))
    low, high = np.log10(doses[above - 1]), np.log10(doses[above])
    fraction = (half - values[above - 1]) / (values[above] - values[above - 1])
    return 10 ** (low + fraction * (high - low))


@pytest.mark.parametrize("readout", ["AKT2", "TBC1D4", "glucose_uptake"])
def test_the_diabetic_dose_response_is_shifted_and_lowered(readout):
    """Brännmark 2013's central finding: in diabetic cells less response at every dose, and half of it
    needs more insulin."""
    normal = adipocyte.dose_response("normal", FINE_DOSES, 10.0).readouts[readout]
    diabetic = adipocyte.dose_response("diabetic", FINE_DOSES, 10.0).readouts[readout]
    assert all(d < n for d, n in zip(diabetic, normal, strict=True))
    assert max(diabetic) < 0.9 * max(normal)
    assert half_maximal_dose(FINE_DOSES, diabetic) > 1.5 * half_maximal_dose(FINE_DOSES, normal)


@pytest.mark.parametrize("state", ["normal", "diabetic"])
def test_pkb_overshoots_then_settles(state):
    """After 10 nM insulin, doubly phosphorylated PKB peaks within minutes, then falls to a plateau."""
    course = adipocyte.time_course(state, 10.0, 60.0)
    times, akt = np.array(course.time_min), np.array(course.readouts["AKT2"])
    peak = int(np.argmax(akt))
    assert times[peak] < 5.0
    assert akt[peak] > 1.2 * akt[-1]
    late = akt[times >= 45.0]
    assert (late.max() - late.min()) < 0.02 * akt[-1]


def test_the_three_published_changes_turn_the_normal_cell_into_the_diabetic_one():
    """Half the receptors, half the GLUT4 and 15 % feedback (the `diabetes` parameter on v2c) applied to
    BIOMD0000000448 give BIOMD0000000449: the three levels at which the signal breaks."""
    change = adipocyte.adipocyte_perturbation({"INSR": 0.5, "SLC2A4": 0.5, "diabetes": 0.15})
    built = adipocyte.dose_response("normal", adipocyte.DEFAULT_DOSES, 10.0, change)
    published = adipocyte.dose_response("diabetic", adipocyte.DEFAULT_DOSES, 10.0)
    for readout, values in published.readouts.items():
        np.testing.assert_allclose(built.readouts[readout], values, rtol=1e-3, err_msg=readout)


def test_setting_the_feedback_alone_is_not_the_diabetic_cell():
    """Trap 2 of the models' PROVENANCE: `diabetes` = 0.15 in 448 leaves receptors and GLUT4 whole."""
    feedback_only = adipocyte.dose_response(
        "normal", [10.0], 10.0, adipocyte.adipocyte_perturbation({"diabetes": 0.15})
    )
    published = adipocyte.dose_response("diabetic", [10.0], 10.0)
    assert feedback_only.readouts["glucose_uptake"][0] > 1.2 * published.readouts["glucose_uptake"][0]


@pytest.mark.parametrize("state", ["normal", "diabetic"])
@pytest.mark.parametrize("node", AMOUNT_NODES)
@pytest.mark.parametrize("factor", [0.0, 0.5, 3.0])
def test_every_bound_protein_can_be_knocked_down_or_raised(state, node, factor):
    """A knock-out (factor 0, run at EPSILON), a halving and a tripling of each bound protein all run,
    give finite readouts, and move the protein's amount by the factor."""
    change = adipocyte.adipocyte_perturbation({node: factor}, state)
    response = adipocyte.dose_response(state, [0.1, 10.0], 10.0, change)
    assert all(math.isfinite(value) for values in response.readouts.values() for value in values)
    forms = next(binding.forms for binding in bindings_of("adipocyte") if binding.node == node)
    rest, normal_rest = dict(adipocyte.basal_state(state, change)), dict(adipocyte.basal_state(state))
    total = sum(rest[name] for name in forms)
    assert total == pytest.approx(max(factor, EPSILON) * sum(normal_rest[name] for name in forms), rel=1e-6)


def test_a_knock_out_of_the_receptor_silences_the_signal():
    """With no receptor, insulin changes nothing downstream: uptake is GLUT1's basal rate alone."""
    change = adipocyte.adipocyte_perturbation({"INSR": 0.0})
    response = adipocyte.dose_response("normal", [0.0, 100.0], 10.0, change)
    assert response.readouts["AKT2"][1] < 1e-4
    assert response.readouts["glucose_uptake"][1] == pytest.approx(
        response.readouts["glucose_uptake"][0], rel=1e-4
    )


def test_the_diabetic_meal_is_higher_and_later():
    """Dalla Man 2007's type 2 parameters: higher fasting and peak glucose, later insulin peak."""
    normal = meal.meal_time_course("normal")
    diabetic = meal.meal_time_course("diabetic")
    for course in (normal, diabetic):
        assert course.time_min[-1] == 420.0
    glucose_n, glucose_d = normal.readouts["plasma_glucose"], diabetic.readouts["plasma_glucose"]
    insulin_n, insulin_d = normal.readouts["plasma_insulin"], diabetic.readouts["plasma_insulin"]
    assert glucose_d[0] > 126 > glucose_n[0]
    assert max(glucose_d) > max(glucose_n) + 50
    assert int(np.argmax(insulin_d)) > int(np.argmax(insulin_n)) + 30
    # The normal subject's meal: a peak of about 160 mg/dl within 90 minutes, back near fasting by 6 h.
    assert 140 < max(glucose_n) < 180 and int(np.argmax(glucose_n)) < 90
    assert abs(glucose_n[360] - glucose_n[0]) < 5


def test_a_bigger_meal_fills_the_stomach_too():
    """Scaling the meal dose D also scales the stomach's content at t = 0 (trap 5 of PROVENANCE)."""
    double = meal.meal_time_course("normal", 420.0, meal.meal_perturbation({"D": 2.0}))
    single = meal.meal_time_course("normal")
    assert max(double.readouts["plasma_glucose"]) > max(single.readouts["plasma_glucose"]) + 20


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("INSR", "NODE=FACTOR"),
        ("INSR=x", "not a number"),
        ("INSR=-1", "between 0"),
        ("INSR=nan", "between 0"),
    ],
)
def test_bad_scales_are_refused_clearly(text, message):
    """A scale that is not NODE=FACTOR with 0 <= FACTOR <= 100 is refused with a message saying why."""
    with pytest.raises(InputError, match=message):
        parse_scale(text)


def test_a_scale_of_something_the_model_does_not_hold_is_refused():
    """Unknown targets and insulin (which has its own option) are refused, naming what can be scaled."""
    for target in ("PTEN", "insulin", "nonsense"):
        with pytest.raises(InputError, match="AKT2, INSR"):
            adipocyte.adipocyte_perturbation({target: 0.5})
    with pytest.raises(InputError, match="meal model"):
        meal.meal_perturbation({"INSR": 0.5})
    assert not Perturbation()


def _uniprot_annotations(file_name: str) -> dict[str, set[str]]:
    model = libsbml.readSBMLFromFile(str(MODELS / file_name)).getModel()
    found = {}
    for species in model.getListOfSpecies():
        accessions = set()
        for index in range(species.getNumCVTerms()):
            term = species.getCVTerm(index)
            for resource in range(term.getNumResources()):
                uri = term.getResourceURI(resource)
                if "uniprot" in uri:
                    accessions.add(uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1])
        found[species.getId()] = accessions
    return found


@pytest.mark.parametrize("binding", KB.dynamics.bindings, ids=lambda b: f"{b.model}:{b.readout}")
def test_every_binding_names_its_nodes_genes_uniprot(binding):
    """Each binding's UniProt accessions are those of the node's genes in kb/data/genes.json."""
    genes = {gene.symbol: gene.uniprot for gene in KB.genes}
    node = next(node for node in KB.nodes if node.id == binding.node)
    assert set(binding.uniprot) <= {genes[symbol] for symbol in node.genes}


@pytest.mark.parametrize("file_name", ["BIOMD0000000448_url.xml", "BIOMD0000000449_url.xml"])
def test_the_fat_cell_species_are_bound_through_their_uniprot_annotations(file_name):
    """Every species the SBML annotates with a pathway gene's UniProt is one form of exactly one bound
    node, that node's accessions are all on it, and each form and readout exists in the file."""
    annotations = _uniprot_annotations(file_name)
    pathway = {gene.uniprot for gene in KB.genes} - {"P01308"}  # insulin, the input, is bound to no form
    bindings = [binding for binding in bindings_of("adipocyte") if binding.forms]
    for species, accessions in annotations.items():
        owners = [binding.node for binding in bindings if species in binding.forms]
        if accessions & pathway:
            assert len(owners) == 1, f"{species} ({accessions}) is a form of {owners}"
    for binding in bindings:
        for species in binding.forms:
            assert set(binding.uniprot) <= annotations[species], f"{species} lacks {binding.uniprot}"
        unclaimed = {s for s, accessions in annotations.items() if set(binding.uniprot) <= accessions}
        assert unclaimed == set(binding.forms), binding.node


def test_the_meal_insulin_readout_is_annotated_as_insulin():
    """Plasma insulin is bound to the insulin node: the file annotates the insulin species with INS's UniProt."""
    annotations = _uniprot_annotations("BIOMD0000000379_url.xml")
    binding = next(binding for binding in bindings_of("meal") if binding.readout == "plasma_insulin")
    assert binding.node == "insulin" and binding.uniprot == ["P01308"]
    assert "P01308" in annotations["I_p"]


def test_the_graph_and_the_model_agree_or_the_knowledge_base_says_why():
    """Every knock-down the fat-cell model covers moves each other readout the way `kb simulate` predicts,
    unless kb/data/dynamics.json records that disagreement, with both directions, and explains it."""
    explained = {
        (entry.perturbation, readout): (pair.graph, pair.kinetic)
        for entry in KB.dynamics.disagreements
        for readout, pair in entry.readouts.items()
    }
    found = {(c.perturbation, c.readout): (c.graph, c.kinetic) for c in comparisons() if not c.agree}
    assert found == explained, "update `disagreements` in kb/data/dynamics.json, with a cited explanation"
    agreeing = [c for c in comparisons() if c.agree]
    assert len(agreeing) > len(found)


def test_what_the_tour_step_says_of_the_three_breaks_holds():
    """The obesity tour's model step: half the receptors cost AKT2 less than half; all three changes cut
    AKT2 below a tenth and uptake to about half; the weak feedback is the worst single change; half the
    GLUT4 leaves AKT2 alone."""
    from kb.dynamics.lessons import ALL_THREE, LEVELS, level_ratios

    ratios = level_ratios()
    assert 0.5 < ratios["half the insulin receptors"]["AKT2"] < 1
    assert ratios[ALL_THREE]["AKT2"] < 0.1
    assert 0.35 < ratios[ALL_THREE]["glucose_uptake"] < 0.65
    assert min(LEVELS, key=lambda name: ratios[name]["AKT2"]).startswith("a weaker mTORC1")
    assert ratios["half the GLUT4"]["AKT2"] == pytest.approx(1.0, abs=0.01)
    step = next(step for tour in KB.tours for step in tour.steps if "brannmark2013" in step.references)
    assert "(/dynamics)" in step.narration.student


def test_the_quiz_asks_predict_then_run_questions_answered_by_the_model(index):
    """The quiz holds the model's questions, each answer one of its options and explained with numbers."""
    from kb.quiz import build_quiz

    questions = {
        question.id: question for question in build_quiz(index) if question.id.startswith("dynamics_")
    }
    assert len(questions) == 3
    for question in questions.values():
        assert question.answer in question.options and "%" in question.explanation
        assert question.node in index.nodes
    assert questions["dynamics_half_receptors_akt2"].answer == "by less than half"
    assert questions["dynamics_half_glut4"].answer == "AKT2 is unchanged, glucose uptake falls"
