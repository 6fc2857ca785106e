"""Security levels (maximin values) and equilibrium selection (payoff and risk dominance).

References: von Neumann (1928) for the minimax theorem (security level = game value in
two-player zero-sum games); Harsanyi and Selten (1988), *A General Theory of Equilibrium
Selection in Games*, for payoff and risk dominance; Skyrms (2004) for the stag hunt.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import gametheory.concepts._security as security_module
from gametheory import (InvalidProfileError, NormalFormGame, SolverError,
                        UnsupportedGameError)
from gametheory.concepts import (SecurityResult, deviation_loss_products, is_nash,
                                 payoff_dominates, risk_dominance, security_level,
                                 security_levels)
from gametheory.games import catalog


# ---------------------------------------------------------------------------- security
@pytest.mark.parametrize("name", ["matching-pennies", "rock-paper-scissors"])
def test_zero_sum_catalog_games_have_value_zero(name):
    g = catalog.get(name)
    for r in security_levels(g):
        assert r.value == pytest.approx(0.0, abs=1e-9)
        m = len(r.strategy)
        np.testing.assert_allclose(r.strategy, np.full(m, 1 / m), atol=1e-9)
        assert r.pure_value == -1.0


def test_non_symmetric_zero_sum_game_by_hand():
    # A = [[2, -1], [-1, 1]]: row mixes p on the first row; 3p - 1 = 1 - 2p at p = 2/5,
    # value 1/5.  The column player (payoffs -A) secures -1/5 by playing (2/5, 3/5).
    g = NormalFormGame.zero_sum([[2, -1], [-1, 1]])
    row, col = security_levels(g)
    assert isinstance(row, SecurityResult) and row.player == 0 and col.player == 1
    assert row.value == pytest.approx(0.2)
    np.testing.assert_allclose(row.strategy, [0.4, 0.6], atol=1e-9)
    assert col.value == pytest.approx(-0.2)
    np.testing.assert_allclose(col.strategy, [0.4, 0.6], atol=1e-9)
    assert (row.pure_value, row.pure_action) == (-1.0, 0)
    assert (col.pure_value, col.pure_action) == (-1.0, 1)   # worst -2 in column 1, -1 in 2
    assert not row.strategy.flags.writeable


@pytest.mark.parametrize("name, values, pure_values, pure_actions", [
    # chicken: C guarantees 2; no mixture does better (min(7 - x, 2x) <= 2 on [0, 1])
    ("chicken", [2, 2], [2, 2], [0, 0]),
    ("prisoners-dilemma", [1, 1], [1, 1], [1, 1]),
    # battle of the sexes: the row player mixes 1/3 on Opera: 2x = 1 - x, value 2/3
    ("battle-of-the-sexes", [2 / 3, 2 / 3], [0, 0], [0, 0]),
    ("stag-hunt", [3, 3], [3, 3], [1, 1]),
    # Jordan's game: each player faces a coalition that can match or mismatch at will
    ("three-player-matching-pennies", [0, 0, 0], [-1, -1, -1], [0, 0, 0]),
])
def test_security_levels_of_catalog_games(name, values, pure_values, pure_actions):
    rs = security_levels(catalog.get(name))
    np.testing.assert_allclose([r.value for r in rs], values, atol=1e-9)
    assert [r.pure_value for r in rs] == pure_values
    assert [r.pure_action for r in rs] == pure_actions


def test_battle_of_the_sexes_maximin_strategy():
    r = security_level(catalog.get("battle-of-the-sexes"), "Player 1")
    np.testing.assert_allclose(r.strategy, [1 / 3, 2 / 3], atol=1e-9)


def test_pure_only():
    g = catalog.get("matching-pennies")
    r = security_level(g, 0, mixed=False)
    assert r.value == r.pure_value == -1.0
    assert r.strategy.tolist() == [1.0, 0.0]


def test_single_player_and_single_action():
    assert security_level(NormalFormGame([[1.0, 3.0, 2.0]]), 0).value == 3.0
    g = NormalFormGame.from_arrays([[1, 5]], [[0, 2]])
    r = security_level(g, 0)
    assert r.value == 1.0 and r.strategy.tolist() == [1.0]


def test_security_bad_player():
    with pytest.raises(InvalidProfileError):
        security_level(catalog.get("chicken"), 3)


def test_security_lp_failure(monkeypatch):
    class Failed:
        status = 4
        message = "numerical difficulties"

    monkeypatch.setattr(security_module, "linprog", lambda *a, **k: Failed())
    with pytest.raises(SolverError, match="status 4"):
        security_level(catalog.get("matching-pennies"), 0)


@st.composite
def two_player_games(draw, max_actions=4, zero_sum=False):
    m = draw(st.integers(1, max_actions))
    k = draw(st.integers(1, max_actions))
    A = draw(arrays(np.int64, (m, k), elements=st.integers(-5, 5))).astype(float)
    if zero_sum:
        return NormalFormGame.zero_sum(A)
    B = draw(arrays(np.int64, (m, k), elements=st.integers(-5, 5))).astype(float)
    return NormalFormGame.from_arrays(A, B)


@settings(max_examples=60, deadline=None)
@given(two_player_games(zero_sum=True))
def test_minimax_theorem(game):
    row, col = security_levels(game)
    assert row.value == pytest.approx(-col.value, abs=1e-7)
    # the two maximin strategies form an equilibrium
    assert is_nash(game, [row.strategy, col.strategy], tol=1e-7)


@settings(max_examples=60, deadline=None)
@given(two_player_games())
def test_security_level_is_guaranteed_and_below_equilibrium_payoffs(game):
    rs = security_levels(game)
    for r in rs:
        i = r.player
        assert r.pure_value <= r.value + 1e-9
        U = np.moveaxis(game.payoffs[i], i, 0).reshape(game.num_actions[i], -1)
        assert (r.strategy @ U).min() == pytest.approx(r.value)
    for prof in itertools.product(*(range(m) for m in game.num_actions)):
        if is_nash(game, prof):
            pay = game.payoff(prof)
            assert all(pay[r.player] >= r.value - 1e-9 for r in rs)


# ---------------------------------------------------------------------------- selection
def test_stag_hunt_payoff_and_risk_dominance():
    g = catalog.get("stag-hunt")
    SS, HH = ["S", "S"], ["H", "H"]
    assert payoff_dominates(g, SS, HH)
    assert not payoff_dominates(g, HH, SS)
    assert deviation_loss_products(g, SS, HH) == (1.0, 9.0)
    assert deviation_loss_products(g, HH, SS) == (9.0, 1.0)
    assert risk_dominance(g, SS, HH) == -1
    assert risk_dominance(g, HH, SS) == 1
    assert risk_dominance(g, [1, 1], [[1, 0], [1, 0]]) == 1   # unit vectors are pure


def test_stag_hunt_with_a_bigger_stag_is_risk_dominant():
    # stag 10: leaving (S, S) loses 10 - 3 = 7 per player, 49 > 9
    g = catalog.get("stag-hunt", stag=10)
    assert deviation_loss_products(g, ["S", "S"], ["H", "H"]) == (49.0, 9.0)
    assert risk_dominance(g, ["S", "S"], ["H", "H"]) == 1


def test_asymmetric_coordination_game():
    # losses at (0, 0): (5 - 1) * (1 - 0) = 4; at (1, 1): (2 - 0) * (3 - 0) = 6
    g = NormalFormGame.from_arrays([[5, 0], [1, 2]], [[1, 0], [0, 3]])
    assert deviation_loss_products(g, [0, 0], [1, 1]) == (4.0, 6.0)
    assert risk_dominance(g, [0, 0], [1, 1]) == -1
    assert not payoff_dominates(g, [0, 0], [1, 1])
    assert not payoff_dominates(g, [1, 1], [0, 0])


def test_ties():
    bos = catalog.get("battle-of-the-sexes")
    assert deviation_loss_products(bos, [0, 0], [1, 1]) == (2.0, 2.0)
    assert risk_dominance(bos, [0, 0], [1, 1]) == 0
    stag = catalog.get("stag-hunt")
    assert deviation_loss_products(stag, ["S", "S"], ["S", "S"]) == (0.0, 0.0)
    assert risk_dominance(stag, ["S", "S"], ["S", "S"]) == 0
    assert not payoff_dominates(stag, ["S", "S"], ["S", "S"])


def test_risk_dominance_in_a_larger_game():
    # a 3x3 game whose two strict equilibria span the 2x2 subgame of actions 0 and 2
    A = [[4, 1, 0], [0, 0, 0], [3, 1, 3]]
    g = NormalFormGame.from_arrays(A, np.array(A).T)
    assert is_nash(g, [0, 0]) and is_nash(g, [2, 2])
    assert deviation_loss_products(g, [0, 0], [2, 2]) == (1.0, 9.0)
    assert risk_dominance(g, [2, 2], [0, 0]) == 1


def test_payoff_dominance_with_mixed_profiles():
    bos = catalog.get("battle-of-the-sexes")
    mixed = [[2 / 3, 1 / 3], [1 / 3, 2 / 3]]
    assert payoff_dominates(bos, [1, 1], mixed)
    assert not payoff_dominates(bos, mixed, [1, 1])
    with pytest.raises(InvalidProfileError):
        payoff_dominates(bos, [0, 0, 0], [1, 1])


@pytest.mark.parametrize("game, eq1, eq2, match", [
    pytest.param(catalog.get("three-player-matching-pennies"), [0, 0, 0], [1, 1, 1],
                 "2-player", id="three-players"),
    pytest.param(catalog.get("stag-hunt"), [[0.5, 0.5], [1, 0]], ["H", "H"], "mixing",
                 id="mixed"),
    pytest.param(catalog.get("stag-hunt"), ["S", "H"], ["H", "H"], "strict Nash",
                 id="not-an-equilibrium"),
    pytest.param(NormalFormGame.from_arrays([[1, 0], [1, 2]], [[1, 0], [0, 2]]),
                 [0, 0], [1, 1], "strict Nash", id="weak-equilibrium"),
])
def test_risk_dominance_unsupported(game, eq1, eq2, match):
    with pytest.raises(UnsupportedGameError, match=match):
        risk_dominance(game, eq1, eq2)
    with pytest.raises(UnsupportedGameError):
        deviation_loss_products(game, eq1, eq2)


def test_risk_dominance_bad_profile():
    with pytest.raises(InvalidProfileError):
        risk_dominance(catalog.get("stag-hunt"), ["S"], ["H", "H"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=4, max_size=4))
def test_symmetric_risk_dominance_is_the_better_reply_to_a_coin_flip(losses):
    # symmetric 2x2 coordination game: u(0,0)=a+c, u(1,0)=c, u(1,1)=b+d, u(0,1)=d
    a, b, c, d = losses
    A = [[a + c, d], [c, b + d]]
    g = NormalFormGame.symmetric(A)
    first, second = deviation_loss_products(g, [0, 0], [1, 1])
    assert (first, second) == (a * a, b * b)
    by_belief = np.sign((A[0][0] + A[0][1]) - (A[1][0] + A[1][1]))
    assert risk_dominance(g, [0, 0], [1, 1]) == by_belief
    assert risk_dominance(g, [1, 1], [0, 0]) == -by_belief
    assert not (payoff_dominates(g, [0, 0], [1, 1]) and payoff_dominates(g, [1, 1], [0, 0]))
