"""A stochastic game or POSG as a PettingZoo parallel environment."""

from __future__ import annotations

import numpy as np

from .._errors import InvalidOptionError, UnsupportedGameError
from .._rng import as_generator
from ..games import POSG, StochasticGame
from ._base import MultiAgentEnv, _check_invalid_action, _check_positive_int

__all__ = ["StochasticGameEnv"]


def _longest_episode(game: StochasticGame) -> int | None:
    """The most steps an episode can take before it must enter a terminal state, or
    ``None`` when a cycle of non-terminal states can be reached (unbounded episodes)."""
    S = game.num_states
    terminal = set(game.terminal)
    succ = [np.flatnonzero(T.reshape(-1, S).max(axis=0) > 0).tolist()
            if s not in terminal else [] for s, T in enumerate(game.transitions)]
    # iterative depth-first search: depth[s] = most steps from s to a terminal state
    depth = {t: 0 for t in terminal}
    state = np.zeros(S, dtype=np.int8)           # 0 new, 1 on the path, 2 done
    for root in np.flatnonzero(np.asarray(game.initial) > 0).tolist():
        if root in terminal or state[root] == 2:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            s, it = stack[-1]
            t = next(it, None)
            if t is None:
                stack.pop()
                state[s] = 2
                depth[s] = 1 + max((depth[u] for u in succ[s]), default=-1)
            elif t in terminal or state[t] == 2:
                continue
            elif state[t] == 1:
                return None                      # a reachable cycle: unbounded episodes
            else:
                state[t] = 1
                stack.append((t, iter(succ[t])))
    roots = np.flatnonzero(np.asarray(game.initial) > 0).tolist()
    return max(depth[s] for s in roots)


class StochasticGameEnv(MultiAgentEnv):
    """A finite stochastic game (Shapley 1953) or POSG played as an episodic environment.

    The first state is drawn from ``game.initial``; each step plays the joint action with
    :meth:`StochasticGame.step <gametheory.games.StochasticGame.step>` (rewards
    ``game.rewards[s][i, a]``, next state drawn from ``game.transitions[s][a]``).  Entering
    a terminal state *terminates* the episode, and so does reaching the game's own
    ``horizon``; reaching the ``max_steps`` given here (a limit the game does not have)
    *truncates* it.

    Observations
        A :class:`~gametheory.games.StochasticGame` is fully observable: each agent sees
        the one-hot vector of the current state (``obs_dim = S``).  For a
        :class:`~gametheory.games.POSG`, agent ``i`` sees the one-hot vector of an
        observation drawn from ``game.observations[i][s]``, zero-padded to the largest
        observation count (``obs_dim = max_i O_i``).  ``state()`` is always the one-hot
        vector of the true state (``state_dim = S``).  With ``include_step=True`` both get
        ``t / max_steps`` appended.
    Actions
        Action counts may differ between states and players; every agent's space is
        ``Discrete(n_actions)`` with ``n_actions`` the largest count, and action ``a`` is
        available to player ``i`` in state ``s`` when ``a < m_i(s)`` (the action mask in
        ``infos`` and :meth:`action_mask`).  Note that in a POSG the mask may reveal
        something about the state.

    Parameters
    ----------
    game : StochasticGame or POSG
    max_steps : int, optional
        Truncate episodes after this many steps.  Default: no truncation; episodes end in
        terminal states or at the game's ``horizon`` (a termination).  The attribute
        ``max_steps`` is the longest possible episode: the smallest of this limit, the
        horizon and, when no cycle of non-terminal states can be reached, the longest path
        to a terminal state (2 in the two-step game); ``None`` if unbounded.
    include_step : bool
        Append the scaled step count ``t / max_steps`` to observations and state; needs a
        finite ``max_steps`` or horizon.
    invalid_action : {"modulo", "raise"}
        An unavailable action ``a`` (0 in the mask) is played as ``a mod m_i(s)``
        (default), or raises :class:`~gametheory.InvalidProfileError`.

    Attributes
    ----------
    game : StochasticGame
    players : tuple of str
        The game's player labels, in agent order (player ``i`` is ``"agent_{i}"``).
    current_state : int
        Index of the current state in ``game.states``.
    possible_agents, n_agents, obs_dim, n_actions, state_dim, common_reward, max_steps
        See :class:`MultiAgentEnv`; ``common_reward`` is ``game.is_common_reward``.

    Raises
    ------
    UnsupportedGameError
        ``game`` is not a :class:`~gametheory.games.StochasticGame`.
    InvalidOptionError
        A bad ``max_steps``, ``include_step`` without a step limit, a bad
        ``invalid_action``.

    Examples
    --------
    The two-step game of Rashid et al. (2018): agent 0's action B leads to state 2B, where
    the joint action (B, B) pays 8.

    >>> from gametheory.games import catalog
    >>> env = StochasticGameEnv(catalog.get("two-step"))
    >>> env.obs_dim, env.n_actions, env.state_dim, env.common_reward
    (4, 2, 4, True)
    >>> obs, infos = env.reset(seed=0)
    >>> obs["agent_0"].tolist(), infos["agent_0"]["action_mask"].tolist()
    ([1.0, 0.0, 0.0, 0.0], [1, 1])
    >>> _ = env.step({"agent_0": 1, "agent_1": 0})
    >>> env.game.states[env.current_state], env.state().tolist()
    ('2B', [0.0, 0.0, 1.0, 0.0])
    >>> obs, rew, term, trunc, infos = env.step({"agent_0": 1, "agent_1": 1})
    >>> rew, term["agent_0"], env.agents
    ({'agent_0': 8.0, 'agent_1': 8.0}, True, [])
    """

    metadata = {"name": "stochastic_game_v0", "render_modes": [], "is_parallelizable": True}

    def __init__(self, game: StochasticGame, *, max_steps: int | None = None,
                 include_step: bool = False, invalid_action: str = "modulo"):
        if not isinstance(game, StochasticGame):
            raise UnsupportedGameError(f"StochasticGameEnv needs a StochasticGame or POSG, "
                                       f"got {type(game).__name__} (use MatrixGameEnv for "
                                       "normal-form games)")
        max_steps = _check_positive_int(max_steps, "max_steps", allow_none=True)
        if not isinstance(include_step, (bool, np.bool_)):
            raise InvalidOptionError(f"include_step must be a bool, got {include_step!r}")
        self._invalid_action = _check_invalid_action(invalid_action)
        self.game = game
        self.players = tuple(game.players)
        self._horizon = game.horizon
        limits = [x for x in (max_steps, game.horizon, _longest_episode(game))
                  if x is not None]
        self.max_steps = min(limits) if limits else None
        self._truncate_at = max_steps if max_steps is not None and (
            game.horizon is None or max_steps < game.horizon) else None
        self.include_step = bool(include_step)
        if self.include_step and self.max_steps is None:
            raise InvalidOptionError("include_step=True needs a step limit: pass max_steps "
                                     "(the game has no horizon)")
        S, n = game.num_states, game.num_players
        self.n_agents = n
        self.possible_agents = [f"agent_{i}" for i in range(n)]
        counts = np.array(game.action_counts, dtype=np.int64)        # (S, n)
        self.n_actions = int(counts.max())
        masks = np.zeros((S, n, self.n_actions), dtype=np.int8)
        for s in range(S):
            for i in range(n):
                masks[s, i, :counts[s, i]] = 1
        masks.setflags(write=False)
        self._masks = masks
        self._posg = isinstance(game, POSG)
        extra = int(self.include_step)
        if self._posg:
            self._base_dim = max(game.num_observations)
        else:
            self._base_dim = S
        self.obs_dim = self._base_dim + extra
        self.state_dim = S + extra
        self.common_reward = bool(game.is_common_reward)
        self._rng = None
        self._s = 0
        self._t = 0
        self._obs = np.zeros((n, self.obs_dim), dtype=np.float32)
        self._init_spaces(0.0, 1.0)

    @property
    def current_state(self) -> int:
        return self._s

    # ------------------------------------------------------------------ internals
    def _observe(self) -> np.ndarray:
        obs = np.zeros((self.n_agents, self.obs_dim), dtype=np.float32)
        if self._posg:
            drawn = self.game.observe(self._s, rng=self._rng)
            obs[np.arange(self.n_agents), drawn] = 1.0
        else:
            obs[:, self._s] = 1.0
        if self.include_step:
            obs[:, -1] = self._t / self.max_steps
        return obs

    def _reset_arrays(self, seed):
        if seed is not None or self._rng is None:
            self._rng = as_generator(seed)
        self._t = 0
        self._s = self.game.sample_initial_state(self._rng)
        self._obs = self._observe()
        return self._obs.copy()

    def _step_arrays(self, joint):
        res = self.game.step(self._s, joint, self._rng)
        self._t += 1
        self._s = int(res.next_state)
        term = bool(res.terminal) or (self._horizon is not None and self._t >= self._horizon)
        trunc = (not term) and self._truncate_at is not None and self._t >= self._truncate_at
        self._obs = self._observe()
        return self._obs.copy(), np.asarray(res.rewards, dtype=np.float64), term, trunc

    def _mask_arrays(self):
        return self._masks[self._s]

    def _state_array(self):
        v = np.zeros(self.state_dim, dtype=np.float32)
        v[self._s] = 1.0
        if self.include_step:
            v[-1] = self._t / self.max_steps
        return v
