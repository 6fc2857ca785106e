"""Kernel of the simplicial subdivision method: a variable dimension restart algorithm on
the product of the players' simplices, after van der Laan and Talman (1987) and van der
Laan, Talman and van der Heyden (1987, Math. Oper. Res. 12, 377-397).

The path, in words.  Fix a starting profile ``v`` and a grid size ``1/m``.  For a set
``T`` of actions with ``T_j`` a proper subset of player ``j``'s actions, the region

    A(T) = { x :  x_j = alpha_j v_j + sum_{k in T_j} lambda_jk e_jk,
               alpha_j, lambda_jk >= 0,  alpha_j + sum_k lambda_jk = 1 }

has dimension ``|T|``: the actions in ``T_j`` gain weight relative to ``v_j``.  A point
``x`` gets the integer label ``(j, k)`` maximising the excess payoff
``z_jk(x) = u_j(k, x_-j) - u_j(x)`` over all players and actions (first in index order on
ties).  Starting from ``{v}`` the method follows the simplices of a triangulation of
``A(T)`` whose vertices carry every label of ``T``, changing ``T`` when a label outside
``T`` appears (dimension goes up) or when the path meets a face ``lambda_jk = 0``
(dimension goes down).  It stops when

* a simplex carries every action of one player ``j`` as a label: then all ``z_jk`` of
  player ``j`` are within ``O(1/m)`` of the global maximum ``M``, and since
  ``sum_k x_jk z_jk = 0`` the maximum ``M`` -- which is the max regret -- is ``O(1/m)``;
* or the path reaches a face ``alpha_j = 0``: there ``x_j`` lives on ``T_j`` whose actions
  all have ``z_jk`` near ``M``, so again ``M = O(1/m)``.

Either way the end point is an ``O(1/m)``-equilibrium.  The path never cycles (each
simplex on it has at most two neighbours and ``{v}`` has one), so it ends after finitely
many pivots.  The method then restarts from the end point with the grid halved.

Triangulation.  In ``A(T)`` we use the coordinates ``W_jr = m * sum_{s >= r}
lambda_{j k_s}`` (``k_1 < k_2 < ...`` the actions of ``T_j``), in which ``A(T)`` is the
product of the "staircases" ``m >= W_j1 >= W_j2 >= ... >= 0``.  Every wall of that region
is a wall of Freudenthal's triangulation K1 of the integer grid, so K1 triangulates each
``A(T)``, and its restriction to a face ``lambda_jk = 0`` (a wall ``W_jr = W_j,r+1`` or
``W_js = 0``) is the K1 triangulation of ``A(T minus (j, k))``: the regions fit together.
A K1 simplex is a base point ``a`` and an order ``pi`` of the coordinates; its vertices are
``y^0 = a`` and ``y^r = y^{r-1} + e_{pi_r}``.

The regions, the variable dimension path and the restarts follow the papers above; the
integer labelling by the largest excess payoff and the staircase coordinates that make K1
fit the regions are this implementation's choices, justified by the argument above (no
code was taken from Gambit or elsewhere).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._nplayer_core import action_values, max_regret_flat, ranked_refine

# status codes returned by the kernel
OK_REGRET = 0        # the grid path reached the regret target by itself
OK_NEWTON = 1        # Newton refinement on a support reached it
NOT_CONVERGED = 2    # refinements or pivots exhausted: best point returned
BAD_PATH = 3         # internal consistency check failed (should not happen)


@njit(cache=True)
def _vertex_point(v, shape, offs, inT, a, pos, r, m, x):  # pragma: no cover - compiled
    """The profile at vertex ``r`` of the simplex ``(a, pi)`` (``pos`` = position of each
    coordinate in ``pi``, -1 when not in ``T``)."""
    n = shape.shape[0]
    for j in range(n):
        # W of the first element of T_j gives alpha_j
        first = -1
        for k in range(offs[j], offs[j + 1]):
            if inT[k]:
                first = k
                break
        if first < 0:
            for k in range(offs[j], offs[j + 1]):
                x[k] = v[k]
            continue
        wfirst = a[first] + (1 if pos[first] < r else 0)
        alpha = 1.0 - wfirst / m
        for k in range(offs[j], offs[j + 1]):
            x[k] = alpha * v[k]
        # lambda_k = (W_k - W_next) / m along the staircase
        prevk = -1
        prevw = 0
        for k in range(offs[j], offs[j + 1]):
            if inT[k]:
                wk = a[k] + (1 if pos[k] < r else 0)
                if prevk >= 0:
                    x[prevk] += (prevw - wk) / m
                prevk = k
                prevw = wk
        if prevk >= 0:
            x[prevk] += prevw / m


@njit(cache=True)
def _label(P, shape, offs, x, V):  # pragma: no cover - compiled
    """Integer label: the (player, action) with the largest excess payoff."""
    action_values(P, shape, offs, x, V)
    n = shape.shape[0]
    best = -np.inf
    lab = 0
    for j in range(n):
        u = 0.0
        for k in range(offs[j], offs[j + 1]):
            u += x[k] * V[k]
        for k in range(offs[j], offs[j + 1]):
            z = V[k] - u
            if z > best:
                best = z
                lab = k
    return lab


@njit(cache=True)
def _grid_path(P, shape, offs, player, v, m, max_pivots, xbest):  # pragma: no cover
    """Follow the path from ``v`` on the grid of size ``1/m``.  Returns
    ``(status, pivots, regret)``; ``xbest`` receives the best vertex (least max regret) of
    the terminal simplex.  status 0: terminated, 1: pivot cap reached, 3: inconsistent."""
    n = shape.shape[0]
    M = offs[n]
    inT = np.zeros(M, dtype=np.bool_)
    a = np.zeros(M, dtype=np.int64)
    pos = np.full(M, -1, dtype=np.int64)
    pi = np.empty(M, dtype=np.int64)
    lab = np.empty(M + 1, dtype=np.int64)
    cnt = np.zeros(n, dtype=np.int64)  # |T_j|
    x = np.empty(M)
    V = np.empty(M)
    t = 0
    lab[0] = _label(P, shape, offs, v, V)
    new_label = lab[0]
    mode = 0  # 0: add new_label to T; 1: pivot out vertex r_out
    r_out = -1
    pivots = 0
    status = 1
    lo_v = 0  # vertices of the terminal simplex to inspect: lo_v .. hi_v
    hi_v = 0
    while pivots < max_pivots:
        pivots += 1
        if mode == 0:
            L = new_label
            j = player[L]
            if cnt[j] + 1 == shape[j]:
                status = 0
                lo_v = 0
                hi_v = t
                break
            # successor of L in T_j (natural order)
            d = -1
            for k in range(L + 1, offs[j + 1]):
                if inT[k]:
                    d = k
                    break
            if d >= 0:
                q = pos[d]
                for s in range(t - 1, q - 1, -1):
                    pi[s + 1] = pi[s]
                    pos[pi[s + 1]] = s + 1
                pi[q] = L
                pos[L] = q
                a[L] = a[d]
                rnew = q + 1
            else:
                pi[t] = L
                pos[L] = t
                a[L] = 0
                rnew = t + 1
            for s in range(t, rnew - 1, -1):
                lab[s + 1] = lab[s]
            inT[L] = True
            cnt[j] += 1
            t += 1
        else:
            r = r_out
            # does the facet opposite vertex r lie on a wall of A(T)?
            if r == 0:
                c = pi[0]
                jc = player[c]
                first = True
                for k in range(offs[jc], c):
                    if inT[k]:
                        first = False
                        break
                if first and a[c] + 1 == m:
                    status = 0
                    lo_v = 1
                    hi_v = t
                    break
            wall = -1
            if r == t:
                c = pi[t - 1]
                jc = player[c]
                last = True
                for k in range(c + 1, offs[jc + 1]):
                    if inT[k]:
                        last = False
                        break
                if last and a[c] == 0:
                    wall = c
            elif r > 0:
                c = pi[r - 1]
                d = pi[r]
                if player[c] == player[d] and d > c and a[c] == a[d]:
                    nxt = -1
                    for k in range(c + 1, offs[player[c] + 1]):
                        if inT[k]:
                            nxt = k
                            break
                    if nxt == d:
                        wall = c
            if wall >= 0:
                # drop the coordinate: the facet is a simplex of A(T minus c)
                c = wall
                q = pos[c]
                for s in range(q, t - 1):
                    pi[s] = pi[s + 1]
                    pos[pi[s]] = s
                pos[c] = -1
                inT[c] = False
                a[c] = 0
                cnt[player[c]] -= 1
                for s in range(r, t):
                    lab[s] = lab[s + 1]
                t -= 1
                # leave through the facet opposite the vertex labelled c
                r_out = -1
                for s in range(t + 1):
                    if lab[s] == c:
                        r_out = s
                        break
                if r_out < 0:
                    status = 3
                    break
                mode = 1
                continue
            # ordinary K1 pivot
            if r == 0:
                c = pi[0]
                a[c] += 1
                for s in range(t - 1):
                    pi[s] = pi[s + 1]
                    pos[pi[s]] = s
                pi[t - 1] = c
                pos[c] = t - 1
                for s in range(t):
                    lab[s] = lab[s + 1]
                rnew = t
            elif r == t:
                c = pi[t - 1]
                a[c] -= 1
                for s in range(t - 1, 0, -1):
                    pi[s] = pi[s - 1]
                    pos[pi[s]] = s
                pi[0] = c
                pos[c] = 0
                for s in range(t, 0, -1):
                    lab[s] = lab[s - 1]
                rnew = 0
            else:
                c = pi[r - 1]
                d = pi[r]
                pi[r - 1] = d
                pi[r] = c
                pos[d] = r - 1
                pos[c] = r
                rnew = r
        # label the new vertex
        _vertex_point(v, shape, offs, inT, a, pos, rnew, m, x)
        L2 = _label(P, shape, offs, x, V)
        lab[rnew] = L2
        if inT[L2]:
            r_out = -1
            for s in range(t + 1):
                if s != rnew and lab[s] == L2:
                    r_out = s
                    break
            if r_out < 0:
                status = 3
                break
            mode = 1
        else:
            new_label = L2
            mode = 0
    # best vertex of the terminal (or last) simplex
    best = np.inf
    if status == 1:
        lo_v = 0
        hi_v = t
    for r in range(lo_v, hi_v + 1):
        _vertex_point(v, shape, offs, inT, a, pos, r, m, x)
        reg = max_regret_flat(P, shape, offs, x, V)
        if reg < best:
            best = reg
            xbest[:] = x
    # the barycentre is often better than every vertex
    xb = np.zeros(M)
    for r in range(lo_v, hi_v + 1):
        _vertex_point(v, shape, offs, inT, a, pos, r, m, x)
        for k in range(M):
            xb[k] += x[k]
    for k in range(M):
        xb[k] /= (hi_v - lo_v + 1)
    reg = max_regret_flat(P, shape, offs, xb, V)
    if reg < best:
        best = reg
        xbest[:] = xb
    return status, pivots, best


@njit(cache=True)
def simpdiv_kernel(P, shape, offs, v0, m0, refinements, max_pivots, tol_abs,
                   newton_from, newton_iter, newton_tries0, newton_tries,
                   xout):  # pragma: no cover - compiled
    """Restart loop: path on grid ``1/m``; once its end point's regret is below
    ``newton_from``, Newton refinement on at most ``newton_tries0 * 2**level`` (capped at
    ``newton_tries``) supports, accepted within ``max(0.2, 4/m)`` of the end point; then
    halve the grid and restart from the end point.  Returns ``(status, pivots, levels,
    regret)``; ``xout`` receives the best point found."""
    n = shape.shape[0]
    M = offs[n]
    player = np.empty(M, dtype=np.int64)
    for j in range(n):
        for k in range(offs[j], offs[j + 1]):
            player[k] = j
    v = v0.copy()
    xend = np.empty(M)
    xref = np.empty(M)
    total = 0
    m = m0
    best_reg = np.inf
    work = np.empty(M)
    reg0 = max_regret_flat(P, shape, offs, v, work)
    xout[:] = v
    best_reg = reg0
    if reg0 <= tol_abs:
        return OK_REGRET, 0, 0, reg0
    for level in range(refinements + 1):
        st, piv, reg = _grid_path(P, shape, offs, player, v, m, max_pivots - total, xend)
        total += piv
        if st == 3:
            return BAD_PATH, total, level + 1, best_reg
        if reg < best_reg:
            best_reg = reg
            xout[:] = xend
        if reg <= tol_abs:
            return OK_REGRET, total, level + 1, reg
        if reg <= newton_from:
            tries = min(newton_tries, newton_tries0 << min(level, 20))
            rr = ranked_refine(P, shape, offs, xend, tol_abs, newton_iter, tries,
                               max(0.2, 4.0 / m), xref)
            if rr < best_reg:
                best_reg = rr
                xout[:] = xref
            if rr <= tol_abs:
                return OK_NEWTON, total, level + 1, rr
        if st == 1 or total >= max_pivots:
            return NOT_CONVERGED, total, level + 1, best_reg
        v[:] = xend
        m *= 2
    return NOT_CONVERGED, total, refinements + 1, best_reg
