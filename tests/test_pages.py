"""AppTest: every page renders without an exception, and the pathway page behaves as people rely on."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT

PAGES = sorted(path.name for path in (ROOT / "pages").glob("*.py"))


@pytest.fixture(autouse=True)
def routed_by_app_py(monkeypatch):
    """Run pages through app.py's st.navigation, as serve.py makes the real server do.

    Without this, Streamlit treats pages/ as a legacy multipage folder and AppTest runs a switched-to
    page without app.py's router and sidebar.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def app_on(page: str, **query: str) -> AppTest:
    """The app, switched to `page` with the given query parameters, after one run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}")
    at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    """Smoke test: each page runs to the end with no exception."""
    at = app_on(page)
    assert not at.exception, at.exception


def test_sidebar_holds_audience_switch_and_disclaimer():
    """The audience switch and the educational-use disclaimer are on every page."""
    at = app_on("home.py")
    assert at.radio(key="audience").value == "student"
    assert any("For education only" in info.value for info in at.sidebar.info)


def test_a_lost_session_is_told_and_a_fresh_one_is_not():
    """A fresh session shows no reconnection notice; one that serve.py found lost says its findings are gone."""
    at = app_on("home.py")
    assert not any("reconnected to the server" in warning.value for warning in at.sidebar.warning)
    at.session_state["session_lost"] = True
    at.run()
    assert any("reconnected to the server" in warning.value for warning in at.sidebar.warning)


def headings(at: AppTest) -> list[str]:
    return [header.value for header in at.header]


def test_deep_link_selects_the_node():
    """/pathway?node=AKT2 opens with AKT2's detail under its heading."""
    at = app_on("pathway.py", node="AKT2")
    assert not at.exception
    assert "AKT2" in headings(at)
    assert any(sub.value == "What disrupts it" for sub in at.subheader)


def test_unknown_node_gets_a_clear_message_and_the_map():
    """An unknown id in the URL is named in a warning; the page still renders."""
    at = app_on("pathway.py", node="<script>NOPE</script>")
    assert not at.exception
    assert any("There is no node called" in warning.value for warning in at.warning)
    assert all("<script>" not in warning.value for warning in at.warning)


def test_audience_changes_the_explanation():
    """The same node reads differently for a patient and for a clinician."""
    at = app_on("pathway.py", node="INSR")
    student_text = [md.value for md in at.markdown]
    at.radio(key="audience").set_value("patient").run()
    patient_text = [md.value for md in at.markdown]
    assert any("lock" in text for text in patient_text)
    assert patient_text != student_text


def test_search_selects_the_best_match():
    """Typing 'glucose transporter' and pressing Enter selects GLUT4 (SLC2A4) and puts it in the URL."""
    at = app_on("pathway.py")
    at.text_input(key="pathway_search").input("glucose transporter").run()
    assert at.query_params["node"] == ["SLC2A4"] or at.query_params["node"] == "SLC2A4"
    assert "GLUT4 (SLC2A4)" in headings(at)


def test_other_matches_go_when_the_search_box_is_emptied():
    """Other matches are offered as buttons under the search box, and go when the box is emptied."""
    at = app_on("pathway.py")
    at.text_input(key="pathway_search").input("AKT").run()
    assert any(button.key and button.key.startswith("pathway_match_") for button in at.button)
    at.text_input(key="pathway_search").input("").run()
    assert not any(button.key and button.key.startswith("pathway_match_") for button in at.button)
    assert not at.warning


def test_connections_step_to_a_neighbour_without_cutting_text():
    """Each connection is a button naming the neighbour; the mechanism follows whole, as a sentence."""
    at = app_on("pathway.py", node="AKT2")
    step = next(button for button in at.button if button.key == "pathway_down_AKT2_TBC1D4")
    assert step.label == "↓ inhibits AS160"
    assert any(
        caption.value.startswith("Phosphorylates") and caption.value.endswith(".") for caption in at.caption
    )
    step.click().run()
    assert "AS160 (TBC1D4)" in headings(at) and at.query_params["node"] in (["TBC1D4"], "TBC1D4")


def test_a_click_on_the_map_selects_the_node():
    """A selection event from the chart (injected through session_state) selects that node."""
    at = app_on("pathway.py", node="INSR")
    at.session_state["pathway_map"] = {"selection": {"points": [{"customdata": "PTEN"}], "point_indices": []}}
    at.run()
    assert not at.exception
    assert "PTEN" in headings(at)


def test_a_click_answers_without_redrawing_the_map():
    """A click changes the detail but sends the same figure (plotly marks the clicked node itself, and a
    changed figure would make the browser rebuild the chart); clearing the selection redraws the map
    with the selected node marked."""
    import json

    at = app_on("pathway.py", node="INSR")
    before = at.get("plotly_chart")[0].proto
    at.session_state["pathway_map"] = {"selection": {"points": [{"customdata": "PTEN"}], "point_indices": []}}
    at.run()
    assert "PTEN" in headings(at)
    after = at.get("plotly_chart")[0].proto
    assert (after.id, after.spec) == (before.id, before.spec)
    at.session_state["pathway_map"] = {"selection": {"points": [], "point_indices": []}}
    at.run()
    redrawn = at.get("plotly_chart")[0].proto
    assert redrawn.id != before.id
    nodes = next(trace for trace in json.loads(redrawn.spec)["data"] if trace.get("name") == "nodes")
    assert [nodes["customdata"][point] for point in nodes["selectedpoints"]] == ["PTEN"]


def test_insulin_resistant_view_and_focus_render():
    """Both view switches render the map without error."""
    at = app_on("pathway.py", node="IRS1")
    at.toggle(key="pathway_insulin_resistant").set_value(True).run()
    at.toggle(key="pathway_focus").set_value(True).run()
    assert not at.exception
    assert "IRS1" in headings(at)


def test_break_levels_mode_names_the_three_levels():
    """ "Where the signal breaks" colours the causes' edges and lists which cause breaks it at which level."""
    at = app_on("pathway.py", node="INSR")
    at.toggle(key="pathway_break_levels").set_value(True).run()
    assert not at.exception
    text = " ".join(md.value for md in at.markdown)
    assert "① Fewer receptors" in text and "② The receptor signals less" in text
    assert "③ Signalling inside the cell is impaired" in text and "PKCθ on IRS1" in text
    import json

    names = {trace.get("name") for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    assert "① fewer receptors" in names and "③ signalling inside the cell" in names


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    """Upload a file on /variants and press Read."""
    at.file_uploader(key="variants_upload").upload(name, content).run()
    at.button(key="variants_read").click().run()
    return at


def test_variants_upload_shows_findings_and_marks_the_map():
    """Uploading a VCF lists the findings; the pathway map then holds the person's findings for its nodes."""
    at = app_on("variants.py")
    content = (DATA / "variants" / "hg38_chr_windows.vcf").read_bytes()
    upload(at, "patient.vcf", content)
    assert not at.exception
    assert [metric.value for metric in at.metric][0] == "5"
    report = at.session_state["variants_report"]
    assert {finding.node for finding in report.findings} >= {"PPARG", "TNF", "IL6", "AKT2"}
    at.switch_page("pages/pathway.py")
    at.query_params["node"] = "AKT2"
    at.run()
    assert not at.exception
    assert any(sub.value == "Your variants here" for sub in at.subheader)
    assert any("no care change can be drawn" in md.value for md in at.markdown)


def test_variants_bad_upload_is_an_error_message_not_a_crash():
    """An image renamed .vcf gets one st.error and the page keeps working."""
    at = app_on("variants.py")
    upload(at, "photo.vcf", b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert not at.exception
    assert len(at.error) == 1 and "PNG image" in at.error[0].value
    assert "variants_report" not in at.session_state


def test_variants_undetected_build_is_asked_about_plainly():
    """A VCF that shows no build: the page asks which build it is on, with what each signal said, and the
    reading's warnings name the app's Genome build choice, not the CLI's --build."""
    content = b"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n5\t1000\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n"
    at = upload(app_on("variants.py"), "nobuild.vcf", content)
    assert not at.exception
    warnings = [warning.value for warning in at.warning]
    assert any(
        "Which genome build is this file on?" in warning and "known markers" in warning
        for warning in warnings
    )
    assert any('"Genome build"' in warning for warning in warnings)
    assert not any("--build" in warning for warning in warnings)


def test_variants_typed_entry():
    """Typing 'PPARG p.Pro12Ala' places the curated variant."""
    at = app_on("variants.py")
    at.text_area(key="variants_typed").input("PPARG p.Pro12Ala\nrs999999999")
    form_button = next(button for button in at.button if "Place on the pathway" in str(button.label))
    form_button.click().run()
    assert not at.exception
    report = at.session_state["variants_report"]
    assert [finding.known_variant for finding in report.findings] == ["PPARG_P12A"]
    assert any("not a variant the knowledge base curates" in warning.value for warning in at.warning)


def test_hostile_sample_name_is_shown_as_text():
    """A sample name carrying markdown and HTML is escaped where the summary shows it."""
    hostile = "![x](http://evil.example/a.png)<script>alert(1)</script>"
    content = (DATA / "variants" / "hg38_chr_windows.vcf").read_bytes().replace(b"NA12878", hostile.encode())
    at = upload(app_on("variants.py"), "hostile.vcf", content)
    assert not at.exception
    shown = [md.value for md in at.markdown if "Sample" in md.value]
    assert shown and "![x](http" not in shown[0] and "<script>" not in shown[0]


def test_what_if_default_predicts_insr_loss():
    """The what-if page starts from loss of INSR and says glucose uptake goes down, with its path."""
    at = app_on("what_if.py")
    assert not at.exception
    summary = " ".join(md.value for md in at.markdown)
    assert "**Glucose uptake** goes down" in summary and "INSR → IRS1" in summary
    # Inhibition is written with the map's own T-bar sign, never as an arrow.
    assert "AKT2 ⊣ FOXO1" in summary and "AKT2 → FOXO1" not in summary


def test_what_if_patient_register_has_no_paths():
    """For a patient the prediction is plain words without pathway paths."""
    at = app_on("what_if.py")
    at.radio(key="audience").set_value("patient").run()
    summary = " ".join(md.value for md in at.markdown)
    assert "**Glucose uptake** goes down." in summary and "→" not in summary


def test_tour_deep_link_and_next():
    """/tours?tour=...&step=2 opens step 2; Next moves to step 3 and the URL follows."""
    at = app_on("tours.py", tour="meal_to_glucose_uptake", step="2")
    assert not at.exception
    assert "Insulin binds its receptor" in headings(at)
    at.button(key="tour_next").click().run()
    assert "IRS proteins recruit PI3K, which makes PIP3" in headings(at)
    assert at.query_params["step"] in (["3"], "3")


def _quiz_round(at: AppTest):
    from kb.index import knowledge_index
    from kb.quiz import build_quiz

    by_id = {question.id: question for question in build_quiz(knowledge_index())}
    return [by_id[question_id] for question_id in at.session_state["quiz_state"].round_ids]


def _answer(at: AppTest, question, right: bool) -> None:
    choice = (
        question.answer if right else next(option for option in question.options if option != question.answer)
    )
    at.radio(key=f"quiz_{question.id}").set_value(choice).run()
    at.button(key=f"quiz_check_{question.id}").click().run()


def test_quiz_feedback_and_score():
    """A right answer is praised briefly, a wrong one corrected; detail waits behind "Why?"; the score
    counts both."""
    at = app_on("quiz.py")
    first, second, *_ = _quiz_round(at)
    _answer(at, first, right=True)
    _answer(at, second, right=False)
    assert not at.exception
    assert any(success.value.startswith("Right.") for success in at.success)
    assert any(f"the answer is “{second.answer}”" in error.value for error in at.error)
    assert at.metric[2].value == "1 / 2"


def test_quiz_rounds_grow_harder_and_keep_the_score():
    """Five questions a round, drawn at random; a perfect round makes the next one harder; the score
    runs on across rounds and no question comes back while others are unasked."""
    at = app_on("quiz.py")
    questions = _quiz_round(at)
    assert len(questions) == 5 and len({question.kind for question in questions}) >= 2
    for question in questions:
        _answer(at, question, right=True)
    assert any("next round is harder" in info.value for info in at.info)
    at.button(key="quiz_next").click().run()
    assert at.metric[1].value == "2 of 3" and at.metric[2].value == "5 / 5"
    following = _quiz_round(at)
    assert not {question.id for question in following} & {question.id for question in questions}
    assert sum(question.level for question in following) > sum(question.level for question in questions)


def test_handout_page_with_and_without_findings():
    """The handout page renders alone and, after an upload, offers the clinician summary."""
    at = app_on("handout.py")
    assert not at.exception and not any(sub.value == "For the clinician" for sub in at.subheader)
    at = upload(app_on("variants.py"), "p.vcf", (DATA / "variants" / "hg38_chr_windows.vcf").read_bytes())
    at.switch_page("pages/handout.py").run()
    assert not at.exception
    assert any(sub.value == "For the clinician" for sub in at.subheader)


def test_limits_page_lists_the_limits():
    """Limits and privacy shows every limit from the knowledge base and the app's data statement."""
    at = app_on("limits.py")
    titles = [sub.value for sub in at.subheader]
    assert "Most variants are of uncertain significance" in titles
    assert "What this app does with your data" in titles


def test_knowledge_page_shows_the_three_levels_of_signal_breaking():
    """The knowledge page has a tab with the three levels, each listing the curated causes that act there."""
    at = app_on("references.py")
    assert not at.exception, at.exception
    titles = [sub.value for sub in at.subheader]
    assert titles[-3:] == [
        "1. Fewer receptors",
        "2. Impaired receptor signalling",
        "3. Abnormal intracellular signalling",
    ]
    limits = app_on("limits.py")
    assert "Bringing genetics into routine care is still hard" in [sub.value for sub in limits.subheader]


def test_clinician_sees_grades_patient_sees_plain_words():
    """Care implications: graded for the clinician, plain with 'talk to your clinician' for the patient."""
    at = app_on("pathway.py", node="PTEN")
    at.radio(key="audience").set_value("clinician").run()
    assert any("guideline" in md.value and "Referral." in md.value for md in at.markdown)
    at.radio(key="audience").set_value("patient").run()
    assert any("Talk to your clinician" in caption.value for caption in at.caption)
    assert not any("Referral." in md.value for md in at.markdown)


def test_a_failing_page_shows_an_error_on_that_page_only(monkeypatch):
    """A component that raises gives an error message on its page; the app and other pages keep working."""
    import components.explorer

    def broken(index):
        raise RuntimeError("secret rs1801282 0/1 from a file")

    monkeypatch.setattr(components.explorer, "explorer", broken)
    at = app_on("explore.py")
    assert not at.exception
    assert len(at.error) == 1 and "RuntimeError" in at.error[0].value
    assert "rs1801282" not in at.error[0].value, "the message never quotes data"
    at.switch_page("pages/home.py").run()
    assert not at.exception and not at.error


def test_map_widget_identity_is_stable_from_the_first_run():
    """Regression: Streamlit added 'responsive' to a shared config, changing the chart's identity after the
    first run, so the first click after a server start was lost. The identity must not change."""
    from components.pathway_map import PLOTLY_CONFIG

    before = dict(PLOTLY_CONFIG)
    at = app_on("pathway.py", node="INSR")
    first = at.get("plotly_chart")[0].proto.id
    at.run()
    assert at.get("plotly_chart")[0].proto.id == first
    assert before == PLOTLY_CONFIG, "the shared config must not be changed by rendering"


def test_image_export_format_can_be_svg():
    """Choosing SVG makes the map's camera button save SVG; PNG is the default."""
    at = app_on("pathway.py", node="INSR")
    chart = at.get("plotly_chart")[0]
    assert '"format": "png"' in chart.proto.config
    at.radio(key="pathway_image_format").set_value("svg").run()
    assert '"format": "svg"' in at.get("plotly_chart")[0].proto.config


def dynamics_traces(at: AppTest, key: str) -> dict[str, list]:
    """The named traces' y values of one of the Dynamics page's charts."""
    import json

    chart = next(chart for chart in at.get("plotly_chart") if chart.proto.id and key in chart.proto.id)
    return {trace["name"]: trace["y"] for trace in json.loads(chart.proto.spec)["data"] if "name" in trace}


def test_dynamics_says_it_is_a_model_of_averages_and_starts_normal():
    """The page warns it is not about the visitor; untouched sliders draw 'your settings' on the normal cell."""
    at = app_on("dynamics.py")
    assert not at.exception
    assert any("not of you" in warning.value for warning in at.warning)
    traces = dynamics_traces(at, "dynamics_dose_chart")
    assert traces["Your settings"] == traces["Normal"] != traces["Diabetic (published)"]


def test_dynamics_three_levels_rebuild_the_diabetic_cell():
    """Receptors 50 %, feedback 15 %, GLUT4 50 %: 'your settings' meets the published diabetic curve and
    the page names where the signal fails."""
    at = app_on("dynamics.py")
    at.slider(key="dynamics_receptor").set_value(50)
    at.slider(key="dynamics_feedback").set_value(15)
    at.slider(key="dynamics_glut4").set_value(50).run()
    assert not at.exception
    traces = dynamics_traces(at, "dynamics_dose_chart")
    assert traces["Your settings"] == pytest.approx(traces["Diabetic (published)"], rel=1e-3)
    assert any("Where the signal fails" in md.value and "AKT2" in md.value for md in at.markdown)


def test_dynamics_knock_down_of_another_protein_moves_the_curve():
    """Choosing mTORC1 and setting it to 0 % lowers AKT2 in 'your settings' (the model's positive loop)."""
    at = app_on("dynamics.py")
    at.selectbox(key="dynamics_node").set_value("mtorc1").run()
    at.slider(key="dynamics_node_amount").set_value(0).run()
    assert not at.exception
    traces = dynamics_traces(at, "dynamics_dose_chart")
    assert max(traces["Your settings"]) < 0.5 * max(traces["Normal"])


def test_dynamics_a_variant_with_known_effect_can_seed_the_cell():
    """A curated loss-of-function finding on AKT2 offers a toggle; on, AKT2 runs at half its amount."""
    from kb.variants.findings import Finding
    from kb.variants.report import AnnotationReport

    finding = Finding(
        gene="AKT2", node="AKT2", chrom="19", pos=40236000, ref="C", alt="T", rsid=None, genotype="0/1",
        zygosity="heterozygous", phased=False, filter="PASS", known_variant="AKT2_R274H",
        significance="pathogenic", effect="loss_of_function", name="p.Arg274His",
    )  # fmt: skip
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.session_state["variants_report"] = AnnotationReport(
        build="GRCh38", build_source="test", sample=None, records_read=1, findings=[finding]
    )
    at.switch_page("pages/dynamics.py")
    at.run()
    before = dynamics_traces(at, "dynamics_dose_chart")["Your settings"]
    at.toggle(key="dynamics_from_findings").set_value(True).run()
    assert not at.exception
    after = dynamics_traces(at, "dynamics_dose_chart")["Your settings"]
    assert max(after) < max(before)
    assert any("p.Arg274His" in caption.value for caption in at.caption)
