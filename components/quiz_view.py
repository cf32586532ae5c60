"""The quiz: one question at a time, immediate feedback linked to the node, and a running score."""

from __future__ import annotations

import streamlit as st

from components.node_detail import node_link
from kb.index import KnowledgeIndex
from kb.quiz import Question

__all__ = ["question_card", "score"]

ANSWERS_KEY = "quiz_answers"


def _answers() -> dict[str, str]:
    return st.session_state.setdefault(ANSWERS_KEY, {})


def question_card(index: KnowledgeIndex, number: int, question: Question) -> None:
    """One question: choose, check, and see whether it was right and why."""
    with st.container(border=True):
        st.markdown(f"**{number}. {question.text}**")
        answered = _answers().get(question.id)
        choice = st.radio(
            "Your answer", question.options, index=None, key=f"quiz_{question.id}", label_visibility="collapsed",
            disabled=answered is not None, horizontal=len(question.options) <= 4,
        )  # fmt: skip
        checked = answered is None and st.button(
            "Check", key=f"quiz_check_{question.id}", disabled=choice is None
        )
        if checked and choice is not None:
            _answers()[question.id] = choice
            st.rerun()
        if answered is not None:
            if answered == question.answer:
                st.success(f"Right. {question.explanation}", icon=":material/check_circle:")
            else:
                st.error(
                    f"Not quite: the answer is “{question.answer}”. {question.explanation}",
                    icon=":material/cancel:",
                )
            node_link(index, question.node, label=f"Read about {index.nodes[question.node].label}")


def score(questions: list[Question]) -> tuple[int, int]:
    """(right, answered) so far."""
    answers = _answers()
    right = sum(1 for question in questions if answers.get(question.id) == question.answer)
    return right, sum(1 for question in questions if question.id in answers)
