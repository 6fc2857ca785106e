"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

The algorithm (Lemke and Howson 1964, "Equilibrium points of bimatrix games", SIAM J.
Appl. Math. 12) follows a path of almost completely labelled vertex pairs of the two best
response polytopes, in the formulation of von Stengel (2007, "Equilibrium computation
for two-player games in strategic and extensive form", Algorithmic Game Theory ch. 3).
With the row player's payoffs ``A`` and the column player's ``B`` (both ``m x n``, mapped
into ``[1, 2]`` by a positive affine map, which changes no equilibrium),

    P = {x in R^m : x >= 0, B^T x <= 1},        Q = {y in R^n : A y <= 1, y >= 0}.

Labels ``0 .. m-1`` are the row actions and ``m .. m+n-1`` the column actions: a point of
``P`` has label ``i`` when ``x_i = 0`` and label ``m + j`` when ``(B^T x)_j = 1``; a point
of ``Q`` has label ``i`` when ``(A y)_i = 1`` and ``m + j`` when ``y_j = 0``.  A pair
``(x, y) != (0, 0)`` carrying every label is a Nash equilibrium once ``x`` and ``y`` are
normalised to sum to one.  Starting from ``(0, 0)``, the algorithm drops the label
``init_pivot`` and pivots alternately in the two polytopes, each time bringing in the
variable of the label that just became duplicate, until the dropped label is picked up
again.

Implementation
--------------
Each polytope is one *compact* tableau (:mod:`._pivoting`): ``P``'s has ``n`` rows and
``m`` nonbasic columns, ``Q``'s ``m`` rows and ``n`` columns, so a pivot costs ``m n``
updates instead of the ``m (m + n)`` of a full tableau with its identity columns.  Pivots
are applied lazily (:func:`._pivoting.lazy_pivot`): a pivot only needs the entering column
and the right-hand side, so the other columns receive the recorded pivots in blocks, four
pivots and four columns per pass, which turns a memory-bound update into a compute-bound
one (measured here: 2x faster per pivot than updating the whole tableau at every pivot
at 200x200, 2.5x at 1000x1000).  Up to :data:`_EAGER_MAX_ACTIONS` actions per player the
tableaux fit in cache and are pivoted eagerly instead, one vectorised pass per column
(:func:`._pivoting.column_pivot`; 1.5 to 2 times faster per pivot than the lazy tableau
at 30x30 to 70x70, the same at 100x100).  The leaving variable is chosen by the lexicographic
minimum-ratio test, so degenerate games cannot make the path cycle (von Stengel 2007,
section 3.5).  Float payoffs are fine: the tableaux hold floats updated by division, never
integer multiples that grow or underflow.

When the path ends, the profile is certified with :meth:`Equilibrium.certify`.  If its
regret exceeds ``tol``, the final basis is solved again from the payoffs (the
indifference conditions on the supports, in float64, then in exact rationals for
supports of at most :data:`EXACT_REFINE_MAX` actions) and certified again.  A profile
that still fails is returned with ``converged=False``.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from numbers import Integral, Real

import numpy as np
from numba import njit

from .._errors import InvalidOptionError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ._pivoting import (column_pivot, largest_pivot, lazy_column, lazy_pivot, lex_filter,
                        lex_filter_unit, ratio_candidates, solve_fraction)
from ._result import Equilibrium, EquilibriumResult

__all__ = ["lemke_howson", "lemke_howson_enumeration", "EXACT_REFINE_MAX"]

#: Largest support size for which a failed float refinement is retried in exact rationals
#: (Gaussian elimination in Fractions costs ``O(k^3)`` operations on growing numbers).
EXACT_REFINE_MAX = 60

#: Pivot entries below this fraction of their column's largest magnitude count as zero.
_PIV_TOL = 1e-12
#: Ratios this close (relative) count as tied; ties go to the lexicographic rule.
_TIE_TOL = 1e-11

#: Up to this many actions per player the tableaux are pivoted eagerly (they fit in cache
#: and a pivot is one vectorised pass per column); above, lazily in blocks.
_EAGER_MAX_ACTIONS = 100

# kernel status codes
_DONE, _MAX_ITER, _RAY = 0, 1, 2


def _block_size(m: int, n: int) -> int:
    """Pivots recorded before a flush: the best of 8 .. 64 measured here grows with the
    tableau (8-16 at 200x200, 32-64 at 1000x1000); 0 (eager tableaux) up to
    :data:`_EAGER_MAX_ACTIONS` actions."""
    if max(m, n) <= _EAGER_MAX_ACTIONS:
        return 0
    return int(min(64, max(8, 4 * round(max(m, n) / 64))))


# ------------------------------------------------------------------------------ kernel
@njit(cache=True, error_model="numpy")
def _lh_step(G, b, ts, st, V, er, ei, M, work, cand, ratios, t, first, enter, in_basis, pos,
             row_label, piv_tol, tie_tol):  # pragma: no cover - compiled
    """One pivot in tableau ``t`` (``G``, ``b`` and its record ``ts .. M``, see
    :func:`._pivoting.lazy_column`) bringing in the variable ``enter``; returns the
    variable that left, or -1 when the column has no positive entry."""
    R = b.shape[0]
    c = pos[t, enter]
    w = lazy_column(G, ts, st, V, er, ei, M, work[0], c)
    ncand = ratio_candidates(w, b, piv_tol, tie_tol, cand, ratios)
    if ncand == 0:
        return -1
    # lexicographic tie-break on the columns of B^{-1}: the initial basic variables
    # (P: the slacks m .. m+n-1; Q: the slacks 0 .. m-1), in order
    q = 0
    while ncand > 1 and q < R:
        v = first + q
        if in_basis[t, v]:
            ncand = lex_filter_unit(w, pos[t, v], cand, ncand)
        else:
            key = lazy_column(G, ts, st, V, er, ei, M, work[1], pos[t, v])
            ncand = lex_filter(w, key, cand, ncand, tie_tol)
        q += 1
    r = largest_pivot(w, cand, ncand)
    leave = row_label[t, r]
    lazy_pivot(G, ts, st, V, er, ei, M, work, b, r, c)
    row_label[t, r] = enter
    in_basis[t, enter] = True
    pos[t, enter] = r
    in_basis[t, leave] = False
    pos[t, leave] = c
    return leave


@njit(cache=True, error_model="numpy")
def _lh_path_lazy(GP, bP, GQ, bQ, m, n, init_pivot, max_iter, piv_tol, tie_tol, in_basis,
                  pos, row_label, block):  # pragma: no cover - compiled
    """Follow the Lemke-Howson path from ``(0, 0)`` dropping label ``init_pivot``.

    ``GP`` holds the columns of ``P``'s compact tableau as rows (``m x n``), ``GQ`` those
    of ``Q`` (``n x m``), ``bP`` and ``bQ`` the right-hand sides; the tableaux are lazy
    (:func:`._pivoting.lazy_pivot`) with ``block`` pivots recorded between flushes.
    Variables are named by their label: in ``P`` the label ``i < m`` is ``x_i`` and
    ``m + j`` the slack of ``(B^T x)_j <= 1``; in ``Q`` the label ``i < m`` is the slack
    of ``(A y)_i <= 1`` and ``m + j`` is ``y_j``.  Bookkeeping, per tableau ``t`` (0 for
    ``P``, 1 for ``Q``): ``in_basis[t, v]``, ``pos[t, v]`` (row if basic, column if not)
    and ``row_label[t, r]`` (the basic variable of row ``r``).  Returns
    ``(pivots, status)``.
    """
    cand = np.empty(max(m, n), dtype=np.int64)
    ratios = np.empty(max(m, n))
    work = np.empty((4, block))
    tsP = np.zeros(m, dtype=np.int64)
    stP = np.zeros(2, dtype=np.int64)
    VP = np.empty((block, n))
    erP = np.empty(block, dtype=np.int64)
    eiP = np.empty(block)
    MP = np.zeros((block, block))
    tsQ = np.zeros(n, dtype=np.int64)
    stQ = np.zeros(2, dtype=np.int64)
    VQ = np.empty((block, m))
    erQ = np.empty(block, dtype=np.int64)
    eiQ = np.empty(block)
    MQ = np.zeros((block, block))
    k = init_pivot
    enter = k
    t = 0 if k < m else 1
    it = 0
    while it < max_iter:
        # first: the label of the first initial basic variable (P: m, Q: 0)
        first = m * (1 - t)
        if t == 0:
            leave = _lh_step(GP, bP, tsP, stP, VP, erP, eiP, MP, work, cand, ratios[:n], t,
                             first, enter, in_basis, pos, row_label, piv_tol, tie_tol)
        else:
            leave = _lh_step(GQ, bQ, tsQ, stQ, VQ, erQ, eiQ, MQ, work, cand, ratios[:m], t,
                             first, enter, in_basis, pos, row_label, piv_tol, tie_tol)
        if leave < 0:
            return it, _RAY
        it += 1
        if leave == k:
            return it, _DONE
        enter = leave
        t = 1 - t
    return it, _MAX_ITER


@njit(cache=True, error_model="numpy")
def _lh_step_eager(G, b, cand, ratios, wbuf, t, first, enter, in_basis, pos, row_label,
                   piv_tol, tie_tol):  # pragma: no cover - compiled
    """:func:`_lh_step` on an eager compact tableau stored by columns (``G[j]`` is column
    ``j``, always up to date; :func:`._pivoting.column_pivot`)."""
    R = b.shape[0]
    c = pos[t, enter]
    w = G[c]
    ncand = ratio_candidates(w, b, piv_tol, tie_tol, cand, ratios)
    if ncand == 0:
        return -1
    q = 0
    while ncand > 1 and q < R:
        v = first + q
        if in_basis[t, v]:
            ncand = lex_filter_unit(w, pos[t, v], cand, ncand)
        else:
            ncand = lex_filter(w, G[pos[t, v]], cand, ncand, tie_tol)
        q += 1
    r = largest_pivot(w, cand, ncand)
    leave = row_label[t, r]
    column_pivot(G, b, r, c, wbuf)
    row_label[t, r] = enter
    in_basis[t, enter] = True
    pos[t, enter] = r
    in_basis[t, leave] = False
    pos[t, leave] = c
    return leave


@njit(cache=True, error_model="numpy")
def _lh_path_eager(GP, bP, GQ, bQ, m, n, init_pivot, max_iter, piv_tol, tie_tol, in_basis,
                   pos, row_label):  # pragma: no cover - compiled
    """:func:`_lh_path_lazy` with eager tableaux: the choice for games up to
    :data:`_EAGER_MAX_ACTIONS` actions, whose tableaux stay in cache."""
    cand = np.empty(max(m, n), dtype=np.int64)
    ratios = np.empty(max(m, n))
    wbuf = np.empty(max(m, n))
    k = init_pivot
    enter = k
    t = 0 if k < m else 1
    it = 0
    while it < max_iter:
        first = m * (1 - t)
        if t == 0:
            leave = _lh_step_eager(GP, bP, cand, ratios[:n], wbuf[:n], t, first, enter,
                                   in_basis, pos, row_label, piv_tol, tie_tol)
        else:
            leave = _lh_step_eager(GQ, bQ, cand, ratios[:m], wbuf[:m], t, first, enter,
                                   in_basis, pos, row_label, piv_tol, tie_tol)
        if leave < 0:
            return it, _RAY
        it += 1
        if leave == k:
            return it, _DONE
        enter = leave
        t = 1 - t
    return it, _MAX_ITER


@njit(cache=True, error_model="numpy")
def _affine(M):  # pragma: no cover - compiled
    """``(lo, scale)`` with ``1 + (M - lo) * scale`` in ``[1, 2]`` (all ones for a constant
    ``M``): positive payoffs keep ``P`` and ``Q`` bounded, and the fixed scale makes the
    tolerances of the ratio test meaningful."""
    lo = M.min()
    hi = M.max()
    return lo, (1.0 / (hi - lo) if hi > lo else 0.0)


@njit(cache=True, error_model="numpy")
def _lh_solve(A, B, init_pivot, max_iter, piv_tol, tie_tol, block):  # pragma: no cover
    """Build the lazy tableaux, follow the path, read the vertex pair.

    Returns ``(x, y, pivots, status, in_basis)`` with ``x`` and ``y`` unnormalised."""
    m, n = A.shape
    L = m + n
    GP = np.empty((m, n))  # column i of P's tableau (x_i) is row i of B
    GQ = np.empty((n, m))  # column j of Q's tableau (y_j) is column j of A
    loB, scB = _affine(B)
    loA, scA = _affine(A)
    for i in range(m):
        for j in range(n):
            GP[i, j] = 1.0 + (B[i, j] - loB) * scB
            GQ[j, i] = 1.0 + (A[i, j] - loA) * scA
    bP = np.ones(n)
    bQ = np.ones(m)
    in_basis = np.zeros((2, L), dtype=np.bool_)
    pos = np.empty((2, L), dtype=np.int64)
    row_label = np.empty((2, max(m, n)), dtype=np.int64)
    for i in range(m):
        pos[0, i] = i           # P: x_i nonbasic in column i
        pos[1, i] = i           # Q: slack i basic in row i
        in_basis[1, i] = True
        row_label[1, i] = i
    for j in range(n):
        pos[0, m + j] = j       # P: slack m + j basic in row j
        in_basis[0, m + j] = True
        row_label[0, j] = m + j
        pos[1, m + j] = j       # Q: y_j nonbasic in column j
    if block <= 0:
        pivots, status = _lh_path_eager(GP, bP, GQ, bQ, m, n, init_pivot, max_iter, piv_tol,
                                        tie_tol, in_basis, pos, row_label)
    else:
        pivots, status = _lh_path_lazy(GP, bP, GQ, bQ, m, n, init_pivot, max_iter, piv_tol,
                                       tie_tol, in_basis, pos, row_label, block)
    x = np.zeros(m)
    y = np.zeros(n)
    for i in range(m):
        if in_basis[0, i]:
            x[i] = bP[pos[0, i]]
    for j in range(n):
        if in_basis[1, m + j]:
            y[j] = bQ[pos[1, m + j]]
    return x, y, pivots, status, in_basis


@njit(cache=True)
def _normalise_nb(v):  # pragma: no cover - compiled
    """Negative and zero entries set to 0, then scaled to sum 1; False when nothing is
    positive (``v`` is then left with its non-positive entries zeroed)."""
    s = 0.0
    for i in range(v.shape[0]):
        if v[i] > 0:
            s += v[i]
        else:
            v[i] = 0.0
    if not s > 0:
        return False
    for i in range(v.shape[0]):
        v[i] /= s
    return True


# ------------------------------------------------------------------------------ helpers
def _check_two_player(game, name: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{name} needs a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(f"{name} handles 2-player games; this game has "
                                   f"{game.num_players} players")


def _check_int(value, name: str, *, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (Integral, np.integer)) \
            or int(value) < low:
        raise InvalidOptionError(f"{name} must be an integer >= {low}, got {value!r}")
    return int(value)


def _check_tol(tol) -> float:
    if isinstance(tol, bool) or not isinstance(tol, Real) or not math.isfinite(tol) \
            or tol < 0:
        raise InvalidOptionError(f"tol must be a non-negative finite number, got {tol!r}")
    return float(tol)


def _normalise(v: np.ndarray) -> np.ndarray | None:
    v = np.where(v > 0, v, 0.0)
    s = v.sum()
    if not s > 0:
        return None
    return v / s


def _indifference_system(M, support, tight):
    """The square system ``M[tight, support] z = u 1``, ``sum(z) = 1`` in ``(z, u)``."""
    k = len(support)
    S = np.zeros((k + 1, k + 1), dtype=M.dtype)
    S[:k, :k] = M[np.ix_(tight, support)]
    S[:k, k] = -1
    S[k, :k] = 1
    rhs = np.zeros(k + 1, dtype=M.dtype)
    rhs[k] = 1
    return S, rhs




def _supports(m, n, in_basis):
    """From the final bases: the basic ``x`` (row support) and the tight columns of ``P``,
    the basic ``y`` (column support) and the tight rows of ``Q``.  Each pair has equal
    sizes (a basis is square)."""
    sx = [i for i in range(m) if in_basis[0, i]]
    tight_cols = [j for j in range(n) if not in_basis[0, m + j]]
    sy = [j for j in range(n) if in_basis[1, m + j]]
    tight_rows = [i for i in range(m) if not in_basis[1, i]]
    return sx, tight_cols, sy, tight_rows


def _refine_float(game, sx, tight_cols, sy, tight_rows):
    A, B = game.payoffs
    m, n = game.num_actions
    try:
        S, rhs = _indifference_system(B.T, sx, tight_cols)
        zx = np.linalg.solve(S, rhs)
        S, rhs = _indifference_system(A, sy, tight_rows)
        zy = np.linalg.solve(S, rhs)
    except np.linalg.LinAlgError:
        return None
    x = np.zeros(m)
    y = np.zeros(n)
    x[sx] = zx[:-1]
    y[sy] = zy[:-1]
    x, y = _normalise(x), _normalise(y)
    if x is None or y is None:
        return None
    return (x, y), None


def _refine_exact(game, sx, tight_cols, sy, tight_rows):
    A, B = game.rational_payoffs()
    m, n = game.num_actions
    S, rhs = _indifference_system(B.T, sx, tight_cols)
    zx = solve_fraction(S, rhs)
    S, rhs = _indifference_system(A, sy, tight_rows)
    zy = solve_fraction(S, rhs)
    if zx is None or zy is None:
        return None
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for i, v in zip(sx, zx[:-1]):
        x[i] = v
    for j, v in zip(sy, zy[:-1]):
        y[j] = v
    if min(x) < 0 or min(y) < 0:
        return None
    exact = (tuple(x), tuple(y))
    return (np.array([float(v) for v in x]), np.array([float(v) for v in y])), exact


def _path(game: NormalFormGame, label: int, max_iter: int):
    """Run the kernel: ``(x, y, pivots, status, in_basis)``."""
    m, n = game.num_actions
    A, B = game.payoffs
    return _lh_solve(A, B, label, max_iter, _PIV_TOL, _TIE_TOL, _block_size(m, n))


def _certify_end(game: NormalFormGame, x, y, status, in_basis, threshold):
    """Certify the end of a path, refining it when its regret is above ``threshold``:
    ``(equilibrium or None, converged)``."""
    x, y = x.copy(), y.copy()  # the caller's arrays stay as they are
    ok = _normalise_nb(x) & _normalise_nb(y)
    eq = Equilibrium._certify_pair(game, x, y) if ok else None
    if status != _DONE:
        return eq, False
    if eq is not None and eq.max_regret <= threshold:
        return eq, True
    m, n = game.num_actions
    supports = _supports(m, n, in_basis)
    refined = _refine_float(game, *supports)
    if refined is not None:
        cand = Equilibrium.certify(game, refined[0])
        if cand.max_regret <= threshold:
            return cand, True
    if max(len(supports[0]), len(supports[2])) <= EXACT_REFINE_MAX:
        refined = _refine_exact(game, *supports)
        if refined is not None:
            cand = Equilibrium.certify(game, refined[0], exact=refined[1])
            if cand.max_regret <= threshold:
                return cand, True
    return eq, False


def _scaled(game: NormalFormGame, tol: float) -> float:
    return tol * max(1.0, game._max_abs_payoff())


# ------------------------------------------------------------------------------ public
def lemke_howson(game: NormalFormGame, *, init_pivot: int = 0, max_iter: int = 1_000_000,
                 capping: int | None = None, tol: float = 1e-9) -> EquilibriumResult:
    """One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

    Guarantee: **one** equilibrium, for every two-player game, degenerate ones included
    (the lexicographic ratio test keeps the path from cycling).  It is an extreme
    equilibrium, and which one depends on ``init_pivot``.  Paths can be exponentially
    long (Savani and von Stengel 2006), and on uniformly random games their length varies
    a lot from game to game and from label to label; ``capping`` hedges against a long
    one.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game, any payoffs (floats or exact).
    init_pivot : int
        The label dropped first, in ``range(m + n)``: ``i < m`` is the row player's
        action ``i``, ``m + j`` the column player's action ``j``.
    max_iter : int
        Largest number of pivots in all.
    capping : int, optional
        When given, follow the paths of the labels ``init_pivot, init_pivot + 1, ...``
        (modulo ``m + n``) in turn for at most ``capping`` pivots each, and return the
        first that ends; if none does, follow the path of ``init_pivot`` to its end (the
        heuristic of Codenotti, De Rossi and Pagan 2008, "An experimental analysis of
        Lemke-Howson algorithm", arXiv:0811.3247).  ``params["label"]`` says which
        label's path was used.
    tol : float
        The answer's ``max_regret`` must be at most ``tol`` times
        ``max(1, max |payoff|)``; otherwise it is refined (see Notes), and marked
        ``converged=False`` if refining does not help.

    Returns
    -------
    EquilibriumResult
        ``scope="one"``; one equilibrium certified by
        :func:`~gametheory.concepts.max_regret`.  ``num_iter`` counts pivots (of every
        path tried).  When ``max_iter`` is hit, ``converged`` and ``complete`` are False
        and the list holds the point where the path stopped, with its regret, when both
        of its strategies are nonzero.

    Raises
    ------
    UnsupportedGameError
        ``game`` is not a two-player normal-form game.
    InvalidOptionError
        ``init_pivot`` outside ``range(m + n)``, ``max_iter`` or ``capping`` not a
        positive integer, or a negative ``tol``.

    Notes
    -----
    Both polytopes are kept as compact float64 tableaux and a pivot updates one of them
    (module docstring).  When the path ends, the regret is checked; if it is above the
    tolerance, the supports' indifference equations are solved again from the original
    payoffs, first in floats, then (supports up to :data:`EXACT_REFINE_MAX` actions) in
    exact rationals, and the result is certified again.

    Examples
    --------
    Battle of the sexes (Luce and Raiffa 1957) has three equilibria; dropping the row
    player's first action leads to (Opera, Opera) in two pivots, dropping the column
    player's second action to (Football, Football):

    >>> from gametheory.games import catalog
    >>> bos = catalog.get("battle-of-the-sexes")
    >>> res = lemke_howson(bos, init_pivot=0)
    >>> res[0].pure_profile, res.converged, res.num_iter
    ((0, 0), True, 2)
    >>> lemke_howson(bos, init_pivot=3)[0].pure_profile
    (1, 1)

    Matching pennies has only its mixed equilibrium:

    >>> res = lemke_howson(catalog.get("matching-pennies"))
    >>> [s.tolist() for s in res[0].strategies], res.max_regret
    ([[0.5, 0.5], [0.5, 0.5]], 0.0)
    """
    start = time.perf_counter()
    _check_two_player(game, "lemke_howson")
    max_iter = _check_int(max_iter, "max_iter", low=1)
    tol = _check_tol(tol)
    m, n = game.num_actions
    if isinstance(init_pivot, bool) or not isinstance(init_pivot, (Integral, np.integer)) \
            or not 0 <= int(init_pivot) < m + n:
        raise InvalidOptionError(f"init_pivot must be an integer in range({m + n}) "
                                  f"(m + n labels for a {m}x{n} game), got {init_pivot!r}")
    init_pivot = int(init_pivot)
    if capping is not None:
        capping = _check_int(capping, "capping", low=1)
    threshold = _scaled(game, tol)
    total = 0
    label = init_pivot
    run = None
    if capping is not None and capping < max_iter:
        for step in range(m + n):
            label = (init_pivot + step) % (m + n)
            run = _path(game, label, min(capping, max_iter - total))
            total += int(run[2])
            if run[3] == _DONE or total >= max_iter:
                break
        if run[3] != _DONE and total < max_iter:
            label = init_pivot
            run = _path(game, label, max_iter - total)
            total += int(run[2])
    else:
        run = _path(game, label, max_iter)
        total = int(run[2])
    x, y, _, status, in_basis = run
    eq, converged = _certify_end(game, x, y, status, in_basis, threshold)
    eqs = () if eq is None else (eq,)
    params = {"init_pivot": init_pivot, "max_iter": max_iter, "capping": capping, "tol": tol,
              "label": label}
    return EquilibriumResult(
        method="lemke_howson", equilibria=eqs, complete=converged, scope="one",
        converged=converged, num_iter=total,
        max_regret=max((e.max_regret for e in eqs), default=0.0), params=params,
        elapsed=time.perf_counter() - start)


def _same(e1: Equilibrium, e2: Equilibrium, atol: float) -> bool:
    return all(np.allclose(a, b, atol=atol, rtol=0)
               for a, b in zip(e1.strategies, e2.strategies))


def lemke_howson_enumeration(game: NormalFormGame, *, max_iter: int = 1_000_000,
                             tol: float = 1e-9) -> EquilibriumResult:
    """The equilibria Lemke-Howson reaches from each of the ``m + n`` initial labels.

    Guarantee: every listed profile is a certified equilibrium, but the list is **not
    guaranteed to hold all equilibria** (``complete=False``): some equilibria lie on no
    path from the artificial equilibrium (Shapley 1974), and several labels often lead to
    the same one.  Use vertex enumeration for every extreme equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    max_iter : int
        Largest number of pivots of each path.
    tol : float
        As in :func:`lemke_howson`.

    Returns
    -------
    EquilibriumResult
        ``scope="all"``, ``complete=False``; the distinct equilibria in the order of the
        first label that reached each (``params["labels"][k]`` lists the labels that
        reached equilibrium ``k``).  ``num_iter`` counts the pivots of all paths;
        ``converged`` is False when some path failed (its point is then left out).

    Raises
    ------
    UnsupportedGameError, InvalidOptionError
        As :func:`lemke_howson`.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> res = lemke_howson_enumeration(catalog.get("battle-of-the-sexes"))
    >>> [e.pure_profile for e in res], res.params["labels"], res.complete
    ([(0, 0), (1, 1)], [[0, 2], [1, 3]], False)

    The mixed equilibrium of battle of the sexes lies on no Lemke-Howson path from the
    artificial equilibrium, so no label finds it.
    """
    start = time.perf_counter()
    _check_two_player(game, "lemke_howson_enumeration")
    max_iter = _check_int(max_iter, "max_iter", low=1)
    tol = _check_tol(tol)
    m, n = game.num_actions
    threshold = _scaled(game, tol)
    found: list[Equilibrium] = []
    labels: list[list[int]] = []
    total = 0
    all_converged = True
    atol = max(1e-6, 1e3 * tol)
    for k in range(m + n):
        x, y, pivots, status, in_basis = _path(game, k, max_iter)
        total += int(pivots)
        eq, converged = _certify_end(game, x, y, status, in_basis, threshold)
        if not converged or eq is None:
            all_converged = False
            continue
        for idx, f in enumerate(found):
            if _same(eq, f, atol):
                labels[idx].append(k)
                break
        else:
            found.append(eq)
            labels.append([k])
    return EquilibriumResult(
        method="lemke_howson_enumeration", equilibria=tuple(found), complete=False,
        scope="all", converged=all_converged, num_iter=total,
        max_regret=max((e.max_regret for e in found), default=0.0),
        params={"max_iter": max_iter, "tol": tol, "labels": labels},
        elapsed=time.perf_counter() - start)
