"""Kernel of logit tracing: the principal branch of the logit quantal response equilibrium
(QRE) correspondence (McKelvey and Palfrey 1995, "Quantal response equilibria for normal
form games", Games Econ. Behav. 10, 6-38), followed from ``lambda = 0`` by predictor-
corrector continuation in log-probability coordinates (Turocy 2005, "A dynamic homotopy
interpretation of the logistic quantal response equilibrium correspondence", Games Econ.
Behav. 51, 243-263).

With ``y_jk = log x_jk`` the branch is the zero set of ``H(y, lambda)``, one equation per
action:

    y_jk - y_j0 - lambda * (u_j(k, x_-j) - u_j(0, x_-j)) = 0     (k >= 1)
    sum_k exp(y_jk) - 1 = 0                                       (one row per player)

It starts at the centroid (``lambda = 0``) and, for generic games, converges to a Nash
equilibrium as ``lambda -> infinity`` (McKelvey and Palfrey 1995, Theorem 2).  Log
coordinates keep the probabilities of actions that vanish along the branch positive and let
the steps grow as ``lambda`` does (Turocy 2005).  Each step: the tangent from the Jacobian
augmented by the previous tangent, an Euler predictor, then Newton's method on the
pseudo-arclength system ``H = 0, t . (z - z_pred) = 0``; the step length grows after easy
corrections and halves after failed ones.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._nplayer_core import action_values, max_regret_flat, pair_values, ranked_refine, \
    solve_det_sign, solve_inplace

OK_REGRET = 0
OK_NEWTON = 1
NOT_CONVERGED = 2
STEP_FAILED = 3


@njit(cache=True)
def _residual_jacobian(Pn, shape, offs, y, lam, x, V, Q, H, DH):  # pragma: no cover
    """``H(y, lambda)`` and its Jacobian ``DH`` (``M x (M + 1)``, last column
    d/dlambda); ``x``, ``V``, ``Q`` are work arrays (probabilities, action values, pair
    values)."""
    n = shape.shape[0]
    M = offs[n]
    for k in range(M):
        x[k] = np.exp(y[k])
    action_values(Pn, shape, offs, x, V)
    pair_values(Pn, shape, offs, x, Q)
    DH[:, :] = 0.0
    for j in range(n):
        r0 = offs[j]
        s = -1.0
        for k in range(offs[j], offs[j + 1]):
            s += x[k]
            DH[r0, k] = x[k]
        H[r0] = s
        for k in range(offs[j] + 1, offs[j + 1]):
            H[k] = y[k] - y[r0] - lam * (V[k] - V[r0])
            DH[k, k] = 1.0
            DH[k, r0] = -1.0
            for i in range(n):
                if i == j:
                    continue
                for h in range(offs[i], offs[i + 1]):
                    DH[k, h] = -lam * (Q[k, h] - Q[r0, h]) * x[h]
            DH[k, M] = -(V[k] - V[r0])


@njit(cache=True)
def _tangent(DH, t, A, b, M):  # pragma: no cover - compiled
    """Unit tangent of the branch: solve ``[DH; t_prev] tau = e_last`` (which orients
    ``tau`` like the previous tangent ``t``) and normalise; ``t`` is overwritten.  Returns
    the sign of ``det [DH; t_prev]``, which is also that of ``det [DH; tau]``: it stays
    constant while the branch is followed in one direction, and flips when a step jumps
    across a hairpin onto the branch's way back (Allgower and Georg 1990, section 2.1);
    0 when the system is singular."""
    D = M + 1
    for r in range(M):
        for c in range(D):
            A[r, c] = DH[r, c]
        b[r] = 0.0
    for c in range(D):
        A[M, c] = t[c]
    b[M] = 1.0
    sign = solve_det_sign(A, b, D)
    if sign == 0:
        return 0
    nrm = 0.0
    for c in range(D):
        nrm += b[c] * b[c]
    nrm = np.sqrt(nrm)
    for c in range(D):
        t[c] = b[c] / nrm
    return sign


@njit(cache=True)
def logit_kernel(P, Pn, shape, offs, max_lambda, max_steps, first_step, max_step_growth,
                 tol_abs, refine_from, newton_iter, newton_tries, max_dist,
                 xout):  # pragma: no cover - compiled
    """Trace the branch; every time the max regret (in the original payoffs ``P``) falls
    below ``refine_from`` and then by a further factor 10, try Newton refinement on the
    plausible supports.  Returns ``(status, steps, lambda_reached, regret)``; ``xout``
    receives the answer (the refined equilibrium, else the last point on the branch)."""
    n = shape.shape[0]
    M = offs[n]
    D = M + 1
    z = np.empty(D)
    for j in range(n):
        mj = offs[j + 1] - offs[j]
        for k in range(offs[j], offs[j + 1]):
            z[k] = -np.log(mj)
    z[M] = 0.0
    t = np.zeros(D)
    t[M] = 1.0
    x = np.empty(M)
    V = np.empty(M)
    Q = np.empty((M, M))
    H = np.empty(M)
    DH = np.empty((M, D))
    A = np.empty((D, D))
    b = np.empty(D)
    zp = np.empty(D)
    zc = np.empty(D)
    xr = np.empty(M)
    work = np.empty(M)
    h = first_step
    steps = 0
    next_refine = refine_from
    best_reg = np.inf
    for k in range(M):
        xout[k] = np.exp(z[k])
    # tangent at the start, oriented towards increasing lambda
    _residual_jacobian(Pn, shape, offs, z[:M], z[M], x, V, Q, H, DH)
    orient = _tangent(DH, t, A, b, M)
    if orient == 0:
        return STEP_FAILED, steps, z[M], best_reg
    tn = np.empty(D)
    while steps < max_steps:
        steps += 1
        # predictor-corrector with step control
        accepted = False
        while not accepted:
            for c in range(D):
                zp[c] = z[c] + h * t[c]
                zc[c] = zp[c]
            ok = False
            prev = np.inf
            its = 0
            for it in range(8):
                its = it + 1
                _residual_jacobian(Pn, shape, offs, zc[:M], zc[M], x, V, Q, H, DH)
                res = 0.0
                for r in range(M):
                    if abs(H[r]) > res:
                        res = abs(H[r])
                if res < 1e-9:
                    ok = True
                    break
                if res > 0.5 * prev and it >= 2:
                    break
                prev = res
                for r in range(M):
                    for c in range(D):
                        A[r, c] = DH[r, c]
                    b[r] = -H[r]
                for c in range(D):
                    A[M, c] = t[c]
                b[M] = 0.0
                if not solve_inplace(A, b, D):
                    break
                for c in range(D):
                    zc[c] += b[c]
            cosang = 0.0
            if ok:
                # reject corrections that went far, sharp turns (the branch may have been
                # jumped) and negative lambda (the principal branch never gets there)
                dist = 0.0
                for c in range(D):
                    dist += (zc[c] - zp[c]) ** 2
                if np.sqrt(dist) > 0.5 * h + 1e-12 or zc[M] < 0.0:
                    ok = False
            if ok:
                for c in range(D):
                    tn[c] = t[c]
                ok = _tangent(DH, tn, A, b, M) == orient
                if ok:
                    for c in range(D):
                        cosang += tn[c] * t[c]
                    if cosang < 0.9:
                        ok = False
            if ok:
                accepted = True
                for c in range(D):
                    z[c] = zc[c]
                    t[c] = tn[c]
                if its <= 3 and cosang > 0.99:
                    h *= max_step_growth
                elif its >= 6:
                    h *= 0.7
            else:
                h *= 0.5
                if h < 1e-12:
                    return STEP_FAILED, steps, z[M], best_reg
        # Nash regret of the current point (original payoffs)
        for k in range(M):
            x[k] = np.exp(z[k])
        for j in range(n):
            s = 0.0
            for k in range(offs[j], offs[j + 1]):
                s += x[k]
            for k in range(offs[j], offs[j + 1]):
                x[k] /= s
        reg = max_regret_flat(P, shape, offs, x, work)
        if reg < best_reg:
            best_reg = reg
            xout[:] = x
        if reg <= tol_abs:
            return OK_REGRET, steps, z[M], reg
        if reg <= next_refine:
            rr = ranked_refine(P, shape, offs, x, tol_abs, newton_iter, newton_tries,
                               max_dist, xr)
            if rr <= tol_abs:
                xout[:] = xr
                return OK_NEWTON, steps, z[M], rr
            next_refine = reg * 0.1
        if z[M] >= max_lambda:
            break
    return NOT_CONVERGED, steps, z[M], best_reg
