"""Solvers checked against each other and against the certificates (issue 3's property
tests): support enumeration and vertex enumeration find the same extreme equilibria, on
random and on deliberately degenerate games; every Lemke-Howson end point is one of them;
the minimax value is the Nash payoff of a zero-sum game; the n-player methods agree with
the bimatrix methods on two-player games; every CE the LP returns satisfies every incentive
constraint."""

import numpy as np
from hypothesis import given, settings, strategies as st

from gametheory import concepts, solvers
from gametheory.games import generators as gen


def exact_key(eq):
    return tuple(tuple(s) for s in eq.exact)


def rounded(profiles, digits=7):
    return sorted(tuple(tuple(np.round(np.asarray(s, float), digits) + 0.0) for s in p)
                  for p in profiles)


def certified(game, result, tol=1e-8):
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    for e in result:
        assert concepts.max_regret(game, e.strategies) <= tol * scale


sizes = st.tuples(st.integers(1, 5), st.integers(1, 5))


@settings(max_examples=40, deadline=None)
@given(sizes, st.integers(0, 2**32 - 1), st.sampled_from(["integer", "tie",
                                                            "duplicate-rows"]))
def test_support_and_vertex_enumeration_agree_exactly(shape, seed, kind):
    if kind == "integer":
        game = gen.integer_game(shape, low=0, high=3, rng=seed)  # many ties: degenerate
    else:
        if min(shape) < 2:
            shape = (max(shape[0], 2), max(shape[1], 2))
        game = gen.degenerate_game(shape, rng=seed, kind=kind, low=-3, high=3)
    se = solvers.support_enumeration(game, exact=True)
    ve = solvers.vertex_enumeration(game, exact=True)
    assert sorted(map(exact_key, se)) == sorted(map(exact_key, ve))
    assert se.complete and ve.complete
    certified(game, se, 1e-12)  # exact equilibria, evaluated in floating point
    certified(game, ve, 1e-12)


@settings(max_examples=40, deadline=None)
@given(sizes, st.integers(0, 2**32 - 1))
def test_float_methods_agree_on_random_games(shape, seed):
    game = gen.normal_game(shape, rng=seed)
    se = solvers.support_enumeration(game)
    ve = solvers.vertex_enumeration(game)
    assert rounded(se.profiles) == rounded(ve.profiles)
    certified(game, se)
    vertex_set = set(rounded(ve.profiles, 6))
    for k in range(sum(shape)):
        lh = solvers.lemke_howson(game, init_pivot=k)
        assert lh.converged
        certified(game, lh)
        assert rounded(lh.profiles, 6)[0] in vertex_set


@settings(max_examples=30, deadline=None)
@given(sizes, st.integers(0, 2**32 - 1))
def test_minimax_value_is_the_nash_payoff(shape, seed):
    game = gen.zero_sum_game(shape, rng=seed, distribution="integer")
    mm = solvers.minimax(game)
    certified(game, mm)
    for e in solvers.vertex_enumeration(game):
        assert abs(e.payoffs[0] - mm.value) <= 1e-9 * max(1.0, abs(mm.value))


@settings(max_examples=15, deadline=None)
@given(st.tuples(st.integers(2, 4), st.integers(2, 4)), st.integers(0, 2**32 - 1))
def test_nplayer_methods_find_bimatrix_equilibria(shape, seed):
    game = gen.normal_game(shape, rng=seed)
    vertex_set = set(rounded(solvers.vertex_enumeration(game).profiles, 5))
    for method in (solvers.simplicial_subdivision, solvers.logit_tracing):
        res = method(game)
        if res.converged:
            certified(game, res)
            assert rounded(res.profiles, 5)[0] in vertex_set


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(2, 3), min_size=2, max_size=3), st.integers(0, 2**32 - 1),
       st.sampled_from(["feasible", "welfare", "egalitarian", "player:0"]))
def test_correlated_equilibria_satisfy_every_incentive_constraint(shape, seed, objective):
    game = gen.integer_game(tuple(shape), low=-5, high=5, rng=seed)
    res = solvers.correlated_equilibrium(game, objective=objective)
    G = solvers.incentive_constraints(game)
    assert np.all(G @ res.distribution.ravel() <= 1e-9)
    assert concepts.ce_gap(game, res.distribution) <= 1e-9 * 5
    # the best CE is at least as good as every pure Nash equilibrium for that objective
    if objective == "welfare":
        for e in solvers.pure(game):
            assert res.payoffs.sum() >= e.payoffs.sum() - 1e-9
