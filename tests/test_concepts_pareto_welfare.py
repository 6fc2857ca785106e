"""Pareto optimality and welfare measures.

References: the prisoner's dilemma with Axelrod's (1984) payoffs; Aumann (1974) for chicken;
Luce and Raiffa (1957) for battle of the sexes; Nash (1950) for the Nash product; the Gini
coefficient as the mean absolute difference over twice the mean (Sen 1973, *On Economic
Inequality*).
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import gametheory.concepts._pareto as pareto_module
from gametheory import (InvalidGameError, InvalidProfileError, NormalFormGame, SolverError,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import (WELFARE_FUNCTIONS, correlated_payoffs, egalitarian_welfare,
                                 gini, is_pareto_dominated, max_welfare_profiles,
                                 nash_welfare, pareto_front, pareto_improvement,
                                 pareto_optimal_profiles, security_levels,
                                 utilitarian_welfare, welfare)
from gametheory.games import catalog


def brute_front(V):
    V = np.asarray(V, dtype=float)
    keep = []
    for k, v in enumerate(V):
        if not any(np.all(w >= v) and np.any(w > v) for w in V):
            keep.append(k)
    return keep


# ---------------------------------------------------------------------------- Pareto sets
@pytest.mark.parametrize("name, expected", [
    pytest.param("prisoners-dilemma", [(0, 0), (0, 1), (1, 0)], id="pd"),
    pytest.param("chicken", [(0, 0), (0, 1), (1, 0)], id="chicken"),
    pytest.param("battle-of-the-sexes", [(0, 0), (1, 1)], id="bos"),
    pytest.param("stag-hunt", [(0, 0)], id="stag-hunt"),
    pytest.param("matching-pennies", [(0, 0), (0, 1), (1, 0), (1, 1)], id="zero-sum"),
    pytest.param("climbing", [(0, 0)], id="climbing"),
    pytest.param("penalty", [(0, 2), (2, 0)], id="penalty"),
])
def test_pareto_optimal_profiles(name, expected):
    assert pareto_optimal_profiles(catalog.get(name)) == expected


def test_public_goods_everyone_contributing_is_pareto_optimal():
    g = catalog.get("public-goods")      # n = 3, r = 2
    front = pareto_optimal_profiles(g)
    assert (1, 1, 1) in front and (0, 0, 0) not in front
    V = g.payoff_array.reshape(3, -1).T
    assert front == [tuple(int(c) for c in np.unravel_index(k, g.num_actions))
                     for k in brute_front(V)]


def test_pareto_front_helper():
    assert pareto_front([[3, 3], [0, 5], [5, 0], [1, 1], [3, 3]]).tolist() == [0, 1, 2, 4]
    assert pareto_front(np.empty((0, 2))).tolist() == []
    assert pareto_front([[1], [3], [3], [2]]).tolist() == [1, 2]
    assert pareto_front([[1, 2, 3]]).tolist() == [0]
    # equal in two coordinates, better in the third: dominated
    assert pareto_front([[1, 1, 1], [1, 1, 2]]).tolist() == [1]


@pytest.mark.parametrize("bad", [[1, 2, 3], [[[1]]], [[1, np.nan]], [[np.inf, 0]],
                                 [["a", "b"]]])
def test_pareto_front_bad_input(bad):
    with pytest.raises(InvalidGameError):
        pareto_front(bad)


@pytest.mark.parametrize("n", [2, 3, 5])
def test_pareto_front_large_against_brute_force(n):
    rng = np.random.default_rng(n)
    V = rng.integers(0, 12, size=(1500, n)).astype(float)   # many ties and duplicates
    assert pareto_front(V).tolist() == brute_front(V)


def test_pareto_optimal_profiles_on_20k_profiles():
    rng = np.random.default_rng(0)
    g = NormalFormGame(rng.standard_normal((3, 28, 28, 28)))     # 21952 profiles
    front = pareto_optimal_profiles(g)
    assert 0 < len(front) < 500
    V = g.payoff_array.reshape(3, -1).T
    on = np.zeros(len(V), dtype=bool)
    on[[np.ravel_multi_index(p, g.num_actions) for p in front]] = True
    # spot-check: front points are undominated, a sample of the others is dominated
    for k in np.flatnonzero(on):
        assert not np.any(np.all(V >= V[k], axis=1) & np.any(V > V[k], axis=1))
    for k in rng.choice(np.flatnonzero(~on), 200, replace=False):
        assert np.any(np.all(V >= V[k], axis=1) & np.any(V > V[k], axis=1))
    # constant-sum games have every outcome on the front
    zs = NormalFormGame.zero_sum(rng.standard_normal((150, 150)))
    assert len(pareto_optimal_profiles(zs)) == 150 * 150


# ---------------------------------------------------------------------------- domination
def test_prisoners_dilemma_defection_dominated():
    pd = catalog.get("prisoners-dilemma")
    assert is_pareto_dominated(pd, ["D", "D"])
    assert is_pareto_dominated(pd, ["D", "D"], by="correlated")
    assert pareto_improvement(pd, ["D", "D"]) == (0, 0)
    assert not is_pareto_dominated(pd, ["C", "C"])
    assert not is_pareto_dominated(pd, ["C", "C"], by="correlated")
    assert not is_pareto_dominated(pd, ["C", "D"], by="correlated")


def test_pure_no_but_correlated_yes():
    # (0.9, 0.9) sits below the segment between (2, 0) and (0, 2)
    g = NormalFormGame.from_arrays([[2, 0.9], [0, 0]], [[0, 0.9], [0, 2]])
    assert (0, 1) in pareto_optimal_profiles(g)
    assert not is_pareto_dominated(g, [0, 1])
    assert is_pareto_dominated(g, [0, 1], by="correlated")
    p = pareto_improvement(g, [0, 1], by="correlated")
    assert p.shape == (2, 2) and p.min() >= 0 and p.sum() == pytest.approx(1)
    gain = correlated_payoffs(g, p) - np.array([0.9, 0.9])
    assert np.all(gain >= -1e-9) and gain.max() > 0
    # every point of the segment between (2, 0) and (0, 2) has total 2: the LP's gain is
    # 2 - 1.8, split in any way that leaves nobody below 0.9
    assert gain.sum() == pytest.approx(0.2)


def test_mixed_profiles():
    g = catalog.get("chicken")
    mixed_eq = [[2 / 3, 1 / 3], [2 / 3, 1 / 3]]          # pays (14/3, 14/3)
    assert is_pareto_dominated(g, mixed_eq)
    assert pareto_improvement(g, mixed_eq) == (0, 0)
    # the pure equilibria (2, 7) and (7, 2) are on the Pareto frontier of the hull
    assert not is_pareto_dominated(g, ["C", "D"], by="correlated")
    bos = catalog.get("battle-of-the-sexes")
    assert is_pareto_dominated(bos, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]])


def test_pareto_bad_arguments():
    g = catalog.get("chicken")
    with pytest.raises(UnknownNameError):
        is_pareto_dominated(g, [0, 0], by="mixed")
    with pytest.raises(InvalidProfileError):
        is_pareto_dominated(g, [0, 0, 0])


def test_pareto_lp_failure(monkeypatch):
    class Failed:
        status = 4
        message = "numerical difficulties"

    monkeypatch.setattr(pareto_module, "linprog", lambda *a, **k: Failed())
    with pytest.raises(SolverError):
        is_pareto_dominated(catalog.get("chicken"), [1, 1], by="correlated")


# ---------------------------------------------------------------------------- welfare
def test_welfare_measures_on_vectors():
    assert utilitarian_welfare([5.25, 5.25]) == 10.5
    assert egalitarian_welfare([2, 7]) == 2.0
    assert nash_welfare([6, 6]) == 36.0
    assert nash_welfare([2, 7], disagreement=[1, 1]) == 6.0
    assert nash_welfare([2, 7], disagreement=2) == 0.0
    assert nash_welfare([0, 3], disagreement=[1, 0]) == -np.inf
    assert nash_welfare([-1, -1]) == -np.inf     # not +1
    assert gini([4, 4, 4]) == 0.0
    assert gini([0, 0, 0]) == 0.0
    assert gini([0, 0, 1]) == pytest.approx(2 / 3)   # 1 - 1/n
    assert gini([1, 3]) == pytest.approx(0.25)       # |1-3| * 2 / (2 * 4 * 2)


def test_welfare_measures_vectorise_over_leading_axes():
    V = np.array([[[6, 6], [2, 7]], [[7, 2], [0, 0]]])
    np.testing.assert_array_equal(utilitarian_welfare(V), [[12, 9], [9, 0]])
    np.testing.assert_array_equal(egalitarian_welfare(V), [[6, 2], [2, 0]])
    np.testing.assert_array_equal(nash_welfare(V), [[36, 14], [14, 0]])
    np.testing.assert_allclose(gini(V), [[0, 5 / 18], [5 / 18, 0]])
    for f in WELFARE_FUNCTIONS.values():
        assert isinstance(f([1.0, 2.0]), float)


def test_gini_matches_the_pairwise_definition():
    rng = np.random.default_rng(1)
    for n in range(1, 7):
        u = rng.random(n) * 10
        pairwise = np.abs(u[:, None] - u[None, :]).sum() / (2 * n * n * u.mean())
        assert gini(u) == pytest.approx(pairwise)


@pytest.mark.parametrize("bad", [[], 3.0, [1, np.nan], [np.inf, 1], ["a"]])
def test_welfare_bad_vectors(bad):
    with pytest.raises(InvalidGameError):
        utilitarian_welfare(bad)


def test_gini_rejects_negative_payoffs():
    with pytest.raises(UnsupportedGameError, match="non-negative"):
        gini([-1, 1])
    with pytest.raises(UnsupportedGameError):
        welfare(catalog.get("matching-pennies"), [0, 0], "gini")


def test_welfare_of_profiles():
    g = catalog.get("chicken")
    assert welfare(g, ["C", "C"]) == 12.0
    assert welfare(g, ["C", "D"], "egalitarian") == 2.0
    assert welfare(g, ["C", "D"], "nash") == 14.0
    assert welfare(g, ["C", "D"], "gini") == pytest.approx(5 / 18)
    assert welfare(g, [[2 / 3, 1 / 3], [2 / 3, 1 / 3]]) == pytest.approx(28 / 3)
    # Aumann's correlated equilibrium beats every Nash equilibrium in welfare
    ce = correlated_payoffs(g, [[0.5, 0.25], [0.25, 0]])
    assert utilitarian_welfare(ce) == 10.5 > 28 / 3 > 9.0
    # disagreement at the security levels (2, 2): (C, D) gives gains (0, 5)
    d = [r.value for r in security_levels(g)]
    np.testing.assert_allclose(d, [2, 2], atol=1e-9)
    assert welfare(g, ["C", "C"], "nash", disagreement=d) == pytest.approx(16.0)


def test_welfare_bad_arguments():
    g = catalog.get("chicken")
    with pytest.raises(UnknownNameError):
        welfare(g, [0, 0], "rawlsian")
    with pytest.raises(ValueError):
        welfare(g, [0, 0], "utilitarian", disagreement=[0, 0])
    with pytest.raises(InvalidGameError):
        welfare(g, [0, 0], "nash", disagreement=[0, 0, 0])
    with pytest.raises(InvalidProfileError):
        welfare(g, [0, 5])


@pytest.mark.parametrize("name, kind, expected", [
    ("chicken", "utilitarian", [(0, 0)]),
    ("chicken", "egalitarian", [(0, 0)]),
    ("chicken", "nash", [(0, 0)]),
    ("chicken", "gini", [(0, 0), (1, 1)]),
    ("battle-of-the-sexes", "utilitarian", [(0, 0), (1, 1)]),
    ("battle-of-the-sexes", "egalitarian", [(0, 0), (1, 1)]),
    ("prisoners-dilemma", "utilitarian", [(0, 0)]),
    ("penalty", "utilitarian", [(0, 2), (2, 0)]),
    ("public-goods", "utilitarian", [(1, 1, 1)]),
])
def test_max_welfare_profiles(name, kind, expected):
    assert max_welfare_profiles(catalog.get(name), kind) == expected


def test_max_welfare_nash_with_disagreement():
    g = catalog.get("chicken")
    # with d = (3, 0) only (C, C) and (D, C) are individually rational: 3*6 vs 4*2
    assert max_welfare_profiles(g, "nash", disagreement=[3, 0]) == [(0, 0)]
    # nothing is individually rational against d = (8, 8): all tie at -inf
    assert len(max_welfare_profiles(g, "nash", disagreement=8)) == 4


# ---------------------------------------------------------------------------- properties
@st.composite
def small_games(draw, max_players=3, max_actions=4):
    n = draw(st.integers(1, max_players))
    shape = tuple(draw(st.lists(st.integers(1, max_actions), min_size=n, max_size=n)))
    payoffs = draw(arrays(np.int64, (n,) + shape, elements=st.integers(-2, 2)))
    return NormalFormGame(payoffs.astype(float))


@settings(max_examples=80, deadline=None)
@given(small_games())
def test_pareto_profiles_agree_with_brute_force(game):
    V = game.payoff_array.reshape(game.num_players, -1).T
    expected = [tuple(int(c) for c in np.unravel_index(k, game.num_actions))
                for k in brute_front(V)]
    assert pareto_optimal_profiles(game) == expected
    for prof in itertools.product(*(range(m) for m in game.num_actions)):
        assert is_pareto_dominated(game, prof) == (prof not in expected)
        # correlated domination is weaker than pure domination
        if prof not in expected:
            assert is_pareto_dominated(game, prof, by="correlated")


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_utilitarian_optima_are_pareto_optimal(game):
    front = pareto_optimal_profiles(game)
    for prof in max_welfare_profiles(game, "utilitarian"):
        assert prof in front
    # some egalitarian optimum is Pareto-optimal too
    assert set(max_welfare_profiles(game, "egalitarian")) & set(front)
