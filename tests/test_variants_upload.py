"""Uploads larger than one read chunk, read with progress, and a file whose genome build nothing decides."""

from __future__ import annotations

import copy
import gzip
import threading

import pytest
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec
from streamlit.testing.v1 import AppTest

import components.variant_input  # noqa: F401 - gives UploadedFile the deep copy that shares its bytes
from kb.variants.annotate import annotate_bytes
from kb.variants.source import CHUNK_SIZE
from tests.conftest import DATA
from tests.test_pages import app_on, routed_by_app_py, upload  # noqa: F401 - routed_by_app_py is autouse

PATIENT_VCF = (DATA / "variants" / "hg38_chr_windows.vcf").read_bytes()


def _larger_than_chunks(chunks: int = 3) -> bytes:
    """The patient VCF, then records outside every pathway gene until it spans `chunks` read chunks."""
    line = b"chr1\t%d\t.\tA\tG\t50\tPASS\tDP=30\tGT:DP\t0/1:30\n"
    # chr1 from 20 Mb holds no pathway gene for a long way (MTOR ends near 11.3 Mb, NRAS starts at 114 Mb).
    filler = b"".join(line % (20_000_000 + 37 * number) for number in range(chunks * CHUNK_SIZE // 40))
    return PATIENT_VCF.replace(b"\r\n", b"\n") + filler


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_progress_is_reported_only_from_the_reading_thread(compress):
    """The inflating worker never calls the progress callback; the caller sees it rise to the end."""
    data = _larger_than_chunks()
    if compress:
        data = gzip.compress(data, compresslevel=1)
    caller = threading.get_ident()
    seen: list[tuple[int, float]] = []
    report = annotate_bytes(
        data,
        "big.vcf.gz" if compress else "big.vcf",
        progress=lambda f: seen.append((threading.get_ident(), f)),
    )
    assert {thread for thread, _ in seen} == {caller}
    fractions = [fraction for _, fraction in seen]
    # The worker reads ahead, so a draw may skip a fraction it overtook; it never goes back.
    assert len(fractions) >= 2 and fractions == sorted(fractions) and fractions[-1] >= 0.99
    assert len(report.findings) == 5


def test_an_upload_of_several_chunks_reads_in_the_app():
    """A VCF larger than one read chunk is read on /variants with no exception (it once ended in NoSessionContext)."""
    at = upload(app_on("variants.py"), "exome.vcf", _larger_than_chunks())
    assert not at.exception, at.exception
    assert not at.error
    report = at.session_state["variants_report"]
    assert len(report.findings) == 5
    assert report.records_read > 300_000


def _without_build() -> bytes:
    """A VCF with nothing that names or implies its build: no ##reference, no contig lengths, no position past
    a chromosome end of one build, no curated marker."""
    return (
        b"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n"
        b"3\t12351700\t.\tC\tG\t50\tPASS\t.\tGT\t0/1\n"
    )


def _build_choice(at: AppTest) -> list[str]:
    return [warning.value for warning in at.warning if "Which genome build is this file on?" in warning.value]


def test_an_undecided_build_is_a_prominent_choice_that_reads_again():
    """When nothing decides the build, a warning says the findings rest on a guess and re-reads on the chosen build."""
    at = upload(app_on("variants.py"), "nobuild.vcf", _without_build())
    assert not at.exception
    report = at.session_state["variants_report"]
    assert not report.build_decided
    [choice] = _build_choice(at)
    assert f"read as **{report.build}**: a guess" in choice
    assert at.button(key="variants_read_again").disabled

    at.segmented_control(key="variants_chosen_build").set_value("GRCh37").run()
    at.button(key="variants_read_again").click().run()
    assert not at.exception
    reread = at.session_state["variants_report"]
    assert (reread.build, reread.build_source) == ("GRCh37", "chosen")
    assert not _build_choice(at), "a build the person chose is not questioned again"
    assert at.selectbox(key="variants_build").value == "GRCh37"


def test_a_build_the_file_states_is_not_questioned():
    """A file whose header names its build gets no build choice."""
    at = upload(app_on("variants.py"), "patient.vcf", PATIENT_VCF)
    assert at.session_state["variants_report"].build_decided
    assert not _build_choice(at)


def test_streamlits_copy_of_an_upload_shares_its_bytes_and_stays_independent():
    """The deep copy Streamlit makes of an upload on every run holds no second copy of the file."""
    data = PATIENT_VCF * 100
    upload = UploadedFile(
        UploadedFileRec(file_id="f", name="p.vcf", type="text/plain", data=data), FileURLs()
    )
    upload.seek(7)
    duplicate = copy.deepcopy(upload)
    assert duplicate.getvalue() is data
    assert (duplicate.name, duplicate.file_id, duplicate.tell()) == ("p.vcf", "f", 7)
    duplicate.seek(0)
    duplicate.write(b"changed")
    assert upload.getvalue() is data and duplicate.getvalue().startswith(b"changed")
