"""The printable patient handout and the clinician summary: content from the knowledge base, as HTML or PDF.

The handout is plain language (reading grade 8 or below, checked by the test suite) and fits one page.
Everything that came from a person's file is escaped in HTML and written as plain text in PDF.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from fpdf import FPDF

from kb.index import KnowledgeIndex
from kb.variants.build import BUILD_SOURCE_LABELS
from kb.variants.evidence import significance_label
from kb.variants.report import AnnotationReport
from kb.vocabulary import LIFESTYLE_CAUSES, grade_name

__all__ = [
    "DISCLAIMER",
    "Handout",
    "clinician_summary_pdf",
    "handout_html",
    "handout_pdf",
    "handout_text",
    "patient_handout",
]

DISCLAIMER = (
    "This handout is for learning. It is not a diagnosis and not medical advice. "
    "Talk to your doctor or nurse before you change anything about your care."
)
QUESTIONS = [
    "Should I have a blood sugar test, such as an HbA1c or a glucose test?",
    "What is a healthy weight goal for me?",
    "What kind of activity is safe for me, and how much?",
    "Do my blood pressure and cholesterol need checking?",
    "Do any of my gene results change my care, or are they uncertain?",
]
MAX_FINDINGS = 6


@dataclass
class Handout:
    """The handout's content, independent of how it is printed."""

    title: str
    sections: list[tuple[str, list[str]]]
    findings: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=lambda: list(QUESTIONS))
    disclaimer: str = DISCLAIMER


def _patient(index: KnowledgeIndex, node_id: str) -> str:
    return index.nodes[node_id].explanations.patient


def _finding_lines(index: KnowledgeIndex, report: AnnotationReport | None) -> list[str]:
    if report is None or not report.findings:
        return [
            "No gene results were added. For most people, weight, activity and food matter more than genes.",
        ]
    lines = []
    curated_seen = set()
    uncertain = 0
    for finding in report.findings:
        variant = index.variants.get(finding.known_variant) if finding.known_variant else None
        if variant is None:
            uncertain += 1
            continue
        if variant.id in curated_seen:
            continue
        curated_seen.add(variant.id)
        plain = " ".join(implication.plain for implication in variant.implications[:1])
        lines.append(f"{variant.gene} {variant.name}: {variant.patient_summary} {plain}".strip())
    lines = lines[:MAX_FINDINGS]
    if uncertain:
        lines.append(
            f"{uncertain} other gene change(s) in these genes are not well studied. We do not know what they do. "
            "They should not change your care."
        )
    return lines


def patient_handout(index: KnowledgeIndex, report: AnnotationReport | None = None) -> Handout:
    """The one-page handout, with the person's findings if a report is given."""
    sections = [
        (
            "What is insulin resistance?",
            [
                _patient(index, "insulin"),
                "In insulin resistance, your cells do not listen well to insulin. Sugar stays in the blood. "
                "Your pancreas then has to make more insulin.",
            ],
        ),
        (
            "What makes it worse, and what you can change",
            [_patient(index, node) for node in LIFESTYLE_CAUSES],
        ),
        (
            "Why it matters",
            [_patient(index, node) for node in ("type_2_diabetes", "cardiovascular_disease")],
        ),
        ("Your gene results", _finding_lines(index, report)),
    ]
    return Handout(title="Insulin resistance: what it is and what helps", sections=sections)


def handout_text(handout: Handout) -> str:
    """All the handout's words, as plain text (for reading-level checks and accessibility)."""
    parts = [handout.title]
    for heading, paragraphs in handout.sections:
        parts.append(heading)
        parts.extend(paragraphs)
    parts.append("Questions to ask your clinician")
    parts.extend(handout.questions)
    parts.append(handout.disclaimer)
    return "\n".join(parts)


_PRINT_CSS = """
body { font-family: sans-serif; font-size: 14px; line-height: 1.45; color: #111; max-width: 46em; margin: 1.5em auto; }
h1 { font-size: 22px; margin-bottom: 0.2em; } h2 { font-size: 16px; margin: 1em 0 0.3em; color: #0b4f7c; }
p, li { margin: 0.25em 0; } .note { border-top: 1px solid #999; margin-top: 1.2em; padding-top: 0.5em; font-size: 12px; }
@media print { body { margin: 0; font-size: 12px; } @page { size: A4; margin: 15mm; } }
"""


def handout_html(handout: Handout) -> str:
    """A standalone, printable HTML page (no external resources); all text is escaped."""
    body = [f"<h1>{html.escape(handout.title)}</h1>"]
    for heading, paragraphs in handout.sections:
        body.append(f"<h2>{html.escape(heading)}</h2>")
        body.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    body.append("<h2>Questions to ask your clinician</h2><ul>")
    body.extend(f"<li>{html.escape(question)}</li>" for question in handout.questions)
    body.append("</ul>")
    body.append(
        f'<p class="note">{html.escape(handout.disclaimer)} Made {date.today():%d %B %Y} with Insulin Pathway Explorer.</p>'
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(handout.title)}</title><style>{_PRINT_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


_LATIN1 = str.maketrans(
    {"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "→": "->", "≥": ">=", "≤": "<="}
)


def _latin1(text: str) -> str:
    """PDF core fonts carry Latin-1 only; other characters are replaced by their nearest plain form."""
    return text.translate(_LATIN1).encode("latin-1", errors="replace").decode("latin-1")


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(auto=True, margin=14)
        self.add_page()
        self.set_title("Insulin Pathway Explorer")
        self.set_creator("Insulin Pathway Explorer")

    def heading(self, text: str, size: float) -> None:
        self.set_font("Helvetica", "B", size)
        self.set_text_color(11, 79, 124)
        self.multi_cell(0, size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(17, 17, 17)
        self.ln(0.8)

    def paragraph(self, text: str, size: float = 10, bullet: bool = False) -> None:
        self.set_font("Helvetica", "", size)
        prefix = "- " if bullet else ""
        self.multi_cell(0, size * 0.48, _latin1(prefix + text), new_x="LMARGIN", new_y="NEXT")
        self.ln(0.6)


def handout_pdf(handout: Handout) -> bytes:
    """The handout as a one-page PDF (fpdf2, built-in fonts: nothing is fetched)."""
    pdf = _Pdf()
    pdf.heading(handout.title, 15)
    for heading, paragraphs in handout.sections:
        pdf.heading(heading, 11.5)
        for paragraph in paragraphs:
            pdf.paragraph(paragraph)
    pdf.heading("Questions to ask your clinician", 11.5)
    for question in handout.questions:
        pdf.paragraph(question, bullet=True)
    pdf.ln(1)
    pdf.paragraph(
        f"{handout.disclaimer} Made {date.today():%d %B %Y} with Insulin Pathway Explorer.", size=8.5
    )
    return bytes(pdf.output())


def clinician_summary_pdf(index: KnowledgeIndex, report: AnnotationReport) -> bytes:
    """The findings with genotype, evidence, implications and citations, for the clinical record."""
    pdf = _Pdf()
    pdf.heading("Insulin-pathway variant summary", 14)
    sample = f", sample {report.sample}" if report.sample else ""
    pdf.paragraph(
        f"Input: {report.file_format}{sample}; build {report.build} ({BUILD_SOURCE_LABELS.get(report.build_source, report.build_source)}); "
        f"{report.records_read:,} records read; {len(report.findings)} finding(s) in pathway genes. "
        f"Made {date.today():%d %B %Y}. Educational summary: not a diagnostic report; confirm clinically relevant "
        "findings in an accredited laboratory.",
        size=9,
    )
    for finding in report.findings:
        variant = index.variants.get(finding.known_variant) if finding.known_variant else None
        title = f"{finding.gene} {finding.chrom}:{finding.pos} {finding.ref}>{finding.alt}"
        if variant is not None:
            title += f" ({variant.name}{', ' + variant.rsid if variant.rsid else ''})"
        pdf.heading(title, 10.5)
        pdf.paragraph(
            f"Genotype {finding.genotype} ({finding.zygosity.replace('_', ' ')}); FILTER {finding.filter}; "
            f"node {finding.node}. Significance: {significance_label(finding.significance, variant is not None)}.",
            size=9,
        )
        if variant is None:
            continue
        pdf.paragraph(f"Evidence: {variant.evidence_level}. {variant.phenotype}", size=9)
        if variant.effect_size:
            pdf.paragraph(f"Effect size: {variant.effect_size}", size=9)
        for implication in variant.implications:
            pdf.paragraph(
                f"{implication.area.capitalize()} [{grade_name(implication.grade)}]: {implication.text}",
                size=9,
            )
        for reference_id in variant.references:
            reference = index.references.get(reference_id)
            if reference is not None:
                identifier = f"PMID {reference.pmid}" if reference.pmid else f"doi:{reference.doi}"
                pdf.paragraph(f"{reference.citation} {identifier}", size=8, bullet=True)
    return bytes(pdf.output())
