"""Mixed Nash equilibria of games with any number of players.

Three methods, each a function ``method(game, ...) -> EquilibriumResult``:

* :func:`simplicial_subdivision` -- a variable dimension restart algorithm on the product
  of the players' simplices (van der Laan and Talman 1987; van der Laan, Talman and van der
  Heyden 1987), the family of Gambit's ``simpdiv``.  Globally convergent: it always ends
  at an approximate equilibrium, which Newton's method then polishes.
* :func:`logit_tracing` -- the principal branch of the logit quantal response equilibrium
  correspondence (McKelvey and Palfrey 1995), traced from the centroid by predictor-
  corrector continuation in log probabilities (Turocy 2005), then polished.  It selects
  the equilibrium the branch converges to (for generic games).
* :func:`nplayer_support_enumeration` -- every support profile (smallest first, pruned by
  dominance), each solved completely by multihomogeneous homotopy continuation (or, with
  ``poly_method="newton"``, by multi-start Newton): every equilibrium of a generic game.

Refinement, shared by the first two.  The approximate equilibrium suggests supports: the
near-best responses and the actions with non-negligible probability, ranked by how well
the point fits them.  On each, Newton's method solves the polynomial indifference system
(every supported action of a player earns the same payoff, probabilities sum to one) from
the approximate point; the solution is kept when it is non-negative, no unsupported action
does better, and it lies near the approximate point.  Every answer is then certified by
:meth:`Equilibrium.certify <gametheory.solvers.Equilibrium.certify>`: ``converged`` is
True only when that certificate's max regret is at most ``tol`` times the largest absolute
payoff (at least 1); otherwise the best point found is returned with ``converged=False``
and its true regret.
"""

from __future__ import annotations

import itertools
import math
import time
from numbers import Integral, Real

import numpy as np

from .._errors import InvalidOptionError, SolverError, UnsupportedGameError
from .._rng import as_generator
from ..games._normal_form import NormalFormGame, as_mixed_profile
from ._nplayer_core import flat_game, split_profile
from ._result import Equilibrium, EquilibriumResult

__all__ = ["simplicial_subdivision", "logit_tracing", "nplayer_support_enumeration"]

# Supports tried by the Newton refinement after each stage (simplicial subdivision: 8
# after the first path, doubling with each restart up to 48), and Newton's iteration cap.
_NEWTON_TRIES = 48
_NEWTON_ITER = 20


# ----------------------------------------------------------------------------- checks
def _check_game(game, name: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{name} needs a NormalFormGame, got {type(game).__name__}")
    if game.num_players < 2:
        raise UnsupportedGameError(
            f"{name} computes equilibria of games with two or more players; this game has "
            f"{game.num_players} (a single player just maximises its payoff)")
    return game


def _check_int(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (Integral, np.integer)):
        raise InvalidOptionError(f"{name} must be an integer, got {value!r}")
    if int(value) < minimum:
        raise InvalidOptionError(f"{name} must be at least {minimum}, got {int(value)}")
    return int(value)


def _check_positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        raise InvalidOptionError(f"{name} must be a positive number, got {value!r}")
    v = float(value)
    if not (v > 0 and math.isfinite(v)):
        raise InvalidOptionError(f"{name} must be a positive finite number, got {value!r}")
    return v


def _start_vector(game: NormalFormGame, start) -> np.ndarray:
    if start is None:
        return np.concatenate([np.full(m, 1.0 / m) for m in game.num_actions])
    strategies = as_mixed_profile(game, start)
    out = []
    for s in strategies:
        s = np.asarray(s, dtype=np.float64)
        out.append(s / s.sum())
    return np.concatenate(out)


def _certified_result(game, method, x, offs, scale, tol, num_iter, params, t0):
    eq = Equilibrium.certify(game, split_profile(x, offs))
    converged = eq.max_regret <= tol * scale
    return EquilibriumResult(method=method, equilibria=(eq,), complete=False, scope="one",
                             converged=bool(converged), num_iter=int(num_iter),
                             max_regret=eq.max_regret, params=params,
                             elapsed=time.perf_counter() - t0)


# ----------------------------------------------------------------------------- simpdiv
def simplicial_subdivision(game: NormalFormGame, *, start=None, grid: int = 2,
                           refinements: int = 40, max_iter: int = 1_000_000,
                           tol: float = 1e-8) -> EquilibriumResult:
    """One Nash equilibrium of an n-player game by simplicial subdivision with restarts,
    polished by Newton's method.

    The variable dimension restart algorithm of van der Laan and Talman (1987) and van
    der Laan, Talman and van der Heyden (1987, *Math. Oper. Res.* 12, 377-397) on the
    product of the players' simplices -- the family of Gambit's ``simpdiv``.  From
    ``start`` it follows a path of simplices of a grid of size ``1/grid`` whose vertices
    are labelled by the (player, action) with the largest excess payoff
    ``u_j(k, x_-j) - u_j(x)``; the path cannot cycle and ends at an approximate
    equilibrium with max regret ``O(1/grid)``.  The method then halves the grid and
    restarts from that point (at most ``refinements`` times).  After each stage it tries
    Newton refinement on the supports the point suggests (see the module docstring).
    Details of the path and its triangulation: ``gametheory/solvers/_nplayer_simpdiv.py``.

    Guarantee: one equilibrium of any finite game with two or more players (the path always
    terminates); ``converged=True`` means the returned profile is certified to max regret
    ``<= tol * max(1, max |payoff|)``.  Which equilibrium is found depends on ``start``.

    Parameters
    ----------
    game : NormalFormGame
    start : profile, optional
        Starting mixed profile (one probability vector per player, or pure actions);
        default: every player uniform.
    grid : int
        Denominator of the first grid (the grid is ``1/grid``, halved at each restart).
    refinements : int
        Maximum number of restarts on a finer grid.
    max_iter : int
        Cap on the total number of pivots over all stages.
    tol : float
        Target max regret relative to the largest absolute payoff (at least 1).

    Returns
    -------
    EquilibriumResult
        ``scope="one"``, ``complete=False``, one equilibrium; ``num_iter`` counts pivots.
        ``converged=False`` (with the best point found and its true regret) when the caps
        were reached first.

    Raises
    ------
    UnsupportedGameError
        Not a normal-form game, or fewer than two players.
    InvalidProfileError, InvalidOptionError
        A bad ``start`` or option value.

    Examples
    --------
    Jordan's (1993) three-player matching pennies has a unique equilibrium, uniform:

    >>> from gametheory.games import catalog
    >>> res = simplicial_subdivision(catalog.get("three-player-matching-pennies"))
    >>> [s.round(6).tolist() for s in res[0].strategies]
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    >>> res.converged, res.max_regret <= 1e-8
    (True, True)
    """
    t0 = time.perf_counter()
    game = _check_game(game, "simplicial_subdivision")
    grid = _check_int(grid, "grid", 1)
    refinements = _check_int(refinements, "refinements", 0)
    max_iter = _check_int(max_iter, "max_iter", 1)
    tol = _check_positive(tol, "tol")
    v = _start_vector(game, start)
    from ._nplayer_simpdiv import BAD_PATH, simpdiv_kernel
    P, shape, offs, scale = flat_game(game)
    x = np.empty(offs[-1])
    status, pivots, _levels, _reg = simpdiv_kernel(
        P, shape, offs, v, grid, refinements, max_iter, tol * scale, np.inf, _NEWTON_ITER,
        8, _NEWTON_TRIES, x)
    if status == BAD_PATH:  # pragma: no cover - a consistency check of the kernel
        raise SolverError("simplicial subdivision: the pivoting path became inconsistent")
    params = {"start": None if start is None else [s.tolist() for s in
                                                   split_profile(v, offs)],
              "grid": grid, "refinements": refinements, "max_iter": max_iter, "tol": tol}
    return _certified_result(game, "simplicial_subdivision", x, offs, scale, tol, pivots,
                             params, t0)


# ----------------------------------------------------------------------------- logit
def logit_tracing(game: NormalFormGame, *, max_lambda: float = 1e7, tol: float = 1e-8,
                  step: float = 0.03, max_iter: int = 10_000) -> EquilibriumResult:
    """One Nash equilibrium of an n-player game as the limit of the logit quantal response
    equilibrium (QRE) branch, polished by Newton's method.

    A logit QRE with precision ``lambda`` is a profile in which every player plays action
    ``k`` with probability proportional to ``exp(lambda * u_j(k, x_-j))`` (McKelvey and
    Palfrey 1995, *Games Econ. Behav.* 10, 6-38).  At ``lambda = 0`` the unique QRE is the
    centroid; for generic games the branch starting there converges to a Nash equilibrium
    as ``lambda`` grows (their Theorem 2), which makes this a selection: the *logit
    solution*.  The branch is followed by predictor-corrector continuation in log
    probabilities (Turocy 2005, *Games Econ. Behav.* 51, 243-263), with the step length
    adapted to how easily the corrector converges; steps that turn sharply or flip the
    orientation determinant are retried shorter, so that hairpin turns of the branch are
    not jumped.  Each time the max regret of the traced point falls tenfold below 0.1% of
    the payoff range, Newton refinement is tried on the
    supports that point suggests, and accepted only within 0.1 (largest probability
    difference) of the traced point, so that the answer is the branch's limit.

    ``lambda`` is measured against payoffs divided by the game's payoff range (largest
    minus smallest payoff over all players), so the same ``lambda`` means the same
    precision in any payoff unit.

    Guarantee: for generic games the branch reaches a neighbourhood of one equilibrium;
    ``converged=True`` means the returned profile is certified to max regret ``<= tol *
    max(1, max |payoff|)``.  In non-generic games the branch may bifurcate or stall, and
    the method then reports ``converged=False`` with the last point and its true regret.

    Parameters
    ----------
    game : NormalFormGame
    max_lambda : float
        Stop tracing beyond this precision (in payoff-range units).
    tol : float
        Target max regret relative to the largest absolute payoff (at least 1).
    step : float
        First step length along the branch (arclength in ``(log x, lambda)``).
    max_iter : int
        Cap on the number of continuation steps.

    Returns
    -------
    EquilibriumResult
        ``scope="one"``, ``complete=False``, one equilibrium; ``num_iter`` counts
        continuation steps.

    Raises
    ------
    UnsupportedGameError
        Not a normal-form game, or fewer than two players.
    InvalidProfileError, InvalidOptionError
        A bad option value.

    Examples
    --------
    In the minority game with three players (Challet and Zhang 1997) the branch stays
    symmetric and converges to every player choosing each side with probability 1/2:

    >>> from gametheory.games import catalog
    >>> res = logit_tracing(catalog.get("minority-game"))
    >>> [s.round(6).tolist() for s in res[0].strategies]
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    >>> res.converged
    True
    """
    t0 = time.perf_counter()
    game = _check_game(game, "logit_tracing")
    max_lambda = _check_positive(max_lambda, "max_lambda")
    tol = _check_positive(tol, "tol")
    step = _check_positive(step, "step")
    max_iter = _check_int(max_iter, "max_iter", 1)
    P, shape, offs, scale = flat_game(game)
    params = {"max_lambda": max_lambda, "tol": tol, "step": step, "max_iter": max_iter}
    spread = float(P.max() - P.min())
    if spread == 0.0:  # every profile is an equilibrium; the branch is the centroid
        x = _start_vector(game, None)
        return _certified_result(game, "logit_tracing", x, offs, scale, tol, 0, params, t0)
    from ._nplayer_logit import logit_kernel
    x = np.empty(offs[-1])
    _status, steps, _lam, _reg = logit_kernel(
        P, P / spread, shape, offs, max_lambda, max_iter, step, 2.0, tol * scale,
        1e-3 * spread, _NEWTON_ITER, 8, 0.1, x)
    return _certified_result(game, "logit_tracing", x, offs, scale, tol, steps, params, t0)


# ----------------------------------------------------------------------------- supports
def _supports_by_size(m: int):
    """Non-empty subsets of ``range(m)`` grouped by size: ``{size: [tuple, ...]}``."""
    return {s: list(itertools.combinations(range(m), s)) for s in range(1, m + 1)}


def _compositions(total: int, caps: tuple[int, ...]):
    """Tuples ``(s_1, ..., s_n)`` with ``1 <= s_j <= caps[j]`` summing to ``total``."""
    n = len(caps)
    if n == 1:
        if 1 <= total <= caps[0]:
            yield (total,)
        return
    rest_min = n - 1
    rest_max = sum(caps[1:])
    for s in range(max(1, total - rest_max), min(caps[0], total - rest_min) + 1):
        for tail in _compositions(total - s, caps[1:]):
            yield (s,) + tail


def nplayer_support_enumeration(game: NormalFormGame, *, poly_method: str = "homotopy",
                                max_profiles: int = 20_000, max_paths: int = 20_000,
                                tol: float = 1e-9, starts: int = 8,
                                rng=0) -> EquilibriumResult:
    """Nash equilibria of a small n-player game by enumerating support profiles; with
    three or more players, every equilibrium of a generic game by homotopy continuation.

    First the actions that iterated elimination of strictly dominated strategies (by pure
    strategies) removes are dropped: no equilibrium uses them.  Then every profile of
    supports (one non-empty set of actions per player) is examined once, in order of total
    size (pure profiles first), and skipped when a supported action is conditionally
    dominated given the others' supports (Porter, Nudelman and Shoham 2008, *Games Econ.
    Behav.* 63, 642-662).  On each remaining profile the indifference system (every
    supported action of a player earns the same payoff) is solved, and a real solution is
    kept when its probabilities are positive on the support and no action does better
    (max regret ``<= tol`` times the largest absolute payoff, at least 1, by the
    certificate of :meth:`Equilibrium.certify <gametheory.solvers.Equilibrium.certify>`).

    * Two players: the system is linear and is solved exactly (by least squares when
      singular, which also proves when it has no solution); ``poly_method`` is not used.
      ``complete=True`` when no singular system had a solution: then the game is
      nondegenerate on every support and the list holds every equilibrium.
    * Three or more players, ``poly_method="homotopy"``: the system is multilinear (player
      ``i``'s equations are linear in each other player's strategy).  All its isolated
      complex solutions are computed by multihomogeneous homotopy continuation with the
      random "gamma trick" (Morgan and Sommese 1987, *Appl. Math. Comput.* 24, 101-113;
      Li 1997, *Acta Numerica* 6, 399-436; Datta 2003 for Nash equilibria): one path per
      solution of a start system with the same multidegrees, as many as the
      multihomogeneous Bezout number of the support (McKelvey and McLennan 1997, *J. Econ.
      Theory* 72, 411-425: 2 for a 2x2x2 game's full support, 10 for 3x3x3, 9 for
      2x2x2x2), tracked to the end and refined by Newton's method; the real solutions in
      the simplices are then polished and certified.  A support on which some player has
      more equations than the others have unknowns (Bezout number 0) has no solution in a
      generic game; this is checked by solving a square subsystem.  ``complete=True`` when,
      on every support, every path ended at a distinct nonsingular solution (the paths
      then account for every isolated solution) and every over-determined support was
      shown to have no solution in the simplices.  A singular endpoint, a player
      indifferent between two supported actions against everything the others' supports
      allow, or an over-determined system with a solution mark the game degenerate
      (continua of equilibria cannot be listed as points): those supports are also solved
      from ``starts`` points by Newton's method (least-squares steps when singular) for
      representatives, ``complete=False``, and ``params["reason"]`` says why.  For
      non-generic games ``complete=True`` rests on this numerical test, as in Bertini or
      PHCpack: isolated solutions are all found; a positive-dimensional solution set that
      no path reaches is not detected.
    * Three or more players, ``poly_method="newton"``: each support is solved by Newton's
      method from ``starts`` points (its centroid and random points): fast, but solutions
      may be missed, so ``complete=False``.
    * When dominance leaves one action per player, that profile is the unique equilibrium
      and ``complete=True`` for any number of players.
    * When more than ``max_profiles`` support profiles remain, the smallest ones are
      examined and the result has ``complete=False`` and ``converged=False``.
    * Homotopy paths grow quickly with the game: 271 over all supports of a 3x3x3 game,
      5,248 for 4x4x4, 7,365 for 3x3x3x3, 110,251 for 5x5x5 (before dominance pruning;
      about 5 s for 4x4x4, 10 s for 3x3x3x3 and 160 s for 5x5x5 here).  Once the paths
      tracked reach ``max_paths``, the remaining support profiles are solved by Newton's
      method as with ``poly_method="newton"``, and ``complete=False``.

    Parameters
    ----------
    game : NormalFormGame
    poly_method : {"homotopy", "newton"}
        How the polynomial systems of three or more players are solved.
    max_profiles : int
        Cap on the number of support profiles examined.
    max_paths : int
        Budget of homotopy paths (``poly_method="homotopy"``): a support profile is
        solved by homotopy only while the paths tracked so far plus its own Bezout number
        stay within it.
    tol : float
        Certificate tolerance, relative to the largest absolute payoff (at least 1).
    starts : int
        Newton starting points per support profile (``poly_method="newton"``, and degenerate
        supports under ``poly_method="homotopy"``).
    rng : None, int or numpy.random.Generator
        Source of the random start systems, patches and ``gamma`` of the homotopy and of
        the Newton starting points (seeded by default, so results repeat).

    Returns
    -------
    EquilibriumResult
        ``scope="all"``; equilibria in order of discovery (smaller supports first), each
        certified; ``num_iter`` counts the support profiles solved.  ``params`` holds the
        options and, under ``poly_method="homotopy"``, ``paths`` (paths tracked),
        ``degenerate_supports`` and ``reason`` (None, or why ``complete`` is False).

    Raises
    ------
    UnsupportedGameError
        Not a normal-form game, or fewer than two players.
    InvalidProfileError, InvalidOptionError
        A bad option value.

    Examples
    --------
    Jordan's (1993) three-player matching pennies: the uniform profile is the only
    equilibrium, and the homotopy proves it:

    >>> from gametheory.games import catalog
    >>> res = nplayer_support_enumeration(catalog.get("three-player-matching-pennies"))
    >>> [s.tolist() for s in res[0].strategies], res.complete
    ([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], True)

    The three-player minority game (Challet and Zhang 1997) has six pure equilibria (one
    player alone on a side), the symmetric one with probability 1/2 each, and six segments
    of equilibria in which two players split and the third mixes freely.  The enumeration
    finds the isolated ones and one point of each segment, and says it may be incomplete:

    >>> res = nplayer_support_enumeration(catalog.get("minority-game"))
    >>> len(res), sum(e.is_pure for e in res)
    (13, 6)
    >>> [s.tolist() for s in res[-1].strategies]
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    >>> res.complete, res.max_regret <= 1e-9
    (False, True)
    """
    t0 = time.perf_counter()
    game = _check_game(game, "nplayer_support_enumeration")
    if poly_method not in ("homotopy", "newton"):
        raise InvalidOptionError(
            f"poly_method must be 'homotopy' or 'newton', got {poly_method!r}")
    max_profiles = _check_int(max_profiles, "max_profiles", 1)
    max_paths = _check_int(max_paths, "max_paths", 1)
    tol = _check_positive(tol, "tol")
    starts = _check_int(starts, "starts", 1)
    gen = as_generator(rng)
    from ..concepts._dominance import iterated_elimination
    from ._nplayer_supports import conditionally_dominated, homotopy_support, solve_support

    n = game.num_players
    reduced = iterated_elimination(game, strict=True, mixed=False)
    keep = reduced.remaining
    sub = reduced.game
    P, shape, offs, _ = flat_game(sub)
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    tol_abs = tol * scale
    M = int(offs[-1])
    caps = tuple(int(m) for m in shape)
    by_size = [_supports_by_size(m) for m in caps]
    homotopy = n > 2 and poly_method == "homotopy"
    nstarts = 1 if n == 2 else starts
    found: list[np.ndarray] = []
    out = np.empty((max(nstarts, 1), M))
    examined = 0
    capped = False
    over_budget = False
    degenerate = False
    n_degenerate = 0
    reasons: list[str] = []
    paths = 0
    supp = np.zeros(M, dtype=np.bool_)

    def add(k):
        for q in range(k):
            x = out[q].copy()
            if not any(np.abs(x - y).max() < 1e-7 for y in found):
                found.append(x)

    def newton(combo):
        st = np.zeros((nstarts, M))
        for j, S in enumerate(combo):
            idx = offs[j] + np.asarray(S, dtype=np.int64)
            st[0, idx] = 1.0 / len(S)
            if nstarts > 1:
                st[1:, idx] = gen.dirichlet(np.ones(len(S)), size=nstarts - 1)
        return solve_support(P, shape, offs, supp, st, tol_abs, 30, out)

    if homotopy:
        from ._nplayer_supports import planned_paths
    for total in range(n, sum(caps) + 1):
        for sizes in _compositions(total, caps):
            if homotopy:
                bez = planned_paths(tuple(s - 1 for s in sizes))
            for combo in itertools.product(*(by_size[j][sizes[j]] for j in range(n))):
                if examined >= max_profiles:
                    capped = True
                    break
                supp[:] = False
                for j, S in enumerate(combo):
                    supp[offs[j] + np.asarray(S, dtype=np.int64)] = True
                if total > n and conditionally_dominated(P, shape, offs, supp, tol_abs):
                    continue
                if homotopy and total > n and paths + bez > max_paths:
                    over_budget = True
                if not homotopy or total == n or over_budget:
                    # linear systems, pure profiles, Newton (also beyond the path budget)
                    examined += 1
                    k, singular = newton(combo)
                    degenerate = degenerate or singular
                    add(k)
                    continue
                examined += 1
                cands, why, used = homotopy_support(P, shape, offs, supp, gen, 1e-12 * scale)
                paths += used
                for ys in cands:
                    x0 = np.zeros((1, M))
                    for j, S in enumerate(combo):
                        x0[0, offs[j] + np.asarray(S, dtype=np.int64)] = ys[j]
                    add(solve_support(P, shape, offs, supp, x0, tol_abs, 30, out)[0])
                if why is not None:
                    degenerate = True
                    n_degenerate += 1
                    if not reasons:
                        reasons.append(why)
                        reasons.append(tuple(tuple(int(keep[j][a]) for a in S)
                                             for j, S in enumerate(combo)))
                    add(newton(combo)[0])
            if capped:
                break
        if capped:
            break
    eqs = []
    for x in found:
        strategies = []
        for j in range(n):
            s = np.zeros(game.num_actions[j])
            s[list(keep[j])] = x[offs[j]:offs[j + 1]]
            strategies.append(s)
        eq = Equilibrium.certify(game, strategies)
        if eq.max_regret <= tol_abs:  # the certificate has the last word
            eqs.append(eq)
    # one action per player left: the unique equilibrium
    trivial = all(m == 1 for m in caps)
    complete = ((n == 2 or homotopy and not over_budget) and not degenerate
                or trivial) and not capped
    mr = max((e.max_regret for e in eqs), default=0.0)
    params = {"poly_method": poly_method, "max_profiles": max_profiles, "max_paths": max_paths,
              "tol": tol, "starts": starts}
    if homotopy:
        reason = None
        if capped:
            reason = "the max_profiles cap was reached"
        elif over_budget and not trivial:
            reason = (f"the max_paths budget ({max_paths}) was reached: the larger support "
                      "profiles were solved by Newton's method, which may miss equilibria")
        elif degenerate and not trivial:
            reason = (f"degenerate game: on {n_degenerate} support profile(s) the solutions "
                      "may not be isolated, e.g. on supports "
                      f"{reasons[1]}: {reasons[0]}" if reasons else
                      "degenerate game: a pure profile's system is singular")
        params.update(paths=paths, degenerate_supports=n_degenerate, reason=reason)
    return EquilibriumResult(method="nplayer_support_enumeration", equilibria=tuple(eqs),
                             complete=complete, scope="all", converged=not capped,
                             num_iter=examined, max_regret=mr, params=params,
                             elapsed=time.perf_counter() - t0)
