"""Benchmark: the welfare-maximising correlated equilibrium LP of seeded random games.

Compares three formulations of the same LP (maximise total payoff over the CE polytope):

* ``gametheory``: :func:`gametheory.solvers.correlated_equilibrium` (sparse constraint
  matrix built by broadcasting, one step per player; HiGHS through scipy; includes the
  certificate ``ce_gap``);
* ``cvxpy``: the straightforward cvxpy model, one constraint per (player, recommended
  action, deviation) written as ``p[rows] @ gains <= 0``, solved by Clarabel and by
  HiGHS (cvxpy's canonicalisation time included, as a user would see it);
* ``dense``: a dense ``A_ub`` filled by a Python loop over profiles (the textbook code),
  solved by scipy's HiGHS; the time to fill the matrix is shown separately.

Before timing, the script checks that every formulation reaches the same optimal welfare
(within 1e-6 relative) and exits with status 1 if not.  Game construction is excluded;
each time is the median of several repeats.

    python benchmarks/bench_correlated.py            # full run
    python benchmarks/bench_correlated.py --quick    # smaller games, fewer repeats
    python benchmarks/bench_correlated.py --json     # machine-readable output
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linprog

from gametheory.games import generators
from gametheory.solvers._correlated import correlated_equilibrium, incentive_constraints
from _common import fmt_time, time_calls

# (label, num_actions, seed, run the peers?)
FULL = [
    ("2p 30x30", (30, 30), 1, True),
    ("3p 10^3", (10, 10, 10), 2, True),
    ("4p 6^4", (6, 6, 6, 6), 3, True),
    ("5p 8^5", (8, 8, 8, 8, 8), 4, False),
]
QUICK = [
    ("2p 10x10", (10, 10), 1, True),
    ("3p 5^3", (5, 5, 5), 2, True),
    ("4p 4^4", (4, 4, 4, 4), 3, True),
]


# ---------------------------------------------------------------------- ours
def median_time(func, repeats, budget=None):
    """Median wall time and the number of calls made."""
    times, _ = time_calls(func, repeats, budget)
    return statistics.median(times), len(times)


def ours(game):
    return correlated_equilibrium(game, objective="welfare").objective_value


# ---------------------------------------------------------------------- cvxpy
def cvxpy_model(game):
    """One cvxpy constraint per (player, action, deviation): the way the LP is usually
    written in cvxpy."""
    import cvxpy as cp

    shape = game.num_actions
    N = game.num_profiles
    idx = np.arange(N).reshape(shape)
    p = cp.Variable(N, nonneg=True)
    cons = [cp.sum(p) == 1]
    for i, m in enumerate(shape):
        F = np.moveaxis(idx, i, 0).reshape(m, -1)
        U = np.moveaxis(game.payoffs[i], i, 0).reshape(m, -1)
        for a in range(m):
            for b in range(m):
                if a != b:
                    cons.append(p[F[a]] @ (U[b] - U[a]) <= 0)
    welfare = game.payoff_array.reshape(game.num_players, N).sum(axis=0)
    return cp.Problem(cp.Maximize(welfare @ p), cons)


@contextlib.contextmanager
def quiet_stdout():
    """Silence C-level writes to stdout (HiGHS prints a banner through cvxpy, which
    would corrupt ``--json`` output)."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def cvxpy_solve(game, solver):
    prob = cvxpy_model(game)
    with quiet_stdout():
        prob.solve(solver=solver)
    if prob.status != "optimal":
        raise SystemExit(f"cvxpy/{solver} ended with status {prob.status}")
    return prob.value


# ---------------------------------------------------------------------- dense
def dense_matrix(game):
    """The textbook construction: loop over every profile and every deviation."""
    shape = game.num_actions
    n = game.num_players
    N = game.num_profiles
    profiles = list(game.profiles())
    col = {prof: k for k, prof in enumerate(profiles)}
    row_of = {}
    for i, m in enumerate(shape):
        for a in range(m):
            for b in range(m):
                if a != b:
                    row_of[(i, a, b)] = len(row_of)
    A = np.zeros((len(row_of), N))
    for prof in profiles:
        k = col[prof]
        for i in range(n):
            a = prof[i]
            here = game.payoffs[i][prof]
            for b in range(shape[i]):
                if b != a:
                    dev = prof[:i] + (b,) + prof[i + 1:]
                    A[row_of[(i, a, b)], k] = game.payoffs[i][dev] - here
    return A


def dense_solve(game, A):
    N = game.num_profiles
    welfare = game.payoff_array.reshape(game.num_players, N).sum(axis=0)
    res = linprog(-welfare, A_ub=A, b_ub=np.zeros(A.shape[0]), A_eq=np.ones((1, N)),
                  b_eq=[1.0], bounds=(0, None), method="highs")
    if res.status != 0:
        raise SystemExit(f"dense HiGHS LP failed: {res.message}")
    return -res.fun


# ---------------------------------------------------------------------- main
def run(cases, repeats, peer_repeats):
    rows = []
    for label, shape, seed, peers in cases:
        game = generators.normal_game(shape, rng=seed)
        m = shape[0]
        row = {"game": label, "profiles": game.num_profiles,
               "constraints": sum(k * (k - 1) for k in shape), "seed": seed}
        value = ours(game)
        row["welfare"] = value
        row["ours_s"], row["ours_repeats"] = median_time(lambda: ours(game), repeats)
        row["ours_build_s"], _ = median_time(lambda: incentive_constraints(game), repeats)
        if peers:
            for solver in ("CLARABEL", "HIGHS"):
                v = cvxpy_solve(game, solver)
                if abs(v - value) > 1e-6 * max(1.0, abs(value)):
                    print(f"MISMATCH on {label}: gametheory {value!r}, cvxpy/{solver} {v!r}")
                    sys.exit(1)
                key = f"cvxpy_{solver.lower()}_s"
                row[key], _ = median_time(lambda: cvxpy_solve(game, solver), peer_repeats,
                                          budget=60.0)
            t0 = time.perf_counter()
            A = dense_matrix(game)
            row["dense_build_s"] = time.perf_counter() - t0
            v = dense_solve(game, A)
            if abs(v - value) > 1e-6 * max(1.0, abs(value)):
                print(f"MISMATCH on {label}: gametheory {value!r}, dense HiGHS {v!r}")
                sys.exit(1)
            row["dense_solve_s"], _ = median_time(lambda: dense_solve(game, A), peer_repeats,
                                                  budget=60.0)
        del m
        rows.append(row)
    return rows


def print_table(rows):
    head = ["game", "profiles", "rows", "gametheory", "(build)", "cvxpy+Clarabel",
            "cvxpy+HiGHS", "dense build", "dense solve"]
    table = []
    for r in rows:
        table.append([r["game"], f"{r['profiles']:,}", f"{r['constraints']:,}",
                      fmt_time(r["ours_s"]), fmt_time(r["ours_build_s"]),
                      fmt_time(r.get("cvxpy_clarabel_s")), fmt_time(r.get("cvxpy_highs_s")),
                      fmt_time(r.get("dense_build_s")), fmt_time(r.get("dense_solve_s"))])
    widths = [max(len(h), *(len(t[k]) for t in table)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) if k == 0 else h.rjust(w)
                    for k, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print("  ".join(c.ljust(w) if k == 0 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(t, widths))))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller games, fewer repeats")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--repeats", type=int, default=None,
                    help="repeats for gametheory (default 7, quick 3)")
    args = ap.parse_args(argv)
    cases = QUICK if args.quick else FULL
    repeats = args.repeats or (3 if args.quick else 7)
    peer_repeats = 2 if args.quick else 3
    import cvxpy
    rows = run(cases, repeats, peer_repeats)
    meta = {"python": platform.python_version(), "numpy": np.__version__,
            "scipy": scipy.__version__, "cvxpy": cvxpy.__version__,
            "machine": platform.machine()}
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows}, indent=2))
    else:
        print("Welfare-maximising correlated equilibrium (same optimum checked for all)")
        print(", ".join(f"{k} {v}" for k, v in meta.items()))
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
