"""The ``gametheory`` command: parse arguments, call the public API, print a table or JSON.

Every error a user can cause (a missing or malformed file, an unknown method or game, NaN
payoffs, a game outside a method's scope) is printed as one line on stderr, and the exit
status is 2.  Nothing here computes anything the library does not expose.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

import numpy as np

from .. import __version__
from .._errors import GameTheoryError
from ..games import catalog
from .._format import bimatrix_table, fmt_number, format_table, profile_table
from ..games._normal_form import NormalFormGame
from ._learn import add_learn_parsers, cmd_learn, cmd_psro
from ._train import add_train_parsers

__all__ = ["main", "build_parser"]

PROG = "gametheory"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line (no usage dump) so that every bad input
    looks the same to a user and to scripts: one line on stderr, exit status 2."""

    def error(self, message):  # noqa: D401 - argparse API
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def _profile_labels(game: NormalFormGame, profile) -> str:
    return "(" + ", ".join(game.actions[i][a] for i, a in enumerate(profile)) + ")"


def _strategy_text(game: NormalFormGame, player: int, strategy, exact=None) -> str:
    s = np.asarray(strategy)
    support = np.flatnonzero(s > 1e-12)
    if len(support) == 1:
        return game.actions[player][support[0]]
    parts = []
    for k in support:
        p = exact[k] if exact is not None else s[k]
        parts.append(f"{game.actions[player][k]}:{fmt_number(p, 4)}")
    return " ".join(parts)


# ---------------------------------------------------------------------------- game loading
def _load(spec: str):
    from ..games import io
    return io.load_game(spec)


def _require_normal_form(game, command: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        from .._errors import UnsupportedGameError
        raise UnsupportedGameError(f"'{command}' needs a normal-form game; this file holds a "
                                   f"{type(game).__name__}")
    return game


# ---------------------------------------------------------------------------- commands
def cmd_catalog(args) -> int:
    entries = [(name, catalog.describe(name)) for name in catalog.names()]
    if args.json:
        print(json.dumps([{"name": n, "kind": e.kind, "summary": e.summary, "source": e.source}
                          for n, e in entries], indent=2))
        return 0
    rows = [[f"catalog:{n}", e.kind, e.summary, e.source] for n, e in entries]
    print(format_table(["game", "kind", "summary", "source"], rows))
    return 0


def _info_dict(game: NormalFormGame) -> dict:
    from ..concepts import dominated_actions, pareto_optimal_profiles
    from ..solvers import pure
    dominated = {}
    for i in range(game.num_players):
        strict = dominated_actions(game, i, strict=True, mixed=True)
        weak = [a for a in dominated_actions(game, i, strict=False, mixed=True)
                if a not in strict]
        dominated[game.players[i]] = {"strictly": [game.actions[i][a] for a in strict],
                                      "weakly": [game.actions[i][a] for a in weak]}
    pure_eq = [e.pure_profile for e in pure(game)]
    pareto = pareto_optimal_profiles(game)
    return {
        "title": game.title,
        "players": list(game.players),
        "actions": [list(a) for a in game.actions],
        "num_profiles": game.num_profiles,
        "classes": game.classes(),
        "dominated_actions": dominated,
        "pure_equilibria": [[game.actions[i][a] for i, a in enumerate(p)] for p in pure_eq],
        "pure_equilibrium_payoffs": [game.payoff(p).tolist() for p in pure_eq],
        "pareto_optimal_outcomes": [[game.actions[i][a] for i, a in enumerate(p)]
                                    for p in pareto],
    }


def _stochastic_info(game) -> dict:
    d = game.to_dict()
    info = {"type": d.get("type"), "title": getattr(game, "title", ""),
            "players": list(game.players), "num_states": game.num_states,
            "discount": game.discount, "horizon": game.horizon,
            "terminal": [game.states[s] for s in game.terminal],
            "states": [{"state": game.states[s],
                        "actions": [list(a) for a in game.actions[s]],
                        "terminal": bool(game.is_terminal(s))}
                       for s in range(game.num_states)]}
    for attr in ("is_mdp", "is_repeated", "is_zero_sum", "is_common_reward"):
        info[attr] = bool(getattr(game, attr))
    return info


def _print_stochastic(info: dict) -> None:
    kinds = [k[3:].replace("_", "-") for k in ("is_mdp", "is_repeated", "is_zero_sum",
                                                "is_common_reward") if info[k]]
    title = f" {info['title']!r}" if info["title"] else ""
    horizon = "infinite" if info["horizon"] is None else info["horizon"]
    print(f"{info['type']} game{title}: {len(info['players'])} players, "
          f"{info['num_states']} states, discount {fmt_number(info['discount'])}, "
          f"horizon {horizon}")
    print(f"Class: {', '.join(kinds) if kinds else 'general-sum'}")
    rows = [[st["state"], "yes" if st["terminal"] else "",
             "; ".join(", ".join(a) for a in st["actions"])] for st in info["states"]]
    print(format_table(["state", "terminal", "actions (per player)"], rows))


def cmd_info(args) -> int:
    game = _load(args.game)
    if not isinstance(game, NormalFormGame):
        info = _stochastic_info(game)
        if args.json:
            print(json.dumps(info, indent=2))
        else:
            _print_stochastic(info)
        return 0
    info = _info_dict(game)
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    title = f" {game.title!r}" if game.title else ""
    dims = " x ".join(str(m) for m in game.num_actions)
    print(f"Game{title}: {game.num_players} players, {dims} actions "
          f"({game.num_profiles} pure profiles)")
    print(f"Class: {', '.join(info['classes'])}")
    for i, p in enumerate(game.players):
        print(f"  {p}: {', '.join(game.actions[i])}")
    print()
    if game.num_players == 2:
        print(bimatrix_table(game))
    elif game.num_profiles <= 64:
        print(profile_table(game))
    else:
        rows = []
        for i, p in enumerate(game.players):
            arr = game.payoffs[i]
            rows.append([p, fmt_number(arr.min()), fmt_number(arr.mean()), fmt_number(arr.max())])
        print("Payoff summary (the full table is too large to print):")
        print(format_table(["player", "min", "mean", "max"], rows,
                           align_right=[False, True, True, True]))
    print()
    print("Dominated actions (by pure or mixed strategies):")
    for p, d in info["dominated_actions"].items():
        strict = ", ".join(d["strictly"]) or "none"
        weak = ", ".join(d["weakly"]) or "none"
        print(f"  {p}: strictly {strict}; weakly (only) {weak}")
    pe = info["pure_equilibria"]
    print(f"Pure Nash equilibria ({len(pe)}, complete): "
          + ("; ".join("(" + ", ".join(p) + ")" for p in pe) if pe else "none"))
    po = info["pareto_optimal_outcomes"]
    shown = po[:20]
    more = f" ... and {len(po) - 20} more" if len(po) > 20 else ""
    print(f"Pareto-optimal outcomes ({len(po)}): "
          + "; ".join("(" + ", ".join(p) + ")" for p in shown) + more)
    return 0


def cmd_methods() -> int:
    from ..solvers import SOLVERS
    rows = [["auto", "pick the best registered method for the game's class and size"]]
    for name in sorted(SOLVERS):
        spec = SOLVERS[name]
        scope = "any players" if spec.num_players is None else f"{spec.num_players} players"
        rows.append([name, f"{spec.summary} [{scope}]"])
    print(format_table(["method", "description"], rows))
    return 0


def _solve_options(args) -> dict:
    """The method options given on the command line (only those the user set)."""
    options = {}
    for key in ("tol", "objective", "init_pivot", "max_iter", "capping"):
        value = getattr(args, key)
        if value is not None:
            options[key] = value
    if args.exact:
        options["exact"] = True
    return options


def _print_correlated(game: NormalFormGame, result) -> None:
    print(f"Method: {result.method} (objective: {result.objective}"
          + ("" if result.converged else ", NOT converged") + ")")
    dist = np.asarray(result.distribution)
    rows = []
    for prof in game.profiles():
        p = float(dist[prof])
        if p > 1e-12:
            rows.append([game.actions[i][a] for i, a in enumerate(prof)]
                        + [fmt_number(p, 6)])
    print(format_table(list(game.players) + ["probability"], rows,
                       align_right=[False] * game.num_players + [True]))
    print("Expected payoffs: " + ", ".join(fmt_number(u) for u in result.payoffs))
    print(f"Gap (largest gain from disobeying a recommendation): {result.gap:.3g}")


def cmd_solve(args) -> int:
    from ..solvers import SOLVERS, nash_equilibria, resolve_method
    if args.method.strip().lower() == "list":
        return cmd_methods()
    from ._learn import STOCHASTIC_METHODS, solve_stochastic
    if args.method.strip().lower().replace("-", "_") in STOCHASTIC_METHODS:
        game = _load(args.game)
        if isinstance(game, NormalFormGame):
            from .._errors import UnsupportedGameError
            raise UnsupportedGameError(f"method {args.method!r} solves stochastic games; "
                                       "this file holds a normal-form game")
        return solve_stochastic(args, game)
    name = resolve_method(args.method)  # unknown methods fail before the file is read
    options = _solve_options(args)
    if name != "auto":
        SOLVERS[name].check_options(name, options)
    game = _load(args.game)
    if not isinstance(game, NormalFormGame) and name == "auto":
        return solve_stochastic(args, game)
    game = _require_normal_form(game, "solve")
    result = nash_equilibria(game, method=args.method, **options)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    if hasattr(result, "distribution"):
        _print_correlated(game, result)
        return 0
    scope = {"pure": "pure equilibria", "all": "all equilibria", "one": "one equilibrium"}
    complete = "complete" if result.complete else "may be incomplete"
    print(f"Method: {result.method} ({scope.get(result.scope, result.scope)}, {complete}"
          + ("" if result.converged else ", NOT converged") + ")")
    value = getattr(result, "value", None)
    if value is not None:
        print(f"Value of the game (to {game.players[0]}): {fmt_number(value)}")
    print(f"Equilibria found: {len(result)}")
    if len(result):
        header = ["#"] + list(game.players) + ["payoffs", "max regret"]
        rows = []
        for k, eq in enumerate(result, 1):
            strat = [_strategy_text(game, i, s, eq.exact[i] if eq.exact else None)
                     for i, s in enumerate(eq.strategies)]
            rows.append([str(k)] + strat + [", ".join(fmt_number(u) for u in eq.payoffs),
                                              f"{eq.max_regret:.3g}"])
        print(format_table(header, rows))
    return 0


def cmd_convert(args) -> int:
    from ..games import io
    game = io.read_game(args.input)
    kwargs = {}
    if args.variant is not None:
        kwargs["variant"] = args.variant
    io.write_game(game, args.output, **kwargs)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_generate(args) -> int:
    from ..games import generators, io
    params = {"num_actions": tuple(args.actions), "rng": args.seed}
    for name in ("rho", "low", "high", "kind", "distribution"):
        value = getattr(args, name)
        if value is not None:
            params[name] = value
    game = generators.generate(args.family, **params)
    if args.output:
        io.write_game(game, args.output)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(io.format_nfg(game))
    return 0


# ---------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    game_help = "a game file (.nfg, .json) or catalog:NAME (see 'gametheory catalog')"
    p = _Parser(prog=PROG, description="Solve and inspect games: equilibria, certificates, "
                "game files.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("info", help="players, actions, payoffs, class, dominance, pure "
                       "equilibria and Pareto-optimal outcomes of a game")
    s.add_argument("game", metavar="GAME", help=game_help)
    s.add_argument("--json", action="store_true", help="print JSON instead of tables")
    s.set_defaults(func=cmd_info)

    s = sub.add_parser("solve", help="compute equilibria with a registered method")
    s.add_argument("game", metavar="GAME", nargs="?", default=None, help=game_help)
    s.add_argument("--method", "-m", default="auto",
                   help="method name ('list' prints the methods; default: auto)")
    s.add_argument("--tol", type=float, default=None, help="tolerance passed to the method")
    s.add_argument("--objective", default=None,
                   help="objective of a correlated-equilibrium LP: feasible, welfare, "
                   "egalitarian, nash_welfare, player:I")
    s.add_argument("--init-pivot", type=int, default=None, dest="init_pivot",
                   help="initial label of Lemke-Howson")
    s.add_argument("--capping", type=int, default=None,
                   help="Lemke-Howson: try each label for this many pivots first")
    s.add_argument("--max-iter", type=int, default=None, dest="max_iter",
                   help="iteration cap of iterative methods")
    s.add_argument("--exact", action="store_true",
                   help="rational arithmetic (enumeration methods): fractions, not decimals")
    s.add_argument("--json", action="store_true", help="print JSON instead of a table")
    s.set_defaults(func=cmd_solve)

    s = sub.add_parser("convert", help="convert a game file between .nfg and .json")
    s.add_argument("input", metavar="IN")
    s.add_argument("output", metavar="OUT")
    s.add_argument("--variant", choices=["payoff", "outcome"], default=None,
                   help="the .nfg variant to write (default: payoff)")
    s.set_defaults(func=cmd_convert)

    s = sub.add_parser("generate", help="write a random game of a generator family")
    s.add_argument("family", metavar="FAMILY", help="generator family (e.g. uniform, "
                   "covariance, zero-sum, coordination, degenerate)")
    s.add_argument("--actions", "-a", type=int, nargs="+", required=True,
                   help="number of actions of each player, e.g. --actions 3 3")
    s.add_argument("--seed", type=int, default=None, help="random seed")
    s.add_argument("--rho", type=float, default=None, help="correlation (covariance games)")
    s.add_argument("--low", type=float, default=None, help="lowest payoff")
    s.add_argument("--high", type=float, default=None, help="highest payoff")
    s.add_argument("--kind", default=None, help="variant of the family (degenerate games)")
    s.add_argument("--distribution", default=None, help="payoff distribution (zero-sum)")
    s.add_argument("-o", "--output", default=None, help="output file (.nfg or .json); "
                   "default: .nfg on stdout")
    s.set_defaults(func=cmd_generate)

    add_learn_parsers(sub, game_help)
    add_train_parsers(sub, game_help)

    s = sub.add_parser("catalog", help="list the named games")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_catalog)
    return p


def _list_names(names, what: str) -> int:
    print(f"{what}: " + ", ".join(sorted(names)))
    return 0


def _run_process(args) -> int:
    """``learn`` and ``psro``: 'list' prints the registered names, unknown names fail before
    the game file is read."""
    if args.process == "learn":
        from ..learning import DYNAMICS, get_dynamics
        if args.dynamics.strip().lower() == "list":
            return _list_names(DYNAMICS, "dynamics")
        get_dynamics(args.dynamics)
        return cmd_learn(args, _load(args.game))
    from ..psro import META_SOLVERS, get_meta_solver
    if args.meta_solver.strip().lower() == "list":
        return _list_names(META_SOLVERS, "meta-solvers")
    get_meta_solver(args.meta_solver)
    return cmd_psro(args, _load(args.game))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gametheory`` command; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        if args.command == "solve" and args.game is None:
            if args.method.strip().lower() == "list":
                return cmd_methods()
            raise _UsageError("solve needs a GAME (see 'gametheory solve --help')")
        if getattr(args, "process", None) in ("train", "evaluate"):
            return int(args.func(args) or 0)
        if getattr(args, "process", None) is not None:
            return _run_process(args)
        return int(args.func(args) or 0)
    except BrokenPipeError:  # e.g. `gametheory catalog | head`
        return 0
    except (_UsageError, GameTheoryError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        # OSError: unreadable or unwritable paths; ValueError: bad parameter values that
        # reached numpy (the library's own checks raise GameTheoryError subclasses).
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
