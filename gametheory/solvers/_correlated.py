"""Correlated and coarse correlated equilibria of n-player games, by linear programming.

A correlated equilibrium (Aumann 1974) is a joint distribution ``p`` over pure profiles,
an array of shape ``game.num_actions`` indexed like the payoff arrays, under which no
player gains by disobeying a recommendation; a coarse correlated equilibrium (Hannan 1957;
Moulin and Vial 1978) one under which no player gains by committing to a fixed action
before seeing it (see :mod:`gametheory.concepts._correlated` for the definitions).  Both
sets are polytopes cut out by linear incentive constraints, so one LP finds the best
equilibrium for any linear objective (Papadimitriou and Roughgarden 2008, "Computing
correlated equilibria in multi-player games", J. ACM 55(3), note the LP has
``prod(m)`` variables and ``sum_i m_i (m_i - 1)`` constraints).

The constraint matrix is built as a :mod:`scipy.sparse` matrix with one vectorised step
per player (no Python loop over profiles) and solved with HiGHS through
:func:`scipy.optimize.linprog` (simplex, or interior point with crossover for LPs with
many more columns than rows); the Nash-welfare objective, which is concave but not
linear, goes through cvxpy (Clarabel) and is then polished by an LP.  Every answer is
certified by :func:`gametheory.concepts.ce_gap` (or ``cce_gap``), computed from the game
and the returned distribution, not by the LP.

Worked example, Aumann's chicken: the correlated equilibrium of largest total payoff puts
1/2 on (C, C) and 1/4 on each of (C, D) and (D, C)::

    >>> from gametheory.games import catalog
    >>> res = correlated_equilibrium(catalog.get("chicken"), objective="welfare")
    >>> res.distribution.round(9).tolist()
    [[0.5, 0.25], [0.25, 0.0]]
    >>> res.payoffs.round(9).tolist(), res.gap <= 1e-12, res.converged
    ([5.25, 5.25], True, True)
    >>> res.support()
    [('C', 'C'), ('C', 'D'), ('D', 'C')]
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import scipy.sparse as sp
from .._scipy import linprog

from .._arrays import readonly
from .._errors import InvalidOptionError, SolverError, UnknownNameError, UnsupportedGameError
from ..concepts._correlated import cce_gap, ce_gap, correlated_payoffs
from ..concepts._security import security_levels
from ..games._normal_form import NormalFormGame

__all__ = ["CorrelatedResult", "correlated_equilibrium", "coarse_correlated_equilibrium",
           "incentive_constraints", "CORRELATED_OBJECTIVES"]

#: The objective names accepted by :func:`correlated_equilibrium` (``I`` is a player).
CORRELATED_OBJECTIVES = ("feasible", "welfare", "egalitarian", "nash_welfare", "player:I",
                         "min-player:I")

_ALIASES = {"feasible": "feasible", "feasibility": "feasible", "welfare": "welfare",
            "utilitarian": "welfare", "egalitarian": "egalitarian",
            "nash-welfare": "nash_welfare", "nash": "nash_welfare"}

#: Probabilities at or below this are set to 0 before renormalising (LP round-off).
_ZERO = 1e-13

#: HiGHS tolerances of the refining re-solve (its defaults are 1e-7).
_TIGHT = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


# ---------------------------------------------------------------------------- result
@dataclass(frozen=True)
class CorrelatedResult:
    """What :func:`correlated_equilibrium` and :func:`coarse_correlated_equilibrium`
    return.

    Attributes
    ----------
    method : str
        ``"correlated_equilibrium"`` or ``"coarse_correlated_equilibrium"``.
    objective : str
        The objective in canonical form (``"welfare"``, ``"player:0"``, ...).
    distribution : ndarray
        Read-only joint distribution of shape ``game.num_actions``, indexed like the
        payoff arrays (``distribution[a_1, ..., a_n]``); LP round-off below 1e-13 is set
        to 0 and the rest renormalised to sum to 1.
    payoffs : ndarray
        Each player's expected payoff under ``distribution``, computed from the game.
    gap : float
        :func:`~gametheory.concepts.ce_gap` (or ``cce_gap`` for the coarse notion) of
        ``distribution``: the largest gain of any player from deviating, 0 at an exact
        equilibrium.  Computed from the game, not from the LP.
    converged : bool
        True when ``gap <= tol * max(1, max |payoff|)``; False when even the refining
        re-solve left a larger gap (the distribution is then an epsilon-equilibrium with
        epsilon = ``gap``).
    objective_value : float or None
        The objective evaluated at ``distribution`` from the game's payoffs: total payoff
        (``welfare``), smallest payoff (``egalitarian``), the player's payoff
        (``player:I`` and ``min-player:I``), the Nash product ``prod_i (u_i - d_i)``
        (``nash_welfare``); ``None`` for ``feasible``.
    num_iter : int or None
        Simplex / interior-point iterations over every LP solved.
    elapsed : float or None
        Wall-clock seconds.
    params : mapping
        Parameters as used (objective, tol, and for ``nash_welfare`` the disagreement
        point and the players whose gain was maximised).
    players, actions : tuple
        The game's player and action labels (for :meth:`support` and :meth:`to_dict`).
    """

    method: str
    objective: str
    distribution: np.ndarray
    payoffs: np.ndarray
    gap: float
    converged: bool = True
    objective_value: float | None = None
    num_iter: int | None = None
    elapsed: float | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    players: tuple = ()
    actions: tuple = ()

    def support(self, tol: float = 0.0) -> list[tuple[str, ...]]:
        """The pure profiles with probability above ``tol``, as tuples of action labels,
        in lexicographic order (the last player varies fastest)."""
        idx = np.argwhere(self.distribution > tol)
        return [tuple(self.actions[i][int(a)] for i, a in enumerate(row)) for row in idx]

    def to_dict(self) -> dict:
        """The JSON shape printed by ``gametheory solve --json``: ``method``,
        ``objective``, ``distribution`` (nested lists indexed like the payoff arrays),
        ``payoffs``, ``gap``, ``labels`` (the action labels of each player, one list per
        axis of ``distribution``), ``converged`` and ``elapsed``."""
        return {"method": self.method, "objective": self.objective,
                "distribution": self.distribution.tolist(),
                "payoffs": [float(u) for u in self.payoffs], "gap": float(self.gap),
                "labels": [list(a) for a in self.actions],
                "converged": bool(self.converged), "elapsed": self.elapsed}


# ---------------------------------------------------------------------------- constraints
def incentive_constraints(game: NormalFormGame, *, coarse: bool = False,
                          scale: float = 1.0) -> sp.csr_matrix:
    """The incentive constraints ``G @ p <= 0`` of correlated (or coarse correlated)
    equilibria as a sparse matrix over the flattened distribution ``p.ravel()``.

    Rows come player by player.  For a correlated equilibrium, player ``i`` has one row
    per ordered pair ``a != a'`` of its actions, ``sum_{a_-i} p(a, a_-i) [u_i(a', a_-i) -
    u_i(a, a_-i)]`` (``m_i (m_i - 1)`` rows, ``prod(m) / m_i`` non-zeros each); for a
    coarse one, one row per action ``a'``, ``sum_a p(a) [u_i(a', a_-i) - u_i(a)]`` (dense
    rows).  Entries are divided by ``scale``; exact zeros are dropped.

    Each player's rows come from one broadcast over ``(a, a', a_-i)``; the only Python loop
    is over players.

    Examples
    --------
    Chicken, row player told C: obeying beats daring when ``6 p(C,C) + 2 p(C,D) >= 7
    p(C,C)``, i.e. ``p(C,C) - 2 p(C,D) <= 0``:

    >>> from gametheory.games import catalog
    >>> G = incentive_constraints(catalog.get("chicken"))
    >>> G.toarray().tolist()[0]
    [1.0, -2.0, 0.0, 0.0]
    >>> G.shape
    (4, 4)
    """
    P = np.asarray(game.payoff_array) / scale
    shape = game.num_actions
    N = game.num_profiles
    idx = np.arange(N, dtype=np.int64).reshape(shape)
    rows, cols, vals = [], [], []
    r0 = 0
    for i, m in enumerate(shape):
        F = np.moveaxis(idx, i, 0).reshape(m, -1)          # flat index of (a, a_-i)
        U = np.moveaxis(P[i], i, 0).reshape(m, -1)         # u_i(a, a_-i)
        C = U.shape[1]
        if coarse:
            # row a': sum over (a, c) of p(a, c) [U(a', c) - U(a, c)]
            V = U[:, None, :] - U[None, :, :]              # V[a', a, c]
            Fc = np.broadcast_to(F[None, :, :], (m, m, C))
            R = np.broadcast_to(np.arange(r0, r0 + m)[:, None, None], (m, m, C))
            r0 += m
        else:
            a, a2 = np.nonzero(~np.eye(m, dtype=bool))     # ordered pairs a != a'
            V = U[a2] - U[a]                               # (K, C)
            Fc = F[a]
            R = np.broadcast_to(np.arange(r0, r0 + len(a))[:, None], V.shape)
            r0 += len(a)
        keep = V != 0
        rows.append(R[keep])
        cols.append(Fc[keep])
        vals.append(V[keep])
    if r0 == 0:
        return sp.csr_matrix((0, N))
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                 np.concatenate(cols))), shape=(r0, N))


# ---------------------------------------------------------------------------- objectives
def _parse_objective(game: NormalFormGame, objective) -> tuple[str, str, int | None]:
    """``(canonical name, kind, player)``; kind is one of feasible, welfare, egalitarian,
    nash_welfare, player, min-player."""
    known = ", ".join(CORRELATED_OBJECTIVES)
    if not isinstance(objective, str):
        raise UnknownNameError(f"objective must be a name ({known}), not {objective!r}")
    head, sep, tail = objective.strip().partition(":")
    key = head.strip().lower().replace("_", "-")
    if not sep:
        if key not in _ALIASES:
            raise UnknownNameError(f"unknown objective {objective!r}; choose from {known} "
                                   "(I: a player label or 0-based index)")
        kind = _ALIASES[key]
        return kind, kind, None
    if key not in ("player", "min-player", "max-player"):
        raise UnknownNameError(f"unknown objective {objective!r}; choose from {known}")
    kind = "min-player" if key == "min-player" else "player"
    who = tail.strip()
    if who in game.players:
        i = game.players.index(who)
    else:
        try:
            i = int(who)
        except ValueError:
            raise UnknownNameError(f"objective {objective!r} names no player: use a label "
                                   f"({', '.join(game.players)}) or a 0-based index") \
                from None
        if not 0 <= i < game.num_players:
            raise UnknownNameError(f"objective {objective!r}: player index {i} out of range "
                                   f"0..{game.num_players - 1} (indices are 0-based)")
    return f"{kind}:{i}", kind, i


def _objective_value(kind: str, player, payoffs: np.ndarray, d) -> float | None:
    if kind == "feasible":
        return None
    if kind == "welfare":
        return float(payoffs.sum())
    if kind == "egalitarian":
        return float(payoffs.min())
    if kind in ("player", "min-player"):
        return float(payoffs[player])
    return float(np.prod(np.maximum(payoffs - d, 0.0)))


# ---------------------------------------------------------------------------- LP pieces
def _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds, options=None, what="LP", algo="highs"):
    try:
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                      method=algo, options=options or {})
    except ValueError as exc:  # scipy's own input checks
        raise SolverError(f"{what} could not be set up: {exc}") from None
    if res.status != 0 or res.x is None:
        raise SolverError(f"{what} failed (HiGHS status {res.status}): {res.message}")
    return res


def _clean(x: np.ndarray, shape) -> np.ndarray:
    """Clip LP round-off: entries <= 1e-13 become 0, the rest is renormalised."""
    p = np.where(x > _ZERO, x, 0.0)
    total = p.sum()
    if not total > 0:
        raise SolverError("the LP returned a distribution with no positive entry")
    return (p / total).reshape(shape)


class _Problem:
    """The LP data of one game, with payoffs divided by their largest absolute value so
    that HiGHS's absolute tolerances act relative to the payoff scale."""

    def __init__(self, game: NormalFormGame, coarse: bool):
        self.game = game
        self.coarse = coarse
        self.n = game.num_players
        self.N = game.num_profiles
        top = float(np.abs(game.payoff_array).max())
        self.scale = top if top > 0 else 1.0
        self.G = incentive_constraints(game, coarse=coarse, scale=self.scale)
        self.U = np.asarray(game.payoff_array).reshape(self.n, self.N) / self.scale
        self.nit = 0
        # HiGHS's interior-point method (with crossover to a vertex) beats its simplex
        # when the LP has many more columns than rows, as with many players (measured:
        # 8^5 profiles and 280 rows, 1.5 s against 6.7 s; 20^3 and 1,140 rows, 1.1 s
        # against 0.5 s; see benchmarks/bench_correlated.py).
        rows = self.G.shape[0]
        self.algo = "highs-ipm" if self.N >= 5000 and self.N >= 20 * rows else "highs"
        self.other = "highs" if self.algo == "highs-ipm" else "highs-ipm"

    def solve_linear(self, c, options=None, extra_rows=None, extra_rhs=None,
                     extra_vars=0, extra_bounds=(), what="LP", algo=None):
        """Minimise ``c @ [p, extra]`` over the equilibrium polytope, with optional extra
        variables and rows ``extra_rows @ [p, extra] <= extra_rhs``."""
        G = self.G
        if extra_vars:
            G = sp.hstack([G, sp.csr_matrix((G.shape[0], extra_vars))], format="csr")
        b = np.zeros(G.shape[0])
        if extra_rows is not None:
            G = sp.vstack([G, sp.csr_matrix(extra_rows)], format="csr")
            b = np.concatenate([b, extra_rhs])
        A_eq = sp.csr_matrix(np.concatenate([np.ones(self.N), np.zeros(extra_vars)])[None, :])
        bounds = [(0, None)] * self.N + list(extra_bounds)
        if G.shape[0] == 0:
            G, b = None, None
        res = _linprog(c, G, b, A_eq, [1.0], bounds, options, what, algo or self.algo)
        self.nit += int(getattr(res, "nit", 0) or 0)
        return res

    def gap(self, p) -> float:
        return (cce_gap if self.coarse else ce_gap)(self.game, p)


def _solve(game, objective, tol, coarse: bool):
    start = time.perf_counter()
    method = "coarse_correlated_equilibrium" if coarse else "correlated_equilibrium"
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{method} needs a NormalFormGame, got "
                                   f"{type(game).__name__}")
    if not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol > 0):
        raise InvalidOptionError(f"tol must be a positive number, got {tol!r}")
    name, kind, player = _parse_objective(game, objective)
    prob = _Problem(game, coarse)
    n, N = prob.n, prob.N
    tol_s = tol * max(1.0, float(np.abs(game.payoff_array).max()))
    params: dict[str, Any] = {"objective": name, "tol": tol}
    d = None

    if kind == "nash_welfare":
        p, d, active = _nash_welfare(prob, tol_s)
        params["disagreement"] = [float(x) for x in d]
        params["maximised_players"] = active

        def resolve(options, algo):   # refine: the polish LP again
            return _polish(prob, p, active, d, options, algo)
    else:
        extra = {}
        if kind == "feasible":
            c = np.zeros(N)
        elif kind == "welfare":
            c = -prob.U.sum(axis=0)
        elif kind == "player":
            c = -prob.U[player]
        elif kind == "min-player":
            c = prob.U[player].copy()
        else:  # egalitarian: maximise t subject to t <= u_i(p) for every player
            c = np.append(np.zeros(N), -1.0)
            extra = dict(extra_rows=np.hstack([-prob.U, np.ones((n, 1))]),
                         extra_rhs=np.zeros(n), extra_vars=1,
                         extra_bounds=[(None, None)])

        def resolve(options, algo):
            res = prob.solve_linear(c, options=options, what=f"{method} LP", algo=algo,
                                    **extra)
            return _clean(res.x[:N], game.num_actions)

        p = resolve(None, None)
    gap = prob.gap(p)
    # refine: tighter HiGHS tolerances, then the other algorithm; keep the best answer
    for algo in (prob.algo, prob.other):
        if gap <= tol_s:
            break
        try:
            p2 = resolve(_TIGHT, algo)
        except SolverError:
            continue
        gap2 = prob.gap(p2)
        if gap2 < gap:
            p, gap = p2, gap2
    payoffs = np.tensordot(np.asarray(game.payoff_array), p,
                           axes=(list(range(1, n + 1)), list(range(n))))
    return CorrelatedResult(
        method=method, objective=name, distribution=readonly(p),
        payoffs=readonly(payoffs), gap=float(gap), converged=bool(gap <= tol_s),
        objective_value=_objective_value(kind, player, payoffs, d), num_iter=prob.nit,
        elapsed=time.perf_counter() - start, params=params, players=game.players,
        actions=game.actions)


# ---------------------------------------------------------------------------- Nash welfare
def _nash_welfare(prob: _Problem, tol_s: float):
    """Maximise ``sum_i log(u_i(p) - d_i)`` over the equilibrium polytope, ``d`` the
    security levels, over the players who can gain at some equilibrium."""
    game = prob.game
    d = np.array([r.value for r in security_levels(game)])
    ds = d / prob.scale
    # Players whose best equilibrium payoff does not exceed d_i gain nothing anywhere in
    # the polytope (every CE / CCE pays at least d_i): their log would be -inf everywhere.
    best = np.empty(prob.n)
    for i in range(prob.n):
        res = prob.solve_linear(-prob.U[i], what="best equilibrium payoff LP")
        best[i] = -res.fun
    active = [i for i in range(prob.n) if (best[i] - ds[i]) * prob.scale > tol_s]
    if not active:   # every equilibrium pays every player its security level
        res = prob.solve_linear(np.zeros(prob.N), what="feasibility LP")
        return _clean(res.x, game.num_actions), d, active
    try:
        import cvxpy as cp
    except ImportError:  # pragma: no cover - cvxpy is a dependency
        raise SolverError("objective 'nash_welfare' needs cvxpy") from None
    x = cp.Variable(prob.N, nonneg=True)
    Ua = prob.U[active]
    constraints = [cp.sum(x) == 1]
    if prob.G.shape[0]:
        constraints.append(prob.G @ x <= 0)
    problem = cp.Problem(cp.Maximize(cp.sum(cp.log(Ua @ x - ds[active]))), constraints)
    try:
        problem.solve(solver=cp.CLARABEL)
    except (cp.error.SolverError, ValueError, ArithmeticError) as exc:
        raise SolverError(f"Nash-welfare program failed in cvxpy/Clarabel: {exc}") from None
    if problem.status not in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE) or x.value is None:
        raise SolverError(f"Nash-welfare program ended with status {problem.status}")
    p0 = _clean(np.clip(np.asarray(x.value, dtype=float), 0.0, None), game.num_actions)
    try:
        p1 = _polish(prob, p0, active, d, _TIGHT)
    except SolverError:
        return p0, d, active
    return (p1 if prob.gap(p1) <= prob.gap(p0) else p0), d, active


def _polish(prob: _Problem, p0: np.ndarray, active, d, options, algo=None):
    """An LP vertex of the polytope whose payoffs match those of the interior-point
    answer ``p0``: minimise the total shortfall ``sum_i s_i`` subject to ``u_i(p) + s_i >=
    u_i(p0)`` for the maximised players.  The vertex satisfies the incentive constraints to
    simplex accuracy and pays (up to the tiny shortfall) the same, so its Nash product is
    the optimum's."""
    if not active:
        return p0
    k = len(active)
    target = prob.U[active] @ p0.ravel()
    c = np.concatenate([np.zeros(prob.N), np.ones(k)])
    rows = np.hstack([-prob.U[active], -np.eye(k)])
    res = prob.solve_linear(c, options=options, extra_rows=rows, extra_rhs=-target,
                            extra_vars=k, extra_bounds=[(0, None)] * k,
                            what="Nash-welfare polishing LP", algo=algo)
    return _clean(res.x[:prob.N], prob.game.num_actions)


# ---------------------------------------------------------------------------- public API
_DOC_OBJECTIVES = """
    objective : str
        What to optimise over the equilibrium polytope:

        * ``"feasible"``: any equilibrium (zero objective);
        * ``"welfare"`` (alias ``"utilitarian"``): maximise the total expected payoff;
        * ``"egalitarian"``: maximise the smallest expected payoff (max-min, through an
          auxiliary variable ``t <= u_i(p)``);
        * ``"player:I"``: maximise player ``I``'s expected payoff; ``"min-player:I"``:
          minimise it.  ``I`` is a player label or, failing that, a **0-based** index
          (``"player:0"`` is the first player, whose default label is ``"Player 1"``);
        * ``"nash_welfare"``: maximise the Nash product ``prod_i (u_i(p) - d_i)``, i.e.
          ``sum_i log(u_i(p) - d_i)`` (Nash 1950), with disagreement point ``d_i`` player
          ``i``'s mixed security level (maximin value, :func:`~gametheory.concepts.
          security_level`).  Every CE and CCE pays each player at least ``d_i``, so the
          gains are non-negative on the whole polytope.  Players who gain nothing at any
          equilibrium (their best equilibrium payoff is ``d_i``, as in every zero-sum game)
          are left out of the product, which the other players' gains then define; the
          concave program is solved by cvxpy with Clarabel and its answer polished by an LP
          to a vertex with the same payoffs.  ``objective_value`` is then the product over
          all players (0 when some player cannot gain).

        Dashes and underscores are interchangeable in names.
    tol : float
        Certificate tolerance, relative to ``max(1, max |payoff|)``: the result has
        ``converged=True`` when its gap is at most that."""


def correlated_equilibrium(game: NormalFormGame, *, objective: str = "welfare",
                           tol: float = 1e-9) -> CorrelatedResult:
    """A correlated equilibrium (Aumann 1974) optimising ``objective``, by one LP over
    joint distributions (HiGHS; a concave program for ``nash_welfare``).

    The LP has one variable per pure profile and ``sum_i m_i (m_i - 1)`` incentive
    constraints, built sparse (see :func:`incentive_constraints`), so games with tens of
    thousands of profiles are fine.  The answer is an optimal vertex of the CE polytope:
    an exact optimum up to LP round-off, certified by
    :func:`~gametheory.concepts.ce_gap`.  HiGHS's simplex solves the LP, or its
    interior-point method with crossover when there are at least 5,000 profiles and 20
    times more profiles than constraints (many players).  When the gap exceeds the
    tolerance, the LP is solved again with tighter HiGHS tolerances (1e-10 instead of
    1e-7), then with the other algorithm; if the gap is still too large the result says
    ``converged=False`` (the distribution is then an epsilon-CE with epsilon = ``gap``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    {objectives}

    Returns
    -------
    CorrelatedResult

    Raises
    ------
    UnknownNameError
        An unknown objective or player.
    UnsupportedGameError
        Not a normal-form game.
    SolverError
        When HiGHS or Clarabel does not report an optimum (the polytope is never empty, so
        this is a numerical failure).

    Examples
    --------
    Aumann's chicken: the welfare-maximising CE pays (5.25, 5.25), more than any Nash
    equilibrium; the best CE for the row player is the pure equilibrium (D, C).

    >>> from gametheory.games import catalog
    >>> g = catalog.get("chicken")
    >>> correlated_equilibrium(g).payoffs.round(9).tolist()
    [5.25, 5.25]
    >>> r = correlated_equilibrium(g, objective="player:0")
    >>> r.support(), r.payoffs.round(9).tolist()
    ([('D', 'C')], [7.0, 2.0])

    Rock-paper-scissors has a single correlated equilibrium, uniform over all 9 profiles:

    >>> r = correlated_equilibrium(catalog.get("rock-paper-scissors"), objective="feasible")
    >>> bool(abs(r.distribution - 1 / 9).max() < 1e-9), r.converged
    (True, True)
    """
    return _solve(game, objective, tol, coarse=False)


def coarse_correlated_equilibrium(game: NormalFormGame, *, objective: str = "welfare",
                                  tol: float = 1e-9) -> CorrelatedResult:
    """A coarse correlated equilibrium (Hannan 1957; Moulin and Vial 1978) optimising
    ``objective``, by one LP over joint distributions.

    CCE constraints are one per player and action (``sum_i m_i`` rows, each dense), so
    the set is larger than the CE set: every CE is a CCE, and with two actions per player
    the two coincide.  The answer is certified by :func:`~gametheory.concepts.cce_gap`;
    objectives, refinement and errors are as in :func:`correlated_equilibrium`.

    Parameters
    ----------
    game : NormalFormGame
    {objectives}

    Returns
    -------
    CorrelatedResult

    Examples
    --------
    In rock-paper-scissors every CCE pays (0, 0): the game is zero-sum and each player's
    security level is 0, a floor for every CCE payoff.

    >>> from gametheory.games import catalog
    >>> rps = catalog.get("rock-paper-scissors")
    >>> r = coarse_correlated_equilibrium(rps, objective="feasible")
    >>> r.payoffs.round(9).tolist(), r.converged
    ([0.0, 0.0], True)

    With two actions per player the CCE and CE sets coincide (chicken):

    >>> g = catalog.get("chicken")
    >>> coarse_correlated_equilibrium(g).payoffs.round(9).tolist()
    [5.25, 5.25]
    """
    return _solve(game, objective, tol, coarse=True)


correlated_equilibrium.__doc__ = correlated_equilibrium.__doc__.format(
    objectives=_DOC_OBJECTIVES.strip("\n").lstrip())
coarse_correlated_equilibrium.__doc__ = coarse_correlated_equilibrium.__doc__.format(
    objectives=_DOC_OBJECTIVES.strip("\n").lstrip())


def correlated_payoff_region(game: NormalFormGame, *, coarse: bool = False,
                             num_directions: int = 64) -> np.ndarray:
    """Vertices of the set of expected payoff pairs of the correlated (or coarse correlated)
    equilibria of a two-player game, in counter-clockwise order.

    The payoff set is the image of the equilibrium polytope under the linear payoff map,
    hence a convex polygon.  It is traced by maximising ``w . u`` over the polytope for
    ``num_directions`` unit vectors ``w`` spread over the circle (one LP each); the
    returned points are the distinct maximisers, so every vertex whose normal cone
    contains one of the directions is found and the polygon is an inner approximation
    that is exact once the directions are finer than the polygon's angles.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> region = correlated_payoff_region(catalog.get("chicken"))
    >>> float(region.sum(axis=1).max())   # best total payoff of a CE: 2 * 5.25
    10.5
    """
    if game.num_players != 2:
        raise UnsupportedGameError("correlated_payoff_region draws 2-player payoff sets; "
                                   f"this game has {game.num_players} players")
    if int(num_directions) < 3:
        raise InvalidOptionError("num_directions must be at least 3")
    prob = _Problem(game, coarse)
    angles = np.linspace(0.0, 2 * np.pi, int(num_directions), endpoint=False)
    points = []
    for a in angles:
        w = np.array([np.cos(a), np.sin(a)])
        res = prob.solve_linear(-(w @ prob.U), what="payoff-region LP")
        p = _clean(res.x[:prob.N], game.num_actions)
        points.append(correlated_payoffs(game, p))
    pts = np.unique(np.round(np.array(points), 9), axis=0)
    centre = pts.mean(axis=0)
    order = np.argsort(np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0]))
    return pts[order]
