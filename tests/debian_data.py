"""Real annotated VCFs from Debian packages, fetched once into tests/.cache/debian (git-ignored).

`apt-get download` fetches the package file (no installation, no root needed for that step beyond apt's
lists) and `dpkg-deb -x` unpacks it. `make test` calls `python -m tests.debian_data` first; a test that needs
a file calls `debian_file`, which fetches it if it is not there yet and fails with a clear message if it
cannot be fetched.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CACHE = Path(__file__).parent / ".cache" / "debian"
# vcfanno's example data: gnomAD and ExAC sites annotated with VEP (CSQ), and a query VCF whose header
# declares CSQ and snpEff's EFF.
PACKAGES = {"vcfanno-examples": "usr/share/doc/vcfanno-examples"}


def fetch(package: str) -> Path:
    """The unpacked package's folder in the cache, fetched and unpacked if missing."""
    target = CACHE / package
    if (target / ".complete").exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        download = subprocess.run(
            ["apt-get", "download", package], cwd=scratch, capture_output=True, text=True, check=False
        )
        if download.returncode != 0:
            update = subprocess.run(["apt-get", "update", "-qq"], capture_output=True, text=True, check=False)
            download = subprocess.run(
                ["apt-get", "download", package], cwd=scratch, capture_output=True, text=True, check=False
            )
            if download.returncode != 0:
                raise RuntimeError(
                    f"cannot fetch the Debian package {package} for the tests: {download.stderr.strip()}"
                    f" {update.stderr.strip()}"
                )
        archive = next(Path(scratch).glob(f"{package}_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(archive), str(target)], check=True)
    (target / ".complete").write_text("ok\n")
    return target


def debian_file(package: str, relative: str) -> Path:
    """A file of an unpacked Debian package (relative to its documentation or data folder)."""
    path = fetch(package) / PACKAGES[package] / relative
    if not path.exists():
        raise FileNotFoundError(f"{package} has no {relative}")
    return path


if __name__ == "__main__":
    for name in PACKAGES:
        print(f"{name}: {fetch(name)}", file=sys.stderr)
