"""Numba kernels of :func:`gametheory.solvers.vertex_enumeration` (private).

Vertices of a polytope ``{z >= 0 in R^d : M z <= 1}`` with ``M > 0`` (so the polytope is
bounded and the origin is a vertex) are enumerated by reverse search (Avis and Fukuda
1992, "A pivoting algorithm for convex hulls and vertex enumeration of arrangements and
polyhedra", Discrete Comput. Geom. 8), as in lrs:

* Degeneracy is handled by the lexicographic ratio test: the search visits exactly the
  *lex-feasible* bases, the bases of the perturbed polytope
  ``M z <= 1 + (eps, eps^2, ...)``, which is simple; each vertex of the original polytope
  is the image of at least one of them, and a vertex is identified by its label set (the
  set of tight inequalities), not by a basis, so a degenerate vertex with several bases
  is reported once.
* The bases form a tree: the parent of a basis is one simplex pivot towards the origin by
  Bland's rule, so no record of visited bases is kept.  An earlier version kept a hash
  set of visited bases instead; its look-ups (a cache miss each, one per neighbour)
  made it 1.5 to 2 times slower at 10x10 to 15x15.
* The dictionary keeps only the nonbasic columns, pivots are undone from a stack, and the
  dictionary is recomputed from the data every few hundred pivots (measured on three
  15x15 games: basic solutions within 1.5e-13 of a fresh solve every 200 pivots, within
  2.2e-11 when never recomputed).

Label sets are bitmasks of ``W = ceil(num_labels / 64)`` unsigned 64-bit words, so any game
size works; a game with ``m + n <= 64`` uses one word.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# ----------------------------------------------------------------------------- hashing


@njit(cache=True)
def _hash_key(key):  # pragma: no cover - compiled
    """xorshift mixing of the key's words (shifts and xors only, so the pure-Python path
    under ``NUMBA_DISABLE_JIT`` raises no overflow warnings)."""
    h = np.uint64(0x9E3779B97F4A7C15)
    for k in range(key.shape[0]):
        h ^= key[k]
        for _ in range(2):
            h ^= h << np.uint64(13)
            h ^= h >> np.uint64(7)
            h ^= h << np.uint64(17)
    return h


@njit(cache=True)
def _find_slot(keys, vals, key):  # pragma: no cover - compiled
    """Slot of ``key`` in the open-addressing table ``(keys, vals)``: the slot holding it,
    or the empty slot (``vals < 0``) where it would go."""
    cap = vals.shape[0]
    mask = np.uint64(cap - 1)
    i = np.int64(_hash_key(key) & mask)
    W = key.shape[0]
    while True:
        if vals[i] < 0:
            return i
        same = True
        for k in range(W):
            if keys[i, k] != key[k]:
                same = False
                break
        if same:
            return i
        i = (i + 1) & (cap - 1)


@njit(cache=True)
def _grow_table(keys, vals):  # pragma: no cover - compiled
    cap = vals.shape[0] * 2
    nkeys = np.zeros((cap, keys.shape[1]), dtype=np.uint64)
    nvals = np.full(cap, -1, dtype=np.int64)
    for i in range(vals.shape[0]):
        if vals[i] >= 0:
            s = _find_slot(nkeys, nvals, keys[i])
            nkeys[s, :] = keys[i]
            nvals[s] = vals[i]
    return nkeys, nvals


@njit(cache=True)
def _popcount(key):  # pragma: no cover - compiled
    c = 0
    for k in range(key.shape[0]):
        x = key[k]
        while x != np.uint64(0):
            x &= x - np.uint64(1)
            c += 1
    return c


# ----------------------------------------------------------------------------- pivoting
#
# Dictionary form: row ``i`` of ``T`` (shape ``(r, d + 1)``) reads
#     x[basis[i]] + sum_q T[i, q] * x[nonbasic[q]] = T[i, d],
# so the basic solution is ``T[:, d]`` and only the ``d`` nonbasic columns are stored.


@njit(cache=True)
def _pivot(T, row, col):  # pragma: no cover - compiled
    """Exchange the basic variable of ``row`` with the nonbasic variable of ``col``."""
    R, C = T.shape
    inv = 1.0 / T[row, col]
    for j in range(C):
        T[row, j] *= inv
    T[row, col] = inv
    for i in range(R):
        if i != row:
            f = T[i, col]
            if f != 0.0:
                for j in range(C):
                    T[i, j] -= f * T[row, j]
                T[i, col] = -f * inv


@njit(cache=True)
def _refactor(T, M, basis, nonbasic, work):  # pragma: no cover - compiled
    """Recompute the dictionary of the current basis from the data ``[M | I | 1]``
    (Gaussian elimination with partial pivoting), discarding accumulated round-off."""
    r, d = M.shape
    # work = [B | N | 1], B the basic columns, N the nonbasic ones
    for i in range(r):
        for k in range(r):
            v = basis[k]
            work[i, k] = M[i, v] if v < d else (1.0 if v - d == i else 0.0)
        for q in range(d):
            v = nonbasic[q]
            work[i, r + q] = M[i, v] if v < d else (1.0 if v - d == i else 0.0)
        work[i, r + d] = 1.0
    C = r + d + 1
    for k in range(r):
        p = k
        best = abs(work[k, k])
        for i in range(k + 1, r):
            if abs(work[i, k]) > best:
                best = abs(work[i, k])
                p = i
        if p != k:
            for j in range(C):
                tmp = work[k, j]
                work[k, j] = work[p, j]
                work[p, j] = tmp
        inv = 1.0 / work[k, k]
        for j in range(k, C):
            work[k, j] *= inv
        for i in range(r):
            if i != k:
                f = work[i, k]
                if f != 0.0:
                    for j in range(k, C):
                        work[i, j] -= f * work[k, j]
    for i in range(r):
        for j in range(d + 1):
            T[i, j] = work[i, r + j]


@njit(cache=True)
def _lex_ratio_row(T, col, d, r, isbasic, where, piv_tol, tie_tol):  # pragma: no cover
    """Leaving row of the lexicographic minimum-ratio test for entering column ``col``
    (-1 when the column has no positive entry).  Rows ``[b_i, (B^-1)_i] / T[i, col]`` are
    compared lexicographically; column ``l`` of ``B^-1`` is the dictionary column of slack
    ``d + l`` when it is nonbasic and a unit vector when it is basic."""
    best = -1
    ab = 1.0
    bb = 0.0
    for i in range(r):
        a = T[i, col]
        if a <= piv_tol:
            continue
        if best < 0:
            best = i
            ab = a
            bb = T[i, d]
            continue
        # compare T[i, d] / a with bb / ab without dividing (a, ab > 0)
        diff = T[i, d] * ab - bb * a
        band = tie_tol * a * ab
        if diff < -band:
            best = i
            ab = a
            bb = T[i, d]
        elif diff <= band:
            for l in range(r):
                v = d + l
                if isbasic[v]:
                    w = where[v]
                    ti = 1.0 if w == i else 0.0
                    tb = 1.0 if w == best else 0.0
                else:
                    q = where[v]
                    ti = T[i, q]
                    tb = T[best, q]
                diff = ti * ab - tb * a
                if diff < -band:
                    best = i
                    ab = a
                    bb = T[i, d]
                    break
                if diff > band:
                    break
    return best


# ----------------------------------------------------------------------------- enumeration


@njit(cache=True)
def _set_bit(key, v):  # pragma: no cover - compiled
    key[v // 64] |= np.uint64(1) << np.uint64(v % 64)


@njit(cache=True)
def _clear_bit(key, v):  # pragma: no cover - compiled
    key[v // 64] &= ~(np.uint64(1) << np.uint64(v % 64))


@njit(cache=True)
def _objective_row(T, basis, nonbasic, cost, d, r):  # pragma: no cover - compiled
    """Row ``r`` of ``T``: the objective ``w + sum_v cost[v] x_v = 0`` in terms of the
    nonbasic variables."""
    for q in range(d):
        acc = cost[nonbasic[q]]
        for i in range(r):
            cb = cost[basis[i]]
            if cb != 0.0:
                acc -= cb * T[i, q]
        T[r, q] = acc
    acc = 0.0
    for i in range(r):
        acc -= cost[basis[i]] * T[i, d]
    T[r, d] = acc


@njit(cache=True)
def _enumerate_vertices(M, var_label, num_words, tol, refactor_every):  # pragma: no cover
    """All vertices of ``{z >= 0 : M z <= 1}`` (``M`` positive, shape ``(r, d)``) by
    reverse search.

    Variables ``0 .. d-1`` are the coordinates of ``z``, ``d .. d+r-1`` the slacks of
    ``M z <= 1``; a variable at zero is a tight inequality and carries the label
    ``var_label[v]``.

    The search tree: the root is the origin's basis (all slacks basic), the unique
    optimum of ``max -sum(z)``; the parent of any other lex-feasible basis is the basis
    one simplex pivot away by Bland's rule (smallest improving variable enters) with the
    lexicographic ratio test.  A depth-first walk of that tree (Avis and Fukuda 1992)
    needs no record of visited bases: from a basis, the pivot on column ``s`` leads to a
    child exactly when, after it, the variable that left would be the one Bland's rule
    brings back, which the current dictionary tells in ``O(d)``.  Pivots are undone from a
    stack, and the dictionary is recomputed from the data every ``refactor_every`` pivots
    so round-off cannot build up.

    Returns ``labels (V, num_words)``, the bitmask of the tight inequalities of each
    vertex (which determines it), and the number of bases visited.  Vertex 0 is the
    origin.
    """
    r, d = M.shape
    nv = d + r
    # rows 0 .. r-1: the constraints; row r: the objective
    T = np.zeros((r + 1, d + 1))
    for i in range(r):
        for k in range(d):
            T[i, k] = M[i, k]
        T[i, d] = 1.0
    cost = np.zeros(nv)
    for k in range(d):
        cost[k] = 1.0
        T[r, k] = 1.0
    work = np.zeros((r, r + d + 1))
    basis = np.empty(r, dtype=np.int64)
    nonbasic = np.empty(d, dtype=np.int64)
    isbasic = np.zeros(nv, dtype=np.bool_)
    where = np.empty(nv, dtype=np.int64)
    for i in range(r):
        basis[i] = d + i
        isbasic[d + i] = True
        where[d + i] = i
    for q in range(d):
        nonbasic[q] = q
        where[q] = q
    piv_tol = tol * 1e-3
    tie_tol = tol
    dual_tol = tol

    # vertices; degenerate ones also keyed by label set (nondegenerate bases are the only
    # basis of their vertex and are met once)
    vkeys = np.zeros((1024, num_words), dtype=np.uint64)
    vvals = np.full(1024, -1, dtype=np.int64)
    ndeg = 0
    labels = np.zeros((256, num_words), dtype=np.uint64)
    nvert = 0

    # undo stack: next column to try at each depth, and the pivot that led there
    cap_stack = 64
    cand = np.zeros(cap_stack, dtype=np.int64)
    st_row = np.zeros(cap_stack, dtype=np.int64)
    st_col = np.zeros(cap_stack, dtype=np.int64)
    depth = 0
    lab = np.zeros(num_words, dtype=np.uint64)
    since_refactor = 0
    nbases = 1
    record = True
    while True:
        if record:
            # nonbasic variables, and basic ones at zero (degenerate), are tight
            for k in range(num_words):
                lab[k] = 0
            for q in range(d):
                _set_bit(lab, var_label[nonbasic[q]])
            degenerate = False
            for i in range(r):
                if T[i, d] <= tol:
                    _set_bit(lab, var_label[basis[i]])
                    degenerate = True
            new_vertex = True
            if degenerate:
                s = _find_slot(vkeys, vvals, lab)
                if vvals[s] >= 0:
                    new_vertex = False
                else:
                    vkeys[s, :] = lab
                    vvals[s] = nvert
                    ndeg += 1
                    if 2 * ndeg > vvals.shape[0]:
                        vkeys, vvals = _grow_table(vkeys, vvals)
            if new_vertex:
                if nvert == labels.shape[0]:
                    l2 = np.zeros((2 * nvert, num_words), dtype=np.uint64)
                    l2[:nvert] = labels
                    labels = l2
                for k in range(num_words):
                    labels[nvert, k] = lab[k]
                nvert += 1
            record = False
        # the next child of the current basis
        c = cand[depth]
        row = -1
        while c < d:
            rc = T[r, c]
            if rc > dual_tol:
                row = _lex_ratio_row(T, c, d, r, isbasic, where, piv_tol, tie_tol)
                if row >= 0:
                    # after the pivot, would Bland's rule bring back u = basis[row]?  No
                    # nonbasic variable with a smaller index may improve the objective,
                    # and u itself does (its reduced cost becomes -rc / a < 0).
                    u = basis[row]
                    f = rc / T[row, c]
                    for q in range(d):
                        if q != c and nonbasic[q] < u:
                            if T[r, q] - f * T[row, q] < -dual_tol:
                                row = -1
                                break
                    if row >= 0:
                        break
            c += 1
        forward = row >= 0
        if forward:
            cand[depth] = c + 1
        else:
            if depth == 0:
                break
            # back to the parent (pivoting twice on one entry is the identity)
            row = st_row[depth]
            c = st_col[depth]
        enter = nonbasic[c]
        leave = basis[row]
        _pivot(T, row, c)
        basis[row] = enter
        nonbasic[c] = leave
        isbasic[enter] = True
        isbasic[leave] = False
        where[enter] = row
        where[leave] = c
        since_refactor += 1
        if since_refactor >= refactor_every:
            _refactor(T, M, basis, nonbasic, work)
            _objective_row(T, basis, nonbasic, cost, d, r)
            since_refactor = 0
        if forward:
            nbases += 1
            depth += 1
            if depth == cap_stack:
                cap_stack *= 2
                a1 = np.zeros(cap_stack, dtype=np.int64)
                a1[:depth] = cand[:depth]
                cand = a1
                a2 = np.zeros(cap_stack, dtype=np.int64)
                a2[:depth] = st_row[:depth]
                st_row = a2
                a3 = np.zeros(cap_stack, dtype=np.int64)
                a3[:depth] = st_col[:depth]
                st_col = a3
            cand[depth] = 0
            st_row[depth] = row
            st_col[depth] = c
            record = True
        else:
            depth -= 1
    return labels[:nvert].copy(), nbases


# ----------------------------------------------------------------------------- matching


@njit(cache=True)
def _complementary_pairs(LP, LQ, num_labels):  # pragma: no cover - compiled
    """Index pairs ``(i, j)``, origins (index 0) excluded, whose label sets together hold
    every label: ``LP[i] | LQ[j] == all``.

    A vertex of P with exactly ``m`` labels (``m = num_labels - n``, the dimension of P)
    can only match the vertex of Q labelled exactly by the complement, or a degenerate
    vertex of Q (more than ``n`` labels): the first is a hash look-up, the second a scan of
    the degenerate vertices.  A degenerate vertex of P is compared with every vertex of Q.
    """
    W = LP.shape[1]
    VP = LP.shape[0]
    VQ = LQ.shape[0]
    full = np.zeros(W, dtype=np.uint64)
    for v in range(num_labels):
        _set_bit(full, v)
    # dimension of each polytope = number of labels of its nondegenerate vertices
    m = _popcount(LP[0])  # the origin of P: labels 0 .. m-1
    n = _popcount(LQ[0])
    cap = 16
    while cap < 2 * VQ:
        cap *= 2
    qkeys = np.zeros((cap, W), dtype=np.uint64)
    qvals = np.full(cap, -1, dtype=np.int64)
    degq = np.empty(VQ, dtype=np.int64)
    ndegq = 0
    for j in range(1, VQ):
        if _popcount(LQ[j]) == n:
            s = _find_slot(qkeys, qvals, LQ[j])
            qkeys[s, :] = LQ[j]
            qvals[s] = j
        else:
            degq[ndegq] = j
            ndegq += 1
    out = np.empty((16, 2), dtype=np.int64)
    npairs = 0
    comp = np.zeros(W, dtype=np.uint64)
    for i in range(1, VP):
        nondeg = _popcount(LP[i]) == m
        if nondeg:
            for k in range(W):
                comp[k] = full[k] & ~LP[i, k]
            s = _find_slot(qkeys, qvals, comp)
            if qvals[s] >= 0:
                if npairs == out.shape[0]:
                    o2 = np.empty((2 * npairs, 2), dtype=np.int64)
                    o2[:npairs] = out
                    out = o2
                out[npairs, 0] = i
                out[npairs, 1] = qvals[s]
                npairs += 1
        last = ndegq if nondeg else VQ - 1
        for t in range(last):
            j = degq[t] if nondeg else t + 1
            ok = True
            for k in range(W):
                if (LP[i, k] | LQ[j, k]) != full[k]:
                    ok = False
                    break
            if ok:
                if npairs == out.shape[0]:
                    o2 = np.empty((2 * npairs, 2), dtype=np.int64)
                    o2[:npairs] = out
                    out = o2
                out[npairs, 0] = i
                out[npairs, 1] = j
                npairs += 1
    return out[:npairs].copy()


# ----------------------------------------------------------------------------- coordinates


@njit(cache=True)
def _vertex_points(M, var_label, labels, idx):  # pragma: no cover - compiled
    """Coordinates of the vertices ``idx`` of ``{z >= 0 : M z <= 1}``, each solved from
    its label set alone (``labels[v]``): the coordinates whose label is absent are the
    unknowns, and the tight rows of ``M z = 1`` the equations.  A degenerate vertex has
    more equations than unknowns (a consistent system): Gaussian elimination with row
    pivoting picks independent ones.  Each row of the result is normalised to sum 1."""
    r, d = M.shape
    out = np.zeros((idx.shape[0], d))
    sub = np.empty((r, d + 1))
    cols = np.empty(d, dtype=np.int64)
    rows = np.empty(r, dtype=np.int64)
    for t in range(idx.shape[0]):
        lab = labels[idx[t]]
        ns = 0
        for k in range(d):
            L = var_label[k]
            if (lab[L // 64] >> np.uint64(L % 64)) & np.uint64(1) == np.uint64(0):
                cols[ns] = k
                ns += 1
        nt = 0
        for i in range(r):
            L = var_label[d + i]
            if (lab[L // 64] >> np.uint64(L % 64)) & np.uint64(1) != np.uint64(0):
                rows[nt] = i
                nt += 1
        for a in range(nt):
            for b in range(ns):
                sub[a, b] = M[rows[a], cols[b]]
            sub[a, ns] = 1.0
        # forward elimination with partial pivoting over the nt >= ns rows
        for b in range(ns):
            p = b
            best = abs(sub[b, b])
            for a in range(b + 1, nt):
                if abs(sub[a, b]) > best:
                    best = abs(sub[a, b])
                    p = a
            if p != b:
                for c in range(ns + 1):
                    tmp = sub[b, c]
                    sub[b, c] = sub[p, c]
                    sub[p, c] = tmp
            for a in range(b + 1, nt):
                f = sub[a, b] / sub[b, b]
                if f != 0.0:
                    for c in range(b, ns + 1):
                        sub[a, c] -= f * sub[b, c]
        total = 0.0
        for b in range(ns - 1, -1, -1):
            acc = sub[b, ns]
            for c in range(b + 1, ns):
                acc -= sub[b, c] * out[t, cols[c]]
            v = acc / sub[b, b]
            if v < 0.0:
                v = 0.0
            out[t, cols[b]] = v
            total += v
        for k in range(d):
            out[t, k] /= total
    return out


# ----------------------------------------------------------------------------- driver


@njit(cache=True)
def _positive_nb(M):  # pragma: no cover - compiled
    """``M`` mapped affinely onto ``[1, 2]`` (all ones when constant), entry by entry as
    ``1 + (M - lo) / (hi - lo)``."""
    lo = M.min()
    hi = M.max()
    out = np.ones(M.shape)
    if hi > lo:
        w = hi - lo
        for i in range(M.shape[0]):
            for j in range(M.shape[1]):
                out[i, j] = 1.0 + (M[i, j] - lo) / w
    return out


@njit(cache=True)
def _float_search(A, B, tol, refactor_every):  # pragma: no cover - compiled
    """The float path of vertex enumeration in one call: both polytopes (payoffs mapped
    onto ``[1, 2]``; ``P = {x >= 0 : B^T x <= 1}``, ``Q = {y >= 0 : A y <= 1}``), their
    completely labelled pairs and the normalised coordinates of the vertices in a pair.

    Returns ``(pi, qi, XP, XQ, bases)``: pair ``k`` joins row vertex ``XP[pi[k]]`` and
    column vertex ``XQ[qi[k]]``; the rows of ``XP`` (``XQ``) are the distinct vertices of
    ``P`` (``Q``) that occur in a pair, in the order of the enumeration."""
    m, n = A.shape
    MP = np.ascontiguousarray(_positive_nb(B).T)
    MQ = _positive_nb(A)
    W = (m + n + 63) // 64
    labP = np.arange(m + n)
    labQ = np.empty(m + n, dtype=np.int64)
    for j in range(n):
        labQ[j] = m + j
    for i in range(m):
        labQ[n + i] = i
    LP, nbP = _enumerate_vertices(MP, labP, W, tol, refactor_every)
    LQ, nbQ = _enumerate_vertices(MQ, labQ, W, tol, refactor_every)
    pairs = _complementary_pairs(LP, LQ, m + n)
    ip = np.unique(pairs[:, 0])
    iq = np.unique(pairs[:, 1])
    XP = _vertex_points(MP, labP, LP, ip)
    XQ = _vertex_points(MQ, labQ, LQ, iq)
    pi = np.searchsorted(ip, pairs[:, 0])
    qi = np.searchsorted(iq, pairs[:, 1])
    return pi, qi, XP, XQ, nbP + nbQ
