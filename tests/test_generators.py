"""Random game families (gametheory.games.generators)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from gametheory import (InvalidGameError, NormalFormGame, UnknownNameError,
                        UnsupportedGameError)
from gametheory.concepts import is_nash
from gametheory.games import generators as gen
from gametheory.solvers import pure

# one representative call per family, all through the registry
FAMILY_PARAMS = {
    "uniform": {"num_actions": (3, 4)},
    "normal": {"num_actions": (3, 4)},
    "integer": {"num_actions": (3, 4)},
    "zero-sum": {"num_actions": (3, 4)},
    "covariance": {"num_actions": (3, 4), "rho": 0.3},
    "coordination": {"num_actions": (3, 3)},
    "anti-coordination": {"num_actions": (3, 3)},
    "degenerate": {"num_actions": (3, 4)},
}


def test_registry_names():
    assert set(gen.GENERATORS) == set(FAMILY_PARAMS)
    assert all(callable(f) for f in gen.GENERATORS.values())


@pytest.mark.parametrize("family", sorted(FAMILY_PARAMS))
def test_same_seed_same_game(family):
    params = FAMILY_PARAMS[family]
    g1 = gen.generate(family, rng=123, **params)
    g2 = gen.generate(family, rng=123, **params)
    g3 = gen.generate(family, rng=124, **params)
    assert isinstance(g1, NormalFormGame)
    assert g1.num_actions == tuple(params["num_actions"])
    assert g1 == g2
    assert np.array_equal(g1.payoff_array, g2.payoff_array)
    assert not np.array_equal(g1.payoff_array, g3.payoff_array)
    # a Generator gives the same game as the seed it was made from
    g4 = gen.generate(family, rng=np.random.default_rng(123), **params)
    assert g4 == g1


def test_global_numpy_seed_untouched():
    np.random.seed(5)
    before = np.random.get_state()[1].copy()
    gen.uniform_game((4, 4), rng=None)
    gen.covariance_game((3, 3), 0.5, rng=1)
    assert np.array_equal(np.random.get_state()[1], before)


def test_underscore_names_and_unknown_family():
    g = gen.generate("zero_sum", num_actions=(2, 3), rng=0)
    assert g.is_zero_sum
    with pytest.raises(UnknownNameError, match="known families: anti-coordination"):
        gen.generate("pareto", num_actions=(2, 2))
    with pytest.raises(KeyError):  # UnknownNameError is a KeyError too
        gen.generate("nope", num_actions=(2, 2))


def test_generate_parameter_errors():
    with pytest.raises(InvalidGameError, match="needs rho"):
        gen.generate("covariance", num_actions=(2, 2), rng=0)
    with pytest.raises(InvalidGameError, match="takes no parameter rho"):
        gen.generate("uniform", num_actions=(2, 2), rho=0.5)


@pytest.mark.parametrize("shape", [(1,), (2, 3), (2, 3, 4), (2, 2, 2, 2)])
def test_shapes_n_players(shape):
    for family in ("uniform", "normal", "integer"):
        g = gen.generate(family, num_actions=shape, rng=0)
        assert g.num_actions == shape
        assert g.num_players == len(shape)


def test_uniform_range():
    g = gen.uniform_game((5, 6, 7), low=-2.0, high=3.0, rng=1)
    P = g.payoff_array
    assert P.min() >= -2.0 and P.max() < 3.0
    # spread over the range, not stuck in a corner
    assert P.min() < -1.5 and P.max() > 2.5
    assert abs(P.mean() - 0.5) < 0.2
    assert g.exact_payoffs is None


def test_normal_moments():
    P = gen.normal_game((40, 40), mean=1.0, std=2.0, rng=2).payoff_array
    assert abs(P.mean() - 1.0) < 0.1
    assert abs(P.std() - 2.0) < 0.1


def test_integer_exact_and_range():
    g = gen.integer_game((4, 5), low=-3, high=3, rng=3)
    P = g.payoff_array
    assert P.min() >= -3 and P.max() <= 3
    assert set(np.unique(P).tolist()) == set(range(-3, 4))  # both ends included
    assert np.array_equal(P, np.round(P))
    ex = g.exact_payoffs
    assert ex is not None
    assert all(isinstance(x, Fraction) and x.denominator == 1 for e in ex for x in e.ravel())
    assert np.array_equal(np.array([[float(x) for x in e.ravel()] for e in ex]),
                          P.reshape(2, -1))


def test_integer_single_value_range():
    g = gen.integer_game((2, 2), low=4, high=4, rng=0)
    assert np.all(g.payoff_array == 4)


@pytest.mark.parametrize("distribution", ["uniform", "normal", "integer"])
def test_zero_sum(distribution):
    g = gen.zero_sum_game(4, 6, rng=7, distribution=distribution)
    assert g.num_actions == (4, 6)
    assert g.is_zero_sum and g.game_class == "zero-sum"
    assert np.array_equal(g.payoffs[1], -g.payoffs[0])  # exactly
    assert (g.exact_payoffs is not None) == (distribution == "integer")
    assert gen.zero_sum_game((4, 6), rng=7, distribution=distribution) == g


def test_zero_sum_ranges():
    A = gen.zero_sum_game(30, 30, rng=0).payoffs[0]
    assert A.min() >= -1 and A.max() < 1
    A = gen.zero_sum_game(10, 10, rng=0, distribution="integer", low=0, high=2).payoffs[0]
    assert set(np.unique(A).tolist()) == {0, 1, 2}


def test_zero_sum_unknown_distribution():
    with pytest.raises(UnknownNameError, match="unknown distribution 'cauchy'"):
        gen.zero_sum_game(2, 2, distribution="cauchy")


def test_covariance_common_reward_at_rho_one():
    for shape in [(3, 3), (2, 3, 4), (2, 2, 2, 2)]:
        g = gen.covariance_game(shape, 1.0, rng=11)
        assert g.is_common_reward
        for i in range(1, len(shape)):
            assert np.array_equal(g.payoffs[i], g.payoffs[0])  # exactly
        # still standard normal
    P = gen.covariance_game((60, 60), 1.0, rng=0).payoffs[0]
    assert abs(P.std() - 1.0) < 0.05


def test_covariance_zero_sum_at_rho_minus_one():
    g = gen.covariance_game((5, 7), -1.0, rng=11)
    assert g.is_zero_sum
    assert np.array_equal(g.payoffs[1], -g.payoffs[0])  # exactly
    assert abs(g.payoffs[0].std() - 1.0) < 0.3


def test_covariance_most_negative_n_players_sums_to_zero():
    g = gen.covariance_game((6, 6, 6), -0.5, rng=3)  # rho = -1/(n-1)
    assert g.is_zero_sum


@pytest.mark.parametrize("rho", [-0.8, 0.0, 0.5, 0.9])
def test_covariance_empirical_correlation_two_players(rho):
    g = gen.covariance_game((50, 50), rho, rng=2024)
    x, y = g.payoffs[0].ravel(), g.payoffs[1].ravel()
    assert abs(np.corrcoef(x, y)[0, 1] - rho) < 0.05
    for v in (x, y):  # mean 0, variance 1
        assert abs(v.mean()) < 0.05
        assert abs(v.var() - 1.0) < 0.08


def test_covariance_empirical_correlation_three_players():
    rho = 0.5
    g = gen.covariance_game((20, 20, 20), rho, rng=5)
    C = np.corrcoef(g.payoff_array.reshape(3, -1))
    off = C[~np.eye(3, dtype=bool)]
    assert np.all(np.abs(off - rho) < 0.05)
    g = gen.covariance_game((20, 20, 20), -0.4, rng=5)
    C = np.corrcoef(g.payoff_array.reshape(3, -1))
    assert np.all(np.abs(C[~np.eye(3, dtype=bool)] + 0.4) < 0.05)


@pytest.mark.parametrize("shape,rho", [
    pytest.param((2, 2), 1.01, id="above-one"),
    pytest.param((2, 2), -1.01, id="below-minus-one"),
    pytest.param((2, 2, 2), -0.6, id="below-minus-half-for-3-players"),
    pytest.param((2, 2, 2, 2), -0.4, id="below-minus-third-for-4-players"),
    pytest.param((2, 2), float("nan"), id="nan"),
])
def test_covariance_bad_rho(shape, rho):
    with pytest.raises(InvalidGameError, match="rho"):
        gen.covariance_game(shape, rho, rng=0)


def test_covariance_needs_two_players():
    with pytest.raises(UnsupportedGameError, match="at least 2 players"):
        gen.covariance_game((3,), 0.0)


def _diagonal(k, n):
    return {(a,) * n for a in range(k)}


@pytest.mark.parametrize("k,n", [(1, 2), (2, 2), (3, 2), (5, 2), (3, 3), (4, 3), (3, 4),
                                 (2, 5)])
@pytest.mark.parametrize("seed", range(5))
def test_coordination_pure_equilibria_are_the_diagonal(k, n, seed):
    g = gen.coordination_game(k, num_players=n, rng=seed)
    assert g.num_actions == (k,) * n
    found = {e.pure_profile for e in pure(g)}
    assert found == _diagonal(k, n)
    # brute force, independently of the solver
    brute = {p for p in g.profiles() if is_nash(g, p)}
    assert brute == _diagonal(k, n)


def test_coordination_diagonal_above_off_diagonal():
    g = gen.coordination_game((4, 4, 4), rng=9)
    on = np.zeros((4, 4, 4), dtype=bool)
    for a in range(4):
        on[a, a, a] = True
    for P in g.payoffs:
        assert P[on].min() > P[~on].max()


def test_coordination_size_forms_agree():
    assert gen.coordination_game(3, rng=1) == gen.coordination_game((3, 3), rng=1)
    assert gen.coordination_game(3, num_players=2, rng=1).num_actions == (3, 3)


@pytest.mark.parametrize("kwargs,error,fragment", [
    pytest.param({"num_actions": (2, 3)}, InvalidGameError, "same actions", id="unequal"),
    pytest.param({"num_actions": (3,)}, UnsupportedGameError, "at least 2 players",
                 id="one-player"),
    pytest.param({"num_actions": (3, 3), "num_players": 3}, InvalidGameError,
                 "num_players=3", id="players-mismatch"),
    pytest.param({"num_actions": 3, "num_players": 0}, InvalidGameError, "positive",
                 id="zero-players"),
])
def test_coordination_bad_parameters(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        gen.coordination_game(**kwargs)


@pytest.mark.parametrize("seed", range(10))
def test_anti_coordination(seed):
    g = gen.anti_coordination_game(2, rng=seed)
    assert {e.pure_profile for e in pure(g)} == {(0, 1), (1, 0)}
    g = gen.anti_coordination_game((4, 4), rng=seed)
    for a in range(4):
        assert np.argmax(g.payoffs[0][:, a]) != a      # row's best reply differs
        assert np.argmax(g.payoffs[1][a, :]) != a      # column's best reply differs
    assert all(len(set(e.pure_profile)) == 2 for e in pure(g))


def test_anti_coordination_errors():
    with pytest.raises(UnsupportedGameError, match="2 players"):
        gen.anti_coordination_game((2, 2, 2))
    with pytest.raises(InvalidGameError, match="at least 2 actions"):
        gen.anti_coordination_game(1)
    with pytest.raises(InvalidGameError, match="same actions"):
        gen.anti_coordination_game(2, 3)


@pytest.mark.parametrize("kind", sorted(gen.DEGENERATE_KINDS))
@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (4, 6), (7, 3)])
@pytest.mark.parametrize("seed", range(4))
def test_degenerate_kinds_have_a_witness(kind, shape, seed):
    g = gen.degenerate_game(shape, rng=seed, kind=kind)
    assert g.num_actions == shape
    assert g.exact_payoffs is not None
    w = gen.degeneracy_witness(g)
    assert w is not None
    player, action, responses = w
    assert len(responses) >= 2
    assert gen.is_degenerate_witness(g, player, action)


@pytest.mark.parametrize("seed", range(20))
def test_tie_kind_some_pure_strategy_has_two_pure_best_responses(seed):
    g = gen.degenerate_game(3, 4, rng=seed, kind="tie")
    A, B = g.payoffs
    # by hand: some row r against which the column player's best payoff is attained twice
    assert any(np.count_nonzero(B[r] == B[r].max()) >= 2 for r in range(3))
    assert any(gen.is_degenerate_witness(g, 0, r) for r in range(3))


def test_duplicate_kinds_duplicate():
    g = gen.degenerate_game(5, 4, rng=1, kind="duplicate-rows")
    A, B = g.payoffs
    rows = {(tuple(A[r]), tuple(B[r])) for r in range(5)}
    assert len(rows) < 5
    assert gen.is_degenerate_witness(g, 1, 0)  # two best rows against column 0
    g = gen.degenerate_game(4, 5, rng=1, kind="duplicate_columns")
    A, B = g.payoffs
    assert len({(tuple(A[:, c]), tuple(B[:, c])) for c in range(5)}) < 5
    assert gen.is_degenerate_witness(g, 0, 0)  # two best columns against row 0


def test_witness_on_nondegenerate_and_hand_built_games():
    assert gen.degeneracy_witness(gen.normal_game((5, 5), rng=0)) is None
    g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[2, 2], [0, 1]])
    assert gen.is_degenerate_witness(g, 0, 0)
    assert not gen.is_degenerate_witness(g, 0, 1)
    assert not gen.is_degenerate_witness(g, 1, 0)
    assert gen.degeneracy_witness(g) == (0, 0, (0, 1))
    with pytest.raises(UnsupportedGameError, match="2-player"):
        gen.degeneracy_witness(gen.uniform_game((2, 2, 2), rng=0))


@pytest.mark.parametrize("kwargs,error,fragment", [
    pytest.param({"num_actions": (3, 1), "kind": "tie"}, InvalidGameError,
                 "at least 2 column actions", id="tie-one-column"),
    pytest.param({"num_actions": (1, 3), "kind": "duplicate-rows"}, InvalidGameError,
                 "at least 2 row actions", id="dup-rows-one-row"),
    pytest.param({"num_actions": (2, 2), "kind": "weird"}, UnknownNameError,
                 "unknown degenerate kind", id="unknown-kind"),
    pytest.param({"num_actions": (2, 2, 2)}, UnsupportedGameError, "2 players",
                 id="three-players"),
])
def test_degenerate_bad_parameters(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        gen.degenerate_game(**kwargs)


@pytest.mark.parametrize("family", ["zero-sum", "anti-coordination", "degenerate"])
@pytest.mark.parametrize("shape", [(3,), (2, 2, 2)])
def test_two_player_families_reject_other_player_counts(family, shape):
    with pytest.raises(UnsupportedGameError, match="2 players"):
        gen.generate(family, num_actions=shape, rng=0)


@pytest.mark.parametrize("num_actions,fragment", [
    pytest.param(3, "one entry per player", id="int"),
    pytest.param((), "empty", id="empty"),
    pytest.param((3, 0), "at least one action", id="zero-actions"),
    pytest.param((3, -1), "at least one action", id="negative"),
    pytest.param((3, 2.5), "must be an integer", id="fraction"),
    pytest.param("33", "sequence of integers", id="string"),
    pytest.param(None, "sequence of integers", id="none"),
])
def test_bad_num_actions(num_actions, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        gen.uniform_game(num_actions, rng=0)


def test_num_actions_accepts_lists_and_integral_floats():
    assert gen.uniform_game([2, 3.0], rng=0).num_actions == (2, 3)
    assert gen.uniform_game(np.array([2, 3]), rng=0).num_actions == (2, 3)


@pytest.mark.parametrize("call,fragment", [
    pytest.param(lambda: gen.uniform_game((2, 2), low=1, high=1), "low < high", id="empty"),
    pytest.param(lambda: gen.uniform_game((2, 2), low=0, high=float("inf")), "finite",
                 id="inf"),
    pytest.param(lambda: gen.integer_game((2, 2), low=3, high=2), "low <= high",
                 id="int-reversed"),
    pytest.param(lambda: gen.integer_game((2, 2), low=0.5, high=2), "integer",
                 id="int-fraction"),
    pytest.param(lambda: gen.normal_game((2, 2), std=0), "positive", id="std-zero"),
])
def test_bad_ranges(call, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        call()


def test_bad_rng_type():
    with pytest.raises(TypeError, match="rng"):
        gen.uniform_game((2, 2), rng="seed")


def test_all_families_feed_the_pure_solver():
    # every generated game is a valid NormalFormGame whose pure equilibria certify
    for family, params in FAMILY_PARAMS.items():
        g = gen.generate(family, rng=0, **params)
        for e in pure(g):
            assert e.max_regret <= 1e-9
        # brute-force agreement
        brute = {p for p in itertools.product(*map(range, g.num_actions)) if is_nash(g, p)}
        assert {e.pure_profile for e in pure(g)} == brute
