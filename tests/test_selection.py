"""Equilibrium selection (gametheory.solvers payoff_dominant, pareto_undominated,
max_welfare, risk_dominant) and the Harsanyi-Selten linear and logarithmic tracing
procedures.

References: Harsanyi and Selten (1988), *A General Theory of Equilibrium Selection in
Games*, for payoff and risk dominance and the stag hunt; Harsanyi (1975), "The tracing
procedure", for the linear and logarithmic tracing procedures; Luce and Raiffa
(1957) for battle of the sexes.  The paths below are computed by hand in the docstrings and
checked against the vertices the pivoting visits.
"""

from __future__ import annotations

import numpy as np
import pytest

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame, SolverError,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import max_regret, risk_dominance
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers import Equilibrium, pure
from gametheory.solvers._selection import (_log_trace, _trace, bicentric_prior, max_welfare,
                                           pareto_undominated, payoff_dominant,
                                           risk_dominant, tracing_procedure)

STAG_MIXED = [[0.75, 0.25], [0.75, 0.25]]   # 4p = 3: indifferent between S and H
BOS_MIXED = [[2 / 3, 1 / 3], [1 / 3, 2 / 3]]


def profiles(eqs):
    return [e.pure_profile for e in eqs]


def uniform(game):
    return [np.full(m, 1.0 / m) for m in game.num_actions]


# ---------------------------------------------------------------------------- stag hunt
def test_stag_hunt_payoff_and_risk_dominance():
    """Harsanyi and Selten (1988): (S, S) pays (4, 4) and payoff-dominates; (H, H) pays
    (3, 3) and risk-dominates (deviation-loss products 9 against 1).  The mixed
    equilibrium pays (3, 3) like (H, H): neither of those two payoff-dominates the other,
    and (S, S) dominates both."""
    g = catalog.get("stag-hunt")
    eqs = list(pure(g)) + [STAG_MIXED]
    assert profiles(payoff_dominant(g, eqs)) == [(0, 0)]
    assert profiles(risk_dominant(g, pure(g))) == [(1, 1)]
    assert profiles(risk_dominant(g, pure(g), method="tracing")) == [(1, 1)]


def test_stag_hunt_risk_dominance_with_the_mixed_equilibrium():
    """Against the mixed equilibrium (S with 3/4), the bicentric prior of (S, S) puts all
    weight on S: the opponent hunts stag with probability z + 3(1 - z)/4 > 3/4 for every
    z > 0, so S (paying 3 + z) beats H (3).  Tracing from (S, S) stays there, so (S, S)
    risk-dominates the mixed equilibrium; likewise (H, H) does.  With all three listed
    only (H, H) is undominated."""
    g = catalog.get("stag-hunt")
    prior = bicentric_prior(g, [0, 0], STAG_MIXED)
    np.testing.assert_allclose(prior, [[1, 0], [1, 0]])
    eqs = list(pure(g)) + [STAG_MIXED]
    assert profiles(risk_dominant(g, eqs)) == [(1, 1)]
    assert profiles(risk_dominant(g, [[0, 0], STAG_MIXED])) == [(0, 0)]


def test_stag_hunt_tracing_from_uniform_prior():
    """Uniform prior: against a 50-50 hunter, S pays 2 and H pays 3, so both start at H.
    Along the path each player faces t * H + (1 - t) * uniform, under which S pays
    2(1 - t) < 3: H stays the unique best reply and (H, H) is selected.  The pivoting
    visits only t = 0 and t = 1."""
    g = catalog.get("stag-hunt")
    eq = tracing_procedure(g)
    assert isinstance(eq, Equilibrium)
    assert eq.pure_profile == (1, 1) and eq.max_regret == 0.0
    _, _, pivots, path = _trace(g, uniform(g), record=True)
    assert [t for t, _, _ in path] == [0.0, 1.0]
    for _, x, y in path:
        np.testing.assert_allclose(x, [0, 1])
        np.testing.assert_allclose(y, [0, 1])


def test_stag_hunt_tracing_from_a_stag_prior():
    """If each expects the other to hunt stag with probability 0.9 > 3/4, S pays 3.6 > 3
    and (S, S), a strict equilibrium, is never left."""
    g = catalog.get("stag-hunt")
    assert tracing_procedure(g, [[0.9, 0.1], [0.9, 0.1]]).pure_profile == (0, 0)


def test_bicentric_prior_stag_hunt():
    """S is the best reply iff the other hunts stag with probability z > 3/4 (4z > 3), so
    the prior puts 1/4 on S."""
    g = catalog.get("stag-hunt")
    np.testing.assert_allclose(bicentric_prior(g, [0, 0], [1, 1]),
                               [[0.25, 0.75], [0.25, 0.75]])


# ---------------------------------------------------------------------------- BoS
def test_battle_of_the_sexes_uniform_prior_is_not_generic():
    """Battle of the sexes, uniform prior.  Player 1 (payoffs 2 at (O, O), 1 at (F, F))
    best-responds to a 50-50 partner with Opera (1 against 1/2), player 2 with Football,
    so the path starts at (O, F).  At level t, with (O, F) played, player 1 compares Opera
    2 (1 - t)/2 = 1 - t with Football t + (1 - t)/2 = (1 + t)/2, and player 2 compares
    Opera (1 + t)/2 with Football 1 - t: both become indifferent at the same t = 1/3.
    There the equilibria of G^t form an L (x = Opera with any y, or y = Football with any
    x), and three branches leave: to (O, O), to (F, F), and the mixed branch x(O) =
    (3t + 1)/(6t), y(O) = (3t - 1)/(6t), which ends at the mixed equilibrium (2/3, 1/3).
    The linear tracing path is not unique, so method="linear" refuses, naming t = 1/3.
    Harsanyi and Selten resolve such cases with the logarithmic tracing procedure: the
    game and the prior are invariant under swapping the players together with Opera and
    Football, so its end point must be too, and the only such equilibrium is the mixed
    one, which the default method="auto" returns."""
    g = catalog.get("battle-of-the-sexes")
    with pytest.raises(UnsupportedGameError, match=r"t = 0\.333333"):
        tracing_procedure(g, method="linear")
    for method in ("auto", "logarithmic"):
        eq = tracing_procedure(g, method=method)
        np.testing.assert_allclose(eq.strategies, BOS_MIXED, atol=1e-12)
        assert max_regret(g, eq.strategies) <= 1e-9
    eq = tracing_procedure(g, method="linear", degenerate="lexicographic")   # some branch
    assert eq.max_regret <= 1e-12
    assert any(np.allclose(eq.strategies, e, atol=1e-9) for e in
               ([[1, 0], [1, 0]], [[0, 1], [0, 1]], BOS_MIXED))


@pytest.mark.parametrize("delta,expected", [(0.01, (0, 0)), (-0.01, (1, 1))])
def test_battle_of_the_sexes_perturbed_prior(delta, expected):
    """Tilt player 2's prior to Opera with 1/2 + delta.  Player 1 still starts at Opera
    and now switches when 2(1 - t)(1/2 + delta) = t + (1 - t)(1/2 - delta), i.e. at
    t1 = (1/2 + 3 delta)/(3/2 + 3 delta); player 2 still switches at t2 = 1/3.  For delta
    = 0.01, t1 = 0.53/1.53 > 1/3: player 2 moves first, to Opera, and (O, O) is strict
    for every t > 1/3.  For delta = -0.01, t1 = 0.47/1.47 < 1/3 and player 1 moves first,
    to (F, F)."""
    g = catalog.get("battle-of-the-sexes")
    prior = [[0.5, 0.5], [0.5 + delta, 0.5 - delta]]
    assert tracing_procedure(g, prior).pure_profile == expected
    _, _, _, path = _trace(g, [np.asarray(p) for p in prior], record=True)
    t_switch = 1 / 3 if delta > 0 else (0.5 + 3 * delta) / (1.5 + 3 * delta)
    assert path[1][0] == pytest.approx(t_switch, abs=1e-12)
    assert path[-1][0] == 1.0


def test_battle_of_the_sexes_bicentric_prior_is_the_mixed_equilibrium():
    """Player 1 prefers Opera iff the partner goes to the opera with probability z > 1/3
    (2z > 1 - z), so its prior is (2/3, 1/3); player 2's is (1/3, 2/3).  Tracing from the
    mixed equilibrium starts with tied best replies, so neither pure equilibrium
    risk-dominates the other, as the equal deviation-loss products (2, 2) say."""
    g = catalog.get("battle-of-the-sexes")
    np.testing.assert_allclose(bicentric_prior(g, [0, 0], [1, 1]), BOS_MIXED)
    with pytest.raises(UnsupportedGameError, match="several best replies"):
        tracing_procedure(g, BOS_MIXED, method="linear")
    for method in ("auto", "tracing", "deviation-loss"):
        assert profiles(risk_dominant(g, [[0, 0], [1, 1]], method=method)) == \
            [(0, 0), (1, 1)]


@pytest.mark.parametrize("kind,disagreement", [("utilitarian", None), ("egalitarian", None),
                                               ("nash", None), ("nash", [0, 0])])
def test_battle_of_the_sexes_max_welfare(kind, disagreement):
    """Pure equilibria pay (2, 1) and (1, 2): total 3, minimum 1, Nash product 4/9 over
    the security levels (2/3, 2/3) or 2 over (0, 0).  The mixed one pays (2/3, 2/3):
    total 4/3, minimum 2/3, Nash product 0 or 4/9."""
    g = catalog.get("battle-of-the-sexes")
    eqs = [BOS_MIXED, [0, 0], [1, 1]]
    best = max_welfare(g, eqs, kind, disagreement=disagreement)
    assert profiles(best) == [(0, 0), (1, 1)]
    assert payoff_dominant(g, eqs)[0].pure_profile == (0, 0)
    assert len(payoff_dominant(g, eqs)) == 2


def test_max_welfare_prefers_the_mixed_when_it_is_best():
    """Chicken: the pure equilibria pay (2, 7) and (7, 2), the mixed one (14/3, 14/3).
    Utilitarian: 9 against 28/3, so the mixed wins; egalitarian too (14/3 > 2)."""
    g = catalog.get("chicken")
    mixed = [[2 / 3, 1 / 3], [2 / 3, 1 / 3]]
    eqs = list(pure(g)) + [mixed]
    for kind in ("utilitarian", "egalitarian", "nash"):
        (best,) = max_welfare(g, eqs, kind)
        np.testing.assert_allclose(best.strategies, mixed)
    # nothing among the three payoff-dominates another
    assert len(payoff_dominant(g, eqs)) == 3


# ---------------------------------------------------------------------------- 3x3
def test_coordination_3x3_tracing_by_hand():
    """Coordination game with diagonal payoffs (3, 1), (2, 2), (1, 4) and 0 elsewhere;
    uniform prior.  Player 1 best-responds to the uniform partner with action 1 (payoffs
    1, 2/3, 1/3), player 2 with action 3 (1/3, 2/3, 4/3): the path starts at (1, 3).  At
    level t with (1, 3) played, player 1's payoffs are 1 - t, 2(1 - t)/3, (1 + 2t)/3, so
    it switches to 3 at t = 2/5; player 2 would switch to 1 only when 4(1 - t)/3 = (1 +
    2t)/3, at t = 1/2.  At t = 2/5 player 1 moves from 1 to 3 (player 2's action 3 only
    gets better), and then (3, 3) is strict for every t > 2/5: the selected equilibrium
    is (3, 3), player 1's worst and player 2's best, although (1, 1) and (2, 2) are
    equilibria too."""
    A = [[3, 0, 0], [0, 2, 0], [0, 0, 1]]
    B = [[1, 0, 0], [0, 2, 0], [0, 0, 4]]
    g = NormalFormGame.from_arrays(A, B)
    eq = tracing_procedure(g)
    assert eq.pure_profile == (2, 2)
    _, _, _, path = _trace(g, uniform(g), record=True)
    ts = [t for t, _, _ in path]
    assert ts == pytest.approx([0.0, 0.4, 0.4, 1.0], abs=1e-12)
    np.testing.assert_allclose(path[1][1], [1, 0, 0])   # before the switch
    np.testing.assert_allclose(path[2][1], [0, 0, 1])   # after
    np.testing.assert_allclose(path[1][2], [0, 0, 1])


# ---------------------------------------------------------------------------- properties
def _regret_in_tracing_game(game, prior, t, x, y):
    A, B = game.payoffs
    p, q = prior
    v1 = t * (A @ y) + (1 - t) * (A @ q)
    v2 = t * (B.T @ x) + (1 - t) * (B.T @ p)
    return max(v1.max() - x @ v1, v2.max() - y @ v2)


@pytest.mark.parametrize("seed", range(40))
def test_tracing_path_is_a_path_of_equilibria(seed):
    """On random games and priors: the path starts at the best replies to the prior, every
    vertex and every edge midpoint (interpolated in (t x, t y, t)) is an equilibrium of
    G^t, it ends at t = 1, and the end point is certified by max_regret."""
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(2, 7, size=2))
    family = [gen.normal_game, gen.uniform_game][seed % 2]
    g = family((m, n), rng=seed)
    prior = [rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))]
    x, y, pivots, path = _trace(g, prior, record=True)
    assert path[0][0] == 0.0 and path[-1][0] == 1.0
    A, B = g.payoffs
    np.testing.assert_allclose(path[0][1], np.eye(m)[np.argmax(A @ prior[1])])
    np.testing.assert_allclose(path[0][2], np.eye(n)[np.argmax(prior[0] @ B)])
    points = list(path)
    for (t0, x0, y0), (t1, x1, y1) in zip(path, path[1:]):
        tm = (t0 + t1) / 2
        if tm > 0:
            points.append((tm, (t0 * x0 + t1 * x1) / (2 * tm), (t0 * y0 + t1 * y1) / (2 * tm)))
    for t, xt, yt in points:
        assert _regret_in_tracing_game(g, prior, t, xt, yt) <= 1e-9
    eq = tracing_procedure(g, prior)
    assert eq.max_regret == max_regret(g, eq.strategies) <= 1e-9
    np.testing.assert_allclose(eq.strategies[0], x, atol=1e-9)


def test_tracing_agrees_with_deviation_losses_in_2x2_games():
    """Harsanyi and Selten (1988): in 2x2 games with two strict equilibria, tracing from
    the bicentric prior selects the equilibrium with the larger product of deviation
    losses.  Checked on every seeded normal game with two pure equilibria."""
    checked = 0
    for seed in range(400):
        g = gen.normal_game((2, 2), rng=seed)
        eqs = pure(g)
        if len(eqs) != 2:
            continue
        e, f = eqs
        by_loss = risk_dominance(g, e.strategies, f.strategies)
        by_tracing = profiles(risk_dominant(g, eqs, method="tracing"))
        winner = {1: [e.pure_profile], -1: [f.pure_profile]}[by_loss]
        assert by_tracing == winner
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("seed", range(10))
def test_tracing_is_invariant_under_relabelling(seed):
    """Permuting the actions of both players (and the prior alike) permutes the selected
    equilibrium; swapping the players swaps it."""
    rng = np.random.default_rng(100 + seed)
    g = gen.normal_game((4, 3), rng=seed)
    prior = [rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(3))]
    eq = tracing_procedure(g, prior)
    r, c = rng.permutation(4), rng.permutation(3)
    A, B = g.payoffs
    h = NormalFormGame.from_arrays(A[np.ix_(r, c)], B[np.ix_(r, c)])
    eq2 = tracing_procedure(h, [prior[0][r], prior[1][c]])
    np.testing.assert_allclose(eq2.strategies[0], eq.strategies[0][r], atol=1e-9)
    np.testing.assert_allclose(eq2.strategies[1], eq.strategies[1][c], atol=1e-9)
    swapped = NormalFormGame.from_arrays(B.T, A.T)
    eq3 = tracing_procedure(swapped, [prior[1], prior[0]])
    np.testing.assert_allclose(eq3.strategies[0], eq.strategies[1], atol=1e-9)
    np.testing.assert_allclose(eq3.strategies[1], eq.strategies[0], atol=1e-9)


def test_strict_equilibrium_prior_is_selected():
    """A prior that is itself a strict equilibrium is a best reply to itself at every t."""
    for seed in range(20):
        g = gen.normal_game((4, 4), rng=seed)
        for e in pure(g):
            assert tracing_procedure(g, e.strategies).pure_profile == e.pure_profile


def test_dominant_strategies_are_selected_from_any_prior():
    g = catalog.get("prisoners-dilemma")
    rng = np.random.default_rng(0)
    for _ in range(10):
        prior = [rng.dirichlet([1, 1]), rng.dirichlet([1, 1])]
        assert tracing_procedure(g, prior).pure_profile == (1, 1)


def test_large_game():
    g = gen.normal_game((60, 60), rng=5)
    eq = tracing_procedure(g)
    assert eq.max_regret <= 1e-9 * np.abs(g.payoff_array).max()


# ---------------------------------------------------------------------------- Pareto
def test_pareto_undominated():
    """Prisoner's dilemma: (D, D) = (1, 1) is dominated by (C, C) = (3, 3).  Chicken: the
    pure equilibria (2, 7), (7, 2) are Pareto-optimal even among lotteries, the mixed one
    (14/3, 14/3) is dominated by (C, C) = (6, 6)."""
    pd = catalog.get("prisoners-dilemma")
    assert pareto_undominated(pd, pure(pd)) == []
    assert len(payoff_dominant(pd, pure(pd))) == 1
    g = catalog.get("chicken")
    eqs = list(pure(g)) + [[[2 / 3, 1 / 3], [2 / 3, 1 / 3]]]
    for by in ("pure", "correlated"):
        assert profiles(pareto_undominated(g, eqs, by=by)) == [(0, 1), (1, 0)]


# ---------------------------------------------------------------------------- inputs
def test_input_forms_agree():
    g = catalog.get("stag-hunt")
    res = pure(g)
    as_list = list(res)
    as_labels = [["S", "S"], ["H", "H"]]
    as_arrays = [e.strategies for e in res]
    for eqs in (res, as_list, as_labels, as_arrays):
        assert profiles(risk_dominant(g, eqs)) == [(1, 1)]
        assert profiles(payoff_dominant(g, eqs)) == [(0, 0)]
    assert profiles(payoff_dominant(g, res[0])) == [(0, 0)]   # a single Equilibrium
    assert payoff_dominant(g, []) == [] and max_welfare(g, []) == []


def test_bad_inputs():
    g = catalog.get("stag-hunt")
    with pytest.raises(InvalidProfileError, match="not a Nash equilibrium"):
        payoff_dominant(g, [["S", "H"]])
    with pytest.raises(InvalidProfileError, match="wrap it in a list"):
        max_welfare(g, ["S", "S"])
    with pytest.raises(InvalidProfileError):
        payoff_dominant(g, [[0, 0, 0]])
    with pytest.raises(InvalidProfileError):
        payoff_dominant(g, 3)
    with pytest.raises(UnknownNameError):
        max_welfare(g, pure(g), "gini")
    with pytest.raises(ValueError):
        max_welfare(g, pure(g), "utilitarian", disagreement=[0, 0])
    with pytest.raises(UnknownNameError):
        pareto_undominated(g, pure(g), by="mixed")
    with pytest.raises(UnknownNameError):
        risk_dominant(g, pure(g), method="coin-toss")
    with pytest.raises(UnsupportedGameError):   # deviation losses need strict pure eqs
        risk_dominant(g, [[0, 0], STAG_MIXED], method="deviation-loss")
    three = catalog.get("three-player-matching-pennies")
    with pytest.raises(UnsupportedGameError):
        tracing_procedure(three, method="linear")
    with pytest.raises(UnsupportedGameError):
        risk_dominant(three, [])
    with pytest.raises(UnsupportedGameError):
        tracing_procedure([[1, 0], [0, 1]])
    with pytest.raises(InvalidProfileError):
        tracing_procedure(g, [[0.5, 0.5]])
    with pytest.raises(InvalidProfileError):
        tracing_procedure(g, [[1.5, -0.5], [0.5, 0.5]])
    with pytest.raises(UnknownNameError):
        tracing_procedure(g, degenerate="ignore")
    with pytest.raises(UnknownNameError):
        tracing_procedure(g, method="quadratic")
    with pytest.raises(InvalidOptionError):
        tracing_procedure(g, method="logarithmic", degenerate="lexicographic")
    for bad in (0, -1e-3, float("inf"), float("nan"), True, "small"):
        with pytest.raises(InvalidOptionError):
            tracing_procedure(g, method="logarithmic", alpha=bad)
    with pytest.raises(ValueError):
        tracing_procedure(g, max_iter=0)
    # approximate equilibria pass with a looser regret tolerance
    approx = [[0.7501, 0.2499], [0.75, 0.25]]
    with pytest.raises(InvalidProfileError):
        payoff_dominant(g, [approx], regret_tol=1e-9)
    assert len(payoff_dominant(g, [approx], regret_tol=1e-3)) == 1


def test_pivot_cap_raises():
    """The 3x3 coordination game needs 3 pivots; a cap of 2 stops it."""
    g = NormalFormGame.from_arrays([[3, 0, 0], [0, 2, 0], [0, 0, 1]],
                                   [[1, 0, 0], [0, 2, 0], [0, 0, 4]])
    with pytest.raises(SolverError, match="max_iter=2"):
        tracing_procedure(g, max_iter=2)
    assert tracing_procedure(g, max_iter=3).pure_profile == (2, 2)


# ---------------------------------------------------------------------------- logarithmic
def _certified(game, eq, tol=1e-9):
    """The end point is an equilibrium by the concepts' certificate (not the solver's)."""
    return max_regret(game, eq.strategies) <= tol * max(1.0, np.abs(game.payoff_array).max())


def _same_profile(a, b, atol=1e-7):
    return all(np.allclose(x, y, atol=atol) for x, y in zip(a, b))


@pytest.mark.parametrize("name,expected", [
    # the only equilibrium
    ("matching-pennies", [[0.5, 0.5], [0.5, 0.5]]),
    ("rock-paper-scissors", [[1 / 3] * 3, [1 / 3] * 3]),
    ("shapley", [[1 / 3] * 3, [1 / 3] * 3]),            # Shapley (1964): unique, uniform
    # symmetric game, symmetric prior: the selection is symmetric, and the only symmetric
    # equilibrium is the mixed one (chicken: C with 2/3; coordination: 1/2)
    ("chicken", [[2 / 3, 1 / 3], [2 / 3, 1 / 3]]),
    ("pure-coordination", [[0.5, 0.5], [0.5, 0.5]]),
])
def test_logarithmic_answers_where_linear_raises(name, expected):
    """From the uniform prior every one of these games gives a player tied best replies,
    so the linear procedure refuses; the logarithmic one (and "auto") answers, certified
    by max_regret, with the equilibrium that uniqueness or symmetry forces."""
    g = catalog.get(name)
    with pytest.raises(UnsupportedGameError):
        tracing_procedure(g, method="linear")
    for method in ("auto", "logarithmic"):
        eq = tracing_procedure(g, method=method)
        assert _certified(g, eq)
        np.testing.assert_allclose(eq.strategies[0], expected[0], atol=1e-9)
        np.testing.assert_allclose(eq.strategies[1], expected[1], atol=1e-9)


def test_logarithmic_on_integer_games_with_ties():
    """Small integer payoffs make ties common; wherever the linear path from the uniform
    prior is not unique, "auto" still returns a certified equilibrium."""
    checked = 0
    for seed in range(60):
        rng = np.random.default_rng(seed)
        g = NormalFormGame.from_arrays(rng.integers(0, 4, (3, 3)), rng.integers(0, 4, (3, 3)))
        try:
            tracing_procedure(g, method="linear")
            continue
        except UnsupportedGameError:
            pass
        eq = tracing_procedure(g)
        assert _certified(g, eq)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (4, 5)])
def test_logarithmic_agrees_with_linear_on_nondegenerate_games(shape):
    """Harsanyi (1975): as alpha -> 0 the logarithmic tracing paths converge to the linear
    one where that is unique, so both select the same equilibrium (random normal games
    and random interior priors, all with a unique linear path)."""
    for seed in range(25):
        rng = np.random.default_rng(1000 + seed)
        g = gen.normal_game(shape, rng=seed)
        prior = [rng.dirichlet(np.ones(m)) for m in shape]
        lin = tracing_procedure(g, prior, method="linear")
        log = tracing_procedure(g, prior, method="logarithmic")
        assert _certified(g, log)
        assert _same_profile(lin.strategies, log.strategies), seed
        assert _same_profile(tracing_procedure(g, prior).strategies, lin.strategies)


def test_stag_hunt_logarithmic_selects_the_risk_dominant_equilibrium():
    """Harsanyi and Selten (1988): from the bicentric prior of the two strict equilibria
    (1/4 on S for each player) the tracing procedure selects the risk-dominant one, (H,
    H) in the stag hunt (deviation-loss products 9 against 1); the logarithmic procedure
    agrees, for the default alpha sequence and for a fixed small alpha."""
    g = catalog.get("stag-hunt")
    (rd,) = risk_dominant(g, pure(g), method="deviation-loss")
    prior = bicentric_prior(g, [0, 0], [1, 1])
    np.testing.assert_allclose(prior, [[0.25, 0.75], [0.25, 0.75]])
    for kwargs in ({}, {"alpha": 1e-4}, {"alpha": 1e-2}):
        eq = tracing_procedure(g, prior, method="logarithmic", **kwargs)
        assert eq.pure_profile == rd.pure_profile == (1, 1)
        assert max_regret(g, eq.strategies) == 0.0


def test_logarithmic_risk_dominance_in_2x2_games():
    """In 2x2 games with two strict equilibria, the logarithmic procedure from the
    bicentric prior selects the one with the larger product of deviation losses
    (Harsanyi and Selten 1988, ch. 3 and 4)."""
    checked = 0
    for seed in range(200):
        g = gen.normal_game((2, 2), rng=seed)
        eqs = pure(g)
        if len(eqs) != 2:
            continue
        e, f = eqs
        winner = e if risk_dominance(g, e.strategies, f.strategies) > 0 else f
        prior = bicentric_prior(g, e.strategies, f.strategies)
        eq = tracing_procedure(g, prior, method="logarithmic")
        assert eq.pure_profile == winner.pure_profile
        checked += 1
    assert checked > 15


def _log_best_reply_2(w, a):
    """argmax_x x w_0 + (1 - x) w_1 + a (log x + log(1 - x)): the root in (0, 1) of
    d x^2 + (2a - d) x - a = 0 with d = w_0 - w_1 (1/2 when d = 0)."""
    d = w[0] - w[1]
    if d == 0:
        return 0.5
    return ((d - 2 * a) + np.sqrt(d * d + 4 * a * a)) / (2 * d)


@pytest.mark.parametrize("alpha", [1e-3, 0.05, 1.0])
def test_logarithmic_path_starts_at_the_log_barrier_best_reply(alpha):
    """At t = 0 each player maximises u_i(s_i, p_-i) + alpha' sum_k log s_ik (alpha' =
    alpha times the payoff range): for two actions the closed form above."""
    for seed in range(10):
        rng = np.random.default_rng(seed)
        g = gen.uniform_game((2, 2), rng=seed)
        prior = [rng.dirichlet([1, 1]), rng.dirichlet([1, 1])]
        A, B = g.payoffs
        a = alpha * (g.payoff_array.max() - g.payoff_array.min())
        x0 = _log_best_reply_2(A @ prior[1], a)
        y0 = _log_best_reply_2(B.T @ prior[0], a)
        _, status, _, path = _log_trace(g, prior, alpha, record=True)
        t, flat = path[0]
        assert t == 0.0 and status == 0
        np.testing.assert_allclose(flat, [x0, 1 - x0, y0, 1 - y0], atol=1e-12)


def _barrier_gradient_spread(game, prior, alpha_abs, t, strategies):
    """Each player's payoff in the logarithmic tracing game is concave in its own
    strategy; an interior point is its best reply iff the gradient t u_i(k, s_-i) + (1 - t)
    u_i(k, p_-i) + alpha' (1 - t) / s_ik is the same for every action k.  Returns the
    largest spread of that gradient over players."""
    out = 0.0
    for i in range(game.num_players):
        def values(profile):
            U = game.payoff_array[i]
            for j in reversed(range(game.num_players)):
                if j != i:
                    U = np.tensordot(U, profile[j], axes=([j], [0]))
            return U
        grad = (t * values(strategies) + (1 - t) * values(prior)
                + alpha_abs * (1 - t) / strategies[i])
        out = max(out, float(grad.max() - grad.min()))
    return out


@pytest.mark.parametrize("shape", [(3, 3), (2, 3, 2)])
def test_logarithmic_path_is_a_path_of_perturbed_equilibria(shape):
    """Every recorded point with t < 1 is an interior equilibrium of the perturbed game
    (checked independently from the payoff array), t starts at 0 and ends at 1, and the
    end point is a Nash equilibrium of the game."""
    alpha = 0.01
    for seed in range(5):
        rng = np.random.default_rng(seed)
        g = gen.normal_game(shape, rng=seed)
        prior = [rng.dirichlet(np.ones(m)) for m in shape]
        a = alpha * (g.payoff_array.max() - g.payoff_array.min())
        x, status, steps, path = _log_trace(g, prior, alpha, record=True)
        assert status == 0 and path[0][0] == 0.0 and path[-1][0] == 1.0
        offs = np.concatenate([[0], np.cumsum(shape)])
        for t, flat in path[:-1]:
            s = [flat[offs[j]:offs[j + 1]] for j in range(len(shape))]
            assert min(v.min() for v in s) > 0
            assert _barrier_gradient_spread(g, prior, a, t, s) <= 1e-9
        s = [x[offs[j]:offs[j + 1]] for j in range(len(shape))]
        assert max_regret(g, s) <= 1e-9


def test_logarithmic_n_players():
    """Three players: the minority game's symmetric selection is 1/2 each (the game and
    the uniform prior are invariant under relabelling the sides); random 3-player games
    get a certified equilibrium; the linear method is two-player only."""
    g = catalog.get("minority-game")
    eq = tracing_procedure(g)
    for s in eq.strategies:
        np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-9)
    for seed in range(10):
        rng = np.random.default_rng(seed)
        g = gen.normal_game((2, 3, 2), rng=seed)
        prior = [rng.dirichlet(np.ones(m)) for m in g.num_actions]
        assert _certified(g, tracing_procedure(g, prior))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        tracing_procedure(g, method="linear")


def test_logarithmic_invariant_under_relabelling():
    """Permuting actions (and the prior alike) permutes the selection, also where the
    linear path is not unique (integer payoffs with ties)."""
    checked = 0
    for seed in range(40):
        rng = np.random.default_rng(seed)
        A, B = rng.integers(0, 3, (3, 3)), rng.integers(0, 3, (3, 3))
        g = NormalFormGame.from_arrays(A, B)
        prior = [rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(3))]
        eq = tracing_procedure(g, prior, method="logarithmic")
        r, c = rng.permutation(3), rng.permutation(3)
        h = NormalFormGame.from_arrays(A[np.ix_(r, c)], B[np.ix_(r, c)])
        eq2 = tracing_procedure(h, [prior[0][r], prior[1][c]], method="logarithmic")
        # games with ties have equilibrium components, on which the end point carries an
        # O(alpha (1 - t)) residue of the barrier: equal up to that, and both certified
        np.testing.assert_allclose(eq2.strategies[0], eq.strategies[0][r], atol=1e-5)
        np.testing.assert_allclose(eq2.strategies[1], eq.strategies[1][c], atol=1e-5)
        assert _certified(g, eq) and _certified(h, eq2)
        checked += 1
    assert checked == 40


def test_logarithmic_step_cap_raises():
    g = catalog.get("battle-of-the-sexes")
    with pytest.raises(SolverError, match="max_iter=2"):
        tracing_procedure(g, method="logarithmic", max_iter=2)
