"""Dynamics: the published kinetic models of insulin signalling, run live beside the map."""

import streamlit as st

from components.dynamics_charts import dose_response_figure, meal_figure, time_course_figure
from components.dynamics_controls import DOSES, fat_cell_controls, meal_controls, variant_seed_toggle
from components.dynamics_map import change_view, percent
from components.dynamics_runs import (
    published_dose_response,
    published_meal,
    published_time_course,
    settings_run,
)
from components.pathway_figure import pathway_figure
from components.pathway_map import PLOTLY_CONFIG
from components.session_findings import current_report
from components.state import index
from kb.dynamics import adipocyte, meal
from kb.dynamics.findings import combined, variant_scales
from kb.dynamics.readouts import bindings_of, model_entry, node_changes

knowledge = index()
st.title("Dynamics: the signal in numbers")
st.caption(
    "The map says which way a change goes; these published models say how much, how fast and at what "
    "insulin dose. Move a slider and the curves and the map follow."
)
st.warning(
    "These are models of averages, not of you. The fat-cell model describes one cell type (human fat cells "
    "studied in a dish), fitted to cells from a few dozen people; the meal model describes an average adult. "
    "Neither predicts what happens in your body.",
    icon=":material/science:",
)
cell_tab, meal_tab = st.tabs(["Inside a fat cell", "After a meal"])

with cell_tab:
    bindings = bindings_of("adipocyte")
    readouts = {binding.readout: binding.label for binding in bindings}
    amount_nodes = [binding.node for binding in bindings if binding.forms]
    controls, results = st.columns([1, 3])
    with controls:
        settings = fat_cell_controls(knowledge, readouts, amount_nodes)
        report = current_report()
        seeds = variant_scales(report.findings) if report is not None else []
        scales = dict(settings.scales)
        if variant_seed_toggle(knowledge, seeds):
            for node, factor in combined(seeds).items():
                scales[node] = scales.get(node, 1.0) * factor
    change = adipocyte.adipocyte_perturbation(scales)
    minutes, dose = settings.minutes, settings.dose
    published = published_dose_response(DOSES, minutes)
    responses = {
        "Normal": published["normal"],
        "Diabetic (published)": published["diabetic"],
        "Your settings": settings_run(
            lambda: adipocyte.dose_response("normal", DOSES, minutes, change),
            published["normal"],
            bool(change),
        ),
    }
    published_courses = published_time_course(dose, 60.0)
    courses = {
        "Normal": published_courses["normal"],
        "Diabetic (published)": published_courses["diabetic"],
        "Your settings": settings_run(
            lambda: adipocyte.time_course("normal", dose, 60.0, change),
            published_courses["normal"],
            bool(change),
        ),
    }
    binding = next(binding for binding in bindings if binding.readout == settings.readout)
    name = knowledge.nodes[binding.node].short_label
    with results:
        dose_chart, time_chart = st.columns(2)
        dose_chart.plotly_chart(
            dose_response_figure(responses, binding.readout, name, binding.unit, dose),
            key="dynamics_dose_chart", config=dict(PLOTLY_CONFIG), width="stretch",
        )  # fmt: skip
        time_chart.plotly_chart(
            time_course_figure(courses, binding.readout, name, binding.unit),
            key="dynamics_time_chart", config=dict(PLOTLY_CONFIG), width="stretch",
        )  # fmt: skip
        st.caption(f"{name}: {binding.label} ({binding.unit}).")
        changes = node_changes(responses["Your settings"], responses["Normal"], dose, "adipocyte")
        labels = {binding.node: binding.label for binding in bindings}
        view = change_view(changes, labels, frozenset(node for node in scales if node in knowledge.nodes))
        fallen = sorted((change, node) for node, change in changes.items() if change <= -0.1)
        if fallen:
            worst = ", ".join(
                f"{knowledge.nodes[node].short_label} {percent(change)}" for change, node in fallen
            )
            st.markdown(
                f"**Where the signal fails** (your settings against normal, {dose:g} nM, {minutes:g} min): {worst}."
            )
        else:
            st.markdown(f"**No readout is down by more than 10 %** at {dose:g} nM after {minutes:g} min.")
        st.plotly_chart(
            pathway_figure(knowledge, view, height=620), key="dynamics_map", config=dict(PLOTLY_CONFIG),
            width="stretch",
        )  # fmt: skip
        st.caption(
            "Coloured nodes are the proteins and steps the model holds, by their change against the normal cell; "
            f"white ones are not in it. Model: {model_entry('adipocyte').scope}"
        )

with meal_tab:
    controls, charts = st.columns([1, 2.5])
    with controls:
        meal_settings = meal_controls()
    meal_change = meal.meal_perturbation(meal_settings.scales)
    published_meals = published_meal()
    curves = {
        "Normal": published_meals["normal"],
        "Diabetic (published)": published_meals["diabetic"],
        "Your settings": settings_run(
            lambda: meal.meal_time_course("normal", change=meal_change),
            published_meals["normal"],
            bool(meal_change),
        ),
    }
    with charts:
        for binding in bindings_of("meal"):
            st.plotly_chart(
                meal_figure(curves, binding.readout, binding.label, binding.unit),
                key=f"dynamics_meal_{binding.readout}", config=dict(PLOTLY_CONFIG), width="stretch",
            )  # fmt: skip
        fasting = curves["Diabetic (published)"].readouts["plasma_glucose"][0]
        st.caption(
            f"Model: {model_entry('meal').scope} The diabetic curves use the paper's published type 2 diabetes "
            "parameters; the fasting values those need were not published with them and are worked out from "
            f"the model itself ({fasting:.0f} mg/dl glucose), so treat the diabetic start as approximate."
        )
