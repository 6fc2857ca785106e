"""Independent deep Q-learning (IDQN): every agent learns its own Q-network from its own
reward and observation history, treating the others as part of the environment (Tan 1993,
"Multi-agent reinforcement learning: independent vs. cooperative agents", ICML, for
independent Q-learning; Tampuu et al. 2017, "Multiagent cooperation and competition with
deep reinforcement learning", PLoS ONE, with DQN).

By default each agent has its own network, target network and replay sampling (as if it had
its own buffer), and explores epsilon-greedily on its own observation history (GRU agents).

>>> from gametheory.deep import IDQN, IDQNConfig, EnvSpec
>>> spec = EnvSpec(n_agents=2, obs_dim=3, n_actions=2, state_dim=6, common_reward=True)
>>> learner = IDQN(spec, IDQNConfig(recurrent=False), rng=0)
>>> learner.act([[1, 0, 0], [1, 0, 0]], explore=False).shape
(2,)
"""

from __future__ import annotations

import dataclasses

from ._qlearner import QLearner, QLearnerConfig

__all__ = ["IDQNConfig", "IDQN"]


@dataclasses.dataclass(frozen=True)
class IDQNConfig(QLearnerConfig):
    """Hyperparameters of IDQN: the Q-learning core with one network and one replay
    stream per agent by default."""

    share_parameters: bool = False
    """One agent network for all agents, fed the agent's one-hot index (False: one network
    per agent)."""
    independent_buffers: bool = True
    """Every agent samples its own episodes from replay, as with one buffer per agent."""


class IDQN(QLearner):
    """IDQN: independent deep Q-learners, one network and replay stream per agent."""

    algorithm = "idqn"
    Config = IDQNConfig
    mixer_name = None
