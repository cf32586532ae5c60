"""Quiz: test yourself on the pathway; every answer is checked against the knowledge base."""

import streamlit as st

from components.quiz_view import ANSWERS_KEY, question_card, score
from components.state import index
from kb.quiz import build_quiz

knowledge = index()
questions = build_quiz(knowledge)
st.title("Test yourself")
right, answered = score(questions)
st.metric("Score", f"{right} / {answered}", help=f"{len(questions)} questions in all")
for number, question in enumerate(questions, start=1):
    question_card(knowledge, number, question)
if st.button("Start again", key="quiz_reset", icon=":material/restart_alt:"):
    st.session_state.pop(ANSWERS_KEY, None)
    st.rerun()
