"""Plots people expect: simplex trajectories of dynamics, regret and exploitability curves,
payoff regions (Pareto set, correlated-equilibrium region, feasible and individually rational
payoffs).  matplotlib is imported when a plot is drawn; every function returns the Figure.
"""

from . import _plots
from ._plots import *  # noqa: F401,F403

__all__ = [*_plots.__all__]
