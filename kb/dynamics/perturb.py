"""Perturbations of a kinetic model: a protein's amount or a rate constant, scaled by a factor.

A node's amount is every form of its protein together (free, bound, phosphorylated, internalised):
scaling only the unmodified species would leave the protein signalling from its other forms. An
amount is never set to exactly zero, which makes the solver fail (CV_CONV_FAILURE, trap 1 of
kb/data/models/PROVENANCE.md); a factor below EPSILON is raised to EPSILON, an effective knock-out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from kb.errors import InputError
from kb.schema import ReadoutBinding

__all__ = [
    "EPSILON",
    "MAX_FACTOR",
    "NO_CHANGE",
    "Perturbation",
    "bounded_number",
    "parse_scale",
    "perturbation",
]

EPSILON = 1e-6
MAX_FACTOR = 100.0


@dataclass(frozen=True)
class Perturbation:
    """Factors on nodes' amounts and on rate constants; empty is the model as published."""

    amounts: tuple[tuple[str, float], ...] = ()
    constants: tuple[tuple[str, float], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.amounts or self.constants)

    def as_dict(self) -> dict[str, float]:
        """Target -> factor, amounts and constants together (the form `--scale` takes)."""
        return {**dict(self.amounts), **dict(self.constants)}

    def apply(
        self, bindings: list[ReadoutBinding], initial: Mapping[str, float], constants: Mapping[str, float]
    ) -> tuple[dict[str, float], dict[str, float]]:
        """Initial amounts and parameter values with the factors applied."""
        forms = {binding.node: binding.forms for binding in bindings if binding.forms}
        scaled_initial = dict(initial)
        for node, factor in self.amounts:
            for species in forms[node]:
                scaled_initial[species] = initial[species] * max(factor, EPSILON)
        scaled_constants = {name: constants[name] * factor for name, factor in self.constants}
        return scaled_initial, scaled_constants


NO_CHANGE = Perturbation()


def parse_scale(text: str) -> tuple[str, float]:
    """Read 'TARGET=FACTOR' (e.g. INSR=0.5); raise InputError with a clear message otherwise."""
    target, separator, number = text.partition("=")
    target = target.strip()
    if not separator or not target:
        raise InputError(f"--scale {text!r}: write NODE=FACTOR, e.g. INSR=0.5")
    return target, bounded_number(number, f"--scale {text!r}", "the factor", MAX_FACTOR)


def bounded_number(text: str, where: str, what: str, highest: float, unit: str = "") -> float:
    """`text` as a number from 0 to `highest`; else InputError naming `where` (the option and its value)."""
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{where}: {text.strip()!r} is not a number{unit and ' of ' + unit}") from None
    if not math.isfinite(value) or not 0 <= value <= highest:
        raise InputError(f"{where}: {what} must be between 0 and {highest:g}{unit and ' ' + unit}")
    return value


def perturbation(
    scales: Mapping[str, float],
    bindings: list[ReadoutBinding],
    constants: Mapping[str, float],
    fixed: frozenset[str] = frozenset(),
    model_name: str = "the model",
) -> Perturbation:
    """Sort each target into a node's amount (a bound node with species) or a rate constant of the model.

    `constants` are the model's parameters that no rule sets; `fixed` are those that may not be scaled
    (inputs with their own option, such as insulin).
    """
    nodes = {binding.node for binding in bindings if binding.forms}
    amounts: dict[str, float] = {}
    rates: dict[str, float] = {}
    for target, factor in scales.items():
        bounded_number(str(factor), f"--scale {target}={factor}", "the factor", MAX_FACTOR)
        if target in nodes:
            amounts[target] = factor
        elif target in constants and target not in fixed:
            rates[target] = factor
        else:
            named = ", ".join(sorted(nodes)) or "none"
            raise InputError(
                f"--scale {target}: not a node whose amount {model_name} holds ({named}) nor one of its rate constants"
            )
    return Perturbation(amounts=tuple(sorted(amounts.items())), constants=tuple(sorted(rates.items())))
