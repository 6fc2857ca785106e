"""Benchmark: all Nash equilibria of seeded uniform random two-player games.

Compares :func:`gametheory.solvers.support_enumeration` -- its default full search (which
also decides degeneracy) and ``nondegenerate=True`` (which skips the parts of that search
only the degeneracy test needs) -- with QuantEcon's ``support_enumeration``, nashpy's
``Game.support_enumeration`` and, when pygambit is importable, Gambit's
``enummixed_solve`` (float arithmetic), on the same games.

Every method's equilibria are matched against ours (max difference 1e-6); the table
reports the counts, and a peer that finds fewer equilibria is listed as missing them.  The
script exits with status 1 when a peer finds an equilibrium we do not, or when ours are
not certified.  nashpy runs only at sizes where one call takes less than 30 s (up to 8x8
by default, ``--nashpy-max-size``; it also stops once a call exceeds
``--nashpy-budget``); the sizes it skips are noted.  Times are medians over repeats
(fewer when one call is slow), then medians over the seeds
of a size; numba compilation happens before any timing, game construction is excluded.

    python benchmarks/bench_support_enumeration.py            # 6x6 .. 12x12, 5 seeds
    python benchmarks/bench_support_enumeration.py --quick    # 6x6 .. 10x10, 3 seeds
    python benchmarks/bench_support_enumeration.py --json
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
import warnings

import numpy as np

from gametheory.games import generators
from gametheory.solvers._support_enumeration import support_enumeration
from _common import fmt_time, gambit_available, median_time

FULL_SIZES = (6, 8, 10, 12)
QUICK_SIZES = (6, 8, 10)


# ---------------------------------------------------------------------- the methods
def ours(game, **kw):
    res = support_enumeration(game, **kw)
    return [np.concatenate(e.strategies) for e in res], res


def quantecon(game):
    from quantecon.game_theory import NormalFormGame as QGame, Player
    from quantecon.game_theory import support_enumeration as qe_support_enumeration

    A, B = (np.asarray(p) for p in game.payoffs)
    qgame = QGame((Player(A), Player(np.ascontiguousarray(B.T))))  # own action first
    return lambda: [np.concatenate(p) for p in qe_support_enumeration(qgame)]


def nashpy(game):
    import nashpy as nash

    A, B = (np.asarray(p) for p in game.payoffs)
    g = nash.Game(A, B)

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [np.concatenate(p) for p in g.support_enumeration()]
    return run


def gambit(game):
    import pygambit

    g = pygambit.Game.from_arrays(*[np.asarray(p) for p in game.payoffs])

    def run():
        res = pygambit.nash.enummixed_solve(g, rational=False)
        return [np.array([float(eq[s]) for p in g.players for s in p.strategies])
                for eq in res.equilibria]
    return run


def compare(reference, found, atol=1e-6):
    """(missed, extra): how many of ``reference`` are not in ``found`` and vice versa."""
    def count_missing(a, b):
        return sum(not any(np.abs(x - y).max() <= atol for y in b) for x in a)
    return count_missing(reference, found), count_missing(found, reference)


# ---------------------------------------------------------------------- main
def run(sizes, seeds, repeats, nashpy_budget, nashpy_max_size, use_gambit):
    # compile (or load the cached) numba kernels, and QuantEcon's, outside every timing
    warm = generators.uniform_game((4, 4), rng=0)
    ours(warm)
    ours(warm, nondegenerate=True)
    quantecon(warm)()
    nashpy_ok = True
    rows = []
    notes = []
    status = 0
    for size in sizes:
        if size > nashpy_max_size and nashpy_ok:
            nashpy_ok = False
            notes.append(f"nashpy skipped from {size}x{size} on (--nashpy-max-size "
                         f"{nashpy_max_size}): one call would take over 30 s")
        for seed in seeds:
            game = generators.uniform_game((size, size), rng=seed)
            row = {"size": size, "seed": seed}
            ref, res = ours(game)
            row["eq"] = len(ref)
            row["degenerate"] = res.params["degenerate"]
            row["complete"] = res.complete
            if not all(e.max_regret <= 1e-9 for e in res):
                notes.append(f"{size}x{size} seed {seed}: an equilibrium of ours fails the "
                             "certificate")
                status = 1
            row["ours_s"] = median_time(lambda: ours(game), repeats, budget=20)
            fast, _ = ours(game, nondegenerate=True)
            if compare(ref, fast) != (0, 0):
                notes.append(f"{size}x{size} seed {seed}: nondegenerate=True differs")
                status = 1
            row["ours_nd_s"] = median_time(lambda: ours(game, nondegenerate=True), repeats,
                                           budget=20)
            peers = [("quantecon", quantecon(game), True)]
            peers.append(("nashpy", nashpy(game), nashpy_ok))
            if use_gambit:
                peers.append(("gambit", gambit(game), True))
            for name, func, enabled in peers:
                if not enabled:
                    row[name + "_s"] = None
                    row[name + "_eq"] = None
                    continue
                t0 = time.perf_counter()
                found = func()
                first = time.perf_counter() - t0
                missed, extra = compare(ref, found)
                row[name + "_eq"] = len(found)
                row[name + "_missed"] = missed
                if missed:
                    notes.append(f"{size}x{size} seed {seed}: {name} missed {missed} of "
                                 f"{len(ref)} equilibria")
                if extra:
                    notes.append(f"{size}x{size} seed {seed}: {name} found {extra} "
                                 "equilibria we did not")
                    status = 1
                if name == "nashpy":
                    row[name + "_s"] = first  # one call: nashpy is slow
                    if first > nashpy_budget:
                        nashpy_ok = False
                        notes.append(f"nashpy took {first:.1f} s at {size}x{size} (over "
                                     f"{nashpy_budget:g} s): skipped for the remaining games")
                else:
                    row[name + "_s"] = median_time(func, max(1, repeats // 2), budget=20)
            rows.append(row)
    return rows, notes, status


def fmt_ratio(x):
    if x is None:
        return "-"
    return f"{x:,.0f}x" if x >= 10 else f"{x:.2g}x"


def summarise(rows, use_gambit):
    """One line per size: medians over the seeds."""
    peers = ["quantecon", "nashpy"] + (["gambit"] if use_gambit else [])
    out = []
    for size in sorted({r["size"] for r in rows}):
        rs = [r for r in rows if r["size"] == size]
        line = {"size": f"{size}x{size}", "games": len(rs),
                "eq": "/".join(str(r["eq"]) for r in rs),
                "ours_s": statistics.median(r["ours_s"] for r in rs),
                "ours_nd_s": statistics.median(r["ours_nd_s"] for r in rs)}
        for p in peers:
            times = [r[p + "_s"] for r in rs if r.get(p + "_s") is not None]
            line[p + "_s"] = statistics.median(times) if times else None
            counts = [r.get(p + "_eq") for r in rs]
            line[p + "_eq"] = "/".join("-" if c is None else str(c) for c in counts)
        out.append(line)
    return out


def print_table(summary, use_gambit):
    peers = [("quantecon", "QuantEcon"), ("nashpy", "nashpy")]
    if use_gambit:
        peers.append(("gambit", "Gambit"))
    head = ["size", "#eq ours", "ours", "ours nd=True"]
    for _, label in peers:
        head += [f"#eq {label}", label, f"{label}/ours"]
    table = []
    for s in summary:
        line = [s["size"], s["eq"], fmt_time(s["ours_s"]), fmt_time(s["ours_nd_s"])]
        for key, _ in peers:
            t = s[key + "_s"]
            line += [s[key + "_eq"], fmt_time(t),
                     fmt_ratio(t / s["ours_s"]) if t is not None else "-"]
        table.append(line)
    widths = [max(len(h), *(len(t[k]) for t in table)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) if k == 0 else h.rjust(w)
                    for k, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print("  ".join(c.ljust(w) if k == 0 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(t, widths))))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="6x6 to 10x10, 3 seeds")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--seeds", type=int, default=None, help="games per size (5; quick 3)")
    ap.add_argument("--repeats", type=int, default=None, help="timing repeats (7; quick 3)")
    ap.add_argument("--nashpy-budget", type=float, default=30.0,
                    help="skip nashpy for the remaining games once one call exceeds this (s)")
    ap.add_argument("--nashpy-max-size", type=int, default=8,
                    help="largest size nashpy runs at (default 8: one 10x10 game takes "
                         "nashpy about 28 s on a quiet machine, three minutes under load)")
    ap.add_argument("--no-gambit", action="store_true", help="leave pygambit out")
    args = ap.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    seeds = range(args.seeds or (3 if args.quick else 5))
    repeats = args.repeats or (3 if args.quick else 7)
    use_gambit = not args.no_gambit and gambit_available()
    rows, notes, status = run(sizes, seeds, repeats, args.nashpy_budget,
                              args.nashpy_max_size, use_gambit)
    summary = summarise(rows, use_gambit)
    if args.json:
        print(json.dumps({"python": platform.python_version(), "rows": rows,
                          "summary": summary, "notes": notes}, indent=1))
    else:
        print(f"All Nash equilibria, seeded uniform random games (seeds 0..{len(seeds) - 1} "
              f"per size); times are medians over seeds; '#eq' lists counts per seed.")
        print_table(summary, use_gambit)
        if not use_gambit:
            print("(pygambit not importable: Gambit left out)")
        for note in notes:
            print("note:", note)
    return status


if __name__ == "__main__":
    sys.exit(main())
