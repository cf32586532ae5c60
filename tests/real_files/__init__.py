"""Real third-party variant files that the tests obtain themselves, from Debian's data and example packages.

`python -m tests.real_files` (run by `make test`) downloads each package with `apt-get download` into
tests/real_files/.debs/ (ignored by git) and unpacks it there with `dpkg-deb -x`; nothing is committed.
README.md beside this file names each file's package and what it exercises.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["CACHE", "PACKAGES", "obtain", "real_file"]

CACHE = Path(__file__).resolve().parent / ".debs"
PACKAGES = (
    "htslib-test",
    "nim-hts-examples",
    "python-pysam-tests",
    "python-pyvcf-examples",
    "r-bioc-mutationalpatterns",
    "r-bioc-structuralvariantannotation",
    "r-bioc-variantannotation",
    "vcfanno-examples",
)


def _download(package: str) -> Path:
    """The package's .deb in the cache, downloaded once (apt's lists are refreshed if they lack it)."""
    existing = sorted(CACHE.glob(f"{package}_*.deb"))
    if existing:
        return existing[-1]
    CACHE.mkdir(parents=True, exist_ok=True)
    command = ["apt-get", "download", "-q", package]
    if subprocess.run(command, cwd=CACHE, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
        subprocess.run(command, cwd=CACHE, check=True, capture_output=True)
    return sorted(CACHE.glob(f"{package}_*.deb"))[-1]


def obtain(package: str) -> Path:
    """The folder a Debian package is unpacked into, downloading and unpacking it the first time."""
    folder = CACHE / package
    if not folder.is_dir():
        deb = _download(package)
        partial = CACHE / f"{package}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(partial)], check=True)
        partial.rename(folder)
    return folder


def real_file(package: str, path: str) -> Path:
    """A file of an unpacked Debian package, by its path inside the package."""
    found = obtain(package) / path
    if not found.is_file():
        raise FileNotFoundError(f"{path} is not in {package} (has the package changed?)")
    return found
