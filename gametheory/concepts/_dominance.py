"""Dominated actions and their iterated elimination, with the dominating strategy as a
certificate.

Action ``a`` of player ``i`` is *strictly dominated* by a mixed strategy ``x`` over the
player's other actions when it earns strictly less than ``x`` against every pure profile of
the opponents::

    sum_k x_k u_i(k, a_-i)  >  u_i(a, a_-i)     for every a_-i,

and *weakly dominated* when ``>=`` holds everywhere and ``>`` at least once.  Checking pure
opponent profiles is enough: payoffs are linear in each opponent's mixed strategy.  Pure
dominance (``mixed=False``) allows only unit vectors ``x`` and is decided by vectorised
comparisons; mixed dominance is decided by a linear programme (HiGHS through
:func:`scipy.optimize.linprog`):

* strict: maximise ``eps`` subject to ``sum_k x_k u_i(k, a_-i) >= u_i(a, a_-i) + eps`` for
  every ``a_-i`` and ``x`` in the simplex; dominated iff ``eps > tol``;
* weak: maximise the total slack ``sum_{a_-i} (sum_k x_k u_i(k, a_-i) - u_i(a, a_-i))``
  subject to every slack being ``>= 0``; dominated iff the total is ``> tol``.

The LP's answer is never trusted blindly: the strategy it returns is re-checked against
the definition, and that check decides.  ``tol`` is relative to the largest absolute
payoff, as in :func:`~gametheory.concepts.is_nash`.

Worked example, a row player whose middle row is beaten only by a mixture::

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]])
    >>> is_dominated(g, 0, 1, mixed=False), is_dominated(g, 0, 1)
    (False, True)
    >>> dominating_strategy(g, 0, 1).round(6).tolist()
    [0.5, 0.0, 0.5]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from .._scipy import linprog

from .._errors import SolverError
from ..games._normal_form import NormalFormGame
from ._regret import DEFAULT_TOL, _scaled_tol

__all__ = ["is_dominated", "dominated_actions", "dominating_strategy",
           "iterated_elimination", "EliminationResult"]


# ---------------------------------------------------------------------------- kernel
def _own_first(P: np.ndarray, i: int) -> np.ndarray:
    """Player ``i``'s payoff array as a matrix ``U[a, c]``: own action ``a`` by the
    flattened opponents' profile ``c``."""
    return np.moveaxis(P, i, 0).reshape(P.shape[i], -1)


def _pure_dominator(U: np.ndarray, a: int, strict: bool, tol: float) -> int | None:
    """Index of the pure action dominating ``a`` by the widest margin, or None."""
    D = U - U[a]                       # D[b, c] = u(b, c) - u(a, c)
    if strict:
        ok = np.all(D > tol, axis=1)
        score = D.min(axis=1)
    else:
        ok = np.all(D >= -tol, axis=1) & np.any(D > tol, axis=1)
        score = D.sum(axis=1)
    ok[a] = False
    if not ok.any():
        return None
    return int(np.flatnonzero(ok)[np.argmax(score[ok])])


def _mixed_dominator(U: np.ndarray, a: int, strict: bool, tol: float) -> np.ndarray | None:
    """Weights over all rows of ``U`` (0 on ``a``) of a mixture dominating ``a``, or None.
    Assumes no pure action dominates ``a`` (checked before)."""
    m, C = U.shape
    others = np.delete(np.arange(m), a)
    O = U[others]                       # (K, C)
    target = U[a]
    best_other = O.max(axis=0)
    # Necessary conditions, cheap: a mixture cannot beat the best other action in a column.
    if strict and np.any(best_other <= target + tol):
        return None
    if not strict and (np.any(best_other < target - tol) or np.all(best_other <= target + tol)):
        return None
    K = len(others)
    if strict:
        c = np.zeros(K + 1)
        c[-1] = -1.0                                       # maximise eps
        A_ub = np.hstack([-O.T, np.ones((C, 1))])          # eps - x.O[:, c] <= -u(a, c)
        A_eq = np.append(np.ones(K), 0.0)[None, :]
        bounds = [(0, None)] * K + [(None, None)]
    else:
        c = -O.sum(axis=1)                                 # maximise the total slack
        A_ub = -O.T
        A_eq = np.ones((1, K))
        bounds = [(0, None)] * K
    res = linprog(c, A_ub=A_ub, b_ub=-target, A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                  method="highs")
    if res.status == 2 and not strict:      # no mixture is weakly better everywhere
        return None
    if res.status != 0:
        raise SolverError(f"dominance LP failed (status {res.status}): {res.message}")
    x = np.clip(res.x[:K], 0.0, None)
    total = x.sum()
    if total <= 0:
        raise SolverError("dominance LP returned a strategy with no mass")
    x = x / total
    slack = x @ O - target
    if strict:
        dominated = slack.min() > tol
    else:
        dominated = slack.min() >= -tol and slack.max() > tol
    if not dominated:
        return None
    out = np.zeros(m)
    out[others] = x
    return out


def _dominator(U: np.ndarray, a: int, strict: bool, mixed: bool,
               tol: float) -> np.ndarray | None:
    m = U.shape[0]
    b = _pure_dominator(U, a, strict, tol)
    if b is not None:
        out = np.zeros(m)
        out[b] = 1.0
        return out
    if mixed and m >= 3:               # with one other action, mixtures are pure
        return _mixed_dominator(U, a, strict, tol)
    return None


def _dominated_rows(U: np.ndarray, strict: bool, mixed: bool, tol: float) -> list[int]:
    return [a for a in range(U.shape[0]) if _dominator(U, a, strict, mixed, tol) is not None]


# ---------------------------------------------------------------------------- public API
def dominating_strategy(game: NormalFormGame, player, action, *, strict: bool = True,
                        mixed: bool = True, tol: float = DEFAULT_TOL) -> np.ndarray | None:
    """A strategy that dominates ``action`` of ``player``, or ``None`` when there is none.

    Parameters
    ----------
    game : NormalFormGame
    player, action : int or str
        Index or label.
    strict : bool
        Strict dominance (better against every opponent profile) or weak (never worse,
        better at least once).
    mixed : bool
        Allow dominance by a mixture of the player's other actions (an LP); otherwise by
        pure actions only.
    tol : float
        Margin, relative to the largest absolute payoff, that counts as "better".

    Returns
    -------
    ndarray of shape ``(m_i,)`` or None
        A probability vector with weight 0 on ``action`` that dominates it (a pure
        dominator, when one exists, is returned as a unit vector: the one with the widest
        margin).  It is a certificate: checking it needs no solver.

    Raises
    ------
    InvalidProfileError
        Unknown player or action.
    SolverError
        When the LP fails (it never should: it is always feasible or, for weak
        dominance, infeasible exactly when no dominating mixture exists).

    Examples
    --------
    In the prisoner's dilemma defecting strictly dominates cooperating:

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> dominating_strategy(pd, 0, "C").tolist()
    [0.0, 1.0]
    >>> dominating_strategy(pd, 0, "D") is None
    True
    """
    i = game.player_index(player)
    a = game.action_index(i, action)
    U = _own_first(game.payoffs[i], i)
    return _dominator(U, a, strict, mixed, _scaled_tol(game, tol))


def is_dominated(game: NormalFormGame, player, action, *, strict: bool = True,
                 mixed: bool = True, tol: float = DEFAULT_TOL) -> bool:
    """True when ``action`` of ``player`` is dominated (see :func:`dominating_strategy`
    for the parameters).

    Examples
    --------
    Weak dominance: the row player's ``B`` below is never better than ``T`` and worse
    against ``L``, so it is weakly but not strictly dominated.

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[1, 1], [0, 1]], [[0, 0], [0, 0]],
    ...                                actions=[["T", "B"], ["L", "R"]])
    >>> is_dominated(g, 0, "B"), is_dominated(g, 0, "B", strict=False)
    (False, True)
    """
    return dominating_strategy(game, player, action, strict=strict, mixed=mixed,
                               tol=tol) is not None


def dominated_actions(game: NormalFormGame, player, *, strict: bool = True,
                      mixed: bool = True, tol: float = DEFAULT_TOL) -> list[int]:
    """Indices of every action of ``player`` dominated in ``game`` (one round, no
    iteration), ascending.

    With weak dominance, at least one action always survives: an action with the largest
    payoff summed over the opponents' profiles cannot be weakly dominated, and two
    duplicate actions never dominate each other.

    >>> from gametheory.games import catalog
    >>> dominated_actions(catalog.get("public-goods"), 2)
    [1]
    >>> dominated_actions(catalog.get("matching-pennies"), 0, strict=False)
    []
    """
    i = game.player_index(player)
    U = _own_first(game.payoffs[i], i)
    return _dominated_rows(U, strict, mixed, _scaled_tol(game, tol))


@dataclass(frozen=True)
class EliminationResult:
    """What :func:`iterated_elimination` returns.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (``original.restrict(remaining)``), action labels kept.
    remaining : tuple of tuple of int
        Each player's surviving actions, as indices into the original game, ascending.
    eliminated : list of (int, int, int)
        ``(round, player, action)`` in the order of elimination; rounds count from 1 and
        ``action`` indexes the original game.  Within a round, players and actions are
        listed in ascending order (they are removed simultaneously).
    """

    game: NormalFormGame
    remaining: tuple[tuple[int, ...], ...]
    eliminated: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def num_rounds(self) -> int:
        """Rounds in which something was eliminated."""
        return self.eliminated[-1][0] if self.eliminated else 0

    @property
    def profile(self) -> tuple[int, ...] | None:
        """The unique surviving pure profile (original indices) when the game is solved,
        else ``None``."""
        if all(len(r) == 1 for r in self.remaining):
            return tuple(r[0] for r in self.remaining)
        return None


def iterated_elimination(game: NormalFormGame, *, strict: bool = True, mixed: bool = True,
                         tol: float = DEFAULT_TOL) -> EliminationResult:
    """Iterated elimination of dominated actions until none is left.

    Order: in each round, every player's dominated actions are found against the
    opponents' actions that survive at the start of the round, and all of them are
    removed at once; rounds repeat until a round removes nothing.

    * Strict dominance (``strict=True``): the surviving game does not depend on the order
      of elimination (Gilboa, Kalai and Zemel 1990; Osborne and Rubinstein 1994,
      section 4.2), and it contains every Nash equilibrium's support.
    * Weak dominance (``strict=False``): the result *is* order-dependent, and the one
      returned is that of the simultaneous all-players order above.  No player ever loses
      all actions: an action with the largest summed payoff is never weakly dominated,
      and duplicates do not weakly dominate each other (weak dominance needs a strict
      gain somewhere), so of two duplicate actions either both survive or both fall to a
      third action that beats them.  Weak elimination may remove Nash equilibria.

    Parameters
    ----------
    game : NormalFormGame
    strict, mixed, tol
        As in :func:`dominating_strategy`; ``tol`` is scaled by the original game's
        largest absolute payoff.

    Returns
    -------
    EliminationResult

    Raises
    ------
    SolverError
        When a dominance LP fails.

    Examples
    --------
    Gibbons (1992, *A Primer in Game Theory*, section 1.1.B): Right is dominated by
    Middle, then Down by Up, then Left by Middle.

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...         actions=[["Up", "Down"], ["Left", "Middle", "Right"]])
    >>> res = iterated_elimination(g)
    >>> res.eliminated
    [(1, 1, 2), (2, 0, 1), (3, 1, 0)]
    >>> res.profile, res.game.actions
    ((0, 1), (('Up',), ('Middle',)))

    Weak elimination depends on the order: here removing ``T`` and ``B`` together leaves
    ``M`` against both columns, whereas removing ``T`` alone first would let the column
    player drop ``L`` and leave ``{M, B} x {R}``.

    >>> g = NormalFormGame.from_arrays([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]],
    ...         actions=[["T", "M", "B"], ["L", "R"]])
    >>> iterated_elimination(g, strict=False).remaining
    ((1,), (0, 1))
    """
    tol_s = _scaled_tol(game, tol)
    n = game.num_players
    remaining = [np.arange(m) for m in game.num_actions]
    eliminated: list[tuple[int, int, int]] = []
    rnd = 0
    while True:
        rnd += 1
        P = game.payoff_array[(slice(None),) + np.ix_(*remaining)]
        drops = []
        for i in range(n):
            U = _own_first(P[i], i)
            bad = _dominated_rows(U, strict, mixed, tol_s)
            if len(bad) == U.shape[0]:
                # Impossible in exact arithmetic (see the docstring); a tolerance can in
                # principle chain near-ties into a cycle, so keep the max-sum action.
                bad.remove(int(np.argmax(U.sum(axis=1))))
            drops.append(bad)
        if not any(drops):
            break
        for i, bad in enumerate(drops):
            eliminated.extend((rnd, i, int(remaining[i][k])) for k in bad)
            remaining[i] = np.delete(remaining[i], bad)
    keep = tuple(tuple(int(k) for k in r) for r in remaining)
    return EliminationResult(game=game.restrict(keep), remaining=keep, eliminated=eliminated)
