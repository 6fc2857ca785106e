"""Lemke-Howson (gametheory.solvers lemke_howson, lemke_howson_enumeration) and the
pivoting core: literature games, a degenerate game on which a naive tie-break cycles,
agreement with nashpy's vertex enumeration and QuantEcon's path, certificates on every
output, refinement, caps and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import InvalidOptionError, NormalFormGame, UnsupportedGameError
from gametheory.concepts import max_regret
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers import _lemke_howson as lhmod
from gametheory.solvers._lemke_howson import lemke_howson, lemke_howson_enumeration
from gametheory.solvers._pivoting import (exchange_pivot, full_pivot, lazy_column,
                                          lazy_flush, lazy_pivot, lex_keys_compact,
                                          lex_min_ratio)

TOL = 1e-9


def _check_certificate(game, res, tol=TOL):
    """Every equilibrium's regret, recomputed by gametheory.concepts, is within tol."""
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    for e in res:
        mr = max_regret(game, e.strategies)
        assert mr == pytest.approx(e.max_regret, abs=1e-12)
        assert mr <= tol * scale
        for s in e.strategies:
            assert s.min() >= 0 and s.sum() == pytest.approx(1.0, abs=1e-12)


def _in(profile, equilibria, atol=1e-7):
    return any(all(np.allclose(a, b, atol=atol) for a, b in zip(profile, eq))
               for eq in equilibria)


def _vertex_enumeration(game):
    import nashpy

    A, B = (np.array(p) for p in game.payoffs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(A, B).vertex_enumeration())


# ---------------------------------------------------------------------- reference paths
def _reference_path(game, k, max_iter=100_000):
    """Lemke-Howson on eager compact tableaux (exchange_pivot + lex_min_ratio from the
    pivoting core, one pivot at a time): the path the lazy kernel must reproduce.
    Returns (pivots, done, x, y, bases)."""
    A, B = (np.asarray(p, dtype=float) for p in game.payoffs)
    m, n = A.shape
    TP = np.hstack([_pos(B).T, np.ones((n, 1))])
    TQ = np.hstack([_pos(A), np.ones((m, 1))])
    in_basis = np.zeros((2, m + n), dtype=bool)
    pos = np.empty((2, m + n), dtype=np.int64)
    row_label = np.empty((2, max(m, n)), dtype=np.int64)
    pos[0, :m] = np.arange(m)
    pos[0, m:] = np.arange(n)
    in_basis[0, m:] = True
    row_label[0, :n] = np.arange(m, m + n)
    pos[1, :m] = np.arange(m)
    pos[1, m:] = np.arange(n)
    in_basis[1, :m] = True
    row_label[1, :m] = np.arange(m)
    initial = [np.arange(m, m + n), np.arange(m)]
    enter, t = k, (0 if k < m else 1)
    for it in range(1, max_iter + 1):
        T, R = (TP, n) if t == 0 else (TQ, m)
        key_row = np.empty(R, dtype=bool)
        key_idx = np.empty(R, dtype=np.int64)
        lex_keys_compact(initial[t], in_basis[t], pos[t], key_row, key_idx)
        c = pos[t, enter]
        r = lex_min_ratio(T, c, T.shape[1] - 1, key_row, key_idx, 1e-12, 1e-11,
                          np.empty(R, dtype=np.int64))
        assert r >= 0
        leave = row_label[t, r]
        exchange_pivot(T, r, c, np.empty(T.shape[1]))
        row_label[t, r] = enter
        in_basis[t, enter], pos[t, enter] = True, r
        in_basis[t, leave], pos[t, leave] = False, c
        if leave == k:
            x = np.array([TP[pos[0, i], -1] if in_basis[0, i] else 0.0 for i in range(m)])
            y = np.array([TQ[pos[1, m + j], -1] if in_basis[1, m + j] else 0.0
                          for j in range(n)])
            return it, True, x / x.sum(), y / y.sum(), in_basis
        enter, t = leave, 1 - t
    return max_iter, False, None, None, in_basis


def _pos(M):
    M = np.asarray(M, dtype=float)
    lo, hi = M.min(), M.max()
    return 1.0 + (M - lo) / (hi - lo) if hi > lo else np.ones_like(M)


def _full_tableau_path(A, B, k, rule, max_iter=200):
    """Lemke-Howson on full tableaux (full_pivot) with a chosen rule for ties in the
    ratio test: "lex" (lexicographic, lex_min_ratio) or "min-label" (the tied row whose
    basic variable has the smallest label, a Bland-like rule).  Returns
    ("done" | "cycle" | "max_iter", pivots)."""
    A, B = _pos(A), _pos(B)
    m, n = A.shape
    T = [np.hstack([B.T, np.eye(n), np.ones((n, 1))]),
         np.hstack([np.eye(m), A, np.ones((m, 1))])]
    basis = [list(range(m, m + n)), list(range(m))]
    slack_cols = [np.arange(m, m + n), np.arange(m)]
    enter, t = k, (0 if k < m else 1)
    seen = set()
    for it in range(1, max_iter + 1):
        Tt = T[t]
        R = Tt.shape[0]
        if rule == "lex":
            r = lex_min_ratio(Tt, enter, Tt.shape[1] - 1, np.zeros(R, dtype=bool),
                              slack_cols[t], 1e-12, 1e-9, np.empty(R, dtype=np.int64))
        else:
            col, rhs = Tt[:, enter], Tt[:, -1]
            rows = [i for i in range(R) if col[i] > 1e-12]
            best = min(rhs[i] / col[i] for i in rows)
            ties = [i for i in rows if rhs[i] / col[i] <= best + 1e-9]
            r = min(ties, key=lambda i: basis[t][i])
        leave = basis[t][r]
        full_pivot(Tt, r, enter, np.empty(Tt.shape[1]))
        basis[t][r] = enter
        if leave == k:
            return "done", it
        state = (frozenset(basis[0]), frozenset(basis[1]), t)
        if state in seen:  # same bases, same entering label: the path repeats forever
            return "cycle", it
        seen.add(state)
        enter, t = leave, 1 - t
    return "max_iter", max_iter


# ---------------------------------------------------------------------- literature games
# Battle of the sexes (Luce and Raiffa 1957): A = [[2, 0], [0, 1]], B = [[1, 0], [0, 2]].
# By hand: dropping label 0 (row Opera) enters x_0; the column-0 constraint binds first
# (1.5 x_0 <= 1 after the map into [1, 2]), so label 2 is picked up and y_0 enters, which
# makes row 0 tight: (Opera, Opera).  Labels 1 and 3 lead to (Football, Football) the same
# way, and label 2 (column Opera) to (Opera, Opera).  The mixed equilibrium
# ((2/3, 1/3), (1/3, 2/3)) is on no path from the artificial equilibrium.
@pytest.mark.parametrize("label,profile", [
    pytest.param(0, (0, 0), id="drop-row-opera"),
    pytest.param(1, (1, 1), id="drop-row-football"),
    pytest.param(2, (0, 0), id="drop-column-opera"),
    pytest.param(3, (1, 1), id="drop-column-football"),
])
def test_battle_of_the_sexes_each_label(label, profile):
    g = catalog.get("battle-of-the-sexes")
    res = lemke_howson(g, init_pivot=label)
    assert res.converged and res.complete and res.scope == "one"
    assert res.method == "lemke_howson" and res.num_iter == 2
    assert res[0].pure_profile == profile
    assert max_regret(g, res[0].strategies) == 0.0
    assert res.params["init_pivot"] == label and res.params["label"] == label
    assert res.elapsed is not None and res.elapsed > 0


@pytest.mark.parametrize("name,expected", [
    # von Neumann and Morgenstern 1944: unique equilibrium, both players mix 1/2-1/2
    pytest.param("matching-pennies", ([0.5, 0.5], [0.5, 0.5]), id="matching-pennies"),
    # unique equilibrium: uniform
    pytest.param("rock-paper-scissors", ([1 / 3] * 3, [1 / 3] * 3), id="rock-paper-scissors"),
    # Shapley 1964: unique equilibrium, uniform
    pytest.param("shapley", ([1 / 3] * 3, [1 / 3] * 3), id="shapley"),
])
def test_unique_mixed_equilibrium_from_every_label(name, expected):
    g = catalog.get(name)
    m, n = g.num_actions
    for k in range(m + n):
        res = lemke_howson(g, init_pivot=k)
        assert res.converged
        np.testing.assert_allclose(res[0].strategies[0], expected[0], atol=1e-12)
        np.testing.assert_allclose(res[0].strategies[1], expected[1], atol=1e-12)
        _check_certificate(g, res)


def test_prisoners_dilemma_reaches_defection():
    g = catalog.get("prisoners-dilemma")
    for k in range(4):
        assert lemke_howson(g, init_pivot=k)[0].pure_profile == (1, 1)


def test_enumeration_battle_of_the_sexes_misses_the_mixed_equilibrium():
    res = lemke_howson_enumeration(catalog.get("battle-of-the-sexes"))
    assert [e.pure_profile for e in res] == [(0, 0), (1, 1)]
    assert res.params["labels"] == [[0, 2], [1, 3]]
    assert not res.complete and res.scope == "all" and res.converged
    assert res.num_iter == 8  # four paths of two pivots


# ---------------------------------------------------------------------- degeneracy
# A degenerate 3x3 game found by a search over small 0/1 games: with the "smallest label
# leaves" rule for ties in the ratio test, the path of label 5 returns to a pair of bases
# it has visited, so it cycles forever; the lexicographic rule (von Stengel 2007, AGT
# section 3.5) ends it.
CYCLING_A = [[1, 0, 0], [0, 0, 1], [1, 0, 1]]
CYCLING_B = [[0, 1, 0], [1, 1, 1], [1, 0, 1]]


def test_naive_tie_break_cycles_and_lexicographic_rule_terminates():
    A, B = np.array(CYCLING_A, float), np.array(CYCLING_B, float)
    assert _full_tableau_path(A, B, 5, "min-label")[0] == "cycle"
    status, pivots = _full_tableau_path(A, B, 5, "lex")
    assert status == "done"
    g = NormalFormGame.from_arrays(CYCLING_A, CYCLING_B)
    assert gen.degeneracy_witness(g) is not None
    res = lemke_howson(g, init_pivot=5, max_iter=1000)
    assert res.converged and res.num_iter == pivots
    _check_certificate(g, res)


def test_every_label_of_the_cycling_game_terminates_with_an_equilibrium():
    g = NormalFormGame.from_arrays(CYCLING_A, CYCLING_B)
    for k in range(6):
        res = lemke_howson(g, init_pivot=k, max_iter=1000)
        assert res.converged and res.num_iter < 1000
        _check_certificate(g, res)


@pytest.mark.parametrize("kind", ["tie", "duplicate-rows", "duplicate-columns"])
def test_degenerate_generator_games(kind):
    for seed in range(15):
        g = gen.degenerate_game(4, 5, rng=seed, kind=kind, low=0, high=2)
        for k in range(9):
            res = lemke_howson(g, init_pivot=k, max_iter=10_000)
            assert res.converged
            _check_certificate(g, res)


# ---------------------------------------------------------------------- properties
game_shapes = st.tuples(st.integers(2, 5), st.integers(2, 5))
seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=game_shapes, seed=seeds)
def test_nondegenerate_results_are_vertex_enumeration_equilibria(shape, seed):
    g = gen.uniform_game(shape, rng=seed)
    ves = _vertex_enumeration(g)
    for k in range(sum(shape)):
        res = lemke_howson(g, init_pivot=k)
        assert res.converged
        _check_certificate(g, res)
        assert _in(res[0].strategies, ves)
    enum = lemke_howson_enumeration(g)
    assert enum.converged and len(enum) >= 1
    for e in enum:
        assert _in(e.strategies, ves)
    _check_certificate(g, enum)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=game_shapes, seed=seeds, high=st.integers(1, 3),
       kind=st.sampled_from(["integer", "tie", "duplicate-rows", "duplicate-columns"]))
def test_degenerate_results_are_certified(shape, seed, high, kind):
    if kind == "integer":
        g = gen.integer_game(shape, low=0, high=high, rng=seed)
    else:
        g = gen.degenerate_game(shape, rng=seed, kind=kind, low=0, high=high)
    for k in range(sum(shape)):
        res = lemke_howson(g, init_pivot=k, max_iter=10_000)
        assert res.converged and res.num_iter < 10_000
        _check_certificate(g, res)
    _check_certificate(g, lemke_howson_enumeration(g, max_iter=10_000))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.tuples(st.integers(1, 12), st.integers(1, 12)), seed=seeds,
       family=st.sampled_from(["uniform", "integer"]))
def test_lazy_kernel_follows_the_eager_reference_path(shape, seed, family):
    """The lazy (blocked) tableaux follow the same path as eager exchange pivots."""
    g = (gen.uniform_game(shape, rng=seed) if family == "uniform"
         else gen.integer_game(shape, low=0, high=2, rng=seed))
    m, n = shape
    for k in range(m + n):
        pivots, done, x, y, bases = _reference_path(g, k)
        assert done
        xl, yl, pl, status, in_basis = lhmod._path(g, k, 100_000)
        assert pl == pivots and status == lhmod._DONE
        np.testing.assert_array_equal(in_basis, bases)
        np.testing.assert_allclose(xl / xl.sum(), x, atol=1e-9)
        np.testing.assert_allclose(yl / yl.sum(), y, atol=1e-9)


def test_same_path_as_quantecon():
    """QuantEcon's lemke_howson follows the same path on nondegenerate games (same
    equilibrium, same number of pivots)."""
    qe = pytest.importorskip("quantecon.game_theory")
    for seed in range(8):
        g = gen.uniform_game((6, 7), rng=seed)
        A, B = (np.array(p) for p in g.payoffs)
        qg = qe.NormalFormGame([qe.Player(A), qe.Player(np.ascontiguousarray(B.T))])
        for k in range(13):
            ne, info = qe.lemke_howson(qg, init_pivot=k, full_output=True)
            res = lemke_howson(g, init_pivot=k)
            assert res.num_iter == info.num_iter
            np.testing.assert_allclose(res[0].strategies[0], ne[0], atol=1e-10)
            np.testing.assert_allclose(res[0].strategies[1], ne[1], atol=1e-10)


def test_float_random_30x30_terminates_from_every_label():
    """nashpy's Lemke-Howson loops forever on float payoffs (its integer-style tableau
    underflows); ours ends every path with a certified equilibrium."""
    for seed in range(2):
        g = gen.uniform_game((30, 30), rng=seed)
        for k in range(60):
            res = lemke_howson(g, init_pivot=k)
            assert res.converged and res.num_iter < 100_000
            _check_certificate(g, res)


def test_large_and_tiny_payoff_scales():
    base = gen.normal_game((8, 8), rng=3)
    ref = lemke_howson(base, init_pivot=2)
    for scale in (1e-6, 1e6):
        g = NormalFormGame([p * scale for p in base.payoffs])
        res = lemke_howson(g, init_pivot=2)
        assert res.converged and res.num_iter == ref.num_iter
        for a, b in zip(res[0].strategies, ref[0].strategies):
            np.testing.assert_allclose(a, b, atol=1e-9)
        _check_certificate(g, res)


@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (4, 1), (2, 1)])
def test_degenerate_shapes(shape):
    g = gen.normal_game(shape, rng=1)
    for k in range(sum(shape)):
        res = lemke_howson(g, init_pivot=k)
        assert res.converged
        _check_certificate(g, res)
        # with one action, the other player best-responds with a pure action
        if shape[0] == 1:
            assert res[0].strategies[1][np.argmax(g.payoffs[1][0])] == 1.0


def test_constant_game():
    g = NormalFormGame.from_arrays(np.ones((3, 4)), np.ones((3, 4)))
    res = lemke_howson(g, init_pivot=4)
    assert res.converged and res.max_regret == 0.0


# ---------------------------------------------------------------------- caps, refinement
def test_max_iter_reached_is_reported_not_hidden():
    g = gen.uniform_game((30, 30), rng=0)
    full = lemke_howson(g)
    assert full.num_iter > 10
    res = lemke_howson(g, max_iter=7)
    assert not res.converged and not res.complete and res.num_iter == 7
    for e in res:  # the stopping point, with its true regret
        assert e.max_regret == pytest.approx(max_regret(g, e.strategies), abs=1e-15)
    res1 = lemke_howson(g, max_iter=1)  # y is still 0: no profile to report
    assert len(res1) == 0 and not res1.converged


def test_capping_finds_a_short_path():
    g = gen.uniform_game((60, 60), rng=0)
    plain = lemke_howson(g, init_pivot=0)
    capped = lemke_howson(g, init_pivot=0, capping=10)
    assert capped.converged
    _check_certificate(g, capped)
    label = capped.params["label"]
    alone = lemke_howson(g, init_pivot=label)
    assert alone.num_iter <= 10
    for a, b in zip(alone[0].strategies, capped[0].strategies):
        np.testing.assert_allclose(a, b)
    # labels before `label` each used the full cap
    tried = (label - 0) % 120
    assert capped.num_iter == 10 * tried + alone.num_iter
    assert plain.converged


def test_capping_falls_back_to_the_full_path():
    g = gen.uniform_game((30, 30), rng=0)
    plain = lemke_howson(g, init_pivot=0)
    res = lemke_howson(g, init_pivot=0, capping=1)  # no path ends in one pivot
    assert res.converged and res.params["label"] == 0
    assert res.num_iter == 60 + plain.num_iter
    np.testing.assert_allclose(res[0].strategies[0], plain[0].strategies[0])


def test_refinement_repairs_a_perturbed_end_point():
    g = gen.uniform_game((12, 12), rng=5)
    x, y, pivots, status, in_basis = lhmod._path(g, 3, 10_000)
    exact = lemke_howson(g, init_pivot=3)[0]
    noisy_x = x * (1 + 1e-4 * np.sin(np.arange(12)))  # regret far above tol
    assert max_regret(g, (noisy_x / noisy_x.sum(), y / y.sum())) > 1e-7
    eq, ok = lhmod._certify_end(g, noisy_x, y, status, in_basis, 1e-9)
    assert ok and eq.max_regret <= 1e-9
    np.testing.assert_allclose(eq.strategies[0], exact.strategies[0], atol=1e-12)


def test_exact_refinement_when_floats_fail(monkeypatch):
    g = gen.integer_game((5, 5), low=-5, high=5, rng=11)
    x, y, pivots, status, in_basis = lhmod._path(g, 0, 10_000)
    monkeypatch.setattr(lhmod, "_refine_float", lambda *a: None)
    eq, ok = lhmod._certify_end(g, x + 1e-3, y, status, in_basis, 1e-12)
    assert ok and eq.exact is not None and eq.max_regret <= 1e-12
    from fractions import Fraction
    assert all(isinstance(v, Fraction) for s in eq.exact for v in s)
    assert [float(v) for v in eq.exact[0]] == pytest.approx(list(eq.strategies[0]))


def test_unrepairable_end_point_is_marked_not_converged():
    g = gen.uniform_game((6, 6), rng=2)
    x, y, pivots, status, in_basis = lhmod._path(g, 0, 10_000)
    wrong = np.zeros_like(in_basis)  # supports that describe no equilibrium
    wrong[0, 0] = wrong[0, 6 + 1:] = True
    wrong[1, 6 + 1] = wrong[1, 1:6] = True
    xw = np.zeros(6)
    xw[5] = 1.0
    yw = np.zeros(6)
    yw[int(np.argmin(g.payoffs[1][5]))] = 1.0  # column's worst reply to row 5
    eq, ok = lhmod._certify_end(g, xw, yw, lhmod._DONE, wrong, 1e-9)
    assert not ok and eq.max_regret > 1e-9


# ---------------------------------------------------------------------- sizes
def test_200x200():
    g = gen.uniform_game((200, 200), rng=4)
    res = lemke_howson(g)
    assert res.converged and res.num_iter == 183  # QuantEcon's path has 183 pivots too
    _check_certificate(g, res)
    res = lemke_howson(g := gen.uniform_game((200, 200), rng=2), capping=50)
    assert res.converged
    _check_certificate(g, res)


@pytest.mark.slow
def test_1000x1000():
    g = gen.uniform_game((1000, 1000), rng=4)
    res = lemke_howson(g)
    assert res.converged and res.num_iter == 218
    _check_certificate(g, res)
    g = gen.uniform_game((1000, 1000), rng=1)  # a long path: 83,402 pivots, a few seconds
    res = lemke_howson(g)
    assert res.converged and res.num_iter == 83_402
    _check_certificate(g, res)
    for seed in range(3):
        g = gen.uniform_game((1000, 1000), rng=seed)
        res = lemke_howson(g, capping=100)
        assert res.converged
        _check_certificate(g, res)


# ---------------------------------------------------------------------- pivoting core
def test_exchange_pivot_matches_the_full_tableau():
    rng = np.random.default_rng(0)
    R, N = 5, 4
    M = rng.normal(size=(R, N))
    b = rng.normal(size=R)
    full = np.hstack([M, np.eye(R), b[:, None]])   # variables 0..N-1 nonbasic
    compact = np.hstack([M, b[:, None]])
    cols = list(range(N))                           # variable held by each compact column
    basic = list(range(N, N + R))
    for r, c in [(0, 1), (3, 0), (1, 3), (0, 2), (4, 1)]:
        v = cols[c]
        full_pivot(full, r, v, np.empty(full.shape[1]))
        exchange_pivot(compact, r, c, np.empty(compact.shape[1]))
        cols[c], basic[r] = basic[r], v
        np.testing.assert_allclose(compact[:, :N], full[:, cols], atol=1e-10)
        np.testing.assert_allclose(compact[:, N], full[:, -1], atol=1e-10)
        np.testing.assert_allclose(full[:, basic], np.eye(R), atol=1e-10)


def test_lazy_pivots_match_eager_pivots():
    rng = np.random.default_rng(1)
    R, N, K = 9, 7, 4
    T = np.hstack([rng.uniform(1, 2, size=(R, N)), np.ones((R, 1))])
    G = np.ascontiguousarray(T[:, :N].T)
    b = T[:, N].copy()
    ts = np.zeros(N, dtype=np.int64)
    state = np.zeros(2, dtype=np.int64)
    V, rows = np.empty((K, R)), np.empty(K, dtype=np.int64)
    inv, M, work = np.empty(K), np.zeros((K, K)), np.empty((4, K))
    for step in range(23):
        c = int(rng.integers(N))
        col = T[:, c]
        r = int(np.argmax(np.abs(col)))  # a well-conditioned pivot
        exchange_pivot(T, r, c, np.empty(N + 1))
        lazy_pivot(G, ts, state, V, rows, inv, M, work, b, r, c)
        j = int(rng.integers(N))
        np.testing.assert_allclose(lazy_column(G, ts, state, V, rows, inv, M, work[0], j),
                                   T[:, j], rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(b, T[:, N], rtol=1e-9, atol=1e-9)
    lazy_flush(G, ts, state, V, rows, inv, M, work)
    np.testing.assert_allclose(G.T, T[:, :N], rtol=1e-9, atol=1e-9)
    assert state[1] == 0 and (ts == state[0]).all() and state[0] == 23


def test_lex_min_ratio_breaks_ties_by_the_inverse_basis():
    # rows 0 and 1 tie in the ratio test (1/1 = 2/2); B^{-1} = I: row 0's key 1/1 = 1,
    # row 1's key 0/2 = 0, so row 1 leaves; row 2 has a non-positive entry
    T = np.array([[1.0, 1.0, 0.0, 0.0, 1.0],
                  [2.0, 0.0, 1.0, 0.0, 2.0],
                  [-1.0, 0.0, 0.0, 1.0, 5.0]])
    cand = np.empty(3, dtype=np.int64)
    keys = np.array([1, 2, 3])
    assert lex_min_ratio(T, 0, 4, np.zeros(3, dtype=bool), keys, 1e-12, 1e-9, cand) == 1
    T[:, 0] = -1.0
    assert lex_min_ratio(T, 0, 4, np.zeros(3, dtype=bool), keys, 1e-12, 1e-9, cand) == -1


# ---------------------------------------------------------------------- bad input
def test_bad_games():
    with pytest.raises(UnsupportedGameError):
        lemke_howson(catalog.get("three-player-matching-pennies"))
    with pytest.raises(UnsupportedGameError):
        lemke_howson_enumeration(catalog.get("three-player-matching-pennies"))
    with pytest.raises(UnsupportedGameError):
        lemke_howson([[1, 0], [0, 1]])


@pytest.mark.parametrize("options", [
    {"init_pivot": -1}, {"init_pivot": 4}, {"init_pivot": 1.0}, {"init_pivot": True},
    {"init_pivot": "0"}, {"max_iter": 0}, {"max_iter": 2.5}, {"tol": -1e-9},
    {"tol": float("nan")}, {"capping": 0}, {"capping": 1.5},
])
def test_bad_options(options):
    g = catalog.get("battle-of-the-sexes")
    with pytest.raises(InvalidOptionError) as info:
        lemke_howson(g, **options)
    assert isinstance(info.value, ValueError)
    if "init_pivot" in options:
        assert "range(4)" in str(info.value)


def test_bad_enumeration_options():
    g = catalog.get("battle-of-the-sexes")
    with pytest.raises(InvalidOptionError):
        lemke_howson_enumeration(g, max_iter=0)
    with pytest.raises(InvalidOptionError):
        lemke_howson_enumeration(g, tol=-1.0)


# ---------------------------------------------------------------------------- fast paths
@pytest.mark.parametrize("size,seed", [(6, 0), (20, 1), (50, 2), (80, 3)])
def test_eager_and_lazy_tableaux_follow_the_same_path(size, seed):
    """Small games pivot eager tableaux (``_block_size`` 0), large ones lazy blocked
    tableaux: both follow the same path from every tested label and end at the same
    equilibrium (the tableaux differ by round-off only)."""
    g = gen.uniform_game((size, size + 3), rng=seed)
    A, B = g.payoffs
    assert lhmod._block_size(size, size + 3) == 0
    for label in (0, size, 2 * size + 2):
        eager = lhmod._lh_solve(A, B, label, 10**6, lhmod._PIV_TOL, lhmod._TIE_TOL, 0)
        lazy = lhmod._lh_solve(A, B, label, 10**6, lhmod._PIV_TOL, lhmod._TIE_TOL, 8)
        assert eager[2] == lazy[2] and eager[3] == lazy[3] == lhmod._DONE
        assert np.array_equal(eager[4], lazy[4])
        assert np.allclose(eager[0], lazy[0], atol=1e-12) and np.allclose(eager[1], lazy[1],
                                                                          atol=1e-12)
    res = lemke_howson(g)
    assert res.converged and max_regret(g, res[0].strategies) <= 1e-9
