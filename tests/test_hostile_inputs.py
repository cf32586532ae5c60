"""Bad, broken, huge and hostile inputs: each is parsed or refused with one clear message, in bounded
time and memory, never with any exception but the project's own; the same through the CLI."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import InputError
from kb.variants.annotate import annotate_bytes, annotate_typed
from kb.variants.calls import VariantCall
from kb.variants.findings import match_calls
from tests.conftest import ROOT
from tests.hostile_corpus import HEADER, corpus, record_bomb

CORPUS = corpus()


def test_the_corpus_is_large_enough():
    """The corpus holds at least 30 inputs."""
    assert len(CORPUS) >= 30


@pytest.mark.parametrize(("name", "data", "expected"), CORPUS, ids=[name for name, _, _ in CORPUS])
def test_input_is_parsed_or_refused_clearly(name, data, expected):
    """Each input gives a report or one clear line, within 20 s and 400 MB of Python allocations."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        report = annotate_bytes(data, name)
        outcome = "parsed"
    except InputError as error:
        message = str(error)
        assert message and "\n" not in message and len(message) < 400
        assert "Traceback" not in message
        outcome = "refused"
        report = None
    finally:
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert outcome == expected, f"{name}: expected {expected}"
    assert elapsed < 20
    assert peak < 400 * 1024**2 + len(data) * 3
    if report is not None:
        for warning in report.warnings:
            assert "\n" not in warning


CLI_CASES = [
    (name, data) for name, data, expected in CORPUS if expected == "refused" and len(data) < (1 << 21)
]


@pytest.mark.parametrize(("name", "data"), CLI_CASES, ids=[name for name, _ in CLI_CASES])
def test_cli_refuses_with_exit_2_and_one_line(tmp_path, name, data):
    """The CLI gives exit code 2 and one line on stderr for every refused input."""
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "kb", "annotate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_decompression_bomb_of_in_gene_records_is_refused_in_seconds_and_bounded_memory(tmp_path):
    """A 4 MB gzip expanding to 1.4 GB of one in-gene record repeated is refused by the CLI in under 10 s,
    its peak memory (RSS) under 500 MB."""
    bomb = tmp_path / "bomb.vcf.gz"
    bomb.write_bytes(record_bomb())
    assert bomb.stat().st_size < 5 << 20
    script = (
        "import resource, subprocess, sys, time; start = time.monotonic(); "
        "result = subprocess.run([sys.executable, '-m', 'kb', 'annotate', sys.argv[1]], capture_output=True, text=True); "
        "print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, result.returncode); "
        "print(result.stderr.strip())"
    )
    measured = subprocess.run(
        [sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    figures, message = measured.stdout.splitlines()
    seconds, peak_kb, code = figures.split()
    assert code == "2" and "refused" in message
    assert float(seconds) < 10, f"took {seconds} s"
    assert int(peak_kb) < 500 * 1024, f"peak RSS {int(peak_kb) // 1024} MB"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_report_or_an_input_error(data):
    """Whatever the bytes, the reader raises nothing but InputError."""
    with contextlib.suppress(InputError):
        annotate_bytes(data, "fuzz.vcf")


RECORD = st.lists(
    st.one_of(
        st.sampled_from(["chr3", "3", "chr19", "19", "chrX", "MT", "", "chr3\t"]),
        st.text(alphabet="0123456789-.", min_size=0, max_size=12),
        st.sampled_from([".", "rs1801282", "rs1;rs2", "<b>x</b>"]),
        st.text(alphabet="ACGTNXacgt<>*.,[]", min_size=0, max_size=6),
        st.sampled_from(["PASS", ".", "LowQual", ""]),
        st.sampled_from(["GT", "GT:DP", "DP", ""]),
        st.text(alphabet="0123456789/|.:", min_size=0, max_size=8),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(RECORD, min_size=0, max_size=8))
def test_vcf_shaped_text_gives_a_report_or_an_input_error(records):
    """Records with any mix of plausible and broken fields raise nothing but InputError."""
    body = "".join("\t".join(fields) + "\n" for fields in records)
    with contextlib.suppress(InputError):
        annotate_bytes((HEADER + body).encode(), "fuzz.vcf")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_typed_text_gives_a_report_or_an_input_error(text):
    """Whatever is typed, placing it raises nothing but InputError."""
    with contextlib.suppress(InputError):
        annotate_typed(text)


CALLS = st.builds(
    VariantCall,
    chrom=st.sampled_from(["1", "3", "6", "7", "10", "19", "X", "MT", "Un"]),
    pos=st.integers(min_value=1, max_value=300_000_000),
    ref=st.text(alphabet="ACGT", min_size=1, max_size=4),
    alt=st.text(alphabet="ACGT", min_size=1, max_size=4),
    rsid=st.one_of(st.none(), st.sampled_from(["rs1801282", "rs1"])),
    genotype=st.sampled_from(["0/1", "1/1", "1", "./1"]),
    zygosity=st.sampled_from(["heterozygous", "homozygous_alternate", "hemizygous", "unknown"]),
    phased=st.booleans(),
    filter=st.sampled_from(["PASS", ".", "LowQual"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(CALLS, max_size=30), st.sampled_from(["GRCh37", "GRCh38"]), st.booleans())
def test_matcher_never_fails_and_ties_every_finding_to_a_node(calls, build, include_filtered):
    """Any calls give findings inside gene regions only, each tied to a node, significance never missing."""
    findings, _ = match_calls(calls, build, include_filtered)
    for finding in findings:
        assert finding.node and finding.significance
        assert include_filtered or finding.filter in ("PASS", ".")


def test_caps_on_kept_alleles_and_on_records_read_say_so(monkeypatch):
    """Past the cap on kept variant alleles the reading goes on and says it cut them; past the cap on records
    read in full the file is refused with a message naming the cap."""
    from kb.variants import vcf

    records = "".join(f"chr3\t{12351626 + n}\t.\tC\tG\t99\tPASS\t.\tGT\t0/1\n" for n in range(20))
    monkeypatch.setattr(vcf, "MAX_CALLS", 5)
    report = annotate_bytes((HEADER + records).encode(), "many.vcf")
    assert len(report.findings) == 5
    assert any("only the first 5 are kept" in warning for warning in report.warnings)
    monkeypatch.setattr(vcf, "MAX_EXAMINED", 10)
    with pytest.raises(InputError, match="more than 10 records lie in or near pathway genes"):
        annotate_bytes((HEADER + records).encode(), "many.vcf")
