"""Download and unpack every package of the real-file regression set (idempotent)."""

from tests.real_files import PACKAGES, obtain

for package in PACKAGES:
    print(obtain(package))
