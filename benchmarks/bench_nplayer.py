"""Benchmark: one mixed Nash equilibrium of seeded random n-player games.

Compares :func:`simplicial_subdivision` and :func:`logit_tracing` (numba kernels, compiled
before timing) with pygambit's ``simpdiv_solve``, ``logit_solve``, ``ipa_solve`` and
``gnm_solve`` and QuantEcon's ``mclennan_tourky``, on the same games (uniform payoffs in
[0, 1), one game per seed).  For every method it reports the median wall time per call
(median over repeats, then median and mean over the seeds), the ratio to our
``simplicial_subdivision``, and the max regret it achieved, computed for every library by
the same certificate (``gametheory.concepts.max_regret``) on the profile it returned.
Peers run in a forked child process each: pygambit 16.7's ``gnm_solve`` kills the
interpreter (double free, bus error) on some of the 4-player games.
QuantEcon's ``mclennan_tourky`` returns its last iterate whether or not it converged; its
own flag is read with ``full_output=True`` and its regret is reported as achieved.

A second table ("all equilibria") times :func:`nplayer_support_enumeration` (homotopy
continuation on every support profile) against pygambit's ``enumpoly_solve`` on 2x2x2,
3x3x3 and 2x2x2x2 games, with the number of distinct equilibria each returns that the
certificate accepts (max regret <= 1e-8), how many games each returned every equilibrium
found by either, and how many games ours proved complete.

    python benchmarks/bench_nplayer.py            # full run (10 games per size)
    python benchmarks/bench_nplayer.py --quick    # 3 games per size, fewer repeats
    python benchmarks/bench_nplayer.py --json     # machine-readable output
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys

import numpy as np

from gametheory.concepts import max_regret
from gametheory.games import generators
from gametheory.solvers._nplayer import (logit_tracing, nplayer_support_enumeration,
                                         simplicial_subdivision)
from gametheory.solvers._nplayer_core import flat_game
from _common import gambit_available, time_calls

# (label, num_actions)
SIZES = [
    ("3 players x 3 actions", (3, 3, 3)),
    ("4 players x 3 actions", (3, 3, 3, 3)),
    ("3 players x 5 actions", (5, 5, 5)),
]
TOL = 1e-8


def median_time(func, repeats, budget=None):
    """Median wall time and the last call's value."""
    times, out = time_calls(func, repeats, budget)
    return statistics.median(times), out


def isolated(func, args, repeats, budget, timeout=300.0):
    """``median_time(lambda: func(*args), ...)`` in a forked child process, so that a peer
    library that crashes the interpreter (pygambit 16.7's ``gnm_solve`` does, on some of
    these games) or hangs costs one result, not the run.  Returns ``(time, value)`` or
    ``(None, "crashed")`` / ``(None, "timeout")``."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def child():
        try:
            t, out = median_time(lambda: func(*args), repeats, budget)
            prof, flag = out
            send.send((t, None if prof is None else [np.asarray(x) for x in prof], flag))
        except Exception as exc:  # a Python-level failure of the peer
            send.send((None, repr(exc), False))

    proc = ctx.Process(target=child)
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None, "timeout"
    if not recv.poll():
        return None, "crashed"
    t, prof, flag = recv.recv()
    if t is None:
        return None, "crashed"
    return t, (prof, flag)


# ---------------------------------------------------------------------- ours
def ours(solver):
    def run(game, _ctx):
        res = solver(game)
        return res[0].strategies, res.converged
    return run


def ours_kernel(game, ctx):
    """The simplicial-subdivision kernel alone (no input checks, no certificate)."""
    from gametheory.solvers._nplayer_simpdiv import simpdiv_kernel
    P, shape, offs, scale = ctx["flat"]
    v = np.concatenate([np.full(m, 1.0 / m) for m in shape])
    x = np.empty(offs[-1])
    status, *_ = simpdiv_kernel(P, shape, offs, v, 2, 40, 1_000_000, TOL * scale, np.inf, 20,
                                8, 48, x)
    return [x[offs[j]:offs[j + 1]] for j in range(len(shape))], status <= 1


# ---------------------------------------------------------------------- Gambit
def to_gambit(game):
    import pygambit
    # pygambit's from_arrays takes one array per player indexed in absolute player order,
    # as ours; the mapping is checked below on the returned profiles' regrets
    return pygambit.Game.from_arrays(*[np.asarray(p) for p in game.payoffs])


def _gambit_profile(ggame, eq):
    return [np.array([float(eq[s]) for s in pl.strategies]) for pl in ggame.players]


def gambit_method(name):
    def run(game, ctx):
        import pygambit
        gg = ctx["gambit"]
        if name == "simpdiv":
            res = pygambit.nash.simpdiv_solve(gg.mixed_strategy_profile(rational=True),
                                              maxregret=pygambit.Rational(1, 10**8))
        elif name == "logit":
            res = pygambit.nash.logit_solve(gg, maxregret=TOL)
        elif name == "ipa":
            res = pygambit.nash.ipa_solve(gg)
        elif name == "gnm":
            res = pygambit.nash.gnm_solve(gg)
        else:  # pragma: no cover
            raise ValueError(name)
        if not res.equilibria:
            return None, False
        # gnm may return several: report the best one
        profiles = [_gambit_profile(gg, eq) for eq in res.equilibria]
        best = min(profiles, key=lambda p: max_regret(game, p))
        return best, True
    return run


# ---------------------------------------------------------------------- QuantEcon
def to_quantecon(game):
    """QuantEcon's ``Player(i).payoff_array`` puts the player's own action first, then the
    following players cyclically; ours is in absolute order: permute the axes."""
    from quantecon.game_theory import NormalFormGame as QNFG, Player
    n = game.num_players
    players = []
    for i in range(n):
        axes = [(i + k) % n for k in range(n)]
        players.append(Player(np.ascontiguousarray(np.transpose(game.payoffs[i], axes))))
    qgame = QNFG(players)
    rng = np.random.default_rng(0)
    for _ in range(10):
        a = tuple(int(rng.integers(m)) for m in game.num_actions)
        if not np.array_equal(np.asarray(qgame[a], dtype=float), game.payoff(a)):
            raise SystemExit(f"QuantEcon axis permutation wrong at {a}")
    return qgame


def quantecon_mt(game, ctx):
    from quantecon.game_theory import mclennan_tourky
    prof, info = mclennan_tourky(ctx["quantecon"], epsilon=TOL, max_iter=200,
                                 full_output=True)
    return [np.asarray(s, dtype=float) for s in prof], bool(info.converged)


# ---------------------------------------------------------------------- main
def methods(use_gambit):
    out = [("gametheory simpdiv", ours(simplicial_subdivision)),
           ("  (simpdiv kernel)", ours_kernel),
           ("gametheory logit", ours(logit_tracing))]
    if use_gambit:
        out += [("Gambit simpdiv", gambit_method("simpdiv")),
                ("Gambit logit", gambit_method("logit")),
                ("Gambit ipa", gambit_method("ipa")),
                ("Gambit gnm", gambit_method("gnm"))]
    out += [("QuantEcon McLennan-Tourky", quantecon_mt)]
    return out


def run(sizes, seeds, repeats, peer_repeats, use_gambit):
    # compile (or load the cached) numba kernels outside every timing
    g0 = generators.uniform_game((2, 2, 2), rng=0)
    simplicial_subdivision(g0)
    logit_tracing(g0)
    table = []
    for label, shape in sizes:
        per_method = {name: {"times": [], "regrets": [], "flags": [], "failed": 0}
                      for name, _ in methods(use_gambit)}
        for seed in seeds:
            game = generators.uniform_game(shape, rng=seed)
            ctx = {"flat": flat_game(game), "quantecon": to_quantecon(game)}
            if use_gambit:
                ctx["gambit"] = to_gambit(game)
            for name, func in methods(use_gambit):
                d = per_method[name]
                if name.startswith(("gametheory", "  (")):
                    t, (prof, flag) = median_time(lambda: func(game, ctx), repeats)
                else:
                    t, out = isolated(func, (game, ctx), peer_repeats, 20.0)
                    if t is None:  # crashed or timed out: no time, no profile
                        d["failed"] += 1
                        continue
                    prof, flag = out
                reg = float("nan") if prof is None else max_regret(game, prof)
                d["times"].append(t)
                d["regrets"].append(reg)
                d["flags"].append(flag)
        base = statistics.median(per_method["gametheory simpdiv"]["times"])
        for name, d in per_method.items():
            if not d["times"]:
                table.append({"size": label, "method": name, "games": len(seeds),
                              "failed": d["failed"]})
                continue
            table.append({
                "size": label, "method": name, "games": len(seeds), "failed": d["failed"],
                "median_s": statistics.median(d["times"]),
                "mean_s": statistics.fmean(d["times"]),
                "max_s": max(d["times"]),
                "ratio_median": statistics.median(d["times"]) / base,
                "regret_median": float(np.nanmedian(d["regrets"])),
                "regret_max": float(np.nanmax(d["regrets"])),
                "within_1e-8": int(sum(r <= TOL for r in d["regrets"])),
                "claims_converged": int(sum(d["flags"])),
            })
    return table


# ---------------------------------------------------------------------- all equilibria
ENUM_SIZES = [("2x2x2", (2, 2, 2)), ("3x3x3", (3, 3, 3)), ("2x2x2x2", (2, 2, 2, 2))]


def _distinct_certified(game, profiles):
    out = []
    for p in profiles:
        if max_regret(game, p) <= TOL and not any(
                all(np.allclose(a, b, atol=1e-6) for a, b in zip(p, q)) for q in out):
            out.append(p)
    return out


def gambit_enumpoly(game, ctx):
    import pygambit
    gg = ctx["gambit"]
    res = pygambit.nash.enumpoly_solve(gg)
    return [_gambit_profile(gg, eq) for eq in res.equilibria], True


def run_enumeration(seeds, repeats, peer_repeats, use_gambit):
    """One row per (size, method): median time per game and the equilibria returned."""
    nplayer_support_enumeration(generators.uniform_game((2, 2, 2), rng=0))  # compile
    rows = []
    for label, shape in ENUM_SIZES:
        stats = {"gametheory homotopy": {"times": [], "eqs": 0, "all": 0, "complete": 0,
                                         "failed": 0},
                 "Gambit enumpoly": {"times": [], "eqs": 0, "all": 0, "complete": 0,
                                     "failed": 0}}
        for seed in seeds:
            game = generators.uniform_game(shape, rng=seed)
            t, res = median_time(lambda: nplayer_support_enumeration(game), repeats)
            ours_eqs = _distinct_certified(game, [e.strategies for e in res])
            stats["gametheory homotopy"]["times"].append(t)
            stats["gametheory homotopy"]["complete"] += int(res.complete)
            found = {"gametheory homotopy": ours_eqs}
            if use_gambit:
                tg, out = isolated(gambit_enumpoly, (game, {"gambit": to_gambit(game)}),
                                   peer_repeats, 60.0)
                if tg is None:
                    stats["Gambit enumpoly"]["failed"] += 1
                else:
                    stats["Gambit enumpoly"]["times"].append(tg)
                    found["Gambit enumpoly"] = _distinct_certified(game, out[0])
            union = _distinct_certified(game, [p for v in found.values() for p in v])
            for name, eqs in found.items():
                stats[name]["eqs"] += len(eqs)
                stats[name]["all"] += int(len(eqs) == len(union))
        for name, d in stats.items():
            if not d["times"] and not d["failed"]:
                continue
            rows.append({"size": label, "method": name, "games": len(seeds),
                         "failed": d["failed"],
                         "median_s": statistics.median(d["times"]) if d["times"] else None,
                         "max_s": max(d["times"]) if d["times"] else None,
                         "equilibria": d["eqs"], "found_all": d["all"],
                         "proved_complete": d["complete"] if name.startswith("gametheory")
                         else None})
    return rows


def print_enum_table(rows):
    head = ["size", "method", "median", "max", "equilibria", "found all", "proved complete",
            "crashed"]
    table = [[r["size"], r["method"],
              "-" if r["median_s"] is None else fmt_time(r["median_s"]),
              "-" if r["max_s"] is None else fmt_time(r["max_s"]), str(r["equilibria"]),
              f"{r['found_all']}/{r['games']}",
              "-" if r["proved_complete"] is None else f"{r['proved_complete']}/{r['games']}",
              str(r["failed"])] for r in rows]
    widths = [max(len(h), *(len(t[k]) for t in table)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) if k < 2 else h.rjust(w)
                    for k, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print("  ".join(c.ljust(w) if k < 2 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(t, widths))))


def fmt_time(t):
    if t < 1e-3:
        return f"{t * 1e6:.0f} us"
    if t < 1:
        return f"{t * 1e3:.2f} ms"
    return f"{t:.2f} s"


def print_table(rows):
    head = ["size", "method", "median", "mean", "max", "x ours", "regret med", "regret max",
            "<=1e-8", "claims conv.", "crashed"]
    table = []
    for r in rows:
        if "median_s" not in r:
            table.append([r["size"], r["method"]] + ["-"] * 8 + [f"{r['failed']}"])
            continue
        table.append([r["size"], r["method"], fmt_time(r["median_s"]), fmt_time(r["mean_s"]),
                      fmt_time(r["max_s"]), f"{r['ratio_median']:.2g}",
                      f"{r['regret_median']:.1e}", f"{r['regret_max']:.1e}",
                      f"{r['within_1e-8']}/{r['games']}",
                      f"{r['claims_converged']}/{r['games']}", f"{r['failed']}"])
    widths = [max(len(h), *(len(t[k]) for t in table)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) if k < 2 else h.rjust(w)
                    for k, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    last = None
    for t in table:
        if last is not None and t[0] != last:
            print()
        last = t[0]
        print("  ".join(c.ljust(w) if k < 2 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(t, widths))))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 games per size, fewer repeats")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--games", type=int, default=None, help="games (seeds) per size")
    ap.add_argument("--repeats", type=int, default=None,
                    help="repeats per game for gametheory (default 7, quick 3)")
    ap.add_argument("--peer-repeats", type=int, default=None,
                    help="repeats per game for Gambit and QuantEcon (default 3, quick 1)")
    ap.add_argument("--no-gambit", action="store_true", help="skip pygambit")
    ap.add_argument("--no-enum", action="store_true",
                    help="skip the all-equilibria table (support enumeration)")
    ap.add_argument("--enum-only", action="store_true",
                    help="only the all-equilibria table")
    args = ap.parse_args(argv)
    games = args.games or (3 if args.quick else 10)
    repeats = args.repeats or (3 if args.quick else 7)
    peer_repeats = args.peer_repeats or (1 if args.quick else 3)
    use_gambit = gambit_available() and not args.no_gambit
    rows = ([] if args.enum_only else
            run(SIZES, list(range(games)), repeats, peer_repeats, use_gambit))
    enum_rows = ([] if args.no_enum else
                 run_enumeration(list(range(games)), repeats, peer_repeats, use_gambit))
    if args.json:
        import numba
        import quantecon
        versions = {"python": platform.python_version(), "numpy": np.__version__,
                    "numba": numba.__version__, "quantecon": quantecon.__version__}
        if use_gambit:
            import pygambit
            versions["pygambit"] = pygambit.__version__
        print(json.dumps({"rows": rows, "enumeration": enum_rows, "versions": versions},
                         indent=2))
    else:
        if rows:
            print_table(rows)
            print("\nUniform random payoffs in [0, 1), seeds 0..{}.  Times: median over "
                  "repeats per game,\nthen median / mean / max over the games; 'x ours' is "
                  "the ratio of the median to that\nof 'gametheory simpdiv' (the public call, "
                  "input checks and certificate included).\n'regret' is "
                  "gametheory.concepts.max_regret of the returned profile for every library;"
                  "\n'claims conv.' counts the games on which the method reported success "
                  "(QuantEcon: its\nfull_output flag); 'crashed' counts games on which the "
                  "peer killed its (forked)\nprocess or timed out: those games are left out "
                  "of its other columns.".format(games - 1))
        if enum_rows:
            print("\nAll equilibria (support enumeration), same games:")
            print_enum_table(enum_rows)
            print("'equilibria': distinct profiles with max regret <= 1e-8, summed over the "
                  "games;\n'found all': games on which the method returned every equilibrium "
                  "either method found;\n'proved complete': games on which ours reported "
                  "complete=True (every homotopy path\ntracked to a distinct nonsingular "
                  "endpoint).  Gambit runs in a forked process, 60 s budget.")
        if not use_gambit:
            print("pygambit not importable: Gambit rows skipped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
