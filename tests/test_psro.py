"""PSRO, JPSRO, double oracle, meta-solvers (alpha-rank, PRD) and the exact oracles.

References: Lanctot et al. (2017, NeurIPS) for PSRO, PRD and NashConv; McMahan, Gordon and
Blum (2003, ICML) for the double oracle; Marris et al. (2021, ICML) for JPSRO;
Omidshafiei et al. (2019, Scientific Reports) for alpha-rank and its uniform ranking of
rock-paper-scissors; Blackwell and Ferguson (1968) for the Big Match (value 1/(2(1-b))
in ``play``, optimal T-probability (1-b)/(2-b)).  Every certificate below is recomputed
by gametheory.concepts or gametheory.solvers, not taken from the PSRO result.
"""

import json

import numpy as np
import pytest

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import cce_gap, ce_gap, max_regret, nash_conv
from gametheory.games import StochasticGame, catalog
from gametheory.games.generators import uniform_game, zero_sum_game
from gametheory.psro import (META_SOLVERS, PSRO, BestResponseOracle, ExactNormalFormOracle,
                             MetaGame, PolicyMixture, PSROResult, TabularStochasticOracle,
                             alpha_rank, behavioural_policies, get_meta_solver,
                             projected_replicator_dynamics, state_occupancy)
from gametheory.solvers import (exploitability, minimax, policy_evaluation,
                                shapley_value_iteration)

RPS = catalog.get("rock-paper-scissors")


# ------------------------------------------------------------------------- double oracle
def test_rps_double_oracle_by_hand():
    """From (R, R): both add paper (regret 1 each, NashConv 2); in {R, P} paper dominates,
    so the meta-equilibrium is (P, P), again NashConv 2; both add scissors, and the full
    game's uniform equilibrium (value 0) is found at the third iteration."""
    res = PSRO(RPS, meta_solver="nash").run(10)
    assert res.num_iter == 3
    np.testing.assert_allclose(res.exploitability, [2.0, 2.0, 0.0], atol=1e-12)
    assert res.converged and not res.terminated
    assert res.value == pytest.approx(0.0, abs=1e-12)
    assert res.population_sizes.tolist() == [[1, 1], [2, 2], [3, 3]]
    for s in res.meta_strategies:
        np.testing.assert_allclose(s, [1 / 3] * 3, atol=1e-12)
    assert nash_conv(RPS, res.meta_strategies) < 1e-12


@pytest.mark.parametrize("size, seed", [pytest.param(200, 1, id="200x200"),
                                        pytest.param(300, 7, id="300x300")])
def test_double_oracle_random_zero_sum_matches_lp(size, seed):
    g = zero_sum_game(size, rng=seed)
    res = PSRO(g, meta_solver="nash").run(2 * size)
    lp = minimax(g)
    assert res.converged
    assert res.exploitability[-1] < 1e-6
    assert nash_conv(g, res.meta_strategies) < 1e-6  # recomputed from the game
    assert abs(res.value - lp.value) <= 1e-8
    # the restricted game stayed smaller than the full game
    assert res.population_sizes[-1].max() < size


def test_double_oracle_terminates_when_nothing_new():
    """Matching pennies from (H, T): after T joins for player 1 and H... the oracle ends by
    finding only members already present, and the loop reports terminated or converged
    with an equilibrium either way."""
    g = catalog.get("matching-pennies")
    res = PSRO(g, initial=[0, 1]).run(10)
    assert res.converged
    assert max_regret(g, res.meta_strategies) < 1e-12
    np.testing.assert_allclose(res.meta_strategies[0], [0.5, 0.5])


def test_double_oracle_three_players():
    g = uniform_game((4, 4, 3), rng=3)
    res = PSRO(g, meta_solver="nash").run(40)
    assert res.terminated or res.converged
    assert nash_conv(g, res.meta_strategies) <= 1e-6


def test_double_oracle_general_sum_two_players():
    g = uniform_game((25, 25), rng=11)
    res = PSRO(g, meta_solver="nash").run(60)
    assert res.terminated or res.converged
    assert res.value is None
    assert nash_conv(g, res.meta_strategies) <= 1e-8


def test_run_continues_where_it_stopped():
    g = zero_sum_game(40, rng=5)
    a = PSRO(g)
    a.run(3)
    res_a = a.run(100)
    res_b = PSRO(g).run(103)
    np.testing.assert_array_equal(res_a.exploitability, res_b.exploitability)
    assert res_a.num_iter == res_b.num_iter


# ------------------------------------------------------------------------- uniform = FP
def _fictitious_play_nash_conv(game, iterations):
    """Simultaneous fictitious play from (action 0, action 0), best responses with the
    lowest index among ties, written independently of PSRO."""
    counts = [np.zeros(m) for m in game.num_actions]
    for c in counts:
        c[0] = 1
    out = []
    A = game.payoffs[0]
    for _ in range(iterations):
        x, y = (c / c.sum() for c in counts)
        out.append(nash_conv(game, [x, y]))
        v1, v2 = A @ y, -(x @ A)
        b1 = int(np.flatnonzero(v1 >= v1.max() - 1e-12)[0])
        b2 = int(np.flatnonzero(v2 >= v2.max() - 1e-12)[0])
        counts[0][b1] += 1
        counts[1][b2] += 1
    return out


def test_uniform_is_fictitious_play_on_rps():
    """By hand: (R) -> NashConv 2; {R, P} uniform -> values (-1/2, 1/2, 0), regret 1/2
    each -> 1; {R, P, P} -> values (-2/3, 1/3, 1/3), regret 1/3 each -> 2/3 (paper and
    scissors tie, paper has the lower index); {R, P, P, P} -> (-3/4, 1/4, 1/2) -> 1;
    {R, P, P, P, S} -> weights (1/5, 3/5, 1/5), values (-2/5, 0, 2/5) -> 4/5."""
    res = PSRO(RPS, meta_solver="uniform").run(12)
    np.testing.assert_allclose(res.exploitability[:5], [2, 1, 2 / 3, 1, 4 / 5], atol=1e-12)
    np.testing.assert_allclose(res.exploitability, _fictitious_play_nash_conv(RPS, 12),
                               atol=1e-12)
    assert res.population_sizes[-1].tolist() == [12, 12]  # duplicates are kept
    assert res.params["keep_duplicates"] is True


def test_uniform_fictitious_play_on_random_game():
    g = zero_sum_game((6, 5), rng=2)
    res = PSRO(g, meta_solver="uniform").run(30)
    np.testing.assert_allclose(res.exploitability, _fictitious_play_nash_conv(g, 30),
                               atol=1e-12)


# ------------------------------------------------------------------------- PRD
def test_prd_decreases_exploitability_on_rps():
    res = PSRO(RPS, meta_solver="prd").run(10)
    e = res.exploitability
    assert e[0] == pytest.approx(2.0)
    assert e[-1] < 1e-3 < e[0]
    assert np.all(np.diff(e) <= 1e-12)


def test_prd_floor_and_convergence_of_average():
    x = projected_replicator_dynamics(RPS, iterations=20_000, gamma=0.3,
                                      initial=[[0.98, 0.01, 0.01], [0.01, 0.01, 0.98]],
                                      average=False)
    for s in x:  # every weight at least gamma / k = 0.1
        assert s.min() >= 0.1 - 1e-12 and s.sum() == pytest.approx(1.0)
    avg = projected_replicator_dynamics(RPS, iterations=100_000, step_size=0.1,
                                        initial=[[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]])
    assert nash_conv(RPS, avg) < 0.01


def test_prd_on_dominance_solvable_game():
    """In the prisoner's dilemma D strictly dominates: PRD drives C to the floor."""
    x = projected_replicator_dynamics(catalog.get("prisoners-dilemma"), iterations=5000,
                                      step_size=0.1, gamma=1e-6, average=False)
    for s in x:
        assert s[1] > 1 - 1e-5


# ------------------------------------------------------------------------- alpha-rank
def test_alpha_rank_rps_uniform():
    """Omidshafiei et al. (2019): the alpha-rank of rock-paper-scissors is uniform."""
    for pop in ("single", "multi"):
        r = alpha_rank(RPS, population=pop)
        np.testing.assert_allclose(r.stationary.ravel(), 1 / r.stationary.size, atol=1e-12)
    r = alpha_rank(RPS, alpha=np.inf)
    np.testing.assert_allclose(r.stationary, [1 / 3] * 3, atol=1e-12)


@pytest.mark.parametrize("pop", ["single", "multi"])
def test_alpha_rank_dominant_profile(pop):
    r = alpha_rank(catalog.get("prisoners-dilemma"), population=pop)
    mass = r.stationary[1] if pop == "single" else r.stationary[1, 1]
    assert mass > 1 - 1e-9
    assert r.ranking[0] == (1 if pop == "single" else (1, 1))


def test_alpha_rank_small_alpha_is_neutral_drift():
    """alpha -> 0: every fixation probability tends to 1/m, the chain is a symmetric
    random walk on the profile grid and its stationary distribution is uniform."""
    g = uniform_game((3, 4), rng=0)
    r = alpha_rank(g, alpha=1e-9)
    np.testing.assert_allclose(r.stationary, 1 / 12, atol=1e-8)


def test_alpha_rank_large_alpha_sits_on_sink_components():
    """Large alpha: the mass lies on the sink strongly connected components of the
    response graph (Omidshafiei et al. 2019), here found with networkx."""
    g = uniform_game((4, 5), rng=4)
    for alpha in (1e4, np.inf):
        r = alpha_rank(g, alpha=alpha)
        sinks = set().union(*r.sink_components())
        mass = sum(r.stationary[p] for p in sinks)
        assert mass > 1 - 1e-6
        assert r.transition_matrix.shape == (20, 20)


def test_alpha_rank_battle_of_the_sexes_underflow():
    """With alpha = 100 and m = 50 the chain's exits from the two pure equilibria of the
    battle of the sexes are about exp(-9800): they underflow, yet the log-space reduction
    keeps their exact ratio, 1 by symmetry of the two equilibria (both exits lose 1)."""
    r = alpha_rank(catalog.get("battle-of-the-sexes"))
    np.testing.assert_allclose(r.stationary, [[0.5, 0.0], [0.0, 0.5]], atol=1e-12)


def test_alpha_rank_stationary_certificate():
    g = uniform_game((3, 3, 2), rng=9)
    r = alpha_rank(g, alpha=5.0, m=20)
    C = r.transition_matrix
    pi = r.stationary.ravel()
    np.testing.assert_allclose(np.asarray(C.sum(axis=1)).ravel(), 1.0, atol=1e-12)
    np.testing.assert_allclose(pi @ C, pi, atol=1e-12)
    for i, marg in enumerate(r.marginals):
        axes = tuple(j for j in range(3) if j != i)
        np.testing.assert_allclose(marg, r.stationary.sum(axis=axes))


def test_alpha_rank_matches_openspiel():
    """Cross-check with OpenSpiel's alpharank (multi-population; single population with
    its global, non-local selection model, the formulation of the paper)."""
    alpharank = pytest.importorskip("open_spiel.python.egt.alpharank")
    rng = np.random.default_rng(0)
    for _ in range(3):
        A, B = rng.uniform(-1, 1, (3, 4)), rng.uniform(-1, 1, (3, 4))
        ours = alpha_rank(NormalFormGame.from_arrays(A, B), alpha=2.0, m=10)
        theirs = alpharank.compute([A, B], m=10, alpha=2.0)[2]
        np.testing.assert_allclose(ours.stationary.ravel(), theirs, atol=1e-10)
        S = rng.uniform(-1, 1, (4, 4))
        ours = alpha_rank(NormalFormGame.symmetric(S), alpha=2.0, m=10)
        theirs = alpharank.compute([S], m=10, alpha=2.0, use_local_selection_model=False)[2]
        np.testing.assert_allclose(ours.stationary, theirs, atol=1e-10)


def test_alpha_rank_meta_solver_in_psro():
    res = PSRO(RPS, meta_solver="alpha_rank").run(10)
    assert res.converged  # the full game's alpha-rank marginals are uniform
    for s in res.meta_strategies:
        np.testing.assert_allclose(s, [1 / 3] * 3, atol=1e-9)


# ------------------------------------------------------------------------- JPSRO
@pytest.mark.parametrize("kind", ["cce", "ce"])
def test_jpsro_three_players(kind):
    g = uniform_game((3, 3, 3), rng=12)
    res = PSRO(g, meta_solver=kind).run(30)
    assert res.converged or res.terminated
    D = res.joint_distribution
    assert D.shape == (3, 3, 3)
    assert cce_gap(g, D) <= 1e-7
    if kind == "ce":
        assert ce_gap(g, D) <= 1e-7
    for i, s in enumerate(res.meta_strategies):
        np.testing.assert_allclose(s, D.sum(axis=tuple(j for j in range(3) if j != i)))


def test_jpsro_cce_matching_pennies_three_players():
    g = catalog.get("three-player-matching-pennies")
    res = PSRO(g, meta_solver="cce").run(20)
    assert cce_gap(g, res.joint_distribution) <= 1e-7
    assert res.exploitability[-1] <= 1e-7


# ------------------------------------------------------------------------- meta-game
def test_meta_game_incremental_matches_direct():
    g = uniform_game((5, 4, 3), rng=1)
    rng = np.random.default_rng(0)
    mixed = rng.dirichlet(np.ones(4))
    mg = MetaGame(g, [[0, 2], [mixed], [1]])
    before = mg.num_evaluations
    assert before == 2
    assert mg.add_policy(2, 0) == (1, True)
    assert mg.num_evaluations - before == 2  # only the new slice: 2 x 1 profiles
    assert mg.add_policy(0, [0.5, 0, 0.5, 0, 0]) == (2, True)
    assert mg.add_policy(0, 2) == (1, False)  # already there
    assert mg.sizes == (3, 1, 2)
    for k0, x in enumerate(mg.populations[0]):
        for k2, z in enumerate(mg.populations[2]):
            direct = g.expected_payoffs([x, mixed, z])
            np.testing.assert_allclose(mg.payoffs[:, k0, 0, k2], direct, atol=1e-14)
    meta = mg.as_game()
    assert meta.num_actions == (3, 1, 2)
    assert meta.actions[1] == ("pi0",) and meta.actions[2] == ("2", "1")


def test_meta_game_full_distribution():
    mg = MetaGame(RPS, [[0, [0, 0.5, 0.5]], [2]])
    p = np.array([[0.25], [0.75]])
    D = mg.full_distribution(p)
    np.testing.assert_allclose(D, [[0, 0, 0.25], [0, 0, 0.375], [0, 0, 0.375]])
    np.testing.assert_allclose(mg.full_strategy(0, [0.25, 0.75]), [0.25, 0.375, 0.375])


# ------------------------------------------------------------------------- oracles
def test_exact_oracle_ties_and_joint_input():
    oracle = ExactNormalFormOracle()
    assert isinstance(oracle, BestResponseOracle)
    # against (1/3, 2/3, 0) paper and scissors tie at 1/3: lowest index wins
    br = oracle(RPS, 0, [None, [1 / 3, 2 / 3, 0.0]])
    assert br.tolist() == [0.0, 1.0, 0.0]
    g = uniform_game((2, 3, 4), rng=5)
    q = np.random.default_rng(1).dirichlet(np.ones(8)).reshape(2, 4)  # players 1 and 3
    values = np.einsum("acb,ab->c", g.payoffs[1], q)
    assert int(np.argmax(oracle(g, 1, q))) == int(np.argmax(values))
    mix = PolicyMixture((np.array([1.0, 0.0]), np.array([0.0, 1.0])), [0.3, 0.7])
    v = oracle.action_values(g, 2, [mix, [0, 1, 0], None])
    np.testing.assert_allclose(v, g.action_values(2, [[0.3, 0.7], [0, 1, 0], None]))


def test_custom_oracle_and_meta_solver():
    calls = []

    def oracle(game, player, opponents):
        calls.append(player)
        return ExactNormalFormOracle()(game, player, opponents)

    def first_member(meta, *, rng=None):
        return tuple(np.eye(m)[0] for m in meta.num_actions)

    res = PSRO(RPS, meta_solver=first_member, oracle=oracle).run(3)
    assert res.meta_solver == "first_member"
    assert calls[:2] == [0, 1]
    # always rock: paper joins, then the oracle only finds paper again -> terminated
    np.testing.assert_allclose(res.exploitability, [2.0, 2.0])
    assert res.terminated and not res.converged


# ------------------------------------------------------------------------- stochastic
def test_big_match_reaches_shapley_value():
    """Blackwell and Ferguson (1968): with discount 0.9 the value of ``play`` is 5,
    player 1 plays T with probability 1/11, player 2 mixes evenly."""
    g = catalog.get("big-match")
    shapley = shapley_value_iteration(g)
    res = PSRO(g, oracle=TabularStochasticOracle()).run(20)
    assert res.converged
    assert res.value == pytest.approx(float(g.initial @ shapley.values[0]), abs=1e-9)
    assert res.value == pytest.approx(5.0, abs=1e-9)
    beta = [list(p) for p in res.meta_strategies]
    assert exploitability(g, beta) < 1e-9
    assert beta[0][0][0] == pytest.approx(1 / 11, abs=1e-9)
    np.testing.assert_allclose(beta[1][0], [0.5, 0.5], atol=1e-9)


def _tree_game(seed):
    """Zero-sum simultaneous-move game of two stages shaped as a tree (every state has a
    single history, so Kuhn's mixed-to-behaviour equivalence is exact)."""
    rng = np.random.default_rng(seed)
    m, mc = (2, 2), (3, 2)
    S = 1 + 4 + 1
    A = rng.uniform(-1, 1, m)
    R, T = [np.stack([A, -A])], []
    t = np.zeros(m + (S,))
    for a in range(2):
        for b in range(2):
            t[a, b, 1 + 2 * a + b] = 1.0
    T.append(t)
    for _ in range(4):
        A = rng.uniform(-1, 1, mc)
        R.append(np.stack([A, -A]))
        t = np.zeros(mc + (S,))
        t[..., S - 1] = 1.0
        T.append(t)
    R.append(None)
    T.append(None)
    return StochasticGame(R, T, discount=1.0, terminal=[S - 1])


@pytest.mark.parametrize("seed", [0, 3, 7])
def test_tree_shaped_stochastic_game_reaches_shapley_value(seed):
    g = _tree_game(seed)
    v = float(g.initial @ shapley_value_iteration(g).values[0])
    res = PSRO(g).run(30)
    assert res.converged
    assert res.value == pytest.approx(v, abs=1e-9)
    assert exploitability(g, [list(p) for p in res.meta_strategies]) < 1e-9


def test_behavioural_equivalent_is_exact_against_its_reference():
    """Against the reference policy it was computed with, the behaviour-strategy
    equivalent of a mixture has exactly the mixture's payoffs (occupancy measures)."""
    rng = np.random.default_rng(3)
    S, m = 3, (2, 3)
    R, T = [], []
    for _ in range(S):
        A = rng.uniform(-1, 1, m)
        R.append(np.stack([A, -A]))
        T.append(rng.dirichlet(np.ones(S), size=m))
    g = StochasticGame(R, T, discount=0.8)
    members = [[rng.dirichlet(np.ones(3)) for _ in range(S)] for _ in range(3)]
    w = np.array([0.2, 0.5, 0.3])
    ref = [rng.dirichlet(np.ones(2)) for _ in range(S)]
    beta = behavioural_policies(g, [ref, PolicyMixture(tuple(members), w)])
    np.testing.assert_allclose(beta[0], ref)
    mixture_value = sum(wk * policy_evaluation(g, [ref, pk]) @ g.initial
                        for wk, pk in zip(w, members))
    np.testing.assert_allclose(policy_evaluation(g, beta) @ g.initial, mixture_value,
                               atol=1e-12)
    occ = state_occupancy(g, beta)
    assert occ.sum() == pytest.approx(1 / (1 - 0.8))


# ------------------------------------------------------------------------- results, errors
def test_result_to_dict_is_json():
    res = PSRO(RPS).run(5)
    assert isinstance(res, PSROResult)
    d = res.to_dict()
    assert {"meta_solver", "exploitability", "meta_strategies", "value"} <= set(d)
    assert d["meta_solver"] == "nash" and len(d["exploitability"]) == 3
    json.dumps(d)
    bm = PSRO(catalog.get("big-match")).run(10).to_dict()
    json.dumps(bm)


def test_registry_and_names():
    assert set(META_SOLVERS) == {"nash", "uniform", "prd", "regret_matching",
                                 "alpha_rank", "ce", "cce"}
    assert get_meta_solver("Alpha-Rank") is META_SOLVERS["alpha_rank"]
    with pytest.raises(UnknownNameError, match="alpha_rank, cce, ce, nash"):
        get_meta_solver("lp")
    with pytest.raises(UnknownNameError, match="known meta-solvers"):
        PSRO(RPS, meta_solver="fictitious")


@pytest.mark.parametrize("solver, options", [
    pytest.param("prd", {"gamma": -0.1}, id="prd-gamma"),
    pytest.param("prd", {"iterations": 0}, id="prd-iterations"),
    pytest.param("prd", {"temperature": 1.0}, id="prd-unknown"),
    pytest.param("alpha_rank", {"m": 1}, id="alpha-m"),
    pytest.param("alpha_rank", {"alpha": -1.0}, id="alpha-negative"),
    pytest.param("alpha_rank", {"population": "single"}, id="alpha-single-asymmetric"),
    pytest.param("nash", {"tol": -1}, id="nash-tol"),
    pytest.param("uniform", {"anything": 1}, id="uniform-no-options"),
])
def test_bad_meta_solver_options(solver, options):
    g = catalog.get("battle-of-the-sexes")
    with pytest.raises(InvalidOptionError):
        PSRO(g, meta_solver=solver, meta_solver_options=options)


def test_bad_arguments():
    with pytest.raises(InvalidOptionError):
        PSRO(RPS).run(0)
    with pytest.raises(InvalidOptionError):
        PSRO(RPS, tol=-1.0)
    with pytest.raises(InvalidOptionError):
        PSRO(RPS, oracle="exact")
    with pytest.raises(InvalidOptionError):
        PSRO(RPS, initial="first")
    with pytest.raises(InvalidProfileError):
        PSRO(RPS, initial=[0])
    with pytest.raises(InvalidProfileError):
        PSRO(RPS, initial=[[0.5, 0.6, 0.0], [0]])
    with pytest.raises(UnsupportedGameError):
        PSRO(NormalFormGame([[1.0, 2.0]]))
    with pytest.raises(UnsupportedGameError):
        PSRO(catalog.get("big-match"), meta_solver="cce")
    with pytest.raises(UnsupportedGameError):
        PSRO("rock-paper-scissors")


# ------------------------------------------------------------------------- regret matching
def test_regret_matching_meta_solver():
    from gametheory.learning import RegretMatching
    res = PSRO(RPS, meta_solver="regret_matching").run(10)
    assert res.converged and res.num_iter == 3  # uniform start is the equilibrium
    g = zero_sum_game((7, 6), rng=4)
    direct = RegretMatching(g).run(300).average_strategies
    ours = META_SOLVERS["regret_matching"](g, iterations=300)
    for a, b in zip(direct, ours):
        np.testing.assert_allclose(a, b)
    g = zero_sum_game(30, rng=3)
    res = PSRO(g, meta_solver="regret_matching",
               meta_solver_options={"iterations": 5000}).run(60)
    assert res.exploitability[-1] < 0.05 < res.exploitability[0]
    with pytest.raises(InvalidOptionError):
        PSRO(g, meta_solver="regret_matching", meta_solver_options={"sampled": "yes"})


def test_initial_populations():
    res = PSRO(RPS, initial=[[0.0, 1.0, 0.0], 2]).run(1)
    np.testing.assert_allclose(res.meta_strategies[0], [0, 1, 0])
    np.testing.assert_allclose(res.meta_strategies[1], [0, 0, 1])
    assert res.exploitability[0] == pytest.approx(2.0)  # scissors beats paper: 1 + 1
    res = PSRO(RPS, initial=[[0, 1], [np.array([0.5, 0.0, 0.5])]]).run(1)
    assert res.population_sizes[0].tolist() == [2, 1]
    a = PSRO(zero_sum_game(20, rng=0), initial="random", rng=5).run(50)
    b = PSRO(zero_sum_game(20, rng=0), initial="random", rng=5).run(50)
    np.testing.assert_array_equal(a.exploitability, b.exploitability)
    assert a.converged
