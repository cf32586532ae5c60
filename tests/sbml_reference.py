"""An independent reading of the shipped SBML files: libsbml parses them, SciPy integrates them.

Nothing here comes from libroadrunner or kb.dynamics: species, parameters, reactions, assignment and
rate rules are read from the file and turned into Python expressions, so that tests can compare the
app's numbers with those the same equations give by another route.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import libsbml
import numpy as np
from scipy.integrate import solve_ivp

MODELS = Path(__file__).resolve().parent.parent / "kb" / "data" / "models"
FUNCTIONS = {"pow": pow, "exp": math.exp, "log": math.log, "tanh": math.tanh, "abs": abs, "sqrt": math.sqrt}


def _expression(math_ast) -> str:
    return libsbml.formulaToString(math_ast).replace("^", "**")


@dataclass
class ReferenceModel:
    """The ODEs of one SBML file: d(species)/dt from reactions and rate rules, and assignment rules."""

    species: list[str]
    initial: dict[str, float]
    parameters: dict[str, float]
    assignments: list[tuple[str, CodeType]]
    rates: dict[str, CodeType]
    reactions: list[tuple[CodeType, dict[str, float]]]

    @classmethod
    def read(cls, file_name: str) -> ReferenceModel:
        """Parse `file_name` of kb/data/models with libsbml."""
        document = libsbml.readSBMLFromFile(str(MODELS / file_name))
        assert document.getNumErrors(libsbml.LIBSBML_SEV_ERROR) == 0
        model = document.getModel()
        species = [s.getId() for s in model.getListOfSpecies()]
        initial = {
            s.getId(): s.getInitialConcentration() if s.isSetInitialConcentration() else s.getInitialAmount()
            for s in model.getListOfSpecies()
        }
        parameters = {p.getId(): p.getValue() for p in model.getListOfParameters()}
        parameters.update({c.getId(): c.getSize() for c in model.getListOfCompartments()})
        assignments: list[tuple[str, CodeType]] = []
        rates: dict[str, CodeType] = {}
        for rule in model.getListOfRules():
            code = compile(_expression(rule.getMath()), rule.getVariable(), "eval")
            if rule.isAssignment():
                assignments.append((rule.getVariable(), code))
            elif rule.isRate():
                rates[rule.getVariable()] = code
        reactions = []
        for reaction in model.getListOfReactions():
            stoichiometry: dict[str, float] = {}
            for reactant in reaction.getListOfReactants():
                stoichiometry[reactant.getSpecies()] = (
                    stoichiometry.get(reactant.getSpecies(), 0) - reactant.getStoichiometry()
                )
            for product in reaction.getListOfProducts():
                stoichiometry[product.getSpecies()] = (
                    stoichiometry.get(product.getSpecies(), 0) + product.getStoichiometry()
                )
            law = compile(_expression(reaction.getKineticLaw().getMath()), reaction.getId(), "eval")
            reactions.append((law, stoichiometry))
        return cls(species, initial, parameters, _ordered(assignments), rates, reactions)

    def values(self, state: Sequence[float], parameters: Mapping[str, float]) -> dict[str, Any]:
        """Every named value at `state`: species, parameters and assignment-rule variables."""
        scope = {**FUNCTIONS, **parameters, **dict(zip(self.species, state, strict=True))}
        for variable, code in self.assignments:
            scope[variable] = eval(code, {"__builtins__": {}}, scope)  # noqa: S307 - the shipped file's own math
        return scope

    def derivatives(self, state: Sequence[float], parameters: Mapping[str, float]) -> list[float]:
        """d(species)/dt; compartments here have volume 1, so amount and concentration rates are equal."""
        scope = self.values(state, parameters)
        change = dict.fromkeys(self.species, 0.0)
        for variable, code in self.rates.items():
            change[variable] = eval(code, {"__builtins__": {}}, scope)  # noqa: S307
        for law, stoichiometry in self.reactions:
            rate = eval(law, {"__builtins__": {}}, scope)  # noqa: S307
            for name, coefficient in stoichiometry.items():
                change[name] += coefficient * rate
        return [change[name] for name in self.species]

    def integrate(
        self,
        initial: Mapping[str, float],
        parameters: Mapping[str, float],
        times: Sequence[float],
        outputs: Sequence[str],
    ) -> dict[str, np.ndarray]:
        """Each of `outputs` at `times`, from `initial`, with `parameters` over the file's own values."""
        values = {**self.parameters, **parameters}
        start = [initial.get(name, self.initial[name]) for name in self.species]
        solution = solve_ivp(
            lambda _, y: self.derivatives(y, values), (0.0, float(times[-1])), start, method="LSODA",
            t_eval=list(times), rtol=1e-10, atol=1e-12,
        )  # fmt: skip
        assert solution.success, solution.message
        rows = [self.values(solution.y[:, column], values) for column in range(len(times))]
        return {name: np.array([row[name] for row in rows]) for name in outputs}


def _ordered(assignments: list[tuple[str, CodeType]]) -> list[tuple[str, CodeType]]:
    """Assignment rules in an order where each is computed after the variables it reads."""
    pending = list(assignments)
    names = {variable for variable, _ in assignments}
    done: list[tuple[str, CodeType]] = []
    known: set[str] = set()
    while pending:
        for entry in pending:
            needs = {name for name in entry[1].co_names if name in names}
            if needs <= known:
                done.append(entry)
                known.add(entry[0])
                pending.remove(entry)
                break
        else:
            raise ValueError("assignment rules depend on each other in a cycle")
    return done
