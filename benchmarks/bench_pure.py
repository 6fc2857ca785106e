"""Benchmark: all pure Nash equilibria of seeded random games.

Compares :func:`gametheory.solvers.pure` (numba kernel; compiled once before timing) with
QuantEcon's ``quantecon.game_theory.pure_nash_brute`` and, when pygambit is importable,
Gambit's ``pygambit.nash.enumpure_solve``, on the same games.  Before timing, the script
checks that every library finds the same set of equilibria and exits with status 1 if not.
Game construction is excluded from the timings; each time is the median of several repeats.

    python benchmarks/bench_pure.py            # full run
    python benchmarks/bench_pure.py --quick    # smaller games, fewer repeats
    python benchmarks/bench_pure.py --json     # machine-readable output
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys

import numpy as np

from gametheory.games import generators
from gametheory.solvers import pure, pure_nash_mask
from _common import fmt_time, gambit_available, time_calls

# (label, family, num_actions, seed)
FULL = [
    ("2p 200x200 normal", "normal", (200, 200), 1),
    ("2p 200x200 integer[0,3]", "integer", (200, 200), 2),
    ("3p 30x30x30 normal", "normal", (30, 30, 30), 3),
    ("4p 12^4 normal", "normal", (12, 12, 12, 12), 4),
    ("4p 12^4 integer[0,3]", "integer", (12, 12, 12, 12), 5),
    ("5p 6^5 coordination", "coordination", (6, 6, 6, 6, 6), 6),
]
QUICK = [
    ("2p 50x50 normal", "normal", (50, 50), 1),
    ("3p 10x10x10 normal", "normal", (10, 10, 10), 3),
    ("4p 6^4 integer[0,3]", "integer", (6, 6, 6, 6), 5),
]


def median_time(func, repeats, budget=None):
    """Median wall time and the number of calls made."""
    times, _ = time_calls(func, repeats, budget)
    return statistics.median(times), len(times)


def make_game(family, num_actions, seed):
    if family == "integer":
        return generators.integer_game(num_actions, low=0, high=3, rng=seed)
    return generators.generate(family, num_actions=num_actions, rng=seed)


# ---------------------------------------------------------------------- ours
def ours_solve(game):
    return sorted(e.pure_profile for e in pure(game))


# ---------------------------------------------------------------------- QuantEcon
def to_quantecon(game):
    """QuantEcon's ``Player(i).payoff_array`` is indexed by the player's OWN action first,
    then the following players cyclically: ``[a_i, a_{i+1}, ..., a_{n-1}, a_0, ...,
    a_{i-1}]``.  Ours is in absolute order ``[a_0, ..., a_{n-1}]``: permute the axes."""
    from quantecon.game_theory import NormalFormGame as QNFG, Player

    n = game.num_players
    players = []
    for i in range(n):
        axes = [(i + k) % n for k in range(n)]
        players.append(Player(np.ascontiguousarray(np.transpose(game.payoffs[i], axes))))
    qgame = QNFG(players)
    # check the permutation on a few profiles: QuantEcon's g[a] is the payoff vector at a
    rng = np.random.default_rng(0)
    for _ in range(20):
        a = tuple(int(rng.integers(m)) for m in game.num_actions)
        if not np.array_equal(np.asarray(qgame[a], dtype=float), game.payoff(a)):
            raise SystemExit(f"axis permutation wrong: at {a} QuantEcon has {qgame[a]}, "
                             f"gametheory {game.payoff(a)}")
    return qgame


def quantecon_solve(qgame):
    from quantecon.game_theory import pure_nash_brute

    return sorted(tuple(int(a) for a in p) for p in pure_nash_brute(qgame))


# ---------------------------------------------------------------------- Gambit
def to_gambit(game):
    import pygambit

    return pygambit.Game.from_arrays(*[np.asarray(p) for p in game.payoffs])


def gambit_solve(ggame):
    import pygambit

    res = pygambit.nash.enumpure_solve(ggame)
    out = []
    for eq in res.equilibria:
        prof = []
        for player in ggame.players:
            probs = [float(eq[s]) for s in player.strategies]
            prof.append(int(np.argmax(probs)))
        out.append(tuple(prof))
    return sorted(out)


# ---------------------------------------------------------------------- main
def run(cases, repeats, peer_repeats, use_gambit):
    # compile (or load the cached) numba kernel outside every timing
    pure(generators.normal_game((2, 2), rng=0))
    rows = []
    for label, family, shape, seed in cases:
        game = make_game(family, shape, seed)
        row = {"game": label, "profiles": game.num_profiles, "seed": seed}

        eq_ours = ours_solve(game)
        row["equilibria"] = len(eq_ours)
        row["ours_s"], row["ours_repeats"] = median_time(lambda: pure(game), repeats)
        # the numba kernel alone (pure() also certifies every equilibrium's max_regret)
        row["ours_kernel_s"], _ = median_time(lambda: pure_nash_mask(game), repeats)

        qgame = to_quantecon(game)
        eq_qe = quantecon_solve(qgame)
        if eq_qe != eq_ours:
            raise SystemExit(f"MISMATCH on {label}: gametheory found {eq_ours}, "
                             f"QuantEcon pure_nash_brute found {eq_qe}")
        row["quantecon_s"], row["quantecon_repeats"] = median_time(
            lambda: quantecon_solve(qgame), peer_repeats, budget=30.0)

        if use_gambit:
            ggame = to_gambit(game)
            eq_gb = gambit_solve(ggame)
            if eq_gb != eq_ours:
                raise SystemExit(f"MISMATCH on {label}: gametheory found {eq_ours}, "
                                 f"Gambit enumpure_solve found {eq_gb}")
            row["gambit_s"], row["gambit_repeats"] = median_time(
                lambda: gambit_solve(ggame), peer_repeats, budget=30.0)
        rows.append(row)
    return rows


def fmt_ratio(x):
    return f"{x:,.0f}x" if x >= 10 else f"{x:.2g}x"


def print_table(rows, use_gambit):
    head = ["game", "profiles", "#eq", "gametheory", "(kernel)", "QuantEcon", "QE/ours"]
    if use_gambit:
        head += ["Gambit", "Gambit/ours"]
    table = []
    for r in rows:
        line = [r["game"], f"{r['profiles']:,}", str(r["equilibria"]), fmt_time(r["ours_s"]),
                fmt_time(r["ours_kernel_s"]), fmt_time(r["quantecon_s"]), fmt_ratio(r["quantecon_s"] / r["ours_s"])]
        if use_gambit:
            line += [fmt_time(r["gambit_s"]), fmt_ratio(r["gambit_s"] / r["ours_s"])]
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
    ap.add_argument("--quick", action="store_true", help="smaller games, fewer repeats")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--repeats", type=int, default=None,
                    help="repeats for gametheory (default 15, quick 5)")
    ap.add_argument("--peer-repeats", type=int, default=None,
                    help="repeats for QuantEcon and Gambit (default 3, quick 2)")
    ap.add_argument("--no-gambit", action="store_true", help="skip pygambit")
    args = ap.parse_args(argv)
    cases = QUICK if args.quick else FULL
    repeats = args.repeats or (5 if args.quick else 15)
    peer_repeats = args.peer_repeats or (2 if args.quick else 3)
    use_gambit = gambit_available() and not args.no_gambit
    rows = run(cases, repeats, peer_repeats, use_gambit)
    if args.json:
        import numba
        import quantecon
        versions = {"python": platform.python_version(), "numpy": np.__version__,
                    "numba": numba.__version__, "quantecon": quantecon.__version__}
        if use_gambit:
            import pygambit
            versions["pygambit"] = pygambit.__version__
        print(json.dumps({"rows": rows, "versions": versions, "verified_same_equilibria": True},
                         indent=2))
    else:
        print_table(rows, use_gambit)
        print("\nMedian wall time per call (construction excluded, numba compiled before "
              "timing);\n'gametheory' is solvers.pure (kernel + a max_regret certificate per "
              "equilibrium),\n'(kernel)' is solvers.pure_nash_mask alone; ratios use "
              "'gametheory'.\nAll libraries verified to find the same set of pure equilibria.")
        if not use_gambit:
            print("pygambit not importable: Gambit column skipped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
