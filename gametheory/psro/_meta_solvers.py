"""Meta-solvers: what PSRO plays on the meta-game.

A meta-solver maps the restricted game (a :class:`~gametheory.NormalFormGame` whose actions
are population members) to a meta-strategy.  Every entry of :data:`META_SOLVERS` has the
same signature::

    solver(meta_game: NormalFormGame, *, rng=None, **options)
        -> tuple of ndarray          one mixture over the population per player, or
        -> ndarray                   a joint distribution over population profiles, shape
                                     (k_1, ..., k_n), for the JPSRO solvers "ce" and "cce"

and raises :class:`~gametheory.InvalidOptionError` for an unknown or bad option.

========================  =================================================================
``"nash"``                a Nash equilibrium, certified by
                          :func:`~gametheory.concepts.max_regret`: the minimax LP for
                          two-player zero-sum (constant-sum) games, Lemke-Howson for other
                          two-player games, simplicial subdivision for more players.  With
                          an exact oracle this is the double oracle of McMahan, Gordon and
                          Blum (2003).
``"uniform"``             uniform over each population: fictitious play when PSRO keeps
                          duplicate best responses (Lanctot et al. 2017).
``"prd"``                 projected replicator dynamics (Lanctot et al. 2017, appendix):
                          replicator steps projected on the simplex with every weight at
                          least ``gamma / k_i``.
``"regret_matching"``     the time-average of regret matching (Hart and Mas-Colell 2000),
                          from :mod:`gametheory.learning`.
``"alpha_rank"``          the marginals of the alpha-rank stationary distribution
                          (Omidshafiei et al. 2019), see :func:`alpha_rank`.
``"ce"``, ``"cce"``       a welfare-maximising correlated / coarse correlated equilibrium
                          of the meta-game (JPSRO, Marris et al. 2021).
========================  =================================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any, Callable, Mapping

import numpy as np
import scipy.sparse as sp
from numba import njit
from scipy.sparse.linalg import spsolve

from .._errors import InvalidOptionError, SolverError, UnknownNameError, UnsupportedGameError
from .._rng import as_generator
from ..concepts._regret import max_regret
from ..games._normal_form import NormalFormGame, as_mixed_profile
from ..solvers._nplayer_core import action_values as _values
from ..solvers._nplayer_core import flat_game

__all__ = ["META_SOLVERS", "get_meta_solver", "alpha_rank", "AlphaRankResult",
           "projected_replicator_dynamics", "JOINT_META_SOLVERS"]


# ----------------------------------------------------------------------------- options
def _options(name: str, given: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict:
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise InvalidOptionError(
            f"meta-solver {name!r} takes no option {unknown[0]!r}; its options: "
            + (", ".join(sorted(defaults)) if defaults else "none"))
    out = dict(defaults)
    out.update(given)
    return out


def _positive_int(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (Integral, np.integer)) or value < 1:
        raise InvalidOptionError(f"{what} must be a positive integer, got {value!r}")
    return int(value)


def _number(value, what: str, *, low: float = 0.0, strict: bool = True,
            high: float = math.inf, allow_inf: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        raise InvalidOptionError(f"{what} must be a number, got {value!r}")
    v = float(value)
    ok = (v > low if strict else v >= low) and v <= high and not math.isnan(v)
    if not ok or (math.isinf(v) and not allow_inf):
        rel = ">" if strict else ">="
        raise InvalidOptionError(f"{what} must be {rel} {low}"
                                 + (f" and <= {high}" if high < math.inf else "")
                                 + f", got {value!r}")
    return v


def _check_meta_game(game, name: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"meta-solver {name!r} needs the meta-game as a "
                                   f"NormalFormGame, got {type(game).__name__}")
    if game.num_players < 2:
        raise UnsupportedGameError(f"meta-solver {name!r} needs at least two players")
    return game


def _scale(game: NormalFormGame) -> float:
    return max(1.0, float(np.abs(game.payoff_array).max()))


# ----------------------------------------------------------------------------- nash
def _nash(game: NormalFormGame, *, rng=None, **opts) -> tuple[np.ndarray, ...]:
    """A certified Nash equilibrium of the meta-game (see the module docstring)."""
    from ..solvers import lemke_howson, minimax, simplicial_subdivision
    game = _check_meta_game(game, "nash")
    o = _options("nash", opts, {"tol": 1e-9})
    tol = _number(o["tol"], "tol")
    bound = tol * _scale(game)
    n = game.num_players
    tried = []
    if n == 2 and game.is_constant_sum:
        res = minimax(game, tol=tol)
        candidates = [res]
    elif n == 2:
        m1, m2 = game.num_actions
        candidates = (lemke_howson(game, init_pivot=k, tol=tol) for k in range(m1 + m2))
    else:
        gen = as_generator(rng)
        starts = [None] + [[gen.dirichlet(np.ones(m)) for m in game.num_actions]
                           for _ in range(4)]
        candidates = (simplicial_subdivision(game, start=s, tol=tol)
                      for s in starts)
    for res in candidates:
        tried.append(res.method)
        if not res.converged or not res.equilibria:
            continue
        strategies = tuple(np.array(s, dtype=np.float64) for s in res.equilibria[0].strategies)
        if max_regret(game, strategies) <= bound:
            return strategies
        if len(tried) >= 5 and n == 2:
            break
    raise SolverError(f"meta-solver 'nash' found no equilibrium with max regret <= {bound:g} "
                      f"(tried {', '.join(tried) or 'nothing'})")


# ----------------------------------------------------------------------------- uniform
def _uniform(game: NormalFormGame, *, rng=None, **opts) -> tuple[np.ndarray, ...]:
    """Uniform over every population."""
    game = _check_meta_game(game, "uniform")
    _options("uniform", opts, {})
    return tuple(np.full(m, 1.0 / m) for m in game.num_actions)


# ----------------------------------------------------------------------------- PRD
@njit(cache=True)
def _project_floor(y, floor, out):  # pragma: no cover - compiled
    """Euclidean projection of ``y`` on ``{x : x >= floor, sum(x) = 1}`` (sort-based,
    Held, Wolfe and Crowder 1974; Duchi et al. 2008), written into ``out``."""
    k = y.shape[0]
    mass = 1.0 - k * floor
    z = np.sort(y - floor)[::-1]
    csum = 0.0
    theta = 0.0
    for j in range(k):
        csum += z[j]
        t = (csum - mass) / (j + 1)
        if z[j] - t > 0.0:
            theta = t
    for j in range(k):
        v = y[j] - floor - theta
        out[j] = (v if v > 0.0 else 0.0) + floor


@njit(cache=True)
def _prd_kernel(P, shape, offs, x, iterations, step, gammas, avg_from, avg):
    # pragma: no cover - compiled
    """Projected replicator dynamics on the flat game: ``x`` (end-to-end strategies) is
    updated in place; ``avg`` receives the average of the iterates from ``avg_from`` on."""
    n = shape.shape[0]
    vals = np.empty(x.shape[0])
    y = np.empty(x.shape[0])
    seg = np.empty(x.shape[0])
    avg[:] = 0.0
    count = 0
    for t in range(iterations):
        _values(P, shape, offs, x, vals)
        for i in range(n):
            a, b = offs[i], offs[i + 1]
            u = 0.0
            for k in range(a, b):
                u += x[k] * vals[k]
            for k in range(a, b):
                y[k] = x[k] + step * x[k] * (vals[k] - u)
            _project_floor(y[a:b], gammas[i], seg[a:b])
            for k in range(a, b):
                x[k] = seg[k]
        if t >= avg_from:
            for k in range(x.shape[0]):
                avg[k] += x[k]
            count += 1
    if count > 0:
        for k in range(x.shape[0]):
            avg[k] /= count


def projected_replicator_dynamics(game: NormalFormGame, *, iterations: int = 10_000,
                                  step_size: float = 0.01, gamma: float = 1e-6,
                                  average: bool = True, initial=None
                                  ) -> tuple[np.ndarray, ...]:
    """Projected replicator dynamics (PRD), the meta-solver of Lanctot et al. (2017,
    "A unified game-theoretic approach to multiagent reinforcement learning", appendix).

    Each player's mixture ``x_i`` takes discrete replicator steps on payoffs divided by
    ``max(1, max |payoff|)``,

        x_i(a) <- x_i(a) + step_size * x_i(a) * (u_i(a, x_-i) - u_i(x)),

    and is projected (Euclidean) on the exploratory simplex ``{x : x(a) >= gamma / k_i,
    sum x = 1}`` so no member's weight dies out (``k_i`` is the population size).  In
    zero-sum games replicator orbits cycle around the equilibrium; their time average
    converges (Hofbauer and Sigmund 1998), so by default the average of the second half
    of the iterates is returned.

    Parameters
    ----------
    game : NormalFormGame
        The meta-game, any number of players.
    iterations : int
        Number of steps (the iteration cap; the dynamics run them all).
    step_size : float
        Step length ``delta`` on the normalised payoffs.
    gamma : float
        Exploration floor in ``[0, 1)``: every weight stays at least ``gamma / k_i``.
    average : bool
        Return the average of the last half of the iterates (True) or the last iterate.
    initial : profile, optional
        Starting mixtures (default uniform).

    Returns
    -------
    tuple of ndarray
        One mixture per player.

    Examples
    --------
    On rock-paper-scissors the averaged dynamics approach the uniform equilibrium:

    >>> from gametheory.games import catalog
    >>> from gametheory.concepts import nash_conv
    >>> rps = catalog.get("rock-paper-scissors")
    >>> x = projected_replicator_dynamics(rps, initial=[[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]])
    >>> bool(nash_conv(rps, x) < 0.05)
    True
    """
    game = _check_meta_game(game, "prd")
    iterations = _positive_int(iterations, "iterations")
    step = _number(step_size, "step_size")
    gamma = _number(gamma, "gamma", strict=False, high=1.0)
    if gamma >= 1.0:
        raise InvalidOptionError(f"gamma must be below 1, got {gamma!r}")
    if not isinstance(average, (bool, np.bool_)):
        raise InvalidOptionError(f"average must be True or False, got {average!r}")
    P, shape, offs, scale = flat_game(game)
    P = P / scale
    if initial is None:
        x = np.concatenate([np.full(m, 1.0 / m) for m in game.num_actions])
    else:
        x = np.concatenate(as_mixed_profile(game, initial))
    gammas = np.array([gamma / m for m in game.num_actions])
    for i in range(game.num_players):  # start inside the exploratory simplex
        seg = np.empty(shape[i])
        _project_floor(x[offs[i]:offs[i + 1]].copy(), gammas[i], seg)
        x[offs[i]:offs[i + 1]] = seg
    avg = np.empty_like(x)
    avg_from = iterations // 2 if average else iterations - 1
    _prd_kernel(P, shape, offs, x, iterations, step, gammas, avg_from, avg)
    return tuple(avg[offs[i]:offs[i + 1]] / avg[offs[i]:offs[i + 1]].sum()
                 for i in range(game.num_players))


def _prd(game: NormalFormGame, *, rng=None, **opts) -> tuple[np.ndarray, ...]:
    """Projected replicator dynamics (options ``iterations``, ``step_size``, ``gamma``,
    ``average``)."""
    o = _options("prd", opts, {"iterations": 10_000, "step_size": 0.01, "gamma": 1e-6,
                               "average": True})
    return projected_replicator_dynamics(game, **o)


# ----------------------------------------------------------------------------- RM
def _regret_matching(game: NormalFormGame, *, rng=None, **opts) -> tuple[np.ndarray, ...]:
    """Time-average strategies of regret matching (Hart and Mas-Colell 2000) run on the
    meta-game by :class:`gametheory.learning.RegretMatching` from uniform strategies
    (options ``iterations``, default 1000, and ``sampled``, default False: expected
    play, deterministic)."""
    game = _check_meta_game(game, "regret_matching")
    o = _options("regret_matching", opts, {"iterations": 1000, "sampled": False})
    iterations = _positive_int(o["iterations"], "iterations")
    if not isinstance(o["sampled"], (bool, np.bool_)):
        raise InvalidOptionError(f"sampled must be True or False, got {o['sampled']!r}")
    from ..learning import RegretMatching
    res = RegretMatching(game, rng=rng, sampled=bool(o["sampled"]),
                         track_joint=False).run(iterations)
    return tuple(np.array(s, dtype=np.float64) for s in res.average_strategies)


# ----------------------------------------------------------------------------- alpha-rank
@dataclass(frozen=True)
class AlphaRankResult:
    """What :func:`alpha_rank` returns.

    Attributes
    ----------
    stationary : ndarray
        Stationary distribution of the Markov chain: shape ``(k_1, ..., k_n)`` over pure
        profiles (multi-population), or ``(k,)`` over strategies (single population).
    marginals : tuple of ndarray
        Each player's marginal of ``stationary`` (single population: the distribution
        itself, for both players).
    ranking : tuple
        Profiles (tuples of indices; single population: strategy indices) by decreasing
        mass, ties in index order.
    transition_matrix : scipy.sparse.csr_matrix
        The chain ``C`` (rows sum to 1) over flat profile indices (C order).
    population : str
        ``"single"`` or ``"multi"``.
    alpha, m : float, int
        Ranking intensity (``inf`` for the large-alpha limit) and population size.
    elapsed : float
        Wall-clock seconds.
    params : mapping
        Options as used.
    """

    stationary: np.ndarray
    marginals: tuple
    ranking: tuple
    transition_matrix: Any
    population: str
    alpha: float
    m: int
    elapsed: float
    params: Mapping[str, Any] = field(default_factory=dict)
    _payoffs: np.ndarray | None = field(default=None, repr=False)

    def response_graph(self):
        """The response graph as a :class:`networkx.DiGraph` over profiles (tuples of
        indices; single population: strategy indices): an edge ``s -> t`` for each
        deviation of one player (one mutant) that strictly improves the deviator's payoff
        (fitness), with attribute ``gain``.  Its sink strongly connected components are
        where the large-alpha limit puts its mass (Omidshafiei et al. 2019, Theorem 2.5.1).
        """
        import networkx as nx
        G = nx.DiGraph()
        P = self._payoffs
        if self.population == "single":
            M = P[0]
            k = M.shape[0]
            G.add_nodes_from(range(k))
            for s in range(k):
                for t in range(k):
                    if s != t and M[t, s] > M[s, s]:
                        G.add_edge(s, t, gain=float(M[t, s] - M[s, s]))
            return G
        shape = P.shape[1:]
        G.add_nodes_from(np.ndindex(*shape))
        for prof in np.ndindex(*shape):
            for i, k in enumerate(shape):
                for a in range(k):
                    if a == prof[i]:
                        continue
                    q = prof[:i] + (a,) + prof[i + 1:]
                    gain = P[(i,) + q] - P[(i,) + prof]
                    if gain > 0:
                        G.add_edge(prof, q, gain=float(gain))
        return G

    def sink_components(self) -> list[set]:
        """The sink strongly connected components of :meth:`response_graph` (networkx's
        attracting components), sorted by their smallest profile."""
        import networkx as nx
        return sorted((set(c) for c in nx.attracting_components(self.response_graph())),
                      key=min)


def _log_fixation_multi(delta: np.ndarray, alpha: float, m: int, eps: float,
                        tie: float) -> np.ndarray:
    """Log of the fixation probability of a mutant whose fitness exceeds the resident's
    by ``delta`` in a population of ``m`` (Fermi rule, constant fitness difference):
    ``(1 - e^{-alpha delta}) / (1 - e^{-m alpha delta})``, ``1/m`` at ``delta = 0``.
    Computed in logs with ``expm1`` so that large ``alpha |delta|`` neither underflows
    nor cancels.  ``alpha = inf``: 1, ``1/m`` or ``eps`` (differences within ``tie`` of 0
    are ties)."""
    out = np.full(delta.shape, -math.log(m))
    if math.isinf(alpha):
        out[delta > tie] = 0.0
        out[delta < -tie] = math.log(eps)
        return out
    x = alpha * delta
    pos = x > 0
    neg = x < 0
    xp = x[pos]
    out[pos] = np.log(np.expm1(-xp) / np.expm1(-m * xp))
    xn = -x[neg]  # (e^{xn} - 1) / (e^{m xn} - 1) = e^{-(m-1) xn} (1-e^{-xn}) / (1-e^{-m xn})
    out[neg] = -(m - 1) * xn + np.log(np.expm1(-xn) / np.expm1(-m * xn))
    return out


def _log_fixation_single(M: np.ndarray, alpha: float, m: int, eps: float,
                         tie: float) -> np.ndarray:
    """``log rho[s, t]``: fixation probability of one mutant ``t`` among ``m - 1``
    residents ``s`` (single population, Moran process with Fermi selection; the fitness of
    a type is its average payoff against the other ``m - 1`` individuals)."""
    k = M.shape[0]
    p = np.arange(1, m, dtype=np.float64)  # number of mutants before the event
    S, T = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    Mtt, Mts = M[T, T][..., None], M[T, S][..., None]
    Mst, Mss = M[S, T][..., None], M[S, S][..., None]
    f_t = ((p - 1) * Mtt + (m - p) * Mts) / (m - 1)
    f_s = (p * Mst + (m - p - 1) * Mss) / (m - 1)
    diff = f_t - f_s  # (k, k, m-1)
    if math.isinf(alpha):
        # limit alpha -> inf of 1 / (1 + sum_l exp(-alpha sum_{p<=l} diff_p))
        cum = np.cumsum(diff, axis=-1)
        zero = np.abs(cum) <= tie
        rho = np.where(np.all(cum > tie, axis=-1), 1.0,
                       np.where(np.all((cum > tie) | zero, axis=-1),
                                1.0 / (1.0 + np.sum(zero, axis=-1)), eps))
        return np.log(rho)
    cum = np.cumsum(-alpha * diff, axis=-1)
    terms = np.concatenate([np.zeros((k, k, 1)), cum], axis=-1)
    top = terms.max(axis=-1, keepdims=True)
    return -(top[..., 0] + np.log(np.exp(terms - top).sum(axis=-1)))


@njit(cache=True)
def _logaddexp(a, b):  # pragma: no cover - compiled
    if a == -np.inf:
        return b
    if b == -np.inf:
        return a
    if a > b:
        return a + math.log1p(math.exp(b - a))
    return b + math.log1p(math.exp(a - b))


@njit(cache=True)
def _gth_log(L):  # pragma: no cover - compiled
    """Stationary distribution (as logs) of the chain whose off-diagonal transition
    probabilities have logs ``L`` (``-inf`` for none; the diagonal is ignored), by the
    state reduction of Grassmann, Taksar and Heyman (1985, Oper. Res. 33), carried out in
    log space: it only adds and multiplies positive numbers, so transition probabilities
    far below the smallest double (``exp(-5000)``) keep their exact ratios.  Returns an
    array of NaN when the chain is not irreducible.  ``O(N^3)``."""
    N = L.shape[0]
    S = np.empty(N)
    for n in range(N - 1, 0, -1):
        s = -np.inf
        for j in range(n):
            s = _logaddexp(s, L[n, j])
        if s == -np.inf:
            return np.full(N, np.nan)
        S[n] = s
        for i in range(n):
            lin = L[i, n]
            if lin == -np.inf:
                continue
            a = lin - s
            for j in range(n):
                if j != i and L[n, j] > -np.inf:
                    L[i, j] = _logaddexp(L[i, j], a + L[n, j])
    logpi = np.empty(N)
    logpi[0] = 0.0
    for n in range(1, N):
        t = -np.inf
        for i in range(n):
            t = _logaddexp(t, logpi[i] + L[i, n])
        logpi[n] = t - S[n]
    total = -np.inf
    for n in range(N):
        total = _logaddexp(total, logpi[n])
    for n in range(N):
        logpi[n] -= total
    return logpi


#: Largest chain solved by the dense log-space reduction when transition probabilities
#: underflow (about 3 s at 1000 states here); larger chains use the sparse solve.
_GTH_MAX_STATES = 1000
#: Transition probabilities below ``exp(_UNDERFLOW_LOG)`` switch to the log-space method.
_UNDERFLOW_LOG = -600.0


def _chain(N: int, rows, cols, logv) -> tuple[sp.csr_matrix, np.ndarray]:
    """The transition matrix (off-diagonal logs ``logv`` at ``(rows, cols)``) and its
    stationary distribution.

    The sparse solve of ``pi (C - I) = 0, sum pi = 1`` (the diagonal of ``C - I`` is the
    negated sum of the outgoing probabilities, never ``1 - (1 - tiny)``) serves when every
    probability is a normal double; when some underflow (large ``alpha``), the log-space
    state reduction :func:`_gth_log` keeps the chain irreducible and exact."""
    vals = np.exp(logv)
    off = sp.csr_matrix((vals, (rows, cols)), shape=(N, N))
    out = np.asarray(off.sum(axis=1)).ravel()
    C = (off + sp.diags(1.0 - out)).tocsr()
    if N == 1:
        return C, np.ones(1)
    underflow = logv.size and float(logv.min()) < _UNDERFLOW_LOG
    if underflow and N <= _GTH_MAX_STATES:
        L = np.full((N, N), -np.inf)
        L[rows, cols] = logv
        logpi = _gth_log(L)
        if np.all(np.isfinite(logpi)):
            pi = np.exp(logpi)
            return C, pi / pi.sum()
        raise SolverError("alpha-rank: the Markov chain is not irreducible")
    A = (off - sp.diags(out)).T.tolil()
    A[N - 1, :] = np.ones(N)
    b = np.zeros(N)
    b[-1] = 1.0
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pi = spsolve(A.tocsc(), b)
    ok = np.all(np.isfinite(pi)) and pi.min() > -1e-9
    if ok:
        pi = np.clip(pi, 0.0, None)
        pi /= pi.sum()
        ok = float(np.abs(pi @ C - pi).sum()) <= 1e-9
    if not ok:
        raise SolverError(f"alpha-rank: the stationary distribution of the {N}-state "
                          "chain could not be computed (transition probabilities underflow "
                          "in a chain too large for the log-space method); lower alpha or "
                          "use alpha=inf")
    return C, pi


def alpha_rank(game: NormalFormGame, *, alpha: float = 100.0, m: int = 50,
               population: str = "auto", epsilon: float = 1e-8) -> AlphaRankResult:
    """Alpha-rank (Omidshafiei et al. 2019, "alpha-Rank: Multi-agent evaluation by
    evolution", Scientific Reports 9): the stationary distribution of an evolutionary
    Markov chain over pure profiles.

    *Multi-population* (any game): each player has a population of ``m`` individuals,
    monomorphic at every state of the chain, so states are pure profiles.  From profile
    ``s`` a mutant strategy ``t`` of one player ``i`` (chosen with probability
    ``eta = 1 / sum_j (k_j - 1)``) takes over with the fixation probability

        rho = (1 - exp(-alpha D)) / (1 - exp(-m alpha D)),   D = u_i(t, s_-i) - u_i(s),

    (``1 / m`` when ``D = 0``).  *Single population* (two-player symmetric games): one
    population of ``m`` with payoffs ``M[s, t] = u_1(s, t)``; a mutant's fitness is its
    average payoff against the other ``m - 1`` individuals and the fixation probability
    is the Moran-process formula ``1 / (1 + sum_l prod_{p <= l} exp(-alpha (f_t(p) -
    f_s(p))))``, with ``eta = 1 / (k - 1)``.  The stationary distribution ``pi C = pi``
    comes from one sparse linear solve.

    With ``alpha=inf`` (the large-alpha limit, in which the mass lies on the sink
    strongly connected components of the response graph) improving mutants fix with
    probability 1, neutral ones with ``1/m`` and worse ones with ``epsilon`` (a small
    perturbation that keeps the chain irreducible, so the distribution is unique).

    Parameters
    ----------
    game : NormalFormGame
    alpha : float
        Ranking intensity (selection strength), positive; ``numpy.inf`` for the limit.
        It multiplies payoff differences, so it depends on the payoff scale.
    m : int
        Population size, at least 2.
    population : {"auto", "single", "multi"}
        ``"auto"``: single population for two-player symmetric games, else multi.
    epsilon : float
        Fixation probability of a worse mutant when ``alpha=inf``.

    Returns
    -------
    AlphaRankResult

    Raises
    ------
    InvalidOptionError
        ``alpha <= 0``, ``m < 2``, an unknown ``population``, or ``"single"`` for a game
        that is not two-player symmetric.

    Examples
    --------
    Rock-paper-scissors: the published alpha-rank is uniform (Omidshafiei et al. 2019).

    >>> from gametheory.games import catalog
    >>> r = alpha_rank(catalog.get("rock-paper-scissors"))
    >>> r.population, r.stationary.round(6).tolist()
    ('single', [0.333333, 0.333333, 0.333333])

    In the prisoner's dilemma all the mass goes to the dominant profile (D, D):

    >>> r = alpha_rank(catalog.get("prisoners-dilemma"), population="multi")
    >>> r.ranking[0], round(float(r.stationary[1, 1]), 9)
    ((1, 1), 1.0)
    """
    import time
    t0 = time.perf_counter()
    game = _check_meta_game(game, "alpha_rank")
    alpha = _number(alpha, "alpha", allow_inf=True)
    m = _positive_int(m, "m")
    if m < 2:
        raise InvalidOptionError(f"m (population size) must be at least 2, got {m}")
    epsilon = _number(epsilon, "epsilon", high=1.0)
    if population not in ("auto", "single", "multi"):
        raise InvalidOptionError(f"population must be 'auto', 'single' or 'multi', got "
                                 f"{population!r}")
    symmetric = game.num_players == 2 and game.is_symmetric
    if population == "single" and not symmetric:
        raise InvalidOptionError("population='single' needs a two-player symmetric game")
    if population == "auto":
        population = "single" if symmetric else "multi"
    P = np.asarray(game.payoff_array, dtype=np.float64)
    tie = 1e-12 * _scale(game)
    if population == "single":
        M = P[0]
        k = M.shape[0]
        logrho = _log_fixation_single(M, alpha, m, epsilon, tie)
        off = ~np.eye(k, dtype=bool)
        rows, cols = np.nonzero(off)
        C, pi = _chain(k, rows, cols, logrho[off] - math.log(max(k - 1, 1)))
        stationary = pi
        marginals = (pi.copy(), pi.copy())
        order = sorted(range(k), key=lambda s: (-pi[s], s))
        ranking = tuple(order)
    else:
        shape = P.shape[1:]
        N = int(np.prod(shape))
        log_eta = -math.log(max(sum(k - 1 for k in shape), 1))
        index = np.arange(N).reshape(shape)
        rows, cols, vals = [], [], []
        for i, k in enumerate(shape):
            if k == 1:
                continue
            U = np.moveaxis(P[i], i, -1)          # (..., k): own action last
            I = np.moveaxis(index, i, -1)
            delta = U[..., None, :] - U[..., :, None]  # [..., s, t] = u(t) - u(s)
            src = np.broadcast_to(I[..., :, None], delta.shape)
            dst = np.broadcast_to(I[..., None, :], delta.shape)
            off = ~np.eye(k, dtype=bool)
            mask = np.broadcast_to(off, delta.shape)
            rows.append(src[mask])
            cols.append(dst[mask])
            vals.append(log_eta + _log_fixation_multi(delta[mask], alpha, m, epsilon, tie))
        if rows:
            C, pi = _chain(N, np.concatenate(rows), np.concatenate(cols),
                           np.concatenate(vals))
        else:
            C, pi = sp.csr_matrix(np.ones((1, 1))), np.ones(1)
        stationary = pi.reshape(shape)
        marginals = tuple(stationary.sum(axis=tuple(j for j in range(len(shape)) if j != i))
                          for i in range(len(shape)))
        order = sorted(range(N), key=lambda q: (-pi[q], q))
        ranking = tuple(tuple(int(a) for a in np.unravel_index(q, shape)) for q in order)
    return AlphaRankResult(stationary=stationary, marginals=marginals, ranking=ranking,
                           transition_matrix=C, population=population, alpha=alpha, m=m,
                           elapsed=time.perf_counter() - t0,
                           params={"alpha": alpha, "m": m, "population": population,
                                   "epsilon": epsilon},
                           _payoffs=P)


def _alpha_rank(game: NormalFormGame, *, rng=None, **opts) -> tuple[np.ndarray, ...]:
    """Marginals of the alpha-rank distribution (options ``alpha``, ``m``, ``population``,
    ``epsilon``)."""
    o = _options("alpha_rank", opts, {"alpha": 100.0, "m": 50, "population": "auto",
                                      "epsilon": 1e-8})
    res = alpha_rank(game, **o)
    return tuple(np.array(x, dtype=np.float64) for x in res.marginals)


# ----------------------------------------------------------------------------- CE / CCE
def _correlated(kind: str):
    def solver(game: NormalFormGame, *, rng=None, **opts) -> np.ndarray:
        from ..solvers import coarse_correlated_equilibrium, correlated_equilibrium
        game = _check_meta_game(game, kind)
        o = _options(kind, opts, {"objective": "welfare", "tol": 1e-9})
        tol = _number(o["tol"], "tol")
        func = correlated_equilibrium if kind == "ce" else coarse_correlated_equilibrium
        res = func(game, objective=o["objective"], tol=tol)
        if not res.converged:
            raise SolverError(f"meta-solver {kind!r}: the LP left a gap of {res.gap:g}")
        return np.array(res.distribution, dtype=np.float64)

    solver.__name__ = f"_{kind}"
    solver.__doc__ = (f"A {'correlated' if kind == 'ce' else 'coarse correlated'} "
                      "equilibrium of the meta-game maximising total payoff (options "
                      "``objective``, ``tol``): a joint distribution over population "
                      "profiles (JPSRO, Marris et al. 2021).")
    return solver


#: The meta-solvers by name, each ``f(meta_game, *, rng=None, **options)``.
META_SOLVERS: dict[str, Callable[..., Any]] = {
    "nash": _nash,
    "uniform": _uniform,
    "prd": _prd,
    "regret_matching": _regret_matching,
    "alpha_rank": _alpha_rank,
    "ce": _correlated("ce"),
    "cce": _correlated("cce"),
}

#: Meta-solvers that return a joint distribution over population profiles (JPSRO).
JOINT_META_SOLVERS = frozenset({"ce", "cce"})


def get_meta_solver(name: str) -> Callable[..., Any]:
    """The meta-solver registered as ``name`` (dashes and underscores are the same).

    >>> get_meta_solver("alpha-rank") is META_SOLVERS["alpha_rank"]
    True

    Raises
    ------
    UnknownNameError
        Naming the known meta-solvers.
    """
    key = str(name).strip().lower().replace("-", "_") if isinstance(name, str) else name
    try:
        return META_SOLVERS[key]
    except (KeyError, TypeError):
        raise UnknownNameError(f"unknown meta-solver {name!r}; known meta-solvers: "
                               + ", ".join(sorted(META_SOLVERS))) from None
