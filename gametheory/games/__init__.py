"""Layer 0: what a game is.

Normal-form games (:class:`NormalFormGame`), stochastic games and their special cases
(:class:`StochasticGame`, :class:`POSG`), the catalog of named games from the literature,
random generators and game files (Gambit ``.nfg`` and JSON).
"""

from ._normal_form import NormalFormGame, as_mixed_profile, is_pure_profile
from ._stochastic import POSG, StochasticGame
from . import catalog, generators, io
from .io import load_game, read_game, write_game

__all__ = ["NormalFormGame", "as_mixed_profile", "is_pure_profile", "catalog",
           "StochasticGame", "POSG", "generators", "io", "load_game", "read_game",
           "write_game"]
