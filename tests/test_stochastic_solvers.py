"""Stochastic-game solvers: Shapley value iteration, value iteration, policy evaluation,
best responses and exploitability.  Values are checked against hand derivations (stated
in each test), closed forms from the catalog, brute force over deterministic policies,
Monte Carlo rollouts with ``StochasticGame.step`` and ``gametheory.solvers.minimax`` on the
auxiliary matrix games."""

import itertools
from fractions import Fraction

import numpy as np
import pytest

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame,
                        UnsupportedGameError)
from gametheory.games import StochasticGame, catalog
from gametheory.solvers import (BestResponsePolicy, StochasticSolution, best_response_policy,
                                check_policies, exploitability, minimax, policy_evaluation,
                                shapley_value_iteration, uniform_policies, value_iteration)
from gametheory.solvers._stochastic_solvers import _reward_scale, _shapley_python


# ---------------------------------------------------------------------------- games
def absorbing_game(discount=0.9):
    """Two states.  ``A``: rewards [[1, 0], [0, 1]] to player 1 (player 2 gets the
    negative); the diagonal joint actions stay in A, the off-diagonal ones move to ``B``.
    ``B`` is absorbing with the stage game [[2, -1], [-1, 1]].

    Hand derivation (b = discount):
    * B: the stage game has no saddle point; the 2x2 formula gives value
      (2*1 - (-1)(-1)) / (2 + 1 + 1 + 1) = 1/5 with both players mixing (2/5, 3/5).
      Every day is the same game, so V(B) = (1/5) / (1 - b)  (= 2 for b = 0.9).
    * A: the auxiliary game is [[1 + b x, b V(B)], [b V(B), 1 + b x]] with x = V(A).  It is
      symmetric, without a saddle point when 1 + b x > b V(B), and its value is the
      average of the diagonal and off-diagonal entries: x = (1 + b x + b V(B)) / 2, so
      x = (1 + b V(B)) / (2 - b)  (= 2.8 / 1.1 = 28/11 for b = 0.9), both players uniform.
    """
    RA = np.array([[1.0, 0.0], [0.0, 1.0]])
    RB = np.array([[2.0, -1.0], [-1.0, 1.0]])
    TA = np.zeros((2, 2, 2))
    TA[0, 0, 0] = TA[1, 1, 0] = 1.0
    TA[0, 1, 1] = TA[1, 0, 1] = 1.0
    TB = np.zeros((2, 2, 2))
    TB[..., 1] = 1.0
    return StochasticGame([[RA, -RA], [RB, -RB]], [TA, TB], discount=discount,
                          states=["A", "B"])


def random_zero_sum(S, m, discount, seed, terminal=False):
    rng = np.random.default_rng(seed)
    R, T = [], []
    for _ in range(S):
        A = rng.uniform(-1, 1, (m, m))
        R.append([A, -A])
        T.append(rng.dirichlet(np.ones(S), size=(m, m)))
    return StochasticGame(R, T, discount=discount)


def general_sum_game():
    """Two states, 2x2, general-sum, action-dependent stochastic transitions."""
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


def all_deterministic(game, player):
    """Every deterministic stationary policy of ``player``."""
    counts = [m[player] for m in game.action_counts]
    for choice in itertools.product(*[range(m) for m in counts]):
        yield [np.eye(m)[a] for m, a in zip(counts, choice)]


# ---------------------------------------------------------------------------- Shapley
def test_shapley_values_of_the_hand_derived_game():
    g = absorbing_game(0.9)
    sol = shapley_value_iteration(g)
    assert isinstance(sol, StochasticSolution)
    assert sol.converged and sol.method == "shapley_value_iteration"
    assert sol.values[0] == pytest.approx([28 / 11, 2.0], abs=1e-9)
    assert np.array_equal(sol.values[1], -sol.values[0])
    assert sol.policies[0][0] == pytest.approx([0.5, 0.5], abs=1e-9)
    assert sol.policies[1][0] == pytest.approx([0.5, 0.5], abs=1e-9)
    assert sol.policies[0][1] == pytest.approx([0.4, 0.6], abs=1e-9)
    assert sol.policies[1][1] == pytest.approx([0.4, 0.6], abs=1e-9)
    assert sol.exploitability <= 1e-8
    assert exploitability(g, sol.policies) <= 1e-8
    assert sol.value == pytest.approx([28 / 11, -28 / 11])
    # the contraction needs about log(tol) / log(b) sweeps
    assert 150 < sol.num_iter < 300 and sol.residual <= 1e-10 * _reward_scale(g)


@pytest.mark.parametrize("b", [0.5, 0.75, 0.95])
def test_shapley_formula_for_other_discounts(b):
    vb = 0.2 / (1 - b)
    sol = shapley_value_iteration(absorbing_game(b), tol=1e-12)
    assert sol.values[0] == pytest.approx([(1 + b * vb) / (2 - b), vb], abs=1e-8)


def test_uniform_policies_exploitability_exact():
    """Uniform play, b = 0.9.  Values: B pays (2 - 1 - 1 + 1)/4 = 1/4 a day, V(B) = 2.5;
    A pays 1/2 and stays with probability 1/2: V(A) = 0.5 + 0.9 (V(A) + 2.5) / 2, so
    V(A) = 1.625 / 0.55 = 65/22.  Player 1's best response: in B row 1 earns
    (2 - 1)/2 = 1/2 a day (V = 5), in A both rows earn 1/2 and leave with probability
    1/2: W = 0.5 + 0.9 (W + 5)/2 gives W = 5.  Player 2's best response: column 2 holds
    player 1 to 0 in B, and in A, W' = 0.5 + 0.45 W' gives W' = 10/11.  NashConv =
    (5 - 65/22) + (65/22 - 10/11) = 5 - 10/11 = 45/11."""
    g = absorbing_game(0.9)
    uni = uniform_policies(g)
    V = policy_evaluation(g, uni)
    assert V[0] == pytest.approx([65 / 22, 2.5], abs=1e-12)
    assert V[1] == pytest.approx([-65 / 22, -2.5], abs=1e-12)
    br1 = best_response_policy(g, uni, 0)
    br2 = best_response_policy(g, uni, "Player 2")
    assert br1.value == pytest.approx(5.0, abs=1e-9)
    assert br1.values == pytest.approx([5.0, 5.0], abs=1e-9)
    assert br1.policy[1].tolist() == [1.0, 0.0]
    assert br2.value == pytest.approx(-10 / 11, abs=1e-9)
    assert br2.policy[1].tolist() == [0.0, 1.0]
    assert exploitability(g, uni) == pytest.approx(45 / 11, abs=1e-9)


@pytest.mark.parametrize("b", [0.9, 0.5])
def test_big_match(b):
    """Blackwell and Ferguson (1968): the discounted Big Match has value 1/(2(1-b)) in
    ``play`` (normalised value 1/2, as for the limiting game); player 1 quits with
    probability (1-b)/(2-b), player 2 mixes uniformly."""
    g = catalog.get("big-match", discount=b)
    sol = shapley_value_iteration(g, tol=1e-12)
    assert sol.values[0] == pytest.approx([0.5 / (1 - b), 1 / (1 - b), 0.0], abs=1e-9)
    assert sol.values[0][0] * (1 - b) == pytest.approx(0.5, abs=1e-10)
    assert sol.policies[0][0][0] == pytest.approx((1 - b) / (2 - b), abs=1e-9)
    assert sol.policies[1][0] == pytest.approx([0.5, 0.5], abs=1e-9)
    assert sol.exploitability <= 1e-8
    # consistency at the fixed point: V(play) is the minimax value of the auxiliary game
    V = sol.values[0]
    aux = g.rewards[0][0] + b * g.transitions[0] @ V
    res = minimax(NormalFormGame.zero_sum(aux))
    assert res.value == pytest.approx(V[0], abs=1e-9)
    assert res.row_strategy == pytest.approx(sol.policies[0][0], abs=1e-8)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_game_fixed_point_and_certificate(seed):
    g = random_zero_sum(10, 5, 0.9, seed)
    sol = shapley_value_iteration(g, tol=1e-12)
    assert sol.converged and sol.params["stage_lp"] == "tableau"
    assert sol.exploitability <= 1e-8
    V = sol.values[0]
    for s in range(g.num_states):   # Shapley's equation, checked with minimax()
        aux = g.rewards[s][0] + g.discount * g.transitions[s] @ V
        assert minimax(NormalFormGame.zero_sum(aux)).value == pytest.approx(V[s], abs=1e-9)
    if seed == 0:   # the slow path through minimax() agrees
        Vp, X, Y, it, res = _shapley_python(g, 1e-12 * _reward_scale(g), 10_000)
        assert Vp == pytest.approx(V, abs=1e-9)


def test_shapley_respects_max_iter():
    sol = shapley_value_iteration(catalog.get("big-match"), max_iter=3)
    assert not sol.converged and sol.num_iter == 3 and sol.residual > 1e-3
    assert sol.exploitability > 1e-3     # player 1 quits with the wrong probability
    assert abs(sol.policies[0][0][0] - 1 / 11) > 1e-3


def test_shapley_with_state_dependent_action_counts():
    """State 0: player 1 has 3 actions, player 2 has 2; every joint action moves to the
    absorbing state 1, a 1x2 game paying 1 or 3 (player 2 picks 1).  With b = 0.5,
    V(1) = 1 / (1 - b) = 2 and V(0) = val(R0) + b * 2 = val(R0) + 1."""
    R0 = np.array([[3.0, -1.0], [-2.0, 2.0], [0.0, 0.0]])
    T0 = np.zeros((3, 2, 2))
    T0[..., 1] = 1.0
    R1 = np.array([[1.0, 3.0]])
    T1 = np.zeros((1, 2, 2))
    T1[..., 1] = 1.0
    g = StochasticGame([[R0, -R0], [R1, -R1]], [T0, T1], discount=0.5)
    sol = shapley_value_iteration(g)
    v0 = minimax(NormalFormGame.zero_sum(R0)).value
    assert sol.values[0] == pytest.approx([v0 + 1.0, 2.0], abs=1e-9)
    assert [len(p) for p in sol.policies[0]] == [3, 1]
    assert [len(p) for p in sol.policies[1]] == [2, 2]
    assert sol.policies[1][1].tolist() == [1.0, 0.0]
    assert sol.exploitability <= 1e-8


def test_episodic_zero_sum_with_discount_one():
    """Discount 1, episodic: state ``s`` plays matching pennies scaled by 2 and then moves
    to ``t`` (rock-paper-scissors, value 0) on a match or ends on a mismatch; ``t`` then
    ends.  Every policy terminates within two steps.  V(t) = 0, so V(s) = value of
    [[2, -2], [-2, 2]] = 0 and both mix uniformly; with R(s) = [[3, -1], [-1, 1]] instead
    the value is (3 - 1)/(3 + 1 + 1 + 1) = 1/3."""
    R = np.array([[3.0, -1.0], [-1.0, 1.0]])
    Ts = np.zeros((2, 2, 3))
    Ts[0, 0, 1] = Ts[1, 1, 1] = 1.0
    Ts[0, 1, 2] = Ts[1, 0, 2] = 1.0
    rps = catalog.get("rock-paper-scissors").payoff_array
    Tt = np.zeros((3, 3, 3))
    Tt[..., 2] = 1.0
    g = StochasticGame([[R, -R], rps, None], [Ts, Tt, None], discount=1.0, terminal=[2])
    sol = shapley_value_iteration(g)
    assert sol.values[0] == pytest.approx([1 / 3, 0.0, 0.0], abs=1e-12)
    assert sol.policies[0][1] == pytest.approx([1 / 3] * 3, abs=1e-9)
    assert sol.policies[0][2].tolist() == [1.0]
    assert sol.num_iter <= 3 and sol.exploitability <= 1e-9


# ---------------------------------------------------------------------------- MDPs
@pytest.mark.parametrize("b", [0.9, 0.8, 0.99])
def test_chain_mdp_closed_form(b):
    """Catalog chain: for b > 1/sqrt(2) going right is optimal, values b^2/(1-b),
    b/(1-b), 1/(1-b)."""
    sol = value_iteration(catalog.get("chain-mdp", discount=b))
    assert sol.values[0] == pytest.approx([b * b / (1 - b), b / (1 - b), 1 / (1 - b)],
                                          abs=1e-8)
    assert [int(p.argmax()) for p in sol.policies[0]][:2] == [1, 1]
    assert sol.exploitability <= 1e-9 and sol.converged


def test_chain_mdp_below_threshold():
    """b = 0.6 < 1/sqrt(2): staying left in state 0 pays 0.5/(1-b) = 1.25, going right
    b^2/(1-b) = 0.9; state 1 goes right: b/(1-b) = 1.5 > 0.6 * 1.25."""
    b = 0.6
    sol = value_iteration(catalog.get("chain-mdp", discount=b))
    assert sol.values[0] == pytest.approx([1.25, 1.5, 2.5], abs=1e-9)
    assert [int(p.argmax()) for p in sol.policies[0]] == [0, 1, 1]


def test_value_iteration_matches_brute_force():
    rng = np.random.default_rng(3)
    S, A = 4, 3
    R = rng.normal(size=(S, A))
    T = rng.dirichlet(np.ones(S), size=(S, A))
    g = StochasticGame.mdp(R, T, discount=0.85, initial=rng.dirichlet(np.ones(S)))
    sol = value_iteration(g)
    best = max((policy_evaluation(g, [p])[0] for p in all_deterministic(g, 0)),
               key=lambda v: float(v @ g.initial))
    assert sol.values[0] == pytest.approx(best, abs=1e-9)


def test_value_iteration_rejects_games():
    with pytest.raises(UnsupportedGameError, match="MDPs"):
        value_iteration(absorbing_game())
    with pytest.raises(UnsupportedGameError, match="StochasticGame"):
        value_iteration(catalog.get("prisoners-dilemma"))
    with pytest.raises(InvalidOptionError):
        value_iteration(catalog.get("chain-mdp"), tol=0)
    with pytest.raises(InvalidOptionError):
        value_iteration(catalog.get("chain-mdp"), max_iter=0)


# ---------------------------------------------------------------------------- evaluation
def test_policy_evaluation_two_step_and_monte_carlo():
    """Rashid et al. (2018) two-step game, discount 1.  Agent 1 picks B (state 2B) with
    probability 0.3, and in 2B plays (0.2, 0.8) against agent 2's (0.6, 0.4):
    V(2B) = [0.2, 0.8] [[0, 1], [1, 8]] [0.6, 0.4]' = 0.2 * 0.4 + 0.8 * 3.8 = 3.12, so
    V(1) = 0.7 * 7 + 0.3 * 3.12 = 5.836; checked against 2,000 rollouts of step()."""
    g = catalog.get("two-step")
    p1 = [[0.7, 0.3], [0.5, 0.5], [0.2, 0.8], [1.0]]
    p2 = [[0.5, 0.5], [0.5, 0.5], [0.6, 0.4], [1.0]]
    V = policy_evaluation(g, [p1, p2])
    v2b = np.array([0.2, 0.8]) @ np.array([[0, 1], [1, 8]]) @ np.array([0.6, 0.4])
    assert v2b == pytest.approx(3.12)
    assert V[0] == pytest.approx([5.836, 7.0, 3.12, 0.0], abs=1e-12)
    rng = np.random.default_rng(0)
    total = np.zeros(2000)
    for k in range(total.size):
        s, done = 0, False
        while not done:
            u = rng.random(2)
            a = (int(u[0] >= p1[s][0]), int(u[1] >= p2[s][0]))
            s, r, done = g.step(s, a, rng)
            total[k] += r[0]
    se = total.std() / np.sqrt(total.size)
    assert abs(total.mean() - V[0][0]) < 4 * se


def test_policy_evaluation_discounted_monte_carlo():
    g = absorbing_game(0.6)
    pol = [[[0.3, 0.7], [0.9, 0.1]], [[0.6, 0.4], [0.2, 0.8]]]
    V = policy_evaluation(g, pol)
    rng = np.random.default_rng(1)
    H = 40  # 0.6**40 ~ 1e-9
    returns = np.zeros(1000)
    for k in range(returns.size):
        s, disc = 0, 1.0
        for _ in range(H):
            u = rng.random(2)
            a = (int(u[0] >= pol[0][s][0]), int(u[1] >= pol[1][s][0]))
            s2, r, _ = g.step(s, a, rng)
            returns[k] += disc * r[0]
            disc *= 0.6
            s = s2
    se = returns.std() / np.sqrt(returns.size)
    assert abs(returns.mean() - V[0][0]) < 4 * se
    assert V[1] == pytest.approx(-V[0])


def test_policy_evaluation_rejects_non_terminating_policy_at_discount_one():
    """Discount 1: a policy that loops forever in the non-terminal state is refused;
    one that always leaves is fine (V = its one reward)."""
    g = StochasticGame.mdp([[1.0, 5.0], None], [[[1, 0], [0, 1]], None], discount=1.0,
                           terminal=[1])
    assert policy_evaluation(g, [[[0.0, 1.0], [1.0]]])[0].tolist() == [5.0, 0.0]
    assert policy_evaluation(g, [[[0.5, 0.5], [1.0]]])[0].tolist() == [pytest.approx(6.0),
                                                                      0.0]
    with pytest.raises(UnsupportedGameError, match="State 1"):
        policy_evaluation(g, [[[1.0, 0.0], [1.0]]])
    with pytest.raises(UnsupportedGameError, match="stay forever"):
        value_iteration(g)
    with pytest.raises(UnsupportedGameError, match="stay forever"):
        best_response_policy(g, [None], 0)


def test_finite_horizon_is_unsupported():
    g = StochasticGame.repeated(catalog.get("matching-pennies"), discount=1.0, horizon=5)
    for f in (lambda: policy_evaluation(g, uniform_policies(g)),
              lambda: exploitability(g, uniform_policies(g)),
              lambda: best_response_policy(g, uniform_policies(g), 0),
              lambda: shapley_value_iteration(g)):
        with pytest.raises(UnsupportedGameError, match="horizon"):
            f()


# ---------------------------------------------------------------------------- best responses
@pytest.mark.parametrize("seed", range(4))
def test_best_response_equals_brute_force_and_improves(seed):
    g = general_sum_game()
    rng = np.random.default_rng(seed)
    pol = [[rng.dirichlet(np.ones(2)) for _ in range(2)] for _ in range(2)]
    V = policy_evaluation(g, pol)
    for i in range(2):
        br = best_response_policy(g, pol, i)
        assert isinstance(br, BestResponsePolicy) and br.converged
        brute = []
        for det in all_deterministic(g, i):
            trial = list(pol)
            trial[i] = det
            brute.append(policy_evaluation(g, trial)[i])
        best = max(brute, key=lambda v: float(v @ g.initial))
        assert br.value == pytest.approx(float(best @ g.initial), abs=1e-10)
        assert np.all(br.values >= np.max(brute, axis=0) - 1e-10)   # optimal everywhere
        assert br.value >= float(V[i] @ g.initial) - 1e-12          # improves
        trial = list(pol)
        trial[i] = br.policy
        assert policy_evaluation(g, trial)[i] == pytest.approx(br.values, abs=1e-12)


def test_general_sum_equilibrium_certificate():
    """The pure stationary profile (D, D) in state 0 and (row 1, column 2) in state 1 is
    an equilibrium: each stage game has a dominant action even with the continuation
    values (checked by brute force over all deviations)."""
    g = general_sum_game()
    pol = [[[0.0, 1.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]]]
    assert exploitability(g, pol) <= 1e-12
    V = policy_evaluation(g, pol)
    for i in range(2):
        for det in all_deterministic(g, i):
            trial = list(pol)
            trial[i] = det
            assert np.all(policy_evaluation(g, trial)[i] <= V[i] + 1e-12)


def test_three_player_exploitability_brute_force():
    rng = np.random.default_rng(7)
    S, n = 2, 3
    R = [rng.normal(size=(n, 2, 2, 2)) for _ in range(S)]
    T = [rng.dirichlet(np.ones(S), size=(2, 2, 2)) for _ in range(S)]
    g = StochasticGame(R, T, discount=0.8)
    pol = [[rng.dirichlet(np.ones(2)) for _ in range(S)] for _ in range(n)]
    V = policy_evaluation(g, pol)
    expected = 0.0
    for i in range(n):
        vals = []
        for det in all_deterministic(g, i):
            trial = list(pol)
            trial[i] = det
            vals.append(float(policy_evaluation(g, trial)[i] @ g.initial))
        expected += max(vals) - float(V[i] @ g.initial)
    assert exploitability(g, pol) == pytest.approx(expected, abs=1e-10)
    with pytest.raises(UnsupportedGameError, match="two-player"):
        shapley_value_iteration(g)


def test_ties_go_to_the_lowest_index():
    g = catalog.get("big-match")
    br = best_response_policy(g, [None, [[0.5, 0.5], [1], [1]]], 0)
    assert br.policy[0].tolist() == [1.0, 0.0] and br.value == pytest.approx(5.0)
    # against L for sure, T wins forever: 1/(1 - 0.9) = 10
    br = best_response_policy(g, [None, [[1.0, 0.0], [1], [1]]], 0)
    assert br.policy[0].tolist() == [1.0, 0.0] and br.value == pytest.approx(10.0)


def test_two_step_exploitability_and_optimum():
    """Uniform: 3.25 (see the docstring of exploitability).  The optimal joint policy
    (B, then (B, B)) pays 8 and is an equilibrium; (A, ...) pays 7 and agent 1 gains 1
    by switching to 2B when agent 2 plays B there."""
    g = catalog.get("two-step")
    assert exploitability(g, uniform_policies(g)) == pytest.approx(3.25, abs=1e-12)
    B = [0.0, 1.0]
    opt = [[B, B, B, [1.0]], [B, B, B, [1.0]]]
    assert exploitability(g, opt) == 0.0
    assert policy_evaluation(g, opt)[0][0] == 8.0
    safe = [[[1.0, 0.0], B, B, [1.0]], [B, B, B, [1.0]]]
    assert exploitability(g, safe) == pytest.approx(1.0)


# ---------------------------------------------------------------------------- input checks
def test_check_policies_errors_name_player_and_state():
    g = catalog.get("big-match")
    good = [[[1, 0], [1], [1]], [[0.5, 0.5], [1], [1]]]
    out = check_policies(g, good)
    assert [[p.tolist() for p in pol] for pol in out] == [[[1.0, 0.0], [1.0], [1.0]],
                                                          [[0.5, 0.5], [1.0], [1.0]]]
    with pytest.raises(InvalidProfileError, match=r"Player 2 \(player 1\) in state "
                                                  r"'play' has shape \(3,\)"):
        check_policies(g, [good[0], [[0.5, 0.25, 0.25], [1], [1]]])
    with pytest.raises(InvalidProfileError, match="state 'win': probabilities sum to 2"):
        check_policies(g, [[[1, 0], [2], [1]], good[1]])
    with pytest.raises(InvalidProfileError, match="negative probability -0.5 on action 'T'"):
        check_policies(g, [[[-0.5, 1.5], [1], [1]], good[1]])
    with pytest.raises(InvalidProfileError, match="one probability vector per state"):
        check_policies(g, [good[0][:2], good[1]])
    with pytest.raises(InvalidProfileError, match="given for 3 player"):
        check_policies(g, good[:1] * 3)
    with pytest.raises(InvalidProfileError, match="NaN"):
        check_policies(g, [[[np.nan, 1], [1], [1]], good[1]])
    for f in (policy_evaluation, exploitability):
        with pytest.raises(InvalidProfileError, match="Player 1"):
            f(g, [[[0.2, 0.2], [1], [1]], good[1]])
    with pytest.raises(InvalidProfileError, match="unknown player"):
        best_response_policy(g, good, "nobody")


def test_shapley_rejects_general_sum_and_bad_options():
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        shapley_value_iteration(general_sum_game())
    with pytest.raises(UnsupportedGameError, match="two-player"):
        shapley_value_iteration(catalog.get("chain-mdp"))
    with pytest.raises(InvalidOptionError, match="tol"):
        shapley_value_iteration(absorbing_game(), tol=-1)
    with pytest.raises(InvalidOptionError, match="max_iter"):
        shapley_value_iteration(absorbing_game(), max_iter=1.5)


def test_discount_one_with_a_loop_is_refused():
    R = np.array([[1.0, -1.0], [-1.0, 1.0]])
    T = np.zeros((2, 2, 2))
    T[0, 0, 0] = 1.0          # (1, 1) stays forever
    T[0, 1, 1] = T[1, :, 1] = 1.0
    g = StochasticGame([[R, -R], None], [T, None], discount=1.0, terminal=[1])
    with pytest.raises(UnsupportedGameError, match="stay forever"):
        shapley_value_iteration(g)


def test_solution_to_dict_round_trip():
    import json
    sol = shapley_value_iteration(catalog.get("big-match"))
    d = json.loads(json.dumps(sol.to_dict()))
    assert d["method"] == "shapley_value_iteration" and d["converged"]
    assert d["value"] == pytest.approx([5.0, -5.0])
    assert d["policies"][1][0] == pytest.approx([0.5, 0.5])
    assert sol.values.flags.writeable is False
    with pytest.raises(AttributeError):
        sol.num_iter = 3


def test_exact_fractions_where_available():
    """The absorbing game's value 28/11 is recovered to float precision."""
    sol = shapley_value_iteration(absorbing_game(0.9), tol=1e-13)
    assert Fraction(float(sol.values[0][0])).limit_denominator(100) == Fraction(28, 11)


def test_fallback_to_minimax_when_a_stage_lp_is_not_certified(monkeypatch, caplog):
    """Force every compiled stage answer to fail its gap check: the iteration is redone
    through minimax() and gives the same values."""
    import gametheory.solvers._stochastic_solvers as mod
    monkeypatch.setattr(mod, "_GAP_TOL", -1.0)
    with caplog.at_level("WARNING"):
        sol = shapley_value_iteration(catalog.get("big-match"))
    assert sol.params["stage_lp"] == "minimax" and "redoing" in caplog.text
    assert sol.values[0] == pytest.approx([5.0, 10.0, 0.0], abs=1e-9)
    assert sol.exploitability <= 1e-8
