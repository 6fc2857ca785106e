"""Tabular MARL on stochastic games: every learner against a known answer (Shapley values
from value iteration, an equilibrium certified by exploitability, the mixed equilibrium of
matching pennies, literature behaviour of the climbing game, CE constraints checked by
gametheory.concepts.ce_gap), plus the runner and input checks.  Seeded and fast."""

import numpy as np
import pytest

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import ce_gap, is_nash, regrets
from gametheory.games import StochasticGame, catalog
from gametheory.learning import (CEQ, JALAM, LEARNERS, CorrelationDevice, EpisodeResult,
                                 IndependentQLearning, MinimaxQ, NashQ, TabularLearner,
                                 WoLFPHC, get_learner, make_learners, run_episodes)
from gametheory.solvers import (check_policies, exploitability, policy_evaluation,
                                shapley_value_iteration, uniform_policies,
                                vertex_enumeration)


def random_zero_sum(seed=5, S=3, discount=0.8):
    rng = np.random.default_rng(seed)
    R, T = [], []
    for _ in range(S):
        A = rng.integers(-3, 4, (2, 3)).astype(float)
        R.append([A, -A])
        T.append(rng.dirichlet(np.ones(S) * 0.7, size=(2, 3)))
    return StochasticGame(R, T, discount=discount)


def general_sum_game():
    """Two states, 2x2, general-sum, stochastic action-dependent transitions, discount
    1/2 (the same game as in test_stochastic_solvers)."""
    A0 = np.array([[3.0, 0.0], [5.0, 1.0]])
    A1 = np.array([[4.0, 2.0], [1.0, 0.0]])
    B1 = np.array([[1.0, 3.0], [0.0, 2.0]])
    T0 = np.zeros((2, 2, 2))
    T0[..., 1] = [[0.8, 0.3], [0.3, 0.5]]
    T0[..., 0] = 1 - T0[..., 1]
    T1 = np.zeros((2, 2, 2))
    T1[..., 0] = [[0.5, 0.2], [0.6, 0.9]]
    T1[..., 1] = 1 - T1[..., 0]
    return StochasticGame([[A0, A0.T], [A1, B1]], [T0, T1], discount=0.5)


def three_player_game():
    rng = np.random.default_rng(0)
    return StochasticGame([rng.normal(size=(3, 2, 2, 2))], [np.ones((2, 2, 2, 1))],
                          discount=0.5)


# ---------------------------------------------------------------------------- minimax-Q
def test_minimax_q_reaches_shapley_values():
    """Littman (1994): minimax-Q in self-play with uniform exploration (it is off-policy)
    and decaying learning rates converges to the values of the zero-sum game."""
    g = random_zero_sum()
    sol = shapley_value_iteration(g)
    agents = make_learners("minimax_q", g, epsilon=1.0, alpha=lambda k: 1 / k ** 0.6,
                           rng=0)
    res = run_episodes(g, agents, 1, max_steps=30_000, rng=0)
    assert res.steps == 30_000
    assert np.abs(agents[0].values - sol.values[0]).max() < 0.1
    assert np.abs(agents[1].values - sol.values[1]).max() < 0.1
    # the learned stationary policies are nearly unexploitable
    pols = [a.policies() for a in agents]
    check_policies(g, pols)
    assert exploitability(g, pols) < 0.2
    assert exploitability(g, pols) < 0.1 * exploitability(g, uniform_policies(g))


def test_minimax_q_hand_derived_game_policies():
    """The absorbing game of test_stochastic_solvers (values 28/11 and 2, strategies
    uniform in A and (2/5, 3/5) in B); deterministic transitions, so it is learnt
    closely."""
    RA = np.array([[1.0, 0.0], [0.0, 1.0]])
    RB = np.array([[2.0, -1.0], [-1.0, 1.0]])
    TA = np.zeros((2, 2, 2))
    TA[0, 0, 0] = TA[1, 1, 0] = TA[0, 1, 1] = TA[1, 0, 1] = 1.0
    TB = np.zeros((2, 2, 2))
    TB[..., 1] = 1.0
    g = StochasticGame([[RA, -RA], [RB, -RB]], [TA, TB], discount=0.9)
    agents = make_learners("minimax_q", g, epsilon=1.0, alpha=lambda k: 1 / k ** 0.6,
                           rng=1)
    run_episodes(g, agents, 800, max_steps=25, rng=1)
    assert agents[0].values == pytest.approx([28 / 11, 2.0], abs=0.01)
    assert agents[0].policy(0) == pytest.approx([0.5, 0.5], abs=0.01)
    assert agents[0].policy(1) == pytest.approx([0.4, 0.6], abs=0.01)
    assert agents[1].policy(1) == pytest.approx([0.4, 0.6], abs=0.01)
    assert agents[0].q[1].shape == (2, 2)


# ---------------------------------------------------------------------------- WoLF-PHC
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_wolf_phc_current_policy_converges_in_matching_pennies(seed):
    """Bowling and Veloso (2002): in self-play on matching pennies the *current* policy
    of WoLF-PHC converges to the mixed equilibrium (1/2, 1/2) when the rates decay
    (the policy step more slowly than the learning rate)."""
    g = StochasticGame.repeated(catalog.get("matching-pennies"), discount=0.0)
    agents = make_learners("wolf_phc", g, alpha=lambda k: 100 / (1000 + k),
                           delta_win=lambda t: 1 / (10_000 + 10 * t),
                           delta_lose=lambda t: 4 / (10_000 + 10 * t), rng=seed)
    run_episodes(g, agents, 1, max_steps=20_000, rng=seed)
    for a in agents:
        assert abs(a.policy(0)[0] - 0.5) < 0.05
        assert a.average_policy(0).sum() == pytest.approx(1.0)
        assert a.policy(0).sum() == pytest.approx(1.0, abs=1e-12)


def test_wolf_phc_learns_dominant_action():
    g = StochasticGame.repeated(catalog.get("prisoners-dilemma"), discount=0.0)
    agents = make_learners("wolf_phc", g, rng=3)
    run_episodes(g, agents, 1, max_steps=3000, rng=3)
    assert [a.policy(0).round(6).tolist() for a in agents] == [[0.0, 1.0], [0.0, 1.0]]


# ---------------------------------------------------------------------------- independent Q
def test_independent_q_in_the_climbing_game_misses_the_optimum():
    """Claus and Boutilier (1998): independent learners do not find the optimum (a, a)
    (11) of the climbing game; they settle on the "safe" low joint actions (c, c) = 5 or,
    climbing one step, (b, b) = 7.

    Observed here with epsilon-greedy (0.1) and alpha 0.1 after 20,000 steps: (c, c) in
    18 of seeds 0-19 and (b, c) in 2 (seeds 9 and 16); never (a, a), which some seeds
    reach early (3 of 10 after 5,000 steps) and leave when exploration draws the -30
    penalties.  Decaying epsilon (to 0 by 10,000 steps, or 1/(1 + t/100)) also ends in
    (c, c) in 19-20 of 20 seeds: the greedy learners stop trying b, whose estimate still
    carries the -30 draws, so they do not climb to (b, b) within the budget.  (c, c) is
    not a Nash equilibrium (the row player gains 1 by playing b), (b, b) and (a, a) are."""
    cl = catalog.get("climbing")
    g = StochasticGame.repeated(cl, discount=0.0)
    ends = []
    for seed in range(8):
        agents = make_learners("independent_q", g, rng=seed)
        run_episodes(g, agents, 1, max_steps=20_000, rng=seed)
        ends.append(tuple(int(a.policy(0).argmax()) for a in agents))
    assert ends == [(2, 2)] * 8
    c = [0.0, 0.0, 1.0]
    assert regrets(cl, [c, c]).tolist() == [1.0, 0.0]     # row gains 6 - 5 by b
    assert is_nash(cl, [[1, 0, 0], [1, 0, 0]]) and is_nash(cl, [[0, 1, 0], [0, 1, 0]])
    assert cl.payoff_array[0].max() == 11 and cl.payoff_array[0][0, 0] == 11


def test_independent_q_two_step_game_with_uniform_exploration():
    """With uniform exploration (epsilon = 1) and 1/k learning rates, tabular independent
    Q-learners estimate each action's value against a uniform partner: in 2B agent 1's
    B is worth (1 + 8)/2 = 4.5, A (0 + 1)/2 = 0.5; in state 1, A is worth 7 (2A pays 7)
    and B max(4.5, 0.5) = 4.5."""
    g = catalog.get("two-step")
    agents = make_learners("independent_q", g, epsilon=1.0, alpha=lambda k: 1 / k, rng=2)
    res = run_episodes(g, agents, 4000, rng=2)
    assert res.lengths.tolist() == [2] * 4000 and not res.truncated.any()
    q = agents[0].q
    assert q[2] == pytest.approx([0.5, 4.5], abs=0.2)
    assert q[1] == pytest.approx([7.0, 7.0], abs=1e-12)
    assert q[0] == pytest.approx([7.0, 4.5], abs=0.2)
    assert agents[0].policy(0).tolist() == [1.0, 0.0]     # the safe return 7
    assert q[3].tolist() == [0.0]                          # terminal: never updated


# ---------------------------------------------------------------------------- Nash-Q
def test_nash_q_reaches_the_nash_q_values():
    """Hu and Wellman (2003).  The equilibrium: (D, D) in state 0 and (row 1, column 2)
    in state 1, certified by exploitability = 0; its Nash-Q values are
    Q*_j(s, a) = r_j(s, a) + b sum_t P(t | s, a) V_j(t) with V from policy evaluation.
    The stage games of Q* have unique equilibria (vertex enumeration), so the selection
    rule does not matter and Nash-Q converges to Q*."""
    g = general_sum_game()
    eq = [[[0.0, 1.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]]]
    assert exploitability(g, eq) <= 1e-12
    V = policy_evaluation(g, eq)
    qstar = [np.stack([g.rewards[s][j] + g.discount * g.transitions[s] @ V[j]
                       for j in range(2)]) for s in range(2)]
    for s in range(2):
        assert len(vertex_enumeration(NormalFormGame(qstar[s]))) == 1
    agents = make_learners("nash_q", g, epsilon=1.0, alpha=lambda k: 1 / k ** 0.7, rng=1)
    run_episodes(g, agents, 1, max_steps=5000, rng=1)
    for a in agents:
        for s in range(2):
            assert a.q[s] == pytest.approx(qstar[s], abs=0.15)
        assert a.values == pytest.approx(V[a.player], abs=0.1)
    assert [p.tolist() for p in agents[0].policies()] == eq[0]
    assert [p.tolist() for p in agents[1].policies()] == eq[1]


def test_nash_q_lemke_howson_selection_and_errors():
    g = StochasticGame.repeated(catalog.get("prisoners-dilemma"), discount=0.0)
    agents = make_learners("nash_q", g, epsilon=1.0, alpha=0.5, selection="lemke-howson",
                           rng=0)
    run_episodes(g, agents, 1, max_steps=200)
    assert agents[1].policy(0).tolist() == [0.0, 1.0]
    assert agents[1].stage_values(0) == pytest.approx([1.0, 1.0], abs=1e-3)
    with pytest.raises(UnknownNameError, match="welfare"):
        NashQ(g, 0, selection="best")
    with pytest.raises(UnsupportedGameError, match="two-player"):
        NashQ(three_player_game(), 0)


# ---------------------------------------------------------------------------- CE-Q
def test_ce_q_stage_distributions_are_correlated_equilibria():
    """Greenwald and Hall (2003): each state's joint policy is a CE of the stage game
    of the learnt Q-tables; checked by gametheory.concepts.ce_gap (not by the solver)."""
    g = general_sum_game()
    agents = make_learners("ce_q", g, epsilon=0.3, alpha=0.2, rng=0)
    res = run_episodes(g, agents, 1, max_steps=300, rng=0)
    assert res.steps == 300
    for a in agents:
        for s in range(2):
            stage = NormalFormGame(a.q[s])
            d = a.joint_policy(s)
            assert d.shape == (2, 2) and d.sum() == pytest.approx(1.0)
            assert ce_gap(stage, d) <= 1e-8
            assert a.policy(s) == pytest.approx(d.sum(axis=1 - a.player))
    # both learners saw the same steps: identical tables, so identical distributions
    for s in range(2):
        assert agents[0].q[s] == pytest.approx(agents[1].q[s])


def test_ce_q_utilitarian_value_of_chicken():
    """Aumann's chicken: the welfare-maximising CE pays 5.25 to each player (1/2 on
    (C, C), 1/4 on (C, D) and (D, C)); CE-Q with gamma 0 learns the stage game and its
    shared device makes the joint play follow that distribution."""
    g = StochasticGame.repeated(catalog.get("chicken"), discount=0.0)
    agents = make_learners("ce_q", g, epsilon=lambda t: 1.0 if t <= 200 else 0.0,
                           alpha=lambda k: 1 / k, rng=3)
    run_episodes(g, agents, 1, max_steps=200, rng=3)
    assert agents[0].stage_values(0) == pytest.approx([5.25, 5.25], abs=1e-9)
    res = run_episodes(g, agents, 400, max_steps=1, rng=4)   # no exploration from here
    assert res.returns.mean(axis=0) == pytest.approx([5.25, 5.25], abs=0.25)
    assert not any(r == (0.0, 0.0) for r in map(tuple, res.returns.tolist()))  # no (D, D)


def test_ce_q_three_players_and_device():
    g = three_player_game()
    device = CorrelationDevice(rng=0)
    agents = [CEQ(g, i, epsilon=0.5, device=device, rng=i) for i in range(3)]
    run_episodes(g, agents, 1, max_steps=30, rng=0)
    d = agents[0].joint_policy(0)
    assert d.shape == (2, 2, 2) and ce_gap(NormalFormGame(agents[0].q[0]), d) <= 1e-8
    with pytest.raises(InvalidOptionError, match="CorrelationDevice"):
        CEQ(g, 0, device=object())
    with pytest.raises(UnknownNameError):
        CEQ(g, 0, objective="happiness")


# ---------------------------------------------------------------------------- JAL-AM
@pytest.mark.parametrize("seed", range(4))
def test_jal_am_coordinates(seed):
    """A 3x3 pure coordination game (common reward 1 on the diagonal, 0 elsewhere):
    JAL-AM learners end up best-responding to each other's empirical models on the same
    action, and the greedy joint action pays the optimum 1."""
    nf = NormalFormGame.common_reward(np.eye(3))
    g = StochasticGame.repeated(nf, discount=0.0)
    agents = make_learners("jal_am", g, rng=seed)
    res = run_episodes(g, agents, 1, max_steps=1000, rng=seed)
    a0, a1 = (int(a.policy(0).argmax()) for a in agents)
    assert a0 == a1
    assert agents[0].agent_models(0)[1][a1] > 0.8 and agents[1].agent_models(0)[0][a0] > 0.8
    assert res.returns[0, 0] / 1000 > 0.8          # exploration costs the rest
    assert agents[0].q[0].shape == (3, 3)
    assert agents[0].action_values(0).argmax() == a0


def test_jal_am_three_players():
    nf = NormalFormGame.common_reward(np.eye(2)[:, :, None] * np.eye(2)[None, :, :])
    g = StochasticGame.repeated(nf, discount=0.0)
    agents = make_learners("jal_am", g, rng=0)
    run_episodes(g, agents, 1, max_steps=1500, rng=0)
    acts = {int(a.policy(0).argmax()) for a in agents}
    assert len(acts) == 1 and agents[2].action_values(0).shape == (2,)


# ---------------------------------------------------------------------------- runner
def test_run_episodes_bookkeeping():
    g = catalog.get("two-step")
    agents = make_learners("independent_q", g, epsilon=1.0, rng=0)
    res = run_episodes(g, agents, 50, rng=0)
    assert isinstance(res, EpisodeResult) and res.steps == 100
    assert res.returns.shape == (50, 2) and res.lengths.tolist() == [2] * 50
    assert np.array_equal(res.returns[:, 0], res.returns[:, 1])     # common reward
    assert set(res.returns[:, 0].tolist()) <= {0.0, 1.0, 7.0, 8.0}
    assert np.array_equal(res.returns, res.discounted_returns)       # discount 1
    assert res.learners == ("independent_q", "independent_q")
    assert res.steps_per_second > 0 and res.mean_return(10).shape == (2,)
    assert res.to_dict()["steps"] == 100
    # discounting and truncation by max_steps
    bm = catalog.get("big-match", discount=0.5)
    agents = make_learners("minimax_q", bm, rng=0)
    res = run_episodes(bm, agents, 3, max_steps=4, rng=0)
    assert res.lengths.tolist() == [4, 4, 4] and res.truncated.all()
    # and by the horizon
    h = StochasticGame.repeated(catalog.get("matching-pennies"), discount=1.0, horizon=3)
    res = run_episodes(h, make_learners("wolf_phc", h, rng=0), 2)
    assert res.lengths.tolist() == [3, 3] and res.truncated.all()
    # progress bar
    res = run_episodes(h, make_learners("wolf_phc", h, rng=0), 2, progress=True)
    assert res.steps == 6


def test_run_episodes_is_reproducible():
    g = random_zero_sum()

    def once():
        agents = make_learners("independent_q", g, rng=11)
        res = run_episodes(g, agents, 5, max_steps=50, rng=12)
        return res.returns, agents[0].q

    (r1, q1), (r2, q2) = once(), once()
    assert np.array_equal(r1, r2) and all(np.array_equal(a, b) for a, b in zip(q1, q2))


def test_runner_input_checks():
    g = catalog.get("two-step")
    agents = make_learners("independent_q", g, rng=0)
    with pytest.raises(InvalidOptionError, match="1 learner"):
        run_episodes(g, agents[:1], 1)
    with pytest.raises(InvalidOptionError, match="player order"):
        run_episodes(g, agents[::-1], 1)
    with pytest.raises(InvalidOptionError, match="episodes"):
        run_episodes(g, agents, 0)
    with pytest.raises(InvalidOptionError, match="max_steps"):
        run_episodes(g, agents, 1, max_steps=0)
    with pytest.raises(InvalidOptionError, match="another game"):
        run_episodes(catalog.get("big-match"), make_learners("independent_q", g), 1)
    with pytest.raises(InvalidOptionError, match="TabularLearner"):
        run_episodes(g, [agents[0], object()], 1)
    rep = StochasticGame.repeated(catalog.get("matching-pennies"), discount=0.9)
    with pytest.raises(InvalidOptionError, match="max_steps"):
        run_episodes(rep, make_learners("independent_q", rep), 1)
    with pytest.raises(UnsupportedGameError, match="repeated"):
        run_episodes(catalog.get("matching-pennies"), agents, 1)


# ---------------------------------------------------------------------------- registry
def test_registry():
    assert set(LEARNERS) == {"independent_q", "minimax_q", "nash_q", "ce_q", "jal_am",
                             "wolf_phc"}
    for name, cls in LEARNERS.items():
        assert issubclass(cls, TabularLearner) and cls.name == name
        assert get_learner(name.replace("_", "-").upper()) is cls
    assert LEARNERS["jal_am"] is JALAM and LEARNERS["wolf_phc"] is WoLFPHC
    assert LEARNERS["independent_q"] is IndependentQLearning and LEARNERS["minimax_q"] is MinimaxQ
    assert [c.joint_action for c in (IndependentQLearning, WoLFPHC, MinimaxQ, NashQ, CEQ,
                                     JALAM)] == [False, False, True, True, True, True]
    with pytest.raises(UnknownNameError, match="independent_q"):
        get_learner("sarsa")


@pytest.mark.parametrize("name", sorted(LEARNERS))
def test_every_learner_smoke(name):
    """Tiny budget on the two-step game (discount 1, terminal state) and on a repeated
    game: the interface works and policies are valid for the solvers."""
    for g, kw in ((catalog.get("two-step"), {}),
                  (StochasticGame.repeated(catalog.get("matching-pennies"), discount=0.9),
                   {"max_steps": 10})):
        agents = make_learners(name, g, rng=0)
        res = run_episodes(g, agents, 5, rng=0, **kw)
        assert res.steps > 0
        pols = check_policies(g, [a.policies() for a in agents])
        assert len(pols) == 2
        assert all(a.values.shape == (g.num_states,) for a in agents)
        assert len(agents[0].q) == g.num_states
        s = int(agents[0].act(0, rng=5))
        assert 0 <= s < g.action_counts[0][0]
        assert agents[0].behaviour_policy(0).sum() == pytest.approx(1.0)


def test_hyperparameter_checks():
    g = catalog.get("big-match")
    for bad in (0.0, 1.5, -1.0, "x", True, np.nan):
        with pytest.raises(InvalidOptionError, match="alpha"):
            IndependentQLearning(g, 0, alpha=bad)
    for bad in (-0.1, 1.1, "x"):
        with pytest.raises(InvalidOptionError, match="epsilon"):
            MinimaxQ(g, 0, epsilon=bad)
    with pytest.raises(InvalidOptionError, match="alpha"):
        IndependentQLearning(g, 0, alpha=lambda k: 2.0)
    agent = IndependentQLearning(g, 0, alpha=lambda k: 1.0 if k < 2 else 5.0)
    agent.update(0, (0, 0), (1.0, -1.0), 1, False)
    with pytest.raises(InvalidOptionError, match="alpha"):
        agent.update(0, (0, 0), (1.0, -1.0), 1, False)
    with pytest.raises(InvalidOptionError, match="gamma"):
        JALAM(g, 0, gamma=1.5)
    with pytest.raises(InvalidOptionError, match="initial_q"):
        JALAM(g, 0, initial_q=np.inf)
    with pytest.raises(InvalidOptionError, match="delta_win < delta_lose"):
        WoLFPHC(g, 0, delta_win=0.1, delta_lose=0.05)
    with pytest.raises(InvalidOptionError, match="delta_lose"):
        WoLFPHC(g, 0, delta_lose=2.0)
    with pytest.raises(InvalidProfileError, match="player"):
        IndependentQLearning(g, 2)
    with pytest.raises(UnsupportedGameError, match="two-player"):
        MinimaxQ(three_player_game(), 0)
    with pytest.raises(UnsupportedGameError, match="two-player"):
        make_learners("minimax_q", catalog.get("chain-mdp"))
    with pytest.raises(UnsupportedGameError, match="StochasticGame"):
        IndependentQLearning(catalog.get("prisoners-dilemma"), 0)
