"""All Nash equilibria of a two-player game by support enumeration, correct on degenerate
games too.

Notation: the row player mixes ``x`` over the ``m`` rows, the column player ``y`` over the
``n`` columns; ``A = game.payoffs[0]`` and ``B = game.payoffs[1]`` are both indexed
``[row, column]``.  A pair ``(x, y)`` is an equilibrium iff every row in the support of
``x`` is a best response to ``y`` and every column in the support of ``y`` a best response
to ``x``.

The method
----------
Classical support enumeration (von Stengel 2007, "Equilibrium computation for two-player
games in strategic and extensive form", *Algorithmic Game Theory* ch. 3) tries every pair
of supports ``(I, J)`` with ``|I| = |J| = k``, solves

    sum_{j in J} A[i, j] y_j = u  (i in I),    sum_j y_j = 1,
    sum_{i in I} x_i B[i, j] = v  (j in J),    sum_i x_i = 1,

and keeps the pair when ``x, y >= 0`` and no action outside the supports does better.  It
finds every equilibrium of a *nondegenerate* game, one in which no mixed strategy with
``k`` actions in its support has more than ``k`` pure best responses (there, supports of
equilibria have equal sizes).

The two halves of that system are independent: the ``y``-half with ``(I, J)`` is a *basis*
of the column player's best-response polyhedron ``Q = {(y, u): y >= 0, sum y = 1,
A y <= u}`` -- ``J`` the columns allowed to be positive, ``I`` the rows forced to be best
responses -- and its solution, when feasible, is a vertex of ``Q``; likewise the
``x``-half is a basis of ``P = {(x, v): x >= 0, sum x = 1, B^T x <= v}``.  Every vertex of
``Q`` is the solution of at least one nonsingular basis with ``|I| = |J|`` (the tight
constraints of a vertex have full rank, and a full-rank set contains a square nonsingular
subsystem holding the row ``sum y = 1``).  So enumerating all bases of both polyhedra
yields every vertex of both, with its support and its set of tight best responses, and:

* the *extreme* equilibria of any two-player game -- degenerate or not -- are exactly the
  pairs of vertices ``x`` of ``P`` and ``y`` of ``Q`` with ``supp(x) <= BR(y)`` and
  ``supp(y) <= BR(x)`` (Mangasarian 1964, "Equilibrium points of bimatrix games"; Avis,
  Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash equilibria for two-player
  games", *Economic Theory* 42);
* every equilibrium lies in a *maximal Nash subset* ``conv(X_k) x conv(Y_k)``, where
  ``X_k x Y_k`` is a maximal biclique of that compatibility relation (Winkels 1979;
  Jansen 1981); :func:`support_enumeration` returns the bicliques as
  ``params["nash_subsets"]``;
* the game is nondegenerate iff every vertex of ``P`` and ``Q`` has as many tight best
  responses as actions in its support (a degenerate strategy, if any, lies on a face of
  ``P`` or ``Q`` whose vertices are degenerate too).  This is the nondegeneracy test we
  use, and it costs nothing extra: the enumeration sees every vertex.  In float mode
  "tight" and "zero" mean within ``tol``; with ``exact=True`` they are exact.

The set of equilibria is finite iff every vertex is compatible with at most one vertex of
the other player (two partners ``y1, y2`` of ``x`` make the whole segment ``(x, [y1,
y2])`` equilibria); then the extreme equilibria are all the equilibria
(``params["extreme_only"]`` is False), even in a degenerate game.  As everywhere in
gametheory, ``complete=True`` with ``scope="all"`` means every extreme equilibrium is
listed, which describes the whole set (it is the union of ``conv(X) x conv(Y)`` over the
maximal Nash subsets).

How the search is made fast
---------------------------
* Supports are visited depth first, and a row that another row beats by more than
  ``tol`` on every column of the support ``J`` can never be a best response to a ``y``
  with support ``J``; only the other rows are combined into ``I`` (conditional dominance,
  Porter, Nudelman and Shoham 2004, "Simple search methods for finding a Nash
  equilibrium").  On random 10x10 games this leaves a third to a half of the 184,755
  bases.
* For a fixed support the sets ``I`` are visited in lexicographic order and the
  elimination is incremental: only the rows after the first changed one are reduced
  again, and a prefix of dependent rows discards every completion at once.
* A basis is rejected as soon as back substitution produces a negative probability; the
  best-response check runs only on the survivors and stops at the first better action.
* When neither polyhedron has a degenerate vertex, a vertex ``x`` can only pair with the
  ``y`` whose support is ``x``'s best responses and whose best responses are ``x``'s
  support: pairs are found by a hash look-up, not by comparing all pairs of vertices.
  Dominance elimination, both searches, the pairing and the profiles are one compiled
  call, and the equilibria are certified in one batch, so on small games the Python
  work per call is a few tens of microseconds.
* ``nondegenerate=True`` visits the row player's polyhedron only at the one basis each
  vertex of the column player's polyhedron allows (classical support enumeration), and
  switches to the full search if that would be wrong (see :func:`support_enumeration`).

Cost: at most ``sum_k C(m, k) C(n, k) = C(m + n, m) - 1`` bases per player (184,755 for
10x10, 2.7 million for 12x12).  Before enumerating, actions strictly dominated by another
pure action (by more than the tolerance) are removed, iteratively; iterated strict
dominance keeps every equilibrium.
"""

from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations
from math import lcm

import numpy as np
from numba import njit

from .._errors import InvalidOptionError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ._result import Equilibrium, EquilibriumResult
from ._vertex_kernels import _find_slot

__all__ = ["support_enumeration"]

#: A pivot below this (payoffs scaled to ``[-1, 1]``) makes a basis singular in float mode.
_PIVOT_TOL = 1e-12
#: Initial room for vertex records; the kernel reports the count and is rerun when short.
_INITIAL_CAPACITY = 4096
#: Above this many extreme equilibria the maximal Nash subsets are not computed.
_MAX_SUBSET_VERTICES = 400
#: Up to this many candidates are ordered by a compiled insertion sort, above by lexsort.
_INSERTION_SORT_MAX = 64


# ---------------------------------------------------------------------------- numba core
@njit(cache=True)
def _basis_solve(C, rows, cols, k, M, sol, piv_tol, tol):  # pragma: no cover - compiled
    """Solve ``C[rows[t], cols] . z = C[rows[0], cols] . z`` (t >= 1), ``sum z = 1`` by
    Gaussian elimination with partial pivoting.

    Returns 0 when the basis is singular, 1 when some ``z_s < -tol`` (rejected as early as
    back substitution finds it), 2 when ``z >= -tol``."""
    r0 = rows[0]
    for t in range(k - 1):
        rt = rows[t + 1]
        for s in range(k):
            M[t, s] = C[rt, cols[s]] - C[r0, cols[s]]
        M[t, k] = 0.0
    for s in range(k + 1):
        M[k - 1, s] = 1.0
    for p in range(k):
        piv = p
        best = abs(M[p, p])
        for i in range(p + 1, k):
            a = abs(M[i, p])
            if a > best:
                best = a
                piv = i
        if best <= piv_tol:
            return 0
        if piv != p:
            for j in range(p, k + 1):
                tmp = M[p, j]
                M[p, j] = M[piv, j]
                M[piv, j] = tmp
        inv = 1.0 / M[p, p]
        for i in range(p + 1, k):
            f = M[i, p] * inv
            for j in range(p + 1, k + 1):
                M[i, j] -= f * M[p, j]
    for i in range(k - 1, -1, -1):
        acc = M[i, k]
        for j in range(i + 1, k):
            acc -= M[i, j] * sol[j]
        z = acc / M[i, i]
        if z < -tol:
            return 1
        sol[i] = z
    return 2


@njit(cache=True)
def _best_response_check(C, rows, cols, k, inrow, sol, tol):  # pragma: no cover
    """Value ``u`` of the tight rows and a status: 0 when a row outside ``rows`` beats
    ``u`` by more than ``tol``, 2 when some row outside ties within ``tol`` or some
    ``sol_s <= tol`` (a degenerate vertex), 1 otherwise."""
    r0 = rows[0]
    u = 0.0
    for s in range(k):
        u += C[r0, cols[s]] * sol[s]
    status = 1
    for i in range(C.shape[0]):
        if inrow[i]:
            continue
        val = 0.0
        for s in range(k):
            val += C[i, cols[s]] * sol[s]
        if val > u + tol:
            return u, 0
        if val >= u - tol:
            status = 2
    for s in range(k):
        if sol[s] <= tol:
            status = 2
    return u, status


@njit(cache=True)
def _record(C, cols, k, sol, u, tol, count, cap, vals, pay, supp, tight):  # pragma: no cover
    """Store one vertex: dense strategy, value, support and tight best responses."""
    if count < cap:
        for j in range(vals.shape[1]):
            vals[count, j] = 0.0
            supp[count, j] = False
        for s in range(k):
            vals[count, cols[s]] = sol[s]
            supp[count, cols[s]] = sol[s] > tol
        pay[count] = u
        for i in range(C.shape[0]):
            val = 0.0
            for s in range(k):
                val += C[i, cols[s]] * sol[s]
            tight[count, i] = val >= u - tol
    return count + 1


@njit(cache=True)
def _dominance_step(dom, d, C, s, margin):  # pragma: no cover - compiled
    """``dom[d] = dom[d - 1]`` and "row b beats row a by more than margin in column s"."""
    r = C.shape[0]
    for a in range(r):
        ca = C[a, s]
        for b in range(r):
            dom[d, a, b] = dom[d - 1, a, b] and C[b, s] - ca > margin


@njit(cache=True)
def _advance(c, k, n, t):  # pragma: no cover - compiled
    """Next k-subset of ``range(n)`` (lexicographic) that differs from ``c`` at position
    ``t`` or before; returns the first changed position, or -1 when there is none."""
    i = t
    while i >= 0 and c[i] == n - k + i:
        i -= 1
    if i < 0:
        return -1
    c[i] += 1
    for j in range(i + 1, k):
        c[j] = c[j - 1] + 1
    return i


@njit(cache=True)
def _vertices_kernel(C, tol, piv_tol, cap):  # pragma: no cover - compiled
    """Every vertex of ``{(z, u): z >= 0, sum z = 1, C z <= u}`` (``C`` is r x c).

    Supports ``S`` (subsets of the c columns) are visited depth first; along the way
    ``dom[d, a, b]`` says that row ``b`` beats row ``a`` by more than ``tol`` on every
    column of ``S``, so only the rows no other row beats can be tight at a vertex with
    support ``S`` (Porter, Nudelman and Shoham 2004 prune supports with this conditional
    dominance).  For every ``k``-subset ``T`` of those rows, ``k = |S|``, the basis
    ``(T, S)`` -- unknowns ``z_S`` and ``u``, equations ``sum z = 1`` and ``C[i, S] z = u``
    for ``i`` in ``T`` -- is solved and kept when it is feasible.

    The subsets ``T`` are visited in lexicographic order and consecutive ones share a
    prefix, so the elimination is incremental: level ``l`` holds row ``T[l - 1]``
    reduced against the levels before it (Gaussian elimination one row at a time, each
    new row pivoting on its largest remaining entry), and only the levels after the
    first changed position are redone.  A prefix whose rows are already dependent makes
    every completion singular, and is skipped as a whole.

    Returns ``(count, z, u, support, tight, degenerate, bases)``; records beyond ``cap``
    are counted but not stored.
    """
    r, c = C.shape
    kmax = min(r, c)
    W = kmax + 2                      # columns: z (k), u, right-hand side
    R = np.empty((kmax + 1, W))       # R[l]: reduced row of level l (0: sum z = 1)
    piv = np.empty(kmax + 1, dtype=np.int64)
    used = np.zeros(W, dtype=np.bool_)
    sol = np.empty(kmax + 1)
    S = np.empty(kmax, dtype=np.int64)
    T = np.empty(kmax, dtype=np.int64)
    pick = np.empty(kmax, dtype=np.int64)
    nd = np.empty(r, dtype=np.int64)
    inrow = np.zeros(r, dtype=np.bool_)
    dom = np.empty((kmax + 1, r, r), dtype=np.bool_)
    for a in range(r):
        for b in range(r):
            dom[0, a, b] = a != b
    vals = np.empty((cap, c))
    pay = np.empty(cap)
    supp = np.empty((cap, c), dtype=np.bool_)
    tight = np.empty((cap, r), dtype=np.bool_)
    count = 0
    bases = 0
    degenerate = False
    d = 0
    nxt = 0
    while True:
        if d < kmax and nxt < c:
            S[d] = nxt
            d += 1
            _dominance_step(dom, d, C, nxt, tol)
        else:
            while d > 0 and S[d - 1] == c - 1:
                d -= 1
            if d == 0:
                break
            S[d - 1] += 1
            _dominance_step(dom, d, C, S[d - 1], tol)
        nxt = S[d - 1] + 1
        k = d
        cnt = 0
        for a in range(r):
            beaten = False
            for b in range(r):
                if dom[k, a, b]:
                    beaten = True
                    break
            if not beaten:
                nd[cnt] = a
                cnt += 1
        if cnt < k:
            continue
        # level 0: sum z = 1, pivot on z_0
        for j in range(k):
            R[0, j] = 1.0
        R[0, k] = 0.0
        R[0, k + 1] = 1.0
        for l in range(k + 2):
            used[l] = False
        for l in range(1, k + 1):
            piv[l] = -1
        piv[0] = 0
        used[0] = True
        for t in range(k):
            pick[t] = t
        start = 0                     # first level (position in pick) to rebuild
        while start >= 0:
            # rebuild levels start+1 .. k from the rows nd[pick[start:]]
            # the pivot columns of levels 0 .. start stay; those of the rebuilt go
            for l in range(start + 1, k + 1):
                if piv[l] >= 0:
                    used[piv[l]] = False
                    piv[l] = -1
            singular_at = -1
            for t in range(start, k):
                i = nd[pick[t]]
                T[t] = i
                lv = t + 1
                for s in range(k):
                    R[lv, s] = C[i, S[s]]
                R[lv, k] = -1.0
                R[lv, k + 1] = 0.0
                for l in range(lv):
                    f = R[lv, piv[l]]
                    if f != 0.0:
                        for j in range(k + 2):
                            R[lv, j] -= f * R[l, j]
                best = -1.0
                bj = -1
                for j in range(k + 1):
                    if not used[j]:
                        a = abs(R[lv, j])
                        if a > best:
                            best = a
                            bj = j
                if best <= piv_tol:
                    singular_at = t
                    break
                piv[lv] = bj
                used[bj] = True
                inv = 1.0 / R[lv, bj]   # each level is stored with pivot 1
                for j in range(k + 2):
                    R[lv, j] *= inv
            if singular_at >= 0:
                # every completion of this prefix is singular
                bases += 1
                start = _advance(pick, k, cnt, singular_at)
                continue
            bases += 1
            # back substitution, last level first; reject on a negative probability
            ok = True
            for l in range(k, -1, -1):
                pl = piv[l]
                acc = R[l, k + 1]
                for l2 in range(l + 1, k + 1):
                    acc -= R[l, piv[l2]] * sol[piv[l2]]
                z = acc
                if pl < k and z < -tol:
                    ok = False
                    break
                sol[pl] = z
            if ok:
                for t in range(k):
                    inrow[T[t]] = True
                u, status = _best_response_check(C, T, S, k, inrow, sol, tol)
                for t in range(k):
                    inrow[T[t]] = False
                if status != 0:
                    if status == 2:
                        degenerate = True
                    count = _record(C, S, k, sol, u, tol, count, cap, vals, pay, supp,
                                    tight)
            start = _advance(pick, k, cnt, k - 1)
    return count, vals, pay, supp, tight, degenerate, bases


@njit(cache=True)
def _partners_kernel(C, ysupp, ytight, tol, piv_tol):  # pragma: no cover - compiled
    """For each vertex ``y`` of the column player's polyhedron with ``|support| = |tight
    rows| = k``, solve the row player's basis with support = ``y``'s tight rows and tight
    columns = ``y``'s support (``C = B^T``, n x m).  Status per vertex: 0 no feasible
    partner, 1 partner found, 2 partner found and degenerate, 3 singular basis."""
    nq = ysupp.shape[0]
    c, r = C.shape  # C rows: game columns; C columns: game rows
    kmax = min(r, c)
    M = np.empty((kmax, kmax + 1))
    sol = np.empty(kmax)
    S = np.empty(kmax, dtype=np.int64)
    T = np.empty(kmax, dtype=np.int64)
    inrow = np.zeros(c, dtype=np.bool_)
    status = np.zeros(nq, dtype=np.int64)
    vals = np.empty((nq, r))
    pay = np.empty(nq)
    supp = np.empty((nq, r), dtype=np.bool_)
    tight = np.empty((nq, c), dtype=np.bool_)
    for q in range(nq):
        k = 0
        for i in range(r):
            if ytight[q, i]:
                S[k] = i
                k += 1
        kk = 0
        for j in range(c):
            if ysupp[q, j]:
                T[kk] = j
                kk += 1
        if k != kk:
            status[q] = 3
            continue
        st = _basis_solve(C, T, S, k, M, sol, piv_tol, tol)
        if st == 0:
            status[q] = 3
            continue
        if st == 1:
            continue
        for t in range(k):
            inrow[T[t]] = True
        v, bst = _best_response_check(C, T, S, k, inrow, sol, tol)
        for t in range(k):
            inrow[T[t]] = False
        if bst == 0:
            continue
        status[q] = bst
        _record(C, S, k, sol, v, tol, q, nq, vals, pay, supp, tight)
    return status, vals, pay, supp, tight


@njit(cache=True)
def _compatible_pairs(xs, xt, ys, yt):  # pragma: no cover - compiled
    """Pairs ``(p, q)`` with ``supp(x_p) <= BR(y_q)`` and ``supp(y_q) <= BR(x_p)``; the
    sets are bit-packed into 64-bit words (``xs``, ``yt`` over rows, ``ys``, ``xt`` over
    columns)."""
    npx = xs.shape[0]
    nqy = ys.shape[0]
    wr = xs.shape[1]
    wc = ys.shape[1]
    out = np.empty((64, 2), dtype=np.int64)
    cnt = 0
    for p in range(npx):
        for q in range(nqy):
            ok = True
            for w in range(wr):
                if xs[p, w] & ~yt[q, w]:
                    ok = False
                    break
            if ok:
                for w in range(wc):
                    if ys[q, w] & ~xt[p, w]:
                        ok = False
                        break
            if ok:
                if cnt == out.shape[0]:
                    bigger = np.empty((2 * cnt, 2), dtype=np.int64)
                    bigger[:cnt] = out
                    out = bigger
                out[cnt, 0] = p
                out[cnt, 1] = q
                cnt += 1
    return out[:cnt]


def _pack(masks):
    """Boolean rows -> rows of uint64 words."""
    k, width = masks.shape
    words = max(1, -(-width // 64))
    padded = np.zeros((k, words * 64), dtype=np.bool_)
    padded[:, :width] = masks
    return np.ascontiguousarray(
        np.packbits(padded, axis=1, bitorder="little").view(np.uint64))


@njit(cache=True)
def _pack_rows(masks):  # pragma: no cover - compiled
    """Boolean rows -> rows of 64-bit words (bit ``b`` of word ``w`` is column
    ``64 w + b``)."""
    k, width = masks.shape
    words = max(1, (width + 63) // 64)
    out = np.zeros((k, words), dtype=np.uint64)
    for t in range(k):
        for j in range(width):
            if masks[t, j]:
                out[t, j // 64] |= np.uint64(1) << np.uint64(j % 64)
    return out


@njit(cache=True)
def _pairs_kernel(xs, xt, ys, yt, nondegenerate):  # pragma: no cover - compiled
    """:func:`_compatible_pairs` from boolean support and tight-set rows, ordered by
    ``p`` then ``q``.

    When neither polyhedron has a degenerate vertex (``nondegenerate``), every vertex has
    as many tight best responses as actions in its support, so the conditions
    ``supp(x) <= BR(y)``, ``supp(y) <= BR(x)`` force ``supp(x) = BR(y)`` and ``supp(y) =
    BR(x)`` (|BR(y)| = |supp(y)| <= |BR(x)| = |supp(x)| <= |BR(y)|): the partner of ``x``
    is the vertex ``y`` with that key, found by a hash look-up instead of a scan of all
    pairs."""
    if xs.shape[0] == 0 or ys.shape[0] == 0:
        return np.zeros((0, 2), dtype=np.int64)
    pxs = _pack_rows(xs)
    pxt = _pack_rows(xt)
    pys = _pack_rows(ys)
    pyt = _pack_rows(yt)
    if not nondegenerate:
        return _compatible_pairs(pxs, pxt, pys, pyt)
    wr = pxs.shape[1]
    wc = pxt.shape[1]
    nq = pys.shape[0]
    cap = 16
    while cap < 2 * nq:
        cap *= 2
    keys = np.zeros((cap, wr + wc), dtype=np.uint64)
    vals = np.full(cap, -1, dtype=np.int64)
    key = np.empty(wr + wc, dtype=np.uint64)
    for q in range(nq):  # key of y: (BR(y) over rows, supp(y) over columns)
        for w in range(wr):
            key[w] = pyt[q, w]
        for w in range(wc):
            key[wr + w] = pys[q, w]
        slot = _find_slot(keys, vals, key)
        keys[slot, :] = key
        vals[slot] = q
    out = np.empty((pxs.shape[0], 2), dtype=np.int64)
    cnt = 0
    for p in range(pxs.shape[0]):  # key of x: (supp(x) over rows, BR(x) over columns)
        for w in range(wr):
            key[w] = pxs[p, w]
        for w in range(wc):
            key[wr + w] = pxt[p, w]
        slot = _find_slot(keys, vals, key)
        if vals[slot] >= 0:
            out[cnt, 0] = p
            out[cnt, 1] = vals[slot]
            cnt += 1
    return out[:cnt].copy()


@njit(cache=True)
def _reduce_scale(A0, B0, margin, scale):  # pragma: no cover - compiled
    """Iterated elimination of actions strictly dominated by another pure action (by more
    than ``margin`` in every entry; rows by ``A0``, columns by ``B0``, both players' dominated
    actions of a round removed together), then the remaining payoffs divided by ``scale``.

    Returns ``(rows, cols, A, BT)``: the kept indices, ``A0[rows][:, cols] / scale`` and
    ``(B0[rows][:, cols] / scale).T``."""
    m, n = A0.shape
    rows = np.arange(m)
    cols = np.arange(n)
    nr = m
    nc = n
    drop_r = np.zeros(m, dtype=np.bool_)
    drop_c = np.zeros(n, dtype=np.bool_)
    while True:
        dropped = False
        for a in range(nr):
            drop_r[a] = False
            ra = rows[a]
            for b in range(nr):
                if b == a:
                    continue
                rb = rows[b]
                beats = True
                for t in range(nc):
                    if not A0[rb, cols[t]] - A0[ra, cols[t]] > margin:
                        beats = False
                        break
                if beats:
                    drop_r[a] = True
                    dropped = True
                    break
        for a in range(nc):
            drop_c[a] = False
            ca = cols[a]
            for b in range(nc):
                if b == a:
                    continue
                cb = cols[b]
                beats = True
                for t in range(nr):
                    if not B0[rows[t], cb] - B0[rows[t], ca] > margin:
                        beats = False
                        break
                if beats:
                    drop_c[a] = True
                    dropped = True
                    break
        if not dropped:
            break
        k = 0
        for a in range(nr):
            if not drop_r[a]:
                rows[k] = rows[a]
                k += 1
        nr = k
        k = 0
        for a in range(nc):
            if not drop_c[a]:
                cols[k] = cols[a]
                k += 1
        nc = k
    A = np.empty((nr, nc))
    BT = np.empty((nc, nr))
    for i in range(nr):
        for j in range(nc):
            A[i, j] = A0[rows[i], cols[j]] / scale
            BT[j, i] = B0[rows[i], cols[j]] / scale
    return rows[:nr].copy(), cols[:nc].copy(), A, BT


@njit(cache=True)
def _assemble(pairs, xv, xs, yv, ys, rows, cols, m, n):  # pragma: no cover - compiled
    """The profiles of the vertex pairs in the full game: each vertex's entries outside
    its support set to 0 (and rounding negatives clipped), normalised to sum 1 and
    placed at the kept actions ``rows`` / ``cols``.  Returns ``(X, Y)``, one row per
    pair."""
    K = pairs.shape[0]
    X = np.zeros((K, m))
    Y = np.zeros((K, n))
    for k in range(K):
        p = pairs[k, 0]
        q = pairs[k, 1]
        total = 0.0
        for i in range(rows.shape[0]):
            if xs[p, i] and xv[p, i] > 0.0:
                total += xv[p, i]
        for i in range(rows.shape[0]):
            if xs[p, i] and xv[p, i] > 0.0:
                X[k, rows[i]] = xv[p, i] / total
        total = 0.0
        for j in range(cols.shape[0]):
            if ys[q, j] and yv[q, j] > 0.0:
                total += yv[q, j]
        for j in range(cols.shape[0]):
            if ys[q, j] and yv[q, j] > 0.0:
                Y[k, cols[j]] = yv[q, j] / total
    return X, Y


@njit(cache=True)
def _dedupe_and_order(F, R, close, dedupe, sort):  # pragma: no cover - compiled
    """Indices of the rows of ``F`` to report, in report order (with ``sort``; else in
    their order in ``F``).

    With ``dedupe``, a row within ``close`` (max norm) of an earlier kept row is dropped
    (float artefacts of near-ties can label one point two ways).  The kept rows are
    ordered by their number of positive entries (total support size), then by ``R`` (the
    rows rounded) in decreasing lexicographic order; the sort is stable (insertion sort:
    meant for the few rows of a small game)."""
    K, d = F.shape
    keep = np.empty(K, dtype=np.int64)
    size = np.zeros(K, dtype=np.int64)
    nk = 0
    for k in range(K):
        dup = False
        if dedupe:
            for s in range(nk):
                t = keep[s]
                far = False
                for j in range(d):
                    if abs(F[k, j] - F[t, j]) > close:
                        far = True
                        break
                if not far:
                    dup = True
                    break
        if not dup:
            keep[nk] = k
            nk += 1
            c = 0
            for j in range(d):
                if F[k, j] > 0:
                    c += 1
            size[k] = c
    order = keep[:nk].copy()
    if not sort:
        return order
    for a in range(1, nk):
        cur = order[a]
        b = a - 1
        while b >= 0:
            prev = order[b]
            # does cur come strictly before prev?
            before = False
            if size[cur] != size[prev]:
                before = size[cur] < size[prev]
            else:
                for j in range(d):
                    if R[cur, j] != R[prev, j]:
                        before = R[cur, j] > R[prev, j]
                        break
            if not before:
                break
            order[b + 1] = prev
            b -= 1
        order[b + 1] = cur
    return order


@njit(cache=True)
def _vertices_all(C, tol, piv_tol, cap):  # pragma: no cover - compiled
    """:func:`_vertices_kernel`, rerun with room for every record when ``cap`` is short:
    ``(z, u, support, tight, degenerate, bases)``."""
    while True:
        count, vals, pay, supp, tight, degenerate, bases = _vertices_kernel(C, tol, piv_tol,
                                                                            cap)
        if count <= cap:
            return vals[:count], pay[:count], supp[:count], tight[:count], degenerate, bases
        cap = count


@njit(cache=True)
def _full_search(A, BT, tol, piv_tol, cap, rows, cols, m, n):  # pragma: no cover
    """Both players' polyhedra searched in full, and when neither has a degenerate vertex
    also the equilibrium pairs and their profiles (:func:`_pairs_kernel`,
    :func:`_assemble`): the common case in one compiled call.

    Returns ``(paired, deg_q, deg_p, bases, num_x, num_y, pairs, X, Y, y_records,
    x_records)``.  When ``paired`` (no degenerate side) the vertex records are left
    empty, to save boxing a dozen arrays: the caller reruns :func:`_vertices_all` in the
    rare case it needs them; otherwise ``pairs``, ``X`` and ``Y`` are empty and the records
    (which repeat a degenerate vertex once per basis) are returned for the caller to
    pair."""
    yv, yu, ys, yt, deg_q, bq = _vertices_all(A, tol, piv_tol, cap)
    xv, xu, xs, xt, deg_p, bp = _vertices_all(BT, tol, piv_tol, cap)
    num_x = xv.shape[0]
    num_y = yv.shape[0]
    if not (deg_q or deg_p):
        pairs = _pairs_kernel(xs, xt, ys, yt, True)
        X, Y = _assemble(pairs, xv, xs, yv, ys, rows, cols, m, n)
        yv, yu, ys, yt = yv[:0], yu[:0], ys[:0], yt[:0]
        xv, xu, xs, xt = xv[:0], xu[:0], xs[:0], xt[:0]
        return (True, deg_q, deg_p, bq + bp, num_x, num_y, pairs, X, Y,
                (yv, yu, ys, yt), (xv, xu, xs, xt))
    return (False, deg_q, deg_p, bq + bp, num_x, num_y, np.zeros((0, 2), dtype=np.int64),
            np.zeros((0, m)), np.zeros((0, n)), (yv, yu, ys, yt), (xv, xu, xs, xt))


@njit(cache=True)
def _nd_search(A, BT, tol, piv_tol, cap, rows, cols, m, n):  # pragma: no cover
    """``nondegenerate=True`` in one compiled call: the column player's polyhedron in
    full, then for each of its vertices the one basis of the row player's polyhedron it
    allows (:func:`_partners_kernel`); partners with the same support and best responses
    share one id (first occurrence), so the Nash subsets see a shared partner.

    Returns ``(fall_back, bases, degenerate, pairs, X, Y, y_records, x_records)``;
    ``fall_back`` is True when the column player's polyhedron is degenerate or a basis
    is singular (the full search must run), ``degenerate`` when a partner is."""
    yv, yu, ys, yt, deg_q, bq = _vertices_all(A, tol, piv_tol, cap)
    r, c = A.shape
    empty_pairs = np.zeros((0, 2), dtype=np.int64)
    empty_x = (np.zeros((0, r)), np.zeros(0), np.zeros((0, r), dtype=np.bool_),
               np.zeros((0, c), dtype=np.bool_))
    if deg_q:
        return (True, bq, True, empty_pairs, np.zeros((0, m)), np.zeros((0, n)),
                (yv, yu, ys, yt), empty_x)
    status, xv, xu, xs, xt = _partners_kernel(BT, ys, yt, tol, piv_tol)
    degenerate = False
    nf = 0
    for q in range(status.shape[0]):
        if status[q] == 3:
            return (True, bq, True, empty_pairs, np.zeros((0, m)), np.zeros((0, n)),
                    (yv, yu, ys, yt), empty_x)
        if status[q] > 0:
            nf += 1
        if status[q] == 2:
            degenerate = True
    found = np.empty(nf, dtype=np.int64)
    nf = 0
    for q in range(status.shape[0]):
        if status[q] > 0:
            found[nf] = q
            nf += 1
    pxs = _pack_rows(xs)
    pxt = _pack_rows(xt)
    wr = pxs.shape[1]
    wc = pxt.shape[1]
    cap2 = 16
    while cap2 < 2 * nf:
        cap2 *= 2
    keys = np.zeros((cap2, wr + wc), dtype=np.uint64)
    vals = np.full(cap2, -1, dtype=np.int64)
    key = np.empty(wr + wc, dtype=np.uint64)
    first = np.empty(nf, dtype=np.int64)
    pairs = np.empty((nf, 2), dtype=np.int64)
    nu = 0
    for t in range(nf):
        q = found[t]
        for w in range(wr):
            key[w] = pxs[q, w]
        for w in range(wc):
            key[wr + w] = pxt[q, w]
        slot = _find_slot(keys, vals, key)
        if vals[slot] < 0:
            keys[slot, :] = key
            vals[slot] = nu
            first[nu] = q
            nu += 1
        pairs[t, 0] = vals[slot]
        pairs[t, 1] = q
    first = first[:nu]
    xv, xu, xs, xt = xv[first], xu[first], xs[first], xt[first]
    X, Y = _assemble(pairs, xv, xs, yv, ys, rows, cols, m, n)
    return (False, bq, degenerate, pairs, X, Y, (yv, yu, ys, yt), (xv, xu, xs, xt))


# ---------------------------------------------------------------------------- helpers
def _undominated(A, B, margin):
    """Rows and columns left by iterated elimination of actions strictly dominated by a
    pure action (by more than ``margin`` everywhere); works for float and object arrays."""
    rows = list(range(A.shape[0]))
    cols = list(range(A.shape[1]))
    changed = True
    while changed:
        changed = False
        sub = A[np.ix_(rows, cols)]
        drop = [a for a in range(len(rows))
                if any(all(sub[b, j] - sub[a, j] > margin for j in range(len(cols)))
                       for b in range(len(rows)) if b != a)]
        if drop and len(drop) < len(rows):
            rows = [r for t, r in enumerate(rows) if t not in drop]
            changed = True
        sub = B[np.ix_(rows, cols)]
        drop = [a for a in range(len(cols))
                if any(all(sub[i, b] - sub[i, a] > margin for i in range(len(rows)))
                       for b in range(len(cols)) if b != a)]
        if drop and len(drop) < len(cols):
            cols = [c for t, c in enumerate(cols) if t not in drop]
            changed = True
    return rows, cols


def _maximal_nash_subsets(pairs):
    """Maximal bicliques of the compatibility relation given as ``(p, q)`` pairs: every
    nonempty intersection of the neighbourhoods ``N(p)`` is closed (a formal concept);
    its extent is the set of ``p`` whose neighbourhood contains it."""
    nbr: dict = {}
    for p, q in pairs:
        nbr.setdefault(p, set()).add(q)
    intents = {frozenset(s) for s in nbr.values()}
    frontier = set(intents)
    while frontier:
        new = set()
        for a in frontier:
            for b in intents:
                c = a & b
                if c and c not in intents and c not in new:
                    new.add(c)
        intents |= new
        frontier = new
    out = []
    for Y in intents:
        X = frozenset(p for p, s in nbr.items() if Y <= s)
        out.append((X, Y))
    return out


# ---------------------------------------------------------------------------- float path
def _run_vertices(C, tol):
    """All vertices of one player's best-response polyhedron, with support and tight
    sets, a degeneracy flag and the number of bases solved."""
    vals, pay, supp, tight, degenerate, bases = _vertices_all(C, tol, _PIVOT_TOL,
                                                              _INITIAL_CAPACITY)
    return vals, pay, supp, tight, bool(degenerate), int(bases)


def _dedupe_vertices(vals, pay, supp, tight):
    """One record per vertex: a vertex is determined by its support and tight set."""
    if len(vals) == 0:
        return vals, pay, supp, tight
    key = np.concatenate([np.packbits(supp, axis=1), np.packbits(tight, axis=1)], axis=1)
    _, first = np.unique(key, axis=0, return_index=True)
    first = np.sort(first)
    return vals[first], pay[first], supp[first], tight[first]


def _polish(C, z, supp, tight):
    """Least-squares re-solve of a vertex from all its tight constraints."""
    S = np.flatnonzero(supp)
    T = np.flatnonzero(tight)
    if len(S) == 0 or len(T) == 0:
        return z
    k = len(S)
    M = np.zeros((len(T) + 1, k + 1))
    M[:len(T), :k] = C[np.ix_(T, S)]
    M[:len(T), k] = -1.0
    M[len(T), :k] = 1.0
    rhs = np.zeros(len(T) + 1)
    rhs[-1] = 1.0
    sol = np.linalg.lstsq(M, rhs, rcond=None)[0]
    out = np.zeros_like(z)
    out[S] = np.clip(sol[:k], 0.0, None)
    total = out.sum()
    return out / total if total > 0 else z


def _expand(z, keep, size):
    out = np.zeros(size)
    out[keep] = z
    return out


def _clean(z, supp):
    z = np.where(supp, np.clip(z, 0.0, None), 0.0)
    return z / z.sum()


def _float_enumeration(game, tol, nondegenerate):
    A0, B0 = game.payoffs
    m, n = A0.shape
    # Payoffs are scaled to [-1, 1] so that ties and pivots are judged relative to the
    # largest payoff; the certificate uses the concepts' own scale, max(1, max |payoff|).
    scale = game._max_abs_payoff() or 1.0
    rows, cols, A, BT = _reduce_scale(A0, B0, tol * scale, scale)

    bases = 0
    degenerate = None
    fell_back = False
    pairs = None
    X = None
    if nondegenerate is True:
        fell_back, bases, deg, nd_pairs, X, Y, yrec, xrec = _nd_search(
            A, BT, tol, _PIVOT_TOL, _INITIAL_CAPACITY, rows, cols, m, n)
        if fell_back:
            X = None
        else:
            pairs = nd_pairs
            yv, yu, ys, yt = yrec
            xv, xu, xs, xt = xrec
            num_vertices = None
            degenerate = True if deg else None
    if pairs is None:
        paired, deg_q, deg_p, bq, nx, ny, pairs, X, Y, yrec, xrec = _full_search(
            A, BT, tol, _PIVOT_TOL, _INITIAL_CAPACITY, rows, cols, m, n)
        bases += bq
        degenerate = bool(deg_q or deg_p)
        num_vertices = (nx, ny)
        if paired:
            yv = xv = None  # not returned; recomputed if a pair must be polished
        else:
            X = None
            yv, yu, ys, yt = yrec
            xv, xu, xs, xt = xrec
            # a nondegenerate vertex has a single basis, so only degenerate sides repeat
            if deg_q:
                yv, yu, ys, yt = _dedupe_vertices(yv, yu, ys, yt)
            if deg_p:
                xv, xu, xs, xt = _dedupe_vertices(xv, xu, xs, xt)
            pairs = _pairs_kernel(xs, xt, ys, yt, False)
            num_vertices = (len(xv), len(yv))

    # every pair's profile, certified in one batch; a pair whose certificate fails is
    # re-solved from all its tight constraints, and dropped if it still fails
    tol_s = tol * max(1.0, scale)
    if X is None:
        X, Y = _assemble(pairs, xv, xs, yv, ys, rows, cols, m, n)
    eqs = Equilibrium._certify_rows(game, X, Y, copy=False)
    keys = [(p, q) for p, q in pairs.tolist()]
    rejected = 0
    polished = False
    for t, eq in enumerate(eqs):
        if eq.max_regret > tol_s:
            if yv is None:
                yv, yu, ys, yt, _, _ = _run_vertices(A, tol)
                xv, xu, xs, xt, _, _ = _run_vertices(BT, tol)
            polished = True
            p, q = keys[t]
            x = _polish(BT, _clean(xv[p], xs[p]), xs[p], xt[p])
            y = _polish(A, _clean(yv[q], ys[q]), ys[q], yt[q])
            eq = Equilibrium.certify(game, (_expand(x, rows, m), _expand(y, cols, n)))
            if eq.max_regret > tol_s:
                rejected += 1
                eq = None
            eqs[t] = eq
    if rejected:
        keys = [k for k, e in zip(keys, eqs) if e is not None]
        eqs = [e for e in eqs if e is not None]
    return dict(candidates=list(zip(keys, eqs)), rejected=rejected, degenerate=degenerate,
                fell_back=fell_back, bases=bases, num_vertices=num_vertices,
                reduced=(len(rows), len(cols)),
                flat=None if polished else np.concatenate([X, Y], axis=1))


# ---------------------------------------------------------------------------- exact path
def _integer_matrix(F):
    """An integer matrix proportional (by a positive factor) to the Fraction matrix F."""
    d = 1
    for x in F.ravel():
        d = lcm(d, x.denominator)
    return [[int(x * d) for x in row] for row in F]


def _int_solve(C, rows, cols):
    """Exact basis solve by integer (fraction-free) Gauss-Jordan pivoting: returns
    ``(D, nums)`` with ``z_s = nums[s] / D`` and ``D > 0``, or None when singular.  Every
    intermediate entry is a minor of the system, so the divisions are exact (Edmonds 1967;
    the integer pivoting of lrs and of Lemke-Howson implementations)."""
    k = len(cols)
    r0 = C[rows[0]]
    T = [[C[rt][c] - r0[c] for c in cols] + [0] for rt in rows[1:]]
    T.append([1] * (k + 1))
    prev = 1
    for p in range(k):
        q = p
        while q < k and T[q][p] == 0:
            q += 1
        if q == k:
            return None
        if q != p:
            T[p], T[q] = T[q], T[p]
        rp = T[p]
        a = rp[p]
        for i in range(k):
            if i != p:
                ri = T[i]
                b = ri[p]
                T[i] = [(a * ri[j] - b * rp[j]) // prev for j in range(k + 1)]
        prev = a
    D = prev
    nums = [T[i][k] for i in range(k)]
    if D < 0:
        D = -D
        nums = [-z for z in nums]
    return D, nums


def _exact_side(C, rows, cols, D, nums):
    """Support, tight set and strategy of the vertex ``z = nums / D`` with a degeneracy
    flag, or None when it is infeasible (a negative entry or a better row)."""
    if any(z < 0 for z in nums):
        return None
    r0 = C[rows[0]]
    uD = sum(r0[c] * z for c, z in zip(cols, nums))
    tight = []
    for i, row in enumerate(C):
        val = sum(row[c] * z for c, z in zip(cols, nums))
        if val > uD:
            return None
        if val == uD:
            tight.append(i)
    supp = tuple(c for c, z in zip(cols, nums) if z > 0)
    strategy = {c: Fraction(z, D) for c, z in zip(cols, nums) if z > 0}
    return supp, tuple(tight), strategy, len(tight) != len(supp)


def _exact_vertices(C, ncols):
    """Every vertex of ``{(z, u): z >= 0, sum z = 1, C z <= u}`` in exact arithmetic, as
    a dict ``(support, tight) -> {column: Fraction}``, with a degeneracy flag and the
    number of bases solved.  Rows beaten on every support column by another row cannot
    be tight (the pruning of the float kernel)."""
    r = len(C)
    verts: dict = {}
    deg = False
    bases = 0
    for k in range(1, min(r, ncols) + 1):
        for S in combinations(range(ncols), k):
            nd = [a for a in range(r)
                  if not any(all(C[b][s] > C[a][s] for s in S) for b in range(r) if b != a)]
            for T in combinations(nd, k):
                bases += 1
                sol = _int_solve(C, T, S)
                if sol is None:
                    continue
                v = _exact_side(C, T, S, *sol)
                if v is None:
                    continue
                deg = deg or v[3]
                verts.setdefault((v[0], v[1]), v[2])
    return verts, deg, bases


def _exact_enumeration(game, nondegenerate):
    Af, Bf = game.rational_payoffs()
    m, n = Af.shape
    rows, cols = _undominated(Af, Bf, 0)
    A = _integer_matrix(Af[np.ix_(rows, cols)])
    BT = _integer_matrix(Bf[np.ix_(rows, cols)].T)
    mr, nr = len(rows), len(cols)

    degenerate = None
    fell_back = False
    pairs = None
    num_vertices = None
    yverts, deg_q, bases = _exact_vertices(A, nr)
    if nondegenerate is True:
        if deg_q:
            fell_back = True
        else:
            xverts: dict = {}
            pairs = []
            for ykey in yverts:
                ys, yt = ykey
                sol = _int_solve(BT, ys, yt)
                if sol is None:
                    fell_back = True
                    pairs = None
                    break
                v = _exact_side(BT, ys, yt, *sol)
                if v is None:
                    continue
                if v[3]:
                    degenerate = True
                xverts.setdefault((v[0], v[1]), v[2])
                pairs.append(((v[0], v[1]), ykey))
    if pairs is None:
        xverts, deg_p, bp = _exact_vertices(BT, mr)
        bases += bp
        degenerate = deg_q or deg_p
        num_vertices = (len(xverts), len(yverts))
        pairs = []
        for xkey in xverts:
            xs, xt = set(xkey[0]), set(xkey[1])
            for ykey in yverts:
                if xs.issubset(ykey[1]) and xt.issuperset(ykey[0]):
                    pairs.append((xkey, ykey))
    xid = {key: t for t, key in enumerate(xverts)}
    yid = {key: t for t, key in enumerate(yverts)}
    candidates = []
    for xkey, ykey in pairs:
        xe = [Fraction(0)] * m
        ye = [Fraction(0)] * n
        for i, val in xverts[xkey].items():
            xe[rows[i]] = val
        for j, val in yverts[ykey].items():
            ye[cols[j]] = val
        exact = (tuple(xe), tuple(ye))
        eq = Equilibrium.certify(game, (np.array([float(z) for z in xe]),
                                        np.array([float(z) for z in ye])), exact=exact)
        candidates.append(((xid[xkey], yid[ykey]), eq))
    return dict(candidates=candidates, rejected=0, degenerate=degenerate,
                fell_back=fell_back, bases=bases, num_vertices=num_vertices,
                reduced=(mr, nr))


# ---------------------------------------------------------------------------- public API
def support_enumeration(game: NormalFormGame, *, exact: bool = False, tol: float = 1e-9,
                        nondegenerate: bool | None = None) -> EquilibriumResult:
    """All Nash equilibria of a two-player game -- every extreme equilibrium, and a
    description of the continua, when the game is degenerate -- by support enumeration.

    Every pair of equal-size sets ``(I, J)`` of rows and columns is a basis of both
    players' best-response polyhedra; solving the square systems (Gaussian elimination
    with pivoting in a numba kernel, or exact integer pivoting) yields every vertex of
    both, and the equilibria are the compatible vertex pairs.  Tolerances are used for
    every float comparison, never ``==``.  See the module docstring for the theory and
    references.

    Guarantee:

    * **nondegenerate games** (``params["degenerate"] is False``): the list holds every
      equilibrium, ``complete=True``;
    * **degenerate games** (``params["degenerate"] is True``): the list holds every
      *extreme* equilibrium, and every equilibrium lies in ``conv(X) x conv(Y)`` for one
      of the maximal Nash subsets in ``params["nash_subsets"]``; ``complete=True``
      means exactly that (as for :func:`vertex_enumeration`).  When the set of
      equilibria is infinite (a vertex has two partners) ``params["extreme_only"]`` is
      True: the list holds the extreme points of the continua, not every equilibrium;
    * in float mode "tied" and "zero" mean "within ``tol``" with payoffs scaled by their
      largest absolute value, so nearly degenerate games are reported as degenerate, and
      a candidate the certificate rejects is dropped and counted in
      ``params["rejected"]`` (``complete`` is then False); with ``exact=True`` every
      comparison is exact.

    Strictly dominated actions (by another pure action) are removed first, iteratively;
    they have probability 0 in every equilibrium.  ``params["degenerate"]`` refers to the
    game that is left (``params["reduced_shape"]``).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool
        Enumerate in rational arithmetic (pure Python, from
        :meth:`NormalFormGame.rational_payoffs`, so float payoffs are taken at their exact
        binary value): every equilibrium carries ``exact`` tuples of Fractions, its float
        strategies are those Fractions rounded, and the degeneracy test is exact.  Slower
        than the float kernel by two to three orders of magnitude (about 0.4 s for a
        random 8x8 game).
    tol : float
        Tolerance of the float path for ties, zero probabilities and better responses,
        relative to the largest absolute payoff; every returned equilibrium has
        ``max_regret <= tol * max(1, max |payoff|)``.
    nondegenerate : bool or None
        ``None`` (default) or ``False``: search both polyhedra in full, which also decides
        whether the game is degenerate.  ``True``: expect a nondegenerate game and skip
        what only that test needs -- the row player's polyhedron is visited only at the
        one basis each vertex ``y`` of the column player's polyhedron allows (``y``'s
        best responses as support, ``y``'s support as best responses: classical support
        enumeration), about half the work.  The answer is complete on every game all the
        same: when the column player's polyhedron is degenerate or one of those bases is
        singular, the full search runs instead (``params["fell_back_to_full"]``).
        ``params["degenerate"]`` is then True when degeneracy was seen and None when it
        was not decided.

    Returns
    -------
    EquilibriumResult
        ``method="support_enumeration"``, ``scope="all"``; equilibria ordered by total
        support size, then by strategy; ``num_iter`` counts the bases examined.
        ``params`` holds ``degenerate`` (bool, or None when not decided),
        ``extreme_only`` (True when the list holds the extreme points of a continuum),
        ``nash_subsets`` (for each maximal Nash subset, the indices of its extreme
        equilibria in the list; None above 400 equilibria), ``num_vertices`` (vertices of
        the row and column player's polyhedra, when searched in full), ``reduced_shape``,
        ``rejected``, ``fell_back_to_full`` and the options.

    Raises
    ------
    UnsupportedGameError
        ``game`` is not a two-player :class:`NormalFormGame`.
    ValueError
        ``tol`` is not a positive finite number, or ``nondegenerate`` is not None, True
        or False.

    Notes
    -----
    Cost: at most ``C(m + n, m) - 1`` bases per player (184,755 for 10x10), each a small
    linear system; conditional dominance prunes about half to two thirds of them on
    random games.  Exponential in the size: use it up to about 12x12 (or larger when one
    player has few actions).

    Examples
    --------
    Battle of the sexes: two pure equilibria and a mixed one, all of them (nondegenerate).

    >>> from gametheory.games import catalog
    >>> res = support_enumeration(catalog.get("battle-of-the-sexes"), exact=True)
    >>> [tuple(tuple(str(p) for p in s) for s in e.exact) for e in res]
    [(('1', '0'), ('1', '0')), (('0', '1'), ('0', '1')), (('2/3', '1/3'), ('1/3', '2/3'))]
    >>> res.complete, res.params["degenerate"], res.max_regret
    (True, False, 0.0)

    A degenerate game with a continuum: against the row player's first row the column
    player is indifferent, and every ``y = (q, 1 - q)`` with ``q >= 1/2`` keeps row 1 a
    best response.  The extreme equilibria are listed, and the segment between the two
    of them is a maximal Nash subset:

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 1], [0, 2]])
    >>> res = support_enumeration(g, exact=True)
    >>> [[[str(p) for p in s] for s in e.exact] for e in res]
    [[['1', '0'], ['1', '0']], [['0', '1'], ['0', '1']], [['1', '0'], ['1/2', '1/2']]]
    >>> res.complete, res.params["extreme_only"], res.params["nash_subsets"]
    (True, True, ((0, 2), (1,)))
    """
    start = time.perf_counter()
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"support_enumeration needs a NormalFormGame, got "
                                   f"{type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(f"support_enumeration handles 2-player games; this game "
                                   f"has {game.num_players} players")
    try:
        tol = float(tol)
    except (TypeError, ValueError):
        raise InvalidOptionError(f"tol must be a positive number, got {tol!r}") from None
    if not np.isfinite(tol) or tol <= 0:
        raise InvalidOptionError(f"tol must be a positive finite number, got {tol!r}")
    if nondegenerate not in (None, True, False):
        raise InvalidOptionError(f"nondegenerate must be None, True or False, got {nondegenerate!r}")
    if nondegenerate is not None:
        nondegenerate = bool(nondegenerate)
    exact = bool(exact)

    found = _exact_enumeration(game, nondegenerate) if exact else \
        _float_enumeration(game, tol, nondegenerate)

    # Deduplicate (float artefacts of near-ties can label one point two ways) and sort.
    eqs = [eq for _, eq in found["candidates"]]
    keys = [key for key, _ in found["candidates"]]
    if eqs:
        F = found.get("flat")
        if F is None:
            F = np.concatenate([np.array([e.strategies[0] for e in eqs]),
                                np.array([e.strategies[1] for e in eqs])], axis=1)
        close = max(100 * tol, 1e-12)
        if len(eqs) <= _INSERTION_SORT_MAX:
            order = _dedupe_and_order(F, np.round(F, 12), close, not exact, True)
        else:
            keep = np.arange(len(eqs)) if exact else \
                _dedupe_and_order(F, F, close, True, False)
            sizes = np.count_nonzero(F[keep] > 0, axis=1)
            sub = np.lexsort(np.vstack([-np.round(F[keep], 12).T[::-1], sizes[None, :]]))
            order = keep[sub]
        eqs = [eqs[t] for t in order]
        keys = [keys[t] for t in order]

    # Maximal Nash subsets: bicliques of the compatibility relation between vertices.
    degenerate = found["degenerate"]
    nash_subsets = None
    distinct = (len({p for p, _ in keys}) == len(keys)
                and len({q for _, q in keys}) == len(keys))
    if distinct:
        # every vertex in one equilibrium only: each is a maximal Nash subset of its own
        finite = True
        if len(eqs) <= _MAX_SUBSET_VERTICES:
            nash_subsets = tuple((t,) for t in range(len(eqs)))
    elif len(eqs) <= _MAX_SUBSET_VERTICES:
        position = {k: t for t, k in enumerate(keys)}
        subsets = []
        for X, Y in _maximal_nash_subsets(keys):
            idx = tuple(sorted(position[(p, q)] for p in X for q in Y if (p, q) in position))
            if idx:
                subsets.append(idx)
        nash_subsets = tuple(sorted(set(subsets)))
        finite = all(len(s) == 1 for s in nash_subsets)
    else:
        finite = False
    complete = found["rejected"] == 0
    mr = max((e.max_regret for e in eqs), default=0.0)
    params = {"exact": exact, "tol": tol, "nondegenerate": nondegenerate,
              "degenerate": degenerate, "extreme_only": not finite,
              "nash_subsets": nash_subsets, "num_vertices": found["num_vertices"],
              "reduced_shape": found["reduced"], "rejected": found["rejected"],
              "fell_back_to_full": found["fell_back"]}
    return EquilibriumResult(method="support_enumeration", equilibria=tuple(eqs),
                             complete=complete, scope="all", converged=True,
                             num_iter=found["bases"], max_regret=mr, params=params,
                             elapsed=time.perf_counter() - start)
