"""Stochastic (Markov) games and partially observable stochastic games.

Axis convention
---------------
A stochastic game has ``n`` players and ``S`` states.  In state ``s`` player ``i`` has
``m_i(s)`` actions (the counts may differ from state to state).  Rewards and transitions are
stored per state, rewards in *absolute player order* exactly like
:class:`~gametheory.games.NormalFormGame`::

    rewards[s][i, a_1, ..., a_n]        reward of player i in state s at joint action a
    transitions[s][a_1, ..., a_n, t]    probability that the next state is t

so ``rewards[s]`` has shape ``(n, m_1(s), ..., m_n(s))`` and ``transitions[s]`` has shape
``(m_1(s), ..., m_n(s), S)``.  The reward depends on the state and the joint action, not on
the next state.  *Terminal* states end an episode as soon as they are entered; each player
has one dummy action ``"noop"`` there, the reward is 0 and the state loops on itself.

Worked example, a one-player game (an MDP) with two states, in which ``"go"`` moves from
state ``"A"`` to the terminal state ``"B"`` and pays 1::

    >>> from gametheory.games import StochasticGame
    >>> g = StochasticGame([[[0.0, 1.0]], None],          # state A: (n=1, 2 actions)
    ...                    [[[1, 0], [0, 1]], None],      # state A: (2 actions, S=2)
    ...                    terminal=["B"], discount=1.0, states=["A", "B"],
    ...                    actions=[[["stay", "go"]], None])
    >>> g.is_mdp, g.num_states, g.action_counts
    (True, 2, ((2,), (1,)))
    >>> float(g.rewards[0][0, 1])                         # player 1, state A, action "go"
    1.0
    >>> g.transition_distribution("A", ["go"]).tolist()
    [0.0, 1.0]
    >>> g.actions[1]                                      # the dummy action of terminal B
    (('noop',),)

:class:`POSG` adds one observation matrix per player, ``observations[i][s, o]`` = the
probability that player ``i`` observes ``o`` in state ``s``.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, NamedTuple, Sequence

import numpy as np

from .._errors import GameFormatError, InvalidGameError, InvalidProfileError, \
    UnsupportedGameError
from .._rng import as_generator
from ._normal_form import NormalFormGame, as_mixed_profile, is_pure_profile

__all__ = ["StochasticGame", "POSG", "StepResult"]

_ZERO_ATOL = 1e-9
_NOOP = "noop"


class StepResult(NamedTuple):
    """What :meth:`StochasticGame.step` returns."""

    next_state: int
    """Index of the sampled next state."""
    rewards: np.ndarray
    """Reward of every player for the step taken, shape ``(n,)``."""
    terminal: bool
    """Whether ``next_state`` is terminal (the episode ends)."""


def _sample_index(p: np.ndarray, rng: np.random.Generator) -> int:
    """Draw an index with probabilities ``p`` (non-negative; normalised here)."""
    c = np.cumsum(p)
    k = int(np.searchsorted(c, rng.random() * c[-1], side="right"))
    return min(k, len(p) - 1)


def _as_float_array(x, what: str) -> np.ndarray:
    if isinstance(x, NormalFormGame):
        return np.array(x.payoff_array, dtype=np.float64)
    try:
        arr = np.array(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidGameError(f"{what}: not a numeric array (ragged or non-numeric): "
                               f"{exc}") from None
    return arr


def _is_iterable(x) -> bool:
    try:
        iter(x)
    except TypeError:
        return False
    return True


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def _check_prob_vector(p, size: int, tol: float, what: str) -> np.ndarray:
    """Validate a probability vector of length ``size``; returns a float64 copy."""
    v = _as_float_array(p, what)
    if v.shape != (size,):
        raise InvalidGameError(f"{what}: shape is {v.shape}, expected ({size},)")
    if not np.all(np.isfinite(v)):
        raise InvalidGameError(f"{what}: NaN or infinite entries in {v.tolist()}")
    if np.any(v < -tol):
        k = int(np.argmin(v))
        raise InvalidGameError(f"{what}: negative probability {_fmt(v[k])} at entry {k}")
    total = float(v.sum())
    if abs(total - 1.0) > tol:
        raise InvalidGameError(f"{what}: probabilities sum to {_fmt(total)}, not 1")
    return np.clip(v, 0.0, None)


def _check_labels(labels, count: int, default: Sequence[str], what: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(default)
    if isinstance(labels, str) or not _is_iterable(labels):
        raise InvalidGameError(f"{what} must be a sequence of labels, got {labels!r}")
    labels = tuple(str(x) for x in labels)
    if len(labels) != count:
        raise InvalidGameError(f"{len(labels)} {what} given for {count}")
    if len(set(labels)) != count:
        raise InvalidGameError(f"{what} must be distinct: {list(labels)}")
    return labels


class StochasticGame:
    """A finite stochastic (Markov) game with ``n >= 1`` players (Shapley 1953).

    An MDP is the one-player case and a repeated game the case of a single non-terminal
    state that loops on itself; see :meth:`mdp` and :meth:`repeated`.

    Parameters
    ----------
    rewards : sequence of array_like, one per state
        ``rewards[s]`` has shape ``(n, m_1(s), ..., m_n(s))``, indexed in absolute player
        order (see the module docstring); a :class:`NormalFormGame` is accepted too (its
        action labels are used when ``actions`` does not give them).  For a terminal state
        it may be ``None``; if given it must be all zero.
    transitions : sequence of array_like, one per state
        ``transitions[s]`` has shape ``(m_1(s), ..., m_n(s), S)``; each vector
        ``transitions[s][a]`` is the next-state distribution.  For a terminal state it may
        be ``None``; if given every joint action must loop on the state.
    discount : float
        Discount factor in ``[0, 1]``.  It has no default: it is part of the model.
    horizon : int, optional
        Number of steps of an episode; ``None`` (default) for an infinite horizon.  An
        infinite-horizon game with ``discount == 1`` must have terminal states (only their
        existence is checked, not that every policy reaches them).
    initial : int, str or array_like, optional
        Initial state (an index or a label) or distribution over states; default state 0.
    terminal : iterable of int or str, optional
        Terminal (absorbing) states, by index or label.
    players : sequence of str, optional
        Player labels; default ``"Player 1"``, ``"Player 2"``, ...
    states : sequence of str, optional
        State labels; default ``"State 1"``, ``"State 2"``, ...
    actions : sequence, optional
        ``actions[s][i]`` are the action labels of player ``i`` in state ``s``; an entry
        ``actions[s]`` may be ``None`` for the defaults ``"1"``, ``"2"``, ... (``"noop"`` in
        terminal states).
    tol : float
        Tolerance for probabilities: entries above ``-tol`` and sums within ``tol`` of 1 are
        accepted (default ``1e-9``); tiny negative entries are set to 0.
    title, description : str
        Free text.

    Raises
    ------
    InvalidGameError
        Wrong shapes, NaN or infinite rewards, probabilities that are negative or do not sum
        to one, a bad initial distribution, discount or horizon, non-zero rewards or exits in
        terminal states, labels that do not fit.  Messages name the state, player and joint
        action.

    Examples
    --------
    The two-step game of Rashid et al. (2018) is in the catalog:

    >>> from gametheory.games import catalog
    >>> g = catalog.get("two-step")
    >>> g.num_players, g.num_states, g.states
    (2, 4, ('1', '2A', '2B', 'end'))
    >>> g.state_game("2B").payoffs[0].tolist()
    [[0.0, 1.0], [1.0, 8.0]]
    >>> g.step("1", ("B", "A"), rng=0).next_state            # agent 1's B leads to 2B
    2
    """

    _TYPE = "stochastic"

    def __init__(self, rewards, transitions, *, discount: float, horizon: int | None = None,
                 initial=None, terminal=(), players: Sequence[str] | None = None,
                 states: Sequence[str] | None = None, actions=None, tol: float = 1e-9,
                 title: str = "", description: str = ""):
        tol = self._check_tol(tol)
        rewards = self._as_list(rewards, "rewards")
        transitions = self._as_list(transitions, "transitions")
        S = len(rewards)
        if S == 0:
            raise InvalidGameError("a stochastic game needs at least one state")
        if len(transitions) != S:
            raise InvalidGameError(f"rewards are given for {S} states but transitions for "
                                   f"{len(transitions)}")
        self._states = _check_labels(states, S, [f"State {k + 1}" for k in range(S)],
                                     "state labels")
        self._terminal = self._check_terminal(terminal)
        if len(self._terminal) == S:
            raise InvalidGameError("every state is terminal: a game needs a non-terminal state")
        self._discount = self._check_discount(discount)
        self._horizon = self._check_horizon(horizon)
        if self._horizon is None and self._discount == 1.0 and not self._terminal:
            raise InvalidGameError(
                "an infinite-horizon game with discount 1 needs terminal states (or give a "
                "finite horizon, or a discount below 1)")

        # number of players: from the labels, else from the first non-terminal state
        first = next(s for s in range(S) if s not in self._terminal)
        if players is not None:
            if isinstance(players, str) or not _is_iterable(players):
                raise InvalidGameError(f"players must be a sequence of labels, got {players!r}")
            players = list(players)
            n = len(players)
        else:
            r0 = rewards[first]
            if r0 is None:
                raise InvalidGameError(f"rewards of non-terminal state {self._states[first]!r} "
                                       "are missing")
            arr0 = _as_float_array(r0, f"rewards of state {self._states[first]!r}")
            if arr0.ndim < 2:
                raise InvalidGameError(
                    f"rewards of state {self._states[first]!r} have shape {arr0.shape}: "
                    "expected (n, m_1, ..., m_n), one payoff array per player")
            n = arr0.shape[0]
        if n == 0:
            raise InvalidGameError("a game needs at least one player")
        self._players = _check_labels(players, n, [f"Player {i + 1}" for i in range(n)],
                                      "player labels")

        if actions is not None:
            if isinstance(actions, str) or not _is_iterable(actions):
                raise InvalidGameError("actions must be given per state, per player")
            actions = list(actions)
            if len(actions) != S:
                raise InvalidGameError(f"action labels given for {len(actions)} states, the "
                                       f"game has {S}")
        R, T, A = [], [], []
        for s in range(S):
            labels = None if actions is None else actions[s]
            if s in self._terminal:
                r, t, a = self._terminal_state(s, rewards[s], transitions[s], labels, tol)
            else:
                r, t, a = self._state(s, rewards[s], transitions[s], labels, tol)
            for x in (r, t):
                x.setflags(write=False)
            R.append(r)
            T.append(t)
            A.append(a)
        self._rewards = tuple(R)
        self._transitions = tuple(T)
        self._actions = tuple(A)
        self._initial = self._check_initial(initial, tol)
        self._initial.setflags(write=False)
        self._tol = tol
        self.title = str(title)
        self.description = str(description)
        self._stage_cache: dict[int, NormalFormGame] = {}

    # ------------------------------------------------------------------ validation helpers
    @staticmethod
    def _check_tol(tol) -> float:
        if isinstance(tol, bool) or not isinstance(tol, Real) or not (0 <= float(tol) < 1):
            raise InvalidGameError(f"tol must be a number in [0, 1), got {tol!r}")
        return float(tol)

    @staticmethod
    def _as_list(x, what: str) -> list:
        if isinstance(x, np.ndarray) and x.dtype != object:
            return [x[k] for k in range(x.shape[0])] if x.ndim else []
        try:
            return list(x)
        except TypeError:
            raise InvalidGameError(f"{what} must be a sequence with one entry per state") \
                from None

    @staticmethod
    def _check_discount(discount) -> float:
        if isinstance(discount, bool) or not isinstance(discount, Real):
            raise InvalidGameError(f"discount must be a number in [0, 1], got {discount!r}")
        d = float(discount)
        if not (0.0 <= d <= 1.0):
            raise InvalidGameError(f"discount must be in [0, 1], got {d!r}")
        return d

    @staticmethod
    def _check_horizon(horizon) -> int | None:
        if horizon is None:
            return None
        if isinstance(horizon, bool) or not isinstance(horizon, (Integral, np.integer)):
            raise InvalidGameError(f"horizon must be a positive int or None, got {horizon!r}")
        if int(horizon) < 1:
            raise InvalidGameError(f"horizon must be a positive int or None, got {horizon!r}")
        return int(horizon)

    def player_index(self, player) -> int:
        """Index of ``player`` (an int index or a label)."""
        n = len(self._players)
        if isinstance(player, (Integral, np.integer)) and not isinstance(player, bool):
            if not 0 <= int(player) < n:
                raise InvalidProfileError(f"player {player} out of range for {n} players")
            return int(player)
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        raise InvalidProfileError(f"unknown player {player!r}; players are "
                                  f"{list(self._players)}")

    def state_index(self, state) -> int:
        """Index of ``state`` (an int index or a label)."""
        S = len(self._states)
        if isinstance(state, (Integral, np.integer)) and not isinstance(state, bool):
            if not 0 <= int(state) < S:
                raise InvalidProfileError(f"state {state} out of range for {S} states")
            return int(state)
        if isinstance(state, str) and state in self._states:
            return self._states.index(state)
        raise InvalidProfileError(f"unknown state {state!r}; states are {list(self._states)}")

    def _check_terminal(self, terminal) -> frozenset[int]:
        if terminal is None:
            return frozenset()
        if isinstance(terminal, (str, Integral, np.integer)):
            terminal = [terminal]
        if not _is_iterable(terminal):
            raise InvalidGameError(f"terminal must be a sequence of states, got {terminal!r}")
        out = set()
        for t in terminal:
            try:
                out.add(self.state_index(t))
            except InvalidProfileError as exc:
                raise InvalidGameError(f"terminal states: {exc}") from None
        return frozenset(out)

    def _state(self, s: int, r, t, labels, tol: float):
        n = len(self._players)
        S = len(self._states)
        name = f"state {self._states[s]!r}"
        if r is None:
            raise InvalidGameError(f"rewards of non-terminal {name} are missing")
        if t is None:
            raise InvalidGameError(f"transitions of non-terminal {name} are missing")
        if labels is None and isinstance(r, NormalFormGame):
            labels = r.actions
        R = _as_float_array(r, f"rewards of {name}")
        if R.ndim != n + 1 or R.shape[0] != n:
            raise InvalidGameError(
                f"rewards of {name} have shape {R.shape}: expected (n, m_1, ..., m_n) with "
                f"n = {n} player(s)")
        shape = R.shape[1:]
        if any(m == 0 for m in shape):
            raise InvalidGameError(f"every player needs at least one action in {name}, "
                                   f"action counts are {shape}")
        if not np.all(np.isfinite(R)):
            bad = tuple(int(k) for k in np.argwhere(~np.isfinite(R))[0])
            raise InvalidGameError(
                f"reward of {self._players[bad[0]]} in {name} at joint action {bad[1:]} is "
                f"{R[bad]}: rewards must be finite numbers")
        P = _as_float_array(t, f"transitions of {name}")
        if P.shape != shape + (S,):
            raise InvalidGameError(f"transitions of {name} have shape {P.shape}, expected "
                                   f"{shape + (S,)} (one axis per player, then next state)")
        if not np.all(np.isfinite(P)):
            bad = tuple(int(k) for k in np.argwhere(~np.isfinite(P))[0])
            raise InvalidGameError(f"transition probability from {name} at joint action "
                                   f"{bad[:-1]} to state {self._states[bad[-1]]!r} is "
                                   f"{P[bad]}: probabilities must be finite")
        if np.any(P < -tol):
            bad = tuple(int(k) for k in np.argwhere(P < -tol)[0])
            raise InvalidGameError(f"transition probability from {name} at joint action "
                                   f"{bad[:-1]} to state {self._states[bad[-1]]!r} is "
                                   f"{_fmt(P[bad])}: probabilities must be non-negative")
        sums = P.sum(axis=-1)
        off = np.abs(sums - 1.0) > tol
        if np.any(off):
            bad = tuple(int(k) for k in np.argwhere(off)[0])
            raise InvalidGameError(f"transition probabilities from {name} at joint action "
                                   f"{bad} sum to {_fmt(sums[bad])}, not 1")
        P = np.clip(P, 0.0, None)
        A = self._check_state_actions(s, labels, shape, [str(k + 1) for k in range(max(shape))])
        return R, P, A

    def _terminal_state(self, s: int, r, t, labels, tol: float):
        n = len(self._players)
        S = len(self._states)
        name = f"terminal state {self._states[s]!r}"
        shape = (1,) * n
        if r is not None:
            R = _as_float_array(r, f"rewards of {name}")
            if R.ndim != n + 1 or R.shape[0] != n:
                raise InvalidGameError(f"rewards of {name} have shape {R.shape}: expected "
                                       f"(n, m_1, ..., m_n) with n = {n} player(s), or None")
            if not np.all(np.abs(R) <= _ZERO_ATOL):
                raise InvalidGameError(f"rewards of {name} must be 0 (an episode ends on "
                                       "entering a terminal state), or give None")
        if t is not None:
            P = _as_float_array(t, f"transitions of {name}")
            if P.ndim != n + 1 or P.shape[-1] != S:
                raise InvalidGameError(f"transitions of {name} have shape {P.shape}: "
                                       f"expected (m_1, ..., m_n, {S}), or None")
            loop = np.zeros(S)
            loop[s] = 1.0
            if not np.allclose(P, loop, rtol=0, atol=tol):
                raise InvalidGameError(f"transitions of {name} must loop on the state with "
                                       "probability 1 (terminal states are absorbing), or "
                                       "give None")
        R = np.zeros((n,) + shape)
        P = np.zeros(shape + (S,))
        P[..., s] = 1.0
        A = self._check_state_actions(s, labels, shape, [_NOOP])
        return R, P, A

    def _check_state_actions(self, s, labels, shape, default) -> tuple[tuple[str, ...], ...]:
        n = len(shape)
        name = f"state {self._states[s]!r}"
        if labels is None:
            return tuple(tuple(default[:m]) for m in shape)
        if isinstance(labels, str) or not _is_iterable(labels):
            raise InvalidGameError(f"action labels of {name} must be one sequence per player, "
                                   f"got {labels!r}")
        labels = list(labels)
        if len(labels) != n:
            raise InvalidGameError(f"action labels of {name} are given for {len(labels)} "
                                   f"players, the game has {n}")
        out = []
        for i, (lab, m) in enumerate(zip(labels, shape)):
            if isinstance(lab, str) or not _is_iterable(lab):
                raise InvalidGameError(f"action labels of {self._players[i]} in {name} must "
                                       f"be a sequence of labels, got {lab!r}")
            lab = tuple(str(x) for x in lab)
            if len(lab) != m:
                raise InvalidGameError(f"{self._players[i]} has {m} action(s) in {name} but "
                                       f"{len(lab)} action label(s)")
            if len(set(lab)) != m:
                raise InvalidGameError(f"action labels of {self._players[i]} in {name} must "
                                       f"be distinct: {list(lab)}")
            out.append(lab)
        return tuple(out)

    def _check_initial(self, initial, tol: float) -> np.ndarray:
        S = len(self._states)
        if initial is None:
            initial = 0
        if isinstance(initial, (str, Integral, np.integer)) and not isinstance(initial, bool):
            try:
                k = self.state_index(initial)
            except InvalidProfileError as exc:
                raise InvalidGameError(f"initial state: {exc}") from None
            v = np.zeros(S)
            v[k] = 1.0
            return v
        return _check_prob_vector(initial, S, tol, "initial distribution")

    # ------------------------------------------------------------------ constructors
    @classmethod
    def mdp(cls, rewards, transitions, *, discount: float, horizon: int | None = None,
            initial=None, terminal=(), states=None, actions=None, player: str = "Agent",
            tol: float = 1e-9, title: str = "", description: str = "") -> "StochasticGame":
        """A Markov decision process: the one-player stochastic game.

        Parameters
        ----------
        rewards : array_like of shape ``(S, A)``, or a sequence of ``S`` vectors
            ``rewards[s][a]``; vectors may differ in length when the number of actions
            depends on the state.  Terminal states' rows must be zero (or ``None``).
        transitions : array_like of shape ``(S, A, S)``, or a sequence of ``S`` arrays
            of shape ``(A_s, S)``; terminal states' entries must loop (or be ``None``).
        actions : sequence of str, or sequence of sequences of str, optional
            One list of labels used in every non-terminal state, or one list per state.
        player : str
            The label of the one player.

        Other parameters are those of :class:`StochasticGame`.

        Examples
        --------
        >>> g = StochasticGame.mdp([[0, 1], [2, 2]], [[[1, 0], [0, 1]], [[0, 1], [0, 1]]],
        ...                        discount=0.5, actions=["left", "right"])
        >>> g.is_mdp, g.players, g.actions[0]
        (True, ('Agent',), (('left', 'right'),))
        >>> g.rewards[1].tolist()
        [[2.0, 2.0]]
        """
        R = cls._as_list(rewards, "rewards")
        T = cls._as_list(transitions, "transitions")
        R1 = []
        for s, r in enumerate(R):
            if r is None:
                R1.append(None)
                continue
            v = _as_float_array(r, f"rewards of state {s}")
            if v.ndim != 1:
                raise InvalidGameError(f"MDP rewards of state {s} must be a vector (one reward "
                                       f"per action), got shape {v.shape}")
            R1.append(v[np.newaxis, :])
        S = len(R)
        labels = None
        if actions is not None:
            acts = list(actions)
            if acts and all(isinstance(a, str) for a in acts):  # one list for every state
                names = _check_labels(states, S, [f"State {k + 1}" for k in range(S)],
                                      "state labels")
                ends = [terminal] if isinstance(terminal, (str, Integral)) else \
                    list(terminal or ())
                ends = {names.index(t) if isinstance(t, str) and t in names else t
                        for t in ends}
                labels = [None if s in ends else [acts] for s in range(S)]
            else:
                labels = [None if a is None else [a] for a in acts]
        return cls(R1, T, discount=discount, horizon=horizon, initial=initial, terminal=terminal,
                   players=[player], states=states, actions=labels, tol=tol, title=title,
                   description=description)

    @classmethod
    def repeated(cls, stage_game: NormalFormGame, *, discount: float,
                 horizon: int | None = None, title: str | None = None) -> "StochasticGame":
        """The repeated game of ``stage_game``: one state that loops on itself.

        With ``horizon=None`` the game is infinitely repeated and needs ``discount < 1``.

        Examples
        --------
        >>> from gametheory.games import catalog
        >>> pd = catalog.get("prisoners-dilemma")
        >>> g = StochasticGame.repeated(pd, discount=0.9)
        >>> g.is_repeated, g.stage_game == pd, g.states
        (True, True, ('stage',))
        """
        if not isinstance(stage_game, NormalFormGame):
            raise InvalidGameError("repeated needs a NormalFormGame as the stage game, got "
                                   f"{type(stage_game).__name__}")
        shape = stage_game.num_actions
        T = np.ones(shape + (1,))
        name = stage_game.title or "stage game"
        return cls([stage_game.payoff_array], [T], discount=discount, horizon=horizon,
                   players=stage_game.players, states=["stage"], actions=[stage_game.actions],
                   title=f"Repeated {name}" if title is None else title,
                   description=stage_game.description)

    # ------------------------------------------------------------------ basic properties
    @property
    def num_players(self) -> int:
        return len(self._players)

    @property
    def num_states(self) -> int:
        return len(self._states)

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def states(self) -> tuple[str, ...]:
        """State labels."""
        return self._states

    @property
    def actions(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """``actions[s][i]``: action labels of player ``i`` in state ``s``."""
        return self._actions

    @property
    def action_counts(self) -> tuple[tuple[int, ...], ...]:
        """``action_counts[s] = (m_1(s), ..., m_n(s))``."""
        return tuple(t.shape[:-1] for t in self._transitions)

    def num_actions(self, state) -> tuple[int, ...]:
        """``(m_1(s), ..., m_n(s))`` for ``state`` (an index or a label)."""
        return self._transitions[self.state_index(state)].shape[:-1]

    @property
    def rewards(self) -> tuple[np.ndarray, ...]:
        """``rewards[s]``: read-only float64 array of shape ``(n, m_1(s), ..., m_n(s))``."""
        return self._rewards

    @property
    def transitions(self) -> tuple[np.ndarray, ...]:
        """``transitions[s]``: read-only float64 array of shape ``(m_1(s), ..., m_n(s), S)``."""
        return self._transitions

    @property
    def discount(self) -> float:
        return self._discount

    @property
    def horizon(self) -> int | None:
        """Episode length, ``None`` for an infinite horizon."""
        return self._horizon

    @property
    def initial(self) -> np.ndarray:
        """Initial state distribution, read-only, shape ``(S,)``."""
        return self._initial

    @property
    def terminal(self) -> tuple[int, ...]:
        """Indices of the terminal states, sorted."""
        return tuple(sorted(self._terminal))

    @property
    def tol(self) -> float:
        """Tolerance used to validate probabilities."""
        return self._tol

    def is_terminal(self, state) -> bool:
        return self.state_index(state) in self._terminal

    def __repr__(self) -> str:
        name = f" {self.title!r}" if self.title else ""
        h = "infinite horizon" if self._horizon is None else f"horizon {self._horizon}"
        return (f"<{type(self).__name__}{name}: {self.num_players} player(s), "
                f"{self.num_states} state(s), discount {self._discount:g}, {h}>")

    def _eq_fields(self):
        return (self._players, self._states, self._actions, self._terminal, self._discount,
                self._horizon)

    def __eq__(self, other) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return (self._eq_fields() == other._eq_fields()
                and np.array_equal(self._initial, other._initial)
                and all(np.array_equal(a, b) for a, b in zip(self._rewards, other._rewards))
                and all(np.array_equal(a, b)
                        for a, b in zip(self._transitions, other._transitions)))

    __hash__ = None  # compared by value

    # ------------------------------------------------------------------ stage games
    def _stage(self, s: int) -> NormalFormGame:
        g = self._stage_cache.get(s)
        if g is None:
            g = self.state_game(s)
            self._stage_cache[s] = g
        return g

    def state_game(self, state) -> NormalFormGame:
        """The stage game of ``state``: its immediate rewards as a :class:`NormalFormGame`
        with the state's action labels.  (The continuation values are not included.)"""
        s = self.state_index(state)
        head = f"{self.title}: " if self.title else ""
        return NormalFormGame(self._rewards[s], players=self._players, actions=self._actions[s],
                              title=f"{head}state {self._states[s]}")

    @property
    def stage_game(self) -> NormalFormGame:
        """The stage game of a repeated game (see :attr:`is_repeated`).

        Raises
        ------
        UnsupportedGameError
            When the game is not a repeated game.
        """
        if not self.is_repeated:
            raise UnsupportedGameError("stage_game is defined for repeated games only; use "
                                       "state_game(s) for the stage game of one state")
        s = next(k for k in range(self.num_states) if k not in self._terminal)
        return self.state_game(s)

    # ------------------------------------------------------------------ classification
    @property
    def is_mdp(self) -> bool:
        """True when there is a single player."""
        return self.num_players == 1

    @property
    def is_repeated(self) -> bool:
        """True when there is one non-terminal state and it loops on itself with
        probability 1 under every joint action."""
        live = [s for s in range(self.num_states) if s not in self._terminal]
        if len(live) != 1:
            return False
        s = live[0]
        return bool(np.all(np.abs(self._transitions[s][..., s] - 1.0) <= self._tol))

    def _live_rewards(self):
        return [self._rewards[s] for s in range(self.num_states) if s not in self._terminal]

    @property
    def is_zero_sum(self) -> bool:
        """True when the rewards add up to zero at every state and joint action."""
        if self.num_players < 2:
            return False
        for R in self._live_rewards():
            scale = max(1.0, float(np.abs(R).max()))
            if not np.all(np.abs(R.sum(axis=0)) <= _ZERO_ATOL * scale):
                return False
        return True

    @property
    def is_common_reward(self) -> bool:
        """True when all players receive the same reward at every state and joint action."""
        if self.num_players < 2:
            return False
        for R in self._live_rewards():
            scale = max(1.0, float(np.abs(R).max()))
            if not np.all(np.abs(R - R[0]) <= _ZERO_ATOL * scale):
                return False
        return True

    # ------------------------------------------------------------------ rewards and dynamics
    def reward(self, state, joint_action) -> np.ndarray:
        """Reward vector ``(r_1, ..., r_n)`` at ``state`` for a pure joint action (indices or
        labels)."""
        s = self.state_index(state)
        return self._stage(s).payoff(joint_action)

    def expected_reward(self, state, joint_policy) -> np.ndarray:
        """Expected reward of every player at ``state`` when the players act by
        ``joint_policy``: one probability vector per player (or a pure action, an index or a
        label, for any player).

        >>> from gametheory.games import catalog
        >>> g = catalog.get("two-step")
        >>> g.expected_reward("2B", [[0.5, 0.5], "B"]).tolist()
        [4.5, 4.5]
        """
        s = self.state_index(state)
        return self._stage(s).expected_payoffs(joint_policy)

    def transition_distribution(self, state, joint_action) -> np.ndarray:
        """Next-state distribution (a new array of length ``S``) at ``state`` for a pure
        joint action, or for a mixed joint policy (one probability vector per player)."""
        s = self.state_index(state)
        stage = self._stage(s)
        P = self._transitions[s]
        if is_pure_profile(joint_action):
            return P[stage.pure_profile(joint_action)].copy()
        strategies = as_mixed_profile(stage, joint_action)
        v = P
        for j in reversed(range(self.num_players)):
            v = np.tensordot(v, strategies[j], axes=([j], [0]))
        return np.asarray(v, dtype=np.float64)

    def sample_initial_state(self, rng=None) -> int:
        """Draw a state from :attr:`initial`."""
        return _sample_index(self._initial, as_generator(rng))

    def step(self, state, joint_action, rng=None) -> StepResult:
        """Play one pure joint action at ``state``: the rewards, and a next state drawn
        from the transition distribution.  Counting steps against :attr:`horizon` is left
        to the caller.

        Parameters
        ----------
        state : int or str
        joint_action : sequence
            One action (an index or a label) per player.
        rng : None, int or numpy.random.Generator

        Returns
        -------
        StepResult
            ``(next_state, rewards, terminal)``.
        """
        s = self.state_index(state)
        idx = self._stage(s).pure_profile(joint_action)
        nxt = _sample_index(self._transitions[s][idx], as_generator(rng))
        rewards = self._rewards[s][(slice(None),) + idx].copy()
        return StepResult(nxt, rewards, nxt in self._terminal)

    # ------------------------------------------------------------------ serialisation
    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict describing the game (lists, floats, ints and strings only).

        Fields: ``type`` (``"stochastic"``, or ``"posg"`` for a :class:`POSG`), ``title``,
        ``description``, ``players``, ``states``, ``actions`` (``[s][i]`` -> labels),
        ``rewards`` (``[s]`` -> nested list of shape ``(n, m_1(s), ..., m_n(s))``),
        ``transitions`` (``[s]`` -> nested list of shape ``(m_1(s), ..., m_n(s), S)``),
        ``discount``, ``horizon`` (int or ``None``), ``initial`` (list of ``S`` floats) and
        ``terminal`` (sorted state indices).  A POSG adds ``observations`` (``[i]`` -> ``S x
        O_i`` list) and ``observation_labels`` (``[i]`` -> labels).

        >>> import json
        >>> from gametheory.games import catalog
        >>> g = catalog.get("two-step")
        >>> d = json.loads(json.dumps(g.to_dict()))
        >>> d["type"], d["terminal"], StochasticGame.from_dict(d) == g
        ('stochastic', [3], True)
        """
        return {
            "type": self._TYPE,
            "title": self.title,
            "description": self.description,
            "players": list(self._players),
            "states": list(self._states),
            "actions": [[list(a) for a in acts] for acts in self._actions],
            "rewards": [r.tolist() for r in self._rewards],
            "transitions": [t.tolist() for t in self._transitions],
            "discount": self._discount,
            "horizon": self._horizon,
            "initial": self._initial.tolist(),
            "terminal": list(self.terminal),
        }

    _REQUIRED = ("players", "states", "actions", "rewards", "transitions", "discount",
                 "initial", "terminal")

    @classmethod
    def from_dict(cls, d) -> "StochasticGame":
        """Rebuild a game from :meth:`to_dict` output (also after a JSON round trip).  A
        dict of type ``"posg"`` gives a :class:`POSG`.

        Raises
        ------
        GameFormatError
            A missing or malformed field, an unknown ``type``, or data that do not make a
            valid game (the message names the field or the problem).
        """
        if not isinstance(d, dict):
            raise GameFormatError(f"a game dict is needed, got {type(d).__name__}")
        if "type" not in d:
            raise GameFormatError("game dict has no field 'type'")
        kind = d["type"]
        target = {StochasticGame._TYPE: StochasticGame, POSG._TYPE: POSG}.get(kind)
        if target is None:
            raise GameFormatError(f"field 'type' is {kind!r}, expected 'stochastic' or 'posg'")
        if not issubclass(target, cls):
            raise GameFormatError(f"field 'type' is {kind!r}, expected {cls._TYPE!r}")
        for key in target._REQUIRED:
            if key not in d:
                raise GameFormatError(f"{kind} game dict has no field {key!r}")
        for key in ("players", "states", "actions", "rewards", "transitions", "terminal"):
            if not isinstance(d[key], list):
                raise GameFormatError(f"field {key!r} must be a list, got "
                                      f"{type(d[key]).__name__}")
        if not isinstance(d["initial"], (list, int, str)):
            raise GameFormatError(f"field 'initial' must be a list of probabilities, got "
                                  f"{type(d['initial']).__name__}")
        for key in ("discount",):
            if isinstance(d[key], bool) or not isinstance(d[key], (int, float)):
                raise GameFormatError(f"field {key!r} must be a number, got {d[key]!r}")
        horizon = d.get("horizon")
        if horizon is not None and (isinstance(horizon, bool) or not isinstance(horizon, int)):
            raise GameFormatError(f"field 'horizon' must be an int or null, got {horizon!r}")
        for key in ("title", "description"):
            if not isinstance(d.get(key, ""), str):
                raise GameFormatError(f"field {key!r} must be a string")
        try:
            return target._from_fields(d)
        except GameFormatError:
            raise
        except InvalidGameError as exc:
            raise GameFormatError(f"{kind} game dict does not describe a valid game: {exc}") \
                from exc

    @classmethod
    def _common_kwargs(cls, d) -> dict:
        return dict(discount=d["discount"], horizon=d.get("horizon"), initial=d["initial"],
                    terminal=d["terminal"], players=d["players"], states=d["states"],
                    actions=d["actions"], title=d.get("title", ""),
                    description=d.get("description", ""))

    @classmethod
    def _from_fields(cls, d) -> "StochasticGame":
        return StochasticGame(d["rewards"], d["transitions"], **cls._common_kwargs(d))


class POSG(StochasticGame):
    """A partially observable stochastic game: a :class:`StochasticGame` in which player
    ``i`` does not see the state but an observation drawn from ``observations[i][s]``.

    Parameters
    ----------
    rewards, transitions
        As in :class:`StochasticGame`.
    observations : sequence of array_like, optional
        ``observations[i]`` has shape ``(S, O_i)``: ``observations[i][s, o]`` is the
        probability that player ``i`` observes ``o`` in state ``s``; each row sums to 1.
        ``None`` (default) gives every player the state itself (identity observations,
        labelled like the states): the stochastic game as a POSG.
    observation_labels : sequence of sequence of str, optional
        ``observation_labels[i]``: labels of player ``i``'s observations; default ``"1"``,
        ``"2"``, ...
    **kwargs
        The keyword parameters of :class:`StochasticGame`.

    Raises
    ------
    InvalidGameError
        As for :class:`StochasticGame`, and for observation matrices of a wrong shape, with
        negative entries or with rows that do not sum to 1.

    Examples
    --------
    Two states that neither player can tell apart, and player 1 sees the state:

    >>> import numpy as np
    >>> R = [np.zeros((2, 1, 1)), np.ones((2, 1, 1))]
    >>> T = [[[[0.5, 0.5]]], [[[0.5, 0.5]]]]
    >>> g = POSG(R, T, [np.eye(2), [[1.0], [1.0]]], discount=0.9,
    ...          observation_labels=[["sees 1", "sees 2"], ["?"]])
    >>> g.num_observations
    (2, 1)
    >>> g.observe(1, rng=0)
    (1, 0)
    """

    _TYPE = "posg"
    _REQUIRED = StochasticGame._REQUIRED + ("observations", "observation_labels")

    def __init__(self, rewards, transitions, observations=None, *,
                 observation_labels: Sequence[Sequence[str]] | None = None, **kwargs):
        super().__init__(rewards, transitions, **kwargs)
        S, n = self.num_states, self.num_players
        if observations is None:
            observations = [np.eye(S)] * n
            if observation_labels is None:
                observation_labels = [self.states] * n
        if isinstance(observations, np.ndarray) and observations.dtype != object \
                and observations.ndim == 2:
            raise InvalidGameError("observations must be one (S, O_i) array per player")
        obs = self._as_list(observations, "observations")
        if len(obs) != n:
            raise InvalidGameError(f"observations are given for {len(obs)} players, the game "
                                   f"has {n}")
        if observation_labels is not None:
            if isinstance(observation_labels, str) or not _is_iterable(observation_labels):
                raise InvalidGameError("observation_labels must be one sequence per player")
            observation_labels = list(observation_labels)
            if len(observation_labels) != n:
                raise InvalidGameError(f"observation labels are given for "
                                       f"{len(observation_labels)} players, the game has {n}")
        O, L = [], []
        for i, o in enumerate(obs):
            who = self.players[i]
            M = _as_float_array(o, f"observation matrix of {who}")
            if M.ndim != 2 or M.shape[0] != S or M.shape[1] == 0:
                raise InvalidGameError(f"observation matrix of {who} has shape {M.shape}, "
                                       f"expected ({S}, O) with O >= 1 observations")
            for s in range(S):
                M[s] = _check_prob_vector(M[s], M.shape[1], self.tol,
                                          f"observation probabilities of {who} in state "
                                          f"{self.states[s]!r}")
            M.setflags(write=False)
            O.append(M)
            labels = None if observation_labels is None else observation_labels[i]
            L.append(_check_labels(labels, M.shape[1], [str(k + 1) for k in range(M.shape[1])],
                                   f"observation labels of {who}"))
        self._observations = tuple(O)
        self._observation_labels = tuple(L)

    @classmethod
    def fully_observable(cls, game: StochasticGame) -> "POSG":
        """The POSG in which every player observes the state of ``game`` (identity
        observations labelled like the states).

        >>> from gametheory.games import catalog
        >>> g = POSG.fully_observable(catalog.get("two-step"))
        >>> g.observation_labels[0], g.observe("2B", rng=1)
        (('1', '2A', '2B', 'end'), (2, 2))
        """
        if not isinstance(game, StochasticGame):
            raise InvalidGameError(f"fully_observable needs a StochasticGame, got "
                                   f"{type(game).__name__}")
        return cls(list(game.rewards), list(game.transitions), None,
                   discount=game.discount, horizon=game.horizon, initial=game.initial,
                   terminal=game.terminal, players=game.players, states=game.states,
                   actions=game.actions, tol=game.tol, title=game.title,
                   description=game.description)

    @property
    def observations(self) -> tuple[np.ndarray, ...]:
        """``observations[i]``: read-only ``(S, O_i)`` observation probabilities."""
        return self._observations

    @property
    def observation_labels(self) -> tuple[tuple[str, ...], ...]:
        return self._observation_labels

    @property
    def num_observations(self) -> tuple[int, ...]:
        """``(O_1, ..., O_n)``."""
        return tuple(M.shape[1] for M in self._observations)

    def observation_distribution(self, player, state) -> np.ndarray:
        """Player's observation distribution in ``state`` (a new array of length ``O_i``)."""
        i = self.player_index(player)
        return self._observations[i][self.state_index(state)].copy()

    def observe(self, state, rng=None) -> tuple[int, ...]:
        """Draw one observation (an index) per player in ``state``."""
        s = self.state_index(state)
        gen = as_generator(rng)
        return tuple(_sample_index(M[s], gen) for M in self._observations)

    def _eq_fields(self):
        return super()._eq_fields() + (self._observation_labels,)

    def __eq__(self, other) -> bool:
        eq = super().__eq__(other)
        if eq is NotImplemented or not eq:
            return eq
        return all(np.array_equal(a, b)
                   for a, b in zip(self._observations, other._observations))

    __hash__ = None

    def to_dict(self) -> dict[str, Any]:
        """As :meth:`StochasticGame.to_dict`, with ``type`` ``"posg"`` and the fields
        ``observations`` and ``observation_labels``."""
        d = super().to_dict()
        d["observations"] = [M.tolist() for M in self._observations]
        d["observation_labels"] = [list(x) for x in self._observation_labels]
        return d

    @classmethod
    def _from_fields(cls, d) -> "POSG":
        for key in ("observations", "observation_labels"):
            if not isinstance(d[key], list):
                raise GameFormatError(f"field {key!r} must be a list, got "
                                      f"{type(d[key]).__name__}")
        return POSG(d["rewards"], d["transitions"], d["observations"],
                    observation_labels=d["observation_labels"], **cls._common_kwargs(d))
