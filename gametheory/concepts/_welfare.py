"""Social welfare and inequality of payoff vectors, and the best outcomes of a game by them.

Every measure takes ``payoffs`` with the players along the *last* axis, so one call
evaluates a single vector (returning a float) or a whole array of outcomes at once
(returning an array)::

    >>> import numpy as np
    >>> utilitarian_welfare([5.25, 5.25])
    10.5
    >>> egalitarian_welfare(np.array([[6, 6], [2, 7], [0, 0]])).tolist()
    [6.0, 2.0, 0.0]

* utilitarian: ``sum_i u_i`` (Bentham; Harsanyi 1955);
* egalitarian: ``min_i u_i`` (Rawls 1971);
* Nash: ``prod_i (u_i - d_i)`` over a disagreement point ``d`` (Nash 1950, "The bargaining
  problem"), ``-inf`` outside the individually rational set;
* Gini: the Gini coefficient of inequality (0 = equal; *lower* is better).

To rank a correlated outcome, pass :func:`~gametheory.concepts.correlated_payoffs` to
these functions.
"""

from __future__ import annotations

import numpy as np

from .._errors import InvalidGameError, UnknownNameError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ._regret import DEFAULT_TOL

__all__ = ["utilitarian_welfare", "egalitarian_welfare", "nash_welfare", "gini", "welfare",
           "max_welfare_profiles", "WELFARE_FUNCTIONS"]


def _as_payoffs(payoffs) -> np.ndarray:
    try:
        u = np.asarray(payoffs, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError("payoffs must be a numeric array with the players along the "
                               "last axis") from None
    if u.ndim == 0 or u.shape[-1] == 0:
        raise InvalidGameError(f"payoffs need a non-empty player axis, got shape {u.shape}")
    if not np.all(np.isfinite(u)):
        raise InvalidGameError("payoffs hold NaN or infinite entries")
    return u


def _out(x):
    x = np.asarray(x, dtype=np.float64)
    return float(x) if x.ndim == 0 else x


def utilitarian_welfare(payoffs):
    """Sum of the players' payoffs (along the last axis).

    >>> utilitarian_welfare([3, 3])
    6.0
    """
    return _out(_as_payoffs(payoffs).sum(axis=-1))


def egalitarian_welfare(payoffs):
    """Payoff of the worst-off player (the minimum along the last axis).

    >>> egalitarian_welfare([2, 7])
    2.0
    """
    return _out(_as_payoffs(payoffs).min(axis=-1))


def nash_welfare(payoffs, disagreement=None):
    """Nash product ``prod_i (u_i - d_i)`` of the gains over the disagreement point.

    Parameters
    ----------
    payoffs : array_like, players along the last axis
    disagreement : float or array_like of shape ``(n,)``, optional
        The disagreement point ``d`` (default 0 for every player), e.g. the players'
        security levels.

    Returns
    -------
    float or ndarray
        The product of the gains when every gain is ``>= 0`` (so 0 when some player gains
        nothing), and ``-inf`` when some player would be worse off than at ``d``: such an
        outcome is outside the bargaining set and ranks below every outcome inside it.
        (Two negative gains would otherwise multiply to a misleading positive number.)

    Examples
    --------
    >>> nash_welfare([6, 6]), nash_welfare([2, 7]), nash_welfare([2, 7], disagreement=2)
    (36.0, 14.0, 0.0)
    >>> nash_welfare([0, 3], disagreement=[1, 0])
    -inf
    """
    u = _as_payoffs(payoffs)
    d = np.zeros(u.shape[-1]) if disagreement is None else np.asarray(disagreement, float)
    if d.ndim > 1 or (d.ndim == 1 and d.shape[0] != u.shape[-1]):
        raise InvalidGameError(f"disagreement point has shape {d.shape}, expected a scalar "
                               f"or ({u.shape[-1]},)")
    if not np.all(np.isfinite(d)):
        raise InvalidGameError("disagreement point holds NaN or infinite entries")
    gains = u - d
    prod = np.prod(np.clip(gains, 0.0, None), axis=-1)
    return _out(np.where(np.any(gains < 0, axis=-1), -np.inf, prod))


def gini(payoffs):
    """Gini coefficient of the payoffs (along the last axis), a measure of inequality.

    Defined as the mean absolute difference over all ordered pairs of players divided by
    twice the mean payoff::

        G = sum_i sum_j |u_i - u_j| / (2 n^2 mean(u)),

    computed from the sorted payoffs as ``sum_k (2k - n - 1) u_(k) / (n sum(u))``.  It is 0
    when everyone gets the same and at most ``1 - 1/n`` (one player gets everything).  A
    vector of zeros counts as perfectly equal (0).

    Raises
    ------
    UnsupportedGameError
        When some payoff is negative: the coefficient is meaningless there (the mean can be
        0 or negative).  Shift the payoffs first, e.g. subtract the game's smallest payoff.

    Examples
    --------
    >>> gini([5, 5]), gini([0, 1]), gini([1, 2, 3])
    (0.0, 0.5, 0.2222222222222222)
    """
    u = _as_payoffs(payoffs)
    if np.any(u < 0):
        raise UnsupportedGameError("the Gini coefficient needs non-negative payoffs; shift "
                                   "them first (e.g. subtract the smallest payoff)")
    n = u.shape[-1]
    s = np.sort(u, axis=-1)
    weights = 2.0 * np.arange(1, n + 1) - n - 1
    total = s.sum(axis=-1)
    num = s @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.where(total > 0, num / (n * np.where(total > 0, total, 1.0)), 0.0)
    return _out(g)


#: Registry of the welfare measures by name, each ``f(payoffs) -> float | ndarray``.
WELFARE_FUNCTIONS = {
    "utilitarian": utilitarian_welfare,
    "egalitarian": egalitarian_welfare,
    "nash": nash_welfare,
    "gini": gini,
}


def _measure(kind: str, disagreement):
    try:
        f = WELFARE_FUNCTIONS[kind]
    except (KeyError, TypeError):
        raise UnknownNameError(f"unknown welfare kind {kind!r}; choose from "
                               + ", ".join(WELFARE_FUNCTIONS)) from None
    if disagreement is not None:
        if kind != "nash":
            raise ValueError("a disagreement point only applies to kind='nash'")
        return lambda u: nash_welfare(u, disagreement)
    return f


def welfare(game: NormalFormGame, profile, kind: str = "utilitarian", *,
            disagreement=None) -> float:
    """A welfare measure of the expected payoffs of a (pure or mixed) ``profile``.

    Parameters
    ----------
    game : NormalFormGame
    profile : pure or mixed profile
    kind : {"utilitarian", "egalitarian", "nash", "gini"}
        See :data:`WELFARE_FUNCTIONS`; ``"gini"`` measures inequality (lower is better).
    disagreement : optional
        Disagreement point of the Nash product (``kind="nash"`` only).

    Raises
    ------
    UnknownNameError
        An unknown ``kind``.
    InvalidProfileError
        A profile that does not fit the game.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> g = catalog.get("chicken")
    >>> welfare(g, ["C", "D"]), welfare(g, ["C", "D"], "egalitarian")
    (9.0, 2.0)
    >>> round(welfare(g, [[2/3, 1/3], [2/3, 1/3]]), 6)  # mixed equilibrium: 14/3 each
    9.333333
    """
    f = _measure(kind, disagreement)
    return float(f(game.expected_payoffs(profile)))


def max_welfare_profiles(game: NormalFormGame, kind: str = "utilitarian", *,
                         disagreement=None, tol: float = DEFAULT_TOL
                         ) -> list[tuple[int, ...]]:
    """The pure profiles with the best welfare, in lexicographic order.

    "Best" is the largest value, except for ``kind="gini"`` where it is the smallest (the
    most equal outcomes).  Values within ``tol * max(1, |best|)`` of the best tie.  When
    every outcome has Nash welfare ``-inf`` (none is individually rational) all profiles
    tie.  All profiles are evaluated in one vectorised call.

    Raises
    ------
    UnknownNameError
        An unknown ``kind``.
    UnsupportedGameError
        ``kind="gini"`` on a game with a negative payoff (see :func:`gini`).

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> max_welfare_profiles(pd), max_welfare_profiles(pd, "egalitarian")
    ([(0, 0)], [(0, 0)])
    >>> max_welfare_profiles(catalog.get("battle-of-the-sexes"))
    [(0, 0), (1, 1)]
    """
    f = _measure(kind, disagreement)
    V = np.moveaxis(np.asarray(game.payoff_array), 0, -1)      # (m_1, ..., m_n, n)
    W = np.asarray(f(V), dtype=np.float64)
    best = W.min() if kind == "gini" else W.max()
    if np.isfinite(best):
        mask = np.abs(W - best) <= tol * max(1.0, abs(float(best)))
    else:
        mask = W == best
    return [tuple(int(c) for c in t) for t in zip(*np.nonzero(mask))]
