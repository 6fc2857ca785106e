"""Every isolated complex solution of a square *multilinear* polynomial system, by
multihomogeneous homotopy continuation.

The systems are those of support enumeration in games with three or more players.  On a
support profile, player ``i``'s indifference equations ``u_i(k, x_-i) - u_i(k_0, x_-i) = 0``
(``k`` in its support, ``k_0`` its first supported action) are linear in every other
player's mixed strategy and do not involve its own.  Writing each player's strategy in
homogeneous coordinates (a point of the projective space ``P^{s_j - 1}``), the system has
one variable *block* per player and row ``r`` has multidegree 1 in every block except its
player's.  Its number of isolated solutions is at most the *multihomogeneous Bezout
number*: the number of ways to assign every equation of player ``i`` to a block
``j != i`` so that block ``j`` receives ``s_j - 1`` equations (the coefficient of
``prod_j z_j^{s_j - 1}`` in ``prod_i (sum_{j != i} z_j)^{s_i - 1}``).  McKelvey and
McLennan (1997, "The maximal number of regular totally mixed Nash equilibria", *J. Econ.
Theory* 72, 411-425) showed that this count is attained by some game, and that generic
games have only nonsingular solutions.

Method (Morgan and Sommese 1987, "A homotopy for solving general polynomial systems that
respects m-homogeneous structures", *Appl. Math. Comput.* 24, 101-113; Li 1997, "Numerical
solution of multivariate polynomial systems by homotopy continuation methods", *Acta
Numerica* 6, 399-436; applied to Nash equilibria by Datta 2003, "Using computer algebra to
find Nash equilibria", ISSAC):

1. a random complex affine patch ``c_j . x_j = 1`` per block makes the system square;
2. the start system ``G_r = prod_{j != i} (a_rj . x_j)`` (random complex ``a``) has the
   same multidegrees and exactly Bezout-number solutions, each obtained by solving one
   small linear system per block;
3. every path of ``H(x, t) = (1 - t) F(x) + gamma t G(x)`` (random complex ``gamma``, the
   "gamma trick": with probability one no path meets a singular point for ``t > 0``) is
   tracked from ``t = 1`` to ``t = 0`` by predictor-corrector continuation with adaptive
   steps (kernels in ``_homotopy_kernels.py``);
4. endpoints are refined by Newton's method; the system's solutions are all found when
   every path ended at a nonsingular solution and the endpoints are distinct (the paths
   then account for the whole Bezout number, so no isolated solution is left over).
   Otherwise the tracking is retried with a new ``gamma`` and shorter steps, and a system
   whose paths still end at singular points (positive-dimensional solution sets or
   multiple roots: degenerate games) is reported as not solved completely.
"""

from __future__ import annotations

from dataclasses import dataclass
import math
from functools import lru_cache

import numpy as np

from .._errors import SolverError

__all__: list[str] = []

#: Paths per tracking call above which :func:`solve_multilinear` refuses (memory guard).
MAX_PATHS = 2_000_000


@lru_cache(maxsize=4096)
def bezout_number(rowp: tuple[int, ...], d: tuple[int, ...]) -> int:
    """Multihomogeneous Bezout number of a multilinear system whose row ``r`` has degree 1
    in every block except ``rowp[r]`` (``-1``: every block), with ``d[j] = s_j - 1``
    unknowns in block ``j``: the number of assignments of every row to a block it involves
    that give block ``j`` exactly ``d[j]`` rows.

    >>> bezout_number((0, 1, 2), (1, 1, 1))
    2
    >>> bezout_number((-1, -1, -1), (2, 1))
    3
    """
    n = len(d)
    if len(rowp) != sum(d):
        return 0
    # rows of the same kind are interchangeable: count per kind, multiply by arrangements
    kinds = sorted(set(rowp))
    need = [rowp.count(k) for k in kinds]

    @lru_cache(maxsize=None)
    def count(kind: int, left: int, rem: tuple[int, ...], start: int) -> int:
        # rows of kinds[kind] still to place: left; next block tried: >= start
        if kind == len(kinds):
            return 1 if not any(rem) else 0
        if left == 0:
            return count(kind + 1, need[kind + 1] if kind + 1 < len(kinds) else 0, rem, 0)
        total = 0
        for j in range(start, n):
            if j != kinds[kind] and rem[j] > 0:
                # place k >= 1 rows of this kind in block j at once (multinomial weight)
                for k in range(1, min(left, rem[j]) + 1):
                    total += (math.comb(left, k)
                              * count(kind, left - k, rem[:j] + (rem[j] - k,) + rem[j + 1:],
                                      j + 1))
        return total

    return count(0, need[0], tuple(d), 0) if kinds else (1 if not any(d) else 0)


def game_bezout_number(d: tuple[int, ...]) -> int:
    """Multihomogeneous Bezout number of the indifference system of a support profile
    with ``d[i] = s_i - 1`` (support size minus one); McKelvey and McLennan's (1997) bound
    on the number of totally mixed equilibria on that support.

    >>> game_bezout_number((1, 1, 1)), game_bezout_number((2, 2, 2))
    (2, 10)
    >>> game_bezout_number((1, 1, 1, 1)), game_bezout_number((2, 1, 0))
    (9, 0)
    """
    d = tuple(int(v) for v in d)
    if max(d, default=0) * 2 > sum(d):  # Hall's condition fails: no assignment
        return 0
    return bezout_number(tuple(i for i in range(len(d)) for _ in range(d[i])), d)


@dataclass(frozen=True)
class MultilinearSolution:
    """Endpoints of the homotopy paths of one system.

    ``points`` are the nonsingular endpoints (complex, in the random patch coordinates,
    one row each); ``complete`` is True when every path ended at a distinct nonsingular
    solution, so that ``points`` holds every isolated solution; ``reason`` says why not.
    ``paths`` counts the paths tracked (all attempts), ``steps`` their steps."""

    points: np.ndarray
    complete: bool
    reason: str | None
    bezout: int
    paths: int
    steps: int


def _distinct(points: np.ndarray, rtol: float = 1e-6) -> bool:
    if len(points) < 2:
        return True
    scale = 1.0 + np.abs(points).max(axis=1)
    for a in range(len(points) - 1):
        d = np.abs(points[a + 1:] - points[a]).max(axis=1)
        if np.any(d <= rtol * np.maximum(scale[a + 1:], scale[a])):
            return False
    return True


def solve_multilinear(E: np.ndarray, rowp: np.ndarray, s: np.ndarray, rng, *,
                      tol: float = 1e-8, err_target: float = 1e-4, hmax: float = 0.25,
                      max_steps: int = 20_000, cond_max: float = 1e10,
                      retries: int = 2) -> MultilinearSolution:
    """All isolated solutions of the multilinear system ``(E, rowp)`` on blocks of sizes
    ``s`` (see ``_homotopy_kernels``), in random patch coordinates.

    ``E`` has one row per equation and one column per pure profile of the product of the
    blocks (C order); ``rowp[r]`` is the block row ``r`` does not involve (``-1``: none).
    ``rng`` is a numpy Generator supplying the random patch, start system and ``gamma``.
    Tracking: Newton corrections down to ``tol`` (relative), steps sized so that the
    predictor's error is about ``err_target`` and at most ``hmax``, at most ``max_steps``
    per path; an endpoint whose row-scaled Jacobian has condition number above
    ``cond_max`` is singular.  When some path fails or two paths end together, all paths
    are tracked again (at most ``retries`` times) with a new ``gamma``, tolerances ten
    times smaller and steps four times shorter.
    """
    from ._homotopy_kernels import OK, SINGULAR, DIVERGED, start_solutions, track_paths

    s = np.ascontiguousarray(s, dtype=np.int64)
    nb = len(s)
    o = np.zeros(nb + 1, dtype=np.int64)
    o[1:] = np.cumsum(s)
    N = int(o[-1])
    R = E.shape[0]
    if R != N - nb:
        raise SolverError(f"multilinear system is not square: {R} equations, "
                          f"{N - nb} unknowns")
    rowp = np.asarray(rowp, dtype=np.int64)
    order = np.argsort(rowp, kind="stable")  # the kernels need rows grouped by rowp
    E = np.ascontiguousarray(np.asarray(E)[order], dtype=np.complex128)
    rowp = np.ascontiguousarray(rowp[order])
    idx = np.ascontiguousarray(np.indices(tuple(s)).reshape(nb, -1).T, dtype=np.int64)
    smax = int(s.max())
    expected = bezout_number(tuple(int(v) for v in rowp), tuple(int(v) - 1 for v in s))
    if expected > MAX_PATHS:
        raise SolverError(f"homotopy: {expected} paths in one system, more than {MAX_PATHS}")
    if expected == 0:
        return MultilinearSolution(np.empty((0, N), dtype=np.complex128), True, None, 0, 0, 0)
    total_paths = 0
    total_steps = 0
    reason = None
    best = None
    for attempt in range(retries + 1):
        A = rng.standard_normal((R, nb, smax)) + 1j * rng.standard_normal((R, nb, smax))
        c = rng.standard_normal((nb, smax)) + 1j * rng.standard_normal((nb, smax))
        gamma = complex(np.exp(2j * np.pi * rng.random()))
        X0, count = start_solutions(s, o, rowp, A, c, expected)
        if count < 0:  # pragma: no cover - probability zero with random coefficients
            reason = "a start system was singular"
            continue
        if count != expected:  # pragma: no cover - a consistency check
            raise SolverError(f"homotopy: {count} start solutions, expected {expected}")
        Xout = np.empty_like(X0)
        status = np.empty(count, dtype=np.int64)
        conds = np.empty(count)
        steps = np.empty(count, dtype=np.int64)
        h = hmax / (4 ** attempt)
        track_paths(X0, s, o, rowp, E, idx, A, c, gamma, tol / (10 ** attempt),
                    err_target / (10 ** attempt), h, max_steps, cond_max, Xout, status,
                    conds, steps)
        total_paths += count
        total_steps += int(steps.sum())
        good = Xout[status == OK]
        bad = int(np.count_nonzero(status != OK))
        distinct = _distinct(good)
        if bad == 0 and distinct:
            return MultilinearSolution(good, True, None, expected, total_paths, total_steps)
        if np.any(status == SINGULAR):
            reason = (f"{int(np.count_nonzero(status == SINGULAR))} of {count} paths ended at "
                      f"a singular solution (condition number above {cond_max:.0e})")
        elif np.any(status == DIVERGED):
            reason = f"{int(np.count_nonzero(status == DIVERGED))} of {count} paths diverged"
        elif bad:
            reason = f"{bad} of {count} paths could not be tracked to the end"
        else:
            reason = "two paths reached the same endpoint"
        best = good
        # singular endpoints and divergence are properties of the system, not of the
        # tracking: retrying would not help
        if np.any((status == SINGULAR) | (status == DIVERGED)):
            break
    if best is None:  # pragma: no cover - only when every start system was singular
        best = np.empty((0, N), dtype=np.complex128)
    # keep one of each endpoint
    keep = []
    for k in range(len(best)):
        if _distinct(np.vstack([best[k:k + 1]] + [best[q:q + 1] for q in keep])):
            keep.append(k)
    pts = best[keep] if keep else best[:0]
    return MultilinearSolution(pts, False, reason, expected, total_paths, total_steps)
