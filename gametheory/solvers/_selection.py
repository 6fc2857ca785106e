"""Equilibrium selection among equilibria already found, and the Harsanyi-Selten linear
tracing procedure for two-player games.

The selection functions take a game and a collection of equilibria (an
:class:`~gametheory.solvers.EquilibriumResult`, a list of
:class:`~gametheory.solvers.Equilibrium` objects, or a list of pure or mixed profiles),
check that each one is a Nash equilibrium of the game, and return the selected ones as
:class:`~gametheory.solvers.Equilibrium` objects (certified by
:func:`gametheory.concepts.max_regret`) in the order given:

* :func:`payoff_dominant`: those no other *listed equilibrium* payoff-dominates;
* :func:`pareto_undominated`: those no *outcome of the game* Pareto-dominates;
* :func:`max_welfare`: those of largest utilitarian, egalitarian or Nash welfare;
* :func:`risk_dominant`: those no other listed equilibrium risk-dominates (Harsanyi and
  Selten 1988, *A General Theory of Equilibrium Selection in Games*).

Worked example, the stag hunt: (S, S) pays (4, 4) and is payoff-dominant, (H, H) pays
(3, 3) and is risk-dominant, and the tracing procedure from the uniform prior ends at
(H, H)::

    >>> from gametheory.games import catalog
    >>> from gametheory.solvers import pure
    >>> g = catalog.get("stag-hunt")
    >>> eqs = pure(g)
    >>> [e.pure_profile for e in payoff_dominant(g, eqs)]
    [(0, 0)]
    >>> [e.pure_profile for e in risk_dominant(g, eqs)]
    [(1, 1)]
    >>> tracing_procedure(g).pure_profile
    (1, 1)

The linear tracing procedure (Harsanyi 1975, "The tracing procedure", *Int. J. Game
Theory* 4; Harsanyi and Selten 1988, ch. 4) starts from a *prior* ``(p_1, p_2)``, the
players' common belief about how the others will play.  For ``t`` in ``[0, 1]`` it
considers the game ``G^t`` in which each player's payoff is ``t u_i(s_i, s_j) + (1 - t)
u_i(s_i, p_j)``: at ``t = 0`` each player best-responds to the prior, at ``t = 1`` the
game is the original one.  For a generic prior the equilibria of ``G^t`` contain a unique
path from the best reply to the prior at ``t = 0`` to an equilibrium at ``t = 1``, the
*selected* equilibrium.  We follow it exactly by complementary pivoting, the method of
von Stengel, van den Elzen and Talman (2002, "Computing normal form perfect equilibria for
extensive two-person games", *Econometrica* 70(2)), who show that Lemke's algorithm with a
covering vector derived from the prior traces this path.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np
from numba import njit

from .._errors import (InvalidOptionError, InvalidProfileError, SolverError, UnknownNameError,
                       UnsupportedGameError)
from ..concepts._pareto import is_pareto_dominated
from ..concepts._security import security_levels
from ..concepts._selection import risk_dominance
from ..concepts._welfare import egalitarian_welfare, nash_welfare, utilitarian_welfare
from ..games._normal_form import NormalFormGame, as_mixed_profile, is_pure_profile
from ._result import Equilibrium, EquilibriumResult

__all__ = ["payoff_dominant", "pareto_undominated", "max_welfare", "risk_dominant",
           "tracing_procedure", "bicentric_prior"]

#: Default tolerance (relative to the largest absolute payoff) for "is an equilibrium".
_REGRET_TOL = 1e-6


# ---------------------------------------------------------------------------- inputs
def _check_game(game, what: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{what} needs a NormalFormGame, got "
                                   f"{type(game).__name__}")


def _scale(game: NormalFormGame) -> float:
    return max(1.0, float(np.abs(game.payoff_array).max()))


def _as_equilibria(game: NormalFormGame, equilibria, regret_tol: float,
                   what: str) -> list[Equilibrium]:
    """Validate the equilibria and certify each against ``game``."""
    _check_game(game, what)
    if isinstance(equilibria, EquilibriumResult):
        items = list(equilibria.equilibria)
    elif isinstance(equilibria, Equilibrium):
        items = [equilibria]
    else:
        if isinstance(equilibria, (str, bytes)) or not hasattr(equilibria, "__iter__"):
            raise InvalidProfileError(f"{what} needs a list of equilibria (profiles, "
                                      f"Equilibrium objects or an EquilibriumResult), got "
                                      f"{equilibria!r}")
        items = list(equilibria)
        if items and is_pure_profile(items):
            raise InvalidProfileError(f"{what} needs a list of profiles; to pass one pure "
                                      f"profile, wrap it in a list: [{items!r}]")
    if not (regret_tol >= 0):
        raise InvalidOptionError(f"regret_tol must be a non-negative number, got {regret_tol!r}")
    limit = regret_tol * _scale(game)
    out = []
    for k, e in enumerate(items):
        exact = None
        if isinstance(e, Equilibrium):
            exact = e.exact
            e = e.strategies
        strategies = as_mixed_profile(game, e)
        eq = Equilibrium.certify(game, strategies, exact=exact)
        if eq.max_regret > limit:
            raise InvalidProfileError(
                f"item {k} given to {what} is not a Nash equilibrium of this game: a "
                f"player gains {eq.max_regret:.3g} by deviating (allowed: {limit:.3g}; "
                "raise regret_tol for approximate equilibria)")
        out.append(eq)
    return out


# ---------------------------------------------------------------------------- payoffs
def payoff_dominant(game: NormalFormGame, equilibria, *, tol: float = 1e-9,
                    regret_tol: float = _REGRET_TOL) -> list[Equilibrium]:
    """The listed equilibria that no other listed equilibrium payoff-dominates.

    ``e`` payoff-dominates ``f`` when every player's expected payoff is at least as high
    at ``e`` and someone's is higher (Pareto dominance between the two equilibria, as
    :func:`gametheory.concepts.payoff_dominates`; differences within ``tol`` times the
    largest absolute payoff are ties).  Only the *listed* equilibria are compared, so the
    result depends on the list: pass every equilibrium (e.g. from an enumeration whose
    ``complete`` is True) to get the payoff-undominated equilibria of the game.  When one
    equilibrium payoff-dominates all others (Harsanyi and Selten's payoff-dominant
    equilibrium), it is the only one returned.  Equilibria with equal payoffs are kept
    together.  Compare :func:`pareto_undominated`, which compares against every outcome.

    Parameters
    ----------
    game : NormalFormGame
    equilibria : EquilibriumResult, Equilibrium, or sequence of profiles / Equilibrium
    tol : float
        Payoff differences within ``tol * max(1, max |payoff|)`` count as ties.
    regret_tol : float
        Each item must be a Nash equilibrium up to a regret of ``regret_tol * max(1, max
        |payoff|)``.

    Returns
    -------
    list of Equilibrium
        In the order given, each re-certified against ``game``.

    Raises
    ------
    InvalidProfileError
        An item that does not fit the game or is not an equilibrium.
    UnsupportedGameError
        Not a normal-form game.

    Examples
    --------
    Battle of the sexes: the two pure equilibria pay (2, 1) and (1, 2), so neither
    dominates the other, and both dominate the mixed one, which pays (2/3, 2/3):

    >>> from gametheory.games import catalog
    >>> g = catalog.get("battle-of-the-sexes")
    >>> eqs = [[0, 0], [1, 1], [[2/3, 1/3], [1/3, 2/3]]]
    >>> [e.pure_profile for e in payoff_dominant(g, eqs)]
    [(0, 0), (1, 1)]
    """
    eqs = _as_equilibria(game, equilibria, regret_tol, "payoff_dominant")
    if not eqs:
        return []
    U = np.array([e.payoffs for e in eqs])                     # (K, n)
    t = tol * _scale(game)
    keep = []
    for k in range(len(eqs)):
        d = U - U[k]                                           # every j against k
        dominated = np.all(d >= -t, axis=1) & np.any(d > t, axis=1)
        dominated[k] = False
        if not dominated.any():
            keep.append(eqs[k])
    return keep


def pareto_undominated(game: NormalFormGame, equilibria, *, by: str = "pure",
                       tol: float = 1e-9, regret_tol: float = _REGRET_TOL
                       ) -> list[Equilibrium]:
    """The listed equilibria whose payoffs no *outcome of the game* Pareto-dominates.

    Unlike :func:`payoff_dominant`, which compares the equilibria with each other, this
    compares each equilibrium with every outcome: every pure profile (``by="pure"``) or
    every lottery over pure profiles, i.e. every point of the convex hull of the payoff
    vectors (``by="correlated"``, one LP per equilibrium).  See
    :func:`gametheory.concepts.is_pareto_dominated`.

    Parameters
    ----------
    game : NormalFormGame
    equilibria : EquilibriumResult, Equilibrium, or sequence of profiles / Equilibrium
    by : {"pure", "correlated"}
    tol, regret_tol : float
        As in :func:`payoff_dominant`.

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    UnknownNameError
        An unknown ``by``.
    InvalidProfileError, UnsupportedGameError
        As :func:`payoff_dominant`.

    Examples
    --------
    The only equilibrium of the prisoner's dilemma is Pareto-dominated by (C, C), so
    nothing survives, although it is trivially payoff-dominant among the equilibria:

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> pareto_undominated(pd, [["D", "D"]]), len(payoff_dominant(pd, [["D", "D"]]))
    ([], 1)
    """
    if by not in ("pure", "correlated"):
        raise UnknownNameError(f"by must be 'pure' or 'correlated', not {by!r}")
    eqs = _as_equilibria(game, equilibria, regret_tol, "pareto_undominated")
    return [e for e in eqs if not is_pareto_dominated(game, e.strategies, by=by, tol=tol)]


_WELFARE_KINDS = ("utilitarian", "egalitarian", "nash")


def max_welfare(game: NormalFormGame, equilibria, kind: str = "utilitarian", *,
                disagreement=None, tol: float = 1e-9, regret_tol: float = _REGRET_TOL
                ) -> list[Equilibrium]:
    """The listed equilibria of largest welfare.

    Parameters
    ----------
    game : NormalFormGame
    equilibria : EquilibriumResult, Equilibrium, or sequence of profiles / Equilibrium
    kind : {"utilitarian", "egalitarian", "nash"}
        Total payoff, smallest payoff, or Nash product ``prod_i (u_i - d_i)``
        (see :mod:`gametheory.concepts`).
    disagreement : float or array_like, optional
        Disagreement point ``d`` of the Nash product; default each player's mixed
        security level (maximin value), below which no equilibrium pays.
    tol : float
        Welfare values within ``tol * max(1, |best|)`` of the best tie (all are kept).
    regret_tol : float
        As in :func:`payoff_dominant`.

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    UnknownNameError
        An unknown ``kind``.
    InvalidProfileError, UnsupportedGameError
        As :func:`payoff_dominant`; ``disagreement`` with ``kind`` other than ``"nash"``
        raises :class:`ValueError`.

    Examples
    --------
    Battle of the sexes: both pure equilibria have total payoff 3 and smallest payoff 1,
    the mixed one 4/3 and 2/3; with the security levels (2/3, 2/3) as disagreement point
    the pure ones have Nash product 4/9 and the mixed one 0:

    >>> from gametheory.games import catalog
    >>> g = catalog.get("battle-of-the-sexes")
    >>> eqs = [[0, 0], [[2/3, 1/3], [1/3, 2/3]], [1, 1]]
    >>> [e.pure_profile for e in max_welfare(g, eqs, "nash")]
    [(0, 0), (1, 1)]
    """
    if kind not in _WELFARE_KINDS:
        raise UnknownNameError(f"unknown welfare kind {kind!r}; choose from "
                               + ", ".join(_WELFARE_KINDS))
    if disagreement is not None and kind != "nash":
        raise InvalidOptionError("a disagreement point only applies to kind='nash'")
    eqs = _as_equilibria(game, equilibria, regret_tol, "max_welfare")
    if not eqs:
        return []
    U = np.array([e.payoffs for e in eqs])
    if kind == "utilitarian":
        W = utilitarian_welfare(U)
    elif kind == "egalitarian":
        W = egalitarian_welfare(U)
    else:
        if disagreement is None:
            disagreement = [r.value for r in security_levels(game)]
            # an equilibrium pays at least the security level; clip round-off below it
            U = np.maximum(U, np.asarray(disagreement)[None, :])
        W = nash_welfare(U, disagreement)
    W = np.atleast_1d(np.asarray(W, dtype=np.float64))
    best = float(W.max())
    if np.isfinite(best):
        mask = W >= best - tol * max(1.0, abs(best))
    else:
        mask = W == best
    return [e for e, ok in zip(eqs, mask) if ok]


# ---------------------------------------------------------------------------- risk
def bicentric_prior(game: NormalFormGame, eq1, eq2) -> list[np.ndarray]:
    """Harsanyi and Selten's bicentric prior of two equilibria of a two-player game.

    Player ``i``'s prior strategy is its best reply to the opponent playing ``eq1`` with
    probability ``z`` and ``eq2`` otherwise, averaged over ``z`` uniform on ``[0, 1]``:
    ``p_i(a) = |{z : a is i's best reply to z eq1_j + (1 - z) eq2_j}|``.  Each best-reply
    interval is found exactly from the upper envelope of the (linear in ``z``) action
    values; where several actions tie over an interval, its length is split equally.

    Raises
    ------
    UnsupportedGameError
        Not a two-player normal-form game.
    InvalidProfileError
        A profile that does not fit the game.

    Examples
    --------
    Stag hunt, (S, S) against (H, H): S is the best reply only when the other hunts stag
    with probability above 3/4, so each player's prior puts 1/4 on S:

    >>> from gametheory.games import catalog
    >>> [p.tolist() for p in bicentric_prior(catalog.get("stag-hunt"), [0, 0], [1, 1])]
    [[0.25, 0.75], [0.25, 0.75]]
    """
    _check_two_players(game, "bicentric_prior")
    e = as_mixed_profile(game, eq1)
    f = as_mixed_profile(game, eq2)
    t = 1e-12 * _scale(game)
    out = []
    for i in range(2):
        j = 1 - i
        P = game.payoffs[0] if i == 0 else game.payoffs[1].T   # own action first
        ve, vf = P @ e[j], P @ f[j]                            # values at z = 1 and z = 0
        slope = ve - vf
        # crossing points of every pair of lines inside (0, 1)
        ds = slope[:, None] - slope[None, :]
        dv = vf[None, :] - vf[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = dv / ds
        z = z[np.isfinite(z) & (z > 0) & (z < 1)]
        grid = np.unique(np.concatenate([[0.0, 1.0], z]))
        lengths = np.diff(grid)
        mids = (grid[:-1] + grid[1:]) / 2
        vals = vf[None, :] + mids[:, None] * slope[None, :]       # (intervals, m_i)
        best = vals.max(axis=1, keepdims=True)
        ties = vals >= best - t
        p = (ties / ties.sum(axis=1, keepdims=True) * lengths[:, None]).sum(axis=0)
        out.append(p / p.sum())
    return out


def _check_two_players(game, what: str) -> None:
    _check_game(game, what)
    if game.num_players != 2:
        raise UnsupportedGameError(f"{what} is implemented for two-player games; this game "
                                   f"has {game.num_players} players")


def _same(a, b, atol=1e-6) -> bool:
    return all(np.abs(np.asarray(x) - np.asarray(y)).max() <= atol for x, y in zip(a, b))


def _risk_by_tracing(game, e: Equilibrium, f: Equilibrium) -> int:
    prior = bicentric_prior(game, e.strategies, f.strategies)
    try:
        sel = tracing_procedure(game, prior)
    except _DegenerateTracing:
        return 0
    if _same(sel.strategies, e.strategies):
        return 1
    if _same(sel.strategies, f.strategies):
        return -1
    return 0


def risk_dominant(game: NormalFormGame, equilibria, *, method: str = "auto",
                  tol: float = 1e-9, regret_tol: float = _REGRET_TOL) -> list[Equilibrium]:
    """The listed equilibria of a two-player game that no other listed equilibrium
    risk-dominates (Harsanyi and Selten 1988).

    Two criteria decide whether ``e`` risk-dominates ``f``:

    * ``"deviation-loss"``: the Nash product of deviation losses is larger at ``e``
      (:func:`gametheory.concepts.risk_dominance`); defined for strict pure equilibria and
      Harsanyi and Selten's definition in 2x2 games (in larger games it compares the 2x2
      game spanned by the two equilibria);
    * ``"tracing"``: the linear tracing procedure started from the bicentric prior of
      ``e`` and ``f`` (:func:`bicentric_prior`) ends at ``e``.  This is Harsanyi and
      Selten's general definition, applied to the whole game (they apply it within the
      smallest formation containing both equilibria); in 2x2 games it agrees with the
      deviation-loss criterion.  When the tracing path is not unique or ends at a third
      equilibrium, neither risk-dominates the other.

    ``"auto"`` uses the deviation-loss product for pairs of strict pure equilibria of a
    2x2 game and the tracing procedure otherwise.

    Risk dominance need not be transitive when there are more than two equilibria, so the
    result may be empty (a cycle); with two equilibria it holds the risk-dominant one, or
    both when neither dominates.

    Parameters
    ----------
    game : NormalFormGame
        Two players.
    equilibria : EquilibriumResult, Equilibrium, or sequence of profiles / Equilibrium
    method : {"auto", "deviation-loss", "tracing"}
    tol : float
        Passed to :func:`gametheory.concepts.risk_dominance` (products within ``tol`` times
        the squared payoff scale are equal).
    regret_tol : float
        As in :func:`payoff_dominant`.

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    UnsupportedGameError
        Not a two-player game, or ``method="deviation-loss"`` with a mixed or non-strict
        equilibrium.
    UnknownNameError
        An unknown ``method``.
    InvalidProfileError
        An item that does not fit the game or is not an equilibrium.

    Examples
    --------
    Battle of the sexes: the two pure equilibria have equal deviation-loss products
    (2 and 2), so neither risk-dominates the other:

    >>> from gametheory.games import catalog
    >>> g = catalog.get("battle-of-the-sexes")
    >>> [e.pure_profile for e in risk_dominant(g, [[0, 0], [1, 1]])]
    [(0, 0), (1, 1)]
    """
    key = str(method).strip().lower().replace("_", "-")
    if key not in ("auto", "deviation-loss", "tracing"):
        raise UnknownNameError(f"unknown risk-dominance method {method!r}; choose from "
                               "auto, deviation-loss, tracing")
    _check_two_players(game, "risk_dominant")
    eqs = _as_equilibria(game, equilibria, regret_tol, "risk_dominant")
    K = len(eqs)
    two_by_two = game.num_actions == (2, 2)
    dominated = [False] * K
    for a in range(K):
        for b in range(a + 1, K):
            e, f = eqs[a], eqs[b]
            use_loss = key == "deviation-loss"
            if key == "auto" and two_by_two and e.is_pure and f.is_pure:
                try:
                    r = risk_dominance(game, e.strategies, f.strategies, tol=tol)
                except UnsupportedGameError:   # not strict: fall back to tracing
                    r = _risk_by_tracing(game, e, f)
            elif use_loss:
                r = risk_dominance(game, e.strategies, f.strategies, tol=tol)
            else:
                r = _risk_by_tracing(game, e, f)
            if r > 0:
                dominated[b] = True
            elif r < 0:
                dominated[a] = True
    return [e for e, d in zip(eqs, dominated) if not d]


# ---------------------------------------------------------------------------- tracing
class _DegenerateTracing(UnsupportedGameError):
    """The linear tracing path from this prior is not unique (a non-generic prior)."""


_OK, _TIE, _RAY, _MAX_ITER = 0, 1, 2, 3


@njit(cache=True)
def _pivot(T, row, col):  # pragma: no cover - compiled
    nr, nc = T.shape
    piv = T[row, col]
    for k in range(nc):
        T[row, k] /= piv
    for i in range(nr):
        if i == row:
            continue
        f = T[i, col]
        if f != 0.0:
            for k in range(nc):
                T[i, k] -= f * T[row, k]


@njit(cache=True)
def _tracing_kernel(T, basis, entering, half, z0_var, free1, free2, ncols, max_iter,
                    tie_tol, piv_tol, stop_on_tie, record):  # pragma: no cover - compiled
    """Complementary pivoting on the tableau ``T = B^-1 [M | I | rhs]``.

    Variables ``0 .. half-1`` (the strategies) are complementary to ``half .. 2 half - 1``
    (their slacks); ``z0_var`` is the homotopy variable ``1 - t``; ``free1``/``free2``
    (the best-reply values) are free and never leave.  The lexicographic ratio test uses
    the columns of ``B^-1`` (the ``I`` block).  Stops when ``z0`` leaves (``t = 1``).
    Returns ``(status, pivots, z0 at a tie, recorded rhs, recorded bases)``."""
    nr = T.shape[0]
    rhs = T.shape[1] - 1
    nrec = max_iter + 1 if record else 1
    rec_rhs = np.zeros((nrec, nr))
    rec_basis = np.zeros((nrec, nr), dtype=np.int64)
    if record:
        rec_rhs[0, :] = T[:, rhs]
        rec_basis[0, :] = basis
    cand = np.empty(nr, dtype=np.int64)
    tie_z0 = np.nan
    status = _MAX_ITER
    k = 0
    while k < max_iter:
        # ratio test over rows with a positive entry, free variables excluded
        nc = 0
        best = np.inf
        for i in range(nr):
            if basis[i] == free1 or basis[i] == free2:
                continue
            if T[i, entering] > piv_tol:
                r = T[i, rhs] / T[i, entering]
                cand[nc] = i
                nc += 1
                if r < best:
                    best = r
        if nc == 0:
            status = _RAY
            break
        # rows attaining the minimum ratio (within the tie tolerance)
        m = 0
        for c in range(nc):
            i = cand[c]
            if T[i, rhs] / T[i, entering] <= best + tie_tol * (1.0 + abs(best)):
                cand[m] = i
                m += 1
        # z0 reaching 0 ends the path (t = 1): it leaves first, whatever else ties
        zrow = -1
        for c in range(m):
            if basis[cand[c]] == z0_var:
                zrow = cand[c]
        if zrow >= 0:
            cand[0] = zrow
            m = 1
        if m > 1 and np.isnan(tie_z0):
            for i in range(nr):
                if basis[i] == z0_var:
                    tie_z0 = T[i, rhs] - best * T[i, entering]
            if stop_on_tie:
                status = _TIE
                break
        # lexicographic tie-break on the columns of B^-1
        col = ncols
        while m > 1 and col < ncols + nr:
            lo = np.inf
            for c in range(m):
                i = cand[c]
                v = T[i, col] / T[i, entering]
                if v < lo:
                    lo = v
            mm = 0
            for c in range(m):
                i = cand[c]
                if T[i, col] / T[i, entering] <= lo + 1e-12 * (1.0 + abs(lo)):
                    cand[mm] = i
                    mm += 1
            m = mm
            col += 1
        row = cand[0]
        leaving = basis[row]
        _pivot(T, row, entering)
        basis[row] = entering
        k += 1
        if record:
            rec_rhs[k, :] = T[:, rhs]
            rec_basis[k, :] = basis
        if leaving == z0_var:
            status = _OK
            break
        entering = leaving + half if leaving < half else leaving - half
    return status, k, tie_z0, rec_rhs[:k + 1] if record else rec_rhs, \
        rec_basis[:k + 1] if record else rec_basis


def _best_reply(values: np.ndarray, tol: float, lexicographic: bool) -> tuple[int, bool]:
    """Index of the best entry and whether it ties with another (within ``tol``).  Under
    the lexicographic perturbation the last tied index wins."""
    top = values.max()
    ties = np.flatnonzero(values >= top - tol)
    return (int(ties[-1]) if lexicographic else int(ties[0])), len(ties) > 1


def _trace(game: NormalFormGame, prior, *, degenerate: str = "raise",
           max_iter: int | None = None, record: bool = False):
    """Run the tracing procedure; return ``(x, y, pivots, path)`` where ``path`` (when
    ``record``) is a list of ``(t, x_t, y_t)`` at the vertices of the path."""
    A = np.asarray(game.payoffs[0], dtype=np.float64)
    B = np.asarray(game.payoffs[1], dtype=np.float64)
    scale = max(float(np.abs(A).max()), float(np.abs(B).max()))
    if scale > 0:
        A, B = A / scale, B / scale
    m, n = A.shape
    p, q = prior
    lex = degenerate == "lexicographic"
    Aq, Bp = A @ q, B.T @ p
    a_star, tie_a = _best_reply(Aq, 1e-12, lex)
    b_star, tie_b = _best_reply(Bp, 1e-12, lex)
    if (tie_a or tie_b) and not lex:
        who = game.players[0] if tie_a else game.players[1]
        raise _DegenerateTracing(
            f"the tracing procedure is not defined for this prior: {who} has several best "
            "replies to it (a non-generic prior; perturb it slightly, or pass "
            "degenerate='lexicographic')")
    # columns: x' (m) | y' (n) | r (m) | s (n) | z0 | u | v
    nv = 2 * (m + n) + 3
    z0, u, v = 2 * (m + n), 2 * (m + n) + 1, 2 * (m + n) + 2
    nr = m + n + 2
    M = np.zeros((nr, nv))
    M[:m, m:m + n] = A
    M[m:m + n, :m] = B.T
    M[:m, m + n:2 * m + n] = np.eye(m)
    M[m:m + n, 2 * m + n:2 * (m + n)] = np.eye(n)
    M[:m, z0] = Aq
    M[m:m + n, z0] = Bp
    M[:m, u] = -1.0
    M[m:m + n, v] = -1.0
    M[m + n, :m] = 1.0
    M[m + n, z0] = 1.0
    M[m + n + 1, m:m + n] = 1.0
    M[m + n + 1, z0] = 1.0
    rhs = np.zeros(nr)
    rhs[m + n:] = 1.0
    basis = [u, v, z0, a_star]
    basis += [m + n + a for a in range(m) if a != a_star]
    basis += [2 * m + n + b for b in range(n) if b != b_star]
    basis = np.array(basis, dtype=np.int64)
    Bmat = M[:, basis]
    try:
        T = np.linalg.solve(Bmat, np.hstack([M, np.eye(nr), rhs[:, None]]))
    except np.linalg.LinAlgError:  # pragma: no cover - the start basis is never singular
        raise SolverError("tracing procedure: singular starting basis") from None
    T = np.ascontiguousarray(T)
    if max_iter is None:
        max_iter = 100 * (m + n) ** 2
    status, pivots, tie_z0, rec_rhs, rec_basis = _tracing_kernel(
        T, basis, m + b_star, m + n, z0, u, v, nv, int(max_iter), 1e-9, 1e-11,
        not lex, record)
    if status == _TIE:
        raise _DegenerateTracing(
            "the linear tracing path from this prior is not unique: it reaches a point "
            f"where several branches meet (at t = {1 - tie_z0:.6g}); the prior is not "
            "generic for this game (perturb it slightly, or pass "
            "degenerate='lexicographic')")
    if status == _MAX_ITER:
        raise SolverError(f"tracing procedure: no equilibrium after {pivots} pivots "
                          f"(max_iter={max_iter})")
    if status == _RAY:  # pragma: no cover - the polytope is bounded
        raise SolverError("tracing procedure: the path left the polytope (numerical "
                          "trouble)")

    def point(values, bas):
        x = np.zeros(m)
        y = np.zeros(n)
        zz = 0.0
        for val, var in zip(values, bas):
            if var < m:
                x[var] = val
            elif var < m + n:
                y[var - m] = val
            elif var == z0:
                zz = val
        return x, y, zz

    x, y, _ = point(T[:, -1], basis)
    path = []
    if record:
        for k in range(len(rec_rhs)):
            xk, yk, zk = point(rec_rhs[k], rec_basis[k])
            t = 1.0 - zk
            if t > 1e-12:
                xk, yk = xk / t, yk / t
            else:   # at t = 0 the strategies are the best replies to the prior
                t, xk, yk = 0.0, np.eye(m)[a_star], np.eye(n)[b_star]
            path.append((t, xk, yk))
    x = np.clip(x, 0.0, None)
    y = np.clip(y, 0.0, None)
    return x / x.sum(), y / y.sum(), pivots, path


def _resolve_on_support(game: NormalFormGame, x: np.ndarray, y: np.ndarray):
    """Recompute the equilibrium with the supports of ``(x, y)`` by solving the
    indifference equations (least squares when the supports differ in size)."""
    A, B = game.payoffs
    Sx = np.flatnonzero(x > 1e-12)
    Sy = np.flatnonzero(y > 1e-12)
    out = []
    # y makes the row player indifferent on Sx: A[Sx][:, Sy] y_S = u, sum y_S = 1
    for S_own, S_opp, Mx in ((Sx, Sy, A), (Sy, Sx, B.T)):
        K = len(S_opp)
        lhs = np.zeros((len(S_own) + 1, K + 1))
        lhs[:len(S_own), :K] = Mx[np.ix_(S_own, S_opp)]
        lhs[:len(S_own), K] = -1.0
        lhs[-1, :K] = 1.0
        b = np.zeros(len(S_own) + 1)
        b[-1] = 1.0
        sol = np.linalg.lstsq(lhs, b, rcond=None)[0]
        full = np.zeros(Mx.shape[1])
        full[S_opp] = np.clip(sol[:K], 0.0, None)
        out.append(full / full.sum() if full.sum() > 0 else full)
    y2, x2 = out
    return x2, y2


def tracing_procedure(game: NormalFormGame, prior=None, *, degenerate: str = "raise",
                      max_iter: int | None = None, tol: float = 1e-9) -> Equilibrium:
    """The equilibrium of a two-player game selected by the Harsanyi-Selten linear
    tracing procedure from ``prior``.

    For ``t`` from 0 to 1 each player best-responds to ``t * (the opponent's strategy) +
    (1 - t) * (the prior's strategy of the opponent)``; the procedure follows the path of
    these equilibria from the best replies to the prior (``t = 0``) to a Nash equilibrium
    of the game (``t = 1``), Harsanyi (1975).

    **What is implemented.**  The path is followed exactly, vertex by vertex, by
    complementary pivoting on the system ``A y' + z0 A q + r = u 1``, ``B^T x' + z0 B^T p
    + s = v 1``, ``1^T x' + z0 = 1^T y' + z0 = 1``, ``x' . r = y' . s = 0``, in which ``z0 =
    1 - t`` and ``x' = t x``, ``y' = t y`` (von Stengel, van den Elzen and Talman 2002:
    Lemke's algorithm with the prior as covering vector traces the linear tracing path).
    The path may turn back in ``t``; that is part of the procedure.  The polytope is
    bounded, so the path cannot escape, and with a lexicographic pivoting rule it cannot
    cycle: it ends at an equilibrium.

    **Guarantees.**  For a generic prior the tracing path is unique and this function
    returns its end point, certified by :func:`gametheory.concepts.max_regret` (the
    supports found by pivoting are re-solved if round-off leaves a regret above ``tol``).
    When the path is not unique, because the prior has tied best replies or the path
    meets a point where several branches start (the ratio test ties), the procedure is
    not defined (Harsanyi and Selten then use the logarithmic tracing procedure, which
    is not implemented here): ``degenerate="raise"`` raises, and
    ``degenerate="lexicographic"`` follows the branch that a lexicographic perturbation of
    the payoffs selects (a documented, deterministic choice, not Harsanyi-Selten's).

    Parameters
    ----------
    game : NormalFormGame
        Two players.
    prior : mixed profile, optional
        The players' prior strategies ``(p, q)``; default uniform (the centroid).
    degenerate : {"raise", "lexicographic"}
    max_iter : int, optional
        Pivot cap; default ``100 (m + n)^2``.
    tol : float
        Certificate tolerance, relative to ``max(1, max |payoff|)``.

    Returns
    -------
    Equilibrium

    Raises
    ------
    UnsupportedGameError
        Not a two-player game, or (``degenerate="raise"``) a prior for which the path is
        not unique.
    InvalidProfileError
        A prior that does not fit the game.
    SolverError
        The pivot cap is reached or the end point fails its certificate.

    Examples
    --------
    Stag hunt from the uniform prior: against a 50-50 hunter, hare pays 3 and stag 2,
    and (H, H) stays an equilibrium all along the path:

    >>> from gametheory.games import catalog
    >>> tracing_procedure(catalog.get("stag-hunt")).pure_profile
    (1, 1)

    The prisoner's dilemma ends at (D, D) from any prior:

    >>> tracing_procedure(catalog.get("prisoners-dilemma"), [[1, 0], [1, 0]]).pure_profile
    (1, 1)
    """
    _check_two_players(game, "tracing_procedure")
    if degenerate not in ("raise", "lexicographic"):
        raise UnknownNameError(f"degenerate must be 'raise' or 'lexicographic', not "
                               f"{degenerate!r}")
    if max_iter is not None and (not isinstance(max_iter, Integral) or max_iter < 1):
        raise InvalidOptionError(f"max_iter must be a positive integer, got {max_iter!r}")
    if prior is None:
        prior = [np.full(m, 1.0 / m) for m in game.num_actions]
    prior = as_mixed_profile(game, prior)
    prior = [s / s.sum() for s in prior]
    x, y, _, _ = _trace(game, prior, degenerate=degenerate, max_iter=max_iter)
    eq = Equilibrium.certify(game, [x, y])
    limit = tol * _scale(game)
    if eq.max_regret > limit:
        eq2 = Equilibrium.certify(game, _resolve_on_support(game, x, y))
        if eq2.max_regret < eq.max_regret:
            eq = eq2
    if eq.max_regret > limit:
        raise SolverError(f"tracing procedure ended at a profile with max regret "
                          f"{eq.max_regret:.3g} > {limit:.3g} (numerical trouble)")
    return eq
