"""Benchmark: all extreme Nash equilibria of seeded uniform random two-player games.

Compares :func:`gametheory.solvers._vertex_enumeration.vertex_enumeration` (float mode)
with QuantEcon's ``vertex_enumeration``, nashpy's ``Game.vertex_enumeration`` and, when
pygambit is importable, Gambit's ``enummixed_solve(rational=False)``, on the same games
(``generators.uniform_game((k, k), rng=seed)``, payoffs uniform on [0, 1]).

Every peer's equilibria are matched against ours (max difference 1e-6); the table reports
how many each method found and whether the sets agree on every seed; the script exits
with status 1 on a disagreement or an uncertified answer of ours.

Times: ours and QuantEcon run in this process, median over repeats; ``(enum)`` is our
time without building the result (vertex enumeration of both polytopes, matching and
coordinates, but not the ``Equilibrium.certify`` certificates).  nashpy and Gambit run in
a forked child killed after ``--cap`` seconds (default 30): once a call is stopped, the
method is skipped at that size's remaining seeds and at larger sizes; the table shows
``> 30 s`` when no seed of a size finished, ``(k/5)`` when only ``k`` did (their median),
and ``skipped`` for the larger sizes.
Medians over the seeds of a size; numba compilation happens before any timing, game
construction is excluded.

    python benchmarks/bench_vertex_enumeration.py            # 6x6 .. 15x15, 5 seeds
    python benchmarks/bench_vertex_enumeration.py --quick    # 6x6 .. 10x10, 3 seeds
    python benchmarks/bench_vertex_enumeration.py --json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import time
import warnings

import numpy as np

from gametheory.games import generators
from gametheory.solvers._vertex_enumeration import _REFACTOR_EVERY, vertex_enumeration
from gametheory.solvers._vertex_kernels import _float_search
from _common import gambit_available, median_time

FULL_SIZES = (6, 8, 10, 12, 15)
QUICK_SIZES = (6, 8, 10)


# ---------------------------------------------------------------------- the methods
def ours(game):
    res = vertex_enumeration(game)
    return [np.concatenate(e.strategies) for e in res], res


def quantecon_run(A, B):
    from quantecon.game_theory import NormalFormGame, Player, vertex_enumeration as qe_ve

    # QuantEcon indexes each player's payoffs by the player's own action first
    g = NormalFormGame((Player(A), Player(B.T)))
    return [np.concatenate(p) for p in qe_ve(g)]


def nashpy_run(A, B):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [np.concatenate(p) for p in nashpy.Game(A, B).vertex_enumeration()]


def gambit_run(A, B):
    import pygambit

    g = pygambit.Game.from_arrays(A, B)
    res = pygambit.nash.enummixed_solve(g, rational=False)
    return [np.array([float(eq[s]) for p in g.players for s in p.strategies])
            for eq in res.equilibria]


def _child(func, A, B, repeats, conn):
    times = []
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = func(A, B)
        times.append(time.perf_counter() - t0)
        if sum(times) > 2.0:
            break
    conn.send((statistics.median(times), [p.tolist() for p in out]))
    conn.close()


def capped(func, A, B, repeats, cap):
    """Run ``func(A, B)`` in a forked child; ``(median time, profiles)`` or ``None`` when
    it did not finish within ``cap`` seconds (the child is then killed)."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(func, A, B, repeats, send))
    proc.start()
    send.close()
    result = None
    if recv.poll(cap):
        try:
            t, profiles = recv.recv()
            result = (t, [np.array(p) for p in profiles])
        except EOFError:  # the child died
            result = None
    proc.kill()
    proc.join()
    return result


def agree(reference, found, atol=1e-6):
    """Same set of profiles (each matched within ``atol``), as a bool."""
    if len(reference) != len(found):
        return False
    left = list(found)
    for r in reference:
        k = next((k for k, f in enumerate(left)
                  if f.shape == r.shape and np.max(np.abs(f - r)) <= atol), None)
        if k is None:
            return False
        left.pop(k)
    return True


# ---------------------------------------------------------------------- the run
def run(sizes, seeds, repeats, cap, use_gambit):
    vertex_enumeration(generators.uniform_game((3, 3), rng=0))  # compile / load numba
    rows = []
    failed = False
    stopped = {"nashpy": False, "gambit": not use_gambit}
    for k in sizes:
        per = {"ours": [], "enum": [], "quantecon": [], "nashpy": [], "gambit": []}
        counts = {"ours": [], "quantecon": [], "nashpy": [], "gambit": []}
        agreement = {"quantecon": True, "nashpy": True, "gambit": True}
        capped_at = {"nashpy": False, "gambit": False}
        skipped = {"nashpy": False, "gambit": False}
        for seed in range(seeds):
            game = generators.uniform_game((k, k), rng=seed)
            A, B = (np.array(p) for p in game.payoffs)
            ref, res = ours(game)
            if not (res.complete and res.converged and res.max_regret <= 1e-9):
                print(f"UNCERTIFIED: {k}x{k} seed {seed}", file=sys.stderr)
                failed = True
            counts["ours"].append(len(ref))
            per["ours"].append(median_time(lambda: vertex_enumeration(game), repeats))
            per["enum"].append(median_time(lambda: _float_search(*game.payoffs, 1e-9,
                                                                  _REFACTOR_EVERY), repeats))

            qe = quantecon_run(A, B)
            counts["quantecon"].append(len(qe))
            agreement["quantecon"] &= agree(ref, qe)
            per["quantecon"].append(median_time(lambda: quantecon_run(A, B), repeats,
                                                budget=30.0))
            for name, func in (("nashpy", nashpy_run), ("gambit", gambit_run)):
                if stopped[name] or capped_at[name]:
                    if not capped_at[name]:
                        skipped[name] = True
                    continue
                out = capped(func, A, B, max(1, repeats // 3), cap)
                if out is None:
                    capped_at[name] = True
                    stopped[name] = True
                    continue
                t, profiles = out
                per[name].append(t)
                counts[name].append(len(profiles))
                agreement[name] &= agree(ref, profiles)
        row = {"size": f"{k}x{k}", "seeds": seeds, "equilibria": counts["ours"]}
        for name in ("ours", "enum", "quantecon", "nashpy", "gambit"):
            row[f"{name}_s"] = statistics.median(per[name]) if per[name] else None
        for name in ("quantecon", "nashpy", "gambit"):
            row[f"{name}_counts"] = counts[name]
            ran = bool(counts[name])
            row[f"{name}_agrees"] = agreement[name] if ran else None
            row[f"{name}_capped"] = capped_at.get(name, False)
            row[f"{name}_skipped"] = skipped.get(name, False) and not ran
            if ran and not agreement[name]:
                print(f"DISAGREEMENT: {name} at {k}x{k}: ours {counts['ours']}, "
                      f"{name} {counts[name]}", file=sys.stderr)
                failed = True
        rows.append(row)
    return rows, failed


def fmt_time(t):
    if t is None:
        return "-"
    if t < 1e-3:
        return f"{t * 1e6:.0f} us"
    if t < 1:
        return f"{t * 1e3:.2f} ms"
    return f"{t:.2f} s"


def fmt_ratio(t, ours):
    if t is None:
        return "-"
    x = t / ours
    return f"{x:,.0f}x" if x >= 10 else f"{x:.2g}x"


def print_table(rows, cap, use_gambit):
    names = ["quantecon", "nashpy"] + (["gambit"] if use_gambit else [])
    head = ["game", "#eq (per seed)", "ours", "(enum)"]
    for n in names:
        head += [n, "/ours", "same"]
    table = []
    for r in rows:
        line = [r["size"], ",".join(map(str, r["equilibria"])), fmt_time(r["ours_s"]),
                fmt_time(r["enum_s"])]
        for n in names:
            t = r[f"{n}_s"]
            if r[f"{n}_skipped"]:
                line += ["skipped", "-", "-"]
                continue
            if r[f"{n}_capped"] and t is None:
                line += [f"> {cap:g} s", "-", "-"]
                continue
            same = r[f"{n}_agrees"]
            ran = len(r[f"{n}_counts"])
            note = f" ({ran}/{r['seeds']})" if r[f"{n}_capped"] else ""
            line += [fmt_time(t) + note, fmt_ratio(t, r["ours_s"]),
                     "-" if same is None else ("yes" if same else "NO")]
        table.append(line)
    widths = [max(len(h), *(len(t[k]) for t in table)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) if k < 2 else h.rjust(w)
                    for k, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print("  ".join(c.ljust(w) if k < 2 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(t, widths))))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="6x6 .. 10x10, 3 seeds")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--seeds", type=int, default=None, help="games per size (5; quick 3)")
    ap.add_argument("--repeats", type=int, default=None, help="timing repeats (9; quick 5)")
    ap.add_argument("--cap", type=float, default=30.0,
                    help="seconds after which a nashpy or Gambit call is stopped")
    ap.add_argument("--no-gambit", action="store_true", help="skip pygambit")
    args = ap.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    seeds = args.seeds or (3 if args.quick else 5)
    repeats = args.repeats or (5 if args.quick else 9)
    use_gambit = gambit_available() and not args.no_gambit
    rows, failed = run(sizes, seeds, repeats, args.cap, use_gambit)
    if args.json:
        print(json.dumps({"python": platform.python_version(), "machine": platform.machine(),
                          "rows": rows}, indent=2))
    else:
        print(f"Python {platform.python_version()} on {platform.machine()}; uniform games, "
              f"{seeds} seeds per size; median times")
        print_table(rows, args.cap, use_gambit)
        print(f"(k/{seeds}): only k seeds finished within {args.cap:g} s, the next was stopped; "
              "'skipped': stopped at a smaller size.  'same': the method's equilibria equal "
              "ours on every seed it finished.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
