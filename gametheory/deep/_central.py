"""Centralised DQN: one controller sees every agent's observation and picks the joint
action, a DQN (Mnih et al. 2015) over the joint action space of ``n_actions ** n_agents``
actions, trained on the team reward.  It is the baseline that value decomposition avoids:
exact on small games (it learns the joint values VDN cannot represent) but exponential in
the number of agents.

>>> from gametheory.deep import CentralDQN, CentralDQNConfig, EnvSpec
>>> spec = EnvSpec(n_agents=2, obs_dim=3, n_actions=2, state_dim=6, common_reward=True)
>>> learner = CentralDQN(spec, CentralDQNConfig(), rng=0)
>>> learner.n_ctrl, learner.a_ctrl
(1, 4)
>>> learner.act([[1, 0, 0], [1, 0, 0]], explore=False).shape
(2,)
"""

from __future__ import annotations

import dataclasses

import torch

from .._errors import InvalidOptionError, UnsupportedGameError
from ._qlearner import QLearner, QLearnerConfig

__all__ = ["CentralDQNConfig", "CentralDQN"]


@dataclasses.dataclass(frozen=True)
class CentralDQNConfig(QLearnerConfig):
    """Hyperparameters of the central controller."""

    recurrent: bool = False
    """A GRU controller that conditions on the history of joint observations (False:
    feed-forward on the current joint observation)."""
    max_joint_actions: int = 4096
    """Largest joint action space accepted (n_actions ** n_agents)."""

    def __post_init__(self):
        super().__post_init__()
        if self.independent_buffers:
            raise InvalidOptionError("independent_buffers does not apply to a central "
                                     "controller")


class CentralDQN(QLearner):
    """Central DQN: one controller choosing the joint action of all agents."""

    algorithm = "central_dqn"
    Config = CentralDQNConfig
    mixer_name = None

    def _controller_dims(self):
        n, A = self.spec.n_agents, self.spec.n_actions
        joint = A ** n
        if joint > self.config.max_joint_actions:
            raise UnsupportedGameError(f"the joint action space has {joint} actions "
                                       f"({A}^{n}), more than max_joint_actions="
                                       f"{self.config.max_joint_actions}")
        self._radix = torch.tensor([A ** (n - 1 - i) for i in range(n)], dtype=torch.int64)
        return 1, n * self.spec.obs_dim, joint

    def _controller_obs(self, obs):
        return obs.reshape(*obs.shape[:-2], 1, obs.shape[-2] * obs.shape[-1])

    def _controller_actions(self, actions):
        return (actions * self._radix).sum(-1, keepdim=True)

    def _env_actions(self, actions):
        return (actions // self._radix) % self.spec.n_actions

    def _controller_avail(self, avail):
        joint = avail[..., 0, :]
        for i in range(1, avail.shape[-2]):
            joint = (joint.unsqueeze(-1) * avail[..., i, :].unsqueeze(-2)).flatten(-2)
        return joint.unsqueeze(-2)

    def _team_targets(self) -> bool:
        return True
