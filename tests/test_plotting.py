"""Figures: the data drawn is checked, not only that drawing runs."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from gametheory import InvalidOptionError, InvalidProfileError, UnsupportedGameError
from gametheory.games import catalog, generators
from gametheory.plotting import (exploitability_curve, learning_curve, payoff_region,
                                 regret_curve, save_figure, simplex_coordinates,
                                 simplex_trajectory)


def _line_data(ax, label):
    for line in ax.get_lines():
        if line.get_label() == label:
            return np.column_stack([line.get_xdata(), line.get_ydata()])
    raise AssertionError(f"no line labelled {label!r}")


def test_simplex_coordinates_corners_and_centre():
    xy = simplex_coordinates(np.eye(3))
    assert np.allclose(xy, [[0, 0], [1, 0], [0.5, np.sqrt(3) / 2]])
    assert np.allclose(simplex_coordinates([1 / 3] * 3), [0.5, np.sqrt(3) / 6])


def test_simplex_coordinates_reject_non_distributions():
    with pytest.raises(InvalidProfileError):
        simplex_coordinates([0.5, 0.6, 0.1])
    with pytest.raises(InvalidProfileError):
        simplex_coordinates([0.5, 0.5])


def test_simplex_trajectory_draws_the_path_and_field():
    rps = catalog.get("rock-paper-scissors")
    path = np.array([[0.8, 0.1, 0.1], [0.5, 0.3, 0.2], [1 / 3, 1 / 3, 1 / 3]])
    fig = simplex_trajectory(path, game=rps, rest_points=[[1 / 3] * 3])
    ax = fig.axes[0]
    drawn = [np.column_stack([l.get_xdata(), l.get_ydata()]) for l in ax.get_lines()]
    assert any(d.shape == (3, 2) and np.allclose(d, simplex_coordinates(path))
               for d in drawn)
    # the replicator field of RPS circles the centre: at every arrow the velocity is
    # orthogonal to the direction from the centre (x1*x2*x3 is a constant of motion)
    q = ax.collections[0]
    assert q.U.size > 50
    matplotlib.pyplot.close(fig)


def test_simplex_trajectory_needs_three_actions():
    with pytest.raises(UnsupportedGameError):
        simplex_trajectory(np.full((4, 4), 0.25))
    with pytest.raises(UnsupportedGameError):
        simplex_trajectory(np.full((2, 3), 1 / 3), game=catalog.get("prisoners-dilemma"))
    with pytest.raises(InvalidOptionError):
        simplex_trajectory(np.full((2, 3), 1 / 3), which="latest")


def test_payoff_region_of_chicken():
    """Aumann's chicken (catalog): pure outcomes (6,6), (2,7), (7,2), (0,0); the best CE
    total is 10.5 and the Pareto frontier of the feasible set joins (2,7), (6,6), (7,2)."""
    g = catalog.get("chicken")
    fig = payoff_region(g)
    ax = fig.axes[0]
    pure = _line_data(ax, "pure outcomes")
    assert sorted(map(tuple, pure.tolist())) == [(0, 0), (2, 7), (6, 6), (7, 2)]
    front = _line_data(ax, "Pareto frontier")
    assert front.tolist() == [[2, 7], [6, 6], [7, 2]]
    polys = {p.get_label(): p.get_xy() for p in ax.patches}
    ce = polys["correlated equilibria"]
    assert np.isclose(ce.sum(axis=1).max(), 10.5, atol=1e-7)
    mm = _line_data(ax, "minmax point")
    assert np.allclose(mm, [[2, 2]])
    matplotlib.pyplot.close(fig)


def test_payoff_region_is_for_two_players():
    with pytest.raises(UnsupportedGameError):
        payoff_region(generators.uniform_game((2, 2, 2), rng=0))


def test_exploitability_and_learning_curves(tmp_path):
    fig = exploitability_curve({"nash": [1.0, 0.5, 0.0]}, log=True)
    y = fig.axes[0].get_lines()[0].get_ydata()
    assert np.allclose(y, [1.0, 0.5, 1e-16])
    out = save_figure(fig, tmp_path / "e.png")
    assert (tmp_path / "e.png").stat().st_size > 1000 and out.endswith("e.png")

    fig = learning_curve(np.arange(10), np.tile(np.arange(10.0), (3, 1)), window=2,
                         label="r")
    assert np.allclose(fig.axes[0].get_lines()[0].get_ydata(), np.arange(9) + 0.5)
    with pytest.raises(InvalidOptionError):
        learning_curve(np.arange(3), np.arange(4.0))


def test_regret_curve_uses_the_history():
    class R:  # the fields of a TrajectoryResult the curve reads
        dynamics = "regret_matching"
        times = np.array([10, 100, 1000])
        regret_history = np.array([[0.5, 0.4], [0.2, 0.1], [0.05, 0.06]])
        distance = np.array([0.4, 0.1, 0.03])
        target = "cce"

    fig = regret_curve(R())
    d = _line_data(fig.axes[0], "regret_matching: max average regret")
    assert np.allclose(d, [[10, 0.5], [100, 0.2], [1000, 0.06]])
