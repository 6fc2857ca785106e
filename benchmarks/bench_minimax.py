"""Benchmark: value and optimal strategies of seeded random zero-sum games.

Compares :func:`gametheory.solvers._minimax.minimax` (``method="auto"``) on square games
with payoffs uniform on ``[-1, 1)`` (:func:`gametheory.games.generators.zero_sum_game`)
against

* scipy: :func:`scipy.optimize.linprog` with its default ``method="highs"`` on the textbook
  LP ``max v : A'x >= v 1, 1'x = 1, x >= 0`` (the column player's strategy from the
  inequality marginals) -- the call a user would write;
* QuantEcon: ``quantecon.optimize.minmax`` (a numba-compiled simplex; compiled before
  timing);
* nashpy: ``nashpy.Game(A, -A).linear_program()``;
* Gambit: ``pygambit.nash.lp_solve(game, rational=False)`` when pygambit is importable.

Every call runs in a child process with a time limit (``--timeout``): a library that
exceeds it at one size is not run at larger sizes.  Game construction is not timed (our
``NormalFormGame`` is built before the timed calls, as the peers get their matrix); a time
is the median of up to 51 calls (3 above 200x200, 1 above 500x500) that fit in 2 s.  For
every answer the script reports, from the returned strategies themselves (no clipping),
the duality gap ``max_i (A y)_i - min_j (x'A)_j``, the max regret, the smallest
probability (Gambit's float LP has returned negative ones) and the distance of the value
``x'Ay`` from ours; it exits with status 1 when a value disagrees with ours by more than
``1e-6`` or our gap exceeds ``1e-9``.

    python benchmarks/bench_minimax.py                    # sizes 100 500 1000 2000
    python benchmarks/bench_minimax.py --quick            # sizes 50 100 200
    python benchmarks/bench_minimax.py --sizes 300 600 --peers ours scipy
    python benchmarks/bench_minimax.py --json             # machine-readable output
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

from _common import fmt_time

PEERS = ("ours", "scipy", "quantecon", "nashpy", "gambit")
#: A library's repeats stop once they add up to this many seconds (at least one call).
_BUDGET = 2.0


def make_matrix(n: int, seed: int) -> np.ndarray:
    from gametheory.games.generators import zero_sum_game
    return np.array(zero_sum_game(n, rng=seed).payoffs[0])


# ---------------------------------------------------------------------- the libraries
def prepare_ours(A):
    from gametheory import NormalFormGame
    return NormalFormGame.zero_sum(A)  # built once, outside the timed calls


def run_ours(game):
    from gametheory.solvers._minimax import minimax
    res = minimax(game)
    x, y = res.equilibria[0].strategies
    return np.array(x), np.array(y), res.params.get("lp_method")


def run_scipy(A):
    from scipy.optimize import linprog
    m, n = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((n, 1))])
    A_eq = np.append(np.ones(m), 0.0)[None, :]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    if res.status != 0:
        raise RuntimeError(res.message)
    return res.x[:m], -res.ineqlin.marginals, "highs default"


def run_quantecon(A):
    from quantecon.optimize import minmax
    _, x, y = minmax(A)
    return np.asarray(x), np.asarray(y), "numba simplex"


def warm_quantecon():
    from quantecon.optimize import minmax
    minmax(np.array([[1.0, -1.0], [-1.0, 1.0]]))


def run_nashpy(A):
    import warnings
    import nashpy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(A, -A).linear_program()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float), "linear_program"


def run_gambit(A):
    import pygambit as gbt
    g = gbt.Game.from_arrays(A, -A)
    res = gbt.nash.lp_solve(g, rational=False)
    eq = res.equilibria[0]
    x, y = ([float(eq[p][s]) for s in p.strategies] for p in g.players)
    return np.array(x), np.array(y), "lp_solve float"


RUNNERS = {"ours": run_ours, "scipy": run_scipy, "quantecon": run_quantecon,
           "nashpy": run_nashpy, "gambit": run_gambit}
WARMUP = {"quantecon": warm_quantecon,
          "ours": lambda: run_ours(prepare_ours(np.array([[1.0, -1.0], [-1.0, 1.0]])))}
#: What a library is handed, made before timing (game construction is not timed).
PREPARE = {"ours": prepare_ours}


def _child(peer, n, seed, repeats, queue):
    try:
        A = make_matrix(n, seed)
        if peer in WARMUP:
            WARMUP[peer]()
        data = PREPARE.get(peer, lambda a: a)(A)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            x, y, note = RUNNERS[peer](data)
            times.append(time.perf_counter() - t0)
            if sum(times) > _BUDGET:
                break
        queue.put({"ok": True, "time": statistics.median(times), "runs": len(times),
                   "x": x, "y": y, "note": note})
    except Exception as exc:  # report, do not crash the benchmark
        queue.put({"ok": False, "error": f"{type(exc).__name__}: {exc}"})


def timed_call(peer, n, seed, repeats, timeout):
    """Run one library in a child process; ``None`` on timeout."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(peer, n, seed, repeats, queue))
    proc.start()
    try:
        out = queue.get(timeout=timeout)
    except Exception:
        out = None
    proc.join(timeout=5)
    if proc.is_alive():
        proc.terminate()
        proc.join()
    return out


def certificate(A, x, y):
    """Gap, max regret, smallest probability and value of raw strategies."""
    upper = float((A @ y).max())
    lower = float((x @ A).min())
    value = float(x @ A @ y)
    return {"gap": upper - lower, "max_regret": max(upper - value, value - lower),
            "min_prob": float(min(x.min(), y.min())), "value": value,
            "sum_err": float(max(abs(x.sum() - 1), abs(y.sum() - 1)))}


def available(peer):
    mod = {"quantecon": "quantecon", "nashpy": "nashpy", "gambit": "pygambit"}.get(peer)
    if mod is None:
        return True
    try:
        __import__(mod)
        return True
    except ImportError:
        return False


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=None)
    ap.add_argument("--quick", action="store_true", help="sizes 50 100 200")
    ap.add_argument("--peers", nargs="+", choices=PEERS, default=list(PEERS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds per library call (default 120)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([50, 100, 200] if args.quick else [100, 500, 1000, 2000])
    peers = [p for p in args.peers if available(p)]
    if "ours" not in peers:
        peers.insert(0, "ours")
    timed_out: set[str] = set()
    rows = []
    failed = False
    for n in sizes:
        A = make_matrix(n, args.seed + n)
        # medians of many calls where a call is short (small games vary by 2x from call
        # to call on a shared machine), within _BUDGET seconds per library
        repeats = 51 if n <= 200 else 3 if n <= 500 else 1
        ours_value = ours_time = None
        for peer in peers:
            row = {"size": n, "library": peer}
            if peer in timed_out:
                row["status"] = "skipped (timed out at a smaller size)"
                rows.append(row)
                if not args.json:
                    print(_format(row), flush=True)
                continue
            out = timed_call(peer, n, args.seed + n, repeats, args.timeout)
            if out is None:
                timed_out.add(peer)
                row["status"] = f"timeout > {args.timeout:g} s"
            elif not out["ok"]:
                row["status"] = "error: " + out["error"]
            else:
                cert = certificate(A, np.asarray(out["x"], float), np.asarray(out["y"], float))
                row.update(status="ok", time=out["time"], runs=out["runs"], note=out["note"],
                           **cert)
                if peer == "ours":
                    ours_value, ours_time = cert["value"], out["time"]
                    if cert["gap"] > 1e-9 or cert["min_prob"] < 0:
                        failed = True
                if ours_value is not None:
                    row["value_diff"] = abs(cert["value"] - ours_value)
                    if row["value_diff"] > 1e-6:
                        failed = True
                if ours_time:
                    row["ratio"] = out["time"] / ours_time
            rows.append(row)
            if not args.json:
                print(_format(row), flush=True)
    if args.json:
        print(json.dumps({"python": platform.python_version(), "machine": platform.machine(),
                          "rows": rows}, indent=1))
    return 1 if failed else 0


def _format(row):
    head = f"{row['size']:>5}  {row['library']:<10}"
    if row.get("status") != "ok":
        return f"{head}  {row.get('status')}"
    return (f"{head}  {fmt_time(row['time']):>9}  x{row.get('ratio', 1.0):7.2f}  "
            f"gap {row['gap']:9.2e}  regret {row['max_regret']:9.2e}  "
            f"min p {row['min_prob']:10.2e}  |dv| {row.get('value_diff', 0.0):8.1e}  "
            f"({row['note']}, {row['runs']} run{'s' if row['runs'] > 1 else ''})")


if __name__ == "__main__":
    sys.exit(main())
