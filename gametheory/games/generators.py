"""Random games: GAMUT-style families of normal-form games, seeded through ``rng=``.

Every family is a function ``family(num_actions, ..., *, rng=None, ...) -> NormalFormGame``.
``num_actions`` holds one entry per player, ``(m_1, ..., m_n)``; the two-player families
(:func:`zero_sum_game`, :func:`anti_coordination_game`, :func:`degenerate_game`) also take
``(m, n)`` as two integers, and raise :class:`~gametheory.UnsupportedGameError` when handed
another number of players.  ``rng`` is ``None``, an integer seed or a
:class:`numpy.random.Generator` (the global numpy seed is never used), and the same seed
always gives the same game.

The families are registered by dash-separated name in :data:`GENERATORS`, and
:func:`generate` looks one up by name (this is what ``gametheory generate FAMILY`` calls)::

    >>> from gametheory.games import generators
    >>> g = generators.generate("covariance", num_actions=(3, 3), rho=-1.0, rng=0)
    >>> g.num_actions, g.is_zero_sum
    ((3, 3), True)
    >>> g == generators.covariance_game((3, 3), -1.0, rng=0)
    True
    >>> sorted(generators.GENERATORS)  # doctest: +NORMALIZE_WHITESPACE
    ['anti-coordination', 'coordination', 'covariance', 'degenerate', 'integer', 'normal',
     'uniform', 'zero-sum']

The covariance game follows GAMUT (Nudelman, Wortman, Leyton-Brown and Shoham 2004, "Run
the GAMUT", AAMAS): at every profile the players' payoffs are one draw of a multivariate
normal with mean 0, variance 1 and correlation ``rho`` between every pair of players.
GAMUT then rescales payoffs to a range; we do not.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Callable

import numpy as np

from .._errors import InvalidGameError, UnknownNameError, UnsupportedGameError
from .._rng import as_generator
from ._normal_form import NormalFormGame

__all__ = ["GENERATORS", "generate", "uniform_game", "normal_game", "integer_game",
           "zero_sum_game", "covariance_game", "coordination_game", "anti_coordination_game",
           "degenerate_game", "DEGENERATE_KINDS", "degeneracy_witness",
           "is_degenerate_witness"]

#: Width of the random band inside which coordination-type payoffs vary; the bands sit at
#: integer levels, so payoffs of different levels differ by at least ``1 - _BAND``.
_BAND = 0.9


# ---------------------------------------------------------------------------- helpers
def _num_actions(num_actions, *, what: str = "num_actions") -> tuple[int, ...]:
    """Validate ``num_actions`` as a non-empty sequence of positive integers."""
    if isinstance(num_actions, (Integral, np.integer)) and not isinstance(num_actions, bool):
        raise InvalidGameError(
            f"{what} needs one entry per player, e.g. (3, 3) for two players with 3 actions "
            f"each; got the single integer {int(num_actions)}")
    if isinstance(num_actions, str):
        raise InvalidGameError(f"{what} must be a sequence of integers, got {num_actions!r}")
    try:
        items = list(num_actions)
    except TypeError:
        raise InvalidGameError(f"{what} must be a sequence of integers, "
                               f"got {num_actions!r}") from None
    if not items:
        raise InvalidGameError(f"{what} is empty: a game needs at least one player")
    out = []
    for i, m in enumerate(items):
        if isinstance(m, bool) or not isinstance(m, (Integral, np.integer)):
            if isinstance(m, Real) and float(m).is_integer():
                m = int(m)
            else:
                raise InvalidGameError(f"{what}[{i}] must be an integer, got {m!r}")
        if int(m) < 1:
            raise InvalidGameError(f"{what}[{i}] is {int(m)}: every player needs at least one "
                                   "action")
        out.append(int(m))
    return tuple(out)


def _two_player_shape(family: str, num_actions, n=None) -> tuple[int, int]:
    """``(m, n)`` from ``(m, n)`` given as two integers or as one pair."""
    if isinstance(num_actions, (Integral, np.integer)) and not isinstance(num_actions, bool):
        shape = _num_actions((num_actions, num_actions if n is None else n))
    else:
        if n is not None:
            raise InvalidGameError(f"{family}: give the sizes as ({family}(m, n)) or as one "
                                   "pair num_actions=(m, n), not both")
        shape = _num_actions(num_actions)
    if len(shape) != 2:
        raise UnsupportedGameError(f"{family} games have 2 players; num_actions={shape} "
                                   f"asks for {len(shape)}")
    return shape


def _check_range(low, high, *, integer: bool = False) -> None:
    for name, v in (("low", low), ("high", high)):
        if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v):
            raise InvalidGameError(f"{name} must be a finite number, got {v!r}")
        if integer and not float(v).is_integer():
            raise InvalidGameError(f"{name} must be an integer for integer payoffs, got {v!r}")
    if integer and low > high:
        raise InvalidGameError(f"need low <= high, got low={low}, high={high}")
    if not integer and not low < high:
        raise InvalidGameError(f"need low < high, got low={low}, high={high}")


def _dims(shape) -> str:
    return "x".join(str(m) for m in shape)


# ---------------------------------------------------------------------------- n players
def uniform_game(num_actions, *, low: float = 0.0, high: float = 1.0,
                 rng=None) -> NormalFormGame:
    """Every payoff of every player drawn independently and uniformly from ``[low, high)``.

    Parameters
    ----------
    num_actions : sequence of int
        Number of actions of each player, ``(m_1, ..., m_n)``.
    low, high : float
        Range of the payoffs, ``low < high``.
    rng : None, int or numpy.random.Generator

    Raises
    ------
    InvalidGameError
        Empty or non-positive ``num_actions``, or ``low >= high``.

    Examples
    --------
    >>> g = uniform_game((2, 3, 4), rng=1)
    >>> g.num_actions, g.num_players
    ((2, 3, 4), 3)
    >>> bool(((g.payoff_array >= 0) & (g.payoff_array < 1)).all())
    True
    """
    shape = _num_actions(num_actions)
    _check_range(low, high)
    gen = as_generator(rng)
    P = gen.uniform(float(low), float(high), size=(len(shape),) + shape)
    return NormalFormGame(P, title=f"Uniform random game {_dims(shape)}")


def normal_game(num_actions, *, mean: float = 0.0, std: float = 1.0,
                rng=None) -> NormalFormGame:
    """Every payoff drawn independently from the normal distribution ``N(mean, std**2)``
    (GAMUT's random game with normal payoffs; the covariance game with ``rho = 0``).

    Raises
    ------
    InvalidGameError
        Bad ``num_actions``, or ``std`` not a positive finite number.

    Examples
    --------
    >>> g = normal_game((3, 3), rng=2)
    >>> g.payoff_array.shape
    (2, 3, 3)
    >>> normal_game((3, 3), rng=2) == g
    True
    """
    shape = _num_actions(num_actions)
    for name, v in (("mean", mean), ("std", std)):
        if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v):
            raise InvalidGameError(f"{name} must be a finite number, got {v!r}")
    if std <= 0:
        raise InvalidGameError(f"std must be positive, got {std}")
    gen = as_generator(rng)
    P = gen.normal(float(mean), float(std), size=(len(shape),) + shape)
    return NormalFormGame(P, title=f"Normal random game {_dims(shape)}")


def integer_game(num_actions, *, low: int = -10, high: int = 10,
                 rng=None) -> NormalFormGame:
    """Every payoff an integer drawn uniformly from ``{low, ..., high}`` (both included).

    The payoffs are kept exactly (:attr:`NormalFormGame.exact_payoffs` holds them as
    Fractions), so exact solvers see integers.  Small ranges give many ties, i.e. degenerate
    games.

    Raises
    ------
    InvalidGameError
        Bad ``num_actions``, non-integer bounds or ``low > high``.

    Examples
    --------
    >>> g = integer_game((2, 2), low=0, high=3, rng=5)
    >>> g.exact_payoffs is not None
    True
    >>> sorted(set(g.payoff_array.ravel().tolist())) <= [0.0, 1.0, 2.0, 3.0]
    True
    """
    shape = _num_actions(num_actions)
    _check_range(low, high, integer=True)
    gen = as_generator(rng)
    P = gen.integers(int(low), int(high), size=(len(shape),) + shape, endpoint=True,
                     dtype=np.int64)
    return NormalFormGame(P, title=f"Integer random game {_dims(shape)} in [{low}, {high}]")


_SIGMA_TOL = 1e-12


def covariance_game(num_actions, rho: float, *, rng=None) -> NormalFormGame:
    """GAMUT's covariance game: at every profile the ``n`` players' payoffs are one draw of
    a multivariate normal with mean 0, variance 1 and correlation ``rho`` between every
    pair of players, independently across profiles.

    ``rho = 1`` gives a common-reward game (exactly: every player gets the same float),
    ``rho = 0`` independent normal payoffs, and ``rho = -1/(n-1)`` the most competitive
    game: the payoffs sum to zero at every profile (for two players ``rho = -1`` is a
    zero-sum game, exactly: the column player gets the negated float).

    Parameters
    ----------
    num_actions : sequence of int
        ``(m_1, ..., m_n)`` with ``n >= 2``.
    rho : float
        Correlation, in ``[-1/(n-1), 1]`` (the range in which the covariance matrix
        ``(1 - rho) I + rho 11^T`` is positive semidefinite).
    rng : None, int or numpy.random.Generator

    Raises
    ------
    InvalidGameError
        ``rho`` outside ``[-1/(n-1), 1]`` or not a finite number.
    UnsupportedGameError
        Fewer than two players (a correlation needs a pair).

    Notes
    -----
    With ``Z`` a standard normal vector and ``zbar`` its mean, the draw is
    ``sqrt(1 - rho) (Z - zbar 1) + sqrt(1 + (n - 1) rho) zbar 1``: the two terms are the
    projections of ``Z`` on the eigenspaces of the covariance matrix, eigenvalues
    ``1 - rho`` and ``1 + (n - 1) rho``.

    Examples
    --------
    >>> covariance_game((3, 3, 3), 1.0, rng=0).is_common_reward
    True
    >>> covariance_game((4, 4), -1.0, rng=0).is_zero_sum
    True
    >>> covariance_game((2, 2, 2), -0.6, rng=0)
    Traceback (most recent call last):
    ...
    gametheory._errors.InvalidGameError: covariance game: rho=-0.6 is outside [-1/(n-1), 1] = [-0.5, 1] for n=3 players
    """
    shape = _num_actions(num_actions)
    n = len(shape)
    if n < 2:
        raise UnsupportedGameError("a covariance game needs at least 2 players (rho is a "
                                   "correlation between players)")
    if isinstance(rho, bool) or not isinstance(rho, Real) or not math.isfinite(rho):
        raise InvalidGameError(f"covariance game: rho must be a finite number, got {rho!r}")
    rho = float(rho)
    lo = -1.0 / (n - 1)
    if not (lo - _SIGMA_TOL <= rho <= 1.0):
        raise InvalidGameError(f"covariance game: rho={rho:g} is outside [-1/(n-1), 1] = "
                               f"[{lo:g}, 1] for n={n} players")
    a = math.sqrt(max(0.0, 1.0 - rho))            # weight of the part orthogonal to 1
    b = math.sqrt(max(0.0, 1.0 + (n - 1) * rho))  # weight of the part along 1
    gen = as_generator(rng)
    Z = gen.standard_normal(size=(n,) + shape)
    if n == 2:
        # Z - zbar = (+d, -d) exactly, so rho = -1 gives an exactly zero-sum game
        d = 0.5 * (Z[0] - Z[1])
        zbar = 0.5 * (Z[0] + Z[1])
        P = np.stack([a * d + b * zbar, -(a * d) + b * zbar])
    else:
        zbar = Z.mean(axis=0)
        P = a * (Z - zbar) + b * zbar
    if a == 0.0:  # rho = 1: make the common reward exact
        P[1:] = P[0]
    return NormalFormGame(P, title=f"Covariance game {_dims(shape)}, rho={rho:g}")


def coordination_game(num_actions, *, num_players: int | None = None,
                      rng=None) -> NormalFormGame:
    """A random coordination game: the players do best when they all choose the same
    action.

    Player ``i``'s payoff at a profile is ``c_i + U`` where ``c_i`` is the number of *other*
    players who chose the same action as ``i`` and ``U`` is uniform on ``[0, 0.9)``, drawn
    independently for every player and profile.  So every player's payoff at a diagonal
    profile ``(k, ..., k)`` (level ``n - 1``) is above each of its payoffs off the diagonal
    (level ``<= n - 2``), by at least 0.1.

    Guarantee: **the pure Nash equilibria are exactly the diagonal profiles**
    ``(k, ..., k)``, each strict.  A diagonal profile is strict because a deviation drops
    the deviator to level 0.  Off the diagonal, a player outside a largest group of
    equal actions (of size ``g``) is in a group of size ``h <= g``, so switching to that
    group's action raises its level from ``h - 1`` to ``g`` and its payoff.

    Parameters
    ----------
    num_actions : int or sequence of int
        Either the common number of actions (with ``num_players``, default 2), or one
        entry per player, all equal.
    num_players : int, optional
        Number of players when ``num_actions`` is an integer.
    rng : None, int or numpy.random.Generator

    Raises
    ------
    InvalidGameError
        Players with different numbers of actions, or bad sizes.
    UnsupportedGameError
        Fewer than two players.

    Examples
    --------
    >>> from gametheory.solvers import pure
    >>> g = coordination_game(3, num_players=3, rng=4)
    >>> [e.pure_profile for e in pure(g)]
    [(0, 0, 0), (1, 1, 1), (2, 2, 2)]
    """
    if isinstance(num_actions, (Integral, np.integer)) and not isinstance(num_actions, bool):
        k = _num_actions((num_actions,))[0]
        n = 2 if num_players is None else num_players
        if isinstance(n, bool) or not isinstance(n, (Integral, np.integer)):
            raise InvalidGameError(f"num_players must be an integer, got {num_players!r}")
        if int(n) < 1:
            raise InvalidGameError(f"num_players must be positive, got {n}")
        shape = (k,) * int(n)
    else:
        shape = _num_actions(num_actions)
        if num_players is not None and num_players != len(shape):
            raise InvalidGameError(f"num_actions={shape} has {len(shape)} players but "
                                   f"num_players={num_players}")
    n = len(shape)
    if n < 2:
        raise UnsupportedGameError("a coordination game needs at least 2 players")
    if len(set(shape)) != 1:
        raise InvalidGameError(f"in a coordination game every player has the same actions; "
                               f"got num_actions={shape}")
    gen = as_generator(rng)
    grid = np.indices(shape)
    P = np.empty((n,) + shape)
    for i in range(n):
        level = sum((grid[j] == grid[i]).astype(np.int64) for j in range(n) if j != i)
        P[i] = level + _BAND * gen.random(shape)
    return NormalFormGame(P, title=f"Coordination game {_dims(shape)}")


def anti_coordination_game(num_actions, n=None, *, rng=None) -> NormalFormGame:
    """A random two-player anti-coordination game: both players do best choosing
    *different* actions (e.g. chicken, or two firms choosing markets).

    Both players' payoffs are uniform on ``[1, 1.9)`` where their actions differ and on
    ``[0, 0.9)`` where they are the same, drawn independently.  Guarantee: against any pure
    action of the opponent, every pure best response is a different action, so no profile
    ``(k, k)`` is an equilibrium; with two actions each the pure equilibria are exactly
    ``(0, 1)`` and ``(1, 0)``.  With more actions, which off-diagonal profiles are
    equilibria depends on the draw.

    Parameters
    ----------
    num_actions : int or (int, int)
        Number of actions, the same for both players (at least 2).
    n : int, optional
        Accepted for the ``(m, n)`` calling convention; must equal ``m``.
    rng : None, int or numpy.random.Generator

    Raises
    ------
    InvalidGameError
        Fewer than two actions, or different numbers of actions.
    UnsupportedGameError
        ``num_actions`` for other than 2 players.

    Examples
    --------
    >>> from gametheory.solvers import pure
    >>> [e.pure_profile for e in pure(anti_coordination_game(2, rng=0))]
    [(0, 1), (1, 0)]
    """
    m, m2 = _two_player_shape("anti-coordination", num_actions, n)
    if m != m2:
        raise InvalidGameError(f"in an anti-coordination game both players have the same "
                               f"actions; got num_actions={(m, m2)}")
    if m < 2:
        raise InvalidGameError("an anti-coordination game needs at least 2 actions")
    gen = as_generator(rng)
    differ = ~np.eye(m, dtype=bool)
    P = differ.astype(np.float64) + _BAND * gen.random((2, m, m))
    return NormalFormGame(P, title=f"Anti-coordination game {m}x{m}")


# ---------------------------------------------------------------------------- 2 players
_ZERO_SUM_DEFAULTS = {"uniform": (-1.0, 1.0), "normal": (0.0, 1.0), "integer": (-10, 10)}


def zero_sum_game(num_actions, n=None, *, rng=None, distribution: str = "uniform",
                  low=None, high=None) -> NormalFormGame:
    """A random two-player zero-sum game: the row player gets ``A``, the column player
    ``-A`` (exactly).

    Parameters
    ----------
    num_actions : int or (int, int)
        ``zero_sum_game(m, n)`` or ``zero_sum_game((m, n))``; ``zero_sum_game(m)`` is
        square.
    n : int, optional
        Number of column actions when ``num_actions`` is an integer.
    rng : None, int or numpy.random.Generator
    distribution : {"uniform", "normal", "integer"}
        ``A`` uniform on ``[low, high)`` (default ``[-1, 1)``), standard normal (``low`` and
        ``high`` unused), or integers in ``{low, ..., high}`` (default ``{-10, ..., 10}``,
        kept exactly).

    Raises
    ------
    UnknownNameError
        Unknown ``distribution``.
    UnsupportedGameError
        ``num_actions`` for other than 2 players.
    InvalidGameError
        Bad sizes or range.

    Examples
    --------
    >>> g = zero_sum_game(3, 4, rng=0, distribution="integer")
    >>> g.num_actions, g.game_class, g.exact_payoffs is not None
    ((3, 4), 'zero-sum', True)
    """
    shape = _two_player_shape("zero-sum", num_actions, n)
    key = str(distribution).strip().lower()
    if key not in _ZERO_SUM_DEFAULTS:
        raise UnknownNameError(f"unknown distribution {distribution!r}; known: "
                               + ", ".join(_ZERO_SUM_DEFAULTS))
    d_low, d_high = _ZERO_SUM_DEFAULTS[key]
    low = d_low if low is None else low
    high = d_high if high is None else high
    gen = as_generator(rng)
    if key == "uniform":
        _check_range(low, high)
        A = gen.uniform(float(low), float(high), size=shape)
    elif key == "normal":
        A = gen.standard_normal(size=shape)
    else:
        _check_range(low, high, integer=True)
        A = gen.integers(int(low), int(high), size=shape, endpoint=True, dtype=np.int64)
    return NormalFormGame.zero_sum(A, title=f"Zero-sum random game {_dims(shape)} ({key})")


#: The kinds of :func:`degenerate_game`, each with what makes it degenerate.
DEGENERATE_KINDS: dict[str, str] = {
    "tie": "the column player has two pure best responses to one row (its payoffs tie at "
           "the maximum of that row)",
    "duplicate-rows": "two rows are identical for both players, and they are the row "
                      "player's best responses to the first column",
    "duplicate-columns": "two columns are identical for both players, and they are the "
                         "column player's best responses to the first row",
}


def degenerate_game(num_actions, n=None, *, rng=None, kind: str = "tie", low: int = -10,
                    high: int = 10) -> NormalFormGame:
    """A random two-player game that is degenerate on purpose.

    A bimatrix game is *nondegenerate* when no mixed strategy with ``k`` actions in its
    support has more than ``k`` pure best responses (von Stengel 2007, "Equilibrium
    computation for two-player games in strategic and extensive form", AGT ch. 3).  Every
    kind below breaks this already for ``k = 1``: some pure strategy has two pure best
    responses, which :func:`degeneracy_witness` finds and :func:`is_degenerate_witness`
    checks.  Degenerate games may have infinitely many equilibria (whole segments) and
    break solvers that assume nondegeneracy (Lemke-Howson, nashpy's support enumeration).

    Payoffs are integers drawn from ``{low, ..., high}`` (kept exactly), then modified:

    ``"tie"``
        A random row ``r`` and two random columns ``c1 != c2``: the column player's
        payoffs ``B[r, c1] = B[r, c2] = max(B[r, :])``, so the column player has the two
        pure best responses ``c1`` and ``c2`` to row ``r``.  Needs ``n >= 2``.
    ``"duplicate-rows"``
        Row ``r`` (the row player's first best response to column 0) is copied, for both
        players, onto another random row ``r'``: rows ``r`` and ``r'`` are both best
        responses to column 0.  Needs ``m >= 2``.
    ``"duplicate-columns"``
        The same for columns: columns ``c`` and ``c'`` are both best responses to row 0.
        Needs ``n >= 2``.

    Parameters
    ----------
    num_actions : int or (int, int)
        ``degenerate_game(m, n)`` or ``degenerate_game((m, n))``.
    n : int, optional
        Number of column actions when ``num_actions`` is an integer.
    rng : None, int or numpy.random.Generator
    kind : {"tie", "duplicate-rows", "duplicate-columns"}
    low, high : int
        Range of the integer payoffs before the modification.

    Raises
    ------
    UnknownNameError
        Unknown ``kind``.
    UnsupportedGameError
        ``num_actions`` for other than 2 players.
    InvalidGameError
        Too few actions for the kind, or a bad range.

    Examples
    --------
    >>> g = degenerate_game(3, 3, rng=0, kind="tie")
    >>> player, action, responses = degeneracy_witness(g)
    >>> len(responses) >= 2 and is_degenerate_witness(g, player, action)
    True
    """
    m, k = _two_player_shape("degenerate", num_actions, n)
    key = str(kind).strip().lower().replace("_", "-")
    if key not in DEGENERATE_KINDS:
        raise UnknownNameError(f"unknown degenerate kind {kind!r}; known: "
                               + ", ".join(DEGENERATE_KINDS))
    _check_range(low, high, integer=True)
    if key in ("tie", "duplicate-columns") and k < 2:
        raise InvalidGameError(f"degenerate kind {key!r} needs at least 2 column actions, "
                               f"got {m}x{k}")
    if key == "duplicate-rows" and m < 2:
        raise InvalidGameError(f"degenerate kind {key!r} needs at least 2 row actions, "
                               f"got {m}x{k}")
    gen = as_generator(rng)
    A, B = gen.integers(int(low), int(high), size=(2, m, k), endpoint=True, dtype=np.int64)
    if key == "tie":
        r = int(gen.integers(m))
        c1, c2 = (int(c) for c in gen.choice(k, size=2, replace=False))
        B[r, c1] = B[r, c2] = B[r].max()
    elif key == "duplicate-rows":
        r = int(np.argmax(A[:, 0]))
        r2 = int(gen.choice([i for i in range(m) if i != r]))
        A[r2], B[r2] = A[r], B[r]
    else:
        c = int(np.argmax(B[0, :]))
        c2 = int(gen.choice([j for j in range(k) if j != c]))
        A[:, c2], B[:, c2] = A[:, c], B[:, c]
    return NormalFormGame([A, B], title=f"Degenerate game {m}x{k} ({key})")


def _pure_best_responses_2p(game: NormalFormGame, player: int, action: int,
                            tol: float) -> list[int]:
    """The other player's pure best responses when ``player`` plays ``action``."""
    if player == 0:
        values = game.payoffs[1][action, :]
    else:
        values = game.payoffs[0][:, action]
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    return [int(j) for j in np.flatnonzero(values >= values.max() - tol * scale)]


def is_degenerate_witness(game: NormalFormGame, player: int, action: int, *,
                          tol: float = 1e-9) -> bool:
    """True when the other player has more than one pure best response to ``player``
    playing the pure strategy ``action``: a certificate that the 2-player ``game`` is
    degenerate.

    Payoffs within ``tol`` (relative to the largest absolute payoff) count as tied.  The
    absence of a pure witness does not prove a game nondegenerate (a mixed strategy with
    support ``k`` may still have more than ``k`` best responses).

    Raises
    ------
    UnsupportedGameError
        ``game`` does not have two players.
    InvalidProfileError
        ``player`` or ``action`` out of range.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[2, 2], [0, 1]])
    >>> is_degenerate_witness(g, 0, 0), is_degenerate_witness(g, 0, 1)
    (True, False)
    """
    if game.num_players != 2:
        raise UnsupportedGameError(f"degeneracy witnesses are defined for 2-player games; "
                                   f"this game has {game.num_players} players")
    p = game.player_index(player)
    a = game.action_index(p, action)
    return len(_pure_best_responses_2p(game, p, a, tol)) > 1


def degeneracy_witness(game: NormalFormGame, *, tol: float = 1e-9
                       ) -> tuple[int, int, tuple[int, ...]] | None:
    """The first pure strategy with more than one pure best response, as
    ``(player, action, best_responses_of_the_other_player)``, or ``None`` when there is
    none (which does not prove nondegeneracy, see :func:`is_degenerate_witness`).

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> print(degeneracy_witness(catalog.get("prisoners-dilemma")))
    None
    >>> from gametheory import NormalFormGame
    >>> degeneracy_witness(NormalFormGame.from_arrays([[1, 1], [1, 0]], [[0, 1], [0, 1]]))
    (1, 0, (0, 1))
    """
    if game.num_players != 2:
        raise UnsupportedGameError(f"degeneracy witnesses are defined for 2-player games; "
                                   f"this game has {game.num_players} players")
    for p in range(2):
        for a in range(game.num_actions[p]):
            brs = _pure_best_responses_2p(game, p, a, tol)
            if len(brs) > 1:
                return p, a, tuple(brs)
    return None


# ---------------------------------------------------------------------------- registry
#: Family name (dash-separated) -> generator function.  Every function takes
#: ``num_actions`` and ``rng``; ``covariance`` also needs ``rho``.
GENERATORS: dict[str, Callable[..., NormalFormGame]] = {
    "uniform": uniform_game,
    "normal": normal_game,
    "integer": integer_game,
    "zero-sum": zero_sum_game,
    "covariance": covariance_game,
    "coordination": coordination_game,
    "anti-coordination": anti_coordination_game,
    "degenerate": degenerate_game,
}


def _family_key(family: str) -> str:
    return str(family).strip().lower().replace("_", "-").replace(" ", "-")


def generate(family: str, **params) -> NormalFormGame:
    """Generate a random game of the family called ``family`` (a key of
    :data:`GENERATORS`; underscores are accepted for dashes), passing ``params`` on.

    Raises
    ------
    UnknownNameError
        Unknown family (the message lists the families).
    InvalidGameError
        A parameter the family does not take, or a required one missing (e.g. ``rho`` of
        the covariance game); and whatever the family itself raises.

    Examples
    --------
    >>> generate("integer", num_actions=[2, 2], rng=3).num_actions
    (2, 2)
    >>> generate("pareto", num_actions=(2, 2))
    Traceback (most recent call last):
    ...
    gametheory._errors.UnknownNameError: unknown generator family 'pareto'; known families: anti-coordination, coordination, covariance, degenerate, integer, normal, uniform, zero-sum
    """
    import inspect

    key = _family_key(family)
    if key not in GENERATORS:
        raise UnknownNameError(f"unknown generator family {family!r}; known families: "
                               + ", ".join(sorted(GENERATORS)))
    func = GENERATORS[key]
    sig = inspect.signature(func)
    accepted = [p for p in sig.parameters]
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise InvalidGameError(f"generator family {key!r} takes no parameter "
                               f"{', '.join(unknown)}; its parameters are "
                               + ", ".join(accepted))
    missing = [name for name, p in sig.parameters.items()
               if p.default is inspect.Parameter.empty and name not in params]
    if missing:
        raise InvalidGameError(f"generator family {key!r} needs {', '.join(missing)}")
    return func(**params)
