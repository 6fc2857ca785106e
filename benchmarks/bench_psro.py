"""Benchmark: double oracle (PSRO with the "nash" meta-solver and the exact oracle) on
seeded random zero-sum games, against solving the whole LP and against OpenSpiel's PSRO.

For each size ``n`` and seed, the game is ``zero_sum_game(n, rng=seed)`` (payoffs uniform
on ``[-1, 1)``).  Reported:

* ``psro``: ``PSRO(game, meta_solver="nash").run(...)`` to termination (median wall time
  of ``--repeats`` runs after one warm-up run that compiles the numba kernels), its
  iterations, final population sizes, final NashConv (recomputed by
  :func:`gametheory.concepts.nash_conv`) and ``|value - LP value|``;
* ``lp``: :func:`gametheory.solvers.minimax` on the full game (median, after warm-up);
* ``openspiel`` (``--peers openspiel``, when ``open_spiel`` imports): ``psro_v2.PSROSolver``
  on ``pyspiel.create_matrix_game`` made turn-based, with its exact best-response oracle
  (C++ backend), ``meta_strategy_method="nash"`` (its LP through cvxpy; ECOS, its default,
  is not installed here, so Clarabel is used), one simulation per meta-game entry (pure
  profiles of a matrix game are deterministic, so the entries are exact), for as many
  iterations as ours needed; its final NashConv is recomputed here from its meta-strategy.
  Run once, in a child process with ``--timeout``.

    python benchmarks/bench_psro.py                       # sizes 100 200 300, 3 seeds
    python benchmarks/bench_psro.py --quick               # sizes 50 100, 1 seed
    python benchmarks/bench_psro.py --peers ours openspiel --sizes 100 200
    python benchmarks/bench_psro.py --json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _common import fmt_time  # noqa: E402


def run_ours(n, seed, repeats):
    from gametheory.concepts import nash_conv
    from gametheory.games.generators import zero_sum_game
    from gametheory.psro import PSRO
    from gametheory.solvers import minimax
    g = zero_sum_game(n, rng=seed)
    PSRO(zero_sum_game(20, rng=0)).run(50)  # warm-up: numba kernels, imports
    minimax(zero_sum_game(20, rng=0))
    times, res = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        res = PSRO(g, meta_solver="nash").run(10 * n)
        times.append(time.perf_counter() - t0)
    lp_times, lp = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        lp = minimax(g)
        lp_times.append(time.perf_counter() - t0)
    return {"n": n, "seed": seed, "psro_time": statistics.median(times),
            "iterations": res.num_iter, "population": res.population_sizes[-1].tolist(),
            "nash_conv": nash_conv(g, res.meta_strategies),
            "value_error": abs(res.value - lp.value), "lp_time": statistics.median(lp_times),
            "lp_value": lp.value}


def _openspiel_child(n, seed, iterations, queue):
    try:
        import pyspiel
        from open_spiel.python.algorithms import lp_solver
        from open_spiel.python.algorithms.psro_v2 import best_response_oracle, psro_v2
        from gametheory.concepts import nash_conv
        from gametheory.games.generators import zero_sum_game
        lp_solver.LinearProgram.solve.__defaults__ = ("CLARABEL", {})
        g = zero_sum_game(n, rng=seed)
        A = np.array(g.payoffs[0])
        game = pyspiel.convert_to_turn_based(
            pyspiel.create_matrix_game(A.tolist(), (-A).tolist()))
        t0 = time.perf_counter()
        oracle = best_response_oracle.BestResponseOracle(game=game,
                                                         best_response_backend="cpp")
        solver = psro_v2.PSROSolver(game, oracle, sims_per_entry=1,
                                    training_strategy_selector="probabilistic",
                                    meta_strategy_method="nash")
        for _ in range(iterations):
            solver.iteration()
        elapsed = time.perf_counter() - t0
        root = game.new_initial_state()
        states = [root, root.child(0)]
        strategies = []
        for i, (pols, w) in enumerate(zip(solver.get_policies(),
                                          solver.get_meta_strategies())):
            x = np.zeros(n)
            for p, wk in zip(pols, w):
                for a, prob in p.action_probabilities(states[i]).items():
                    x[a] += wk * prob
            strategies.append(x / x.sum())
        queue.put({"time": elapsed, "population": [len(p) for p in solver.get_policies()],
                   "nash_conv": nash_conv(g, strategies)})
    except Exception as exc:  # reported, not raised: a peer's failure is a result
        queue.put({"error": f"{type(exc).__name__}: {exc}"})


def run_openspiel(n, seed, iterations, timeout):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_openspiel_child, args=(n, seed, iterations, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return {"error": f"timeout ({timeout:g} s)"}
    return queue.get() if not queue.empty() else {"error": "no result"}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 300])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--peers", nargs="+", default=["ours"], choices=["ours", "openspiel"])
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.seeds, args.repeats = [50, 100], [1], 2
    rows = []
    for n in args.sizes:
        for seed in args.seeds:
            row = run_ours(n, seed, args.repeats)
            if "openspiel" in args.peers:
                row["openspiel"] = run_openspiel(n, seed, row["iterations"], args.timeout)
            rows.append(row)
            if not args.json:
                os_txt = ""
                if "openspiel" in row:
                    o = row["openspiel"]
                    os_txt = (f"  openspiel {o['error']}" if "error" in o else
                              f"  openspiel {fmt_time(o['time'])} pop {o['population']} "
                              f"NashConv {o['nash_conv']:.1e}")
                print(f"{n}x{n} seed {seed}: psro {fmt_time(row['psro_time'])} "
                      f"({row['iterations']} it, pop {row['population']}, NashConv "
                      f"{row['nash_conv']:.1e}, |v - v_LP| {row['value_error']:.1e})  "
                      f"lp {fmt_time(row['lp_time'])}{os_txt}", flush=True)
    if args.json:
        print(json.dumps({"machine": platform.platform(), "rows": rows}, indent=1))
    bad = [r for r in rows if r["nash_conv"] > 1e-6 or r["value_error"] > 1e-8]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
