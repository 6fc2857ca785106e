"""Kernels of n-player support enumeration: the conditional-dominance test of Porter,
Nudelman and Shoham (2008, "Simple search methods for finding a Nash equilibrium", Games
Econ. Behav. 63, 642-662) and multi-start Newton on the indifference system of one support
profile."""

from __future__ import annotations

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
