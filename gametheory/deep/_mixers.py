"""Mixers: how per-agent utilities combine into a joint action value ``Q_tot``.

A mixer is called as ``mixer(agent_qs, state) -> q_tot`` with ``agent_qs`` of shape
``(..., n_agents)`` and ``state`` of shape ``(..., state_dim)``, and returns ``(..., 1)``.
Value decomposition is one Q-learner with a pluggable mixer: none for independent learners,
:class:`VDNMixer` (a sum) for VDN, :class:`QMixer` (a monotonic state-conditioned network)
for QMIX.  Both mixers are monotone in every agent utility, so each agent's greedy action
on its own utility gives the greedy joint action of ``Q_tot`` (the IGM property).

>>> import torch
>>> mixer = QMixer(n_agents=3, state_dim=4)
>>> q_tot = mixer(torch.zeros(7, 5, 3), torch.zeros(7, 5, 4))
>>> tuple(q_tot.shape)
(7, 5, 1)
"""

from __future__ import annotations

import torch
from torch import nn

from .._errors import UnknownNameError

__all__ = ["VDNMixer", "QMixer", "MIXERS", "make_mixer"]


class VDNMixer(nn.Module):
    """``Q_tot = sum_i Q_i`` (Sunehag et al. 2018, "Value-decomposition networks for
    cooperative multi-agent learning based on team reward", AAMAS)."""

    def forward(self, agent_qs, state=None):
        return agent_qs.sum(dim=-1, keepdim=True)


def _hypernet(state_dim: int, out_dim: int, hidden: int, layers: int) -> nn.Module:
    if layers == 1:
        return nn.Linear(state_dim, out_dim)
    return nn.Sequential(nn.Linear(state_dim, hidden), nn.ReLU(), nn.Linear(hidden, out_dim))


class QMixer(nn.Module):
    """The monotonic mixing network of QMIX (Rashid et al. 2018, "QMIX: Monotonic value
    function factorisation for deep multi-agent reinforcement learning", ICML).

    A two-layer network over the agent utilities whose weights are produced from the state
    by hypernetworks and made non-negative with an absolute value; the hidden activation is
    ELU, which is increasing.  Hence ``dQ_tot / dQ_i >= 0`` for every state: the argmax of
    ``Q_tot`` is reached by each agent maximising its own utility.  The biases depend on the
    state freely (no sign constraint), the last one through a small ReLU network ``V(s)``.

    Parameters
    ----------
    n_agents, state_dim : int
        Number of utilities mixed and size of the state fed to the hypernetworks.
    embed_dim : int
        Width of the mixing network's hidden layer.
    hypernet_hidden : int
        Width of the hidden layer of the weight hypernetworks (with ``hypernet_layers=2``).
    hypernet_layers : int
        1 (linear hypernetworks) or 2 (one ReLU hidden layer).
    """

    def __init__(self, n_agents: int, state_dim: int, embed_dim: int = 32,
                 hypernet_hidden: int = 64, hypernet_layers: int = 2):
        super().__init__()
        self.n_agents, self.embed_dim = n_agents, embed_dim
        self.w1 = _hypernet(state_dim, n_agents * embed_dim, hypernet_hidden, hypernet_layers)
        self.b1 = nn.Linear(state_dim, embed_dim)
        self.w2 = _hypernet(state_dim, embed_dim, hypernet_hidden, hypernet_layers)
        self.v = nn.Sequential(nn.Linear(state_dim, embed_dim), nn.ReLU(),
                               nn.Linear(embed_dim, 1))

    def forward(self, agent_qs, state):
        lead = agent_qs.shape[:-1]
        q = agent_qs.reshape(-1, 1, self.n_agents)
        s = state.reshape(q.shape[0], -1)
        w1 = torch.abs(self.w1(s)).view(-1, self.n_agents, self.embed_dim)
        hidden = nn.functional.elu(torch.bmm(q, w1) + self.b1(s).unsqueeze(1))
        w2 = torch.abs(self.w2(s)).view(-1, self.embed_dim, 1)
        q_tot = torch.bmm(hidden, w2) + self.v(s).unsqueeze(1)
        return q_tot.reshape(*lead, 1)


MIXERS = {"vdn": VDNMixer, "qmix": QMixer}
"""Mixer registry: name -> class (``None`` means independent learners)."""


def make_mixer(name: str | None, n_agents: int, state_dim: int, **options) -> nn.Module | None:
    """Build the mixer registered under ``name`` (None -> no mixer)."""
    if name is None:
        return None
    if name not in MIXERS:
        raise UnknownNameError(f"unknown mixer {name!r}; known: {', '.join(sorted(MIXERS))}")
    if name == "vdn":
        return VDNMixer()
    return MIXERS[name](n_agents, state_dim, **options)
