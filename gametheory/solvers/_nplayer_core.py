"""Numba kernels shared by the n-player solvers: expected-payoff contractions on a flat
payoff array, the Jacobian blocks of the indifference system, Newton's method on a support
(the "refinement" every n-player method ends with), and the regret of a profile.

Data layout (every kernel sees only arrays and scalars):

- ``P``: float64 array of shape ``(n, prod(m))``, ``P[i, p]`` the payoff of player ``i`` at
  the ``p``-th pure profile in C order (the last player's action varies fastest);
- ``shape``: int64 array ``(m_1, ..., m_n)``;
- ``offs``: int64 array of length ``n + 1``, player ``j``'s actions are the entries
  ``offs[j] .. offs[j+1]-1`` of every flat "action vector";
- ``x``: float64 vector of length ``sum(m)``, the players' mixed strategies end to end.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..games._normal_form import NormalFormGame

__all__ = ["flat_game", "split_profile"]


def flat_game(game: NormalFormGame):
    """``(P, shape, offs, scale)`` for the kernels; ``scale = max(1, max |payoff|)`` is the
    unit of the relative tolerances."""
    Parr = game.payoff_array
    P = np.ascontiguousarray(Parr.reshape(Parr.shape[0], -1), dtype=np.float64)
    shape = np.asarray(game.num_actions, dtype=np.int64)
    offs = np.zeros(len(shape) + 1, dtype=np.int64)
    offs[1:] = np.cumsum(shape)
    scale = max(1.0, float(np.abs(P).max()))
    return P, shape, offs, scale


def split_profile(x: np.ndarray, offs: np.ndarray) -> list[np.ndarray]:
    """One strategy per player (copies) from the end-to-end vector ``x``."""
    return [np.array(x[offs[j]:offs[j + 1]]) for j in range(len(offs) - 1)]


@njit(cache=True)
def action_values(P, shape, offs, x, out):  # pragma: no cover - compiled
    """``out[offs[j] + k] = u_j(k, x_{-j})`` for every player ``j`` and action ``k``.

    One pass over the pure profiles with prefix and suffix products of the probabilities,
    ``O(n * prod(m))``."""
    n = shape.shape[0]
    total = P.shape[1]
    out[:] = 0.0
    idx = np.zeros(n, dtype=np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    pre[0] = 1.0
    suf[n] = 1.0
    for p in range(total):
        for i in range(n):
            pre[i + 1] = pre[i] * x[offs[i] + idx[i]]
        for i in range(n - 1, -1, -1):
            suf[i] = suf[i + 1] * x[offs[i] + idx[i]]
        for j in range(n):
            w = pre[j] * suf[j + 1]
            if w != 0.0:
                out[offs[j] + idx[j]] += P[j, p] * w
        for i in range(n - 1, -1, -1):
            idx[i] += 1
            if idx[i] < shape[i]:
                break
            idx[i] = 0


@njit(cache=True)
def pair_values(P, shape, offs, x, out):  # pragma: no cover - compiled
    """``out[offs[j]+k, offs[i]+h] = u_j(k, h, x_{-ij})`` for players ``i != j`` (zero on the
    diagonal blocks): the derivative of ``u_j(k, x_{-j})`` with respect to ``x_{ih}``.
    ``O(n^2 * prod(m))``."""
    n = shape.shape[0]
    total = P.shape[1]
    out[:, :] = 0.0
    idx = np.zeros(n, dtype=np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    pre[0] = 1.0
    suf[n] = 1.0
    for p in range(total):
        for i in range(n):
            pre[i + 1] = pre[i] * x[offs[i] + idx[i]]
        for i in range(n - 1, -1, -1):
            suf[i] = suf[i + 1] * x[offs[i] + idx[i]]
        for j in range(n):
            mid = 1.0
            rj = offs[j] + idx[j]
            for i in range(j + 1, n):
                w = pre[j] * mid * suf[i + 1]
                ri = offs[i] + idx[i]
                if w != 0.0:
                    out[rj, ri] += P[j, p] * w
                    out[ri, rj] += P[i, p] * w
                mid *= x[ri]
        for i in range(n - 1, -1, -1):
            idx[i] += 1
            if idx[i] < shape[i]:
                break
            idx[i] = 0


@njit(cache=True)
def solve_inplace(A, b, dim):  # pragma: no cover - compiled
    """Solve ``A[:dim, :dim] y = b[:dim]`` in place (Gaussian elimination with partial
    pivoting; ``b`` receives ``y``).  Returns False when a pivot is (numerically) zero.
    Small dense systems only: no allocation, no LAPACK call overhead."""
    return solve_det_sign(A, b, dim) != 0


@njit(cache=True)
def solve_det_sign(A, b, dim):  # pragma: no cover - compiled
    """As :func:`solve_inplace`, returning the sign of ``det(A)`` (0 when singular)."""
    sign = 1
    scale = 0.0
    for i in range(dim):
        for c in range(dim):
            if abs(A[i, c]) > scale:
                scale = abs(A[i, c])
    if scale == 0.0 or not np.isfinite(scale):
        return 0
    eps = 1e-13 * scale
    for c in range(dim):
        piv = c
        big = abs(A[c, c])
        for i in range(c + 1, dim):
            if abs(A[i, c]) > big:
                big = abs(A[i, c])
                piv = i
        if big <= eps:
            return 0
        if piv != c:
            sign = -sign
            for k in range(c, dim):
                tmp = A[c, k]
                A[c, k] = A[piv, k]
                A[piv, k] = tmp
            tmp = b[c]
            b[c] = b[piv]
            b[piv] = tmp
        if A[c, c] < 0.0:
            sign = -sign
        inv = 1.0 / A[c, c]
        for i in range(c + 1, dim):
            f = A[i, c] * inv
            if f != 0.0:
                for k in range(c + 1, dim):
                    A[i, k] -= f * A[c, k]
                b[i] -= f * b[c]
    for c in range(dim - 1, -1, -1):
        s = b[c]
        for k in range(c + 1, dim):
            s -= A[c, k] * b[k]
        b[c] = s / A[c, c]
    return sign


@njit(cache=True)
def max_regret_flat(P, shape, offs, x, work):  # pragma: no cover - compiled
    """The largest regret ``max_k u_j(k, x_-j) - u_j(x)`` over players (``work`` receives
    the action values)."""
    action_values(P, shape, offs, x, work)
    n = shape.shape[0]
    worst = 0.0
    for j in range(n):
        best = -np.inf
        u = 0.0
        for k in range(offs[j], offs[j + 1]):
            u += x[k] * work[k]
            if work[k] > best:
                best = work[k]
        if best - u > worst:
            worst = best - u
    return worst


@njit(cache=True)
def support_values(P, shape, offs, x, supp, V, Q):  # pragma: no cover - compiled
    """:func:`action_values` and :func:`pair_values` for the supported actions only
    (entries of unsupported actions are left untouched), summing over the pure profiles
    inside the support product: with small supports, far fewer than ``prod(m)``.
    Probabilities outside the support are taken as 0."""
    n = shape.shape[0]
    strides = np.empty(n, dtype=np.int64)
    st = 1
    for j in range(n - 1, -1, -1):
        strides[j] = st
        st *= shape[j]
    # supported actions of each player, end to end
    lst = np.empty(offs[n], dtype=np.int64)
    start = np.empty(n + 1, dtype=np.int64)
    c = 0
    for j in range(n):
        start[j] = c
        for k in range(shape[j]):
            if supp[offs[j] + k]:
                lst[c] = k
                c += 1
    start[n] = c
    for j in range(n):
        for a in range(start[j], start[j + 1]):
            rj = offs[j] + lst[a]
            V[rj] = 0.0
            for i in range(n):
                for b in range(start[i], start[i + 1]):
                    Q[rj, offs[i] + lst[b]] = 0.0
    pos = np.zeros(n, dtype=np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    pre[0] = 1.0
    suf[n] = 1.0
    while True:
        flat = 0
        for i in range(n):
            flat += lst[start[i] + pos[i]] * strides[i]
        for i in range(n):
            pre[i + 1] = pre[i] * x[offs[i] + lst[start[i] + pos[i]]]
        for i in range(n - 1, -1, -1):
            suf[i] = suf[i + 1] * x[offs[i] + lst[start[i] + pos[i]]]
        for j in range(n):
            rj = offs[j] + lst[start[j] + pos[j]]
            V[rj] += P[j, flat] * pre[j] * suf[j + 1]
            mid = 1.0
            for i in range(j + 1, n):
                ri = offs[i] + lst[start[i] + pos[i]]
                w = pre[j] * mid * suf[i + 1]
                Q[rj, ri] += P[j, flat] * w
                Q[ri, rj] += P[i, flat] * w
                mid *= x[ri]
        i = n - 1
        while i >= 0:
            pos[i] += 1
            if start[i] + pos[i] < start[i + 1]:
                break
            pos[i] = 0
            i -= 1
        if i < 0:
            break


@njit(cache=True)
def newton_support(P, shape, offs, x0, supp, max_iter, xout):  # pragma: no cover - compiled
    """Solve the indifference system on the support ``supp`` (bool per action) by Newton's
    method from ``x0``, then check it is an equilibrium.

    Unknowns: ``x_jk`` for ``k`` in player ``j``'s support and one value ``w_j`` per player.
    Equations: ``u_j(k, x_-j) = w_j`` for ``k`` in the support and ``sum_k x_jk = 1``.
    When the Jacobian is singular (a degenerate support, e.g. supports of unequal sizes in
    a two-player game, or a continuum of solutions) the step is the minimum-norm
    least-squares one (Gauss-Newton), which converges to a nearby point of the solution
    set when there is one.

    Returns ``(regret, singular)``: the max regret of the solution (``inf`` when Newton
    failed or a probability came out negative) and whether the Jacobian was singular at the
    last iterate, unless the iteration ended showing the equations have no solution (for
    two players, whose system is linear, a least-squares step that leaves a residual
    proves it).  ``singular`` thus flags solutions that are not isolated and degenerate
    supports.  ``xout`` receives the profile (actions outside the support get probability
    0)."""
    n = shape.shape[0]
    M = offs[n]
    # index of each supported action among the unknowns
    col = np.full(M, -1, dtype=np.int64)
    ns = 0
    for k in range(M):
        if supp[k]:
            col[k] = ns
            ns += 1
    for j in range(n):
        cnt = 0
        for k in range(offs[j], offs[j + 1]):
            if supp[k]:
                cnt += 1
        if cnt == 0:
            return np.inf, False
    dim = ns + n
    singular = False
    J2 = np.empty((dim, dim))
    F2 = np.empty(dim)
    x = np.zeros(M)
    for j in range(n):
        s = 0.0
        for k in range(offs[j], offs[j + 1]):
            if supp[k]:
                v = x0[k]
                if v < 0.0:
                    v = 0.0
                x[k] = v
                s += v
        if s <= 0.0:
            cnt = 0
            for k in range(offs[j], offs[j + 1]):
                if supp[k]:
                    cnt += 1
            for k in range(offs[j], offs[j + 1]):
                if supp[k]:
                    x[k] = 1.0 / cnt
        else:
            for k in range(offs[j], offs[j + 1]):
                x[k] /= s
    V = np.zeros(M)
    Q = np.zeros((M, M))
    F = np.empty(dim)
    J = np.empty((dim, dim))
    w = np.empty(n)
    support_values(P, shape, offs, x, supp, V, Q)
    for j in range(n):
        u = 0.0
        for k in range(offs[j], offs[j + 1]):
            u += x[k] * V[k]
        w[j] = u
    res1 = np.inf
    res2 = np.inf
    for it in range(max_iter):
        J[:, :] = 0.0
        r = 0
        res = 0.0
        for j in range(n):
            for k in range(offs[j], offs[j + 1]):
                if not supp[k]:
                    continue
                F[r] = V[k] - w[j]
                if abs(F[r]) > res:
                    res = abs(F[r])
                for i in range(n):
                    if i == j:
                        continue
                    for h in range(offs[i], offs[i + 1]):
                        if supp[h]:
                            J[r, col[h]] = Q[k, h]
                J[r, ns + j] = -1.0
                r += 1
        for j in range(n):
            s = -1.0
            for k in range(offs[j], offs[j + 1]):
                if supp[k]:
                    s += x[k]
                    J[r, col[k]] = 1.0
            F[r] = s
            if abs(s) > res:
                res = abs(s)
            r += 1
        J2[:, :] = J
        F2[:] = F
        if res <= 1e-14 * (1.0 + np.abs(w).max()) and it > 0:
            singular = not solve_inplace(J, F, dim)  # at the solution
            break
        # Newton converges fast once it converges at all: give up when two iterations
        # have not cut the residual fourfold (not on singular systems, which converge
        # only linearly)
        if it >= 3 and not singular and res > 0.25 * res2:
            return np.inf, singular
        res2 = res1
        res1 = res
        step = F
        singular = not solve_inplace(J, step, dim)
        if singular:
            step = np.linalg.lstsq(J2, F2, 1e-10)[0]
        if not np.all(np.isfinite(step)):
            return np.inf, singular
        big = 0.0
        for k in range(M):
            if supp[k]:
                x[k] -= step[col[k]]
                if abs(step[col[k]]) > big:
                    big = abs(step[col[k]])
        for j in range(n):
            w[j] -= step[ns + j]
        # Diverging, or far outside the simplex: give up on this support.  Not after a
        # least-squares step, whose solution may lie far away before the residual check
        # below tells whether the equations are consistent at all.
        if not singular:
            if big > 10.0:
                return np.inf, singular
            for k in range(M):
                if supp[k] and (x[k] < -0.5 or x[k] > 1.5):
                    return np.inf, singular
        support_values(P, shape, offs, x, supp, V, Q)
        if big <= 1e-15:
            break
    # whatever stopped the iteration (small residual, a vanishing step, the cap), the
    # point must solve the equations: a least-squares step also vanishes at the
    # least-squares solution of an inconsistent system
    res = 0.0
    for j in range(n):
        for k in range(offs[j], offs[j + 1]):
            if supp[k]:
                if abs(V[k] - w[j]) > res:
                    res = abs(V[k] - w[j])
    if res > 1e-10 * (1.0 + np.abs(w).max()):
        return np.inf, False  # the equations have no solution here
    # non-negativity (tiny negative rounding is clipped) and renormalisation
    for j in range(n):
        s = 0.0
        for k in range(offs[j], offs[j + 1]):
            if x[k] < 0.0:
                if x[k] < -1e-12:
                    return np.inf, singular
                x[k] = 0.0
            s += x[k]
        for k in range(offs[j], offs[j + 1]):
            x[k] /= s
    reg = max_regret_flat(P, shape, offs, x, V)
    xout[:] = x
    return reg, singular


@njit(cache=True)
def _player_candidates(gap, prob, mj, keep):  # pragma: no cover - compiled
    """The ``keep`` most plausible supports of one player (boolean rows) with their scores
    ``sum_{k in S} gap_k + sum_{k not in S} prob_k`` (lower is more plausible).  All
    non-empty subsets when the player has at most 6 actions, else the prefixes of the
    actions sorted by ``gap - prob``."""
    if mj <= 6:
        ncand = (1 << mj) - 1
        cand = np.zeros((ncand, mj), dtype=np.bool_)
        for s in range(ncand):
            for k in range(mj):
                cand[s, k] = ((s + 1) >> k) & 1 == 1
    else:
        key = np.empty(mj)
        for k in range(mj):
            key[k] = gap[k] - prob[k]
        order = np.argsort(key)
        ncand = mj
        cand = np.zeros((ncand, mj), dtype=np.bool_)
        for s in range(mj):
            for q in range(s + 1):
                cand[s, order[q]] = True
    scores = np.empty(ncand)
    for s in range(ncand):
        sc = 0.0
        for k in range(mj):
            if cand[s, k]:
                sc += gap[k]
            else:
                sc += prob[k]
        scores[s] = sc
    order = np.argsort(scores)
    nk = min(keep, ncand)
    out_c = np.zeros((nk, mj), dtype=np.bool_)
    out_s = np.empty(nk)
    for s in range(nk):
        out_c[s, :] = cand[order[s]]
        out_s[s] = scores[order[s]]
    return out_c, out_s


@njit(cache=True)
def ranked_refine(P, shape, offs, x0, tol_abs, max_iter, max_tries, max_dist,
                  xout):  # pragma: no cover - compiled
    """Newton's method on the supports most consistent with the approximate equilibrium
    ``x0``, most plausible first: the score of a support profile adds, over players, the
    (normalised) payoff shortfall of the supported actions from the best response and the
    probability ``x0`` puts outside the support.  At most ``max_tries`` supports are tried;
    a solution farther than ``max_dist`` from ``x0`` (largest probability difference) is
    discarded, so the refined point is the equilibrium ``x0`` approximates, not another
    one.  Returns the least max regret found (``inf`` if all failed) and stops at the
    first profile within ``tol_abs``."""
    n = shape.shape[0]
    M = offs[n]
    V = np.empty(M)
    action_values(P, shape, offs, x0, V)
    # candidate supports per player: 6 each, fewer when the product would exceed 4096
    keep = 6
    kp = np.full(n, keep, dtype=np.int64)
    while True:
        total_combos = 1
        for j in range(n):
            total_combos *= kp[j]
        if total_combos <= 4096:
            break
        jmax = 0
        for j in range(n):
            if kp[j] > kp[jmax]:
                jmax = j
        kp[jmax] -= 1
    cand = np.zeros((keep, M), dtype=np.bool_)  # cand[s, offs[j] + k]: choice s of j
    cscore = np.full((n, keep), np.inf)
    ncho = np.zeros(n, dtype=np.int64)
    for j in range(n):
        mj = offs[j + 1] - offs[j]
        lo = np.inf
        hi = -np.inf
        for p in range(P.shape[1]):
            if P[j, p] < lo:
                lo = P[j, p]
            if P[j, p] > hi:
                hi = P[j, p]
        spread = max(hi - lo, 1e-300)
        bestv = -np.inf
        for k in range(offs[j], offs[j + 1]):
            if V[k] > bestv:
                bestv = V[k]
        gap = np.empty(mj)
        prob = np.empty(mj)
        for k in range(mj):
            gap[k] = (bestv - V[offs[j] + k]) / spread
            prob[k] = max(x0[offs[j] + k], 0.0)
        cs, ss = _player_candidates(gap, prob, mj, kp[j])
        ncho[j] = cs.shape[0]
        for s in range(cs.shape[0]):
            for k in range(mj):
                cand[s, offs[j] + k] = cs[s, k]
            cscore[j, s] = ss[s]
    ncomb = 1
    for j in range(n):
        ncomb *= ncho[j]
    comb_score = np.empty(ncomb)
    digits = np.zeros(n, dtype=np.int64)
    for c in range(ncomb):
        sc = 0.0
        rem = c
        for j in range(n - 1, -1, -1):
            d = rem % ncho[j]
            rem //= ncho[j]
            sc += cscore[j, d]
        comb_score[c] = sc
    order = np.argsort(comb_score)
    best = np.inf
    trial = np.empty(M)
    supp = np.zeros(M, dtype=np.bool_)
    ntry = min(max_tries, ncomb)
    for t in range(ntry):
        c = order[t]
        rem = c
        for j in range(n - 1, -1, -1):
            digits[j] = rem % ncho[j]
            rem //= ncho[j]
        for j in range(n):
            for k in range(offs[j], offs[j + 1]):
                supp[k] = cand[digits[j], k]
        reg, _sing = newton_support(P, shape, offs, x0, supp, max_iter, trial)
        if reg < np.inf:
            dist = 0.0
            for k in range(M):
                if abs(trial[k] - x0[k]) > dist:
                    dist = abs(trial[k] - x0[k])
            if dist > max_dist:
                continue
        if reg < best:
            best = reg
            xout[:] = trial
            if best <= tol_abs:
                return best
    return best
