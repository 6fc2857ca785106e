"""Equilibrium selection among equilibria already found, and the Harsanyi-Selten tracing
procedure (linear for two-player games, logarithmic for any number of players).

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
covering vector derived from the prior traces this path.  Where the linear path is not
unique (tied best replies, branching points), Harsanyi and Selten use the logarithmic
tracing procedure, which adds ``alpha (1 - t) sum_k log s_ik`` to every payoff: its path is
smooth and, for almost every game, unique; we follow it by predictor-corrector
continuation and take ``alpha`` towards 0 (see :func:`tracing_procedure`).
"""

from __future__ import annotations

import logging
from numbers import Integral, Real

import numpy as np
from numba import njit

from .._errors import (InvalidOptionError, InvalidProfileError, SolverError, UnknownNameError,
                       UnsupportedGameError)
from ..concepts._pareto import is_pareto_dominated
from ..concepts._security import security_levels
from ..concepts._selection import risk_dominance
from ..concepts._welfare import egalitarian_welfare, nash_welfare, utilitarian_welfare
from ..games._normal_form import NormalFormGame, as_mixed_profile, is_pure_profile
from ._nplayer_core import (action_values, flat_game, pair_values, ranked_refine,
                            solve_inplace, split_profile)
from ._nplayer_logit import _tangent
from ._result import Equilibrium, EquilibriumResult

__all__ = ["payoff_dominant", "pareto_undominated", "max_welfare", "risk_dominant",
           "tracing_procedure", "bicentric_prior"]

logger = logging.getLogger(__name__)

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
    sel = tracing_procedure(game, prior)   # linear, logarithmic where that is not unique
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
      deviation-loss criterion.  Where the linear tracing path is not unique the
      logarithmic one decides (:func:`tracing_procedure` with ``method="auto"``, as
      Harsanyi and Selten do); when it ends at a third equilibrium, neither
      risk-dominates the other.

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


# ---------------------------------------------------------------------------- logarithmic
_LOG_OK, _LOG_NEAR_END, _LOG_MAX_STEPS, _LOG_STEP_FAILED = 0, 1, 2, 3

#: Default sequence of barrier weights (in units of the payoff range) whose end points
#: approximate the limit ``alpha -> 0``; tracing stops once two successive ones agree.
_LOG_ALPHAS = (1e-3, 1e-4, 1e-5, 1e-6)


@njit(cache=True)
def _log_residual_jacobian(Pn, shape, offs, W, alpha, z, V, Q, H, DH):  # pragma: no cover
    """The logarithmic tracing system at ``z = (x, lambda, t)`` and its Jacobian.

    Rows ``k`` (one per action of player ``j``): ``x_k g_k - alpha (1 - t) = 0`` with
    ``g_k = lambda_j - t u_j(k, x_-j) - (1 - t) u_j(k, p_-j)``; rows ``M + j``: ``sum_k x_jk
    = 1``.  ``DH`` is ``(M + n) x (M + n + 1)``, the last column d/dt; ``V``, ``Q`` receive
    the action and pair values at ``x``."""
    n = shape.shape[0]
    M = offs[n]
    E = M + n
    t = z[E]
    x = z[:M]
    action_values(Pn, shape, offs, x, V)
    pair_values(Pn, shape, offs, x, Q)
    DH[:, :] = 0.0
    for j in range(n):
        lam = z[M + j]
        s = -1.0
        for k in range(offs[j], offs[j + 1]):
            g = lam - t * V[k] - (1.0 - t) * W[k]
            H[k] = x[k] * g - alpha * (1.0 - t)
            DH[k, k] = g
            DH[k, M + j] = x[k]
            for i in range(n):
                if i == j:
                    continue
                for h in range(offs[i], offs[i + 1]):
                    DH[k, h] = -x[k] * t * Q[k, h]
            DH[k, E] = x[k] * (W[k] - V[k]) + alpha
            s += x[k]
            DH[M + j, k] = 1.0
        H[M + j] = s


@njit(cache=True)
def _log_interior(shape, offs, W, z, V):  # pragma: no cover - compiled
    """Whether every probability and every slack ``g_k`` is positive at ``z`` (``V`` are
    the action values at ``z``'s strategies): the log-barrier equilibria are interior."""
    n = shape.shape[0]
    M = offs[n]
    t = z[M + n]
    for j in range(n):
        for k in range(offs[j], offs[j + 1]):
            if z[k] <= 0.0 or z[M + j] - t * V[k] - (1.0 - t) * W[k] <= 0.0:
                return False
    return True


@njit(cache=True)
def _log_newton(Pn, shape, offs, W, alpha, z, tang, fix_t, V, Q, H, DH, A,
                b):  # pragma: no cover - compiled
    """Newton's method from ``z`` (in place) on the system plus, unless ``fix_t``, the
    pseudo-arclength row ``tang . dz = 0``; with ``fix_t`` the last coordinate stays put.
    Returns ``(converged, iterations)``; at convergence ``V, Q, H, DH`` belong to ``z``."""
    n = shape.shape[0]
    M = offs[n]
    E = M + n
    D = E + 1
    prev = np.inf
    for it in range(10):
        _log_residual_jacobian(Pn, shape, offs, W, alpha, z, V, Q, H, DH)
        res = 0.0
        for r in range(E):
            if abs(H[r]) > res:
                res = abs(H[r])
        if res < 1e-13:
            return True, it + 1
        if it >= 2 and res > 0.5 * prev:
            return False, it + 1
        prev = res
        if fix_t:
            for r in range(E):
                for c in range(E):
                    A[r, c] = DH[r, c]
                b[r] = -H[r]
            if not solve_inplace(A, b, E):
                return False, it + 1
            for c in range(E):
                z[c] += b[c]
        else:
            for r in range(E):
                for c in range(D):
                    A[r, c] = DH[r, c]
                b[r] = -H[r]
            for c in range(D):
                A[E, c] = tang[c]
            b[E] = 0.0
            if not solve_inplace(A, b, D):
                return False, it + 1
            for c in range(D):
                z[c] += b[c]
    return False, 10


@njit(cache=True)
def _log_tracing_kernel(Pn, shape, offs, W, alpha, z, max_steps, first_step, max_step,
                        bif_step, cross_step, record, path):  # pragma: no cover - compiled
    """Follow the logarithmic tracing path from ``z = (x, lambda, 0)`` (the start, solved
    by the caller) to ``t = 1`` by predictor-corrector continuation in arclength (Allgower
    and Georg 1990): the tangent from the Jacobian augmented by the previous tangent
    (:func:`gametheory.solvers._nplayer_logit._tangent`), an Euler predictor, Newton on
    the pseudo-arclength system.  A step is retried shorter when the corrector fails or
    goes far, leaves the interior, turns sharply, or flips the orientation determinant
    (it jumped a hairpin); a flip that persists down to steps of ``bif_step`` is a simple
    bifurcation point (symmetric games), crossed straight on by one step of
    ``cross_step``: long enough that the corrector stays on the branch it came along
    rather than being led by the ill-conditioned tangent next to the bifurcation.  When
    the predictor would pass ``t = 1`` the end point is solved at ``t = 1``, where the
    equations say that ``x`` is a Nash equilibrium (complementarity).  ``z`` receives the
    last point; ``path[k]`` the accepted points when ``record``.  Returns ``(status, steps)``."""
    n = shape.shape[0]
    M = offs[n]
    E = M + n
    D = E + 1
    V = np.empty(M)
    Q = np.empty((M, M))
    H = np.empty(E)
    DH = np.empty((E, D))
    A = np.empty((D, D))
    b = np.empty(D)
    zc = np.empty(D)
    tang = np.zeros(D)
    tn = np.empty(D)
    tang[E] = 1.0
    if record:
        path[0, :] = z
    _log_residual_jacobian(Pn, shape, offs, W, alpha, z, V, Q, H, DH)
    orient = _tangent(DH, tang, A, b, E)
    if orient == 0:
        return _LOG_STEP_FAILED, 0
    h = first_step
    steps = 0
    crossing = False
    while steps < max_steps:
        # the end game: solve at t = 1 when the predictor would pass it
        if tang[E] > 0.0 and z[E] + h * tang[E] >= 1.0:
            hend = (1.0 - z[E]) / tang[E]
            for c in range(D):
                zc[c] = z[c] + hend * tang[c]
            zc[E] = 1.0
            ok, _its = _log_newton(Pn, shape, offs, W, alpha, zc, tang, True, V, Q, H, DH,
                                   A, b)
            if ok:
                # complementarity must hold with the right signs (an equilibrium)
                for j in range(n):
                    for k in range(offs[j], offs[j + 1]):
                        if zc[k] < -1e-12 or zc[M + j] - V[k] < -1e-12:
                            ok = False
            if ok:
                for c in range(D):
                    z[c] = zc[c]
                steps += 1
                if record:
                    path[steps, :] = z
                return _LOG_OK, steps
            if 1.0 - z[E] < 1e-10:
                return _LOG_NEAR_END, steps
            h = 0.5 * hend
        steps += 1
        accepted = False
        while not accepted:
            for c in range(D):
                zc[c] = z[c] + h * tang[c]
            ok, its = _log_newton(Pn, shape, offs, W, alpha, zc, tang, False, V, Q, H, DH,
                                  A, b)
            cosang = 0.0
            flip = False
            if ok:
                dist = 0.0
                for c in range(D):
                    dist += (zc[c] - z[c] - h * tang[c]) ** 2
                if np.sqrt(dist) > 0.5 * h + 1e-14 or zc[E] < 0.0 or zc[E] > 1.0:
                    ok = False
                elif not _log_interior(shape, offs, W, zc, V):
                    ok = False
            if ok:
                for c in range(D):
                    tn[c] = tang[c]
                sgn = _tangent(DH, tn, A, b, E)
                if sgn == 0:
                    ok = False
                elif sgn != orient:
                    flip = True
                    ok = crossing
                    if not ok and h <= bif_step:   # a bifurcation point: jump across it
                        crossing = True
                        h = 2.0 * cross_step   # halved below
                if ok:
                    for c in range(D):
                        cosang += tn[c] * tang[c]
                    if cosang < 0.9:
                        ok = False
            if ok:
                accepted = True
                crossing = False
                if flip:
                    orient = -orient
                for c in range(D):
                    z[c] = zc[c]
                    tang[c] = tn[c]
                if its <= 3 and cosang > 0.99:
                    h = min(2.0 * h, max_step)
                elif its >= 6:
                    h *= 0.7
            else:
                h *= 0.5
                if h < 1e-13:
                    return _LOG_STEP_FAILED, steps
        if record:
            path[steps, :] = z
    return _LOG_MAX_STEPS, steps


def _log_start(W: np.ndarray, offs: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Each player's log-barrier best reply to the prior (``t = 0``): ``x_k = alpha /
    (lambda - W_k)`` with ``lambda > max W`` making them sum to 1 (Newton's method on a
    convex decreasing function, started left of the root: monotone convergence)."""
    n = len(offs) - 1
    x = np.empty(offs[-1])
    lam = np.empty(n)
    for j in range(n):
        w = W[offs[j]:offs[j + 1]]
        la = w.max() + alpha
        for _ in range(200):
            d = la - w
            f = (alpha / d).sum() - 1.0
            la_new = la + f / (alpha / d ** 2).sum()
            if la_new == la:
                break
            la = la_new
        lam[j] = la
        xj = alpha / (la - w)
        x[offs[j]:offs[j + 1]] = xj / xj.sum()
    return x, lam


def _log_trace(game: NormalFormGame, prior, alpha: float, *, max_steps: int = 20_000,
               record: bool = False):
    """Trace the logarithmic tracing path with barrier weight ``alpha`` (in units of the
    payoff range).  Returns ``(x, status, steps, path)``: the end point (flat), the kernel
    status, the number of steps and, when ``record``, the accepted points as rows ``(t,
    x_flat)`` (``x`` in the original game's action order)."""
    P, shape, offs, _scale_ = flat_game(game)
    M = int(offs[-1])
    n = len(shape)
    spread = float(P.max() - P.min())
    prior_flat = np.concatenate([np.asarray(p, dtype=np.float64) for p in prior])
    if spread == 0.0:   # all payoffs equal: the barrier alone decides, uniform throughout
        x = np.concatenate([np.full(m, 1.0 / m) for m in shape])
        path = [(0.0, x.copy()), (1.0, x.copy())] if record else []
        return x, _LOG_OK, 0, path
    Pn = P / spread
    W = np.empty(M)
    action_values(Pn, shape, offs, prior_flat, W)
    x0, lam0 = _log_start(W, offs, alpha)
    z = np.concatenate([x0, lam0, [0.0]])
    path_arr = np.zeros((max_steps + 2 if record else 1, M + n + 1))
    status, steps = _log_tracing_kernel(Pn, shape, offs, W, float(alpha), z, int(max_steps),
                                        0.02, 0.25, 1e-2 * alpha, 1e-3, record, path_arr)
    path = [(float(r[-1]), r[:M].copy()) for r in path_arr[:steps + 1]] if record else []
    x = z[:M].copy()
    x[x < 1e-13] = 0.0   # the end point solves complementarity: round-off off the support
    for j in range(n):
        x[offs[j]:offs[j + 1]] /= x[offs[j]:offs[j + 1]].sum()
    return x, status, steps, path


def _logarithmic(game: NormalFormGame, prior, alpha, max_iter, tol: float) -> Equilibrium:
    """The end point of the logarithmic tracing procedure, polished and certified."""
    P, shape, offs, scale = flat_game(game)
    limit = tol * scale
    alphas = _LOG_ALPHAS if alpha is None else (alpha,)
    max_steps = 20_000 if max_iter is None else int(max_iter)
    prev = None
    eq = None
    for a in alphas:
        x, status, steps, _ = _log_trace(game, prior, a, max_steps=max_steps)
        if status == _LOG_MAX_STEPS:
            raise SolverError(f"logarithmic tracing procedure: t = 1 not reached after "
                              f"{steps} steps (max_iter={max_steps}, alpha={a:g})")
        if status == _LOG_STEP_FAILED:
            raise SolverError(f"logarithmic tracing procedure: the path could not be "
                              f"followed after {steps} steps (alpha={a:g}; singular or "
                              "non-generic path)")
        cand = Equilibrium.certify(game, split_profile(x, offs))
        if cand.max_regret > limit:
            xr = np.empty(offs[-1])
            reg = ranked_refine(P, shape, offs, x, limit, 30, 16, 0.05, xr)
            if reg <= limit:
                cand = Equilibrium.certify(game, split_profile(xr, offs))
        logger.debug("logarithmic tracing: alpha=%g, %d steps, status %d, regret %.3g",
                     a, steps, status, cand.max_regret)
        if cand.max_regret > limit:
            raise SolverError(f"logarithmic tracing procedure (alpha={a:g}) ended at a "
                              f"profile with max regret {cand.max_regret:.3g} > {limit:.3g}")
        eq = cand
        flat = np.concatenate(cand.strategies)
        if prev is not None and np.abs(flat - prev).max() <= 1e-6:
            break
        prev = flat
    return eq


_TRACING_METHODS = ("auto", "linear", "logarithmic")


def tracing_procedure(game: NormalFormGame, prior=None, *, method: str = "auto",
                      degenerate: str = "raise", alpha: float | None = None,
                      max_iter: int | None = None, tol: float = 1e-9) -> Equilibrium:
    """The equilibrium selected by the Harsanyi-Selten tracing procedure from ``prior``.

    For ``t`` from 0 to 1 each player best-responds to ``t * (the others' strategies) +
    (1 - t) * (the prior's strategies of the others)``; the procedure follows the path of
    these equilibria from the best replies to the prior (``t = 0``) to a Nash equilibrium
    of the game (``t = 1``), Harsanyi (1975, "The tracing procedure: a Bayesian approach to
    defining a solution for n-person noncooperative games", *Int. J. Game Theory* 4).
    Harsanyi and Selten (1988, *A General Theory of Equilibrium Selection in Games*, ch. 4)
    use this *linear* tracing procedure when its path is unique and the *logarithmic* one
    otherwise; ``method="auto"`` (the default) does the same.

    **Linear** (``method="linear"``, two players).  The path is followed exactly, vertex
    by vertex, by complementary pivoting on the system ``A y' + z0 A q + r = u 1``, ``B^T
    x' + z0 B^T p + s = v 1``, ``1^T x' + z0 = 1^T y' + z0 = 1``, ``x' . r = y' . s = 0``,
    in which ``z0 = 1 - t`` and ``x' = t x``, ``y' = t y`` (von Stengel, van den Elzen and
    Talman 2002, *Econometrica* 70: Lemke's algorithm with the prior as covering vector
    traces the linear tracing path).  The path may turn back in ``t``; that is part of the
    procedure.  The polytope is bounded and the pivoting rule lexicographic, so the path
    ends at an equilibrium.  When the path is not unique, because the prior has tied best
    replies or the path meets a point where several branches start (the ratio test ties),
    the linear procedure is not defined: ``degenerate="raise"`` raises, and
    ``degenerate="lexicographic"`` follows the branch that a lexicographic perturbation of
    the payoffs selects (a documented, deterministic choice, not Harsanyi-Selten's).

    **Logarithmic** (``method="logarithmic"``, any number of players).  Player ``i``'s
    payoff in the game ``G^t`` gets the barrier term ``alpha (1 - t) sum_k log s_ik``
    (Harsanyi 1975), which makes every best reply for ``t < 1`` unique and interior: at
    ``t = 0`` it is player ``i``'s strictly concave optimum against the prior, and for
    almost every game the interior equilibria of ``G^t`` form a unique smooth path to
    ``t = 1`` (Schanuel, Simon and Zame 1991, "The algebraic geometry of games and the
    tracing procedure"; Herings and van den Elzen 2002, "Computation of the Nash
    equilibrium selected by the tracing procedure in n-person games", *Games Econ.
    Behav.* 38).  The path is the zero set of ``x_k g_k = alpha (1 - t)``, ``sum_k x_ik =
    1``, with ``g_k = lambda_i - t u_i(k, x_-i) - (1 - t) u_i(k, p_-i) > 0``, followed by
    predictor-corrector continuation in arclength (it may bend back in ``t``); at ``t = 1``
    the same equations are the complementarity conditions of a Nash equilibrium, solved
    there by Newton's method.  The selected equilibrium is the limit ``alpha -> 0``:
    with ``alpha=None`` the path is traced for ``alpha`` = 1e-3, 1e-4, ... 1e-6 (in units
    of the payoff range) until two successive end points agree within 1e-6, a numerical
    stand-in for the limit; a given ``alpha`` is traced once.  Simple bifurcation points,
    which symmetric games and priors create, are crossed straight on (the symmetric
    branch is kept).  The end point is re-solved on its support when round-off leaves a
    regret above ``tol``.  Where the linear path is unique, the limit of the logarithmic
    paths is that path (Harsanyi 1975), so both methods select the same equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        Two players for ``method="linear"``; any number for ``"logarithmic"`` and
        ``"auto"`` (which is logarithmic for more than two players).
    prior : mixed profile, optional
        The players' prior strategies; default uniform (the centroid).
    method : {"auto", "linear", "logarithmic"}
        ``"auto"``: linear when its path is unique, logarithmic otherwise.
    degenerate : {"raise", "lexicographic"}
        What the linear method does when its path is not unique; only with
        ``method="linear"``.
    alpha : float, optional
        Barrier weight of the logarithmic method, relative to the payoff range (largest
        minus smallest payoff); default: the sequence above.
    max_iter : int, optional
        Pivot cap of the linear method (default ``100 (m + n)^2``), or continuation-step
        cap per ``alpha`` of the logarithmic one (default 20000).
    tol : float
        Certificate tolerance, relative to ``max(1, max |payoff|)``.

    Returns
    -------
    Equilibrium
        Certified by :func:`gametheory.concepts.max_regret`.

    Raises
    ------
    UnsupportedGameError
        Not a normal-form game, ``method="linear"`` with other than two players, or
        (``method="linear"``, ``degenerate="raise"``) a prior for which the linear path is
        not unique.
    InvalidProfileError
        A prior that does not fit the game.
    UnknownNameError
        An unknown ``method`` or ``degenerate``.
    InvalidOptionError
        A bad ``alpha``, ``max_iter`` or ``tol``, or ``degenerate`` with a method other
        than ``"linear"``.
    SolverError
        The iteration cap is reached, the path cannot be followed, or the end point fails
        its certificate.

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

    Battle of the sexes from the uniform prior: both players switch at the same ``t =
    1/3`` and the linear path branches there; the logarithmic path stays on the branch
    that respects the game's symmetry and ends at the mixed equilibrium:

    >>> g = catalog.get("battle-of-the-sexes")
    >>> [s.round(6).tolist() for s in tracing_procedure(g).strategies]
    [[0.666667, 0.333333], [0.333333, 0.666667]]
    """
    _check_game(game, "tracing_procedure")
    key = str(method).strip().lower()
    if key not in _TRACING_METHODS:
        raise UnknownNameError(f"unknown tracing method {method!r}; choose from "
                               + ", ".join(_TRACING_METHODS))
    if degenerate not in ("raise", "lexicographic"):
        raise UnknownNameError(f"degenerate must be 'raise' or 'lexicographic', not "
                               f"{degenerate!r}")
    if degenerate != "raise" and key != "linear":
        raise InvalidOptionError("degenerate applies to method='linear' only")
    if key == "linear":
        _check_two_players(game, "tracing_procedure(method='linear')")
    if max_iter is not None and (isinstance(max_iter, bool) or not isinstance(max_iter, Integral)
                                 or max_iter < 1):
        raise InvalidOptionError(f"max_iter must be a positive integer, got {max_iter!r}")
    if alpha is not None and (isinstance(alpha, bool) or not isinstance(alpha, Real)
                              or not (0 < alpha < np.inf)):
        raise InvalidOptionError(f"alpha must be a positive number, got {alpha!r}")
    if not (isinstance(tol, Real) and tol > 0):
        raise InvalidOptionError(f"tol must be a positive number, got {tol!r}")
    if prior is None:
        prior = [np.full(m, 1.0 / m) for m in game.num_actions]
    prior = as_mixed_profile(game, prior)
    prior = [s / s.sum() for s in prior]
    if key == "auto" and game.num_players == 2:
        try:
            return _linear(game, prior, "raise", max_iter, tol)
        except _DegenerateTracing as exc:
            logger.debug("tracing_procedure: %s; using the logarithmic procedure", exc)
    if key == "linear":
        return _linear(game, prior, degenerate, max_iter, tol)
    return _logarithmic(game, prior, alpha, max_iter, tol)


def _linear(game: NormalFormGame, prior, degenerate: str, max_iter, tol: float
            ) -> Equilibrium:
    """The end point of the linear tracing procedure, certified."""
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
