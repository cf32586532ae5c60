"""The quiz's questions and rounds, without Streamlit."""

from __future__ import annotations

import random

import pytest

from kb.quiz import LEVELS, ROUND_SIZE, build_quiz, draw_round, next_level


@pytest.fixture(scope="module")
def questions(index):
    """Every question the quiz can ask."""
    return build_quiz(index)


def test_every_question_has_its_answer_among_the_options_and_a_known_node(index, questions):
    """Answers are among the choices, ids unique, each question explained by a node of the map."""
    assert len({question.id for question in questions}) == len(questions)
    for question in questions:
        assert question.answer in question.options, question.id
        assert len(set(question.options)) == len(question.options), question.id
        assert question.node in index.nodes and question.level in LEVELS, question.id
        assert question.explanation and len(question.explanation) < 200, question.id


def test_sign_answers_are_the_edges_signs(index, questions):
    """'Activates or inhibits' is answered by the edge's own sign."""
    signs = {f"sign_{edge.source}_{edge.target}": edge.sign for edge in index.kb.edges}
    sign_questions = [question for question in questions if question.kind == "sign"]
    assert len(sign_questions) > 50
    for question in sign_questions:
        assert question.answer == signs[question.id], question.id


def test_a_round_mixes_kinds_at_its_level_and_repeats_nothing(questions):
    """Rounds of five: mostly at the level, one from each neighbouring level, several kinds, no repeats."""
    rng = random.Random(7)
    asked: list[str] = []
    for level in (1, 2, 3, 2):
        drawn = draw_round(questions, level, rng, asked)
        assert len(drawn) == ROUND_SIZE
        assert len({question.kind for question in drawn}) >= 2, [q.kind for q in drawn]
        assert sum(question.level == level for question in drawn) >= ROUND_SIZE - 2
        assert not set(asked) & {question.id for question in drawn}
        asked += [question.id for question in drawn]


def test_rounds_are_random_but_repeatable_from_their_seed(questions):
    """Two seeds give different rounds; the same seed the same round."""
    first = [q.id for q in draw_round(questions, 1, random.Random("a"))]
    assert first == [q.id for q in draw_round(questions, 1, random.Random("a"))]
    assert first != [q.id for q in draw_round(questions, 1, random.Random("b"))]


def test_the_level_follows_the_score():
    """Four or five right: harder; two or fewer: easier; within the levels."""
    assert next_level(1, 5) == 2 and next_level(2, 4) == 3 and next_level(3, 5) == 3
    assert next_level(2, 3) == 2
    assert next_level(3, 1) == 2 and next_level(1, 0) == 1
