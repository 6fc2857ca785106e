"""Pareto optimality of outcomes: the skyline of payoff vectors and Pareto domination of a
profile by pure or correlated outcomes.

A payoff vector ``w`` *Pareto-dominates* ``v`` when ``w_i >= v_i`` for every player and
``w_j > v_j`` for at least one; a vector is *Pareto-optimal* in a set when nothing in the
set dominates it.  Equal vectors do not dominate each other, so duplicates are all optimal
or all not.

Worked example, the prisoner's dilemma: mutual defection (1, 1) is the only outcome that
someone can improve on without hurting the other::

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> pareto_optimal_profiles(pd)
    [(0, 0), (0, 1), (1, 0)]
    >>> is_pareto_dominated(pd, ["D", "D"])
    True

The skyline is computed by sorting, not by an all-pairs matrix, so games with tens of
thousands of profiles are fine (see :func:`pareto_front`).
"""

from __future__ import annotations

import numpy as np
from .._scipy import linprog

from .._errors import InvalidGameError, SolverError, UnknownNameError
from ..games._normal_form import NormalFormGame
from ._regret import DEFAULT_TOL, _scaled_tol

__all__ = ["pareto_front", "pareto_optimal_profiles", "is_pareto_dominated",
           "pareto_improvement"]

#: Points compared at once in the sort-filter skyline of three or more players.
_BLOCK = 512


def _skyline_2d(V: np.ndarray) -> np.ndarray:
    """Mask of non-dominated rows of distinct 2-d vectors: sort by the first coordinate
    descending (ties: second descending); a row is dominated iff some earlier row has a
    second coordinate at least as large."""
    order = np.lexsort((-V[:, 1], -V[:, 0]))
    y = V[order, 1]
    best_before = np.concatenate(([-np.inf], np.maximum.accumulate(y)[:-1]))
    mask = np.empty(len(V), dtype=bool)
    mask[order] = y > best_before
    return mask


def _skyline_nd(V: np.ndarray) -> np.ndarray:
    """Mask of non-dominated rows of distinct vectors (sort-filter skyline, Chomicki et
    al. 2003): after sorting by the coordinate sum descending, a dominator always comes
    strictly earlier, so each block of points is checked against the skyline found so far
    and against itself."""
    order = np.argsort(-V.sum(axis=1), kind="stable")
    W = V[order]
    keep = np.zeros(len(W), dtype=bool)
    sky = np.empty((0, V.shape[1]))
    for start in range(0, len(W), _BLOCK):
        B = W[start:start + _BLOCK]
        # by_sky[k, l]: skyline row l >= block row k in every coordinate (rows distinct,
        # so that is domination); one coordinate at a time keeps memory at |B| * |sky|.
        by_sky = np.ones((len(B), len(sky)), dtype=bool)
        by_block = np.ones((len(B), len(B)), dtype=bool)
        for k in range(V.shape[1]):
            by_sky &= sky[None, :, k] >= B[:, None, k]
            by_block &= B[None, :, k] >= B[:, None, k]
        np.fill_diagonal(by_block, False)
        alive = ~(by_sky.any(axis=1) | by_block.any(axis=1))
        keep[start:start + len(B)] = alive
        sky = np.vstack([sky, B[alive]])
    mask = np.empty(len(V), dtype=bool)
    mask[order] = keep
    return mask


def pareto_front(payoff_vectors) -> np.ndarray:
    """Indices of the Pareto-optimal rows of an array of payoff vectors.

    Parameters
    ----------
    payoff_vectors : array_like of shape ``(N, n)``
        One payoff vector per row (players along the columns).

    Returns
    -------
    ndarray of int
        Ascending row indices of the vectors no other row Pareto-dominates; duplicated
        optimal vectors are all listed.

    Raises
    ------
    InvalidGameError
        When the input is not a finite 2-d numeric array.

    Notes
    -----
    Exact comparisons (no tolerance).  Rows are de-duplicated first; two players use an
    ``O(N log N)`` sweep, more players the sort-filter skyline, whose cost is ``N`` times
    the size of the front (``O(N^2)`` only when nearly every vector is optimal, and then
    in vectorised blocks of bounded memory).

    Examples
    --------
    >>> pareto_front([[3, 3], [0, 5], [5, 0], [1, 1], [3, 3]]).tolist()
    [0, 1, 2, 4]
    """
    try:
        V = np.asarray(payoff_vectors, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError("payoff vectors must be a numeric array of shape (N, n)") \
            from None
    if V.ndim != 2:
        raise InvalidGameError(f"payoff vectors must have shape (N, n), got {V.shape}")
    if not np.all(np.isfinite(V)):
        raise InvalidGameError("payoff vectors hold NaN or infinite entries")
    if V.shape[0] == 0:
        return np.empty(0, dtype=np.int64)
    U, inverse = np.unique(V, axis=0, return_inverse=True)
    inverse = np.asarray(inverse).ravel()
    d = U.shape[1]
    if d == 0:
        mask = np.ones(len(U), dtype=bool)
    elif d == 1:
        mask = U[:, 0] == U[:, 0].max()
    elif d == 2:
        mask = _skyline_2d(U)
    else:
        mask = _skyline_nd(U)
    return np.flatnonzero(mask[inverse])


def pareto_optimal_profiles(game: NormalFormGame) -> list[tuple[int, ...]]:
    """The pure profiles whose payoff vector no other pure profile Pareto-dominates, in
    lexicographic order.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> pareto_optimal_profiles(catalog.get("chicken"))
    [(0, 0), (0, 1), (1, 0)]
    >>> pareto_optimal_profiles(catalog.get("battle-of-the-sexes"))
    [(0, 0), (1, 1)]
    """
    n = game.num_players
    V = game.payoff_array.reshape(n, -1).T
    flat = pareto_front(V)
    idx = np.unravel_index(flat, game.num_actions)
    return [tuple(int(c) for c in t) for t in zip(*idx)]


def _as_payoff_vector(game: NormalFormGame, profile) -> np.ndarray:
    return game.expected_payoffs(profile)


def pareto_improvement(game: NormalFormGame, profile, *, by: str = "pure",
                       tol: float = DEFAULT_TOL):
    """A certificate that ``profile``'s expected payoffs are Pareto-dominated, or ``None``.

    Parameters
    ----------
    game : NormalFormGame
    profile : pure or mixed profile
        Anything :meth:`NormalFormGame.expected_payoffs` accepts.
    by : {"pure", "correlated"}
        ``"pure"``: look for a pure outcome that dominates.  ``"correlated"``: look for any
        joint distribution over outcomes (any point of the convex hull of the pure payoff
        vectors) that dominates, by the LP "maximise the total gain ``sum_i (E_p[u_i] -
        v_i)`` subject to ``E_p[u_i] >= v_i`` for every player".
    tol : float
        A gain must exceed ``tol`` times the largest absolute payoff (at least ``tol``) to
        count, and a loss within it is ignored.

    Returns
    -------
    tuple of int, ndarray, or None
        ``by="pure"``: the dominating pure profile with the largest total gain;
        ``by="correlated"``: a joint distribution of shape ``game.num_actions`` whose
        expected payoffs dominate; ``None`` when nothing dominates.

    Raises
    ------
    InvalidProfileError
        A profile that does not fit the game.
    UnknownNameError
        An unknown ``by``.
    SolverError
        When the LP fails.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> pareto_improvement(catalog.get("prisoners-dilemma"), ["D", "D"])
    (0, 0)
    """
    if by not in ("pure", "correlated"):
        raise UnknownNameError(f"by must be 'pure' or 'correlated', not {by!r}")
    v = _as_payoff_vector(game, profile)
    tol_s = _scaled_tol(game, tol)
    n = game.num_players
    U = game.payoff_array.reshape(n, -1)          # (n, N)
    if by == "pure":
        D = U - v[:, None]
        ok = np.all(D >= -tol_s, axis=0) & np.any(D > tol_s, axis=0)
        if not ok.any():
            return None
        flat = np.flatnonzero(ok)
        best = int(flat[np.argmax(D[:, flat].sum(axis=0))])
        return tuple(int(c) for c in np.unravel_index(best, game.num_actions))
    N = U.shape[1]
    res = linprog(-U.sum(axis=0), A_ub=-U, b_ub=-v, A_eq=np.ones((1, N)), b_eq=[1.0],
                  bounds=[(0, None)] * N, method="highs")
    # The LP is always feasible (the product distribution of the profile achieves v).
    if res.status != 0:
        raise SolverError(f"Pareto LP failed (status {res.status}): {res.message}")
    p = np.clip(res.x, 0.0, None)
    p /= p.sum()
    gain = U @ p - v
    if gain.min() >= -tol_s and gain.max() > tol_s:
        return p.reshape(game.num_actions)
    return None


def is_pareto_dominated(game: NormalFormGame, profile, *, by: str = "pure",
                        tol: float = DEFAULT_TOL) -> bool:
    """Whether the expected payoff vector of a (pure or mixed) ``profile`` is
    Pareto-dominated by a pure outcome (``by="pure"``) or by some correlated outcome, a
    convex combination of pure outcomes (``by="correlated"``).  See
    :func:`pareto_improvement` for the parameters and the certificate.

    Examples
    --------
    The mixed equilibrium of battle of the sexes pays (2/3, 2/3), dominated by either pure
    equilibrium:

    >>> from gametheory.games import catalog
    >>> is_pareto_dominated(catalog.get("battle-of-the-sexes"), [[2/3, 1/3], [1/3, 2/3]])
    True

    A pure outcome of (0.9, 0.9) between (2, 0) and (0, 2) is Pareto-optimal among pure
    outcomes, but tossing a fair coin between the other two pays (1, 1):

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[2, 0.9], [0, 0]], [[0, 0.9], [0, 2]])
    >>> is_pareto_dominated(g, [0, 1]), is_pareto_dominated(g, [0, 1], by="correlated")
    (False, True)
    """
    return pareto_improvement(game, profile, by=by, tol=tol) is not None
