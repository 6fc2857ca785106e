"""Figures for games and learning processes, drawn with matplotlib.

Every function returns a :class:`matplotlib.figure.Figure` (drawing into ``ax`` when one is
given) and never calls ``plt.show()``; :func:`save_figure` writes one to a file.  matplotlib
is imported when a figure is drawn, so ``import gametheory`` stays fast.

The simplex of a 3-action strategy is drawn in barycentric coordinates: action ``k`` sits
at corner ``k`` of an equilateral triangle, corners in the order bottom-left, bottom-right,
top.  A mixed strategy ``x`` is drawn at ``x[0]*c0 + x[1]*c1 + x[2]*c2``::

    >>> import numpy as np
    >>> from gametheory.plotting import simplex_coordinates
    >>> simplex_coordinates([1/3, 1/3, 1/3]).round(4).tolist()
    [0.5, 0.2887]
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

import numpy as np

from .._errors import InvalidOptionError, InvalidProfileError, UnsupportedGameError
from ..games._normal_form import NormalFormGame

__all__ = ["simplex_coordinates", "simplex_trajectory", "regret_curve", "payoff_region",
           "exploitability_curve", "learning_curve", "save_figure"]

_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3.0) / 2.0]])


def _pyplot():
    # matplotlib picks a non-interactive backend by itself on machines without a display
    import matplotlib.pyplot as plt
    return plt


def _figure_axes(ax, figsize):
    plt = _pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def simplex_coordinates(points) -> np.ndarray:
    """Cartesian coordinates of 3-action mixed strategies in the simplex triangle.

    Parameters
    ----------
    points : array_like of shape ``(3,)`` or ``(K, 3)``
        Probability vectors (each row sums to 1).

    Returns
    -------
    ndarray of shape ``(2,)`` or ``(K, 2)``
    """
    p = np.asarray(points, dtype=np.float64)
    if p.shape[-1:] != (3,):
        raise InvalidProfileError(f"simplex points need 3 probabilities, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < -1e-9) or not np.allclose(
            p.sum(axis=-1), 1.0, atol=1e-6):
        raise InvalidProfileError("simplex points must be probability vectors")
    return p @ _CORNERS


def _replicator_field(A: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Single-population replicator velocity x_i ((Ax)_i - x.Ax) for rows of ``x``."""
    fit = x @ A.T
    avg = np.sum(fit * x, axis=1, keepdims=True)
    return x * (fit - avg)


def _trajectory_rows(trajectory, player: int, which: str) -> np.ndarray:
    if hasattr(trajectory, "average_history"):
        hist = trajectory.average_history if which == "average" else trajectory.current_history
        if not 0 <= player < len(hist):
            raise InvalidOptionError(f"player {player} out of range (the trajectory has "
                                     f"{len(hist)} players)")
        rows = np.asarray(hist[player], dtype=np.float64)
    else:
        rows = np.asarray(trajectory, dtype=np.float64)
    if rows.ndim != 2 or rows.shape[1] != 3:
        raise UnsupportedGameError("a simplex plot needs a player with exactly 3 actions; "
                                   f"got strategies of shape {rows.shape}")
    return rows


def simplex_trajectory(trajectories, *, player: int = 0, which: str = "average",
                       game: NormalFormGame | None = None, field: bool = True,
                       rest_points=None, labels: Sequence[str] | None = None,
                       title: str | None = None, ax=None):
    """Draw strategy trajectories of a 3-action player in the simplex.

    Parameters
    ----------
    trajectories : TrajectoryResult, array of shape ``(K, 3)``, or a list of these
        Results of a dynamics' ``run`` (the ``player``'s average or current strategy
        history is drawn) or raw arrays of probability vectors.
    player : int
        Whose strategies are drawn, for results.
    which : {"average", "current"}
        Which history of a result to draw.
    game : NormalFormGame, optional
        When given, the single-population replicator vector field of player ``player``'s
        payoff matrix is drawn underneath (``field=True``), and the action labels are taken
        from it.
    rest_points : array_like of shape ``(R, 3)``, optional
        Points marked with black dots (e.g. the rest points of the dynamics).
    labels : sequence of 3 str, optional
        Corner labels; default the game's action labels or ``"0", "1", "2"``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.games import catalog
    >>> t = np.linspace(0, 1, 50)[:, None]
    >>> path = (1 - t) * np.array([0.8, 0.1, 0.1]) + t / 3
    >>> fig = simplex_trajectory(path, game=catalog.get("rock-paper-scissors"),
    ...                          rest_points=[[1/3, 1/3, 1/3]])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['R', 'P', 'S']
    """
    if which not in ("average", "current"):
        raise InvalidOptionError(f"which must be 'average' or 'current', not {which!r}")
    items = trajectories if isinstance(trajectories, (list, tuple)) else [trajectories]
    rows = [_trajectory_rows(t, player, which) for t in items]
    if game is not None and game.num_actions[player] != 3:
        raise UnsupportedGameError(f"player {player} of this game has "
                                   f"{game.num_actions[player]} actions; a simplex plot "
                                   "needs 3")
    fig, ax = _figure_axes(ax, (5.2, 4.8))
    tri = np.vstack([_CORNERS, _CORNERS[:1]])
    ax.plot(tri[:, 0], tri[:, 1], color="black", lw=1)
    if game is not None and field:
        A = np.asarray(game.payoff_array[player], dtype=np.float64)
        if player == 1:
            A = A.T
        g = np.linspace(0.0, 1.0, 15)
        pts = np.array([[a, b, 1 - a - b] for a in g for b in g if a + b <= 1 + 1e-12])
        pts = np.clip(pts, 0.0, 1.0)
        vel = _replicator_field(A, pts)
        xy, dxy = pts @ _CORNERS, vel @ _CORNERS
        speed = np.hypot(dxy[:, 0], dxy[:, 1])
        norm = np.where(speed > 0, speed, 1.0)
        ax.quiver(xy[:, 0], xy[:, 1], dxy[:, 0] / norm, dxy[:, 1] / norm, speed,
                  cmap="Greys", alpha=0.6, angles="xy", scale_units="xy", scale=18,
                  width=0.004)
    for k, r in enumerate(rows):
        xy = simplex_coordinates(r)
        line, = ax.plot(xy[:, 0], xy[:, 1], lw=1.4, label=getattr(items[k], "dynamics",
                                                                   None))
        ax.plot(xy[:1, 0], xy[:1, 1], "o", color=line.get_color(), ms=4)
        ax.plot(xy[-1:, 0], xy[-1:, 1], "s", color=line.get_color(), ms=5)
    if rest_points is not None:
        rp = simplex_coordinates(np.atleast_2d(np.asarray(rest_points, dtype=np.float64)))
        ax.plot(rp[:, 0], rp[:, 1], "o", color="black", ms=6, zorder=5)
    if labels is None:
        labels = (list(game.actions[player]) if game is not None else ["0", "1", "2"])
    if len(labels) != 3:
        raise InvalidOptionError("labels must name the 3 corners")
    offsets = [(-0.04, -0.05), (0.04, -0.05), (0.0, 0.04)]
    for (x, y), (dx, dy), name, ha in zip(_CORNERS, offsets, labels,
                                          ("right", "left", "center")):
        ax.text(x + dx, y + dy, str(name), ha=ha, va="center")
    if any(getattr(i, "dynamics", None) for i in items):
        ax.legend(loc="upper right", fontsize="small", frameon=False)
    ax.set_aspect("equal")
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.1, 0.95)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return fig


def _as_named_results(results) -> list[tuple[str | None, Any]]:
    if isinstance(results, Mapping):
        return list(results.items())
    if isinstance(results, (list, tuple)):
        return [(None, r) for r in results]
    return [(None, results)]


def regret_curve(results, *, reference: bool = True, title: str | None = None, ax=None):
    """Average regret against iterations on log-log axes.

    Parameters
    ----------
    results : TrajectoryResult, list of them, or dict label -> TrajectoryResult
        Each result's ``regret_history`` (the largest player's average regret) and the
        distance to its target concept (``distance``: the CE gap for internal regret
        matching) are drawn against ``times``.
    reference : bool
        Draw a dashed ``C / sqrt(T)`` reference line through the first curve's first point.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _figure_axes(ax, (5.6, 4.0))
    first = None
    for label, r in _as_named_results(results):
        t = np.asarray(r.times, dtype=np.float64)
        reg = np.asarray(r.regret_history, dtype=np.float64)
        reg = reg.max(axis=1) if reg.ndim == 2 else reg
        keep = (t > 0) & (reg > 0)
        name = label or getattr(r, "dynamics", None) or "regret"
        ax.loglog(t[keep], reg[keep], lw=1.5, label=f"{name}: max average regret")
        dist = getattr(r, "distance", None)
        target = getattr(r, "target", None)
        if dist is not None and target == "ce":
            d = np.asarray(dist, dtype=np.float64)
            k = (t > 0) & (d > 0)
            ax.loglog(t[k], d[k], lw=1.2, ls="-.", label=f"{name}: CE gap of joint play")
        if first is None and np.any(keep):
            first = (t[keep][0], reg[keep][0], t[keep][-1])
    if reference and first is not None:
        t0, r0, t1 = first
        tt = np.geomspace(t0, t1, 20)
        ax.loglog(tt, r0 * np.sqrt(t0 / tt), "k--", lw=1, label=r"$\propto 1/\sqrt{T}$")
    ax.set_xlabel("iteration T")
    ax.set_ylabel("average regret")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize="small", frameon=False)
    if title:
        ax.set_title(title)
    return fig


def exploitability_curve(results, *, log: bool = True, title: str | None = None, ax=None):
    """Exploitability (NashConv) of the meta-strategy per PSRO iteration.

    Parameters
    ----------
    results : PSROResult, array of floats, list of them, or dict label -> either
        Each result's ``exploitability`` array is drawn against its iteration number.
    log : bool
        Logarithmic y axis (values at or below 1e-16 are drawn at 1e-16).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = exploitability_curve({"nash": [2.0, 1.0, 0.0], "uniform": [2.0, 1.5, 1.2]})
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['nash', 'uniform']
    """
    fig, ax = _figure_axes(ax, (5.6, 4.0))
    for label, r in _as_named_results(results):
        e = np.asarray(getattr(r, "exploitability", r), dtype=np.float64).ravel()
        if e.size == 0:
            continue
        name = label or getattr(r, "meta_solver", None) or "exploitability"
        it = np.arange(1, e.size + 1)
        ax.plot(it, np.maximum(e, 1e-16) if log else e, marker="o", ms=3, lw=1.4,
                label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("PSRO iteration")
    ax.set_ylabel("exploitability (NashConv)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize="small", frameon=False)
    if title:
        ax.set_title(title)
    return fig


def learning_curve(steps, returns, *, label: str | None = None, window: int = 1,
                   xlabel: str = "environment steps", ylabel: str = "return",
                   title: str | None = None, ax=None):
    """Return (or any metric) against training steps, optionally as a moving average.

    ``returns`` may be 2-D (seeds along the first axis): the mean is drawn with a band of
    one standard deviation.
    """
    x = np.asarray(steps, dtype=np.float64)
    y = np.asarray(returns, dtype=np.float64)
    if y.shape[-1] != x.shape[0]:
        raise InvalidOptionError(f"{x.shape[0]} steps but {y.shape[-1]} values")
    if int(window) < 1:
        raise InvalidOptionError("window must be at least 1")
    if window > 1:
        kernel = np.ones(int(window)) / int(window)
        smooth = lambda v: np.convolve(v, kernel, mode="valid")  # noqa: E731
        y = np.apply_along_axis(smooth, -1, y)
        x = x[int(window) - 1:]
    fig, ax = _figure_axes(ax, (5.6, 4.0))
    if y.ndim == 2:
        m, s = y.mean(axis=0), y.std(axis=0)
        line, = ax.plot(x, m, lw=1.5, label=label)
        ax.fill_between(x, m - s, m + s, color=line.get_color(), alpha=0.2)
    else:
        ax.plot(x, y, lw=1.5, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    if label:
        ax.legend(fontsize="small", frameon=False)
    if title:
        ax.set_title(title)
    return fig


def _polygon(ax, vertices, **kw):
    v = np.asarray(vertices, dtype=np.float64)
    if v.shape[0] == 0:
        return
    if v.shape[0] <= 2:
        ax.plot(v[:, 0], v[:, 1], "-o", ms=3, **{k: kw[k] for k in ("color", "label")
                                                 if k in kw})
        return
    from matplotlib.patches import Polygon
    ax.add_patch(Polygon(v, closed=True, **kw))


def payoff_region(game: NormalFormGame, *, pareto: bool = True, correlated: bool = True,
                  folk: bool = True, equilibria=None, title: str | None = None, ax=None):
    """The payoff sets of a 2-player game in the plane of payoff pairs.

    Draws the pure outcomes, the feasible set (their convex hull), its Pareto frontier,
    the payoff region of the correlated equilibria
    (:func:`~gametheory.solvers.correlated_payoff_region`), the feasible and individually
    rational region with the minmax point (:func:`~gametheory.concepts.folk_theorem_region`)
    and, when given, equilibrium payoffs (an EquilibriumResult, a list of Equilibrium
    objects or an array of payoff pairs).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> fig = payoff_region(catalog.get("chicken"))
    >>> sorted(t.get_label() for t in fig.axes[0].get_legend().get_texts()) != []
    True
    """
    from ..concepts import feasible_payoffs, folk_theorem_region, pareto_front
    from ..solvers import correlated_payoff_region
    if game.num_players != 2:
        raise UnsupportedGameError("payoff regions are drawn for 2-player games; this game "
                                   f"has {game.num_players} players")
    fig, ax = _figure_axes(ax, (5.2, 5.0))
    V = np.asarray(game.payoff_array, dtype=np.float64).reshape(2, -1).T
    hull = np.asarray(feasible_payoffs(game), dtype=np.float64)
    _polygon(ax, hull, facecolor="#dddddd", edgecolor="grey", lw=1, label="feasible")
    if folk:
        region = folk_theorem_region(game)
        _polygon(ax, region.vertices, facecolor="#9ecae1", edgecolor="#3182bd", lw=1,
                 alpha=0.7, label="feasible and individually rational")
        mm = np.asarray(region.minmax, dtype=np.float64)
        ax.plot([mm[0]], [mm[1]], "v", color="#08519c", ms=7, label="minmax point")
    if correlated:
        ce = correlated_payoff_region(game)
        _polygon(ax, ce, facecolor="#fdae6b", edgecolor="#e6550d", lw=1.2, alpha=0.8,
                 label="correlated equilibria")
    if pareto and hull.shape[0] >= 1:
        front = hull[pareto_front(hull)]
        front = front[np.argsort(front[:, 0])]
        ax.plot(front[:, 0], front[:, 1], "-", color="#31a354", lw=2.5,
                label="Pareto frontier")
    ax.plot(V[:, 0], V[:, 1], "ko", ms=4, label="pure outcomes")
    if equilibria is not None:
        pts = [getattr(e, "payoffs", e) for e in equilibria]
        P = np.atleast_2d(np.asarray(pts, dtype=np.float64))
        if P.size:
            ax.plot(P[:, 0], P[:, 1], "r*", ms=11, label="Nash equilibria")
    p1, p2 = game.players
    ax.set_xlabel(f"payoff of {p1}")
    ax.set_ylabel(f"payoff of {p2}")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small", frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    ax.autoscale_view()
    if title:
        ax.set_title(title)
    return fig


def save_figure(fig, path) -> str:
    """Write ``fig`` to ``path`` (format from the suffix) and close it; returns the path."""
    plt = _pyplot()
    path = os.fspath(path)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path
