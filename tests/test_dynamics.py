"""Learning dynamics: no-regret bounds, convergence facts from the literature, agreement
with plain numpy reference implementations and with nashpy / QuantEcon, and errors.

Every certificate (max_regret, ce_gap, cce_gap, the minimax value) is computed by
gametheory.concepts / gametheory.solvers, never by the dynamics under test."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import cce_gap, ce_gap, max_regret, regrets
from gametheory.games import catalog, generators
from gametheory.learning import (DYNAMICS, BestResponseDynamics, FictitiousPlay, Hedge,
                                 InternalRegretMatching, LogitDynamics, RegretMatching,
                                 RegretMatchingPlus, Replicator, StochasticFictitiousPlay,
                                 TrajectoryResult, get_dynamics)
from gametheory.solvers import minimax


def _payoff_range(game):
    P = game.payoff_array.reshape(game.num_players, -1)
    return P.max(axis=1) - P.min(axis=1)


# ------------------------------------------------------------------- numpy references
def _values(game, strategies):
    return game.all_action_values(list(strategies))


def _reference_rm(game, x0, T, plus=False, linear=False):
    """Expected regret matching (+) in plain numpy: the averages after T rounds."""
    xs = [np.array(s, dtype=float) for s in x0]
    cum = [np.zeros_like(s) for s in xs]
    sums = [np.zeros_like(s) for s in xs]
    for t in range(1, T + 1):
        w = t if linear else 1.0
        vals = _values(game, xs)
        for i, (x, v) in enumerate(zip(xs, vals)):
            sums[i] += w * x
            cum[i] = cum[i] + v - x @ v
            if plus:
                cum[i] = np.maximum(cum[i], 0)
        for i in range(len(xs)):
            pos = np.maximum(cum[i], 0)
            xs[i] = pos / pos.sum() if pos.sum() > 0 else np.full(len(pos), 1 / len(pos))
    total = T * (T + 1) / 2 if linear else T
    return [s / total for s in sums]


def _reference_hedge(game, T):
    m = game.num_actions
    delta = _payoff_range(game)
    cum = [np.zeros(k) for k in m]
    sums = [np.zeros(k) for k in m]
    xs = [np.full(k, 1 / k) for k in m]
    for t in range(1, T + 1):
        vals = _values(game, xs)
        for i, (x, v) in enumerate(zip(xs, vals)):
            sums[i] += x
            cum[i] += v - x @ v
        for i in range(len(xs)):
            eta = math.sqrt(8 * math.log(m[i]) / (t + 1)) / delta[i]
            z = eta * cum[i]
            e = np.exp(z - z.max())
            xs[i] = e / e.sum()
    return [s / T for s in sums]


def _reference_fp(game, T):
    """Simultaneous fictitious play with beliefs = independent empirical marginals, one
    uniform virtual round to start, smallest-index tie-breaking."""
    counts = [np.full(k, 1 / k) for k in game.num_actions]
    for t in range(T):
        beliefs = [c / c.sum() for c in counts]
        vals = _values(game, beliefs)
        acts = [int(np.argmax(v)) for v in vals]
        for c, a in zip(counts, acts):
            c[a] += 1
    return [c / c.sum() for c in counts]


# --------------------------------------------------------------------------- registry
def test_registry_names_and_lookup():
    assert set(DYNAMICS) == {
        "regret_matching", "regret_matching_plus", "internal_regret_matching", "hedge",
        "fictitious_play", "stochastic_fictitious_play", "best_response_dynamics",
        "replicator", "logit_dynamics"}
    for name, cls in DYNAMICS.items():
        assert cls.name == name
        assert get_dynamics(name) is cls
    assert get_dynamics("Fictitious-Play") is FictitiousPlay
    with pytest.raises(UnknownNameError, match="regret_matching"):
        get_dynamics("regret-matchin")
    with pytest.raises(KeyError):
        get_dynamics("nope")


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("cls", list(DYNAMICS.values()), ids=list(DYNAMICS))
def test_bad_iterations_and_record_every(cls):
    dyn = cls(catalog.get("matching-pennies"))
    for bad in (0, -3, 1.5, True, "10"):
        with pytest.raises(InvalidOptionError):
            dyn.run(bad)
    with pytest.raises(InvalidOptionError):
        dyn.run(10, record_every=0)
    with pytest.raises(UnsupportedGameError):
        cls([[1, 0], [0, 1]])


@pytest.mark.parametrize("cls", [c for c in DYNAMICS.values() if c is not BestResponseDynamics],
                         ids=[n for n, c in DYNAMICS.items() if c is not BestResponseDynamics])
@pytest.mark.parametrize("initial", [[[0.5, 0.5]], [[0.5, 0.6], [0.5, 0.5]],
                                     [[1.2, -0.2], [0.5, 0.5]], [[0.5, 0.5], [1, 0, 0]]],
                         ids=["one-player", "sum", "negative", "shape"])
def test_bad_initial_strategy(cls, initial):
    with pytest.raises(InvalidProfileError):
        cls(catalog.get("battle-of-the-sexes"), initial=initial)


@pytest.mark.parametrize("cls, kwargs", [
    (Hedge, {"learning_rate": 0}), (Hedge, {"learning_rate": -1.0}),
    (RegretMatching, {"sampled": "yes"}), (RegretMatching, {"tol": 0}),
    (RegretMatchingPlus, {"linear_averaging": 1}),
    (InternalRegretMatching, {"mu": -2}), (FictitiousPlay, {"initial_weight": 0}),
    (StochasticFictitiousPlay, {"temperature": 0}),
    (StochasticFictitiousPlay, {"temperature": float("nan")}),
    (Replicator, {"step_size": -0.1}), (Replicator, {"rtol": 0}),
    (LogitDynamics, {"eta": 0}), (LogitDynamics, {"step_size": 1.5}),
], ids=lambda v: str(v) if isinstance(v, dict) else v.__name__)
def test_bad_hyperparameter(cls, kwargs):
    with pytest.raises(InvalidOptionError):
        cls(catalog.get("chicken"), **kwargs)


def test_unknown_option_names_and_unsupported_games():
    g = catalog.get("chicken")
    with pytest.raises(UnknownNameError):
        Replicator(g, method="rk4")
    with pytest.raises(UnknownNameError):
        FictitiousPlay(g, tie_breaking="largest")
    with pytest.raises(UnknownNameError):
        BestResponseDynamics(g, mode="async")
    with pytest.raises(UnsupportedGameError):
        Replicator(catalog.get("battle-of-the-sexes"), population="single")
    with pytest.raises(InvalidProfileError):
        Replicator(g, population="single", initial=[[1, 0], [0, 1]])
    with pytest.raises(InvalidProfileError):
        BestResponseDynamics(g, initial=[[0.5, 0.5], [1, 0]])
    with pytest.raises(InvalidProfileError):
        BestResponseDynamics(g, initial=("C", "X"))
    with pytest.raises(UnsupportedGameError):
        Replicator(catalog.get("three-player-matching-pennies")).rest_points()


# ------------------------------------------------------------ result shape and state
def test_result_shapes_records_and_json():
    g = generators.uniform_game((3, 4), rng=0)
    dyn = RegretMatching(g)
    res = dyn.run(5000)
    assert isinstance(res, TrajectoryResult)
    assert res.iterations == 5000 and res.target == "cce"
    # initial state + one record every 5 iterations
    assert res.times[0] == 0 and res.times[-1] == 5000 and len(res.times) == 1001
    assert res.params["record_every"] == 5
    assert [h.shape for h in res.average_history] == [(1001, 3), (1001, 4)]
    assert [h.shape for h in res.current_history] == [(1001, 3), (1001, 4)]
    assert res.regret_history.shape == (1001, 2) and res.distance.shape == (1001,)
    assert res.joint_distribution.shape == (3, 4)
    np.testing.assert_allclose(res.joint_distribution.sum(), 1.0)
    for avg, hist in zip(res.average_strategies, res.average_history):
        np.testing.assert_allclose(hist[-1], avg, atol=1e-12)
    # the certificate comes from gametheory.concepts
    assert res.max_regret == pytest.approx(max_regret(g, res.average_strategies), abs=1e-15)
    d = json.loads(json.dumps(res.to_dict(history=True)))
    assert {"dynamics", "iterations", "average_strategies", "joint_distribution",
            "max_regret", "times", "distance_history"} <= set(d)
    assert d["dynamics"] == "regret_matching" and len(d["joint_distribution"]) == 3
    with pytest.raises(AttributeError):
        res.iterations = 3  # frozen


@pytest.mark.parametrize("cls, kwargs", [
    (RegretMatching, {"sampled": True, "rng": 5}), (InternalRegretMatching, {"rng": 5}),
    (StochasticFictitiousPlay, {"rng": 5}), (FictitiousPlay, {}), (Hedge, {}),
    (Replicator, {"initial": [[0.2, 0.8], [0.6, 0.4]]}), (LogitDynamics, {}),
], ids=lambda v: v.__name__ if isinstance(v, type) else "")
def test_runs_continue_where_they_stopped(cls, kwargs):
    g = catalog.get("battle-of-the-sexes")
    whole = cls(g, **kwargs).run(3000, record_every=100)
    split = cls(g, **kwargs)
    split.run(1000, record_every=100)
    res = split.run(2000, record_every=100)
    assert res.iterations == 3000
    np.testing.assert_array_equal(res.times, whole.times)
    for a, b in zip(res.average_strategies, whole.average_strategies):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    np.testing.assert_allclose(res.distance, whole.distance, rtol=0, atol=1e-12)


def test_same_seed_same_trajectory_other_seed_other():
    g = generators.uniform_game((5, 5), rng=1)
    a = RegretMatching(g, sampled=True, rng=3).run(2000)
    b = RegretMatching(g, sampled=True, rng=3).run(2000)
    c = RegretMatching(g, sampled=True, rng=4).run(2000)
    np.testing.assert_array_equal(a.joint_distribution, b.joint_distribution)
    assert not np.array_equal(a.joint_distribution, c.joint_distribution)


# ------------------------------------------------------------------- regret matching
def test_regret_matching_regret_bound_and_rate():
    """Average external regret of regret matching is at most Delta * sqrt(m / T) against
    any opponent (Hart and Mas-Colell 2000; the bound as in Zinkevich et al. 2007), and
    with sampled play in a game without pure equilibrium it decays like T^(-1/2)."""
    g = generators.zero_sum_game((6, 8), rng=11)
    delta = _payoff_range(g)
    for sampled in (False, True):
        res = RegretMatching(g, sampled=sampled, rng=2).run(100_000, record_every=100)
        t = res.times[1:].astype(float)
        for i, m in enumerate(g.num_actions):
            assert np.all(res.regret_history[1:, i] <= delta[i] * np.sqrt(m / t))
        # the regrets are the CCE gaps of the joint distribution (concepts.cce_gap)
        assert res.distance[-1] == pytest.approx(cce_gap(g, res.joint_distribution),
                                                 abs=1e-12)
        if sampled:
            r = res.regret_history.max(axis=1)
            lo, hi = np.searchsorted(res.times, [100, 100_000])
            slope = np.polyfit(np.log(res.times[lo:hi + 1]), np.log(r[lo:hi + 1]), 1)[0]
            assert -0.8 < slope < -0.35
    # zero-sum: the averages approach the minimax value (the CCE gap bounds the error)
    res = RegretMatching(g).run(100_000)
    x, y = res.average_strategies
    assert float(x @ g.payoffs[0] @ y) == pytest.approx(minimax(g).value, abs=2e-3)
    assert res.max_regret < 5e-3


def test_regret_matching_matches_numpy_reference_three_players():
    g = generators.uniform_game((3, 2, 4), rng=6)
    x0 = [[0.2, 0.3, 0.5], [0.9, 0.1], [0.25] * 4]
    res = RegretMatching(g, initial=x0).run(300)
    for a, b in zip(res.average_strategies, _reference_rm(g, x0, 300)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)
    res = RegretMatchingPlus(g, initial=x0).run(300)
    for a, b in zip(res.average_strategies, _reference_rm(g, x0, 300, plus=True,
                                                          linear=True)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)
    res = RegretMatching(g).run(3000)
    assert res.distance[-1] == pytest.approx(cce_gap(g, res.joint_distribution), abs=1e-12)


def test_regret_matching_plus_zero_sum():
    """RM+ with linear averaging (Tammelin et al. 2015) on a random zero-sum game: the
    averages reach the minimax value; its regret obeys the RM bound."""
    g = generators.zero_sum_game(7, rng=3)
    res = RegretMatchingPlus(g).run(20_000)
    x, y = res.average_strategies
    assert float(x @ g.payoffs[0] @ y) == pytest.approx(minimax(g).value, abs=1e-3)
    assert res.max_regret < 2e-3
    plain = RegretMatchingPlus(g, linear_averaging=False).run(20_000)
    t = plain.times[1:].astype(float)
    assert np.all(plain.regret_history[1:] <= _payoff_range(g)[0] * np.sqrt(7 / t)[:, None])


# ---------------------------------------------------------------------------- hedge
def test_hedge_regret_bound_and_reference():
    """Anytime Hedge: regret after T rounds at most Delta (2 sqrt(T ln m / 2) +
    sqrt(ln m / 8)) (Cesa-Bianchi and Lugosi 2006, Theorem 2.3)."""
    g = generators.uniform_game((5, 9), rng=21)
    delta = _payoff_range(g)
    res = Hedge(g).run(50_000, record_every=50)
    t = res.times[1:].astype(float)
    for i, m in enumerate(g.num_actions):
        bound = delta[i] * (2 * np.sqrt(t * np.log(m) / 2) + np.sqrt(np.log(m) / 8)) / t
        assert np.all(res.regret_history[1:, i] <= bound)
    small = Hedge(g).run(200)
    for a, b in zip(small.average_strategies, _reference_hedge(g, 200)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)
    # constant rate for a known horizon: regret <= Delta sqrt(T ln m / 2) (Theorem 2.2)
    T = 20_000
    eta = math.sqrt(8 * math.log(9) / T) / delta[1]
    fixed = Hedge(g, learning_rate=eta).run(T)
    assert fixed.regret_history[-1, 1] <= delta[1] * math.sqrt(math.log(9) / (2 * T))


# ---------------------------------------------------------- internal regret matching
def test_internal_regret_matching_approaches_correlated_equilibria():
    """Hart and Mas-Colell (2000): the empirical joint distribution of conditional regret
    matching approaches the CE set.  Shapley's game has no pure equilibrium, so play
    keeps moving; chicken is the brief's example (Aumann 1974)."""
    sh = catalog.get("shapley")
    for seed in range(3):
        res = InternalRegretMatching(sh, rng=seed).run(100_000, record_every=1000)
        gap = ce_gap(sh, res.joint_distribution)
        assert res.distance[-1] == pytest.approx(gap, abs=1e-12)
        assert gap < 0.03
        assert gap < 0.5 * res.distance[1]  # t = 1000
        assert res.target == "ce"
    ch = catalog.get("chicken")
    res = InternalRegretMatching(ch, rng=0).run(20_000)
    assert ce_gap(ch, res.joint_distribution) < 0.05
    g = generators.uniform_game((3, 3), rng=4)  # a 3x3 game without pure equilibrium
    res = InternalRegretMatching(g, rng=1).run(100_000)
    assert ce_gap(g, res.joint_distribution) < 0.02
    # three players
    g3 = catalog.get("three-player-matching-pennies")
    res = InternalRegretMatching(g3, rng=2).run(50_000)
    assert res.distance[-1] == pytest.approx(ce_gap(g3, res.joint_distribution), abs=1e-12)
    assert res.distance[-1] < 0.05


# -------------------------------------------------------------------- fictitious play
@pytest.mark.parametrize("name, bound", [("matching-pennies", 0.01),
                                         ("rock-paper-scissors", 0.01)])
def test_fictitious_play_converges_in_zero_sum_games(name, bound):
    """Robinson (1951): the beliefs of fictitious play converge to minimax strategies in
    two-player zero-sum games."""
    g = catalog.get(name)
    res = FictitiousPlay(g, initial=[0, 1]).run(100_000)
    assert res.max_regret < bound
    assert res.distance[-1] == pytest.approx(res.max_regret, abs=1e-12)
    for s in res.average_strategies:
        np.testing.assert_allclose(s, np.full(len(s), 1 / len(s)), atol=bound)


def test_fictitious_play_random_zero_sum_value():
    g = generators.zero_sum_game(6, rng=4)
    res = FictitiousPlay(g).run(100_000)
    x, y = res.average_strategies
    assert float(x @ g.payoffs[0] @ y) == pytest.approx(minimax(g).value, abs=1e-3)
    assert res.max_regret < 5e-3
    assert res.distance[-1] < res.distance[10] / 2


def test_fictitious_play_cycles_in_shapley_game():
    """Shapley (1964): play cycles through six profiles with run lengths growing
    geometrically, and the beliefs do not converge to the (uniform) equilibrium."""
    g = catalog.get("shapley")
    res = FictitiousPlay(g, initial=[0, 1]).run(20_000, record_every=1)
    assert res.distance[5000:].min() > 0.1
    acts = np.argmax(res.current_history[0][1:], axis=1)
    changes = np.flatnonzero(np.diff(acts)) + 1
    runs = np.diff(np.concatenate([[0], changes]))  # complete runs only
    assert len(runs) >= 8
    assert np.all(np.diff(runs[1:]) > 0)  # strictly growing
    assert np.all(runs[3:] / runs[2:-1] > 1.8)
    # every action keeps being played
    assert set(acts[-10_000:]) | set(acts[:1000]) == {0, 1, 2}


def test_fictitious_play_agrees_with_nashpy_and_quantecon():
    nashpy = pytest.importorskip("nashpy")
    g = generators.uniform_game((4, 5), rng=3)
    A, B = (np.array(p) for p in g.payoffs)
    res = FictitiousPlay(g, initial=[0, 0]).run(500)
    counts = list(nashpy.Game(A, B).fictitious_play(
        iterations=500, play_counts=[np.eye(4)[0], np.eye(5)[0]]))[-1]
    for s, c in zip(res.average_strategies, counts):
        np.testing.assert_allclose(s * 501, c, atol=1e-9)
    qe = pytest.importorskip("quantecon.game_theory")
    q = qe.FictitiousPlay(qe.NormalFormGame([qe.Player(A), qe.Player(B.T.copy())]))
    out = q.play(actions=(np.eye(4)[0], np.eye(5)[0]), num_reps=500)
    for s, o in zip(res.average_strategies, out):
        np.testing.assert_allclose(s, o, atol=1e-12)


def test_fictitious_play_three_players_matches_reference():
    g = generators.uniform_game((3, 4, 2), rng=8)
    res = FictitiousPlay(g).run(400)
    for a, b in zip(res.average_strategies, _reference_fp(g, 400)):
        np.testing.assert_allclose(a, b, atol=1e-12)
    assert res.distance[-1] == pytest.approx(max_regret(g, res.average_strategies), abs=1e-12)


def test_fictitious_play_random_ties_use_rng():
    g = catalog.get("rock-paper-scissors")  # uniform beliefs: every action ties
    a = FictitiousPlay(g, tie_breaking="random", rng=1).run(50)
    b = FictitiousPlay(g, tie_breaking="random", rng=2).run(50)
    c = FictitiousPlay(g).run(50)
    assert np.argmax(c.current_history[0][1]) == 0  # smallest index
    assert any(not np.array_equal(x, y) for x, y in zip(a.average_strategies,
                                                        b.average_strategies))


def test_stochastic_fictitious_play_reaches_logit_equilibrium():
    """Deterministic smooth fictitious play: the beliefs converge to the logit QRE in
    zero-sum games (Hofbauer and Sandholm 2002); the residual of the fixed point
    equation decays like 1/t.  Sampled play: beliefs approach (1/2, 1/2) in matching
    pennies."""
    g = generators.zero_sum_game(3, rng=1)
    temp = 0.2
    res = StochasticFictitiousPlay(g, sampled=False, temperature=temp).run(20_000)
    bel = res.average_strategies
    for v, b in zip(_values(g, bel), bel):
        q = np.exp((v - v.max()) / temp)
        np.testing.assert_allclose(q / q.sum(), b, atol=1e-3)
    mp = catalog.get("matching-pennies")
    res = StochasticFictitiousPlay(mp, temperature=0.05, rng=3).run(100_000)
    assert res.max_regret < 0.03
    assert res.joint_distribution.sum() == pytest.approx(1.0)


# ------------------------------------------------------------ best-response dynamics
def test_best_response_dynamics_rest_points_and_cycles():
    pd = catalog.get("prisoners-dilemma")
    brd = BestResponseDynamics(pd, initial=("C", "C"))
    res = brd.run(50)
    assert (res.iterations, res.converged, brd.rest_point) == (2, True, (1, 1))
    assert res.max_regret > 0  # the frequencies include the round at (C, C)
    # simultaneous revision in pure coordination miscoordinates forever: a 2-cycle
    co = catalog.get("pure-coordination")
    sim = BestResponseDynamics(co, initial=(0, 1), mode="simultaneous")
    res = sim.run(10)
    assert not res.converged and sim.cycle == [(0, 1), (1, 0)]
    seq = BestResponseDynamics(co, initial=(0, 1))
    assert seq.run(10).converged and seq.rest_point == (1, 1)
    # Shapley's game: the best-reply cycle (0,0) -> (2,2) -> (1,1) under simultaneous moves
    sh = BestResponseDynamics(catalog.get("shapley"), initial=(0, 0), mode="simultaneous")
    sh.run(30)
    assert sorted(sh.cycle) == [(0, 0), (1, 1), (2, 2)]
    # a 3-player common-interest game is a potential game: sequential BRD stops at a
    # pure equilibrium (Monderer and Shapley 1996)
    g = NormalFormGame.common_reward(generators.uniform_game((4, 3, 5), rng=2).payoffs[0])
    for seed in range(5):
        brd = BestResponseDynamics(g, rng=seed)
        res = brd.run(100)
        assert res.converged
        assert regrets(g, list(brd.rest_point)).max() == 0.0


# ----------------------------------------------------------------------- replicator
def test_replicator_rps_orbits_conserve_product():
    """Rock-paper-scissors: x1 x2 x3 is a constant of motion of the replicator ODE
    (Hofbauer and Sigmund 1998); with two populations x1 x2 x3 y1 y2 y3 is."""
    rps = catalog.get("rock-paper-scissors")
    res = Replicator(rps, initial=[0.5, 0.3, 0.2], method="ode", step_size=0.01,
                     rtol=1e-10, atol=1e-12).run(3000)
    assert res.params["population"] == "single"
    assert res.times[-1] == pytest.approx(30.0)
    prod = np.prod(res.current_history[0], axis=1)
    np.testing.assert_allclose(prod, 0.03, rtol=1e-6)
    # the orbit is not a rest point: it moves around the centroid
    assert np.ptp(res.current_history[0][:, 0]) > 0.2
    # the time average approaches the interior equilibrium
    np.testing.assert_allclose(res.average_strategies[0], [1 / 3] * 3, atol=0.03)
    res = Replicator(rps, initial=[[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]], method="ode",
                     rtol=1e-10, atol=1e-12).run(2000)
    assert res.params["population"] == "multi"
    prod = np.prod(res.current_history[0], axis=1) * np.prod(res.current_history[1], axis=1)
    np.testing.assert_allclose(prod, 0.03 * 0.024, rtol=1e-6)
    # Euler steps spiral outward slowly: the product decreases but stays close
    disc = Replicator(rps, initial=[0.5, 0.3, 0.2], step_size=1e-3).run(30_000)
    prod = np.prod(disc.current_history[0], axis=1)
    assert np.all(np.diff(prod) <= 1e-15) and prod[-1] > 0.029


@pytest.mark.parametrize("method", ["discrete", "ode"])
def test_replicator_dominated_strategy_goes_extinct(method):
    """Prisoner's dilemma: the strictly dominated action C vanishes (Akin 1980)."""
    pd = catalog.get("prisoners-dilemma")
    res = Replicator(pd, initial=[[0.9, 0.1], [0.6, 0.4]], method=method,
                     step_size=0.05).run(2000)
    assert all(s[0] < 1e-12 for s in res.current_strategies)
    assert res.converged
    share = res.current_history[0][:, 0]
    above = share[share > 1e-8]  # below the ODE solver's absolute tolerance: noise
    assert len(above) > 100 and np.all(np.diff(above) < 0)  # monotone decline


def test_replicator_discrete_tracks_ode_and_rest_points():
    g = catalog.get("battle-of-the-sexes")
    x0 = [[0.5, 0.5], [0.3, 0.7]]
    ode = Replicator(g, initial=x0, method="ode", step_size=0.001).run(5000)
    disc = Replicator(g, initial=x0, step_size=0.001).run(5000)
    for a, b in zip(ode.current_strategies, disc.current_strategies):
        np.testing.assert_allclose(a, b, atol=5e-3)
    rest = Replicator(g).rest_points()
    assert len(rest) == 5  # four pure profiles and the mixed equilibrium
    x, y = rest[-1]
    np.testing.assert_allclose(x, [2 / 3, 1 / 3])
    np.testing.assert_allclose(y, [1 / 3, 2 / 3])
    rps = Replicator(catalog.get("rock-paper-scissors"))
    pts = rps.rest_points()
    assert len(pts) == 4 and np.allclose(pts[-1][0], 1 / 3)


def test_replicator_three_players_and_joint():
    g = catalog.get("three-player-matching-pennies")
    x0 = [[0.6, 0.4], [0.5, 0.5], [0.3, 0.7]]
    disc = Replicator(g, initial=x0, step_size=1e-3).run(4000)
    ode = Replicator(g, initial=x0, method="ode", step_size=1e-3).run(4000)
    for a, b in zip(ode.current_strategies, disc.current_strategies):
        np.testing.assert_allclose(a, b, atol=5e-3)
    for res in (disc, ode):
        assert res.joint_distribution.shape == (2, 2, 2)
        # the regret history is the CCE gap of the time-average product distribution
        assert res.regret_history[-1].max() == pytest.approx(
            cce_gap(g, res.joint_distribution), abs=1e-6)


# ------------------------------------------------------------------ logit dynamics
def _logit_qre_2x2(game, eta):
    """The logit QRE of a 2x2 game by bisection on the row player's first probability
    (the map p -> response(response(p)) is monotone here)."""
    from scipy.optimize import brentq
    A, B = (np.array(p) for p in game.payoffs)

    def sigma(v):
        z = np.exp((v - v.max()) / eta)
        return z / z.sum()

    def col(p):
        return sigma(np.array([p, 1 - p]) @ B)

    def gap(p):
        return sigma(A @ col(p))[0] - p

    p = brentq(gap, 1e-12, 1 - 1e-12, xtol=1e-14)
    return np.array([p, 1 - p]), col(p)


def test_logit_dynamics_rest_point_is_the_logit_qre():
    g = NormalFormGame.from_arrays([[3, 0], [1, 2]], [[1, 3], [2, 0]])  # unique mixed NE
    eta = 0.5
    res = LogitDynamics(g, eta=eta, step_size=0.2).run(3000)
    assert res.converged
    x_ref, y_ref = _logit_qre_2x2(g, eta)
    np.testing.assert_allclose(res.current_strategies[0], x_ref, atol=1e-9)
    np.testing.assert_allclose(res.current_strategies[1], y_ref, atol=1e-9)
    # lower noise: the QRE approaches the Nash equilibrium x = (1/2, 1/2), y = (1/2, 1/2)
    cold = LogitDynamics(g, eta=0.01, step_size=0.05).run(20_000)
    assert max_regret(g, cold.current_strategies) < 0.05
    # three players: the rest point satisfies the fixed-point equation
    g3 = generators.uniform_game((2, 3, 2), rng=5)
    res = LogitDynamics(g3, eta=0.3, step_size=0.3).run(2000)
    assert res.converged
    for v, x in zip(_values(g3, res.current_strategies), res.current_strategies):
        q = np.exp((v - v.max()) / 0.3)
        np.testing.assert_allclose(q / q.sum(), x, atol=1e-9)


# ------------------------------------------------------------ all dynamics, n players
@pytest.mark.parametrize("name", sorted(DYNAMICS))
def test_every_dynamics_on_three_players(name):
    g = generators.uniform_game((2, 3, 2), rng=9)
    cls = get_dynamics(name)
    res = cls(g, rng=0).run(2000, record_every=100)
    assert res.dynamics == name and res.iterations <= 2000
    assert all(np.isclose(s.sum(), 1) and s.min() >= 0 for s in res.average_strategies)
    assert all(np.isclose(s.sum(), 1) and s.min() >= 0 for s in res.current_strategies)
    assert res.max_regret == pytest.approx(max_regret(g, res.average_strategies))
    if res.joint_distribution is not None:
        assert res.joint_distribution.shape == (2, 3, 2)
        if res.target == "cce":
            assert res.distance[-1] == pytest.approx(cce_gap(g, res.joint_distribution),
                                                     abs=1e-9)
    if res.target == "nash":
        assert res.distance[-1] == pytest.approx(res.max_regret, abs=1e-9)


def test_progress_bar_does_not_change_the_trajectory(capsys):
    g = generators.uniform_game((4, 4), rng=2)
    plain = RegretMatching(g, sampled=True, rng=7).run(5000, record_every=10)
    shown = RegretMatching(g, sampled=True, rng=7).run(5000, record_every=10, progress=True)
    assert "5000/5000" in capsys.readouterr().err
    np.testing.assert_array_equal(plain.times, shown.times)
    np.testing.assert_array_equal(plain.joint_distribution, shown.joint_distribution)
    np.testing.assert_array_equal(plain.distance, shown.distance)


def test_large_dense_products_use_blas_and_agree():
    """300x300: dense products go to BLAS (one thread); the trajectory matches numpy."""
    g = generators.uniform_game((300, 300), rng=4)
    res = Hedge(g).run(30)
    for a, b in zip(res.average_strategies, _reference_hedge(g, 30)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    rep = Replicator(g, step_size=0.05).run(20)
    A, B = (np.array(p) for p in g.payoffs)
    x, y = np.full(300, 1 / 300), np.full(300, 1 / 300)
    for _ in range(20):
        vx, vy = A @ y, x @ B
        x, y = x + 0.05 * x * (vx - x @ vx), y + 0.05 * y * (vy - y @ vy)
        x, y = x / x.sum(), y / y.sum()
    np.testing.assert_allclose(rep.current_strategies[0], x, atol=1e-12)
    np.testing.assert_allclose(rep.current_strategies[1], y, atol=1e-12)


def test_run_rng_reseeds_sampled_play():
    """``run(iterations, rng=...)``: the same seed gives the same sampled trajectory,
    whatever the constructor's seed; another seed gives another one."""
    from gametheory.learning import RegretMatching
    g = catalog.get("rock-paper-scissors")
    a = RegretMatching(g, sampled=True, rng=1).run(500, rng=7)
    b = RegretMatching(g, sampled=True, rng=2).run(500, rng=7)
    c = RegretMatching(g, sampled=True, rng=1).run(500, rng=8)
    assert np.array_equal(a.joint_distribution, b.joint_distribution)
    assert not np.array_equal(a.joint_distribution, c.joint_distribution)
