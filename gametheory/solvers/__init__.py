"""Layer 2: solvers, each a function ``solver(game, ...) -> EquilibriumResult`` registered
in :data:`SOLVERS`."""

from ._correlated import (CORRELATED_OBJECTIVES, CorrelatedResult,
                          coarse_correlated_equilibrium, correlated_equilibrium,
                          correlated_payoff_region, incentive_constraints)
from ._lemke_howson import lemke_howson, lemke_howson_enumeration
from ._minimax import MINIMAX_METHODS, MinimaxResult, minimax, security_strategies
from ._nplayer import logit_tracing, nplayer_support_enumeration, simplicial_subdivision
from ._pure import pure, pure_nash_mask
from ._registry import (SOLVERS, SolverSpec, choose_method, nash_equilibria, register_solver,
                        resolve_method)
from ._result import Equilibrium, EquilibriumResult
from ._support_enumeration import support_enumeration
from ._vertex_enumeration import Clique, VertexEnumerationResult, vertex_enumeration
from . import _stochastic_solvers
from ._stochastic_solvers import *  # noqa: F401,F403
from ._selection import (bicentric_prior, max_welfare, pareto_undominated, payoff_dominant,
                         risk_dominant, tracing_procedure)

__all__ = ["pure", "pure_nash_mask", "SOLVERS", "SolverSpec", "choose_method",
           "nash_equilibria", "register_solver", "resolve_method", "Equilibrium",
           "EquilibriumResult", "CORRELATED_OBJECTIVES", "CorrelatedResult",
           "coarse_correlated_equilibrium", "correlated_equilibrium", "incentive_constraints",
           "correlated_payoff_region",
           "bicentric_prior", "max_welfare", "pareto_undominated", "payoff_dominant",
           "risk_dominant", "tracing_procedure", "Clique", "VertexEnumerationResult",
           "vertex_enumeration", "support_enumeration", "logit_tracing",
           "nplayer_support_enumeration", "simplicial_subdivision", "lemke_howson",
           "lemke_howson_enumeration", "MINIMAX_METHODS", "MinimaxResult", "minimax",
           "security_strategies", *_stochastic_solvers.__all__]
