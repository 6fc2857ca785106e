"""Layer 4: policy-space response oracles (Lanctot et al. 2017).

A meta-game over policy populations, a registry of meta-solvers, the best-response oracle
protocol with exact oracles for normal-form and tabular stochastic games, and the PSRO loop
that records the exploitability of its meta-strategy in the full game at every iteration.
RL oracles implement the same protocol in ``deep/``, so nothing here imports torch.
"""

from . import _meta_game, _meta_solvers, _oracles, _psro
from ._meta_game import *  # noqa: F401,F403
from ._meta_solvers import *  # noqa: F401,F403
from ._oracles import *  # noqa: F401,F403
from ._psro import *  # noqa: F401,F403

__all__ = [*_meta_game.__all__, *_meta_solvers.__all__, *_oracles.__all__, *_psro.__all__]
