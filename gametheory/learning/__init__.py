"""Layer 3: learning processes without torch.

No-regret and classical dynamics on normal-form games (regret matching, Hedge, fictitious
play, replicator and logit dynamics), tabular multi-agent reinforcement learning on
stochastic games (independent Q-learning, minimax-Q, Nash-Q, CE-Q, JAL-AM, WoLF-PHC) and
repeated games with automaton strategies.  Each process is a class holding its state; its
``run`` returns a frozen result.
"""

from . import _dynamics, _repeated, _result, _tabular
from ._result import *  # noqa: F401,F403
from ._dynamics import *  # noqa: F401,F403
from ._tabular import *  # noqa: F401,F403
from ._repeated import *  # noqa: F401,F403

__all__ = [*_result.__all__, *_dynamics.__all__, *_tabular.__all__, *_repeated.__all__]
