"""The what-if view: choose losses and gains, see the predicted change everywhere, read why."""

from __future__ import annotations

import streamlit as st

from kb.graph import signed_path
from kb.index import KnowledgeIndex
from kb.simulate import Perturbation, SimulationResult
from kb.variants.report import AnnotationReport
from kb.vocabulary import Audience

__all__ = [
    "KEY_OUTCOMES",
    "findings_perturbations",
    "perturbation_picker",
    "prediction_summary",
    "signed_path",
]

KEY_OUTCOMES = [
    "glucose_uptake", "glycogen_synthesis", "gluconeogenesis", "lipogenesis", "hyperglycaemia",
    "hyperinsulinaemia", "type_2_diabetes", "fatty_liver", "dyslipidaemia", "hypertension", "cardiovascular_disease",
]  # fmt: skip
PLAIN_DIRECTION = {
    "student": {"up": "goes up", "down": "goes down", "ambiguous": "could go either way (paths disagree)"},
    "clinician": {
        "up": "predicted increased",
        "down": "predicted decreased",
        "ambiguous": "indeterminate (opposing paths)",
    },
    "patient": {"up": "goes up", "down": "goes down", "ambiguous": "might go up or down"},
}
# Variant effects that give a direction; risk and protective associations say nothing about mechanism.
EFFECT_TO_PERTURBATION: dict[str, Perturbation] = {
    "loss_of_function": "loss",
    "dominant_negative": "loss",
    "gain_of_function": "gain",
}


def findings_perturbations(index: KnowledgeIndex, report: AnnotationReport | None) -> dict[str, Perturbation]:
    """Node perturbations implied by the person's curated findings whose effect on the protein is known."""
    perturbations: dict[str, Perturbation] = {}
    for finding in report.findings if report else []:
        variant = index.variants.get(finding.known_variant) if finding.known_variant else None
        if variant is not None and variant.effect in EFFECT_TO_PERTURBATION:
            perturbations[finding.node] = EFFECT_TO_PERTURBATION[variant.effect]
    return perturbations


def perturbation_picker(
    index: KnowledgeIndex, start: dict[str, Perturbation], source: str = "default"
) -> dict[str, Perturbation]:
    """Two multiselects, knocked down and turned up, starting from `start`; returns node -> loss/gain.

    No "select all matches" entry: typing a name and pressing Enter picks that one node only.
    """
    options = sorted(index.nodes, key=lambda node_id: index.nodes[node_id].short_label.lower())
    label = {node_id: index.nodes[node_id].short_label for node_id in options}
    left, right = st.columns(2)
    with left:
        lost = st.multiselect(
            "Knock down (loss)", options, default=[n for n, p in start.items() if p == "loss"],
            format_func=label.__getitem__, key=f"what_if_loss_{source}", select_all=False,
        )  # fmt: skip
    with right:
        gained = st.multiselect(
            "Turn up (gain)", [o for o in options if o not in lost],
            default=[n for n, p in start.items() if p == "gain" and n not in lost],
            format_func=label.__getitem__, key=f"what_if_gain_{source}", select_all=False,
        )  # fmt: skip
    return {**{node: "loss" for node in lost}, **{node: "gain" for node in gained}}


def prediction_summary(index: KnowledgeIndex, result: SimulationResult, audience: Audience) -> None:
    """What happens to the outcomes people care about, with the path that explains each."""
    words = PLAIN_DIRECTION[audience]
    changed = [node for node in KEY_OUTCOMES if result.effects.get(node, "unchanged") != "unchanged"]
    if not changed:
        st.info("None of the main outcomes changes: the perturbation does not reach them in this map.")
        return
    lines = []
    for node in changed:
        direction = result.effects[node]
        label = index.nodes[node].label
        paths = result.paths.get(node, {})
        if audience == "patient":
            lines.append(f"- **{label}** {words[direction]}.")
            continue
        explained = "; ".join(
            signed_path(index, path) + f" ({path_direction})" for path_direction, path in paths.items()
        )
        lines.append(f"- **{label}** {words[direction]}: {explained}")
    st.markdown("\n".join(lines))
    if result.feedback:
        loops = ", ".join(signed_path(index, [a, b]) for a, b in result.feedback)
        st.caption(f"Feedback loops reached but not followed (they damp, not reverse, the change): {loops}.")
    st.caption(
        "A signed-graph prediction: it gives the direction of change, not its size, and it cannot weigh paths "
        "that disagree. Real effects depend on tissue, dose and time."
    )
