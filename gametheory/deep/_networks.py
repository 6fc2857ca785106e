"""Agent networks: a feed-forward or GRU Q-network per agent, or one shared by all agents.

:class:`AgentNetworks` maps the observations of ``n`` agents, shape ``(batch, n, obs_dim)``,
to action values ``(batch, n, n_actions)``.  With ``shared=True`` one network serves every
agent and its input is the observation followed by the agent's one-hot index (so shared
weights can still act differently per agent); with ``shared=False`` each agent has its own
network.  A GRU network carries a hidden state ``(batch, n, hidden_dim)`` from step to
step, so its action values depend on the agent's whole observation history.

>>> import torch
>>> net = AgentNetworks(n_agents=2, obs_dim=3, n_actions=4, hidden_dim=8, recurrent=True)
>>> h = net.initial_hidden(5)
>>> q, h = net(torch.zeros(5, 2, 3), h)
>>> tuple(q.shape), tuple(h.shape)
((5, 2, 4), (5, 2, 8))
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["MLPAgent", "GRUAgent", "AgentNetworks"]


class MLPAgent(nn.Module):
    """Two hidden ReLU layers, then one action value per action."""

    def __init__(self, input_dim: int, n_actions: int, hidden_dim: int):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                  nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
                                  nn.Linear(hidden_dim, n_actions))

    def forward(self, x, hidden=None):
        return self.body(x), hidden


class GRUAgent(nn.Module):
    """A ReLU layer, a GRU that summarises the observation history, then one action value
    per action (the recurrent agent of Hausknecht and Stone 2015, "Deep recurrent
    Q-learning for partially observable MDPs", in the form QMIX's agents use).

    :meth:`sequence` runs whole episodes through ``nn.GRU`` (the time loop in torch's
    C++ kernel, one matrix product for the input projection of every step), which is
    what makes replaying batches of 50-step episodes affordable on a CPU; :meth:`forward`
    takes one step with the same weights."""

    def __init__(self, input_dim: int, n_actions: int, hidden_dim: int):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.encoder = nn.Linear(input_dim, hidden_dim)
        self.gru = nn.GRU(hidden_dim, hidden_dim, batch_first=True)
        self.head = nn.Linear(hidden_dim, n_actions)

    def forward(self, x, hidden):
        """One step: ``x`` (N, input_dim), ``hidden`` (N, hidden_dim)."""
        g = self.gru
        h = torch.gru_cell(torch.relu(self.encoder(x)), hidden, g.weight_ih_l0,
                           g.weight_hh_l0, g.bias_ih_l0, g.bias_hh_l0)
        return self.head(h), h

    def sequence(self, x):
        """Whole sequences from a zero state: ``x`` (N, T, input_dim) -> (N, T,
        n_actions)."""
        out, _ = self.gru(torch.relu(self.encoder(x)))
        return self.head(out)


class AgentNetworks(nn.Module):
    """The Q-networks of ``n_agents`` agents, shared or one per agent.

    Parameters
    ----------
    n_agents, obs_dim, n_actions : int
        Sizes of the environment.
    hidden_dim : int
        Width of the hidden layers (and of the GRU state).
    recurrent : bool
        GRU agents (True) or feed-forward agents (False).
    shared : bool
        One network for all agents, fed the agent's one-hot index after its observation.
    """

    def __init__(self, n_agents: int, obs_dim: int, n_actions: int, hidden_dim: int = 64,
                 *, recurrent: bool = False, shared: bool = True):
        super().__init__()
        self.n_agents, self.obs_dim, self.n_actions = n_agents, obs_dim, n_actions
        self.hidden_dim, self.recurrent, self.shared = hidden_dim, recurrent, shared
        cls = GRUAgent if recurrent else MLPAgent
        if shared:
            self.nets = nn.ModuleList([cls(obs_dim + n_agents, n_actions, hidden_dim)])
            self.register_buffer("agent_ids", torch.eye(n_agents), persistent=False)
        else:
            self.nets = nn.ModuleList([cls(obs_dim, n_actions, hidden_dim)
                                       for _ in range(n_agents)])

    def initial_hidden(self, batch: int):
        """Zero GRU state for ``batch`` episodes (None for feed-forward agents)."""
        if not self.recurrent:
            return None
        return torch.zeros(batch, self.n_agents, self.hidden_dim)

    def forward(self, obs, hidden=None):
        """Action values ``(batch, n, n_actions)`` and the next hidden state."""
        B, n = obs.shape[0], self.n_agents
        if self.shared:
            x = torch.cat([obs, self.agent_ids.expand(B, n, n)], dim=-1).reshape(B * n, -1)
            h = None if hidden is None else hidden.reshape(B * n, -1)
            q, h = self.nets[0](x, h)
            return q.reshape(B, n, -1), (None if h is None else h.reshape(B, n, -1))
        qs, hs = [], []
        for i, net in enumerate(self.nets):
            q, h = net(obs[:, i], None if hidden is None else hidden[:, i])
            qs.append(q)
            hs.append(h)
        return torch.stack(qs, 1), (None if hidden is None else torch.stack(hs, 1))

    def unroll(self, obs):
        """Action values for whole episodes: ``obs`` (batch, T, n, obs_dim) ->
        (batch, T, n, n_actions), the GRU state starting at zero at t = 0."""
        B, T, n = obs.shape[:3]
        if not self.recurrent:
            q, _ = self(obs.reshape(B * T, *obs.shape[2:]))
            return q.reshape(B, T, n, -1)
        seq = obs.transpose(1, 2)                                 # (B, n, T, obs_dim)
        if self.shared:
            ids = self.agent_ids.view(1, n, 1, n).expand(B, n, T, n)
            q = self.nets[0].sequence(torch.cat([seq, ids], -1).reshape(B * n, T, -1))
            q = q.reshape(B, n, T, -1)
        else:
            q = torch.stack([net.sequence(seq[:, i]) for i, net in enumerate(self.nets)], 1)
        return q.transpose(1, 2)

