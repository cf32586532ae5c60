"""What a kinetic model run gives back: readouts keyed by the map's node ids, per dose or over time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kb.errors import KnowledgeBaseError
from kb.loader import load_knowledge_base
from kb.schema import KineticModel, ReadoutBinding

__all__ = [
    "DoseResponse",
    "TimeCourse",
    "bindings_of",
    "model_entry",
    "node_changes",
    "output_points",
    "readout_values",
    "selections_of",
]


@dataclass(frozen=True)
class DoseResponse:
    """Each readout at `minutes` after insulin is added, one value per dose."""

    state: str
    minutes: float
    insulin_nM: tuple[float, ...]
    readouts: dict[str, tuple[float, ...]]


@dataclass(frozen=True)
class TimeCourse:
    """Each readout over time; `insulin_nM` is the dose for the fat-cell model, None for the meal."""

    state: str
    time_min: tuple[float, ...]
    readouts: dict[str, tuple[float, ...]]
    insulin_nM: float | None = None


def model_entry(model_id: str) -> KineticModel:
    """The knowledge base's entry for a kinetic model."""
    for model in load_knowledge_base().dynamics.models:
        if model.id == model_id:
            return model
    raise KnowledgeBaseError(f"kb/data/dynamics.json has no model {model_id!r}")


def bindings_of(model_id: str) -> list[ReadoutBinding]:
    """The model's readouts bound to map nodes, in the knowledge base's order."""
    return [binding for binding in load_knowledge_base().dynamics.bindings if binding.model == model_id]


def selections_of(bindings: list[ReadoutBinding]) -> list[str]:
    """The SBML variables the readouts are summed from, each once."""
    return list(dict.fromkeys(name for binding in bindings for name in binding.measure))


def readout_values(
    rows: np.ndarray, selections: list[str], bindings: list[ReadoutBinding]
) -> dict[str, np.ndarray]:
    """Readout -> values per row: the sum of its measured variables (column 0 of `rows` is time)."""
    column = {name: position + 1 for position, name in enumerate(selections)}
    return {
        binding.readout: rows[:, [column[name] for name in binding.measure]].sum(axis=1)
        for binding in bindings
    }


def output_points(minutes: float) -> int:
    """Rows of a time course: every 0.1 min for an hour, at most 601 rows however long it runs."""
    return int(min(max(round(minutes * 10), 60), 600)) + 1


def node_changes(
    changed: DoseResponse, reference: DoseResponse, dose: float, model_id: str
) -> dict[str, float]:
    """Map node -> relative change of its readout at `dose` (0.25 = 25 % more than in `reference`)."""
    column = reference.insulin_nM.index(dose)
    changes = {}
    for binding in bindings_of(model_id):
        before = reference.readouts[binding.readout][column]
        after = changed.readouts[binding.readout][column]
        changes[binding.node] = after / before - 1 if before else 0.0
    return changes
