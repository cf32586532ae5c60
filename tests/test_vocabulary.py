"""The shared vocabularies: each written once, complete, and consistent with the knowledge base's schema."""

from __future__ import annotations

from typing import get_args

from components.text import escape_markdown
from kb.index import KnowledgeIndex
from kb.schema import Explanations, Implication, Variant
from kb.vocabulary import (
    AUDIENCE_NAMES,
    EVIDENCE_CATEGORIES,
    GRADE_ORDER,
    GRADES,
    LIFESTYLE_CAUSES,
    SIGNIFICANCE_CATEGORY,
    Audience,
    ImplicationGrade,
    Significance,
    evidence_category,
    grade_name,
    strongest_grade,
)


def test_every_significance_falls_in_one_band_and_unknown_is_uncertain():
    """Each ClinVar-style significance has an evidence band; anything else is uncertain, never coloured as known."""
    assert set(SIGNIFICANCE_CATEGORY) == set(get_args(Significance))
    assert set(get_args(Variant.model_fields["significance"].annotation)) == set(get_args(Significance))
    assert [category.rank for category in EVIDENCE_CATEGORIES] == sorted(
        category.rank for category in EVIDENCE_CATEGORIES
    )
    assert len({category.colour for category in EVIDENCE_CATEGORIES}) == len(EVIDENCE_CATEGORIES)
    assert evidence_category("pathogenic") < evidence_category("risk_factor") < evidence_category("benign")
    assert evidence_category("not in the knowledge base") == evidence_category("uncertain")
    assert evidence_category("uncertain").badge == "gray"


def test_every_care_grade_is_named_and_ordered_strongest_first():
    """The schema's grades are the vocabulary's, each with a name and a badge colour, strongest first."""
    assert set(get_args(Implication.model_fields["grade"].annotation)) == set(get_args(ImplicationGrade))
    assert set(GRADES) == set(GRADE_ORDER) == set(get_args(ImplicationGrade))
    assert GRADE_ORDER[0] == "guideline" and GRADE_ORDER[-1] == "no_evidence"
    assert strongest_grade(["single_study", "replicated_association"]) == "replicated_association"
    assert strongest_grade([]) == "no_evidence"
    assert grade_name("no_evidence") == "no evidence for a change in care"


def test_audiences_are_the_explanation_registers():
    """Every audience the app offers has an explanation register in the schema, and nothing else does."""
    assert set(AUDIENCE_NAMES) == set(get_args(Audience)) == set(Explanations.model_fields)


def test_lifestyle_causes_are_cause_nodes(index: KnowledgeIndex):
    """The modifiable causes are nodes of the map, of kind cause."""
    for cause in LIFESTYLE_CAUSES:
        assert index.nodes[cause].kind == "cause", cause


def test_markdown_escaper_cuts_only_when_asked():
    """File text is cut at the limit; a citation (limit None) is escaped whole."""
    long = "a_" * 300
    assert escape_markdown(long).endswith("…")
    assert escape_markdown(long, limit=None) == long.replace("_", "\\_")
