"""`python -m kb dynamics`: one run of a kinetic model as the JSON object (or TSV table) DESIGN.md fixes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from kb.dynamics import adipocyte, meal
from kb.dynamics.perturb import bounded_number
from kb.dynamics.readouts import bindings_of, model_entry
from kb.errors import InputError

__all__ = [
    "MAX_DOSES",
    "MAX_INSULIN_NM",
    "MAX_MINUTES",
    "MODELS",
    "document_tsv",
    "dynamics_document",
    "parse_doses",
]

MODELS = ("adipocyte", "meal")
STATES = ("normal", "diabetic")
MAX_DOSES = 50
MAX_INSULIN_NM = 10_000.0
MAX_MINUTES = 1440.0
SIGNIFICANT = 6


def parse_doses(text: str) -> tuple[float, ...]:
    """Read '0.1,1,10' (nM); raise InputError with a clear message otherwise."""
    doses = [
        bounded_number(part, f"--insulin {text!r}", "each dose", MAX_INSULIN_NM, "nM")
        for part in text.split(",")
    ]
    if len(doses) > MAX_DOSES:
        raise InputError(f"--insulin: at most {MAX_DOSES} doses, not {len(doses)}")
    return tuple(doses)


def _rounded(values: Sequence[float]) -> list[float]:
    return [float(f"{value:.{SIGNIFICANT}g}") for value in values]


def _check(model: str, state: str, minutes: float | None) -> None:
    if model not in MODELS:
        raise InputError(f"--model {model!r}: choose one of {', '.join(MODELS)}")
    if state not in STATES:
        raise InputError(f"--state {state!r}: choose one of {', '.join(STATES)}")
    if minutes is not None and (not math.isfinite(minutes) or not 0 < minutes <= MAX_MINUTES):
        raise InputError(f"--minutes {minutes:g}: give a time above 0 and at most {MAX_MINUTES:g} minutes")


def dynamics_document(
    model: str,
    state: str,
    doses: Sequence[float] | None = None,
    minutes: float | None = None,
    scales: Mapping[str, float] | None = None,
) -> dict:
    """One run as plain data: readouts keyed by map node (fat cell) or by readout name (meal)."""
    _check(model, state, minutes)
    scales = dict(scales or {})
    entry = model_entry(model)
    bindings = bindings_of(model)
    document: dict = {
        "model": model,
        "state": state,
        "title": entry.title,
        "scales": scales,
        "units": {binding.readout: binding.unit for binding in bindings},
        "nodes": {binding.readout: binding.node for binding in bindings},
        "references": list(entry.references),
    }
    if model == "meal":
        if doses is not None:
            raise InputError("--insulin is for the fat-cell model; the meal model makes its own insulin")
        run_minutes = meal.DEFAULT_MINUTES if minutes is None else minutes
        course = meal.meal_time_course(state, run_minutes, meal.meal_perturbation(scales))
        document.update(
            minutes=run_minutes,
            time_min=_rounded(course.time_min),
            readouts={readout: _rounded(values) for readout, values in course.readouts.items()},
        )
        return document
    doses = adipocyte.DEFAULT_DOSES if doses is None else tuple(doses)
    if not doses:
        raise InputError("--insulin: give at least one dose in nM")
    run_minutes = adipocyte.DEFAULT_MINUTES if minutes is None else minutes
    change = adipocyte.adipocyte_perturbation(scales, state)
    response = adipocyte.dose_response(state, doses, run_minutes, change)
    document.update(
        minutes=run_minutes,
        insulin_nM=list(response.insulin_nM),
        readouts={readout: _rounded(values) for readout, values in response.readouts.items()},
    )
    if len(doses) == 1:
        course = adipocyte.time_course(state, doses[0], run_minutes, change)
        document.update(
            time_min=_rounded(course.time_min),
            time_course={readout: _rounded(values) for readout, values in course.readouts.items()},
        )
    return document


def document_tsv(document: dict) -> str:
    """The run as a table: one row per dose (or per time point), a column per readout."""
    readouts = list(document["readouts"])
    rows: Iterable[tuple]
    if document["model"] == "meal":
        header = ["time_min", *readouts]
        rows = zip(document["time_min"], *(document["readouts"][name] for name in readouts), strict=True)
    elif "time_course" in document:
        header = ["insulin_nM", "time_min", *readouts]
        dose = document["insulin_nM"][0]
        columns = (document["time_course"][name] for name in readouts)
        rows = ((dose, time, *values) for time, *values in zip(document["time_min"], *columns, strict=True))
    else:
        header = ["insulin_nM", "time_min", *readouts]
        minutes = document["minutes"]
        columns = (document["readouts"][name] for name in readouts)
        rows = (
            (dose, minutes, *values) for dose, *values in zip(document["insulin_nM"], *columns, strict=True)
        )
    lines = ["\t".join(header), *("\t".join(f"{value:g}" for value in row) for row in rows)]
    return "\n".join(lines) + "\n"
