"""Best responses and regret: the certificates every solver's answer is checked with.

For a profile ``x`` (one mixed strategy per player), player ``i``'s regret is

    regret_i(x) = max_a u_i(a, x_{-i}) - u_i(x)  >= 0,

``max_regret`` is the largest of them and ``nash_conv`` their sum (the exploitability used
in PSRO, Lanctot et al. 2017).  A profile is a Nash equilibrium iff ``max_regret == 0`` and
an epsilon-equilibrium iff ``max_regret <= epsilon``.  Nothing here searches: these are
definitions, evaluated with one contraction per player.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._errors import InvalidProfileError
from ..games._normal_form import NormalFormGame, as_mixed_profile

__all__ = ["profile_certificate", "best_response", "best_responses", "pure_best_responses", "regrets",
           "max_regret", "nash_conv", "is_nash", "is_epsilon_nash", "DEFAULT_TOL"]

#: Default absolute tolerance for "is an equilibrium" and ties between best responses.
DEFAULT_TOL = 1e-9


def _scaled_tol(game: NormalFormGame, tol: float) -> float:
    return tol * max(1.0, float(np.abs(game.payoff_array).max()))


def pure_best_responses(game: NormalFormGame, player, profile, *, tol: float = DEFAULT_TOL
                        ) -> list[int]:
    """Indices of every pure best response of ``player`` to the others' strategies in
    ``profile`` (pure or mixed; the player's own entry is ignored).  Actions within
    ``tol`` (relative to the largest payoff) of the best value count as ties.

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> pure_best_responses(pd, 0, [None, "C"])
    [1]
    >>> pure_best_responses(catalog.get("matching-pennies"), 0, [None, [0.5, 0.5]])
    [0, 1]
    """
    values = game.action_values(player, profile)
    best = values.max()
    return [int(k) for k in np.flatnonzero(values >= best - _scaled_tol(game, tol))]


best_responses = pure_best_responses


def best_response(game: NormalFormGame, player, profile, *, tol: float = DEFAULT_TOL,
                  rng=None) -> int:
    """One pure best response of ``player``: the lowest index among ties, or a uniformly
    random one among ties when ``rng`` is given."""
    brs = pure_best_responses(game, player, profile, tol=tol)
    if rng is None or len(brs) == 1:
        return brs[0]
    from .._rng import as_generator
    return int(as_generator(rng).choice(brs))


def regrets(game: NormalFormGame, profile) -> np.ndarray:
    """Each player's regret ``max_a u_i(a, x_-i) - u_i(x)`` (non-negative) at ``profile``.

    >>> from gametheory.games import catalog
    >>> regrets(catalog.get("prisoners-dilemma"), ["C", "C"]).tolist()
    [2.0, 2.0]
    """
    strategies = as_mixed_profile(game, profile)
    if game.num_players == 2:
        # the compiled pass profile_certificate uses, so that the regret a solver reports
        # for an equilibrium is this one to the last bit
        A, B = game.payoffs
        out = np.empty(4)
        _values_2p(A, B, strategies[0], strategies[1], out)
        return np.maximum(out[2:], 0.0)
    out = np.empty(game.num_players)
    values = game.all_action_values(strategies)
    for i, v in enumerate(values):
        out[i] = v.max() - float(v @ strategies[i])
    return np.maximum(out, 0.0)


def max_regret(game: NormalFormGame, profile) -> float:
    """The largest regret of any player: 0 exactly at Nash equilibria."""
    return float(regrets(game, profile).max())


def nash_conv(game: NormalFormGame, profile) -> float:
    """Sum of the players' regrets (NashConv, the exploitability of PSRO papers; for a
    two-player zero-sum game it is twice the exploitability of the profile)."""
    return float(regrets(game, profile).sum())


def is_epsilon_nash(game: NormalFormGame, profile, epsilon: float) -> bool:
    """True when no player can gain more than ``epsilon`` by deviating."""
    if not epsilon >= 0:
        raise InvalidProfileError(f"epsilon must be a non-negative number, got {epsilon!r}")
    return max_regret(game, profile) <= epsilon


def is_nash(game: NormalFormGame, profile, *, tol: float = DEFAULT_TOL) -> bool:
    """True when ``profile`` is a Nash equilibrium up to ``tol`` relative to the largest
    absolute payoff.

    >>> from gametheory.games import catalog
    >>> is_nash(catalog.get("prisoners-dilemma"), ["D", "D"])
    True
    >>> is_nash(catalog.get("rock-paper-scissors"), [[1/3] * 3, [1/3] * 3])
    True
    """
    return max_regret(game, profile) <= _scaled_tol(game, tol)


def profile_certificate(game: NormalFormGame, strategies) -> tuple[np.ndarray, float]:
    """Expected payoffs and ``max_regret`` of a mixed profile in one pass: what every
    solver result reports for each equilibrium.

    Same definitions as :func:`regrets` and ``game.expected_payoffs``, with a fast path for
    two players (one compiled pass over both payoff matrices) because solvers certify many
    profiles.  ``strategies`` must be one probability vector per player (checked: shapes,
    finite, non-negative, summing to 1 within 1e-6).

    >>> from gametheory.games import catalog
    >>> u, r = profile_certificate(catalog.get("chicken"), [[2/3, 1/3], [2/3, 1/3]])
    >>> u.round(6).tolist(), r < 1e-12
    ([4.666667, 4.666667], True)
    """
    if game.num_players == 2:
        try:
            if not isinstance(strategies, (tuple, list)):
                strategies = tuple(strategies)
            x, y = strategies
            x = np.asarray(x, dtype=np.float64)
            y = np.asarray(y, dtype=np.float64)
        except (TypeError, ValueError):  # labels, or not two entries: the general path
            x = y = None
        m, n = game.num_actions
        if x is not None and x.shape == (m,) and y.shape == (n,):
            A, B = game.payoffs
            out = np.empty(3)
            if _certificate_2p(A, B, x, y, _PROFILE_ATOL, out):
                return out[:2], float(out[2])
    strategies = as_mixed_profile(game, strategies)  # raises the precise error
    if game.num_players == 2:
        A, B = game.payoffs
        out = np.empty(4)
        _values_2p(A, B, strategies[0], strategies[1], out)
        return out[:2], max(out[2], out[3], 0.0)
    values = game.all_action_values(strategies)  # one contraction chain per player
    u = np.array([float(v @ x) for v, x in zip(values, strategies)])
    regret = max(max(float(v.max()) - ui for v, ui in zip(values, u)), 0.0)
    return u, regret


def _profile_certificates_2p(game: NormalFormGame, X, Y) -> tuple[np.ndarray, np.ndarray]:
    """:func:`profile_certificate` of the profiles ``(X[k], Y[k])`` of a two-player game at
    once, in one compiled call: returns the payoffs (shape ``(K, 2)``) and the regrets
    (shape ``(K,)``).  Solvers that return many equilibria certify them with it; each row
    gets the same numbers as a call of :func:`profile_certificate` on it.

    Raises
    ------
    InvalidProfileError
        A row is not a probability vector of the right length (the message of
        :func:`profile_certificate` for the first such row).
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    m, n = game.num_actions
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != m or Y.shape[1] != n \
            or X.shape[0] != Y.shape[0]:
        raise InvalidProfileError(f"profiles of a {m}x{n} game need arrays of shapes (K, {m}) "
                                  f"and (K, {n}), got {X.shape} and {Y.shape}")
    A, B = game.payoffs
    out = np.empty((X.shape[0], 3))
    bad = _certificates_2p(A, B, X, Y, _PROFILE_ATOL, out)
    if bad >= 0:
        as_mixed_profile(game, (X[bad], Y[bad]))  # raises the precise error
    return out[:, :2], out[:, 2]


#: Probability vectors may be off by this much (negative entries, sum) and still count.
_PROFILE_ATOL = 1e-6


@njit(cache=True)
def _values_2p(A, B, x, y, out):  # pragma: no cover - compiled
    """``out[0:4] = (x'Ay, x'By, max(Ay) - x'Ay, max(x'B) - x'By)``: both players'
    payoffs and (signed) regrets, in one pass over ``A`` and ``B``."""
    m, n = A.shape
    xB = np.zeros(n)
    u0 = 0.0
    best0 = -np.inf
    for i in range(m):
        acc = 0.0
        xi = x[i]
        for j in range(n):
            acc += A[i, j] * y[j]
            xB[j] += xi * B[i, j]
        u0 += xi * acc
        if acc > best0:
            best0 = acc
    u1 = 0.0
    best1 = -np.inf
    for j in range(n):
        u1 += xB[j] * y[j]
        if xB[j] > best1:
            best1 = xB[j]
    out[0] = u0
    out[1] = u1
    out[2] = best0 - u0
    out[3] = best1 - u1


@njit(cache=True)
def _certificate_2p(A, B, x, y, atol, out):  # pragma: no cover - compiled
    """Payoffs ``x'Ay``, ``x'By`` and the larger regret (at least 0) into ``out[0:3]``
    (:func:`_values_2p`, so the same numbers as :func:`regrets`); False (``out``
    untouched) when ``x`` or ``y`` is not a probability vector within ``atol``."""
    m, n = A.shape
    sx = 0.0
    for i in range(m):
        if not x[i] >= -atol:  # also rejects NaN and -inf; +inf fails the sum test
            return False
        sx += x[i]
    sy = 0.0
    for j in range(n):
        if not y[j] >= -atol:
            return False
        sy += y[j]
    if not (abs(sx - 1.0) <= atol and abs(sy - 1.0) <= atol):
        return False
    vals = np.empty(4)
    _values_2p(A, B, x, y, vals)
    out[0] = vals[0]
    out[1] = vals[1]
    out[2] = max(vals[2], vals[3], 0.0)
    return True


@njit(cache=True)
def _certificates_2p(A, B, X, Y, atol, out):  # pragma: no cover - compiled
    """:func:`_certificate_2p` for every row of ``X`` and ``Y`` (``out`` of shape
    ``(K, 3)``); returns the first row that is not a pair of probability vectors, or -1."""
    for k in range(X.shape[0]):
        if not _certificate_2p(A, B, X[k], Y[k], atol, out[k]):
            return k
    return -1
