"""What a learning dynamics returns: :class:`TrajectoryResult`, a frozen record of the
trajectory (averages, current strategies, regrets and the distance to the target concept
at the recorded times) with a JSON-ready :meth:`TrajectoryResult.to_dict`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

__all__ = ["TrajectoryResult"]


def _jsonable(value):
    """Plain Python values for JSON: arrays and numpy scalars become lists and numbers."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, repr=False)
class TrajectoryResult:
    """The trajectory of a learning dynamics up to its last iteration.

    A dynamics keeps its state between ``run`` calls; each result covers the whole
    trajectory so far (every run), so ``times`` keeps growing.  Row ``0`` of the
    histories is the initial state (time 0) when the first run recorded it.

    Attributes
    ----------
    dynamics : str
        Registry name, e.g. ``"regret_matching"`` (see ``DYNAMICS``).
    iterations : int
        Iterations performed so far (over every ``run`` call).  Best-response dynamics
        stop early at a rest point.
    times : ndarray of shape ``(K,)``
        The recorded iteration numbers; for ``Replicator(method="ode")`` the ODE times.
    average_strategies : tuple of ndarray
        Each player's final time-average strategy (what converges to equilibrium in
        zero-sum games): the average of the strategies played, the empirical frequency of
        the actions played for sampled-play dynamics, the beliefs for fictitious play.
    current_strategies : tuple of ndarray
        Each player's strategy after the last iteration (the state of the dynamics).
    average_history, current_history : tuple of ndarray
        Player ``i``'s average / current strategy at each recorded time, shape
        ``(K, m_i)``.
    regret_history : ndarray of shape ``(K, n)``
        Each player's average external regret of the play so far,
        ``max_a (1/T) sum_t [u_i(a, s_-i^t) - u_i(s^t)]`` clipped at 0 (weighted like
        the average when the average is weighted).  It equals each player's coarse
        correlated equilibrium gap of ``joint_distribution``.
    joint_distribution : ndarray or None
        Empirical distribution of joint play, shape ``game.num_actions``: frequencies of
        the pure profiles played (sampled-play dynamics), or the time average of the
        product of the players' mixed strategies; ``None`` when the dynamics did not
        track it (expected-play dynamics of large games, see ``track_joint``).
    distance : ndarray of shape ``(K,)``
        Distance to the target concept at each recorded time: the max regret of the
        average profile (``target="nash"``), the CE gap (``"ce"``) or CCE gap
        (``"cce"``) of the joint distribution of play.
    target : str
        ``"nash"``, ``"ce"`` or ``"cce"``.
    max_regret : float
        Max regret of the final average profile, computed by
        :func:`gametheory.concepts.max_regret`.
    converged : bool
        Whether the dynamics met its convergence criterion (documented per class, e.g.
        ``distance[-1] <= tol`` or a rest point reached).
    elapsed : float
        Wall-clock seconds spent in ``run`` calls (numba compilation excluded once
        cached).
    params : mapping
        The hyperparameters as used.
    """

    dynamics: str
    iterations: int
    times: np.ndarray
    average_strategies: tuple[np.ndarray, ...]
    current_strategies: tuple[np.ndarray, ...]
    average_history: tuple[np.ndarray, ...]
    current_history: tuple[np.ndarray, ...]
    regret_history: np.ndarray
    joint_distribution: np.ndarray | None
    distance: np.ndarray
    target: str
    max_regret: float
    converged: bool
    elapsed: float
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def num_players(self) -> int:
        return len(self.average_strategies)

    @property
    def final_distance(self) -> float:
        """``distance[-1]``: the distance to the target at the last recorded time."""
        return float(self.distance[-1]) if len(self.distance) else float("nan")

    def __repr__(self) -> str:
        return (f"TrajectoryResult(dynamics={self.dynamics!r}, iterations={self.iterations}, "
                f"records={len(self.times)}, target={self.target!r}, "
                f"distance={self.final_distance:.3g}, max_regret={self.max_regret:.3g}, "
                f"converged={self.converged}, elapsed={self.elapsed:.3g})")

    def to_dict(self, *, history: bool = False) -> dict:
        """JSON-ready summary (printed by ``gametheory learn --json``).

        Keys ``"dynamics"``, ``"iterations"``, ``"target"``, ``"average_strategies"``,
        ``"current_strategies"``, ``"joint_distribution"`` (nested lists or ``None``),
        ``"max_regret"``, ``"distance"`` (the final one), ``"regrets"`` (each player's
        final average external regret), ``"converged"``, ``"elapsed"``, ``"params"``;
        with ``history=True`` also ``"times"``, ``"distance_history"`` and
        ``"regret_history"``.
        """
        d = {
            "dynamics": self.dynamics,
            "iterations": int(self.iterations),
            "target": self.target,
            "average_strategies": [s.tolist() for s in self.average_strategies],
            "current_strategies": [s.tolist() for s in self.current_strategies],
            "joint_distribution": (None if self.joint_distribution is None
                                   else self.joint_distribution.tolist()),
            "max_regret": float(self.max_regret),
            "distance": self.final_distance,
            "regrets": (self.regret_history[-1].tolist() if len(self.regret_history)
                        else []),
            "converged": bool(self.converged),
            "elapsed": float(self.elapsed),
            "params": _jsonable(dict(self.params)),
        }
        if history:
            d["times"] = self.times.tolist()
            d["distance_history"] = self.distance.tolist()
            d["regret_history"] = self.regret_history.tolist()
        return d
