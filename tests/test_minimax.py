"""Two-player zero-sum games: ``minimax`` and ``security_strategies``.

References: von Neumann (1928) for the minimax theorem; Ferguson, *Game Theory* (UCLA
lecture notes, Part II, the "Odd or Even" example) for the game ``[[-2, 3], [3, -4]]`` of
value 1/12; two-finger Morra (e.g. Wikipedia, "Morra (game)"; Dresher 1961, *Games of
Strategy*), whose optimal strategies mix "show 1, guess 2" with probability in
``[4/7, 3/5]`` and "show 2, guess 1" with the rest, value 0.  Every hand computation is
written next to its test.
"""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import gametheory.solvers._minimax as minimax_module
from gametheory import (InvalidOptionError, NormalFormGame, SolverError,
                        UnknownNameError, UnsupportedGameError)
from gametheory.concepts import max_regret, security_level, security_levels
from gametheory.games import catalog
from gametheory.games.generators import zero_sum_game
from gametheory.solvers._minimax import MinimaxResult, minimax, security_strategies
from gametheory.solvers._result import EquilibriumResult

METHODS = ["auto", "tableau", "ipm", "simplex", "highs-ipm"]


def _scale(game):
    return max(1.0, float(np.abs(game.payoff_array).max()))


def _check_certificate(game, res, tol=1e-8):
    """The checks every result must pass: valid distributions, a small duality gap, and
    the regret recomputed here by gametheory.concepts."""
    assert isinstance(res, MinimaxResult) and isinstance(res, EquilibriumResult)
    assert len(res) == 1 and res.scope == "one" and res.converged
    x, y = res.equilibria[0].strategies
    for s in (x, y):
        assert s.min() >= 0.0
        assert s.sum() == pytest.approx(1.0, abs=1e-12)
    scale = _scale(game)
    assert max_regret(game, [x, y]) <= tol * scale
    assert res.max_regret == pytest.approx(max_regret(game, [x, y]), abs=1e-15)
    A = game.payoffs[0]
    gap = float((A @ y).max() - (x @ A).min())
    assert res.duality_gap == pytest.approx(abs(gap), abs=1e-15)
    assert res.duality_gap <= tol * scale
    assert res.value == pytest.approx(float(x @ A @ y), abs=1e-12 * scale)
    assert res.elapsed is not None and res.elapsed >= 0


# ---------------------------------------------------------------------------- known games
@pytest.mark.parametrize("method", METHODS)
def test_matching_pennies(method):
    g = catalog.get("matching-pennies")
    res = minimax(g, lp_method=method)
    _check_certificate(g, res)
    assert res.value == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(res.row_strategy, [0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(res.column_strategy, [0.5, 0.5], atol=1e-12)
    assert res.exact_value == 0 and res.equilibria[0].exact == ((Fraction(1, 2),) * 2,) * 2
    assert res.complete   # the equilibrium is unique


@pytest.mark.parametrize("method", METHODS)
def test_rock_paper_scissors_uniform(method):
    g = catalog.get("rock-paper-scissors")
    res = minimax(g, lp_method=method)
    _check_certificate(g, res)
    assert res.value == pytest.approx(0.0, abs=1e-12)
    for s in (res.row_strategy, res.column_strategy):
        np.testing.assert_allclose(s, [1 / 3] * 3, atol=1e-12)
    assert res.complete


@pytest.mark.parametrize("method", METHODS)
def test_two_by_two_by_hand(method):
    # A = [[2, -1], [-1, 1]].  Row plays p on row 1: against column 1 it gets 3p - 1,
    # against column 2 it gets 1 - 2p; equal at p = 2/5, value 3(2/5) - 1 = 1/5.
    # Column plays q on column 1: row 1 gets 3q - 1, row 2 gets 1 - 2q; q = 2/5 too.
    g = NormalFormGame.zero_sum([[2, -1], [-1, 1]])
    res = minimax(g, lp_method=method)
    _check_certificate(g, res)
    assert res.value == pytest.approx(0.2, abs=1e-12)
    assert res.exact_value == Fraction(1, 5)
    np.testing.assert_allclose(res.row_strategy, [0.4, 0.6], atol=1e-12)
    np.testing.assert_allclose(res.column_strategy, [0.4, 0.6], atol=1e-12)
    assert res.equilibria[0].payoffs.tolist() == pytest.approx([0.2, -0.2])
    assert res.complete


def test_two_by_three_with_dominated_column():
    # Column 3 (4, 5) is worse for the minimising column player than columns 1 and 2 in
    # every row.  On [[3, -1], [-2, 1]]: row p with 5p - 2 = 1 - 2p, p = 3/7, value 1/7;
    # column q with 4q - 1 = 1 - 3q, q = 2/7.
    g = NormalFormGame.zero_sum([[3, -1, 4], [-2, 1, 5]])
    res = minimax(g)
    _check_certificate(g, res)
    assert res.exact_value == Fraction(1, 7)
    np.testing.assert_allclose(res.row_strategy, [3 / 7, 4 / 7], atol=1e-12)
    np.testing.assert_allclose(res.column_strategy, [2 / 7, 5 / 7, 0.0], atol=1e-12)
    assert res.column_strategy[2] == 0.0
    assert res.complete


def test_constant_sum_game_shifts_the_value():
    # Row gets A + 5, column gets 5 - A: constant sum 10, same strategies as A, and the
    # row player's share is 5 + 1/5.
    A = np.array([[2, -1], [-1, 1]])
    g = NormalFormGame.from_arrays((A + 5).tolist(), (5 - A).tolist())
    assert g.game_class == "constant-sum"
    res = minimax(g)
    _check_certificate(g, res)
    assert res.exact_value == Fraction(26, 5)
    assert res.value == pytest.approx(5.2, abs=1e-12)
    assert res.equilibria[0].payoffs.tolist() == pytest.approx([5.2, 4.8])
    np.testing.assert_allclose(res.row_strategy, [0.4, 0.6], atol=1e-12)


def test_ferguson_odd_or_even():
    # Ferguson, Game Theory, Part II: [[-2, 3], [3, -4]] has value 1/12 and both players
    # play (7/12, 5/12).  By hand: -2p + 3(1 - p) = 3p - 4(1 - p) gives 12p = 7.
    g = NormalFormGame.zero_sum([[-2, 3], [3, -4]])
    res = minimax(g)
    _check_certificate(g, res)
    assert res.exact_value == Fraction(1, 12)
    assert res.equilibria[0].exact == ((Fraction(7, 12), Fraction(5, 12)),) * 2


def _morra():
    # Strategies (show, guess); when exactly one player guesses the other's fingers, the
    # guesser wins the total number of fingers shown.
    strategies = [(1, 1), (1, 2), (2, 1), (2, 2)]
    A = [[0] * 4 for _ in range(4)]
    for i, (a, b) in enumerate(strategies):
        for j, (c, d) in enumerate(strategies):
            row_right, col_right = b == c, d == a
            if row_right and not col_right:
                A[i][j] = a + c
            elif col_right and not row_right:
                A[i][j] = -(a + c)
    return NormalFormGame.zero_sum(A)


@pytest.mark.parametrize("method", METHODS)
def test_two_finger_morra(method):
    g = _morra()
    assert g.payoffs[0].tolist() == [[0, 2, -3, 0], [-2, 0, 0, 3], [3, 0, 0, -4],
                                     [0, -3, 4, 0]]
    res = minimax(g, lp_method=method)
    _check_certificate(g, res)
    # the interior point may stop inside the optimal segment (no square nonsingular
    # support system exists there), so its answer is exact only up to tol
    assert res.value == pytest.approx(0.0, abs=1e-9)
    for s in (res.row_strategy, res.column_strategy):
        assert s[0] == pytest.approx(0.0, abs=1e-9) and s[3] == pytest.approx(0.0, abs=1e-9)
        assert 4 / 7 - 1e-9 <= s[1] <= 3 / 5 + 1e-9
    assert not res.complete      # a whole segment of optimal strategies


def test_rectangular_games_agree_with_security_levels():
    # Tall games are solved transposed inside; the value must not notice.
    for shape in [(1, 5), (5, 1), (3, 7), (7, 3), (80, 30), (30, 80)]:
        g = zero_sum_game(shape, rng=sum(shape))
        res = minimax(g)
        _check_certificate(g, res)
        assert res.value == pytest.approx(security_level(g, 0).value, abs=1e-8)
        for method in ("tableau", "ipm", "simplex", "highs-ipm"):
            assert minimax(g, lp_method=method).value == pytest.approx(res.value, abs=1e-9)


@pytest.mark.parametrize("shape", [(120, 150), (150, 120)])
def test_methods_agree_on_a_larger_game(shape):
    g = zero_sum_game(shape, rng=3)
    values = []
    for method in METHODS:
        res = minimax(g, lp_method=method)
        _check_certificate(g, res, tol=1e-9)
        values.append(res.value)
        assert res.complete   # generic random games have a unique equilibrium
    assert max(values) - min(values) <= 1e-9
    ref = security_levels(g)
    assert values[0] == pytest.approx(ref[0].value, abs=1e-8)
    assert values[0] == pytest.approx(-ref[1].value, abs=1e-8)


def test_auto_picks_tableau_for_small_and_ipm_for_large_games():
    assert minimax(zero_sum_game(5, rng=0)).params["lp_method"] == "tableau"
    assert minimax(zero_sum_game((20, 2000), rng=0)).params["lp_method"] == "tableau"
    big = minimax(zero_sum_game(300, rng=0))
    assert big.params["lp_method"] in ("ipm", "ipm+vertex")


# ---------------------------------------------------------------------------- large games
def test_500x500_strategies_are_non_negative_and_certified():
    # Gambit's float LP returned a probability of -7e-6 on a game of this size.
    g = zero_sum_game(500, rng=2024)
    res = minimax(g)
    x, y = res.equilibria[0].strategies
    assert x.min() >= 0.0 and y.min() >= 0.0
    assert res.duality_gap <= 1e-9
    assert max_regret(g, [x, y]) <= 1e-9
    # supports of random games hold about half of the actions
    assert 150 < np.count_nonzero(x) < 350 and np.count_nonzero(x) == np.count_nonzero(y)


@pytest.mark.slow
def test_1000x1000_interior_point():
    # the certificate (gap <= 1e-9) pins the value without a second solver; HiGHS would
    # take 5-20 s here
    g = zero_sum_game(1000, rng=7)
    res = minimax(g, lp_method="ipm")
    _check_certificate(g, res, tol=1e-9)
    assert res.params["lp_method"] == "ipm+vertex" and res.complete


# ---------------------------------------------------------------------------- degenerate
def test_duplicated_actions_still_give_a_vertex():
    rng = np.random.default_rng(5)
    A = rng.integers(-3, 4, size=(60, 40))
    A = np.vstack([A, A[:20]])
    A = np.hstack([A, A[:, :20]])
    g = NormalFormGame.zero_sum(A)
    for method in ("ipm", "tableau", "simplex"):
        res = minimax(g, lp_method=method)
        _check_certificate(g, res, tol=1e-9)
        assert res.value == pytest.approx(security_level(g, 0).value, abs=1e-8)


def test_zero_sum_up_to_rounding_at_a_large_scale_is_accepted():
    # payoffs near 1e10 whose sums are off by ~1e-3: zero-sum for NormalFormGame (its
    # tolerance scales with the payoffs), so minimax must accept the game
    rng = np.random.default_rng(0)
    A = rng.uniform(-1, 1, (3, 3)) * 1e10
    g = NormalFormGame([A, -A + rng.normal(size=(3, 3)) * 1e-3])
    assert g.game_class == "zero-sum"
    res = minimax(g)
    assert res.value == pytest.approx(security_level(g, 0).value, rel=1e-9)


def test_constant_and_saddle_point_games():
    g = NormalFormGame.zero_sum([[1, 1], [1, 1]])
    res = minimax(g)
    _check_certificate(g, res)
    assert res.value == 1.0 and res.params["lp_method"] == "saddle-point"
    assert not res.complete     # every profile is an equilibrium
    # a strict saddle point at (row 1, column 0): min of row 1 is 2 = max of column 0
    g = NormalFormGame.zero_sum([[1, 5, 0], [2, 3, 4], [0, 6, 1]])
    res = minimax(g)
    _check_certificate(g, res)
    assert res.equilibria[0].pure_profile == (1, 0)
    assert res.exact_value == 2 and res.complete


def test_integer_games_with_many_ties():
    rng = np.random.default_rng(11)
    for k in range(20):
        m, n = rng.integers(2, 25, size=2)
        g = NormalFormGame.zero_sum(rng.integers(-1, 2, size=(m, n)))
        res = minimax(g, lp_method=("ipm", "tableau", "simplex")[k % 3])
        _check_certificate(g, res, tol=1e-9)
        assert res.value == pytest.approx(security_level(g, 0).value, abs=1e-8)


# ---------------------------------------------------------------------------- property
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arrays(np.int64, st.tuples(st.integers(2, 4), st.integers(2, 4)),
              elements=st.integers(-5, 5)))
def test_value_matches_nashpy_support_enumeration(A):
    nashpy = pytest.importorskip("nashpy")
    g = NormalFormGame.zero_sum(A)
    res = minimax(g)
    _check_certificate(g, res)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = list(nashpy.Game(A.astype(float)).support_enumeration())
    # every equilibrium of a zero-sum game pays the value (nashpy may miss some in
    # degenerate games, but each one it returns is checked)
    for sigma_r, sigma_c in eqs:
        assert float(sigma_r @ A @ sigma_c) == pytest.approx(res.value, abs=1e-9)
    assert res.value == pytest.approx(security_level(g, 0).value, abs=1e-9)
    if res.exact_value is not None:
        assert float(res.exact_value) == pytest.approx(res.value, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 30), st.integers(2, 30), st.integers(0, 10_000),
       st.sampled_from(METHODS))
def test_random_float_games_are_certified(m, n, seed, method):
    g = zero_sum_game((m, n), rng=seed, distribution="normal")
    res = minimax(g, lp_method=method)
    _check_certificate(g, res, tol=1e-9)


# ---------------------------------------------------------------------------- errors
def test_general_sum_and_three_player_games_are_rejected():
    with pytest.raises(UnsupportedGameError, match="general-sum"):
        minimax(catalog.get("prisoners-dilemma"))
    with pytest.raises(UnsupportedGameError, match="3 player"):
        minimax(catalog.get("three-player-matching-pennies"))
    with pytest.raises(UnsupportedGameError, match="NormalFormGame"):
        minimax([[1, -1], [-1, 1]])


def test_bad_options():
    g = catalog.get("matching-pennies")
    with pytest.raises(UnknownNameError, match="unknown minimax method"):
        minimax(g, lp_method="magic")
    for tol in (0, -1e-9, 2.0, float("nan"), "1e-9", True):
        with pytest.raises(InvalidOptionError, match="tol"):
            minimax(g, tol=tol)
    for max_iter in (0, -3, 1.5, True):
        with pytest.raises(InvalidOptionError, match="max_iter"):
            minimax(g, max_iter=max_iter)


class _FailedLP:
    status = 4
    message = "Numerical difficulties encountered (fake HiGHS failure)"
    x = None
    nit = 0


def _no_answer(*args, **kwargs):
    return {"x": None, "y": None, "gap": np.inf, "num_iter": 0, "status": "numerical"}


def test_lp_failure_raises_solver_error_with_highs_message(monkeypatch):
    # every method fails: HiGHS reports an error status, our two LP codes find nothing
    monkeypatch.setattr(minimax_module, "linprog", lambda *a, **k: _FailedLP())
    monkeypatch.setattr(minimax_module, "_ipm", _no_answer)
    monkeypatch.setattr(minimax_module, "_tableau", _no_answer)
    g = zero_sum_game(4, rng=0)
    with pytest.raises(SolverError, match="fake HiGHS failure") as info:
        minimax(g, lp_method="simplex")
    assert "status 4" in str(info.value)


def test_failed_simplex_falls_back_and_says_so(monkeypatch):
    monkeypatch.setattr(minimax_module, "linprog", lambda *a, **k: _FailedLP())
    g = zero_sum_game(4, rng=0)
    res = minimax(g, lp_method="simplex")
    _check_certificate(g, res)
    assert res.params["lp_method"] in ("tableau", "ipm", "ipm+vertex")
    assert "fake HiGHS failure" in res.params["attempts"][0]


def test_iteration_caps():
    g = zero_sum_game(40, rng=1)
    res = minimax(g, lp_method="ipm", max_iter=2)
    assert not res.converged and res.num_iter == 2
    x, y = res.equilibria[0].strategies
    assert x.min() >= 0 and y.min() >= 0
    assert res.max_regret == pytest.approx(max_regret(g, [x, y]))
    with pytest.raises(SolverError, match="Iteration limit"):
        minimax(g, lp_method="simplex", max_iter=1)
    with pytest.raises(SolverError, match="iteration limit"):
        minimax(g, lp_method="tableau", max_iter=1)


def test_result_is_frozen_and_serialisable():
    res = minimax(NormalFormGame.zero_sum([[2, -1], [-1, 1]]))
    with pytest.raises(AttributeError):
        res.value = 3.0
    d = res.to_dict()
    assert d["value"] == pytest.approx(0.2) and d["exact_value"] == "1/5"
    assert d["duality_gap"] <= 1e-12 and d["scope"] == "one" and d["method"] == "minimax"
    assert not res.row_strategy.flags.writeable


# ---------------------------------------------------------------------------- security
def test_security_strategies_delegate_to_concepts():
    for name in ("prisoners-dilemma", "battle-of-the-sexes",
                 "three-player-matching-pennies"):
        g = catalog.get(name)
        ours = security_strategies(g)
        ref = security_levels(g)
        assert [r.value for r in ours] == [r.value for r in ref]
        for a, b in zip(ours, ref):
            np.testing.assert_array_equal(a.strategy, b.strategy)
    # battle of the sexes: the row player secures 2/3 by playing Opera with 1/3
    assert security_strategies(catalog.get("battle-of-the-sexes"))[0].value == \
        pytest.approx(2 / 3)
    pure = security_strategies(catalog.get("prisoners-dilemma"), mixed=False)
    assert [r.pure_action for r in pure] == [1, 1]


def test_security_strategies_equal_minimax_in_zero_sum_games():
    g = zero_sum_game((6, 9), rng=4)
    res = minimax(g)
    row, col = security_strategies(g)
    assert row.value == pytest.approx(res.value, abs=1e-9)
    assert col.value == pytest.approx(-res.value, abs=1e-9)
    with pytest.raises(UnsupportedGameError):
        security_strategies("not a game")


# ---------------------------------------------------------------------------- fast paths
@pytest.mark.parametrize("size,seed", [(3, 0), (7, 1), (12, 2), (40, 3), (60, 4)])
def test_compiled_tableau_path_equals_general_path(monkeypatch, size, seed):
    """A game the tableau simplex solves goes through one compiled call (saddle test,
    simplex, certificate, clean-up, uniqueness); forcing the general Python path gives
    the same strategies, value, pivots and verdicts."""
    games = [zero_sum_game(size, rng=seed), zero_sum_game(size, size + 5, rng=seed),
             NormalFormGame.zero_sum(np.round(zero_sum_game(size, rng=seed).payoffs[0] * 2))]
    fast = [minimax(g) for g in games]
    monkeypatch.setattr(minimax_module, "_tableau_pipeline",
                        lambda A, cap, tol: (2, None, None, 0, None, False))
    for g, a in zip(games, fast):
        b = minimax(g)
        for s, t in zip(a.equilibria[0].strategies, b.equilibria[0].strategies):
            assert np.allclose(s, t, atol=1e-13, rtol=0)
        assert a.value == pytest.approx(b.value, abs=1e-13)
        assert a.complete == b.complete and a.num_iter == b.num_iter
        assert a.params["lp_method"] == b.params["lp_method"]
        assert abs(a.duality_gap - b.duality_gap) <= 1e-13
        assert a.max_regret <= 1e-9 * max(1.0, np.abs(g.payoff_array).max())


def test_compiled_uniqueness_test_agrees_with_lapack():
    """The compiled square-support test (LU with partial pivoting, Hager's estimate of
    the condition number) decides as the LAPACK one (``dgetrf``/``dgetrs``/``dgecon``)
    on random supports, duplicated actions (singular) and unique equilibria."""
    rng = np.random.default_rng(0)
    verdicts = set()
    for trial in range(60):
        m, n = rng.integers(2, 9, size=2)
        A = rng.uniform(-1, 1, (m, n))
        if trial % 3 == 0:
            A[1] = A[0]  # duplicated row: B[R, C] singular when both rows are in R
        k = int(rng.integers(1, min(m, n) + 1))
        R = np.sort(rng.choice(m, k, replace=False))
        C = np.sort(rng.choice(n, k, replace=False))
        B, _, _ = minimax_module._positive_form(A)
        sol = minimax_module._square_support_solve(B, R, C)
        lapack_ok = not (sol is None or sol[2] < 1e-10)
        x = np.zeros(m)
        x[R] = 1.0 / k
        y = np.zeros(n)
        y[C] = 1.0 / k
        # margins that always hold, so the verdict is the square solve's
        ours = minimax_module._unique_kernel(A, x, y, R, C, -1e6)
        assert ours == lapack_ok, (trial, R, C)
        verdicts.add(ours)
    assert verdicts == {True, False}
    res = minimax(NormalFormGame.zero_sum([[2.0, -1.0], [-1.0, 1.0]]))
    assert res.complete  # the unique equilibrium of the docstring example, float path


def test_uniqueness_read_off_the_tableau_agrees_with_the_support_test():
    """The compiled path decides uniqueness from the optimal basis (primal and dual
    nondegeneracy, the inverse of ``B[R, C]`` held by the tableau); it must decide as the
    factorising test on the final pair, on both orientations (``m > n`` transposes the LP)
    and on integer games, where ties make bases degenerate."""
    rng = np.random.default_rng(11)
    verdicts = {}
    for trial in range(400):
        m, n = (int(v) for v in rng.integers(2, 20, size=2))
        if trial % 3 == 0:
            A = rng.integers(-3, 4, size=(m, n)).astype(float)
        else:
            A = rng.uniform(-1, 1, size=(m, n))
        tol = 1e-9 * max(1.0, np.abs(A).max())
        code, x, y, _, _, unique = minimax_module._tableau_pipeline(A, 5000, tol)
        if code == 2:
            continue
        assert unique == minimax_module._unique_nb(A, x, y, tol), (trial, A)
        verdicts[(code, unique)] = verdicts.get((code, unique), 0) + 1
    # LP answers and saddle points, unique and not, all occurred
    assert set(verdicts) == {(0, True), (0, False), (1, True), (1, False)}


def test_steepest_edge_pivot_equals_plain_pivot_and_exact_norms():
    """The pivot of the minimax simplex (:func:`_pivoting.exchange_pivot_norms`) leaves
    the tableau bit for bit as :func:`_pivoting.exchange_pivot_buffered` does, with zero
    entries in the pivot column and row counts that are not multiples of four, and its
    edge lengths equal ``1 + ||T[:nrows, j]||^2`` recomputed by numpy."""
    from gametheory.solvers._pivoting import exchange_pivot_buffered, exchange_pivot_norms
    rng = np.random.default_rng(5)
    for rows, cols in [(3, 4), (6, 5), (9, 9), (12, 7), (31, 40)]:
        T = rng.uniform(1.0, 2.0, (rows + 1, cols + 1))
        T[rng.random(rows + 1) < 0.3, 0] = 0.0  # rows the plain pivot skips
        S = T.copy()
        gam = np.empty(cols)
        for step in range(6):
            r, c = int(rng.integers(rows)), int(rng.integers(1, cols))
            if T[r, c] == 0.0:
                continue
            exchange_pivot_buffered(S, r, c, np.empty(cols + 1), np.empty(rows + 1))
            exchange_pivot_norms(T, r, c, np.empty(cols + 1), np.empty(rows + 1), gam, rows)
            assert np.array_equal(T, S)
            want = 1.0 + (T[:rows, :cols] ** 2).sum(axis=0)
            assert np.allclose(gam, want, rtol=1e-12, atol=0)


@pytest.mark.parametrize("n", [50, 100])
def test_steepest_edge_needs_few_pivots(n):
    """Steepest edge reaches the optimum of uniform random n x n games in well under the
    pivots of Dantzig's rule (measured 61-86 at n=50 and 161-272 at n=100 over seeds
    0-9 with Dantzig, 36-53 and 87-126 with steepest edge); the answer stays certified."""
    for seed in range(3):
        game = NormalFormGame.zero_sum(np.random.default_rng(seed).uniform(-1, 1, (n, n)))
        res = minimax(game)
        assert res.params["lp_method"] == "tableau"
        assert res.num_iter <= (60 if n == 50 else 135)
        assert max_regret(game, res.equilibria[0].strategies) <= 1e-9
