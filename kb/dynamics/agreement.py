"""Where the signed graph (kb.simulate) and the fat-cell model both speak: a knock-down of a bound node.

The graph gives a direction at every node; the model gives numbers at its readouts. A readout's change
becomes a direction when it moves more than THRESHOLD at every dose tried, in the same sense, and is
turned round when the readout falls as the node's activity rises (AS160 phosphorylation switches its
brake off). The knocked-down node's own readout is not compared: it falls with the amount.
Disagreements are recorded and explained in kb/data/dynamics.json; a test holds the two lists equal.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kb.dynamics.adipocyte import MODEL, adipocyte_perturbation, dose_response
from kb.dynamics.readouts import bindings_of
from kb.simulate import simulate

__all__ = ["DOSES", "KNOCKDOWN", "MINUTES", "THRESHOLD", "Comparison", "comparisons", "kinetic_directions"]

KNOCKDOWN = 0.1
DOSES = (0.1, 1.0, 10.0, 100.0)
MINUTES = 10.0
THRESHOLD = 0.01
_TURNED = {"up": "down", "down": "up", "unchanged": "unchanged"}


@dataclass(frozen=True)
class Comparison:
    """One readout after one knock-down: the graph's direction and the model's."""

    perturbation: str
    readout: str
    graph: str
    kinetic: str

    @property
    def agree(self) -> bool:
        """Whether both give the same direction."""
        return self.graph == self.kinetic


def _direction(change: float) -> str:
    return "up" if change > THRESHOLD else "down" if change < -THRESHOLD else "unchanged"


@functools.cache
def kinetic_directions(node: str) -> dict[str, str]:
    """Readout node -> direction of its activity when `node` is knocked down to KNOCKDOWN ('mixed' if doses differ)."""
    normal = dose_response("normal", DOSES, MINUTES)
    knocked = dose_response("normal", DOSES, MINUTES, adipocyte_perturbation({node: KNOCKDOWN}))
    directions = {}
    for binding in bindings_of(MODEL):
        seen = {
            _direction(after / before - 1)
            for before, after in zip(
                normal.readouts[binding.readout], knocked.readouts[binding.readout], strict=True
            )
        }
        if binding.activity == "opposite":
            seen = {_TURNED[direction] for direction in seen}
        directions[binding.node] = seen.pop() if len(seen) == 1 else "mixed"
    return directions


def comparisons() -> list[Comparison]:
    """Every (knocked-down node, other readout) pair of the fat-cell model, with both predictions."""
    found = []
    for knocked in [binding.node for binding in bindings_of(MODEL) if binding.forms]:
        graph = simulate({knocked: "loss"}).effects
        for readout, kinetic in kinetic_directions(knocked).items():
            if readout != knocked:
                found.append(Comparison(knocked, readout, graph[readout], kinetic))
    return found
