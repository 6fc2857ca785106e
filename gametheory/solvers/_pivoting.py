"""The shared pivoting core: tableau pivots and the lexicographic minimum-ratio test.

These numba kernels are the arithmetic of every basis-exchange method in
:mod:`gametheory.solvers`: Lemke-Howson today, and the simplex method for LPs and Lemke's
algorithm for LCPs, which pivot the same way.  They see only arrays and scalars, never a
game.

Two tableau shapes are supported.

*Full tableau* ``T`` of shape ``(R, C + 1)``: the system ``T[:, :C] z = T[:, C]`` in ``C``
variables, in which the columns of the ``R`` basic variables form an identity matrix
(:func:`full_pivot`).

*Compact (dictionary, or Tucker) tableau* ``T`` of shape ``(R, W)``: only the columns of
the ``W - 1`` nonbasic variables are stored, plus the right-hand side (in any column the
caller chooses; the methods here keep it last).  The unit columns of the basic variables
are implicit.  A pivot exchanges the entering variable of column ``c`` with the basic
variable of row ``r``, and the leaving variable takes over column ``c``
(:func:`exchange_pivot`).  For ``R = C - R`` this halves both the memory and the work of a
pivot: ``R x (C - R + 1)`` updates instead of ``R x (C + 1)``.

Worked example: the constraints ``x + 2y + s1 = 4`` and ``3x + y + s2 = 6`` with ``s1``
and ``s2`` basic form the compact tableau ``[[1, 2, 4], [3, 1, 6]]`` (columns ``x``, ``y``,
right-hand side).  Bringing ``x`` in on row 1 gives ``x = 2 - y/3 - s2/3`` and
``s1 = 2 - 5y/3 + s2/3``; column 0 now holds ``s2``::

    >>> import numpy as np
    >>> T = np.array([[1.0, 2.0, 4.0], [3.0, 1.0, 6.0]])
    >>> exchange_pivot(T, 1, 0, np.empty(3))
    >>> np.round(T * 3, 12).tolist()   # rows: s1 + (-1/3) s2 + (5/3) y = 2, x + s2/3 + y/3 = 2
    [[-1.0, 5.0, 6.0], [1.0, 1.0, 6.0]]

*Lazy compact tableau* (:func:`lazy_pivot`, :func:`lazy_column`, :func:`lazy_flush`): a
compact tableau whose pivots are recorded and applied to a column only when that column
is needed (the entering column, the right-hand side, the rare tie-break column) or, for
all columns at once, when the record is full.  A pivot ``e`` maps every column ``t`` to
``t - a_e (v_e - e_{r_e})`` with ``a_e = t[r_e] / v_e[r_e]``, a linear map, so a block of
pivots is replayed as one rank-``k`` update, four pivots and four columns per pass.  The
eager pivot reads and writes the whole tableau at every pivot and is limited by memory
bandwidth; the replay does the same arithmetic with each column crossing the memory
hierarchy once per block, as in blocked (delayed-update) dense linear algebra.  Measured
here on Lemke-Howson paths: 2x faster per pivot at 200x200, 2.5x at 1000x1000.

The lexicographic minimum-ratio test (:func:`lex_min_ratio`, or its parts
:func:`ratio_candidates`, :func:`lex_filter`, :func:`lex_filter_unit` and
:func:`largest_pivot` for tableaux that compute columns on demand) picks the leaving row when
several rows tie in the ordinary ratio test, which happens at degenerate vertices.  Among
the rows ``i`` with a positive entry ``T[i, c]`` it takes the lexicographic minimum of the
row vectors ``(b_i, (B^{-1})_{i,0}, (B^{-1})_{i,1}, ...) / T[i, c]``, where ``b`` is the
right-hand side and ``B^{-1}`` the inverse of the current basis matrix, read from the
columns of the variables that formed the initial (identity) basis.  This is the simplex
method's lexicographic rule (Dantzig, Orden and Wolfe 1955) and it is what makes
Lemke-Howson terminate on degenerate games (von Stengel 2007, "Equilibrium computation for
two-player games in strategic and extensive form", Algorithmic Game Theory ch. 3,
section 3.5): it is the ordinary rule applied to the right-hand side perturbed by
``(eps, eps**2, ...)``, under which no two rows tie, since the rows of ``B^{-1}`` are
linearly independent.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from numba import njit

_CONTRACT = {"contract"}  # allow fused multiply-add, nothing else

__all__ = ["exchange_pivot", "exchange_pivot_buffered", "exchange_pivot_norms",
           "column_pivot", "full_pivot",
           "ratio_candidates", "lex_filter", "lex_filter_unit",
           "largest_pivot", "lex_min_ratio", "lex_keys_compact", "lazy_column", "lazy_flush",
           "lazy_pivot"]


@njit(cache=True, error_model="numpy")
def exchange_pivot(T, r, c, rowbuf):  # pragma: no cover - compiled
    """Pivot the compact tableau ``T`` on ``T[r, c]``, in place.

    The nonbasic variable of column ``c`` becomes basic in row ``r``; the variable that was
    basic in row ``r`` becomes nonbasic in column ``c``.  Every column, the right-hand
    side included, is updated: with ``p = T[r, c]``,

    * ``T[r, j] <- T[r, j] / p`` and ``T[r, c] <- 1 / p``,
    * ``T[i, j] <- T[i, j] - T[i, c] T[r, j] / p`` and ``T[i, c] <- -T[i, c] / p``
      for ``i != r``.

    ``rowbuf`` is a work array of length ``T.shape[1]`` (a separate buffer for the pivot
    row, so the update loop reads one array and writes another).  Rows whose entry in
    column ``c`` is exactly zero are skipped.
    """
    R, W = T.shape
    inv = 1.0 / T[r, c]
    for j in range(W):
        rowbuf[j] = T[r, j] * inv
    rowbuf[c] = inv
    for j in range(W):
        T[r, j] = rowbuf[j]
    for i in range(R):
        if i == r:
            continue
        f = T[i, c]
        if f != 0.0:
            T[i, c] = 0.0
            for j in range(W):
                T[i, j] -= f * rowbuf[j]


@njit(cache=True, error_model="numpy")
def exchange_pivot_buffered(T, r, c, rowbuf, colbuf):  # pragma: no cover - compiled
    """:func:`exchange_pivot` with a second work array ``colbuf`` of length
    ``T.shape[0]`` for the pivot column: the same numbers, bit for bit, but the column is
    read once (a strided gather) before the row updates, which then touch only their
    own row and ``rowbuf``.  About 10-30% faster on tableaux of 50 to 100 rows."""
    R, W = T.shape
    inv = 1.0 / T[r, c]
    for j in range(W):
        rowbuf[j] = T[r, j] * inv
    rowbuf[c] = inv
    for i in range(R):
        colbuf[i] = T[i, c]
    for j in range(W):
        T[r, j] = rowbuf[j]
    for i in range(R):
        if i == r:
            continue
        f = colbuf[i]
        if f != 0.0:
            for j in range(W):
                T[i, j] -= f * rowbuf[j]
            T[i, c] = -(f * inv)  # = 0 - f * rowbuf[c], as exchange_pivot computes it


@njit(cache=True, error_model="numpy")
def exchange_pivot_norms(T, r, c, rowbuf, colbuf, gam, nrows):  # pragma: no cover - compiled
    """:func:`exchange_pivot_buffered` (the same numbers, bit for bit) that also sets
    ``gam[j] = 1 + sum_{i < nrows} T[i, j]^2`` for every ``j < gam.shape[0]`` from the
    pivoted tableau, in the same pass over the rows: the squared edge lengths of the
    steepest-edge rule (Goldfarb and Reid 1977, "A practicable steepest-edge simplex
    algorithm", Math. Programming 12) computed exactly, not by their update formulas
    that drift.  ``nrows`` excludes the objective row(s) at the bottom, and
    ``gam.shape[0] <= T.shape[1]``.  Rows are updated four at a time so that ``gam`` is
    loaded and stored once per four rows (the pass is bound by stores): about 1.5x the
    cost of :func:`exchange_pivot_buffered` instead of 2.3x.  Every row is updated, also
    those with a zero in the pivot column (``x - 0 * y`` leaves them as they are)."""
    R, W = T.shape
    K = gam.shape[0]
    inv = 1.0 / T[r, c]
    for j in range(W):
        rowbuf[j] = T[r, j] * inv
    rowbuf[c] = inv
    for i in range(R):
        colbuf[i] = T[i, c]
    for j in range(W):
        T[r, j] = rowbuf[j]
    colbuf[r] = 0.0  # the pivot row is already final: x - 0 * y leaves it as it is
    for j in range(K):
        gam[j] = 1.0
    i = 0
    while i < nrows:
        if i + 3 < nrows:
            f0 = colbuf[i]
            f1 = colbuf[i + 1]
            f2 = colbuf[i + 2]
            f3 = colbuf[i + 3]
            for j in range(K):
                rj = rowbuf[j]
                t0 = T[i, j] - f0 * rj
                t1 = T[i + 1, j] - f1 * rj
                t2 = T[i + 2, j] - f2 * rj
                t3 = T[i + 3, j] - f3 * rj
                T[i, j] = t0
                T[i + 1, j] = t1
                T[i + 2, j] = t2
                T[i + 3, j] = t3
                gam[j] += (t0 * t0 + t1 * t1) + (t2 * t2 + t3 * t3)
            for j in range(K, W):
                rj = rowbuf[j]
                T[i, j] -= f0 * rj
                T[i + 1, j] -= f1 * rj
                T[i + 2, j] -= f2 * rj
                T[i + 3, j] -= f3 * rj
            i += 4
        else:
            f0 = colbuf[i]
            for j in range(K):
                t0 = T[i, j] - f0 * rowbuf[j]
                T[i, j] = t0
                gam[j] += t0 * t0
            for j in range(K, W):
                T[i, j] -= f0 * rowbuf[j]
            i += 1
    for i in range(nrows, R):
        f0 = colbuf[i]
        for j in range(W):
            T[i, j] -= f0 * rowbuf[j]
    # the pivot column now holds the variable that left: -(f * inv), and inv at row r
    g = 1.0
    for i in range(R):
        if i != r:
            T[i, c] = -(colbuf[i] * inv)
        if i < nrows:
            g += T[i, c] * T[i, c]
    if c < K:
        gam[c] = g


@njit(cache=True, error_model="numpy", fastmath=_CONTRACT)
def column_pivot(G, b, r, c, wbuf):  # pragma: no cover - compiled
    """:func:`exchange_pivot` on a compact tableau stored by columns: ``G[j]`` is the
    column of nonbasic variable ``j`` (contiguous), ``b`` the right-hand side, both
    updated in place; ``wbuf`` is a work array of length ``G.shape[1]``.

    With ``w = G[c]`` and ``p = w[r]``, every other column ``t`` (and ``b``) becomes
    ``t - a (w - e_r)`` with ``a = t[r] / p`` -- the same map :func:`lazy_pivot` records
    -- and column ``c`` becomes ``(-w_i / p, 1 / p at row r)``, the column of the variable
    that left.  One contiguous pass per column reading a copy of ``w`` (so the compiler
    sees no aliasing and vectorises it): for tableaux that fit in cache (Lemke-Howson up
    to about 100 actions) this beats the lazy tableau, whose replays pay off only when
    the tableau streams from memory.
    """
    N, R = G.shape
    for i in range(R):
        wbuf[i] = G[c, i]
    inv = 1.0 / wbuf[r]
    for j in range(N):
        if j == c:
            continue
        a = G[j, r] * inv
        if a != 0.0:
            for i in range(R):
                G[j, i] -= a * wbuf[i]
            G[j, r] = a
    a = b[r] * inv
    for i in range(R):
        b[i] -= a * wbuf[i]
    b[r] = a
    for i in range(R):
        G[c, i] = -(wbuf[i] * inv)
    G[c, r] = inv


@njit(cache=True, error_model="numpy")
def full_pivot(T, r, c, rowbuf):  # pragma: no cover - compiled
    """Pivot the full tableau ``T`` (basic columns form an identity) on ``T[r, c]``, in
    place: row ``r`` is divided by ``T[r, c]`` and eliminated from every other row, so
    column ``c`` becomes the unit vector ``e_r``.  ``rowbuf`` has length ``T.shape[1]``."""
    R, W = T.shape
    inv = 1.0 / T[r, c]
    for j in range(W):
        rowbuf[j] = T[r, j] * inv
    rowbuf[c] = 1.0
    for j in range(W):
        T[r, j] = rowbuf[j]
    for i in range(R):
        if i == r:
            continue
        f = T[i, c]
        if f != 0.0:
            for j in range(W):
                T[i, j] -= f * rowbuf[j]
            T[i, c] = 0.0


@njit(cache=True, error_model="numpy")
def lex_keys_compact(initial_labels, in_basis, pos, key_is_row, key_index):  # pragma: no cover
    """Where to read the columns of ``B^{-1}`` in a compact tableau.

    ``initial_labels[q]`` is the variable that was basic in row ``q`` of the initial
    (identity) basis; ``in_basis[v]`` says whether variable ``v`` is basic now and
    ``pos[v]`` is its row (basic) or column (nonbasic).  Column ``q`` of ``B^{-1}`` is the
    unit vector ``e_pos`` when that variable is basic (``key_is_row[q] = True``) and the
    stored column ``pos`` otherwise.  Fills ``key_is_row`` and ``key_index``.
    """
    for q in range(initial_labels.shape[0]):
        v = initial_labels[q]
        key_is_row[q] = in_basis[v]
        key_index[q] = pos[v]


@njit(cache=True, error_model="numpy")
def ratio_candidates(w, b, piv_tol, tie_tol, cand, ratios):  # pragma: no cover - compiled
    """The rows that tie in the ordinary minimum-ratio test for the entering column ``w``
    and right-hand side ``b``, written to ``cand``; returns how many (0: no entry of ``w``
    is positive, the ray is unbounded).

    Entries ``w[i] <= piv_tol * max |w|`` count as non-positive (round-off zeros never
    become pivots); ratios ``b[i] / w[i]`` within ``tie_tol * max(1, |min|)`` of the
    minimum count as tied.  ``ratios`` is a work array of the length of ``w`` (every pass
    is a branch-free loop that vectorises).
    """
    R = w.shape[0]
    colmax = 0.0
    for i in range(R):
        colmax = max(colmax, abs(w[i]))
    thr = piv_tol * colmax
    for i in range(R):
        ratios[i] = b[i] / w[i] if w[i] > thr else np.inf
    best = np.inf
    for i in range(R):
        best = min(best, ratios[i])
    if best == np.inf:
        return 0
    lim = best + tie_tol * max(1.0, abs(best))
    ncand = 0
    for i in range(R):
        if ratios[i] <= lim:
            cand[ncand] = i
            ncand += 1
    return ncand


@njit(cache=True, error_model="numpy")
def lex_filter(w, key, cand, ncand, tie_tol):  # pragma: no cover - compiled
    """Keep the candidate rows ``i`` that minimise ``key[i] / w[i]`` (within
    ``tie_tol``), in place; returns how many are kept.  ``key`` is a column of
    ``B^{-1}``."""
    best = np.inf
    for k in range(ncand):
        i = cand[k]
        v = key[i] / w[i]
        if v < best:
            best = v
    lim = best + tie_tol * max(1.0, abs(best))
    kept = 0
    for k in range(ncand):
        i = cand[k]
        if key[i] / w[i] <= lim:
            cand[kept] = i
            kept += 1
    return kept


@njit(cache=True, error_model="numpy")
def lex_filter_unit(w, row, cand, ncand):  # pragma: no cover - compiled
    """:func:`lex_filter` for the column ``e_row`` of ``B^{-1}`` (the column of a variable
    of the initial basis that is basic again, in row ``row``): the minimum of
    ``e_row[i] / w[i]`` is 0, taken by every candidate except ``row``."""
    kept = 0
    for k in range(ncand):
        i = cand[k]
        if i != row:
            cand[kept] = i
            kept += 1
    if kept == 0:  # row was the only candidate
        return ncand
    return kept


@njit(cache=True, error_model="numpy")
def largest_pivot(w, cand, ncand):  # pragma: no cover - compiled
    """The candidate row with the largest entry in ``w`` (the last tie-break, for rows
    that floating point could not separate)."""
    r = cand[0]
    for k in range(1, ncand):
        if w[cand[k]] > w[r]:
            r = cand[k]
    return r


@njit(cache=True, error_model="numpy")
def lex_min_ratio(T, c, rhs, key_is_row, key_index, piv_tol, tie_tol,
                  cand):  # pragma: no cover - compiled
    """The leaving row of the lexicographic minimum-ratio test for entering column ``c``
    of an (eager) tableau ``T``.

    Parameters
    ----------
    T : 2-d float array
        A compact or full tableau.
    c : int
        Column of the entering variable.
    rhs : int
        Column of the right-hand side.
    key_is_row, key_index : arrays of length ``R``
        Column ``q`` of ``B^{-1}``: the unit vector ``e_{key_index[q]}`` when
        ``key_is_row[q]``, else the tableau column ``key_index[q]`` (for a full tableau,
        every ``key_is_row[q]`` is False and ``key_index`` lists the columns of the initial
        basic variables; for a compact one see :func:`lex_keys_compact`).
    piv_tol, tie_tol : float
        See :func:`ratio_candidates`.
    cand : int array of length ``R``
        Work array.

    Returns
    -------
    int
        The pivot row, or ``-1`` when no entry of column ``c`` is positive (an unbounded
        ray).
    """
    w = T[:, c]
    ncand = ratio_candidates(w, T[:, rhs], piv_tol, tie_tol, cand, np.empty(T.shape[0]))
    if ncand == 0:
        return -1
    q = 0
    while ncand > 1 and q < key_is_row.shape[0]:
        if key_is_row[q]:
            ncand = lex_filter_unit(w, key_index[q], cand, ncand)
        else:
            ncand = lex_filter(w, T[:, key_index[q]], cand, ncand, tie_tol)
        q += 1
    return largest_pivot(w, cand, ncand)


# ------------------------------------------------------------------ lazy (blocked) tableau
# A pivot on row r with entering column v (p = v[r]) maps every column t of the tableau to
# t - a u with a = t[r] / p and u = v - e_r.  The map is linear, so k pivots in a row map t
# to t - sum_e a_e u_e, where a_e = (t[r_e] - sum_{e' < e} a_e' u_e'[r_e]) / p_e only needs
# the k entries t[r_e] and the k x k numbers M[e, e'] = u_e'[r_e].  A lazy tableau records
# the pivots and replays them on a column only when the column is needed, or on all
# columns at once when the record is full, four pivots per pass over memory.


@njit(cache=True, error_model="numpy")
def _coefficients(t, start, stop, eta_row, eta_inv, M, a):  # pragma: no cover - compiled
    """``a[e]`` for the recorded pivots ``start .. stop-1`` applied to the column ``t``
    (four partial sums, so the inner products do not form one long dependency chain)."""
    for e in range(start, stop):
        x0 = t[eta_row[e]]
        x1 = 0.0
        x2 = 0.0
        x3 = 0.0
        f = start
        while f + 4 <= e:
            x0 -= a[f] * M[e, f]
            x1 -= a[f + 1] * M[e, f + 1]
            x2 -= a[f + 2] * M[e, f + 2]
            x3 -= a[f + 3] * M[e, f + 3]
            f += 4
        while f < e:
            x0 -= a[f] * M[e, f]
            f += 1
        a[e] = ((x0 + x1) + (x2 + x3)) * eta_inv[e]


@njit(cache=True, error_model="numpy")
def _coefficients8(G, cols, q0, nq, stop, eta_row, eta_inv, M, X):  # pragma: no cover
    """:func:`_coefficients` (all recorded pivots) for the ``nq <= 8`` columns
    ``G[cols[q0]], ..., G[cols[q0 + nq - 1]]`` at once: ``X[e, q]`` receives ``a[e]`` of
    column ``cols[q0 + q]``.  The entries ``t[r_e]`` are gathered from the columns just
    before they are replayed, while they are in cache, and the recurrences of the columns
    run side by side."""
    for e in range(stop):
        r = eta_row[e]
        for q in range(nq):
            X[e, q] = G[cols[q0 + q], r]
        for f in range(e):
            mf = M[e, f]
            for q in range(8):
                X[e, q] -= mf * X[f, q]
        inv = eta_inv[e]
        for q in range(8):
            X[e, q] *= inv


@njit(cache=True, error_model="numpy", fastmath=_CONTRACT)
def _replay(t, start, stop, V, eta_row, a):  # pragma: no cover - compiled
    """``t <- t - sum_e a[e] (V[e] - e_{eta_row[e]})`` over ``e in start .. stop-1``,
    four pivots per pass."""
    R = t.shape[0]
    e = start
    while e + 4 <= stop:
        a0, a1, a2, a3 = a[e], a[e + 1], a[e + 2], a[e + 3]
        for i in range(R):
            t[i] -= (a0 * V[e, i] + a1 * V[e + 1, i]) + (a2 * V[e + 2, i] + a3 * V[e + 3, i])
        e += 4
    while e < stop:
        a0 = a[e]
        for i in range(R):
            t[i] -= a0 * V[e, i]
        e += 1
    for e in range(start, stop):
        t[eta_row[e]] += a[e]


@njit(cache=True, error_model="numpy", fastmath=_CONTRACT)
def _replay4(t0, t1, t2, t3, stop, V, X, q):  # pragma: no cover - compiled
    """:func:`_replay` of the pivots ``0 .. stop-1`` on four columns at once, with
    coefficients ``X[:, q .. q+3]``, four pivots per pass (each pass reads and writes the
    columns once and reads four rows of ``V`` once for the four columns), without the
    final unit-vector corrections."""
    R = t0.shape[0]
    e = 0
    while e < stop:
        # the last pass may hold fewer than four pivots: repeat row e with coefficient 0
        e1 = e + 1 if e + 1 < stop else e
        e2 = e + 2 if e + 2 < stop else e
        e3 = e + 3 if e + 3 < stop else e
        c00, c10, c20, c30 = X[e, q], X[e, q + 1], X[e, q + 2], X[e, q + 3]
        c01, c11, c21, c31 = X[e1, q], X[e1, q + 1], X[e1, q + 2], X[e1, q + 3]
        c02, c12, c22, c32 = X[e2, q], X[e2, q + 1], X[e2, q + 2], X[e2, q + 3]
        c03, c13, c23, c33 = X[e3, q], X[e3, q + 1], X[e3, q + 2], X[e3, q + 3]
        if e1 == e:
            c01 = c11 = c21 = c31 = 0.0
        if e2 == e:
            c02 = c12 = c22 = c32 = 0.0
        if e3 == e:
            c03 = c13 = c23 = c33 = 0.0
        for i in range(R):
            x0 = V[e, i]
            x1 = V[e1, i]
            x2 = V[e2, i]
            x3 = V[e3, i]
            t0[i] -= (c00 * x0 + c01 * x1) + (c02 * x2 + c03 * x3)
            t1[i] -= (c10 * x0 + c11 * x1) + (c12 * x2 + c13 * x3)
            t2[i] -= (c20 * x0 + c21 * x1) + (c22 * x2 + c23 * x3)
            t3[i] -= (c30 * x0 + c31 * x1) + (c32 * x2 + c33 * x3)
        e += 4


@njit(cache=True, error_model="numpy")
def lazy_column(G, ts, state, V, eta_row, eta_inv, M, work, j):  # pragma: no cover
    """Bring column ``j`` of a lazy compact tableau up to date (in place) and return it.

    A *lazy* compact tableau stores its nonbasic columns as the rows of ``G`` (shape
    ``(N, R)``, so a column is contiguous); column ``j`` is up to date as of the
    ``ts[j]``-th pivot.  The pivots since the last flush are recorded: ``state[0]`` pivots
    came before the first of them and ``state[1]`` are recorded; pivot ``e`` had pivot row
    ``eta_row[e]``, entering column ``V[e]`` (as it was then) and ``eta_inv[e] = 1 /
    V[e, eta_row[e]]``; ``M[e, f] = V[f, eta_row[e]] - [eta_row[e] == eta_row[f]]`` for
    ``f < e``.  ``work`` has length ``V.shape[0]``.  A column is brought up to date by
    replaying the pivots it has not seen (see the comment above); :func:`lazy_flush` does
    so for every column, so each column crosses the memory hierarchy once per
    ``V.shape[0]`` pivots instead of once per pivot, as in blocked (delayed-update) dense
    linear algebra.
    """
    base = state[0]
    k = state[1]
    t = G[j]
    s = ts[j] - base
    if s < k:
        _coefficients(t, s, k, eta_row, eta_inv, M, work)
        _replay(t, s, k, V, eta_row, work)
        ts[j] = base + k
    return t


@njit(cache=True, error_model="numpy")
def lazy_flush(G, ts, state, V, eta_row, eta_inv, M, work):  # pragma: no cover - compiled
    """Replay every recorded pivot on every column of a lazy tableau and clear the record.

    The columns that have seen none of the recorded pivots (all but the few touched since
    the last flush) get their coefficients together (:func:`_coefficients_many`) and are
    updated four at a time (:func:`_replay4`); the others one by one.  ``work`` has shape
    ``(4, V.shape[0])``."""
    base = state[0]
    k = state[1]
    N = G.shape[0]
    fresh = np.empty(N, dtype=np.int64)
    nf = 0
    for j in range(N):
        s = ts[j] - base
        if s == 0:
            fresh[nf] = j
            nf += 1
        elif s < k:
            t = G[j]
            _coefficients(t, s, k, eta_row, eta_inv, M, work[0])
            _replay(t, s, k, V, eta_row, work[0])
    X = np.zeros((k, 8))
    zero = np.int64(0)  # not a literal 0: one compiled version of each callee
    q = zero
    while q < nf:
        nq = min(8, nf - q)
        _coefficients8(G, fresh, q, nq, k, eta_row, eta_inv, M, X)
        h = zero
        while h + 4 <= nq:
            t0, t1 = G[fresh[q + h]], G[fresh[q + h + 1]]
            t2, t3 = G[fresh[q + h + 2]], G[fresh[q + h + 3]]
            _replay4(t0, t1, t2, t3, k, V, X, h)
            for e in range(k):
                r = eta_row[e]
                t0[r] += X[e, h]
                t1[r] += X[e, h + 1]
                t2[r] += X[e, h + 2]
                t3[r] += X[e, h + 3]
            h += 4
        while h < nq:
            for e in range(k):
                work[0, e] = X[e, h]
            _replay(G[fresh[q + h]], zero, k, V, eta_row, work[0])
            h += 1
        q += nq
    state[0] = base + k
    state[1] = 0
    ts[:] = base + k


@njit(cache=True, error_model="numpy")
def lazy_pivot(G, ts, state, V, eta_row, eta_inv, M, work, b, r, c):  # pragma: no cover
    """Pivot a lazy compact tableau on row ``r`` and column ``c`` (see
    :func:`lazy_column`); the right-hand side ``b`` is updated at once.

    Equivalent to :func:`exchange_pivot` on the compact tableau ``[G.T | b]`` in exact
    arithmetic; in floating point the entries differ by round-off only.  The record is
    flushed when it holds ``V.shape[0]`` pivots.  ``work`` has shape ``(4, V.shape[0])``.
    """
    if state[1] == V.shape[0]:
        lazy_flush(G, ts, state, V, eta_row, eta_inv, M, work)
    w = lazy_column(G, ts, state, V, eta_row, eta_inv, M, work[0], c)
    k = state[1]
    V[k, :] = w
    eta_row[k] = r
    inv = 1.0 / w[r]
    eta_inv[k] = inv
    for f in range(k):
        M[k, f] = V[f, r] - (1.0 if eta_row[f] == r else 0.0)
    state[1] = k + 1
    # right-hand side: b <- b - a (w - e_r), a = b[r] / p
    a = b[r] * inv
    for i in range(b.shape[0]):
        b[i] -= a * V[k, i]
    b[r] = a
    # the leaving variable takes column c: E e_r = (-w_i / p, 1 / p at row r)
    w = G[c]
    for i in range(w.shape[0]):
        w[i] = -(V[k, i] * inv)
    w[r] = inv
    ts[c] = state[0] + k + 1


def solve_fraction(M, b) -> list[Fraction] | None:
    """Solve the square system ``M z = b`` exactly by Gauss-Jordan elimination over the
    rationals (entries converted with :class:`fractions.Fraction`, floats exactly);
    ``None`` when ``M`` is singular.  Used to polish a support found in floating point.

    >>> solve_fraction([[2, 1], [1, 3]], [1, 2])
    [Fraction(1, 5), Fraction(3, 5)]
    """
    rows = [[Fraction(v) for v in row] + [Fraction(bb)] for row, bb in zip(M, b)]
    k = len(rows)
    for col in range(k):
        piv = next((r for r in range(col, k) if rows[r][col] != 0), None)
        if piv is None:
            return None
        rows[col], rows[piv] = rows[piv], rows[col]
        p = rows[col][col]
        pivot_row = [v / p for v in rows[col]]
        rows[col] = pivot_row
        for r in range(k):
            if r != col and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [a - f * c for a, c in zip(rows[r], pivot_row)]
    return [rows[r][k] for r in range(k)]
