"""The quiz: short rounds drawn at random, immediate feedback linked to the node, a score kept across
rounds, and a level that follows how the student does."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field

import streamlit as st

from components.node_detail import node_link
from kb.index import KnowledgeIndex
from kb.quiz import LEVELS, ROUND_SIZE, Question, draw_round, next_level

__all__ = [
    "QUIZ_KEY",
    "QuizState",
    "current_round",
    "new_round",
    "question_card",
    "round_summary",
    "scoreboard",
]

QUIZ_KEY = "quiz_state"


@dataclass
class QuizState:
    """One student's quiz in this session: the round's questions, answers, score and level."""

    seed: int
    level: int = 1
    number: int = 1
    round_ids: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    right: int = 0
    answered: int = 0

    def rng(self) -> random.Random:
        """The random draw of this round: fixed by the session's seed and the round, so reruns keep it."""
        return random.Random(f"{self.seed}-{self.number}")


def _state() -> QuizState:
    if QUIZ_KEY not in st.session_state:
        st.session_state[QUIZ_KEY] = QuizState(seed=secrets.randbits(32))
    return st.session_state[QUIZ_KEY]


def current_round(questions: list[Question]) -> list[Question]:
    """The questions of the round being played, drawn when it starts."""
    state = _state()
    by_id = {question.id: question for question in questions}
    if not state.round_ids or any(question_id not in by_id for question_id in state.round_ids):
        drawn = draw_round(questions, state.level, state.rng(), state.asked)
        state.round_ids = [question.id for question in drawn]
        state.asked += state.round_ids
    return [by_id[question_id] for question_id in state.round_ids]


def new_round(restart: bool = False) -> None:
    """Start the next round at the level the last one earned (or start the quiz again)."""
    state = _state()
    if restart:
        st.session_state[QUIZ_KEY] = QuizState(seed=secrets.randbits(32))
        return
    right = sum(1 for question_id in state.round_ids if state.answers.get(question_id) == "right")
    state.level = next_level(state.level, right, len(state.round_ids) or ROUND_SIZE)
    state.number += 1
    state.round_ids = []
    state.answers = {}


def scoreboard() -> None:
    """Round, level and the score over every round so far."""
    state = _state()
    round_column, level_column, score_column = st.columns(3)
    round_column.metric("Round", state.number)
    level_column.metric(
        "Level", f"{state.level} of {len(LEVELS)}", help=f"Level {state.level}: {LEVELS[state.level]}"
    )
    score_column.metric(
        "Score", f"{state.right} / {state.answered}", help="Right answers out of all answered"
    )


def question_card(index: KnowledgeIndex, number: int, question: Question) -> None:
    """One question: choose, check, and read whether it was right and why (more on request)."""
    state = _state()
    with st.container(border=True):
        st.markdown(f"**{number}. {question.text}**")
        answered = state.answers.get(question.id)
        choice = st.radio(
            "Your answer", question.options, index=None, key=f"quiz_{question.id}", label_visibility="collapsed",
            disabled=answered is not None, horizontal=len(question.options) <= 4,
        )  # fmt: skip

        def check() -> None:
            chosen = st.session_state.get(f"quiz_{question.id}")
            if chosen is None or question.id in state.answers:
                return
            correct = chosen == question.answer
            state.answers[question.id] = "right" if correct else "wrong"
            state.answered += 1
            state.right += correct

        if answered is None:
            st.button("Check", key=f"quiz_check_{question.id}", disabled=choice is None, on_click=check)
            return
        if answered == "right":
            st.success(f"Right. {question.explanation}", icon=":material/check_circle:")
        else:
            st.error(
                f"Not quite: the answer is “{question.answer}”. {question.explanation}",
                icon=":material/cancel:",
            )
        if question.detail:
            with st.expander("Why? More detail"):
                st.markdown(question.detail)
                node_link(index, question.node, label=f"Read about {index.nodes[question.node].label}")
        else:
            node_link(index, question.node, label=f"Read about {index.nodes[question.node].label}")


def round_summary(questions: list[Question]) -> bool:
    """After the last answer of a round: how it went and what comes next. True once the round is done."""
    state = _state()
    if any(question.id not in state.answers for question in questions):
        return False
    right = sum(1 for question in questions if state.answers[question.id] == "right")
    coming = next_level(state.level, right, len(questions))
    change = "harder" if coming > state.level else "easier" if coming < state.level else "at the same level"
    st.info(f"Round {state.number}: {right} of {len(questions)} right. The next round is {change}.")
    return True
