"""Two-player zero-sum (and constant-sum) games: the value and optimal strategies of both
players from one linear program.

The problem
-----------
With the row player's payoff matrix ``A`` (``m x n``), the value is

    v = max_{x in simplex(m)} min_j (x^T A)_j = min_{y in simplex(n)} max_i (A y)_i

(von Neumann 1928).  A positive affine map ``B = (A - min A) / (max A - min A) + 1`` puts
every entry in ``[1, 2]`` and changes no optimal strategy, so the value ``v_B`` of ``B`` is
positive and the classical reformulation without a free value variable applies
(e.g. Dantzig 1951, "A proof of the equivalence of the programming problem and the game
problem")::

    column player (primal):  max 1'w   s.t.  B w <= 1,   w >= 0
    row player    (dual):    min 1'u   s.t.  B'u >= 1,   u >= 0

with ``y = w / 1'w``, ``x = u / 1'u`` and ``v_B = 1 / 1'w = 1 / 1'u``.  One solve returns
both: the row player's strategy from one side of the LP, the column player's from the
multipliers (duals) of its constraints.

Methods
-------
``"tableau"``
    A primal simplex on the compact tableau of the LP, numba-compiled on the shared
    pivoting core (:func:`._pivoting.exchange_pivot_buffered`): the slack basis is
    feasible, so no phase 1; Dantzig's entering rule, switching to Bland's after 50
    pivots without progress (no cycling).  At the optimum the tableau holds both
    players' strategies: the column player's in the right-hand side, the row player's in
    the objective row under the slack columns.  The saddle-point test, the simplex, the
    certificate and the clean-up of tiny probabilities run in one compiled call, so a
    small game costs little more than its pivots: the choice for small games.
``"ipm"``
    A dense primal-dual interior-point method written here for this LP (Mehrotra 1992,
    "On the implementation of a primal-dual interior point method", SIAM J. Optim. 2;
    with Gondzio's 1996 multiple centrality correctors, Comput. Optim. Appl. 6).  Each
    iteration forms the ``k x k`` normal matrix ``B D B' + E`` (``k = min(m, n)``; the
    game is transposed when it has more rows than columns) with one BLAS ``syrk`` and
    factors it by Cholesky; while the certified gap is above ``1e-3`` both run in float32
    (twice as fast) and two steps of iterative refinement in float64 restore the
    direction.  Once the gap is small, a *finishing step* guesses the supports from the
    primal-dual indicator ``u_i / s_i`` (El-Bakry, Tapia and Zhang 1994, SIAM Review 36)
    and solves the indifference equations on the square submatrix ``B[R, C]`` by LU
    (the basic solutions of Shapley and Snow 1950, "Basic solutions of discrete games");
    when the result is a valid pair of distributions with gap ``<= tol`` it is an exact
    vertex (gap ~1e-15) and the iterations stop.  Degenerate games (duplicated actions)
    get a vertex from a rank-revealing QR of ``B[R, C]``; failing that, the interior
    point itself is returned once its gap is certified.  Interior iterates are strictly
    positive, so no probability can come out negative.
``"simplex"``
    HiGHS's dual simplex through :func:`scipy.optimize.linprog` on the same LP (the
    strategies of both players from ``res.x`` and ``res.ineqlin.marginals``).
``"highs-ipm"``
    HiGHS's interior-point method with crossover, same LP.
``"auto"``
    ``"tableau"`` for games of at most 80,000 profiles (``m * n``), else ``"ipm"``.

Every answer is certified from the payoffs: tiny negative entries are clipped, the vectors
renormalised, and the duality gap ``max_i (A y)_i - min_j (x^T A)_j`` recomputed.  If it
exceeds ``1e-13``, the indifference equations on the answer's supports are solved and the
better of the two kept; if the gap still exceeds ``tol`` (relative to the largest absolute
payoff, as in :func:`gametheory.concepts.is_nash`), the other methods are tried (HiGHS with
tighter tolerances last), and if nothing certifies, a :class:`~gametheory.SolverError` is
raised naming every attempt.  Probabilities below ``1e-6 ... 1e-12`` are zeroed when the
certificate allows.  A game with a pure saddle point is answered without an LP.  Games
with exact (integer or Fraction) payoffs and supports of at most 30 actions also get exact
rational strategies and value, verified in rational arithmetic.

Measurements that chose the defaults
------------------------------------
Seeded ``uniform(-1, 1)`` square games on this 2-core machine, shared with other jobs at a
load of 2 to 5 (so noisy, up to 2.5x), BLAS limited to one thread; median seconds; every
answer certified to a duality gap below ``1e-9`` (ours: below ``1e-14``):

=============================================  ========  =========  =======  ========
method                                          100       500        1000     2000
=============================================  ========  =========  =======  ========
tableau simplex here (numba)                    0.0006    0.17       --       --
dense IPM here (float32 phase, 2 correctors)    0.004     0.09-0.3   0.5-1.4  3.9-10.3
same, float64 only, no correctors               --        0.15       1.1      12.6
HiGHS dual simplex (linprog, this LP)           0.012     0.73       ~5       ~30
HiGHS interior point + crossover (linprog)      0.015     0.64       ~4       ~30
highspy directly, dual simplex                  --        0.87       --       --
column/row generation, highspy warm starts      --        1.5-3.4    --       --
=============================================  ========  =========  =======  ========

``benchmarks/bench_minimax.py`` compares with the peers (QuantEcon's numba simplex
``minmax`` 0.37 s at 500 and 38 s at 1000; scipy's default HiGHS call on the textbook LP
3.0 s and 28 s; nashpy 3.0 s and 63 s; Gambit's float ``lp_solve`` over 120 s at 500).

* The tableau simplex and the interior point cross between 250x250 (14 ms each) and
  300x300 (27 ms against 23 ms); on rectangular games the tableau wins up to about 80,000
  profiles (60x1000: 4 ms against 8 ms), the interior point above (100x5000: 38 ms
  against 135 ms).  HiGHS through ``linprog`` costs about 2 ms per call even on a 3x3
  game.
* Presolve on/off changed HiGHS's time by under 30% on these dense LPs (off was faster);
  the free-value-variable LP and the shifted LP above took about the same time.
* Column/row generation (double oracle: solve on a subset of rows and columns, add the
  best responses to the restricted solution, warm-start HiGHS) lost: equilibrium supports
  of random games hold about half of the actions (263 of 500), so the restricted LP ends
  almost as large as the full one and each of the 9-70 rounds re-factors it.
* ``highspy`` called directly was no faster than :func:`~scipy.optimize.linprog` on these
  LPs and prints a banner on first use, so it is not a dependency.
* The interior-point method needs 11-16 iterations at every size here (the gap falls about
  5x per iteration at the end); Gondzio's correctors cut 17 iterations to 13 at
  1000x1000, the float32 phase saves about 20% more.  The finishing step usually
  succeeds one to three iterations before the interior point itself certifies ``1e-9``.
  Dropping near-zero columns from the normal matrix (with conjugate gradients to correct
  the direction) was slower: the dropped columns matter until the very end.
* Two BLAS threads under load were up to 16x slower than one (1000x1000: 18 s against
  1.1 s), hence :data:`IPM_BLAS_THREADS`.
"""

from __future__ import annotations

import contextlib
import math
import time
from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral, Real

import numpy as np
from numba import njit
from scipy.linalg import lapack
from .._scipy import linprog

from .._errors import InvalidOptionError, SolverError, UnknownNameError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ._pivoting import exchange_pivot_norms, solve_fraction
from ._result import Equilibrium, EquilibriumResult

__all__ = ["minimax", "MinimaxResult", "security_strategies", "MINIMAX_METHODS",
           "IPM_BLAS_THREADS"]

#: The LP methods :func:`minimax` accepts, besides ``"auto"``.
MINIMAX_METHODS = ("tableau", "ipm", "simplex", "highs-ipm")

#: ``method="auto"`` uses the tableau simplex for games of at most this many profiles
#: (``m * n``), the dense interior point above (they cross between 250x250 and 300x300;
#: 60x1000 tableau 4 ms, interior point 8 ms; 150x600 15 ms against 13 ms).
_AUTO_TABLEAU_PROFILES = 80_000

#: Games of more than this many profiles run with :data:`IPM_BLAS_THREADS` BLAS threads
#: (setting the limit costs 0.3-1 ms, as much as solving a 100x100 game).
_BLAS_LIMIT_PROFILES = _AUTO_TABLEAU_PROFILES

#: Default cap on interior-point iterations (HiGHS keeps its own default).
_IPM_MAX_ITER = 100

#: BLAS threads :func:`minimax` runs with on games of over 80,000 profiles (through
#: ``threadpoolctl`` when it is installed; ``None`` leaves the BLAS default).  One thread,
#: because on a machine whose cores are busy OpenBLAS's threads wait on each other: here a
#: 1000x1000 game took 18 s with two threads under load and 1.1 s with one.  On an idle
#: many-core machine, set ``None`` to let the ``syrk`` and Cholesky use every core.
IPM_BLAS_THREADS: int | None = 1

#: Supports up to this size, in games with exact payoffs of at most this many profiles,
#: are re-solved in exact rational arithmetic.
_EXACT_MAX_SUPPORT = 30
_EXACT_MAX_PROFILES = 10_000
#: Supports up to this size are solved by rational Gaussian elimination (about 1 ms at
#: 10 actions; 0.3 s at 29); larger ones by rounding the float solution to fractions.
_EXACT_GAUSS_MAX = 12

#: Entries above ``-_NEG_TOL`` (of a probability vector) are rounding and clipped to 0;
#: more negative entries make an answer invalid.
_NEG_TOL = 1e-9


@dataclass(frozen=True)
class MinimaxResult(EquilibriumResult):
    """What :func:`minimax` returns: an :class:`EquilibriumResult` with one equilibrium,
    plus the value.

    Attributes
    ----------
    value : float
        The row player's equilibrium payoff ``x^T A y`` (for a constant-sum game, the row
        player's share; the column player gets the constant minus it).
    duality_gap : float
        ``max_i (A y)_i - min_j (x^T A)_j`` recomputed from the returned strategies: the
        width of the interval they prove the value to lie in (0 at an exact solution).
    exact_value : Fraction or None
        The value in rational arithmetic when the game has exact payoffs and a small
        support (then ``equilibria[0].exact`` holds the strategies as Fractions).
    """

    value: float = 0.0
    duality_gap: float = 0.0
    exact_value: Fraction | None = None

    @property
    def row_strategy(self) -> np.ndarray:
        """The row player's optimal (maximin) strategy."""
        return self.equilibria[0].strategies[0]

    @property
    def column_strategy(self) -> np.ndarray:
        """The column player's optimal (minimax) strategy."""
        return self.equilibria[0].strategies[1]

    def to_dict(self) -> dict:
        d = super().to_dict()
        d["value"] = float(self.value)
        d["duality_gap"] = float(self.duality_gap)
        if self.exact_value is not None:
            d["exact_value"] = str(self.exact_value)
        return d


# ------------------------------------------------------------------------------ checks
def _check_game(game) -> np.ndarray:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"minimax needs a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(f"minimax handles two-player zero-sum games; this game has "
                                   f"{game.num_players} player(s)")
    if not (game.is_zero_sum or game.is_constant_sum):
        raise UnsupportedGameError(f"minimax needs a zero-sum or constant-sum game; this game "
                                   f"is {game.game_class} (use lemke_howson or "
                                   f"security_strategies)")
    return np.asarray(game.payoffs[0], dtype=np.float64)


def _check_options(method, tol, max_iter) -> tuple[str, float, int | None]:
    key = str(method).strip().lower().replace("_", "-")
    if key not in ("auto",) + MINIMAX_METHODS:
        raise UnknownNameError(f"unknown minimax method {method!r}; known: auto, "
                               + ", ".join(MINIMAX_METHODS))
    if isinstance(tol, bool) or not isinstance(tol, Real) or not (0 < float(tol) < 1) \
            or not math.isfinite(float(tol)):
        raise InvalidOptionError(f"tol must be a number in (0, 1), got {tol!r}")
    if max_iter is not None:
        if isinstance(max_iter, bool) or not isinstance(max_iter, (Integral, np.integer)) \
                or int(max_iter) < 1:
            raise InvalidOptionError(f"max_iter must be a positive integer, got {max_iter!r}")
        max_iter = int(max_iter)
    return key, float(tol), max_iter


# ------------------------------------------------------------------------------ helpers
def _gap(A: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Certified duality gap of a strategy pair: upper minus lower bound on the value."""
    return float((A @ y).max() - (x @ A).min())


def _normalise_dist(v: np.ndarray) -> np.ndarray | None:
    """Clip rounding negatives and renormalise; ``None`` when ``v`` is not a distribution
    up to rounding."""
    v = np.asarray(v, dtype=np.float64)
    if v.size == 0 or not np.all(np.isfinite(v)):
        return None
    total = float(v.sum())
    if not total > 0:
        return None
    v = v / total
    if v.min() < -_NEG_TOL:
        return None
    v = np.clip(v, 0.0, None)
    return v / v.sum()


def _positive_form(A: np.ndarray) -> tuple[np.ndarray, float, float]:
    """``B = (A - lo) / width + 1`` with entries in ``[1, 2]``; returns ``(B, lo, width)``."""
    lo = float(A.min())
    width = float(A.max()) - lo
    if width <= 0:
        width = 1.0
    return (A - lo) / width + 1.0, lo, width


def _square_support_solve(B: np.ndarray, R: np.ndarray, C: np.ndarray):
    """Solve the indifference equations on the square submatrix ``B[R, C]``:
    ``x_R' B_RC = v 1`` and ``B_RC y_C = v 1`` with ``x_R, y_C`` summing to one.

    Returns ``(x, y, rcond)`` (full-length vectors and the reciprocal condition number
    of ``B[R, C]``) or ``None`` when the submatrix is singular or the solution is not a
    pair of distributions."""
    k = len(R)
    if k == 0 or k != len(C):
        return None
    sub = np.ascontiguousarray(B[np.ix_(R, C)])
    anorm = float(np.abs(sub).sum(axis=0).max())
    lu, piv, info = lapack.dgetrf(sub)
    if info != 0:
        return None
    ones = np.ones(k)
    xr, info1 = lapack.dgetrs(lu, piv, ones, trans=1)
    yc, info2 = lapack.dgetrs(lu, piv, ones, trans=0)
    if info1 != 0 or info2 != 0:
        return None
    xr = _normalise_dist(xr)
    yc = _normalise_dist(yc)
    if xr is None or yc is None:
        return None
    rcond, _ = lapack.dgecon(lu, anorm, norm="1")
    x = np.zeros(B.shape[0])
    x[R] = xr
    y = np.zeros(B.shape[1])
    y[C] = yc
    return x, y, float(rcond)


# ------------------------------------------------------------------------------ dense IPM
def _blas_threads(limit: int | None):
    """A context limiting BLAS threads when ``threadpoolctl`` is available."""
    if limit is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        return contextlib.nullcontext()
    return threadpool_limits(limits=limit, user_api="blas")


def _step_length(v: np.ndarray, dv: np.ndarray) -> float:
    neg = dv < 0
    if not neg.any():
        return 1.0
    return min(1.0, float(np.min(-v[neg] / dv[neg])))


def _cholesky(M: np.ndarray):
    """Upper Cholesky factor of ``M`` (in its precision) or ``None`` if not positive
    definite."""
    potrf = lapack.spotrf if M.dtype == np.float32 else lapack.dpotrf
    c, info = potrf(M, lower=0, clean=0, overwrite_a=1)
    return c if info == 0 else None


def _ipm(B: np.ndarray, tol_b: float, max_iter: int) -> dict:
    """Dense Mehrotra predictor-corrector IPM with Gondzio correctors on
    ``max 1'w : B w + s = 1`` / ``min 1'u : B'u - z = 1`` (``B`` of shape ``m x n`` with
    entries in ``[1, 2]``; the normal matrix is ``m x m``, so call it with ``m <= n``).

    Returns a dict with the best certified pair ``x, y``, its gap (in units of ``B``),
    the iteration count and a status: ``"converged"`` (interior point certified),
    ``"vertex"`` (finishing step certified), ``"max_iter"``, ``"numerical"`` or
    ``"stalled"``."""
    m, n = B.shape
    N = m + n
    Bt = B.T
    B32 = None
    # A strictly feasible, roughly centred start: B in [1, 2] gives s >= 1/2, z >= 1.
    w = np.full(n, 0.25 / n)
    s = 1.0 - B @ w
    u = np.full(m, 2.0 / m)
    z = Bt @ u - 1.0
    best = (None, None, math.inf)
    status = "max_iter"
    it = 0
    prev_sets = None
    last_progress = 0     # iteration at which the best gap last halved
    progress_ref = math.inf
    for it in range(1, max_iter + 1):
        x = u / u.sum()
        y = w / w.sum()
        gap = float((B @ y).max() - (x @ B).min())
        if gap < best[2]:
            best = (x, y, gap)
        if gap <= 0.01 * tol_b:   # aim below tol: less dust off the supports
            status = "converged"
            break
        if best[2] <= 0.5 * progress_ref:
            progress_ref, last_progress = best[2], it
        elif it - last_progress >= 4 and best[2] < 1e-5:  # rounding errors dominate
            status = "stalled"
            break
        if gap < 1e-3:
            found, prev_sets = _ipm_finish(B, u, s, w, z, tol_b, prev_sets, deep=gap < 1e-7)
            if found is not None:
                best = found
                status = "vertex"
                break
        rp = 1.0 - B @ w - s
        rd = 1.0 - Bt @ u + z
        mu = float(w @ z + u @ s) / N
        d = w / z
        e = s / u
        sd = np.sqrt(d)
        factor = None
        use32 = gap > 1e-3
        if use32:
            if B32 is None:
                B32 = B.astype(np.float32)
            C = B32 * sd.astype(np.float32)
            M = C @ C.T
            M[np.diag_indices(m)] += e.astype(np.float32)
            factor = _cholesky(M)
            if factor is None:
                use32 = False
        if factor is None:
            C = B * sd
            M = C @ C.T
            diag = M.diagonal().copy()
            M[np.diag_indices(m)] += e
            factor = _cholesky(M)
            if factor is None:  # regularise once, then give up
                C = B * sd
                M = C @ C.T
                M[np.diag_indices(m)] += e + 1e-12 * float(diag.max())
                factor = _cholesky(M)
            if factor is None:
                status = "numerical"
                break
        potrs = lapack.spotrs if use32 else lapack.dpotrs

        def normal_solve(rhs):
            if not use32:
                return potrs(factor, rhs, lower=0)[0]
            sol = potrs(factor, rhs.astype(np.float32), lower=0)[0].astype(np.float64)
            for _ in range(2):  # iterative refinement in float64
                res = rhs - (B @ (d * (Bt @ sol)) + e * sol)
                sol += potrs(factor, res.astype(np.float32), lower=0)[0]
            return sol

        def direction(r_wz, r_us):
            rhs = B @ (r_wz / z + d * rd) + r_us / u - rp
            du = normal_solve(rhs)
            dz = Bt @ du - rd
            dw = (r_wz - w * dz) / z
            ds = (r_us - s * du) / u
            return dw, dz, du, ds

        # predictor (affine scaling)
        dw, dz, du, ds = direction(-w * z, -u * s)
        ap = min(_step_length(w, dw), _step_length(s, ds))
        ad = min(_step_length(z, dz), _step_length(u, du))
        mu_aff = float((w + ap * dw) @ (z + ad * dz) + (u + ad * du) @ (s + ap * ds)) / N
        sigma = (mu_aff / mu) ** 3
        smu = sigma * mu
        # corrector
        dw, dz, du, ds = direction(smu - w * z - dw * dz, smu - u * s - du * ds)
        ap = min(_step_length(w, dw), _step_length(s, ds))
        ad = min(_step_length(z, dz), _step_length(u, du))
        # Gondzio's multiple centrality correctors: push outlying products w_j z_j,
        # u_i s_i at a trial point back into [0.1, 10] * sigma * mu.
        for _ in range(2):
            apt = min(1.0, 1.5 * ap + 0.1)
            adt = min(1.0, 1.5 * ad + 0.1)
            vw = (w + apt * dw) * (z + adt * dz)
            vu = (u + adt * du) * (s + apt * ds)
            lo_, hi_ = 0.1 * smu, 10.0 * smu
            tw = np.maximum(np.clip(vw, lo_, hi_) - vw, -hi_)
            tu = np.maximum(np.clip(vu, lo_, hi_) - vu, -hi_)
            cw, cz, cu, cs = direction(tw, tu)
            nw, nz, nu, ns = dw + cw, dz + cz, du + cu, ds + cs
            ap2 = min(_step_length(w, nw), _step_length(s, ns))
            ad2 = min(_step_length(z, nz), _step_length(u, nu))
            if ap2 + ad2 < 1.01 * (ap + ad):
                break
            dw, dz, du, ds, ap, ad = nw, nz, nu, ns, ap2, ad2
        if max(ap, ad) < 1e-10:
            status = "stalled"
            break
        ap *= 0.99
        ad *= 0.99
        w = w + ap * dw
        s = s + ap * ds
        u = u + ad * du
        z = z + ad * dz
        if not (np.all(w > 0) and np.all(s > 0) and np.all(u > 0) and np.all(z > 0)):
            status = "numerical"
            break
    if status != "vertex" and np.all(s > 0) and np.all(z > 0):
        # polish: a vertex of the optimal face is cleaner than an interior point (no dust
        # on actions outside the supports) and exact up to rounding
        found, _ = _ipm_finish(B, u, s, w, z, tol_b, None, deep=True)
        if found is not None:
            best = found
            status = "vertex"
    return {"x": best[0], "y": best[1], "gap": best[2], "num_iter": it, "status": status}


def _ipm_finish(B, u, s, w, z, tol_b, prev_sets, *, deep=False):
    """Finishing step: guess both supports from the indicators ``u_i / s_i > 1`` and
    ``w_j / z_j > 1`` and solve the indifference equations on a square submatrix.

    When the guessed supports differ in size (a degenerate game, or a guess still off by
    an action or two), the larger one is cut to the top ``k`` of the smaller; with
    ``deep`` a rank-revealing QR also picks a largest nonsingular square submatrix of
    ``B[R, C]`` (duplicated actions make the optimal face wider than a vertex).  Returns
    the certified ``(x, y, gap)`` or ``None``, and the guessed support sizes (a guess of
    the same sizes as last time is skipped unless ``deep``)."""
    rr = u / s
    rc = w / z
    R = np.flatnonzero(rr > 1.0)
    C = np.flatnonzero(rc > 1.0)
    sizes = (len(R), len(C))
    if (sizes == prev_sets and not deep) or len(R) == 0 or len(C) == 0:
        return None, sizes
    if len(R) == len(C):
        candidates = [(R, C)]
    else:
        k = min(len(R), len(C))
        candidates = [(np.sort(R[np.argsort(-rr[R])[:k]]), np.sort(C[np.argsort(-rc[C])[:k]]))]
    for Rk, Ck in candidates:
        sol = _square_support_solve(B, Rk, Ck)
        if sol is not None:
            gap = _gap(B, sol[0], sol[1])
            if gap <= tol_b:
                return (sol[0], sol[1], gap), sizes
    if deep:
        sol = _basic_subsystem(B, R, C)
        if sol is not None:
            gap = _gap(B, sol[0], sol[1])
            if gap <= tol_b:
                return (sol[0], sol[1], gap), sizes
    return None, sizes


def _basic_subsystem(B, R, C):
    """Square solve on a largest well-conditioned square submatrix of ``B[R, C]``, its
    columns and then rows chosen by QR with column pivoting."""
    from scipy.linalg import qr
    sub = B[np.ix_(R, C)]
    _, tri, piv = qr(sub, mode="economic", pivoting=True)
    dg = np.abs(np.diag(tri))
    r = int(np.count_nonzero(dg > 1e-9 * dg[0]))
    Cs = C[np.sort(piv[:r])]
    _, tri, piv = qr(B[np.ix_(R, Cs)].T, mode="economic", pivoting=True)
    Rs = R[np.sort(piv[:r])]
    return _square_support_solve(B, Rs, Cs)


# ------------------------------------------------------------------------------ tableau
@njit(cache=True, error_model="numpy")
def _tableau_solve(B, max_iter, piv_tol, opt_tol):  # pragma: no cover - compiled
    """Primal simplex on the compact tableau of ``max 1'w : B w + s = 1, w, s >= 0``.

    ``B > 0`` makes the slack basis ``w = 0`` feasible (no phase 1) and the LP bounded.
    Row ``m`` of the tableau is the objective ``z + sum_j T[m, j] nb_j = T[m, n]``.
    Entering column: steepest edge, the largest ``T[m, j]^2 / (1 + ||T[:m, j]||^2)``
    among the negative ``T[m, j]`` (Goldfarb and Reid 1977; the edge lengths are
    recomputed exactly by :func:`._pivoting.exchange_pivot_norms` during each pivot:
    about 35% fewer pivots than Dantzig's rule on 50x50 random games, 55% fewer on
    100x100); after 50 pivots in a row that do not raise the objective, Bland's
    smallest-index rule, which cannot cycle.  Leaving
    row: the minimum ratio, ties to the smallest basic variable index.  Pivots through
    :func:`._pivoting.exchange_pivot_buffered`, the shared pivoting core.

    Returns ``(T, row_var, col_var, status, pivots)``: the final tableau, the basic
    variable of each row and the nonbasic variable of each column (``w_j`` is ``j``, the
    slack ``s_i`` is ``n + i``), status 0 (optimal), 1 (iteration limit) or 2 (no valid
    pivot, numerical trouble)."""
    m, n = B.shape
    T = np.empty((m + 1, n + 1))
    for i in range(m):
        for j in range(n):
            T[i, j] = B[i, j]
        T[i, n] = 1.0
    for j in range(n):
        T[m, j] = -1.0
    T[m, n] = 0.0
    col_var = np.arange(n)            # variable in each column: w_j = j, s_i = n + i
    row_var = np.arange(n, n + m)     # basic variable of each row
    rowbuf = np.empty(n + 1)
    colbuf = np.empty(m + 1)
    gam = np.ones(n)                  # 1 + squared norm of each column's constraint part
    for i in range(m):
        for j in range(n):
            gam[j] += T[i, j] * T[i, j]
    status = 1
    pivots = 0
    stall = 0
    while pivots < max_iter:
        bland = stall >= 50
        c = -1
        best = 0.0
        for j in range(n):
            rc = T[m, j]
            if rc < -opt_tol:
                if bland:
                    if c < 0 or col_var[j] < col_var[c]:
                        c = j
                else:
                    score = rc * rc / gam[j]
                    if score > best:
                        best = score
                        c = j
        if c < 0:
            status = 0
            break
        r = -1
        ratio = 0.0
        for i in range(m):
            a = T[i, c]
            if a > piv_tol:
                q = T[i, n] / a
                if r < 0 or q < ratio - 1e-12 * (1.0 + ratio):
                    ratio = q
                    r = i
                elif q <= ratio + 1e-12 * (1.0 + ratio) and row_var[i] < row_var[r]:
                    ratio = min(ratio, q)
                    r = i
        if r < 0:
            status = 2
            break
        before = T[m, n]
        exchange_pivot_norms(T, r, c, rowbuf, colbuf, gam, m)
        v = row_var[r]
        row_var[r] = col_var[c]
        col_var[c] = v
        pivots += 1
        if T[m, n] > before + 1e-14:
            stall = 0
        else:
            stall += 1
    return T, row_var, col_var, status, pivots


@njit(cache=True, error_model="numpy")
def _tableau_simplex(B, max_iter, piv_tol, opt_tol):  # pragma: no cover - compiled
    """:func:`_tableau_solve`, returning ``(w, u, status, pivots)``: the primal ``w``, the
    constraint duals ``u`` (read from the objective row under the slack columns), status
    0 (optimal), 1 (iteration limit) or 2 (no valid pivot, numerical trouble)."""
    T, row_var, col_var, status, pivots = _tableau_solve(B, max_iter, piv_tol, opt_tol)
    w, u = _tableau_read(T, row_var, col_var)
    return w, u, status, pivots


@njit(cache=True, error_model="numpy")
def _tableau_read(T, row_var, col_var):  # pragma: no cover - compiled
    """The primal ``w`` and the duals ``u`` of a tableau of :func:`_tableau_solve`."""
    m, n = T.shape[0] - 1, T.shape[1] - 1
    w = np.zeros(n)
    u = np.zeros(m)
    for i in range(m):
        if row_var[i] < n:
            w[row_var[i]] = max(T[i, n], 0.0)
    for j in range(n):
        if col_var[j] >= n:
            u[col_var[j] - n] = max(T[m, j], 0.0)
    return w, u


@njit(cache=True, error_model="numpy")
def _tableau_unique(B, T, row_var, col_var, scale, margin):  # pragma: no cover - compiled
    """The uniqueness test of :func:`_is_unique`, read off the optimal tableau of
    :func:`_tableau_solve` in ``O(k^2 + m + n)`` instead of a fresh factorisation.

    An optimal basis that is primal nondegenerate (every basic variable positive) has a
    unique dual optimum, and one that is dual nondegenerate (every nonbasic reduced cost
    positive) a unique primal optimum (e.g. Vanderbei, "Linear Programming", Ch. 5); the
    LP's optima are the game's optimal strategies scaled, so both are unique.  Read in
    game terms: a basic slack is a row outside the support that does strictly worse than
    the value, a nonbasic ``w_j`` a column outside the support that does strictly worse for
    its player, and the two supports are square with the basis part ``B[R, C]``
    nonsingular.  Payoff differences are ``scale * T`` in the units of the game (``scale =
    width * v_B``) and must exceed ``margin``, as in :func:`_strict_margins`; supports
    must be positive.  The reciprocal condition number of ``B[R, C]`` uses its exact
    inverse, which the tableau holds (rows of basic ``w``, columns of nonbasic slacks),
    and must be at least ``1e-10`` as in :func:`_unique_kernel`.

    Returns ``(unique, rows, cols)``: the supports in the orientation of ``B`` (row ``i``
    is in ``rows`` when its slack is nonbasic, column ``j`` in ``cols`` when ``w_j`` is
    basic), so the caller can check that the final strategies have these supports."""
    m, n = B.shape
    rows = np.zeros(m, dtype=np.bool_)
    cols = np.zeros(n, dtype=np.bool_)
    for i in range(m):
        v = row_var[i]
        val = T[i, n]
        if v < n:
            if not val > 0.0:
                return False, rows, cols
            cols[v] = True
        elif not scale * val > margin:
            return False, rows, cols
    for j in range(n):
        v = col_var[j]
        rc = T[m, j]
        if v < n:
            if not scale * rc > margin:
                return False, rows, cols
        else:
            if not rc > 0.0:
                return False, rows, cols
            rows[v - n] = True
    # ||B[R, C]||_1 and ||B[R, C]^-1||_1 (max column sums)
    anorm = 0.0
    for j in range(n):
        if cols[j]:
            acc = 0.0
            for i in range(m):
                if rows[i]:
                    acc += abs(B[i, j])
            anorm = max(anorm, acc)
    inorm = 0.0
    for j in range(n):
        if col_var[j] >= n:
            acc = 0.0
            for i in range(m):
                if row_var[i] < n:
                    acc += abs(T[i, j])
            inorm = max(inorm, acc)
    if not (anorm > 0 and inorm > 0):
        return False, rows, cols
    return 1.0 / (anorm * inorm) >= 1e-10, rows, cols


@njit(cache=True, error_model="numpy")
def _gap_nb(A, x, y):  # pragma: no cover - compiled
    """:func:`_gap` in one pass over ``A``: ``max_i (A y)_i - min_j (x^T A)_j``."""
    m, n = A.shape
    xA = np.zeros(n)
    upper = -np.inf
    for i in range(m):
        acc = 0.0
        xi = x[i]
        for j in range(n):
            acc += A[i, j] * y[j]
            xA[j] += xi * A[i, j]
        if acc > upper:
            upper = acc
    lower = np.inf
    for j in range(n):
        if xA[j] < lower:
            lower = xA[j]
    return upper - lower


@njit(cache=True, error_model="numpy")
def _normalise_dist_nb(v):  # pragma: no cover - compiled
    """:func:`_normalise_dist`: ``(ok, distribution)``."""
    k = v.shape[0]
    if k == 0:
        return False, v
    total = 0.0
    for i in range(k):
        if not np.isfinite(v[i]):
            return False, v
        total += v[i]
    if not total > 0:
        return False, v
    out = np.empty(k)
    for i in range(k):
        out[i] = v[i] / total
        if out[i] < -_NEG_TOL:
            return False, v
    total = 0.0
    for i in range(k):
        if out[i] < 0.0:
            out[i] = 0.0
        total += out[i]
    for i in range(k):
        out[i] /= total
    return True, out


@njit(cache=True, error_model="numpy")
def _purify_nb(A, x, y, tol_abs):  # pragma: no cover - compiled
    """:func:`_purify` (the same cut-offs and test); also returns the gap of the pair it
    returns."""
    g0 = _gap_nb(A, x, y)
    limit = max(tol_abs, g0)
    for cut in (1e-6, 1e-8, 1e-10, 1e-12):
        dust = False
        for v in x:
            if 0.0 < v < cut:
                dust = True
        for v in y:
            if 0.0 < v < cut:
                dust = True
        if not dust:
            continue
        xs = np.where(x < cut, 0.0, x)
        ys = np.where(y < cut, 0.0, y)
        sx = xs.sum()
        sy = ys.sum()
        if sx <= 0 or sy <= 0:
            continue
        xs /= sx
        ys /= sy
        g = _gap_nb(A, xs, ys)
        if g <= limit:
            return xs, ys, g
    return x, y, g0


@njit(cache=True, error_model="numpy")
def _tableau_pipeline(A, cap, tol_abs):  # pragma: no cover - compiled
    """What :func:`minimax` does for a game solved by the tableau simplex, in one call:
    the saddle-point test, the positive form, :func:`_tableau_simplex`, the certificate
    (gap of the renormalised pair within ``tol_abs``, in units of the positive form)
    and :func:`_purify`.

    Returns ``(code, x, y, pivots, gap, unique)``: code 0 for an LP answer, 1 for a
    saddle point, 2 when anything needs the general path (the simplex stopped early, an
    answer is not a distribution, or its gap is above ``1e-13`` and so needs the support
    re-solve of :func:`_certified`); ``gap`` is the duality gap of the final pair on
    ``A`` and ``unique`` the float uniqueness test (:func:`_is_unique`) of that pair."""
    m, n = A.shape
    i0 = 0
    best_row = -np.inf
    for i in range(m):
        lo = np.inf
        for j in range(n):
            if A[i, j] < lo:
                lo = A[i, j]
        if lo > best_row:
            best_row = lo
            i0 = i
    j0 = 0
    best_col = np.inf
    for j in range(n):
        hi = -np.inf
        for i in range(m):
            if A[i, j] > hi:
                hi = A[i, j]
        if hi < best_col:
            best_col = hi
            j0 = j
    if best_row >= best_col:  # a pure saddle point: no LP needed
        x = np.zeros(m)
        x[i0] = 1.0
        y = np.zeros(n)
        y[j0] = 1.0
        x, y, g = _purify_nb(A, x, y, tol_abs)
        return 1, x, y, 0, g, _unique_nb(A, x, y, tol_abs)
    transpose = m > n
    if transpose:
        At = np.empty((n, m))
        for i in range(m):
            for j in range(n):
                At[j, i] = -A[i, j]
    else:
        At = A
    lo = At.min()
    width = At.max() - lo
    if width <= 0:
        width = 1.0
    B = np.empty(At.shape)
    for i in range(At.shape[0]):
        for j in range(At.shape[1]):
            B[i, j] = (At[i, j] - lo) / width + 1.0
    T, row_var, col_var, status, pivots = _tableau_solve(B, cap, 1e-9, 1e-12)
    empty = np.zeros(0)
    if status != 0:
        return 2, empty, empty, pivots, np.inf, False
    mb, nb = B.shape
    w, u = _tableau_read(T, row_var, col_var)
    okx, x = _normalise_dist_nb(u)
    oky, y = _normalise_dist_nb(w)
    if not (okx and oky):
        return 2, empty, empty, pivots, np.inf, False
    okx, x = _normalise_dist_nb(x)  # as _certified renormalises the method's answer
    oky, y = _normalise_dist_nb(y)
    if not (okx and oky):
        return 2, empty, empty, pivots, np.inf, False
    g = _gap_nb(B, x, y)
    if g > 1e-13 or g > tol_abs / width:
        return 2, empty, empty, pivots, np.inf, False
    if transpose:
        x, y = y, x
    x, y, g = _purify_nb(A, x, y, tol_abs)
    margin = 10.0 * tol_abs + 1e3 * max(0.0, g)
    unique, rows, cols = _tableau_unique(B, T, row_var, col_var, width / T[mb, nb], margin)
    if unique:  # the basis describes the final pair only if purifying kept its supports
        xf, yf = (y, x) if transpose else (x, y)
        for i in range(mb):
            if (xf[i] > 0) != rows[i]:
                unique = False
        for j in range(nb):
            if (yf[j] > 0) != cols[j]:
                unique = False
        if unique:
            return 0, x, y, pivots, g, True
    return 0, x, y, pivots, g, _unique_nb(A, x, y, tol_abs)


@njit(cache=True, error_model="numpy")
def _unique_nb(A, x, y, tol_abs):  # pragma: no cover - compiled
    """:func:`_is_unique` on the supports of ``x`` and ``y``."""
    R = np.flatnonzero(x > 0)
    C = np.flatnonzero(y > 0)
    if R.shape[0] != C.shape[0]:
        return False
    return _unique_kernel(A, x, y, R, C, tol_abs)


def _tableau(B: np.ndarray, max_iter: int | None) -> dict:
    """The tableau simplex on ``B`` (entries in ``[1, 2]``); ``x`` from the duals, ``y``
    from the primal.  Raises :class:`SolverError` unless it reaches an optimum."""
    m, n = B.shape
    cap = max_iter if max_iter is not None else 50 * (m + n) + 1000
    w, u, status, pivots = _tableau_simplex(np.ascontiguousarray(B, dtype=np.float64),
                                            cap, 1e-9, 1e-12)
    if status != 0:
        exc = SolverError(f"tableau simplex stopped on the minimax LP of a {m}x{n} game: "
                          + ("iteration limit reached" if status == 1 else
                             "no valid pivot (numerical trouble)"))
        exc.iteration_limit = status == 1
        raise exc
    x, y = _normalise_dist(u), _normalise_dist(w)
    if x is None or y is None:
        raise SolverError("tableau simplex returned no distribution")
    return {"x": x, "y": y, "gap": _gap(B, x, y), "num_iter": int(pivots),
            "status": "converged"}


# ------------------------------------------------------------------------------ HiGHS
def _highs(B: np.ndarray, variant: str, max_iter: int | None, tight: bool) -> dict:
    """The LP ``min 1'u : B'u >= 1, u >= 0`` with HiGHS; ``x`` from ``u``, ``y`` from the
    constraints' marginals.  Raises :class:`SolverError` unless HiGHS reports an
    optimum."""
    m, n = B.shape
    options: dict = {"presolve": False}
    if max_iter is not None:
        options["maxiter"] = max_iter
    if tight:
        options["primal_feasibility_tolerance"] = 1e-10
        options["dual_feasibility_tolerance"] = 1e-10
        if variant == "highs-ipm":
            options["ipm_optimality_tolerance"] = 1e-12
    res = linprog(np.ones(m), A_ub=-B.T, b_ub=-np.ones(n), bounds=(0, None),
                  method="highs-ds" if variant == "simplex" else "highs-ipm", options=options)
    if res.status != 0 or res.x is None:
        exc = SolverError(f"HiGHS ({variant}) did not solve the minimax LP of a {m}x{n} game "
                          f"(status {res.status}): {res.message}")
        exc.iteration_limit = res.status == 1
        raise exc
    marg = getattr(getattr(res, "ineqlin", None), "marginals", None)
    if marg is None:
        raise SolverError(f"HiGHS ({variant}) returned no dual values: {res.message}")
    x = _normalise_dist(res.x)
    y = _normalise_dist(-np.asarray(marg, dtype=np.float64))
    if x is None or y is None:
        raise SolverError(f"HiGHS ({variant}) returned a solution that is not a pair of "
                          f"distributions (status {res.status}: {res.message})")
    return {"x": x, "y": y, "gap": _gap(B, x, y), "num_iter": int(res.nit or 0),
            "status": "converged"}


# ------------------------------------------------------------------------------ exact


def _exact_refine(E: np.ndarray, R: np.ndarray, C: np.ndarray, x: np.ndarray,
                  y: np.ndarray):
    """Exact rational strategies on supports ``R, C`` of the exact payoff matrix ``E``
    (Fractions), verified exactly.  Up to :data:`_EXACT_GAUSS_MAX` actions the square
    indifference system is solved by Gaussian elimination over the rationals; above, the
    float solution is rounded to nearby fractions (denominators up to ``10**9``), which
    is kept only if it verifies.  Returns ``(x, y, v, unique)`` (lists of Fractions;
    ``unique`` is True, False, or None when undecided) or ``None``."""
    k = len(R)
    m, n = E.shape
    if k <= _EXACT_GAUSS_MAX:
        sub = [[E[i, j] for j in C] for i in R]
        # x_R' A_RC - v 1 = 0, 1'x_R = 1   (unknowns x_R, v); the same for y_C
        Mx = [[sub[i][j] for i in range(k)] + [Fraction(-1)] for j in range(k)]
        Mx.append([Fraction(1)] * k + [Fraction(0)])
        My = [[sub[i][j] for j in range(k)] + [Fraction(-1)] for i in range(k)]
        My.append([Fraction(1)] * k + [Fraction(0)])
        rhs = [Fraction(0)] * k + [Fraction(1)]
        solx = solve_fraction(Mx, rhs)
        soly = solve_fraction(My, rhs)
        if solx is None or soly is None or solx[-1] != soly[-1]:
            return None
        xr, yc, v = solx[:-1], soly[:-1], solx[-1]
        decided = True       # both bordered systems are nonsingular: solutions unique
    else:
        xr = [Fraction(float(x[i])).limit_denominator(10**9) for i in R]
        yc = [Fraction(float(y[j])).limit_denominator(10**9) for j in C]
        if sum(xr) != 1 or sum(yc) != 1:
            return None
        v = sum((xr[a] * E[R[a], C[0]] for a in range(k)), Fraction(0))
        decided = False
    if min(xr) < 0 or min(yc) < 0:
        return None
    xe = [Fraction(0)] * m
    ye = [Fraction(0)] * n
    for a, i in enumerate(R):
        xe[i] = xr[a]
    for a, j in enumerate(C):
        ye[j] = yc[a]
    col_vals = [sum((xe[i] * E[i, j] for i in R), Fraction(0)) for j in range(n)]
    row_vals = [sum((E[i, j] * ye[j] for j in C), Fraction(0)) for i in range(m)]
    if min(col_vals) != v or max(row_vals) != v:
        return None
    unique = None
    if decided:
        inR, inC = set(int(i) for i in R), set(int(j) for j in C)
        unique = (all(row_vals[i] < v for i in range(m) if i not in inR)
                  and all(col_vals[j] > v for j in range(n) if j not in inC)
                  and all(f > 0 for f in xr) and all(f > 0 for f in yc))
    return xe, ye, v, unique


# ------------------------------------------------------------------------------ public
def minimax(game: NormalFormGame, *, lp_method: str = "auto", tol: float = 1e-9,
            max_iter: int | None = None) -> MinimaxResult:
    """The value and one pair of optimal (maximin / minimax) strategies of a two-player
    zero-sum or constant-sum game, from one linear program.

    Guarantee: one equilibrium (``scope="one"``); in a zero-sum game every equilibrium has
    the same value and any optimal strategy of one player pairs with any of the other.
    ``complete`` is True when the equilibrium is shown to be *unique*: square supports
    ``R, C``, a nonsingular ``A[R, C]`` and strict complementarity (every action outside
    a support does strictly worse than the value).  Then any optimal ``x'`` is a best
    response to ``y``, so it lives on ``R``, and ``x'^T A[R, C] = v 1`` pins it down; the
    same for ``y'``.  With exact payoffs and a small support this is decided in rational
    arithmetic, otherwise with margins of ``10 * tol``.

    Parameters
    ----------
    game : NormalFormGame
        Two players, zero-sum or constant-sum.
    lp_method : {"auto", "tableau", "ipm", "simplex", "highs-ipm"}
        The LP method (see the module docstring and its measurements).  When the chosen
        method's answer fails its certificate, the others are tried and
        ``params["lp_method"]`` says which one answered.
    tol : float
        Largest accepted duality gap (and hence regret), relative to the largest absolute
        payoff (as :func:`gametheory.concepts.is_nash`).
    max_iter : int, optional
        Iteration cap: interior-point iterations for ``"ipm"`` (default 100), simplex or
        interior-point iterations for the HiGHS methods (HiGHS's default).  An
        interior-point run stopped by the cap returns its best strategies with
        ``converged=False``; HiGHS stopped by its cap raises :class:`SolverError`.

    Returns
    -------
    MinimaxResult
        ``value`` (row player's payoff), ``duality_gap`` (certified), one
        :class:`Equilibrium` certified by :func:`gametheory.concepts.max_regret`;
        ``row_strategy`` and ``column_strategy`` for convenience.

    Raises
    ------
    UnsupportedGameError
        Not a two-player game, or not zero-sum / constant-sum.
    UnknownNameError
        Unknown ``lp_method``.
    InvalidOptionError
        ``tol`` or ``max_iter`` out of range.
    SolverError
        An LP failed (HiGHS's message is included) and no method produced a certified
        answer.

    Examples
    --------
    The game ``[[2, -1], [-1, 1]]`` has value 1/5; both players mix (2/5, 3/5), and the
    equilibrium is unique:

    >>> from gametheory import NormalFormGame
    >>> res = minimax(NormalFormGame.zero_sum([[2, -1], [-1, 1]]))
    >>> res.exact_value, res.row_strategy.tolist(), res.column_strategy.tolist()
    (Fraction(1, 5), [0.4, 0.6], [0.4, 0.6])
    >>> res.complete, res.scope, res.duality_gap <= 1e-9, res.max_regret <= 1e-9
    (True, 'one', True, True)

    A 300x300 random game, by the interior-point method with its finishing step:

    >>> from gametheory.games.generators import zero_sum_game
    >>> big = minimax(zero_sum_game(300, rng=1), lp_method="ipm")
    >>> big.duality_gap <= 1e-9, bool(min(s.min() for s in big.equilibria[0].strategies) >= 0)
    (True, True)
    """
    start = time.perf_counter()
    A = _check_game(game)
    key, tol, max_iter = _check_options(lp_method, tol, max_iter)
    big = A.size > _BLAS_LIMIT_PROFILES
    with _blas_threads(IPM_BLAS_THREADS if big else None):
        return _minimax(game, A, key, tol, max_iter, start)


def _minimax(game, A, key, tol, max_iter, start) -> MinimaxResult:
    m, n = A.shape
    scale = max(1.0, game._max_abs_payoff())
    tol_abs = tol * scale
    params = {"lp_method_requested": key, "tol": tol, "max_iter": max_iter}
    attempts: list[str] = []
    num_iter = 0
    converged = True
    gap = None

    if key == "tableau" or (key == "auto" and m * n <= _AUTO_TABLEAU_PROFILES):
        cap = max_iter if max_iter is not None else 50 * (m + n) + 1000
        code, x, y, pivots, gap, unique = _tableau_pipeline(A, cap, tol_abs)
        if code != 2:
            num_iter = int(pivots)
            params["lp_method"] = "tableau" if code == 0 else "saddle-point"
            return _finish(game, A, x, y, gap, True, num_iter, params, tol_abs, start,
                           unique=bool(unique))
        gap = None  # the general path below, from the start

    row_min = A.min(axis=1)
    col_max = A.max(axis=0)
    i0, j0 = int(np.argmax(row_min)), int(np.argmin(col_max))
    if row_min[i0] >= col_max[j0]:  # a pure saddle point: no LP needed
        x = np.zeros(m)
        x[i0] = 1.0
        y = np.zeros(n)
        y[j0] = 1.0
        lp_method = "saddle-point"
    else:
        transpose = m > n  # the interior point factors a min(m, n)-sized matrix
        At = -A.T if transpose else A
        B, lo, width = _positive_form(At)
        tol_b = tol_abs / width
        if key == "auto":
            key = "tableau" if m * n <= _AUTO_TABLEAU_PROFILES else "ipm"
        order = [key] + [k for k in ("simplex", "highs-ipm", "tableau", "ipm") if k != key]
        order.append("simplex-tight")
        x = y = None
        lp_method = None
        for variant in order:
            try:
                if variant == "ipm":
                    out = _ipm(B, tol_b, max_iter or _IPM_MAX_ITER)
                elif variant == "tableau":
                    out = _tableau(B, max_iter)
                else:
                    out = _highs(B, variant.replace("-tight", ""), max_iter,
                                 tight=variant.endswith("-tight"))
            except SolverError as exc:
                if max_iter is not None and getattr(exc, "iteration_limit", False):
                    raise  # the caller's iteration budget is spent
                attempts.append(f"{variant}: {exc}")
                continue
            num_iter += out["num_iter"]
            cand = _certified(B, out["x"], out["y"], tol_b)
            if cand is not None:
                x, y = cand
                lp_method = variant if out["status"] != "vertex" else "ipm+vertex"
                break
            attempts.append(f"{variant}: gap {out['gap'] * width:.3g} after "
                            f"{out['num_iter']} iterations ({out['status']})")
            if variant == "ipm" and out["status"] == "max_iter" and max_iter is not None \
                    and out["x"] is not None:
                # the user's iteration budget is spent: report the best point, unconverged
                x, y = _normalise_dist(out["x"]), _normalise_dist(out["y"])
                lp_method = variant
                converged = False
                break
        if x is None:
            raise SolverError("minimax: no method produced a certified solution of the "
                              f"{m}x{n} game (tol {tol:g}); " + "; ".join(attempts))
        if transpose:
            x, y = y, x
    if converged:
        x, y = _purify(A, x, y, tol_abs)
    params["lp_method"] = lp_method
    if attempts:
        params["attempts"] = tuple(attempts)
    return _finish(game, A, x, y, gap, converged, num_iter, params, tol_abs, start)


def _finish(game, A, x, y, gap, converged, num_iter, params, tol_abs, start, *,
            unique=None) -> MinimaxResult:
    """Exact refinement, uniqueness test and certificate of a solved game (``gap``: the
    duality gap of ``(x, y)`` when known; ``unique``: the float uniqueness test of
    ``(x, y)`` when already made)."""
    m, n = A.shape
    exact = exact_value = None
    float_unique = unique
    unique = False
    E = game.exact_payoffs[0] if game.exact_payoffs is not None else None
    R = C = None
    if converged and E is not None and m * n <= _EXACT_MAX_PROFILES:
        R, C = np.flatnonzero(x > 0), np.flatnonzero(y > 0)
        if len(R) == len(C) <= _EXACT_MAX_SUPPORT:
            ex = _exact_refine(E, R, C, x, y)
            if ex is not None:
                xe, ye, exact_value, unique = ex
                x = np.array([float(f) for f in xe])
                y = np.array([float(f) for f in ye])
                exact = (tuple(xe), tuple(ye))
                float_unique = None  # the test below is about the refined pair
    if converged and (exact is None or unique is None):
        if float_unique is None:
            if R is None:
                R, C = np.flatnonzero(x > 0), np.flatnonzero(y > 0)
            float_unique = _is_unique(A, x, y, R, C, tol_abs)  # the supports before refining
        unique = float_unique

    if exact is not None or gap is None:
        gap = _gap(A, x, y)
    eq = Equilibrium._certify_pair(game, np.array(x, dtype=np.float64),
                                   np.array(y, dtype=np.float64), exact=exact)
    value = float(eq.payoffs[0])
    return MinimaxResult(method="minimax", equilibria=(eq,), complete=bool(unique),
                         scope="one", converged=converged, num_iter=num_iter,
                         max_regret=eq.max_regret, params=params,
                         elapsed=time.perf_counter() - start, value=value,
                         duality_gap=abs(gap), exact_value=exact_value)


def _certified(B, x, y, tol_b):
    """Clip, renormalise and certify a candidate.  When its gap is above ``1e-13`` (a
    simplex's rounding after many pivots, or a wrong answer), also solve the indifference
    equations on its supports and keep the smaller gap.  Returns ``(x, y)`` with gap
    ``<= tol_b``, or ``None``."""
    if x is None or y is None:
        return None
    x, y = _normalise_dist(x), _normalise_dist(y)
    if x is None or y is None:
        return None
    best, best_gap = (x, y), _gap(B, x, y)
    if best_gap > 1e-13:
        kx = int(np.count_nonzero(x > 1e-9))
        ky = int(np.count_nonzero(y > 1e-9))
        for k in sorted({kx, ky}):
            if k == 0:
                continue
            R = np.sort(np.argsort(-x)[:k])
            C = np.sort(np.argsort(-y)[:k])
            sol = _square_support_solve(B, R, C)
            if sol is not None:
                gap = _gap(B, sol[0], sol[1])
                if gap < best_gap:
                    best, best_gap = (sol[0], sol[1]), gap
    return best if best_gap <= tol_b else None


def _purify(A, x, y, tol_abs):
    """Zero out tiny probabilities (an interior point leaves such dust on actions outside
    the supports): the largest cut-off among ``1e-6 ... 1e-12`` whose cleaned pair still
    has a duality gap within ``tol_abs`` (or within the uncleaned gap)."""
    limit = max(tol_abs, _gap(A, x, y))
    for cut in (1e-6, 1e-8, 1e-10, 1e-12):
        if not (np.any((x > 0) & (x < cut)) or np.any((y > 0) & (y < cut))):
            continue
        xs = np.where(x < cut, 0.0, x)
        ys = np.where(y < cut, 0.0, y)
        if xs.sum() <= 0 or ys.sum() <= 0:
            continue
        xs /= xs.sum()
        ys /= ys.sum()
        if _gap(A, xs, ys) <= limit:
            return xs, ys
    return x, y


def _is_unique(A, x, y, R, C, tol_abs) -> bool:
    """Float version of the uniqueness test in :func:`minimax`'s docstring: strict
    complementarity with margins, then a well-conditioned nonsingular ``A[R, C]`` (in the
    positive form) whose indifference equations are solved by distributions
    (:func:`_unique_kernel`, compiled: small LAPACK calls cost more than the solve)."""
    if len(R) != len(C):
        return False
    return bool(_unique_kernel(A, np.asarray(x, dtype=np.float64),
                               np.asarray(y, dtype=np.float64), np.asarray(R, dtype=np.int64),
                               np.asarray(C, dtype=np.int64), tol_abs))


@njit(cache=True, error_model="numpy")
def _unique_kernel(A, x, y, R, C, tol_abs):  # pragma: no cover - compiled
    """The test of :func:`_is_unique` on the supports ``R`` and ``C``: margins
    (:func:`_strict_margins`), then the LU factorisation with partial pivoting of the
    square ``B[R, C]`` (``B`` the positive form of ``A``), the two indifference systems
    ``B_RC' x_R = 1`` and ``B_RC y_C = 1`` (both solutions must be distributions once
    normalised, as in :func:`_square_support_solve`) and a reciprocal condition number
    of at least ``1e-10`` (1-norm, with Hager's estimate of ``||B_RC^-1||_1``, the
    estimator of LAPACK's ``dgecon``; Higham 1988, "FORTRAN codes for estimating the
    one-norm of a real or complex matrix", ACM TOMS 14)."""
    m, n = A.shape
    k = R.shape[0]
    if k != C.shape[0] or k == 0:
        return False
    in_r = np.zeros(m, dtype=np.bool_)
    in_r[R] = True
    in_c = np.zeros(n, dtype=np.bool_)
    in_c[C] = True
    if not _strict_margins(A, x, y, in_r, in_c, tol_abs):
        return False
    lo = A.min()
    width = A.max() - lo
    if width <= 0:
        width = 1.0
    LU = np.empty((k, k))
    for a in range(k):
        for b in range(k):
            LU[a, b] = (A[R[a], C[b]] - lo) / width + 1.0
    anorm = 0.0
    for b in range(k):
        s = 0.0
        for a in range(k):
            s += abs(LU[a, b])
        anorm = max(anorm, s)
    perm = np.arange(k)
    for p in range(k):
        q = p
        big = abs(LU[p, p])
        for a in range(p + 1, k):
            if abs(LU[a, p]) > big:
                big = abs(LU[a, p])
                q = a
        if big == 0.0:
            return False  # singular
        if q != p:
            for b in range(k):
                t = LU[p, b]
                LU[p, b] = LU[q, b]
                LU[q, b] = t
            t2 = perm[p]
            perm[p] = perm[q]
            perm[q] = t2
        inv = 1.0 / LU[p, p]
        for a in range(p + 1, k):
            f = LU[a, p] * inv
            LU[a, p] = f
            if f != 0.0:
                for b in range(p + 1, k):
                    LU[a, b] -= f * LU[p, b]
    ones = np.ones(k)
    for sol in (_lu_solve(LU, perm, ones, False), _lu_solve(LU, perm, ones, True)):
        ok, _ = _normalise_dist_nb(sol)
        if not ok:
            return False
    # Hager's estimate of ||inv||_1
    v = np.full(k, 1.0 / k)
    est = 0.0
    for it in range(5):
        z = _lu_solve(LU, perm, v, False)
        norm = np.abs(z).sum()
        if it > 0 and norm <= est:
            break
        est = norm
        sgn = np.where(z >= 0, 1.0, -1.0)
        w = _lu_solve(LU, perm, sgn, True)
        jmax = np.argmax(np.abs(w))
        if it > 0 and abs(w[jmax]) <= w @ v:
            break
        v = np.zeros(k)
        v[jmax] = 1.0
    alt = np.empty(k)
    for a in range(k):
        alt[a] = (1.0 + a / max(k - 1, 1)) * (1.0 if a % 2 == 0 else -1.0)
    est = max(est, 2.0 * np.abs(_lu_solve(LU, perm, alt, False)).sum() / (3.0 * k))
    if not (anorm > 0 and est > 0):
        return False
    return 1.0 / (anorm * est) >= 1e-10


@njit(cache=True, error_model="numpy")
def _lu_solve(LU, perm, rhs, transpose):  # pragma: no cover - compiled
    """Solve ``M z = rhs`` (or ``M' z = rhs``) from ``P M = L U`` (unit ``L`` below the
    diagonal of ``LU``, ``U`` on and above; row ``p`` of ``P M`` is row ``perm[p]`` of
    ``M``)."""
    k = LU.shape[0]
    z = np.empty(k)
    if not transpose:
        for a in range(k):
            acc = rhs[perm[a]]
            for b in range(a):
                acc -= LU[a, b] * z[b]
            z[a] = acc
        for a in range(k - 1, -1, -1):
            acc = z[a]
            for b in range(a + 1, k):
                acc -= LU[a, b] * z[b]
            z[a] = acc / LU[a, a]
        return z
    # M' = U' L' P: solve U' t = rhs, then L' s = t, then z = P' s
    t = np.empty(k)
    for a in range(k):
        acc = rhs[a]
        for b in range(a):
            acc -= LU[b, a] * t[b]
        t[a] = acc / LU[a, a]
    for a in range(k - 1, -1, -1):
        acc = t[a]
        for b in range(a + 1, k):
            acc -= LU[b, a] * t[b]
        t[a] = acc
    for a in range(k):
        z[perm[a]] = t[a]
    return z


@njit(cache=True, error_model="numpy")
def _strict_margins(A, x, y, in_r, in_c, tol_abs):  # pragma: no cover - compiled
    """Every row outside the support ``in_r`` earns less than ``v - margin`` against
    ``y`` and every column outside ``in_c`` more than ``v + margin`` against ``x``, with
    ``v = x'Ay`` and ``margin = 10 tol_abs + 1000 max(0, gap)``."""
    m, n = A.shape
    Ay = np.empty(m)
    xA = np.zeros(n)
    for i in range(m):
        acc = 0.0
        for j in range(n):
            acc += A[i, j] * y[j]
            xA[j] += x[i] * A[i, j]
        Ay[i] = acc
    v = 0.0
    for j in range(n):
        v += xA[j] * y[j]
    margin = 10.0 * tol_abs + 1e3 * max(0.0, Ay.max() - xA.min())
    for i in range(m):
        if not in_r[i] and not Ay[i] < v - margin:
            return False
    for j in range(n):
        if not in_c[j] and not xA[j] > v + margin:
            return False
    return True


def security_strategies(game: NormalFormGame, *, mixed: bool = True) -> list:
    """Every player's maximin (security) strategy and value against the coalition of all
    the others, for an ``n``-player general-sum game.

    This delegates to :func:`gametheory.concepts.security_levels` (one LP per player);
    in a two-player zero-sum game, player 1's security level is :func:`minimax`'s value
    and player 2's its negative.

    Parameters
    ----------
    game : NormalFormGame
    mixed : bool
        ``False`` gives pure security levels and actions, without an LP.

    Returns
    -------
    list of :class:`gametheory.concepts.SecurityResult`
        In player order: ``value``, ``strategy``, ``pure_value``, ``pure_action``.

    Examples
    --------
    In the prisoner's dilemma each player can guarantee 1 (by defecting):

    >>> from gametheory.games import catalog
    >>> [(r.value, r.strategy.tolist()) for r in
    ...  security_strategies(catalog.get("prisoners-dilemma"))]
    [(1.0, [0.0, 1.0]), (1.0, [0.0, 1.0])]
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"security_strategies needs a NormalFormGame, got "
                                   f"{type(game).__name__}")
    from ..concepts._security import security_levels
    return security_levels(game, mixed=mixed)
