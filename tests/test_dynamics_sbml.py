"""The kinetic models give what the SBML files themselves give: each run checked against an independent
integration of the same files (libsbml + SciPy, tests/sbml_reference.py), not against libroadrunner."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest
from scipy.optimize import fsolve

from kb.dynamics import adipocyte, meal
from kb.dynamics.readouts import bindings_of, model_entry
from kb.loader import load_knowledge_base
from tests.sbml_reference import MODELS, ReferenceModel

FILES = {"normal": "BIOMD0000000448_url.xml", "diabetic": "BIOMD0000000449_url.xml"}
RELATIVE = 1e-4


def close(ours, reference, relative=RELATIVE, absolute=1e-9):
    np.testing.assert_allclose(np.asarray(ours), np.asarray(reference), rtol=relative, atol=absolute)


def readouts_of(values: dict[str, np.ndarray], model: str) -> dict[str, np.ndarray]:
    return {b.readout: np.sum([values[name] for name in b.measure], axis=0) for b in bindings_of(model)}


@pytest.fixture(scope="module", params=list(FILES))
def resting(request):
    """(state, reference model, its resting cell): no insulin, integrated for 3000 minutes by SciPy."""
    reference = ReferenceModel.read(FILES[request.param])
    values = reference.integrate({}, {"insulin": 0.0}, [0.0, 3000.0], reference.species)
    return request.param, reference, {name: float(column[-1]) for name, column in values.items()}


def test_the_shipped_files_are_byte_for_byte_those_the_provenance_names():
    """Each SBML file's size and md5 are those in kb/data/models/PROVENANCE.md."""
    table = (MODELS / "PROVENANCE.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `(BIOMD\d+_url\.xml)` \|[^|]+\| `([0-9a-f]{40})` \| (\d+) \| `([0-9a-f]{32})` \|$", table, re.M
    )
    assert {row[0] for row in rows} == {path.name for path in MODELS.glob("*.xml")}
    for name, _, size, md5 in rows:
        data = (MODELS / name).read_bytes()
        assert (len(data), hashlib.md5(data).hexdigest()) == (int(size), md5), name


def test_the_model_files_are_the_ones_the_knowledge_base_names():
    """The fat-cell model's normal and diabetic states are BIOMD0000000448 and 449 as published."""
    assert model_entry("adipocyte").sbml == FILES
    assert model_entry("meal").sbml == {"normal": "BIOMD0000000379_url.xml"}


def test_the_files_start_at_their_own_resting_state(resting):
    """The files' initial amounts are the cell at rest (PROVENANCE): our resting cell is theirs within 0.5 %."""
    state, reference, _ = resting
    ours = dict(adipocyte.basal_state(state))
    close(
        [ours[name] for name in reference.species],
        [reference.initial[name] for name in reference.species],
        5e-3,
        1e-4,
    )


def test_a_time_course_is_the_files_own(resting):
    """10 nM insulin added to the resting cell: every readout over 30 minutes as SciPy integrates the file."""
    state, reference, rest = resting
    ours = adipocyte.time_course(state, 10.0, 30.0, points=31)
    measured = sorted({name for b in bindings_of("adipocyte") for name in b.measure})
    theirs = readouts_of(reference.integrate(rest, {"insulin": 10.0}, ours.time_min, measured), "adipocyte")
    for readout, values in ours.readouts.items():
        close(values, theirs[readout])


@pytest.mark.parametrize("dose", [0.03, 1.0, 100.0])
def test_a_dose_response_is_the_files_own(resting, dose):
    """Each readout 10 minutes after a dose, as SciPy integrates the file from its resting cell."""
    state, reference, rest = resting
    ours = adipocyte.dose_response(state, [dose], 10.0)
    measured = sorted({name for b in bindings_of("adipocyte") for name in b.measure})
    theirs = readouts_of(reference.integrate(rest, {"insulin": dose}, [0.0, 10.0], measured), "adipocyte")
    for readout, values in ours.readouts.items():
        close(values[-1], theirs[readout][-1])


def test_a_knock_down_is_every_form_scaled_then_rested(resting):
    """IRS1 at 10 %: every IRS1 form scaled, the cell rested again, then insulin, as SciPy does it."""
    state, reference, _ = resting
    forms = ["IRS1", "IRS1p", "IRS1p307", "IRS1307"]
    start = {name: reference.initial[name] * (0.1 if name in forms else 1.0) for name in reference.species}
    rest = reference.integrate(start, {"insulin": 0.0}, [0.0, 3000.0], reference.species)
    rest = {name: float(column[-1]) for name, column in rest.items()}
    change = adipocyte.adipocyte_perturbation({"IRS1": 0.1})
    ours = adipocyte.dose_response(state, [1.0], 10.0, change)
    measured = sorted({name for b in bindings_of("adipocyte") for name in b.measure})
    theirs = readouts_of(reference.integrate(rest, {"insulin": 1.0}, [0.0, 10.0], measured), "adipocyte")
    for readout, values in ours.readouts.items():
        close(values[-1], theirs[readout][-1])


def test_the_normal_meal_is_the_files_own():
    """BIOMD0000000379 as published: plasma glucose and insulin every 30 minutes, as SciPy integrates it."""
    reference = ReferenceModel.read("BIOMD0000000379_url.xml")
    ours = meal.meal_time_course("normal", 420.0)
    times = ours.time_min[::30]
    theirs = reference.integrate({}, {}, times, ["G", "I"])
    close(ours.readouts["plasma_glucose"][::30], theirs["G"])
    close(ours.readouts["plasma_insulin"][::30], theirs["I"])


def test_the_diabetic_meal_starts_at_a_fasting_state_solved_independently():
    """The published type 2 parameters in the file's equations: the fasting state our code reaches by
    integration equals the one a root finder gives, and so does the meal that follows."""
    reference = ReferenceModel.read("BIOMD0000000379_url.xml")
    published = next(p.values for p in load_knowledge_base().dynamics.parameter_sets if p.state == "diabetic")
    values = {**reference.parameters, **published}
    secretion = (values["m_6"] - values["HE_b"]) / values["m_5"]
    fixed = {**published, "S_b": secretion, "S_b_minus": -secretion}
    names = reference.species

    def residual(unknowns):
        state, glucose, insulin = unknowns[:-2], unknowns[-2], unknowns[-1]
        parameters = {**values, **fixed, "G_b": glucose, "I_b": insulin}
        scope = reference.values(state, parameters)
        return [*reference.derivatives(state, parameters), scope["G"] - glucose, scope["I"] - insulin]

    guess = [*(reference.initial[name] if name != "Q_sto1" else 0.0 for name in names), 150.0, 50.0]
    solved = fsolve(residual, guess, xtol=1e-12)
    assert np.max(np.abs(residual(solved))) < 1e-8
    initial, parameters = (dict(part) for part in meal.fasting_state("diabetic"))
    close(
        [initial[name] for name in names if name != "Q_sto1"],
        [s for n, s in zip(names, solved, strict=False) if n != "Q_sto1"],
        1e-6,
        1e-6,
    )
    close([parameters["G_b"], parameters["I_b"]], solved[-2:], 1e-6)

    ours = meal.meal_time_course("diabetic", 420.0)
    start = {**dict(zip(names, solved[:-2], strict=True)), "Q_sto1": reference.initial["Q_sto1"]}
    theirs = reference.integrate(
        start, {**fixed, "G_b": solved[-2], "I_b": solved[-1]}, ours.time_min[::60], ["G", "I"]
    )
    close(ours.readouts["plasma_glucose"][::60], theirs["G"], 1e-4)
    close(ours.readouts["plasma_insulin"][::60], theirs["I"], 1e-4)
