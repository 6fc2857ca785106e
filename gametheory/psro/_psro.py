"""The PSRO loop (Lanctot et al. 2017) and its joint variant JPSRO (Marris et al. 2021).

Each iteration

1. solves the meta-game of the current populations with the meta-solver (a mixture per
   player, or for ``"ce"`` / ``"cce"`` a joint distribution over population profiles);
2. measures the meta-strategy in the *full* game: NashConv (sum of the players' regrets,
   :func:`gametheory.concepts.nash_conv`) of the equivalent mixed profile for normal-form
   games, the stochastic-game exploitability
   (:func:`gametheory.solvers.exploitability`) of the behaviour-strategy equivalents for
   stochastic games, and for JPSRO the summed CE / CCE gaps
   (:func:`gametheory.concepts.ce_gaps`, ``cce_gaps``) of the induced joint distribution;
3. stops when that is at most ``tol``; otherwise asks the oracle for each player's best
   response and adds the new policies (all computed against the same meta-strategy), and
   stops when no population grew (the double oracle's termination: with the ``"nash"``
   meta-solver and an exact oracle the meta-equilibrium is then an equilibrium of the
   full game, McMahan, Gordon and Blum 2003).

Double oracle is ``PSRO(game, meta_solver="nash")`` with the default exact oracle.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any, Callable, Mapping

import numpy as np

from .._errors import InvalidOptionError, InvalidProfileError, UnsupportedGameError
from .._rng import as_generator
from ..concepts._correlated import cce_gaps, ce_gaps
from ..concepts._regret import nash_conv
from ._meta_game import MetaGame, _check_game, _solvers, behavioural_policies
from ._meta_solvers import JOINT_META_SOLVERS, META_SOLVERS, get_meta_solver
from ._oracles import default_oracle

__all__ = ["PSRO", "PSROResult"]

logger = logging.getLogger(__name__)

#: Members recommended with at most this probability get no CE-JPSRO best response.
_CE_MIN_PROB = 1e-12


@dataclass(frozen=True)
class PSROResult:
    """What :meth:`PSRO.run` returns (the history of every run of the same object).

    Attributes
    ----------
    meta_solver : str
        Name of the meta-solver.
    exploitability : ndarray
        One float per iteration: NashConv of the meta-strategy in the full game (sum over
        players of the gain of a best response); for JPSRO the sum over players of the CE
        (``"ce"``) or CCE gaps of the induced joint distribution.  0 at an equilibrium.
    meta_strategies : tuple
        The last meta-strategy in the full game, one entry per player: a mixed strategy
        over the full game's actions (normal-form games), or the behaviour-strategy
        equivalent stationary policy, a list over states (stochastic games).  For JPSRO,
        the marginals of :attr:`joint_distribution`.
    meta_weights : tuple of ndarray or ndarray
        The last meta-strategy over the populations: one weight vector per player, or the
        joint distribution over population profiles (JPSRO).
    joint_distribution : ndarray or None
        JPSRO on a normal-form game: the joint distribution over the full game's pure
        profiles that the meta-distribution induces; else ``None``.
    population_sizes : ndarray
        Shape ``(num_iter, n)``: the population sizes the meta-game was solved with at
        each iteration.
    value : float or None
        Player 1's expected payoff under the last meta-strategy in the meta-game, for
        two-player zero-sum games (with ``"nash"`` the meta-game value); else ``None``.
    converged : bool
        True when the last exploitability is at most ``tol``.
    terminated : bool
        True when the loop stopped because no oracle added a new policy.
    num_iter : int
        Iterations run (meta-games solved).
    elapsed : float
        Wall-clock seconds of every run so far.
    params : mapping
        The settings: meta-solver and its options, oracle, tol, keep_duplicates, initial
        population sizes.
    """

    meta_solver: str
    exploitability: np.ndarray
    meta_strategies: tuple
    meta_weights: Any
    joint_distribution: np.ndarray | None
    population_sizes: np.ndarray
    value: float | None
    converged: bool
    terminated: bool
    num_iter: int
    elapsed: float
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready dict (for ``gametheory psro --json``): ``meta_solver``,
        ``exploitability`` (list), ``meta_strategies`` (nested lists), ``value``,
        ``meta_weights``, ``joint_distribution``, ``population_sizes``, ``converged``,
        ``terminated``, ``num_iter``, ``elapsed``, ``params``."""
        def lst(x):
            if isinstance(x, np.ndarray):
                return x.tolist()
            if isinstance(x, (list, tuple)):
                return [lst(y) for y in x]
            return x
        return {"meta_solver": self.meta_solver,
                "exploitability": [float(e) for e in self.exploitability],
                "meta_strategies": lst(self.meta_strategies),
                "value": None if self.value is None else float(self.value),
                "meta_weights": lst(self.meta_weights),
                "joint_distribution": None if self.joint_distribution is None
                else self.joint_distribution.tolist(),
                "population_sizes": self.population_sizes.tolist(),
                "converged": bool(self.converged), "terminated": bool(self.terminated),
                "num_iter": int(self.num_iter), "elapsed": float(self.elapsed),
                "params": {k: lst(v) for k, v in self.params.items()}}


def _is_number_like(x) -> bool:
    return isinstance(x, (Real, np.number)) and not isinstance(x, bool)


class PSRO:
    """Policy-space response oracles (Lanctot et al. 2017, "A unified game-theoretic
    approach to multiagent reinforcement learning", NeurIPS), with the joint variant
    JPSRO (Marris et al. 2021, "Multi-agent training beyond zero-sum with correlated
    equilibrium meta-solvers", ICML) for the ``"ce"`` and ``"cce"`` meta-solvers.

    See the module docstring for one iteration.  State is kept between :meth:`run` calls.

    Parameters
    ----------
    game : NormalFormGame or StochasticGame
        Any number of players (at least two).  JPSRO (``"ce"``, ``"cce"``) needs a
        normal-form game.
    meta_solver : str or callable
        A name of :data:`~gametheory.psro.META_SOLVERS` (``"nash"``, ``"uniform"``,
        ``"prd"``, ``"regret_matching"``, ``"alpha_rank"``, ``"ce"``, ``"cce"``) or a
        function with their signature.  A callable returning an ``ndarray`` is treated
        as a joint (CCE-style) meta-solver.
    oracle : BestResponseOracle, optional
        Default: the exact oracle of the game's kind
        (:class:`~gametheory.psro.ExactNormalFormOracle`,
        :class:`~gametheory.psro.TabularStochasticOracle`).
    initial : sequence, "random" or None
        Initial populations, one entry per player: an action (int or label), a probability
        vector (a 1-D float array or a list of floats), a stationary policy, or a list of
        these (a list of ints is a list of actions: the entry ``[0, 2]`` starts with
        actions 0 and 2, ``[0.0, 1.0]`` with the mixed strategy that plays action 1).
        Default: each player's first action (normal-form) or the uniform stationary
        policy (stochastic); ``"random"``: one random pure action / deterministic
        stationary policy per player drawn with ``rng``.
    rng : None, int or numpy.random.Generator
        Randomness of ``initial="random"`` and of random meta-solvers.
    meta_solver_options : mapping, optional
        Options passed to the meta-solver (e.g. ``{"iterations": 5000}`` for ``"prd"``).
    tol : float
        Stop when the exploitability is at most this (default ``1e-9``).
    keep_duplicates : bool, optional
        Add a best response even when it is already in the population.  Default: True
        for ``"uniform"`` only (so that PSRO is fictitious play, which counts a repeated
        best response twice), False otherwise (then PSRO stops when no population grows).

    Raises
    ------
    UnsupportedGameError
        A game that is neither normal-form nor stochastic, one player, or JPSRO on a
        stochastic game.
    UnknownNameError
        An unknown meta-solver name.
    InvalidOptionError
        A bad option (of PSRO or of the meta-solver, which is run once on the initial
        meta-game to check them).
    InvalidProfileError
        An initial policy that does not fit the game.

    Examples
    --------
    Double oracle on rock-paper-scissors, starting from rock: paper, then scissors join,
    and the third meta-game's equilibrium is the uniform one.

    >>> from gametheory.games import catalog
    >>> res = PSRO(catalog.get("rock-paper-scissors"), meta_solver="nash").run(10)
    >>> res.exploitability.round(9).tolist(), res.population_sizes[-1].tolist()
    ([2.0, 2.0, 0.0], [3, 3])
    >>> [s.round(6).tolist() for s in res.meta_strategies]
    [[0.333333, 0.333333, 0.333333], [0.333333, 0.333333, 0.333333]]
    >>> round(res.value, 9), res.converged
    (0.0, True)
    """

    def __init__(self, game, *, meta_solver: str | Callable = "nash", oracle=None,
                 initial=None, rng=None, meta_solver_options: Mapping | None = None,
                 tol: float = 1e-9, keep_duplicates: bool | None = None):
        t0 = time.perf_counter()
        self._kind = _check_game(game)
        self._game = game
        self._rng = as_generator(rng)
        if callable(meta_solver) and not isinstance(meta_solver, str):
            self._solver = meta_solver
            self._solver_name = getattr(meta_solver, "__name__", "custom")
            self._joint = None  # decided by the return type
        else:
            self._solver = get_meta_solver(meta_solver)
            self._solver_name = next(k for k, v in META_SOLVERS.items() if v is self._solver)
            self._joint = self._solver_name in JOINT_META_SOLVERS
        if meta_solver_options is None:
            meta_solver_options = {}
        if not isinstance(meta_solver_options, Mapping):
            raise InvalidOptionError("meta_solver_options must be a mapping of option names "
                                     f"to values, got {meta_solver_options!r}")
        self._options = dict(meta_solver_options)
        if self._joint and self._kind != "normal-form":
            raise UnsupportedGameError("JPSRO (meta-solvers 'ce' and 'cce') is implemented "
                                       "for normal-form games only: a correlated mixture of "
                                       "stationary policies has no stationary equivalent")
        if oracle is None:
            oracle = default_oracle(game)
        elif not callable(oracle):
            raise InvalidOptionError(f"oracle must be callable as oracle(game, player, "
                                     f"opponents), got {oracle!r}")
        self._oracle = oracle
        if isinstance(tol, bool) or not isinstance(tol, (Real, np.number)) or not tol >= 0:
            raise InvalidOptionError(f"tol must be a non-negative number, got {tol!r}")
        self._tol = float(tol)
        if keep_duplicates is None:
            keep_duplicates = self._solver_name == "uniform"
        if not isinstance(keep_duplicates, (bool, np.bool_)):
            raise InvalidOptionError(f"keep_duplicates must be True, False or None, got "
                                     f"{keep_duplicates!r}")
        self._keep = bool(keep_duplicates)
        self._meta = MetaGame(game, self._initial_populations(initial),
                              dedupe=not self._keep)
        self._initial_sizes = self._meta.sizes
        self._history: list[float] = []
        self._sizes: list[tuple[int, ...]] = []
        self._last = None
        self._converged = False
        self._terminated = False
        self._pending = self._solve()  # checks the meta-solver's options now
        self._elapsed = time.perf_counter() - t0

    # ------------------------------------------------------------------ set-up
    def _initial_populations(self, initial) -> list[list]:
        game = self._game
        n = game.num_players
        if initial is None:
            if self._kind == "normal-form":
                return [[0] for _ in range(n)]
            return [[[np.full(c[i], 1.0 / c[i]) for c in game.action_counts]]
                    for i in range(n)]
        if isinstance(initial, str):
            if initial != "random":
                raise InvalidOptionError(f"initial must be None, 'random' or one entry per "
                                         f"player, got {initial!r}")
            if self._kind == "normal-form":
                return [[int(self._rng.integers(m))] for m in game.num_actions]
            pops = []
            for i in range(n):
                pol = []
                for c in game.action_counts:
                    v = np.zeros(c[i])
                    v[int(self._rng.integers(c[i]))] = 1.0
                    pol.append(v)
                pops.append([pol])
            return pops
        try:
            entries = list(initial)
        except TypeError:
            raise InvalidOptionError("initial must be one entry per player") from None
        if len(entries) != n:
            raise InvalidProfileError(f"initial must have one entry per player ({n}), got "
                                      f"{len(entries)}")
        pops = []
        for e in entries:
            if isinstance(e, (str, Integral, np.integer)) and not isinstance(e, bool):
                pops.append([e])
            elif self._kind == "normal-form" and _is_float_vector(e):
                pops.append([e])
            elif self._kind == "stochastic" and _is_stationary(e):
                pops.append([e])
            else:
                try:
                    pops.append(list(e))
                except TypeError:
                    raise InvalidProfileError(f"bad initial population entry {e!r}") from None
        return pops

    # ------------------------------------------------------------------ properties
    @property
    def game(self):
        return self._game

    @property
    def meta_game(self) -> MetaGame:
        """The current meta-game (populations and payoff tensor)."""
        return self._meta

    @property
    def meta_solver(self) -> str:
        return self._solver_name

    # ------------------------------------------------------------------ one iteration
    def _solve(self):
        """The meta-strategy of the current meta-game: a tuple of weight vectors, or a
        joint distribution (ndarray)."""
        meta = self._meta.as_game()
        out = self._solver(meta, rng=self._rng, **self._options)
        n = self._game.num_players
        sizes = self._meta.sizes
        if isinstance(out, np.ndarray):
            if self._joint is False:
                raise InvalidOptionError(f"meta-solver {self._solver_name!r} returned a "
                                         "joint distribution, expected one mixture per player")
            if self._kind != "normal-form":
                raise UnsupportedGameError("a joint meta-distribution is supported for "
                                           "normal-form games only")
            p = np.clip(np.asarray(out, dtype=np.float64), 0.0, None)
            if p.shape != sizes or not np.isclose(p.sum(), 1.0, atol=1e-6):
                raise InvalidProfileError(f"meta-solver returned a joint distribution of "
                                          f"shape {p.shape} summing to {p.sum():.6g}; "
                                          f"expected shape {sizes} summing to 1")
            self._joint = True
            return p / p.sum()
        out = tuple(out)
        if len(out) != n:
            raise InvalidProfileError(f"meta-solver returned {len(out)} mixtures for {n} "
                                      "players")
        weights = []
        for i, w in enumerate(out):
            w = np.clip(np.asarray(w, dtype=np.float64), 0.0, None)
            if w.shape != (sizes[i],) or not np.isclose(w.sum(), 1.0, atol=1e-6):
                raise InvalidProfileError(f"meta-solver returned a mixture of shape {w.shape} "
                                          f"summing to {w.sum():.6g} for player {i}; "
                                          f"expected ({sizes[i]},) summing to 1")
            weights.append(w / w.sum())
        self._joint = False
        return tuple(weights)

    def _measure(self, weights):
        """Exploitability, full-game meta-strategies, joint distribution and value."""
        game, meta = self._game, self._meta
        n = game.num_players
        value = None
        zero_sum = n == 2 and game.is_zero_sum
        if self._joint:
            D = meta.full_distribution(weights)
            gaps = ce_gaps(game, D) if self._solver_name == "ce" else cce_gaps(game, D)
            expl = float(np.sum(gaps))
            strategies = tuple(D.sum(axis=tuple(j for j in range(n) if j != i))
                               for i in range(n))
            if zero_sum:
                value = float(np.sum(weights * meta.payoffs[0]))
            return expl, strategies, D, value
        if zero_sum:
            value = float(weights[0] @ meta.payoffs[0] @ weights[1])
        if self._kind == "normal-form":
            strategies = tuple(meta.full_strategy(i, w) for i, w in enumerate(weights))
            return float(nash_conv(game, strategies)), strategies, None, value
        mixtures = [meta.mixture(i, w) for i, w in enumerate(weights)]
        beta = behavioural_policies(game, mixtures)
        expl = float(_solvers().exploitability(game, beta))
        return expl, tuple(beta), None, value

    def _best_responses(self, weights) -> list[tuple[int, Any]]:
        game, meta, oracle = self._game, self._meta, self._oracle
        n = game.num_players
        out = []
        if not self._joint:
            mixtures = [meta.mixture(i, w) for i, w in enumerate(weights)]
            for i in range(n):
                out.append((i, oracle(game, i, list(mixtures))))
            return out
        for i in range(n):
            if self._solver_name == "ce":
                own = weights.sum(axis=tuple(j for j in range(n) if j != i))
                for k in np.flatnonzero(own > _CE_MIN_PROB):
                    cond = np.take(weights, k, axis=i) / own[k]
                    q = meta.full_distribution(cond, exclude=i)
                    out.append((i, oracle(game, i, q)))
            else:
                q = meta.full_distribution(weights.sum(axis=i), exclude=i)
                out.append((i, oracle(game, i, q)))
        return out

    # ------------------------------------------------------------------ the loop
    def run(self, iterations: int, *, progress: bool = False) -> PSROResult:
        """Run at most ``iterations`` more iterations (fewer when the exploitability
        reaches ``tol`` or no population grows) and return the whole history.

        Parameters
        ----------
        iterations : int
            Iteration cap of this call (a positive integer).
        progress : bool
            Show a tqdm progress bar.
        """
        if isinstance(iterations, bool) or not isinstance(iterations, (Integral, np.integer)) \
                or iterations < 1:
            raise InvalidOptionError(f"iterations must be a positive integer, got "
                                     f"{iterations!r}")
        t0 = time.perf_counter()
        bar = None
        if progress:
            from tqdm.auto import tqdm
            bar = tqdm(total=int(iterations), desc=f"PSRO ({self._solver_name})")
        try:
            for _ in range(int(iterations)):
                if self._converged or self._terminated:
                    break
                weights = self._pending if self._pending is not None else self._solve()
                self._pending = None
                expl, strategies, D, value = self._measure(weights)
                self._history.append(expl)
                self._sizes.append(self._meta.sizes)
                self._last = (weights, strategies, D, value)
                logger.debug("PSRO iteration %d: populations %s, exploitability %.3g",
                             len(self._history), self._meta.sizes, expl)
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(exploitability=f"{expl:.3g}")
                if expl <= self._tol:
                    self._converged = True
                    break
                added = False
                for i, policy in self._best_responses(weights):
                    _, new = self._meta.add_policy(i, policy)
                    added = added or new
                if not added:
                    self._terminated = True
                    break
        finally:
            if bar is not None:
                bar.close()
        self._elapsed += time.perf_counter() - t0
        return self.result()

    def result(self) -> PSROResult:
        """The history so far as a :class:`PSROResult` (runs one iteration if none ran)."""
        if self._last is None:
            return self.run(1)
        weights, strategies, D, value = self._last
        return PSROResult(
            meta_solver=self._solver_name,
            exploitability=np.array(self._history),
            meta_strategies=strategies,
            meta_weights=weights,
            joint_distribution=D,
            population_sizes=np.array(self._sizes, dtype=np.int64),
            value=value,
            converged=bool(self._history[-1] <= self._tol),
            terminated=self._terminated,
            num_iter=len(self._history),
            elapsed=self._elapsed,
            params={"meta_solver": self._solver_name,
                    "meta_solver_options": dict(self._options),
                    "oracle": repr(self._oracle), "tol": self._tol,
                    "keep_duplicates": self._keep,
                    "initial_sizes": list(self._initial_sizes)})


def _is_float_vector(e) -> bool:
    """A 1-D float array, or a list of floats (not ints: a list of ints is a list of
    actions)."""
    if isinstance(e, np.ndarray):
        return e.ndim == 1 and e.dtype.kind == "f"
    try:
        items = list(e)
    except TypeError:
        return False
    return bool(items) and all(isinstance(x, (float, np.floating)) for x in items)


def _is_stationary(e) -> bool:
    """True when ``e`` looks like one stationary policy (a list over states of vectors of
    numbers) rather than a list of policies."""
    try:
        first = e[0]
        inner = first[0]
    except (TypeError, IndexError, KeyError):
        return False
    return _is_number_like(inner)
