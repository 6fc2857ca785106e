"""The base class of every gametheory environment: the PettingZoo ``ParallelEnv`` API on
top of a small array interface that subclasses implement.

A subclass fills in the attributes listed in :class:`MultiAgentEnv` and four methods that
see only arrays: ``_reset_arrays(seed)``, ``_step_arrays(actions)``, ``_mask_arrays()`` and
``_state_array()``.  The base class turns them into PettingZoo's dictionaries, checks the
actions and keeps ``agents`` up to date; :class:`~gametheory.envs.VectorEnv` calls the array
interface directly.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv

from .._errors import InvalidOptionError, InvalidProfileError, UnknownNameError

__all__ = ["MultiAgentEnv"]

_INVALID_ACTION = ("modulo", "raise")


def _check_invalid_action(value) -> str:
    if value not in _INVALID_ACTION:
        raise InvalidOptionError(f"invalid_action must be one of {list(_INVALID_ACTION)}, "
                                 f"got {value!r}")
    return value


def _check_positive_int(value, name: str, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (Integral, np.integer)) \
            or int(value) < 1:
        what = "a positive int or None" if allow_none else "a positive int"
        raise InvalidOptionError(f"{name} must be {what}, got {value!r}")
    return int(value)


class MultiAgentEnv(ParallelEnv):
    """A PettingZoo ``ParallelEnv`` with the fixed-size array attributes deep multi-agent
    learners need.

    Every agent has the same observation space ``Box(shape=(obs_dim,), dtype=float32)``
    and the same action space ``Discrete(n_actions)``; actions that are not available to
    an agent at a step are marked 0 in its action mask (``infos[agent]["action_mask"]``
    and :meth:`action_mask`).  Episodes end for all agents at once.

    Attributes
    ----------
    possible_agents : list of str
        Agent names in a fixed order (``"agent_0"``, ``"agent_1"``, ...); index ``i`` of
        every array is agent ``possible_agents[i]``.
    agents : list of str
        The live agents: all of them during an episode, none once it has ended.
    n_agents : int
    obs_dim : int
        Length of each agent's flat float32 observation.
    n_actions : int
        Size of every agent's ``Discrete`` action space.
    state_dim : int
        Length of the global state returned by :meth:`state`.
    common_reward : bool
        Whether all agents always get the same reward (a team task).
    max_steps : int or None
        The longest possible episode in steps, ``None`` when episodes are unbounded.
    """

    metadata: dict[str, Any] = {"name": "gametheory_env", "render_modes": [],
                                "is_parallelizable": True}
    render_mode = None

    # subclasses set these in __init__ and then call _init_spaces()
    possible_agents: list[str]
    n_agents: int
    obs_dim: int
    n_actions: int
    state_dim: int
    common_reward: bool
    max_steps: int | None
    _invalid_action: str = "modulo"   # "modulo", "raise", or "env" (the wrapped env decides)

    def _init_spaces(self, low=0.0, high=1.0) -> None:
        self.agents: list[str] = []
        self._agent_index = {a: i for i, a in enumerate(self.possible_agents)}
        low = np.broadcast_to(np.asarray(low, dtype=np.float32), (self.obs_dim,))
        high = np.broadcast_to(np.asarray(high, dtype=np.float32), (self.obs_dim,))
        self.observation_spaces = {a: spaces.Box(low.copy(), high.copy(), dtype=np.float32)
                                   for a in self.possible_agents}
        self.action_spaces = {a: spaces.Discrete(self.n_actions) for a in self.possible_agents}
        self._started = False

    # ------------------------------------------------------------------ spaces
    def _index(self, agent) -> int:
        try:
            return self._agent_index[agent]
        except (KeyError, TypeError):
            raise UnknownNameError(f"unknown agent {agent!r}; agents are "
                                   f"{list(self.possible_agents)}") from None

    def observation_space(self, agent) -> spaces.Box:
        """The (same, cached) ``Box(shape=(obs_dim,), dtype=float32)`` of ``agent``."""
        return self.observation_spaces[self.possible_agents[self._index(agent)]]

    def action_space(self, agent) -> spaces.Discrete:
        """The (same, cached) ``Discrete(n_actions)`` space of ``agent``."""
        return self.action_spaces[self.possible_agents[self._index(agent)]]

    # ------------------------------------------------------------------ public API
    def reset(self, seed: int | None = None, options: dict | None = None):
        """Start an episode.  ``seed`` re-seeds the environment's random generator; without
        it the generator goes on from its current state (so one seed at the first reset
        makes a whole run reproducible).  ``options`` is accepted and ignored.

        Returns
        -------
        observations : dict
            ``agent -> float32 array of shape (obs_dim,)``.
        infos : dict
            ``agent -> {"action_mask": int8 array of shape (n_actions,)}``.
        """
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (Integral,
                                                                             np.integer))):
            raise InvalidOptionError(f"seed must be an int or None, got {seed!r}")
        obs = self._reset_arrays(None if seed is None else int(seed))
        self.agents = list(self.possible_agents)
        self._started = True
        return self._obs_dict(obs), self._info_dict(self._mask_arrays())

    def step(self, actions: dict):
        """Play one joint action, ``actions[agent]`` = an int in ``[0, n_actions)`` for
        every live agent.

        Returns
        -------
        observations, rewards, terminations, truncations, infos : dict
            Keyed by agent.  When the episode ends, every agent is terminated or truncated
            and :attr:`agents` becomes empty.

        Raises
        ------
        InvalidProfileError
            A live agent without an action, an unknown agent, an action that is not an int
            in range, or (with ``invalid_action="raise"``) an action masked as unavailable.
        RuntimeError
            When no episode is running (call :meth:`reset`).
        """
        if not self.agents:
            raise RuntimeError("no episode is running: call reset() first")
        if not isinstance(actions, dict):
            raise InvalidProfileError(f"actions must be a dict agent -> action, got "
                                      f"{type(actions).__name__}")
        missing = [a for a in self.agents if a not in actions]
        if missing:
            raise InvalidProfileError(f"no action for agents {missing}")
        unknown = [a for a in actions if a not in self._agent_index]
        if unknown:
            raise InvalidProfileError(f"actions for unknown agents {unknown}; agents are "
                                      f"{list(self.possible_agents)}")
        joint = tuple(self._as_action(actions[a], a) for a in self.possible_agents)
        obs, rew, term, trunc = self._checked_step(joint)
        agents = self.agents
        obs_d = self._obs_dict(obs)
        rew_d = {a: float(rew[i]) for i, a in enumerate(agents)}
        term_d = {a: bool(term) for a in agents}
        trunc_d = {a: bool(trunc) for a in agents}
        info_d = self._info_dict(self._mask_arrays())
        if term or trunc:
            self.agents = []
        return obs_d, rew_d, term_d, trunc_d, info_d

    def state(self) -> np.ndarray:
        """The global state, a float32 array of shape ``(state_dim,)`` (for centralised
        training)."""
        self._require_started()
        return self._state_array()

    def action_mask(self, agent) -> np.ndarray:
        """``int8`` array of shape ``(n_actions,)``: 1 for the actions ``agent`` may take
        now."""
        i = self._index(agent)
        self._require_started()
        return self._mask_arrays()[i].copy()

    def action_masks(self) -> np.ndarray:
        """``int8`` array of shape ``(n_agents, n_actions)``, one row per agent in
        :attr:`possible_agents` order."""
        self._require_started()
        return self._mask_arrays().copy()

    def close(self) -> None:
        """Release resources (nothing to release for game environments)."""

    # ------------------------------------------------------------------ helpers
    def _require_started(self) -> None:
        if not getattr(self, "_started", False):
            raise RuntimeError("the environment has not been reset: call reset() first")

    def _as_action(self, a, agent) -> int:
        if isinstance(a, np.ndarray) and a.shape == ():
            a = a.item()
        if isinstance(a, bool) or not isinstance(a, (Integral, np.integer)):
            raise InvalidProfileError(f"the action of {agent} must be an int, got {a!r}")
        a = int(a)
        if not 0 <= a < self.n_actions:
            raise InvalidProfileError(f"action {a} of {agent} is out of range "
                                      f"[0, {self.n_actions})")
        return a

    def _checked_step(self, joint: tuple):
        """Check a joint action (a tuple of ints in range) against the masks, apply the
        ``invalid_action`` rule, and step."""
        return self._step_arrays(self._validate_joint(joint))

    def _validate_joint(self, joint: tuple) -> tuple:
        """The joint action to play for ``joint`` under the ``invalid_action`` rule."""
        if self._invalid_action == "env":
            return joint
        mask = self._mask_arrays()
        bad = [i for i, a in enumerate(joint) if not mask[i, a]]
        if not bad:
            return joint
        if self._invalid_action == "raise":
            i = bad[0]
            valid = np.flatnonzero(mask[i]).tolist()
            raise InvalidProfileError(
                f"action {joint[i]} of {self.possible_agents[i]} is not available now; "
                f"available actions are {valid} (see the action mask in infos, or pass "
                f"invalid_action='modulo')")
        counts = mask.sum(axis=1)               # available actions are 0..count-1
        return tuple(a % int(counts[i]) if i in bad else a for i, a in enumerate(joint))

    def _obs_dict(self, obs: np.ndarray) -> dict:
        return {a: obs[i] for i, a in enumerate(self.possible_agents)}

    def _info_dict(self, masks: np.ndarray) -> dict:
        return {a: {"action_mask": masks[i].copy()} for i, a in enumerate(self.possible_agents)}

    # ------------------------------------------------------------------ array interface
    def _reset_arrays(self, seed: int | None) -> np.ndarray:
        """Start an episode; return observations of shape (n_agents, obs_dim), float32."""
        raise NotImplementedError

    def _step_arrays(self, joint: tuple):
        """Play a valid joint action (a tuple of ints); return (obs (n, obs_dim) float32, rewards (n,)
        float64, terminated bool, truncated bool)."""
        raise NotImplementedError

    def _mask_arrays(self) -> np.ndarray:
        """Current action masks, int8 of shape (n_agents, n_actions) (not copied)."""
        raise NotImplementedError

    def _state_array(self) -> np.ndarray:
        """Current global state, float32 of shape (state_dim,)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} n_agents={self.n_agents} obs_dim={self.obs_dim} "
                f"n_actions={self.n_actions} state_dim={self.state_dim}>")
