"""CLI commands of the deep learners: ``train`` and ``evaluate``.

torch is imported only when one of these commands runs (``gametheory.deep`` is imported
inside :func:`run`), so the rest of the command line never loads it.
"""

from __future__ import annotations

import json
import os
import re

from ._learn import parse_key_values
from .._errors import GameTheoryError, InvalidOptionError

__all__ = ["add_train_parsers", "run"]

_ALGORITHM_NAMES = "idqn, vdn, qmix, central_dqn"


def _deep():
    try:
        import gametheory.deep as deep
    except ImportError as exc:
        raise GameTheoryError(f"the deep learners need torch ({exc}): pip install "
                              "'gametheory[marl]'") from None
    return deep


def _parse_sets(items) -> dict:
    return parse_key_values(items, "--set")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.basename(str(text))).strip("-") or "env"


def _print_config_fields(deep, algorithm: str) -> int:
    config_cls, learner_cls = deep.get_algorithm(algorithm)
    name = deep.algorithm_name(algorithm)
    print(f"{name}: {config_cls.__name__} fields (set with --set KEY=VALUE or --config FILE)")
    for field, info in deep.config_fields(config_cls).items():
        print(f"  {field} ({info.type}, default {info.default!r}): {info.doc}")
    return 0


def _cmd_train(args, deep) -> int:
    if args.algorithm.strip().lower() == "list":
        for name, (_, cls) in sorted(deep.ALGORITHMS.items()):
            summary = (cls.__doc__ or "").strip().splitlines()[0]
            print(f"{name}: {summary}")
        return 0
    name = deep.algorithm_name(args.algorithm)     # unknown names fail first
    if args.show_config:
        return _print_config_fields(deep, name)
    if args.env is None:
        raise InvalidOptionError("train needs --env ENV (e.g. --env sg:two-step)")
    config_cls, _ = deep.get_algorithm(name)
    overrides = _parse_sets(args.set)
    config = None
    if args.config is not None or overrides:
        config = deep.make_config(config_cls, overrides, path=args.config)
    out = args.out
    if out is None:
        seed = 0 if args.seed is None else args.seed
        out = os.path.join("runs", f"{name}-{_slug(args.env)}-s{seed}")
    if args.steps is not None and args.steps < 1:
        raise InvalidOptionError(f"--steps must be positive, got {args.steps}")
    trainer = deep.Trainer(name, args.env, seed=args.seed, config=config, out=out,
                           resume=args.resume)
    steps = args.steps
    if steps is None:
        steps = trainer.target_steps if trainer.target_steps is not None else 100_000
    result = trainer.run(steps, progress=not (args.quiet or args.json))
    if args.json:
        d = result.to_dict()
        d.pop("episode_returns")
        print(json.dumps(d, indent=2))
        return 0
    final = result.final_return
    print(f"{result.algorithm} on {result.env} (seed {result.seed}): {result.steps} steps, "
          f"{result.episodes} episodes, {result.updates} updates, {result.elapsed:.3g} s"
          + (" (resumed)" if result.resumed else ""))
    print(f"Greedy return at step {result.eval_steps[-1]}: {final:.6g}")
    print(f"Run directory: {result.run_dir} (checkpoint.pt, metrics, learning_curve.png)")
    return 0


def _cmd_evaluate(args, deep) -> int:
    if args.episodes < 1:
        raise InvalidOptionError(f"--episodes must be positive, got {args.episodes}")
    result = deep.evaluate(args.run, args.episodes, seed=args.seed, env=args.env)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    print(f"{result.algorithm} on {result.env} after {result.step} training steps: "
          f"{result.episodes} greedy episodes, mean return {result.mean_return:.6g} "
          f"(std {result.std_return:.3g})")
    return 0


def run(args) -> int:
    """Run ``train`` or ``evaluate`` from parsed arguments; returns the exit status.
    Errors a user can cause raise :class:`~gametheory.GameTheoryError` subclasses."""
    deep = _deep()
    if args.process == "train":
        return _cmd_train(args, deep)
    return _cmd_evaluate(args, deep)


def add_train_parsers(sub, game_help: str) -> None:
    """Add the ``train`` and ``evaluate`` sub-commands to the parser."""
    env_help = ("environment: sg:NAME (e.g. sg:two-step), matrix:NAME, lbf:TASK, rware:TASK "
                "or a game file")
    s = sub.add_parser("train", help="train a deep multi-agent learner (IDQN, VDN, QMIX, "
                       "central DQN) on an environment")
    s.add_argument("algorithm", metavar="ALGORITHM",
                   help=f"{_ALGORITHM_NAMES} ('list' shows them)")
    s.add_argument("--env", "-e", default=None, help=env_help)
    s.add_argument("--steps", "-n", type=int, default=None,
                   help="total environment steps (default 100000; on --resume, the run's)")
    s.add_argument("--seed", type=int, default=None, help="the run's seed (default 0)")
    s.add_argument("--config", metavar="FILE", default=None,
                   help="JSON or TOML file of config fields (see --show-config)")
    s.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="one config field (repeatable; overrides --config)")
    s.add_argument("--out", "-o", metavar="DIR", default=None,
                   help="run directory (default runs/ALGORITHM-ENV-sSEED)")
    s.add_argument("--resume", action="store_true",
                   help="continue the run in --out from its checkpoint")
    s.add_argument("--show-config", action="store_true", dest="show_config",
                   help="list the algorithm's config fields with their defaults and exit")
    s.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    s.add_argument("--json", action="store_true", help="print the result as JSON")
    s.set_defaults(func=run, process="train")

    s = sub.add_parser("evaluate", help="greedy returns of a trained run or checkpoint")
    s.add_argument("run", metavar="RUN_DIR_OR_CHECKPOINT")
    s.add_argument("--episodes", "-n", type=int, default=10, help="greedy episodes (10)")
    s.add_argument("--seed", type=int, default=0, help="seed of the episodes (0)")
    s.add_argument("--env", "-e", default=None,
                   help="environment (default: the one the run trained on)")
    s.add_argument("--json", action="store_true",
                   help='print {"algorithm", "env", "episodes", "mean_return", '
                   '"std_return", "returns"}')
    s.set_defaults(func=run, process="evaluate")
