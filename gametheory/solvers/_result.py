"""The result objects every equilibrium solver returns (frozen dataclasses, like scipy's
``OptimizeResult`` but typed).  A flag never changes a return type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from .._arrays import readonly
from ..games._normal_form import NormalFormGame

__all__ = ["Equilibrium", "EquilibriumResult"]


@dataclass(frozen=True)
class Equilibrium:
    """One strategy profile with its certificate.

    Attributes
    ----------
    strategies : tuple of ndarray
        One probability vector per player, in action order.
    payoffs : ndarray
        Expected payoff of each player.
    max_regret : float
        Largest gain any player could get by deviating, computed by
        :func:`gametheory.concepts.max_regret` (not by the solver's own bookkeeping).
    exact : tuple of tuple of Fraction, optional
        The strategies in rational arithmetic, when a method computed them exactly.
    """

    strategies: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    max_regret: float
    exact: tuple | None = None

    @classmethod
    def certify(cls, game: NormalFormGame, strategies, exact=None) -> "Equilibrium":
        """Build an equilibrium from strategies, computing payoffs and regret from the
        game with :func:`gametheory.concepts.profile_certificate`."""
        from ..concepts._regret import profile_certificate
        strategies = tuple(readonly(s) for s in strategies)
        payoffs, regret = profile_certificate(game, strategies)
        return cls(strategies=strategies, payoffs=readonly(payoffs),
                   max_regret=float(regret), exact=exact)

    @classmethod
    def _certify_pair(cls, game: NormalFormGame, x: np.ndarray, y: np.ndarray,
                      exact=None) -> "Equilibrium":
        """:meth:`certify` for a two-player profile of float64 arrays the caller made and
        hands over (made read-only here, not copied)."""
        from ..concepts._regret import profile_certificate
        x.setflags(write=False)
        y.setflags(write=False)
        payoffs, regret = profile_certificate(game, (x, y))
        payoffs.setflags(write=False)
        e = object.__new__(cls)  # as in _certify_rows
        e.__dict__.update(strategies=(x, y), payoffs=payoffs, max_regret=float(regret),
                          exact=exact)
        return e

    @classmethod
    def _certify_rows(cls, game: NormalFormGame, X, Y, exact=None, *, copy=True
                      ) -> list["Equilibrium"]:
        """:meth:`certify` for the two-player profiles ``(X[k], Y[k])`` at once (one
        compiled certificate call for all of them,
        :func:`gametheory.concepts._regret._profile_certificates_2p`); ``exact`` is None
        or one entry per row.  The strategies are read-only rows of one copy of ``X``
        and of ``Y`` (``copy=False``: of ``X`` and ``Y`` themselves, float64 arrays the
        caller made and hands over)."""
        from ..concepts._regret import _profile_certificates_2p
        if copy:
            X = readonly(X)
            Y = readonly(Y)
        else:
            X.setflags(write=False)
            Y.setflags(write=False)
        U, R = _profile_certificates_2p(game, X, Y)
        U.setflags(write=False)  # a fresh array
        if exact is None:
            exact = (None,) * len(X)
        out = []
        for k in range(len(X)):
            # what the frozen dataclass's __init__ does, without its per-field
            # object.__setattr__ calls (half the cost of building a small result)
            e = object.__new__(cls)
            e.__dict__.update(strategies=(X[k], Y[k]), payoffs=U[k],
                              max_regret=float(R[k]), exact=exact[k])
            out.append(e)
        return out

    @property
    def is_pure(self) -> bool:
        return all(np.count_nonzero(s > 0) == 1 for s in self.strategies)

    @property
    def pure_profile(self) -> tuple[int, ...] | None:
        """The action indices when every strategy is pure, else ``None``."""
        if not self.is_pure:
            return None
        return tuple(int(np.argmax(s)) for s in self.strategies)

    def support(self, tol: float = 0.0) -> tuple[tuple[int, ...], ...]:
        """The actions each player plays with probability above ``tol``."""
        return tuple(tuple(int(k) for k in np.flatnonzero(s > tol)) for s in self.strategies)

    def to_dict(self) -> dict:
        d = {"strategies": [s.tolist() for s in self.strategies],
             "payoffs": self.payoffs.tolist(), "max_regret": float(self.max_regret)}
        if self.exact is not None:
            d["exact_strategies"] = [[str(x) for x in s] for s in self.exact]
        return d


@dataclass(frozen=True)
class EquilibriumResult:
    """What an equilibrium solver returns.

    Attributes
    ----------
    method : str
        Registry name of the method that ran.
    equilibria : tuple of Equilibrium
        The profiles found, each with its own ``max_regret``.
    complete : bool
        True when the list is known to hold every equilibrium within ``scope``
        (Gambit issue 190 asks solvers to say so).
    scope : str
        What ``complete`` refers to: ``"pure"`` (every pure equilibrium), ``"all"`` (every
        extreme equilibrium: all equilibria when there are finitely many; in degenerate
        games with continua the set of equilibria is the union of the convex hulls of the
        maximal Nash subsets / cliques the method reports, as in Gambit's enummixed),
        ``"one"`` (a single equilibrium is the target).
    converged : bool
        False when an iterative method stopped at its iteration limit.
    num_iter : int or None
        Iterations, pivots or profiles examined, when the method counts them.
    max_regret : float
        The largest ``max_regret`` over the equilibria (0.0 when none were found).
    params : mapping
        The method's parameters as used, for the record.
    elapsed : float or None
        Wall-clock seconds the method took (numba compilation excluded when cached).
    """

    method: str
    equilibria: tuple[Equilibrium, ...]
    complete: bool
    scope: str
    converged: bool = True
    num_iter: int | None = None
    max_regret: float = 0.0
    params: Mapping[str, Any] = field(default_factory=dict)
    elapsed: float | None = None

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k) -> Equilibrium:
        return self.equilibria[k]

    @property
    def profiles(self) -> list[tuple[np.ndarray, ...]]:
        """The strategies of every equilibrium."""
        return [e.strategies for e in self.equilibria]

    def to_dict(self) -> dict:
        """The JSON shape printed by ``gametheory solve --json``."""
        return {"method": self.method, "complete": bool(self.complete), "scope": self.scope,
                "converged": bool(self.converged), "num_iter": self.num_iter,
                "max_regret": float(self.max_regret),
                "elapsed": self.elapsed,
                "equilibria": [e.to_dict() for e in self.equilibria],
                "params": {k: v for k, v in self.params.items()}}
