"""Support-profile solvers of n-player support enumeration: the conditional-dominance test
of Porter, Nudelman and Shoham (2008, "Simple search methods for finding a Nash
equilibrium", Games Econ. Behav. 63, 642-662), multi-start Newton on the indifference
system of one support profile, and the complete solve of that system by multihomogeneous
homotopy continuation (:func:`homotopy_support`, built on ``_homotopy.py``)."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ._nplayer_core import newton_support


@njit(cache=True)
def conditionally_dominated(P, shape, offs, supp, tol_abs):  # pragma: no cover - compiled
    """True when some supported action ``a`` of some player ``i`` is strictly dominated
    given the others' supports: another action ``b`` of ``i`` (supported or not) pays more
    than ``a`` by more than ``tol_abs`` against every pure profile of the others drawn from
    their supports.  Such an ``a`` is never a best response to strategies on those
    supports, so no equilibrium has this support profile."""
    n = shape.shape[0]
    strides = np.empty(n, dtype=np.int64)
    s = 1
    for j in range(n - 1, -1, -1):
        strides[j] = s
        s *= shape[j]
    idx = np.zeros(n, dtype=np.int64)
    for i in range(n):
        mi = shape[i]
        # dom[a, b]: b beats a on every supported profile of the others seen so far
        dom = np.ones((mi, mi), dtype=np.bool_)
        for a in range(mi):
            dom[a, a] = False
        # iterate over the others' supported profiles (player i's entry stays 0)
        for j in range(n):
            idx[j] = 0
        # move to the first supported action of every other player
        empty = False
        for j in range(n):
            if j == i:
                continue
            k = 0
            while k < shape[j] and not supp[offs[j] + k]:
                k += 1
            if k == shape[j]:
                empty = True
            idx[j] = k
        if empty:
            return True
        while True:
            base = 0
            for j in range(n):
                if j != i:
                    base += idx[j] * strides[j]
            for a in range(mi):
                if not supp[offs[i] + a]:
                    continue
                ua = P[i, base + a * strides[i]]
                for b in range(mi):
                    if dom[a, b] and not (P[i, base + b * strides[i]] > ua + tol_abs):
                        dom[a, b] = False
            # next supported profile of the others (last player fastest)
            j = n - 1
            done = True
            while j >= 0:
                if j == i:
                    j -= 1
                    continue
                k = idx[j] + 1
                while k < shape[j] and not supp[offs[j] + k]:
                    k += 1
                if k < shape[j]:
                    idx[j] = k
                    done = False
                    break
                k = 0
                while not supp[offs[j] + k]:
                    k += 1
                idx[j] = k
                j -= 1
            if done:
                break
        for a in range(mi):
            if supp[offs[i] + a]:
                for b in range(mi):
                    if dom[a, b]:
                        return True
    return False


@njit(cache=True)
def solve_support(P, shape, offs, supp, starts, tol_abs, max_iter, out):  # pragma: no cover
    """Newton's method on the indifference system of ``supp`` from each row of ``starts``;
    keeps the distinct solutions that are equilibria (regret at most ``tol_abs``) and
    have every supported probability positive.  Returns ``(found, singular)``: how many
    were written to ``out`` (one row per solution), and whether the Jacobian was singular
    at some start.  A solution reached through a singular Jacobian lies on a continuum of
    solutions; it is kept as the continuum's representative and no further start is
    tried."""
    M = offs[shape.shape[0]]
    x = np.empty(M)
    found = 0
    singular = False
    for s in range(starts.shape[0]):
        reg, sing = newton_support(P, shape, offs, starts[s], supp, max_iter, x)
        if sing:
            singular = True
        if not reg <= tol_abs:
            continue
        positive = True
        for k in range(M):
            if supp[k] and x[k] <= 0.0:
                positive = False
                break
        if not positive:
            continue
        dup = False
        for q in range(found):
            d = 0.0
            for k in range(M):
                if abs(out[q, k] - x[k]) > d:
                    d = abs(out[q, k] - x[k])
            if d < 1e-7:
                dup = True
                break
        if dup or found >= out.shape[0]:
            continue
        out[found, :] = x
        found += 1
        if sing:
            # a singular system has a continuum of solutions here: one representative
            # (from the first start that reached it) stands for it
            break
    return found, singular


# ----------------------------------------------------------------------------- homotopy
@njit(cache=True)
def support_rows(P, shape, offs, supp):  # pragma: no cover - compiled
    """The indifference system of the support profile ``supp`` (bool per action) as a
    multilinear system for :func:`~._homotopy.solve_multilinear`: ``(E, rowp, s)``.
    Player ``i``'s rows are ``u_i(S_i[l], x_-i) - u_i(S_i[0], x_-i)``, ``l >= 1``, with
    coefficients on the pure profiles of the support product (C order) whose ``i``-th
    index is 0 (``rowp = i``: the row does not involve player ``i``)."""
    n = shape.shape[0]
    strides = np.empty(n, dtype=np.int64)
    st = 1
    for j in range(n - 1, -1, -1):
        strides[j] = st
        st *= shape[j]
    s = np.zeros(n, dtype=np.int64)
    lst = np.empty(offs[n], dtype=np.int64)
    start = np.empty(n + 1, dtype=np.int64)
    c = 0
    for j in range(n):
        start[j] = c
        for k in range(shape[j]):
            if supp[offs[j] + k]:
                lst[c] = k
                c += 1
        s[j] = c - start[j]
    start[n] = c
    Q = 1
    R = 0
    for j in range(n):
        Q *= s[j]
        R += s[j] - 1
    E = np.zeros((R, Q))
    rowp = np.empty(R, dtype=np.int64)
    r = 0
    for i in range(n):
        for l in range(1, s[i]):
            rowp[r] = i
            r += 1
    pos = np.zeros(n, dtype=np.int64)
    for p in range(Q):
        # pos: the index of profile p in each block (C order)
        rem = p
        for j in range(n - 1, -1, -1):
            pos[j] = rem % s[j]
            rem //= s[j]
        flat = 0
        for j in range(n):
            flat += lst[start[j] + pos[j]] * strides[j]
        r = 0
        for i in range(n):
            if pos[i] != 0:
                r += s[i] - 1
                continue
            base = P[i, flat]  # action S_i[0] of player i (pos[i] == 0)
            for l in range(1, s[i]):
                E[r, p] = P[i, flat + (lst[start[i] + l] - lst[start[i]]) * strides[i]] - base
                r += 1
    return E, rowp, s


def support_system(Parr: np.ndarray, S) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`support_rows` for the payoff array ``Parr`` (shape ``(n, m_1, ..., m_n)``)
    and the support profile ``S`` (one array of action indices per player)."""
    n = Parr.shape[0]
    P = np.ascontiguousarray(Parr.reshape(n, -1), dtype=np.float64)
    shape = np.asarray(Parr.shape[1:], dtype=np.int64)
    offs = np.zeros(n + 1, dtype=np.int64)
    offs[1:] = np.cumsum(shape)
    supp = np.zeros(offs[-1], dtype=np.bool_)
    for j in range(n):
        supp[offs[j] + np.asarray(S[j], dtype=np.int64)] = True
    return support_rows(P, shape, offs, supp)


def _real_points(points: np.ndarray, s: np.ndarray, imag_tol: float = 1e-7,
                 neg_tol: float = 1e-7) -> list[list[np.ndarray]]:
    """The endpoints (complex, patch coordinates) that are real points of the closed
    product of simplices after dividing each block by its sum: a list of per-block
    probability vectors."""
    o = np.concatenate([[0], np.cumsum(s)])
    out = []
    for x in points:
        ys = []
        for j in range(len(s)):
            xj = x[o[j]:o[j + 1]]
            tot = xj.sum()
            if abs(tot) <= 1e-9 * max(np.abs(xj).max(), 1e-300):
                break  # at infinity of the probability chart
            y = xj / tot
            if np.abs(y.imag).max() > imag_tol or y.real.min() < -neg_tol:
                break
            ys.append(y.real.copy())
        else:
            out.append(ys)
    return out


def planned_paths(d: tuple[int, ...]) -> int:
    """Paths :func:`homotopy_support` tracks on a support profile with ``d[i] = s_i - 1``
    (one attempt): the Bezout number, or, when it is 0, that of the over-determined
    player's square subsystem (a multinomial coefficient)."""
    from ._homotopy import game_bezout_number
    b = game_bezout_number(tuple(d))
    if b > 0 or sum(d) == 0:
        return b
    i = max(range(len(d)), key=lambda k: d[k])
    rest = [d[j] for j in range(len(d)) if j != i]
    out = math.factorial(sum(rest))
    for v in rest:
        out //= math.factorial(v)
    return out


def homotopy_support(P, shape, offs, supp, rng, zero_tol: float):
    """All isolated solutions of the indifference system on the support profile ``supp``
    (bool per action; the game in the flat layout of ``_nplayer_core``) by
    multihomogeneous homotopy continuation (``gametheory.solvers._homotopy``).

    Returns ``(candidates, reason, paths)``: the real solutions in the closed product of
    simplices (per-player probability vectors on the supports, to be polished and
    certified by the caller), ``reason`` None when these are provably every solution of
    the system (for the tracked paths: every path ended at a distinct nonsingular
    solution) and otherwise why not (the support is degenerate: the caller falls back to
    Newton's method for representatives), and the number of paths tracked.

    When some player ``i`` has more equations than the others have unknowns
    (``s_i - 1 > sum_{j != i} (s_j - 1)``; the Bezout number is then 0), a generic game has
    no solution on the support profile; this is checked by solving ``sum_{j != i} (s_j - 1)`` random
    combinations of player ``i``'s equations (a square system in the others' strategies,
    whose solutions include every solution of player ``i``'s equations) and testing each
    real one in the simplices against all of player ``i``'s equations."""
    from ._homotopy import game_bezout_number, solve_multilinear

    E, rowp, s = support_rows(P, shape, offs, supp)
    n = len(s)
    d = s - 1
    scale = np.abs(E).max(axis=1) if len(E) else np.zeros(0)
    if np.any(scale <= zero_tol):
        return [], ("a player is indifferent between two supported actions against every "
                    "profile of the others' supports (a degenerate game)"), 0
    E = E / scale[:, None]
    if game_bezout_number(tuple(int(v) for v in d)) > 0:
        sol = solve_multilinear(E, rowp, s, rng)
        return _real_points(sol.points, s), sol.reason, sol.paths
    # Bezout number 0: one player i is over-determined
    i = int(np.argmax(d))
    K = int(d.sum() - d[i])
    Ei = E[rowp == i]
    sl = [slice(None)] * n
    sl[i] = 0
    others = [j for j in range(n) if j != i]
    Ei_other = Ei.reshape((len(Ei),) + tuple(s))[(slice(None),) + tuple(sl)]
    Ei_other = Ei_other.reshape(len(Ei), -1)
    if K == 0:  # the others play pure: the equations are nonzero constants (rows above)
        return [], None, 0
    W = rng.standard_normal((K, len(Ei))) + 1j * rng.standard_normal((K, len(Ei)))
    sub_s = s[others]
    sol = solve_multilinear(W @ Ei_other, np.full(K, -1, dtype=np.int64), sub_s, rng)
    if sol.reason is not None:
        return [], ("player %d's indifference equations (more than the others' unknowns) "
                    "have non-isolated solutions: %s" % (i, sol.reason)), sol.paths
    for ys in _real_points(sol.points, sub_s):
        prod = np.ones(())
        for y in ys:
            prod = np.multiply.outer(prod, y)
        res = np.abs(Ei_other @ prod.ravel()).max()
        if res <= 1e-8:
            return [], (f"player {i} has more indifference equations than the others have "
                        "unknowns, yet they have a common solution (a degenerate game)"), \
                sol.paths
    return [], None, sol.paths
