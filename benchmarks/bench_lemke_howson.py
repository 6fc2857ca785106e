"""Benchmark: one Nash equilibrium of seeded uniform random games by Lemke-Howson.

Compares :func:`gametheory.solvers.lemke_howson` (numba kernel, compiled before timing)
with QuantEcon's ``quantecon.game_theory.lemke_howson`` on the same games and the same
initial dropped label (both follow the same path on nondegenerate games, so the pivot
counts agree), with nashpy's ``Game.lemke_howson`` and with Gambit's
``pygambit.nash.lcp_solve`` (floating point, strategic form, one equilibrium).  Every run
happens in its own subprocess with a time cap; a run that exceeds it is killed and printed
as ``> CAP s`` (nashpy's Lemke-Howson can loop forever on float payoffs, and the peers
take minutes on the larger games).  Once a peer exceeds the cap on a seed, it is not run on
the larger games of that seed.  Game construction and compilation are excluded from the
timings; a time is the median over repeats (as many as fit in a small budget; at least 51
up to 100x100, where one call takes well under a millisecond).  The
regret column is the largest regret of the answer, computed by
:func:`gametheory.concepts.max_regret` for every library.

``gametheory (capping=C)`` is our solver with the heuristic of Codenotti et al. (2008):
the labels' paths are tried in turn for at most C pivots each.  It finds an equilibrium of
a different path, so it is reported beside the same-path comparison, not in it.

    python benchmarks/bench_lemke_howson.py            # 50 .. 1000, 5 seeds, 60 s cap
    python benchmarks/bench_lemke_howson.py --quick    # up to 200, 3 seeds, 10 s cap
    python benchmarks/bench_lemke_howson.py --json     # machine-readable output
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import queue
import statistics
import sys
import time

FULL_SIZES = [50, 150, 200, 400, 1000]
QUICK_SIZES = [50, 150, 200]
PEERS = ["quantecon", "nashpy", "gambit"]


# ---------------------------------------------------------------------- worker side
def _make_game(n, seed):
    from gametheory.games import generators

    return generators.uniform_game((n, n), rng=seed)


def _timed(func, repeats, budget):
    """Median wall time of ``func()`` over up to ``repeats`` calls (stopping once the
    calls took ``budget`` seconds in all) and the last return value."""
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t0)
        if sum(times) > budget:
            break
    return statistics.median(times), len(times), out


def _run_ours(game, spec):
    from gametheory.solvers._lemke_howson import _path, lemke_howson

    lemke_howson(_make_game(3, 0))  # load the cached kernel
    kw = {"init_pivot": spec["init_pivot"], "max_iter": 10**8}
    if spec.get("capping"):
        kw["capping"] = spec["capping"]
    t, reps, res = _timed(lambda: lemke_howson(game, **kw), spec["repeats"], spec["budget"])
    out = {"time": t, "repeats": reps, "pivots": res.num_iter, "regret": res.max_regret,
           "converged": res.converged, "label": res.params["label"]}
    if not spec.get("capping"):  # the path alone, without building the certificate
        out["path_time"], _, _ = _timed(lambda: _path(game, spec["init_pivot"], 10**8),
                                        spec["repeats"], spec["budget"])
    return out


def _run_quantecon(game, spec):
    import numpy as np
    from quantecon.game_theory import NormalFormGame as QGame, Player, lemke_howson

    from gametheory.concepts import max_regret

    A, B = (np.array(p) for p in game.payoffs)
    # QuantEcon's Player(i) payoff array puts the player's own action first: B.T
    qgame = QGame([Player(A), Player(np.ascontiguousarray(B.T))])
    small = QGame([Player(np.eye(2)), Player(np.eye(2))])
    lemke_howson(small, init_pivot=0)  # compile
    t, reps, (ne, info) = _timed(
        lambda: lemke_howson(qgame, init_pivot=spec["init_pivot"], max_iter=10**8,
                             full_output=True), spec["repeats"], spec["budget"])
    return {"time": t, "repeats": reps, "pivots": int(info.num_iter),
            "regret": max_regret(game, ne), "converged": bool(info.converged)}


def _run_nashpy(game, spec):
    import warnings

    import nashpy
    import numpy as np

    from gametheory.concepts import max_regret

    A, B = (np.array(p) for p in game.payoffs)
    ng = nashpy.Game(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t, reps, ne = _timed(lambda: ng.lemke_howson(initial_dropped_label=spec["init_pivot"]),
                             spec["repeats"], spec["budget"])
    ne = [np.clip(np.asarray(s, dtype=float), 0, None) for s in ne]
    ok = all(s.shape and np.isfinite(s).all() and s.sum() > 0 for s in ne)
    regret = max_regret(game, [s / s.sum() for s in ne]) if ok else float("nan")
    return {"time": t, "repeats": reps, "pivots": None, "regret": regret, "converged": ok}


def _run_gambit(game, spec):
    import numpy as np
    import pygambit

    from gametheory.concepts import max_regret

    A, B = (np.array(p) for p in game.payoffs)
    gg = pygambit.Game.from_arrays(A, B)
    t, reps, res = _timed(lambda: pygambit.nash.lcp_solve(gg, rational=False,
                                                          use_strategic=True, stop_after=1),
                          spec["repeats"], spec["budget"])
    if not res.equilibria:
        return {"time": t, "repeats": reps, "pivots": None, "regret": float("nan"),
                "converged": False}
    eq = res.equilibria[0]
    profile = [np.array([float(eq[s]) for s in p.strategies]) for p in gg.players]
    return {"time": t, "repeats": reps, "pivots": None, "regret": max_regret(game, profile),
            "converged": True}


_RUNNERS = {"ours": _run_ours, "quantecon": _run_quantecon, "nashpy": _run_nashpy,
            "gambit": _run_gambit}


def _worker(spec, out):
    try:
        game = _make_game(spec["n"], spec["seed"])
        lib = spec["lib"]
        # warm-up (imports, compilation) happens before "ready" is sent
        if lib == "ours":
            from gametheory.solvers._lemke_howson import lemke_howson
            lemke_howson(_make_game(3, 0))
        out.put(("ready", None))
        out.put(("result", _RUNNERS[lib](game, spec)))
    except Exception as exc:  # reported, not raised: the parent prints the table
        out.put(("error", f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------------- parent side
def run_capped(spec, cap, startup=180.0):
    """Run one measurement in a subprocess; ``None`` when it exceeded ``cap`` seconds."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=_worker, args=(spec, q), daemon=True)
    proc.start()
    try:
        kind, payload = q.get(timeout=startup)
        if kind == "ready":
            kind, payload = q.get(timeout=cap)
        if kind == "error":
            return {"error": payload}
        return payload
    except queue.Empty:
        return None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)


def available(lib):
    mod = {"quantecon": "quantecon", "nashpy": "nashpy", "gambit": "pygambit"}[lib]
    try:
        __import__(mod)
    except ImportError:
        return False
    return True


def run(sizes, seeds, cap, repeats, peers, capping):
    rows = []
    timed_out = {lib: set() for lib in peers + ["ours"]}  # seeds a library exceeded
    for n in sizes:
        for seed in seeds:
            row = {"n": n, "seed": seed}
            # games up to 100x100 take well under a millisecond: the median of many calls
            # (as many as fit in the budget) instead of a few, for every library alike
            reps = max(repeats, 51) if n <= 100 else repeats if n <= 200 else 1
            budget = 2.0 if n <= 200 else 0.0
            base = {"n": n, "seed": seed, "init_pivot": 0, "repeats": reps, "budget": budget}
            for lib in ["ours"] + peers:
                if seed in timed_out[lib]:
                    row[lib] = {"skipped": True}
                    continue
                res = run_capped(dict(base, lib=lib), cap)
                if res is None:
                    timed_out[lib].add(seed)
                    res = {"timeout": True}
                row[lib] = res
            if capping:
                row["ours_capped"] = run_capped(dict(base, lib="ours", capping=capping), cap) \
                    or {"timeout": True}
            rows.append(row)
            print(f"  done {n}x{n} seed {seed}", file=sys.stderr, flush=True)
    return rows


# ---------------------------------------------------------------------- printing
def fmt_time(r, cap):
    if r is None:
        return "-"
    if r.get("timeout"):
        return f"> {cap:g} s"
    if r.get("skipped"):
        return "skipped"
    if "error" in r:
        return "error"
    t = r["time"]
    if t < 1e-3:
        return f"{t * 1e6:.0f} us"
    if t < 1:
        return f"{t * 1e3:.2f} ms"
    return f"{t:.2f} s"


def fmt_regret(r):
    if not r or "regret" not in r:
        return "-"
    return f"{r['regret']:.1e}"


def ratio(peer, ours):
    if not peer or not ours or "time" not in peer or "time" not in ours:
        return None
    return peer["time"] / ours["time"]


def fmt_ratio(x):
    return "-" if x is None else (f"{x:.1f}x" if x < 100 else f"{x:,.0f}x")


def table(head, lines):
    widths = [max(len(h), *(len(t[k]) for t in lines)) for k, h in enumerate(head)]
    out = ["  ".join(h.rjust(w) for h, w in zip(head, widths)),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(t, widths)) for t in lines]
    return "\n".join(out)


def print_tables(rows, cap, peers, capping):
    head = ["n", "seed", "pivots", "ours", "(path)", "QuantEcon", "QE/ours"]
    head += [p for p in peers if p != "quantecon"]
    head += ["regret ours", "regret QE"]
    if capping:
        head += [f"ours capping={capping}", "pivots", "label"]
    lines = []
    for r in rows:
        o, qe = r["ours"], r.get("quantecon")
        piv = str(o.get("pivots", "-")) if "pivots" in o else "-"
        if qe and "pivots" in qe and "pivots" in o and qe["pivots"] != o["pivots"]:
            piv += f" (QE {qe['pivots']})"
        line = [f"{r['n']}", str(r["seed"]), piv, fmt_time(o, cap),
                fmt_time({"time": o["path_time"]} if "path_time" in o else None, cap),
                fmt_time(qe, cap), fmt_ratio(ratio(qe, o))]
        line += [fmt_time(r.get(p), cap) for p in peers if p != "quantecon"]
        line += [fmt_regret(o), fmt_regret(qe)]
        if capping:
            c = r["ours_capped"]
            line += [fmt_time(c, cap), str(c.get("pivots", "-")), str(c.get("label", "-"))]
        lines.append(line)
    print(table(head, lines))
    # medians per size over the seeds where both finished
    print()
    head = ["n", "seeds", "median pivots", "ours", "QuantEcon", "QE/ours (median of ratios)"]
    if capping:
        head += [f"ours capping={capping}"]
    lines = []
    for n in sorted({r["n"] for r in rows}):
        rs = [r for r in rows if r["n"] == n]
        both = [r for r in rs if "time" in r["ours"] and r.get("quantecon")
                and "time" in r["quantecon"]]
        ours_t = [r["ours"]["time"] for r in rs if "time" in r["ours"]]
        pivots = [r["ours"]["pivots"] for r in rs if "pivots" in r["ours"]]
        qe_t = [r["quantecon"]["time"] for r in both]
        ours_out = sum(1 for r in rs if r["ours"].get("timeout"))
        qe_out = sum(1 for r in rs if (r.get("quantecon") or {}).get("timeout"))
        line = [str(n), str(len(rs)),
                f"{statistics.median(pivots):.0f}" if pivots else "-",
                (fmt_time({"time": statistics.median(ours_t)}, cap) if ours_t else "-")
                + (f" ({ours_out} > cap)" if ours_out else ""),
                (fmt_time({"time": statistics.median(qe_t)}, cap) if qe_t else "-")
                + (f" ({qe_out} > cap)" if qe_out else ""),
                fmt_ratio(statistics.median([ratio(r["quantecon"], r["ours"]) for r in both]))
                if both else "-"]
        if capping:
            ct = [r["ours_capped"]["time"] for r in rs if "time" in r["ours_capped"]]
            line += [fmt_time({"time": statistics.median(ct)}, cap) if ct else "-"]
        lines.append(line)
    print(table(head, lines))
    print("\nmedians over the seeds that finished within the cap (the QE/ours ratio: over "
          "the seeds where both did); '(k > cap)' counts the seeds that did not")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes up to 200, 3 seeds, 10 s cap")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("--sizes", type=str, default=None, help="comma-separated sizes")
    ap.add_argument("--seeds", type=int, default=None, help="number of seeds (from 0)")
    ap.add_argument("--cap", type=float, default=None, help="time cap per run, seconds")
    ap.add_argument("--repeats", type=int, default=None, help="repeats for games up to 200")
    ap.add_argument("--capping", type=int, default=100,
                    help="also run ours with this capping (0: skip)")
    ap.add_argument("--peers", type=str, default=",".join(PEERS),
                    help="comma-separated peers (quantecon,nashpy,gambit)")
    args = ap.parse_args(argv)
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
             else QUICK_SIZES if args.quick else FULL_SIZES)
    seeds = list(range(args.seeds if args.seeds is not None else 3 if args.quick else 5))
    cap = args.cap if args.cap is not None else 10.0 if args.quick else 60.0
    repeats = args.repeats if args.repeats is not None else 5 if args.quick else 9
    peers = [p for p in args.peers.split(",") if p and available(p)]
    rows = run(sizes, seeds, cap, repeats, peers, args.capping)
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "sizes": sizes, "seeds": seeds, "cap_s": cap, "peers": peers,
            "capping": args.capping}
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows}, indent=2, default=float))
        return 0
    print(f"Lemke-Howson, uniform random n x n games, init_pivot=0, cap {cap:g} s per run "
          f"(Python {meta['python']}, {meta['machine']})\n")
    print_tables(rows, cap, peers, args.capping)
    return 0


if __name__ == "__main__":
    sys.exit(main())
