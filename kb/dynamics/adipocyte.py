"""The fat-cell model (Brännmark et al. 2013): insulin added to a resting human adipocyte.

Normal is BIOMD0000000448 and diabetic is BIOMD0000000449, each as published; the diabetic file differs
in half the receptors, half the GLUT4 and a weaker mTORC1 -> IRS1 feedback (its `diabetes` parameter on
reaction v2c). Every run starts from the resting (basal) cell: the steady state with no insulin, found
again after each perturbation, since a changed amount moves the resting state too. Then insulin is added
at t = 0 and the readouts are read `minutes` later. Readouts are in the model's units: a species as a
percentage of the normal cell's total of that protein, glucose uptake in the model's arbitrary units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kb.dynamics.perturb import NO_CHANGE, Perturbation, perturbation
from kb.dynamics.readouts import (
    DoseResponse,
    TimeCourse,
    bindings_of,
    model_entry,
    output_points,
    readout_values,
    selections_of,
)
from kb.dynamics.sbml import SbmlModel, sbml_model

__all__ = [
    "DEFAULT_DOSES",
    "DEFAULT_MINUTES",
    "INSULIN",
    "MODEL",
    "adipocyte_perturbation",
    "basal_state",
    "dose_response",
    "time_course",
]

MODEL = "adipocyte"
INSULIN = "insulin"
# The paper's dose range, 0.01 to 100 nM, in eight steps.
DEFAULT_DOSES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)
DEFAULT_MINUTES = 10.0


def _model(state: str) -> SbmlModel:
    return sbml_model(model_entry(MODEL).sbml[state])  # type: ignore[index]


def adipocyte_perturbation(scales: Mapping[str, float], state: str = "normal") -> Perturbation:
    """Sort `--scale` targets into nodes' amounts and the model's rate constants (insulin has its own option)."""
    model = _model(state)
    return perturbation(
        scales, bindings_of(MODEL), model.constants, frozenset({INSULIN}), model_name="the fat-cell model"
    )


def basal_state(state: str, change: Perturbation = NO_CHANGE) -> tuple[tuple[str, float], ...]:
    """The resting cell (no insulin) of `state` under `change`: every species' steady amount.

    Not cached: a change may come from a person's variants, which nothing may keep beyond their session,
    and resting the cell takes about a millisecond.
    """
    model = _model(state)
    initial, parameters = change.apply(bindings_of(MODEL), model.initial, model.constants)
    resting = model.steady_state(initial, {**parameters, INSULIN: 0.0})
    return tuple(resting.items())


def _run(
    state: str, change: Perturbation, resting: dict[str, float], dose: float, minutes: float, points: int
) -> dict[str, tuple]:
    model = _model(state)
    bindings = bindings_of(MODEL)
    _, parameters = change.apply(bindings, model.initial, model.constants)
    selections = selections_of(bindings)
    rows = model.run(resting, {**parameters, INSULIN: dose}, minutes, points, selections)
    values = readout_values(rows, selections, bindings)
    return {
        "time": tuple(float(t) for t in rows[:, 0]),
        **{k: tuple(map(float, v)) for k, v in values.items()},
    }


def dose_response(
    state: str, doses: Sequence[float], minutes: float, change: Perturbation = NO_CHANGE
) -> DoseResponse:
    """Each readout `minutes` after each insulin dose (nM) is added to the resting cell."""
    columns: dict[str, list[float]] = {}
    resting = dict(basal_state(state, change))
    for dose in doses:
        run = _run(state, change, resting, float(dose), minutes, 2)
        for readout, values in run.items():
            if readout != "time":
                columns.setdefault(readout, []).append(values[-1])
    return DoseResponse(
        state=state,
        minutes=float(minutes),
        insulin_nM=tuple(float(dose) for dose in doses),
        readouts={readout: tuple(values) for readout, values in columns.items()},
    )


def time_course(
    state: str, dose: float, minutes: float, change: Perturbation = NO_CHANGE, points: int | None = None
) -> TimeCourse:
    """Each readout from the moment `dose` nM insulin is added until `minutes` later."""
    resting = dict(basal_state(state, change))
    run = _run(state, change, resting, float(dose), minutes, points or output_points(minutes))
    times = run.pop("time")
    return TimeCourse(state=state, time_min=times, readouts=run, insulin_nM=float(dose))
