"""Minmax (punishment) levels, feasible payoffs and the folk-theorem payoff region.

In a repeated game the other players can always hold player ``i`` down to her *minmax
level*

    w_i = min_{y in Delta(A_-i)}  max_{a_i}  sum_{a_-i} y(a_-i) u_i(a_i, a_-i),

the worst payoff the others can force on ``i`` when she best-responds; the minimising
``y`` is the *punishing strategy*.  The *pure* minmax level restricts ``y`` to pure
profiles and is never lower.  The folk theorems say that every feasible payoff vector
(a convex combination of pure payoff vectors, reached by time-sharing or public
randomisation) in which each player gets strictly more than her minmax level is the
average payoff of a subgame-perfect equilibrium of the repeated game when players are
patient enough (Aumann and Shapley 1976, "Long-term competition - a game-theoretic
analysis", for the undiscounted game; Rubinstein 1979; Fudenberg and Maskin 1986, "The
folk theorem in repeated games with discounting or with incomplete information",
*Econometrica* 54(3), for discounting, where two-player games need no further condition).

Worked example, the prisoner's dilemma with Axelrod's payoffs ``T=5, R=3, P=1, S=0``:
mutual defection is the punishment, the feasible set is the quadrilateral spanned by
``(1, 1), (5, 0), (3, 3), (0, 5)``, and cutting it at ``x >= 1, y >= 1`` leaves the
region with corners ``(1, 1), (13/3, 1), (3, 3), (1, 13/3)``::

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> minmax_levels(pd).levels.tolist()
    [1.0, 1.0]
    >>> feasible_payoffs(pd).tolist()
    [[0.0, 5.0], [1.0, 1.0], [5.0, 0.0], [3.0, 3.0]]
    >>> region = folk_theorem_region(pd)
    >>> region.vertices.round(4).tolist()
    [[1.0, 1.0], [4.3333, 1.0], [3.0, 3.0], [1.0, 4.3333]]
    >>> round(region.area, 6), region.contains([3, 3]), region.contains([0.5, 4])
    (6.666667, True, False)

Vertex arrays are ordered counter-clockwise starting at the lexicographically smallest
vertex (smallest first coordinate, ties broken by the second), so they can be handed to a
polygon patch as they are; degenerate sets are returned as one point or as the two ends
of a segment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from .._scipy import linprog

from .._arrays import readonly
from .._errors import InvalidOptionError, InvalidProfileError, SolverError, \
    UnsupportedGameError
from ..games._normal_form import NormalFormGame

__all__ = ["MinmaxLevels", "minmax_levels", "feasible_payoffs", "FolkRegion",
           "folk_theorem_region"]

#: Relative tolerance for geometric tests (scaled by the largest absolute payoff).
_REL_TOL = 1e-9


def _scale(values) -> float:
    v = np.asarray(values, dtype=np.float64)
    return max(1.0, float(np.max(np.abs(v)))) if v.size else 1.0


# ------------------------------------------------------------------------ minmax levels
@dataclass(frozen=True)
class MinmaxLevels:
    """What :func:`minmax_levels` returns.

    Attributes
    ----------
    levels : ndarray of shape ``(n,)``
        Mixed minmax level of each player (recomputed from the game as the best-response
        payoff against ``punishers[i]``).
    punishers : tuple of ndarray
        ``punishers[i]`` holds player ``i`` to ``levels[i]``.  In a 2-player game it is
        the opponent's mixed strategy (a probability vector over the opponent's
        actions).  With ``n > 2`` players it is a *correlated* distribution over the
        others' joint actions, an array of shape ``(m_j for j != i)`` in player order.
    pure_levels : ndarray of shape ``(n,)``
        Pure minmax level of each player: ``min_{a_-i} max_{a_i} u_i`` (``>= levels``).
    pure_punishers : tuple of tuple of int
        A pure profile of the others (in player order, ``i`` left out) reaching
        ``pure_levels[i]`` (the first in C order among ties).
    correlated : bool
        ``True`` when the punishing coalition was allowed to correlate (``n > 2``); for
        two players the distinction does not arise.
    """

    levels: np.ndarray
    punishers: tuple
    pure_levels: np.ndarray
    pure_punishers: tuple
    correlated: bool

    @property
    def point(self) -> np.ndarray:
        """The minmax payoff vector (alias of :attr:`levels`)."""
        return self.levels


def _player_matrix(game: NormalFormGame, i: int) -> np.ndarray:
    """Player ``i``'s payoffs as a matrix (own action, others' joint action in C order)."""
    m = game.num_actions[i]
    return np.moveaxis(np.asarray(game.payoffs[i], dtype=np.float64), i, 0).reshape(m, -1)


def _minmax_lp(U: np.ndarray, label: str) -> tuple[float, np.ndarray]:
    """min_y max_a (U y)_a over the simplex: ``min v`` s.t. ``U y <= v``, ``sum y = 1``."""
    m, C = U.shape
    c = np.zeros(C + 1)
    c[-1] = 1.0
    A_ub = np.hstack([U, -np.ones((m, 1))])
    A_eq = np.append(np.ones(C), 0.0)[None, :]
    bounds = [(0, None)] * C + [(None, None)]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                  method="highs")
    if res.status != 0 or res.x is None:
        raise SolverError(f"minmax LP failed for player {label} (status {res.status}): "
                          f"{res.message}")
    y = np.clip(res.x[:C], 0.0, None)
    total = y.sum()
    if not total > 0:
        raise SolverError(f"minmax LP for player {label} returned no distribution")
    y /= total
    return float((U @ y).max()), y


def minmax_levels(game: NormalFormGame) -> MinmaxLevels:
    """Minmax (punishment) level and punishing strategy of every player.

    Player ``i``'s mixed minmax level is ``min_y max_{a_i} E_y u_i(a_i, a_-i)``, solved as
    the LP ``min v`` subject to ``sum_{a_-i} y(a_-i) u_i(a_i, a_-i) <= v`` for every own
    action ``a_i`` and ``y`` a distribution over the others' joint actions (HiGHS through
    :func:`scipy.optimize.linprog`; the LP status is checked).  The pure minmax level
    restricts ``y`` to pure profiles.

    With two players ``y`` is the opponent's mixed strategy and, by the minimax theorem,
    the minmax level equals the player's maximin (security) level.  With ``n > 2``
    players the LP lets the punishing coalition *correlate* its actions; this is the
    standard linear-programming version and a *lower bound* of the minmax level under
    independent punishment (a product of the others' mixed strategies is one particular
    correlated distribution, so minimising over all of them can only go lower).  The
    independent version is a non-convex problem and is not computed here; the two agree
    whenever an optimal correlated punisher happens to be a product distribution (always
    so for two players, and e.g. when the punishment is pure).

    Parameters
    ----------
    game : NormalFormGame

    Returns
    -------
    MinmaxLevels

    Raises
    ------
    SolverError
        When an LP does not report an optimum (they are always feasible and bounded).

    Examples
    --------
    Matching pennies: each player is held to 0 by the opponent's uniform coin, while a
    pure punisher cannot keep a best-responding player below 1.

    >>> from gametheory.games import catalog
    >>> mm = minmax_levels(catalog.get("matching-pennies"))
    >>> mm.levels.round(9).tolist(), mm.pure_levels.tolist()
    ([0.0, 0.0], [1.0, 1.0])
    >>> mm.punishers[0].round(9).tolist()
    [0.5, 0.5]
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"minmax levels need a NormalFormGame, not "
                                   f"{type(game).__name__}")
    n = game.num_players
    levels, pure_levels, punishers, pure_punishers = [], [], [], []
    for i in range(n):
        U = _player_matrix(game, i)
        others = tuple(m for j, m in enumerate(game.num_actions) if j != i)
        best = U.max(axis=0)                       # best-response payoff per opponent profile
        k = int(np.argmin(best))
        pure = float(best[k])
        pure_profile = tuple(int(x) for x in np.unravel_index(k, others)) if others else ()
        if U.shape[1] == 1:
            value, y = pure, np.ones(1)
        else:
            value, y = _minmax_lp(U, game.players[i])
            if value > pure:   # round-off only: a pure punisher is a feasible distribution
                value, y = pure, np.zeros(U.shape[1])
                y[k] = 1.0
        levels.append(value)
        pure_levels.append(pure)
        punishers.append(readonly(y.reshape(others) if others else y))
        pure_punishers.append(pure_profile)
    return MinmaxLevels(readonly(levels), tuple(punishers), readonly(pure_levels),
                        tuple(pure_punishers), n > 2)


# ------------------------------------------------------------------- planar geometry
def _canonical_ccw(V: np.ndarray) -> np.ndarray:
    """Rotate a counter-clockwise cycle so it starts at its lexicographically smallest
    vertex."""
    start = int(np.lexsort((V[:, 1], V[:, 0]))[0])
    return np.roll(V, -start, axis=0)


def _dedupe(V: np.ndarray, tol: float) -> np.ndarray:
    """Drop consecutive (cyclically) coincident vertices."""
    if len(V) <= 1:
        return V
    keep = []
    for p in V:
        if not keep or np.max(np.abs(p - keep[-1])) > tol:
            keep.append(p)
    if len(keep) > 1 and np.max(np.abs(keep[0] - keep[-1])) <= tol:
        keep.pop()
    return np.array(keep, dtype=np.float64).reshape(-1, 2)


def _drop_collinear(V: np.ndarray, tol: float) -> np.ndarray:
    """Remove vertices of a cycle that lie on the segment between their neighbours."""
    changed = True
    while changed and len(V) > 2:
        changed = False
        for k in range(len(V)):
            a, b, c = V[k - 1], V[k], V[(k + 1) % len(V)]
            ab, ac = b - a, c - a
            cross = ab[0] * ac[1] - ab[1] * ac[0]
            if abs(cross) <= tol * max(1.0, np.hypot(*ac)):
                V = np.delete(V, k, axis=0)
                changed = True
                break
    return V


def _normalise_polygon(V: np.ndarray, tol: float) -> np.ndarray:
    """Canonical form of a convex vertex cycle: no duplicates, no collinear middle
    vertices, two-point segments sorted, counter-clockwise from the smallest vertex."""
    V = _dedupe(np.asarray(V, dtype=np.float64).reshape(-1, 2), tol)
    V = _drop_collinear(V, tol)
    if len(V) == 2:
        return V[np.lexsort((V[:, 1], V[:, 0]))]
    if len(V) >= 3:
        x, y = V[:, 0], V[:, 1]
        if float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) < 0:
            V = V[::-1]
        return _canonical_ccw(V)
    return V


def _hull(points: np.ndarray, tol: float) -> np.ndarray:
    """Ordered convex hull of 2-d points, handling a single point and collinear sets."""
    P = np.unique(np.asarray(points, dtype=np.float64), axis=0)
    if len(P) == 1:
        return P
    # farthest pair along the principal direction gives the segment if collinear
    centred = P - P.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    direction = vt[0]
    proj = centred @ direction
    lo, hi = P[int(np.argmin(proj))], P[int(np.argmax(proj))]
    if np.max(np.abs(hi - lo)) <= tol:
        return P[:1]
    seg = hi - lo
    cross = seg[0] * (P[:, 1] - lo[1]) - seg[1] * (P[:, 0] - lo[0])
    if np.max(np.abs(cross)) <= tol * np.hypot(*seg) or len(P) == 2:
        return _normalise_polygon(np.array([lo, hi]), tol)
    from scipy.spatial import ConvexHull, QhullError
    try:
        hull = ConvexHull(P)
    except QhullError:   # numerically flat: treat as the segment
        return _normalise_polygon(np.array([lo, hi]), tol)
    return _normalise_polygon(P[hull.vertices], tol)   # qhull lists 2-d vertices ccw


def _clip(V: np.ndarray, axis: int, level: float, tol: float) -> np.ndarray:
    """Intersect a convex polygon, segment or point with the half-plane
    ``x[axis] >= level`` (Sutherland and Hodgman 1974, "Reentrant polygon clipping")."""
    if len(V) == 0:
        return V
    inside = V[:, axis] >= level - tol
    if inside.all():
        return V
    if len(V) == 1:
        return V[:0]
    out = []
    k = len(V)
    edges = [(0, 1)] if k == 2 else [(j, (j + 1) % k) for j in range(k)]
    for j, l in edges:
        p, q = V[j], V[l]
        pin, qin = inside[j], inside[l]
        if pin:
            out.append(p)
        if pin != qin:
            t = (level - p[axis]) / (q[axis] - p[axis])
            r = p + t * (q - p)
            r[axis] = level
            out.append(r)
    if k == 2 and inside[1]:
        out.append(V[1])
    return _normalise_polygon(np.array(out, dtype=np.float64).reshape(-1, 2), tol)


def _area(V: np.ndarray) -> float:
    if len(V) < 3:
        return 0.0
    x, y = V[:, 0], V[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)))


def _in_convex(V: np.ndarray, p: np.ndarray, tol: float) -> bool:
    """Point in a convex polygon (ccw), on a segment, or at a point, up to ``tol``."""
    if len(V) == 0:
        return False
    if len(V) == 1:
        return bool(np.max(np.abs(p - V[0])) <= tol)
    if len(V) == 2:
        a, b = V
        ab = b - a
        t = float(np.clip(np.dot(p - a, ab) / np.dot(ab, ab), 0.0, 1.0))
        return bool(np.hypot(*(a + t * ab - p)) <= tol)
    for j in range(len(V)):
        a, b = V[j], V[(j + 1) % len(V)]
        ab = b - a
        cross = ab[0] * (p[1] - a[1]) - ab[1] * (p[0] - a[0])
        if cross < -tol * np.hypot(*ab):
            return False
    return True


def _check_two_players(game, what: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{what} needs a NormalFormGame, not "
                                   f"{type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(f"{what} is computed for 2-player games; this game has "
                                   f"{game.num_players} players")


# ------------------------------------------------------------------- feasible payoffs
def feasible_payoffs(game: NormalFormGame) -> np.ndarray:
    """Vertices of the feasible payoff set of a 2-player game: the convex hull of its pure
    payoff vectors.

    The hull is computed with :class:`scipy.spatial.ConvexHull` (Qhull; Barber, Dobkin and
    Huhdanpaa 1996).  Degenerate sets are handled before Qhull sees them: when every pure
    payoff vector is the same the result is that one point (shape ``(1, 2)``), and when
    they are collinear it is the two ends of the segment (shape ``(2, 2)``,
    lexicographically sorted).

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game.

    Returns
    -------
    ndarray of shape ``(k, 2)``
        Read-only vertices, counter-clockwise from the lexicographically smallest one;
        vertices in the middle of an edge are left out.

    Raises
    ------
    UnsupportedGameError
        For games with other than 2 players.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> feasible_payoffs(catalog.get("battle-of-the-sexes")).tolist()
    [[0.0, 0.0], [2.0, 1.0], [1.0, 2.0]]
    >>> feasible_payoffs(catalog.get("matching-pennies")).tolist()   # a segment
    [[-1.0, 1.0], [1.0, -1.0]]
    """
    _check_two_players(game, "the feasible payoff set")
    P = np.asarray(game.payoff_array, dtype=np.float64).reshape(2, -1).T
    return readonly(_hull(P, _REL_TOL * _scale(P)))


# --------------------------------------------------------------------- folk region
@dataclass(frozen=True)
class FolkRegion:
    """The feasible and individually rational payoffs of a 2-player game
    (what :func:`folk_theorem_region` returns).

    Attributes
    ----------
    vertices : ndarray of shape ``(k, 2)``
        The region ``{v feasible : v_i >= minmax_i}`` as an ordered convex polygon
        (counter-clockwise from its lexicographically smallest vertex); ``k = 1`` or ``2``
        when it is a point or a segment, ``k = 0`` when it is empty (possible only with
        ``pure_minmax=True``).  The *strictly* individually rational vectors, those of the
        folk theorem, satisfy ``v_i > minmax_i`` (see :meth:`contains`).
    minmax : ndarray of shape ``(2,)``
        The minmax point (mixed or pure levels, following ``pure_minmax``).
    feasible_vertices : ndarray of shape ``(h, 2)``
        The feasible set (:func:`feasible_payoffs`).
    area : float
        Area of the region (0 for a point, a segment or the empty set).
    pure_minmax : bool
        Whether ``minmax`` holds pure minmax levels.
    punishers : tuple of ndarray
        Strategies that hold each player to the minmax level: the opponent's mixed
        strategy, or the unit vector of a pure punishing action when ``pure_minmax``.
    """

    vertices: np.ndarray
    minmax: np.ndarray
    feasible_vertices: np.ndarray
    area: float
    pure_minmax: bool
    punishers: tuple

    @property
    def is_empty(self) -> bool:
        """No feasible payoff vector is individually rational."""
        return len(self.vertices) == 0

    @property
    def closed_vertices(self) -> np.ndarray:
        """:attr:`vertices` with the first vertex repeated at the end (for line plots)."""
        if len(self.vertices) == 0:
            return self.vertices
        return np.vstack([self.vertices, self.vertices[:1]])

    def contains(self, point, *, strict: bool = False, tol: float | None = None) -> bool:
        """Whether a payoff pair is feasible and individually rational.

        Parameters
        ----------
        point : array_like of shape ``(2,)``
        strict : bool
            Require each coordinate to exceed the minmax level by more than ``tol``
            (strict individual rationality, the hypothesis of the folk theorem).
        tol : float, optional
            Absolute tolerance; default ``1e-9`` times the largest absolute coordinate of
            the feasible set (at least ``1e-9``).
        """
        p = np.asarray(point, dtype=np.float64)
        if p.shape != (2,) or not np.all(np.isfinite(p)):
            raise InvalidProfileError(f"a payoff pair is 2 finite numbers; got {point!r}")
        if tol is None:
            tol = _REL_TOL * _scale(self.feasible_vertices)
        elif not tol >= 0:
            raise InvalidOptionError(f"tol must be non-negative, got {tol}")
        if strict and not np.all(p > self.minmax + tol):
            return False
        return _in_convex(self.vertices, p, tol)

    def to_dict(self) -> dict:
        """JSON-ready summary (nested lists)."""
        return {"vertices": self.vertices.tolist(), "minmax": self.minmax.tolist(),
                "feasible_vertices": self.feasible_vertices.tolist(),
                "area": float(self.area), "pure_minmax": bool(self.pure_minmax),
                "punishers": [np.asarray(p).tolist() for p in self.punishers]}


def folk_theorem_region(game: NormalFormGame, *, pure_minmax: bool = False) -> FolkRegion:
    """The feasible, individually rational payoff region of a 2-player game.

    The feasible set (:func:`feasible_payoffs`) is intersected with the quadrant
    ``{v : v_1 >= w_1, v_2 >= w_2}`` above the minmax point ``w`` by clipping the convex
    polygon against the two half-planes.  By the folk theorems (Fudenberg and Maskin 1986
    for discounted 2-player games) every point of this region with ``v_i > w_i`` is the
    normalised discounted payoff of a subgame-perfect equilibrium of the repeated game
    for every discount factor close enough to 1 (with public randomisation, or as a limit
    of time-sharing sequences).

    With the mixed minmax point the region is never empty: a Nash equilibrium of the
    stage game pays each player at least her minmax level and its payoff is feasible.
    With ``pure_minmax=True`` the pure levels are used (punishers restricted to pure
    actions, the relevant notion when players cannot randomise, e.g. deterministic
    automata); these are higher and the region can be empty (matching pennies).

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game.
    pure_minmax : bool
        Use pure instead of mixed minmax levels.

    Returns
    -------
    FolkRegion

    Raises
    ------
    UnsupportedGameError
        For games with other than 2 players.
    SolverError
        When a minmax LP fails.

    Examples
    --------
    Battle of the sexes (payoffs (2, 1), (1, 2) and zeros): each player can be held to
    2/3 by mixing, but only to 1 by a pure punisher.

    >>> from gametheory.games import catalog
    >>> bos = catalog.get("battle-of-the-sexes")
    >>> r = folk_theorem_region(bos)
    >>> r.minmax.round(6).tolist(), len(r.vertices), round(r.area, 6)
    ([0.666667, 0.666667], 5, 1.055556)
    >>> folk_theorem_region(bos, pure_minmax=True).vertices.tolist()
    [[1.0, 1.0], [2.0, 1.0], [1.0, 2.0]]
    """
    _check_two_players(game, "the folk-theorem region")
    mm = minmax_levels(game)
    if pure_minmax:
        w = np.asarray(mm.pure_levels, dtype=np.float64)
        punishers = []
        for i in range(2):
            e = np.zeros(game.num_actions[1 - i])
            e[mm.pure_punishers[i][0]] = 1.0
            punishers.append(readonly(e))
        punishers = tuple(punishers)
    else:
        w = np.asarray(mm.levels, dtype=np.float64)
        punishers = mm.punishers
    feasible = feasible_payoffs(game)
    tol = _REL_TOL * _scale(feasible)
    V = np.array(feasible, dtype=np.float64)
    for axis in (0, 1):
        V = _clip(V, axis, float(w[axis]), tol)
    V = _normalise_polygon(V, tol)
    return FolkRegion(readonly(V.reshape(-1, 2)), readonly(w), feasible, _area(V),
                      bool(pure_minmax), punishers)
