"""The shared vocabularies: each written once, complete, and consistent with the knowledge base's schema."""

from __future__ import annotations

from typing import get_args

from components.text import escape_markdown
from kb.index import KnowledgeIndex
from kb.schema import Explanations, Implication, Variant
from kb.variants.priority import PRIORITY_LABELS
from kb.vocabulary import (
    AUDIENCE_NAMES,
    GRADE_ORDER,
    GRADES,
    LIFESTYLE_CAUSES,
    PRIORITIES,
    Audience,
    ImplicationGrade,
    Significance,
    grade_name,
    strongest_grade,
)


def test_every_priority_is_named_and_coloured_and_uncertain_is_grey():
    """Each priority of the rule has a name, a legend group and colours; priorities sharing a group share its
    colours, groups differ in colour, and what is neither curated nor protein-changing is grey."""
    assert set(get_args(Variant.model_fields["significance"].annotation)) == set(get_args(Significance))
    assert list(PRIORITIES) == list(range(1, 8)) == sorted(PRIORITY_LABELS)
    by_group: dict[str, set[tuple[str, str]]] = {}
    for style in PRIORITIES.values():
        by_group.setdefault(style.group, set()).add((style.colour, style.badge))
    assert all(len(colours) == 1 for colours in by_group.values())
    assert len({colour for colours in by_group.values() for colour, _ in colours}) == len(by_group)
    assert PRIORITIES[6].badge == PRIORITIES[7].badge == "gray"
    assert PRIORITIES[1].badge == "red"


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
