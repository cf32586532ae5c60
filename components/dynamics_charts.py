"""Plots of the kinetic models: dose-response and time courses, normal vs diabetic vs the student's cell.

Pure plotly, no streamlit, so that the figures can be tested alike.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import plotly.graph_objects as go

from kb.dynamics.readouts import DoseResponse, TimeCourse

__all__ = ["CURVE_STYLES", "dose_response_figure", "meal_figure", "time_course_figure"]

# Colour-blind-safe (Okabe-Ito) and told apart by dash too: normal, diabetic, the student's own settings.
CURVE_STYLES = {
    "Normal": ("#0072B2", "solid"),
    "Diabetic (published)": ("#D55E00", "dash"),
    "Your settings": ("#1f2937", "dot"),
}
HEIGHT = 330


def _layout(figure: go.Figure, title: str, x_title: str, y_title: str, log_x: bool = False) -> go.Figure:
    figure.update_layout(
        title={"text": html.escape(title), "x": 0.01, "font": {"size": 15}},
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        title_automargin=True,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"family": "sans-serif", "color": "#1f2937"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "font": {"size": 11}},
        hovermode="x unified",
        xaxis={"title": x_title, "type": "log" if log_x else "linear", "gridcolor": "#EEEEEE"},
        yaxis={"title": y_title, "gridcolor": "#EEEEEE", "rangemode": "tozero"},
    )
    return figure


def _line(name: str, x, y, marker: bool = False) -> go.Scatter:
    colour, dash = CURVE_STYLES.get(name, ("#555555", "solid"))
    return go.Scatter(
        x=list(x), y=list(y), name=name, mode="lines+markers" if marker else "lines",
        line={"color": colour, "dash": dash, "width": 2.5}, marker={"size": 6},
    )  # fmt: skip


def dose_response_figure(
    curves: Mapping[str, DoseResponse], readout: str, label: str, unit: str, dose: float | None = None
) -> go.Figure:
    """`readout` against the insulin dose (log scale) for each curve; a dotted line at the chosen dose."""
    minutes = next(iter(curves.values())).minutes
    figure = go.Figure(
        [
            _line(name, curve.insulin_nM, curve.readouts[readout], marker=True)
            for name, curve in curves.items()
        ]
    )
    if dose is not None:
        figure.add_vline(x=dose, line={"color": "#999999", "dash": "dot", "width": 1})
    return _layout(figure, f"{label}, {minutes:g} min after insulin", "insulin (nM)", unit, log_x=True)


def time_course_figure(curves: Mapping[str, TimeCourse], readout: str, label: str, unit: str) -> go.Figure:
    """`readout` over time after insulin is added, for each curve."""
    dose = next(iter(curves.values())).insulin_nM
    figure = go.Figure(
        [_line(name, curve.time_min, curve.readouts[readout]) for name, curve in curves.items()]
    )
    return _layout(figure, f"{label} after {dose:g} nM insulin", "minutes after insulin", unit)


def meal_figure(curves: Mapping[str, TimeCourse], readout: str, label: str, unit: str) -> go.Figure:
    """Plasma glucose or insulin over the hours after the meal, for each curve."""
    figure = go.Figure(
        [_line(name, curve.time_min, curve.readouts[readout]) for name, curve in curves.items()]
    )
    return _layout(figure, f"{label} after a meal", "minutes after the meal", unit)
