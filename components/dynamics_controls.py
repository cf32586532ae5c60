"""The sliders of the Dynamics page: insulin dose, time, the three levels at which the signal breaks, and
the knock-down of any protein the fat-cell model holds; they return `--scale`-style factors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from kb.dynamics.findings import VariantScale
from kb.index import KnowledgeIndex

__all__ = [
    "DOSES",
    "FatCellSettings",
    "MealSettings",
    "fat_cell_controls",
    "meal_controls",
    "variant_seed_toggle",
]

DOSES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)
NONE = "(none)"
# The three levels of disruption: slider key, label, the `--scale` target, help, the diabetic cell's value.
LEVELS = (
    ("dynamics_receptor", "Insulin receptors (% of normal)", "INSR",
     "Fewer receptors: the first level at which the signal breaks.", 50),
    ("dynamics_feedback", "mTORC1 → IRS1 feedback strength (% of normal)", "diabetes",
     "The feedback from mTORC1 onto IRS1 Ser307 (reaction v2c): in the diabetic cells of the study it was "
     "weakened to 15 %.", 15),
    ("dynamics_glut4", "GLUT4 transporters (% of normal)", "SLC2A4",
     "Less GLUT4 protein: fewer transporters to move to the membrane.", 50),
)  # fmt: skip


@dataclass(frozen=True)
class FatCellSettings:
    """What the student set: dose (nM), minutes after insulin, readout to plot, and factors per target."""

    dose: float
    minutes: float
    readout: str
    scales: dict[str, float]


@dataclass(frozen=True)
class MealSettings:
    """Factors on the meal model's parameters."""

    scales: dict[str, float]


def _set_levels(values: Mapping[str, int]) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def fat_cell_controls(
    index: KnowledgeIndex, readouts: Mapping[str, str], amount_nodes: list[str]
) -> FatCellSettings:
    """Dose, time, readout, the three levels and one more knock-down; returns the settings."""
    dose = st.select_slider(
        "Insulin dose (nM)", options=DOSES, value=1.0, key="dynamics_dose",
        help="The dose the time course uses and the map is coloured at. 1 nM is a high physiological level.",
    )  # fmt: skip
    minutes = st.slider(
        "Minutes after insulin", min_value=1, max_value=60, value=10, key="dynamics_minutes",
        help="When the dose-response and the map are read.",
    )  # fmt: skip
    names = list(readouts)
    readout: str = st.selectbox(
        "Readout to plot", names, format_func=lambda name: readouts[name], key="dynamics_readout",
        index=names.index("AKT2") if "AKT2" in names else 0,
    )  # fmt: skip
    st.markdown("**Where the signal breaks** (the diabetic cells differ from normal in these three)")
    scales: dict[str, float] = {}
    for key, label, target, help_text, _ in LEVELS:
        value = st.slider(label, min_value=0, max_value=200, value=100, step=5, key=key, help=help_text)
        if value != 100:
            scales[target] = value / 100
    left, right = st.columns(2)
    left.button(
        "Make it diabetic", key="dynamics_set_diabetic", on_click=_set_levels,
        args=({key: diabetic for key, *_, diabetic in LEVELS},), width="stretch",
    )  # fmt: skip
    right.button(
        "Reset to normal", key="dynamics_reset", on_click=_set_levels,
        args=({**{key: 100 for key, *_ in LEVELS}, "dynamics_node_amount": 100},), width="stretch",
    )  # fmt: skip
    others = [node for node in amount_nodes if node not in {target for _, _, target, _, _ in LEVELS}]
    node = st.selectbox(
        "Knock down or raise another protein", [NONE, *others], key="dynamics_node",
        format_func=lambda node_id: node_id if node_id == NONE else index.nodes[node_id].label,
    )  # fmt: skip
    amount = st.slider(
        "Its amount (% of normal)", min_value=0, max_value=200, value=100, step=5, key="dynamics_node_amount",
        disabled=node == NONE, help="0 % is run as one millionth: an amount of exactly zero stops the solver.",
    )  # fmt: skip
    if node != NONE and amount != 100:
        scales[node] = amount / 100
    return FatCellSettings(dose=float(dose), minutes=float(minutes), readout=readout, scales=scales)


def variant_seed_toggle(index: KnowledgeIndex, seeds: list[VariantScale]) -> bool:
    """Offer to add the person's variants (curated effect on a protein the model holds); True if on."""
    if not seeds:
        return False
    on = st.toggle("Add my variants whose effect on the protein is known", key="dynamics_from_findings")
    lines = [
        f"- {index.nodes[seed.node].label}: {seed.variant} ({seed.zygosity.replace('_', ' ')}, "
        f"{seed.effect.replace('_', ' ')}) → amount × {seed.factor:g}"
        for seed in seeds
    ]
    st.caption(
        "The model knows amounts, not mutations, so each variant is turned into an amount by a rule of thumb: "
        "a copy that loses function halves the working protein, a dominant-negative copy leaves a quarter, a "
        "gain-of-function copy adds half. This is not a measurement of your protein.\n" + "\n".join(lines)
    )
    return on


def meal_controls() -> MealSettings:
    """Insulin sensitivity of muscle and fat, of the liver, and the size of the meal."""
    scales: dict[str, float] = {}
    for key, label, target, help_text in (
        ("dynamics_meal_tissue", "Insulin sensitivity of muscle and fat (% of normal)", "V_mX",
         "How strongly insulin raises glucose use by the tissues (V_mX)."),
        ("dynamics_meal_liver", "Insulin's hold on the liver (% of normal)", "k_p3",
         "How strongly insulin switches off the liver's glucose output (k_p3)."),
        ("dynamics_meal_size", "Size of the meal (% of 78 g glucose)", "D", "The glucose eaten."),
    ):  # fmt: skip
        # A meal of nothing has no stomach to empty: the model's emptying rate divides by the dose.
        lowest = 10 if target == "D" else 0
        value = st.slider(label, min_value=lowest, max_value=200, value=100, step=5, key=key, help=help_text)
        if value != 100:
            scales[target] = value / 100
    return MealSettings(scales=scales)
