"""Benchmark: iterations per second of learning dynamics on seeded uniform random games.

Compares :mod:`gametheory.learning` with the peers that implement the same dynamics on
the same seeded ``n x n`` uniform random games (``generators.uniform_game``), in one
process:

* fictitious play: ours (``FictitiousPlay``, numba, ``O(m + n)`` per round) against
  QuantEcon's ``quantecon.game_theory.FictitiousPlay.play`` and nashpy's
  ``Game.fictitious_play`` (all three start from the same pure beliefs; QuantEcon's
  smallest-index tie-breaking gives exactly our beliefs, which the script checks, and
  nashpy's play counts are checked too);
* regret matching, expected ("vanilla") play: ours (``RegretMatching``) against
  OpenSpiel's ``open_spiel.python.algorithms.regret_matching.regret_matching`` (with
  ``gamma=0``, the same update) and nashpy's ``Game.regret_minimization`` (a different,
  fixed-learning-rate update of the same cost: two matrix-vector products per round);
  ours skips the actions of zero probability in its matrix-vector products, and regret
  matching's strategies concentrate on few actions in these games, which is why it runs
  far faster than two dense products per round; ours with sampled play and Hedge (whose
  strategies are dense, so two full products plus ``m + n`` exponentials per round: the
  dense cost) are listed without peers;
* replicator dynamics, Euler steps: ours (``Replicator(method="discrete")``, two
  populations) against OpenSpiel's ``egt.dynamics.MultiPopulationDynamics`` with
  ``dynamics.replicator``, stepped ``x += dt * f(x)`` in a Python loop (OpenSpiel gives
  the vector field only).  A "point" is one state of the trajectory; the points/s column
  counts state entries, ``steps * (m + n)``.

BLAS runs with one thread by default (``--blas-threads``; the peers' numpy products use
BLAS, our kernels do not): on this shared two-core machine two OpenBLAS threads made the
peers' 1000x1000 runs up to five times slower and their timings erratic.

Times are medians of 3 runs after a warm-up call (numba's cached kernels load there; the
warm-up time is printed).  Iteration counts are calibrated per library so that one run
takes about ``--budget`` seconds (slow peers run fewer iterations), and are printed.
Our runs include everything ``run()`` does (history of about 1000 records, result object,
certificate).

    python benchmarks/bench_dynamics.py              # 100x100 and 1000x1000
    python benchmarks/bench_dynamics.py --quick      # 100x100 only, shorter budget
    python benchmarks/bench_dynamics.py --json
"""

from __future__ import annotations

import argparse
import collections
import json
import platform
import statistics
import sys
import time
import warnings

import numpy as np

from gametheory.games import generators
from gametheory.learning import FictitiousPlay, Hedge, RegretMatching, Replicator

SEED = 0


def _game(n):
    return generators.uniform_game((n, n), rng=SEED)


# ---------------------------------------------------------------------- measurement
def measure(make_run, budget, start=10, cap=10**9):
    """``make_run(iters)`` returns a zero-argument callable doing ``iters`` iterations.
    Returns ``(iterations/s, iterations per run, warm-up seconds)``."""
    t0 = time.perf_counter()
    make_run(start)()
    warm = time.perf_counter() - t0
    iters = start
    while True:
        t0 = time.perf_counter()
        make_run(iters)()
        t = time.perf_counter() - t0
        if t >= budget / 2 or iters >= cap:
            break
        iters = int(min(cap, iters * min(10.0, max(2.0, budget / max(t, 1e-6)))))
    times = []
    for _ in range(3):
        fn = make_run(iters)
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return iters / statistics.median(times), iters, warm


# ---------------------------------------------------------------------- runners
def ours_fp(g):
    return lambda k: (lambda: FictitiousPlay(g, initial=[0, 0]).run(k))


def ours_rm(g, sampled=False):
    return lambda k: (lambda: RegretMatching(g, sampled=sampled, rng=1).run(k))


def ours_hedge(g):
    return lambda k: (lambda: Hedge(g).run(k))


def ours_replicator(g):
    return lambda k: (lambda: Replicator(g, step_size=0.01).run(k))


def quantecon_fp(g):
    from quantecon.game_theory import FictitiousPlay as QFP
    from quantecon.game_theory import NormalFormGame as QGame
    from quantecon.game_theory import Player

    A, B = (np.array(p) for p in g.payoffs)
    q = QFP(QGame([Player(A), Player(np.ascontiguousarray(B.T))]))
    m, n = A.shape
    init = (np.eye(m)[0], np.eye(n)[0])
    return lambda k: (lambda: q.play(actions=init, num_reps=k))


def nashpy_fp(g):
    import nashpy

    A, B = (np.array(p) for p in g.payoffs)
    ng = nashpy.Game(A, B)
    m, n = A.shape
    init = [np.eye(m)[0], np.eye(n)[0]]
    return lambda k: (lambda: collections.deque(
        ng.fictitious_play(iterations=k, play_counts=init), maxlen=1))


def nashpy_rm(g):
    import nashpy

    A, B = (np.array(p) for p in g.payoffs)
    ng = nashpy.Game(A, B)

    def run(k):
        def go():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return list(ng.regret_minimization(learning_rate=0.1, iterations=k))
        return go
    return run


def openspiel_rm(g):
    from open_spiel.python.algorithms import regret_matching

    payoffs = [np.array(p) for p in g.payoffs]
    return lambda k: (lambda: regret_matching.regret_matching(
        payoffs, iterations=k, gamma=0.0))


def openspiel_replicator(g):
    from open_spiel.python.egt import dynamics

    tensor = np.array(g.payoff_array)
    dyn = dynamics.MultiPopulationDynamics(tensor, dynamics.replicator)
    m, n = g.num_actions
    x0 = np.concatenate([np.full(m, 1 / m), np.full(n, 1 / n)])

    def run(k):
        def go():
            x = x0.copy()
            for _ in range(k):
                x = x + 0.01 * dyn(x)
            return x
        return go
    return run


def available(mod):
    try:
        __import__(mod)
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------- checks
def _numpy_regret_matching(A, B, T):
    """Expected regret matching written out in numpy (dense products): the reference the
    sparse kernel must reproduce."""
    m, n = A.shape
    x, y = np.full(m, 1 / m), np.full(n, 1 / n)
    rx, ry = np.zeros(m), np.zeros(n)
    sx, sy = np.zeros(m), np.zeros(n)
    for _ in range(T):
        vx, vy = A @ y, x @ B
        sx += x
        sy += y
        rx += vx - x @ vx
        ry += vy - vy @ y
        px, py = np.maximum(rx, 0), np.maximum(ry, 0)
        x = px / px.sum() if px.sum() > 0 else np.full(m, 1 / m)
        y = py / py.sum() if py.sum() > 0 else np.full(n, 1 / n)
    return sx / T, sy / T


def check_agreement(g):
    """Our fictitious play against QuantEcon (same beliefs) and nashpy (same counts); our
    regret matching against a dense numpy implementation."""
    out = {}
    A, B = (np.array(p) for p in g.payoffs)
    ref = _numpy_regret_matching(A, B, 2000)
    res = RegretMatching(g).run(2000)
    out["numpy_rm_max_abs_diff"] = float(max(
        np.abs(a - b).max() for a, b in zip(res.average_strategies, ref)))
    k = 300
    ours = FictitiousPlay(g, initial=[0, 0]).run(k)
    if available("quantecon"):
        qe = quantecon_fp(g)(k)()
        out["quantecon_fp_max_abs_diff"] = float(max(
            np.abs(a - b).max() for a, b in zip(ours.average_strategies, qe)))
    if available("nashpy"):
        counts = nashpy_fp(g)(k)()[0]
        out["nashpy_fp_max_count_diff"] = float(max(
            np.abs(a * (k + 1) - c).max() for a, c in zip(ours.average_strategies, counts)))
    return out


# ---------------------------------------------------------------------- main
def run(sizes, budget):
    rows = []
    for n in sizes:
        g = _game(n)
        sm = 2 * n  # state entries of a two-population replicator
        cases = [
            ("fictitious play", "gametheory", ours_fp(g), True),
            ("fictitious play", "QuantEcon", quantecon_fp, available("quantecon")),
            ("fictitious play", "nashpy", nashpy_fp, available("nashpy")),
            ("regret matching", "gametheory", ours_rm(g), True),
            ("regret matching", "OpenSpiel", openspiel_rm, available("open_spiel")),
            ("regret matching", "nashpy regret_minimization*", nashpy_rm,
             available("nashpy")),
            ("regret matching (sampled)", "gametheory", ours_rm(g, sampled=True), True),
            ("hedge (dense strategies)", "gametheory", ours_hedge(g), True),
            ("replicator (Euler)", "gametheory", ours_replicator(g), True),
            ("replicator (Euler)", "OpenSpiel", openspiel_replicator,
             available("open_spiel")),
        ]
        for algo, lib, maker, ok in cases:
            if not ok:
                continue
            make_run = maker if lib == "gametheory" else maker(g)
            rate, iters, warm = measure(make_run, budget)
            row = {"n": n, "algorithm": algo, "library": lib, "it_per_s": rate,
                   "iterations": iters, "warmup_s": warm}
            if algo.startswith("replicator"):
                row["points_per_s"] = rate * sm
            rows.append(row)
            print(f"  {n}x{n} {algo:26s} {lib:28s} {rate:14,.0f} it/s ({iters} it)",
                  file=sys.stderr, flush=True)
    return rows


def print_table(rows, agreement):
    ours = {(r["n"], r["algorithm"]): r["it_per_s"] for r in rows
            if r["library"] == "gametheory"}
    head = ["game", "dynamics", "library", "iterations/s", "iterations run",
            "points/s", "ours / peer", "warm-up"]
    lines = []
    for r in rows:
        o = ours.get((r["n"], r["algorithm"]))
        ratio = "-" if r["library"] == "gametheory" or o is None \
            else f"{o / r['it_per_s']:,.1f}x"
        pts = f"{r['points_per_s']:,.0f}" if "points_per_s" in r else "-"
        lines.append([f"{r['n']}x{r['n']}", r["algorithm"], r["library"],
                      f"{r['it_per_s']:,.0f}", f"{r['iterations']:,}", pts, ratio,
                      f"{r['warmup_s'] * 1e3:.0f} ms"])
    widths = [max(len(h), *(len(t[k]) for t in lines)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("  ".join("-" * w for w in widths))
    for t in lines:
        print("  ".join(c.ljust(w) if k < 3 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(t, widths))))
    print("\n* nashpy's regret_minimization is a fixed-learning-rate regret update, not "
          "regret matching; same cost per round (two matrix-vector products).")
    print("points/s = Euler steps/s x (m + n) state entries.  Agreement checks on the "
          "100x100 game (300 rounds of fictitious play, 2000 of regret matching):",
          agreement)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100x100 only, 0.5 s budget")
    ap.add_argument("--sizes", type=str, default=None, help="comma-separated sizes")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds per timed run (default 1.5, quick 0.5)")
    ap.add_argument("--blas-threads", type=int, default=1,
                    help="BLAS threads for numpy (0: leave the default)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.blas_threads > 0:
        try:
            from threadpoolctl import threadpool_limits
            threadpool_limits(limits=args.blas_threads, user_api="blas")
        except ImportError:
            print("threadpoolctl missing: BLAS threads left at the default", file=sys.stderr)
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
             else [100] if args.quick else [100, 1000])
    budget = args.budget or (0.5 if args.quick else 1.5)
    agreement = check_agreement(_game(100))
    rows = run(sizes, budget)
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "seed": SEED, "budget_s": budget, "blas_threads": args.blas_threads}
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows, "agreement": agreement}, indent=2))
        return 0
    print(f"Learning dynamics on uniform random n x n games (seed {SEED}), median of 3 "
          f"runs of about {budget:g} s each, BLAS threads {args.blas_threads or 'default'} "
          f"(Python {meta['python']}, {meta['machine']})\n")
    print_table(rows, agreement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
