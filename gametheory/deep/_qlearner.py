"""The Q-learning core shared by the value-based learners (IDQN, VDN, QMIX, central DQN).

One learner, one loss; the algorithms differ only in their mixer (convention 11)::

    Q_tot(s, a) = mixer([Q_1(tau_1, a_1), ..., Q_n(tau_n, a_n)], s)

with no mixer for independent learners (each agent regresses its own ``Q_i`` on its own
reward), a sum for VDN and the monotonic hypernetwork of QMIX.  The TD target of step ``t``
is the n-step return

    G_t = sum_{k<h} gamma^k r_{t+k} + gamma^h Q'_tot(s_{t+h}, a*)      h = min(n, L - t)

bootstrapped from the target networks (no bootstrap after a terminal state; an episode cut
by a time limit bootstraps from its last observation).  ``a*`` is each agent's argmax of the
target utilities, or of the online utilities with double Q-learning (van Hasselt, Guez and
Silver 2016, "Deep reinforcement learning with double Q-learning", AAAI).  The loss is the
squared TD error averaged over the valid steps of a batch of whole episodes (Mnih et al.
2015, "Human-level control through deep reinforcement learning", Nature, for DQN; Rashid
et al. 2018 for the episode batches of recurrent agents).
"""

from __future__ import annotations

import copy
import dataclasses
from typing import ClassVar

import numpy as np
import torch
from torch import nn

from .._errors import InvalidOptionError
from .._rng import as_generator
from ._config import RunConfig, _check_types, config_to_dict
from ._env import EnvSpec
from ._mixers import make_mixer
from ._networks import AgentNetworks

__all__ = ["QLearnerConfig", "QLearner", "nstep_targets"]

CHECKPOINT_VERSION = 2
"""Format of learner states; 2: GRU agents hold an ``nn.GRU`` (key ``gru``), 1 held a
``GRUCell``."""


@dataclasses.dataclass(frozen=True)
class QLearnerConfig(RunConfig):
    """Hyperparameters of the Q-learning core (defaults follow QMIX's published setup,
    with Adam as in EPyMARL's benchmark)."""

    gamma: float = 0.99
    """Discount factor of the TD targets."""
    lr: float = 5e-4
    """Learning rate of Adam."""
    batch_size: int = 32
    """Episodes per update."""
    buffer_size: int = 5000
    """Episodes kept in the replay buffer."""
    learning_starts: int = 0
    """Environment steps before the first update (updates also wait for batch_size
    episodes in the buffer)."""
    updates_per_episode: int = 1
    """Gradient steps after each training episode."""
    target_update_interval: int = 200
    """Gradient steps between two copies of the online networks into the target networks."""
    eps_start: float = 1.0
    """Exploration rate at the start (epsilon-greedy, drawn per agent)."""
    eps_finish: float = 0.05
    """Exploration rate after the annealing."""
    eps_anneal_steps: int = 50000
    """Environment steps over which epsilon decreases linearly from eps_start to
    eps_finish."""
    double_q: bool = True
    """Double Q-learning: the online networks pick the bootstrap action, the target
    networks value it."""
    n_step: int = 1
    """Rewards summed before bootstrapping (n-step returns)."""
    hidden_dim: int = 64
    """Width of the agent networks' hidden layers (and of the GRU state)."""
    recurrent: bool = True
    """GRU agents that condition on their observation history (False: feed-forward agents
    that see the current observation only)."""
    share_parameters: bool = True
    """One agent network for all agents, fed the agent's one-hot index (False: one network
    per agent)."""
    independent_buffers: bool = False
    """Every agent samples its own episodes from replay, as with one buffer per agent
    (only without a mixer)."""
    grad_clip: float = 10.0
    """Largest norm of the gradient (clipped above it)."""
    reward_scalarisation: str = "sum"
    """How a team reward is formed when rewards are not common: 'sum' or 'mean' of the
    agents' rewards (ignored when rewards are common)."""

    def __post_init__(self):
        super().__post_init__()
        if not 0.0 <= self.gamma <= 1.0:
            raise InvalidOptionError(f"gamma must be in [0, 1], got {self.gamma}")
        for name in ("lr", "grad_clip"):
            if not getattr(self, name) > 0:
                raise InvalidOptionError(f"{name} must be positive, got {getattr(self, name)}")
        for name in ("batch_size", "buffer_size", "updates_per_episode",
                     "target_update_interval", "eps_anneal_steps", "n_step", "hidden_dim"):
            if getattr(self, name) < 1:
                raise InvalidOptionError(f"{name} must be at least 1, got "
                                         f"{getattr(self, name)}")
        if self.learning_starts < 0:
            raise InvalidOptionError("learning_starts must be non-negative")
        for name in ("eps_start", "eps_finish"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise InvalidOptionError(f"{name} must be in [0, 1], got "
                                         f"{getattr(self, name)}")
        if self.reward_scalarisation not in ("sum", "mean"):
            raise InvalidOptionError("reward_scalarisation must be 'sum' or 'mean', got "
                                     f"{self.reward_scalarisation!r}")


def nstep_targets(rewards, boot_values, length, terminated, gamma: float, n: int):
    """n-step TD targets of whole episodes.

    Parameters
    ----------
    rewards : Tensor (B, T, H)
        Rewards of ``H`` heads (agents, or 1 for a team); zero past an episode's end.
    boot_values : Tensor (B, T+1, H)
        Bootstrap values ``max_a Q'(x_t, a)`` at every step, including the last
        observation ``x_L``.
    length : Tensor (B, H)
        Episode lengths ``L``.
    terminated : Tensor (B, H)
        Whether the episode ended in a terminal state (then ``x_L`` is not bootstrapped).
    gamma : float
    n : int

    Returns
    -------
    targets, mask : Tensor (B, T, H)
        The targets, and 1.0 at the valid steps ``t < L`` (0.0 at padding).

    Examples
    --------
    One head, an episode of three steps with rewards 1, 2, 3 that terminates:

    >>> import torch
    >>> r = torch.tensor([[[1.0], [2.0], [3.0]]])
    >>> v = torch.full((1, 4, 1), 10.0)
    >>> L, term = torch.tensor([[3]]), torch.tensor([[True]])
    >>> g, m = nstep_targets(r, v, L, term, 0.5, 2)
    >>> g.flatten().tolist()        # 1 + .5*2 + .25*10, 2 + .5*3, 3
    [4.5, 3.5, 3.0]
    """
    B, T, H = rewards.shape
    t = torch.arange(T).view(1, T, 1)
    L = length.view(B, 1, H)
    h = (L - t).clamp(min=0, max=n)
    out = torch.zeros_like(rewards)
    for k in range(n):
        shifted = torch.zeros_like(rewards)
        shifted[:, :T - k] = rewards[:, k:]
        out = out + (gamma ** k) * shifted * (h > k)
    idx = (t + h).clamp(max=T).expand(B, T, H)
    boot = boot_values.gather(1, idx)
    done = (idx == L) & terminated.view(B, 1, H)
    out = out + torch.pow(torch.tensor(float(gamma)), h.float()) * (~done) * boot
    return out, (t < L).float().expand(B, T, H)


def _adam(params, lr: float):
    """Adam with the fused kernel when this torch has one for CPU (same results, fewer
    small operations per step)."""
    try:
        return torch.optim.Adam(params, lr=lr, fused=True)
    except (RuntimeError, TypeError, ValueError):  # pragma: no cover - older torch
        return torch.optim.Adam(params, lr=lr)


def _open_empty(mask):
    """Masks with no available action (padding past an episode's end) open every
    action, so maxima stay finite."""
    return mask | ~mask.any(-1, keepdim=True)


class QLearner:
    """Deep Q-learning for ``n`` agents with an optional mixer.

    Subclasses set ``algorithm``, ``Config`` and ``mixer_name`` (the mixer registry name or
    None).  The learner acts with :meth:`act`, learns from batches of episodes with
    :meth:`update` and saves itself with :meth:`state_dict`.

    Parameters
    ----------
    spec : EnvSpec
        Sizes of the environment.
    config : Config, optional
        Hyperparameters (the class's ``Config`` defaults when None).
    rng : None, int or numpy.random.Generator
        Randomness of exploration; a seed also fixes the network initialisation.
    """

    algorithm: ClassVar[str] = "qlearner"
    Config: ClassVar[type] = QLearnerConfig
    mixer_name: ClassVar[str | None] = None

    def __init__(self, spec: EnvSpec, config=None, *, rng=None):
        config = self.Config() if config is None else config
        if not isinstance(config, self.Config):
            raise InvalidOptionError(f"{type(self).__name__} needs a {self.Config.__name__}, "
                                     f"got {type(config).__name__}")
        _check_types(config)
        self.spec, self.config = spec, config
        if config.independent_buffers and self._team_targets():
            raise InvalidOptionError("independent_buffers needs independent learners (no "
                                     "mixer): a mixer combines the agents of one episode")
        self.rng = as_generator(rng)
        n_ctrl, d_ctrl, a_ctrl = self._controller_dims()
        self.n_ctrl, self.a_ctrl = n_ctrl, a_ctrl
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(self.rng.integers(2**31 - 1)))
            self.net = AgentNetworks(n_ctrl, d_ctrl, a_ctrl, config.hidden_dim,
                                     recurrent=config.recurrent,
                                     shared=config.share_parameters and n_ctrl > 1)
            self.mixer = make_mixer(self.mixer_name, spec.n_agents, spec.state_dim,
                                    **self._mixer_options())
        self.target_net = copy.deepcopy(self.net)
        self.target_mixer = copy.deepcopy(self.mixer)
        for p in self._target_parameters():
            p.requires_grad_(False)
        self.optimizer = _adam(self._parameters(), config.lr)
        self.num_updates = 0
        self.explore_steps = 0
        self._hidden = None

    # ------------------------------------------------------------------ hooks
    def _controller_dims(self) -> tuple[int, int, int]:
        """(controllers, input size, actions per controller): one per agent here."""
        return self.spec.n_agents, self.spec.obs_dim, self.spec.n_actions

    def _controller_obs(self, obs):
        """Agent observations (..., n, obs_dim) -> controller inputs."""
        return obs

    def _controller_actions(self, actions):
        """Agent actions (..., n) -> controller actions."""
        return actions

    def _env_actions(self, actions):
        """Controller actions -> agent actions (..., n)."""
        return actions

    def _controller_avail(self, avail):
        """Agent action masks (..., n, n_actions) -> controller masks."""
        return avail

    def _team_targets(self) -> bool:
        """Whether one team value is regressed (True with a mixer)."""
        return self.mixer_name is not None

    def _mixer_options(self) -> dict:
        return {}

    def _parameters(self):
        params = list(self.net.parameters())
        if self.mixer is not None:
            params += list(self.mixer.parameters())
        return params

    def _target_parameters(self):
        params = list(self.target_net.parameters())
        if self.target_mixer is not None:
            params += list(self.target_mixer.parameters())
        return params

    # ------------------------------------------------------------------ acting
    @property
    def epsilon(self) -> float:
        """Current exploration rate (linear annealing over the steps acted with
        ``explore=True``)."""
        c = self.config
        frac = min(1.0, self.explore_steps / c.eps_anneal_steps)
        return c.eps_start + frac * (c.eps_finish - c.eps_start)

    def reset(self) -> None:
        """Start new episodes: forget the recurrent state."""
        self._hidden = None

    def act(self, obs, *, explore: bool, avail=None) -> np.ndarray:
        """Actions for observations ``(n, obs_dim)`` (one environment, returns ``(n,)``)
        or ``(K, n, obs_dim)`` (K environments, returns ``(K, n)``): greedy, or
        epsilon-greedy per agent when ``explore``.  ``avail`` (``(n, n_actions)`` or
        ``(K, n, n_actions)``, 1 = available) restricts both the greedy and the random
        choices.  Call :meth:`reset` at episode starts."""
        x = torch.as_tensor(np.asarray(obs, dtype=np.float32))
        single = x.dim() == 2
        if single:
            x = x.unsqueeze(0)
        K = x.shape[0]
        x = self._controller_obs(x)
        if self._hidden is None or self._hidden.shape[0] != K:
            self._hidden = self.net.initial_hidden(K)
        with torch.no_grad():
            q, self._hidden = self.net(x, self._hidden)
        mask = None
        if avail is not None:
            m = torch.as_tensor(np.asarray(avail, dtype=np.int8)).reshape(
                K, self.spec.n_agents, self.spec.n_actions)
            mask = _open_empty(self._controller_avail(m) > 0)
            q = q.masked_fill(~mask, -torch.inf)
        actions = q.argmax(-1).numpy()
        if explore:
            eps = self.epsilon
            scores = self.rng.random(actions.shape + (self.a_ctrl,))
            if mask is not None:
                scores = np.where(mask.numpy(), scores, -1.0)
            random = scores.argmax(-1)          # uniform over the available actions
            actions = np.where(self.rng.random(actions.shape) < eps, random, actions)
            self.explore_steps += K
        out = np.asarray(self._env_actions(torch.as_tensor(actions)), dtype=np.int64)
        return out[0] if single else out

    def q_values(self, obs) -> np.ndarray:
        """Greedy utilities ``(K, controllers, actions)`` of observations without recurrent
        history (feed-forward agents; GRU agents at the first step of an episode)."""
        x = torch.as_tensor(np.asarray(obs, dtype=np.float32))
        if x.dim() == 2:
            x = x.unsqueeze(0)
        with torch.no_grad():
            q, _ = self.net(self._controller_obs(x), self.net.initial_hidden(x.shape[0]))
        return q.numpy()

    # ------------------------------------------------------------------ learning
    def _team_reward(self, rewards):
        if self.spec.common_reward:
            return rewards[..., :1]
        if self.config.reward_scalarisation == "mean":
            return rewards.mean(-1, keepdim=True)
        return rewards.sum(-1, keepdim=True)

    def update(self, batch) -> dict[str, float]:
        """One gradient step on a batch of episodes (the dict of
        :meth:`EpisodeBuffer.sample`); returns the loss and diagnostics."""
        obs = torch.as_tensor(batch["obs"], dtype=torch.float32)
        state = torch.as_tensor(batch["state"], dtype=torch.float32)
        actions = torch.as_tensor(batch["actions"], dtype=torch.int64)
        rewards = torch.as_tensor(batch["rewards"], dtype=torch.float32)
        length = torch.as_tensor(batch["length"], dtype=torch.int64)
        terminated = torch.as_tensor(batch["terminated"], dtype=torch.bool)
        x = self._controller_obs(obs)
        a = self._controller_actions(actions)
        avail = batch.get("avail")
        mask = None if avail is None else _open_empty(
            self._controller_avail(torch.as_tensor(avail)) > 0)
        if self._team_targets():
            rewards = self._team_reward(rewards)
            length, terminated = length[:, :1], terminated[:, :1]

        q = self.net.unroll(x)                                     # (B, T+1, c, A)
        q_taken = q[:, :-1].gather(-1, a.unsqueeze(-1)).squeeze(-1)  # (B, T, c)
        with torch.no_grad():
            q_next = self.target_net.unroll(x)
            if mask is not None:
                q_next = q_next.masked_fill(~mask, -torch.inf)
            if self.config.double_q:
                q_sel = q.detach() if mask is None else q.detach().masked_fill(~mask,
                                                                               -torch.inf)
                boot = q_next.gather(-1, q_sel.argmax(-1, keepdim=True)).squeeze(-1)
            else:
                boot = q_next.max(-1).values                        # (B, T+1, c)
        if self.mixer is not None:
            q_taken = self.mixer(q_taken, state[:, :-1])
            with torch.no_grad():
                boot = self.target_mixer(boot, state)
        targets, mask = nstep_targets(rewards, boot, length, terminated,
                                      self.config.gamma, self.config.n_step)
        td = (q_taken - targets.detach()) * mask
        loss = (td ** 2).sum() / mask.sum()
        self.optimizer.zero_grad()
        loss.backward()
        grad_norm = nn.utils.clip_grad_norm_(self._parameters(), self.config.grad_clip)
        self.optimizer.step()
        self.num_updates += 1
        if self.num_updates % self.config.target_update_interval == 0:
            self.update_targets()
        valid = mask.sum()
        return {"loss": float(loss.detach()), "grad_norm": float(grad_norm),
                "q_taken": float((q_taken.detach() * mask).sum() / valid),
                "target": float((targets * mask).sum() / valid)}

    def update_targets(self) -> None:
        """Copy the online networks into the target networks."""
        self.target_net.load_state_dict(self.net.state_dict())
        if self.mixer is not None:
            self.target_mixer.load_state_dict(self.mixer.state_dict())

    # ------------------------------------------------------------------ checkpoints
    def state_dict(self) -> dict:
        """Everything needed to continue learning exactly: networks, optimizer, counters
        and the exploration generator (tensors and plain Python values only)."""
        return {"algorithm": self.algorithm, "version": CHECKPOINT_VERSION,
                "config": config_to_dict(self.config), "spec": self.spec.to_dict(),
                "net": self.net.state_dict(), "target_net": self.target_net.state_dict(),
                "mixer": None if self.mixer is None else self.mixer.state_dict(),
                "target_mixer": (None if self.target_mixer is None
                                 else self.target_mixer.state_dict()),
                "optimizer": self.optimizer.state_dict(), "num_updates": self.num_updates,
                "explore_steps": self.explore_steps,
                "rng": self.rng.bit_generator.state}

    def load_state_dict(self, d: dict) -> None:
        """Restore what :meth:`state_dict` returned (from a learner of the same algorithm
        and environment sizes)."""
        if not isinstance(d, dict) or "algorithm" not in d:
            raise InvalidOptionError("not a learner state (no 'algorithm' entry)")
        if d["algorithm"] != self.algorithm:
            raise InvalidOptionError(f"the state was saved by algorithm {d['algorithm']!r}, "
                                     f"not {self.algorithm!r}")
        if d.get("version") != CHECKPOINT_VERSION:
            raise InvalidOptionError(f"the state has format version {d.get('version')}, "
                                     f"this gametheory reads version {CHECKPOINT_VERSION}")
        if d["spec"] != self.spec.to_dict():
            raise InvalidOptionError(f"the state was saved for an environment with sizes "
                                     f"{d['spec']}, not {self.spec.to_dict()}")
        self.net.load_state_dict(d["net"])
        self.target_net.load_state_dict(d["target_net"])
        if self.mixer is not None:
            self.mixer.load_state_dict(d["mixer"])
            self.target_mixer.load_state_dict(d["target_mixer"])
        self.optimizer.load_state_dict(d["optimizer"])
        self.num_updates = int(d["num_updates"])
        self.explore_steps = int(d["explore_steps"])
        self.rng.bit_generator.state = d["rng"]
        self._hidden = None
