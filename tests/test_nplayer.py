"""n-player mixed Nash equilibria (gametheory.solvers._nplayer): simplicial subdivision,
logit tracing and n-player support enumeration, checked on literature games with known
equilibria, against nashpy on two-player games, by exact rational arithmetic, and on random
games through the certificates of gametheory.concepts."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import InvalidOptionError, InvalidProfileError, NormalFormGame, UnsupportedGameError
from gametheory.concepts import max_regret
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers._nplayer import (logit_tracing, nplayer_support_enumeration,
                                         simplicial_subdivision)

ONE_EQ = [simplicial_subdivision, logit_tracing]
ONE_EQ_IDS = ["simpdiv", "logit"]


def _scale(game):
    return max(1.0, float(np.abs(game.payoff_array).max()))


def _check_certificates(game, res, tol=1e-8):
    """Every equilibrium's max_regret is the certificate's, and a converged answer meets
    the relative target."""
    for eq in res:
        assert eq.max_regret == pytest.approx(max_regret(game, eq.strategies), abs=1e-15)
        for s in eq.strategies:
            assert np.all(s >= 0) and s.sum() == pytest.approx(1.0, abs=1e-12)
    if res.converged and res.scope == "one":
        assert res.max_regret <= tol * _scale(game)
    assert res.elapsed is not None and res.elapsed >= 0


def _exact_regret(game, strategies) -> Fraction:
    """Max regret in rational arithmetic (payoffs and probabilities as Fractions)."""
    P = game.rational_payoffs()
    n = game.num_players
    worst = Fraction(0)
    for i in range(n):
        vals = []
        for a in range(game.num_actions[i]):
            v = Fraction(0)
            for prof in game.profiles():
                if prof[i] != a:
                    continue
                w = Fraction(1)
                for j in range(n):
                    if j != i:
                        w *= strategies[j][prof[j]]
                v += w * P[i][prof]
            vals.append(v)
        u = sum(strategies[i][a] * vals[a] for a in range(len(vals)))
        worst = max(worst, max(vals) - u)
    return worst


def _jordan_variant(a, b, c, d, e, f) -> NormalFormGame:
    """Jordan's (1993) cyclic three-player matching pennies with unequal stakes: player 1
    wins ``a`` by matching player 2 on H and ``b`` on T; player 2 wins ``c``/``d`` by
    matching player 3 on H/T; player 3 wins ``e`` by playing H against player 1's T and
    ``f`` by playing T against H (0 otherwise).  Player 1 is indifferent iff player 2
    plays H with probability ``b/(a+b)``, player 2 iff player 3 does with ``d/(c+d)``,
    player 3 iff player 1 does with ``e/(e+f)``.  No player can be pure in equilibrium
    (strict best responses around the cycle would contradict one another, as in Jordan's
    game), so the totally mixed profile is the unique equilibrium."""
    P = np.zeros((3, 2, 2, 2), dtype=np.int64)
    for x1, x2, x3 in itertools.product(range(2), repeat=3):
        P[0, x1, x2, x3] = (a if x1 == 0 else b) if x1 == x2 else 0
        P[1, x1, x2, x3] = (c if x2 == 0 else d) if x2 == x3 else 0
        P[2, x1, x2, x3] = (e if x3 == 0 else f) if x3 != x1 else 0
    return NormalFormGame(P.tolist(), title="Jordan variant")


def _two_mixed_game() -> NormalFormGame:
    """A 2x2x2 game with two totally mixed equilibria, the largest number a 2x2x2 game can
    have (McKelvey and McLennan 1997, "The maximal number of regular totally mixed Nash
    equilibria", J. Econ. Theory 72).  Action H pays each player ``d_i`` over T, where
    with p, q, r the probabilities of H of players 1, 2, 3:
    ``E d_1 = q - r``, ``E d_2 = 6 p r - 1``, ``6 E d_3 = 6 p + 6 q - 5``.
    Indifference of all three: ``q = r``, ``p r = 1/6``, ``p + r = 5/6``, whose solutions
    are ``(p, q, r) = (1/2, 1/3, 1/3)`` and ``(1/3, 1/2, 1/2)``."""
    d1 = [[0, 1], [-1, 0]]      # indexed by (x2, x3), 0 = H
    d2 = [[5, -1], [-1, -1]]    # by (x1, x3)
    d3 = [[7, 1], [1, -5]]      # by (x1, x2)
    P = np.zeros((3, 2, 2, 2), dtype=np.int64)
    for x1, x2, x3 in itertools.product(range(2), repeat=3):
        P[0, x1, x2, x3] = d1[x2][x3] if x1 == 0 else 0
        P[1, x1, x2, x3] = d2[x1][x3] if x2 == 0 else 0
        P[2, x1, x2, x3] = d3[x1][x2] if x3 == 0 else 0
    return NormalFormGame(P.tolist())


# --------------------------------------------------------------------- literature games
@pytest.mark.parametrize("solver", ONE_EQ, ids=ONE_EQ_IDS)
def test_three_player_matching_pennies_uniform(solver):
    # Jordan (1993): the unique equilibrium is uniform
    g = catalog.get("three-player-matching-pennies")
    res = solver(g)
    assert res.converged and res.scope == "one" and not res.complete
    for s in res[0].strategies:
        np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-9)
    _check_certificates(g, res)


def test_three_player_matching_pennies_support_enumeration_unique():
    g = catalog.get("three-player-matching-pennies")
    res = nplayer_support_enumeration(g)
    assert len(res) == 1
    for s in res[0].strategies:
        np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-12)
    assert res.max_regret <= 1e-12 and res.complete  # every homotopy path tracked


def test_minority_game_symmetric_equilibrium_by_hand():
    # Challet and Zhang (1997), three players.  If the others choose side 1 with
    # probability p, side 1 pays 1 when both others are on 0, probability (1-p)^2, and
    # side 0 pays 1 when both are on 1, probability p^2: indifference (1-p)^2 = p^2 gives
    # p = 1/2, each player earning 1/4.  Exactly, in rationals:
    g = catalog.get("minority-game")
    half = [Fraction(1, 2), Fraction(1, 2)]
    assert _exact_regret(g, [half, half, half]) == 0
    # the logit branch stays symmetric (the game is symmetric) and ends there
    res = logit_tracing(g)
    assert res.converged
    for s in res[0].strategies:
        np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-9)
    np.testing.assert_allclose(res[0].payoffs, [0.25] * 3, atol=1e-9)


@pytest.mark.parametrize("n_players", [3, 5])
def test_minority_game_simplicial_subdivision(n_players):
    g = catalog.get("minority-game", n_players=n_players)
    res = simplicial_subdivision(g)
    assert res.converged
    _check_certificates(g, res)


def test_minority_game_support_enumeration_structure():
    # Equilibria of the 3-player minority game, by hand: the 6 pure profiles with one
    # player alone; if all three mix, indifference of player 1 gives p2 + p3 = 1 and
    # likewise for the others, so all mix 1/2; if exactly one player mixes, the other two
    # are split and the mixer is indifferent at any probability (six segments).  The
    # enumeration returns the 7 isolated ones and one point of each segment.
    g = catalog.get("minority-game")
    res = nplayer_support_enumeration(g)
    _check_certificates(g, res)
    pure = sorted(e.pure_profile for e in res if e.is_pure)
    assert pure == sorted(p for p in itertools.product(range(2), repeat=3)
                          if len(set(p)) == 2)
    mixed = [e for e in res if not e.is_pure]
    assert any(all(np.allclose(s, 0.5) for s in e.strategies) for e in mixed)
    for e in mixed:  # segment points: two pure players on opposite sides
        pure_players = [s for s in e.strategies if np.isclose(s.max(), 1.0)]
        if pure_players:
            assert len(pure_players) == 2
            assert np.argmax(pure_players[0]) != np.argmax(pure_players[1])
    assert len(res) == 13 and not res.complete


@pytest.mark.parametrize("n_players,r", [(3, 2), (4, 3)])
def test_public_goods_everyone_keeps(n_players, r):
    # Ledyard (1995): contributing is strictly dominated when r < n
    g = catalog.get("public-goods", n_players=n_players, r=r)
    for solver in ONE_EQ:
        res = solver(g)
        assert res.converged and res[0].pure_profile == (0,) * n_players
    res = nplayer_support_enumeration(g)
    assert [e.pure_profile for e in res] == [(0,) * n_players]
    assert res.complete  # dominance leaves one profile: provably the only equilibrium


@pytest.mark.parametrize("stakes", [(2, 1, 1, 3, 1, 4), (1, 1, 1, 1, 1, 1), (5, 2, 3, 7, 2, 9)])
def test_jordan_variant_unique_totally_mixed(stakes):
    a, b, c, d, e, f = stakes
    g = _jordan_variant(*stakes)
    p, q, r = Fraction(e, e + f), Fraction(b, a + b), Fraction(d, c + d)
    exact = [[p, 1 - p], [q, 1 - q], [r, 1 - r]]
    assert _exact_regret(g, exact) == 0
    expected = [np.array([float(x) for x in s]) for s in exact]
    for solver in ONE_EQ:
        res = solver(g)
        assert res.converged
        for s, t in zip(res[0].strategies, expected):
            np.testing.assert_allclose(s, t, atol=1e-9)
    res = nplayer_support_enumeration(g)
    assert len(res) == 1
    for s, t in zip(res[0].strategies, expected):
        np.testing.assert_allclose(s, t, atol=1e-12)


def test_two_totally_mixed_equilibria_found():
    g = _two_mixed_game()
    targets = [[(Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)),
                (Fraction(1, 3), Fraction(2, 3))],
               [(Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 2), Fraction(1, 2)),
                (Fraction(1, 2), Fraction(1, 2))]]
    for t in targets:
        assert _exact_regret(g, t) == 0
    res = nplayer_support_enumeration(g)
    _check_certificates(g, res)
    totally_mixed = [e for e in res if all(np.all(s > 0) for s in e.strategies)]
    assert len(totally_mixed) == 2
    for t in targets:
        tf = [np.array([float(x) for x in s]) for s in t]
        assert any(all(np.allclose(s, u, atol=1e-12) for s, u in zip(e.strategies, tf))
                   for e in totally_mixed)
    for solver in ONE_EQ:
        _check_certificates(g, solver(g))


# --------------------------------------------------------------------- two players
def _nashpy_equilibria(game):
    import nashpy
    A, B = game.payoffs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [tuple(np.asarray(s) for s in eq)
                for eq in nashpy.Game(A, B).vertex_enumeration()]


def _member(eq, equilibria, atol=1e-6):
    return any(all(np.allclose(s, t, atol=atol) for s, t in zip(eq.strategies, other))
               for other in equilibria)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("shape", [(3, 3), (4, 4), (3, 5)])
def test_two_player_agrees_with_nashpy(seed, shape):
    g = gen.normal_game(shape, rng=seed)
    reference = _nashpy_equilibria(g)
    assert reference
    for solver in ONE_EQ:
        res = solver(g)
        assert res.converged
        assert _member(res[0], reference), (solver.__name__, res[0].strategies)
    res = nplayer_support_enumeration(g)
    assert res.complete  # nondegenerate with probability one
    assert len(res) == len(reference)
    assert all(_member(e, reference) for e in res)


def test_two_player_degenerate_marks_incomplete():
    # the column player is indifferent between L and R against T: a segment of equilibria
    g = NormalFormGame.from_arrays([[1, 1], [0, 2]], [[1, 1], [0, 1]])
    res = nplayer_support_enumeration(g)
    _check_certificates(g, res)
    assert not res.complete
    assert any(e.pure_profile == (0, 0) for e in res)


# --------------------------------------------------------------------- random games
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.lists(st.integers(2, 3), min_size=3, max_size=3),
       seed=st.integers(0, 2**31 - 1),
       family=st.sampled_from(["uniform", "integer"]))
def test_random_three_player_certified(shape, seed, family):
    if family == "integer":  # small integer range: ties and degenerate games
        g = gen.integer_game(tuple(shape), low=0, high=3, rng=seed)
    else:
        g = gen.uniform_game(tuple(shape), rng=seed)
    for solver in ONE_EQ:
        res = solver(g)
        assert len(res) == 1
        _check_certificates(g, res)
        if not res.converged:  # never claim what the certificate rejects
            assert res.max_regret > 1e-8 * _scale(g)


@pytest.mark.parametrize("solver", ONE_EQ, ids=ONE_EQ_IDS)
def test_success_rate_random_3x3x3(solver):
    converged = 0
    for seed in range(50):
        g = gen.uniform_game((3, 3, 3), rng=1000 + seed)
        res = solver(g)
        _check_certificates(g, res)
        converged += res.converged
    assert converged >= 48  # >= 95% (all 50 converge here)


def test_support_enumeration_contains_one_equilibrium_solvers_answers():
    # on generic 3-player games, the equilibrium found by simpdiv is usually among those
    # the enumeration finds (it is not guaranteed to be: the enumeration may miss some)
    hits = 0
    for seed in range(10):
        g = gen.uniform_game((3, 3, 3), rng=2000 + seed)
        eqs = nplayer_support_enumeration(g)
        _check_certificates(g, eqs)
        assert len(eqs) >= 1
        sd = simplicial_subdivision(g)
        hits += _member(sd[0], eqs.profiles, atol=1e-6)
    assert hits >= 9


def test_larger_games_converge():
    for shape in [(3, 3, 3, 3), (5, 5, 5), (2, 2, 2, 2, 2)]:
        for seed in range(3):
            g = gen.uniform_game(shape, rng=seed)
            for solver in ONE_EQ:
                res = solver(g)
                assert res.converged, (shape, seed, solver.__name__)
                _check_certificates(g, res)


# --------------------------------------------------------------------- options
def test_start_selects_equilibrium():
    # battle of the sexes: starting at a pure equilibrium returns it immediately
    g = catalog.get("battle-of-the-sexes")
    for prof in [(0, 0), (1, 1)]:
        res = simplicial_subdivision(g, start=list(prof))
        assert res[0].pure_profile == prof and res.num_iter == 0
    res = simplicial_subdivision(g, start=[[0.5, 0.5], [0.5, 0.5]])
    assert res.converged
    assert res.params["start"] == [[0.5, 0.5], [0.5, 0.5]]


def test_iteration_caps_report_true_regret():
    g = gen.uniform_game((3, 3, 3), rng=11)  # no pure equilibrium at the centroid
    res = simplicial_subdivision(g, max_iter=1, refinements=0)
    # one pivot, then Newton refinement from the end point, which may or may not succeed
    assert res.num_iter == 1
    assert res.converged == (res.max_regret <= 1e-8 * _scale(g))
    assert res.max_regret == pytest.approx(max_regret(g, res[0].strategies), abs=1e-15)
    res = logit_tracing(g, max_iter=1)
    assert not res.converged and res.num_iter == 1
    assert res.max_regret == pytest.approx(max_regret(g, res[0].strategies), abs=1e-15)


def test_support_enumeration_cap():
    g = gen.uniform_game((3, 3, 3), rng=5)
    res = nplayer_support_enumeration(g, max_profiles=3)
    assert res.num_iter == 3 and not res.complete and not res.converged
    _check_certificates(g, res)


def test_constant_game():
    g = NormalFormGame.common_reward(np.zeros((2, 3, 2)))
    for solver in ONE_EQ:
        res = solver(g)
        assert res.converged and res.max_regret == 0.0


def test_players_with_one_action():
    g = gen.uniform_game((1, 3, 2), rng=4)
    for solver in ONE_EQ:
        res = solver(g)
        assert res.converged
        _check_certificates(g, res)


# --------------------------------------------------------------------- bad inputs
@pytest.mark.parametrize("solver", [simplicial_subdivision, logit_tracing,
                                    nplayer_support_enumeration])
def test_one_player_and_non_games_rejected(solver):
    with pytest.raises(UnsupportedGameError, match="two or more players"):
        solver(NormalFormGame([[1.0, 2.0]]))
    with pytest.raises(UnsupportedGameError):
        solver([[1, 2], [3, 4]])


@pytest.mark.parametrize("solver,options", [
    (simplicial_subdivision, {"grid": 0}),
    (simplicial_subdivision, {"grid": 2.5}),
    (simplicial_subdivision, {"refinements": -1}),
    (simplicial_subdivision, {"max_iter": 0}),
    (simplicial_subdivision, {"tol": -1e-8}),
    (simplicial_subdivision, {"tol": float("nan")}),
    (logit_tracing, {"max_lambda": 0}),
    (logit_tracing, {"step": -0.1}),
    (logit_tracing, {"max_iter": True}),
    (nplayer_support_enumeration, {"max_profiles": 0}),
    (nplayer_support_enumeration, {"starts": 0}),
])
def test_bad_options(solver, options):
    with pytest.raises(InvalidOptionError):
        solver(catalog.get("three-player-matching-pennies"), **options)


@pytest.mark.parametrize("start", [
    [[0.5, 0.5], [0.5, 0.5]],             # two strategies for three players
    [[0.5, 0.5], [0.5, 0.5], [0.7, 0.7]],  # does not sum to one
    [[1.5, -0.5], [0.5, 0.5], [0.5, 0.5]],
    [[0.5, 0.5], [0.5, 0.5], [1.0]],       # wrong length
])
def test_bad_start(start):
    with pytest.raises(InvalidProfileError):
        simplicial_subdivision(catalog.get("three-player-matching-pennies"), start=start)
