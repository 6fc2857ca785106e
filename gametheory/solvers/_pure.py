"""All pure-strategy Nash equilibria of an n-player game.

One pass per player over the flattened payoff array: for every fibre along player ``i``'s
axis, find the best payoff and clear the "equilibrium" mark of every profile in the fibre
that falls short of it by more than the tolerance.  Cost ``O(n * prod(m))``, no Python loop
over profiles; the kernel is numba-compiled and cached on disk.
"""

from __future__ import annotations

import time

import numpy as np
from numba import njit

from .._arrays import readonly
from ..games._normal_form import NormalFormGame
from ._result import Equilibrium, EquilibriumResult

__all__ = ["pure"]


@njit(cache=True)
def _pure_nash_mask(flat, shape, tol):  # pragma: no cover - compiled
    n = shape.shape[0]
    total = flat.shape[1]
    strides = np.empty(n, dtype=np.int64)
    s = 1
    for j in range(n - 1, -1, -1):
        strides[j] = s
        s *= shape[j]
    mask = np.ones(total, dtype=np.bool_)
    for i in range(n):
        m = shape[i]
        st = strides[i]
        block = st * m
        # fibres along axis i start at idx = outer * block + inner, inner < st
        for outer in range(total // block):
            base0 = outer * block
            for inner in range(st):
                base = base0 + inner
                best = flat[i, base]
                for k in range(1, m):
                    v = flat[i, base + k * st]
                    if v > best:
                        best = v
                thr = best - tol
                for k in range(m):
                    if flat[i, base + k * st] < thr:
                        mask[base + k * st] = False
    return mask


def pure_nash_mask(game: NormalFormGame, tol: float = 1e-9) -> np.ndarray:
    """Boolean array of shape ``game.num_actions``: True at every pure equilibrium.

    ``tol`` is relative to the largest absolute payoff."""
    P = game.payoff_array
    flat = np.ascontiguousarray(P.reshape(P.shape[0], -1))
    scale = max(1.0, float(np.abs(flat).max()))
    shape = np.asarray(game.num_actions, dtype=np.int64)
    return _pure_nash_mask(flat, shape, tol * scale).reshape(game.num_actions)


def pure(game: NormalFormGame, *, tol: float = 1e-9) -> EquilibriumResult:
    """Every pure-strategy Nash equilibrium of an n-player game (complete enumeration).

    Parameters
    ----------
    game : NormalFormGame
    tol : float
        A deviation must gain more than ``tol`` (relative to the largest absolute payoff)
        to break an equilibrium, so ties count as equilibria.

    Returns
    -------
    EquilibriumResult
        ``scope="pure"``, ``complete=True``; equilibria in lexicographic profile order,
        each certified by ``max_regret``.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> res = pure(catalog.get("battle-of-the-sexes"))
    >>> [e.pure_profile for e in res]
    [(0, 0), (1, 1)]
    >>> res.complete, res.max_regret
    (True, 0.0)
    """
    if not isinstance(game, NormalFormGame):
        from .._errors import UnsupportedGameError
        raise UnsupportedGameError(f"pure needs a NormalFormGame, got {type(game).__name__}")
    start = time.perf_counter()
    mask = pure_nash_mask(game, tol)
    found = np.argwhere(mask)
    P = game.payoff_array
    # Certificates for every found profile at once: the regret of player i at a pure
    # profile is the best payoff along i's axis minus the payoff there (computed here from
    # the payoffs, independently of the kernel's marks).
    regret = np.zeros(len(found))
    cols = tuple(found.T)
    few = len(found) * max(game.num_actions) * 8 < game.num_profiles
    for i in range(game.num_players):
        if few:  # read only the fibres through the found profiles
            m_i = game.num_actions[i]
            fibre = [np.repeat(c[:, None], m_i, axis=1) for c in cols]
            fibre[i] = np.broadcast_to(np.arange(m_i), (len(found), m_i))
            best = P[i][tuple(fibre)].max(axis=1) if len(found) else np.zeros(0)
        else:    # many equilibria: one pass over the whole array is cheaper
            best = np.broadcast_to(P[i].max(axis=i, keepdims=True), P[i].shape)[cols]
        regret = np.maximum(regret, best - P[i][cols])
    payoffs = P[(slice(None),) + cols].T if len(found) else np.zeros((0, game.num_players))
    eqs = []
    for k, idx in enumerate(found):
        strategies = []
        for i, a in enumerate(idx):
            v = np.zeros(game.num_actions[i])
            v[a] = 1.0
            strategies.append(readonly(v))
        eqs.append(Equilibrium(strategies=tuple(strategies), payoffs=readonly(payoffs[k]),
                               max_regret=float(max(regret[k], 0.0))))
    mr = max((e.max_regret for e in eqs), default=0.0)
    return EquilibriumResult(method="pure", equilibria=tuple(eqs), complete=True, scope="pure",
                             converged=True, num_iter=game.num_profiles, max_regret=mr,
                             params={"tol": tol}, elapsed=time.perf_counter() - start)
