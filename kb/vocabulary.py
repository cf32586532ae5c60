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
    "GRADES",
    "GRADE_ORDER",
    "LIFESTYLE_CAUSES",
    "PRIORITIES",
    "Audience",
    "GradeStyle",
    "ImplicationGrade",
    "LifestyleCause",
    "PriorityStyle",
    "Significance",
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


@dataclass(frozen=True)
class PriorityStyle:
    """How a finding's priority (the rule is kb.variants.priority; 1 = look at it first) is named and coloured."""

    label: str  # the priority's own name
    group: str  # its group in the map's ring legend: priorities that share a colour share a group
    colour: str  # the map's ring colour
    badge: str  # Streamlit's badge colour name


# Grey for what is neither curated nor changes the protein: never coloured as if its effect were known.
PRIORITIES: dict[int, PriorityStyle] = {
    1: PriorityStyle("curated: pathogenic", "curated pathogenic", "#D55E00", "red"),
    2: PriorityStyle("curated: risk or protective", "curated risk or protective", "#E69F00", "orange"),
    3: PriorityStyle("likely loss of a syndrome gene", "likely protein loss", "#CC79A7", "violet"),
    4: PriorityStyle("likely protein loss", "likely protein loss", "#CC79A7", "violet"),
    5: PriorityStyle("protein change", "protein change", "#0072B2", "blue"),
    6: PriorityStyle("untranslated or splice region", "non-coding or not curated", "#7F7F7F", "gray"),
    7: PriorityStyle("intronic or flanking", "non-coding or not curated", "#7F7F7F", "gray"),
}


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
# Keyed by plain text (grades are read from data); a test checks it covers ImplicationGrade.
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
