"""Best-response oracles: the seam between PSRO and whatever computes a new policy.

An oracle is any callable ``oracle(game, player, opponents) -> policy`` (the
:class:`BestResponseOracle` protocol).  PSRO calls it once per player per iteration (JPSRO
with ``"ce"``: once per recommended population member) and adds the policy it returns to
the player's population.  Exact oracles live here; reinforcement-learning oracles
implement the same protocol in ``gametheory.deep`` so nothing here needs torch.

What ``opponents`` is
---------------------
A sequence with one entry per player (the entry of ``player`` itself is ignored, and may
be ``None``); each entry is a :class:`~gametheory.psro.PolicyMixture` (a meta-strategy:
population members and weights) or a single policy (a probability vector over actions for
a normal-form game, a stationary policy -- a list over states of vectors -- for a
stochastic game).  This is what plain PSRO passes.

For a normal-form game ``opponents`` may instead be a *joint distribution* over the other
players' pure action profiles: an ``ndarray`` with one axis per opponent, in player order
with ``player``'s axis removed (shape ``num_actions`` without entry ``player``).  JPSRO
passes this: with ``"cce"`` the marginal of the meta-distribution on the opponents, with
``"ce"`` its conditional given one recommended member of ``player``'s population, both
mapped from population profiles to the full game's actions.  For two players the two forms
coincide (a distribution over one opponent's actions is a mixed strategy).
"""

from __future__ import annotations

from numbers import Real
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .._errors import InvalidOptionError, InvalidProfileError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ..games._stochastic import StochasticGame
from ._meta_game import PolicyMixture, _solvers, _stationary_policy, behavioural_policies

__all__ = ["BestResponseOracle", "ExactNormalFormOracle", "TabularStochasticOracle",
           "default_oracle"]


@runtime_checkable
class BestResponseOracle(Protocol):
    """A best-response oracle: ``oracle(game, player, opponents) -> policy``.

    ``opponents`` is described in the module docstring; the returned policy must be one
    :class:`~gametheory.psro.MetaGame` accepts for ``player`` (a probability vector over
    the player's actions for a normal-form game, a stationary policy for a stochastic
    game).
    """

    def __call__(self, game: Any, player: int, opponents: Any) -> Any:  # pragma: no cover
        ...


def _check_player(game, player) -> int:
    n = game.num_players
    if isinstance(player, bool) or not isinstance(player, (int, np.integer)) \
            or not 0 <= int(player) < n:
        raise InvalidProfileError(f"player must be an index in range({n}), got {player!r}")
    return int(player)


def _check_tol(tol) -> float:
    if isinstance(tol, bool) or not isinstance(tol, Real) or not tol >= 0:
        raise InvalidOptionError(f"tol must be a non-negative number, got {tol!r}")
    return float(tol)


class ExactNormalFormOracle:
    """The exact best response of a normal-form game: the best *pure* action against the
    opponents' mixtures (or joint distribution), as a one-hot vector.

    Ties are broken towards the lowest action index: every action whose value is within
    ``tol * max(1, max |payoff|)`` of the best counts as best (so round-off cannot make a
    later action win).  With the ``"nash"`` meta-solver this is the double oracle of
    McMahan, Gordon and Blum (2003).

    Parameters
    ----------
    tol : float
        Relative tolerance for ties (default ``1e-12``).

    Examples
    --------
    Against rock the best response in rock-paper-scissors is paper:

    >>> from gametheory.games import catalog
    >>> rps = catalog.get("rock-paper-scissors")
    >>> ExactNormalFormOracle()(rps, 0, [None, [1.0, 0.0, 0.0]]).tolist()
    [0.0, 1.0, 0.0]

    Against a joint distribution of the other two players of a 3-player game (here the
    opponents of player 1 always mismatch each other):

    >>> import numpy as np
    >>> g = catalog.get("three-player-matching-pennies")
    >>> q = np.array([[0.0, 0.5], [0.5, 0.0]])   # axes: players 2 and 3
    >>> ExactNormalFormOracle()(g, 0, q).shape
    (2,)
    """

    def __init__(self, *, tol: float = 1e-12):
        self.tol = _check_tol(tol)

    def __repr__(self) -> str:
        return f"ExactNormalFormOracle(tol={self.tol:g})"

    def action_values(self, game: NormalFormGame, player: int, opponents) -> np.ndarray:
        """Expected payoff of each pure action of ``player`` against ``opponents``."""
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError("ExactNormalFormOracle needs a NormalFormGame, got "
                                       f"{type(game).__name__}")
        i = _check_player(game, player)
        n = game.num_players
        if isinstance(opponents, np.ndarray) and opponents.dtype != object \
                and opponents.ndim == n - 1:
            shape = tuple(m for j, m in enumerate(game.num_actions) if j != i)
            q = np.asarray(opponents, dtype=np.float64)
            if q.shape != shape:
                raise InvalidProfileError(f"joint distribution of the opponents has shape "
                                          f"{q.shape}, expected {shape}")
            if not np.all(np.isfinite(q)) or q.min() < -1e-6 or abs(q.sum() - 1) > 1e-6:
                raise InvalidProfileError("the opponents' joint distribution must be "
                                          "non-negative and sum to 1")
            U = np.moveaxis(game.payoffs[i], i, 0)
            return np.tensordot(U, q, axes=n - 1)
        try:
            items = list(opponents)
        except TypeError:
            raise InvalidProfileError("opponents must be one entry per player or a joint "
                                      "distribution over the opponents' actions") from None
        if len(items) != n:
            raise InvalidProfileError(f"opponents must have one entry per player ({n}), got "
                                      f"{len(items)}")
        profile = [x.mean() if isinstance(x, PolicyMixture) else x for x in items]
        profile[i] = None
        return game.action_values(i, profile)

    def __call__(self, game: NormalFormGame, player: int, opponents) -> np.ndarray:
        values = self.action_values(game, player, opponents)
        scale = max(1.0, float(np.abs(game.payoff_array).max()))
        best = int(np.flatnonzero(values >= values.max() - self.tol * scale)[0])
        out = np.zeros(values.shape[0])
        out[best] = 1.0
        return out


class TabularStochasticOracle:
    """The exact best response of a tabular stochastic game to the opponents' stationary
    policies or mixtures of them, by value iteration
    (:func:`gametheory.solvers.best_response_policy`).  Returns a deterministic
    stationary policy (one-hot per state).

    Mixtures need care: a mixture of stationary policies (the member is drawn once per
    episode) is not stationary, and the best response to it is in general history
    dependent.  The oracle replaces every opponent mixture by its behaviour-strategy
    equivalent (:func:`~gametheory.psro.behavioural_policies`): the state-by-state average
    of the members weighted by each member's discounted reach, computed jointly with the
    other players' equivalents (``opponents[player]``, when given, is the reference the
    reach is measured against; else the uniform policy).  Against that reference the
    equivalent is exact: it yields the same state-action occupancy, hence the same payoffs,
    as the mixture.  When the members' reach does not depend on the best responder's
    policy (e.g. the Big Match, where only player 1 moves the state) the best response
    to the equivalent is a best response to the mixture; otherwise it is an approximation
    and PSRO's exploitability (of the equivalents, in the full game) shows how good.

    Parameters
    ----------
    tol : float
        Value-iteration tolerance passed to ``best_response_policy``.
    max_iter : int
        Value-iteration cap.

    Examples
    --------
    In the Big Match, against player 2's uniform policy player 1 is indifferent between
    T and B (both are worth 5); against "always R" B (worth 10) is best:

    >>> from gametheory.games import catalog
    >>> g = catalog.get("big-match")
    >>> oracle = TabularStochasticOracle()
    >>> [p.tolist() for p in oracle(g, 0, [None, [[0.0, 1.0], [1.0], [1.0]]])]
    [[0.0, 1.0], [1.0], [1.0]]
    """

    def __init__(self, *, tol: float = 1e-10, max_iter: int = 100_000):
        self.tol = _check_tol(tol)
        if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) \
                or max_iter < 1:
            raise InvalidOptionError(f"max_iter must be a positive integer, got {max_iter!r}")
        self.max_iter = int(max_iter)

    def __repr__(self) -> str:
        return f"TabularStochasticOracle(tol={self.tol:g}, max_iter={self.max_iter})"

    def opponent_policies(self, game: StochasticGame, player: int,
                          opponents) -> list[list[np.ndarray]]:
        """The joint stationary policy the best response is computed against (mixtures
        replaced by their behaviour-strategy equivalents)."""
        if not isinstance(game, StochasticGame):
            raise UnsupportedGameError("TabularStochasticOracle needs a StochasticGame, got "
                                       f"{type(game).__name__}")
        i = _check_player(game, player)
        try:
            items = list(opponents)
        except TypeError:
            raise InvalidProfileError("opponents must be one entry per player") from None
        n = game.num_players
        if len(items) != n:
            raise InvalidProfileError(f"opponents must have one entry per player ({n}), got "
                                      f"{len(items)}")
        if items[i] is None:
            items[i] = [np.full(c[i], 1.0 / c[i]) for c in game.action_counts]
        if any(isinstance(x, PolicyMixture) for x in items):
            return behavioural_policies(game, items)
        return [[np.array(v) for v in _stationary_policy(game, j, x)]
                for j, x in enumerate(items)]

    def __call__(self, game: StochasticGame, player: int, opponents) -> list[np.ndarray]:
        joint = self.opponent_policies(game, player, opponents)
        br = _solvers().best_response_policy(game, joint, int(player), tol=self.tol,
                                             max_iter=self.max_iter)
        return [np.array(v, dtype=np.float64) for v in br.policy]


def default_oracle(game) -> BestResponseOracle:
    """The exact oracle for ``game``'s kind: :class:`ExactNormalFormOracle` or
    :class:`TabularStochasticOracle`."""
    if isinstance(game, NormalFormGame):
        return ExactNormalFormOracle()
    if isinstance(game, StochasticGame):
        return TabularStochasticOracle()
    raise UnsupportedGameError(f"no exact oracle for a {type(game).__name__}")
