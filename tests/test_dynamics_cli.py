"""`python -m kb dynamics`, run as a person would run it: the contract of DESIGN.md and README."""

from __future__ import annotations

import json

import pytest

from kb.dynamics import adipocyte
from tests.test_cli import run_kb

REQUIRED = {"AKT2", "TBC1D4", "INSR", "IRS1", "glucose_uptake"}


def test_an_adipocyte_dose_response_keyed_by_node():
    """Doses in `insulin_nM`, one value per dose for every readout, keyed by map node id."""
    result = run_kb(
        "dynamics", "--model", "adipocyte", "--state", "diabetic", "--insulin", "0.1,1,10", "--minutes", "10"
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["insulin_nM"] == [0.1, 1.0, 10.0]
    assert set(document["readouts"]) >= REQUIRED
    assert all(len(values) == 3 for values in document["readouts"].values())
    assert "time_min" not in document
    expected = adipocyte.dose_response("diabetic", [0.1, 1.0, 10.0], 10.0).readouts["AKT2"]
    assert document["readouts"]["AKT2"] == pytest.approx(expected, rel=1e-5)
    assert document["units"]["AKT2"].startswith("%")


def test_a_single_dose_adds_the_time_course():
    """One dose: the value at --minutes and each readout's course from 0 to --minutes."""
    result = run_kb(
        "dynamics", "--model", "adipocyte", "--state", "normal", "--insulin", "10", "--minutes", "30"
    )
    document = json.loads(result.stdout)
    times = document["time_min"]
    assert times[0] == 0 and times[-1] == 30
    for readout, values in document["readouts"].items():
        assert len(document["time_course"][readout]) == len(times)
        assert document["time_course"][readout][-1] == pytest.approx(values[0], rel=1e-4)
    akt = document["time_course"]["AKT2"]
    assert max(akt) > 1.2 * akt[-1]  # the overshoot


def test_scales_change_the_readouts():
    """--scale INSR=0.5 --scale diabetes=0.15 --scale SLC2A4=0.5 on the normal cell gives the diabetic cell."""
    built = run_kb(
        "dynamics", "--model", "adipocyte", "--insulin", "1", "--scale", "INSR=0.5", "--scale", "diabetes=0.15",
        "--scale", "SLC2A4=0.5",
    )  # fmt: skip
    published = run_kb("dynamics", "--model", "adipocyte", "--state", "diabetic", "--insulin", "1")
    built_doc, published_doc = json.loads(built.stdout), json.loads(published.stdout)
    assert built_doc["scales"] == {"INSR": 0.5, "diabetes": 0.15, "SLC2A4": 0.5}
    assert built_doc["readouts"]["AKT2"] == pytest.approx(published_doc["readouts"]["AKT2"], rel=1e-3)


def test_the_meal_model_gives_glucose_and_insulin_over_time():
    """The meal: `time_min` and plasma glucose (mg/dl) and insulin (pmol/l), 420 minutes by default."""
    result = run_kb("dynamics", "--model", "meal", "--state", "diabetic")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["time_min"][-1] == 420
    assert set(document["readouts"]) == {"plasma_glucose", "plasma_insulin"}
    assert document["units"] == {"plasma_glucose": "mg/dl", "plasma_insulin": "pmol/l"}
    assert len(document["readouts"]["plasma_glucose"]) == len(document["time_min"])


def test_tsv_has_a_row_per_dose_and_a_column_per_readout():
    """--format tsv: header `insulin_nM time_min` and the readouts, one row per dose."""
    result = run_kb("dynamics", "--model", "adipocyte", "--insulin", "0.1,10", "--format", "tsv")
    lines = result.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:2] == ["insulin_nM", "time_min"] and set(header) >= REQUIRED
    assert [line.split("\t")[0] for line in lines[1:]] == ["0.1", "10"]
    meal = run_kb("dynamics", "--model", "meal", "--minutes", "60", "--format", "tsv").stdout.splitlines()
    assert meal[0] == "time_min\tplasma_glucose\tplasma_insulin" and len(meal) == 62


@pytest.mark.parametrize(
    "arguments",
    [
        ["--model", "liver"],
        ["--model", "adipocyte", "--state", "prediabetic"],
        ["--model", "adipocyte", "--insulin", "ten"],
        ["--model", "adipocyte", "--insulin", "-1"],
        ["--model", "adipocyte", "--minutes", "0"],
        ["--model", "adipocyte", "--minutes", "100000"],
        ["--model", "adipocyte", "--scale", "INSR"],
        ["--model", "adipocyte", "--scale", "PTEN=0.5"],
        ["--model", "adipocyte", "--scale", "INSR=1e9"],
        ["--model", "meal", "--insulin", "1"],
        ["--model", "meal", "--scale", "V_G=0"],
        ["--insulin", "1"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(arguments):
    """Each mistake gets exit code 2 and a single line on stderr, never a traceback, and nothing on stdout."""
    result = run_kb("dynamics", *arguments)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
