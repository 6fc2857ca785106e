"""QMIX against VDN on the two-step game (Rashid et al. 2018, Sec. 6.1), and throughput.

Both learners are trained with uniform exploration (epsilon = 1 throughout) and
feed-forward agents, as in the paper's illustration; the greedy policy is then evaluated.
Published: QMIX's greedy return is 8 (the optimum), VDN's 7 (the safe branch), because a sum
of utilities cannot represent the joint values of state 2B.  Also reported: environment
steps per second of training (acting, replay and one update per episode) and of acting
alone.

Run:  python benchmarks/bench_deep_two_step.py [--seeds 5] [--steps 6000]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from gametheory.deep import EnvSpec, Trainer, run_episode
from gametheory.envs import make_env

UNIFORM = {"recurrent": False, "eps_start": 1.0, "eps_finish": 1.0, "eval_interval": 10**9,
           "eval_episodes": 1, "log_interval": 10**9, "checkpoint_interval": 10**9,
           "plot": False}


def _train(name: str, seed: int, steps: int):
    trainer = Trainer(name, "sg:two-step", seed=seed, config=UNIFORM)
    t0 = time.perf_counter()
    res = trainer.run(steps)
    return res.final_return, res.steps / (time.perf_counter() - t0), trainer


def _acting_rate(trainer, episodes: int = 2000) -> float:
    env = make_env("sg:two-step")
    spec = EnvSpec.from_env(env)
    learner = trainer.learner
    t0 = time.perf_counter()
    steps = 0
    for k in range(episodes):
        learner.reset()
        steps += run_episode(env, lambda o, m: learner.act(o, explore=True, avail=m), spec,
                             seed=k).length
    return steps / (time.perf_counter() - t0)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--steps", type=int, default=6000)
    args = p.parse_args(argv)
    _train("vdn", 0, 200)                       # warm-up (imports, first allocations)
    print(f"Two-step game, uniform exploration, {args.steps} environment steps per run, "
          f"seeds 0..{args.seeds - 1}")
    print(f"{'learner':8} {'greedy returns':24} {'mean':>6} {'published':>9} "
          f"{'train steps/s':>14} {'act steps/s':>12}")
    for name, published in (("qmix", 8), ("vdn", 7)):
        returns, rates = [], []
        trainer = None
        for seed in range(args.seeds):
            ret, rate, trainer = _train(name, seed, args.steps)
            returns.append(ret)
            rates.append(rate)
        act = statistics.median(_acting_rate(trainer) for _ in range(3))
        shown = " ".join(f"{r:g}" for r in returns)
        print(f"{name:8} {shown:24} {np.mean(returns):6.2f} {published:9d} "
              f"{statistics.median(rates):14.0f} {act:12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
