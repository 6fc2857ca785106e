"""Normal-form (strategic-form) games with any number of players.

Axis convention
---------------
A game with ``n`` players, player ``i`` having ``m_i`` actions, stores one payoff array per
player, each of shape ``(m_1, ..., m_n)`` and indexed in *absolute player order*
(the convention of Gambit)::

    payoffs[i][a_1, ..., a_n]  =  payoff of player i when player j plays action a_j

It is not indexed from the player's own point of view (QuantEcon's ``Player`` puts the own
action first; we do not).  Worked example, the prisoner's dilemma with actions
``C = 0`` and ``D = 1``::

    >>> import numpy as np
    >>> from gametheory import NormalFormGame
    >>> A = [[3, 0], [5, 1]]          # row player's payoffs, rows = row player's action
    >>> B = [[3, 5], [0, 1]]          # column player's payoffs, same indexing
    >>> g = NormalFormGame.from_arrays(A, B, actions=[["C", "D"], ["C", "D"]])
    >>> float(g.payoffs[1][0, 1])     # row plays C, column plays D: column player gets 5
    5.0
    >>> g.payoff(("C", "D")).tolist() # payoffs of both players at a pure profile
    [0.0, 5.0]
    >>> g.expected_payoffs([[0.5, 0.5], [1, 0]]).tolist()
    [4.0, 1.5]

For a 3-player game, ``payoffs[2][a, b, c]`` is the third player's payoff when the first
plays ``a``, the second ``b`` and the third ``c``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from numbers import Integral, Number, Rational
from typing import Iterable, Sequence

import numpy as np

from .._errors import InvalidGameError, InvalidProfileError

__all__ = ["NormalFormGame", "as_mixed_profile", "is_pure_profile"]

_ATOL = 1e-9


def _is_scalar_action(x) -> bool:
    return isinstance(x, (Integral, str, np.integer))


def _to_float_array(a, what: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Convert nested payoffs to float64; keep an exact Fraction copy when the input holds
    Python ints or Fractions (or numpy integers)."""
    if isinstance(a, np.ndarray) and a.dtype != object:
        arr = a
    else:
        try:
            arr = np.array(a, dtype=object)
        except ValueError as exc:  # ragged
            raise InvalidGameError(f"{what} is ragged: {exc}") from None
    if arr.dtype == object:
        flat = arr.ravel()
        for x in flat:
            if isinstance(x, (list, tuple, np.ndarray)):
                raise InvalidGameError(f"{what} is ragged (nested lists of unequal length)")
            if not isinstance(x, Number) or isinstance(x, complex):
                raise InvalidGameError(f"{what} holds a non-numeric entry {x!r}")
        exact = None
        if all(isinstance(x, (Rational, np.integer)) and not isinstance(x, bool) for x in flat):
            exact = np.empty(arr.shape, dtype=object)
            exact.ravel()[:] = [Fraction(int(x)) if isinstance(x, np.integer) else Fraction(x)
                                for x in flat]
        try:
            out = arr.astype(np.float64)
        except (TypeError, ValueError, OverflowError) as exc:
            raise InvalidGameError(f"{what} cannot be converted to numbers: {exc}") from None
        return out, exact
    if not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        if arr.dtype != np.bool_:
            raise InvalidGameError(f"{what} must be numeric, got dtype {arr.dtype}")
    exact = None
    if np.issubdtype(arr.dtype, np.integer):
        exact = np.empty(arr.shape, dtype=object)
        exact.ravel()[:] = [Fraction(int(x)) for x in arr.ravel()]
    return np.asarray(arr, dtype=np.float64), exact


class NormalFormGame:
    """A finite game in normal form with ``n >= 1`` players.

    Parameters
    ----------
    payoffs : sequence of array_like, or array_like of shape ``(n, m_1, ..., m_n)``
        ``payoffs[i]`` is player ``i``'s payoff array of shape ``(m_1, ..., m_n)``, indexed in
        absolute player order (see the module docstring for a worked example).  Python ints
        and :class:`fractions.Fraction` entries are also kept exactly
        (:attr:`exact_payoffs`).
    players : sequence of str, optional
        Player labels; default ``"Player 1"``, ``"Player 2"``, ...
    actions : sequence of sequence of str, optional
        Action labels per player; default ``"1"``, ``"2"``, ... as in Gambit.
    title, description : str
        Free text carried to and from game files.

    Raises
    ------
    InvalidGameError
        Ragged or empty arrays, arrays of different shapes, a player with no action,
        NaN or infinite payoffs, or labels that do not fit.
    """

    __slots__ = ("_payoffs", "_stacked", "_exact", "_cache", "players", "actions", "title",
                 "description", "__weakref__")

    def __init__(self, payoffs, *, players: Sequence[str] | None = None,
                 actions: Sequence[Sequence[str]] | None = None, title: str = "",
                 description: str = ""):
        arrays, exact = self._parse_payoffs(payoffs)
        n = len(arrays)
        shape = arrays[0].shape
        stacked = np.stack(arrays)
        stacked.setflags(write=False)
        self._stacked = stacked
        self._payoffs = tuple(stacked[i] for i in range(n))
        self._exact = exact
        self._cache = {}  # derived values of the (immutable) payoffs, computed once
        self.players = self._check_players(players, n)
        self.actions = self._check_actions(actions, shape)
        self.title = str(title)
        self.description = str(description)

    # ------------------------------------------------------------------ construction
    @staticmethod
    def _parse_payoffs(payoffs):
        if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
            if payoffs.ndim < 2:
                raise InvalidGameError(
                    "payoffs must be one array per player; a single array of shape "
                    f"{payoffs.shape} has no player axis")
            items = [payoffs[i] for i in range(payoffs.shape[0])]
        else:
            try:
                items = list(payoffs)
            except TypeError:
                raise InvalidGameError("payoffs must be a sequence of arrays, one per player") \
                    from None
        n = len(items)
        if n == 0:
            raise InvalidGameError("a game needs at least one player")
        arrays, exacts = [], []
        for i, item in enumerate(items):
            arr, ex = _to_float_array(item, f"payoff array of player {i + 1}")
            if arr.ndim != n:
                raise InvalidGameError(
                    f"payoff array of player {i + 1} has {arr.ndim} dimension(s) but the game "
                    f"has {n} players: each player's array needs one axis per player")
            arrays.append(arr)
            exacts.append(ex)
        shape = arrays[0].shape
        for i, arr in enumerate(arrays):
            if arr.shape != shape:
                raise InvalidGameError(
                    f"payoff arrays differ in shape: player 1 has {shape}, "
                    f"player {i + 1} has {arr.shape}")
        if any(m == 0 for m in shape):
            raise InvalidGameError(f"every player needs at least one action, shape is {shape}")
        for i, arr in enumerate(arrays):
            if not np.all(np.isfinite(arr)):
                bad = tuple(int(k) for k in np.argwhere(~np.isfinite(arr))[0])
                raise InvalidGameError(
                    f"payoff of player {i + 1} at profile {bad} is {arr[bad]}: "
                    "payoffs must be finite numbers")
        exact = tuple(exacts) if all(e is not None for e in exacts) else None
        if exact is not None:
            for e in exact:
                e.setflags(write=False)
        return arrays, exact

    @staticmethod
    def _check_players(players, n):
        if players is None:
            return tuple(f"Player {i + 1}" for i in range(n))
        if isinstance(players, str):
            raise InvalidGameError("players must be a sequence of labels, not one string")
        players = tuple(str(p) for p in players)
        if len(players) != n:
            raise InvalidGameError(f"{len(players)} player labels given for {n} players")
        if len(set(players)) != n:
            raise InvalidGameError(f"player labels must be distinct: {list(players)}")
        return players

    @staticmethod
    def _check_actions(actions, shape):
        if actions is None:
            return tuple(tuple(str(k + 1) for k in range(m)) for m in shape)
        if isinstance(actions, str):
            raise InvalidGameError("actions must be one sequence of labels per player")
        actions = [list(a) for a in actions]
        if len(actions) != len(shape):
            raise InvalidGameError(
                f"action labels given for {len(actions)} players, the game has {len(shape)}")
        out = []
        for i, (labels, m) in enumerate(zip(actions, shape)):
            if isinstance(labels, str) or len(labels) != m:
                raise InvalidGameError(
                    f"player {i + 1} has {m} actions but {len(labels)} action labels")
            labels = tuple(str(x) for x in labels)
            if len(set(labels)) != m:
                raise InvalidGameError(f"action labels of player {i + 1} must be distinct: "
                                       f"{list(labels)}")
            out.append(labels)
        return tuple(out)

    @classmethod
    def from_arrays(cls, *arrays, **labels) -> "NormalFormGame":
        """Build a game from one payoff array per player, ``from_arrays(A, B, C, ...)``.

        >>> g = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.num_actions, g.is_zero_sum
        ((2, 2), True)
        """
        return cls(list(arrays), **labels)

    @classmethod
    def zero_sum(cls, A, **labels) -> "NormalFormGame":
        """Two-player zero-sum game in which the row player gets ``A`` and the column
        player ``-A``.

        >>> NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]).game_class
        'zero-sum'
        """
        A_f, A_ex = _to_float_array(A, "payoff matrix")
        if A_f.ndim != 2:
            raise InvalidGameError(f"zero_sum needs a matrix, got {A_f.ndim} dimension(s)")
        if A_ex is not None:
            return cls([A_ex, -A_ex], **labels)
        return cls([A_f, -A_f], **labels)

    @classmethod
    def symmetric(cls, A, **labels) -> "NormalFormGame":
        """Two-player symmetric game: the row player gets ``A[a, b]`` and the column player
        ``A[b, a]`` (so ``B = A.T``).

        >>> g = NormalFormGame.symmetric([[3, 0], [5, 1]])
        >>> g.payoffs[1].tolist(), g.is_symmetric
        ([[3.0, 5.0], [0.0, 1.0]], True)
        """
        A_f, A_ex = _to_float_array(A, "payoff matrix")
        if A_f.ndim != 2 or A_f.shape[0] != A_f.shape[1]:
            raise InvalidGameError(f"symmetric needs a square matrix, got shape {A_f.shape}")
        if "actions" in labels and labels["actions"] is not None:
            acts = list(labels["actions"])
            if len(acts) and isinstance(acts[0], str):  # one list of labels for both players
                labels["actions"] = [acts, acts]
        src = A_ex if A_ex is not None else A_f
        return cls([src, src.T], **labels)

    @classmethod
    def common_reward(cls, R, num_players: int | None = None, **labels) -> "NormalFormGame":
        """Game in which every player receives ``R[a_1, ..., a_n]`` (a team game).

        ``R`` has one axis per player; ``num_players`` may be given as a check.

        >>> NormalFormGame.common_reward([[11, -30], [-30, 7]]).is_common_reward
        True
        """
        R_f, R_ex = _to_float_array(R, "common reward array")
        n = R_f.ndim
        if num_players is not None and num_players != n:
            raise InvalidGameError(f"reward array has {n} axes but num_players={num_players}")
        if n == 0:
            raise InvalidGameError("common reward array needs one axis per player")
        src = R_ex if R_ex is not None else R_f
        return cls([src] * n, **labels)

    # ------------------------------------------------------------------ basic properties
    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        """One read-only float64 array per player, indexed ``[a_1, ..., a_n]``."""
        return self._payoffs

    @property
    def payoff_array(self) -> np.ndarray:
        """All payoffs as one read-only array of shape ``(n, m_1, ..., m_n)``."""
        return self._stacked

    @property
    def exact_payoffs(self) -> tuple[np.ndarray, ...] | None:
        """Payoffs as object arrays of :class:`fractions.Fraction` when the game was built
        from integers or fractions (e.g. read from a file with ``3/4``), else ``None``."""
        return self._exact

    def rational_payoffs(self) -> tuple[np.ndarray, ...]:
        """Payoffs as Fractions: the exact ones when known, else the exact binary value of
        each float."""
        if self._exact is not None:
            return self._exact
        out = []
        for arr in self._payoffs:
            e = np.empty(arr.shape, dtype=object)
            e.ravel()[:] = [Fraction(float(x)) for x in arr.ravel()]
            out.append(e)
        return tuple(out)

    @property
    def num_players(self) -> int:
        return len(self._payoffs)

    @property
    def num_actions(self) -> tuple[int, ...]:
        """Number of actions of each player, ``(m_1, ..., m_n)``."""
        return self._payoffs[0].shape

    shape = num_actions

    @property
    def num_profiles(self) -> int:
        return int(np.prod(self.num_actions))

    def __repr__(self) -> str:
        dims = "x".join(str(m) for m in self.num_actions)
        name = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{name}: {self.num_players} players, {dims}, {self.game_class}>"

    def __eq__(self, other) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (self.num_actions == other.num_actions
                and np.array_equal(self._stacked, other._stacked)
                and self.players == other.players and self.actions == other.actions)

    __hash__ = None  # mutable labels; games are compared by value

    def with_labels(self, *, players=None, actions=None, title=None) -> "NormalFormGame":
        """A copy with new labels (``None`` keeps the current ones)."""
        src = self._exact if self._exact is not None else self._payoffs
        return NormalFormGame(list(src), players=players or self.players,
                              actions=actions or self.actions,
                              title=self.title if title is None else title,
                              description=self.description)

    # ------------------------------------------------------------------ labels and profiles
    def action_index(self, player: int, action) -> int:
        """Index of ``action`` (an int index or a label) of ``player``."""
        player = self.player_index(player)
        m = self.num_actions[player]
        if isinstance(action, (Integral, np.integer)) and not isinstance(action, bool):
            a = int(action)
            if not 0 <= a < m:
                raise InvalidProfileError(
                    f"action {a} out of range for {self.players[player]} ({m} actions)")
            return a
        if isinstance(action, str):
            try:
                return self.actions[player].index(action)
            except ValueError:
                raise InvalidProfileError(
                    f"{self.players[player]} has no action {action!r}; actions are "
                    f"{list(self.actions[player])}") from None
        raise InvalidProfileError(f"an action is an index or a label, not {action!r}")

    def player_index(self, player) -> int:
        """Index of ``player`` (an int index or a label)."""
        n = self.num_players
        if isinstance(player, (Integral, np.integer)) and not isinstance(player, bool):
            if not 0 <= int(player) < n:
                raise InvalidProfileError(f"player {player} out of range for {n} players")
            return int(player)
        if isinstance(player, str) and player in self.players:
            return self.players.index(player)
        raise InvalidProfileError(f"unknown player {player!r}; players are {list(self.players)}")

    def pure_profile(self, profile) -> tuple[int, ...]:
        """Normalise a pure profile of indices or labels to a tuple of indices."""
        profile = tuple(profile)
        if len(profile) != self.num_players:
            raise InvalidProfileError(
                f"a profile needs one action per player ({self.num_players}), got {len(profile)}")
        return tuple(self.action_index(i, a) for i, a in enumerate(profile))

    def profiles(self) -> Iterable[tuple[int, ...]]:
        """All pure profiles in lexicographic order (the last player varies fastest)."""
        return itertools.product(*(range(m) for m in self.num_actions))

    # ------------------------------------------------------------------ payoffs
    def payoff(self, profile) -> np.ndarray:
        """Payoff vector ``(u_1, ..., u_n)`` at a pure profile (indices or labels)."""
        idx = self.pure_profile(profile)
        return self._stacked[(slice(None),) + idx].copy()

    def __getitem__(self, profile) -> np.ndarray:
        if not isinstance(profile, tuple):
            profile = (profile,)
        return self.payoff(profile)

    def expected_payoffs(self, profile) -> np.ndarray:
        """Expected payoff of every player under a mixed (or pure) profile.

        ``profile`` is one probability vector per player, or a pure profile of action
        indices/labels, or a mix of both.  Cost: one contraction per player, no loop over
        profiles.
        """
        strategies = as_mixed_profile(self, profile)
        v = self._stacked
        for j in reversed(range(self.num_players)):
            v = np.tensordot(v, strategies[j], axes=([j + 1], [0]))
        return np.asarray(v, dtype=np.float64)

    def action_values(self, player, profile) -> np.ndarray:
        """Expected payoff of each pure action of ``player`` when the others play
        ``profile`` (the player's own entry is ignored).  This vector is what best
        responses and regrets are computed from.

        >>> from gametheory.games import catalog
        >>> catalog.get("rock-paper-scissors").action_values(0, [[1, 0, 0], [0.5, 0.5, 0]])
        array([-0.5,  0.5,  0. ])
        """
        i = self.player_index(player)
        strategies = as_mixed_profile(self, profile, skip=i)
        return _action_values(self._payoffs[i], strategies, i)

    def all_action_values(self, profile) -> list[np.ndarray]:
        """``[action_values(i, profile) for each player i]``, validating the profile once."""
        strategies = as_mixed_profile(self, profile)
        return [_action_values(self._payoffs[i], strategies, i) for i in range(self.num_players)]

    # ------------------------------------------------------------------ classification
    def _sum_payoffs(self) -> np.ndarray:
        return self._stacked.sum(axis=0)

    def _cached(self, key, compute):
        """``compute()`` once per game: the payoffs never change, so values derived from
        them (the largest absolute payoff, the class tests) are kept in ``_cache``."""
        try:
            cache = self._cache
        except AttributeError:  # an instance restored without __init__
            cache = self._cache = {}
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = compute()
            return value

    def _max_abs_payoff(self) -> float:
        """``max |payoff|`` over all players and profiles (0.0 for an all-zero game),
        cached: every solver scales its tolerances by it."""
        return self._cached("max_abs", lambda: float(np.abs(self._stacked).max()))

    @property
    def is_constant_sum(self) -> bool:
        """True when the players' payoffs add up to the same constant at every profile."""
        return self._cached("constant_sum", self._test_constant_sum)

    def _test_constant_sum(self) -> bool:
        if self.num_players < 2:
            return False
        s = self._sum_payoffs()
        scale = max(1.0, self._max_abs_payoff())  # the same scale as is_zero_sum
        return bool(np.all(np.abs(s - s.flat[0]) <= _ATOL * scale))

    @property
    def is_zero_sum(self) -> bool:
        """True when the players' payoffs add up to zero at every profile."""
        return self._cached("zero_sum", self._test_zero_sum)

    def _test_zero_sum(self) -> bool:
        if self.num_players < 2:
            return False
        s = self._sum_payoffs()
        scale = max(1.0, self._max_abs_payoff())
        return bool(np.all(np.abs(s) <= _ATOL * scale))

    @property
    def constant_sum_value(self) -> float | None:
        """The constant of a constant-sum game, else ``None``."""
        return float(self._sum_payoffs().flat[0]) if self.is_constant_sum else None

    @property
    def is_common_reward(self) -> bool:
        """True when all players receive the same payoff at every profile (a team game)."""
        if self.num_players < 2:
            return False
        first = self._stacked[0]
        scale = max(1.0, float(np.abs(first).max()))
        return bool(all(np.allclose(p, first, rtol=0, atol=_ATOL * scale)
                        for p in self._stacked[1:]))

    @property
    def is_symmetric(self) -> bool:
        """True when the game is invariant under every permutation of the players: all have
        the same number of actions and ``u_{s(i)}(a∘s) = u_i(a)`` for every permutation
        ``s``.  Checked on adjacent transpositions, which generate all permutations."""
        n = self.num_players
        if n < 2 or len(set(self.num_actions)) != 1:
            return False
        P = self._stacked
        scale = max(1.0, float(np.abs(P).max()))
        for j in range(n - 1):
            perm = list(range(n))
            perm[j], perm[j + 1] = perm[j + 1], perm[j]
            for i in range(n):
                # u_{s(i)} evaluated at the profile with entries j and j+1 exchanged
                if not np.allclose(np.swapaxes(P[perm[i]], j, j + 1), P[i], rtol=0,
                                   atol=_ATOL * scale):
                    return False
        return True

    @property
    def is_general_sum(self) -> bool:
        """True when the game is neither constant-sum nor common-reward."""
        return not (self.is_constant_sum or self.is_common_reward)

    @property
    def game_class(self) -> str:
        """One word for the game's class: ``'single-player'``, ``'zero-sum'``,
        ``'constant-sum'``, ``'common-reward'``, or ``'general-sum'``."""
        if self.num_players == 1:
            return "single-player"
        if self.is_zero_sum:
            return "zero-sum"
        if self.is_constant_sum:
            return "constant-sum"
        if self.is_common_reward:
            return "common-reward"
        return "general-sum"

    def classes(self) -> list[str]:
        """Every class label that applies, e.g. ``['zero-sum', 'symmetric']``."""
        out = [self.game_class]
        if self.is_symmetric:
            out.append("symmetric")
        return out

    def table(self) -> str:
        """The payoffs as readable text: the bimatrix of a 2-player game (row player's
        payoff first in each cell), else one line per pure profile.

        >>> print(NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"]).table())
        Player 1 \\ Player 2     C     D
        -------------------  ----  ----
        C                    3, 3  0, 5
        D                    5, 0  1, 1
        """
        from .._format import payoff_table
        return payoff_table(self)

    # ------------------------------------------------------------------ sub-games
    def restrict(self, actions: Sequence[Sequence[int]]) -> "NormalFormGame":
        """The sub-game in which player ``i`` keeps only ``actions[i]`` (indices or labels,
        in the order given)."""
        if len(actions) != self.num_players:
            raise InvalidProfileError(f"restrict needs one action list per player "
                                      f"({self.num_players}), got {len(actions)}")
        keep = [[self.action_index(i, a) for a in acts] for i, acts in enumerate(actions)]
        if any(len(k) == 0 for k in keep):
            raise InvalidGameError("restrict must keep at least one action of every player")
        ix = np.ix_(*keep)
        src = self._exact if self._exact is not None else self._payoffs
        arrays = [np.asarray(p)[ix] for p in src]
        labels = [[self.actions[i][k] for k in kk] for i, kk in enumerate(keep)]
        return NormalFormGame(arrays, players=self.players, actions=labels, title=self.title,
                              description=self.description)


def _action_values(P: np.ndarray, strategies: Sequence[np.ndarray], i: int) -> np.ndarray:
    """Contract every axis of ``P`` but ``i`` with the matching strategy."""
    n = P.ndim
    if n == 2:  # the common case, as two BLAS calls at most
        return P @ strategies[1] if i == 0 else strategies[0] @ P
    v = P
    for j in reversed(range(n)):
        if j == i:
            continue
        v = np.tensordot(v, strategies[j], axes=([j], [0]))
    return np.asarray(v, dtype=np.float64)


def is_pure_profile(profile) -> bool:
    """True when every entry of ``profile`` is a single action (an index or a label)."""
    try:
        return all(_is_scalar_action(x) for x in profile)
    except TypeError:
        return False


def as_mixed_profile(game: NormalFormGame, profile, *, skip: int | None = None,
                     atol: float = 1e-6) -> list[np.ndarray]:
    """Validate ``profile`` against ``game`` and return one float64 probability vector per
    player.  Pure entries (an index or a label) become unit vectors.  Entry ``skip`` is not
    checked and may be anything (used when a player's own strategy is irrelevant).

    Raises
    ------
    InvalidProfileError
        Wrong number of players or actions, NaN, negative entries, or a vector whose sum is
        not 1 within ``atol``.
    """
    try:
        items = list(profile)
    except TypeError:
        raise InvalidProfileError("a profile is one strategy per player") from None
    n = game.num_players
    if len(items) != n:
        raise InvalidProfileError(f"a profile needs one strategy per player ({n}), "
                                  f"got {len(items)}")
    out = []
    for i, s in enumerate(items):
        m = game.num_actions[i]
        if i == skip:
            out.append(None)
            continue
        if _is_scalar_action(s):
            v = np.zeros(m)
            v[game.action_index(i, s)] = 1.0
            out.append(v)
            continue
        try:
            v = np.asarray(s, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidProfileError(f"strategy of {game.players[i]} is not a probability "
                                      f"vector: {s!r}") from None
        if v.shape != (m,):
            raise InvalidProfileError(f"strategy of {game.players[i]} has shape {v.shape}, "
                                      f"expected ({m},)")
        if not np.all(np.isfinite(v)):
            raise InvalidProfileError(f"strategy of {game.players[i]} holds NaN or inf")
        if np.any(v < -atol):
            raise InvalidProfileError(f"strategy of {game.players[i]} has a negative "
                                      f"probability: {v.tolist()}")
        total = float(v.sum())
        if abs(total - 1.0) > atol:
            raise InvalidProfileError(f"strategy of {game.players[i]} sums to {total:.6g}, "
                                      "not 1")
        out.append(np.clip(v, 0.0, None))
    return out
