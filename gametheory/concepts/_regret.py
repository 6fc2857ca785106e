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
    two players (two matrix-vector products) because solvers certify many profiles.
    ``strategies`` must be one probability vector per player (checked: shapes, finite,
    non-negative, summing to 1 within 1e-6).

    >>> from gametheory.games import catalog
    >>> u, r = profile_certificate(catalog.get("chicken"), [[2/3, 1/3], [2/3, 1/3]])
    >>> u.round(6).tolist(), r < 1e-12
    ([4.666667, 4.666667], True)
    """
    if game.num_players != 2:
        strategies = as_mixed_profile(game, strategies)
        values = game.all_action_values(strategies)  # one contraction chain per player
        u = np.array([float(v @ x) for v, x in zip(values, strategies)])
        regret = max(max(float(v.max()) - ui for v, ui in zip(values, u)), 0.0)
        return u, regret
    x = np.asarray(strategies[0], dtype=np.float64)
    y = np.asarray(strategies[1], dtype=np.float64)
    m, n = game.num_actions
    if (len(strategies) != 2 or x.shape != (m,) or y.shape != (n,)
            or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y)))
            or x.min() < -1e-6 or y.min() < -1e-6
            or abs(x.sum() - 1) > 1e-6 or abs(y.sum() - 1) > 1e-6):
        strategies = as_mixed_profile(game, strategies)  # raises the precise error
        x, y = strategies
    A, B = game.payoffs
    Ay = A @ y
    xB = x @ B
    u = np.array([x @ Ay, xB @ y])
    regret = max(float(Ay.max() - u[0]), float(xB.max() - u[1]), 0.0)
    return u, regret
