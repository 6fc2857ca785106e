"""Correlated and coarse correlated equilibria as certificates: gaps of a joint distribution.

A *joint distribution* (a correlation device) is an array ``p`` of shape
``game.num_actions`` with ``p[a_1, ..., a_n]`` the probability that the device recommends
the pure profile ``(a_1, ..., a_n)``; it uses the same absolute player order as the payoff
arrays.  Aumann (1974) calls ``p`` a *correlated equilibrium* (CE) when no player gains by
disobeying a recommendation: for every player ``i`` and actions ``a, a'``

    gain_i(a -> a') = sum_{a_-i} p(a, a_-i) [u_i(a', a_-i) - u_i(a, a_-i)]  <=  0,

and a *coarse* correlated equilibrium (CCE, Hannan 1957; Moulin and Vial 1978) when no
player gains by ignoring the device altogether and committing to one action ``a'`` before
seeing a recommendation:

    gain_i(a') = E_p[u_i(a', a_-i)] - E_p[u_i(a)]  <=  0.

:func:`ce_gap` and :func:`cce_gap` return the largest such gain (clipped at 0), so a
distribution is a CE / CCE iff its gap is 0 and an epsilon-CE iff its gap is at most
epsilon.  Since ``gain_i(a') = sum_a gain_i(a -> a')``, every CE is a CCE and
``cce_gaps[i] <= m_i * ce_gaps[i]``.  The product distribution of a mixed profile ``x`` is
a CCE iff ``x`` is a Nash equilibrium: its CCE gaps are exactly the regrets of ``x``.

Worked example, Aumann's chicken with the distribution that puts 1/2 on (C, C) and 1/4 on
each of (C, D) and (D, C)::

    >>> import numpy as np
    >>> from gametheory.games import catalog
    >>> g = catalog.get("chicken")
    >>> p = np.array([[0.5, 0.25], [0.25, 0.0]])
    >>> ce_gap(g, p), is_correlated_equilibrium(g, p)
    (0.0, True)
    >>> correlated_payoffs(g, p).tolist()
    [5.25, 5.25]

Every function contracts the payoff arrays with ``p`` along the deviating player's axis;
nothing loops over profiles.
"""

from __future__ import annotations

from functools import reduce

import numpy as np

from .._errors import InvalidProfileError
from ..games._normal_form import NormalFormGame, as_mixed_profile
from ._regret import DEFAULT_TOL, _scaled_tol

__all__ = ["ce_gap", "ce_gaps", "cce_gap", "cce_gaps", "is_correlated_equilibrium",
           "is_coarse_correlated_equilibrium", "product_distribution", "marginals",
           "correlated_payoffs"]

#: Absolute tolerance on the total probability of a joint distribution.
_SUM_ATOL = 1e-6


def _check_distribution(p, shape: tuple[int, ...] | None) -> np.ndarray:
    """Validate a joint distribution (any shape when ``shape`` is None) and return it as a
    float64 array with tiny negative round-off clipped to 0."""
    try:
        arr = np.asarray(p, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProfileError("a joint distribution must be an array of probabilities "
                                  "with one axis per player") from None
    if shape is not None and arr.shape != tuple(shape):
        raise InvalidProfileError(f"joint distribution has shape {arr.shape}, the game needs "
                                  f"{tuple(shape)} (one axis per player, one entry per "
                                  "action)")
    if arr.ndim == 0 or arr.size == 0:
        raise InvalidProfileError("a joint distribution needs at least one axis and entry")
    if not np.all(np.isfinite(arr)):
        raise InvalidProfileError("joint distribution holds NaN or infinite entries")
    if np.any(arr < -_SUM_ATOL):
        bad = tuple(int(k) for k in np.argwhere(arr < -_SUM_ATOL)[0])
        raise InvalidProfileError(f"joint distribution has a negative probability "
                                  f"{arr[bad]} at profile {bad}")
    total = float(arr.sum())
    if abs(total - 1.0) > _SUM_ATOL:
        raise InvalidProfileError(f"joint distribution sums to {total:.6g}, not 1")
    return np.clip(arr, 0.0, None)


def _as_distribution(game: NormalFormGame, distribution) -> np.ndarray:
    return _check_distribution(distribution, game.num_actions)


def _player_matrices(game: NormalFormGame, p: np.ndarray, i: int):
    """``P[a, c]`` and ``U[a, c]``: probability and player ``i``'s payoff with ``i``'s
    action ``a`` first and the opponents' profiles ``c`` flattened."""
    m = game.num_actions[i]
    P = np.moveaxis(p, i, 0).reshape(m, -1)
    U = np.moveaxis(game.payoffs[i], i, 0).reshape(m, -1)
    return P, U


def _ce_gain_matrix(game: NormalFormGame, p: np.ndarray, i: int) -> np.ndarray:
    """``G[a, a'] = sum_c p(a, c) [u_i(a', c) - u_i(a, c)]``, the gain of player ``i`` from
    playing ``a'`` whenever ``a`` is recommended."""
    P, U = _player_matrices(game, p, i)
    return P @ U.T - np.einsum("ac,ac->a", P, U)[:, None]


def ce_gaps(game: NormalFormGame, distribution) -> np.ndarray:
    """Each player's largest gain from disobeying one recommendation of ``distribution``.

    Parameters
    ----------
    game : NormalFormGame
    distribution : array_like of shape ``game.num_actions``
        Joint distribution over pure profiles (non-negative, summing to 1 within 1e-6).

    Returns
    -------
    ndarray of shape ``(n,)``
        ``max_{a, a'} sum_{a_-i} p(a, a_-i) [u_i(a', a_-i) - u_i(a, a_-i)]`` per player,
        non-negative; all zero exactly at correlated equilibria.

    Raises
    ------
    InvalidProfileError
        Wrong shape, NaN or infinite, negative entries, or a total other than 1.

    Examples
    --------
    Chicken with 1/2 on (D, D) and 1/2 on (C, C): told to play D, a player gains
    ``1/2 * (2 - 0) = 1`` by chickening out instead.

    >>> from gametheory.games import catalog
    >>> ce_gaps(catalog.get("chicken"), [[0.5, 0], [0, 0.5]]).tolist()
    [1.0, 1.0]
    """
    p = _as_distribution(game, distribution)
    out = np.array([_ce_gain_matrix(game, p, i).max() for i in range(game.num_players)])
    return np.maximum(out, 0.0)


def ce_gap(game: NormalFormGame, distribution) -> float:
    """The largest gain of any player from disobeying a recommendation: ``max(ce_gaps)``.

    0 exactly at correlated equilibria (Aumann 1974); ``distribution`` is validated as in
    :func:`ce_gaps`.

    Examples
    --------
    Aumann's chicken: the uniform distribution on (C, C), (C, D), (D, C) is a correlated
    equilibrium.

    >>> from gametheory.games import catalog
    >>> ce_gap(catalog.get("chicken"), [[1/3, 1/3], [1/3, 0]])
    0.0
    """
    return float(ce_gaps(game, distribution).max())


def cce_gaps(game: NormalFormGame, distribution) -> np.ndarray:
    """Each player's largest gain from committing to one action instead of following the
    device: ``max_{a'} E_p[u_i(a', a_-i)] - E_p[u_i(a)]`` (non-negative).

    Equal to the regrets of a mixed profile when ``distribution`` is its product
    distribution, and at most ``m_i * ce_gaps[i]`` for player ``i`` with ``m_i`` actions.

    Raises
    ------
    InvalidProfileError
        As :func:`ce_gaps`.

    Examples
    --------
    In rock-paper-scissors, the uniform distribution over the six off-diagonal profiles is
    a coarse correlated equilibrium (every fixed action earns 0 against the uniform
    opponent marginal, the device pays 0), but not a correlated equilibrium: told
    "rock" (probability 1/3), the row player knows the column plays paper or scissors
    (1/6 each); obeying earns ``1/6 * (-1) + 1/6 * 1 = 0`` there, switching to scissors
    ``1/6 * 1 + 1/6 * 0 = 1/6``.

    >>> import numpy as np
    >>> from gametheory.games import catalog
    >>> rps = catalog.get("rock-paper-scissors")
    >>> p = (1 - np.eye(3)) / 6
    >>> cce_gaps(rps, p).tolist(), ce_gaps(rps, p).round(4).tolist()
    ([0.0, 0.0], [0.1667, 0.1667])
    """
    p = _as_distribution(game, distribution)
    out = np.empty(game.num_players)
    for i in range(game.num_players):
        P, U = _player_matrices(game, p, i)
        opponents = P.sum(axis=0)             # marginal distribution of a_-i
        out[i] = (U @ opponents).max() - float(np.einsum("ac,ac->", P, U))
    return np.maximum(out, 0.0)


def cce_gap(game: NormalFormGame, distribution) -> float:
    """``max(cce_gaps)``: 0 exactly at coarse correlated equilibria.

    >>> from gametheory.games import catalog
    >>> cce_gap(catalog.get("prisoners-dilemma"), [[1, 0], [0, 0]])  # (C, C)
    2.0
    """
    return float(cce_gaps(game, distribution).max())


def is_correlated_equilibrium(game: NormalFormGame, distribution,
                              tol: float = DEFAULT_TOL) -> bool:
    """True when :func:`ce_gap` is at most ``tol`` times the largest absolute payoff (at
    least ``tol``), the same scaling as :func:`~gametheory.concepts.is_nash`.

    >>> from gametheory.games import catalog
    >>> g = catalog.get("chicken")
    >>> is_correlated_equilibrium(g, [[0.5, 0.25], [0.25, 0]])
    True
    >>> is_correlated_equilibrium(g, [[0, 0], [0, 1]])  # (D, D) is not
    False
    """
    return ce_gap(game, distribution) <= _scaled_tol(game, tol)


def is_coarse_correlated_equilibrium(game: NormalFormGame, distribution,
                                     tol: float = DEFAULT_TOL) -> bool:
    """True when :func:`cce_gap` is at most ``tol`` (scaled as in
    :func:`is_correlated_equilibrium`).  Every correlated equilibrium passes.

    >>> import numpy as np
    >>> from gametheory.games import catalog
    >>> is_coarse_correlated_equilibrium(catalog.get("rock-paper-scissors"),
    ...                                  (1 - np.eye(3)) / 6)
    True
    """
    return cce_gap(game, distribution) <= _scaled_tol(game, tol)


def product_distribution(game: NormalFormGame, profile) -> np.ndarray:
    """The joint distribution of independent play of a (mixed or pure) profile:
    ``p[a_1, ..., a_n] = x_1(a_1) * ... * x_n(a_n)``.

    Raises
    ------
    InvalidProfileError
        When ``profile`` does not fit the game (see
        :func:`~gametheory.games.as_mixed_profile`).

    Examples
    --------
    The mixed equilibrium of chicken (each player chickens out with 2/3) is a correlated
    equilibrium too:

    >>> from gametheory.games import catalog
    >>> g = catalog.get("chicken")
    >>> p = product_distribution(g, [[2/3, 1/3], [2/3, 1/3]])
    >>> p.round(4).tolist()
    [[0.4444, 0.2222], [0.2222, 0.1111]]
    >>> is_correlated_equilibrium(g, p)
    True
    """
    strategies = as_mixed_profile(game, profile)
    return reduce(np.multiply.outer, strategies)


def marginals(distribution) -> list[np.ndarray]:
    """Each player's marginal distribution of a joint distribution (axis ``i`` summed out
    of every other axis).

    ``distribution`` is validated (finite, non-negative, summing to 1 within 1e-6) but may
    have any shape.  For a product distribution the marginals are the factors.

    Raises
    ------
    InvalidProfileError
        NaN or infinite, negative entries, a total other than 1, or no axis.

    Examples
    --------
    >>> [m.tolist() for m in marginals([[0.5, 0.25], [0.25, 0.0]])]
    [[0.75, 0.25], [0.75, 0.25]]
    """
    p = _check_distribution(distribution, None)
    axes = range(p.ndim)
    return [p.sum(axis=tuple(j for j in axes if j != i)) for i in axes]


def correlated_payoffs(game: NormalFormGame, distribution) -> np.ndarray:
    """Expected payoff of every player when profiles are drawn from ``distribution``:
    ``E_p[u_i(a)]``, shape ``(n,)``.  Feed it to the welfare measures of
    :mod:`gametheory.concepts` to rank correlated outcomes.

    >>> from gametheory.games import catalog
    >>> correlated_payoffs(catalog.get("chicken"), [[1/3, 1/3], [1/3, 0]]).tolist()
    [5.0, 5.0]
    """
    p = _as_distribution(game, distribution)
    n = game.num_players
    return np.tensordot(game.payoff_array, p, axes=(list(range(1, n + 1)), list(range(n))))
