"""The published states' runs, cached at the UI edge: they depend only on dose and time, never on a person.

A run with the student's own settings is not cached: its factors may come from the person's variants,
which nothing may keep beyond their session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from kb.dynamics import adipocyte, meal
from kb.dynamics.readouts import DoseResponse, TimeCourse
from kb.errors import ProjectError

__all__ = ["published_dose_response", "published_meal", "published_time_course", "settings_run"]

Result = TypeVar("Result")

STATES = ("normal", "diabetic")


@st.cache_data(max_entries=64, show_spinner=False)
def published_dose_response(doses: tuple[float, ...], minutes: float) -> dict[str, DoseResponse]:
    """State -> the published cell's dose-response at `minutes`."""
    return {state: adipocyte.dose_response(state, doses, minutes) for state in STATES}


@st.cache_data(max_entries=64, show_spinner=False)
def published_time_course(dose: float, minutes: float) -> dict[str, TimeCourse]:
    """State -> the published cell's time course after `dose` nM."""
    return {state: adipocyte.time_course(state, dose, minutes) for state in STATES}


@st.cache_data(max_entries=4, show_spinner=False)
def published_meal() -> dict[str, TimeCourse]:
    """State -> plasma glucose and insulin after the meal."""
    return {state: meal.meal_time_course(state) for state in STATES}


def settings_run(compute: Callable[[], Result], fallback: Result, changed: bool = True) -> Result:
    """Run the student's settings (or, if nothing is changed, reuse `fallback`, the normal cell); if the
    solver cannot, say so and show `fallback`."""
    if not changed:
        return fallback
    try:
        return compute()
    except ProjectError as error:
        st.error(f"The model cannot run with these settings ({error}); showing the normal cell instead.")
        return fallback
