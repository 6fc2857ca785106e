"""No-regret and classical learning dynamics on n-player normal-form games.

Each dynamics is a class built from a :class:`~gametheory.NormalFormGame`; its
:meth:`run` advances the process by a number of iterations and returns a
:class:`~gametheory.learning.TrajectoryResult`.  State is kept between ``run`` calls, so
``run(1000)`` twice is ``run(2000)`` (same random numbers too).

=========================  ==========================================  ========  ============
registry name              class (paper)                               target    play
=========================  ==========================================  ========  ============
``regret_matching``        :class:`RegretMatching` (Hart and           ``cce``   expected or
                           Mas-Colell 2000)                                      sampled
``regret_matching_plus``   :class:`RegretMatchingPlus` (Tammelin 2014) ``cce``   expected or
                                                                                 sampled
``internal_regret_         :class:`InternalRegretMatching` (Hart and   ``ce``    sampled
matching``                 Mas-Colell 2000)
``hedge``                  :class:`Hedge` (Freund and Schapire 1997)   ``cce``   expected or
                                                                                 sampled
``fictitious_play``        :class:`FictitiousPlay` (Brown 1951)        ``nash``  pure
``stochastic_fictitious_   :class:`StochasticFictitiousPlay`           ``nash``  sampled or
play``                     (Fudenberg and Kreps 1993)                            mixed
``best_response_           :class:`BestResponseDynamics`               ``nash``  pure
dynamics``
``replicator``             :class:`Replicator` (Taylor and Jonker      ``nash``  mixed
                           1978)
``logit_dynamics``         :class:`LogitDynamics` (Fudenberg and       ``nash``  mixed
                           Levine 1998)
=========================  ==========================================  ========  ============

The ``distance`` of a result measures the target: the CCE gap of the joint distribution
of play for the no-regret dynamics (equal to the largest average external regret), the CE
gap for internal regret matching, and the max regret of the time-average profile for the
others.  In two-player zero-sum games the average strategies of every no-regret dynamics
converge to the minimax strategies (the CCE gap bounds their max regret times two).

Speed: the inner loops are numba kernels (:mod:`._dynamics_kernels`).  In two-player
games an expected-play iteration costs two matrix-vector products (rows of zero weight
skipped), fictitious play and sampled play cost ``O(m_1 + m_2)`` per iteration (one row of
each payoff matrix); in n-player games a mixed-profile iteration is one pass over the
payoff tensor.  The history is recorded every ``record_every`` iterations only (default:
about 1000 records per run).

Examples
--------
>>> from gametheory.games import catalog
>>> from gametheory.learning import RegretMatching
>>> rm = RegretMatching(catalog.get("matching-pennies"), initial=[[0.9, 0.1], [0.3, 0.7]])
>>> res = rm.run(20_000)
>>> res.target, bool(res.distance[-1] < 0.01), bool(res.max_regret < 0.01)
('cce', True, True)
>>> [s.round(2).tolist() for s in res.average_strategies]
[[0.5, 0.5], [0.5, 0.5]]
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import time
from numbers import Integral, Real

import numpy as np

from .._errors import (InvalidOptionError, InvalidProfileError, SolverError,
                       UnknownNameError, UnsupportedGameError)
from .._rng import as_generator
from ..concepts import ce_gap as _ce_gap
from ..concepts import max_regret as _max_regret
from ..concepts import regrets as _regrets
from ..games._normal_form import NormalFormGame, as_mixed_profile
from ._result import TrajectoryResult

__all__ = ["RegretMatching", "RegretMatchingPlus", "InternalRegretMatching", "Hedge",
           "FictitiousPlay", "StochasticFictitiousPlay", "BestResponseDynamics",
           "Replicator", "LogitDynamics", "DYNAMICS", "get_dynamics"]

logger = logging.getLogger(__name__)

#: Default number of history records per run.
_RECORDS = 1000
#: Iterations per kernel call for dynamics that draw random numbers (bounds the memory of
#: the uniforms handed to the kernel).
_RANDOM_CHUNK = 1 << 15
#: Expected-play dynamics keep the time-average product distribution by default up to
#: this many pure profiles (it costs one pass over the profiles per iteration).
_JOINT_AUTO_PROFILES = 1024
#: Cycle detection of best-response dynamics keeps one integer per pure profile.
_VISITED_MAX_PROFILES = 10_000_000


# ----------------------------------------------------------------------------- checks
def _check_game(game, who: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{who} needs a NormalFormGame, got {type(game).__name__}")
    if game.num_players < 2:
        raise UnsupportedGameError(f"{who} needs at least two players, the game has "
                                   f"{game.num_players}")
    return game


def _positive(value, name: str, *, allow_none: bool = False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidOptionError(f"{name} must be a positive number, got {value!r}")
    value = float(value)
    if not (value > 0 and math.isfinite(value)):
        raise InvalidOptionError(f"{name} must be a positive finite number, got {value!r}")
    return value


def _flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidOptionError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _count(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (Integral, np.integer)):
        raise InvalidOptionError(f"{name} must be a positive integer, got {value!r}")
    if int(value) <= 0:
        raise InvalidOptionError(f"{name} must be a positive integer, got {int(value)}")
    return int(value)


def _choice(value, name: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise UnknownNameError(f"unknown {name} {value!r}; choose from "
                               f"{', '.join(repr(c) for c in choices)}")
    return value


#: Games with more pure profiles than this compute their certificates with one BLAS
#: thread: on a loaded two-core machine OpenBLAS's threads wait on each other (a
#: 1000x1000 matrix-vector product took 25 ms with two threads).
_BLAS_LIMIT_PROFILES = 80_000


def _blas_threads(num_profiles: int):
    """One BLAS thread for large games when ``threadpoolctl`` is available."""
    if num_profiles <= _BLAS_LIMIT_PROFILES:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _progress_bar(total: int, name: str):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        logger.warning("progress=True needs tqdm; running without a progress bar")
        return None
    return tqdm(total=total, desc=name, unit="it")


class _History:
    """History arrays of one run (K rows at most)."""

    def __init__(self, K: int, M: int, n: int, time_dtype=np.int64):
        self.t = np.zeros(K, dtype=time_dtype)
        self.avg = np.zeros((K, M))
        self.cur = np.zeros((K, M))
        self.reg = np.zeros((K, n))
        self.dist = np.zeros(K)

    def trim(self, k: int) -> "_History":
        for name in ("t", "avg", "cur", "reg", "dist"):
            setattr(self, name, getattr(self, name)[:k])
        return self


# --------------------------------------------------------------------------- the base
class _Dynamics:
    """Shared machinery: validation, game arrays in the kernels' layout, chunked runs,
    histories and the result."""

    name = ""
    target = "nash"

    def __init__(self, game, *, rng=None, tol: float = 1e-3):
        game = _check_game(game, type(self).__name__)
        self.game = game
        self._rng = as_generator(rng)
        self._tol = _positive(tol, "tol")
        n = game.num_players
        m = tuple(int(k) for k in game.num_actions)
        self._n = n
        self._m = m
        self._offs = np.concatenate([[0], np.cumsum(m)]).astype(np.int64)
        self._shape = np.array(m, dtype=np.int64)
        strides = np.ones(n, dtype=np.int64)
        for j in range(n - 2, -1, -1):
            strides[j] = strides[j + 1] * m[j + 1]
        self._strides = strides
        self._N = int(np.prod(m))
        self._two = n == 2
        P = game.payoff_array
        if self._two:
            self._At = np.ascontiguousarray(P[0].T, dtype=np.float64)
            self._B = np.ascontiguousarray(P[1], dtype=np.float64)
            self._Pf = np.zeros((n, 1))
        else:
            self._At = np.zeros((1, 1))
            self._B = np.zeros((1, 1))
            self._Pf = np.ascontiguousarray(P.reshape(n, -1), dtype=np.float64)
        self._scale = max(1.0, float(np.abs(P).max()))
        ranges = P.reshape(n, -1).max(axis=1) - P.reshape(n, -1).min(axis=1)
        self._delta = np.where(ranges > 0, ranges, 1.0).astype(np.float64)
        self._t = 0
        self._elapsed = 0.0
        self._runs: list[_History] = []
        self._last_record_every: int | None = None
        self._params: dict = {"tol": self._tol}

    # ------------------------------------------------------------------ helpers
    def _initial_profile(self, initial) -> np.ndarray:
        """The initial mixed profile as one flat vector (uniform when ``None``)."""
        if initial is None:
            return np.concatenate([np.full(k, 1.0 / k) for k in self._m])
        strategies = as_mixed_profile(self.game, initial)
        return np.concatenate([s / s.sum() for s in strategies]).astype(np.float64)

    def _split(self, flat: np.ndarray) -> tuple[np.ndarray, ...]:
        o = self._offs
        return tuple(np.array(flat[..., o[i]:o[i + 1]]) for i in range(self._n))

    def _split_regret(self, reg: np.ndarray) -> np.ndarray:
        return reg

    def _values(self, x: np.ndarray) -> np.ndarray:
        """Action values of every player at the flat mixed profile ``x`` (numpy)."""
        strategies = self._split(x)
        vals = self.game.all_action_values(strategies)
        return np.concatenate(vals)

    def _certificate(self, avg_flat: np.ndarray) -> float:
        return float(_max_regret(self.game, list(self._split(avg_flat))))

    @property
    def iteration(self) -> int:
        """Iterations performed so far."""
        return self._t

    @property
    def params(self) -> dict:
        """The hyperparameters as used."""
        return dict(self._params)

    # ------------------------------------------------------------------ to implement
    def _average_flat(self) -> np.ndarray:
        raise NotImplementedError

    def _current_flat(self) -> np.ndarray:
        raise NotImplementedError

    def _joint_flat(self) -> np.ndarray | None:
        return None

    def _initial_record(self) -> _History:
        """Row 0 of the history: the initial state; its regrets are those of the initial
        profile (the limit of the average regret as the number of rounds goes to 0)."""
        h = _History(1, self._state_size(), self._n_reg(), self._time_dtype())
        avg = self._average_flat()
        h.avg[0] = avg
        h.cur[0] = self._current_flat()
        full = self._full(self._current_flat() if self.target == "ce" else avg)
        strategies = list(_Dynamics._split(self, full))
        regs = _regrets(self.game, strategies)
        h.reg[0] = regs[:self._n_reg()]
        if self.target == "ce":
            from functools import reduce
            h.dist[0] = _ce_gap(self.game, reduce(np.multiply.outer, strategies))
        else:
            h.dist[0] = float(regs.max())
        return h

    def _full(self, flat: np.ndarray) -> np.ndarray:
        """A state vector as a flat profile of every player."""
        return flat

    def _state_size(self) -> int:
        return int(self._offs[-1])

    def _n_reg(self) -> int:
        return self._n

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        """Advance ``steps`` iterations; return ``(k, steps done, stop)``."""
        raise NotImplementedError

    def _chunk(self, iterations: int, record_every: int, progress: bool) -> int:
        chunk = iterations
        if getattr(self, "_uses_random", False):
            chunk = min(chunk, max(_RANDOM_CHUNK, record_every))
        if progress:
            chunk = min(chunk, max(1, -(-iterations // 100)))
        return max(1, chunk)

    def _converged(self, distance: float) -> bool:
        return bool(distance <= self._tol * self._scale)

    def _time_dtype(self):
        return np.int64

    # ------------------------------------------------------------------ public
    def run(self, iterations: int, *, rng=None, record_every: int | None = None,
            progress: bool = False) -> TrajectoryResult:
        """Advance the dynamics by ``iterations`` iterations.

        Parameters
        ----------
        iterations : int
            Number of iterations (at least 1).
        rng : None, int or numpy.random.Generator, optional
            When given, the random stream of this and later runs (sampled play, random
            tie-breaking) is re-seeded from it; by default the stream of the constructor's
            ``rng`` continues.  Deterministic dynamics ignore it.
        record_every : int, optional
            Record the history every this many iterations (and at the last one); default
            ``ceil(iterations / 1000)``, so that a run adds about 1000 records.
        progress : bool
            Show a tqdm progress bar.

        Returns
        -------
        TrajectoryResult
            The whole trajectory so far (every ``run`` call).

        Raises
        ------
        InvalidOptionError
            ``iterations`` or ``record_every`` not a positive integer.
        """
        iterations = _count(iterations, "iterations")
        if rng is not None:
            self._rng = as_generator(rng)
        if record_every is None:
            record_every = max(1, -(-iterations // _RECORDS))
        else:
            record_every = _count(record_every, "record_every")
        progress = _flag(progress, "progress")
        start = time.perf_counter()
        if not self._runs:
            with _blas_threads(self._N):
                self._runs.append(self._initial_record())
        K = -(-iterations // record_every)
        H = _History(K, self._state_size(), self._n_reg(), self._time_dtype())
        run_start = self._t
        run_end = self._t + iterations
        chunk = self._chunk(iterations, record_every, progress)
        bar = _progress_bar(iterations, self.name) if progress else None
        try:
            with _blas_threads(self._N):
                self._run_chunks(iterations, chunk, run_start, run_end, record_every, H,
                                 bar)
        finally:
            if bar is not None:
                bar.close()
        self._runs.append(H.trim(self._k))
        self._last_record_every = record_every
        self._elapsed += time.perf_counter() - start
        return self._result()

    def _run_chunks(self, iterations, chunk, run_start, run_end, record_every, H, bar):
        """Call the kernel chunk by chunk; the history row count ends in ``self._k``."""
        done = 0
        k = 0
        try:
            while done < iterations:
                steps = min(chunk, iterations - done)
                k, did, stop = self._advance(steps, run_start, run_end, record_every, k, H)
                self._t += did
                done += did
                if bar is not None:
                    bar.update(did)
                if stop:
                    break
        finally:
            self._k = k
        return done

    def _history(self, attr: str) -> tuple[np.ndarray, ...]:
        """One array per player of the recorded rows of every run (one copy)."""
        parts = [getattr(h, attr) for h in self._runs]
        width = parts[0].shape[1]
        if getattr(self, "_single", False) and width == self._m[0]:
            whole = np.concatenate(parts)
            return (whole, whole.copy())
        o = self._offs
        return tuple(np.concatenate([p[:, o[i]:o[i + 1]] for p in parts])
                     for i in range(self._n))

    def _result(self) -> TrajectoryResult:
        runs = self._runs
        times = np.concatenate([h.t for h in runs])
        reg_h = self._split_regret(np.concatenate([h.reg for h in runs]))
        dist = np.concatenate([h.dist for h in runs])
        average = tuple(np.array(s) for s in self._split(self._average_flat()))
        current = tuple(np.array(s) for s in self._split(self._current_flat()))
        joint = self._joint_flat()
        if joint is not None:
            joint = joint.reshape(self._m)
        with _blas_threads(self._N):
            certificate = float(_max_regret(self.game, list(average)))
            converged = self._converged_now(dist)
        params = dict(self._params)
        params["record_every"] = self._last_record_every
        avg_hist = self._history("avg")
        cur_hist = self._history("cur")
        for group in ([times, reg_h, dist], average, current, avg_hist, cur_hist,
                      [joint] if joint is not None else []):
            for a in group:
                a.setflags(write=False)
        return TrajectoryResult(
            dynamics=self.name, iterations=int(self._t), times=times,
            average_strategies=average, current_strategies=current,
            average_history=avg_hist, current_history=cur_hist, regret_history=reg_h,
            joint_distribution=joint, distance=dist, target=self.target,
            max_regret=certificate, converged=converged,
            elapsed=float(self._elapsed), params=params)

    def _converged_now(self, dist: np.ndarray) -> bool:
        return self._converged(float(dist[-1])) if len(dist) else False

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({self.game!r}, iteration={self._t}, "
                f"params={self._params})")

    # kernel arguments shared by every kernel
    def _game_args(self):
        return self._two, self._At, self._B, self._Pf


# ---------------------------------------------------------------- no-regret dynamics
class _RegretFamily(_Dynamics):
    target = "cce"
    _kind = 0

    def __init__(self, game, *, initial=None, rng=None, sampled: bool = False,
                 linear_averaging: bool = False, track_joint: bool | None = None,
                 tol: float = 1e-3):
        super().__init__(game, rng=rng, tol=tol)
        self._sampled = _flag(sampled, "sampled")
        self._linear = _flag(linear_averaging, "linear_averaging")
        if track_joint is None:
            track = self._sampled or self._N <= _JOINT_AUTO_PROFILES
        else:
            track = _flag(track_joint, "track_joint") or self._sampled
        self._track = bool(track)
        self._uses_random = self._sampled
        M = int(self._offs[-1])
        self._x = self._initial_profile(initial)
        self._cum = np.zeros(M)
        self._regw = np.zeros(M)
        self._sumx = np.zeros(M)
        self._joint = np.zeros(self._N if self._track else 0)
        self._state = np.zeros(1)
        with np.errstate(divide="ignore"):
            self._logprior = np.log(self._x)
        self._eta = np.full(self._n, -1.0)
        self._logm = np.log(np.array(self._m, dtype=np.float64))
        self._params.update(sampled=self._sampled, track_joint=self._track)

    def _average_flat(self):
        if self._state[0] == 0:
            return self._x.copy()
        return self._sumx / self._state[0]

    def _current_flat(self):
        return self._x.copy()

    def _joint_flat(self):
        if not self._track:
            return None
        if self._state[0] == 0:
            from functools import reduce
            return reduce(np.multiply.outer, self._split(self._x)).ravel()
        return self._joint / self._state[0]

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        from ._dynamics_kernels import regret_kernel
        U = (self._rng.random((steps, self._n)) if self._sampled
             else np.zeros((0, self._n)))
        two, At, B, Pf = self._game_args()
        k = regret_kernel(self._kind, self._sampled, self._linear, self._track, two, At, B,
                          Pf, self._shape, self._strides, self._offs, self._x, self._cum,
                          self._regw, self._sumx, self._joint, self._state, self._logprior,
                          self._eta, self._delta, self._logm, U, self._t, steps, run_start,
                          run_end, record_every, k, H.t, H.avg, H.cur, H.reg, H.dist)
        return k, steps, False


class RegretMatching(_RegretFamily):
    """Regret matching (Hart and Mas-Colell 2000, *Econometrica* 68, 1127-1150): every
    player plays each action with probability proportional to its positive cumulative
    external regret (uniformly when no regret is positive).

    The average external regret of each player vanishes at rate ``O(1/sqrt(T))``
    (at most ``Delta * sqrt(m / T)`` with payoff range ``Delta`` and ``m`` actions,
    whatever the others do), so the joint distribution of play approaches the set of
    coarse correlated equilibria (``target="cce"``) and, in two-player zero-sum games,
    the average strategies approach the minimax strategies.

    Parameters
    ----------
    game : NormalFormGame
        Two or more players.
    initial : profile, optional
        First mixed strategy of every player (default uniform).
    rng : None, int or numpy.random.Generator
        Randomness of sampled play.
    sampled : bool
        ``False`` (default, the expected or "vanilla" variant): regrets are computed
        against the opponents' mixed strategies.  ``True``: every player samples an action
        each round and regrets are those of the realised play, as in Hart and Mas-Colell;
        the averages are then empirical frequencies.
    track_joint : bool, optional
        Keep the time-average joint distribution of play (``joint_distribution``).
        Default: always with sampled play, with expected play when the game has at most
        1024 pure profiles (the product costs one pass over the profiles per iteration).
    tol : float
        ``converged`` is ``distance[-1] <= tol * max(1, max |payoff|)`` (the CCE gap).

    Examples
    --------
    Expected regret matching in rock-paper-scissors from a pure start: the average
    strategies approach the uniform equilibrium.

    >>> from gametheory.games import catalog
    >>> rps = catalog.get("rock-paper-scissors")
    >>> res = RegretMatching(rps, initial=[[1, 0, 0], [0, 1, 0]]).run(10_000)
    >>> [s.round(2).tolist() for s in res.average_strategies]
    [[0.34, 0.33, 0.33], [0.33, 0.34, 0.33]]
    >>> bool(res.max_regret < 0.02), bool(res.regret_history[-1].max() < 0.02)
    (True, True)
    """

    name = "regret_matching"
    _kind = 0

    def __init__(self, game, *, initial=None, rng=None, sampled: bool = False,
                 track_joint: bool | None = None, tol: float = 1e-3):
        super().__init__(game, initial=initial, rng=rng, sampled=sampled,
                         linear_averaging=False, track_joint=track_joint, tol=tol)


class RegretMatchingPlus(_RegretFamily):
    """Regret matching+ (Tammelin 2014, "Solving large imperfect information games using
    CFR+", arXiv:1407.5042): regret matching on cumulative regrets clipped at zero after
    every iteration, ``Q <- max(Q + r, 0)``, so that an action that turns good is played
    again at once.

    With ``linear_averaging=True`` (default) the average strategy weights iteration ``t``
    by ``t`` (Tammelin, Burch, Johanson and Bowling 2015), which converges much faster in
    two-player zero-sum games.  ``regret_history`` and ``distance`` use the same weights
    (the CCE gap of the weighted joint distribution).  The bound on the (unweighted)
    average regret is the one of regret matching, ``Delta * sqrt(m / T)``.

    Parameters
    ----------
    game, initial, rng, sampled, track_joint, tol
        As in :class:`RegretMatching`.
    linear_averaging : bool
        Weight iteration ``t`` by ``t`` in the averages (default) or uniformly.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.zero_sum([[2, -1], [-1, 1]])   # value 1/5, both mix (2/5, 3/5)
    >>> res = RegretMatchingPlus(g).run(20_000)
    >>> [s.round(2).tolist() for s in res.average_strategies], bool(res.max_regret < 0.02)
    ([[0.4, 0.6], [0.4, 0.6]], True)
    """

    name = "regret_matching_plus"
    _kind = 1

    def __init__(self, game, *, initial=None, rng=None, linear_averaging: bool = True,
                 sampled: bool = False, track_joint: bool | None = None,
                 tol: float = 1e-3):
        super().__init__(game, initial=initial, rng=rng, sampled=sampled,
                         linear_averaging=linear_averaging, track_joint=track_joint,
                         tol=tol)
        self._params["linear_averaging"] = self._linear


class Hedge(_RegretFamily):
    """Hedge, the exponentially weighted forecaster (multiplicative weights; Freund and
    Schapire 1997, *J. Comput. Syst. Sci.* 55, 119-139; Cesa-Bianchi and Lugosi 2006,
    *Prediction, Learning, and Games*, section 2.1): player ``i`` plays
    ``x_i(a) ~ x_i^0(a) exp(eta_t R_i(a))`` where ``R_i`` is the cumulative payoff of
    action ``a`` (equivalently its cumulative regret) and ``x_i^0`` the initial strategy.

    Learning rate: by default the anytime schedule ``eta_t = sqrt(8 ln m_i / t) /
    Delta_i`` (``Delta_i``: player ``i``'s payoff range), whose regret after ``T`` rounds
    is at most ``Delta_i (2 sqrt(T ln(m_i) / 2) + sqrt(ln(m_i) / 8))`` against any
    opponents (Cesa-Bianchi and Lugosi 2006, Theorem 2.3).  A float ``learning_rate``
    gives a constant ``eta`` (in units of inverse payoff); for a known horizon ``T``,
    ``eta = sqrt(8 ln m / T) / Delta`` guarantees regret at most
    ``Delta sqrt(T ln(m) / 2)`` (their Theorem 2.2).

    Parameters
    ----------
    game, initial, rng, sampled, track_joint, tol
        As in :class:`RegretMatching`.
    learning_rate : float, optional
        Constant ``eta > 0``, or ``None`` for the decreasing schedule.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> res = Hedge(catalog.get("matching-pennies"), initial=[[0.9, 0.1], [0.5, 0.5]]
    ...             ).run(20_000)
    >>> bool(res.regret_history[-1].max() < 0.02), bool(res.max_regret < 0.05)
    (True, True)
    """

    name = "hedge"
    _kind = 2

    def __init__(self, game, *, initial=None, rng=None, learning_rate: float | None = None,
                 sampled: bool = False, track_joint: bool | None = None,
                 tol: float = 1e-3):
        super().__init__(game, initial=initial, rng=rng, sampled=sampled,
                         linear_averaging=False, track_joint=track_joint, tol=tol)
        rate = _positive(learning_rate, "learning_rate", allow_none=True)
        self._eta = np.full(self._n, -1.0 if rate is None else rate)
        self._params["learning_rate"] = rate


class InternalRegretMatching(_Dynamics):
    """Conditional (internal) regret matching, the adaptive procedure of Hart and
    Mas-Colell (2000, *Econometrica* 68, 1127-1150), with sampled play.

    Each player keeps, for every pair of actions ``(j, k)``, the cumulative gain
    ``D(j, k)`` it would have had by playing ``k`` in every round where it played ``j``.
    Having just played ``j`` in round ``t``, it switches to ``k != j`` with probability
    ``max(D(j, k), 0) / (t mu)`` and plays ``j`` again otherwise.  The empirical joint
    distribution of play converges almost surely to the set of correlated equilibria
    (``target="ce"``): ``max D(j, k) / t`` is exactly the CE gap
    (:func:`gametheory.concepts.ce_gap`) of that distribution.

    Parameters
    ----------
    game : NormalFormGame
    initial : profile, optional
        Mixed strategies of the first round (default uniform).
    rng : None, int or numpy.random.Generator
        Randomness of play.
    mu : float, optional
        Inertia constant (the same for every player).  The paper asks for ``mu`` large
        enough that the switching probabilities sum to at most 1 (``mu > 2 M (m - 1)``
        with ``|u| <= M``); since each ``D(j, k) / t`` is at most the payoff range
        ``Delta_i``, ``mu >= (m_i - 1) Delta_i`` suffices, and that is the default, per
        player (larger values converge more slowly).  Smaller values are allowed:
        switching probabilities that would sum above 1 are rescaled.
    tol : float
        ``converged`` is ``ce_gap <= tol * max(1, max |payoff|)``.

    Examples
    --------
    Aumann's chicken: play approaches a correlated equilibrium.

    >>> from gametheory.games import catalog
    >>> from gametheory.concepts import ce_gap
    >>> g = catalog.get("chicken")
    >>> res = InternalRegretMatching(g, rng=0).run(20_000)
    >>> bool(res.distance[-1] < 0.05)
    True
    >>> bool(abs(ce_gap(g, res.joint_distribution) - res.distance[-1]) < 1e-9)
    True
    """

    name = "internal_regret_matching"
    target = "ce"
    _uses_random = True

    def __init__(self, game, *, initial=None, rng=None, mu: float | None = None,
                 tol: float = 1e-3):
        super().__init__(game, rng=rng, tol=tol)
        mu = _positive(mu, "mu", allow_none=True)
        m = np.array(self._m, dtype=np.float64)
        if mu is None:
            self._mu = np.maximum((m - 1.0) * self._delta, 1e-300)
        else:
            self._mu = np.full(self._n, mu)
        M = int(self._offs[-1])
        self._x = self._initial_profile(initial)
        self._a = np.zeros(self._n, dtype=np.int64)
        self._doffs = np.concatenate([[0], np.cumsum(np.array(self._m) ** 2)]).astype(np.int64)
        self._D = np.zeros(int(self._doffs[-1]))
        self._rowmax = np.zeros(M)
        self._regw = np.zeros(M)
        self._counts = np.zeros(M)
        self._joint = np.zeros(self._N)
        self._params.update(mu=self._mu.tolist())

    def _average_flat(self):
        return self._x.copy() if self._t == 0 else self._counts / self._t

    def _current_flat(self):
        return self._x.copy()

    def _joint_flat(self):
        if self._t == 0:
            from functools import reduce
            return reduce(np.multiply.outer, self._split(self._x)).ravel()
        return self._joint / self._t

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        from ._dynamics_kernels import internal_regret_kernel
        U = self._rng.random((steps, self._n))
        two, At, B, Pf = self._game_args()
        k = internal_regret_kernel(two, At, B, Pf, self._strides, self._offs, self._doffs,
                                   self._mu, self._x, self._a, self._D, self._rowmax, self._regw,
                                   self._counts, self._joint, U, self._t, steps, run_start,
                                   run_end, record_every, k, H.t, H.avg, H.cur, H.reg,
                                   H.dist)
        return k, steps, False


# ------------------------------------------------------------------- fictitious play
class _FictitiousFamily(_Dynamics):
    target = "nash"

    def __init__(self, game, *, initial, rng, smooth, sampled, tie_breaking, temperature,
                 initial_weight, track_joint, tol):
        super().__init__(game, rng=rng, tol=tol)
        self._smooth = smooth
        self._sampled = sampled
        self._random_ties = tie_breaking == "random"
        self._temperature = temperature
        self._w0 = _positive(initial_weight, "initial_weight")
        pure_play = (not smooth) or sampled
        if track_joint is None:
            track = pure_play or self._N <= _JOINT_AUTO_PROFILES
        else:
            track = _flag(track_joint, "track_joint") or pure_play
        self._track = bool(track)
        self._uses_random = self._random_ties or (smooth and sampled)
        x0 = self._initial_profile(initial)
        M = int(self._offs[-1])
        self._S = self._w0 * x0
        self._state = np.array([self._w0])
        if self._two:
            A, B = (np.asarray(p, dtype=np.float64) for p in game.payoffs)
            m0 = self._m[0]
            self._Ubel = self._w0 * np.concatenate([A @ x0[m0:], x0[:m0] @ B])
        else:
            self._Ubel = np.zeros(M)
        self._x = x0.copy()
        self._a = np.zeros(self._n, dtype=np.int64)
        self._regw = np.zeros(M)
        self._joint = np.zeros(self._N if self._track else 0)
        self._params.update(initial_weight=self._w0, track_joint=self._track)

    def _average_flat(self):
        return self._S / self._state[0]

    def _current_flat(self):
        return self._x.copy()

    def _joint_flat(self):
        if not self._track:
            return None
        if self._t == 0:
            from functools import reduce
            return reduce(np.multiply.outer, self._split(self._x)).ravel()
        return self._joint / self._t

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        from ._dynamics_kernels import fictitious_kernel
        U = (self._rng.random((steps, self._n)) if self._uses_random
             else np.zeros((0, self._n)))
        two, At, B, Pf = self._game_args()
        k = fictitious_kernel(self._smooth, self._sampled, self._random_ties, self._track,
                              self._temperature, two, At, B, Pf, self._shape, self._strides,
                              self._offs, self._S, self._state, self._Ubel, self._x, self._a,
                              self._regw, self._joint, U, self._t, steps, run_start, run_end,
                              record_every, k, H.t, H.avg, H.cur, H.reg, H.dist)
        return k, steps, False


class FictitiousPlay(_FictitiousFamily):
    """Fictitious play (Brown 1951, "Iterative solution of games by fictitious play"),
    simultaneous updates, any number of players: each round every player plays a pure
    best response to its beliefs (the empirical frequencies of the others' past actions,
    taken as independent in games of three or more players) and the beliefs are updated.

    The beliefs start at ``initial`` with weight ``initial_weight``: after ``t`` rounds
    player ``i``'s belief is ``(w0 x_i^0 + counts_i) / (w0 + t)``, the
    ``average_strategies``.  Robinson (1951) proved that in two-player zero-sum games the
    beliefs converge to the minimax strategies (slowly: ``max_regret`` decays roughly like
    ``t^{-1/2}`` on random games); Miyasawa (1961) that they do in 2x2 games; Shapley
    (1964) gave a 3x3 game in which play cycles with growing run lengths and the beliefs
    do not converge.  In a two-player game an iteration costs ``O(m_1 + m_2)`` (one
    column of ``A`` and one row of ``B`` are added to the belief values).

    Parameters
    ----------
    game : NormalFormGame
    initial : profile, optional
        Initial beliefs about each player (default uniform); with a pure profile and
        ``initial_weight=1`` this is "one round already played".
    rng : None, int or numpy.random.Generator
        Randomness of random tie-breaking.
    tie_breaking : {"smallest", "random"}
        Among exact ties, the best response of smallest index (as QuantEcon) or a uniformly
        random one (as nashpy).
    initial_weight : float
        Weight of the initial beliefs, in rounds (positive).
    track_joint : bool, optional
        Always on: the joint distribution is the frequency of the pure profiles played.
    tol : float
        ``converged`` is ``max_regret(beliefs) <= tol * max(1, max |payoff|)``.

    Examples
    --------
    Matching pennies: the beliefs approach (1/2, 1/2).

    >>> from gametheory.games import catalog
    >>> res = FictitiousPlay(catalog.get("matching-pennies"), initial=[[1, 0], [1, 0]]
    ...                      ).run(100_000)
    >>> bool(res.max_regret < 0.01), res.current_strategies[0].tolist() in ([1, 0], [0, 1])
    (True, True)
    """

    name = "fictitious_play"

    def __init__(self, game, *, initial=None, rng=None, tie_breaking: str = "smallest",
                 initial_weight: float = 1.0, track_joint: bool | None = None,
                 tol: float = 1e-3):
        tie_breaking = _choice(tie_breaking, "tie_breaking", ("smallest", "random"))
        super().__init__(game, initial=initial, rng=rng, smooth=False, sampled=True,
                         tie_breaking=tie_breaking, temperature=1.0,
                         initial_weight=initial_weight, track_joint=track_joint, tol=tol)
        self._params["tie_breaking"] = tie_breaking


class StochasticFictitiousPlay(_FictitiousFamily):
    """Stochastic (smooth) fictitious play (Fudenberg and Kreps 1993, *Games Econ.
    Behav.* 5, 320-367; Fudenberg and Levine 1998, *The Theory of Learning in Games*,
    ch. 4): each player responds to its beliefs with the logit (smooth) best response
    ``softmax(u_i(., beliefs) / temperature)``.

    With ``sampled=True`` (default) every player draws an action from its smooth best
    response and the beliefs are the empirical frequencies, as in Fudenberg and Kreps;
    with ``sampled=False`` the beliefs are updated with the mixed responses themselves
    (the deterministic smooth fictitious play process).  Rest points are logit quantal
    response equilibria with precision ``1 / temperature`` (McKelvey and Palfrey 1995);
    in zero-sum and potential games the beliefs converge to them (Hofbauer and Sandholm
    2002), so ``max_regret`` tends to a small positive number that shrinks with the
    temperature.

    Parameters
    ----------
    game, initial, rng, initial_weight, tol
        As in :class:`FictitiousPlay`.
    temperature : float
        Noise of the smooth best response, in payoff units (positive).
    sampled : bool
        Sampled actions (default) or mixed responses.
    track_joint : bool, optional
        Mixed responses: keep the time-average product distribution (default for games
        of at most 1024 profiles).  Always on with sampled play.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> res = StochasticFictitiousPlay(catalog.get("matching-pennies"), temperature=0.05,
    ...                                rng=1).run(50_000)
    >>> bool(res.max_regret < 0.05)
    True
    """

    name = "stochastic_fictitious_play"

    def __init__(self, game, *, initial=None, rng=None, temperature: float = 0.1,
                 sampled: bool = True, initial_weight: float = 1.0,
                 track_joint: bool | None = None, tol: float = 1e-3):
        temperature = _positive(temperature, "temperature")
        sampled = _flag(sampled, "sampled")
        super().__init__(game, initial=initial, rng=rng, smooth=True, sampled=sampled,
                         tie_breaking="smallest", temperature=temperature,
                         initial_weight=initial_weight, track_joint=track_joint, tol=tol)
        self._params.update(temperature=temperature, sampled=sampled)


# ---------------------------------------------------------- best-response dynamics
class BestResponseDynamics(_Dynamics):
    """Pure best-response dynamics (Cournot adjustment; Matsui 1992; Monderer and Shapley
    1996 for their convergence in potential games).  One iteration is one round: with
    ``mode="sequential"`` the players revise one after the other in player order, each
    seeing the revisions made before it; with ``mode="simultaneous"`` all revise at once
    against the profile of the previous round.  A player keeps its action when it is
    already a best response; otherwise it switches to a best response (smallest index,
    or random among ties).

    The run stops early at a rest point, a pure Nash equilibrium (``converged=True``).
    With deterministic tie-breaking the process is deterministic, so a profile that
    repeats closes a cycle: :attr:`cycle` then lists the profiles of the cycle.
    Sequential dynamics reach a pure equilibrium in every finite potential game; in
    others they may cycle.  The averages are the empirical frequencies of the profiles
    played (one per round).

    Parameters
    ----------
    game : NormalFormGame
    initial : pure profile, optional
        Starting profile (indices or labels); default drawn uniformly with ``rng``.
    rng : None, int or numpy.random.Generator
    mode : {"sequential", "simultaneous"}
    tie_breaking : {"smallest", "random"}
    tol : float
        Unused by the convergence test (a rest point is exact); kept for uniformity.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> brd = BestResponseDynamics(catalog.get("prisoners-dilemma"), initial=("C", "C"))
    >>> res = brd.run(100)
    >>> res.iterations, res.converged, brd.rest_point
    (2, True, (1, 1))

    Matching pennies has no pure equilibrium: sequential revisions (the row player first,
    then the column player seeing the new row action) alternate between two profiles.

    >>> mp = BestResponseDynamics(catalog.get("matching-pennies"), initial=(0, 0))
    >>> res = mp.run(20)
    >>> res.converged, mp.cycle
    (False, [(1, 0), (0, 1)])
    """

    name = "best_response_dynamics"

    def __init__(self, game, *, initial=None, rng=None, mode: str = "sequential",
                 tie_breaking: str = "smallest", tol: float = 1e-3):
        super().__init__(game, rng=rng, tol=tol)
        mode = _choice(mode, "mode", ("sequential", "simultaneous"))
        tie_breaking = _choice(tie_breaking, "tie_breaking", ("smallest", "random"))
        self._simultaneous = mode == "simultaneous"
        self._random_ties = tie_breaking == "random"
        self._uses_random = self._random_ties
        if initial is None:
            a = [int(self._rng.integers(k)) for k in self._m]
        else:
            if isinstance(initial, (str, bytes)):
                raise InvalidProfileError("initial must be one action per player")
            try:
                a = list(self.game.pure_profile(initial))
            except TypeError:
                raise InvalidProfileError("initial must be a pure profile: one action "
                                          "(index or label) per player") from None
        self._a = np.array(a, dtype=np.int64)
        M = int(self._offs[-1])
        self._counts = np.zeros(M)
        self._regw = np.zeros(M)
        self._joint = np.zeros(self._N)
        self._visited = (np.full(self._N, -1, dtype=np.int64)
                         if self._N <= _VISITED_MAX_PROFILES else np.zeros(0, np.int64))
        self._cycle = np.zeros(2, dtype=np.int64)
        self._rest = False
        self._params.update(mode=mode, tie_breaking=tie_breaking)

    def _onehot(self, a) -> np.ndarray:
        x = np.zeros(int(self._offs[-1]))
        x[self._offs[:-1] + np.asarray(a)] = 1.0
        return x

    def _average_flat(self):
        return self._onehot(self._a) if self._t == 0 else self._counts / self._t

    def _current_flat(self):
        return self._onehot(self._a)

    def _joint_flat(self):
        if self._t == 0:
            j = np.zeros(self._N)
            j[int(self._a @ self._strides)] = 1.0
            return j
        return self._joint / self._t

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        from ._dynamics_kernels import best_response_kernel
        if self._rest:
            return k, 0, True
        U = (self._rng.random((steps, self._n)) if self._random_ties
             else np.zeros((0, self._n)))
        two, At, B, Pf = self._game_args()
        k, did, rest = best_response_kernel(
            self._simultaneous, self._random_ties, two, At, B, Pf, self._shape,
            self._strides, self._offs, self._a, self._counts, self._regw, self._joint,
            self._visited, self._cycle, U, self._t, steps, run_start, run_end,
            record_every, k, H.t, H.avg, H.cur, H.reg, H.dist)
        self._rest = bool(rest)
        return k, int(did), self._rest

    def _converged_now(self, dist) -> bool:
        return self._rest

    @property
    def rest_point(self) -> tuple[int, ...] | None:
        """The pure Nash equilibrium reached, or ``None``."""
        return tuple(int(v) for v in self._a) if self._rest else None

    @property
    def cycle(self) -> list[tuple[int, ...]] | None:
        """The profiles of the cycle the process entered (deterministic tie-breaking,
        profiles at the start of each round), or ``None`` if no profile repeated yet."""
        if self._cycle[1] == 0 or self._random_ties:
            return None
        from ._dynamics_kernels import best_response_kernel
        length = int(self._cycle[1])
        # replay the cycle from the current profile on scratch copies: the process is
        # periodic from the first repeated profile on
        a = self._a.copy()
        M = int(self._offs[-1])
        H = _History(length, M, self._n)
        two, At, B, Pf = self._game_args()
        best_response_kernel(self._simultaneous, False, two, At, B, Pf, self._shape,
                             self._strides, self._offs, a, np.zeros(M), np.zeros(M),
                             np.zeros(self._N), np.zeros(0, np.int64),
                             np.zeros(2, np.int64), np.zeros((0, self._n)), 0, length, 0,
                             length, 1, 0, H.t, H.avg, H.cur, H.reg, H.dist)
        profiles = [tuple(int(v) for v in np.flatnonzero(row) - self._offs[:-1])
                    for row in H.cur]
        # H.cur holds the profile after each round: rotate so the cycle starts at the
        # current profile
        return [tuple(int(v) for v in self._a)] + profiles[:-1]


# ------------------------------------------------------- replicator and logit dynamics
class _MeanDynamics(_Dynamics):
    target = "nash"
    _kind = 0

    def _setup(self, initial, track_joint, single):
        self._single = single
        x0 = self._initial_profile(initial)
        if single:
            m0 = self._m[0]
            x0 = x0[:m0].copy()
            self._poffs = np.array([0, m0], dtype=np.int64)
        else:
            self._poffs = self._offs
        if track_joint is None:
            track = self._N <= _JOINT_AUTO_PROFILES
        else:
            track = _flag(track_joint, "track_joint")
        self._track = bool(track)
        P = len(x0)
        self._x = x0
        self._sumx = np.zeros(P)
        self._regw = np.zeros(P)
        self._joint = np.zeros(self._N if self._track else 0)
        self._kstate = np.zeros(1)
        self._params["track_joint"] = self._track

    def _state_size(self):
        return len(self._x)

    def _full(self, flat):
        if self._single and len(flat) == self._m[0]:
            return np.concatenate([flat, flat])
        return flat

    def _n_reg(self):
        return 1 if self._single else self._n

    def _split(self, flat):
        if getattr(self, "_single", False) and flat.shape[-1] == self._m[0]:
            return (np.array(flat), np.array(flat))
        return super()._split(flat)

    def _split_regret(self, reg):
        if self._single:
            return np.repeat(reg, 2, axis=1)
        return reg

    def _average_flat(self):
        return self._x.copy() if self._t == 0 else self._sumx / self._t

    def _current_flat(self):
        return self._x.copy()

    def _joint_flat(self):
        if not self._track:
            return None
        if self._t == 0:
            from functools import reduce
            return reduce(np.multiply.outer, self._split(self._x)).ravel()
        return self._joint / self._t

    def _full_values(self, x):
        """Action values per population at the population state ``x``."""
        if self._single:
            return self.game.payoffs[0] @ x
        return self._values(x)

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        from ._dynamics_kernels import mean_dynamics_kernel
        two, At, B, Pf = self._game_args()
        k = mean_dynamics_kernel(self._kind, self._single, self._track, self._step,
                                 self._eta_value, two, At, B, Pf, self._shape,
                                 self._poffs, self._x, self._sumx, self._regw, self._joint,
                                 self._kstate, self._t, steps, run_start, run_end,
                                 record_every, k, H.t, H.avg, H.cur, H.reg, H.dist)
        if self._kstate[0] > 0 and not getattr(self, "_warned", False):
            logger.warning("%s: %d Euler steps left the simplex and were clipped; use a "
                           "smaller step_size", self.name, int(self._kstate[0]))
            self._warned = True
        return k, steps, False


class Replicator(_MeanDynamics):
    """Replicator dynamics (Taylor and Jonker 1978, *Math. Biosci.* 40, 145-156; Hofbauer
    and Sigmund 1998, *Evolutionary Games and Population Dynamics*):
    ``dx_k/dt = x_k (u(k, x_-i) - u(x))`` for every action ``k`` of every population.

    ``population="single"`` runs one population of a symmetric two-player game playing
    against itself, ``dx/dt = x * (A x - x.A x)`` (the strategies of both players are
    then the same state); ``"multi"`` one population per player (any number of players);
    ``"auto"`` (default) picks single for a symmetric two-player game whose initial
    strategies are equal.

    ``method="discrete"`` (default) takes Euler steps ``x += step_size * dx/dt`` in a
    numba kernel (steps leaving the simplex are clipped back and logged); ``times`` are
    then iteration numbers.  ``method="ode"`` integrates the ODE with
    :func:`scipy.integrate.solve_ivp` (iteration ``k`` is ODE time ``k * step_size``;
    ``times`` are ODE times); averages and regrets are then exact time integrals.

    Known facts the tests check: in rock-paper-scissors the orbits are closed and
    ``x_1 x_2 x_3`` is constant (Hofbauer and Sigmund, section 7.7), and strictly dominated
    strategies vanish (Akin 1980).  ``converged`` means the state is a rest point within
    ``tol`` (``max_k x_k |u(k, x_-i) - u(x)| <= tol * max(1, max |payoff|)``).

    Parameters
    ----------
    game : NormalFormGame
    initial : profile or probability vector, optional
        Initial state (default uniform, which is a rest point of many symmetric games);
        a single vector for ``population="single"``.
    rng : unused (the dynamics is deterministic).
    method : {"discrete", "ode"}
    step_size : float
        Euler step, or ODE time per iteration.
    population : {"auto", "single", "multi"}
    track_joint : bool, optional
        Keep the time-average product distribution (default for games of at most 1024
        profiles).
    rtol, atol : float
        Tolerances of the ODE solver.
    ode_method : str
        The :func:`~scipy.integrate.solve_ivp` method (default ``"DOP853"``).
    tol : float

    Examples
    --------
    In the prisoner's dilemma cooperation dies out:

    >>> from gametheory.games import catalog
    >>> res = Replicator(catalog.get("prisoners-dilemma"), initial=[0.99, 0.01],
    ...                  step_size=0.1).run(2_000)
    >>> bool(res.current_strategies[0][0] < 1e-6), res.converged
    (True, True)

    Rest points of rock-paper-scissors (single population): the three vertices and the
    centroid.

    >>> rps = Replicator(catalog.get("rock-paper-scissors"))
    >>> [p[0].round(3).tolist() for p in rps.rest_points()]
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.333, 0.333, 0.333]]
    """

    name = "replicator"
    _kind = 0

    def __init__(self, game, *, initial=None, rng=None, method: str = "discrete",
                 step_size: float = 0.01, population: str = "auto",
                 track_joint: bool | None = None, rtol: float = 1e-8,
                 atol: float = 1e-10, ode_method: str = "DOP853", tol: float = 1e-3):
        super().__init__(game, rng=rng, tol=tol)
        self._method = _choice(method, "method", ("discrete", "ode"))
        self._step = _positive(step_size, "step_size")
        population = _choice(population, "population", ("auto", "single", "multi"))
        self._rtol = _positive(rtol, "rtol")
        self._atol = _positive(atol, "atol")
        self._ode_method = _choice(ode_method, "ode_method",
                                   ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA"))
        symmetric = self._n == 2 and self.game.is_symmetric
        one_vector = initial is not None and _is_vector(initial, self._n)
        if one_vector:
            if not symmetric:
                raise InvalidProfileError("a single initial vector needs a single "
                                          "population (a symmetric two-player game)")
            initial = [initial, initial]
        if population == "single" and not symmetric:
            raise UnsupportedGameError("population='single' needs a symmetric two-player "
                                       "game")
        if population == "auto":
            if symmetric:
                x0 = self._initial_profile(initial)
                m0 = self._m[0]
                single = bool(np.allclose(x0[:m0], x0[m0:], rtol=0, atol=1e-12))
            else:
                single = False
        else:
            single = population == "single"
            if single and initial is not None:
                x0 = self._initial_profile(initial)
                m0 = self._m[0]
                if not np.allclose(x0[:m0], x0[m0:], rtol=0, atol=1e-12):
                    raise InvalidProfileError("population='single' needs the same initial "
                                              "strategy for both players")
        self._eta_value = 1.0
        self._setup(initial, track_joint, single)
        self._time = 0.0
        if self._method == "ode":
            self._ix = np.zeros(len(self._x))
        self._params.update(method=self._method, step_size=self._step,
                            population="single" if single else "multi")
        if self._method == "ode":
            self._params.update(rtol=self._rtol, atol=self._atol,
                                ode_method=self._ode_method)

    def _time_dtype(self):
        return np.float64 if self._method == "ode" else np.int64

    def _converged_now(self, dist) -> bool:
        x = self._x
        v = self._full_values(x)
        o = self._poffs
        res = 0.0
        for i in range(len(o) - 1):
            xi, vi = x[o[i]:o[i + 1]], v[o[i]:o[i + 1]]
            res = max(res, float(np.max(np.abs(xi * (vi - xi @ vi)))))
        return res <= self._tol * self._scale

    def _initial_record(self):
        h = super()._initial_record()
        if self._method == "ode":
            h.t = h.t.astype(np.float64)
        return h

    def _advance(self, steps, run_start, run_end, record_every, k, H):
        if self._method == "discrete":
            return super()._advance(steps, run_start, run_end, record_every, k, H)
        return self._ode_advance(steps, run_start, run_end, record_every, k, H)

    def _chunk(self, iterations, record_every, progress):
        if self._method == "ode" and not progress:
            return iterations
        return super()._chunk(iterations, record_every, progress)

    def _ode_field(self, mask):
        o = self._poffs
        npop = len(o) - 1
        P = len(self._x)
        track = self._track
        if self._single:
            A = np.asarray(self.game.payoffs[0], dtype=np.float64)

            def values(x):
                return A @ x
        elif self._two:
            A, B = (np.asarray(p, dtype=np.float64) for p in self.game.payoffs)
            m0 = self._m[0]

            def values(x):
                return np.concatenate([A @ x[m0:], x[:m0] @ B])
        else:
            from ._dynamics_kernels import _values_nd
            Pf, shape, n = self._Pf, self._shape, self._n
            pre, suf, cnt = np.empty(n + 1), np.empty(n + 1), np.empty(n, np.int64)
            out = np.empty(P)

            def values(x):
                _values_nd(Pf, shape, o, np.ascontiguousarray(x), out, pre, suf, cnt)
                return out.copy()

        def product(x):
            parts = [x, x] if self._single else [x[o[i]:o[i + 1]] for i in range(npop)]
            prod = parts[0]
            for p in parts[1:]:
                prod = np.multiply.outer(prod, p)
            return prod.ravel()

        def field(_t, z):
            x = _from_logs(z[:P], mask, o)
            v = values(x)
            g = np.empty(P)
            for i in range(npop):
                xi = x[o[i]:o[i + 1]]
                g[o[i]:o[i + 1]] = v[o[i]:o[i + 1]] - xi @ v[o[i]:o[i + 1]]
            parts = [np.where(mask, g, 0.0), x, g]
            if track:
                parts.append(product(x))
            return np.concatenate(parts)

        return field

    def _ode_advance(self, steps, run_start, run_end, record_every, k, H):
        """Integrate ``d log x_k / dt = u(k, x_-i) - u(x)`` on the support (positive
        components stay positive and small ones keep their relative accuracy), with the
        time integrals of ``x`` and of the regrets (and of the product distribution)
        appended to the state."""
        from scipy.integrate import solve_ivp
        h = self._step
        t0 = self._t
        rec = np.arange(t0 + 1, t0 + steps + 1)
        rec = rec[((rec - run_start) % record_every == 0) | (rec == run_end)]
        T0 = t0 * h
        T1 = (t0 + steps) * h
        P = len(self._x)
        o = self._poffs
        mask = self._x > 0
        logs = np.where(mask, np.log(np.where(mask, self._x, 1.0)), 0.0)
        z0 = np.concatenate([logs, self._ix, self._regw,
                             self._joint if self._track else np.zeros(0)])
        sol = solve_ivp(self._ode_field(mask), (T0, T1), z0, method=self._ode_method,
                        t_eval=rec * h, rtol=self._rtol, atol=self._atol)
        if not sol.success:
            raise SolverError(f"replicator ODE integration failed: {sol.message}")
        z_end = sol.y[:, -1]
        for col, tt in enumerate(sol.t):
            z = sol.y[:, col]
            x = _from_logs(z[:P], mask, o)
            avg = _renormalise(z[P:2 * P] / tt, o) if tt > 0 else x
            reg = z[2 * P:3 * P] / tt if tt > 0 else np.zeros(P)
            H.t[k] = tt
            H.avg[k] = avg
            H.cur[k] = x
            H.reg[k] = [max(0.0, float(reg[o[i]:o[i + 1]].max())) for i in range(len(o) - 1)]
            H.dist[k] = self._certificate(self._full(avg))
            k += 1
        self._x = _from_logs(z_end[:P], mask, o)
        self._ix = z_end[P:2 * P]
        self._regw = z_end[2 * P:3 * P]
        if self._track:
            self._joint = z_end[3 * P:]
        self._sumx = self._ix * ((t0 + steps) / T1)  # so that sumx / t is the time average
        return k, steps, False

    def _certificate(self, avg_flat):
        return super()._certificate(self._full(avg_flat))

    def _joint_flat(self):
        if self._method == "ode" and self._track and self._t > 0:
            return self._joint / (self._t * self._step)
        return super()._joint_flat()

    def rest_points(self, *, tol: float = 1e-9) -> list[tuple[np.ndarray, ...]]:
        """Rest points of the replicator dynamics of a small two-player game.

        Single population: every ``x`` whose support ``S`` gives equal payoffs
        ``(A x)_k`` for ``k`` in ``S``.  Two populations: every pair ``(x, y)`` whose
        supports ``S, T`` (of equal size) give equal payoffs ``(A y)_k`` on ``S`` and
        ``(x B)_l`` on ``T``.  Only isolated rest points are found: a support whose linear
        system is singular (a continuum of rest points, in degenerate games) is skipped.
        Rest points are not necessarily equilibria (vertices always are rest points).

        Returns
        -------
        list of tuple of ndarray
            One profile ``(x, y)`` per rest point, by support size then lexicographic
            support order.

        Raises
        ------
        UnsupportedGameError
            More than two players, or more than 12 actions for a player.
        """
        tol = _positive(tol, "tol")
        if self._n != 2 or max(self._m) > 12:
            raise UnsupportedGameError("rest_points supports two-player games with at most "
                                       "12 actions per player")
        A, B = (np.asarray(p, dtype=np.float64) for p in self.game.payoffs)
        out = []
        if self._single:
            m = self._m[0]
            for size in range(1, m + 1):
                for S in itertools.combinations(range(m), size):
                    z = _equaliser(A[np.ix_(S, S)], tol)
                    if z is not None:
                        x = np.zeros(m)
                        x[list(S)] = z
                        out.append((x, x.copy()))
            return out
        m, n = self._m
        for size in range(1, min(m, n) + 1):
            for S in itertools.combinations(range(m), size):
                for T in itertools.combinations(range(n), size):
                    y_T = _equaliser(A[np.ix_(S, T)], tol)
                    if y_T is None:
                        continue
                    x_S = _equaliser(B[np.ix_(S, T)].T, tol)
                    if x_S is None:
                        continue
                    x = np.zeros(m)
                    y = np.zeros(n)
                    x[list(S)] = x_S
                    y[list(T)] = y_T
                    out.append((x, y))
        return out


class LogitDynamics(_MeanDynamics):
    """Logit dynamics (Fudenberg and Levine 1998, *The Theory of Learning in Games*,
    section 4.6; Hofbauer and Sandholm 2007): every population moves toward its logit
    (smoothed) best response, ``dx_i/dt = softmax(u_i(., x_-i) / eta) - x_i``, here in
    Euler steps ``x += step_size * (softmax(u / eta) - x)``.

    Its rest points are exactly the logit quantal response equilibria with precision
    ``1 / eta`` (McKelvey and Palfrey 1995); as ``eta -> 0`` they approach Nash
    equilibria.  ``converged`` means a rest point within ``tol`` (in probability:
    ``max |softmax(u / eta) - x| <= tol``); ``distance`` is, as for every
    Nash-targeting dynamics, the max regret of the time-average profile.

    Parameters
    ----------
    game : NormalFormGame
    initial : profile, optional
        Default uniform.
    rng : unused (deterministic).
    eta : float
        Temperature (noise level) of the logit response, in payoff units.
    step_size : float
        Euler step in ``(0, 1]`` (1 is the logit best-response map, which may cycle).
    track_joint : bool, optional
    tol : float

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.games import catalog
    >>> g = catalog.get("battle-of-the-sexes")
    >>> res = LogitDynamics(g, eta=0.5, step_size=0.5).run(500)
    >>> x = res.current_strategies
    >>> v = g.all_action_values(list(x))
    >>> q = [np.exp(vi / 0.5) / np.exp(vi / 0.5).sum() for vi in v]
    >>> res.converged, bool(max(abs(qi - xi).max() for qi, xi in zip(q, x)) < 1e-9)
    (True, True)
    """

    name = "logit_dynamics"
    _kind = 1

    def __init__(self, game, *, initial=None, rng=None, eta: float = 0.1,
                 step_size: float = 0.1, track_joint: bool | None = None,
                 tol: float = 1e-3):
        super().__init__(game, rng=rng, tol=tol)
        self._eta_value = _positive(eta, "eta")
        self._step = _positive(step_size, "step_size")
        if self._step > 1:
            raise InvalidOptionError(f"step_size must be in (0, 1], got {self._step}")
        self._setup(initial, track_joint, False)
        self._params.update(eta=self._eta_value, step_size=self._step)

    def _converged_now(self, dist) -> bool:
        x = self._x
        v = self._values(x)
        o = self._offs
        res = 0.0
        for i in range(self._n):
            vi = v[o[i]:o[i + 1]] / self._eta_value
            q = np.exp(vi - vi.max())
            q /= q.sum()
            res = max(res, float(np.abs(q - x[o[i]:o[i + 1]]).max()))
        return res <= self._tol


# ----------------------------------------------------------------------------- helpers
def _is_vector(initial, num_players: int) -> bool:
    """True when ``initial`` is one probability vector rather than a profile: a flat
    sequence of numbers, unless it is ``num_players`` integers (a pure profile)."""
    try:
        items = list(initial)
    except TypeError:
        return False
    if not items or not all(isinstance(v, Real) and not isinstance(v, bool) for v in items):
        return False
    ints = all(isinstance(v, (Integral, np.integer)) for v in items)
    return not (ints and len(items) == num_players)


def _from_logs(logs: np.ndarray, mask: np.ndarray, offs: np.ndarray) -> np.ndarray:
    """Probability vectors proportional to ``exp(logs)`` on ``mask`` (0 elsewhere)."""
    x = np.zeros(len(logs))
    for i in range(len(offs) - 1):
        lo, hi = offs[i], offs[i + 1]
        mi = mask[lo:hi]
        li = logs[lo:hi][mi]
        e = np.exp(li - li.max())
        x[lo:hi][mi] = e / e.sum()
    return x


def _renormalise(x: np.ndarray, offs: np.ndarray) -> np.ndarray:
    x = np.clip(np.asarray(x, dtype=np.float64), 0.0, None)
    out = x.copy()
    for i in range(len(offs) - 1):
        s = x[offs[i]:offs[i + 1]].sum()
        if s > 0:
            out[offs[i]:offs[i + 1]] /= s
    return out


def _equaliser(M: np.ndarray, tol: float) -> np.ndarray | None:
    """The probability vector ``z > 0`` with ``M z`` constant, when unique."""
    k = M.shape[1]
    if M.shape[0] != k:
        return None
    if k == 1:
        return np.ones(1)
    K = np.zeros((k + 1, k + 1))
    K[:k, :k] = M
    K[:k, k] = -1.0
    K[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        sol = np.linalg.solve(K, rhs)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(sol)) or np.linalg.cond(K) > 1e12:
        return None
    z = sol[:k]
    if np.any(z <= tol):
        return None
    return z / z.sum()


# ---------------------------------------------------------------------------- registry
#: The dynamics by registry name (snake case of the class name).
DYNAMICS: dict[str, type] = {
    cls.name: cls for cls in (RegretMatching, RegretMatchingPlus, InternalRegretMatching,
                              Hedge, FictitiousPlay, StochasticFictitiousPlay,
                              BestResponseDynamics, Replicator, LogitDynamics)}


def get_dynamics(name: str) -> type:
    """The dynamics class registered under ``name`` (case and ``-``/``_`` insensitive).

    Raises
    ------
    UnknownNameError
        ``name`` is not in :data:`DYNAMICS`; the message lists the known names.

    Examples
    --------
    >>> get_dynamics("fictitious-play").__name__
    'FictitiousPlay'
    """
    key = str(name).strip().lower().replace("-", "_").replace(" ", "_") \
        if isinstance(name, str) else None
    if key in DYNAMICS:
        return DYNAMICS[key]
    raise UnknownNameError(f"unknown dynamics {name!r}; known dynamics: "
                           f"{', '.join(sorted(DYNAMICS))}")
