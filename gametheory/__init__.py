"""gametheory: games, solution concepts, equilibrium solvers and learning agents.

>>> import gametheory as gt
>>> g = gt.games.catalog.get("prisoners-dilemma")
>>> res = gt.nash_equilibria(g, method="pure")
>>> [e.pure_profile for e in res], res.complete
([(1, 1)], True)
"""

from ._errors import (GameFormatError, GameTheoryError, InvalidGameError, InvalidOptionError,
                      InvalidProfileError, SolverError, UnknownNameError, UnsupportedGameError)
from . import games, concepts, solvers, learning, psro, plotting
from .games import NormalFormGame
from .solvers import SOLVERS, Equilibrium, EquilibriumResult, nash_equilibria

__version__ = "0.1.0"

__all__ = ["GameFormatError", "GameTheoryError", "InvalidGameError", "InvalidOptionError",
           "InvalidProfileError",
           "SolverError", "UnknownNameError", "UnsupportedGameError", "games", "concepts",
           "solvers", "learning", "psro", "plotting", "NormalFormGame", "SOLVERS", "Equilibrium", "EquilibriumResult",
           "nash_equilibria", "__version__"]
