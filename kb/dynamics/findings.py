"""A person's findings as a starting perturbation of the fat-cell model, where the knowledge base says
what a variant does to its protein.

The model knows amounts, not mutations, so a curated effect becomes an amount by a stated convention:
each copy that loses function removes half the working protein; a dominant-negative copy also spoils
the normal copy's half (a quarter left); each gain-of-function copy adds half. A guess at scale, not a
measurement: the page says so. Variants of uncertain or associational effect (risk, protective,
unknown) change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kb.dynamics.perturb import EPSILON
from kb.dynamics.readouts import bindings_of
from kb.variants.findings import Finding

__all__ = ["AMOUNT_OF_EFFECT", "VariantScale", "combined", "variant_scales"]

# Effect -> (one copy, two copies): the share of normal working protein left.
AMOUNT_OF_EFFECT = {
    "loss_of_function": (0.5, 0.0),
    "dominant_negative": (0.25, 0.0),
    "gain_of_function": (1.5, 2.0),
}
TWO_COPIES = {"homozygous_alternate", "hemizygous"}


@dataclass(frozen=True)
class VariantScale:
    """One finding turned into a node's amount in the fat-cell model."""

    node: str
    factor: float
    variant: str
    zygosity: str
    effect: str


def variant_scales(findings: Iterable[Finding]) -> list[VariantScale]:
    """The findings on nodes whose amount the fat-cell model holds, with a curated effect on the protein."""
    bound = {binding.node for binding in bindings_of("adipocyte") if binding.forms}
    scales = []
    for finding in findings:
        if (
            finding.node not in bound
            or finding.known_variant is None
            or finding.effect not in AMOUNT_OF_EFFECT
        ):
            continue
        one, two = AMOUNT_OF_EFFECT[finding.effect]
        factor = two if finding.zygosity in TWO_COPIES else one
        scales.append(
            VariantScale(
                node=finding.node,
                factor=max(factor, EPSILON),
                variant=finding.name or finding.known_variant,
                zygosity=finding.zygosity,
                effect=finding.effect,
            )
        )
    return scales


def combined(scales: Iterable[VariantScale]) -> dict[str, float]:
    """Node -> the product of its variants' factors."""
    total: dict[str, float] = {}
    for scale in scales:
        total[scale.node] = max(total.get(scale.node, 1.0) * scale.factor, EPSILON)
    return total
