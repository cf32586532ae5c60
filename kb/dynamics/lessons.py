"""What the fat-cell model teaches, computed from the model itself: the tour's claims and the quiz's
predict-then-run questions. A change to the model or its data changes the answers with it."""

from __future__ import annotations

import functools

from kb.dynamics.adipocyte import adipocyte_perturbation, dose_response

__all__ = ["DOSE", "LEVELS", "MINUTES", "level_ratios", "model_questions"]

DOSE = 1.0
MINUTES = 10.0
# The three levels at which the signal breaks in the diabetic cells, as `--scale` factors.
LEVELS = {
    "half the insulin receptors": {"INSR": 0.5},
    "a weaker mTORC1 → IRS1 feedback (15 %)": {"diabetes": 0.15},
    "half the GLUT4": {"SLC2A4": 0.5},
}
ALL_THREE = "all three together"
DROP_WORDS = ("it does not change", "by less than half", "by about half", "by more than half")


@functools.cache
def level_ratios() -> dict[str, dict[str, float]]:
    """Change -> readout -> its value at DOSE nM and MINUTES against the normal cell's (1.0 = unchanged)."""
    normal = dose_response("normal", [DOSE], MINUTES).readouts
    changes = {**LEVELS, ALL_THREE: {key: value for level in LEVELS.values() for key, value in level.items()}}
    ratios = {}
    for name, scales in changes.items():
        changed = dose_response("normal", [DOSE], MINUTES, adipocyte_perturbation(scales)).readouts
        ratios[name] = {readout: changed[readout][0] / normal[readout][0] for readout in normal}
    return ratios


def _drop_words(ratio: float) -> str:
    drop = 1 - ratio
    if abs(drop) < 0.02:
        return DROP_WORDS[0]
    return DROP_WORDS[1] if drop < 0.4 else DROP_WORDS[2] if drop <= 0.6 else DROP_WORDS[3]


@functools.cache
def model_questions() -> tuple[dict, ...]:
    """The quiz's model questions as Question fields (id, text, options, answer, explanation, node)."""
    ratios = level_ratios()
    where = f"at {DOSE:g} nM insulin after {MINUTES:g} minutes"
    try_it = "Try it on the Dynamics page, tab 'Inside a fat cell'."
    receptors = ratios["half the insulin receptors"]["AKT2"]
    glut4 = ratios["half the GLUT4"]
    worst = min(LEVELS, key=lambda name: ratios[name]["AKT2"])
    return (
        {
            "id": "dynamics_half_receptors_akt2",
            "text": "Predict, then run: in the fat-cell model, halving the insulin receptors lowers AKT2 activation…",
            "options": DROP_WORDS,
            "answer": _drop_words(receptors),
            "explanation": f"AKT2 falls to {receptors:.0%} of normal {where}: the chain after the receptor does "
            f"not follow it one to one, and half the receptors still pass on most of the signal. {try_it}",
            "node": "INSR",
        },
        {
            "id": "dynamics_worst_single_change",
            "text": "Predict, then run: which one change of the diabetic fat cells lowers AKT2 activation most?",
            "options": tuple(LEVELS),
            "answer": worst,
            "explanation": f"{worst[:1].upper()}{worst[1:]} lowers AKT2 most: AKT2 activation is "
            + ", ".join(f"{ratios[name]['AKT2']:.0%} of normal with {name}" for name in LEVELS)
            + f", {where} (the Brännmark 2013 model). {try_it}",
            "node": "AKT2",
        },
        {
            "id": "dynamics_half_glut4",
            "text": "Predict, then run: with half the GLUT4, what happens to AKT2 activation and to glucose uptake?",
            "options": (
                "both fall",
                "AKT2 is unchanged, glucose uptake falls",
                "AKT2 falls, glucose uptake is unchanged",
                "neither changes",
            ),
            "answer": (
                ("both fall" if glut4["AKT2"] < 0.98 else "AKT2 is unchanged, glucose uptake falls")
                if glut4["glucose_uptake"] < 0.98
                else (
                    "AKT2 falls, glucose uptake is unchanged" if glut4["AKT2"] < 0.98 else "neither changes"
                )
            ),
            "explanation": f"AKT2 stays at {glut4['AKT2']:.0%} of normal and glucose uptake falls to "
            f"{glut4['glucose_uptake']:.0%} {where}: GLUT4 is at the end of the chain, so the signal above it "
            f"is untouched. {try_it}",
            "node": "SLC2A4",
        },
    )
