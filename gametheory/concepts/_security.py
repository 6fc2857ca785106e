"""Security levels: what a player can guarantee whatever the others do.

Player ``i``'s (mixed) *security level*, or maximin value, is

    v_i = max_{x in simplex(m_i)}  min_{a_-i}  sum_a x_a u_i(a, a_-i),

the best payoff ``i`` can guarantee against the coalition of all other players; the
maximising ``x`` is a *maximin strategy*.  The pure security level restricts ``x`` to pure
actions.  In a two-player zero-sum game ``v_1`` is the value of the game and ``-v_2`` too
(von Neumann's minimax theorem); in general games security levels are the usual
disagreement point of bargaining and the floor of every equilibrium payoff.

Worked example, matching pennies::

    >>> from gametheory.games import catalog
    >>> res = security_level(catalog.get("matching-pennies"), 0)
    >>> res.value, res.strategy.tolist(), res.pure_value
    (0.0, [0.5, 0.5], -1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from .._scipy import linprog

from .._arrays import readonly
from .._errors import SolverError
from ..games._normal_form import NormalFormGame

__all__ = ["security_level", "security_levels", "SecurityResult"]



@dataclass(frozen=True)
class SecurityResult:
    """What :func:`security_level` returns.

    Attributes
    ----------
    player : int
        Index of the player.
    value : float
        The security level: the mixed maximin value (or the pure one when the call had
        ``mixed=False``).  It is the guaranteed payoff of ``strategy``, i.e. its worst
        payoff over the opponents' pure profiles, recomputed from the game.
    strategy : ndarray
        A maximin strategy (read-only probability vector over the player's actions).
    pure_value : float
        The pure security level ``max_a min_{a_-i} u_i(a, a_-i)`` (``<= value``).
    pure_action : int
        A pure maximin action (the lowest index among ties).
    """

    player: int
    value: float
    strategy: np.ndarray
    pure_value: float
    pure_action: int


def security_level(game: NormalFormGame, player, *, mixed: bool = True) -> SecurityResult:
    """The maximin value and a maximin strategy of ``player`` against all other players.

    Solved as the LP ``max v`` subject to ``sum_a x_a u_i(a, a_-i) >= v`` for every pure
    opponent profile ``a_-i`` and ``x`` in the simplex (HiGHS through
    :func:`scipy.optimize.linprog`).

    Pure opponent profiles suffice even though the opponents may mix, and mix
    independently of each other: for fixed ``x``, the payoff is multilinear in the
    opponents' mixed strategies, so its minimum over the product of their simplices is
    attained at a vertex, that is, at a pure profile.  (For the same reason the value is
    the same whether the opponents correlate or not.)

    Parameters
    ----------
    game : NormalFormGame
    player : int or str
    mixed : bool
        ``False`` skips the LP: ``value`` is the pure security level and ``strategy`` the
        unit vector of ``pure_action``.

    Returns
    -------
    SecurityResult

    Raises
    ------
    InvalidProfileError
        Unknown player.
    SolverError
        When the LP does not report an optimum (it is always feasible and bounded).

    Examples
    --------
    The zero-sum game ``[[2, -1], [-1, 1]]`` has value 1/5, which the row player secures
    by playing the first row with probability 2/5:

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.zero_sum([[2, -1], [-1, 1]])
    >>> r = security_level(g, 0)
    >>> round(r.value, 9), r.strategy.round(9).tolist(), r.pure_value, r.pure_action
    (0.2, [0.4, 0.6], -1.0, 0)
    >>> round(security_level(g, 1).value, 9)  # the column player secures -1/5
    -0.2
    """
    i = game.player_index(player)
    m = game.num_actions[i]
    U = np.moveaxis(game.payoffs[i], i, 0).reshape(m, -1)   # (own action, opponents)
    worst = U.min(axis=1)
    pure_action = int(np.argmax(worst))
    pure_value = float(worst[pure_action])
    if not mixed or m == 1:
        x = np.zeros(m)
        x[pure_action] = 1.0
        return SecurityResult(i, pure_value, readonly(x), pure_value, pure_action)
    C = U.shape[1]
    c = np.zeros(m + 1)
    c[-1] = -1.0                                              # maximise v
    A_ub = np.hstack([-U.T, np.ones((C, 1))])                 # v - x.U[:, c] <= 0
    A_eq = np.append(np.ones(m), 0.0)[None, :]
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(C), A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                  method="highs")
    if res.status != 0:
        raise SolverError(f"security-level LP failed for player {game.players[i]} "
                          f"(status {res.status}): {res.message}")
    x = np.clip(res.x[:m], 0.0, None)
    x /= x.sum()
    value = float((x @ U).min())
    if value < pure_value:   # round-off only: a pure action is a feasible mixed strategy
        x = np.zeros(m)
        x[pure_action] = 1.0
        value = pure_value
    return SecurityResult(i, value, readonly(x), pure_value, pure_action)


def security_levels(game: NormalFormGame, *, mixed: bool = True) -> list[SecurityResult]:
    """:func:`security_level` of every player, in player order.

    >>> from gametheory.games import catalog
    >>> [r.value for r in security_levels(catalog.get("prisoners-dilemma"))]
    [1.0, 1.0]
    """
    return [security_level(game, i, mixed=mixed) for i in range(game.num_players)]
