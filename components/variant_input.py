"""Getting a person's variants in: an upload or typed entries, with build, sample and filter choices."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from components.text import escape_markdown
from kb.errors import InputError
from kb.genome import BUILDS, Build
from kb.variants.annotate import annotate_bytes, annotate_typed
from kb.variants.build import BuildChoice
from kb.variants.options import APP_OPTIONS
from kb.variants.report import AnnotationReport, merge_reports
from kb.variants.source import ByteSource
from kb.variants.vcf import read_vcf_header

__all__ = ["build_choice", "typed_entry", "upload_entry"]

UPLOAD_KEY = "variants_upload"
BUILD_KEY = "variants_build"
REREAD_KEY = "variants_reread"
CHOSEN_BUILD_KEY = "variants_chosen_build"
BUILD_OPTIONS: dict[BuildChoice, str] = {
    "auto": "Detect from the file",
    "GRCh37": "GRCh37 (hg19)",
    "GRCh38": "GRCh38 (hg38)",
}
TYPED_BUILDS: list[Build] = ["GRCh38", "GRCh37"]


def _deep_copy_sharing_bytes(self: UploadedFile, memo: dict) -> UploadedFile:
    """An independent copy of an upload that shares its bytes instead of copying them.

    Streamlit deep-copies every widget's value on every run; for an upload, BytesIO's default deep copy writes
    the whole file into a new buffer: 100 MB more held while each run of /variants lasts. A BytesIO over the
    same (immutable) bytes is already independent: it copies only if written to.
    """
    record = UploadedFileRec(file_id=self.file_id, name=self.name, type=self.type, data=self.getvalue())
    copy = UploadedFile(record, self._file_urls)
    copy.seek(self.tell())
    return copy


setattr(UploadedFile, "__deepcopy__", _deep_copy_sharing_bytes)  # noqa: B010 - a method added to Streamlit's class
_POSITION_TYPED = re.compile(r"^(chr)?[0-9XYM]+[:\s-]\d+", re.IGNORECASE)


@dataclass(frozen=True)
class ReadRequest:
    """What the person asked to read."""

    data: bytes
    name: str
    build: BuildChoice
    sample: str | None
    include_filtered: bool


class _ProgressBar:
    """Reading progress, drawn at most ten times a second: each draw is a message to the browser, and a
    genome read draws a hundred steps in a second or two."""

    def __init__(self, name: str) -> None:
        self.text = f"Reading {escape_markdown(name, limit=80)}…"
        self.bar = st.progress(0, text=self.text)
        self.percent = 0
        self.drawn = time.monotonic()

    def __call__(self, fraction: float) -> None:
        percent = int(min(max(fraction, 0.0), 1.0) * 100)
        now = time.monotonic()
        if percent > self.percent and now - self.drawn >= 0.1:
            self.percent, self.drawn = percent, now
            self.bar.progress(percent, text=self.text)


def _samples(data: bytes, name: str) -> list[str]:
    try:
        return read_vcf_header(ByteSource.from_bytes(data, name)).samples
    except InputError:
        return []


def upload_entry() -> AnnotationReport | None:
    """The upload form; returns a report once a file has been read, else None. Errors are shown, not raised."""
    # Set by the build choice under the findings: read the same file again on the build the person chose.
    reread = st.session_state.pop(REREAD_KEY, False)
    uploaded = st.file_uploader(
        "Upload a VCF (.vcf, .vcf.gz), a 23andMe / AncestryDNA / MyHeritage / FamilyTreeDNA raw file (also "
        "zipped), or a CSV/TSV of variants",
        key=UPLOAD_KEY,
        help="The file stays in this browser session's memory on this computer; it is never saved or sent anywhere.",
    )
    if uploaded is None:
        return None
    # The bytes Streamlit holds for this session: BytesIO hands back its own buffer, so nothing is copied.
    data = uploaded.getvalue()
    left, middle, right = st.columns(3)
    with left:
        build = st.selectbox(
            "Genome build", list(BUILD_OPTIONS), format_func=BUILD_OPTIONS.__getitem__, key=BUILD_KEY
        )
    samples = (
        _samples(data, uploaded.name) if data[:2] == b"\x1f\x8b" or data[:64].lstrip()[:2] == b"##" else []
    )
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
    read = st.button("Read the file", type="primary", key="variants_read", icon=":material/play_arrow:")
    if not (read or reread):
        return None
    return _read(ReadRequest(data, uploaded.name, build, sample, include_filtered))


def _read(request: ReadRequest) -> AnnotationReport | None:
    progress = _ProgressBar(request.name)
    try:
        return annotate_bytes(
            request.data,
            request.name,
            build=request.build,
            sample=request.sample,
            include_filtered=request.include_filtered,
            options=APP_OPTIONS,
            progress=progress,
        )
    except InputError as error:
        st.error(str(error), icon=":material/error:")
        return None
    finally:
        progress.bar.empty()


def _read_again_as(build: Build | None) -> None:
    if build is not None:
        st.session_state[BUILD_KEY] = build
        st.session_state[REREAD_KEY] = True


def build_choice(report: AnnotationReport) -> None:
    """When the file did not decide its genome build, say so prominently and offer to read it on either build."""
    if report.build_decided:
        return
    with st.container(border=True, key="variants_build_choice"):
        st.warning(
            f"**Which genome build is this file on?** It does not say, and nothing in it decided it. The "
            f"findings below were read as **{report.build}**: a guess. If the file is on the other build, "
            "positions point to the wrong places and the findings are wrong. Choose its build and read it again.\n\n"
            + "\n".join(f"- {escape_markdown(line, limit=300)}" for line in report.build_evidence),
            icon=":material/warning:",
        )
        if st.session_state.get(UPLOAD_KEY) is None:
            st.caption("Upload the file again above to read it on another build.")
            return
        chosen: Build | None = st.segmented_control(
            "This file is on", list(BUILDS), key=CHOSEN_BUILD_KEY, format_func=_build_name
        )
        st.button(
            f"Read again as {chosen}" if chosen else "Choose a build to read again",
            key="variants_read_again",
            type="primary",
            disabled=chosen is None,
            on_click=_read_again_as,
            args=(chosen,),
            icon=":material/refresh:",
        )


def _build_name(build: Build) -> str:
    return BUILD_OPTIONS[build]


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
            TYPED_BUILDS,
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
