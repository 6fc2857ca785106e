"""Named games from the literature, each with its source.

>>> from gametheory.games import catalog
>>> g = catalog.get("chicken")
>>> g.payoff(("C", "C")).tolist()
[6.0, 6.0]
>>> "rock-paper-scissors" in catalog.names()
True

Names are lower case with dashes (``catalog:prisoners-dilemma`` on the command line);
underscores are accepted too.  :func:`get` passes keyword parameters to the game's factory
(e.g. ``get("penalty", k=-100)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .._errors import UnknownNameError
from ._normal_form import NormalFormGame

__all__ = ["CatalogEntry", "CATALOG", "register", "get", "names", "describe",
           "prisoners_dilemma", "matching_pennies", "rock_paper_scissors",
           "battle_of_the_sexes", "stag_hunt", "chicken", "pure_coordination", "shapley",
           "climbing", "penalty", "three_player_matching_pennies", "minority_game",
           "public_goods"]


@dataclass(frozen=True)
class CatalogEntry:
    """A named game: its factory, kind (``"normal-form"`` or ``"stochastic"``), a one-line
    summary and the source it is taken from."""

    factory: Callable
    kind: str
    summary: str
    source: str


CATALOG: dict[str, CatalogEntry] = {}


def register(name: str, factory: Callable, *, kind: str, summary: str, source: str) -> None:
    """Add a game to the catalog under ``name`` (lower case, dashes)."""
    CATALOG[name] = CatalogEntry(factory, kind, summary, source)


def _key(name: str) -> str:
    return str(name).strip().lower().replace("_", "-").replace(" ", "-")


def get(name: str, **params):
    """The catalog game called ``name``, built with ``params`` passed to its factory.

    Raises
    ------
    UnknownNameError
        When no game has that name (the message lists the names).
    """
    key = _key(name)
    if key not in CATALOG:
        raise UnknownNameError(f"no catalog game {name!r}; known games: "
                               + ", ".join(sorted(CATALOG)))
    return CATALOG[key].factory(**params)


def names(kind: str | None = None) -> list[str]:
    """Sorted catalog names, optionally only those of one kind."""
    return sorted(k for k, e in CATALOG.items() if kind is None or e.kind == kind)


def describe(name: str) -> CatalogEntry:
    key = _key(name)
    if key not in CATALOG:
        raise UnknownNameError(f"no catalog game {name!r}")
    return CATALOG[key]


# ---------------------------------------------------------------------------- 2 players
def prisoners_dilemma(T=5, R=3, P=1, S=0) -> NormalFormGame:
    """Prisoner's dilemma with Axelrod's payoffs T=5 > R=3 > P=1 > S=0 (Axelrod 1984,
    *The Evolution of Cooperation*; the game is Flood and Dresher's, 1950, named by Tucker).
    Actions ``C`` (cooperate) and ``D`` (defect); (D, D) is the unique equilibrium and is
    Pareto-dominated by (C, C)."""
    A = [[R, S], [T, P]]
    return NormalFormGame.symmetric(A, actions=["C", "D"], title="Prisoner's dilemma")


def matching_pennies() -> NormalFormGame:
    """Matching pennies (von Neumann and Morgenstern 1944): the row player wins 1 when the
    coins match.  Zero-sum; the unique equilibrium mixes 1/2-1/2, value 0."""
    return NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=[["H", "T"], ["H", "T"]],
                                   title="Matching pennies")


def rock_paper_scissors() -> NormalFormGame:
    """Rock-paper-scissors: zero-sum, symmetric; unique equilibrium uniform, value 0."""
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    labels = ["R", "P", "S"]
    return NormalFormGame.zero_sum(A, actions=[labels, labels], title="Rock-paper-scissors")


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the sexes (Luce and Raiffa 1957, *Games and Decisions*): payoffs (2, 1) at
    (Opera, Opera) and (1, 2) at (Football, Football), 0 otherwise.  Two pure equilibria and
    a mixed one (row plays Opera with 2/3, column with 1/3), each paying 2/3."""
    A = [[2, 0], [0, 1]]
    B = [[1, 0], [0, 2]]
    acts = ["Opera", "Football"]
    return NormalFormGame.from_arrays(A, B, actions=[acts, acts], title="Battle of the sexes")


def stag_hunt(stag=4, hare=3, alone=0) -> NormalFormGame:
    """Stag hunt (Rousseau's story; Skyrms 2004, *The Stag Hunt and the Evolution of Social
    Structure*): hunting stag together pays ``stag`` each, a hare hunter gets ``hare``
    whatever the other does, a lone stag hunter ``alone``.  With the defaults (S, S) is
    payoff-dominant and (H, H) risk-dominant (Harsanyi and Selten 1988): deviation-loss
    products 1 against 9."""
    A = [[stag, alone], [hare, hare]]
    return NormalFormGame.symmetric(A, actions=["S", "H"], title="Stag hunt")


def chicken() -> NormalFormGame:
    """Chicken as Aumann (1974, 1987) uses it to introduce correlated equilibrium:
    (C, C) = (6, 6), (C, D) = (2, 7), (D, C) = (7, 2), (D, D) = (0, 0), with ``C`` to
    chicken out and ``D`` to dare.  The welfare-maximising correlated equilibrium puts 1/2
    on (C, C) and 1/4 on each of (C, D), (D, C), paying (5.25, 5.25), above every Nash
    equilibrium's welfare."""
    A = [[6, 2], [7, 0]]
    return NormalFormGame.symmetric(A, actions=["C", "D"], title="Chicken")


def pure_coordination(n_actions: int = 2) -> NormalFormGame:
    """Pure coordination (Schelling 1960, *The Strategy of Conflict*): both players get 1
    when they choose the same action, 0 otherwise; common reward."""
    R = np.eye(int(n_actions), dtype=np.int64)
    return NormalFormGame.common_reward(R.tolist(), title="Pure coordination")


def shapley() -> NormalFormGame:
    """Shapley's 3x3 game (Shapley 1964, "Some topics in two-person games"): the unique
    equilibrium is uniform and fictitious play does not converge to it but cycles."""
    A = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    B = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    return NormalFormGame.from_arrays(A, B, title="Shapley's game")


def climbing() -> NormalFormGame:
    """Climbing game (Claus and Boutilier 1998), common reward
    ``[[11, -30, 0], [-30, 7, 6], [0, 0, 5]]``.  The optimum (a, a) pays 11; independent
    learners tend to settle on 7 (b, b) or 5 (c, c).  (The uoe-agents matrix-games package
    lists the transpose.)"""
    R = [[11, -30, 0], [-30, 7, 6], [0, 0, 5]]
    acts = ["a", "b", "c"]
    return NormalFormGame.common_reward(R, actions=[acts, acts], title="Climbing game")


def penalty(k: float = -10) -> NormalFormGame:
    """Penalty game (Claus and Boutilier 1998), common reward
    ``[[k, 0, 10], [0, 2, 0], [10, 0, k]]`` with ``k <= 0``: the optima (a, c) and (c, a)
    pay 10, mis-coordination costs ``k``, and (b, b) is the safe choice paying 2."""
    R = [[k, 0, 10], [0, 2, 0], [10, 0, k]]
    acts = ["a", "b", "c"]
    return NormalFormGame.common_reward(R, actions=[acts, acts], title=f"Penalty game (k={k})")


# ---------------------------------------------------------------------------- 3 players
def three_player_matching_pennies() -> NormalFormGame:
    """Jordan's (1993) three-player matching pennies: player 1 wins 1 by matching player 2,
    player 2 by matching player 3, player 3 by mismatching player 1 (else -1).  No pure
    equilibrium; the unique equilibrium is uniform."""
    P = np.zeros((3, 2, 2, 2), dtype=np.int64)
    for a in range(2):
        for b in range(2):
            for c in range(2):
                P[0, a, b, c] = 1 if a == b else -1
                P[1, a, b, c] = 1 if b == c else -1
                P[2, a, b, c] = 1 if c != a else -1
    acts = [["H", "T"]] * 3
    return NormalFormGame(P.tolist(), actions=acts, title="Three-player matching pennies")


def minority_game(n_players: int = 3) -> NormalFormGame:
    """Minority game (Challet and Zhang 1997, after Arthur's El Farol problem, 1994): each
    of an odd number of players picks side 0 or 1; those on the less crowded side get 1,
    the others 0."""
    n = int(n_players)
    if n < 3 or n % 2 == 0:
        from .._errors import InvalidGameError
        raise InvalidGameError("the minority game needs an odd number of players >= 3")
    shape = (2,) * n
    grid = np.indices(shape)  # grid[i] = action of player i
    ones = grid.sum(axis=0)
    P = np.empty((n,) + shape, dtype=np.int64)
    for i in range(n):
        on_one = grid[i] == 1
        P[i] = np.where(on_one, ones < n - ones, n - ones < ones).astype(np.int64)
    return NormalFormGame(P.tolist(), actions=[["0", "1"]] * n,
                          title=f"Minority game ({n} players)")


def public_goods(n_players: int = 3, r: float = 2) -> NormalFormGame:
    """Linear public-goods game (e.g. Ledyard 1995's survey): each player keeps 1 or
    contributes it; contributions are multiplied by ``r`` (1 < r < n) and shared equally.
    Contributing is strictly dominated, yet everyone contributing is Pareto-better than
    nobody contributing."""
    n = int(n_players)
    shape = (2,) * n
    grid = np.indices(shape)
    total = grid.sum(axis=0)
    P = np.empty((n,) + shape, dtype=np.float64)
    for i in range(n):
        P[i] = 1 - grid[i] + r * total / n
    return NormalFormGame(P, actions=[["keep", "contribute"]] * n,
                          title=f"Public goods ({n} players, r={r})")


register("prisoners-dilemma", prisoners_dilemma, kind="normal-form",
         summary="2x2 social dilemma, unique equilibrium (D, D)", source="Axelrod 1984")
register("matching-pennies", matching_pennies, kind="normal-form",
         summary="2x2 zero-sum, unique mixed equilibrium", source="von Neumann-Morgenstern 1944")
register("rock-paper-scissors", rock_paper_scissors, kind="normal-form",
         summary="3x3 zero-sum symmetric, uniform equilibrium", source="folk")
register("battle-of-the-sexes", battle_of_the_sexes, kind="normal-form",
         summary="2x2 coordination with conflict, 3 equilibria", source="Luce-Raiffa 1957")
register("stag-hunt", stag_hunt, kind="normal-form",
         summary="2x2 payoff- vs risk-dominance", source="Skyrms 2004")
register("chicken", chicken, kind="normal-form",
         summary="2x2 anti-coordination, CE beats NE in welfare", source="Aumann 1974")
register("pure-coordination", pure_coordination, kind="normal-form",
         summary="common-reward coordination on the diagonal", source="Schelling 1960")
register("shapley", shapley, kind="normal-form",
         summary="3x3 where fictitious play cycles", source="Shapley 1964")
register("climbing", climbing, kind="normal-form",
         summary="3x3 common reward, optimum 11 hard to learn", source="Claus-Boutilier 1998")
register("penalty", penalty, kind="normal-form",
         summary="3x3 common reward with mis-coordination penalty k",
         source="Claus-Boutilier 1998")
register("three-player-matching-pennies", three_player_matching_pennies, kind="normal-form",
         summary="2x2x2, no pure equilibrium", source="Jordan 1993")
register("minority-game", minority_game, kind="normal-form",
         summary="n-player (odd) 2-action minority game", source="Challet-Zhang 1997")
register("public-goods", public_goods, kind="normal-form",
         summary="n-player linear public-goods dilemma", source="Ledyard 1995")


# ---------------------------------------------------------------------------- stochastic
from ._stochastic import StochasticGame  # noqa: E402  (kept next to the games using it)

__all__ += ["two_step", "big_match", "chain_mdp"]


def two_step() -> StochasticGame:
    """The two-step game of Rashid et al. (2018), "QMIX: Monotonic value function
    factorisation for deep multi-agent reinforcement learning" (ICML), used to show that VDN
    cannot represent its joint action values.

    Two agents, actions ``A`` and ``B`` in every state, common reward.  State ``1`` pays 0
    and agent 1's action alone picks the next state, ``2A`` (action A) or ``2B`` (action
    B).  State ``2A`` pays 7 for every joint action; state ``2B`` pays
    ``[[0, 1], [1, 8]]``.  Then the episode ends in the terminal state ``end``.  The game
    is episodic: discount 1.0, no horizon (the terminal state ends it after two steps).
    The optimal return is 8 (B, then (B, B)); 7 is the "safe" return of choosing ``2A``.

    >>> g = two_step()
    >>> g.is_common_reward, g.discount, g.terminal
    (True, 1.0, (3,))
    >>> g.transition_distribution("1", ("A", "B")).tolist()
    [0.0, 1.0, 0.0, 0.0]
    """
    acts = [["A", "B"], ["A", "B"]]
    R1 = np.zeros((2, 2))
    R2A = np.full((2, 2), 7.0)
    R2B = np.array([[0.0, 1.0], [1.0, 8.0]])
    T1 = np.zeros((2, 2, 4))
    T1[0, :, 1] = 1.0  # agent 1 plays A: go to 2A whatever agent 2 plays
    T1[1, :, 2] = 1.0  # agent 1 plays B: go to 2B
    T2 = np.zeros((2, 2, 4))
    T2[..., 3] = 1.0
    return StochasticGame([[R1, R1], [R2A, R2A], [R2B, R2B], None], [T1, T2, T2, None],
                          discount=1.0, terminal=["end"], players=["Agent 1", "Agent 2"],
                          states=["1", "2A", "2B", "end"], actions=[acts, acts, acts, None],
                          title="Two-step game")


def big_match(discount: float = 0.9) -> StochasticGame:
    """The discounted Big Match (Gillette 1957; Blackwell and Ferguson 1968, "The Big
    Match", Ann. Math. Statist.), two-player zero-sum.

    Each day in state ``play`` player 1 picks ``T`` or ``B`` and player 2 ``L`` or ``R``;
    player 1 gets the stage reward, player 2 its negative.  ``B`` keeps playing and pays 1
    at (B, R), 0 at (B, L).  ``T`` ends the play for good: at (T, L) the game moves to
    state ``win``, where player 1 gets 1 every day, and at (T, R) to ``lose``, worth 0 every
    day (the first day's reward is 1 or 0 accordingly).  ``win`` and ``lose`` are absorbing
    one-action states, not terminal.

    With discount ``b`` the values for player 1 are ``1/(1-b)`` in ``win``, 0 in ``lose``
    and ``1/(2(1-b))`` in ``play`` (normalised by ``1-b``: 1/2 for every ``b``); player 1's
    optimal stationary strategy in ``play`` is ``T`` with probability ``(1-b)/(2-b)``,
    player 2's is the uniform one.  With the default ``b = 0.9``: 10, 0 and 5, and ``T``
    with probability 1/11.  (Checked by Shapley value iteration in the test-suite.)

    >>> g = big_match()
    >>> g.is_zero_sum, g.states, g.state_game("play").payoffs[0].tolist()
    (True, ('play', 'win', 'lose'), [[1.0, 0.0], [0.0, 1.0]])
    """
    R_play = np.array([[1.0, 0.0], [0.0, 1.0]])  # rows T, B; columns L, R
    T_play = np.zeros((2, 2, 3))
    T_play[0, 0, 1] = 1.0   # (T, L): win forever
    T_play[0, 1, 2] = 1.0   # (T, R): lose forever
    T_play[1, :, 0] = 1.0   # B: keep playing
    one = np.ones((2, 1, 1))
    one[1] = -1.0
    T_win = np.array([[[0.0, 1.0, 0.0]]])
    T_lose = np.array([[[0.0, 0.0, 1.0]]])
    return StochasticGame([[R_play, -R_play], one, np.zeros((2, 1, 1))],
                          [T_play, T_win, T_lose], discount=discount,
                          players=["Player 1", "Player 2"], states=["play", "win", "lose"],
                          actions=[[["T", "B"], ["L", "R"]], [["stay"], ["stay"]],
                                   [["stay"], ["stay"]]],
                          title=f"Big Match (discount {discount})")


def chain_mdp(discount: float = 0.9) -> StochasticGame:
    """A deterministic 3-state chain MDP, constructed for testing (not from the
    literature).

    States ``0``, ``1``, ``2``; actions ``left`` and ``right`` move one step along the
    chain (staying put at the ends).  Every action in state ``2`` pays 1, ``left`` in state
    ``0`` pays 0.5, everything else 0.  For ``discount > 1/sqrt(2)`` it is optimal to go
    right everywhere and the optimal values are ``b**2/(1-b)``, ``b/(1-b)`` and ``1/(1-b)``
    for ``b = discount``; with the default ``b = 0.9``: 8.1, 9 and 10.  (Staying left
    forever is worth only ``0.5/(1-b)`` = 5.)

    >>> g = chain_mdp()
    >>> g.is_mdp, g.rewards[0].tolist(), g.transition_distribution("0", ["right"]).tolist()
    (True, [[0.5, 0.0]], [0.0, 1.0, 0.0])
    """
    R = [[0.5, 0.0], [0.0, 0.0], [1.0, 1.0]]
    T = np.zeros((3, 2, 3))
    for s in range(3):
        T[s, 0, max(s - 1, 0)] = 1.0
        T[s, 1, min(s + 1, 2)] = 1.0
    return StochasticGame.mdp(R, T, discount=discount, states=["0", "1", "2"],
                              actions=["left", "right"], title="Chain MDP")


register("two-step", two_step, kind="stochastic",
         summary="2-agent common-reward game where VDN fails, optimum 8",
         source="Rashid et al. 2018 (QMIX)")
register("big-match", big_match, kind="stochastic",
         summary="2-player zero-sum discounted stochastic game, value 1/(2(1-b))",
         source="Blackwell-Ferguson 1968")
register("chain-mdp", chain_mdp, kind="stochastic",
         summary="3-state deterministic chain MDP with known optimal values",
         source="constructed for testing")
