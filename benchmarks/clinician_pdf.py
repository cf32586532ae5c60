"""The clinician summary PDF for a whole genome: pages and time.

Target (issue "From 300 findings to the five that matter"): for the 5,000,000-record genome (8,681 findings)
the PDF is a few pages and is made in under 2 s. The genome is read once (through its tabix index); the PDF
is then made ROUNDS times in the same process, as the app makes it when the download button is pressed.

    .venv/bin/python benchmarks/clinician_pdf.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.annotate_wgs import ensure_inputs  # noqa: E402

ROUNDS = 5
TARGET_SECONDS = 2.0


def main() -> None:
    """Print the page count and the median time to make the PDF."""
    from pypdf import PdfReader

    from kb.handout import clinician_summary_pdf
    from kb.index import knowledge_index
    from kb.variants.annotate import annotate_path

    indexed, _, _ = ensure_inputs()
    index = knowledge_index()
    report = annotate_path(indexed)
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        pdf = clinician_summary_pdf(index, report)
        times.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    median = statistics.median(times)
    print(f"findings                         {len(report.findings):,}")
    print(f"clinician PDF pages              {pages}")
    print(f"clinician PDF time               median {median:.3f} s  runs {[round(t, 3) for t in times]}")
    print(f"  ratio to target                {median / TARGET_SECONDS:.2f} of {TARGET_SECONDS} s")


if __name__ == "__main__":
    main()
