"""Quiz: test yourself in short rounds; every answer is checked against the knowledge base."""

import streamlit as st

from components.quiz_view import current_round, new_round, question_card, round_summary, scoreboard
from components.state import index
from kb.quiz import build_quiz

knowledge = index()
st.title("Test yourself")
st.caption("Rounds of five questions drawn at random. Do well and the next round is harder.")
questions = current_round(build_quiz(knowledge))
scoreboard()
for number, question in enumerate(questions, start=1):
    question_card(knowledge, number, question)
if round_summary(questions):
    st.button(
        "Next round", key="quiz_next", type="primary", icon=":material/arrow_forward:", on_click=new_round
    )
st.button("Start again", key="quiz_reset", icon=":material/restart_alt:", on_click=new_round, args=(True,))
