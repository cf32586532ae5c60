"""The shipped SBML files, each compiled once by libroadrunner and run behind a lock.

A libroadrunner instance holds one simulation state and is not safe to share between threads (the app
serves every session from threads of one process), so runs of one model take turns; a run takes about a
millisecond. Initial amounts are set as one vector: `setValue("init(X)")` makes libroadrunner regenerate
the model, a fifth of a second each time.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from kb.errors import KnowledgeBaseError, ProjectError

__all__ = ["MODELS_DIR", "SbmlModel", "SimulationError", "sbml_model"]

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
# A state is steady when, over the second half of a run, no species moved by more than this.
STEADY_RELATIVE = 1e-7
STEADY_ABSOLUTE = 1e-10
STEADY_TRIES = 6


class SimulationError(ProjectError):
    """The solver could not integrate a model under the asked conditions; the message says which."""


class SbmlModel:
    """One SBML file, compiled by libroadrunner: its species, its constants, and a way to run it."""

    def __init__(self, path: Path) -> None:
        import roadrunner

        # libroadrunner logs solver trouble to stderr; the caller gets it as a SimulationError instead.
        roadrunner.Logger.disableLogging()
        try:
            self._runner = roadrunner.RoadRunner(str(path))
        except RuntimeError as error:
            raise KnowledgeBaseError(f"{path.name}: libroadrunner cannot load it ({error})") from error
        self.name = path.name
        self._lock = threading.Lock()
        model = self._runner.model
        self.species: tuple[str, ...] = tuple(model.getFloatingSpeciesIds())
        self.initial: dict[str, float] = dict(
            zip(self.species, (float(v) for v in model.getFloatingSpeciesInitConcentrations()), strict=True)
        )
        ruled = set(self._runner.getAssignmentRuleIds()) | set(self._runner.getRateRuleIds())
        self.constants: dict[str, float] = {
            name: float(self._runner[name]) for name in model.getGlobalParameterIds() if name not in ruled
        }
        self.variables: frozenset[str] = frozenset([*self.species, *model.getGlobalParameterIds()])

    def run(
        self,
        initial: Mapping[str, float],
        parameters: Mapping[str, float],
        end: float,
        points: int,
        selections: Sequence[str],
    ) -> np.ndarray:
        """Integrate from time 0 to `end` (minutes) from `initial`, the file's other values unchanged.

        Returns one row per output time: time first, then `selections` in order.
        """
        vector = np.array([initial.get(name, self.initial[name]) for name in self.species], dtype=float)
        with self._lock:
            runner = self._runner
            runner.resetAll()
            runner.model.setFloatingSpeciesInitConcentrations(vector)
            for name, value in parameters.items():
                runner[name] = value
            runner.reset()
            try:
                result = runner.simulate(0.0, float(end), int(points), ["time", *selections])
            except RuntimeError as error:
                raise SimulationError(
                    f"{self.name}: the solver could not integrate the model under these conditions ({_code(error)})"
                ) from error
        rows = np.array(result, dtype=float)
        if not np.all(np.isfinite(rows)):
            raise SimulationError(f"{self.name}: the solver returned values that are not finite")
        return rows

    def steady_state(
        self, initial: Mapping[str, float], parameters: Mapping[str, float], horizon: float = 2000.0
    ) -> dict[str, float]:
        """Integrate, nothing else changing, until no species moves: the state the model settles in."""
        state = dict(initial)
        for _ in range(STEADY_TRIES):
            rows = self.run(state, parameters, horizon, 3, self.species)
            middle, last = rows[1, 1:], rows[2, 1:]
            state = dict(zip(self.species, (float(value) for value in last), strict=True))
            if np.all(np.abs(last - middle) <= STEADY_RELATIVE * np.abs(last) + STEADY_ABSOLUTE):
                return state
        raise SimulationError(f"{self.name}: did not settle within {STEADY_TRIES * horizon:g} minutes")


def _code(error: Exception) -> str:
    """The solver's own name for what failed (e.g. CV_CONV_FAILURE), else the message's first part."""
    found = re.search(r"\bCV_[A-Z_]+", str(error))
    return found.group(0) if found else (str(error).split(";")[0].strip() or type(error).__name__)


@functools.cache
def sbml_model(file_name: str) -> SbmlModel:
    """The SBML file `file_name` of kb/data/models, compiled once per process."""
    path = MODELS_DIR / file_name
    if not path.is_file():
        raise KnowledgeBaseError(f"kb/data/models/{file_name} is missing")
    return SbmlModel(path)
