"""Plain language for patients: reading grade 8 or below, and no diagnosis or medication instruction."""

from __future__ import annotations

import re

import pytest
import textstat

from kb.handout import handout_text, patient_handout
from kb.index import knowledge_index
from kb.schema import Node, Variant
from kb.variants.annotate import annotate_path
from tests.conftest import DATA

KB = knowledge_index().kb
IMPLICATION_OWNERS: list[Node | Variant] = [*KB.nodes, *KB.variants]
PATIENT_TEXTS = (
    [(f"node {node.id}", node.explanations.patient) for node in KB.nodes]
    + [
        (f"tour {tour.id} {number}", step.narration.patient)
        for tour in KB.tours
        for number, step in enumerate(tour.steps)
    ]
    + [(f"variant {variant.id}", variant.patient_summary) for variant in KB.variants]
    + [
        (f"implication {owner.id} {number}", implication.plain)
        for owner in IMPLICATION_OWNERS
        for number, implication in enumerate(owner.implications)
    ]
    + [(f"limit {limit.id}", limit.plain) for limit in KB.limits]
)
FORBIDDEN = re.compile(
    r"\byou (have|are diagnosed with|suffer from) (type 2 )?(diabetes|insulin resistance|prediabetes|a disease)\b"
    r"|\b(stop|start|change|double|skip|reduce|increase) (taking |your )?(dose|doses|medication|medicine|medicines|insulin|metformin|pills?)\b"
    r"|\bdiagnos(e|es|is) you\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(("where", "text"), PATIENT_TEXTS, ids=[where for where, _ in PATIENT_TEXTS])
def test_patient_text_reads_at_grade_8_or_below(where, text):
    """Flesch-Kincaid grade of each patient-register text is 8 or below."""
    assert textstat.flesch_kincaid_grade(text) <= 8, f"{where} reads above grade 8: {text}"


@pytest.mark.parametrize(("where", "text"), PATIENT_TEXTS, ids=[where for where, _ in PATIENT_TEXTS])
def test_patient_text_neither_diagnoses_nor_prescribes(where, text):
    """No patient text tells a person they have a disease or to change their medication."""
    assert not FORBIDDEN.search(text), f"{where}: {text}"


@pytest.mark.parametrize("with_findings", [False, True])
def test_handout_reads_at_grade_8_or_below(with_findings):
    """The whole handout, with and without findings, reads at grade 8 or below and neither diagnoses nor prescribes."""
    report = annotate_path(DATA / "variants" / "hg38_chr_windows.vcf") if with_findings else None
    text = handout_text(patient_handout(knowledge_index(), report))
    assert textstat.flesch_kincaid_grade(text) <= 8
    assert not FORBIDDEN.search(text)
