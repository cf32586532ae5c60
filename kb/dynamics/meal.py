"""The meal model (Dalla Man et al. 2007, BIOMD0000000379): plasma glucose and insulin after one meal.

Normal is the file as published: a 78 g glucose meal at t = 0 in a 78 kg subject, starting from the
file's fasting values. The file has no diabetic state; it is built from the paper's published type 2
diabetes parameters (kb/data/dynamics.json, `parameter_sets`) put into the file's own equations. Those
parameters do not come with the subject's fasting values, which the equations need (basal glucose G_b,
insulin I_b and secretion S_b), so the fasting state is derived from the equations: S_b from the paper's
hepatic-extraction relation HE_b = m_6 - m_5 * S_b, then glucose and insulin where nothing changes
without a meal, with G_b and I_b equal to them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from kb.dynamics.perturb import NO_CHANGE, Perturbation, perturbation
from kb.dynamics.readouts import TimeCourse, bindings_of, model_entry, readout_values, selections_of
from kb.dynamics.sbml import SbmlModel, SimulationError, sbml_model
from kb.errors import KnowledgeBaseError
from kb.loader import load_knowledge_base

__all__ = ["DEFAULT_MINUTES", "MODEL", "fasting_state", "meal_perturbation", "meal_time_course"]

MODEL = "meal"
DEFAULT_MINUTES = 420.0
# The meal: the dose D (mg) used by gastric emptying, and the stomach's content at t = 0, which the
# file does not tie to D (trap 5 of kb/data/models/PROVENANCE.md).
MEAL_DOSE = "D"
STOMACH = "Q_sto1"
FASTING_TOLERANCE = 1e-6
# The liver's glucose effectiveness in type 2 diabetes (k_p2 = 0.0007/min) makes fasting glucose settle
# over days of model time.
FASTING_HORIZON = 50_000.0


def _model() -> SbmlModel:
    return sbml_model(model_entry(MODEL).sbml["normal"])


def meal_perturbation(scales: Mapping[str, float]) -> Perturbation:
    """Sort `--scale` targets into the meal model's rate constants (it holds no protein amounts)."""
    return perturbation(scales, bindings_of(MODEL), _model().constants, model_name="the meal model")


def published_parameters(state: str) -> dict[str, float]:
    """The parameter values that make `state` of the meal model (none: the file's own)."""
    for entry in load_knowledge_base().dynamics.parameter_sets:
        if entry.model == MODEL and entry.state == state:
            return dict(entry.values)
    if state in model_entry(MODEL).sbml:
        return {}
    raise KnowledgeBaseError(
        f"kb/data/dynamics.json has neither a file nor parameters for the {state} meal model"
    )


@functools.cache
def fasting_state(state: str) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
    """Initial amounts and parameters of `state` at the start of the meal."""
    model = _model()
    parameters = published_parameters(state)
    if not parameters:
        return tuple(model.initial.items()), ()
    unknown = sorted(set(parameters) - set(model.constants))
    if unknown:
        raise KnowledgeBaseError(
            f"meal parameter set names {', '.join(unknown)}, not constants of {model.name}"
        )
    values = {**model.constants, **parameters}
    basal = {
        "S_b": (values["m_6"] - values["HE_b"]) / values["m_5"],
        "G_b": values["G_b"],
        "I_b": values["I_b"],
    }
    basal["S_b_minus"] = -basal["S_b"]
    # With beta = 0 the secretion signal Y settles at 0, so secretion is S_b and plasma insulin settles
    # at the fasting insulin whatever glucose does; with I_b equal to it, remote insulin X settles at 0
    # and glucose at the fasting glucose. With G_b equal to that, Y stays at 0 when beta is restored.
    fasting = {**model.initial, STOMACH: 0.0}
    for _ in range(2):
        fasting = model.steady_state(fasting, {**parameters, **basal, "beta": 0.0}, FASTING_HORIZON)
        basal.update(G_b=fasting["G_p"] / values["V_G"], I_b=fasting["I_p"] / values["V_I"])
    fasting = model.steady_state(fasting, {**parameters, **basal})
    if abs(fasting["G_p"] / values["V_G"] - basal["G_b"]) > FASTING_TOLERANCE * basal["G_b"]:
        raise SimulationError(f"the {state} meal model has no fasting state with its basal glucose")
    meal = {**fasting, STOMACH: model.initial[STOMACH] * values[MEAL_DOSE] / model.constants[MEAL_DOSE]}
    return tuple(meal.items()), tuple({**parameters, **basal}.items())


def meal_time_course(
    state: str, minutes: float = DEFAULT_MINUTES, change: Perturbation = NO_CHANGE, points: int | None = None
) -> TimeCourse:
    """Plasma glucose (mg/dl) and insulin (pmol/l) from the meal at t = 0 until `minutes` later.

    A scaled rate constant acts from the start of the meal on the subject's fasting state.
    """
    model = _model()
    bindings = bindings_of(MODEL)
    initial, parameters = (dict(part) for part in fasting_state(state))
    values = {**model.constants, **parameters}
    _, scaled = change.apply(bindings, initial, values)
    if MEAL_DOSE in scaled:
        initial[STOMACH] *= scaled[MEAL_DOSE] / values[MEAL_DOSE]
    selections = selections_of(bindings)
    rows = model.run(
        initial, {**parameters, **scaled}, minutes, points or max(int(minutes), 1) + 1, selections
    )
    readouts = readout_values(rows, selections, bindings)
    return TimeCourse(
        state=state,
        time_min=tuple(float(t) for t in rows[:, 0]),
        readouts={key: tuple(float(v) for v in column) for key, column in readouts.items()},
    )
