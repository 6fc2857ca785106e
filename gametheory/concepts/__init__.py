"""Layer 1: solution concepts as certificates.  Nothing here searches for an equilibrium;
every function evaluates a definition on a given game and profile."""

from ._regret import (DEFAULT_TOL, best_response, best_responses, is_epsilon_nash, is_nash,
                      max_regret, nash_conv, profile_certificate, pure_best_responses,
                      regrets)
from ._correlated import (cce_gap, cce_gaps, ce_gap, ce_gaps, correlated_payoffs,
                          is_coarse_correlated_equilibrium, is_correlated_equilibrium,
                          marginals, product_distribution)
from ._dominance import (EliminationResult, dominated_actions, dominating_strategy,
                         is_dominated, iterated_elimination)
from ._pareto import (is_pareto_dominated, pareto_front, pareto_improvement,
                      pareto_optimal_profiles)
from ._welfare import (WELFARE_FUNCTIONS, egalitarian_welfare, gini, max_welfare_profiles,
                       nash_welfare, utilitarian_welfare, welfare)
from ._security import SecurityResult, security_level, security_levels
from . import _folk
from ._folk import *  # noqa: F401,F403
from ._selection import deviation_loss_products, payoff_dominates, risk_dominance

__all__ = ["DEFAULT_TOL", "best_response", "best_responses", "is_epsilon_nash", "is_nash",
           "max_regret", "nash_conv", "profile_certificate", "pure_best_responses", "regrets",
           # correlated and coarse correlated equilibria
           "ce_gap", "ce_gaps", "cce_gap", "cce_gaps", "is_correlated_equilibrium",
           "is_coarse_correlated_equilibrium", "product_distribution", "marginals",
           "correlated_payoffs",
           # dominance
           "is_dominated", "dominated_actions", "dominating_strategy",
           "iterated_elimination", "EliminationResult",
           # Pareto optimality
           "pareto_front", "pareto_optimal_profiles", "is_pareto_dominated",
           "pareto_improvement",
           # welfare and fairness
           "utilitarian_welfare", "egalitarian_welfare", "nash_welfare", "gini", "welfare",
           "max_welfare_profiles", "WELFARE_FUNCTIONS",
           # security levels
           "security_level", "security_levels", "SecurityResult",
           # equilibrium selection
           "payoff_dominates", "risk_dominance", "deviation_loss_products", *_folk.__all__]
