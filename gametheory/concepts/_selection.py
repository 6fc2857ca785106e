"""Equilibrium selection criteria: payoff dominance and risk dominance (Harsanyi and Selten
1988, *A General Theory of Equilibrium Selection in Games*).

Equilibrium ``e`` *payoff-dominates* ``f`` when every player weakly prefers ``e`` and some
player strictly does.  For two strict pure equilibria ``e = (r, c)`` and ``f = (r', c')``
of a two-player game, ``e`` *risk-dominates* ``f`` when its product of deviation losses in
the 2x2 game spanned by the two is larger::

    [u_1(r, c) - u_1(r', c)] * [u_2(r, c) - u_2(r, c')]
        >  [u_1(r', c') - u_1(r, c')] * [u_2(r', c') - u_2(r', c)].

In a symmetric game this says that ``e``'s action is the better reply to a 50-50 belief
over the two actions.  Worked example, the stag hunt: (S, S) pays (4, 4) and (H, H) pays
(3, 3), yet a hunter leaving (S, S) loses only 1 while leaving (H, H) loses 3::

    >>> from gametheory.games import catalog
    >>> g = catalog.get("stag-hunt")
    >>> payoff_dominates(g, ["S", "S"], ["H", "H"])
    True
    >>> deviation_loss_products(g, ["S", "S"], ["H", "H"])
    (1.0, 9.0)
    >>> risk_dominance(g, ["S", "S"], ["H", "H"])
    -1
"""

from __future__ import annotations

import numpy as np

from .._errors import UnsupportedGameError
from ..games._normal_form import NormalFormGame, as_mixed_profile
from ._regret import DEFAULT_TOL, _scaled_tol

__all__ = ["payoff_dominates", "risk_dominance", "deviation_loss_products"]


def payoff_dominates(game: NormalFormGame, eq1, eq2, *, tol: float = DEFAULT_TOL) -> bool:
    """True when the expected payoffs of ``eq1`` are at least those of ``eq2`` for every
    player and larger for at least one (Pareto dominance between the two profiles).

    The profiles may be pure or mixed.  Harsanyi and Selten apply the criterion to
    equilibria, but this function only compares payoffs and does not check that the
    profiles are equilibria.  Differences within ``tol`` times the largest absolute payoff
    count as ties.

    Raises
    ------
    InvalidProfileError
        A profile that does not fit the game.

    Examples
    --------
    In battle of the sexes neither pure equilibrium payoff-dominates the other, and both
    dominate the mixed one, which pays (2/3, 2/3):

    >>> from gametheory.games import catalog
    >>> g = catalog.get("battle-of-the-sexes")
    >>> payoff_dominates(g, [0, 0], [1, 1]), payoff_dominates(g, [1, 1], [0, 0])
    (False, False)
    >>> payoff_dominates(g, [0, 0], [[2/3, 1/3], [1/3, 2/3]])
    True
    """
    d = game.expected_payoffs(eq1) - game.expected_payoffs(eq2)
    t = _scaled_tol(game, tol)
    return bool(np.all(d >= -t) and np.any(d > t))


def _strict_pure_equilibrium(game: NormalFormGame, profile, name: str,
                             tol: float) -> tuple[int, int]:
    strategies = as_mixed_profile(game, profile)
    pure = []
    for i, s in enumerate(strategies):
        k = int(np.argmax(s))
        if abs(s[k] - 1.0) > 1e-9:
            raise UnsupportedGameError(f"risk dominance compares pure equilibria, but {name} "
                                       f"has {game.players[i]} mixing: {s.tolist()}")
        pure.append(k)
    r, c = pure
    A, B = game.payoffs
    # strict: each action is the unique best reply to the other's
    row_gap = A[r, c] - np.delete(A[:, c], r)
    col_gap = B[r, c] - np.delete(B[r, :], c)
    if np.any(row_gap <= tol) or np.any(col_gap <= tol):
        raise UnsupportedGameError(
            f"risk dominance needs strict Nash equilibria, and {name} = "
            f"({game.actions[0][r]}, {game.actions[1][c]}) is not one: some player has "
            "another reply at least as good")
    return r, c


def deviation_loss_products(game: NormalFormGame, eq1, eq2, *, tol: float = DEFAULT_TOL
                            ) -> tuple[float, float]:
    """The Harsanyi-Selten products of deviation losses of two strict pure equilibria of a
    two-player game, ``(product at eq1, product at eq2)``.

    For ``eq1 = (r, c)`` and ``eq2 = (r', c')`` the deviations are within the 2x2 game
    spanned by the two: ``[u_1(r, c) - u_1(r', c)] * [u_2(r, c) - u_2(r, c')]`` and
    symmetrically for ``eq2``.  Both products are positive when the equilibria differ (two
    distinct strict equilibria differ in both players' actions, since each action is the
    unique best reply to the other's); they are both 0 when ``eq1 == eq2``.

    Raises
    ------
    UnsupportedGameError
        When the game does not have two players, or a profile is not pure, or it is not a
        strict Nash equilibrium (the criterion is defined for strict equilibria; ``tol``,
        relative to the largest absolute payoff, is the smallest loss that counts).
    InvalidProfileError
        A profile that does not fit the game.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> deviation_loss_products(catalog.get("battle-of-the-sexes"), [0, 0], [1, 1])
    (2.0, 2.0)
    """
    if game.num_players != 2:
        raise UnsupportedGameError(f"risk dominance is defined here for 2-player games; "
                                   f"this game has {game.num_players} players")
    t = _scaled_tol(game, tol)
    r, c = _strict_pure_equilibrium(game, eq1, "eq1", t)
    r2, c2 = _strict_pure_equilibrium(game, eq2, "eq2", t)
    A, B = game.payoffs
    first = float((A[r, c] - A[r2, c]) * (B[r, c] - B[r, c2]))
    second = float((A[r2, c2] - A[r, c2]) * (B[r2, c2] - B[r2, c]))
    return first, second


def risk_dominance(game: NormalFormGame, eq1, eq2, *, tol: float = DEFAULT_TOL) -> int:
    """``+1`` when ``eq1`` risk-dominates ``eq2``, ``-1`` when ``eq2`` risk-dominates
    ``eq1``, ``0`` when neither (equal products, e.g. ``eq1 == eq2``).

    Products within ``tol`` times the square of the largest absolute payoff count as
    equal.  See :func:`deviation_loss_products` for the definition and the errors.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> risk_dominance(catalog.get("stag-hunt"), ["H", "H"], ["S", "S"])
    1
    >>> risk_dominance(catalog.get("battle-of-the-sexes"), [0, 0], [1, 1])
    0
    """
    first, second = deviation_loss_products(game, eq1, eq2, tol=tol)
    t = tol * max(1.0, float(np.abs(game.payoff_array).max())) ** 2
    if first > second + t:
        return 1
    if second > first + t:
        return -1
    return 0
