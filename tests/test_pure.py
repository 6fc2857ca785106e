"""All pure Nash equilibria (gametheory.solvers.pure): literature games, brute force,
certificates and a cross-check against nashpy."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import NormalFormGame, UnsupportedGameError
from gametheory.concepts import is_nash, max_regret
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers import SOLVERS, nash_equilibria, pure, pure_nash_mask


def _profiles(res):
    return [e.pure_profile for e in res]


# Each case: catalog name, factory parameters, the pure equilibria as action labels.
CASES = [
    # Axelrod 1984: defection dominates
    pytest.param("prisoners-dilemma", {}, [("D", "D")], id="prisoners-dilemma"),
    # Luce and Raiffa 1957: two pure equilibria (and a mixed one)
    pytest.param("battle-of-the-sexes", {}, [("Opera", "Opera"), ("Football", "Football")],
                 id="battle-of-the-sexes"),
    # von Neumann and Morgenstern 1944: only the mixed equilibrium
    pytest.param("matching-pennies", {}, [], id="matching-pennies"),
    pytest.param("rock-paper-scissors", {}, [], id="rock-paper-scissors"),
    # Aumann 1974: the two asymmetric profiles
    pytest.param("chicken", {}, [("C", "D"), ("D", "C")], id="chicken"),
    # Skyrms 2004: both symmetric profiles
    pytest.param("stag-hunt", {}, [("S", "S"), ("H", "H")], id="stag-hunt"),
    # Claus and Boutilier 1998: (c, c) is not an equilibrium (row deviates to b for 6)
    pytest.param("climbing", {}, [("a", "a"), ("b", "b")], id="climbing"),
    pytest.param("penalty", {"k": -10}, [("a", "c"), ("b", "b"), ("c", "a")],
                 id="penalty-k-10"),
    pytest.param("pure-coordination", {"n_actions": 3}, [("1", "1"), ("2", "2"), ("3", "3")],
                 id="pure-coordination-3"),
    # Shapley 1964 and Jordan 1993: no pure equilibrium
    pytest.param("shapley", {}, [], id="shapley"),
    pytest.param("three-player-matching-pennies", {}, [], id="three-player-matching-pennies"),
    # contributing is strictly dominated
    pytest.param("public-goods", {}, [("keep", "keep", "keep")], id="public-goods"),
    pytest.param("public-goods", {"n_players": 4, "r": 3},
                 [("keep",) * 4], id="public-goods-4"),
    # Challet and Zhang 1997: every profile with a strict minority of one
    pytest.param("minority-game", {"n_players": 3},
                 [p for p in itertools.product("01", repeat=3) if len(set(p)) == 2],
                 id="minority-game-3"),
]


@pytest.mark.parametrize("name,params,expected", CASES)
def test_catalog_pure_equilibria(name, params, expected):
    g = catalog.get(name, **params)
    res = pure(g)
    expected_idx = sorted(g.pure_profile(p) for p in expected)
    assert _profiles(res) == expected_idx  # lexicographic order
    assert res.complete and res.scope == "pure" and res.method == "pure"
    assert res.num_iter == g.num_profiles
    for e in res:
        assert e.is_pure
        assert e.max_regret <= 1e-9
        np.testing.assert_allclose(e.payoffs, g.payoff(e.pure_profile))
    assert res.max_regret == max((e.max_regret for e in res), default=0.0)


def test_minority_game_six_equilibria():
    res = pure(catalog.get("minority-game", n_players=3))
    assert len(res) == 6
    assert (0, 0, 0) not in _profiles(res) and (1, 1, 1) not in _profiles(res)


def test_mask_shape_and_registry():
    g = catalog.get("penalty", k=-10)
    mask = pure_nash_mask(g)
    assert mask.shape == (3, 3) and mask.dtype == bool
    assert np.argwhere(mask).tolist() == [[0, 2], [1, 1], [2, 0]]
    assert SOLVERS["pure"].func is pure
    assert _profiles(nash_equilibria(g, method="pure")) == [(0, 2), (1, 1), (2, 0)]


def test_one_player_and_trivial_games():
    assert _profiles(pure(NormalFormGame([[1.0, 3.0, 3.0, 2.0]]))) == [(1,), (2,)]
    assert _profiles(pure(NormalFormGame(np.zeros((2, 1, 1))))) == [(0, 0)]
    # a constant game: every profile is an equilibrium
    g = NormalFormGame(np.full((3, 2, 3, 2), 4.0))
    assert _profiles(pure(g)) == list(g.profiles())


def test_tolerance_counts_near_ties():
    g = NormalFormGame.from_arrays([[1.0], [1.0 - 1e-12]], [[0.0], [0.0]])
    assert _profiles(pure(g)) == [(0, 0), (1, 0)]
    assert _profiles(pure(g, tol=0.0)) == [(0, 0)]
    assert _profiles(pure(g, tol=1e-13)) == [(0, 0)]


def test_pure_rejects_non_games():
    with pytest.raises(UnsupportedGameError, match="NormalFormGame"):
        pure([[1, 2], [3, 4]])


# ---------------------------------------------------------------------- properties
def _brute_zero_regret(g):
    return sorted(p for p in g.profiles() if max_regret(g, p) == 0.0)


@st.composite
def small_games(draw, values):
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)))
    size = n * math.prod(shape)
    vals = draw(st.lists(values, min_size=size, max_size=size))
    return NormalFormGame(np.array(vals, dtype=float).reshape((n,) + shape))


# payoffs on a grid (many exact ties): the solver's set is exactly the zero-regret set
GRID = st.one_of(st.integers(0, 2), st.integers(-20, 20).map(lambda k: k / 4))


@settings(max_examples=60, deadline=None)
@given(small_games(GRID))
def test_pure_equals_brute_force_zero_regret_on_grid_payoffs(g):
    res = pure(g)
    assert _profiles(res) == _brute_zero_regret(g)
    for e in res:
        assert e.max_regret == 0.0
    assert res.complete


@settings(max_examples=50, deadline=None)
@given(small_games(st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False)))
def test_pure_equals_brute_force_on_float_payoffs(g):
    res = pure(g)
    brute = sorted(p for p in g.profiles() if is_nash(g, p))
    assert _profiles(res) == brute
    scale = max(1.0, float(np.abs(g.payoff_array).max()))
    for e in res:
        assert e.max_regret <= 1e-9 * scale


@pytest.mark.parametrize("seed", range(10))
def test_pure_on_seeded_random_games(seed):
    for shape in [(5, 7), (3, 4, 5), (2, 3, 2, 3)]:
        for g in (gen.normal_game(shape, rng=seed),
                  gen.integer_game(shape, low=0, high=2, rng=seed)):
            res = pure(g)
            assert _profiles(res) == _brute_zero_regret(g)
            assert all(e.max_regret <= 1e-9 for e in res)


# ---------------------------------------------------------------------- nashpy
nash = pytest.importorskip("nashpy")
from nashpy.utils.is_best_response import is_best_response as _is_br  # noqa: E402


def _nashpy_pure(A, B):
    """Pure equilibria among nashpy's support enumeration output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = list(nash.Game(A, B).support_enumeration())
    out = set()
    for s1, s2 in eqs:
        if np.count_nonzero(s1) == 1 and np.count_nonzero(s2) == 1:
            out.add((int(np.argmax(s1)), int(np.argmax(s2))))
    return sorted(out)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_cross_check_nashpy_support_enumeration(m, n, seed):
    # nondegenerate (continuous) payoffs, where support enumeration finds every pure one
    g = gen.normal_game((m, n), rng=seed)
    A, B = g.payoffs
    assert _profiles(pure(g)) == _nashpy_pure(np.array(A), np.array(B))


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_cross_check_nashpy_best_responses_integer_ties(m, n, seed):
    # degenerate integer games: check each pure profile with nashpy's best-response test
    g = gen.integer_game((m, n), low=0, high=2, rng=seed)
    A, B = (np.array(p) for p in g.payoffs)
    expected = []
    for i, j in itertools.product(range(m), range(n)):
        x, y = np.eye(m)[i], np.eye(n)[j]
        if (_is_br(A, y, x)
                and _is_br(B.T, x, y)):
            expected.append((i, j))
    assert _profiles(pure(g)) == expected
