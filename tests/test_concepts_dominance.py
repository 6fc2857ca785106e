"""Strict and weak dominance, pure and mixed, and iterated elimination.

References: Gibbons (1992), *A Primer in Game Theory*, section 1.1.B (the Up/Down x
Left/Middle/Right game solved by iterated strict dominance); Osborne and Rubinstein (1994),
*A Course in Game Theory*, section 4.2 (dominance by mixed strategies, order independence
of strict elimination); Ledyard (1995) for the public-goods game.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import gametheory.concepts._dominance as dominance_module
from gametheory import InvalidProfileError, NormalFormGame, SolverError
from gametheory.concepts import (EliminationResult, dominated_actions, dominating_strategy,
                                 is_dominated, is_nash, iterated_elimination)
from gametheory.games import catalog

ZERO = [[0, 0], [0, 0], [0, 0]]


def row_game(A):
    """The row player's payoffs ``A``; the column player gets 0 everywhere."""
    A = np.asarray(A, dtype=float)
    return NormalFormGame.from_arrays(A, np.zeros_like(A))


# ---------------------------------------------------------------------------- one action
def test_prisoners_dilemma_cooperation_strictly_dominated():
    pd = catalog.get("prisoners-dilemma")
    for player in (0, 1):
        assert is_dominated(pd, player, "C")
        assert is_dominated(pd, player, "C", mixed=False)
        assert not is_dominated(pd, player, "D")
        assert not is_dominated(pd, player, "D", strict=False)
        assert dominated_actions(pd, player) == [0]
    np.testing.assert_array_equal(dominating_strategy(pd, 0, "C"), [0, 1])


def test_middle_row_dominated_only_by_a_mixture():
    # rows (3, 0), (1, 1), (0, 3): the 1/2-1/2 mix of the outer rows pays (1.5, 1.5) > 1
    g = row_game([[3, 0], [1, 1], [0, 3]])
    assert is_dominated(g, 0, 1)
    assert not is_dominated(g, 0, 1, mixed=False)
    assert not is_dominated(g, 0, 1, strict=False, mixed=False)
    x = dominating_strategy(g, 0, 1)
    np.testing.assert_allclose(x, [0.5, 0, 0.5], atol=1e-9)
    # the certificate: strictly better against every column
    assert np.all(x @ g.payoffs[0] > g.payoffs[0][1])
    assert dominated_actions(g, 0) == [1]
    assert dominated_actions(g, 0, mixed=False) == []


def test_mixture_must_beat_everywhere():
    # (0.9, 0.9)-style row dominated by a mix only when the mix is better in every column
    g = row_game([[3, 0], [1.6, 1.6], [0, 3]])     # the best mix pays 1.5 < 1.6
    assert not is_dominated(g, 0, 1)
    assert not is_dominated(g, 0, 1, strict=False)
    assert dominating_strategy(g, 0, 1) is None


def test_weak_dominance_pure():
    g = NormalFormGame.from_arrays([[1, 1], [0, 1]], [[0, 0], [0, 0]],
                                   actions=[["T", "B"], ["L", "R"]])
    assert not is_dominated(g, 0, "B")
    assert is_dominated(g, 0, "B", strict=False)
    assert is_dominated(g, 0, "B", strict=False, mixed=False)
    assert not is_dominated(g, 0, "T", strict=False)
    np.testing.assert_array_equal(dominating_strategy(g, 0, "B", strict=False), [1, 0])


def test_weak_dominance_by_a_mixture_only():
    # rows (2,0,1), (0,2,1), (1,1,0): the 1/2-1/2 mix pays (1,1,1): equal twice, better once
    g = row_game([[2, 0, 1], [0, 2, 1], [1, 1, 0]])
    assert is_dominated(g, 0, 2, strict=False)
    assert not is_dominated(g, 0, 2, strict=False, mixed=False)
    assert not is_dominated(g, 0, 2)
    x = dominating_strategy(g, 0, 2, strict=False)
    np.testing.assert_allclose(x, [0.5, 0.5, 0], atol=1e-9)


def test_duplicates_do_not_dominate_each_other():
    g = row_game([[1, 2], [1, 2], [0, 3]])
    for a in (0, 1):
        assert not is_dominated(g, 0, a, strict=False)
        assert not is_dominated(g, 0, a)
    res = iterated_elimination(g, strict=False)
    assert res.remaining[0] == (0, 1, 2)


def test_duplicates_dominated_by_a_third_action_both_go():
    g = row_game([[1, 1], [1, 1], [2, 1]])
    assert dominated_actions(g, 0, strict=False) == [0, 1]
    res = iterated_elimination(g, strict=False)
    assert res.remaining == ((2,), (0, 1))


def test_a_mixture_equal_to_an_action_does_not_weakly_dominate_it():
    g = row_game([[2, 0], [0, 2], [1, 1]])
    assert not is_dominated(g, 0, 2, strict=False)


@pytest.mark.parametrize("name", ["rock-paper-scissors", "matching-pennies", "shapley",
                                  "battle-of-the-sexes", "pure-coordination"])
def test_nothing_dominated(name):
    g = catalog.get(name)
    for i in range(g.num_players):
        assert dominated_actions(g, i) == []
        assert dominated_actions(g, i, strict=False) == []
    res = iterated_elimination(g, strict=False)
    assert res.eliminated == [] and res.game == g and res.num_rounds == 0


def test_single_action_player():
    g = NormalFormGame.from_arrays([[1, 2]], [[0, 5]])
    assert dominated_actions(g, 0) == []
    assert dominated_actions(g, 1) == [0]


def test_bad_player_or_action():
    pd = catalog.get("prisoners-dilemma")
    with pytest.raises(InvalidProfileError):
        is_dominated(pd, 2, 0)
    with pytest.raises(InvalidProfileError):
        is_dominated(pd, 0, "X")
    with pytest.raises(InvalidProfileError):
        dominated_actions(pd, "nobody")


def test_lp_failure_raises(monkeypatch):
    class Failed:
        status = 4
        message = "numerical difficulties"
        x = None

    monkeypatch.setattr(dominance_module, "linprog", lambda *a, **k: Failed())
    g = row_game([[3, 0], [1, 1], [0, 3]])
    with pytest.raises(SolverError, match="status 4"):
        is_dominated(g, 0, 1)


# ---------------------------------------------------------------------------- iterated
def test_gibbons_iterated_strict_dominance():
    g = NormalFormGame.from_arrays([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
                                   actions=[["Up", "Down"], ["Left", "Middle", "Right"]])
    res = iterated_elimination(g)
    assert isinstance(res, EliminationResult)
    # Right (by Middle), then Down (by Up), then Left (by Middle)
    assert res.eliminated == [(1, 1, 2), (2, 0, 1), (3, 1, 0)]
    assert res.remaining == ((0,), (1,))
    assert res.profile == (0, 1)
    assert res.num_rounds == 3
    assert res.game.actions == (("Up",), ("Middle",))
    assert res.game.payoff(("Up", "Middle")).tolist() == [1.0, 2.0]
    assert is_nash(g, res.profile)


def test_public_goods_solved_in_one_round():
    g = catalog.get("public-goods", n_players=4, r=3)
    res = iterated_elimination(g)
    assert res.eliminated == [(1, i, 1) for i in range(4)]
    assert res.profile == (0, 0, 0, 0)
    assert res.game.actions == (("keep",),) * 4


def test_mixed_dominance_unlocks_further_rounds():
    # Row: M is beaten only by the 1/2-1/2 mix of T and B.  Column: R is good only
    # against M, so once M is gone R is strictly dominated by L, and then B by T.
    A = [[3, 0], [1, 1], [0, 3]]
    B = [[1, 0], [0, 5], [1, 0]]
    g = NormalFormGame.from_arrays(A, B, actions=[["T", "M", "B"], ["L", "R"]])
    res = iterated_elimination(g)
    assert res.eliminated == [(1, 0, 1), (2, 1, 1), (3, 0, 2)]
    assert res.profile == (0, 0)
    pure = iterated_elimination(g, mixed=False)
    assert pure.eliminated == [] and pure.remaining == ((0, 1, 2), (0, 1))


def test_weak_elimination_order_used():
    # T and B are weakly dominated by M; removed together they leave M x {L, R}.
    g = NormalFormGame.from_arrays([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]],
                                   actions=[["T", "M", "B"], ["L", "R"]])
    res = iterated_elimination(g, strict=False)
    assert res.eliminated == [(1, 0, 0), (1, 0, 2)]
    assert res.remaining == ((1,), (0, 1))
    assert res.profile is None
    # strict elimination removes nothing here
    assert iterated_elimination(g).eliminated == []


def test_weak_elimination_over_three_rounds():
    # Worked by hand.  Rows a, b; columns x, y, z.
    #   row payoffs     a: (1, 1, 0)   b: (1, 0, 2)
    #   column payoffs  x: (2, 0)      y: (1, 1)      z: (0, 1)   (against a, b)
    # round 1: z is weakly dominated by y (0 < 1, 1 = 1); the rows are incomparable.
    # round 2: against {x, y}, b = (1, 0) is weakly dominated by a = (1, 1).
    # round 3: against a alone, y (1) is dominated by x (2).
    A = [[1, 1, 0], [1, 0, 2]]
    B = [[2, 1, 0], [0, 1, 1]]
    g = NormalFormGame.from_arrays(A, B, actions=[["a", "b"], ["x", "y", "z"]])
    res = iterated_elimination(g, strict=False)
    assert res.eliminated == [(1, 1, 2), (2, 0, 1), (3, 1, 1)]
    assert res.profile == (0, 0)
    assert res.game.actions == (("a",), ("x",))
    # nothing is strictly dominated
    assert iterated_elimination(g).eliminated == []


def test_iterated_elimination_three_players():
    g = catalog.get("public-goods")
    res = iterated_elimination(g, strict=False, mixed=False)
    assert res.profile == (0, 0, 0)


# ---------------------------------------------------------------------------- properties
@st.composite
def small_games(draw, max_players=3, max_actions=4):
    n = draw(st.integers(2, max_players))
    shape = tuple(draw(st.lists(st.integers(1, max_actions), min_size=n, max_size=n)))
    payoffs = draw(arrays(np.int64, (n,) + shape, elements=st.integers(-3, 3)))
    return NormalFormGame(payoffs.astype(float))


def dominates(game, player, x, a, strict):
    U = np.moveaxis(game.payoffs[player], player, 0).reshape(game.num_actions[player], -1)
    slack = x @ U - U[a]
    if strict:
        return slack.min() > 1e-9
    return slack.min() >= -1e-9 and slack.max() > 1e-9


@settings(max_examples=60, deadline=None)
@given(small_games(), st.booleans())
def test_certificates_are_valid_and_flags_nest(game, strict):
    for i in range(game.num_players):
        for a in range(game.num_actions[i]):
            x = dominating_strategy(game, i, a, strict=strict)
            if x is not None:
                assert x[a] == 0 and x.min() >= 0 and x.sum() == pytest.approx(1)
                assert dominates(game, i, x, a, strict)
            # pure dominance implies mixed, strict implies weak
            if is_dominated(game, i, a, strict=strict, mixed=False):
                assert x is not None
            if is_dominated(game, i, a, strict=True):
                assert is_dominated(game, i, a, strict=False)


@settings(max_examples=60, deadline=None)
@given(small_games(), st.booleans())
def test_strict_elimination_keeps_every_pure_nash_equilibrium(game, mixed):
    res = iterated_elimination(game, mixed=mixed)
    for prof in itertools.product(*(range(m) for m in game.num_actions)):
        if is_nash(game, prof):
            assert all(a in r for a, r in zip(prof, res.remaining))


@settings(max_examples=60, deadline=None)
@given(small_games(), st.booleans(), st.booleans())
def test_elimination_result_consistent(game, strict, mixed):
    res = iterated_elimination(game, strict=strict, mixed=mixed)
    gone = {(p, a) for _, p, a in res.eliminated}
    assert len(gone) == len(res.eliminated)
    for i, m in enumerate(game.num_actions):
        assert len(res.remaining[i]) >= 1
        assert set(res.remaining[i]) | {a for p, a in gone if p == i} == set(range(m))
    assert res.game == game.restrict(res.remaining)
    # nothing left is dominated in the reduced game
    for i in range(game.num_players):
        assert dominated_actions(res.game, i, strict=strict, mixed=mixed) == []
