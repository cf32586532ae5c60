"""The closed vocabularies the whole project shares, each written once: values, order, names and colours.

The schema validates data against these `Literal`s; the CLI, the handout and the app's views name and colour
them from here, so a category, a grade or an audience cannot mean one thing in one view and another elsewhere.
Colours are Okabe-Ito (safe for colour-blind readers) for the map, and Streamlit's named badge colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "AUDIENCE_NAMES",
    "EVIDENCE_CATEGORIES",
    "GRADES",
    "GRADE_ORDER",
    "LIFESTYLE_CAUSES",
    "SIGNIFICANCE_CATEGORY",
    "Audience",
    "EvidenceCategory",
    "GradeStyle",
    "ImplicationGrade",
    "LifestyleCause",
    "Significance",
    "evidence_category",
    "grade_name",
    "strongest_grade",
]

# Who reads: each node's explanation, each tour step and each view is written for one of these registers.
Audience = Literal["student", "clinician", "patient"]
AUDIENCE_NAMES: dict[Audience, str] = {"student": "Student", "clinician": "Clinician", "patient": "Patient"}

# A curated variant's clinical significance, in ClinVar's terms.
Significance = Literal[
    "pathogenic",
    "likely_pathogenic",
    "risk_factor",
    "protective",
    "uncertain",
    "likely_benign",
    "benign",
]


@dataclass(frozen=True, order=True)
class EvidenceCategory:
    """A band of significance as the map and tables show it; a lower rank (sorted first) is stronger evidence."""

    rank: int
    label: str
    colour: str  # the map's ring colour
    badge: str  # Streamlit's badge colour name for the same band


# Strongest evidence first. Uncertain is grey: never coloured as if it were known.
EVIDENCE_CATEGORIES = (
    EvidenceCategory(0, "pathogenic or likely pathogenic", "#D55E00", "red"),
    EvidenceCategory(1, "risk factor or protective association", "#E69F00", "orange"),
    EvidenceCategory(2, "uncertain significance", "#7F7F7F", "gray"),
    EvidenceCategory(3, "benign or likely benign", "#0072B2", "blue"),
)
_PATHOGENIC, _ASSOCIATION, _UNCERTAIN, _BENIGN = EVIDENCE_CATEGORIES
# Keyed by plain text because findings carry significances read from files; a test checks it covers Significance.
SIGNIFICANCE_CATEGORY: dict[str, EvidenceCategory] = {
    "pathogenic": _PATHOGENIC,
    "likely_pathogenic": _PATHOGENIC,
    "risk_factor": _ASSOCIATION,
    "protective": _ASSOCIATION,
    "uncertain": _UNCERTAIN,
    "likely_benign": _BENIGN,
    "benign": _BENIGN,
}


def evidence_category(significance: str) -> EvidenceCategory:
    """The band a significance falls in; anything the knowledge base does not curate is uncertain."""
    return SIGNIFICANCE_CATEGORY.get(significance, _UNCERTAIN)


# How strong the evidence is behind a care implication, strongest first.
ImplicationGrade = Literal[
    "guideline", "replicated_association", "single_study", "expert_opinion", "no_evidence"
]


@dataclass(frozen=True)
class GradeStyle:
    """How a care grade is named and coloured."""

    name: str
    badge: str  # Streamlit's badge colour name


GRADE_ORDER: tuple[ImplicationGrade, ...] = get_args(ImplicationGrade)
# Keyed by plain text, like SIGNIFICANCE_CATEGORY; a test checks it covers ImplicationGrade.
GRADES: dict[str, GradeStyle] = {
    "guideline": GradeStyle("guideline", "green"),
    "replicated_association": GradeStyle("replicated association", "blue"),
    "single_study": GradeStyle("single study", "orange"),
    "expert_opinion": GradeStyle("expert opinion", "violet"),
    "no_evidence": GradeStyle("no evidence for a change in care", "gray"),
}


def strongest_grade(grades: Iterable[str]) -> ImplicationGrade:
    """The strongest care grade among `grades`; 'no_evidence' when there are none."""
    present = set(grades)
    return next((grade for grade in GRADE_ORDER if grade in present), "no_evidence")


def grade_name(grade: str) -> str:
    """A care grade in words."""
    style = GRADES.get(grade)
    return style.name if style else grade.replace("_", " ")


# The modifiable causes of insulin resistance (node ids): what the insulin-resistant view switches on and
# what the patient handout names as what a person can change.
LifestyleCause = Literal["obesity", "physical_inactivity", "poor_diet", "chronic_inflammation"]
LIFESTYLE_CAUSES: tuple[LifestyleCause, ...] = get_args(LifestyleCause)
