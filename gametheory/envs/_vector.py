"""Several copies of an environment stepped together, with numpy-batched arrays."""

from __future__ import annotations

from numbers import Integral
from typing import Sequence

import numpy as np

from .._errors import InvalidOptionError, InvalidProfileError
from ._base import MultiAgentEnv

__all__ = ["VectorEnv", "make_vector_env"]

_SHARED = ("n_agents", "obs_dim", "n_actions", "state_dim", "common_reward")


def _check_seed(seed):
    if seed is not None and (isinstance(seed, bool)
                             or not isinstance(seed, (Integral, np.integer)) or seed < 0):
        raise InvalidOptionError(f"seed must be a non-negative int or None, got {seed!r}")
    return None if seed is None else int(seed)


class VectorEnv:
    """``K`` environments of the same shape stepped together, for on-policy learners.

    Sub-environments whose episode ends are reset at once (same-step auto-reset): the
    observation returned for them is the first one of the new episode, and what the
    ended episode reached is kept in ``infos["final_observation"]`` and
    ``infos["final_state"]``.

    Parameters
    ----------
    envs : sequence of MultiAgentEnv
        The sub-environments, all with the same ``possible_agents``, ``obs_dim``,
        ``n_actions``, ``state_dim`` and ``common_reward``.
    seed : int, optional
        Seeds the sub-environments at the first :meth:`reset` (sub-environment ``k`` gets
        the ``k``-th seed of ``numpy.random.SeedSequence(seed)``); later automatic resets
        continue each sub-environment's own random stream, so a run is reproducible from
        this one seed.

    Attributes
    ----------
    num_envs : int
    envs : list of MultiAgentEnv
    possible_agents, n_agents, obs_dim, n_actions, state_dim, common_reward, max_steps
        As in :class:`MultiAgentEnv`, shared by all sub-environments.

    Examples
    --------
    >>> import numpy as np
    >>> venv = make_vector_env("matrix:climbing", 3, seed=0, episode_length=2)
    >>> obs, infos = venv.reset()
    >>> obs.shape, infos["state"].shape, infos["action_mask"].shape
    ((3, 2, 6), (3, 6), (3, 2, 3))
    >>> acts = np.array([[0, 0], [1, 1], [0, 1]])
    >>> obs, rew, term, trunc, infos = venv.step(acts)
    >>> rew[:, 0].tolist(), trunc.tolist()
    ([11.0, 7.0, -30.0], [False, False, False])
    >>> obs, rew, term, trunc, infos = venv.step(acts)
    >>> trunc.tolist(), infos["episode_return"][:, 0].tolist(), float(obs.sum())  # reset
    ([True, True, True], [22.0, 14.0, -60.0], 0.0)
    """

    def __init__(self, envs: Sequence[MultiAgentEnv], *, seed: int | None = None):
        envs = list(envs)
        if not envs:
            raise InvalidOptionError("a VectorEnv needs at least one environment")
        for e in envs:
            if not isinstance(e, MultiAgentEnv):
                raise InvalidOptionError(f"VectorEnv needs gametheory environments "
                                         f"(MultiAgentEnv), got {type(e).__name__}")
        if len({id(e) for e in envs}) != len(envs):
            raise InvalidOptionError("the sub-environments must be distinct objects")
        first = envs[0]
        for e in envs[1:]:
            if e.possible_agents != first.possible_agents or any(
                    getattr(e, k) != getattr(first, k) for k in _SHARED):
                raise InvalidOptionError("all sub-environments must have the same agents, "
                                         "obs_dim, n_actions, state_dim and common_reward")
        self.envs = envs
        self.num_envs = len(envs)
        self.possible_agents = list(first.possible_agents)
        self.n_agents = first.n_agents
        self.obs_dim = first.obs_dim
        self.n_actions = first.n_actions
        self.state_dim = first.state_dim
        self.common_reward = first.common_reward
        self.max_steps = first.max_steps
        self._seed = _check_seed(seed)
        self._started = False
        self._returns = np.zeros((self.num_envs, self.n_agents))
        self._lengths = np.zeros(self.num_envs, dtype=np.int64)

    def _seeds(self, seed):
        if seed is None:
            return [None] * self.num_envs
        states = np.random.SeedSequence(seed).generate_state(self.num_envs, dtype=np.uint32)
        return [int(s) for s in states]

    def reset(self, seed: int | None = None):
        """Reset every sub-environment.

        ``seed`` (default: the constructor's seed at the first call, none afterwards)
        re-seeds all sub-environments as described in the class docstring.

        Returns
        -------
        obs : ndarray, float32, shape (K, n_agents, obs_dim)
        infos : dict
            ``"state"`` (K, state_dim) float32 and ``"action_mask"`` (K, n_agents,
            n_actions) int8.
        """
        seed = _check_seed(seed)
        if seed is None and not self._started:
            seed = self._seed
        obs = np.empty((self.num_envs, self.n_agents, self.obs_dim), dtype=np.float32)
        for k, (env, s) in enumerate(zip(self.envs, self._seeds(seed))):
            obs[k] = self._stack(env, env.reset(seed=s)[0])
        self._started = True
        self._returns[:] = 0.0
        self._lengths[:] = 0
        return obs, {"state": self.state(), "action_mask": self.action_masks()}

    @staticmethod
    def _stack(env, obs_dict) -> np.ndarray:
        return np.stack([obs_dict[a] for a in env.possible_agents])

    def step(self, actions):
        """Step every sub-environment with ``actions[k, i]``, the action of agent ``i`` in
        sub-environment ``k``.

        Returns
        -------
        obs : ndarray, float32, shape (K, n_agents, obs_dim)
            Observations after the step; for a sub-environment whose episode ended, the
            first observation of its next episode.
        rewards : ndarray, float32, shape (K, n_agents)
        terminated, truncated : ndarray, bool, shape (K,)
            Whether the episode of each sub-environment ended this step (episodes end for
            all agents at once), by termination or by truncation.
        infos : dict of ndarray
            ``"state"`` (K, state_dim) and ``"action_mask"`` (K, n_agents, n_actions) of
            the returned observations; ``"final_observation"`` (K, n_agents, obs_dim),
            ``"final_state"`` (K, state_dim) and ``"final_action_mask"``: what this step
            reached before any automatic reset (equal to ``obs``, ``state`` and
            ``action_mask`` for the sub-environments that go on); ``"episode_return"``
            (K, n_agents) and ``"episode_length"`` (K,): the undiscounted return and length
            of the episodes that ended this step (0 elsewhere).

        Raises
        ------
        InvalidProfileError
            ``actions`` is not an integer array of shape (K, n_agents), or holds an action
            a sub-environment refuses.
        """
        if not self._started:
            raise RuntimeError("call reset() before step()")
        a = np.asarray(actions)
        if a.shape != (self.num_envs, self.n_agents) or not np.issubdtype(a.dtype,
                                                                          np.integer):
            raise InvalidProfileError(f"actions must be an int array of shape "
                                      f"({self.num_envs}, {self.n_agents}), got "
                                      f"{a.dtype} {a.shape}")
        if a.min() < 0 or a.max() >= self.n_actions:
            raise InvalidProfileError(f"actions must be in range [0, {self.n_actions})")
        K, n = self.num_envs, self.n_agents
        obs = np.empty((K, n, self.obs_dim), dtype=np.float32)
        final_obs = np.empty_like(obs)
        final_state = np.empty((K, self.state_dim), dtype=np.float32)
        final_mask = np.empty((K, n, self.n_actions), dtype=np.int8)
        state = np.empty_like(final_state)
        mask = np.empty_like(final_mask)
        rewards = np.empty((K, n), dtype=np.float32)
        term = np.zeros(K, dtype=bool)
        trunc = np.zeros(K, dtype=bool)
        ep_ret = np.zeros((K, n))
        ep_len = np.zeros(K, dtype=np.int64)
        joints = []                     # every joint action is checked before any step
        for k, env in enumerate(self.envs):
            try:
                joints.append(env._validate_joint(tuple(a[k].tolist())))
            except InvalidProfileError as exc:
                raise InvalidProfileError(f"sub-environment {k}: {exc}") from None
        for k, env in enumerate(self.envs):
            o, r, te, tr = env._step_arrays(joints[k])
            rewards[k] = r
            self._returns[k] += r
            self._lengths[k] += 1
            final_obs[k] = o
            final_state[k] = env._state_array()
            final_mask[k] = env._mask_arrays()
            if te or tr:
                term[k], trunc[k] = te, tr
                ep_ret[k] = self._returns[k]
                ep_len[k] = self._lengths[k]
                self._returns[k] = 0.0
                self._lengths[k] = 0
                obs[k] = self._stack(env, env.reset()[0])
                state[k] = env._state_array()
                mask[k] = env._mask_arrays()
            else:
                obs[k] = o
                state[k] = final_state[k]
                mask[k] = final_mask[k]
        infos = {"state": state, "action_mask": mask,
                 "final_observation": final_obs, "final_state": final_state,
                 "final_action_mask": final_mask, "episode_return": ep_ret,
                 "episode_length": ep_len}
        return obs, rewards, term, trunc, infos

    def state(self) -> np.ndarray:
        """Global states of the sub-environments, float32 of shape (K, state_dim)."""
        return np.stack([env._state_array() for env in self.envs]).astype(np.float32,
                                                                         copy=False)

    def action_masks(self) -> np.ndarray:
        """Action masks, int8 of shape (K, n_agents, n_actions)."""
        return np.stack([env._mask_arrays() for env in self.envs])

    def close(self) -> None:
        """Close every sub-environment."""
        for env in self.envs:
            env.close()

    def __repr__(self) -> str:
        return (f"<VectorEnv num_envs={self.num_envs} n_agents={self.n_agents} "
                f"obs_dim={self.obs_dim} n_actions={self.n_actions}>")


def make_vector_env(spec: str, num_envs: int, *, seed: int | None = None,
                    **kwargs) -> VectorEnv:
    """``num_envs`` copies of :func:`make_env(spec, **kwargs) <make_env>` in a
    :class:`VectorEnv` seeded with ``seed``.

    Raises
    ------
    InvalidOptionError
        ``num_envs`` is not a positive int, or a bad ``seed``.
    UnknownNameError
        As :func:`make_env`.

    Examples
    --------
    >>> venv = make_vector_env("sg:two-step", 4, seed=1)
    >>> venv.num_envs, venv.n_agents, venv.obs_dim, venv.common_reward
    (4, 2, 4, True)
    """
    from ._registry import make_env
    if isinstance(num_envs, bool) or not isinstance(num_envs, (Integral, np.integer)) \
            or num_envs < 1:
        raise InvalidOptionError(f"num_envs must be a positive int, got {num_envs!r}")
    _check_seed(seed)
    return VectorEnv([make_env(spec, **kwargs) for _ in range(int(num_envs))], seed=seed)
