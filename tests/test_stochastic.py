"""Tests of StochasticGame, POSG and the stochastic catalog games."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.optimize import linprog

from gametheory import GameFormatError, InvalidGameError, UnsupportedGameError
from gametheory.games import POSG, NormalFormGame, StochasticGame, catalog


# ---------------------------------------------------------------------------- helpers
def policy_value(game: StochasticGame, policy, state, depth: int = 50) -> np.ndarray:
    """Expected discounted return of every player from ``state`` under a stationary joint
    policy ``policy[s]`` (a joint action or mixed profile per state), by direct recursion
    (for acyclic episodic games such as the two-step game)."""
    s = game.state_index(state)
    if game.is_terminal(s) or depth == 0:
        return np.zeros(game.num_players)
    r = game.expected_reward(s, policy[s])
    p = game.transition_distribution(s, policy[s])
    future = sum(p[t] * policy_value(game, policy, t, depth - 1)
                 for t in range(game.num_states) if p[t] > 0)
    return r + game.discount * future


def matrix_game_value(M: np.ndarray) -> tuple[float, np.ndarray]:
    """Value and a maximin strategy of the row player of the zero-sum matrix game ``M``."""
    m, k = M.shape
    # variables (x_1..x_m, v): maximise v s.t. x^T M[:, j] >= v, sum x = 1, x >= 0
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-M.T, np.ones((k, 1))])
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(k), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    assert res.status == 0
    return float(res.x[-1]), res.x[:-1]


def shapley_iteration(game: StochasticGame, iters: int = 2000):
    """Shapley's (1953) value iteration for a two-player zero-sum discounted game; returns
    player 1's state values and maximin stage strategies."""
    v = np.zeros(game.num_states)
    strategies = [None] * game.num_states
    for _ in range(iters):
        new = np.empty_like(v)
        for s in range(game.num_states):
            Q = game.rewards[s][0] + game.discount * game.transitions[s] @ v
            new[s], strategies[s] = matrix_game_value(Q)
        if np.max(np.abs(new - v)) < 1e-12:
            v = new
            break
        v = new
    return v, strategies


def mdp_value_iteration(game: StochasticGame, iters: int = 5000):
    v = np.zeros(game.num_states)
    for _ in range(iters):
        q = [game.rewards[s][0] + game.discount * game.transitions[s] @ v
             for s in range(game.num_states)]
        new = np.array([qs.max() for qs in q])
        if np.max(np.abs(new - v)) < 1e-13:
            return new, [int(np.argmax(qs)) for qs in q]
        v = new
    return v, [int(np.argmax(qs)) for qs in q]


def simple_game(**kw) -> StochasticGame:
    """2 players, 2 states; the second state has 3 x 1 actions."""
    R0 = np.array([[[1, 2], [3, 4]], [[-1, 0], [2, 5]]], dtype=float)
    T0 = np.full((2, 2, 2), 0.5)
    R1 = np.array([[[0], [1], [2]], [[0], [-1], [-2]]], dtype=float)
    T1 = np.array([[[1.0, 0.0]], [[0.0, 1.0]], [[0.5, 0.5]]])
    args = dict(discount=0.9, states=["s", "t"])
    args.update(kw)
    return StochasticGame([R0, R1], [T0, T1], **args)


# ---------------------------------------------------------------------------- two-step game
class TestTwoStep:
    """Rashid et al. (2018), QMIX paper, two-step game."""

    def test_structure(self):
        g = catalog.get("two-step")
        assert g.num_players == 2 and g.num_states == 4
        assert g.states == ("1", "2A", "2B", "end")
        assert g.terminal == (3,) and g.is_terminal("end") and not g.is_terminal("1")
        assert g.discount == 1.0 and g.horizon is None
        assert g.is_common_reward and not g.is_zero_sum and not g.is_mdp
        assert not g.is_repeated
        assert g.action_counts == ((2, 2), (2, 2), (2, 2), (1, 1))
        assert g.initial.tolist() == [1.0, 0.0, 0.0, 0.0]
        np.testing.assert_array_equal(g.rewards[0], np.zeros((2, 2, 2)))
        np.testing.assert_array_equal(g.rewards[1], np.full((2, 2, 2), 7.0))
        np.testing.assert_array_equal(g.rewards[2][0], [[0, 1], [1, 8]])
        np.testing.assert_array_equal(g.rewards[2][1], [[0, 1], [1, 8]])
        np.testing.assert_array_equal(g.rewards[3], np.zeros((2, 1, 1)))

    @pytest.mark.parametrize("a1, nxt", [("A", 1), ("B", 2)])
    @pytest.mark.parametrize("a2", ["A", "B"])
    def test_agent_one_picks_the_next_state(self, a1, a2, nxt):
        g = catalog.get("two-step")
        expected = np.zeros(4)
        expected[nxt] = 1.0
        np.testing.assert_array_equal(g.transition_distribution("1", (a1, a2)), expected)
        for s in ("2A", "2B"):
            np.testing.assert_array_equal(g.transition_distribution(s, (a1, a2)),
                                          [0, 0, 0, 1])

    @pytest.mark.parametrize("policy, expected", [
        pytest.param({0: (1, 1), 1: (0, 0), 2: (1, 1)}, 8.0, id="B-then-BB-optimal"),
        pytest.param({0: (1, 0), 1: (0, 0), 2: (1, 1)}, 8.0, id="agent2-irrelevant-at-1"),
        pytest.param({0: (0, 0), 1: (0, 0), 2: (1, 1)}, 7.0, id="A-safe-7"),
        pytest.param({0: (0, 1), 1: (1, 0), 2: (0, 0)}, 7.0, id="A-any-joint-action"),
        pytest.param({0: (1, 1), 1: (0, 0), 2: (0, 0)}, 0.0, id="B-then-AA"),
        pytest.param({0: (1, 1), 1: (0, 0), 2: (0, 1)}, 1.0, id="B-then-AB"),
        pytest.param({0: (1, 0), 1: (0, 0), 2: ([0.5, 0.5], [0.5, 0.5])}, 2.5,
                     id="B-then-uniform"),
        pytest.param({0: ([0.5, 0.5], "A"), 1: (0, 0), 2: (1, 1)}, 7.5,
                     id="agent1-mixes-at-1"),
    ])
    def test_returns_of_joint_policies(self, policy, expected):
        g = catalog.get("two-step")
        policy = dict(policy)
        policy[3] = (0, 0)
        v = policy_value(g, policy, "1")
        np.testing.assert_allclose(v, [expected, expected])

    def test_episode_by_sampling_ends_after_two_steps(self):
        g = catalog.get("two-step")
        rng = np.random.default_rng(5)
        s = g.sample_initial_state(rng)
        total, steps = np.zeros(2), 0
        for joint in [("B", "A"), ("B", "B")]:
            res = g.step(s, joint, rng)
            total += res.rewards
            s, steps = res.next_state, steps + 1
        assert res.terminal and s == 3 and steps == 2
        assert total.tolist() == [8.0, 8.0]

    def test_state_game_labels(self):
        g = catalog.get("two-step")
        sg = g.state_game("2B")
        assert isinstance(sg, NormalFormGame)
        assert sg.players == ("Agent 1", "Agent 2")
        assert sg.actions == (("A", "B"), ("A", "B"))
        assert sg.payoff(("B", "B")).tolist() == [8.0, 8.0]
        assert "2B" in sg.title
        assert g.state_game(3).actions == (("noop",), ("noop",))
        assert g.num_actions("end") == (1, 1)


# ---------------------------------------------------------------------------- Big Match
class TestBigMatch:
    """Blackwell and Ferguson (1968): discounted value 1/(2(1-b)) from the playing state;
    player 1 plays T with probability (1-b)/(2-b)."""

    @pytest.mark.parametrize("b", [0.9, 0.5, 0.75])
    def test_shapley_values(self, b):
        g = catalog.get("big-match", discount=b)
        assert g.is_zero_sum and not g.is_common_reward
        v, strategies = shapley_iteration(g)
        np.testing.assert_allclose(v, [1 / (2 * (1 - b)), 1 / (1 - b), 0.0], atol=1e-8)
        np.testing.assert_allclose(strategies[0], [(1 - b) / (2 - b), 1 / (2 - b)],
                                   atol=1e-6)

    def test_default_values_stated_in_docstring(self):
        v, strategies = shapley_iteration(catalog.get("big-match"))
        np.testing.assert_allclose(v, [5.0, 10.0, 0.0], atol=1e-8)
        np.testing.assert_allclose(strategies[0][0], 1 / 11, atol=1e-6)

    def test_rewards_and_transitions(self):
        g = catalog.get("big-match")
        assert g.reward("play", ("T", "L")).tolist() == [1.0, -1.0]
        assert g.reward("win", (0, 0)).tolist() == [1.0, -1.0]
        assert g.transition_distribution("play", ("T", "R")).tolist() == [0, 0, 1]
        assert g.transition_distribution("play", ("B", "L")).tolist() == [1, 0, 0]
        assert g.terminal == ()


# ---------------------------------------------------------------------------- MDPs
class TestMDP:
    def test_chain_mdp_optimal_values(self):
        g = catalog.get("chain-mdp")
        assert g.is_mdp and not g.is_repeated and not g.is_zero_sum
        v, greedy = mdp_value_iteration(g)
        np.testing.assert_allclose(v, [8.1, 9.0, 10.0], atol=1e-9)
        assert greedy == [1, 1, 1]  # always "right"

    @pytest.mark.parametrize("b", [0.75, 0.95])
    def test_chain_mdp_closed_form(self, b):
        v, _ = mdp_value_iteration(catalog.get("chain-mdp", discount=b))
        np.testing.assert_allclose(v, [b**2 / (1 - b), b / (1 - b), 1 / (1 - b)], atol=1e-8)

    def test_mdp_constructor_with_state_dependent_actions_and_terminal(self):
        g = StochasticGame.mdp([[1.0, 2.0, 3.0], [5.0], [0.0, 0.0]],
                               [[[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1]],
                                [[0, 0, 1], [0, 0, 1]]],
                               discount=1.0, terminal=[2], states=["a", "b", "done"],
                               actions=[["x", "y", "z"], ["w"], None])
        assert g.action_counts == ((3,), (1,), (1,))
        assert g.actions[0] == (("x", "y", "z"),) and g.actions[2] == (("noop",),)
        assert g.players == ("Agent",)
        # "x" then "w": 1 + 5; "y" ends at once with 2
        assert policy_value(g, {0: ["x"], 1: ["w"]}, "a").tolist() == [6.0]
        assert policy_value(g, {0: ["y"], 1: ["w"]}, "a").tolist() == [2.0]

    def test_mdp_flat_labels_skip_terminal_states(self):
        R = [[1.0, 0.0], [0.0, 0.0]]
        T = [[[0, 1], [1, 0]], [[0, 1], [0, 1]]]
        g = StochasticGame.mdp(R, T, discount=1.0, terminal=["T"], states=["S", "T"],
                               actions=["go", "wait"])
        assert g.actions == ((("go", "wait"),), (("noop",),))

    def test_mdp_rejects_matrix_rewards_per_state(self):
        with pytest.raises(InvalidGameError, match="must be a vector"):
            StochasticGame.mdp([[[1, 2]]], [[[1.0]]], discount=0.5)


# ---------------------------------------------------------------------------- repeated games
class TestRepeated:
    def test_repeated_prisoners_dilemma(self):
        pd = catalog.get("prisoners-dilemma")
        g = StochasticGame.repeated(pd, discount=0.9)
        assert g.is_repeated and not g.is_mdp and g.num_states == 1
        assert g.stage_game == pd
        assert g.stage_game.actions == (("C", "D"), ("C", "D"))
        assert g.players == pd.players
        # always (C, C): 3 / (1 - 0.9) = 30 each
        v = np.linalg.solve(np.eye(1) - 0.9 * g.transitions[0][0, 0][None, :],
                            g.rewards[0][:, 0, 0][None, :])
        np.testing.assert_allclose(v, [[30.0, 30.0]])

    def test_finite_horizon_allows_discount_one(self):
        g = StochasticGame.repeated(catalog.get("matching-pennies"), discount=1.0, horizon=5)
        assert g.horizon == 5 and g.is_repeated and g.is_zero_sum

    def test_infinite_undiscounted_repetition_is_rejected(self):
        with pytest.raises(InvalidGameError, match="needs terminal states"):
            StochasticGame.repeated(catalog.get("chicken"), discount=1.0)

    def test_stage_game_of_non_repeated_game(self):
        with pytest.raises(UnsupportedGameError, match="repeated games only"):
            catalog.get("two-step").stage_game

    def test_repeated_needs_a_normal_form_game(self):
        with pytest.raises(InvalidGameError, match="NormalFormGame"):
            StochasticGame.repeated([[1, 0], [0, 1]], discount=0.5)

    def test_one_state_that_leaves_is_not_repeated(self):
        g = StochasticGame([np.zeros((1, 2)), None], [[[0.5, 0.5], [1, 0]], None],
                           discount=1.0, terminal=[1])
        assert not g.is_repeated


# ---------------------------------------------------------------------------- general
class TestGeneral:
    def test_defaults_and_read_only(self):
        g = simple_game()
        assert g.players == ("Player 1", "Player 2")
        assert g.actions == ((("1", "2"), ("1", "2")), (("1", "2", "3"), ("1",)))
        assert g.action_counts == ((2, 2), (3, 1))
        assert g.num_actions("t") == (3, 1)
        assert not g.is_zero_sum and not g.is_common_reward
        for arr in g.rewards + g.transitions + (g.initial,):
            assert arr.dtype == np.float64
            with pytest.raises(ValueError):
                arr.flat[0] = 1.0
        assert StochasticGame([np.zeros((1, 1))], [[[1.0]]], discount=0.5).states == \
            ("State 1",)

    def test_expected_reward_and_transitions(self):
        g = simple_game()
        np.testing.assert_allclose(g.expected_reward("s", [[0.5, 0.5], [0.25, 0.75]]),
                                   [0.5 * (0.25 * 1 + 0.75 * 2) + 0.5 * (0.25 * 3 + 0.75 * 4),
                                    0.5 * (0.25 * -1 + 0) + 0.5 * (0.25 * 2 + 0.75 * 5)])
        np.testing.assert_allclose(g.transition_distribution("t", [[0.2, 0.3, 0.5], [1.0]]),
                                   [0.2 + 0.25, 0.3 + 0.25])
        assert g.reward("t", (2, 0)).tolist() == [2.0, -2.0]

    def test_sampling_frequencies(self):
        P = np.array([[[0.2, 0.5, 0.3]], [[0, 1, 0]], [[0, 0, 1]]])
        R = np.zeros((3, 1, 1))
        g = StochasticGame.mdp(R[:, 0, :], P, discount=0.5)
        rng = np.random.default_rng(2024)
        draws = np.array([g.step(0, [0], rng).next_state for _ in range(20000)])
        freq = np.bincount(draws, minlength=3) / len(draws)
        np.testing.assert_allclose(freq, [0.2, 0.5, 0.3], atol=0.015)
        # a seed gives a reproducible sequence
        a = [g.step(0, [0], np.random.default_rng(7)).next_state for _ in range(3)]
        b = [g.step(0, [0], 7).next_state for _ in range(3)]
        assert a == b

    def test_initial_distribution(self):
        g = simple_game(initial=[0.25, 0.75])
        rng = np.random.default_rng(0)
        draws = [g.sample_initial_state(rng) for _ in range(8000)]
        assert abs(np.mean(draws) - 0.75) < 0.02
        assert simple_game(initial="t").initial.tolist() == [0.0, 1.0]

    def test_labels_for_actions_and_states(self):
        g = simple_game(players=["row", "col"],
                        actions=[[["u", "d"], ["l", "r"]], [["a", "b", "c"], ["only"]]])
        assert g.state_game("t").actions == (("a", "b", "c"), ("only",))
        assert g.state_game("t").players == ("row", "col")
        assert g.step("s", ("d", "r"), 0).rewards.tolist() == [4.0, 5.0]

    def test_normal_form_games_as_rewards(self):
        pd = catalog.get("prisoners-dilemma")
        T = np.zeros((2, 2, 2))
        T[..., 1] = 1.0
        g = StochasticGame([pd, None], [T, None], discount=1.0, terminal=[1])
        assert g.actions[0] == pd.actions
        assert g.state_game(0) == pd

    def test_terminal_states_given_with_zero_data_collapse_to_one_action(self):
        R = np.zeros((2, 2, 2, 2))
        R[0, 0] = 1.0
        T = np.zeros((2, 2, 2, 2))
        T[..., 1] = 1.0
        g = StochasticGame(R, T, discount=1.0, terminal=[1])
        assert g.action_counts == ((2, 2), (1, 1))
        assert g.transitions[1].tolist() == [[[0.0, 1.0]]]

    def test_repr_and_equality(self):
        g = simple_game()
        assert "2 player(s), 2 state(s)" in repr(g)
        assert g == simple_game()
        assert g != simple_game(discount=0.8)
        assert g != simple_game(states=["x", "y"])
        assert g != POSG.fully_observable(g)


# ---------------------------------------------------------------------------- bad input
R_OK = [np.zeros((2, 2, 2)), None]
T_OK = np.zeros((2, 2, 2))
T_OK[..., 1] = 1.0


def _bad_transitions(value_at, value):
    T = T_OK.copy()
    T[value_at] = value
    return T


@pytest.mark.parametrize("kwargs, match", [
    pytest.param(dict(transitions=[_bad_transitions((0, 1, 0), -0.5), None]),
                 r"from state 'State 1' at joint action \(0, 1\) to state 'State 1' is -0.5"
                 r".*non-negative", id="negative-probability"),
    pytest.param(dict(transitions=[_bad_transitions((1, 0, 0), 0.3), None]),
                 r"at joint action \(1, 0\) sum to 1.3, not 1", id="row-not-summing-to-1"),
    pytest.param(dict(transitions=[_bad_transitions((1, 0, 0), np.nan), None]),
                 r"joint action \(1, 0\).*must be finite", id="nan-probability"),
    pytest.param(dict(rewards=[np.array([[[0, 0], [np.nan, 0]], [[0, 0], [0, 0]]]), None]),
                 r"reward of Player 1 in state 'State 1' at joint action \(1, 0\) is nan",
                 id="nan-reward"),
    pytest.param(dict(rewards=[np.array([[[0, 0], [0, 0]], [[0, np.inf], [0, 0]]]), None]),
                 r"reward of Player 2 .* joint action \(0, 1\) is inf", id="inf-reward"),
    pytest.param(dict(rewards=[np.zeros((2, 2, 3)), None]),
                 r"transitions of state 'State 1' have shape \(2, 2, 2\), expected "
                 r"\(2, 3, 2\)", id="transition-shape"),
    pytest.param(dict(rewards=[np.zeros((2, 2)), None]),
                 r"rewards of state 'State 1' have shape \(2, 2\)", id="reward-shape"),
    pytest.param(dict(rewards=[np.zeros((2, 2, 2))]),
                 r"rewards are given for 1 states but transitions for 2", id="state-count"),
    pytest.param(dict(discount=1.5), r"discount must be in \[0, 1\], got 1.5",
                 id="discount-above-1"),
    pytest.param(dict(discount=-0.1), r"discount must be in \[0, 1\]", id="negative-discount"),
    pytest.param(dict(discount="0.9"), r"discount must be a number", id="discount-string"),
    pytest.param(dict(discount=1.0, terminal=()),
                 r"infinite-horizon game with discount 1 needs terminal states",
                 id="undiscounted-no-terminal"),
    pytest.param(dict(horizon=0), r"horizon must be a positive int", id="horizon-zero"),
    pytest.param(dict(horizon=2.5), r"horizon must be a positive int", id="horizon-float"),
    pytest.param(dict(initial=[0.5, 0.6]),
                 r"initial distribution: probabilities sum to 1.1, not 1", id="initial-sum"),
    pytest.param(dict(initial=[1.5, -0.5]),
                 r"initial distribution: negative probability -0.5 at entry 1",
                 id="initial-negative"),
    pytest.param(dict(initial=[1.0]),
                 r"initial distribution: shape is \(1,\), expected \(2,\)",
                 id="initial-shape"),
    pytest.param(dict(initial="nowhere"), r"initial state: unknown state 'nowhere'",
                 id="initial-label"),
    pytest.param(dict(terminal=[5]), r"terminal states: state 5 out of range",
                 id="terminal-range"),
    pytest.param(dict(terminal=[0, 1]), r"every state is terminal", id="all-terminal"),
    pytest.param(dict(rewards=[np.zeros((2, 2, 2)), np.ones((2, 1, 1))]),
                 r"rewards of terminal state 'State 2' must be 0", id="terminal-reward"),
    pytest.param(dict(transitions=[T_OK, np.array([[[1.0, 0.0]]])]),
                 r"transitions of terminal state 'State 2' must loop", id="terminal-exit"),
    pytest.param(dict(rewards=[np.zeros((2, 2, 2)), None], transitions=[None, None]),
                 r"transitions of non-terminal state 'State 1' are missing",
                 id="missing-transitions"),
    pytest.param(dict(players=["a", "a"]), r"player labels must be distinct",
                 id="duplicate-players"),
    pytest.param(dict(players="ab"), r"players must be a sequence of labels",
                 id="players-string"),
    pytest.param(dict(players=["a", "b", "c"]), r"rewards of state 'State 1' have shape "
                 r"\(2, 2, 2\): expected \(n, m_1, ..., m_n\) with n = 3", id="player-count"),
    pytest.param(dict(states=["x"]), r"1 state labels given for 2", id="state-label-count"),
    pytest.param(dict(actions=[[["a", "b"], ["c"]], None]),
                 r"Player 2 has 2 action\(s\) in state 'State 1' but 1 action label",
                 id="action-label-count"),
    pytest.param(dict(actions=[[["a", "b"], ["c", "d"]], [["x", "y"], ["z"]]]),
                 r"Player 1 has 1 action\(s\) in state 'State 2'", id="terminal-labels"),
    pytest.param(dict(tol=-1), r"tol must be a number", id="bad-tol"),
])
def test_invalid_games(kwargs, match):
    args = dict(rewards=R_OK, transitions=[T_OK, None], discount=0.9, terminal=[1])
    args.update(kwargs)
    with pytest.raises(InvalidGameError, match=match):
        StochasticGame(args.pop("rewards"), args.pop("transitions"), **args)


def test_tolerance_is_configurable():
    T = _bad_transitions((0, 0, 1), 1.0 + 1e-6)
    with pytest.raises(InvalidGameError, match="sum to"):
        StochasticGame(R_OK, [T, None], discount=0.9, terminal=[1])
    g = StochasticGame(R_OK, [T, None], discount=0.9, terminal=[1], tol=1e-5)
    assert g.tol == 1e-5
    # tiny negative entries within the tolerance are clipped to 0
    T2 = T_OK.copy()
    T2[0, 0] = [-1e-12, 1.0 + 1e-12]
    g2 = StochasticGame(R_OK, [T2, None], discount=0.9, terminal=[1])
    assert g2.transitions[0][0, 0, 0] == 0.0


def test_discount_is_required():
    with pytest.raises(TypeError):
        StochasticGame(R_OK, [T_OK, None], terminal=[1])


# ---------------------------------------------------------------------------- serialisation
@pytest.mark.parametrize("make", [
    pytest.param(lambda: catalog.get("two-step"), id="two-step"),
    pytest.param(lambda: catalog.get("big-match", discount=0.3), id="big-match"),
    pytest.param(lambda: catalog.get("chain-mdp"), id="chain-mdp"),
    pytest.param(lambda: simple_game(initial=[0.1, 0.9], horizon=7,
                                     players=["p", "q"]), id="horizon-and-initial"),
    pytest.param(lambda: StochasticGame.repeated(catalog.get("prisoners-dilemma"),
                                                 discount=0.95), id="repeated"),
    pytest.param(lambda: POSG.fully_observable(catalog.get("two-step")), id="posg-identity"),
    pytest.param(lambda: POSG(*_posg_args(), discount=0.5,
                              observation_labels=[["lo", "hi"], ["x", "y", "z"]]),
                 id="posg"),
])
def test_dict_round_trip(make):
    g = make()
    d = g.to_dict()
    text = json.dumps(d, allow_nan=False)
    back = StochasticGame.from_dict(json.loads(text))
    assert type(back) is type(g)
    assert back == g
    assert back.title == g.title
    assert d["type"] == ("posg" if isinstance(g, POSG) else "stochastic")


def test_dict_fields():
    d = catalog.get("two-step").to_dict()
    assert set(d) == {"type", "title", "description", "players", "states", "actions",
                      "rewards", "transitions", "discount", "horizon", "initial", "terminal"}
    assert d["rewards"][2][0] == [[0.0, 1.0], [1.0, 8.0]]
    assert d["actions"][3] == [["noop"], ["noop"]]
    assert d["horizon"] is None and d["terminal"] == [3]
    p = POSG.fully_observable(catalog.get("two-step")).to_dict()
    assert set(p) - set(d) == {"observations", "observation_labels"}


def _drop(key):
    d = catalog.get("two-step").to_dict()
    del d[key]
    return d


def _with(key, value, base=None):
    d = (base or catalog.get("two-step")).to_dict()
    d[key] = value
    return d


@pytest.mark.parametrize("d, match", [
    pytest.param([1, 2], "a game dict is needed, got list", id="not-a-dict"),
    pytest.param(_drop("type"), "no field 'type'", id="no-type"),
    pytest.param(_with("type", "extensive"), "field 'type' is 'extensive'", id="bad-type"),
    pytest.param(_drop("rewards"), "no field 'rewards'", id="no-rewards"),
    pytest.param(_drop("transitions"), "no field 'transitions'", id="no-transitions"),
    pytest.param(_drop("discount"), "no field 'discount'", id="no-discount"),
    pytest.param(_with("discount", "high"), "field 'discount' must be a number",
                 id="discount-string"),
    pytest.param(_with("horizon", 2.5), "field 'horizon' must be an int", id="horizon-float"),
    pytest.param(_with("rewards", "none"), "field 'rewards' must be a list", id="rewards-str"),
    pytest.param(_with("discount", 2.0), r"does not describe a valid game: discount",
                 id="invalid-game"),
    pytest.param(_with("rewards", [[[1, 2]], None, None, None]),
                 "does not describe a valid game: rewards of state '1'", id="bad-shape"),
    pytest.param(_with("actions", [5, None, None, None]),
                 "action labels of state '1' must be one sequence per player, got 5",
                 id="actions-not-a-list"),
    pytest.param(_with("rewards", ["a", "b", "c", "d"]),
                 "rewards of state '1': not a numeric array", id="rewards-non-numeric"),
    pytest.param(_with("initial", [[1, 0, 0, 0]]),
                 r"initial distribution: shape is \(1, 4\)", id="initial-nested"),
    pytest.param(_with("terminal", ["nope"]), "terminal states: unknown state 'nope'",
                 id="terminal-unknown"),
    pytest.param(_with("title", 3), "field 'title' must be a string", id="title-int"),
    pytest.param({k: v for k, v in POSG.fully_observable(catalog.get("two-step"))
                  .to_dict().items() if k != "observations"},
                 "posg game dict has no field 'observations'", id="posg-no-observations"),
])
def test_malformed_dicts(d, match):
    with pytest.raises(GameFormatError, match=match):
        StochasticGame.from_dict(d)


def test_posg_from_dict_rejects_a_stochastic_dict():
    with pytest.raises(GameFormatError, match="expected 'posg'"):
        POSG.from_dict(catalog.get("two-step").to_dict())


# ---------------------------------------------------------------------------- POSG
def _posg_args():
    R = [np.array([[[1.0]], [[-1.0]]]), np.array([[[2.0]], [[-2.0]]])]
    T = [np.array([[[0.5, 0.5]]]), np.array([[[0.5, 0.5]]])]
    O = [np.array([[0.9, 0.1], [0.2, 0.8]]), np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])]
    return R, T, O


class TestPOSG:
    def test_structure(self):
        R, T, O = _posg_args()
        g = POSG(R, T, O, discount=0.5, observation_labels=[["lo", "hi"], ["x", "y", "z"]])
        assert isinstance(g, StochasticGame) and g.is_zero_sum
        assert g.num_observations == (2, 3)
        assert g.observation_labels == (("lo", "hi"), ("x", "y", "z"))
        np.testing.assert_array_equal(g.observations[1], O[1])
        assert g.observation_distribution("Player 1", 1).tolist() == [0.2, 0.8]
        with pytest.raises(ValueError):
            g.observations[0][0, 0] = 0.5

    def test_observation_sampling(self):
        R, T, O = _posg_args()
        g = POSG(R, T, O, discount=0.5)
        rng = np.random.default_rng(11)
        draws = np.array([g.observe(1, rng) for _ in range(20000)])
        f0 = np.bincount(draws[:, 0], minlength=2) / len(draws)
        f1 = np.bincount(draws[:, 1], minlength=3) / len(draws)
        np.testing.assert_allclose(f0, [0.2, 0.8], atol=0.015)
        np.testing.assert_allclose(f1, [0.0, 0.5, 0.5], atol=0.015)
        assert f1[0] == 0.0
        assert g.observe(0, rng=3) == g.observe(0, rng=3)

    def test_identity_observations(self):
        base = catalog.get("two-step")
        g = POSG.fully_observable(base)
        assert g.num_observations == (4, 4)
        assert g.observation_labels == (base.states, base.states)
        for s in range(4):
            assert g.observe(s, rng=0) == (s, s)
        assert POSG(list(base.rewards), list(base.transitions), discount=1.0,
                    terminal=["end"], states=base.states, players=base.players,
                    actions=base.actions) == g

    @pytest.mark.parametrize("obs, match", [
        pytest.param(lambda O: [O[0]], r"observations are given for 1 players, the game has 2",
                     id="count"),
        pytest.param(lambda O: [O[0][:1], O[1]], r"observation matrix of Player 1 has shape "
                     r"\(1, 2\), expected \(2, O\)", id="shape"),
        pytest.param(lambda O: [np.array([[0.9, 0.2], [0.2, 0.8]]), O[1]],
                     r"observation probabilities of Player 1 in state 'State 1': "
                     r"probabilities sum to 1.1",
                     id="row-sum"),
        pytest.param(lambda O: [O[0], np.array([[1.0, 0, 0], [-0.5, 1.0, 0.5]])],
                     r"observation probabilities of Player 2 in state 'State 2': negative "
                     r"probability -0.5", id="negative"),
        pytest.param(lambda O: [O[0], np.array([[1.0, 0, 0], [np.nan, 1.0, 0]])],
                     r"Player 2 in state 'State 2': NaN", id="nan"),
        pytest.param(lambda O: np.eye(2), r"one \(S, O_i\) array per player", id="one-matrix"),
    ])
    def test_invalid_observations(self, obs, match):
        R, T, O = _posg_args()
        with pytest.raises(InvalidGameError, match=match):
            POSG(R, T, obs(O), discount=0.5)

    def test_invalid_observation_labels(self):
        R, T, O = _posg_args()
        with pytest.raises(InvalidGameError, match="3 observation labels of Player 1 given "
                                                   "for 2"):
            POSG(R, T, O, discount=0.5, observation_labels=[["a", "b", "c"], ["x", "y", "z"]])


def test_catalog_lists_stochastic_games():
    assert {"two-step", "big-match", "chain-mdp"} <= set(catalog.names(kind="stochastic"))
    assert catalog.describe("two-step").source.startswith("Rashid")
    assert "two-step" not in catalog.names(kind="normal-form")
