"""Numba kernels of the learning dynamics (private; the public classes are in
:mod:`gametheory.learning._dynamics`).

Every kernel advances a dynamics in place by ``steps`` iterations and writes a history row
whenever the iteration count ``t`` (after the step) satisfies
``(t - run_start) % record_every == 0`` or ``t == run_end``.  The kernels see only arrays
and scalars:

* a profile of mixed strategies is one flat vector ``x`` of length ``M = m_1 + ... + m_n``,
  player ``i`` owning ``x[offs[i]:offs[i + 1]]``;
* two-player games pass ``At = A.T`` and ``B`` as C-contiguous matrices, so that both
  ``A @ y = sum_j y_j At[j]`` and ``x @ B = sum_i x_i B[i]`` are sums of contiguous rows
  (zero weights are skipped, which makes sparse strategies cheap) and the pure-action value
  vectors ``A[:, b] = At[b]`` and ``B[a, :]`` are contiguous rows;
* games of three or more players pass the payoffs flattened as ``Pf`` of shape ``(n, N)``
  (C order over profiles) with the element ``strides`` of each player's axis.

Random numbers are drawn by the caller from a :class:`numpy.random.Generator` and passed as
an array ``U`` of uniforms (one row per iteration), so that results depend only on the
``rng`` argument of the public classes.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# Floating-point reassociation and contraction only: no assumption about NaN or infinity.
_FAST = {"reassoc", "contract"}
#: Dense matrix-vector products of matrices with at least this many entries use BLAS
#: (the public classes run such games with one BLAS thread, see ``_BLAS_LIMIT_PROFILES``).
_BLAS_MIN_ENTRIES = 80_001


# ----------------------------------------------------------------------------- helpers
@njit(cache=True, fastmath=_FAST)
def _mv(Mt, v, out, idx):  # pragma: no cover - compiled
    """``out[i] = sum_j v[j] * Mt[j, i]``, skipping the rows whose weight is zero and
    adding four rows per sweep of ``out``; a mostly dense product of a large matrix goes
    to BLAS (``gemv``), which is faster there."""
    k = Mt.shape[0]
    m = Mt.shape[1]
    s = 0
    for j in range(k):
        if v[j] != 0.0:
            idx[s] = j
            s += 1
    if 2 * s > k and k * m >= _BLAS_MIN_ENTRIES:
        res = np.dot(v, Mt)
        for i in range(m):
            out[i] = res[i]
        return
    for i in range(m):
        out[i] = 0.0
    q = 0
    while q + 4 <= s:
        j0 = idx[q]
        j1 = idx[q + 1]
        j2 = idx[q + 2]
        j3 = idx[q + 3]
        c0 = v[j0]
        c1 = v[j1]
        c2 = v[j2]
        c3 = v[j3]
        for i in range(m):
            out[i] += c0 * Mt[j0, i] + c1 * Mt[j1, i] + c2 * Mt[j2, i] + c3 * Mt[j3, i]
        q += 4
    while q < s:
        j0 = idx[q]
        c0 = v[j0]
        for i in range(m):
            out[i] += c0 * Mt[j0, i]
        q += 1


@njit(cache=True)
def _values_nd(Pf, shape, offs, x, out, pre, suf, cnt):  # pragma: no cover - compiled
    """Action values of every player at the mixed profile ``x``: ``out[offs[i] + k] =
    u_i(k, x_-i)``, in one pass over the profiles (prefix and suffix products)."""
    n = shape.shape[0]
    N = Pf.shape[1]
    for q in range(offs[n]):
        out[q] = 0.0
    for j in range(n):
        cnt[j] = 0
    for p in range(N):
        pre[0] = 1.0
        for j in range(n):
            pre[j + 1] = pre[j] * x[offs[j] + cnt[j]]
        suf[n] = 1.0
        for j in range(n - 1, -1, -1):
            suf[j] = suf[j + 1] * x[offs[j] + cnt[j]]
        for i in range(n):
            w = pre[i] * suf[i + 1]
            if w != 0.0:
                out[offs[i] + cnt[i]] += Pf[i, p] * w
        j = n - 1
        while j >= 0:
            cnt[j] += 1
            if cnt[j] < shape[j]:
                break
            cnt[j] = 0
            j -= 1


@njit(cache=True)
def _values_mixed(two, At, B, Pf, shape, offs, x, out, idx, pre, suf, cnt
                  ):  # pragma: no cover - compiled
    """Action values of every player at the mixed profile ``x`` (flat layout)."""
    if two:
        m = offs[1]
        M = offs[2]
        _mv(At, x[m:M], out[0:m], idx)
        _mv(B, x[0:m], out[m:M], idx)
    else:
        _values_nd(Pf, shape, offs, x, out, pre, suf, cnt)


@njit(cache=True)
def _values_pure(two, At, B, Pf, strides, offs, a, out):  # pragma: no cover - compiled
    """Action values of every player at the pure profile ``a``: ``u_i(k, a_-i)``."""
    n = a.shape[0]
    if two:
        m = offs[1]
        for k in range(m):
            out[k] = At[a[1], k]
        for k in range(offs[2] - m):
            out[m + k] = B[a[0], k]
        return
    base = 0
    for j in range(n):
        base += a[j] * strides[j]
    for i in range(n):
        b0 = base - a[i] * strides[i]
        for k in range(offs[i + 1] - offs[i]):
            out[offs[i] + k] = Pf[i, b0 + k * strides[i]]


@njit(cache=True)
def _flat_index(strides, a):  # pragma: no cover - compiled
    f = 0
    for j in range(a.shape[0]):
        f += a[j] * strides[j]
    return f


@njit(cache=True)
def _add_product(two, shape, offs, x, w, joint, cnt):  # pragma: no cover - compiled
    """``joint += w * (x_1 outer ... outer x_n)`` (flat, C order)."""
    n = shape.shape[0]
    if two:
        m = offs[1]
        k = offs[2] - m
        for i in range(m):
            c = w * x[i]
            if c != 0.0:
                for j in range(k):
                    joint[i * k + j] += c * x[m + j]
        return
    for j in range(n):
        cnt[j] = 0
    for p in range(joint.shape[0]):
        c = w
        for j in range(n):
            c *= x[offs[j] + cnt[j]]
        joint[p] += c
        j = n - 1
        while j >= 0:
            cnt[j] += 1
            if cnt[j] < shape[j]:
                break
            cnt[j] = 0
            j -= 1


@njit(cache=True)
def _sample(x, lo, hi, u):  # pragma: no cover - compiled
    """Index (relative to ``lo``) drawn from the probabilities ``x[lo:hi]`` with the
    uniform ``u``."""
    acc = 0.0
    last = 0
    for k in range(hi - lo):
        p = x[lo + k]
        if p > 0.0:
            last = k
            acc += p
            if u < acc:
                return k
    return last  # round-off: the last action with positive probability


@njit(cache=True)
def _argmax(v, lo, hi, random_ties, u):  # pragma: no cover - compiled
    """Index (relative to ``lo``) of the largest of ``v[lo:hi]``: the smallest one among
    exact ties, or a uniformly random one (with the uniform ``u``) when ``random_ties``."""
    best = lo
    bv = v[lo]
    for k in range(lo + 1, hi):
        if v[k] > bv:
            bv = v[k]
            best = k
    if not random_ties:
        return best - lo
    c = 0
    for k in range(lo, hi):
        if v[k] == bv:
            c += 1
    if c == 1:
        return best - lo
    pick = min(int(u * c), c - 1)
    for k in range(lo, hi):
        if v[k] == bv:
            if pick == 0:
                return k - lo
            pick -= 1
    return best - lo


@njit(cache=True)
def _softmax(v, lo, hi, scale, logprior, out):  # pragma: no cover - compiled
    """``out[lo:hi] = softmax(logprior[lo:hi] + scale * v[lo:hi])`` (entries whose prior
    is ``-inf`` get 0)."""
    mx = -np.inf
    for k in range(lo, hi):
        z = logprior[k] + scale * v[k]
        if z > mx:
            mx = z
    s = 0.0
    for k in range(lo, hi):
        z = logprior[k] + scale * v[k]
        e = math.exp(z - mx) if z > -np.inf else 0.0
        out[k] = e
        s += e
    for k in range(lo, hi):
        out[k] /= s


@njit(cache=True)
def _profile_regret(two, At, B, Pf, shape, offs, x, vals, idx, pre, suf, cnt
                    ):  # pragma: no cover - compiled
    """``max_i [max_k u_i(k, x_-i) - u_i(x)]`` (clipped at 0): the max regret of ``x``."""
    _values_mixed(two, At, B, Pf, shape, offs, x, vals, idx, pre, suf, cnt)
    n = offs.shape[0] - 1
    worst = 0.0
    for i in range(n):
        best = -np.inf
        u = 0.0
        for q in range(offs[i], offs[i + 1]):
            u += x[q] * vals[q]
            if vals[q] > best:
                best = vals[q]
        if best - u > worst:
            worst = best - u
    return worst


@njit(cache=True)
def _record(k, t, offs, avg_src, avg_norm, cur, regw, reg_norm, H_t, H_avg, H_cur, H_reg
            ):  # pragma: no cover - compiled
    """Write history row ``k``: time, average (``avg_src / avg_norm``), current strategy
    and each player's average external regret ``max(regw_i) / reg_norm`` (clipped at 0).
    Returns the largest regret."""
    n = offs.shape[0] - 1
    H_t[k] = t
    for q in range(offs[n]):
        H_avg[k, q] = avg_src[q] / avg_norm
        H_cur[k, q] = cur[q]
    worst = 0.0
    for i in range(n):
        best = 0.0
        for q in range(offs[i], offs[i + 1]):
            r = regw[q] / reg_norm
            if r > best:
                best = r
        H_reg[k, i] = best
        if best > worst:
            worst = best
    return worst


@njit(cache=True)
def _average_regret_two(offs, sumx, regw, T):  # pragma: no cover - compiled
    """Max regret of the average profile ``sumx / T`` of a two-player game from the
    cumulative regrets ``regw`` of the played strategies: the values at the average are
    the average values (they are linear in the opponent's strategy), so player ``i``'s
    regret is ``(max regw_i - avg_i . regw_i) / T`` (the payoffs received cancel)."""
    gap = 0.0
    for i in range(offs.shape[0] - 1):
        mx = -np.inf
        dot = 0.0
        for q in range(offs[i], offs[i + 1]):
            if regw[q] > mx:
                mx = regw[q]
            dot += sumx[q] * regw[q]
        g = (mx - dot / T) / T
        if g > gap:
            gap = g
    return gap


@njit(cache=True)
def _records_at(t, run_start, run_end, record_every):  # pragma: no cover - compiled
    return (t - run_start) % record_every == 0 or t == run_end


# --------------------------------------------------------------- no-regret dynamics
@njit(cache=True)
def regret_kernel(kind, sampled, linear, track, two, At, B, Pf, shape, strides, offs,
                  x, cum, regw, sumx, joint, state, logprior, eta, delta, logm, U,
                  t_start, steps, run_start, run_end, record_every, k,
                  H_t, H_avg, H_cur, H_reg, H_dist):  # pragma: no cover - compiled
    """Regret matching (``kind=0``, Hart and Mas-Colell 2000), regret matching+
    (``kind=1``, Tammelin 2014) and Hedge (``kind=2``, Freund and Schapire 1997).

    ``cum`` holds the cumulative regrets (clipped at 0 each step for RM+), ``regw`` the
    cumulative regrets weighted like the average (weight ``t`` when ``linear``),
    ``sumx`` the weighted sum of played strategies (or of played actions when
    ``sampled``), ``state[0]`` the total weight.  Hedge plays
    ``x_i ~ prior_i * exp(eta_t * cum_i)`` with ``eta_t = eta[i]`` when ``eta[i] >= 0``,
    else ``sqrt(8 ln m_i / t) / delta[i]``.
    """
    n = offs.shape[0] - 1
    M = offs[n]
    if two and kind != 2 and not sampled:
        return _regret_matching_two(kind, linear, track, At, B, offs, x, cum, regw, sumx,
                                    joint, state, t_start, steps, run_start, run_end,
                                    record_every, k, H_t, H_avg, H_cur, H_reg, H_dist)
    mmax = 1
    for i in range(n):
        if offs[i + 1] - offs[i] > mmax:
            mmax = offs[i + 1] - offs[i]
    idx = np.empty(mmax, np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    cnt = np.empty(n, np.int64)
    a = np.zeros(n, np.int64)
    v = np.empty(M)
    u = np.empty(n)
    for s in range(steps):
        t = t_start + s + 1
        w = float(t) if linear else 1.0
        if sampled:
            for i in range(n):
                a[i] = _sample(x, offs[i], offs[i + 1], U[s, i])
            _values_pure(two, At, B, Pf, strides, offs, a, v)
            for i in range(n):
                u[i] = v[offs[i] + a[i]]
                sumx[offs[i] + a[i]] += w
            joint[_flat_index(strides, a)] += w
        else:
            _values_mixed(two, At, B, Pf, shape, offs, x, v, idx, pre, suf, cnt)
            for i in range(n):
                ui = 0.0
                for q in range(offs[i], offs[i + 1]):
                    ui += x[q] * v[q]
                u[i] = ui
            if track:
                _add_product(two, shape, offs, x, w, joint, cnt)
        state[0] += w
        for i in range(n):
            lo = offs[i]
            hi = offs[i + 1]
            ui = u[i]
            tot = 0.0
            for q in range(lo, hi):
                r = v[q] - ui
                regw[q] += w * r
                c = cum[q] + r
                if kind == 1 and c < 0.0:
                    c = 0.0
                cum[q] = c
                if c > 0.0:
                    tot += c
            if not sampled:
                for q in range(lo, hi):
                    sumx[q] += w * x[q]
            # next strategy
            if kind == 2:
                if eta[i] >= 0.0:
                    rate = eta[i]
                else:
                    rate = math.sqrt(8.0 * logm[i] / (t + 1)) / delta[i]
                _softmax(cum, lo, hi, rate, logprior, x)
            elif tot > 0.0:
                inv = 1.0 / tot
                for q in range(lo, hi):
                    c = cum[q]
                    x[q] = c * inv if c > 0.0 else 0.0
            else:
                for q in range(lo, hi):
                    x[q] = 1.0 / (hi - lo)
        if _records_at(t, run_start, run_end, record_every):
            worst = _record(k, t, offs, sumx, state[0], x, regw, state[0],
                            H_t, H_avg, H_cur, H_reg)
            H_dist[k] = worst  # = cce_gap of the (weighted) joint distribution of play
            k += 1
    return k


@njit(cache=True, fastmath=_FAST)
def _mv_support(Mt, v, sup, ns, out):  # pragma: no cover - compiled
    """``out[i] = sum_{j in sup[:ns]} v[j] * Mt[j, i]`` (the support is known)."""
    m = Mt.shape[1]
    for i in range(m):
        out[i] = 0.0
    q = 0
    while q + 4 <= ns:
        j0 = sup[q]
        j1 = sup[q + 1]
        j2 = sup[q + 2]
        j3 = sup[q + 3]
        c0 = v[j0]
        c1 = v[j1]
        c2 = v[j2]
        c3 = v[j3]
        for i in range(m):
            out[i] += c0 * Mt[j0, i] + c1 * Mt[j1, i] + c2 * Mt[j2, i] + c3 * Mt[j3, i]
        q += 4
    while q < ns:
        j0 = sup[q]
        c0 = v[j0]
        for i in range(m):
            out[i] += c0 * Mt[j0, i]
        q += 1


@njit(cache=True)
def _rm_update(kind, w, keep_regw, v, xs, cum, regw, sup, nsup):  # pragma: no cover
    """One player's regret-matching update on views of its own entries: regrets of the
    strategy ``xs`` (support ``sup[:nsup]``) against values ``v``; ``xs`` becomes the
    next strategy and the new support size is returned."""
    m = v.shape[0]
    u = 0.0
    for q in range(nsup):
        j = sup[q]
        u += xs[j] * v[j]
    for q in range(nsup):
        xs[sup[q]] = 0.0
    tot = 0.0
    ns = 0
    for q in range(m):
        r = v[q] - u
        if keep_regw:
            regw[q] += w * r
        c = cum[q] + r
        if kind == 1 and c < 0.0:
            c = 0.0
        cum[q] = c
        if c > 0.0:
            tot += c
            sup[ns] = q
            ns += 1
    if ns == 0:
        for q in range(m):
            xs[q] = 1.0 / m
            sup[q] = q
        return m
    inv = 1.0 / tot
    for q in range(ns):
        j = sup[q]
        xs[j] = cum[j] * inv
    return ns


@njit(cache=True)
def _regret_matching_two(kind, linear, track, At, B, offs, x, cum, regw, sumx, joint, state,
                         t_start, steps, run_start, run_end, record_every, k, H_t, H_avg,
                         H_cur, H_reg, H_dist):  # pragma: no cover - compiled
    """Expected regret matching (+) in a two-player game: the matrix-vector products
    run over the supports of the strategies only, and one pass over each player's
    actions updates the regrets and finds the next support.  Without weights
    (``linear`` False) and without clipping the weighted regrets equal the cumulative
    ones, so ``regw`` is not updated (it is copied at records)."""
    m = offs[1]
    M = offs[2]
    n2 = M - m
    keep_regw = kind == 1 or linear
    xa = x[0:m]
    xb = x[m:M]
    supa = np.empty(m, np.int64)
    supb = np.empty(n2, np.int64)
    na = 0
    for q in range(m):
        if xa[q] != 0.0:
            supa[na] = q
            na += 1
    nb = 0
    for q in range(n2):
        if xb[q] != 0.0:
            supb[nb] = q
            nb += 1
    va = np.empty(m)
    vb = np.empty(n2)
    for s in range(steps):
        t = t_start + s + 1
        w = float(t) if linear else 1.0
        _mv_support(At, xb, supb, nb, va)
        _mv_support(B, xa, supa, na, vb)
        for q in range(na):
            sumx[supa[q]] += w * xa[supa[q]]
        for q in range(nb):
            sumx[m + supb[q]] += w * xb[supb[q]]
        if track:
            for p in range(na):
                i = supa[p]
                c = w * xa[i]
                for r in range(nb):
                    j = supb[r]
                    joint[i * n2 + j] += c * xb[j]
        state[0] += w
        na_new = _rm_update(kind, w, keep_regw, va, xa, cum[0:m], regw[0:m], supa, na)
        nb = _rm_update(kind, w, keep_regw, vb, xb, cum[m:M], regw[m:M], supb, nb)
        na = na_new
        if _records_at(t, run_start, run_end, record_every):
            if not keep_regw:
                for q in range(M):
                    regw[q] = cum[q]
            worst = _record(k, t, offs, sumx, state[0], x, regw, state[0],
                            H_t, H_avg, H_cur, H_reg)
            H_dist[k] = worst
            k += 1
    if not keep_regw:
        for q in range(M):
            regw[q] = cum[q]
    return k


@njit(cache=True)
def internal_regret_kernel(two, At, B, Pf, strides, offs, doffs, mu, x, a, D, rowmax, regw,
                           counts, joint, U, t_start, steps, run_start, run_end, record_every, k,
                           H_t, H_avg, H_cur, H_reg, H_dist):  # pragma: no cover - compiled
    """Conditional (internal) regret matching of Hart and Mas-Colell (2000), sampled play.

    ``D[doffs[i] + j * m_i + l]`` is player ``i``'s cumulative gain from having played
    ``l`` in every round in which it played ``j``.  After playing ``j`` in round ``t``,
    the player switches to ``l != j`` with probability ``max(D[j, l], 0) / (t mu_i)``
    and repeats ``j`` otherwise.  ``rowmax[offs[i] + j]`` keeps ``max_l D[j, l]`` (at
    least 0, since ``D[j, j] = 0``), so the CE gap costs ``O(M)`` per record.
    """
    n = offs.shape[0] - 1
    M = offs[n]
    v = np.empty(M)
    for s in range(steps):
        t = t_start + s + 1
        for i in range(n):
            a[i] = _sample(x, offs[i], offs[i + 1], U[s, i])
        _values_pure(two, At, B, Pf, strides, offs, a, v)
        joint[_flat_index(strides, a)] += 1.0
        for i in range(n):
            lo = offs[i]
            m = offs[i + 1] - lo
            j = a[i]
            counts[lo + j] += 1.0
            base = doffs[i] + j * m
            uj = v[lo + j]
            rm = 0.0
            for l in range(m):
                r = v[lo + l] - uj
                d = D[base + l] + r
                D[base + l] = d
                if d > rm:
                    rm = d
                regw[lo + l] += r
            rowmax[lo + j] = rm
            # next strategy: switch away from j in proportion to positive regret
            tot = 0.0
            scale = 1.0 / (t * mu[i])
            for l in range(m):
                if l != j and D[base + l] > 0.0:
                    p = D[base + l] * scale
                    x[lo + l] = p
                    tot += p
                else:
                    x[lo + l] = 0.0
            if tot > 1.0:  # mu below the safe bound: renormalise, never repeat j
                for l in range(m):
                    x[lo + l] /= tot
                x[lo + j] = 0.0
            else:
                x[lo + j] = 1.0 - tot
        if _records_at(t, run_start, run_end, record_every):
            _record(k, t, offs, counts, float(t), x, regw, float(t), H_t, H_avg, H_cur, H_reg)
            gap = 0.0
            for q in range(M):
                if rowmax[q] > gap:
                    gap = rowmax[q]
            H_dist[k] = gap / t  # = ce_gap of the empirical joint distribution
            k += 1
    return k


# ---------------------------------------------------------------- fictitious play
@njit(cache=True)
def fictitious_kernel(smooth, sampled, random_ties, track, temperature, two, At, B, Pf,
                      shape, strides, offs, S, state, Ubel, x, a, regw, joint, U,
                      t_start, steps, run_start, run_end, record_every, k,
                      H_t, H_avg, H_cur, H_reg, H_dist):  # pragma: no cover - compiled
    """Fictitious play (Brown 1951) and stochastic / smooth fictitious play (Fudenberg and
    Kreps 1993) with simultaneous updates.

    ``S`` holds the belief sums (initial weight times the initial beliefs plus the
    strategies played), ``state[0]`` their total weight.  In two-player games
    ``Ubel`` holds the action values at the belief sums, kept up to date with one row per
    step (``A[:, b]`` and ``B[a, :]``) or one matrix-vector product when mixed responses
    are played.  The response is the best response to the beliefs (ties: smallest index,
    or random), or with ``smooth`` the logit response ``softmax(values / temperature)``,
    played as a sampled action (``sampled``) or as the mixed strategy.
    """
    n = offs.shape[0] - 1
    M = offs[n]
    pure_play = (not smooth) or sampled
    inv_temp = 1.0 / temperature if smooth else 0.0
    zero = np.zeros(M)
    if two and pure_play:
        return _fictitious_two_pure(smooth, random_ties, inv_temp, At, B, offs, S, state,
                                    Ubel, x, a, regw, joint, zero, U, t_start, steps,
                                    run_start, run_end, record_every, k, H_t, H_avg, H_cur,
                                    H_reg, H_dist)
    mmax = 1
    for i in range(n):
        if offs[i + 1] - offs[i] > mmax:
            mmax = offs[i + 1] - offs[i]
    idx = np.empty(mmax, np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    cnt = np.empty(n, np.int64)
    vb = np.empty(M)
    vp = np.empty(M)
    bel = np.empty(M)
    u = np.empty(n)
    for s in range(steps):
        t = t_start + s + 1
        W = state[0]
        if two:
            for q in range(M):
                vb[q] = Ubel[q] / W
        else:
            for q in range(M):
                bel[q] = S[q] / W
            _values_mixed(two, At, B, Pf, shape, offs, bel, vb, idx, pre, suf, cnt)
        for i in range(n):
            lo = offs[i]
            hi = offs[i + 1]
            if smooth:
                _softmax(vb, lo, hi, inv_temp, zero, x)
                if sampled:
                    a[i] = _sample(x, lo, hi, U[s, i])
            else:
                a[i] = _argmax(vb, lo, hi, random_ties, U[s, i] if random_ties else 0.0)
            if pure_play:
                for q in range(lo, hi):
                    x[q] = 0.0
                x[lo + a[i]] = 1.0
        if pure_play:
            _values_pure(two, At, B, Pf, strides, offs, a, vp)
            for i in range(n):
                u[i] = vp[offs[i] + a[i]]
            joint[_flat_index(strides, a)] += 1.0
        else:
            _values_mixed(two, At, B, Pf, shape, offs, x, vp, idx, pre, suf, cnt)
            for i in range(n):
                ui = 0.0
                for q in range(offs[i], offs[i + 1]):
                    ui += x[q] * vp[q]
                u[i] = ui
            if track:
                _add_product(two, shape, offs, x, 1.0, joint, cnt)
        for i in range(n):
            for q in range(offs[i], offs[i + 1]):
                regw[q] += vp[q] - u[i]
        for q in range(M):
            S[q] += x[q]
        state[0] = W + 1.0
        if two:  # the values of the played profile are the increments of the belief values
            for q in range(M):
                Ubel[q] += vp[q]
        if _records_at(t, run_start, run_end, record_every):
            _record(k, t, offs, S, state[0], x, regw, float(t), H_t, H_avg, H_cur, H_reg)
            if two:
                H_dist[k] = _belief_regret_two(offs, S, Ubel, state[0])
            else:
                for q in range(M):
                    bel[q] = S[q] / state[0]
                H_dist[k] = _profile_regret(two, At, B, Pf, shape, offs, bel, vp, idx, pre,
                                            suf, cnt)
            k += 1
    return k


@njit(cache=True)
def _belief_regret_two(offs, S, Ubel, W):  # pragma: no cover - compiled
    """Max regret of the beliefs ``S / W`` of a two-player game whose values at the belief
    sums are ``Ubel``."""
    gap = 0.0
    for i in range(2):
        best = -np.inf
        ui = 0.0
        for q in range(offs[i], offs[i + 1]):
            val = Ubel[q] / W
            ui += S[q] / W * val
            if val > best:
                best = val
        if best - ui > gap:
            gap = best - ui
    return gap


@njit(cache=True)
def _fictitious_two_pure(smooth, random_ties, inv_temp, At, B, offs, S, state, Ubel, x, a,
                         regw, joint, zero, U, t_start, steps, run_start, run_end,
                         record_every, k, H_t, H_avg, H_cur, H_reg, H_dist
                         ):  # pragma: no cover - compiled
    """The two-player fast path of :func:`fictitious_kernel` with pure (best or sampled
    smooth) responses: ``O(m_1 + m_2)`` per round, one row of ``At`` and of ``B``."""
    m = offs[1]
    M = offs[2]
    k2 = M - m
    for q in range(M):
        x[q] = 0.0
    x[a[0]] = 1.0
    x[m + a[1]] = 1.0
    for s in range(steps):
        t = t_start + s + 1
        W = state[0]
        if smooth:
            scale = inv_temp / W
            _softmax(Ubel, 0, m, scale, zero, x)
            a0 = _sample(x, 0, m, U[s, 0])
            _softmax(Ubel, m, M, scale, zero, x)
            a1 = _sample(x, m, M, U[s, 1])
            for q in range(M):
                x[q] = 0.0
        else:
            x[a[0]] = 0.0
            x[m + a[1]] = 0.0
            a0 = _argmax(Ubel, 0, m, random_ties, U[s, 0] if random_ties else 0.0)
            a1 = _argmax(Ubel, m, M, random_ties, U[s, 1] if random_ties else 0.0)
        a[0] = a0
        a[1] = a1
        x[a0] = 1.0
        x[m + a1] = 1.0
        u0 = At[a1, a0]
        row = At[a1]
        for q in range(m):
            r = row[q]
            Ubel[q] += r
            regw[q] += r - u0
        u1 = B[a0, a1]
        row = B[a0]
        for q in range(k2):
            r = row[q]
            Ubel[m + q] += r
            regw[m + q] += r - u1
        S[a0] += 1.0
        S[m + a1] += 1.0
        state[0] = W + 1.0
        joint[a0 * k2 + a1] += 1.0
        if _records_at(t, run_start, run_end, record_every):
            _record(k, t, offs, S, state[0], x, regw, float(t), H_t, H_avg, H_cur, H_reg)
            H_dist[k] = _belief_regret_two(offs, S, Ubel, state[0])
            k += 1
    return k


# ----------------------------------------------------------- best-response dynamics
@njit(cache=True)
def best_response_kernel(simultaneous, random_ties, two, At, B, Pf, shape, strides, offs, a,
                         counts, regw, joint, visited, cycle, U, t_start, steps, run_start,
                         run_end, record_every, k, H_t, H_avg, H_cur, H_reg, H_dist
                         ):  # pragma: no cover - compiled
    """Pure best-response dynamics, one round per iteration: every player in turn
    (sequential) or all at once (simultaneous) switches to a best response unless its
    action already is one.  Stops after a round whose profile is a pure Nash equilibrium
    (a rest point).  ``visited[f]`` holds the round in which the profile with flat index
    ``f`` was last played (``-1``: never; empty array: no cycle detection); ``cycle``
    receives the round of the first repeated profile and the cycle length.

    Returns ``(k, rounds done, rest point reached)``.
    """
    n = offs.shape[0] - 1
    M = offs[n]
    mmax = 1
    for i in range(n):
        if offs[i + 1] - offs[i] > mmax:
            mmax = offs[i + 1] - offs[i]
    idx = np.empty(mmax, np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    cnt = np.empty(n, np.int64)
    avg = np.empty(M)
    v = np.empty(M)
    w = np.empty(M)
    cur = np.zeros(M)
    nxt = np.empty(n, np.int64)
    detect = visited.shape[0] > 0
    for s in range(steps):
        t = t_start + s + 1
        _values_pure(two, At, B, Pf, strides, offs, a, v)
        f = _flat_index(strides, a)
        joint[f] += 1.0
        if detect:
            visited[f] = t
        rest = True
        for i in range(n):
            lo = offs[i]
            hi = offs[i + 1]
            counts[lo + a[i]] += 1.0
            ui = v[lo + a[i]]
            for q in range(lo, hi):
                regw[q] += v[q] - ui
                if v[q] > ui:
                    rest = False
        if not rest:
            if simultaneous:
                for i in range(n):
                    lo = offs[i]
                    hi = offs[i + 1]
                    nxt[i] = a[i]
                    best = v[lo + a[i]]
                    for q in range(lo, hi):
                        if v[q] > best:
                            nxt[i] = _argmax(v, lo, hi, random_ties,
                                             U[s, i] if random_ties else 0.0)
                            break
                for i in range(n):
                    a[i] = nxt[i]
            else:
                for i in range(n):
                    lo = offs[i]
                    hi = offs[i + 1]
                    _values_pure(two, At, B, Pf, strides, offs, a, w)
                    best = w[lo + a[i]]
                    for q in range(lo, hi):
                        if w[q] > best:
                            a[i] = _argmax(w, lo, hi, random_ties,
                                           U[s, i] if random_ties else 0.0)
                            break
            if detect and cycle[1] == 0:
                g = _flat_index(strides, a)
                if visited[g] >= 0:
                    cycle[0] = visited[g]
                    cycle[1] = t + 1 - visited[g]
        for q in range(M):
            cur[q] = 0.0
        for i in range(n):
            cur[offs[i] + a[i]] = 1.0
        if rest or _records_at(t, run_start, run_end, record_every):
            _record(k, t, offs, counts, float(t), cur, regw, float(t), H_t, H_avg, H_cur,
                    H_reg)
            if two:
                H_dist[k] = _average_regret_two(offs, counts, regw, float(t))
            else:
                for q in range(M):
                    avg[q] = counts[q] / t
                H_dist[k] = _profile_regret(two, At, B, Pf, shape, offs, avg, w, idx, pre,
                                            suf, cnt)
            k += 1
        if rest:
            return k, s + 1, True
    return k, steps, False


# ------------------------------------------------------ replicator and logit dynamics
@njit(cache=True)
def mean_dynamics_kernel(kind, single, track, step, eta, two, At, B, Pf, shape, offs, x,
                         sumx, regw, joint, state, t_start, steps, run_start, run_end,
                         record_every, k, H_t, H_avg, H_cur, H_reg, H_dist
                         ):  # pragma: no cover - compiled
    """Euler steps of the replicator dynamics (``kind=0``, Taylor and Jonker 1978),
    ``x_k += step * x_k (u(k, x_-i) - u(x))``, or of the logit dynamics (``kind=1``),
    ``x += step * (softmax(u(., x_-i) / eta) - x)``.

    ``single`` runs one population of a symmetric two-player game (``At = A.T``; the
    state is one strategy playing against itself).  ``state[0]`` receives the number of
    Euler steps that left the simplex and were clipped back.
    """
    n = offs.shape[0] - 1
    M = offs[n]
    mmax = 1
    for i in range(n):
        if offs[i + 1] - offs[i] > mmax:
            mmax = offs[i + 1] - offs[i]
    idx = np.empty(mmax, np.int64)
    pre = np.empty(n + 1)
    suf = np.empty(n + 1)
    cnt = np.empty(n, np.int64)
    v = np.empty(M)
    vals = np.empty(M)
    sig = np.empty(M)
    avg = np.empty(M)
    zero = np.zeros(M)
    u = np.empty(n)
    xx = np.empty(2 * M)
    offs2 = np.zeros(3, np.int64)
    offs2[1] = M
    offs2[2] = 2 * M
    for s in range(steps):
        t = t_start + s + 1
        if single:
            _mv(At, x, v, idx)
        else:
            _values_mixed(two, At, B, Pf, shape, offs, x, v, idx, pre, suf, cnt)
        for i in range(n):
            ui = 0.0
            for q in range(offs[i], offs[i + 1]):
                ui += x[q] * v[q]
            u[i] = ui
            for q in range(offs[i], offs[i + 1]):
                regw[q] += v[q] - ui
        for q in range(M):
            sumx[q] += x[q]
        if track:
            if single:
                for q in range(M):
                    xx[q] = x[q]
                    xx[M + q] = x[q]
                _add_product(True, shape, offs2, xx, 1.0, joint, cnt)
            else:
                _add_product(two, shape, offs, x, 1.0, joint, cnt)
        for i in range(n):
            lo = offs[i]
            hi = offs[i + 1]
            if kind == 0:
                clipped = False
                tot = 0.0
                for q in range(lo, hi):
                    y = x[q] + step * x[q] * (v[q] - u[i])
                    if y < 0.0:
                        y = 0.0
                        clipped = True
                    x[q] = y
                    tot += y
                for q in range(lo, hi):
                    x[q] /= tot
                if clipped:
                    state[0] += 1.0
            else:
                _softmax(v, lo, hi, 1.0 / eta, zero, sig)
                tot = 0.0
                for q in range(lo, hi):
                    x[q] += step * (sig[q] - x[q])
                    tot += x[q]
                for q in range(lo, hi):
                    x[q] /= tot
        if _records_at(t, run_start, run_end, record_every):
            _record(k, t, offs, sumx, float(t), x, regw, float(t), H_t, H_avg, H_cur, H_reg)
            if single or two:
                H_dist[k] = _average_regret_two(offs, sumx, regw, float(t))
            else:
                for q in range(M):
                    avg[q] = sumx[q] / t
                H_dist[k] = _profile_regret(two, At, B, Pf, shape, offs, avg, vals, idx, pre,
                                            suf, cnt)
            k += 1
    return k
