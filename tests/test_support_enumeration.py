"""All Nash equilibria of two-player games by support enumeration
(gametheory.solvers._support_enumeration): literature games worked out by hand, an
independent exact brute force over tight-constraint sets, QuantEcon and nashpy
cross-checks, degenerate games with continua, certificates on every output."""

from __future__ import annotations

import itertools
import json
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import NormalFormGame, UnsupportedGameError
from gametheory.concepts import max_regret
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers._support_enumeration import support_enumeration

F = Fraction


# ---------------------------------------------------------------------------- references
def _solve_exact(M, b):
    """Gauss-Jordan in Fractions; None when singular."""
    n = len(M)
    T = [[F(x) for x in row] + [F(v)] for row, v in zip(M, b)]
    for c in range(n):
        p = next((i for i in range(c, n) if T[i][c] != 0), None)
        if p is None:
            return None
        T[c], T[p] = T[p], T[c]
        for i in range(n):
            if i != c and T[i][c] != 0:
                f = T[i][c] / T[c][c]
                T[i] = [a - f * e for a, e in zip(T[i], T[c])]
    return [T[i][n] / T[i][i] for i in range(n)]


def _brute_vertices(C):
    """Vertices of ``{(z, u): z >= 0, sum z = 1, C z <= u}`` straight from the definition:
    every choice of ``c`` tight inequalities (``z_j = 0`` or ``C_i z = u``) with a
    nonsingular system and a feasible solution.  Independent of supports and pruning."""
    r, c = len(C), len(C[0])
    constraints = [("z", j) for j in range(c)] + [("row", i) for i in range(r)]
    out = set()
    for chosen in itertools.combinations(constraints, c):
        M, b = [[1] * c + [0]], [1]
        for kind, idx in chosen:
            M.append([int(j == idx) for j in range(c)] + [0] if kind == "z"
                     else list(C[idx]) + [-1])
            b.append(0)
        sol = _solve_exact(M, b)
        if sol is None or any(v < 0 for v in sol[:c]):
            continue
        z, u = sol[:c], sol[c]
        vals = [sum(C[i][j] * z[j] for j in range(c)) for i in range(r)]
        if all(v <= u for v in vals):
            out.add((tuple(z), frozenset(i for i in range(r) if vals[i] == u)))
    return out


def _fraction(x):
    if isinstance(x, np.integer):
        return F(int(x))
    if isinstance(x, np.floating):
        return F(float(x))
    return F(x)


def brute_extreme_equilibria(A, B):
    """Every extreme equilibrium of the bimatrix game (A, B), exactly: the pairs of
    vertices of the two best-response polyhedra with each support inside the other's
    best responses (Mangasarian 1964)."""
    A = [[_fraction(x) for x in row] for row in A]
    B = [[_fraction(x) for x in row] for row in B]
    Q = _brute_vertices(A)                       # y, rows tight
    P = _brute_vertices([list(c) for c in zip(*B)])  # x, columns tight
    eqs = set()
    for x, tx in P:
        for y, ty in Q:
            if ({i for i, v in enumerate(x) if v} <= ty
                    and {j for j, v in enumerate(y) if v} <= tx):
                eqs.add((x, y))
    return eqs


def exhaustive_nondegenerate_count(A, B):
    """Number of equilibria of a nondegenerate game by the textbook test on every pair of
    equal-size supports, decided in exact arithmetic: numpy solves every system (batched
    by size) only to screen, loosely (1e-6) -- any pair that passes the screen or is
    ill-conditioned is re-solved and checked with Fractions, so no equilibrium can be lost
    to a float comparison (nashpy's failure mode)."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    m, n = A.shape
    Ae = [[F(float(x)) for x in row] for row in A]
    Be = [[F(float(x)) for x in row] for row in B]
    count = 0
    for k in range(1, min(m, n) + 1):
        pairs = [(I, J) for I in itertools.combinations(range(m), k)
                 for J in itertools.combinations(range(n), k)]
        MY = np.zeros((len(pairs), k + 1, k + 1))
        MX = np.zeros((len(pairs), k + 1, k + 1))
        for t, (I, J) in enumerate(pairs):
            MY[t, :k, :k] = A[np.ix_(I, J)]
            MY[t, :k, k] = -1
            MY[t, k, :k] = 1
            MX[t, :k, :k] = B[np.ix_(I, J)].T
            MX[t, :k, k] = -1
            MX[t, k, :k] = 1
        rhs = np.zeros((len(pairs), k + 1, 1))
        rhs[:, k] = 1
        cond = np.maximum(np.linalg.cond(MY), np.linalg.cond(MX))
        with np.errstate(all="ignore"):
            ys = np.linalg.solve(MY, rhs)[..., 0]
            xs = np.linalg.solve(MX, rhs)[..., 0]
        for t, (I, J) in enumerate(pairs):
            if cond[t] < 1e8:
                y = np.zeros(n)
                y[list(J)] = ys[t, :k]
                x = np.zeros(m)
                x[list(I)] = xs[t, :k]
                if (y < -1e-6).any() or (x < -1e-6).any():
                    continue
                if (A @ y).max() > ys[t, k] + 1e-6 or (x @ B).max() > xs[t, k] + 1e-6:
                    continue
            # exact decision
            sy = _solve_exact([[Ae[i][j] for j in J] + [-1] for i in I] + [[1] * k + [0]],
                              [0] * k + [1])
            sx = _solve_exact([[Be[i][j] for i in I] + [-1] for j in J] + [[1] * k + [0]],
                              [0] * k + [1])
            if sy is None or sx is None:
                continue
            if min(sy[:k]) <= 0 or min(sx[:k]) <= 0:
                continue
            yv = dict(zip(J, sy[:k]))
            xv = dict(zip(I, sx[:k]))
            if all(sum(Ae[i][j] * v for j, v in yv.items()) < sy[k]
                   for i in range(m) if i not in I) and \
               all(sum(Be[i][j] * v for i, v in xv.items()) < sx[k]
                   for j in range(n) if j not in J):
                count += 1
    return count


def quantecon_equilibria(game):
    """QuantEcon's support enumeration (nondegenerate games only).  QuantEcon indexes a
    player's payoffs by the player's own action first, so the column player gets B^T."""
    from quantecon.game_theory import NormalFormGame as QGame, Player, support_enumeration
    A, B = (np.asarray(p) for p in game.payoffs)
    return support_enumeration(QGame((Player(A), Player(B.T))))


def nashpy_equilibria(game):
    import nashpy
    A, B = (np.asarray(p) for p in game.payoffs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(A, B).support_enumeration())


def _as_exact_set(res):
    return {e.exact for e in res}


def _match(ours, theirs, atol=1e-7):
    """True when the two lists of (x, y) hold the same profiles up to ``atol``."""
    ours = [np.concatenate(p) for p in ours]
    theirs = [np.concatenate([np.asarray(s, dtype=float) for s in p]) for p in theirs]
    if len(ours) != len(theirs):
        return False
    used = set()
    for a in ours:
        hit = [t for t, b in enumerate(theirs) if t not in used and np.abs(a - b).max() <= atol]
        if not hit:
            return False
        used.add(hit[0])
    return True


def _contains(ours, theirs, atol=1e-7):
    ours = [np.concatenate(p) for p in ours]
    return all(any(np.abs(a - np.concatenate([np.asarray(s, float) for s in p])).max() <= atol
                   for a in ours) for p in theirs)


def _check_certificates(game, res, tol=1e-9):
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    for e in res:
        # recomputed here from gametheory.concepts, not read from the result
        assert max_regret(game, e.strategies) <= tol * scale
        assert e.max_regret <= tol * scale
        for s in e.strategies:
            assert (s >= 0).all() and abs(s.sum() - 1) <= 1e-12
    assert res.max_regret == max((e.max_regret for e in res), default=0.0)


# ---------------------------------------------------------------------------- literature
def test_battle_of_the_sexes_exact():
    # Luce and Raiffa 1957: (O, O), (F, F) and the mixed equilibrium in which the row
    # player plays Opera with 2/3 (making the column player indifferent: 1 p = 2 (1 - p))
    # and the column player Opera with 1/3 (2 q = 1 - q).
    g = catalog.get("battle-of-the-sexes")
    res = support_enumeration(g, exact=True)
    assert [e.exact for e in res] == [
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    ]
    mixed = res[2]
    assert mixed.exact[0][0] == Fraction(2, 3)  # shown as Fraction(2, 3), not 0.666...
    for e in res:
        for s, ex in zip(e.strategies, e.exact):
            np.testing.assert_array_equal(s, [float(v) for v in ex])
    np.testing.assert_allclose(mixed.payoffs, [2 / 3, 2 / 3])
    assert res.complete and res.scope == "all" and res.params["degenerate"] is False
    assert res.method == "support_enumeration" and res.num_iter > 0 and res.elapsed >= 0
    _check_certificates(g, res)
    # the float path finds the same three
    resf = support_enumeration(g)
    assert _match([e.strategies for e in resf], [e.exact for e in res], atol=1e-12)


@pytest.mark.parametrize("name,expected", [
    # von Neumann and Morgenstern 1944: unique equilibrium, both mix 1/2-1/2
    pytest.param("matching-pennies", [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))],
                 id="matching-pennies"),
    # unique equilibrium, uniform
    pytest.param("rock-paper-scissors", [((F(1, 3),) * 3, (F(1, 3),) * 3)], id="rps"),
    # Shapley 1964: unique equilibrium, uniform
    pytest.param("shapley", [((F(1, 3),) * 3, (F(1, 3),) * 3)], id="shapley"),
    # Prisoner's dilemma: (D, D) only (C is strictly dominated)
    pytest.param("prisoners-dilemma", [((F(0), F(1)), (F(0), F(1)))], id="prisoners-dilemma"),
])
def test_unique_equilibrium_games(name, expected):
    g = catalog.get(name)
    for exact in (True, False):
        res = support_enumeration(g, exact=exact)
        assert _match([e.strategies for e in res], expected, atol=1e-12)
        assert res.complete and res.params["degenerate"] is False
        _check_certificates(g, res)
    assert [e.exact for e in support_enumeration(g, exact=True)] == expected


# von Stengel (2007), "Equilibrium computation for two-player games in strategic and
# extensive form", Algorithmic Game Theory ch. 3: the 3x2 example.
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]


def test_von_stengel_3x2_by_hand_and_brute_force():
    # By hand: (row 1, col 1) is pure (3 >= 2, 0 and 3 >= 2).  Rows {1, 2} with y = (q,
    # 1 - q): 3 = 5 - 3q gives q = 2/3, and x = (p, 1 - p, 0): 2 + p = 6 - 4p gives p =
    # 4/5; row 3 earns 2 < 3.  Rows {2, 3}: 5 - 3q = 6 - 6q gives q = 1/3, row 1 earns 3 <
    # 4; x = (0, p, 1 - p): 3 - p = 1 + 5p gives p = 1/3.  Rows {1, 3}: q = 1/2 but row 2
    # then earns 3.5 > 3.
    by_hand = {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert brute_extreme_equilibria(VS_A, VS_B) == by_hand
    g = NormalFormGame.from_arrays(VS_A, VS_B)
    res = support_enumeration(g, exact=True)
    assert _as_exact_set(res) == by_hand and len(res) == 3
    assert res.complete and res.params["degenerate"] is False
    resf = support_enumeration(g)
    assert _match([e.strategies for e in resf], list(by_hand))
    _check_certificates(g, resf)


# ---------------------------------------------------------------------------- degenerate
def test_degenerate_continuum_dominant_row():
    # A = [[1, 1], [0, 0]]: row 1 strictly dominates row 2, so x = (1, 0) in every
    # equilibrium; the column player's payoffs against row 1 tie (B[0] = [1, 1]), so every
    # y is a best response: the equilibria are the whole segment {(1, 0)} x Delta_2, with
    # the two extreme points y = (1, 0) and y = (0, 1).
    g = NormalFormGame.from_arrays([[1, 1], [0, 0]], [[1, 1], [0, 2]])
    for exact in (True, False):
        res = support_enumeration(g, exact=exact)
        assert _match([e.strategies for e in res],
                      [((1, 0), (1, 0)), ((1, 0), (0, 1))])
        assert res.params["degenerate"] is True
        assert res.complete is True and res.params["extreme_only"] is True
        assert res.params["nash_subsets"] == ((0, 1),)
        _check_certificates(g, res)
    # every point of the segment is an equilibrium, by the certificate
    for q in np.linspace(0, 1, 7):
        assert max_regret(g, [[1, 0], [q, 1 - q]]) == 0.0


def test_degenerate_segment_and_isolated_point():
    # A = [[1, 0], [0, 1]], B = [[1, 1], [0, 2]]: against row 1 the column player is
    # indifferent, and row 1 stays a best response to y = (q, 1 - q) iff q >= 1/2: a
    # segment from ((1, 0), (1, 0)) to ((1, 0), (1/2, 1/2)).  Against row 2 column 2 is
    # strictly best, and ((0, 1), (0, 1)) is an isolated equilibrium.  A mixed x = (p,
    # 1 - p) with 0 < p < 1 gives column 2 the payoff 2 - p > p, so nothing else.
    g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 1], [0, 2]])
    expected = {((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1))),
                ((F(1), F(0)), (F(1, 2), F(1, 2)))}
    assert brute_extreme_equilibria(*[np.asarray(p, dtype=int) for p in g.payoffs]) \
        == expected
    res = support_enumeration(g, exact=True)
    assert _as_exact_set(res) == expected
    assert res.complete is True and res.params["extreme_only"] is True and res.params["degenerate"] is True
    segment = next(s for s in res.params["nash_subsets"] if len(s) == 2)
    ends = {res[t].exact for t in segment}
    assert ends == {((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(1, 2), F(1, 2)))}
    assert sorted(len(s) for s in res.params["nash_subsets"]) == [1, 2]
    assert max_regret(g, [[1, 0], [0.75, 0.25]]) == 0.0      # inside the segment
    assert max_regret(g, [[1, 0], [0.25, 0.75]]) > 0.0       # beyond its end
    resf = support_enumeration(g)
    assert _match([e.strategies for e in resf], list(expected))
    assert resf.params["nash_subsets"] == res.params["nash_subsets"]


def test_degenerate_but_finite_is_complete():
    # B ties in row 1 (the column player is indifferent against row 1), but row 1 is never
    # part of an equilibrium: A makes row 2 strictly dominant.  The degeneracy sits in a
    # dominated row, which is removed before the search (then column 1 is dominated too),
    # so the game searched is nondegenerate and the unique equilibrium ((0, 1), (0, 1))
    # is all there is.
    g = NormalFormGame.from_arrays([[0, 0], [1, 1]], [[1, 1], [0, 1]])
    res = support_enumeration(g, exact=True)
    assert _as_exact_set(res) == {((F(0), F(1)), (F(0), F(1)))}
    assert res.complete is True and res.params["extreme_only"] is False
    assert res.params["reduced_shape"] == (1, 1) and res.params["degenerate"] is False
    # Degenerate in the game searched (only weak dominance here), yet finite:
    # A = [[2, 0], [3, 0]], B = [[0, 0], [2, 1]].  Against column 2 both rows earn 0 and
    # against row 1 both columns earn 0 (two pure strategies with two best responses).
    # Row 1 is a best response only to y = (0, 1) (2 q >= 3 q), and against row 1 column 2
    # is a best response: ((1, 0), (0, 1)).  Against any x with x_2 > 0 column 1 earns
    # 2 x_2 > x_2, so y = (1, 0) and then row 2 (3 > 2): ((0, 1), (1, 0)).  Two isolated
    # equilibria, so the list is complete although the game is degenerate.
    A, B = [[2, 0], [3, 0]], [[0, 0], [2, 1]]
    expected = {((F(1), F(0)), (F(0), F(1))), ((F(0), F(1)), (F(1), F(0)))}
    assert brute_extreme_equilibria(A, B) == expected
    g = NormalFormGame.from_arrays(A, B)
    for exact in (True, False):
        res = support_enumeration(g, exact=exact)
        assert _match([e.strategies for e in res], list(expected))
        assert res.params["degenerate"] is True and res.params["reduced_shape"] == (2, 2)
        assert res.complete is True and res.params["nash_subsets"] == ((0,), (1,))


def test_all_zero_game_every_profile():
    g = NormalFormGame.from_arrays(np.zeros((3, 2), dtype=int), np.zeros((3, 2), dtype=int))
    res = support_enumeration(g, exact=True)
    assert len(res) == 6 and all(e.is_pure for e in res)
    assert res.params["nash_subsets"] == (tuple(range(6)),)
    assert res.complete is True and res.params["extreme_only"] is True and res.params["degenerate"] is True


@pytest.mark.parametrize("kind", ["tie", "duplicate-rows", "duplicate-columns"])
def test_degenerate_generator_games_against_brute_force(kind):
    for seed in range(12):
        for shape in ((3, 3), (3, 4), (4, 3)):
            g = gen.degenerate_game(shape, rng=seed, kind=kind, low=-3, high=3)
            expected = brute_extreme_equilibria(*g.exact_payoffs)
            exact = support_enumeration(g, exact=True)
            assert _as_exact_set(exact) == expected, (kind, seed, shape)
            for nd in (None, True):
                res = support_enumeration(g, nondegenerate=nd)
                assert _match([e.strategies for e in res], list(expected)), (kind, seed, nd)
                assert res.complete == exact.complete
                _check_certificates(g, res)
            assert support_enumeration(g).params["degenerate"] == \
                exact.params["degenerate"]
            # degenerate by design, unless the tie sits in a strictly dominated action
            assert exact.params["degenerate"] or exact.params["reduced_shape"] != shape


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=st.integers(1, 4), n=st.integers(1, 4), high=st.integers(0, 3),
       seed=st.integers(0, 2**32 - 1))
def test_small_integer_games_match_brute_force(m, n, high, seed):
    # small payoff ranges make most of these games degenerate
    g = gen.integer_game((m, n), low=0, high=high, rng=seed)
    expected = brute_extreme_equilibria(*g.exact_payoffs)
    exact = support_enumeration(g, exact=True)
    assert _as_exact_set(exact) == expected
    res = support_enumeration(g)
    assert _match([e.strategies for e in res], list(expected))
    assert res.params["degenerate"] == exact.params["degenerate"]
    assert res.complete == exact.complete
    _check_certificates(g, res)


# ---------------------------------------------------------------------------- cross-checks
@pytest.mark.parametrize("seed", range(6))
def test_random_8x8_counts_quantecon_and_exhaustive(seed):
    # nashpy compares floats with == and misses equilibria of such games; we must not.
    g = gen.uniform_game((8, 8), rng=seed)
    res = support_enumeration(g)
    assert res.params["degenerate"] is False and res.complete
    qe = quantecon_equilibria(g)
    assert len(res) == len(qe) == exhaustive_nondegenerate_count(*g.payoffs)
    assert _match([e.strategies for e in res], qe)
    assert _match([e.strategies for e in support_enumeration(g, nondegenerate=True)], qe)
    _check_certificates(g, res)


def test_random_6x6_exact_agrees_with_float():
    for seed in range(3):
        g = gen.normal_game((6, 6), rng=seed)
        ex = support_enumeration(g, exact=True)
        fl = support_enumeration(g)
        assert _match([e.strategies for e in fl], [e.exact for e in ex], atol=1e-10)
        assert ex.params["degenerate"] is False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=st.integers(1, 5), n=st.integers(1, 5), seed=st.integers(0, 2**32 - 1),
       integer=st.booleans())
def test_random_nondegenerate_games_match_quantecon_and_nashpy(m, n, seed, integer):
    g = (gen.integer_game((m, n), low=-50, high=50, rng=seed) if integer
         else gen.uniform_game((m, n), rng=seed))
    res = support_enumeration(g)
    _check_certificates(g, res)
    if res.params["degenerate"]:
        return  # QuantEcon and nashpy assume nondegenerate games
    assert res.complete
    assert _match([e.strategies for e in res], quantecon_equilibria(g))
    # nashpy may miss equilibria (float ==) but must not find any we lack
    assert _contains([e.strategies for e in res], nashpy_equilibria(g))


def test_scale_and_shift_invariance():
    g = gen.uniform_game((7, 7), rng=11)
    base = support_enumeration(g)
    for a, b in ((1e6, 0.0), (1e-6, 0.0), (1.0, 1e4), (1e3, -5e5)):
        h = NormalFormGame(g.payoff_array * a + b)
        res = support_enumeration(h)
        assert res.params["degenerate"] is False
        assert _match([e.strategies for e in res], [e.strategies for e in base], atol=1e-6)
        _check_certificates(h, res)


def test_exact_mode_on_float_game_uses_binary_values():
    g = NormalFormGame.from_arrays([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    res = support_enumeration(g, exact=True)
    mixed = next(e for e in res if not e.is_pure)
    # row player mixes to make the column player indifferent: 0.2 p = 0.1 (1 - p)
    p = F(0.1) / (F(0.2) + F(0.1))
    assert mixed.exact[0] == (p, 1 - p)
    assert mixed.strategies[0][0] == float(p)


def test_dominated_actions_are_pruned_but_kept_in_output():
    # the middle row is strictly dominated by the first: removed before enumerating, and
    # reported back as probability 0
    g = NormalFormGame.from_arrays([[3, 3], [1, 1], [0, 4]], [[1, 2], [5, 5], [2, 1]])
    res = support_enumeration(g, exact=True)
    assert res.params["reduced_shape"] == (2, 2)
    assert all(e.exact[0][1] == 0 and len(e.exact[0]) == 3 for e in res)
    assert _as_exact_set(res) == brute_extreme_equilibria([[3, 3], [1, 1], [0, 4]],
                                                          [[1, 2], [5, 5], [2, 1]])


def test_result_serialises():
    res = support_enumeration(catalog.get("battle-of-the-sexes"), exact=True)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["complete"] is True and len(d["equilibria"]) == 3
    assert d["equilibria"][2]["exact_strategies"] == [["2/3", "1/3"], ["1/3", "2/3"]]


# ---------------------------------------------------------------------------- bad input
def test_three_players_rejected():
    with pytest.raises(UnsupportedGameError, match="2-player"):
        support_enumeration(catalog.get("three-player-matching-pennies"))


def test_not_a_game_rejected():
    with pytest.raises(UnsupportedGameError):
        support_enumeration([[1, 0], [0, 1]])


@pytest.mark.parametrize("tol", [0, -1e-9, float("nan"), float("inf"), "x"])
def test_bad_tolerance(tol):
    with pytest.raises(ValueError):
        support_enumeration(catalog.get("matching-pennies"), tol=tol)


def test_bad_nondegenerate_option():
    with pytest.raises(ValueError):
        support_enumeration(catalog.get("matching-pennies"), nondegenerate="yes")


def test_one_action_players():
    g = NormalFormGame.from_arrays([[1, 5, 2]], [[0, 3, 3]])
    res = support_enumeration(g, exact=True)
    # the row player has one action; the column player ties columns 2 and 3
    assert _as_exact_set(res) == {((F(1),), (F(0), F(1), F(0))),
                                  ((F(1),), (F(0), F(0), F(1)))}
    assert res.complete and res.params["extreme_only"] and res.params["nash_subsets"] == ((0, 1),)


# ---------------------------------------------------------------------------- fast paths
def test_many_equilibria_sorted_the_same_by_both_orderings(monkeypatch):
    """Up to 64 candidates are ordered by a compiled insertion sort, above by lexsort:
    both give the same list.  The 7x7 coordination game has 2^7 - 1 = 127 equilibria
    (uniform play on every nonempty common support)."""
    import gametheory.solvers._support_enumeration as se
    g = NormalFormGame.from_arrays(np.eye(7), np.eye(7))
    big = support_enumeration(g)
    assert len(big) == 127 and big.complete
    monkeypatch.setattr(se, "_INSERTION_SORT_MAX", 1000)
    small = support_enumeration(g)
    assert [tuple(map(tuple, e.strategies)) for e in big] == \
        [tuple(map(tuple, e.strategies)) for e in small]
    assert big.params["nash_subsets"] == small.params["nash_subsets"]
    sizes = [sum(len(s) for s in e.support()) for e in big]
    assert sizes == sorted(sizes) and sizes[0] == 2 and sizes[-1] == 14
    assert max(max_regret(g, e.strategies) for e in big) <= 1e-12


@pytest.mark.parametrize("seed", range(4))
def test_hash_pairing_equals_scan_on_nondegenerate_games(seed):
    """In a nondegenerate game a vertex's partner is found by a hash look-up of its
    (support, best responses) key: the same pairs as comparing every pair of vertices."""
    import gametheory.solvers._support_enumeration as se
    g = gen.uniform_game((6, 5), rng=seed)
    scale = g._max_abs_payoff()
    rows, cols, A, BT = se._reduce_scale(g.payoffs[0], g.payoffs[1], 1e-9 * scale, scale)
    yv, _, ys, yt, dq, _ = se._run_vertices(A, 1e-9)
    xv, _, xs, xt, dp, _ = se._run_vertices(BT, 1e-9)
    assert not (dq or dp)
    fast = se._pairs_kernel(xs, xt, ys, yt, True)
    scan = se._pairs_kernel(xs, xt, ys, yt, False)
    assert len(fast) >= 1 and np.array_equal(fast, scan)


@pytest.mark.parametrize("nondegenerate", [None, True])
def test_failed_certificate_is_polished_from_the_vertex_records(monkeypatch, nondegenerate):
    """When a pair's profile fails its certificate (simulated here by spoiling what the
    compiled search returns), it is re-solved from the vertex records (recomputed when
    the search did not return them): the answer is the one of the unspoiled run."""
    import gametheory.solvers._support_enumeration as se
    g = gen.uniform_game((5, 5), rng=3)
    clean = support_enumeration(g, nondegenerate=nondegenerate)
    name, at = ("_full_search", 7) if nondegenerate is None else ("_nd_search", 4)
    real = getattr(se, name)

    def spoiled(*args):
        out = list(real(*args))
        X = out[at].copy()
        X[:, :] = 0.5 * X + 0.5 / X.shape[1]  # off the vertices: a positive regret
        out[at] = X
        return tuple(out)

    monkeypatch.setattr(se, name, spoiled)
    res = support_enumeration(g, nondegenerate=nondegenerate)
    assert len(res) == len(clean) and res.params["rejected"] == 0
    for a, b in zip(res, clean):
        for s, t in zip(a.strategies, b.strategies):
            assert np.allclose(s, t, atol=1e-12, rtol=0)
        assert a.max_regret <= 1e-12
