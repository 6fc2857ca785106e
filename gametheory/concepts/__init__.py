"""Layer 1: solution concepts as certificates.  Nothing here searches for an equilibrium;
every function evaluates a definition on a given game and profile."""

from ._regret import (DEFAULT_TOL, best_response, best_responses, is_epsilon_nash, is_nash,
                      max_regret, nash_conv, pure_best_responses, regrets)

__all__ = ["DEFAULT_TOL", "best_response", "best_responses", "is_epsilon_nash", "is_nash",
           "max_regret", "nash_conv", "pure_best_responses", "regrets"]
