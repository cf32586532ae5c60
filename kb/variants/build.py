"""Which genome build a person's file is on: the one asked for, or what the file shows, and how it was decided."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from kb.errors import InputError
from kb.genome import BUILDS, CHROMOSOME_LENGTHS, Build

if TYPE_CHECKING:
    from kb.variants.vcf import VcfHeader

__all__ = ["BuildChoice", "choose_build", "detect_vcf_build", "resolve_build"]

BuildChoice = Literal["auto", "GRCh37", "GRCh38"]


def choose_build(build: BuildChoice) -> Build | None:
    if build == "auto":
        return None
    if build not in BUILDS:
        raise InputError(f"build {build!r}: choose auto, GRCh37 or GRCh38")
    return build


def detect_vcf_build(header: VcfHeader) -> tuple[Build | None, str]:
    """GRCh37 or GRCh38 from contig lengths, else from ##reference; with how it was decided."""
    # Every chromosome but MT differs in length between the builds.
    named = [chrom for chrom in header.contigs if chrom in CHROMOSOME_LENGTHS["GRCh38"] and chrom != "MT"]
    for build, lengths in CHROMOSOME_LENGTHS.items():
        if named and all(header.contigs[chrom] == lengths[chrom] for chrom in named):
            return build, "contig lengths in the header"
    reference = (header.reference or "").lower()
    if re.search(r"grch38|hg38|hs38|b38", reference):
        return "GRCh38", "##reference line"
    if re.search(r"grch37|hg19|hs37|b37|human_g1k_v37|build ?37", reference):
        return "GRCh37", "##reference line"
    return None, "not stated in the file"


def resolve_build(header: VcfHeader, build: Build | None, name: str) -> tuple[Build, str, list[str]]:
    """The build to read on: the one asked for, else the detected one, else GRCh38 with a warning."""
    detected, how = detect_vcf_build(header)
    if build is not None:
        warnings = []
        if detected is not None and detected != build:
            warnings.append(
                f"The header suggests {detected} ({how}), but {build} was chosen; positions are read as {build}."
            )
        return build, "chosen", warnings
    if detected is not None:
        return detected, how, []
    return (
        "GRCh38",
        "assumed",
        [f"{name} does not say its genome build; GRCh38 is assumed. Choose GRCh37 if that is wrong."],
    )
