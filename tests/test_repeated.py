"""Repeated games with automaton strategies.

References: Axelrod (1984), *The Evolution of Cooperation* (prisoner's dilemma payoffs
T=5, R=3, P=1, S=0, tit for tat, the round-robin tournament); Nowak and Sigmund (1993),
Nature 364 (win-stay, lose-shift corrects a single error in two rounds, tit for tat echoes
it forever); Friedman (1971) (grim trigger is subgame perfect iff delta >= (T-R)/(T-P) in
the prisoner's dilemma).  Every expected payoff below is worked out by hand in a comment.
"""

import json
import math
from fractions import Fraction

import numpy as np
import pytest

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import folk_theorem_region
from gametheory.games import catalog
from gametheory.learning import (STRATEGIES, Automaton, RepeatedPlayResult,
                                 TournamentResult, always_cooperate, always_defect,
                                 get_strategy, grim_trigger, grim_trigger_threshold,
                                 is_subgame_perfect_grim, play, random_strategy,
                                 tit_for_tat, tit_for_two_tats, tournament,
                                 win_stay_lose_shift)

T, R, P, S = 5, 3, 1, 0


@pytest.fixture(scope="module")
def pd():
    g = catalog.get("prisoners-dilemma")
    assert g.payoffs[0].tolist() == [[R, S], [T, P]]    # Axelrod's payoffs, C = 0, D = 1
    return g


def _counter(period, defect_at, name):
    """Plays D in state ``defect_at`` and C otherwise, cycling through ``period`` states
    whatever the opponent does."""
    out = [1 if s == defect_at else 0 for s in range(period)]
    trans = [[(s + 1) % period] * 2 for s in range(period)]
    return Automaton(out, trans, name=name)


# ------------------------------------------------------------------ matches
def test_tit_for_tat_against_always_defect_ten_rounds(pd):
    r = play(pd, [tit_for_tat(), always_defect()], rounds=10)
    assert isinstance(r, RepeatedPlayResult)
    # round 1: (C, D) -> (S, T) = (0, 5); then (D, D) -> (1, 1) for 9 rounds
    assert r.history == [("C", "D")] + [("D", "D")] * 9
    np.testing.assert_array_equal(r.payoffs, [[S, T]] + [[P, P]] * 9)
    np.testing.assert_array_equal(r.total, [S + 9 * P, T + 9 * P])     # 9 and 14
    np.testing.assert_allclose(r.average, [0.9, 1.4])
    assert r.discounted is None and r.rounds == 10 and r.deterministic
    assert r.strategies == ("tit_for_tat", "always_defect")
    assert (r.cycle_start, r.cycle_length) == (1, 1)
    np.testing.assert_array_equal(r.states[:, 0], [0] + [1] * 9)
    # tit for tat's average is below its minmax level 1: not individually rational
    assert not folk_theorem_region(pd).contains(r.average)


def test_tit_for_tat_pair_cooperates_forever(pd):
    r = play(pd, ["tit_for_tat", "tit_for_tat"], rounds=100)
    assert np.all(r.actions == 0)
    np.testing.assert_array_equal(r.total, [100 * R, 100 * R])
    assert (r.cycle_start, r.cycle_length) == (0, 1)
    inf = play(pd, [tit_for_tat(), tit_for_tat()], discount=0.95)
    np.testing.assert_allclose(inf.discounted, [R, R], rtol=0, atol=1e-12)
    assert inf.rounds is None and inf.total is None
    np.testing.assert_allclose(inf.average, [R, R])
    assert inf.actions.shape == (1, 2)
    assert folk_theorem_region(pd).contains(inf.average, strict=True)


def test_win_stay_lose_shift_against_tit_for_tat(pd):
    r = play(pd, [win_stay_lose_shift(pd), tit_for_tat()], rounds=20)
    assert np.all(r.actions == 0)
    np.testing.assert_array_equal(r.total, [20 * R, 20 * R])


def test_win_stay_lose_shift_against_always_defect(pd):
    # Pavlov: C (sucker: lose -> shift) D (punishment: lose -> shift) C ... ;
    # payoffs 0, 1, 0, 1, ... against 5, 1, 5, 1, ...
    r = play(pd, ["win_stay_lose_shift", "always_defect"], rounds=10)
    assert r.actions[:, 0].tolist() == [0, 1] * 5
    np.testing.assert_array_equal(r.total, [5 * (S + P), 5 * (T + P)])
    assert (r.cycle_start, r.cycle_length) == (0, 2)
    # infinite discounted: (1-d)(d + d^3 + ...) = d/(1+d) and (5 + d)/(1 + d)
    d = 0.9
    inf = play(pd, ["win_stay_lose_shift", "always_defect"], discount=d)
    np.testing.assert_allclose(inf.discounted, [d / (1 + d), (T + d * P) / (1 + d)],
                               rtol=1e-13)
    np.testing.assert_allclose(inf.average, [0.5, 3.0])


def test_single_error_tit_for_tat_echoes_while_pavlov_recovers(pd):
    # Nowak and Sigmund (1993): start one player in its defect state.
    tft_err = Automaton([0, 1], [[0, 1], [0, 1]], initial=1, name="tft-err")
    r = play(pd, [tft_err, tit_for_tat()], discount=0.9)
    # (D,C), (C,D), (D,C), ... forever: period 2, mean (T + S)/2 = 2.5 each
    assert (r.cycle_start, r.cycle_length) == (0, 2)
    np.testing.assert_allclose(r.average, [2.5, 2.5])
    w = win_stay_lose_shift(pd)
    wsls_err = Automaton(w.outputs, w.transitions, initial=1, name="wsls-err")
    r = play(pd, [wsls_err, w], rounds=6)
    # (D,C): T win stays D, S lose shifts to D; (D,D): both lose, shift to C; then (C,C)
    assert r.history[:3] == [("D", "C"), ("D", "D"), ("C", "C")]
    assert all(h == ("C", "C") for h in r.history[2:])
    assert (r.cycle_start, r.cycle_length) == (2, 1)


def test_tit_for_two_tats(pd):
    # against always-defect: C, C, then D forever -> 0 + 0 + 1 * 8
    r = play(pd, [tit_for_two_tats(), always_defect()], rounds=10)
    assert r.actions[:, 0].tolist() == [0, 0] + [1] * 8
    assert r.total.tolist() == [8.0, 2 * T + 8.0]
    # against an opponent defecting every other round it never retaliates
    alt = _counter(2, 1, "alternate")
    r = play(pd, [tit_for_two_tats(), alt], rounds=10)
    assert np.all(r.actions[:, 0] == 0)
    # tit for tat retaliates one round late: C, C, D, C, D, ...
    r = play(pd, [tit_for_tat(), alt], rounds=6)
    assert r.actions[:, 0].tolist() == [0, 0, 1, 0, 1, 0]


def test_grim_trigger_never_forgives(pd):
    once = Automaton([1, 0], [[1, 1], [1, 1]], name="defect-once")
    r = play(pd, [grim_trigger(), once], rounds=6)
    assert r.actions[:, 0].tolist() == [0, 1, 1, 1, 1, 1]
    r = play(pd, [tit_for_tat(), once], rounds=6)
    assert r.actions[:, 0].tolist() == [0, 1, 0, 0, 0, 0]


def test_discounted_finite_sum_converges_to_the_exact_infinite_value(pd):
    # periods 7 and 3: the joint cycle has length 21
    a, b = _counter(7, 3, "seven"), _counter(3, 0, "three")
    d = 0.97
    inf = play(pd, [a, b], discount=d)
    assert (inf.cycle_start, inf.cycle_length) == (0, 21)
    fin = play(pd, [a, b], rounds=3000, discount=d)
    np.testing.assert_allclose(fin.discounted, inf.discounted, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fin.average, inf.average, atol=0.01)
    # the exact value is the discounted sum of one period, rescaled
    u = np.array([pd.payoff((int(k % 7 == 3), int(k % 3 == 0))) for k in range(21)])
    w = d ** np.arange(21)
    np.testing.assert_allclose(inf.discounted, (1 - d) * (w @ u) / (1 - d ** 21),
                               rtol=1e-13)
    # a transient before the cycle: tit for tat vs always defect at delta = 0.8
    r = play(pd, [tit_for_tat(), always_defect()], discount=0.8)
    np.testing.assert_allclose(r.discounted, [0.8 * P, 0.2 * T + 0.8 * P], rtol=1e-13)
    f = play(pd, [tit_for_tat(), always_defect()], rounds=400, discount=0.8)
    np.testing.assert_allclose(f.discounted, r.discounted, atol=1e-12)
    # delta = 0: only the first round counts
    z = play(pd, [tit_for_tat(), always_defect()], discount=0.0)
    np.testing.assert_allclose(z.discounted, [S, T])


def test_three_player_public_goods_with_tit_for_tat():
    # contribute (C) 1 or not (D); contributions doubled and shared by 3:
    # u_i = 2k/3 - c_i with k contributors
    u = np.zeros((3, 2, 2, 2), dtype=object)
    for a in np.ndindex(2, 2, 2):
        k = sum(x == 0 for x in a)
        for i in range(3):
            u[(i,) + a] = Fraction(2 * k, 3) - (1 if a[i] == 0 else 0)
    g = NormalFormGame(list(u), actions=[["C", "D"]] * 3)
    tfts = [tit_for_tat(g, i) for i in range(3)]
    assert tfts[0].input_shape == (2, 2)
    r = play(g, tfts, rounds=5)
    np.testing.assert_allclose(r.total, [5 * (2 - 1)] * 3)
    # a defector gets 4/3 once, the two cooperators 1/3; then nobody contributes
    r = play(g, [always_defect(g, 0), tfts[1], tfts[2]], rounds=3)
    assert r.history == [("D", "C", "C")] + [("D", "D", "D")] * 2
    np.testing.assert_allclose(r.total, [4 / 3, 1 / 3, 1 / 3])
    inf = play(g, [always_defect(g, 0), tfts[1], tfts[2]], discount=0.5)
    np.testing.assert_allclose(inf.discounted, [0.5 * 4 / 3, 0.5 / 3, 0.5 / 3])


def test_random_strategy_is_seeded_and_has_the_right_frequency(pd):
    a = play(pd, [random_strategy(0.3), always_cooperate()], rounds=2000, rng=7)
    b = play(pd, [random_strategy(0.3), always_cooperate()], rounds=2000, rng=7)
    np.testing.assert_array_equal(a.actions, b.actions)
    assert not a.deterministic and a.cycle_start is None
    freq = np.mean(a.actions[:, 0] == 0)
    assert abs(freq - 0.3) < 4 * math.sqrt(0.3 * 0.7 / 2000)
    # mean payoff 0.3 R + 0.7 T = 4.4
    assert abs(a.average[0] - 4.4) < 4 * math.sqrt(0.21 * 4 / 2000)
    assert random_strategy(1.0).is_deterministic


def test_noise_flips_actions(pd):
    # noise 1 with two actions flips every intended action: tit for tat pair alternates
    r = play(pd, [tit_for_tat(), tit_for_tat()], rounds=4, noise=1.0, rng=0)
    assert r.history == [("D", "D"), ("C", "C"), ("D", "D"), ("C", "C")]
    assert not r.deterministic


def test_result_to_dict_is_json_ready(pd):
    d = play(pd, ["tft", "alld"], rounds=3, discount=0.5).to_dict()
    back = json.loads(json.dumps(d))
    assert back["total"] == [2.0, 7.0] and back["cycle_length"] == 1


# ------------------------------------------------------------------ tournament
def test_round_robin_of_three_deterministic_strategies_by_hand(pd):
    res = tournament(pd, {"TFT": tit_for_tat(), "ALLD": always_defect(),
                          "WSLS": win_stay_lose_shift()}, rounds=5)
    assert isinstance(res, TournamentResult)
    # TFT-TFT 15/15; TFT-ALLD: 0+1+1+1+1 = 4 vs 5+1+1+1+1 = 9; TFT-WSLS 15/15;
    # ALLD-ALLD 5; ALLD-WSLS: WSLS plays C,D,C,D,C -> 0+1+0+1+0 = 2 vs 5+1+5+1+5 = 17;
    # WSLS-WSLS 15
    expected = [[15, 4, 15],
                [9, 5, 17],
                [15, 2, 15]]
    np.testing.assert_array_equal(res.scores, expected)
    np.testing.assert_allclose(res.mean_scores, [34 / 3, 31 / 3, 32 / 3])
    assert res.ranking == ("TFT", "WSLS", "ALLD")
    assert res.labels == ("TFT", "ALLD", "WSLS")
    assert res.score("ALLD", "WSLS") == 17
    assert res.metric == "total"
    # without self-play the diagonal is left out: TFT 19/2, ALLD 26/2, WSLS 17/2
    res = tournament(pd, {"TFT": tit_for_tat(), "ALLD": always_defect(),
                          "WSLS": win_stay_lose_shift()}, rounds=5, include_self=False)
    assert np.all(np.isnan(np.diag(res.scores)))
    np.testing.assert_allclose(res.mean_scores, [9.5, 13, 8.5])
    assert res.ranking == ("ALLD", "TFT", "WSLS")
    assert json.loads(json.dumps(res.to_dict()))["scores"][0][0] is None


def test_discounted_tournament_with_grim_trigger(pd):
    res = tournament(pd, ["grim_trigger", "always_defect", "always_cooperate"],
                     discount=0.5)
    assert res.metric == "discounted" and res.rounds is None
    # grim vs alld: 0.5 * 0 + 0.5 * 1 = 0.5; alld vs grim 0.5 * 5 + 0.5 * 1 = 3
    assert res.score("grim_trigger", "always_defect") == pytest.approx(0.5)
    assert res.score("always_defect", "grim_trigger") == pytest.approx(3.0)
    assert res.score("always_defect", "always_cooperate") == pytest.approx(T)
    assert res.score("grim_trigger", "always_cooperate") == pytest.approx(R)


def test_tournament_with_random_strategies_is_reproducible(pd):
    entrants = {"R": random_strategy(0.5), "TFT": tit_for_tat(), "ALLC": always_cooperate()}
    a = tournament(pd, entrants, rounds=50, repetitions=20, rng=3)
    b = tournament(pd, entrants, rounds=50, repetitions=20, rng=3)
    np.testing.assert_array_equal(a.scores, b.scores)
    # ALLC meets TFT: 50 rounds of R
    assert a.score("ALLC", "TFT") == 150
    # random vs ALLC: expected 50 (R + T)/2 = 200 per match, sd per match sqrt(50) * 1
    assert abs(a.score("R", "ALLC") - 200) < 4 * math.sqrt(50) / math.sqrt(20)


def test_tournament_errors(pd):
    with pytest.raises(UnsupportedGameError):
        tournament(catalog.get("battle-of-the-sexes"), ["tft", "alld"], rounds=3)
    with pytest.raises(InvalidOptionError):
        tournament(pd, ["tft"], rounds=3, repetitions=0)
    with pytest.raises(InvalidOptionError):
        tournament(pd, ["tft"])
    with pytest.raises(InvalidProfileError):
        tournament(pd, [tit_for_tat(), tit_for_tat()], rounds=3)   # duplicate labels
    with pytest.raises(InvalidOptionError):   # random strategies have no exact infinite value
        tournament(pd, ["random", "tft"], discount=0.9)


# ------------------------------------------------------------------ grim trigger threshold
def test_grim_trigger_threshold_of_the_catalog_prisoners_dilemma(pd):
    A = pd.payoffs[0]
    Rr, Tt, Pp = A[0, 0], A[1, 0], A[1, 1]
    assert grim_trigger_threshold(pd) == (Tt - Rr) / (Tt - Pp) == 0.5
    assert grim_trigger_threshold(pd, "C", "D") == 0.5
    assert grim_trigger_threshold(catalog.get("prisoners-dilemma", T=4, R=3, P=1, S=0)) \
        == pytest.approx(1 / 3)
    # exact arithmetic for integer payoffs: (7 - 4) / (7 - 2) = 3/5
    assert grim_trigger_threshold(catalog.get("prisoners-dilemma", T=7, R=4, P=2, S=0)) \
        == float(Fraction(3, 5))
    assert is_subgame_perfect_grim(pd, 0.5) and not is_subgame_perfect_grim(pd, 0.4999)


@pytest.mark.parametrize("delta", [0.3, 0.49, 0.51, 0.7, 0.95])
def test_grim_threshold_agrees_with_simulated_deviation(pd, delta):
    # against grim trigger the best deviation defects forever (the punishment (D, D) is a
    # stage equilibrium); compare the exact infinite discounted payoffs of the two plays
    stay = play(pd, [grim_trigger(), grim_trigger()], discount=delta).discounted[0]
    deviate = play(pd, [always_defect(), grim_trigger()], discount=delta).discounted[0]
    assert stay == pytest.approx(R)
    assert deviate == pytest.approx((1 - delta) * T + delta * P)
    assert (stay >= deviate) == (delta >= grim_trigger_threshold(pd))
    assert (stay >= deviate) == is_subgame_perfect_grim(pd, delta)


def test_grim_threshold_special_cases(pd):
    # punishing with (C, C) is not a stage equilibrium: never subgame perfect
    assert grim_trigger_threshold(pd, cooperate="D", defect="C") == math.inf
    assert not is_subgame_perfect_grim(pd, 0.9, cooperate="D", defect="C")
    # cooperating on the equilibrium (D, D) needs no patience
    assert grim_trigger_threshold(pd, cooperate="D", defect="D") == 0.0
    # stag hunt: (S, S) is already an equilibrium, deviating to H pays 3 < 4
    assert grim_trigger_threshold(catalog.get("stag-hunt"), "S", "H") == 0.0
    # per-player profiles are accepted
    assert grim_trigger_threshold(pd, ("C", "C"), ("D", "D")) == 0.5
    with pytest.raises(InvalidProfileError):
        grim_trigger_threshold(pd, "X", "D")
    with pytest.raises(InvalidOptionError):
        is_subgame_perfect_grim(pd, 1.0)


# ------------------------------------------------------------------ automata and errors
def test_from_table_builds_and_validates():
    pd = catalog.get("prisoners-dilemma")
    wsls = Automaton.from_table({"c": ("C", {"C": "c", "D": "d"}),
                                 "d": ("D", {"C": "d", "D": "c"})}, game=pd, name="w")
    np.testing.assert_array_equal(wsls.transitions, win_stay_lose_shift(pd).transitions)
    assert wsls.state_labels == ("c", "d")
    star = Automaton.from_table({"c": ("C", {"C": "c", "*": "d"}), "d": ("D", {"*": "d"})},
                                game=pd)
    np.testing.assert_array_equal(star.transitions, grim_trigger().transitions)
    mixed = Automaton.from_table({"s": ({"C": 0.25, "D": 0.75}, {"*": "s"})},
                                 actions=["C", "D"], initial="s")
    np.testing.assert_allclose(mixed.outputs, [[0.25, 0.75]])
    assert not mixed.is_deterministic
    three = Automaton.from_table({0: (2, {(0, 1): 0, "*": 0})}, actions=3,
                                 opponent_actions=[2, 2])
    assert three.input_shape == (2, 2) and three.num_actions == 3
    with pytest.raises(InvalidOptionError, match="unknown state"):
        Automaton.from_table({"c": ("C", {"C": "c", "D": "nowhere"})}, game=pd)
    with pytest.raises(InvalidProfileError):
        Automaton.from_table({"c": ("X", {"*": "c"})}, game=pd)
    with pytest.raises(InvalidProfileError):
        Automaton.from_table({"c": (5, {"*": "c"})})
    with pytest.raises(InvalidProfileError):
        Automaton.from_table({"c": (0, {7: "c", "*": "c"})})
    with pytest.raises(InvalidOptionError, match="no transition"):
        Automaton.from_table({"c": ("C", {"C": "c"})}, game=pd)
    with pytest.raises(InvalidOptionError):
        Automaton.from_table({"c": ("C", {"*": "c"})}, game=pd, initial="z")
    with pytest.raises(InvalidOptionError):
        Automaton.from_table({})


def test_automaton_constructor_validation():
    with pytest.raises(InvalidOptionError):
        Automaton([0, 1], [[0, 2], [0, 1]])                 # state 2 does not exist
    with pytest.raises(InvalidOptionError):
        Automaton([0, 1], [[0, 1]])                         # one row for two states
    with pytest.raises(InvalidProfileError):
        Automaton([0, 2], [[0, 1], [0, 1]])                 # action 2 of 2
    with pytest.raises(InvalidProfileError):
        Automaton([[0.5, 0.6]], [[0, 0]])                   # not a distribution
    with pytest.raises(InvalidOptionError):
        Automaton([0], [[0, 0]], initial=1)
    with pytest.raises(InvalidOptionError):
        Automaton([0], [[0, 0]], num_actions=0)
    with pytest.raises(InvalidOptionError):
        Automaton([0], [[0.5, 0]])                          # fractional state index
    a = Automaton([0, 1], [[0, 1], [0, 1]])
    assert a.next_state(0, (1,)) == 1
    with pytest.raises(InvalidProfileError):
        a.next_state(0, 5)
    with pytest.raises(InvalidOptionError):
        a.action(3)
    with pytest.raises(InvalidOptionError):
        random_strategy(0.5).action(0)
    with pytest.raises(InvalidOptionError):
        random_strategy(1.5)


def test_play_errors(pd):
    with pytest.raises(InvalidOptionError):
        play(pd, ["tft", "tft"])
    with pytest.raises(InvalidOptionError):
        play(pd, ["tft", "tft"], rounds=0)
    with pytest.raises(InvalidOptionError):
        play(pd, ["tft", "tft"], discount=1.0)
    with pytest.raises(InvalidOptionError):
        play(pd, ["tft", "tft"], rounds=3, noise=2)
    with pytest.raises(InvalidProfileError):
        play(pd, ["tft"], rounds=3)
    with pytest.raises(InvalidProfileError):
        play(pd, ["tft", 3], rounds=3)
    with pytest.raises(UnknownNameError):
        play(pd, ["tft", "no-such-strategy"], rounds=3)
    with pytest.raises(InvalidProfileError, match="actions"):
        play(catalog.get("rock-paper-scissors"), [tit_for_tat(), tit_for_tat()], rounds=3)
    with pytest.raises(InvalidOptionError, match="deterministic"):
        play(pd, [random_strategy(0.5), tit_for_tat()], discount=0.9)
    with pytest.raises(InvalidOptionError, match="deterministic"):
        play(pd, [tit_for_tat(), tit_for_tat()], discount=0.9, noise=0.1)
    with pytest.raises(InvalidOptionError, match="no cycle"):
        play(pd, [_counter(50, 0, "a"), _counter(49, 0, "b")], discount=0.9,
             max_cycle_rounds=100)
    with pytest.raises(UnsupportedGameError):
        play("pd", ["tft", "tft"], rounds=3)


def test_named_strategies_and_games_with_more_actions():
    assert set(STRATEGIES) >= {"tit_for_tat", "grim_trigger", "win_stay_lose_shift",
                               "always_defect", "always_cooperate", "tit_for_two_tats",
                               "random"}
    assert get_strategy("Pavlov") is win_stay_lose_shift
    with pytest.raises(UnknownNameError):
        get_strategy("nope")
    rps = catalog.get("rock-paper-scissors")
    # tit for tat in RPS with "cooperate" = R (0) and punishment P (1)
    a = tit_for_tat(rps, 0, cooperate="R", defect="P")
    assert a.num_actions == 3 and a.input_shape == (3,)
    r = play(rps, [a, always_defect(rps, 1, cooperate=0, defect="S")], rounds=3)
    assert r.history == [("R", "S"), ("P", "S"), ("P", "S")]
    with pytest.raises(UnsupportedGameError):
        win_stay_lose_shift(rps)
    with pytest.raises(InvalidOptionError):
        win_stay_lose_shift(aspiration=1.0)
    # aspiration 3.5 in the PD: only T wins; after R (a loss) Pavlov shifts to D
    pd = catalog.get("prisoners-dilemma")
    w = win_stay_lose_shift(pd, aspiration=3.5)
    assert w.transitions.tolist() == [[1, 1], [1, 0]]


def _brute_force_cycle(states):
    seen = {}
    for t, row in enumerate(map(tuple, states)):
        if row in seen:
            return seen[row], t - seen[row]
        seen[row] = t
    return None, None


@pytest.mark.parametrize("seed", range(8))
def test_random_automata_cycles_against_brute_force(pd, seed):
    rng = np.random.default_rng(seed)
    autos = []
    for i in range(2):
        S = int(rng.integers(1, 7))
        autos.append(Automaton(rng.integers(0, 2, S), rng.integers(0, S, (S, 2)),
                               initial=int(rng.integers(S)), name=f"a{i}"))
    # at most 36 joint states: the cycle closes within 37 rounds
    r = play(pd, autos, rounds=60)
    assert (r.cycle_start, r.cycle_length) == _brute_force_cycle(r.states)
    mu, lam = r.cycle_start, r.cycle_length
    np.testing.assert_array_equal(r.actions[mu:mu + lam], r.actions[mu + lam:mu + 2 * lam])
    inf = play(pd, autos, discount=0.8)
    assert (inf.cycle_start, inf.cycle_length) == (mu, lam)
    np.testing.assert_array_equal(inf.actions, r.actions[:mu + lam])
    long = play(pd, autos, rounds=400, discount=0.8)
    np.testing.assert_allclose(long.discounted, inf.discounted, atol=1e-12)
    np.testing.assert_allclose(inf.average, r.payoffs[mu:mu + lam].mean(axis=0))
    # too few rounds to see the repetition: no cycle reported
    if mu + lam > 1:
        short = play(pd, autos, rounds=mu + lam - 1)
        assert short.cycle_start is None
