"""AppTest: the findings page, node details and typed entries as a clinician uses them with a 304-finding file."""

from __future__ import annotations

from tests.findings_fixture import exome_like_vcf
from tests.test_pages import app_on, routed_by_app_py, upload  # noqa: F401 (the fixture is used by name)


def _uploaded():
    at = upload(app_on("variants.py"), "exome.vcf", exome_like_vcf())
    assert not at.exception
    return at


def _texts(at) -> list[str]:
    return [element.value for element in [*at.markdown, *at.caption]]


def test_findings_page_opens_with_what_counts():
    """The page leads with the counts by kind and the curated and truncating findings, in that order."""
    at = _uploaded()
    texts = _texts(at)
    summary = next(text for text in texts if text.startswith("**304 findings in pathway genes:**"))
    assert "2 curated, 3 protein-truncating or splice-site" in summary
    first_cards = [text for text in texts if "badge[" in text][:4]
    assert "PPARG" in first_cards[0] and all(
        any(gene in card for card in first_cards[1:]) for gene in ("TBC1D4", "INSR", "AKT2")
    )
    assert any("304 finding(s)" in caption.value for caption in at.sidebar.caption)


def test_table_filters_by_node_and_by_query_parameter():
    """Choosing a node (or arriving with ?node=) filters the ranked table to that node's findings."""
    at = _uploaded()
    report = at.session_state["variants_report"]
    expected = len(report.findings_by_node()["INSR"])
    at.multiselect(key="variants_filter_node").set_value(["INSR"]).run()
    assert any(f"{expected:,} of 304 findings" in caption.value for caption in at.caption)
    at.multiselect(key="variants_filter_node").set_value([]).run()
    at.multiselect(key="variants_filter_priority").set_value([3]).run()
    assert any("2 of 304 findings" in caption.value for caption in at.caption)


def test_typed_entries_are_added_and_merged_with_a_suggestion():
    """Typed after an upload: the variant the file holds is merged, a typo gets 'did you mean', the count
    everywhere stays right."""
    at = _uploaded()
    at.text_area(key="variants_typed").input("rs1801282\nPPARG p.Pro12Ala\nrs1801283")
    next(button for button in at.button if "Place on the pathway" in str(button.label)).click().run()
    assert not at.exception
    report = at.session_state["variants_report"]
    assert len(report.findings) == 304
    assert any("Did you mean rs1801282" in warning.value for warning in at.warning)
    assert any("duplicate entries were merged" in warning.value for warning in at.warning)
    assert any("304 finding(s)" in caption.value for caption in at.sidebar.caption)
    at.radio(key="variants_typed_mode").set_value("Replace them")
    at.text_area(key="variants_typed").input("rs1800629")
    next(button for button in at.button if "Place on the pathway" in str(button.label)).click().run()
    assert [finding.known_variant for finding in at.session_state["variants_report"].findings] == [
        "TNF_rs1800629"
    ]


def test_node_detail_puts_what_counts_first_and_counts_the_rest():
    """INSR's detail shows the frameshift in full and collapses its other findings into a count with a link
    to the findings table filtered to INSR."""
    at = _uploaded()
    report = at.session_state["variants_report"]
    others = len(report.findings_by_node()["INSR"]) - 1
    at.switch_page("pages/pathway.py")
    at.query_params["node"] = "INSR"
    at.run()
    assert not at.exception
    texts = _texts(at)
    assert any("c\\.1000del" in text and "priority 3" in text for text in texts)
    assert any(text.startswith(f"Besides these, {others:,} other finding(s) here") for text in texts)


def test_a_file_without_findings_says_so_plainly():
    """A file with no variant in a pathway gene gets one plain line, not an empty counts line, an empty
    ranking and '0 pathway nodes hit'."""
    records = "".join(f"1\t{1_000_000 + n}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n" for n in range(5))
    content = (
        "##fileformat=VCFv4.2\n##reference=GRCh38\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="GT">\n'
        f"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n{records}"
    ).encode()
    at = upload(app_on("variants.py"), "empty.vcf", content)
    assert not at.exception
    texts = _texts(at)
    assert "**No findings in pathway genes.**" in texts
    assert not any("pathway nodes hit" in text or "ranked highest" in text or ": ." in text for text in texts)
