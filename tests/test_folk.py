"""Minmax levels, feasible payoffs and the folk-theorem region.

References: Fudenberg and Maskin (1986), "The folk theorem in repeated games with
discounting or with incomplete information", Econometrica 54(3) (feasible, individually
rational payoffs above the minmax point); Axelrod (1984) for the prisoner's dilemma payoffs
T=5, R=3, P=1, S=0; Luce and Raiffa (1957) for the battle of the sexes.  The region corners
below are computed by hand in the comments.
"""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.optimize import linprog

from gametheory import InvalidOptionError, InvalidProfileError, NormalFormGame, \
    UnsupportedGameError
from gametheory.concepts import (FolkRegion, MinmaxLevels, feasible_payoffs,
                                 folk_theorem_region, minmax_levels, security_level)
from gametheory.games import catalog, generators
from gametheory.solvers import nash_equilibria


def _best_response_value(game, i, punisher):
    """max over own actions of the expected payoff against the punisher (game method)."""
    n = game.num_players
    if n == 2:
        profile = [None, None]
        profile[1 - i] = punisher
        profile[i] = np.ones(game.num_actions[i]) / game.num_actions[i]
        return float(np.max(game.action_values(i, profile)))
    U = np.moveaxis(np.asarray(game.payoffs[i]), i, 0).reshape(game.num_actions[i], -1)
    return float(np.max(U @ np.asarray(punisher).ravel()))


# ------------------------------------------------------------------ prisoner's dilemma
def test_catalog_prisoners_dilemma_payoffs_are_axelrods():
    pd = catalog.get("prisoners-dilemma")
    assert pd.payoffs[0].tolist() == [[3, 0], [5, 1]]     # R S / T P
    assert pd.payoffs[1].tolist() == [[3, 5], [0, 1]]
    assert pd.actions == (("C", "D"), ("C", "D"))


def test_prisoners_dilemma_minmax_is_mutual_defection():
    pd = catalog.get("prisoners-dilemma")
    mm = minmax_levels(pd)
    assert isinstance(mm, MinmaxLevels) and not mm.correlated
    np.testing.assert_allclose(mm.levels, pd.payoff(("D", "D")), atol=1e-9)
    np.testing.assert_allclose(mm.pure_levels, [1.0, 1.0])
    for i in range(2):
        np.testing.assert_allclose(mm.punishers[i], [0.0, 1.0], atol=1e-9)   # defect
        assert mm.pure_punishers[i] == (1,)
        assert _best_response_value(pd, i, mm.punishers[i]) == pytest.approx(mm.levels[i])
    np.testing.assert_array_equal(mm.point, mm.levels)


def test_prisoners_dilemma_feasible_set_and_region_by_hand():
    pd = catalog.get("prisoners-dilemma")
    # hull of (3,3), (0,5), (5,0), (1,1): all four are vertices; ccw from (0, 5)
    np.testing.assert_allclose(feasible_payoffs(pd), [[0, 5], [1, 1], [5, 0], [3, 3]])
    region = folk_theorem_region(pd)
    assert isinstance(region, FolkRegion)
    # x = 1 meets the edge (3,3)-(0,5) at t = 2/3: (1, 3 + 4/3) = (1, 13/3); symmetric
    # for y = 1 on the edge (5,0)-(3,3).  Shoelace: 40/3 / 2 = 20/3.
    np.testing.assert_allclose(region.vertices,
                               [[1, 1], [13 / 3, 1], [3, 3], [1, 13 / 3]], atol=1e-12)
    assert region.area == pytest.approx(20 / 3)
    np.testing.assert_allclose(region.minmax, [1, 1])
    np.testing.assert_allclose(region.feasible_vertices, feasible_payoffs(pd))
    np.testing.assert_allclose(region.closed_vertices[-1], region.vertices[0])
    assert not region.is_empty
    # the pure minmax is also (1, 1) here: same region
    np.testing.assert_allclose(folk_theorem_region(pd, pure_minmax=True).vertices,
                               region.vertices)


@pytest.mark.parametrize("point, inside, strict", [
    pytest.param((2, 2), True, True, id="interior"),
    pytest.param((3, 3), True, True, id="cooperation-vertex"),
    pytest.param((1, 1), True, False, id="minmax-corner"),
    pytest.param((1, 4), True, False, id="on-IR-boundary"),
    pytest.param((2, 2 + 1e-12), True, True, id="tolerance"),
    pytest.param((4, 2.5), False, False, id="infeasible-beyond-edge"),
    pytest.param((0.5, 4), False, False, id="feasible-not-IR"),
    pytest.param((1, 4.4), False, False, id="above-the-corner"),
    pytest.param((5, 0), False, False, id="temptation-vertex"),
])
def test_contains(point, inside, strict):
    region = folk_theorem_region(catalog.get("prisoners-dilemma"))
    assert region.contains(point) is inside
    assert region.contains(point, strict=True) is strict


def test_contains_rejects_bad_points():
    region = folk_theorem_region(catalog.get("prisoners-dilemma"))
    with pytest.raises(InvalidProfileError):
        region.contains([1, 2, 3])
    with pytest.raises(InvalidProfileError):
        region.contains([np.nan, 1])
    with pytest.raises(InvalidOptionError):
        region.contains([1, 1], tol=-1.0)


# ------------------------------------------------------------------ matching pennies
def test_matching_pennies_minmax_and_degenerate_region():
    mp = catalog.get("matching-pennies")
    mm = minmax_levels(mp)
    np.testing.assert_allclose(mm.levels, [0, 0], atol=1e-9)
    for i in range(2):
        np.testing.assert_allclose(mm.punishers[i], [0.5, 0.5], atol=1e-9)
    np.testing.assert_allclose(mm.pure_levels, [1, 1])
    # the payoff vectors (1,-1), (-1,1) are collinear: the feasible set is a segment
    np.testing.assert_allclose(feasible_payoffs(mp), [[-1, 1], [1, -1]])
    region = folk_theorem_region(mp)
    np.testing.assert_allclose(region.vertices, [[0, 0]], atol=1e-9)
    assert region.area == 0.0
    assert region.contains([0, 0]) and not region.contains([0.5, -0.5])
    assert not region.contains([0, 0], strict=True)
    # a pure punisher cannot hold a player below 1, and no feasible vector gives both 1
    pure = folk_theorem_region(mp, pure_minmax=True)
    assert pure.is_empty and pure.vertices.shape == (0, 2) and pure.area == 0.0
    assert not pure.contains([0, 0])
    assert len(pure.closed_vertices) == 0


# ------------------------------------------------------------------ battle of the sexes
def test_battle_of_the_sexes_mixed_and_pure_minmax_by_hand():
    bos = catalog.get("battle-of-the-sexes")
    assert bos.payoffs[0].tolist() == [[2, 0], [0, 1]]
    assert bos.payoffs[1].tolist() == [[1, 0], [0, 2]]
    mm = minmax_levels(bos)
    # row: column mixes y on Opera: max(2y, 1 - y) is least at y = 1/3, value 2/3;
    # column: row mixes x on Opera: max(x, 2(1 - x)) is least at x = 2/3, value 2/3
    np.testing.assert_allclose(mm.levels, [2 / 3, 2 / 3], atol=1e-9)
    np.testing.assert_allclose(mm.punishers[0], [1 / 3, 2 / 3], atol=1e-9)
    np.testing.assert_allclose(mm.punishers[1], [2 / 3, 1 / 3], atol=1e-9)
    # pure: the column at Football holds the row to max(0, 1) = 1, the row at Opera
    # holds the column to max(1, 0) = 1
    np.testing.assert_allclose(mm.pure_levels, [1, 1])
    assert mm.pure_punishers == ((1,), (0,))


def test_battle_of_the_sexes_regions_by_hand():
    bos = catalog.get("battle-of-the-sexes")
    np.testing.assert_allclose(feasible_payoffs(bos), [[0, 0], [2, 1], [1, 2]])
    r = folk_theorem_region(bos)
    # the triangle (0,0),(2,1),(1,2) cut at x, y >= 2/3: y = x/2 meets y = 2/3 at x = 4/3,
    # and (2/3, 2/3) is inside the triangle.  Area 3/2 - 1/3 - 1/3 + 2/9 = 19/18.
    np.testing.assert_allclose(r.vertices, [[2 / 3, 2 / 3], [4 / 3, 2 / 3], [2, 1], [1, 2],
                                            [2 / 3, 4 / 3]], atol=1e-9)
    assert r.area == pytest.approx(19 / 18)
    # the mixed equilibrium pays (2/3, 2/3): the minmax point itself, IR but not strictly
    assert r.contains([2 / 3, 2 / 3]) and not r.contains([2 / 3, 2 / 3], strict=True)
    p = folk_theorem_region(bos, pure_minmax=True)
    np.testing.assert_allclose(p.vertices, [[1, 1], [2, 1], [1, 2]])
    assert p.area == pytest.approx(0.5)
    np.testing.assert_allclose(p.punishers[0], [0, 1])
    np.testing.assert_allclose(p.punishers[1], [1, 0])
    assert not p.contains([2 / 3, 2 / 3])


# ------------------------------------------------------------------ degenerate games
def test_all_payoff_vectors_equal():
    g = NormalFormGame.from_arrays(np.full((2, 3), 1.5), np.full((2, 3), -2.0))
    mm = minmax_levels(g)
    np.testing.assert_allclose(mm.levels, [1.5, -2.0])
    np.testing.assert_allclose(feasible_payoffs(g), [[1.5, -2.0]])
    r = folk_theorem_region(g)
    np.testing.assert_allclose(r.vertices, [[1.5, -2.0]])
    assert r.area == 0.0
    assert r.contains([1.5, -2.0]) and not r.contains([1.5, -1.9])
    assert not r.contains([1.5, -2.0], strict=True)


def test_collinear_common_interest_game_gives_a_segment():
    # payoffs (1,1), (0,0), (0,0), (2,2): feasible segment from (0,0) to (2,2); each
    # player is held to 2/3 (opponent mixes 2/3 on the first action: max(y, 2(1-y))).
    g = NormalFormGame.from_arrays([[1, 0], [0, 2]], [[1, 0], [0, 2]])
    np.testing.assert_allclose(feasible_payoffs(g), [[0, 0], [2, 2]])
    r = folk_theorem_region(g)
    np.testing.assert_allclose(r.minmax, [2 / 3, 2 / 3], atol=1e-9)
    np.testing.assert_allclose(r.vertices, [[2 / 3, 2 / 3], [2, 2]], atol=1e-9)
    assert r.area == 0.0
    assert r.contains([1, 1]) and r.contains([1, 1], strict=True)
    assert not r.contains([1, 1.01]) and not r.contains([0.5, 0.5])


def test_zero_sum_rps_region_is_the_value_point():
    r = folk_theorem_region(catalog.get("rock-paper-scissors"))
    np.testing.assert_allclose(r.vertices, [[0, 0]], atol=1e-9)
    np.testing.assert_allclose(r.feasible_vertices, [[-1, 1], [1, -1]])


def test_collinear_interior_points_are_not_vertices():
    # (0,0), (1,1), (2,2) and (2,0): a triangle; (1,1) lies on the edge (0,0)-(2,2)
    g = NormalFormGame.from_arrays([[0, 1], [2, 2]], [[0, 1], [2, 0]])
    np.testing.assert_allclose(feasible_payoffs(g), [[0, 0], [2, 0], [2, 2]])


# ------------------------------------------------------------------ n players
def _guess_game():
    """Player 3 guesses A (pays 1 at (0,0)), B (pays 1 at (1,1)) or C (pays 1 when the two
    others mismatch).  Correlated punishers put 1/3 on (0,0), (1,1) and the mismatches:
    level 1/3.  Independent punishers (p, q on action 0) face max(pq, (1-p)(1-q),
    p + q - 2pq) >= 4/9 (attained at p = q = 1/3): 1/3 cannot be reached since it would
    need pq = (1-p)(1-q) = 1/3, i.e. p + q = 1 and pq <= 1/4."""
    u3 = np.zeros((2, 2, 3))
    u3[0, 0, 0] = 1
    u3[1, 1, 1] = 1
    u3[0, 1, 2] = u3[1, 0, 2] = 1
    zeros = np.zeros((2, 2, 3))
    return NormalFormGame([zeros, zeros, u3])


def test_three_player_minmax_is_the_correlated_lower_bound():
    g = _guess_game()
    mm = minmax_levels(g)
    assert mm.correlated
    assert mm.levels[2] == pytest.approx(1 / 3, abs=1e-9)
    assert mm.punishers[2].shape == (2, 2)
    assert mm.punishers[2].sum() == pytest.approx(1.0)
    assert _best_response_value(g, 2, mm.punishers[2]) == pytest.approx(1 / 3, abs=1e-9)
    assert mm.pure_levels[2] == 1.0
    # independent punishment, on a grid: never below 4/9 > 1/3
    p = np.linspace(0, 1, 301)
    P, Q = np.meshgrid(p, p)
    indep = np.maximum(np.maximum(P * Q, (1 - P) * (1 - Q)), P + Q - 2 * P * Q)
    assert indep.min() == pytest.approx(4 / 9, abs=1e-9)
    assert indep.min() > mm.levels[2] + 0.1
    # the correlated minmax equals the player's maximin against the coalition (LP duality)
    assert mm.levels[2] == pytest.approx(security_level(g, 2).value, abs=1e-8)


def test_regions_need_two_players():
    g = catalog.get("three-player-matching-pennies")
    with pytest.raises(UnsupportedGameError):
        folk_theorem_region(g)
    with pytest.raises(UnsupportedGameError):
        feasible_payoffs(g)
    with pytest.raises(UnsupportedGameError):
        minmax_levels("not a game")
    assert len(minmax_levels(g).levels) == 3


# ------------------------------------------------------------------ properties
def _in_hull_lp(points, p):
    """Is p a convex combination of points? (an LP, independent of the module's
    geometry)"""
    k = len(points)
    res = linprog(np.zeros(k), A_eq=np.vstack([points.T, np.ones(k)]),
                  b_eq=np.append(p, 1.0), bounds=[(0, None)] * k, method="highs")
    return res.status == 0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), m=st.integers(1, 4), k=st.integers(1, 4),
       integer=st.booleans())
def test_random_games_against_security_levels_and_an_lp(seed, m, k, integer):
    if integer:
        g = generators.integer_game((m, k), low=-3, high=3, rng=seed)
    else:
        g = generators.uniform_game((m, k), rng=seed)
    mm = minmax_levels(g)
    for i in range(2):
        # minimax theorem: minmax level = maximin (security) level in 2-player games
        assert mm.levels[i] == pytest.approx(security_level(g, i).value, abs=1e-7)
        assert mm.levels[i] <= mm.pure_levels[i] + 1e-9
        assert _best_response_value(g, i, mm.punishers[i]) == pytest.approx(mm.levels[i],
                                                                            abs=1e-7)
    r = folk_theorem_region(g)
    assert not r.is_empty
    points = np.asarray(g.payoff_array).reshape(2, -1).T
    for v in r.vertices:
        assert np.all(v >= r.minmax - 1e-9)
        assert _in_hull_lp(points, v)
    rng = np.random.default_rng(seed)
    lo, hi = points.min(axis=0) - 0.2, points.max(axis=0) + 0.2
    for p in rng.uniform(lo, hi, size=(30, 2)):
        expected = _in_hull_lp(points, p) and bool(np.all(p >= r.minmax))
        margin = min(np.min(np.abs(p - r.minmax)), 1.0)
        if margin > 1e-6:   # skip points within round-off of the quadrant's edges
            assert r.contains(p) == expected, p
    # every Nash equilibrium pays at least the minmax levels: its payoff is in the region
    for eq in nash_equilibria(g).equilibria:
        assert r.contains(eq.payoffs, tol=1e-7)


def test_feasible_area_matches_qhull_volume():
    from scipy.spatial import ConvexHull
    for seed in range(5):
        g = generators.uniform_game((3, 4), rng=seed)
        pts = np.asarray(g.payoff_array).reshape(2, -1).T
        V = feasible_payoffs(g)
        x, y = V[:, 0], V[:, 1]
        signed = 0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))
        assert signed > 0                                   # counter-clockwise
        assert signed == pytest.approx(ConvexHull(pts).volume)
        # a minmax point below every payoff leaves the whole feasible set
        r = folk_theorem_region(g)
        assert r.area <= signed + 1e-12


def test_to_dict_is_json_ready():
    import json
    d = folk_theorem_region(catalog.get("battle-of-the-sexes")).to_dict()
    assert json.loads(json.dumps(d))["area"] == pytest.approx(19 / 18)
    assert len(d["vertices"]) == 5
