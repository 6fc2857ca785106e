"""Correlated and coarse correlated equilibria by LP
(gametheory.solvers.correlated_equilibrium / coarse_correlated_equilibrium).

References: Aumann (1974, 1987) for chicken and its welfare-maximising correlated
equilibrium (checked by hand below); Hannan (1957), Moulin and Vial (1978) for coarse
correlated equilibria.  Optima are cross-checked against an independent dense LP built by
looping over profiles (the textbook formulation), certificates come from
gametheory.concepts.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from gametheory import NormalFormGame, SolverError, UnknownNameError, UnsupportedGameError
from gametheory.concepts import (cce_gap, cce_gaps, ce_gap, ce_gaps, correlated_payoffs,
                                 is_coarse_correlated_equilibrium, is_correlated_equilibrium,
                                 nash_welfare, product_distribution, security_levels)
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers import pure
from gametheory.solvers import _correlated as ce_mod
from gametheory.solvers._correlated import (CorrelatedResult, coarse_correlated_equilibrium,
                                            correlated_equilibrium, incentive_constraints)

OBJECTIVES = ["feasible", "welfare", "egalitarian", "player:0", "min-player:1",
              "nash_welfare"]
LINEAR = ["welfare", "egalitarian", "player:0", "player:1", "min-player:0", "min-player:1"]


def tol_of(game, tol=1e-9):
    return tol * max(1.0, float(np.abs(game.payoff_array).max()))


# ---------------------------------------------------------------------------- reference
def brute_lp_value(game, objective, coarse=False):
    """Optimal value of the CE / CCE LP written the textbook way: one dense row per
    incentive constraint, filled by looping over every profile (independent of the
    sparse vectorised builder), solved by HiGHS's interior-point method."""
    n = game.num_players
    profiles = list(game.profiles())
    col = {p: k for k, p in enumerate(profiles)}
    N = len(profiles)
    rows = []
    for i in range(n):
        m = game.num_actions[i]
        if coarse:
            for b in range(m):
                row = np.zeros(N)
                for prof in profiles:
                    dev = list(prof)
                    dev[i] = b
                    row[col[prof]] += game.payoffs[i][tuple(dev)] - game.payoffs[i][prof]
                rows.append(row)
        else:
            for a in range(m):
                for b in range(m):
                    if a == b:
                        continue
                    row = np.zeros(N)
                    for prof in profiles:
                        if prof[i] != a:
                            continue
                        dev = list(prof)
                        dev[i] = b
                        row[col[prof]] = game.payoffs[i][tuple(dev)] - game.payoffs[i][prof]
                    rows.append(row)
    U = np.array([[game.payoffs[i][p] for p in profiles] for i in range(n)])
    A_ub = np.array(rows)
    b_ub = np.zeros(len(rows))
    A_eq = np.ones((1, N))
    bounds = [(0, None)] * N
    if objective == "egalitarian":
        c = np.append(np.zeros(N), -1.0)
        A_ub = np.vstack([np.hstack([A_ub, np.zeros((len(rows), 1))]),
                          np.hstack([-U, np.ones((n, 1))])])
        b_ub = np.zeros(A_ub.shape[0])
        A_eq = np.append(A_eq, 0.0)[None, :]
        bounds = bounds + [(None, None)]
        sign = -1
    elif objective == "welfare":
        c, sign = -U.sum(axis=0), -1
    elif objective.startswith("player:"):
        c, sign = -U[int(objective[7:])], -1
    else:  # min-player:I
        c, sign = U[int(objective[11:])], 1
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                  method="highs-ipm")
    assert res.status == 0
    return sign * res.fun


# ---------------------------------------------------------------------------- chicken
CHICKEN = [
    # Aumann 1974: 1/2 on (C,C), 1/4 on (C,D) and (D,C); unique (see test_chicken_by_hand)
    pytest.param("welfare", [[0.5, 0.25], [0.25, 0.0]], [5.25, 5.25], 10.5, id="welfare"),
    # min(u1, u2) <= (u1 + u2) / 2 <= 5.25, attained only at the welfare optimum
    pytest.param("egalitarian", [[0.5, 0.25], [0.25, 0.0]], [5.25, 5.25], 5.25,
                 id="egalitarian"),
    # 7 is the row player's largest payoff and only (D, C) pays it
    pytest.param("player:0", [[0, 0], [1, 0]], [7, 2], 7, id="player-0"),
    pytest.param("player:Player 2", [[0, 1], [0, 0]], [2, 7], 7, id="player-label"),
    # the row player's payoff 6a + 2b + 7c = 2 + 5c - 2d + 4a ... >= 2 with equality only
    # at (C, D) (worked in test_chicken_by_hand)
    pytest.param("min-player:0", [[0, 1], [0, 0]], [2, 7], 2, id="min-player-0"),
    pytest.param("min_player:1", [[0, 0], [1, 0]], [7, 2], 2, id="min-player-1"),
]


@pytest.mark.parametrize("objective,dist,payoffs,value", CHICKEN)
def test_chicken(objective, dist, payoffs, value):
    g = catalog.get("chicken")
    res = correlated_equilibrium(g, objective=objective)
    assert isinstance(res, CorrelatedResult)
    np.testing.assert_allclose(res.distribution, dist, atol=1e-9)
    np.testing.assert_allclose(res.payoffs, payoffs, atol=1e-9)
    assert res.objective_value == pytest.approx(value, abs=1e-9)
    assert res.gap <= 1e-12 and res.converged
    assert ce_gap(g, res.distribution) == res.gap
    assert res.elapsed is not None and res.elapsed >= 0


def test_chicken_by_hand():
    """Chicken with p = [[a, b], [c, d]] over (C, D) x (C, D).  The CE constraints are
    row told C: 6a + 2b >= 7a (a <= 2b); told D: 7c >= 6c + 2d (c >= 2d); column: a <= 2c,
    b >= 2d.  Welfare 12a + 9b + 9c = 9 + 3a - 9d, and a <= min(2b, 2c) <= b + c = 1 - a -
    d gives a <= (1 - d)/2, so welfare <= 10.5 - 10.5 d: the maximum 10.5 needs d = 0,
    a = 1/2, b = c = 1/4.  Those are exactly the rows of the sparse constraint matrix."""
    g = catalog.get("chicken")
    G = incentive_constraints(g).toarray()
    # variables in the order (C,C), (C,D), (D,C), (D,D); rows G p <= 0
    expected = np.array([[1, -2, 0, 0],     # row told C: 7a - (6a + 2b) = a - 2b
                         [0, 0, -1, 2],     # row told D: 6c + 2d - 7c = -c + 2d
                         [1, 0, -2, 0],     # column told C: a - 2c
                         [0, -1, 0, 2]])    # column told D: -b + 2d
    np.testing.assert_array_equal(G, expected)
    res = correlated_equilibrium(g, objective="welfare")
    assert res.objective_value == pytest.approx(10.5, abs=1e-12)
    # welfare above every Nash equilibrium: pure ones pay 9, the mixed one 28/3
    assert res.objective_value > 28 / 3 > 9


def test_coarse_equals_correlated_with_two_actions():
    """With two actions, the CCE constraint for a' is the CE constraint (a -> a') of the
    other action a (the a' -> a' term is 0), so CCE = CE: in chicken the best CCE is
    Aumann's CE again."""
    g = catalog.get("chicken")
    res = coarse_correlated_equilibrium(g, objective="welfare")
    assert res.method == "coarse_correlated_equilibrium"
    np.testing.assert_allclose(res.distribution, [[0.5, 0.25], [0.25, 0]], atol=1e-9)
    np.testing.assert_allclose(res.payoffs, [5.25, 5.25], atol=1e-9)
    assert cce_gap(g, res.distribution) <= 1e-12
    G_ce = incentive_constraints(g).toarray()
    G_cce = incentive_constraints(g, coarse=True).toarray()
    assert sorted(map(tuple, G_ce)) == sorted(map(tuple, G_cce))


# A 3x3 game in which the CCE set reaches higher welfare than the CE set.
SEP_A = [[3, 4, 1], [1, 3, 4], [2, 0, 4]]
SEP_B = [[2, 0, 0], [2, 3, 2], [4, 0, 2]]


def test_coarse_reaches_higher_welfare():
    """Total payoffs A + B are at most 6 at every profile, so a CCE of welfare 6 is
    optimal by that bound alone (checked here with the certificate); the best CE pays only
    5, cross-checked by the independent dense LP."""
    g = NormalFormGame.from_arrays(SEP_A, SEP_B)
    assert (np.asarray(SEP_A) + SEP_B).max() == 6
    cce = coarse_correlated_equilibrium(g, objective="welfare")
    assert cce.objective_value == pytest.approx(6.0, abs=1e-9)
    assert is_coarse_correlated_equilibrium(g, cce.distribution)
    ce = correlated_equilibrium(g, objective="welfare")
    assert ce.objective_value == pytest.approx(5.0, abs=1e-9)
    assert brute_lp_value(g, "welfare") == pytest.approx(5.0, abs=1e-7)
    assert brute_lp_value(g, "welfare", coarse=True) == pytest.approx(6.0, abs=1e-7)
    assert not is_correlated_equilibrium(g, cce.distribution)


# ---------------------------------------------------------------------------- RPS
@pytest.mark.parametrize("objective", OBJECTIVES + ["min-player:0", "player:1"])
def test_rps_unique_ce(objective):
    """Rock-paper-scissors has one correlated equilibrium, uniform over the 9 profiles
    (its CE polytope is a point), so every objective returns it with gap 0."""
    g = catalog.get("rock-paper-scissors")
    res = correlated_equilibrium(g, objective=objective)
    np.testing.assert_allclose(res.distribution, np.full((3, 3), 1 / 9), atol=1e-9)
    assert res.gap <= 1e-12 and res.converged
    np.testing.assert_allclose(res.payoffs, [0, 0], atol=1e-12)


def test_rps_nash_welfare_has_no_player_to_maximise():
    """Zero-sum: every CE pays each player its security level 0, so no gain can be
    maximised; the result is the (unique) CE and the Nash product is 0."""
    g = catalog.get("rock-paper-scissors")
    res = correlated_equilibrium(g, objective="nash_welfare")
    assert res.params["maximised_players"] == []
    assert res.params["disagreement"] == pytest.approx([0.0, 0.0], abs=1e-12)
    assert res.objective_value == pytest.approx(0.0, abs=1e-12)
    assert res.gap <= 1e-12


# ---------------------------------------------------------------------------- Nash welfare
def test_nash_welfare_chicken():
    """Security levels in chicken are 2 (chicken out: 6 or 2).  On the Pareto frontier of
    the CE payoffs, from (5.25, 5.25) towards (7, 2) the product (3.25 + 1.75 s)(3.25 -
    3.25 s) decreases, and symmetrically towards (2, 7), so the optimum is (5.25, 5.25)
    with product 3.25^2 = 10.5625."""
    g = catalog.get("chicken")
    res = correlated_equilibrium(g, objective="nash_welfare")
    assert res.params["disagreement"] == pytest.approx([2.0, 2.0])
    np.testing.assert_allclose(res.payoffs, [5.25, 5.25], atol=1e-6)
    assert res.objective_value == pytest.approx(10.5625, abs=1e-6)
    assert res.gap <= tol_of(g) and res.converged


@pytest.mark.parametrize("shape,seed", [((3, 3), 1), ((3, 4), 2), ((2, 2, 3), 3),
                                        ((3, 3, 2), 4)])
@pytest.mark.parametrize("coarse", [False, True], ids=["ce", "cce"])
def test_nash_welfare_beats_welfare_optimum(shape, seed, coarse):
    """The Nash-welfare optimum is an equilibrium, and its Nash product (disagreement at
    the security levels) is at least that of the welfare-maximising and the egalitarian
    equilibria, up to the interior-point accuracy."""
    g = gen.integer_game(shape, low=-5, high=5, rng=seed)
    solve = coarse_correlated_equilibrium if coarse else correlated_equilibrium
    gap = cce_gap if coarse else ce_gap
    nw = solve(g, objective="nash_welfare")
    assert nw.converged and gap(g, nw.distribution) <= tol_of(g)
    d = np.array([r.value for r in security_levels(g)])
    np.testing.assert_allclose(nw.params["disagreement"], d)
    assert np.all(nw.payoffs >= d - 1e-9)   # every equilibrium pays the security level
    mine = nash_welfare(np.maximum(nw.payoffs, d), d)
    for other in ("welfare", "egalitarian", "feasible"):
        r = solve(g, objective=other)
        theirs = nash_welfare(np.maximum(r.payoffs, d), d)
        assert mine >= theirs - 1e-6 * max(1.0, abs(theirs))


# ---------------------------------------------------------------------------- properties
def _game_strategy(max_players=3, max_actions=3):
    @st.composite
    def games(draw):
        n = draw(st.integers(2, max_players))
        shape = tuple(draw(st.integers(2, max_actions)) for _ in range(n))
        size = int(np.prod(shape)) * n
        vals = draw(st.lists(st.integers(-6, 6), min_size=size, max_size=size))
        return NormalFormGame(np.array(vals, dtype=float).reshape((n,) + shape))
    return games()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game=_game_strategy(), objective=st.sampled_from(LINEAR + ["feasible"]),
       coarse=st.booleans())
def test_random_games_certified_and_optimal(game, objective, coarse):
    """Every answer satisfies its incentive constraints (gap from gametheory.concepts),
    and its objective value equals the optimum of the independent dense LP."""
    solve = coarse_correlated_equilibrium if coarse else correlated_equilibrium
    res = solve(game, objective=objective)
    gap = (cce_gap if coarse else ce_gap)(game, res.distribution)
    assert gap == res.gap
    assert gap <= tol_of(game) and res.converged
    assert res.distribution.shape == game.num_actions
    assert res.distribution.min() >= 0 and res.distribution.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(res.payoffs, correlated_payoffs(game, res.distribution),
                               atol=1e-12)
    if objective != "feasible":
        assert res.objective_value == pytest.approx(
            brute_lp_value(game, objective, coarse), abs=1e-6)


@settings(max_examples=15, deadline=None)
@given(game=_game_strategy(max_players=2, max_actions=4))
def test_ce_welfare_beats_every_nash_equilibrium(game):
    """Every product of a Nash equilibrium is a CE, so the best CE's welfare is at least
    each pure equilibrium's (gametheory.solvers.pure) and each mixed one's (nashpy's
    support enumeration; its vertex enumeration crashes on degenerate games such as an
    all-zero one, and its answers are checked with ce_gap before use)."""
    nashpy = pytest.importorskip("nashpy")
    res = correlated_equilibrium(game, objective="welfare")
    for eq in pure(game):
        assert res.objective_value >= eq.payoffs.sum() - 1e-9
    A, B = game.payoffs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = list(nashpy.Game(A, B).support_enumeration())
    for x, y in found:
        x = np.clip(x, 0, None) / np.clip(x, 0, None).sum()
        y = np.clip(y, 0, None) / np.clip(y, 0, None).sum()
        p = product_distribution(game, [x, y])
        if ce_gap(game, p) <= 1e-7:   # nashpy's answer is an equilibrium
            assert res.objective_value >= correlated_payoffs(game, p).sum() - 1e-7


def test_three_player_welfare_beats_pure_equilibria():
    for seed in range(5):
        g = gen.integer_game((3, 3, 3), low=0, high=9, rng=seed)
        res = correlated_equilibrium(g, objective="welfare")
        assert res.converged
        for eq in pure(g):
            assert res.objective_value >= eq.payoffs.sum() - 1e-9
        assert res.objective_value == pytest.approx(brute_lp_value(g, "welfare"), abs=1e-6)


def test_four_player_game():
    """A 4-player, 4-action game (256 profiles, 48 CE constraints)."""
    g = gen.normal_game((4, 4, 4, 4), rng=11)
    for obj in ("welfare", "egalitarian", "player:3"):
        res = correlated_equilibrium(g, objective=obj)
        assert res.converged and res.gap <= tol_of(g)
    res = correlated_equilibrium(g, objective="welfare")
    assert res.objective_value == pytest.approx(brute_lp_value(g, "welfare"), abs=1e-6)


def test_many_players_use_interior_point():
    """8 players with 3 actions: 6,561 profiles and 48 constraints, so the LP goes to
    HiGHS's interior-point method (with crossover); the optimum matches the dual simplex
    on the same constraint matrix."""
    g = gen.normal_game((3,) * 8, rng=0)
    assert ce_mod._Problem(g, coarse=False).algo == "highs-ipm"
    res = correlated_equilibrium(g, objective="welfare")
    assert res.converged and res.gap <= tol_of(g)
    G = incentive_constraints(g)
    N = g.num_profiles
    ref = linprog(-g.payoff_array.reshape(8, N).sum(axis=0), A_ub=G, b_ub=np.zeros(G.shape[0]),
                  A_eq=np.ones((1, N)), b_eq=[1.0], bounds=(0, None), method="highs-ds")
    assert res.objective_value == pytest.approx(-ref.fun, abs=1e-7)


@pytest.mark.parametrize("coarse", [False, True], ids=["ce", "cce"])
def test_incentive_constraints_are_the_definition(coarse):
    """G @ p gives every gain of the definition: its largest row per player is the gap
    that gametheory.concepts computes, for random distributions of a 3-player game."""
    g = gen.integer_game((2, 3, 4), low=-5, high=5, rng=3)
    G = incentive_constraints(g, coarse=coarse)
    m = g.num_actions
    rows = [mi if coarse else mi * (mi - 1) for mi in m]
    assert G.shape == (sum(rows), g.num_profiles)
    gaps = cce_gaps if coarse else ce_gaps
    rng = np.random.default_rng(0)
    for _ in range(5):
        p = rng.dirichlet(np.ones(g.num_profiles))
        gains = G @ p
        per_player = np.split(gains, np.cumsum(rows)[:-1])
        np.testing.assert_allclose([max(0.0, r.max()) for r in per_player],
                                   gaps(g, p.reshape(m)), atol=1e-12)


def test_constant_game_has_no_constraints():
    g = NormalFormGame([np.ones((2, 3)), np.ones((2, 3))])
    assert incentive_constraints(g).nnz == 0
    res = correlated_equilibrium(g, objective="feasible")
    assert res.converged and res.distribution.sum() == pytest.approx(1.0)


def test_one_player_game():
    g = NormalFormGame([[1.0, 3.0, 2.0]])
    res = correlated_equilibrium(g, objective="feasible")
    np.testing.assert_allclose(res.distribution, [0, 1, 0], atol=1e-12)


# ---------------------------------------------------------------------------- result
def test_to_dict_and_support():
    g = catalog.get("chicken")
    res = correlated_equilibrium(g, objective="welfare")
    d = res.to_dict()
    assert set(d) == {"method", "objective", "distribution", "payoffs", "gap", "labels",
                      "converged", "elapsed"}
    assert d["converged"] is True
    assert d["method"] == "correlated_equilibrium" and d["objective"] == "welfare"
    np.testing.assert_allclose(d["distribution"], [[0.5, 0.25], [0.25, 0.0]], atol=1e-9)
    assert d["labels"] == [["C", "D"], ["C", "D"]]
    assert json.loads(json.dumps(d)) == d
    assert res.support() == [("C", "C"), ("C", "D"), ("D", "C")]
    assert res.support(tol=0.3) == [("C", "C")]
    assert not res.distribution.flags.writeable


def test_objective_names_are_normalised():
    g = catalog.get("chicken")
    assert correlated_equilibrium(g, objective="Utilitarian").objective == "welfare"
    assert correlated_equilibrium(g, objective="nash-welfare").objective == "nash_welfare"
    assert correlated_equilibrium(g, objective="player:Player 1").objective == "player:0"
    assert correlated_equilibrium(g, objective="min_player:1").objective == "min-player:1"


@pytest.mark.parametrize("objective", ["bogus", "player:2", "player:-1", "player:x",
                                       "max:0", "", 3, None])
def test_bad_objective(objective):
    with pytest.raises(UnknownNameError):
        correlated_equilibrium(catalog.get("chicken"), objective=objective)


def test_bad_inputs():
    with pytest.raises(UnsupportedGameError):
        correlated_equilibrium([[1, 2], [3, 4]])
    with pytest.raises(ValueError):
        correlated_equilibrium(catalog.get("chicken"), tol=-1)
    with pytest.raises(UnsupportedGameError):
        coarse_correlated_equilibrium(catalog.get("big-match"))


class _Failed:
    status, message, x, fun, nit = 4, "numerical difficulties (injected)", None, None, 0


def test_lp_failure_raises(monkeypatch):
    monkeypatch.setattr(ce_mod, "linprog", lambda *a, **k: _Failed())
    for solve in (correlated_equilibrium, coarse_correlated_equilibrium):
        with pytest.raises(SolverError, match="status 4"):
            solve(catalog.get("chicken"))
    with pytest.raises(SolverError):
        correlated_equilibrium(catalog.get("chicken"), objective="nash_welfare")


def test_convex_program_failure_raises(monkeypatch):
    import cvxpy as cp

    def broken(self, *args, **kwargs):
        raise cp.error.SolverError("injected")
    monkeypatch.setattr(cp.Problem, "solve", broken)
    with pytest.raises(SolverError, match="Nash-welfare"):
        correlated_equilibrium(catalog.get("chicken"), objective="nash_welfare")


def _perturbing_linprog(always: bool):
    """linprog whose answer puts 1e-6 more mass on (C, C), which breaks the tight
    constraint a <= 2b of the welfare optimum of chicken by about 1e-6; only on the first
    call unless ``always``."""
    calls = []

    def fake(c, **kw):
        res = linprog(c, **kw)
        calls.append(kw.get("options"))
        if always or len(calls) == 1:
            res.x = res.x.copy()
            res.x[0] += 1e-6
        return res
    return fake, calls


def test_refines_when_the_certificate_fails(monkeypatch):
    fake, calls = _perturbing_linprog(always=False)
    monkeypatch.setattr(ce_mod, "linprog", fake)
    res = correlated_equilibrium(catalog.get("chicken"))
    assert len(calls) == 2 and calls[1]["primal_feasibility_tolerance"] == 1e-10
    assert res.converged and res.gap <= 1e-12


def test_not_converged_when_refinement_fails(monkeypatch):
    fake, calls = _perturbing_linprog(always=True)
    monkeypatch.setattr(ce_mod, "linprog", fake)
    g = catalog.get("chicken")
    res = correlated_equilibrium(g)
    assert not res.converged
    assert res.gap == ce_gap(g, res.distribution) > tol_of(g)
    assert res.gap < 1e-5


def test_correlated_payoff_region_of_chicken():
    """Chicken's CE payoff polygon (Aumann 1974 example): its vertices include the two pure
    equilibria (7, 2) and (2, 7), the welfare optimum (5.25, 5.25) is on its boundary, and
    every vertex is the payoff of a CE (checked by maximising in that direction)."""
    from gametheory.solvers import correlated_payoff_region
    g = catalog.get("chicken")
    region = correlated_payoff_region(g, num_directions=96)
    pts = {tuple(np.round(p, 6)) for p in region}
    assert (7.0, 2.0) in pts and (2.0, 7.0) in pts
    assert np.isclose(region.sum(axis=1).max(), 10.5)
    # the mixed Nash payoff (14/3, 14/3) lies inside (below the welfare frontier)
    assert region.sum(axis=1).max() > 2 * 14 / 3
    # no CE gives a player more than 7 or less than 2
    assert region.min() >= 2 - 1e-9 and region.max() <= 7 + 1e-9
    coarse = correlated_payoff_region(g, coarse=True, num_directions=96)
    assert np.allclose(np.sort(coarse, axis=0), np.sort(region, axis=0), atol=1e-7)
