"""Layer 2: solvers, each a function ``solver(game, ...) -> EquilibriumResult`` registered
in :data:`SOLVERS`."""

from ._pure import pure, pure_nash_mask
from ._registry import (SOLVERS, SolverSpec, choose_method, nash_equilibria, register_solver,
                        resolve_method)
from ._result import Equilibrium, EquilibriumResult

__all__ = ["pure", "pure_nash_mask", "SOLVERS", "SolverSpec", "choose_method",
           "nash_equilibria", "register_solver", "resolve_method", "Equilibrium",
           "EquilibriumResult"]
