"""A quiz for students, drawn from the knowledge base: every answer is read off the curated data.

Questions are built from fixed templates over chosen nodes and edges, so the same quiz comes out every
time and a change in the knowledge base changes the answers with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.index import KnowledgeIndex
from kb.simulate import Perturbation, simulate

__all__ = ["Question", "build_quiz"]

COMPARTMENT_NAMES = {
    "extracellular": "outside the cell",
    "plasma_membrane": "in the plasma membrane",
    "cytoplasm": "in the cytoplasm",
    "glut4_vesicle": "in GLUT4 storage vesicles",
    "nucleus": "in the nucleus",
}
DIRECTION_NAMES = {
    "up": "goes up",
    "down": "goes down",
    "unchanged": "does not change",
    "ambiguous": "paths disagree",
}

# (source, target) pairs asked about as "activates or inhibits?"
SIGN_QUESTIONS = [
    ("insulin", "INSR"), ("AKT2", "TBC1D4"), ("AKT2", "FOXO1"), ("PTEN", "pip3"), ("pi3k", "pip3"),
    ("AKT2", "gsk3"), ("MAPK8", "IRS1"), ("TBC1D4", "RAB10"), ("PTPN1", "INSR"), ("mtorc1", "SREBF1"),
]  # fmt: skip
COMPARTMENT_QUESTIONS = ["INSR", "SLC2A4", "FOXO1", "pip3", "insulin", "SREBF1"]
# (perturbed node, kind of change, outcome asked about)
SIMULATION_QUESTIONS: list[tuple[str, Perturbation, str]] = [
    ("INSR", "loss", "glucose_uptake"),
    ("INSR", "loss", "gluconeogenesis"),
    ("PTEN", "loss", "glucose_uptake"),
    ("chronic_inflammation", "gain", "glucose_uptake"),
    ("AKT2", "loss", "glycogen_synthesis"),
]
# (target, sign): "Which of these acts directly on TARGET to ...?"
REGULATOR_QUESTIONS = [("IRS1", "inhibits"), ("pip3", "inhibits"), ("PRKCQ", "activates")]


@dataclass(frozen=True)
class Question:
    """One multiple-choice question, its answer, and the node that explains it."""

    id: str
    text: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    node: str


def _sign_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for source, target in SIGN_QUESTIONS:
        edge = next(edge for edge in index.edges_out[source] if edge.target == target)
        a, b = index.nodes[source].short_label, index.nodes[target].short_label
        questions.append(
            Question(
                id=f"sign_{source}_{target}",
                text=f"Does {a} activate or inhibit {b}?",
                options=("activates", "inhibits"),
                answer=edge.sign,
                explanation=f"{a} {edge.sign} {b}: {edge.mechanism}.",
                node=target,
            )
        )
    return questions


def _compartment_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for node_id in COMPARTMENT_QUESTIONS:
        node = index.nodes[node_id]
        answer = COMPARTMENT_NAMES[node.compartment]
        questions.append(
            Question(
                id=f"compartment_{node_id}",
                text=f"Where in the cell is {node.short_label} found (as drawn on the map)?",
                options=tuple(COMPARTMENT_NAMES.values()),
                answer=answer,
                explanation=f"{node.label} is {answer}. {node.summary}",
                node=node_id,
            )
        )
    return questions


def _simulation_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for perturbed, change, outcome in SIMULATION_QUESTIONS:
        result = simulate({perturbed: change})
        direction = result.effects[outcome]
        path = result.paths.get(outcome, {}).get(direction, [])
        route = " → ".join(index.nodes[node].short_label for node in path)
        verb = "is lost" if change == "loss" else "is increased"
        questions.append(
            Question(
                id=f"simulate_{perturbed}_{change}_{outcome}",
                text=f"If {index.nodes[perturbed].short_label} {verb}, what happens to {index.nodes[outcome].short_label.lower()}?",
                options=tuple(DIRECTION_NAMES.values()),
                answer=DIRECTION_NAMES[direction],
                explanation=f"It {DIRECTION_NAMES[direction]}"
                + (f", by the path {route}." if route else "."),
                node=outcome,
            )
        )
    return questions


def _regulator_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for target, sign in REGULATOR_QUESTIONS:
        correct = sorted(edge.source for edge in index.edges_in[target] if edge.sign == sign)
        acting = {edge.source for edge in index.edges_in[target]}
        distractors = [node.id for node in index.kb.nodes if node.id not in acting and node.id != target]
        # Deterministic distractors: nodes that do not act on the target at all, spread through the list.
        chosen = [distractors[(len(distractors) * k) // 3 + 1] for k in range(3)]
        answer = index.nodes[correct[0]].short_label
        options = tuple(sorted([answer, *(index.nodes[node].short_label for node in chosen)]))
        verb = "switch it on" if sign == "activates" else "block it"
        questions.append(
            Question(
                id=f"regulator_{target}_{sign}",
                text=f"Which of these acts directly on {index.nodes[target].short_label} to {verb}?",
                options=options,
                answer=answer,
                explanation=f"{answer} {sign} {index.nodes[target].short_label}.",
                node=correct[0],
            )
        )
    return questions


def build_quiz(index: KnowledgeIndex) -> list[Question]:
    """Every question of the quiz, in a fixed order."""
    return [
        *_sign_questions(index),
        *_compartment_questions(index),
        *_simulation_questions(index),
        *_regulator_questions(index),
        *_dynamics_questions(),
    ]


def _dynamics_questions() -> list[Question]:
    """Predict, then run: questions answered by the fat-cell model (see kb.dynamics.lessons)."""
    from kb.dynamics.lessons import model_questions

    return [Question(**fields) for fields in model_questions()]
