"""How messages name the reader's options: the CLI's flags, or the app's controls.

The same reader serves `python -m kb annotate` and the app; a message that tells the person what to change
names the option as that person sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["APP_OPTIONS", "CLI_OPTIONS", "OptionNames"]


@dataclass(frozen=True)
class OptionNames:
    """The words for each option a message may point to."""

    build: str
    sample: str
    include_filtered: str


CLI_OPTIONS = OptionNames(build="--build", sample="--sample", include_filtered="--include-filtered")
APP_OPTIONS = OptionNames(
    build='the "Genome build" choice',
    sample='the "Sample" choice',
    include_filtered='"Include records that failed FILTER"',
)
