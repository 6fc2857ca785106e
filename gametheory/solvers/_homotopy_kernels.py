"""Numba kernels of the homotopy continuation in :mod:`gametheory.solvers._homotopy`.

A *multilinear system* here is ``R`` polynomial equations in ``nb`` blocks of unknowns
``x_j`` (block ``j`` has ``s[j]`` homogeneous coordinates, entries ``o[j] .. o[j+1]-1`` of
the vector ``x``).  Row ``r`` is linear in every block except ``rowp[r]`` (which it does not
involve; ``rowp[r] = -1``: it involves every block):

    F_r(x) = sum_p E[r, p] * prod_{j != rowp[r]} x[o[j] + idx[p, j]]

summed over the pure profiles ``p`` of the product of the blocks (``idx[p, j]`` the index
of profile ``p`` in block ``j``), counting only the profiles with ``idx[p, rowp[r]] == 0``
when ``rowp[r] >= 0``.  One random affine patch per block, ``c_j . x_j = 1``, makes the
system square (``R + nb`` equations, ``sum(s)`` unknowns, so ``R = sum(s) - nb``).

The start system has the same multidegrees: ``G_r(x) = prod_{j != rowp[r]} (A[r, j] . x_j)``
(a linear-product system), whose solutions are known in closed form.  The homotopy

    H(x, t) = (1 - t) F(x) + gamma t G(x),      t from 1 to 0,

with a random complex ``gamma``, has smooth paths for ``t`` in ``(0, 1]`` (the "gamma
trick", Morgan and Sommese 1987), which are tracked by a fourth-order Runge-Kutta predictor
and a Newton corrector with adaptive step length.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# path status codes
OK = 0            # reached t = 0 at a nonsingular solution
STEP_FAILED = 1   # the step length fell below its floor (a near-singular point)
DIVERGED = 2      # the path left every bounded region of the patch
MAX_STEPS = 3     # the step cap was reached
SINGULAR = 4      # reached t = 0 at a singular (or ill-conditioned) endpoint


@njit(cache=True)
def csolve(A, b, dim):  # pragma: no cover - compiled
    """Solve the complex system ``A[:dim, :dim] y = b[:dim]`` in place by Gaussian
    elimination with partial pivoting (``b`` receives ``y``; ``A`` is overwritten).
    Returns False when a pivot vanishes."""
    scale = 0.0
    for i in range(dim):
        for k in range(dim):
            if abs(A[i, k]) > scale:
                scale = abs(A[i, k])
    if scale == 0.0 or not np.isfinite(scale):
        return False
    eps = 1e-300
    for c in range(dim):
        piv = c
        big = abs(A[c, c])
        for i in range(c + 1, dim):
            if abs(A[i, c]) > big:
                big = abs(A[i, c])
                piv = i
        if big <= eps:
            return False
        if piv != c:
            for k in range(c, dim):
                tmp = A[c, k]
                A[c, k] = A[piv, k]
                A[piv, k] = tmp
            tmp = b[c]
            b[c] = b[piv]
            b[piv] = tmp
        inv = 1.0 / A[c, c]
        for i in range(c + 1, dim):
            f = A[i, c] * inv
            if f != 0.0:
                for k in range(c + 1, dim):
                    A[i, k] -= f * A[c, k]
                b[i] -= f * b[c]
    for c in range(dim - 1, -1, -1):
        acc = b[c]
        for k in range(c + 1, dim):
            acc -= A[c, k] * b[k]
        b[c] = acc / A[c, c]
    return True


@njit(cache=True)
def cond_inf(J, N, W):  # pragma: no cover - compiled
    """Condition number of ``J[:N, :N]`` in the infinity norm after scaling every row to
    unit largest entry (``inf`` when singular); ``W`` is an ``N x N`` work array and ``J``
    is overwritten.  The inverse comes from Gauss-Jordan elimination with partial
    pivoting: for the small systems here, cheaper than a singular value decomposition."""
    for r in range(N):
        m = 0.0
        for k in range(N):
            if abs(J[r, k]) > m:
                m = abs(J[r, k])
        if m == 0.0:
            return np.inf
        for k in range(N):
            J[r, k] /= m
    norm = 0.0
    for r in range(N):
        acc = 0.0
        for k in range(N):
            acc += abs(J[r, k])
        if acc > norm:
            norm = acc
    for r in range(N):
        for k in range(N):
            W[r, k] = 1.0 if r == k else 0.0
    for c in range(N):
        piv = c
        big = abs(J[c, c])
        for i in range(c + 1, N):
            if abs(J[i, c]) > big:
                big = abs(J[i, c])
                piv = i
        if big <= 1e-300:
            return np.inf
        if piv != c:
            for k in range(N):
                tmp = J[c, k]
                J[c, k] = J[piv, k]
                J[piv, k] = tmp
                tmp = W[c, k]
                W[c, k] = W[piv, k]
                W[piv, k] = tmp
        inv = 1.0 / J[c, c]
        for k in range(N):
            J[c, k] *= inv
            W[c, k] *= inv
        for i in range(N):
            if i != c and J[i, c] != 0.0:
                f = J[i, c]
                for k in range(N):
                    J[i, k] -= f * J[c, k]
                    W[i, k] -= f * W[c, k]
    inorm = 0.0
    for r in range(N):
        acc = 0.0
        for k in range(N):
            acc += abs(W[r, k])
        if acc > inorm:
            inorm = acc
    return norm * inorm


@njit(cache=True)
def eval_target(x, o, rowp, E, idx, F, JF):  # pragma: no cover - compiled
    """``F`` and its Jacobian ``JF`` (rows ``0 .. R-1``) at ``x``.  Rows not involving
    the same block share their monomials, so the products are formed once per pure
    profile and per kind of row (``rowp`` value, ``-1`` included)."""
    R = E.shape[0]
    nb = idx.shape[1]
    F[:R] = 0.0
    JF[:R, :] = 0.0
    v = np.empty(nb, dtype=np.complex128)
    d = np.empty(nb, dtype=np.complex128)
    for p in range(E.shape[1]):
        for j in range(nb):
            v[j] = x[o[j] + idx[p, j]]
        r0 = 0
        while r0 < R:
            i = rowp[r0]
            r1 = r0 + 1
            while r1 < R and rowp[r1] == i:
                r1 += 1
            # rows r0 .. r1-1 do not involve block i (rows are grouped by rowp)
            if i < 0 or idx[p, i] == 0:
                w = 1.0 + 0j
                for j in range(nb):
                    if j != i:
                        w *= v[j]
                for j in range(nb):
                    if j == i:
                        continue
                    dj = 1.0 + 0j
                    for m in range(nb):
                        if m != i and m != j:
                            dj *= v[m]
                    d[j] = dj
                for r in range(r0, r1):
                    e = E[r, p]
                    if e == 0.0:
                        continue
                    F[r] += e * w
                    for j in range(nb):
                        if j != i:
                            JF[r, o[j] + idx[p, j]] += e * d[j]
            r0 = r1


@njit(cache=True)
def eval_start(x, s, o, rowp, A, G, JG):  # pragma: no cover - compiled
    """The start system ``G_r = prod_{j != rowp[r]} A[r, j] . x_j`` and its Jacobian."""
    R = A.shape[0]
    nb = s.shape[0]
    L = np.empty(nb, dtype=np.complex128)
    JG[:R, :] = 0.0
    for r in range(R):
        i = rowp[r]
        for j in range(nb):
            acc = 0j
            if j != i:
                for k in range(s[j]):
                    acc += A[r, j, k] * x[o[j] + k]
            L[j] = acc
        g = 1.0 + 0j
        for j in range(nb):
            if j != i:
                g *= L[j]
        G[r] = g
        for j in range(nb):
            if j == i:
                continue
            d = 1.0 + 0j
            for m in range(nb):
                if m != i and m != j:
                    d *= L[m]
            for k in range(s[j]):
                JG[r, o[j] + k] = A[r, j, k] * d


@njit(cache=True)
def eval_homotopy(x, t, s, o, rowp, E, idx, A, c, gamma, F, JF, G, JG, H, J,
                  Ht):  # pragma: no cover - compiled
    """``H(x, t)``, its Jacobian in ``x`` and its derivative in ``t`` (patch rows last)."""
    R = E.shape[0]
    nb = s.shape[0]
    N = x.shape[0]
    eval_target(x, o, rowp, E, idx, F, JF)
    eval_start(x, s, o, rowp, A, G, JG)
    a = 1.0 - t
    b = gamma * t
    for r in range(R):
        H[r] = a * F[r] + b * G[r]
        Ht[r] = gamma * G[r] - F[r]
        for k in range(N):
            J[r, k] = a * JF[r, k] + b * JG[r, k]
    for j in range(nb):
        r = R + j
        acc = -1.0 + 0j
        for k in range(N):
            J[r, k] = 0.0
        for k in range(s[j]):
            acc += c[j, k] * x[o[j] + k]
            J[r, o[j] + k] = c[j, k]
        H[r] = acc
        Ht[r] = 0.0


@njit(cache=True)
def _norm(v):  # pragma: no cover - compiled
    m = 0.0
    for k in range(v.shape[0]):
        a = abs(v[k])
        if a > m:
            m = a
    return m


@njit(cache=True)
def start_solutions(s, o, rowp, A, c, max_out):  # pragma: no cover - compiled
    """Every solution of the start system on the patches: one per assignment of each row
    ``r`` to a block ``j != rowp[r]`` such that block ``j`` receives ``s[j] - 1`` rows (the
    multihomogeneous Bezout number of them); block ``j`` then solves its rows' linear forms
    and its patch.  Returns ``(X, count)``; ``count > max_out`` means only ``max_out`` were
    written (and the enumeration stopped), ``count = -1`` that a block system was
    singular (not for random coefficients)."""
    R = A.shape[0]
    nb = s.shape[0]
    N = o[nb]
    X = np.zeros((max_out, N), dtype=np.complex128)
    rem = np.empty(nb, dtype=np.int64)
    for j in range(nb):
        rem[j] = s[j] - 1
    assign = np.full(R, -1, dtype=np.int64)
    smax = 1
    for j in range(nb):
        if s[j] > smax:
            smax = s[j]
    M = np.empty((smax, smax), dtype=np.complex128)
    rhs = np.empty(smax, dtype=np.complex128)
    count = 0
    if R == 0:
        for j in range(nb):
            X[0, o[j]] = 1.0 / c[j, 0]
        return X, 1
    r = 0
    while r >= 0:
        # advance the choice of row r to the next admissible block
        j = assign[r]
        if j >= 0:
            rem[j] += 1
        j += 1
        while j < nb and (j == rowp[r] or rem[j] == 0):
            j += 1
        if j == nb:
            assign[r] = -1
            r -= 1
            continue
        assign[r] = j
        rem[j] -= 1
        if r < R - 1:
            r += 1
            continue
        # a complete assignment
        if count < max_out:
            for b in range(nb):
                sb = s[b]
                q = 0
                for rr in range(R):
                    if assign[rr] == b:
                        for k in range(sb):
                            M[q, k] = A[rr, b, k]
                        rhs[q] = 0.0
                        q += 1
                for k in range(sb):
                    M[q, k] = c[b, k]
                rhs[q] = 1.0
                if not csolve(M, rhs, sb):
                    return X, -1
                for k in range(sb):
                    X[count, o[b] + k] = rhs[k]
        count += 1
        if count > max_out:
            return X, count
    return X, count


@njit(cache=True)
def track_paths(X0, s, o, rowp, E, idx, A, c, gamma, tol, err_target, hmax, max_steps,
                cond_max, Xout, status, conds, steps_out):  # pragma: no cover - compiled
    """Track every path of the homotopy from the start points ``X0`` (rows) to ``t = 0``.

    Per path: fourth-order Runge-Kutta predictor on ``dx/dt = -H_x^{-1} H_t``, then at
    most three Newton corrections at the new ``t``, accepted when the corrections
    contract and the last is below ``tol`` (relative to ``1 + |x|``).  The first
    correction estimates the predictor's error, ``O(h^5)``: after an accepted step the
    step length is rescaled so that this error would be about ``err_target`` (by a
    factor between 0.5 and 2.5, at most ``hmax``); a rejected step is halved.
    At ``t = 0`` the endpoint is refined by Newton's method on ``F`` and its Jacobian's
    condition number (rows scaled to unit size) is measured: above ``cond_max`` the
    endpoint is declared singular.  ``status`` receives one of the module's codes,
    ``conds`` the condition numbers and ``Xout`` the endpoints."""
    nb = s.shape[0]
    N = o[nb]
    R = E.shape[0]
    F = np.empty(N, dtype=np.complex128)
    JF = np.empty((N, N), dtype=np.complex128)
    G = np.empty(N, dtype=np.complex128)
    JG = np.empty((N, N), dtype=np.complex128)
    H = np.empty(N, dtype=np.complex128)
    J = np.empty((N, N), dtype=np.complex128)
    Ht = np.empty(N, dtype=np.complex128)
    K = np.empty((4, N), dtype=np.complex128)
    x = np.empty(N, dtype=np.complex128)
    y = np.empty(N, dtype=np.complex128)
    hmin = 1e-13
    for q in range(X0.shape[0]):
        x[:] = X0[q]
        t = 1.0
        h = min(0.05, hmax)
        st = OK
        nsteps = 0
        while t > 0.0:
            if nsteps >= max_steps:
                st = MAX_STEPS
                break
            nsteps += 1
            if h > t:
                h = t
            t1 = t - h
            # RK4 predictor (derivative in t; the step is -h)
            ok = True
            for stage in range(4):
                if stage == 0:
                    y[:] = x
                    ts = t
                elif stage < 3:
                    for k in range(N):
                        y[k] = x[k] - 0.5 * h * K[stage - 1, k]
                    ts = t - 0.5 * h
                else:
                    for k in range(N):
                        y[k] = x[k] - h * K[2, k]
                    ts = t1
                eval_homotopy(y, ts, s, o, rowp, E, idx, A, c, gamma, F, JF, G, JG, H, J,
                              Ht)
                for k in range(N):
                    Ht[k] = -Ht[k]
                if not csolve(J, Ht, N):
                    ok = False
                    break
                K[stage, :] = Ht
            if ok:
                for k in range(N):
                    y[k] = x[k] - h / 6.0 * (K[0, k] + 2.0 * K[1, k] + 2.0 * K[2, k]
                                              + K[3, k])
                # Newton corrector at t1
                prev = np.inf
                ok = False
                e1 = 0.0
                for it in range(3):
                    eval_homotopy(y, t1, s, o, rowp, E, idx, A, c, gamma, F, JF, G, JG, H,
                                  J, Ht)
                    if not csolve(J, H, N):
                        break
                    dn = _norm(H)
                    if dn > 0.5 * prev:
                        break
                    prev = dn
                    if it == 0:
                        e1 = dn / (1.0 + _norm(y))
                    for k in range(N):
                        y[k] -= H[k]
                    if dn <= tol * (1.0 + _norm(y)):
                        ok = True
                        break
            if ok:
                x[:] = y
                t = t1
                # the first correction measures the predictor's error, O(h^5) for RK4:
                # aim at ``err_target`` for the next step
                if e1 <= 0.0:
                    grow = 2.5
                else:
                    grow = 0.9 * (err_target / e1) ** 0.2
                    grow = min(2.5, max(0.5, grow))
                h = min(h * grow, hmax)
                if _norm(x) > 1e8:
                    st = DIVERGED
                    break
            else:
                h *= 0.5
                if h < hmin:
                    st = STEP_FAILED
                    break
        steps_out[q] = nsteps
        if st == OK:
            # endpoint: Newton on F (t = 0) until the correction stalls at rounding level
            prev = np.inf
            for it in range(8):
                eval_homotopy(x, 0.0, s, o, rowp, E, idx, A, c, gamma, F, JF, G, JG, H, J,
                              Ht)
                if not csolve(J, H, N):
                    break
                dn = _norm(H)
                if dn > prev:
                    break
                for k in range(N):
                    x[k] -= H[k]
                prev = dn
                if dn <= 1e-15 * (1.0 + _norm(x)):
                    break
            eval_homotopy(x, 0.0, s, o, rowp, E, idx, A, c, gamma, F, JF, G, JG, H, J, Ht)
            cnd = cond_inf(J, N, JG)
            conds[q] = cnd
            if not cnd <= cond_max:
                st = SINGULAR
        else:
            conds[q] = np.inf
        status[q] = st
        Xout[q, :] = x
    return R
