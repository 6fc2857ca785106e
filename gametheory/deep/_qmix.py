"""QMIX: the team's action value is a monotonic function of the agents' utilities, mixed by
a network whose non-negative weights are generated from the global state (Rashid et al.
2018, "QMIX: Monotonic value function factorisation for deep multi-agent reinforcement
learning", ICML).  Monotonicity makes the agents' greedy actions the greedy joint action,
while the state-dependent mixing represents more joint values than VDN's sum: on the
two-step game QMIX's greedy policy earns the optimal 8.

>>> from gametheory.deep import QMIX, QMIXConfig, EnvSpec
>>> spec = EnvSpec(n_agents=2, obs_dim=3, n_actions=2, state_dim=6, common_reward=True)
>>> learner = QMIX(spec, QMIXConfig(recurrent=False), rng=0)
>>> type(learner.mixer).__name__, learner.mixer.embed_dim
('QMixer', 32)
"""

from __future__ import annotations

import dataclasses

from .._errors import InvalidOptionError
from ._qlearner import QLearner, QLearnerConfig

__all__ = ["QMIXConfig", "QMIX"]


@dataclasses.dataclass(frozen=True)
class QMIXConfig(QLearnerConfig):
    """Hyperparameters of QMIX: the Q-learning core plus the mixing network's sizes."""

    mixing_embed_dim: int = 32
    """Width of the mixing network's hidden layer."""
    hypernet_layers: int = 2
    """Layers of the hypernetworks that produce the mixing weights (1 or 2)."""
    hypernet_hidden: int = 64
    """Width of the hypernetworks' hidden layer (with hypernet_layers = 2)."""

    def __post_init__(self):
        super().__post_init__()
        if self.mixing_embed_dim < 1 or self.hypernet_hidden < 1:
            raise InvalidOptionError("mixing_embed_dim and hypernet_hidden must be at least 1")
        if self.hypernet_layers not in (1, 2):
            raise InvalidOptionError(f"hypernet_layers must be 1 or 2, got "
                                     f"{self.hypernet_layers}")


class QMIX(QLearner):
    """QMIX: the Q-learning core with the monotonic hypernetwork mixer."""

    algorithm = "qmix"
    Config = QMIXConfig
    mixer_name = "qmix"

    def _mixer_options(self) -> dict:
        c = self.config
        return {"embed_dim": c.mixing_embed_dim, "hypernet_hidden": c.hypernet_hidden,
                "hypernet_layers": c.hypernet_layers}
