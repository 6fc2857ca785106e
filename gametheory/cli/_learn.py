"""CLI commands for processes: ``learn`` (dynamics on a normal-form game), ``psro`` and the
stochastic-game branch of ``solve``.  Parsing lives in :mod:`gametheory.cli._main`."""

from __future__ import annotations

import json

import numpy as np

from .._errors import InvalidOptionError, UnsupportedGameError
from .._format import fmt_number, format_table
from ..games._normal_form import NormalFormGame

__all__ = ["cmd_learn", "cmd_psro", "solve_stochastic", "add_learn_parsers",
           "STOCHASTIC_METHODS", "parse_key_values"]

STOCHASTIC_METHODS = ("value_iteration", "shapley_value_iteration")


def _jsonable(x):
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (np.floating, np.integer, np.bool_)):
        return x.item()
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    return x


def _strategy_cells(labels, strategy) -> str:
    s = np.asarray(strategy, dtype=np.float64)
    return " ".join(f"{labels[k]}:{fmt_number(s[k], 4)}" for k in np.flatnonzero(s > 5e-5))


def _save_plot(fig, path: str) -> None:
    import sys
    from ..plotting import save_figure
    save_figure(fig, path)
    print(f"wrote {path}", file=sys.stderr)


def parse_key_values(items, flag: str = "--param") -> dict:
    """``KEY=VALUE`` pairs given with ``flag``; values are parsed as JSON when they parse
    (numbers, true/false, lists), else kept as strings."""
    out = {}
    for item in items or ():
        if "=" not in item:
            raise InvalidOptionError(f"{flag} expects KEY=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


def cmd_learn(args, game) -> int:
    from ..learning import get_dynamics
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError("'learn' runs dynamics on normal-form games; this file "
                                   f"holds a {type(game).__name__}")
    if args.iterations <= 0:
        raise InvalidOptionError(f"--iterations must be positive, got {args.iterations}")
    cls = get_dynamics(args.dynamics)
    params = parse_key_values(args.param)
    try:
        process = cls(game, rng=args.seed, **params)
    except TypeError as exc:
        raise InvalidOptionError(f"{args.dynamics}: {exc}") from None
    result = process.run(args.iterations, progress=not args.json and not args.quiet)
    if args.plot:
        from ..plotting import regret_curve, simplex_trajectory
        if all(m == 3 for m in game.num_actions) and not args.plot_regret:
            # the replicator field drawn underneath is the single-population one: only
            # meaningful for symmetric two-player games
            symmetric = game.num_players == 2 and game.is_symmetric
            # population dynamics are about the state itself; learning rules about averages
            which = "current" if result.dynamics in ("replicator", "logit_dynamics") \
                else "average"
            fig = simplex_trajectory(result, game=game if symmetric else None, which=which,
                                     labels=list(game.actions[0]),
                                     title=f"{result.dynamics} on {game.title or 'the game'}")
        else:
            fig = regret_curve(result, title=f"{result.dynamics}")
        _save_plot(fig, args.plot)
    if args.json:
        print(json.dumps(_jsonable(result.to_dict()), indent=2))
        return 0
    print(f"Dynamics: {result.dynamics}, {result.iterations} iterations"
          + ("" if result.converged else " (not converged)")
          + f", {result.elapsed:.3g} s")
    rows = []
    for i, player in enumerate(game.players):
        rows.append([player, _strategy_cells(game.actions[i], result.average_strategies[i]),
                     _strategy_cells(game.actions[i], result.current_strategies[i])])
    print(format_table(["player", "average strategy", "current strategy"], rows,
                       align_right=[False, False, False]))
    reg = np.asarray(result.regret_history, dtype=np.float64)
    if reg.size:
        print("Average external regret per player: "
              + ", ".join(fmt_number(r, 4) for r in reg[-1]))
    print(f"Max regret of the average profile: {result.max_regret:.3g}")
    if getattr(result, "target", "nash") == "ce" and len(result.distance):
        print(f"CE gap of the empirical joint play: {float(result.distance[-1]):.3g}")
    return 0


def cmd_psro(args, game) -> int:
    from ..psro import PSRO
    if args.iterations <= 0:
        raise InvalidOptionError(f"--iterations must be positive, got {args.iterations}")
    process = PSRO(game, meta_solver=args.meta_solver, rng=args.seed,
                   meta_solver_options=parse_key_values(args.param) or None)
    result = process.run(args.iterations, progress=not args.json and not args.quiet)
    if args.plot:
        from ..plotting import exploitability_curve
        _save_plot(exploitability_curve({args.meta_solver: result},
                                        title=f"PSRO on {getattr(game, 'title', '') or 'the game'}"),
                   args.plot)
    if args.json:
        print(json.dumps(_jsonable(result.to_dict()), indent=2))
        return 0
    expl = np.asarray(result.exploitability, dtype=np.float64)
    print(f"PSRO with meta-solver {args.meta_solver}: {len(expl)} iterations"
          + (", converged" if result.converged else "") + f", {result.elapsed:.3g} s")
    rows = [[str(k), str(list(size)), f"{e:.3g}"]
            for k, (e, size) in enumerate(zip(expl, result.population_sizes), 1)]
    print(format_table(["iteration", "population sizes", "exploitability"], rows))
    if result.value is not None:
        print(f"Meta-game value (to player 1): {fmt_number(result.value)}")
    if isinstance(game, NormalFormGame) and result.meta_strategies is not None:
        for i, player in enumerate(game.players):
            print(f"{player}: {_strategy_cells(game.actions[i], result.meta_strategies[i])}")
    return 0


def solve_stochastic(args, game) -> int:
    """``gametheory solve`` on a stochastic game: Shapley's value iteration for 2-player
    zero-sum games, value iteration for MDPs."""
    from ..solvers import shapley_value_iteration, value_iteration
    method = args.method.strip().lower().replace("-", "_")
    if method == "auto":
        if game.is_mdp:
            method = "value_iteration"
        elif game.num_players == 2 and game.is_zero_sum:
            method = "shapley_value_iteration"
        else:
            raise UnsupportedGameError(
                "solve computes stochastic games that are MDPs (value_iteration) or 2-player "
                f"zero-sum (shapley_value_iteration); this game has {game.num_players} "
                "players and is not zero-sum: use 'gametheory psro' or the learners in "
                "gametheory.learning")
    funcs = {"value_iteration": value_iteration,
             "shapley_value_iteration": shapley_value_iteration}
    kwargs = {}
    if args.tol is not None:
        kwargs["tol"] = args.tol
    if args.max_iter is not None:
        kwargs["max_iter"] = args.max_iter
    sol = funcs[method](game, **kwargs)
    values = np.asarray(sol.values, dtype=np.float64)
    if args.json:
        out = {"method": method, "converged": bool(sol.converged),
               "num_iter": int(sol.num_iter), "residual": float(sol.residual),
               "exploitability": float(sol.exploitability),
               "states": list(game.states), "values": values.tolist(),
               "policies": [[np.asarray(p, dtype=float).tolist() for p in pol]
                            for pol in sol.policies]}
        print(json.dumps(out, indent=2))
        return 0
    print(f"Method: {method} ({sol.num_iter} sweeps, residual {sol.residual:.3g}"
          + ("" if sol.converged else ", NOT converged") + ")")
    print(f"Exploitability of the policies (NashConv): {sol.exploitability:.3g}")
    header = ["state"] + [f"value {p}" for p in game.players] + \
        [f"policy {p}" for p in game.players]
    rows = []
    for s, name in enumerate(game.states):
        if game.is_terminal(s):
            continue
        rows.append([name] + [fmt_number(values[i, s], 6) for i in range(game.num_players)]
                    + [_strategy_cells(game.actions[s][i], sol.policies[i][s])
                       for i in range(game.num_players)])
    print(format_table(header, rows, align_right=[False] + [True] * game.num_players
                       + [False] * game.num_players))
    return 0


def add_learn_parsers(sub, game_help: str) -> None:
    """Add the ``learn`` and ``psro`` sub-commands to the parser."""
    s = sub.add_parser("learn", help="run learning dynamics (regret matching, fictitious "
                       "play, replicator, ...) on a normal-form game")
    s.add_argument("game", metavar="GAME", help=game_help)
    s.add_argument("--dynamics", "-d", default="regret_matching",
                   help="dynamics name ('list' shows them); default regret_matching")
    s.add_argument("--iterations", "-n", type=int, default=10_000)
    s.add_argument("--seed", type=int, default=None, help="random seed")
    s.add_argument("--param", "-p", action="append", metavar="KEY=VALUE",
                   help="a hyperparameter of the dynamics (repeatable)")
    s.add_argument("--plot", metavar="FILE", default=None,
                   help="save a figure (simplex trajectory for 3-action games, else regret)")
    s.add_argument("--plot-regret", action="store_true", dest="plot_regret",
                   help="plot the regret curve even for 3-action games")
    s.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    s.add_argument("--json", action="store_true", help="print JSON instead of tables")
    s.set_defaults(func=None, process="learn")

    s = sub.add_parser("psro", help="policy-space response oracles with a meta-solver")
    s.add_argument("game", metavar="GAME", help=game_help)
    s.add_argument("--meta-solver", dest="meta_solver", default="nash",
                   help="meta-solver name ('list' shows them); default nash")
    s.add_argument("--iterations", "-n", type=int, default=20)
    s.add_argument("--seed", type=int, default=None, help="random seed")
    s.add_argument("--param", "-p", action="append", metavar="KEY=VALUE",
                   help="an option of the meta-solver (repeatable)")
    s.add_argument("--plot", metavar="FILE", default=None,
                   help="save the exploitability curve")
    s.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    s.add_argument("--json", action="store_true", help="print JSON instead of tables")
    s.set_defaults(func=None, process="psro")
