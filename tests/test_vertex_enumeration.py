"""Vertex enumeration (gametheory.solvers vertex_enumeration): every extreme equilibrium
of two-player games, degenerate ones included, and the maximal convex sets of equilibria.

References used: literature games with known equilibria, a brute-force exact vertex
enumeration written here (every choice of ``d`` tight inequalities, solved in Fractions),
nashpy's vertex enumeration on nondegenerate games, and the Nash certificate
``gametheory.concepts.max_regret`` on every output.
"""

from __future__ import annotations

import itertools
import json
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import (InvalidOptionError, InvalidProfileError, NormalFormGame,
                        UnsupportedGameError)
from gametheory.concepts import max_regret
from gametheory.games import catalog
from gametheory.games import generators as gen
from gametheory.solvers._vertex_enumeration import (Clique, VertexEnumerationResult,
                                                    maximal_cliques, vertex_enumeration)

TOL = 1e-9
F = Fraction


# ----------------------------------------------------------------------------- references
def _solve(M, rhs):
    """Exact solution of the square system ``M z = rhs`` (Fractions), None if singular."""
    k = len(M)
    aug = [list(row) + [b] for row, b in zip(M, rhs)]
    for c in range(k):
        p = next((i for i in range(c, k) if aug[i][c] != 0), None)
        if p is None:
            return None
        aug[c], aug[p] = aug[p], aug[c]
        piv = aug[c][c]
        aug[c] = [x / piv for x in aug[c]]
        for i in range(k):
            if i != c and aug[i][c] != 0:
                f = aug[i][c]
                aug[i] = [x - f * y for x, y in zip(aug[i], aug[c])]
    return [aug[i][k] for i in range(k)]


def _brute_vertices(M):
    """Vertices of ``{z >= 0 : M z <= 1}`` by solving every choice of ``d`` tight
    inequalities among the ``d + r`` (exponential; tiny polytopes only)."""
    r, d = len(M), len(M[0])
    ineq = [([F(int(j == k)) for j in range(d)], F(0)) for k in range(d)]
    ineq += [(list(M[i]), F(1)) for i in range(r)]
    out = set()
    for S in itertools.combinations(range(d + r), d):
        z = _solve([ineq[s][0] for s in S], [ineq[s][1] for s in S])
        if z is None or any(v < 0 for v in z):
            continue
        if all(sum(a * b for a, b in zip(M[i], z)) <= 1 for i in range(r)):
            out.add(tuple(z))
    return out


def brute_extreme_equilibria(game):
    """Every extreme equilibrium of a small bimatrix game, exactly: normalised pairs of
    nonzero vertices of the best-response polytopes P and Q satisfying the best-response
    conditions (every played action is a best response)."""
    A, B = game.rational_payoffs()
    m, n = game.num_actions
    A = [[F(x) for x in row] for row in A]
    B = [[F(x) for x in row] for row in B]
    la, lb = min(map(min, A)), min(map(min, B))
    MP = [[B[i][j] - lb + 1 for i in range(m)] for j in range(n)]
    MQ = [[A[i][j] - la + 1 for j in range(n)] for i in range(m)]
    eqs = set()
    for x in _brute_vertices(MP):
        if not any(x):
            continue
        for y in _brute_vertices(MQ):
            if not any(y):
                continue
            rows_ok = all(x[i] == 0 or sum(MQ[i][j] * y[j] for j in range(n)) == 1
                          for i in range(m))
            cols_ok = all(y[j] == 0 or sum(MP[j][i] * x[i] for i in range(m)) == 1
                          for j in range(n))
            if rows_ok and cols_ok:
                sx, sy = sum(x), sum(y)
                eqs.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return eqs


def exact_is_nash(game, x, y) -> bool:
    """Best-response conditions in rational arithmetic."""
    A, B = game.rational_payoffs()
    m, n = game.num_actions
    Ay = [sum(F(A[i][j]) * y[j] for j in range(n)) for i in range(m)]
    xB = [sum(x[i] * F(B[i][j]) for i in range(m)) for j in range(n)]
    return all(x[i] == 0 or Ay[i] == max(Ay) for i in range(m)) and \
        all(y[j] == 0 or xB[j] == max(xB) for j in range(n))


def exact_set(res):
    return {(tuple(e.exact[0]), tuple(e.exact[1])) for e in res}


def rounded_set(profiles, digits=7):
    return sorted((tuple(np.round(np.asarray(x, float), digits) + 0.0),
                   tuple(np.round(np.asarray(y, float), digits) + 0.0)) for x, y in profiles)


def brute_maximal_bicliques(pairs):
    """Maximal bicliques by trying every nonempty set of rows (exponential)."""
    rows = sorted({i for i, _ in pairs})
    cols = sorted({j for _, j in pairs})
    edges = set(pairs)
    out = set()
    for k in range(1, len(rows) + 1):
        for S in itertools.combinations(rows, k):
            Y = tuple(j for j in cols if all((i, j) in edges for i in S))
            if Y:
                X = tuple(i for i in rows if all((i, j) in edges for j in Y))
                out.add((X, Y))
    return sorted(out)


def check_structure(game, res, rng, samples=4):
    """Certificates, vertex bookkeeping, and cliques: every pair of a clique is an
    extreme equilibrium, random convex combinations within a clique are equilibria,
    every extreme equilibrium lies in a clique, and cliques are maximal."""
    assert isinstance(res, VertexEnumerationResult)
    assert res.complete and res.converged and res.scope == "all"
    bound = TOL * max(1.0, float(np.abs(game.payoff_array).max()))
    for e in res:
        assert max_regret(game, e.strategies) <= bound
        assert e.max_regret <= bound
    pairs = set(res.vertex_pairs)
    assert len(pairs) == len(res)
    for (i, j), e in zip(res.vertex_pairs, res):
        assert np.array_equal(e.strategies[0], res.row_vertices[i])
        assert np.array_equal(e.strategies[1], res.column_vertices[j])
    for k, c in enumerate(res.cliques):
        assert {(i, j) for i in c.rows for j in c.columns} <= pairs
        for _ in range(samples):
            x, y = res.clique_profile(k, rng.random(len(c.rows)), rng.random(len(c.columns)))
            assert max_regret(game, (x, y)) <= bound
        # maximal: no other row vertex is adjacent to all the clique's columns, and vice
        # versa
        for i in range(len(res.row_vertices)):
            if i not in c.rows:
                assert not all((i, j) in pairs for j in c.columns)
        for j in range(len(res.column_vertices)):
            if j not in c.columns:
                assert not all((i, j) in pairs for i in c.rows)
    for i, j in pairs:
        assert any(i in c.rows and j in c.columns for c in res.cliques)
    if len(res.row_vertices) <= 12:
        assert [(c.rows, c.columns) for c in res.cliques] == brute_maximal_bicliques(pairs)


# ----------------------------------------------------------------------------- literature
LITERATURE = [
    # Luce and Raiffa 1957: two pure equilibria and the mixed one (2/3, 1/3), (1/3, 2/3)
    pytest.param("battle-of-the-sexes",
                 [((F(1), F(0)), (F(1), F(0))),
                  ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
                  ((F(0), F(1)), (F(0), F(1)))], id="battle-of-the-sexes"),
    # von Neumann and Morgenstern 1944: the unique equilibrium mixes 1/2-1/2
    pytest.param("matching-pennies", [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))],
                 id="matching-pennies"),
    # rock-paper-scissors: the unique equilibrium is uniform
    pytest.param("rock-paper-scissors", [((F(1, 3),) * 3, (F(1, 3),) * 3)],
                 id="rock-paper-scissors"),
]


@pytest.mark.parametrize("name,expected", LITERATURE)
@pytest.mark.parametrize("exact", [False, True])
def test_literature_games(name, expected, exact):
    game = catalog.get(name)
    res = vertex_enumeration(game, exact=exact)
    assert len(res) == len(expected)
    for e, (x, y) in zip(res, expected):  # documented order: decreasing lexicographic
        np.testing.assert_allclose(e.strategies[0], [float(v) for v in x], atol=1e-12)
        np.testing.assert_allclose(e.strategies[1], [float(v) for v in y], atol=1e-12)
        if exact:
            assert e.exact == (x, y)
    assert res.complete and res.scope == "all" and res.method == "vertex_enumeration"
    assert res.max_regret <= TOL
    # a nondegenerate game: every extreme equilibrium is its own clique
    assert len(res.cliques) == len(expected)


# von Stengel 2007 ("Equilibrium computation for two-player games in strategic and
# extensive form", AGT ch. 3), the 3x2 example of its best-response polytopes.
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]


def test_von_stengel_nondegenerate_example():
    """Worked by hand: against y = (q, 1-q) the rows pay 3, 5 - 3q, 6 - 6q.  The column
    player's best response to the top row is the left column (3 > 2), and the top row is
    a best response to it: ((1,0,0), (1,0)).  Rows 2, 3 mixed: the columns are indifferent
    when 2a + 3b = 6a + b, x = (0, 1/3, 2/3), and rows 2, 3 tie at q = 1/3.  Rows 1, 2
    mixed: 3a + 2b = 2a + 6b, x = (4/5, 1/5, 0), rows 1, 2 tie at q = 2/3.  No other
    support works, and the game is nondegenerate, so there are exactly three."""
    game = NormalFormGame.from_arrays(VS_A, VS_B)
    hand = {((F(1), F(0), F(0)), (F(1), F(0))),
            ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
            ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3)))}
    assert brute_extreme_equilibria(game) == hand
    for x, y in hand:
        assert exact_is_nash(game, x, y)
    res = vertex_enumeration(game, exact=True)
    assert exact_set(res) == hand
    assert rounded_set(vertex_enumeration(game).profiles) == rounded_set(hand)


def test_degenerate_example_with_a_continuum():
    """The same game with the column player's top-row payoffs tied, B[0] = (3, 3): the top
    row now has two best responses.  By hand: with the top row played, the column player
    is indifferent, and the top row stays a best response while 3 >= 5 - 3q and
    3 >= 6 - 6q, i.e. q >= 2/3.  So the segment x = (1,0,0), y = (q, 1-q), 2/3 <= q <= 1,
    consists of equilibria, with extreme points q = 1 and q = 2/3.  Rows 2, 3 mixed still
    give ((0,1/3,2/3), (1/3,2/3)).  Rows 1, 2 mixed now need 3a + 2b = 3a + 6b, b = 0:
    nothing new.  Two maximal convex sets: the segment and the isolated point."""
    B = [[3, 3], [2, 6], [3, 1]]
    game = NormalFormGame.from_arrays(VS_A, B)
    hand = {((F(1), F(0), F(0)), (F(1), F(0))),
            ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))),
            ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    assert brute_extreme_equilibria(game) == hand
    for res in (vertex_enumeration(game, exact=True), vertex_enumeration(game)):
        assert rounded_set(res.profiles) == rounded_set(hand)
        cliques = [(tuple(res.row_vertices[i].tolist() for i in c.rows),
                    tuple(res.column_vertices[j].tolist() for j in c.columns))
                   for c in res.cliques]
        assert len(cliques) == 2
        seg = next(c for c in cliques if len(c[1]) == 2)
        assert seg[0] == ([1.0, 0.0, 0.0],)
        np.testing.assert_allclose(sorted(seg[1]), [[2 / 3, 1 / 3], [1.0, 0.0]],
                                   atol=1e-12)
        check_structure(game, res, np.random.default_rng(0))
    res = vertex_enumeration(game, exact=True)
    assert exact_set(res) == hand
    # the whole segment is made of equilibria, and it ends at q = 2/3: exact checks
    x = (F(1), F(0), F(0))
    for q in (F(1), F(9, 10), F(3, 4), F(2, 3)):
        assert exact_is_nash(game, x, (q, 1 - q))
    assert not exact_is_nash(game, x, (F(2, 3) - F(1, 100), F(1, 3) + F(1, 100)))


def test_constant_game_every_profile_is_an_equilibrium():
    """All payoffs equal: every pure pair is an extreme equilibrium and the whole
    strategy space is one maximal convex set."""
    game = NormalFormGame.from_arrays(np.full((3, 2), 5), np.full((3, 2), -1))
    for exact in (False, True):
        res = vertex_enumeration(game, exact=exact)
        assert sorted(e.pure_profile for e in res) == [(a, b) for a in range(3)
                                                        for b in range(2)]
        assert [(c.rows, c.columns) for c in res.cliques] == [((0, 1, 2), (0, 1))]
        check_structure(game, res, np.random.default_rng(1))


@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (4, 1)])
def test_one_action_games(shape):
    game = gen.integer_game(shape, low=-5, high=5, rng=7)
    res = vertex_enumeration(game)
    assert exact_set(vertex_enumeration(game, exact=True)) == brute_extreme_equilibria(game)
    assert len(res) == len(brute_extreme_equilibria(game)) >= 1
    check_structure(game, res, np.random.default_rng(2))


# ----------------------------------------------------------------------------- degenerate
@pytest.mark.parametrize("kind", ["tie", "duplicate-rows", "duplicate-columns"])
@pytest.mark.parametrize("seed", range(6))
def test_degenerate_generator_outputs(kind, seed):
    """Every output of the degenerate generators: the extreme equilibria are exactly the
    brute-force ones (small sizes), and every clique's convex combinations are
    equilibria."""
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(2, 5, size=2))
    game = gen.degenerate_game(m, n, rng=seed, kind=kind, low=-3, high=3)
    ref = brute_extreme_equilibria(game)
    res_ex = vertex_enumeration(game, exact=True)
    assert exact_set(res_ex) == ref
    for x, y in ref:
        assert exact_is_nash(game, x, y)
    res = vertex_enumeration(game)
    assert rounded_set(res.profiles) == rounded_set(ref)
    assert [(c.rows, c.columns) for c in res.cliques] == \
        [(c.rows, c.columns) for c in res_ex.cliques]
    check_structure(game, res, rng)
    check_structure(game, res_ex, rng)


@pytest.mark.parametrize("kind", ["tie", "duplicate-rows", "duplicate-columns"])
def test_degenerate_generator_larger(kind):
    """8x8 degenerate games: certificates and cliques (too big for brute force); the
    float and exact enumerations agree."""
    game = gen.degenerate_game(8, 8, rng=11, kind=kind)
    res = vertex_enumeration(game)
    check_structure(game, res, np.random.default_rng(3))
    assert rounded_set(res.profiles) == rounded_set(vertex_enumeration(game, exact=True)
                                                    .profiles)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=st.integers(1, 4), n=st.integers(1, 4), seed=st.integers(0, 2**32 - 1),
       high=st.integers(1, 3))
def test_small_integer_games_match_brute_force(m, n, seed, high):
    """Integer payoffs in {0..high}: many ties, so many degenerate games."""
    game = gen.integer_game((m, n), low=0, high=high, rng=seed)
    ref = brute_extreme_equilibria(game)
    res_ex = vertex_enumeration(game, exact=True)
    assert exact_set(res_ex) == ref
    res = vertex_enumeration(game)
    assert rounded_set(res.profiles) == rounded_set(ref)
    check_structure(game, res, np.random.default_rng(seed), samples=2)


# ----------------------------------------------------------------------------- nashpy
@settings(max_examples=40, deadline=None)
@given(m=st.integers(2, 5), n=st.integers(2, 5), seed=st.integers(0, 2**32 - 1))
def test_nondegenerate_games_match_nashpy(m, n, seed):
    """Random real payoffs (nondegenerate with probability one): the same equilibria as
    nashpy's vertex enumeration."""
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    A, B = rng.standard_normal((2, m, n))
    game = NormalFormGame.from_arrays(A, B)
    res = vertex_enumeration(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).vertex_enumeration())
    scale = max(1.0, np.abs(game.payoff_array).max())
    # nashpy accepts profiles up to its own looser tolerance: on nearly degenerate games
    # (seed 11067 at 4x4: a best-response tie within 1e-5) it returns two points with
    # regret ~5e-6 that are not equilibria; exact arithmetic agrees with us there.  So
    # compare with nashpy's answers that pass our certificate.
    theirs = [p for p in theirs if max_regret(game, p) <= 1e-9 * scale]
    assert rounded_set(res.profiles) == rounded_set(theirs)
    assert all(e.max_regret <= TOL * scale for e in res)
    assert len(res.cliques) == len(res)  # nondegenerate: isolated equilibria


def test_nondegenerate_7x7_matches_nashpy():
    """A larger case (13 equilibria); nashpy needs about 1.4 s here, 58 s at 10x10."""
    nashpy = pytest.importorskip("nashpy")
    game = gen.uniform_game((7, 7), rng=0)
    A, B = game.payoffs
    res = vertex_enumeration(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).vertex_enumeration())
    assert len(res) == 13
    assert rounded_set(res.profiles) == rounded_set(theirs)


# ----------------------------------------------------------------------------- exact mode
@settings(max_examples=25, deadline=None)
@given(m=st.integers(2, 6), n=st.integers(2, 6), seed=st.integers(0, 2**32 - 1))
def test_exact_agrees_with_float(m, n, seed):
    game = gen.integer_game((m, n), low=-6, high=6, rng=seed)
    res_f = vertex_enumeration(game)
    res_e = vertex_enumeration(game, exact=True)
    assert rounded_set(res_f.profiles) == rounded_set(res_e.profiles)
    assert res_f.vertex_pairs == res_e.vertex_pairs
    # the float search visits the same lex-feasible bases as the exact one
    assert res_f.num_iter == res_e.num_iter
    assert [(c.rows, c.columns) for c in res_f.cliques] == \
        [(c.rows, c.columns) for c in res_e.cliques]
    for e in res_e:
        assert all(isinstance(v, Fraction) for s in e.exact for v in s)
        assert sum(e.exact[0]) == 1 and sum(e.exact[1]) == 1
        assert exact_is_nash(game, *e.exact)
        np.testing.assert_allclose(e.strategies[0], [float(v) for v in e.exact[0]])


def test_exact_mode_on_float_payoffs():
    """Float payoffs are taken at their exact binary values."""
    game = gen.uniform_game((4, 3), rng=5)
    res_e = vertex_enumeration(game, exact=True)
    assert rounded_set(res_e.profiles) == rounded_set(vertex_enumeration(game).profiles)
    for e in res_e:
        assert exact_is_nash(game, *e.exact)


def test_many_labels_use_several_mask_words():
    """m + n > 64 labels: the bitmasks take two 64-bit words."""
    game = gen.integer_game((2, 63), low=-20, high=20, rng=3)
    res = vertex_enumeration(game)
    res_e = vertex_enumeration(game, exact=True)
    assert len(res) >= 1
    assert rounded_set(res.profiles) == rounded_set(res_e.profiles)
    for e in res_e:
        assert exact_is_nash(game, *e.exact)
    check_structure(game, res, np.random.default_rng(4), samples=1)


# ----------------------------------------------------------------------------- result, errors
def test_result_fields_and_json():
    game = catalog.get("battle-of-the-sexes")
    res = vertex_enumeration(game, exact=True)
    assert res.num_iter > 0 and res.elapsed >= 0
    assert res.params == {"exact": True, "tol": 1e-9}
    assert res.vertex_pairs == ((0, 0), (1, 1), (2, 2))
    assert all(isinstance(c, Clique) for c in res.cliques)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["cliques"] == [{"rows": [0], "columns": [0]}, {"rows": [1], "columns": [1]},
                            {"rows": [2], "columns": [2]}]
    assert d["row_vertices_exact"][1] == ["2/3", "1/3"]
    assert len(d["equilibria"]) == 3


def test_clique_profile_weights_are_checked():
    game = NormalFormGame.from_arrays(VS_A, [[3, 3], [2, 6], [3, 1]])
    res = vertex_enumeration(game)
    k = next(k for k, c in enumerate(res.cliques) if len(c.columns) == 2)
    x, y = res.clique_profile(k, column_weights=[1, 3])
    np.testing.assert_allclose(y, 0.25 * np.array([1, 0]) + 0.75 * np.array([2 / 3, 1 / 3]))
    with pytest.raises(InvalidProfileError):
        res.clique_profile(k, column_weights=[1, -1])
    with pytest.raises(InvalidProfileError):
        res.clique_profile(k, column_weights=[1, 1, 1])
    with pytest.raises(InvalidProfileError):
        res.clique_profile(k, row_weights=[0])


def test_maximal_cliques_on_small_graphs():
    # rows 0, 1 both meet columns 0, 1; row 1 also meets column 2; row 2 meets column 2
    pairs = [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2)]
    assert maximal_cliques(pairs) == [((0, 1), (0, 1)), ((1,), (0, 1, 2)), ((1, 2), (2,))]
    # a clique that is no row's neighbourhood: N(0) & N(1) = {1}, and N(1) & N(2) = {2}
    pairs = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (2, 3)]
    assert maximal_cliques(pairs) == [((0,), (0, 1)), ((0, 1), (1,)), ((1,), (1, 2)),
                                      ((1, 2), (2,)), ((2,), (2, 3))]
    assert maximal_cliques([]) == []


@settings(max_examples=60, deadline=None)
@given(st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=20))
def test_maximal_cliques_match_brute_force(pairs):
    assert maximal_cliques(sorted(pairs)) == brute_maximal_bicliques(sorted(pairs))


def test_three_players_rejected():
    with pytest.raises(UnsupportedGameError):
        vertex_enumeration(catalog.get("three-player-matching-pennies"))
    with pytest.raises(UnsupportedGameError):
        vertex_enumeration([[1, 0], [0, 1]])


@pytest.mark.parametrize("tol", [0, -1e-9, float("nan"), float("inf"), "x"])
def test_bad_tolerance_rejected(tol):
    with pytest.raises(InvalidOptionError):
        vertex_enumeration(catalog.get("matching-pennies"), tol=tol)


# ---------------------------------------------------------------------------- fast paths
@pytest.mark.parametrize("game", [gen.uniform_game((6, 6), rng=0),
                                  gen.degenerate_game((5, 5), rng=1, kind="duplicate-rows"),
                                  NormalFormGame.from_arrays(np.eye(4), np.eye(4))],
                         ids=["random", "degenerate", "coordination"])
def test_float_result_structure_matches_its_definitions(game):
    """The float path builds the ordering, the pairs and the cliques without Python
    loops over vertices: check them against their definitions."""
    res = vertex_enumeration(game)
    keys = [tuple(-np.round(v, 9)) for v in res.row_vertices]
    assert keys == sorted(keys)  # decreasing lexicographic order
    keys = [tuple(-np.round(v, 9)) for v in res.column_vertices]
    assert keys == sorted(keys)
    assert list(res.vertex_pairs) == sorted(res.vertex_pairs)
    assert [(c.rows, c.columns) for c in res.cliques] == maximal_cliques(res.vertex_pairs)
    for (i, j), e in zip(res.vertex_pairs, res):
        assert np.array_equal(e.strategies[0], res.row_vertices[i])
        assert np.array_equal(e.strategies[1], res.column_vertices[j])
        assert e.max_regret == pytest.approx(max_regret(game, e.strategies), abs=1e-13)
        assert not e.strategies[0].flags.writeable and not e.payoffs.flags.writeable
    exact = vertex_enumeration(game, exact=True)
    assert exact.vertex_pairs == res.vertex_pairs
    assert [(c.rows, c.columns) for c in exact.cliques] == \
        [(c.rows, c.columns) for c in res.cliques]
