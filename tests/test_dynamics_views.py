"""The Dynamics page's pieces without Streamlit: the map's value overlay, the charts, variants as amounts."""

from __future__ import annotations

import pytest

from components.dynamics_charts import dose_response_figure, time_course_figure
from components.dynamics_map import change_view, percent
from components.pathway_figure import pathway_figure
from kb.dynamics import adipocyte
from kb.dynamics.findings import combined, variant_scales
from kb.dynamics.readouts import node_changes
from kb.variants.findings import Finding


def finding(
    node: str, effect: str | None, zygosity: str = "heterozygous", known: str | None = "X_1"
) -> Finding:
    return Finding(
        gene=node, node=node, chrom="1", pos=1, ref="A", alt="G", rsid=None, genotype="0/1", zygosity=zygosity,
        phased=False, filter="PASS", known_variant=known, significance="pathogenic", effect=effect, name=None,
    )  # fmt: skip


def test_the_map_is_coloured_by_each_nodes_change_against_normal(index):
    """Diabetic against normal: bound nodes filled and labelled by their change, the others white."""
    normal = adipocyte.dose_response("normal", [1.0], 10.0)
    diabetic = adipocyte.dose_response("diabetic", [1.0], 10.0)
    changes = node_changes(diabetic, normal, 1.0, "adipocyte")
    assert changes["SLC2A4"] == pytest.approx(-0.5, rel=1e-6)
    assert changes["AKT2"] < -0.5
    view = change_view(changes, dict.fromkeys(changes, "readout"), frozenset({"INSR"}))
    figure = pathway_figure(index, view)
    nodes = next(trace for trace in figure.data if trace.name == "nodes")
    colour = dict(zip(nodes.customdata, nodes.marker.color, strict=True))
    assert colour["AKT2"] == "#D55E00" and colour["PTEN"] == "#FFFFFF"
    hover = dict(zip(nodes.customdata, nodes.hovertext, strict=True))
    assert percent(changes["AKT2"]) in hover["AKT2"]
    labels = [text for trace in figure.data if trace.mode == "text" for text in (trace.text or ())]
    assert "\u221250 %" in labels
    assert {trace.name for trace in figure.data} >= {"down by more than half", "not in the model"}


def test_charts_carry_one_trace_per_curve():
    """Dose-response on a log axis and time course, one named trace per curve."""
    curves = {"Normal": adipocyte.dose_response("normal", [0.1, 1.0], 10.0)}
    figure = dose_response_figure(curves, "AKT2", "AKT2", "%", 1.0)
    assert figure.layout.xaxis.type == "log" and [trace.name for trace in figure.data] == ["Normal"]
    course = time_course_figure({"Normal": adipocyte.time_course("normal", 1.0, 5.0)}, "AKT2", "AKT2", "%")
    assert course.data[0].x[-1] == 5.0


def test_variants_become_amounts_only_where_the_effect_is_known():
    """Loss of function: half per copy (none with two); gain: one and a half; risk or uncurated: nothing."""
    scales = variant_scales(
        [
            finding("AKT2", "loss_of_function"),
            finding("INSR", "loss_of_function", "homozygous_alternate"),
            finding("IRS1", "gain_of_function"),
            finding("TBC1D4", "dominant_negative"),
            finding("SLC2A4", "risk"),
            finding("AKT2", "loss_of_function", known=None),
            finding("PTEN", "loss_of_function"),
        ]
    )
    assert {(scale.node, scale.factor) for scale in scales} == {
        ("AKT2", 0.5), ("INSR", 1e-6), ("IRS1", 1.5), ("TBC1D4", 0.25),
    }  # fmt: skip
    assert combined([*scales, *variant_scales([finding("AKT2", "loss_of_function")])])["AKT2"] == 0.25


def test_a_run_the_solver_cannot_do_falls_back_to_the_normal_cell():
    """A SimulationError under the student's settings becomes a message and the normal curve, not a crash."""
    from components.dynamics_runs import settings_run
    from kb.dynamics.sbml import SimulationError

    def fails():
        raise SimulationError(
            "the solver could not integrate the model under these conditions (CV_CONV_FAILURE)"
        )

    assert settings_run(fails, "normal") == "normal"
    assert settings_run(lambda: "yours", "normal", changed=False) == "normal"
    assert settings_run(lambda: "yours", "normal") == "yours"
