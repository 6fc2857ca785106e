"""n-player support enumeration by multihomogeneous homotopy continuation
(``nplayer_support_enumeration(poly_method="homotopy")``, gametheory.solvers._homotopy): exact
equilibrium counts of literature games and of games built to attain McKelvey and
McLennan's (1997) bounds, agreement with an independent brute-force multi-start search on
seeded random games, Bezout numbers against a polynomial expansion, and the degenerate
cases that must be reported as incomplete."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import InvalidOptionError, NormalFormGame
from gametheory.concepts import max_regret
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.games.io import parse_nfg
from gametheory.solvers import SOLVERS, nash_equilibria, nplayer_support_enumeration
from gametheory.solvers._homotopy import bezout_number, game_bezout_number
from gametheory.solvers._nplayer_supports import homotopy_support


# --------------------------------------------------------------------- helpers
def _exact_regret(game, strategies) -> Fraction:
    """Max regret in rational arithmetic."""
    P = game.rational_payoffs()
    n = game.num_players
    worst = Fraction(0)
    for i in range(n):
        vals = [Fraction(0)] * game.num_actions[i]
        for prof in game.profiles():
            w = Fraction(1)
            for j in range(n):
                if j != i:
                    w *= strategies[j][prof[j]]
            vals[prof[i]] += w * P[i][prof]
        u = sum(strategies[i][a] * vals[a] for a in range(len(vals)))
        worst = max(worst, max(vals) - u)
    return worst


def _as_float(profile):
    return [np.array([float(v) for v in s]) for s in profile]


def _same(a, b, atol=1e-7) -> bool:
    return all(np.allclose(x, y, atol=atol) for x, y in zip(a, b))


def _totally_mixed(res):
    return [e for e in res if all(np.all(s > 0) for s in e.strategies)]


def _brute_force(game, starts=25, seed=0):
    """Every support profile, its indifference equations solved by scipy's ``fsolve``
    (MINPACK hybrid method) from ``starts`` random points; solutions certified by
    :func:`gametheory.concepts.max_regret`.  Independent of the code under test."""
    from scipy.optimize import fsolve
    rng = np.random.default_rng(seed)
    A = game.payoff_array
    n, m = game.num_players, game.num_actions
    subsets = [[c for k in range(1, mj + 1) for c in itertools.combinations(range(mj), k)]
               for mj in m]
    found = []
    for supp in itertools.product(*subsets):
        sizes = [len(S) for S in supp]

        def unpack(z):
            xs, k = [], 0
            for j in range(n):
                x = np.zeros(m[j])
                x[list(supp[j][1:])] = z[k:k + sizes[j] - 1]
                x[supp[j][0]] = 1.0 - z[k:k + sizes[j] - 1].sum()
                k += sizes[j] - 1
                xs.append(x)
            return xs

        def equations(z):
            xs = unpack(z)
            out = []
            for i in range(n):
                if sizes[i] < 2:
                    continue
                T = A[i]
                for j in reversed(range(n)):
                    if j != i:
                        T = np.tensordot(T, xs[j], axes=([j], [0]))
                out.extend(T[a] - T[supp[i][0]] for a in supp[i][1:])
            return np.array(out)

        dim = sum(sizes) - n
        trials = [np.zeros(0)] if dim == 0 else [
            np.concatenate([rng.dirichlet(np.ones(k))[1:] for k in sizes])
            for _ in range(starts)]
        for z0 in trials:
            if dim:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    z, _, ier, _ = fsolve(equations, z0, full_output=True, xtol=1e-13)
                if ier != 1:
                    continue
            else:
                z = z0
            xs = unpack(z)
            if min(x.min() for x in xs) < -1e-12:
                continue
            xs = [np.clip(x, 0, None) / np.clip(x, 0, None).sum() for x in xs]
            if max_regret(game, xs) <= 1e-8 and not any(_same(xs, y, 1e-6) for y in found):
                found.append(xs)
    return found


# --------------------------------------------------------------------- games
# McKelvey and McLennan's (1997) 2x2x2 example with nine Nash equilibria, two of them
# totally mixed (the most a regular 2x2x2 game can have); payoffs as distributed with
# Gambit (contrib/games/2x2x2.nfg; outcomes listed with player 1's action fastest).
MCKELVEY_MCLENNAN_2X2X2 = """NFG 1 R "2x2x2, McKelvey and McLennan" { "1" "2" "3" }
{ { "1" "2" } { "1" "2" } { "1" "2" } } ""
{ { "" 9, 8, 12 } { "" 0, 0, 0 } { "" 0, 0, 0 } { "" 9, 8, 2 }
  { "" 0, 0, 0 } { "" 3, 4, 6 } { "" 3, 4, 6 } { "" 0, 0, 0 } }
1 2 3 4 5 6 7 8
"""


def _product_game(forms, num_actions):
    """A game in which action 0 of every player pays 0 and action ``l >= 1`` of player
    ``i`` pays ``prod_{j != i} forms[i, l-1, j][a_j]``: player i's indifference between
    ``l`` and 0 is then a product of linear forms, one in each other player's strategy
    (McKelvey and McLennan's 1997 device for attaining their bound: every solution of
    the product-form start system of a multihomogeneous homotopy is a solution here)."""
    n = len(num_actions)
    P = np.zeros((n,) + tuple(num_actions), dtype=np.int64)
    for a in itertools.product(*(range(m) for m in num_actions)):
        for i in range(n):
            if a[i] > 0:
                v = 1
                for j in range(n):
                    if j != i:
                        v *= forms[i, a[i] - 1, j][a[j]]
                P[(i,) + a] = v
    return NormalFormGame(P.tolist())


def _product_game_roots(forms, num_actions):
    """The totally mixed solutions of a product game, exactly: each equation ``(i, l)``
    vanishes through the factor of one block ``j != i``, every block ``j`` receiving
    ``m_j - 1`` of them, and block ``j``'s strategy is the common zero of its factors
    (the kernel of a ``(m_j - 1) x m_j`` integer matrix, solved in rationals)."""
    n = len(num_actions)
    eqs = [(i, l) for i in range(n) for l in range(num_actions[i] - 1)]
    roots = []
    for choice in itertools.product(*[[j for j in range(n) if j != i] for i, _ in eqs]):
        if any(choice.count(j) != num_actions[j] - 1 for j in range(n)):
            continue
        profile = []
        for j in range(n):
            rows = [[Fraction(v) for v in forms[i, l, j]]
                    for (i, l), c in zip(eqs, choice) if c == j]
            rows.append([Fraction(1)] * num_actions[j])  # probabilities sum to one
            rhs = [Fraction(0)] * (len(rows) - 1) + [Fraction(1)]
            profile.append(_solve_rational(rows, rhs))
        roots.append(profile)
    return roots


def _solve_rational(M, b):
    k = len(M)
    M = [row[:] + [v] for row, v in zip(M, b)]
    for c in range(k):
        p = next(r for r in range(c, k) if M[r][c] != 0)
        M[c], M[p] = M[p], M[c]
        for r in range(k):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[r][k] / M[r][r] for r in range(k)]


# four lines per player's simplex, all six pairwise intersections interior (found by a
# seeded search); forms[i, l, j] is the factor in player j's strategy of player i's
# (l+1)-th indifference equation
FORMS_3X3X3 = {
    (0, 0, 1): (1, 5, -6), (0, 0, 2): (-5, 6, -2), (0, 1, 1): (3, -3, -1),
    (0, 1, 2): (-4, 3, 1), (1, 0, 0): (1, -6, 4), (1, 0, 2): (-4, 5, -2),
    (1, 1, 0): (3, -1, -2), (1, 1, 2): (6, -2, -5), (2, 0, 0): (-2, 2, 1),
    (2, 0, 1): (-3, 4, -2), (2, 1, 0): (1, 3, -3), (2, 1, 1): (-3, 2, 2)}


def _forms_2x2x2x2():
    """Factor ``(1 - t) x_j0 - t x_j1`` (zero at ``P(action 0) = t``) with a different
    ``t = t_ij`` in (0, 1) for every ordered pair of players."""
    ts = {}
    k = 0
    for i in range(4):
        for j in range(4):
            if i != j:
                k += 1
                ts[i, j] = Fraction(k, 13)
    forms = {}
    for (i, j), t in ts.items():
        forms[i, 0, j] = (t.denominator - t.numerator, -t.numerator)
    return forms


# --------------------------------------------------------------------- literature
def test_mckelvey_mclennan_2x2x2_nine_equilibria():
    g = parse_nfg(MCKELVEY_MCLENNAN_2X2X2)
    res = nplayer_support_enumeration(g)
    assert len(res) == 9 and len(_totally_mixed(res)) == 2
    assert res.complete and res.params["reason"] is None
    # the two totally mixed ones, in rationals, exactly
    for tm in ([[Fraction(1, 2)] * 2, [Fraction(2, 5), Fraction(3, 5)],
                [Fraction(1, 4), Fraction(3, 4)]],
               [[Fraction(2, 5), Fraction(3, 5)], [Fraction(1, 2)] * 2,
                [Fraction(1, 3), Fraction(2, 3)]]):
        assert _exact_regret(g, tm) == 0
        assert any(_same(e.strategies, _as_float(tm), 1e-12) for e in res)
    for e in res:
        assert e.max_regret == pytest.approx(max_regret(g, e.strategies), abs=1e-15)
        assert e.max_regret <= 1e-12


def test_jordan_matching_pennies_unique_and_proven():
    # Jordan (1993): the uniform profile is the unique equilibrium
    res = nplayer_support_enumeration(catalog.get("three-player-matching-pennies"))
    assert len(res) == 1 and res.complete
    for s in res[0].strategies:
        np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-14)


def test_3x3x3_attains_ten_totally_mixed():
    # McKelvey and McLennan (1997): a regular 3x3x3 game has at most 10 totally mixed
    # equilibria, and some game attains it; this product game does
    num_actions = (3, 3, 3)
    g = _product_game(FORMS_3X3X3, num_actions)
    roots = _product_game_roots(FORMS_3X3X3, num_actions)
    assert len(roots) == 10 == game_bezout_number((2, 2, 2))
    for r in roots:
        assert all(v > 0 for s in r for v in s)
        assert _exact_regret(g, r) == 0
    res = nplayer_support_enumeration(g)
    assert res.complete
    tm = _totally_mixed(res)
    assert len(tm) == 10
    for r in roots:
        assert any(_same(e.strategies, _as_float(r), 1e-10) for e in tm)
    assert res.max_regret <= 1e-9 * 300


def test_2x2x2x2_attains_nine_totally_mixed():
    # four players with two actions: at most 9 totally mixed equilibria (the number of
    # derangements of four players, McKelvey and McLennan 1997)
    forms = _forms_2x2x2x2()
    num_actions = (2, 2, 2, 2)
    g = _product_game(forms, num_actions)
    roots = _product_game_roots(forms, num_actions)
    assert len(roots) == 9 == game_bezout_number((1, 1, 1, 1))
    for r in roots:
        assert _exact_regret(g, r) == 0
    res = nplayer_support_enumeration(g)
    tm = _totally_mixed(res)
    assert len(tm) == 9 and res.complete
    for r in roots:
        assert any(_same(e.strategies, _as_float(r), 1e-10) for e in tm)


# --------------------------------------------------------------------- Bezout numbers
def _bezout_by_expansion(d):
    """Coefficient of prod z_j^{d_j} in prod_i (sum_{j != i} z_j)^{d_i}, by expanding the
    product as a dict of monomials."""
    n = len(d)
    poly = {(0,) * n: 1}
    for i in range(n):
        for _ in range(d[i]):
            new = {}
            for mono, c in poly.items():
                for j in range(n):
                    if j != i:
                        m2 = list(mono)
                        m2[j] += 1
                        m2 = tuple(m2)
                        new[m2] = new.get(m2, 0) + c
            poly = new
    return poly.get(tuple(d), 0)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_bezout_numbers_match_expansion(n):
    for d in itertools.product(range(4), repeat=n):
        if sum(d) <= 8:
            assert game_bezout_number(d) == _bezout_by_expansion(d), d


def test_bezout_numbers_published():
    # McKelvey and McLennan (1997): 2 for 2x2x2, 10 for 3x3x3, 9 for 2x2x2x2, 44 for five
    # players with two actions (derangements), 1 for any square two-player support
    assert game_bezout_number((1, 1, 1)) == 2
    assert game_bezout_number((2, 2, 2)) == 10
    assert game_bezout_number((1, 1, 1, 1)) == 9
    assert game_bezout_number((1,) * 5) == 44
    assert game_bezout_number((3, 3)) == 1 and game_bezout_number((3, 2)) == 0
    # rows involving every block: multinomial coefficients
    assert bezout_number((-1,) * 5, (2, 3)) == 10


# --------------------------------------------------------------------- random games
@pytest.mark.parametrize("shape,seeds", [((2, 2, 2), range(8)), ((3, 2, 2), range(6))])
def test_random_games_agree_with_brute_force(shape, seeds):
    for seed in seeds:
        g = gen.uniform_game(shape, rng=seed)
        res = nplayer_support_enumeration(g)
        assert res.complete, (shape, seed, res.params["reason"])
        reference = _brute_force(g, seed=seed)
        assert len(res) == len(reference), (shape, seed)
        for e in res:
            assert e.max_regret == pytest.approx(max_regret(g, e.strategies), abs=1e-15)
            assert any(_same(e.strategies, r, 1e-6) for r in reference)


@pytest.mark.slow
@pytest.mark.parametrize("shape,seeds", [((3, 3, 3), range(3)), ((2, 2, 2, 2), range(3))])
def test_random_games_agree_with_brute_force_larger(shape, seeds):
    for seed in seeds:
        g = gen.normal_game(shape, rng=seed)
        res = nplayer_support_enumeration(g)
        assert res.complete
        reference = _brute_force(g, starts=15, seed=seed)
        assert len(res) == len(reference), (shape, seed)
        assert all(any(_same(e.strategies, r, 1e-6) for r in reference) for e in res)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 3, 2), (2, 2, 2, 2)]),
       seed=st.integers(0, 2**31 - 1))
def test_random_generic_games_complete_and_rng_independent(shape, seed):
    g = gen.normal_game(shape, rng=seed)
    a = nplayer_support_enumeration(g, rng=0)
    b = nplayer_support_enumeration(g, rng=12345)
    assert a.complete and b.complete  # continuous payoffs: generic with probability one
    assert len(a) == len(b) >= 1
    assert all(any(_same(e.strategies, f.strategies, 1e-9) for f in b) for e in a)
    assert a.max_regret <= 1e-9 * max(1.0, float(np.abs(g.payoff_array).max()))
    # Newton from a few starts finds a subset and claims completeness only when
    # dominance leaves a single profile
    c = nplayer_support_enumeration(g, poly_method="newton")
    assert not c.complete or len(c) == len(a) == 1
    assert all(any(_same(e.strategies, f.strategies, 1e-7) for f in a) for e in c)


# --------------------------------------------------------------------- degenerate games
def test_minority_game_degenerate_reported():
    # Challet and Zhang (1997): six segments of equilibria (two players split, the third
    # mixes freely); a segment cannot be listed as points
    res = nplayer_support_enumeration(catalog.get("minority-game"))
    assert not res.complete and res.converged
    assert "degenerate" in res.params["reason"] and res.params["degenerate_supports"] >= 6
    assert len(res) == 13 and sum(e.is_pure for e in res) == 6


def test_continuum_with_two_totally_mixed_reported():
    # the 2x2x2 game of test_nplayer._two_mixed_game: H pays d_i over T, with
    # E d_1 = q - r, E d_2 = 6 p r - 1, 6 E d_3 = 6 p + 6 q - 5; two totally mixed
    # equilibria (1/2, 1/3, 1/3) and (1/3, 1/2, 1/2), and a segment (p, H, H) for
    # p >= 1/6, where player 1 is indifferent
    d1 = [[0, 1], [-1, 0]]
    d2 = [[5, -1], [-1, -1]]
    d3 = [[7, 1], [1, -5]]
    P = np.zeros((3, 2, 2, 2), dtype=np.int64)
    for x1, x2, x3 in itertools.product(range(2), repeat=3):
        P[0, x1, x2, x3] = d1[x2][x3] if x1 == 0 else 0
        P[1, x1, x2, x3] = d2[x1][x3] if x2 == 0 else 0
        P[2, x1, x2, x3] = d3[x1][x2] if x3 == 0 else 0
    g = NormalFormGame(P.tolist())
    seg = [[Fraction(1, 6), Fraction(5, 6)], [1, 0], [1, 0]]
    assert _exact_regret(g, seg) == 0
    res = nplayer_support_enumeration(g)
    assert not res.complete and "degenerate" in res.params["reason"]
    tm = _totally_mixed(res)
    assert len(tm) == 2
    for p, q in [(0.5, 1 / 3), (1 / 3, 0.5)]:
        target = [np.array([p, 1 - p]), np.array([q, 1 - q]), np.array([q, 1 - q])]
        assert any(_same(e.strategies, target, 1e-10) for e in tm)


def test_overdetermined_support_with_common_root_is_flagged():
    # player 0 has three actions, player 1 two, player 2 one: player 0's two
    # indifference equations are in player 1's single unknown (Bezout number 0).
    # Generic payoffs: no solution, proven.  Payoffs whose two equations share the root
    # q = 1/3: flagged as degenerate.
    rng = np.random.default_rng(0)
    P = rng.normal(size=(3, 3, 2, 1))
    shape = np.array([3, 2, 1])
    offs = np.array([0, 3, 5, 6])
    supp = np.ones(6, dtype=bool)

    def solve():
        flat = np.ascontiguousarray(P.reshape(3, -1))
        return homotopy_support(flat, shape, offs, supp, np.random.default_rng(1), 1e-12)

    cands, why, _ = solve()
    assert cands == [] and why is None
    # u_0(k) - u_0(0) = c_k * (2 * x_10 - x_11), zero at x_1 = (1/3, 2/3)
    P[0, :, 0, 0] = [0.0, 2.0, -4.0]
    P[0, :, 1, 0] = [0.0, -1.0, 2.0]
    cands, why, _ = solve()
    assert cands == [] and why is not None and "common solution" in why


# --------------------------------------------------------------------- options
def test_path_budget_falls_back_to_newton():
    g = gen.uniform_game((3, 3, 3), rng=5)
    full = nplayer_support_enumeration(g)
    res = nplayer_support_enumeration(g, max_paths=5)
    assert full.complete and not res.complete and res.converged
    assert res.params["paths"] <= 5 and "max_paths" in res.params["reason"]
    assert res.num_iter == full.num_iter  # every profile examined, by Newton beyond 5
    for e in res:
        assert e.max_regret <= 1e-9
        assert any(_same(e.strategies, f.strategies, 1e-7) for f in full)


def test_profile_cap_marks_unconverged():
    res = nplayer_support_enumeration(gen.uniform_game((3, 3, 3), rng=5), max_profiles=3)
    assert res.num_iter == 3 and not res.complete and not res.converged
    assert "max_profiles" in res.params["reason"]


def test_options_are_registered_and_checked():
    opts = SOLVERS["nplayer_support_enumeration"].options()
    assert {"poly_method", "max_paths", "max_profiles", "starts", "rng"} <= set(opts)
    g = catalog.get("three-player-matching-pennies")
    # the option passes through the registry (its name does not clash with ``method``)
    res = nash_equilibria(g, method="nplayer_support_enumeration", poly_method="newton")
    assert res.params["poly_method"] == "newton" and not res.complete
    with pytest.raises(InvalidOptionError):
        nplayer_support_enumeration(g, poly_method="groebner")
    with pytest.raises(InvalidOptionError):
        nplayer_support_enumeration(g, max_paths=0)


def test_two_players_unchanged_by_method():
    g = gen.normal_game((4, 4), rng=3)
    a = nplayer_support_enumeration(g, poly_method="homotopy")
    b = nplayer_support_enumeration(g, poly_method="newton")
    assert a.complete and b.complete and len(a) == len(b)
