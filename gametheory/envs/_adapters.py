"""Adapters from published multi-agent gymnasium environments (a tuple of observations,
a list of rewards, one ``done``) to the PettingZoo parallel API.

* Level-based foraging (Albrecht and Ramamoorthy 2013; the ``lbforaging`` package used in
  the benchmark of Papoudakis et al. 2021), tasks ``"Foraging-8x8-2p-2f-coop-v3"`` ...
* Multi-robot warehouse (Christianos, Schaefer and Albrecht 2020, "Shared experience
  actor-critic"; the ``rware`` package), tasks ``"rware-tiny-2ag-v2"`` ...

Both packages are imported only when an adapter is built or its tasks are listed.
"""

from __future__ import annotations

import difflib
import re

import numpy as np
from gymnasium import spaces

from .._errors import InvalidOptionError, UnknownNameError, UnsupportedGameError
from ._base import MultiAgentEnv, _check_positive_int

__all__ = ["ForagingEnv", "WarehouseEnv", "foraging_tasks", "warehouse_tasks"]

_REWARDS = ("individual", "team")
_LBF_ENTRY = "lbforaging.foraging:ForagingEnv"
_RWARE_ENTRY = "rware.warehouse:Warehouse"


def _natural_key(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _import(package: str):
    try:
        if package == "lbforaging":
            import lbforaging  # noqa: F401  (registers the Foraging-* tasks)
        else:
            import rware  # noqa: F401  (registers the rware-* tasks)
    except ImportError as exc:  # pragma: no cover - the marl extra installs both
        raise ImportError(f"this environment needs the {package!r} package: "
                          "pip install gametheory[marl]") from exc


def _registered(entry_point: str, keep) -> list[str]:
    from gymnasium.envs.registration import registry
    names = [k for k, spec in registry.items()
             if spec.entry_point == entry_point and keep(spec.kwargs)]
    return sorted(names, key=_natural_key)


def foraging_tasks() -> list[str]:
    """Names of the registered level-based foraging tasks with vector observations, e.g.
    ``"Foraging-8x8-2p-2f-coop-v3"`` (grid size, players, foods, ``-coop`` when every food
    needs all agents; ``Foraging-2s-...`` for partial observability with sight 2).

    >>> names = foraging_tasks()
    >>> "Foraging-8x8-2p-2f-coop-v3" in names, "Foraging-2s-8x8-2p-2f-coop-v3" in names
    (True, True)
    """
    _import("lbforaging")
    return _registered(_LBF_ENTRY, lambda kw: not kw.get("grid_observation", False))


def warehouse_tasks() -> list[str]:
    """Names of the registered robotic warehouse tasks with vector observations, e.g.
    ``"rware-tiny-2ag-v2"`` (size tiny/small/medium/large, number of agents, optional
    ``-easy``/``-hard`` request-queue difficulty).

    >>> names = warehouse_tasks()
    >>> "rware-tiny-2ag-v2" in names, "rware-small-4ag-hard-v2" in names
    (True, True)
    """
    _import("rware")

    def flat(kw):
        ot = kw.get("observation_type")
        return ot is None or getattr(ot, "name", str(ot)) == "FLATTENED"

    return _registered(_RWARE_ENTRY, flat)


def _resolve(task, tasks: list[str], prefix: str, suffix: str, kind: str, lister: str) -> str:
    if not isinstance(task, str):
        raise UnknownNameError(f"a {kind} task is a name (str), got {task!r}")
    known = set(tasks)
    for cand in (task, prefix + task, task + suffix, prefix + task + suffix):
        if cand in known:
            return cand
    close = difflib.get_close_matches(task, tasks, n=5, cutoff=0.6)
    hint = f" closest: {', '.join(close)};" if close else ""
    examples = ", ".join(tasks[:: max(1, len(tasks) // 6)][:6])
    raise UnknownNameError(f"unknown {kind} task {task!r};{hint} {len(tasks)} tasks are "
                           f"registered, e.g. {examples} (all of them: "
                           f"gametheory.envs.{lister}())")


class _GymAdapter(MultiAgentEnv):
    """Common code of the adapters: a gymnasium env whose spaces are tuples of per-agent
    1-D ``Box`` observations and ``Discrete`` actions, stepped with a tuple of actions and
    answering with a tuple of observations, a list of rewards and one ``done`` flag."""

    _package = ""
    _entry = ""
    _steps_kw = ""

    def _build(self, task_id: str, reward: str, max_steps, env_kwargs) -> None:
        from gymnasium import spec as gym_spec
        from gymnasium.envs.registration import load_env_creator

        if reward not in _REWARDS:
            raise InvalidOptionError(f"reward must be one of {list(_REWARDS)}, got {reward!r}")
        max_steps = _check_positive_int(max_steps, "max_steps", allow_none=True)
        if env_kwargs is not None and not isinstance(env_kwargs, dict):
            raise InvalidOptionError(f"env_kwargs must be a dict, got {env_kwargs!r}")
        spec = gym_spec(task_id)
        kwargs = dict(spec.kwargs)
        kwargs.update(env_kwargs or {})
        if max_steps is not None:
            kwargs[self._steps_kw] = max_steps
        self.task = task_id
        self.reward = reward
        self._env = load_env_creator(spec.entry_point)(**kwargs)
        ospace, aspace = self._env.observation_space, self._env.action_space
        if not isinstance(ospace, spaces.Tuple) or not all(
                isinstance(s, spaces.Box) and len(s.shape) == 1 for s in ospace.spaces):
            raise UnsupportedGameError(f"task {task_id!r} does not have vector observations "
                                       f"(one 1-D Box per agent): {ospace}")
        if not isinstance(aspace, spaces.Tuple) or not all(
                isinstance(s, spaces.Discrete) for s in aspace.spaces):
            raise UnsupportedGameError(f"task {task_id!r} does not have Discrete actions: "
                                       f"{aspace}")
        shapes = {s.shape for s in ospace.spaces}
        if len(shapes) != 1 or len({int(s.n) for s in aspace.spaces}) != 1:
            raise UnsupportedGameError(f"task {task_id!r}: agents have different "
                                       "observation or action spaces")
        self.n_agents = len(ospace.spaces)
        self.possible_agents = [f"agent_{i}" for i in range(self.n_agents)]
        self.obs_dim = int(ospace.spaces[0].shape[0])
        self.n_actions = int(aspace.spaces[0].n)
        self.state_dim = self.n_agents * self.obs_dim
        self.max_steps = kwargs.get(self._steps_kw)
        self._team = reward == "team"
        self._obs = np.zeros((self.n_agents, self.obs_dim), dtype=np.float32)
        self._ones = np.ones((self.n_agents, self.n_actions), dtype=np.int8)
        low = np.min([s.low for s in ospace.spaces], axis=0)
        high = np.max([s.high for s in ospace.spaces], axis=0)
        self._init_spaces(low, high)
        # state(): the observations scaled to [0, 1] by the observation space's bounds
        # (entries with an infinite bound are left as they are)
        finite = np.isfinite(low) & np.isfinite(high) & (high > low)
        span = np.where(finite, high - low, 1.0).astype(np.float32)
        self._state_low = np.tile(np.where(finite, low, 0.0).astype(np.float32),
                                  self.n_agents)
        self._state_span = np.tile(span, self.n_agents)

    def _stack(self, obs) -> np.ndarray:
        return np.stack([np.asarray(o, dtype=np.float32).reshape(-1) for o in obs])

    def _rewards(self, rewards) -> np.ndarray:
        r = np.asarray(rewards, dtype=np.float64).reshape(self.n_agents)
        if self._team:
            r = np.full(self.n_agents, r.sum())
        return r

    def _reset_arrays(self, seed):
        obs, _ = self._env.reset(seed=seed)
        self._obs = self._stack(obs)
        return self._obs.copy()

    def _step_arrays(self, joint):
        obs, rewards, done, truncated, _ = self._env.step(joint)
        self._obs = self._stack(obs)
        term = trunc = False
        if done or truncated:
            term, trunc = self._end_kind(bool(truncated))
        return self._obs.copy(), self._rewards(rewards), term, trunc

    def _state_array(self):
        return (self._obs.reshape(-1) - self._state_low) / self._state_span

    def close(self) -> None:
        """Close the wrapped environment (and its render window, if any)."""
        self._env.close()

    @property
    def unwrapped_env(self):
        """The wrapped gymnasium environment."""
        return self._env


class ForagingEnv(_GymAdapter):
    """Level-based foraging (Albrecht and Ramamoorthy 2013), from the ``lbforaging``
    package, as a PettingZoo parallel environment.

    Agents with levels move on a grid and collect food items; an item is collected when
    the agents loading it next to it have levels summing to at least its level.  Actions:
    0 none, 1 north, 2 south, 3 west, 4 east, 5 load.  Moves into walls, food or other
    agents and loads away from food are *not available* (0 in the action mask); as in
    ``lbforaging`` itself, such an action is played as "none" rather than raising.

    Parameters
    ----------
    task : str
        A registered task (:func:`foraging_tasks`), e.g. ``"Foraging-8x8-2p-2f-coop-v3"``;
        the ``"Foraging-"`` prefix and ``"-v3"`` suffix may be left out (``"8x8-2p-2f-coop"``).
    reward : {"individual", "team"}
        ``"individual"``: each agent gets its own (normalised) reward, as in lbforaging;
        ``"team"``: every agent gets the sum over agents (``common_reward`` is True).
    max_steps : int, optional
        Episode step limit (the task's own is 50).
    env_kwargs : dict, optional
        Further keyword arguments of ``lbforaging.foraging.ForagingEnv`` overriding the
        task's (e.g. ``{"penalty": 0.1}``).

    Attributes
    ----------
    task : str
        The registered task name.
    possible_agents, n_agents, obs_dim, n_actions, state_dim, common_reward, max_steps
        See :class:`MultiAgentEnv`.  Observations are lbforaging's vectors (``(x, y,
        level)`` of each food, then of each agent, the observing agent first; ``-1`` for
        what it cannot see).  The environment has no global state, so ``state()`` is the
        concatenation of all agents' observations, each entry scaled to ``[0, 1]`` by the
        observation space's bounds (``state_dim = n_agents * obs_dim``): raw grid
        coordinates made QMIX's hypernetworks start at ``Q_tot`` of 6-17 against returns of
        at most 1, a bias that bootstrapping kept for millions of steps.

    Notes
    -----
    The episode *terminates* when all food is collected and is *truncated* at the step
    limit (lbforaging reports both as ``done``).

    Examples
    --------
    >>> env = ForagingEnv("Foraging-8x8-2p-2f-coop-v3", reward="team")
    >>> env.n_agents, env.obs_dim, env.n_actions, env.state_dim, env.common_reward
    (2, 12, 6, 24, True)
    >>> obs, infos = env.reset(seed=1)
    >>> obs["agent_0"].shape, infos["agent_0"]["action_mask"].shape
    ((12,), (6,))
    """

    metadata = {"name": "foraging_v3", "render_modes": [], "is_parallelizable": True}
    _package = "lbforaging"
    _steps_kw = "max_episode_steps"
    _invalid_action = "env"

    def __init__(self, task: str, *, reward: str = "individual", max_steps: int | None = None,
                 env_kwargs: dict | None = None):
        task_id = _resolve(task, foraging_tasks(), "Foraging-", "-v3", "lbforaging",
                           "foraging_tasks")
        self._build(task_id, reward, max_steps, env_kwargs)
        self.common_reward = self._team
        self._mask = self._ones.copy()

    def _refresh_mask(self) -> None:
        mask = np.zeros((self.n_agents, self.n_actions), dtype=np.int8)
        valid = self._env._valid_actions
        for i, p in enumerate(self._env.players):
            mask[i, [int(a.value) for a in valid[p]]] = 1
        self._mask = mask

    def _reset_arrays(self, seed):
        obs = super()._reset_arrays(seed)
        self._refresh_mask()
        return obs

    def _step_arrays(self, joint):
        out = super()._step_arrays(joint)
        self._refresh_mask()
        return out

    def _end_kind(self, truncated: bool):
        all_eaten = int(np.sum(self._env.field)) == 0
        return all_eaten, not all_eaten

    def _mask_arrays(self):
        return self._mask


class WarehouseEnv(_GymAdapter):
    """The multi-robot warehouse (Christianos, Schaefer and Albrecht 2020), from the
    ``rware`` package, as a PettingZoo parallel environment.

    Robots move in a warehouse, pick up requested shelves, deliver them to the goal cells
    and bring them back.  Actions: 0 none, 1 forward, 2 turn left, 3 turn right, 4 toggle
    load; every action is always available (the mask is all ones).

    Parameters
    ----------
    task : str
        A registered task (:func:`warehouse_tasks`), e.g. ``"rware-tiny-2ag-v2"``; the
        ``"rware-"`` prefix and ``"-v2"`` suffix may be left out (``"tiny-2ag"``).
    reward : {"individual", "team"}
        ``"individual"``: a robot gets 1 for each requested shelf it delivers; ``"team"``:
        every robot gets the team's total (``common_reward`` is True).
    max_steps : int, optional
        Episode step limit (the task's own is 500).
    env_kwargs : dict, optional
        Further keyword arguments of ``rware.warehouse.Warehouse`` overriding the task's.

    Attributes
    ----------
    task : str
    possible_agents, n_agents, obs_dim, n_actions, state_dim, common_reward, max_steps
        See :class:`MultiAgentEnv`.  Observations are rware's flattened vectors (own
        position, direction and load, then the cells within sensor range).  The
        environment has no global state, so ``state()`` is the concatenation of all
        agents' observations scaled to ``[0, 1]`` by the observation space's bounds
        (``state_dim = n_agents * obs_dim``).

    Notes
    -----
    Reaching the step limit *truncates* the episode; ending after too many steps without
    a delivery (``max_inactivity_steps``, off in the registered tasks) *terminates* it.

    Examples
    --------
    >>> env = WarehouseEnv("tiny-2ag", max_steps=10)
    >>> env.task, env.n_agents, env.obs_dim, env.n_actions, env.max_steps
    ('rware-tiny-2ag-v2', 2, 71, 5, 10)
    """

    metadata = {"name": "rware_v2", "render_modes": [], "is_parallelizable": True}
    _package = "rware"
    _steps_kw = "max_steps"
    _invalid_action = "env"

    def __init__(self, task: str, *, reward: str = "individual", max_steps: int | None = None,
                 env_kwargs: dict | None = None):
        task_id = _resolve(task, warehouse_tasks(), "rware-", "-v2", "rware",
                           "warehouse_tasks")
        self._build(task_id, reward, max_steps, env_kwargs)
        rt = getattr(self._env, "reward_type", None)
        self._shared = getattr(rt, "name", "") == "GLOBAL"   # rware already shares rewards
        self.common_reward = self._team or self._shared

    def _rewards(self, rewards):
        if self._shared:
            r = np.asarray(rewards, dtype=np.float64).reshape(self.n_agents)
            return r.copy()
        return super()._rewards(rewards)

    def _end_kind(self, truncated: bool):
        limit = self._env.max_steps
        at_limit = bool(limit) and self._env._cur_steps >= limit
        return (not at_limit and not truncated), (at_limit or truncated)

    def _mask_arrays(self):
        return self._ones
