"""Silence what the solver's C library prints by itself, for the command line's one-line errors."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

__all__ = ["solver_output_silenced"]


@contextlib.contextmanager
def solver_output_silenced() -> Iterator[None]:
    """Send file descriptors 1 and 2 to /dev/null while the block runs.

    SUNDIALS (under libroadrunner) writes its warnings straight to the process's stdout and stderr, past
    Python. Only for single-threaded use (the CLI): it silences the whole process while it lasts.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "wb") as sink:
        try:
            os.dup2(sink.fileno(), 1)
            os.dup2(sink.fileno(), 2)
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for descriptor in saved:
                os.close(descriptor)
