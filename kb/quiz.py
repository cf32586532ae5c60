"""A quiz for students, drawn from the knowledge base: every answer is read off the curated data.

Questions are built from templates over the whole map (every signed step, every compartment, every
cause's level of break, the regulators of key nodes, what-if predictions), each with a level of
difficulty. A quiz is played in short rounds drawn at random: each round mixes kinds of question at
the student's level, which rises after a good round and falls after a poor one.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kb.graph import pathway_steps, signed_path
from kb.index import KnowledgeIndex
from kb.simulate import Perturbation, simulate

__all__ = [
    "LEVELS",
    "ROUND_SIZE",
    "Question",
    "Round",
    "build_quiz",
    "draw_round",
    "next_level",
]

ROUND_SIZE = 5
LEVELS = {1: "the main steps", 2: "brakes, causes and where things happen", 3: "predicting what follows"}
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
BREAK_LEVEL_NAMES = {
    "fewer_receptors": "fewer insulin receptors",
    "receptor_signalling": "the receptor's own signalling",
    "intracellular_signalling": "signalling inside the cell, after the receptor",
}
# Losses and gains asked about in what-if questions, and the outcomes asked about.
PERTURBATIONS: list[tuple[str, Perturbation]] = [
    ("INSR", "loss"), ("IRS1", "loss"), ("pi3k", "loss"), ("PTEN", "loss"), ("AKT2", "loss"),
    ("TBC1D4", "loss"), ("FOXO1", "loss"), ("PTPN1", "loss"), ("chronic_inflammation", "gain"),
    ("obesity", "gain"), ("physical_inactivity", "gain"), ("gsk3", "loss"),
]  # fmt: skip
OUTCOMES = ["glucose_uptake", "glycogen_synthesis", "gluconeogenesis", "hyperglycaemia", "lipogenesis"]
# (target, sign): "Which of these acts directly on TARGET to ...?"
REGULATOR_TARGETS = [("IRS1", "inhibits"), ("pip3", "inhibits"), ("INSR", "inhibits"), ("AKT2", "activates")]
COMPARTMENT_NODES = ["INSR", "SLC2A4", "FOXO1", "pip3", "insulin", "SREBF1", "IRS1", "RAB10", "PPARG", "AKT2"]


@dataclass(frozen=True)
class Question:
    """One multiple-choice question: its answer, a short explanation, more detail on request, the node
    that explains it, its kind and its level (1 easiest)."""

    id: str
    text: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    node: str
    kind: str = "sign"
    level: int = 1
    detail: str = ""


def _name(index: KnowledgeIndex, node_id: str) -> str:
    """A node's short label as written mid-sentence: common words in lower case, symbols as they are."""
    label = index.nodes[node_id].short_label
    if index.nodes[node_id].genes or label[1:2].isupper() or label[1:2].isdigit():
        return label
    return label[:1].lower() + label[1:]


def _sign_questions(index: KnowledgeIndex) -> list[Question]:
    """'Does A activate or inhibit B?' for every step of the map between two named molecules or processes."""
    questions = []
    sections = pathway_steps(index.kb)
    for number, (_, edges) in enumerate(sections):
        for edge in edges:
            if edge.feedback or index.nodes[edge.target].kind == "syndrome":
                continue
            a, b = _name(index, edge.source), _name(index, edge.target)
            questions.append(
                Question(
                    id=f"sign_{edge.source}_{edge.target}",
                    text=f"Does {a} activate or inhibit {b}?",
                    options=("activates", "inhibits"),
                    answer=edge.sign,
                    explanation=f"{a[:1].upper()}{a[1:]} {edge.sign} {b}.",
                    detail=f"How: {edge.mechanism}.",
                    node=edge.target,
                    kind="sign",
                    level=1 if number == 0 else 2,
                )
            )
    return questions


def _compartment_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for node_id in COMPARTMENT_NODES:
        if node_id not in index.nodes:
            continue
        node = index.nodes[node_id]
        answer = COMPARTMENT_NAMES[node.compartment]
        questions.append(
            Question(
                id=f"compartment_{node_id}",
                text=f"Where in the cell is {_name(index, node_id)} found (as drawn on the map)?",
                options=tuple(COMPARTMENT_NAMES.values()),
                answer=answer,
                explanation=f"{node.label} is {answer}.",
                detail=node.summary,
                node=node_id,
                kind="compartment",
                level=1 if node_id in COMPARTMENT_NODES[:5] else 2,
            )
        )
    return questions


def _break_level_questions(index: KnowledgeIndex) -> list[Question]:
    """'At which level does CAUSE break the signal at TARGET?' for every edge that names its level."""
    questions = []
    for edge in index.kb.edges:
        if edge.break_level is None:
            continue
        cause, target = _name(index, edge.source), _name(index, edge.target)
        answer = BREAK_LEVEL_NAMES[edge.break_level]
        questions.append(
            Question(
                id=f"break_{edge.source}_{edge.target}",
                text=f"Where does the effect of {cause} on {target} break the insulin signal?",
                options=tuple(BREAK_LEVEL_NAMES.values()),
                answer=answer,
                explanation=f"At the level of {answer}.",
                detail=f"How: {edge.mechanism}.",
                node=edge.target,
                kind="break_level",
                level=2,
            )
        )
    return questions


def _simulation_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for perturbed, change in PERTURBATIONS:
        if perturbed not in index.nodes:
            continue
        result = simulate({perturbed: change})
        for outcome in OUTCOMES:
            direction = result.effects[outcome]
            if direction == "ambiguous":
                continue
            path = result.paths.get(outcome, {}).get(direction, [])
            route = signed_path(index, path)
            verb = "is lost" if change == "loss" else "is increased"
            outcome_name = _name(index, outcome)
            questions.append(
                Question(
                    id=f"simulate_{perturbed}_{change}_{outcome}",
                    text=f"If {_name(index, perturbed)} {verb}, what happens to {outcome_name}?",
                    options=tuple(DIRECTION_NAMES.values()),
                    answer=DIRECTION_NAMES[direction],
                    explanation=f"It {DIRECTION_NAMES[direction]}.",
                    detail=(
                        f"The map's path: {route}."
                        if route
                        else "No path in the map leads from one to the other."
                    ),
                    node=outcome,
                    kind="what_if",
                    level=3,
                )
            )
    return questions


def _regulator_questions(index: KnowledgeIndex) -> list[Question]:
    questions = []
    for target, sign in REGULATOR_TARGETS:
        if target not in index.nodes:
            continue
        correct = sorted(edge.source for edge in index.edges_in.get(target, []) if edge.sign == sign)
        if not correct:
            continue
        acting = {edge.source for edge in index.edges_in[target]}
        distractors = [node.id for node in index.kb.nodes if node.id not in acting and node.id != target]
        # Fixed distractors for a fixed question: nodes that do not act on the target, spread through the list.
        chosen = [distractors[(len(distractors) * k) // 3 + 1] for k in range(3)]
        answer = index.nodes[correct[0]].short_label
        options = tuple(sorted([answer, *(index.nodes[node].short_label for node in chosen)]))
        verb = "switch it on" if sign == "activates" else "block it"
        others = ", ".join(index.nodes[node].short_label for node in correct[1:])
        questions.append(
            Question(
                id=f"regulator_{target}_{sign}",
                text=f"Which of these acts directly on {index.nodes[target].short_label} to {verb}?",
                options=options,
                answer=answer,
                explanation=f"{answer} {sign} {index.nodes[target].short_label}.",
                detail=f"Others that do so on the map: {others}." if others else "",
                node=correct[0],
                kind="regulator",
                level=2,
            )
        )
    return questions


def build_quiz(index: KnowledgeIndex) -> list[Question]:
    """Every question the quiz can ask, in a fixed order; rounds are drawn from these."""
    return [
        *_sign_questions(index),
        *_compartment_questions(index),
        *_break_level_questions(index),
        *_regulator_questions(index),
        *_simulation_questions(index),
        *_dynamics_questions(),
    ]


def _dynamics_questions() -> list[Question]:
    """Predict, then run: questions answered by the fat-cell model (see kb.dynamics.lessons), asked at the
    top level since they ask for a prediction before the run."""
    from kb.dynamics.lessons import model_questions

    questions = []
    for shared in model_questions():
        fields = dict(shared)
        # The short answer first (what the run shows); why, and where to try it, on request.
        text = fields.pop("explanation")
        separator = ": " if ": " in text else ". "
        short, _, rest = text.partition(separator)
        detail = rest[:1].upper() + rest[1:]
        questions.append(
            Question(**fields, explanation=short.rstrip(".") + ".", detail=detail, kind="model", level=3)
        )
    return questions


@dataclass(frozen=True)
class Round:
    """One round of the quiz: its number, level and questions."""

    number: int
    level: int
    questions: tuple[Question, ...] = field(default_factory=tuple)


def draw_round(
    questions: Sequence[Question],
    level: int,
    rng: random.Random,
    asked: Iterable[str] = (),
    size: int = ROUND_SIZE,
) -> list[Question]:
    """`size` questions drawn at random: most at `level`, one from each neighbouring level, kinds mixed
    (each kind in turn); none asked before while unasked ones remain; a level that runs short is filled
    from the nearest levels."""
    asked = set(asked)
    pool = [question for question in questions if question.id not in asked] or list(questions)
    neighbours = [other for other in (level - 1, level + 1) if other in LEVELS]
    quota = {level: size - len(neighbours), **dict.fromkeys(neighbours, 1)}
    chosen: list[Question] = []
    for wanted, count in quota.items():
        chosen += _mixed([q for q in pool if q.level == wanted], count, rng)
    for distance in sorted({abs(question.level - level) for question in pool}):
        if len(chosen) >= size:
            break
        spare = [q for q in pool if abs(q.level - level) == distance and q not in chosen]
        chosen += _mixed(spare, size - len(chosen), rng)
    rng.shuffle(chosen)
    return sorted(chosen, key=lambda question: question.level)


def _mixed(candidates: list[Question], count: int, rng: random.Random) -> list[Question]:
    """Up to `count` of `candidates` at random, taking each kind in turn so that kinds mix."""
    candidates = list(candidates)
    rng.shuffle(candidates)
    kinds: dict[str, list[Question]] = {}
    for question in candidates:
        kinds.setdefault(question.kind, []).append(question)
    order = sorted(kinds)
    rng.shuffle(order)
    chosen: list[Question] = []
    while len(chosen) < count and any(kinds.values()):
        for kind in order:
            if kinds[kind] and len(chosen) < count:
                chosen.append(kinds[kind].pop())
    return chosen


def next_level(level: int, right: int, size: int = ROUND_SIZE) -> int:
    """The next round's level: up after a round mostly right, down after one mostly wrong."""
    if right >= size - 1:
        return min(level + 1, max(LEVELS))
    if right <= size // 2 - 1:
        return max(level - 1, min(LEVELS))
    return level
