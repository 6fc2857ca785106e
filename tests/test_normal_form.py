"""NormalFormGame: axis convention, payoffs, constructors, classes, labels, bad input."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import InvalidGameError, InvalidProfileError, NormalFormGame
from gametheory.games import catalog


# ---------------------------------------------------------------------- axis convention
def test_prisoners_dilemma_worked_example():
    # the example of the module docstring, value by value
    A = [[3, 0], [5, 1]]
    B = [[3, 5], [0, 1]]
    g = NormalFormGame.from_arrays(A, B, actions=[["C", "D"], ["C", "D"]])
    assert g.num_players == 2 and g.num_actions == (2, 2) and g.num_profiles == 4
    assert g.payoffs[0][1, 0] == 5.0   # row defects on a cooperator
    assert g.payoffs[1][0, 1] == 5.0   # column defects on a cooperator
    assert g.payoff(("C", "D")).tolist() == [0.0, 5.0]
    assert g.payoff((1, 0)).tolist() == [5.0, 0.0]
    assert g["D", "D"].tolist() == [1.0, 1.0]
    assert g.expected_payoffs([[0.5, 0.5], [1, 0]]).tolist() == [4.0, 1.5]
    assert g.expected_payoffs(["C", [0.25, 0.75]]).tolist() == [0.75, 4.5]
    assert g == catalog.get("prisoners-dilemma").with_labels(players=g.players)
    assert g.payoff_array.shape == (2, 2, 2)
    assert g.is_symmetric and g.game_class == "general-sum"


def test_three_player_indexing():
    P = np.arange(3 * 2 * 3 * 4, dtype=float).reshape(3, 2, 3, 4)
    g = NormalFormGame(P)
    assert g.num_actions == (2, 3, 4)
    for a, b, c in itertools.product(range(2), range(3), range(4)):
        assert g.payoffs[2][a, b, c] == P[2, a, b, c]
        assert g.payoff((a, b, c)).tolist() == P[:, a, b, c].tolist()
    # the third player's payoff when players play (1, 2, 3)
    assert g.payoffs[2][1, 2, 3] == 2 * 24 + 1 * 12 + 2 * 4 + 3
    # a pure profile as expected payoff is the payoff vector
    assert g.expected_payoffs((1, 0, 2)).tolist() == P[:, 1, 0, 2].tolist()
    # player 1 (index 1) deviating along its own axis
    assert g.action_values(1, (1, None, 3)).tolist() == P[1, 1, :, 3].tolist()


def test_profiles_order():
    g = NormalFormGame(np.zeros((2, 2, 3)))
    assert list(g.profiles()) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]


# ---------------------------------------------------------------------- expected payoffs
def test_battle_of_the_sexes_mixed_equilibrium_pays_two_thirds():
    # Luce and Raiffa (1957): row plays Opera with 2/3, column with 1/3
    g = catalog.get("battle-of-the-sexes")
    x, y = [2 / 3, 1 / 3], [1 / 3, 2 / 3]
    np.testing.assert_allclose(g.expected_payoffs([x, y]), [2 / 3, 2 / 3], atol=1e-12)
    # both players indifferent: the defining property of the mixed equilibrium
    np.testing.assert_allclose(g.action_values(0, [None, y]), [2 / 3, 2 / 3], atol=1e-12)
    np.testing.assert_allclose(g.action_values(1, [x, None]), [2 / 3, 2 / 3], atol=1e-12)
    np.testing.assert_allclose(g.expected_payoffs(["Opera", "Opera"]), [2, 1])


def test_rock_paper_scissors_action_values():
    g = catalog.get("rock-paper-scissors")
    np.testing.assert_allclose(g.action_values(0, [None, [1, 0, 0]]), [0, 1, -1])
    np.testing.assert_allclose(g.action_values(1, [[1 / 3] * 3, None]), [0, 0, 0], atol=1e-15)
    vals = g.all_action_values([[1, 0, 0], [0, 1, 0]])
    np.testing.assert_allclose(vals[0], [-1, 0, 1])
    np.testing.assert_allclose(vals[1], [0, 1, -1])  # column vs Rock: R ties, P wins


def _brute_expected(P, strategies):
    out = np.zeros(P.shape[0])
    for prof in itertools.product(*(range(m) for m in P.shape[1:])):
        prob = math.prod(strategies[j][a] for j, a in enumerate(prof))
        out += prob * P[(slice(None),) + prof]
    return out


def _brute_action_values(P, strategies, i):
    shape = P.shape[1:]
    out = np.zeros(shape[i])
    for prof in itertools.product(*(range(m) for m in shape)):
        prob = math.prod(strategies[j][a] for j, a in enumerate(prof) if j != i)
        out[prof[i]] += prob * P[(i,) + prof]
    return out


@st.composite
def games_and_profiles(draw):
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)))
    size = n * math.prod(shape)
    vals = draw(st.lists(st.floats(-100, 100, allow_nan=False, allow_subnormal=False),
                         min_size=size, max_size=size))
    P = np.array(vals).reshape((n,) + shape)
    strategies = []
    for m in shape:
        w = np.array(draw(st.lists(st.floats(0, 1, allow_subnormal=False), min_size=m,
                                   max_size=m)))
        if w.sum() <= 1e-6:
            w = np.ones(m)
        strategies.append(w / w.sum())
    return P, strategies


@settings(max_examples=80, deadline=None)
@given(games_and_profiles())
def test_expected_payoffs_and_action_values_match_brute_force(data):
    P, strategies = data
    g = NormalFormGame(P)
    tol = 1e-9 * max(1.0, np.abs(P).max())
    np.testing.assert_allclose(g.expected_payoffs(strategies), _brute_expected(P, strategies),
                               rtol=0, atol=tol)
    all_vals = g.all_action_values(strategies)
    for i in range(g.num_players):
        brute = _brute_action_values(P, strategies, i)
        np.testing.assert_allclose(g.action_values(i, strategies), brute, rtol=0, atol=tol)
        np.testing.assert_allclose(all_vals[i], brute, rtol=0, atol=tol)
        # the expected payoff is the action values averaged by the player's own strategy
        assert abs(float(brute @ strategies[i]) - g.expected_payoffs(strategies)[i]) <= tol


# ---------------------------------------------------------------------- constructors, classes
def test_zero_sum_constructor():
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    g = NormalFormGame.zero_sum(A)
    assert g.payoffs[1].tolist() == (-np.array(A, dtype=float)).tolist()
    assert g.is_zero_sum and g.is_constant_sum and g.constant_sum_value == 0.0
    assert not g.is_common_reward and not g.is_general_sum
    assert g.is_symmetric  # rock-paper-scissors: -A = A^T
    assert g.classes() == ["zero-sum", "symmetric"]
    assert NormalFormGame.zero_sum([[1, 2]]).num_actions == (1, 2)
    with pytest.raises(InvalidGameError, match="needs a matrix"):
        NormalFormGame.zero_sum([1, 2])


def test_constant_sum_not_zero_sum():
    A = np.array([[1.0, 4.0], [2.5, 0.0]])
    g = NormalFormGame.from_arrays(A, 5 - A)
    assert g.is_constant_sum and not g.is_zero_sum
    assert g.constant_sum_value == 5.0 and g.game_class == "constant-sum"


def test_symmetric_constructor():
    A = [[6, 2], [7, 0]]
    g = NormalFormGame.symmetric(A, actions=["C", "D"])
    assert g.payoffs[1].tolist() == [[6.0, 7.0], [2.0, 0.0]]
    assert g.actions == (("C", "D"), ("C", "D"))
    assert g.is_symmetric and g.game_class == "general-sum"
    with pytest.raises(InvalidGameError, match="square"):
        NormalFormGame.symmetric([[1, 2, 3], [4, 5, 6]])


def test_common_reward_constructor():
    R = np.arange(8.0).reshape(2, 2, 2)
    g = NormalFormGame.common_reward(R)
    assert g.num_players == 3
    assert all(np.array_equal(p, R) for p in g.payoffs)
    assert g.is_common_reward and g.game_class == "common-reward"
    assert not g.is_constant_sum
    with pytest.raises(InvalidGameError, match="num_players=2"):
        NormalFormGame.common_reward(R, num_players=2)


def test_single_player_game():
    g = NormalFormGame([[1.0, 3.0, 2.0]])
    assert g.num_players == 1 and g.game_class == "single-player"
    assert not g.is_zero_sum and not g.is_common_reward and not g.is_symmetric
    assert g.action_values(0, [None]).tolist() == [1.0, 3.0, 2.0]


def _brute_symmetric(g):
    n = g.num_players
    if len(set(g.num_actions)) != 1:
        return False
    for perm in itertools.permutations(range(n)):
        for a in g.profiles():
            b = [None] * n
            for j in range(n):
                b[perm[j]] = a[j]   # player perm[j] takes the action player j had
            for i in range(n):
                if not math.isclose(g.payoffs[perm[i]][tuple(b)], g.payoffs[i][a],
                                    abs_tol=1e-12):
                    return False
    return True


def _three_player_symmetric(f):
    """u_i(a) = f[a_i][number of other players choosing a_i]."""
    P = np.zeros((3, 2, 2, 2))
    for a in itertools.product(range(2), repeat=3):
        for i in range(3):
            same = sum(a[j] == a[i] for j in range(3) if j != i)
            P[(i,) + a] = f[a[i]][same]
    return NormalFormGame(P)


def test_three_player_symmetric_by_hand():
    g = _three_player_symmetric([[1, 5, 2], [0, 3, 7]])
    assert g.is_symmetric and _brute_symmetric(g)
    # payoff of player 2 at (0, 1, 1): it chose 1, one other player did too -> f[1][1] = 3
    assert g.payoffs[2][0, 1, 1] == 3.0
    # break it at one entry
    P = g.payoff_array.copy()
    P[2, 0, 1, 1] = 4.0
    h = NormalFormGame(P)
    assert not h.is_symmetric and not _brute_symmetric(h)
    # invariant under swapping players 1 and 2 (indices 0, 1) only: not symmetric
    Q = np.zeros((3, 2, 2, 2))
    for a in itertools.product(range(2), repeat=3):
        Q[(0,) + a] = 10 * a[0] + a[1] + 3 * a[2]
        Q[(1,) + a] = 10 * a[1] + a[0] + 3 * a[2]
        Q[(2,) + a] = a[2] - a[0] - a[1]
    q = NormalFormGame(Q)
    assert not q.is_symmetric and not _brute_symmetric(q)


def test_symmetric_needs_equal_action_counts():
    g = NormalFormGame(np.zeros((2, 2, 3)))
    assert not g.is_symmetric


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 3), st.integers(1, 3), st.data())
def test_is_symmetric_matches_brute_force(n, m, data):
    # a random symmetric game u_i(a) = f(a_i, sorted(a_-i)), then maybe one entry changed
    keys = {}
    P = np.zeros((n,) + (m,) * n)
    for a in itertools.product(range(m), repeat=n):
        for i in range(n):
            key = (a[i], tuple(sorted(a[:i] + a[i + 1:])))
            if key not in keys:
                keys[key] = data.draw(st.integers(-3, 3))
            P[(i,) + a] = keys[key]
    g = NormalFormGame(P)
    assert g.is_symmetric and _brute_symmetric(g)
    if data.draw(st.booleans()):
        idx = tuple(data.draw(st.integers(0, s - 1)) for s in P.shape)
        P[idx] += data.draw(st.sampled_from([-1.0, 1.0, 0.5]))
        h = NormalFormGame(P)
        assert h.is_symmetric == _brute_symmetric(h)


# ---------------------------------------------------------------------- labels
def test_labels_and_action_index():
    g = catalog.get("battle-of-the-sexes")
    assert g.actions == (("Opera", "Football"), ("Opera", "Football"))
    assert g.players == ("Player 1", "Player 2")
    assert g.action_index(1, "Football") == 1
    assert g.action_index("Player 1", "Opera") == 0
    assert g.player_index("Player 2") == 1
    assert g.pure_profile(("Football", 0)) == (1, 0)
    with pytest.raises(InvalidProfileError, match="no action 'Ballet'"):
        g.action_index(0, "Ballet")
    with pytest.raises(InvalidProfileError, match="out of range"):
        g.action_index(0, 2)
    with pytest.raises(InvalidProfileError, match="unknown player"):
        g.player_index("Alice")


def test_default_labels():
    g = NormalFormGame(np.zeros((2, 2, 3)))
    assert g.actions == (("1", "2"), ("1", "2", "3"))
    assert g.with_labels(players=["Row", "Col"]).players == ("Row", "Col")


@pytest.mark.parametrize("labels,fragment", [
    pytest.param({"actions": [["a", "a"], ["x", "y"]]}, "must be distinct", id="dup-actions"),
    pytest.param({"players": ["P", "P"]}, "must be distinct", id="dup-players"),
    pytest.param({"actions": [["a", "b", "c"], ["x", "y"]]}, "2 actions but 3",
                 id="too-many-action-labels"),
    pytest.param({"actions": [["a", "b"]]}, "given for 1 players", id="one-list"),
    pytest.param({"players": ["P"]}, "1 player labels given for 2", id="one-player-label"),
    pytest.param({"players": "PQ"}, "not one string", id="players-string"),
])
def test_bad_labels(labels, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, 4]], **labels)


# ---------------------------------------------------------------------- exactness
def test_exact_payoffs_from_ints_and_fractions():
    g = NormalFormGame.from_arrays([[Fraction(1, 3), 1], [0, 2]], [[1, 0], [0, Fraction(7, 2)]])
    ex = g.exact_payoffs
    assert ex is not None
    assert ex[0][0, 0] == Fraction(1, 3) and ex[1][1, 1] == Fraction(7, 2)
    assert all(isinstance(x, Fraction) for e in ex for x in e.ravel())
    assert g.payoffs[0][0, 0] == 1 / 3
    h = NormalFormGame(np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], dtype=np.int64))
    assert h.exact_payoffs[1][1, 0] == Fraction(7)
    assert h.rational_payoffs() is h.exact_payoffs
    # a float anywhere: no exact copy, rational_payoffs gives the binary value
    f = NormalFormGame.from_arrays([[0.1, 1]], [[1, 1]])
    assert f.exact_payoffs is None
    assert f.rational_payoffs()[0][0, 0] == Fraction(0.1)
    # exact zero-sum: negation stays exact
    z = NormalFormGame.zero_sum([[Fraction(1, 3), -2]])
    assert z.exact_payoffs[1][0, 0] == Fraction(-1, 3)


def test_payoffs_read_only():
    g = NormalFormGame.from_arrays([[1, 2]], [[3, 4]])
    with pytest.raises(ValueError):
        g.payoffs[0][0, 0] = 9
    p = g.payoff((0, 1))
    p[0] = 100  # a copy
    assert g.payoffs[0][0, 1] == 2


# ---------------------------------------------------------------------- restrict
def test_restrict():
    g = catalog.get("rock-paper-scissors")
    sub = g.restrict([["R", "S"], [1, 2]])
    assert sub.num_actions == (2, 2)
    assert sub.actions == (("R", "S"), ("P", "S"))
    assert sub.payoffs[0].tolist() == [[-1.0, 1.0], [1.0, 0.0]]
    assert sub.payoffs[1].tolist() == [[1.0, -1.0], [-1.0, 0.0]]
    assert sub.exact_payoffs is not None and sub.is_zero_sum
    # order as given
    rev = g.restrict([[2, 0], [0]])
    assert rev.actions[0] == ("S", "R") and rev.payoffs[0].tolist() == [[-1.0], [0.0]]
    # 3 players
    h = NormalFormGame(np.arange(24.0).reshape(3, 2, 2, 2))
    s3 = h.restrict([[1], [0, 1], [1]])
    assert s3.num_actions == (1, 2, 1)
    assert s3.payoffs[2][0, 1, 0] == h.payoffs[2][1, 1, 1]
    with pytest.raises(InvalidGameError, match="at least one action"):
        g.restrict([[0], []])
    with pytest.raises(InvalidProfileError, match="one action list per player"):
        g.restrict([[0]])
    with pytest.raises(InvalidProfileError, match="no action 'X'"):
        g.restrict([["X"], [0]])


# ---------------------------------------------------------------------- bad input
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize("payoffs,fragment", [
    pytest.param([[[1, 2], [3]], [[1, 2], [3, 4]]], "ragged", id="ragged"),
    pytest.param([[[1, NAN], [0, 0]], [[0, 0], [0, 0]]], "must be finite", id="nan"),
    pytest.param([[[1, 2], [0, 0]], [[0, -INF], [0, 0]]], "must be finite", id="inf"),
    pytest.param([np.zeros((0, 3)), np.zeros((0, 3))], "at least one action",
                 id="zero-actions"),
    pytest.param([np.zeros((2, 2)), np.zeros((2, 3))], "differ in shape", id="shapes-differ"),
    pytest.param([[1, 2], [3, 4]], "dimension", id="one-dim-arrays-for-two-players"),
    pytest.param([np.zeros((2, 2, 2)), np.zeros((2, 2, 2))], "dimension",
                 id="three-dims-for-two-players"),
    pytest.param([[["a", 1], [2, 3]], [[1, 2], [3, 4]]], "non-numeric", id="strings"),
    pytest.param([np.array([["a", "b"], ["c", "d"]]), np.zeros((2, 2))], "numeric",
                 id="string-array"),
    pytest.param([], "at least one player", id="no-players"),
    pytest.param(np.zeros(3), "no player axis", id="flat-array"),
    pytest.param(5, "one per player", id="scalar"),
])
def test_bad_game_input(payoffs, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        NormalFormGame(payoffs)


@pytest.mark.parametrize("profile,fragment", [
    pytest.param([[0.5, 0.6], [1, 0]], "sums to 1.1, not 1", id="sum-above-one"),
    pytest.param([[0.2, 0.2], [1, 0]], "not 1", id="sum-below-one"),
    pytest.param([[1.5, -0.5], [1, 0]], "negative probability", id="negative"),
    pytest.param([[1, 0]], "one strategy per player", id="too-few-players"),
    pytest.param([[1, 0], [1, 0], [1, 0]], "one strategy per player", id="too-many-players"),
    pytest.param([[1, 0, 0], [1, 0]], "expected \\(2,\\)", id="wrong-length"),
    pytest.param([[NAN, 1], [1, 0]], "NaN or inf", id="nan-probability"),
    pytest.param([["x", "y"], [1, 0]], "not a probability vector", id="strings"),
    pytest.param(["Ballet", 0], "no action 'Ballet'", id="unknown-label"),
    pytest.param([2, 0], "out of range", id="index-out-of-range"),
    pytest.param(7, "one strategy per player", id="not-a-sequence"),
])
def test_bad_profiles(profile, fragment):
    g = catalog.get("battle-of-the-sexes")
    with pytest.raises(InvalidProfileError, match=fragment):
        g.expected_payoffs(profile)


def test_bad_pure_profile_length():
    g = catalog.get("prisoners-dilemma")
    with pytest.raises(InvalidProfileError, match="one action per player"):
        g.payoff(("C",))


def test_errors_are_value_errors():
    with pytest.raises(ValueError):
        NormalFormGame([[[1, 2], [3]], [[1, 2], [3, 4]]])
    with pytest.raises(ValueError):
        catalog.get("prisoners-dilemma").expected_payoffs([[2, -1], [1, 0]])


def test_derived_values_are_cached_and_survive_copies():
    """The largest absolute payoff and the class tests are computed once per game (the
    payoffs are read-only) and are the same after a copy or a pickle round trip."""
    import copy
    import pickle
    g = NormalFormGame.zero_sum([[0, -3], [2, 1]])
    assert g._max_abs_payoff() == 3.0 and g.is_zero_sum and g.is_constant_sum
    assert g._cache == {"max_abs": 3.0, "zero_sum": True, "constant_sum": True}
    for h in (copy.copy(g), copy.deepcopy(g), pickle.loads(pickle.dumps(g))):
        assert h.is_zero_sum and h._max_abs_payoff() == 3.0 and h == g
    c = NormalFormGame.from_arrays([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    assert not c.is_zero_sum and not c.is_constant_sum and c._max_abs_payoff() == 8.0
    with pytest.raises(ValueError):
        c.payoffs[0][0, 0] = 9.0  # why caching is safe
