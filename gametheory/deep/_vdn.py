"""Value-decomposition networks (VDN): the team's action value is the sum of the agents'
utilities, ``Q_tot = sum_i Q_i``, trained end to end on the team reward (Sunehag et al.
2018, "Value-decomposition networks for cooperative multi-agent learning based on team
reward", AAMAS).  The sum can only represent joint values that are additive across agents:
on the two-step game of Rashid et al. (2018) its greedy policy earns 7, not the optimal 8.

>>> from gametheory.deep import VDN, VDNConfig, EnvSpec
>>> spec = EnvSpec(n_agents=2, obs_dim=3, n_actions=2, state_dim=6, common_reward=True)
>>> learner = VDN(spec, VDNConfig(recurrent=False), rng=0)
>>> type(learner.mixer).__name__
'VDNMixer'
"""

from __future__ import annotations

import dataclasses

from ._qlearner import QLearner, QLearnerConfig

__all__ = ["VDNConfig", "VDN"]


@dataclasses.dataclass(frozen=True)
class VDNConfig(QLearnerConfig):
    """Hyperparameters of VDN (those of the Q-learning core; shared agent networks by
    default)."""


class VDN(QLearner):
    """VDN: the Q-learning core with the additive mixer ``Q_tot = sum_i Q_i``."""

    algorithm = "vdn"
    Config = VDNConfig
    mixer_name = "vdn"
