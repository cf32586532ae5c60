"""Getting a person's variants in: an upload or typed entries, with build, sample and filter choices."""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from kb.errors import InputError
from kb.genome import Build
from kb.variants.annotate import annotate_bytes, annotate_typed
from kb.variants.report import AnnotationReport, merge_reports
from kb.variants.source import ByteSource
from kb.variants.vcf import read_vcf_header

__all__ = ["typed_entry", "upload_entry"]

UPLOAD_KEY = "variants_upload"
_POSITION_TYPED = re.compile(r"^(chr)?[0-9XYM]+[:\s-]\d+", re.IGNORECASE)
BUILD_OPTIONS = {"auto": "Detect from the file", "GRCh37": "GRCh37 (hg19)", "GRCh38": "GRCh38 (hg38)"}


@dataclass(frozen=True)
class ReadRequest:
    """What the person asked to read."""

    data: bytes
    name: str
    build: str
    sample: str | None
    include_filtered: bool


def _samples(data: bytes, name: str) -> list[str]:
    try:
        return read_vcf_header(ByteSource.from_bytes(data, name)).samples
    except InputError:
        return []


def upload_entry() -> AnnotationReport | None:
    """The upload form; returns a report once a file has been read, else None. Errors are shown, not raised."""
    uploaded = st.file_uploader(
        "Upload a VCF (.vcf, .vcf.gz), a 23andMe / AncestryDNA / MyHeritage / FamilyTreeDNA raw file (also "
        "zipped), or a CSV/TSV of variants",
        key=UPLOAD_KEY,
        help="The file stays in this browser session's memory on this computer; it is never saved or sent anywhere.",
    )
    if uploaded is None:
        return None
    data = uploaded.getvalue()
    left, middle, right = st.columns(3)
    with left:
        build = st.selectbox(
            "Genome build", list(BUILD_OPTIONS), format_func=BUILD_OPTIONS.get, key="variants_build"
        )
    samples = _samples(data, uploaded.name) if data[:2] == b"\x1f\x8b" or data.lstrip()[:2] == b"##" else []
    with middle:
        sample = (
            st.selectbox("Sample", samples, key="variants_sample", help="This VCF holds several people.")
            if len(samples) > 1
            else None
        )
    with right:
        include_filtered = st.checkbox(
            "Include records that failed FILTER", key="variants_include_filtered",
            help="By default only records with FILTER PASS or '.' are shown.",
        )  # fmt: skip
    if not st.button("Read the file", type="primary", key="variants_read", icon=":material/play_arrow:"):
        return None
    request = ReadRequest(data, uploaded.name, build, sample, include_filtered)
    bar = st.progress(0.0, text="Reading…")
    try:
        report = annotate_bytes(
            request.data,
            request.name,
            build=request.build,
            sample=request.sample,
            include_filtered=request.include_filtered,
            progress=lambda fraction: bar.progress(min(max(fraction, 0.0), 1.0), text="Reading…"),
        )
    except InputError as error:
        bar.empty()
        st.error(str(error), icon=":material/error:")
        return None
    bar.empty()
    return report


def typed_entry(current: AnnotationReport | None = None) -> AnnotationReport | None:
    """The typed-entry form; returns the findings to hold once submitted (added to `current`, the findings
    already held, unless the person chose to replace them; duplicates merged), else None."""
    with st.form("variants_typed_form", border=False):
        text = st.text_area(
            "Or type variants, one per line",
            key="variants_typed",
            placeholder="rs1801282\nPPARG p.Pro12Ala\n3:12351626:C:G",
            height=110,
        )
        build = st.selectbox(
            "Positions typed as chromosome:position are on",
            ["GRCh38", "GRCh37"],
            index=1 if current is not None and current.build == "GRCh37" else 0,
            key="variants_typed_build",
        )
        add = True
        if current is not None:
            add = (
                st.radio(
                    f"You already have {len(current.findings):,} finding(s)",
                    ["Add these to them", "Replace them"],
                    key="variants_typed_mode",
                    horizontal=True,
                )
                == "Add these to them"
            )
        submitted = st.form_submit_button("Place on the pathway", icon=":material/place:")
    if not submitted:
        return None
    base = current if add else None
    if (
        base is not None
        and base.build != build
        and any(_POSITION_TYPED.match(line.strip()) for line in text.splitlines())
    ):
        st.error(
            f"Your findings are on {base.build}, but the positions typed are on {build}: choose {base.build} "
            "to add them, or replace the findings.",
            icon=":material/error:",
        )
        return None
    try:
        chosen: Build = "GRCh37" if build == "GRCh37" else "GRCh38"
        typed = annotate_typed(text, build=base.build if base is not None else chosen)
    except InputError as error:
        st.error(str(error), icon=":material/error:")
        return None
    return merge_reports(base, typed)
