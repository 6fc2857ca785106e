"""Tabular multi-agent reinforcement learning on stochastic games.

The learners follow Albrecht, Christianos and Schäfer (2024), "Multi-Agent Reinforcement
Learning: Foundations and Modern Approaches", MIT Press, chapter 6 (tabular joint-action
learning, agent modelling and policy-based learning) and the papers cited per class:

=======================  ===========================================================
``"independent_q"``      :class:`IndependentQLearning`: each agent Q-learns on its own
                         actions (Tan 1993; Claus and Boutilier 1998)
``"minimax_q"``          :class:`MinimaxQ` (Littman 1994), two-player, zero-sum target
``"nash_q"``             :class:`NashQ` (Hu and Wellman 2003), two players
``"ce_q"``               :class:`CEQ` (Greenwald and Hall 2003), any number of players
``"jal_am"``             :class:`JALAM`: joint-action learning with agent models
``"wolf_phc"``           :class:`WoLFPHC` (Bowling and Veloso 2002)
=======================  ===========================================================

Every learner is built as ``Cls(game, player, *, ..., rng=None)`` and has

* ``act(state, rng=None) -> int``: an action for ``state`` (with exploration), drawn from
  the learner's own generator unless ``rng`` is given;
* ``update(state, joint_action, rewards, next_state, terminal)``: learn from one step.
  ``joint_action`` holds every player's action and ``rewards`` every player's reward:
  the joint-action learners (minimax-Q, Nash-Q, CE-Q, JAL-AM) observe both, the
  independent learners (independent Q, WoLF-PHC) use only their own entries;
* ``policy(state) -> ndarray``: its current stationary (target) policy, without
  exploration; ``policies()`` gives it for every state, in the format of
  :func:`gametheory.solvers.exploitability`;
* ``q``: its Q-tables, one array per state (see each class);
* ``values``: its current estimate of its own value of every state.

States and actions are indices.  Terminal states are never updated: a transition into a
terminal state is not bootstrapped.  :func:`run_episodes` plays learners against each other
and records the returns; the registry :data:`LEARNERS` maps names to classes and
:func:`make_learners` builds one learner per player with independent generators.

Learning-rate and exploration schedules are a number or a callable: ``alpha(k)`` gets the
number of updates of the table entry being updated (1 for the first), ``epsilon(t)`` the
number of calls of ``act`` so far and the WoLF step sizes ``delta(t)`` the number of
updates so far (both from 1).  For example ``alpha=lambda k: 1 / k ** 0.6``.

The runner and the learners are plain Python (one method call per learner and step; about
200,000 steps per second for two independent Q-learners on a small game here); the
per-update linear programs of minimax-Q run in the compiled tableau simplex of
:func:`gametheory.solvers.minimax`.
"""

from __future__ import annotations

import functools
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any, ClassVar, Mapping, Sequence

import numpy as np

from .._errors import InvalidOptionError, SolverError, UnknownNameError, \
    UnsupportedGameError
from .._rng import as_generator
from ..games._normal_form import NormalFormGame
from ..games._stochastic import StochasticGame

__all__ = ["TabularLearner", "IndependentQLearning", "MinimaxQ", "NashQ", "CEQ", "JALAM",
           "WoLFPHC", "CorrelationDevice", "EpisodeResult", "run_episodes", "LEARNERS",
           "get_learner", "make_learners"]

#: Episode cap of :func:`run_episodes` for games with terminal states and no horizon when
#: ``max_steps`` is not given.
DEFAULT_MAX_STEPS = 10_000

#: Largest accepted duality gap of a stage matrix game (minimax-Q), relative.
_GAP_TOL = 1e-9


# ---------------------------------------------------------------------------- helpers
class _Schedule:
    """A constant or a callable hyperparameter, checked to lie in its range."""

    __slots__ = ("const", "fn", "name", "low", "high", "open_low")

    def __init__(self, value, name: str, low: float, high: float, open_low: bool):
        self.name, self.low, self.high, self.open_low = name, low, high, open_low
        if callable(value):
            self.const = None
            self.fn = value
            self._check(self._call(1))
        else:
            if isinstance(value, bool) or not isinstance(value, Real):
                raise InvalidOptionError(f"{name} must be a number or a callable, got "
                                         f"{value!r}")
            self.const = self._check(float(value))
            self.fn = None

    def _call(self, k: int) -> float:
        try:
            return float(self.fn(k))
        except (TypeError, ValueError) as exc:
            raise InvalidOptionError(f"{self.name} schedule failed at {k}: {exc}") from None

    def _check(self, v: float) -> float:
        if not (self.low < v <= self.high or (v == self.low and not self.open_low)):
            lo = "(" if self.open_low else "["
            raise InvalidOptionError(f"{self.name} must be in {lo}{self.low:g}, "
                                     f"{self.high:g}], got {v!r}")
        return v

    def __call__(self, k: int) -> float:
        if self.const is not None:
            return self.const
        return self._check(self._call(k))


class _Uniforms:
    """Uniform draws from a generator, taken in blocks (a scalar draw costs as much as a
    block of a few dozen)."""

    __slots__ = ("rng", "buf", "k")

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.buf: list = []
        self.k = 0

    def __call__(self) -> float:
        if self.k >= len(self.buf):
            self.buf = self.rng.random(1024).tolist()
            self.k = 0
        u = self.buf[self.k]
        self.k += 1
        return u


def _draw_index(p, u: float) -> int:
    """Index drawn from probabilities ``p`` with the uniform number ``u``."""
    c = 0.0
    last = len(p) - 1
    for k in range(last):
        c += p[k]
        if u < c:
            return k
    return last


def _argmax_random(q: Sequence[float], u: float) -> int:
    best = max(q)
    ties = [k for k, v in enumerate(q) if v == best]
    if len(ties) == 1:
        return ties[0]
    return ties[min(int(u * len(ties)), len(ties) - 1)]


def _greedy_policy(q) -> np.ndarray:
    q = np.asarray(q, dtype=np.float64)
    p = (q == q.max()).astype(np.float64)
    return p / p.sum()


def _check_game(game, who: str) -> StochasticGame:
    if isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{who} needs a StochasticGame; wrap a normal-form game "
                                   "with StochasticGame.repeated(game, discount=...)")
    if not isinstance(game, StochasticGame):
        raise UnsupportedGameError(f"{who} needs a StochasticGame, got "
                                   f"{type(game).__name__}")
    return game


def _check_number(value, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value) \
            or not (low <= float(value) <= high):
        raise InvalidOptionError(f"{name} must be a number in [{low:g}, {high:g}], got "
                                 f"{value!r}")
    return float(value)


def _weights(strategies) -> np.ndarray:
    if not strategies:
        return np.ones(1)
    return functools.reduce(np.multiply.outer, strategies).ravel()


# ---------------------------------------------------------------------------- base
class TabularLearner:
    """Base class of the tabular learners (see the module docstring for the interface).

    Parameters
    ----------
    game : StochasticGame
    player : int or str
        The player this learner controls.
    alpha : float or callable
        Learning rate in ``(0, 1]``, or a schedule ``alpha(k)`` of the number of updates
        ``k`` of the entry being updated.
    epsilon : float or callable
        Exploration probability in ``[0, 1]`` (a uniformly random action), or a schedule
        ``epsilon(t)`` of the step count.
    gamma : float, optional
        Discount factor in ``[0, 1]``; default ``game.discount``.
    initial_q : float
        Initial value of every Q-table entry.
    rng : None, int or numpy.random.Generator
        The learner's own source of randomness.
    """

    name: ClassVar[str] = ""
    #: Whether the learner uses the other players' actions and rewards.
    joint_action: ClassVar[bool] = False

    def __init__(self, game: StochasticGame, player=0, *, alpha=0.1, epsilon=0.1,
                 gamma: float | None = None, initial_q: float = 0.0, rng=None):
        who = type(self).__name__
        self.game = _check_game(game, who)
        self.player = game.player_index(player)
        self.num_players = game.num_players
        self.num_states = game.num_states
        self.gamma = game.discount if gamma is None else _check_number(gamma, "gamma", 0, 1)
        if isinstance(initial_q, bool) or not isinstance(initial_q, Real) \
                or not np.isfinite(initial_q):
            raise InvalidOptionError(f"initial_q must be a finite number, got {initial_q!r}")
        self.initial_q = float(initial_q)
        self._alpha = _Schedule(alpha, "alpha", 0.0, 1.0, True)
        self._epsilon = _Schedule(epsilon, "epsilon", 0.0, 1.0, False)
        self.rng = as_generator(rng)
        self._uniform = _Uniforms(self.rng)
        self._counts = np.array(game.action_counts, dtype=np.int64)   # (S, n)
        self._m = [int(c) for c in self._counts[:, self.player]]
        self._is_terminal = [s in set(game.terminal) for s in range(game.num_states)]
        self.steps = 0
        self.num_updates = 0

    # -- interface ------------------------------------------------------------------
    def act(self, state: int, rng=None) -> int:
        """An action for ``state``, with exploration."""
        draw = self._uniform if rng is None else as_generator(rng).random
        self.steps += 1
        s = int(state)
        if draw() < self._epsilon(self.steps):
            return min(int(draw() * self._m[s]), self._m[s] - 1)
        return self._exploit(s, draw)

    def _exploit(self, s: int, draw) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self, state: int, joint_action, rewards, next_state: int,
               terminal: bool) -> None:  # pragma: no cover - abstract
        """Learn from one step: ``joint_action`` and ``rewards`` of every player."""
        raise NotImplementedError

    def policy(self, state: int) -> np.ndarray:  # pragma: no cover - abstract
        """The current stationary (target) policy in ``state``, without exploration."""
        raise NotImplementedError

    def behaviour_policy(self, state: int) -> np.ndarray:
        """The policy :meth:`act` follows in ``state``: :meth:`policy` mixed with uniform
        exploration at the current ``epsilon``."""
        m = self._m[int(state)]
        eps = self._epsilon(max(self.steps, 1))
        return eps / m + (1.0 - eps) * self.policy(state)

    def policies(self) -> list:
        """:meth:`policy` of every state (terminal states: ``[1.0]``)."""
        return [self.policy(s) for s in range(self.num_states)]

    @property
    def values(self) -> np.ndarray:  # pragma: no cover - abstract
        """The learner's estimate of its own value of every state, shape ``(S,)``."""
        raise NotImplementedError

    def _target_ok(self, next_state: int, terminal: bool) -> bool:
        return not (terminal or self._is_terminal[next_state])

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} for {self.game.players[self.player]}: "
                f"{self.steps} steps>")


# ---------------------------------------------------------------------------- independent
class IndependentQLearning(TabularLearner):
    """Independent Q-learning: each agent runs Q-learning (Watkins and Dayan 1992) on its
    own actions and rewards, treating the others as part of the environment (Tan 1993;
    Claus and Boutilier 1998; Albrecht et al. 2024, chapter 5).

    ``Q(s, a) += alpha * (r + gamma * max_a' Q(s', a') - Q(s, a))``, epsilon-greedy
    action choice with ties broken uniformly at random.

    Parameters are those of :class:`TabularLearner`.  ``q[s]`` has shape ``(m_i(s),)``.

    Examples
    --------
    Two independent learners in the repeated prisoner's dilemma (no discounting) learn to
    defect:

    >>> from gametheory.games import StochasticGame, catalog
    >>> g = StochasticGame.repeated(catalog.get("prisoners-dilemma"), discount=0.0)
    >>> agents = make_learners("independent_q", g, rng=0)
    >>> res = run_episodes(g, agents, 1, max_steps=2000)
    >>> [a.policy(0).tolist() for a in agents]
    [[0.0, 1.0], [0.0, 1.0]]
    """

    name = "independent_q"

    def __init__(self, game, player=0, *, alpha=0.1, epsilon=0.1, gamma=None,
                 initial_q=0.0, rng=None):
        super().__init__(game, player, alpha=alpha, epsilon=epsilon, gamma=gamma,
                         initial_q=initial_q, rng=rng)
        self._Q = [[self.initial_q] * m for m in self._m]
        self._N = [[0] * m for m in self._m]

    def _exploit(self, s, draw) -> int:
        return _argmax_random(self._Q[s], draw())

    def update(self, state, joint_action, rewards, next_state, terminal) -> None:
        s = int(state)
        a = int(joint_action[self.player])
        target = float(rewards[self.player])
        if self._target_ok(next_state, terminal):
            target += self.gamma * max(self._Q[next_state])
        n = self._N[s][a] + 1
        self._N[s][a] = n
        q = self._Q[s]
        q[a] += self._alpha(n) * (target - q[a])
        self.num_updates += 1

    def policy(self, state) -> np.ndarray:
        """Greedy in ``Q`` (uniform over tied actions)."""
        return _greedy_policy(self._Q[int(state)])

    @property
    def q(self) -> list:
        """``q[s][a]``: one array per state."""
        return [np.array(q) for q in self._Q]

    @property
    def values(self) -> np.ndarray:
        return np.array([0.0 if t else max(q) for q, t in zip(self._Q, self._is_terminal)])


class WoLFPHC(IndependentQLearning):
    """Win or Learn Fast policy hill-climbing (Bowling and Veloso 2002, "Multiagent
    learning using a variable learning rate", Artificial Intelligence 136).

    Q-learning on the learner's own actions plus a mixed policy ``pi`` that climbs towards
    the greedy action by ``delta`` per visit, and an average policy ``pi_bar``.  The step is
    ``delta_win`` when the learner is "winning" (``pi`` earns more against ``Q`` than
    ``pi_bar``) and the larger ``delta_lose`` otherwise; in self-play on two-player,
    two-action games this makes the current policy ``pi`` converge to a Nash equilibrium.

    Parameters
    ----------
    delta_win, delta_lose : float or callable
        Policy step sizes in ``(0, 1]`` with ``delta_win < delta_lose`` (callables are
        schedules of the step count, compared at step 1).
    epsilon : float or callable
        Extra uniform exploration on top of sampling ``pi`` (default 0.05: "with suitable
        exploration", as the paper puts it; without it an action that ``pi`` drops is
        never tried again and its Q-value never corrected).

    Other parameters are those of :class:`TabularLearner`.  :meth:`policy` is the
    current policy ``pi``, :meth:`average_policy` the average one.

    With constant rates the policies keep hovering around the equilibrium; with rates
    decaying to 0 (the policy's more slowly than the Q-values') they converge.

    Examples
    --------
    Self-play in matching pennies, whose only equilibrium is uniform:

    >>> from gametheory.games import StochasticGame, catalog
    >>> g = StochasticGame.repeated(catalog.get("matching-pennies"), discount=0.0)
    >>> agents = make_learners("wolf_phc", g, alpha=lambda k: 100 / (1000 + k),
    ...                        delta_win=lambda t: 1 / (10_000 + 10 * t),
    ...                        delta_lose=lambda t: 4 / (10_000 + 10 * t), rng=1)
    >>> res = run_episodes(g, agents, 1, max_steps=20_000)
    >>> [bool(abs(a.policy(0)[0] - 0.5) < 0.05) for a in agents]
    [True, True]
    """

    name = "wolf_phc"

    def __init__(self, game, player=0, *, alpha=0.1, delta_win=0.0025, delta_lose=0.01,
                 epsilon=0.05, gamma=None, initial_q=0.0, rng=None):
        super().__init__(game, player, alpha=alpha, epsilon=epsilon, gamma=gamma,
                         initial_q=initial_q, rng=rng)
        self._dwin = _Schedule(delta_win, "delta_win", 0.0, 1.0, True)
        self._dlose = _Schedule(delta_lose, "delta_lose", 0.0, 1.0, True)
        if not self._dwin(1) < self._dlose(1):
            raise InvalidOptionError(f"WoLF-PHC needs delta_win < delta_lose, got "
                                     f"{self._dwin(1)!r} and {self._dlose(1)!r}")
        self._pi = [[1.0 / m] * m for m in self._m]
        self._pibar = [[1.0 / m] * m for m in self._m]
        self._C = [0] * self.num_states

    def _exploit(self, s, draw) -> int:
        return _draw_index(self._pi[s], draw())

    def update(self, state, joint_action, rewards, next_state, terminal) -> None:
        super().update(state, joint_action, rewards, next_state, terminal)
        s = int(state)
        m = self._m[s]
        if m == 1:
            return
        q, pi, pibar = self._Q[s], self._pi[s], self._pibar[s]
        self._C[s] += 1
        c = self._C[s]
        for k in range(m):
            pibar[k] += (pi[k] - pibar[k]) / c
        win = sum(p * v for p, v in zip(pi, q)) > sum(p * v for p, v in zip(pibar, q))
        t = self.num_updates
        delta = self._dwin(t) if win else self._dlose(t)
        best = max(range(m), key=q.__getitem__)     # first greedy action
        step = delta / (m - 1)
        rest = 0.0
        for k in range(m):
            if k != best:
                pi[k] -= min(pi[k], step)
                rest += pi[k]
        pi[best] = 1.0 - rest

    def policy(self, state) -> np.ndarray:
        """The current policy ``pi``."""
        return np.array(self._pi[int(state)])

    def average_policy(self, state) -> np.ndarray:
        """The average policy ``pi_bar``."""
        return np.array(self._pibar[int(state)])

    def behaviour_policy(self, state) -> np.ndarray:
        m = self._m[int(state)]
        eps = self._epsilon(max(self.steps, 1))
        return eps / m + (1.0 - eps) * self.policy(state)

    @property
    def values(self) -> np.ndarray:
        return np.array([0.0 if t else float(np.dot(p, q))
                         for p, q, t in zip(self._pi, self._Q, self._is_terminal)])


# ---------------------------------------------------------------------------- joint action
class _JointTables(TabularLearner):
    """Padded joint-action tables: ``_shape`` is ``(M_1, ..., M_n)``, the largest action
    counts; ``_slices[s]`` cuts state ``s``'s block out of a padded table."""

    joint_action = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shape = tuple(int(x) for x in self._counts.max(axis=0))
        self._slices = [tuple(slice(0, int(m)) for m in self._counts[s])
                        for s in range(self.num_states)]
        self._N = np.zeros((self.num_states,) + self._shape, dtype=np.int64)

    def _count(self, s: int, a: tuple) -> int:
        idx = (s,) + a
        self._N[idx] += 1
        return int(self._N[idx])


class MinimaxQ(_JointTables):
    """Minimax-Q (Littman 1994, "Markov games as a framework for multi-agent
    reinforcement learning", ICML; Albrecht et al. 2024, chapter 6).

    The learner keeps ``Q(s, a, o)`` over its own action ``a`` and the opponent's action
    ``o`` and, after each update of state ``s``, solves the linear program of the matrix
    game ``Q(s, ., .)``: its policy ``pi(s)`` is the maximin strategy and ``V(s)`` the
    value.  ``Q(s, a, o) += alpha * (r + gamma * V(s') - Q(s, a, o))``.  Two players; in a
    zero-sum game, self-play converges to the Shapley values (with every joint action
    tried infinitely often and decaying learning rates); in a general-sum game it learns a
    security (maximin) policy.

    The stage LP is solved by the compiled tableau simplex of
    :func:`gametheory.solvers.minimax` with its duality gap checked
    (:func:`~gametheory.solvers.minimax` itself is the fall-back).

    Parameters are those of :class:`TabularLearner` (default ``epsilon=0.2`` as in
    Littman's experiments).  ``q[s]`` has shape ``(m_1(s), m_2(s))`` in absolute player
    order and holds this learner's rewards.

    Raises
    ------
    UnsupportedGameError
        The game does not have two players.

    Examples
    --------
    Minimax-Q against minimax-Q in repeated matching pennies (no discounting) learns the
    uniform strategy and the value 0:

    >>> from gametheory.games import StochasticGame, catalog
    >>> g = StochasticGame.repeated(catalog.get("matching-pennies"), discount=0.0)
    >>> agents = make_learners("minimax_q", g, epsilon=1.0, rng=0)
    >>> res = run_episodes(g, agents, 1, max_steps=5000)
    >>> agents[0].policy(0).round(1).tolist(), bool(abs(agents[0].values[0]) < 0.05)
    ([0.5, 0.5], True)
    """

    name = "minimax_q"

    def __init__(self, game, player=0, *, alpha=0.1, epsilon=0.2, gamma=None,
                 initial_q=0.0, rng=None):
        super().__init__(game, player, alpha=alpha, epsilon=epsilon, gamma=gamma,
                         initial_q=initial_q, rng=rng)
        if self.num_players != 2:
            raise UnsupportedGameError(f"minimax-Q needs a two-player game; this game has "
                                       f"{self.num_players} player(s)")
        self._Q = np.full((self.num_states,) + self._shape, self.initial_q)
        self._pi = [np.full(m, 1.0 / m) for m in self._m]
        self._V = np.array([0.0 if t else self.initial_q for t in self._is_terminal])
        self._solver = _MatrixGameSolver(self._shape)

    def _exploit(self, s, draw) -> int:
        return _draw_index(self._pi[s], draw())

    def update(self, state, joint_action, rewards, next_state, terminal) -> None:
        s = int(state)
        a = (int(joint_action[0]), int(joint_action[1]))
        target = float(rewards[self.player])
        if self._target_ok(next_state, terminal):
            target += self.gamma * self._V[next_state]
        n = self._count(s, a)
        idx = (s,) + a
        self._Q[idx] += self._alpha(n) * (target - self._Q[idx])
        G = self._Q[(s,) + self._slices[s]]
        if self.player == 1:
            G = G.T
        x, _, value = self._solver(G)
        self._pi[s] = x
        self._V[s] = value
        self.num_updates += 1

    def policy(self, state) -> np.ndarray:
        """The maximin strategy of the last LP solved in ``state``."""
        return self._pi[int(state)].copy()

    @property
    def q(self) -> list:
        return [self._Q[(s,) + self._slices[s]].copy() for s in range(self.num_states)]

    @property
    def values(self) -> np.ndarray:
        """``V(s)``: the value of the last LP solved in each state."""
        return self._V.copy()


class _MatrixGameSolver:
    """Value and maximin strategies of small zero-sum matrix games through the compiled
    tableau simplex of :func:`gametheory.solvers.minimax`, checked by the duality gap,
    with :func:`~gametheory.solvers.minimax` as fall-back."""

    def __init__(self, shape):
        from ..solvers._stochastic_solvers import _matrix_game
        self._kernel = _matrix_game
        self._scratch: dict = {}

    def __call__(self, G: np.ndarray):
        G = np.ascontiguousarray(G, dtype=np.float64)
        scratch = self._scratch.get(G.shape)
        if scratch is None:
            scratch = self._scratch[G.shape] = np.empty(G.shape)
        x = np.empty(G.shape[0])
        y = np.empty(G.shape[1])
        value, gap, ok = self._kernel(G, x, y, scratch)
        if ok and (gap == 0.0 or gap <= _GAP_TOL * max(1.0, float(np.abs(G).max()))):
            return x, y, float(value)
        from ..solvers._minimax import minimax
        res = minimax(NormalFormGame.zero_sum(G))
        return res.row_strategy.copy(), res.column_strategy.copy(), float(res.value)


#: Stage solutions shared between learners (in self-play both learners hold the same
#: tables and would otherwise solve each stage game twice); keyed by the rule and the
#: exact payoff bytes, so a hit is the answer the solver would give.
_STAGE_CACHE: "OrderedDict[tuple, tuple]" = OrderedDict()
_STAGE_CACHE_SIZE = 256


def _frozen(x):
    if isinstance(x, tuple):
        return tuple(_frozen(y) for y in x)
    a = np.array(x, dtype=np.float64)
    a.setflags(write=False)
    return a


class _StageSolvingLearner(_JointTables):
    """Learners that keep every player's Q-table and value the next state by an
    equilibrium of the stage game ``(Q_1(s'), ..., Q_n(s'))``, cached per state until the
    state's tables change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = self.num_players
        self._Q = np.full((n, self.num_states) + self._shape, self.initial_q)
        self._cache: dict[int, tuple] = {}

    def _stage_game(self, s: int) -> NormalFormGame:
        return NormalFormGame(self._Q[(slice(None), s) + self._slices[s]].copy())

    def _rule(self) -> tuple:  # pragma: no cover - abstract
        """What, besides the stage payoffs, determines the stage solution."""
        raise NotImplementedError

    def _stage(self, game: NormalFormGame) -> tuple:  # pragma: no cover - abstract
        raise NotImplementedError

    def _solved(self, s: int) -> tuple:
        got = self._cache.get(s)
        if got is None:
            block = self._Q[(slice(None), s) + self._slices[s]]
            key = (type(self).__name__, self._rule(), block.shape, block.tobytes())
            got = _STAGE_CACHE.get(key)
            if got is None:
                got = tuple(_frozen(x) for x in self._stage(NormalFormGame(block.copy())))
                _STAGE_CACHE[key] = got
                if len(_STAGE_CACHE) > _STAGE_CACHE_SIZE:
                    _STAGE_CACHE.popitem(last=False)
            self._cache[s] = got
        return got

    def update(self, state, joint_action, rewards, next_state, terminal) -> None:
        s = int(state)
        a = tuple(int(x) for x in joint_action)
        target = np.asarray(rewards, dtype=np.float64).copy()
        if self._target_ok(next_state, terminal):
            target += self.gamma * self._solved(int(next_state))[-1]
        n = self._count(s, a)
        idx = (slice(None), s) + a
        step = self._alpha(n) * (target - self._Q[idx])
        if np.any(step != 0.0):    # the stage solution is kept while the tables stand
            self._Q[idx] += step
            self._cache.pop(s, None)
        self.num_updates += 1

    @property
    def q(self) -> list:
        """``q[s]`` of shape ``(n, m_1(s), ..., m_n(s))``: every player's Q-table."""
        return [self._Q[(slice(None), s) + self._slices[s]].copy()
                for s in range(self.num_states)]

    @property
    def values(self) -> np.ndarray:
        return np.array([0.0 if self._is_terminal[s] else
                         float(self._solved(s)[-1][self.player])
                         for s in range(self.num_states)])

    def stage_values(self, state) -> np.ndarray:
        """Every player's value of ``state`` under the selected stage solution."""
        return np.array(self._solved(int(state))[-1])


_NASH_SELECTIONS = ("welfare", "lemke_howson")


class NashQ(_StageSolvingLearner):
    """Nash-Q learning (Hu and Wellman 2003, "Nash Q-learning for general-sum stochastic
    games", JMLR 4; Albrecht et al. 2024, chapter 6).

    The learner observes every player's action and reward and keeps every player's
    Q-table.  The value of the next state is the payoff vector of a Nash equilibrium of
    the stage game ``(Q_1(s'), Q_2(s'))``:
    ``Q_j(s, a) += alpha * (r_j + gamma * NashQ_j(s') - Q_j(s, a))`` for each player
    ``j``.  The learner's policy in ``s`` is its strategy in that equilibrium.

    Equilibrium selection (Nash-Q converges only when the selected equilibria are
    consistent across updates; two Nash-Q learners with the same experience select the
    same one because the rule is deterministic):

    * ``"welfare"`` (default): among every extreme equilibrium found by
      :func:`gametheory.solvers.vertex_enumeration`, the one with the largest sum of
      payoffs, ties to the first in that function's order;
    * ``"lemke_howson"``: the equilibrium :func:`gametheory.solvers.lemke_howson` reaches
      by dropping label 0.

    Parameters
    ----------
    selection : {"welfare", "lemke_howson"}

    Other parameters are those of :class:`TabularLearner`.

    Raises
    ------
    UnsupportedGameError
        The game does not have two players.
    UnknownNameError
        An unknown selection rule.

    Examples
    --------
    In the repeated prisoner's dilemma (no discounting) the stage equilibrium is
    (D, D), worth 1 to each:

    >>> from gametheory.games import StochasticGame, catalog
    >>> g = StochasticGame.repeated(catalog.get("prisoners-dilemma"), discount=0.0)
    >>> agents = make_learners("nash_q", g, epsilon=1.0, alpha=0.5, rng=0)
    >>> res = run_episodes(g, agents, 1, max_steps=200)
    >>> agents[0].policy(0).tolist(), agents[0].stage_values(0).round(3).tolist()
    ([0.0, 1.0], [1.0, 1.0])
    """

    name = "nash_q"

    def __init__(self, game, player=0, *, alpha=0.1, epsilon=0.1, gamma=None,
                 selection: str = "welfare", initial_q=0.0, rng=None):
        super().__init__(game, player, alpha=alpha, epsilon=epsilon, gamma=gamma,
                         initial_q=initial_q, rng=rng)
        if self.num_players != 2:
            raise UnsupportedGameError(f"Nash-Q needs a two-player game; this game has "
                                       f"{self.num_players} player(s)")
        key = str(selection).strip().lower().replace("-", "_")
        if key not in _NASH_SELECTIONS:
            raise UnknownNameError(f"unknown Nash-Q selection {selection!r}; choose from "
                                   f"{', '.join(_NASH_SELECTIONS)}")
        self.selection = key

    def _rule(self) -> tuple:
        return (self.selection,)

    def _stage(self, g: NormalFormGame) -> tuple:
        from ..solvers import lemke_howson, vertex_enumeration
        if self.selection == "lemke_howson":
            eq = lemke_howson(g)[0]
        else:
            res = vertex_enumeration(g)
            if len(res) == 0:  # pragma: no cover - every finite game has one
                raise SolverError("Nash-Q: vertex enumeration found no equilibrium")
            eq = max(res, key=lambda e: float(np.sum(e.payoffs)))
        return tuple(np.array(x) for x in eq.strategies), np.array(eq.payoffs)

    def _exploit(self, s, draw) -> int:
        return _draw_index(self._solved(s)[0][self.player], draw())

    def policy(self, state) -> np.ndarray:
        """The learner's strategy in the selected equilibrium of the stage game."""
        s = int(state)
        if self._is_terminal[s]:
            return np.ones(1)
        return self._solved(s)[0][self.player].copy()


class CorrelationDevice:
    """A shared source of uniform signals for learners that play a correlated
    distribution (:class:`CEQ`): every learner holding the same device reads the same
    number at the same step, so together they sample one joint action.

    >>> d = CorrelationDevice(rng=0)
    >>> d(1) == d(1), d(1) == d(2)
    (True, False)
    """

    def __init__(self, rng=None):
        self.rng = as_generator(rng)
        self._t = None
        self._u = 0.0

    def __call__(self, t: int) -> float:
        if t != self._t:
            self._t = t
            self._u = float(self.rng.random())
        return self._u


class CEQ(_StageSolvingLearner):
    """Correlated-Q learning (Greenwald and Hall 2003, "Correlated-Q learning", ICML;
    Albrecht et al. 2024, chapter 6), utilitarian by default.

    Like :class:`NashQ`, but the next state is valued by a correlated equilibrium of the
    stage game ``(Q_1(s'), ..., Q_n(s'))`` found by
    :func:`gametheory.solvers.correlated_equilibrium` with ``objective`` (``"welfare"``:
    utilitarian CE-Q, the largest sum of payoffs).  To play the correlated distribution
    the learners share a :class:`CorrelationDevice` (as :func:`make_learners` arranges):
    each draws the joint action from the distribution with the shared signal and plays
    its own part.  Any number of players.

    Parameters
    ----------
    objective : str
        Objective of :func:`~gametheory.solvers.correlated_equilibrium`.
    device : CorrelationDevice, optional
        The shared signal; a private one by default (then learners do not correlate).

    Other parameters are those of :class:`TabularLearner`.  :meth:`policy` is the
    learner's marginal of the stage distribution, :meth:`joint_policy` the distribution.

    Examples
    --------
    Chicken (Aumann 1974) repeated without discounting: the utilitarian CE pays 5.25 to
    each player:

    >>> from gametheory.games import StochasticGame, catalog
    >>> g = StochasticGame.repeated(catalog.get("chicken"), discount=0.0)
    >>> agents = make_learners("ce_q", g, epsilon=1.0, alpha=0.5, rng=0)
    >>> res = run_episodes(g, agents, 1, max_steps=100)
    >>> agents[0].stage_values(0).round(6).tolist()
    [5.25, 5.25]
    """

    name = "ce_q"

    def __init__(self, game, player=0, *, alpha=0.1, epsilon=0.1, gamma=None,
                 objective: str = "welfare", device: CorrelationDevice | None = None,
                 initial_q=0.0, rng=None):
        super().__init__(game, player, alpha=alpha, epsilon=epsilon, gamma=gamma,
                         initial_q=initial_q, rng=rng)
        from ..solvers._correlated import _parse_objective
        _parse_objective(self._stage_game(self._first_live()), objective)
        self.objective = objective
        if device is not None and not isinstance(device, CorrelationDevice):
            raise InvalidOptionError(f"device must be a CorrelationDevice, got "
                                     f"{type(device).__name__}")
        self.device = device if device is not None else CorrelationDevice(self.rng)

    def _first_live(self) -> int:
        return next(s for s in range(self.num_states) if not self._is_terminal[s])

    def _rule(self) -> tuple:
        return (self.objective,)

    def _stage(self, g: NormalFormGame) -> tuple:
        from ..solvers import correlated_equilibrium
        res = correlated_equilibrium(g, objective=self.objective)
        return res.distribution, res.payoffs

    def _exploit(self, s, draw) -> int:
        d = self._solved(s)[0]
        k = _draw_index(d.ravel(), self.device(self.steps))
        return int(np.unravel_index(k, d.shape)[self.player])

    def joint_policy(self, state) -> np.ndarray:
        """The stage correlated equilibrium in ``state`` (a joint distribution)."""
        s = int(state)
        if self._is_terminal[s]:
            return np.ones((1,) * self.num_players)
        return self._solved(s)[0].copy()

    def policy(self, state) -> np.ndarray:
        """The learner's marginal of :meth:`joint_policy`."""
        d = self.joint_policy(state)
        axes = tuple(j for j in range(self.num_players) if j != self.player)
        return d.sum(axis=axes)


class JALAM(_JointTables):
    """Joint-action learning with agent models (Albrecht et al. 2024, chapter 6; after
    Claus and Boutilier 1998 and fictitious play, Brown 1951).

    The learner observes the joint action, keeps ``Q(s, a_1, ..., a_n)`` for its own
    rewards and, for every other player ``j``, the empirical frequency ``pi_hat_j(s)`` of
    ``j``'s actions in ``s`` (uniform before the first observation).  Its action values
    are ``AV(s, a_i) = sum_{a_-i} Q(s, a_i, a_-i) prod_j pi_hat_j(s, a_j)``; it acts
    epsilon-greedily on them and updates
    ``Q(s, a) += alpha * (r_i + gamma * max_a' AV(s', a') - Q(s, a))``.

    Parameters are those of :class:`TabularLearner`.  ``q[s]`` has shape
    ``(m_1(s), ..., m_n(s))`` and holds this learner's rewards.

    Examples
    --------
    >>> from gametheory.games import StochasticGame, catalog
    >>> g = StochasticGame.repeated(catalog.get("stag-hunt"), discount=0.0)
    >>> agents = make_learners("jal_am", g, rng=0)
    >>> res = run_episodes(g, agents, 1, max_steps=1000)
    >>> [a.agent_models(0)[1 - i].round(1).tolist() for i, a in enumerate(agents)]
    [[0.9, 0.1], [0.9, 0.1]]
    """

    name = "jal_am"

    def __init__(self, game, player=0, *, alpha=0.1, epsilon=0.1, gamma=None,
                 initial_q=0.0, rng=None):
        super().__init__(game, player, alpha=alpha, epsilon=epsilon, gamma=gamma,
                         initial_q=initial_q, rng=rng)
        self._Q = np.full((self.num_states,) + self._shape, self.initial_q)
        self._C = [np.zeros((self.num_states, M)) for M in self._shape]
        self._tot = [[0.0] * self.num_states for _ in self._shape]

    def agent_models(self, state) -> list:
        """``pi_hat_j(state)`` for every player ``j`` (the learner's own entry is its
        empirical frequency too, unused)."""
        s = int(state)
        out = []
        for j in range(self.num_players):
            c = self._C[j][s, :self._counts[s, j]]
            tot = c.sum()
            out.append(c / tot if tot > 0 else np.full(c.size, 1.0 / c.size))
        return out

    def action_values(self, state) -> np.ndarray:
        """``AV(state, a_i)`` for the learner's actions."""
        s = int(state)
        i = self.player
        Qs = self._Q[(s,) + self._slices[s]]
        if self.num_players == 2:   # the common case, without the general contraction
            j = 1 - i
            c = self._C[j][s, :self._counts[s, j]]
            tot = self._tot[j][s]
            model = c / tot if tot > 0 else np.full(c.size, 1.0 / c.size)
            return Qs @ model if i == 0 else model @ Qs
        models = self.agent_models(s)
        w = _weights([models[j] for j in range(self.num_players) if j != i])
        return np.moveaxis(Qs, i, 0).reshape(self._m[s], -1) @ w

    def _exploit(self, s, draw) -> int:
        return _argmax_random(self.action_values(s).tolist(), draw())

    def update(self, state, joint_action, rewards, next_state, terminal) -> None:
        s = int(state)
        a = tuple(int(x) for x in joint_action)
        for j in range(self.num_players):
            if j != self.player:
                self._C[j][s, a[j]] += 1.0
                self._tot[j][s] += 1.0
        target = float(rewards[self.player])
        if self._target_ok(next_state, terminal):
            target += self.gamma * float(self.action_values(next_state).max())
        n = self._count(s, a)
        idx = (s,) + a
        self._Q[idx] += self._alpha(n) * (target - self._Q[idx])
        self.num_updates += 1

    def policy(self, state) -> np.ndarray:
        """Greedy in the action values (uniform over ties)."""
        return _greedy_policy(self.action_values(state))

    @property
    def q(self) -> list:
        return [self._Q[(s,) + self._slices[s]].copy() for s in range(self.num_states)]

    @property
    def values(self) -> np.ndarray:
        return np.array([0.0 if self._is_terminal[s] else float(self.action_values(s).max())
                         for s in range(self.num_states)])


# ---------------------------------------------------------------------------- registry
#: Name -> learner class.
LEARNERS: dict[str, type] = {cls.name: cls for cls in
                             (IndependentQLearning, MinimaxQ, NashQ, CEQ, JALAM, WoLFPHC)}


def get_learner(name: str) -> type:
    """The learner class registered as ``name`` (see :data:`LEARNERS`).

    >>> get_learner("wolf-phc").__name__
    'WoLFPHC'
    """
    key = str(name).strip().lower().replace("-", "_")
    if key not in LEARNERS:
        raise UnknownNameError(f"unknown learner {name!r}; known: {', '.join(LEARNERS)}")
    return LEARNERS[key]


def make_learners(name: str, game: StochasticGame, *, rng=None, **hyperparams) -> list:
    """One learner of kind ``name`` per player of ``game``, each with its own generator
    spawned from ``rng`` (CE-Q learners also share one :class:`CorrelationDevice`).

    >>> from gametheory.games import catalog
    >>> [type(a).__name__ for a in make_learners("minimax_q", catalog.get("big-match"))]
    ['MinimaxQ', 'MinimaxQ']
    """
    cls = get_learner(name)
    game = _check_game(game, "make_learners")
    gens = as_generator(rng).spawn(game.num_players + 1)
    if cls is CEQ and "device" not in hyperparams:
        hyperparams = dict(hyperparams, device=CorrelationDevice(gens[-1]))
    return [cls(game, i, rng=gens[i], **hyperparams) for i in range(game.num_players)]


# ---------------------------------------------------------------------------- runner
@dataclass(frozen=True)
class EpisodeResult:
    """What :func:`run_episodes` returns.

    Attributes
    ----------
    returns : ndarray
        Shape ``(episodes, n)``: each player's undiscounted sum of rewards per episode.
    discounted_returns : ndarray
        Shape ``(episodes, n)``: the same discounted by ``game.discount``.
    lengths : ndarray
        Steps of each episode.
    truncated : ndarray
        Per episode, whether it was cut by the horizon or ``max_steps`` rather than
        ended by a terminal state.
    steps : int
        Steps in all.
    elapsed : float
        Wall-clock seconds.
    learners : tuple of str
        Registry names of the learners, in player order.
    """

    returns: np.ndarray
    discounted_returns: np.ndarray
    lengths: np.ndarray
    truncated: np.ndarray
    steps: int
    elapsed: float
    learners: tuple = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def steps_per_second(self) -> float:
        return self.steps / self.elapsed if self.elapsed > 0 else float("inf")

    def mean_return(self, last: int | None = None) -> np.ndarray:
        """Each player's mean return over the last ``last`` episodes (all by default)."""
        R = self.returns if last is None else self.returns[-int(last):]
        return R.mean(axis=0)

    def to_dict(self) -> dict:
        return {"learners": list(self.learners), "returns": self.returns.tolist(),
                "discounted_returns": self.discounted_returns.tolist(),
                "lengths": self.lengths.tolist(), "truncated": self.truncated.tolist(),
                "steps": int(self.steps), "elapsed": self.elapsed}


class _Model:
    """Flat per-state tables of a game for fast stepping: strides of the joint action,
    reward tuples, deterministic next states (or -1) and cumulative transition rows."""

    def __init__(self, game: StochasticGame):
        n, S = game.num_players, game.num_states
        self.strides, self.rewards, self.det, self.cum = [], [], [], []
        for s in range(S):
            shape = game.action_counts[s]
            st = [1] * n
            for j in range(n - 2, -1, -1):
                st[j] = st[j + 1] * shape[j + 1]
            self.strides.append(tuple(st))
            R = game.rewards[s].reshape(n, -1)
            self.rewards.append([tuple(float(x) for x in R[:, k]) for k in range(R.shape[1])])
            P = game.transitions[s].reshape(-1, S)
            det = []
            for k in range(P.shape[0]):
                nz = np.flatnonzero(P[k] > 0)
                det.append(int(nz[0]) if nz.size == 1 else -1)
            self.det.append(det)
            self.cum.append(np.cumsum(P, axis=1))
        self.terminal = [s in set(game.terminal) for s in range(S)]


def run_episodes(game: StochasticGame, learners: Sequence[TabularLearner], episodes: int,
                 *, max_steps: int | None = None, rng=None,
                 progress: bool = False) -> EpisodeResult:
    """Play ``episodes`` episodes of ``game`` with one learner per player, updating every
    learner after every step.

    Each episode starts in a state drawn from ``game.initial`` and ends on entering a
    terminal state, after ``game.horizon`` steps, or after ``max_steps`` steps.  Only a
    terminal state marks a transition as terminal; an episode cut by the horizon or
    ``max_steps`` is truncated and its last transition is bootstrapped as usual.

    Parameters
    ----------
    game : StochasticGame
    learners : sequence of TabularLearner
        ``learners[i]`` plays player ``i`` (its ``player`` must be ``i``).
    episodes : int
    max_steps : int, optional
        Episode cap.  Required when the game has no terminal state and no horizon; for
        games with terminal states and no horizon it defaults to
        :data:`DEFAULT_MAX_STEPS`.
    rng : None, int or numpy.random.Generator
        Draws initial and next states (the learners draw their actions from their own
        generators).
    progress : bool
        Show a tqdm progress bar over episodes.

    Returns
    -------
    EpisodeResult

    Raises
    ------
    UnsupportedGameError
        Not a stochastic game.
    InvalidOptionError
        Learners that do not match the players, a bad ``episodes`` or ``max_steps``, or
        no way to end an episode.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> g = catalog.get("two-step")
    >>> res = run_episodes(g, make_learners("independent_q", g, epsilon=1.0, rng=0), 100,
    ...                    rng=0)
    >>> res.lengths.tolist() == [2] * 100, res.returns.shape, bool(res.truncated.any())
    (True, (100, 2), False)
    """
    start = time.perf_counter()
    game = _check_game(game, "run_episodes")
    n = game.num_players
    learners = list(learners)
    if len(learners) != n:
        raise InvalidOptionError(f"{len(learners)} learner(s) given for {n} players")
    for i, lr in enumerate(learners):
        if not isinstance(lr, TabularLearner):
            raise InvalidOptionError(f"learner {i} is a {type(lr).__name__}, not a "
                                     "TabularLearner")
        if lr.player != i:
            raise InvalidOptionError(f"learner {i} plays player {lr.player}; learners must "
                                     "be given in player order")
        if lr.game is not game and lr.game != game:
            raise InvalidOptionError(f"learner {i} was built for another game")
    if isinstance(episodes, bool) or not isinstance(episodes, (Integral, np.integer)) \
            or episodes < 1:
        raise InvalidOptionError(f"episodes must be a positive integer, got {episodes!r}")
    if max_steps is not None and (isinstance(max_steps, bool) or
                                  not isinstance(max_steps, (Integral, np.integer))
                                  or max_steps < 1):
        raise InvalidOptionError(f"max_steps must be a positive integer or None, got "
                                 f"{max_steps!r}")
    caps = [x for x in (max_steps, game.horizon) if x is not None]
    if caps:
        cap = int(min(caps))
    elif game.terminal:
        cap = DEFAULT_MAX_STEPS
    else:
        raise InvalidOptionError("the game has no terminal state and no horizon: give "
                                 "max_steps to end the episodes")
    episodes = int(episodes)
    model = _Model(game)
    gen = as_generator(rng)
    draw = _Uniforms(gen)
    gamma = game.discount
    returns = np.zeros((episodes, n))
    disc = np.zeros((episodes, n))
    lengths = np.zeros(episodes, dtype=np.int64)
    truncated = np.zeros(episodes, dtype=bool)
    initial = game.initial
    init_det = int(np.argmax(initial)) if np.count_nonzero(initial) == 1 else -1
    init_cum = np.cumsum(initial)
    acts = [lr.act for lr in learners]
    updates = [lr.update for lr in learners]
    it = range(episodes)
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=episodes, desc="episodes")
    steps = 0
    for e in it:
        s = init_det if init_det >= 0 else \
            min(int(np.searchsorted(init_cum, draw() * init_cum[-1], side="right")),
                len(init_cum) - 1)
        ret = [0.0] * n
        dret = [0.0] * n
        g = 1.0
        t = 0
        done = False
        while t < cap:
            joint = tuple(f(s) for f in acts)
            k = sum(a * st for a, st in zip(joint, model.strides[s]))
            nxt = model.det[s][k]
            if nxt < 0:
                c = model.cum[s][k]
                nxt = min(int(np.searchsorted(c, draw() * c[-1], side="right")),
                          len(c) - 1)
            r = model.rewards[s][k]
            done = model.terminal[nxt]
            for f in updates:
                f(s, joint, r, nxt, done)
            for j in range(n):
                ret[j] += r[j]
                dret[j] += g * r[j]
            g *= gamma
            t += 1
            s = nxt
            if done:
                break
        steps += t
        returns[e] = ret
        disc[e] = dret
        lengths[e] = t
        truncated[e] = not done
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    for a in (returns, disc, lengths, truncated):
        a.setflags(write=False)
    return EpisodeResult(returns=returns, discounted_returns=disc, lengths=lengths,
                         truncated=truncated, steps=steps,
                         elapsed=time.perf_counter() - start,
                         learners=tuple(type(lr).name or type(lr).__name__
                                        for lr in learners),
                         params={"episodes": episodes, "max_steps": cap})
