"""The meta-game of PSRO: populations of policies and their exact payoff tensor.

Policy-space response oracles (Lanctot et al. 2017, "A unified game-theoretic approach to
multiagent reinforcement learning", NeurIPS) replace a large game by the *meta-game* (or
*restricted game*, McMahan, Gordon and Blum 2003) between populations of policies.  Each
player ``i`` holds a population ``pi_i^1, ..., pi_i^{k_i}`` and the meta-game is the
normal-form game whose "actions" are population members::

    payoffs[j, k_1, ..., k_n]  =  expected payoff of player j when player i plays pi_i^{k_i}

so :attr:`MetaGame.payoffs` has shape ``(n, k_1, ..., k_n)``, in absolute player order like
:attr:`gametheory.NormalFormGame.payoff_array`.  What a policy is depends on the game:

* :class:`~gametheory.NormalFormGame`: a mixed strategy over the full game's actions, a
  probability vector of length ``m_i`` (a pure action, given as an int, becomes a one-hot
  vector).  Payoffs are exact contractions of the payoff array; pure members are looked up
  by indexing.
* :class:`~gametheory.games.StochasticGame`: a stationary policy, a list over states of
  probability vectors (``policy[s]`` of length ``game.action_counts[s][i]``, the contract of
  :mod:`gametheory.solvers`).  The payoff of a profile is its exact expected discounted
  return from ``game.initial``, by policy evaluation (a linear solve, no sampling).

Adding a policy to player ``i`` evaluates only the new slice: ``prod_{j != i} k_j``
profiles, never the whole tensor again (:attr:`MetaGame.num_evaluations` counts them).

Worked example, rock-paper-scissors restricted to rock and paper for both players::

    >>> from gametheory.games import catalog
    >>> mg = MetaGame(catalog.get("rock-paper-scissors"), [[0, 1], [0, 1]])
    >>> mg.payoffs[0].tolist()          # row player's payoffs: rows R, P; columns R, P
    [[0.0, -1.0], [1.0, 0.0]]
    >>> mg.add_policy(1, 2)             # the column player adds scissors: (index, added)
    (2, True)
    >>> mg.payoffs.shape, mg.num_evaluations
    ((2, 2, 3), 6)
    >>> mg.as_game().actions
    (('R', 'P'), ('R', 'P', 'S'))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any, Sequence

import numpy as np

from .._errors import InvalidOptionError, InvalidProfileError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ..games._stochastic import StochasticGame

__all__ = ["MetaGame", "PolicyMixture", "behavioural_policies", "state_occupancy"]

#: Probability vectors may be off by this much (negative entries, sum) before they are
#: rejected; smaller round-off is clipped and renormalised.
_PROB_ATOL = 1e-6


# ------------------------------------------------------------------------- policies
def _check_vector(v, m: int, what: str) -> np.ndarray:
    try:
        arr = np.array(v, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProfileError(f"{what} is not a probability vector: {v!r}") from None
    if arr.shape != (m,):
        raise InvalidProfileError(f"{what} has shape {arr.shape}, expected ({m},)")
    if not np.all(np.isfinite(arr)):
        raise InvalidProfileError(f"{what} holds NaN or infinite entries")
    if np.any(arr < -_PROB_ATOL):
        raise InvalidProfileError(f"{what} has a negative probability: {arr.tolist()}")
    total = float(arr.sum())
    if abs(total - 1.0) > _PROB_ATOL:
        raise InvalidProfileError(f"{what} sums to {total:.6g}, not 1")
    arr = np.clip(arr, 0.0, None)
    arr /= arr.sum()
    arr.setflags(write=False)
    return arr


def _normal_form_policy(game: NormalFormGame, player: int, policy) -> np.ndarray:
    """A read-only mixed strategy of ``player`` from an action (index or label) or a
    probability vector."""
    m = game.num_actions[player]
    if isinstance(policy, (Integral, np.integer, str)) and not isinstance(policy, bool):
        v = np.zeros(m)
        v[game.action_index(player, policy)] = 1.0
        v.setflags(write=False)
        return v
    return _check_vector(policy, m, f"policy of {game.players[player]}")


def _stationary_policy(game: StochasticGame, player: int, policy) -> tuple[np.ndarray, ...]:
    """A stationary policy of ``player``: a tuple over states of read-only vectors."""
    if isinstance(policy, np.ndarray) and policy.ndim == 1:
        raise InvalidProfileError("a stationary policy is a list over states of probability "
                                  "vectors, not one vector")
    try:
        items = list(policy)
    except TypeError:
        raise InvalidProfileError(f"a stationary policy is a list over states of probability "
                                  f"vectors, got {policy!r}") from None
    S = game.num_states
    if len(items) != S:
        raise InvalidProfileError(f"stationary policy of {game.players[player]} has "
                                  f"{len(items)} entries, the game has {S} states")
    out = []
    for s, v in enumerate(items):
        m = game.action_counts[s][player]
        if isinstance(v, (Integral, np.integer)) and not isinstance(v, bool):
            if not 0 <= int(v) < m:
                raise InvalidProfileError(f"action {v} out of range for "
                                          f"{game.players[player]} in state "
                                          f"{game.states[s]!r} ({m} actions)")
            w = np.zeros(m)
            w[int(v)] = 1.0
            w.setflags(write=False)
            out.append(w)
        else:
            out.append(_check_vector(v, m, f"policy of {game.players[player]} in state "
                                           f"{game.states[s]!r}"))
    return tuple(out)


def _check_game(game) -> str:
    if isinstance(game, NormalFormGame):
        if game.num_players < 2:
            raise UnsupportedGameError("PSRO needs a game with at least two players")
        return "normal-form"
    if isinstance(game, StochasticGame):
        if game.num_players < 2:
            raise UnsupportedGameError("PSRO needs a game with at least two players")
        return "stochastic"
    raise UnsupportedGameError(f"PSRO works on a NormalFormGame or a StochasticGame, got "
                               f"{type(game).__name__}")


def _same_policy(a, b, atol: float) -> bool:
    if isinstance(a, np.ndarray):
        return bool(np.allclose(a, b, rtol=0.0, atol=atol))
    return all(np.allclose(x, y, rtol=0.0, atol=atol) for x, y in zip(a, b))


@dataclass(frozen=True)
class PolicyMixture:
    """A meta-strategy of one player: population members and their weights.

    What a PSRO loop hands an oracle for each opponent.  For a normal-form game
    :meth:`mean` is the equivalent mixed strategy over the full game's actions (exact, by
    linearity of the payoffs).  A mixture of *stationary* policies of a stochastic game is
    not a stationary policy (the member is drawn once, at the start of an episode); see
    :func:`behavioural_policies` for its state-by-state equivalent.

    Attributes
    ----------
    policies : tuple
        The population members (vectors for normal-form games, lists over states of
        vectors for stochastic games).
    weights : ndarray
        Non-negative weights summing to 1, one per member.
    """

    policies: tuple
    weights: np.ndarray
    _mean: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        w = np.asarray(self.weights, dtype=np.float64)
        if w.ndim != 1 or w.shape[0] != len(self.policies) or len(self.policies) == 0:
            raise InvalidProfileError(f"a mixture needs one weight per policy: "
                                      f"{len(self.policies)} policies, weights of shape "
                                      f"{w.shape}")
        w = _check_vector(w, w.shape[0], "mixture weights")
        object.__setattr__(self, "weights", w)
        object.__setattr__(self, "policies", tuple(self.policies))

    def mean(self) -> Any:
        """The weighted average of the members: for vectors, the equivalent mixed strategy;
        for stationary policies, the state-by-state average ignoring reach (what
        :func:`behavioural_policies` starts from)."""
        if self._mean is not None:
            return self._mean.copy()
        first = self.policies[0]
        if isinstance(first, np.ndarray):
            return np.tensordot(self.weights, np.stack(self.policies), axes=1)
        return [sum(w * p[s] for w, p in zip(self.weights, self.policies))
                for s in range(len(first))]


# ------------------------------------------------------------------------- contractions
def _contract(P: np.ndarray, mats: Sequence) -> np.ndarray:
    """Contract axis ``j + 1`` of ``P`` (shape ``(n, m_1, ..., m_n)``) with ``mats[j]``:
    an int index array (pure members, looked up) or a ``(k_j, m_j)`` matrix of mixed
    strategies.  Returns shape ``(n, k_1, ..., k_n)``."""
    out = P
    for j, M in enumerate(mats):
        if M.dtype.kind in "iu":
            out = np.take(out, M, axis=j + 1)
        else:
            out = np.moveaxis(np.tensordot(out, M, axes=([j + 1], [1])), -1, j + 1)
    return out


# ------------------------------------------------------------------------- stochastic
def _solvers():
    """The stochastic-game solvers (imported when first needed)."""
    from ..solvers import _stochastic_solvers as mod
    missing = [name for name in ("policy_evaluation", "best_response_policy",
                                 "exploitability") if not hasattr(mod, name)]
    if missing:  # pragma: no cover - only while the solvers module is being written
        raise UnsupportedGameError("PSRO on stochastic games needs "
                                   "gametheory.solvers." + ", ".join(missing))
    return mod


def _transition_matrix(game: StochasticGame, joint) -> np.ndarray:
    """``P[s, t]``: next-state probabilities under the joint stationary policy ``joint``;
    terminal states have zero rows (an episode ends there)."""
    S = game.num_states
    terminal = set(game.terminal)
    P = np.zeros((S, S))
    for s in range(S):
        if s in terminal:
            continue
        v = game.transitions[s]
        for j in reversed(range(game.num_players)):
            v = np.tensordot(v, joint[j][s], axes=([j], [0]))
        P[s] = v
    return P


def state_occupancy(game: StochasticGame, joint) -> np.ndarray:
    """Expected discounted number of visits of every state from ``game.initial``:
    ``d = initial^T sum_t (discount P)^t`` under the joint stationary policy ``joint``
    (``joint[i][s]`` a probability vector).  Terminal states count the visit that ends the
    episode.  With a finite horizon ``H`` the sum stops at ``t = H - 1``.

    Raises
    ------
    UnsupportedGameError
        An undiscounted infinite-horizon game in which ``joint`` does not reach a terminal
        state with probability 1 (the occupancy is infinite).

    Examples
    --------
    In the Big Match, player 1's stationary policy "always B" never leaves ``play``: with
    discount 0.9 the state is visited ``1 / (1 - 0.9) = 10`` times in expectation.

    >>> from gametheory.games import catalog
    >>> g = catalog.get("big-match")
    >>> always_b = [[0.0, 1.0], [1.0], [1.0]]
    >>> uniform = [[0.5, 0.5], [1.0], [1.0]]
    >>> state_occupancy(g, [always_b, uniform]).round(9).tolist()
    [10.0, 0.0, 0.0]
    """
    P = _transition_matrix(game, joint) * game.discount
    d0 = np.asarray(game.initial, dtype=np.float64)
    if game.horizon is not None:
        d, total = d0.copy(), d0.copy()
        for _ in range(game.horizon - 1):
            d = d @ P
            total += d
        return total
    M = np.eye(game.num_states) - P
    try:
        d = np.linalg.solve(M.T, d0)
    except np.linalg.LinAlgError:
        d = None
    if d is None or not np.all(np.isfinite(d)) or np.any(d < -1e-9):
        raise UnsupportedGameError("the joint policy does not end the episode with "
                                   "probability 1 in this undiscounted game: its state "
                                   "occupancy is infinite")
    return np.clip(d, 0.0, None)


def behavioural_policies(game: StochasticGame, mixtures, *, max_iter: int = 100,
                         tol: float = 1e-12) -> list[list[np.ndarray]]:
    """Stationary equivalents of the players' mixtures of stationary policies, weighted
    state by state by the reach of each member.

    A mixture ``mu_i = sum_k w_k pi^k`` of stationary policies (the member is drawn once
    per episode) is not a stationary policy.  Against *fixed* stationary opponents
    ``beta_-i``, though, the stationary policy

        beta_i(a | s) = sum_k w_k d_k(s) pi^k(a | s) / sum_k w_k d_k(s),

    where ``d_k`` is the discounted state occupancy of ``(pi^k, beta_-i)``
    (:func:`state_occupancy`), induces the same state-action occupancy as ``mu_i`` and
    hence the same expected payoff for every player (the convexity of occupancy measures
    of an MDP; e.g. Puterman 1994, section 6.9; the stochastic-game analogue of Kuhn's
    1953 mixed-to-behaviour conversion).  The opponents' equivalents depend on ``beta_i``
    in turn, so the profile is computed by Gauss-Seidel fixed-point iteration from the
    reach-free averages, at most ``max_iter`` sweeps, until no probability moves by more
    than ``tol``.  States no member reaches get the reach-free average.

    When each member's reach does not depend on the other players' policies (for
    instance every state but the initial one is entered through the mixing player's own
    actions, as in the Big Match), ``beta_i`` is equivalent to ``mu_i`` against *every*
    opponent, and best responding to it is best responding to the mixture.  Otherwise it
    is an approximation: exact against ``beta_-i`` only.

    Parameters
    ----------
    game : StochasticGame
    mixtures : sequence
        One entry per player: a :class:`PolicyMixture` of stationary policies, or a single
        stationary policy.
    max_iter : int
        Cap on fixed-point sweeps.
    tol : float
        Stop when no probability changes by more than this in a sweep.

    Returns
    -------
    list of list of ndarray
        ``beta[i][s]``, a joint stationary policy.

    Examples
    --------
    Player 1 of the Big Match mixing "always T" and "always B" half and half is the
    stationary policy that plays T with probability 1/11 in ``play`` (B is played in
    ``play`` ten times as often as T in expectation, because it stays there):

    >>> from gametheory.games import catalog
    >>> g = catalog.get("big-match")
    >>> always_t = [[1.0, 0.0], [1.0], [1.0]]
    >>> always_b = [[0.0, 1.0], [1.0], [1.0]]
    >>> mu = PolicyMixture((always_t, always_b), [0.5, 0.5])
    >>> beta = behavioural_policies(g, [mu, [[0.5, 0.5], [1.0], [1.0]]])
    >>> round(float(beta[0][0][0]) * 11, 9)
    1.0
    """
    if not isinstance(game, StochasticGame):
        raise UnsupportedGameError("behavioural_policies needs a StochasticGame")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (Integral, np.integer)) \
            or max_iter < 1:
        raise InvalidOptionError(f"max_iter must be a positive integer, got {max_iter!r}")
    n = game.num_players
    mixtures = list(mixtures)
    if len(mixtures) != n:
        raise InvalidProfileError(f"one mixture per player ({n}) is needed, got "
                                  f"{len(mixtures)}")
    mix: list[PolicyMixture | None] = []
    beta: list[list[np.ndarray]] = []
    for i, m in enumerate(mixtures):
        if isinstance(m, PolicyMixture):
            pols = tuple(_stationary_policy(game, i, p) for p in m.policies)
            m = PolicyMixture(pols, m.weights)
            mix.append(m if len(pols) > 1 else None)
            beta.append([np.array(v) for v in m.mean()])
        else:
            mix.append(None)
            beta.append([np.array(v) for v in _stationary_policy(game, i, m)])
    todo = [i for i in range(n) if mix[i] is not None]
    for _ in range(max_iter):
        change = 0.0
        for i in todo:
            m = mix[i]
            num = [np.zeros_like(v) for v in beta[i]]
            den = np.zeros(game.num_states)
            for w, pol in zip(m.weights, m.policies):
                if w == 0.0:
                    continue
                joint = beta[:i] + [list(pol)] + beta[i + 1:]
                d = state_occupancy(game, joint)
                for s in range(game.num_states):
                    num[s] += w * d[s] * pol[s]
                den += w * d
            avg = m.mean()
            new = [num[s] / den[s] if den[s] > 1e-300 else np.array(avg[s])
                   for s in range(game.num_states)]
            change = max(change, max(float(np.abs(a - b).max()) for a, b in zip(new, beta[i])))
            beta[i] = new
        if change <= tol:
            break
    return [[v / v.sum() for v in b] for b in beta]


# ------------------------------------------------------------------------- the meta-game
class MetaGame:
    """Populations of policies and the exact payoff tensor of the restricted game.

    Parameters
    ----------
    game : NormalFormGame or StochasticGame
        The full game (at least two players).
    populations : sequence of sequence
        ``populations[i]`` is player ``i``'s non-empty list of initial policies: actions
        (int or label) or probability vectors for a normal-form game, stationary policies
        (lists over states of vectors) for a stochastic game.
    dedupe : bool
        When True (default), a policy equal (within 1e-12) to a member already in the
        population is not added twice.  Fictitious play keeps duplicates (they weigh a
        repeated best response twice).

    Raises
    ------
    UnsupportedGameError
        Not a NormalFormGame or StochasticGame, or fewer than two players.
    InvalidProfileError
        A policy that does not fit the game, or an empty population.
    """

    def __init__(self, game, populations, *, dedupe: bool = True):
        self._kind = _check_game(game)
        self._game = game
        self._dedupe = bool(dedupe)
        n = game.num_players
        try:
            populations = [list(p) for p in populations]
        except TypeError:
            raise InvalidProfileError("populations must be one list of policies per "
                                      "player") from None
        if len(populations) != n:
            raise InvalidProfileError(f"populations must be given for {n} players, got "
                                      f"{len(populations)}")
        self._pops: list[list] = [[] for _ in range(n)]
        self._pure: list[list[int] | None] = [[] for _ in range(n)]
        self._num_evaluations = 0
        for i, pop in enumerate(populations):
            if not pop:
                raise InvalidProfileError(f"the population of {game.players[i]} is empty")
            for p in pop:
                pol = self._policy(i, p)
                if self._dedupe and self._find(i, pol) is not None:
                    continue
                self._append(i, pol)
        self._payoffs = self._evaluate_block([list(range(len(p))) for p in self._pops])

    # ------------------------------------------------------------------ properties
    @property
    def game(self):
        """The full game."""
        return self._game

    @property
    def kind(self) -> str:
        """``"normal-form"`` or ``"stochastic"``."""
        return self._kind

    @property
    def num_players(self) -> int:
        return self._game.num_players

    @property
    def populations(self) -> tuple[tuple, ...]:
        """``populations[i][k]``: the ``k``-th policy of player ``i`` (read-only)."""
        return tuple(tuple(p) for p in self._pops)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Population sizes ``(k_1, ..., k_n)``."""
        return tuple(len(p) for p in self._pops)

    @property
    def payoffs(self) -> np.ndarray:
        """The meta-game payoffs, a read-only array of shape ``(n, k_1, ..., k_n)``."""
        out = self._payoffs.view()
        out.setflags(write=False)
        return out

    @property
    def num_evaluations(self) -> int:
        """Profiles evaluated so far (each a contraction of the payoff array or one policy
        evaluation of the stochastic game)."""
        return self._num_evaluations

    def __repr__(self) -> str:
        dims = "x".join(str(k) for k in self.sizes)
        return f"<MetaGame ({self._kind}): populations {dims}>"

    # ------------------------------------------------------------------ policies
    def _policy(self, i: int, p):
        if self._kind == "normal-form":
            return _normal_form_policy(self._game, i, p)
        return _stationary_policy(self._game, i, p)

    def _find(self, i: int, pol, atol: float = 1e-12) -> int | None:
        if self._kind == "normal-form" and self._pure[i] is not None:
            k = _pure_index(pol)
            if k is not None:
                try:
                    return self._pure[i].index(k)
                except ValueError:
                    return None
        for idx, q in enumerate(self._pops[i]):
            if _same_policy(q, pol, atol):
                return idx
        return None

    def _append(self, i: int, pol) -> None:
        self._pops[i].append(pol)
        if self._kind == "normal-form" and self._pure[i] is not None:
            k = _pure_index(pol)
            if k is None:
                self._pure[i] = None
            else:
                self._pure[i].append(k)

    def index_of(self, player: int, policy, *, atol: float = 1e-12) -> int | None:
        """Index of ``policy`` in ``player``'s population (equal within ``atol``), or
        ``None``."""
        i = self._player(player)
        return self._find(i, self._policy(i, policy), atol)

    def _player(self, player) -> int:
        n = self.num_players
        if isinstance(player, bool) or not isinstance(player, (Integral, np.integer)) \
                or not 0 <= int(player) < n:
            raise InvalidProfileError(f"player must be an index in range({n}), got "
                                      f"{player!r}")
        return int(player)

    def add_policy(self, player: int, policy) -> tuple[int, bool]:
        """Add ``policy`` to ``player``'s population and evaluate the new slice of the
        payoff tensor (``prod_{j != player} k_j`` profiles).

        Returns
        -------
        (index, added) : (int, bool)
            The policy's index in the population; ``added`` is False when deduplication
            found it already there (nothing was evaluated).
        """
        i = self._player(player)
        pol = self._policy(i, policy)
        if self._dedupe:
            k = self._find(i, pol)
            if k is not None:
                return k, False
        self._append(i, pol)
        k = len(self._pops[i]) - 1
        block = [list(range(len(p))) for p in self._pops]
        block[i] = [k]
        new = self._evaluate_block(block)
        self._payoffs = np.concatenate([self._payoffs, new], axis=i + 1)
        return k, True

    # ------------------------------------------------------------------ evaluation
    def policy_matrix(self, player: int) -> np.ndarray:
        """Normal-form games: the population of ``player`` as a ``(k_i, m_i)`` matrix, one
        mixed strategy per row."""
        self._need_normal_form("policy_matrix")
        return np.stack(self._pops[self._player(player)])

    def _mats(self, block) -> list[np.ndarray]:
        mats = []
        for i, idx in enumerate(block):
            if self._pure[i] is not None:
                mats.append(np.asarray([self._pure[i][k] for k in idx], dtype=np.int64))
            else:
                mats.append(np.stack([self._pops[i][k] for k in idx]))
        return mats

    def _evaluate_block(self, block) -> np.ndarray:
        """Payoffs of the profiles ``block[0] x ... x block[n-1]`` (lists of indices)."""
        n = self.num_players
        count = int(np.prod([len(b) for b in block]))
        self._num_evaluations += count
        if self._kind == "normal-form":
            return np.ascontiguousarray(_contract(self._game.payoff_array, self._mats(block)))
        mod = _solvers()
        out = np.empty((n,) + tuple(len(b) for b in block))
        d0 = np.asarray(self._game.initial, dtype=np.float64)
        for pos in itertools.product(*(range(len(b)) for b in block)):
            joint = [list(self._pops[i][block[i][pos[i]]]) for i in range(n)]
            values = np.asarray(mod.policy_evaluation(self._game, joint), dtype=np.float64)
            out[(slice(None),) + pos] = values @ d0
        return out

    def _need_normal_form(self, what: str) -> None:
        if self._kind != "normal-form":
            raise UnsupportedGameError(f"{what} is defined for normal-form games only")

    def as_game(self) -> NormalFormGame:
        """The restricted game as a :class:`NormalFormGame`.

        Action labels: the full game's action label for a pure member of a normal-form
        population, else ``"pi<k>"`` (the ``k``-th member, counted from 0)."""
        labels = []
        for i in range(self.num_players):
            if self._kind == "normal-form" and self._pure[i] is not None:
                acts = self._game.actions[i]
                labels.append([acts[k] for k in self._pure[i]])
                if len(set(labels[-1])) != len(labels[-1]):  # duplicates kept
                    labels[-1] = [f"{a}#{k}" for k, a in enumerate(labels[-1])]
            else:
                labels.append([f"pi{k}" for k in range(len(self._pops[i]))])
        return NormalFormGame(self._payoffs, players=self._game.players, actions=labels,
                              title="meta-game")

    def mixture(self, player: int, weights) -> PolicyMixture:
        """``player``'s meta-strategy ``weights`` (one per member) as a
        :class:`PolicyMixture`."""
        i = self._player(player)
        mean = self.full_strategy(i, weights) if self._kind == "normal-form" else None
        return PolicyMixture(tuple(self._pops[i]), weights, mean)

    def full_strategy(self, player: int, weights) -> np.ndarray:
        """Normal-form games: the mixed strategy over the full game's actions equivalent to
        the meta-strategy ``weights``, ``sum_k weights[k] pi^k``."""
        self._need_normal_form("full_strategy")
        i = self._player(player)
        w = _check_vector(weights, len(self._pops[i]), f"meta-strategy of player {i}")
        if self._pure[i] is not None:
            out = np.zeros(self._game.num_actions[i])
            np.add.at(out, np.asarray(self._pure[i], dtype=np.int64), w)
            return out
        return w @ np.stack(self._pops[i])

    def full_distribution(self, distribution, *, exclude: int | None = None) -> np.ndarray:
        """Normal-form games: the joint distribution over the full game's pure profiles
        induced by a joint distribution over population profiles,
        ``D[a] = sum_k p[k] prod_i pi_i^{k_i}(a_i)``.

        With ``exclude=i`` the distribution is over the population profiles of the other
        players (shape ``k_{-i}``) and so is the result (shape ``m_{-i}``)."""
        self._need_normal_form("full_distribution")
        p = np.asarray(distribution, dtype=np.float64)
        players = [j for j in range(self.num_players) if j != exclude]
        shape = tuple(len(self._pops[j]) for j in players)
        if p.shape != shape:
            raise InvalidProfileError(f"distribution has shape {p.shape}, expected {shape}")
        out = p
        for ax, j in enumerate(players):
            Pi = np.stack(self._pops[j])  # (k_j, m_j)
            out = np.moveaxis(np.tensordot(out, Pi, axes=([ax], [0])), -1, ax)
        return out


def _pure_index(v: np.ndarray) -> int | None:
    k = int(np.argmax(v))
    return k if v[k] == 1.0 else None
