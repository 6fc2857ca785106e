"""The environment seam of the deep learners: sizes of an environment and one episode.

Learners only see :class:`EnvSpec` (numbers of agents, actions, observation and state
sizes, whether the reward is common); the runner plays episodes with :func:`run_episode`
on any environment with the PettingZoo ``ParallelEnv`` API whose agents share one discrete
action count and flat observations of one size (the environments of
:mod:`gametheory.envs` are such).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

import numpy as np

from .._errors import InvalidOptionError, UnknownNameError, UnsupportedGameError

__all__ = ["EnvSpec", "Episode", "make_training_env", "run_episode", "episode_seed"]


@dataclasses.dataclass(frozen=True)
class EnvSpec:
    """What a learner needs to know about an environment."""

    n_agents: int
    """Number of agents."""
    obs_dim: int
    """Length of every agent's flat observation vector."""
    n_actions: int
    """Number of discrete actions of every agent."""
    state_dim: int
    """Length of the global state (the concatenated observations when the environment
    has no state of its own)."""
    common_reward: bool
    """Whether all agents always receive the same reward."""

    @classmethod
    def from_env(cls, env) -> "EnvSpec":
        """Read the sizes from an environment (its attributes, else its spaces)."""
        agents = list(env.possible_agents)
        n = len(agents)
        if n == 0:
            raise UnsupportedGameError("the environment has no agents")
        obs_dim = getattr(env, "obs_dim", None)
        if obs_dim is None:
            obs_dim = int(np.prod(env.observation_space(agents[0]).shape))
        n_actions = getattr(env, "n_actions", None)
        if n_actions is None:
            counts = {int(env.action_space(a).n) for a in agents}
            if len(counts) != 1:
                raise UnsupportedGameError("the deep learners need the same number of "
                                           f"actions for every agent, got {sorted(counts)}")
            n_actions = counts.pop()
        state_dim = int(getattr(env, "state_dim", 0) or 0)
        if state_dim <= 0:
            state_dim = n * int(obs_dim)
        return cls(n, int(obs_dim), int(n_actions), state_dim,
                   bool(getattr(env, "common_reward", False)))

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class Episode:
    """One played episode (arrays in the layout of :class:`EpisodeBuffer`)."""

    obs: np.ndarray
    """Observations, shape (L+1, n, obs_dim)."""
    state: np.ndarray
    """States, shape (L+1, state_dim)."""
    actions: np.ndarray
    """Actions, shape (L, n)."""
    rewards: np.ndarray
    """Rewards, shape (L, n)."""
    avail: np.ndarray
    """Action masks (1 = available), shape (L+1, n, n_actions)."""
    terminated: bool
    """True if the episode reached a terminal state, False if a time limit cut it."""

    @property
    def length(self) -> int:
        return int(self.actions.shape[0])

    @property
    def agent_returns(self) -> np.ndarray:
        """Undiscounted return of every agent."""
        return self.rewards.sum(axis=0)

    def team_return(self, common_reward: bool) -> float:
        """The common return when rewards are common, else the sum of agents' returns."""
        r = self.agent_returns
        return float(r[0] if common_reward else r.sum())


def make_training_env(env) -> tuple[Any, str]:
    """An environment and its name from a spec string (``"sg:two-step"``, a game file ...,
    built by :func:`gametheory.envs.make_env`) or a zero-argument factory."""
    if callable(env) and not isinstance(env, str):
        name = getattr(env, "env_name", None) or getattr(env, "__name__", None) \
            or type(env).__name__
        return env(), str(name)
    if not isinstance(env, str):
        raise InvalidOptionError("env must be an environment name such as 'sg:two-step' or "
                                 f"a factory function, not {type(env).__name__}")
    try:
        from ..envs import make_env
    except ImportError:  # pragma: no cover - the envs layer ships with the package
        raise UnknownNameError(f"unknown environment {env!r}: gametheory.envs is not "
                               "available") from None
    return make_env(env), env


def episode_seed(seed: int, stream: int, index: int) -> int:
    """A 32-bit seed for episode ``index`` of a stream (0 training, 1 evaluation during
    training, 2 standalone evaluation), derived from the run's seed."""
    return int(np.random.SeedSequence([int(seed), int(stream), int(index)])
               .generate_state(1)[0])


def _stack(obs: dict, agents, obs_dim: int) -> np.ndarray:
    out = np.zeros((len(agents), obs_dim), np.float32)
    for i, a in enumerate(agents):
        if a in obs:
            out[i] = np.asarray(obs[a], dtype=np.float32).reshape(-1)
    return out


def _masks(infos: dict, agents, n_actions: int) -> np.ndarray:
    out = np.ones((len(agents), n_actions), np.int8)
    for i, a in enumerate(agents):
        mask = (infos.get(a) or {}).get("action_mask") if isinstance(infos, dict) else None
        if mask is not None:
            out[i] = np.asarray(mask, dtype=np.int8).reshape(-1)
    out[out.sum(axis=1) == 0] = 1    # an agent with no available action: leave all open
    return out


def _state(env, obs: np.ndarray, spec: EnvSpec) -> np.ndarray:
    if getattr(env, "state_dim", 0):
        return np.asarray(env.state(), dtype=np.float32).reshape(-1)
    return obs.reshape(-1)


def run_episode(env, act: Callable[[np.ndarray, np.ndarray], np.ndarray], spec: EnvSpec, *,
                seed: int | None, max_steps: int = 100_000) -> Episode:
    """Play one episode: reset with ``seed``, then call ``act(obs, avail)`` (observations
    ``(n, obs_dim)`` and action masks ``(n, n_actions)`` from ``infos[agent]
    ["action_mask"]``, all ones without them -> actions ``(n,)``) until every agent is
    terminated or truncated."""
    agents = list(env.possible_agents)
    obs_d, info_d = env.reset(seed=seed)
    obs = _stack(obs_d, agents, spec.obs_dim)
    avail = _masks(info_d, agents, spec.n_actions)
    obs_l, state_l, act_l, rew_l = [obs], [_state(env, obs, spec)], [], []
    avail_l = [avail]
    terminated = False
    for _ in range(max_steps):
        a = np.asarray(act(obs, avail), dtype=np.int64).reshape(-1)
        obs_d, rew_d, term_d, trunc_d, info_d = env.step({ag: int(a[i])
                                                          for i, ag in enumerate(agents)})
        obs = _stack(obs_d, agents, spec.obs_dim)
        avail = _masks(info_d, agents, spec.n_actions)
        avail_l.append(avail)
        act_l.append(a)
        rew_l.append(np.array([float(rew_d.get(ag, 0.0)) for ag in agents], np.float32))
        obs_l.append(obs)
        state_l.append(_state(env, obs, spec))
        if all(term_d.get(ag, True) or trunc_d.get(ag, True) for ag in agents):
            terminated = any(bool(term_d.get(ag, False)) for ag in agents)
            break
    else:
        raise UnsupportedGameError(f"an episode did not end within {max_steps} steps; "
                                   "give the environment a time limit")
    return Episode(np.stack(obs_l), np.stack(state_l), np.stack(act_l), np.stack(rew_l),
                   np.stack(avail_l), terminated)
