"""CE and CCE gaps of joint distributions.

References: Aumann (1974, 1987) for chicken and its correlated equilibria; Hannan (1957)
and Moulin and Vial (1978) for coarse correlated equilibria.  The rock-paper-scissors CCE
that is not a CE (uniform over the six off-diagonal profiles) is worked by hand below.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from gametheory import InvalidProfileError, NormalFormGame
from gametheory.concepts import (cce_gap, cce_gaps, ce_gap, ce_gaps, correlated_payoffs,
                                 is_coarse_correlated_equilibrium, is_correlated_equilibrium,
                                 is_nash, marginals, product_distribution, regrets)
from gametheory.games import catalog

CHICKEN_CE = np.array([[0.5, 0.25], [0.25, 0.0]])


def brute_ce_gains(game, p):
    """Reference: the definition, looped over everything."""
    out = []
    for i in range(game.num_players):
        best = 0.0
        for a in range(game.num_actions[i]):
            for b in range(game.num_actions[i]):
                g = 0.0
                for prof in game.profiles():
                    if prof[i] != a:
                        continue
                    dev = list(prof)
                    dev[i] = b
                    g += p[prof] * (game.payoffs[i][tuple(dev)] - game.payoffs[i][prof])
                best = max(best, g)
        out.append(best)
    return np.array(out)


def brute_cce_gains(game, p):
    out = []
    for i in range(game.num_players):
        base = sum(p[prof] * game.payoffs[i][prof] for prof in game.profiles())
        best = 0.0
        for b in range(game.num_actions[i]):
            v = 0.0
            for prof in game.profiles():
                dev = list(prof)
                dev[i] = b
                v += p[prof] * game.payoffs[i][tuple(dev)]
            best = max(best, v - base)
        out.append(best)
    return np.array(out)


# ---------------------------------------------------------------------------- chicken
def test_aumann_chicken_correlated_equilibrium():
    g = catalog.get("chicken")
    assert ce_gap(g, CHICKEN_CE) == 0.0
    assert cce_gap(g, CHICKEN_CE) == 0.0
    assert is_correlated_equilibrium(g, CHICKEN_CE)
    assert is_coarse_correlated_equilibrium(g, CHICKEN_CE)
    np.testing.assert_allclose(correlated_payoffs(g, CHICKEN_CE), [5.25, 5.25])


def test_chicken_uniform_over_three_cells():
    g = catalog.get("chicken")
    p = [[1 / 3, 1 / 3], [1 / 3, 0]]
    assert ce_gap(g, p) == pytest.approx(0.0, abs=1e-12)
    assert is_correlated_equilibrium(g, p)
    np.testing.assert_allclose(correlated_payoffs(g, p), [5.0, 5.0])


@pytest.mark.parametrize("p, ce, cce", [
    # 1/2 (C,C) + 1/2 (D,D).  Told D (the other plays D): 1/2 * (2 - 0) = 1 by chickening.
    # Told C: 1/2 * (7 - 6) = 1/2.  CCE: fixed C earns 1/2*6 + 1/2*2 = 4, fixed D 3.5,
    # the device pays 3.
    pytest.param([[0.5, 0], [0, 0.5]], 1.0, 1.0, id="CC-DD"),
    # All four cells 1/4 (independent 50-50 play): told D, switching to C gains
    # 1/4*6 + 1/4*2 - 1/4*7 = 1/4; CCE: fixed C earns 4, the device 15/4.
    pytest.param(np.full((2, 2), 0.25), 0.25, 0.25, id="uniform"),
    # (D, D) for sure: each gains 2 by swerving.
    pytest.param([[0, 0], [0, 1]], 2.0, 2.0, id="DD"),
])
def test_chicken_positive_gaps_by_hand(p, ce, cce):
    g = catalog.get("chicken")
    assert ce_gap(g, p) == pytest.approx(ce)
    assert cce_gap(g, p) == pytest.approx(cce)
    np.testing.assert_allclose(ce_gaps(g, p), [ce, ce])
    assert not is_correlated_equilibrium(g, p)


def test_product_of_mixed_nash_is_ce_and_cce():
    g = catalog.get("chicken")
    x = [[2 / 3, 1 / 3], [2 / 3, 1 / 3]]
    assert is_nash(g, x)
    p = product_distribution(g, x)
    assert ce_gap(g, p) == pytest.approx(0.0, abs=1e-12)
    assert cce_gap(g, p) == pytest.approx(0.0, abs=1e-12)
    assert is_correlated_equilibrium(g, p) and is_coarse_correlated_equilibrium(g, p)


@pytest.mark.parametrize("name, profile", [
    ("chicken", ["C", "D"]), ("chicken", ["D", "C"]), ("prisoners-dilemma", ["D", "D"]),
    ("battle-of-the-sexes", [[2 / 3, 1 / 3], [1 / 3, 2 / 3]]),
    ("rock-paper-scissors", [[1 / 3] * 3, [1 / 3] * 3]),
    ("three-player-matching-pennies", [[0.5, 0.5]] * 3),
])
def test_products_of_nash_equilibria(name, profile):
    g = catalog.get(name)
    p = product_distribution(g, profile)
    assert is_correlated_equilibrium(g, p)
    assert is_coarse_correlated_equilibrium(g, p)


def test_cce_that_is_not_ce_in_rock_paper_scissors():
    rps = catalog.get("rock-paper-scissors")
    p = (1 - np.eye(3)) / 6
    assert cce_gap(rps, p) == pytest.approx(0.0, abs=1e-12)
    assert is_coarse_correlated_equilibrium(rps, p)
    # told R: the column plays P or S with 1/6 each; obeying earns 0, scissors 1/6
    assert ce_gap(rps, p) == pytest.approx(1 / 6)
    assert not is_correlated_equilibrium(rps, p)


def test_prisoners_dilemma_cooperation_is_not_cce():
    pd = catalog.get("prisoners-dilemma")
    p = [[1, 0], [0, 0]]
    np.testing.assert_allclose(ce_gaps(pd, p), [2, 2])
    np.testing.assert_allclose(cce_gaps(pd, p), [2, 2])


def test_three_player_gaps_match_definition():
    g = catalog.get("minority-game")
    rng = np.random.default_rng(3)
    p = rng.random(g.num_actions)
    p /= p.sum()
    np.testing.assert_allclose(ce_gaps(g, p), brute_ce_gains(g, p), atol=1e-12)
    np.testing.assert_allclose(cce_gaps(g, p), brute_cce_gains(g, p), atol=1e-12)


def test_single_player_game():
    g = NormalFormGame([[1.0, 3.0, 2.0]])
    assert ce_gap(g, [0, 1, 0]) == 0.0
    assert ce_gap(g, [1, 0, 0]) == 2.0
    assert cce_gap(g, [0.5, 0, 0.5]) == pytest.approx(1.5)


# ---------------------------------------------------------------------------- helpers
def test_product_distribution_and_marginals():
    g = catalog.get("three-player-matching-pennies")
    x = [[0.2, 0.8], [1, 0], [0.5, 0.5]]
    p = product_distribution(g, x)
    assert p.shape == (2, 2, 2)
    assert p.sum() == pytest.approx(1.0)
    assert p[0, 0, 1] == pytest.approx(0.2 * 1 * 0.5)
    for m, xi in zip(marginals(p), x):
        np.testing.assert_allclose(m, xi)
    np.testing.assert_allclose(correlated_payoffs(g, p), g.expected_payoffs(x))


def test_marginals_of_aumann_distribution():
    ms = marginals(CHICKEN_CE)
    np.testing.assert_allclose(ms[0], [0.75, 0.25])
    np.testing.assert_allclose(ms[1], [0.75, 0.25])


def test_pure_profile_labels_in_product_distribution():
    g = catalog.get("chicken")
    np.testing.assert_array_equal(product_distribution(g, ["D", "C"]), [[0, 0], [1, 0]])


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("p", [
    pytest.param([0.5, 0.5], id="wrong-ndim"),
    pytest.param(np.full((2, 3), 1 / 6), id="wrong-shape"),
    pytest.param([[1.2, -0.2], [0, 0]], id="negative"),
    pytest.param([[0.5, 0.25], [0.25, 0.1]], id="sums-to-1.1"),
    pytest.param([[0.5, 0.25], [0.25, np.nan]], id="nan"),
    pytest.param([[np.inf, 0], [0, 0]], id="inf"),
    pytest.param([["a", "b"], ["c", "d"]], id="strings"),
    pytest.param([[0.5, 0.5], [0.5]], id="ragged"),
])
@pytest.mark.parametrize("func", [ce_gap, ce_gaps, cce_gap, cce_gaps, correlated_payoffs,
                                  is_correlated_equilibrium,
                                  is_coarse_correlated_equilibrium])
def test_bad_distributions_raise(func, p):
    with pytest.raises(InvalidProfileError):
        func(catalog.get("chicken"), p)


def test_bad_distribution_is_a_value_error_with_a_message():
    with pytest.raises(ValueError, match="sums to 0.5"):
        ce_gap(catalog.get("chicken"), [[0.25, 0.25], [0, 0]])


def test_small_roundoff_accepted():
    g = catalog.get("chicken")
    p = CHICKEN_CE + np.array([[1e-9, -1e-9], [0, 0]])
    assert ce_gap(g, p) == pytest.approx(0.0, abs=1e-8)


@pytest.mark.parametrize("p", [[0.5, -0.6, 1.1], [np.nan, 1], [], 1.0])
def test_marginals_bad_input(p):
    with pytest.raises(InvalidProfileError):
        marginals(p)


def test_product_distribution_bad_profile():
    with pytest.raises(InvalidProfileError):
        product_distribution(catalog.get("chicken"), [[0.5, 0.6], [1, 0]])


# ---------------------------------------------------------------------------- properties
@st.composite
def games_and_distributions(draw, max_players=3, max_actions=3):
    n = draw(st.integers(1, max_players))
    shape = tuple(draw(st.lists(st.integers(1, max_actions), min_size=n, max_size=n)))
    payoffs = draw(arrays(np.int64, (n,) + shape, elements=st.integers(-4, 4)))
    weights = draw(arrays(np.int64, shape, elements=st.integers(0, 5)))
    if weights.sum() == 0:
        weights = np.ones(shape, dtype=np.int64)
    game = NormalFormGame(payoffs.astype(float))
    return game, weights / weights.sum()


@settings(max_examples=60, deadline=None)
@given(games_and_distributions())
def test_gaps_match_the_definition(data):
    game, p = data
    np.testing.assert_allclose(ce_gaps(game, p), brute_ce_gains(game, p), atol=1e-9)
    np.testing.assert_allclose(cce_gaps(game, p), brute_cce_gains(game, p), atol=1e-9)


@settings(max_examples=80, deadline=None)
@given(games_and_distributions())
def test_cce_gap_bounded_by_actions_times_ce_gap(data):
    # gain_i(a') = sum_a gain_i(a -> a'), so cce_gap_i <= m_i * ce_gap_i; every CE is a CCE
    game, p = data
    ce = ce_gaps(game, p)
    cce = cce_gaps(game, p)
    assert np.all(cce <= np.array(game.num_actions) * ce + 1e-9)
    if is_correlated_equilibrium(game, p):
        assert is_coarse_correlated_equilibrium(game, p, tol=1e-8)


@settings(max_examples=60, deadline=None)
@given(games_and_distributions(), st.data())
def test_products_of_mixed_profiles(data, draw):
    game, _ = data
    x = []
    for m in game.num_actions:
        w = np.array(draw.draw(st.lists(st.integers(0, 4), min_size=m, max_size=m)), float)
        if w.sum() == 0:
            w[0] = 1
        x.append(w / w.sum())
    p = product_distribution(game, x)
    # the CCE gaps of a product distribution are the regrets of the profile
    np.testing.assert_allclose(cce_gaps(game, p), regrets(game, x), atol=1e-9)
    # the CE gap weighs each action's regret by its probability
    for i, v in enumerate(game.all_action_values(x)):
        assert ce_gaps(game, p)[i] == pytest.approx(np.max(x[i] * (v.max() - v)), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(games_and_distributions())
def test_pure_nash_equilibria_are_correlated_equilibria(data):
    game, _ = data
    for prof in itertools.product(*(range(m) for m in game.num_actions)):
        p = product_distribution(game, prof)
        assert is_nash(game, prof) == is_correlated_equilibrium(game, p)
        if is_nash(game, prof):
            assert ce_gap(game, p) == 0.0
