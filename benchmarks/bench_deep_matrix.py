"""Deep value-based learners on the repeated climbing and penalty games: which joint
action do IDQN, VDN, QMIX and the central DQN settle on?

The stage games are those of Claus and Boutilier (1998), "The dynamics of reinforcement
learning in cooperative multiagent systems" (AAAI), from the catalog: climbing
``[[11, -30, 0], [-30, 7, 6], [0, 0, 5]]`` (optimum (a, a) = 11) and penalty
``[[k, 0, 10], [0, 2, 0], [10, 0, k]]`` (optima (a, c) and (c, a) = 10, safe (b, b) = 2).
The catalog's default is k = -10; this script uses k = -100, the hardest of the penalties
(0, -25, -50, -75, -100) of the matrix-games package (semitable/matrix-games) that
Papoudakis et al. (2021, "Benchmarking multi-agent deep reinforcement learning algorithms
in cooperative tasks", NeurIPS Datasets and Benchmarks) trained on.  As in that paper,
an episode is 25 plays of the stage game and the agents observe a constant (the
"nostate" variant).

Returns are printed on the per-agent scale (both agents get the same reward: climbing's
optimum is 25 x 11 = 275, the (b, b) equilibrium 175).  EPyMARL sums the two agents'
rewards, so its returns are twice these: the column "x2" is that scale.

Protocol, compressed to this machine's budget (Papoudakis et al. ran off-policy methods for
2M steps; EPyMARL's defaults replay 5000 episodes and anneal epsilon over 50k steps, and
its agents are GRUs): feed-forward agents, 50k
environment steps per run, epsilon 1 -> 0.05 over the first 10k steps, a replay of the
last 500 episodes, target networks copied every 50 updates, otherwise the Q-learning
core's defaults (gamma 0.99, Adam 5e-4, batch of 32 episodes, double Q).  With the
default 5000-episode replay and 200-update target period, runs of this length keep
replaying their early, mostly random episodes and the values barely propagate: in trials
at 30k and 100k steps (seed 0) IDQN, VDN and QMIX all stayed at (c, c) on the climbing game.

"greedy" is the joint action of the final greedy policy (constant over the episode when
it is the same at every step, else "mixed") and its return; "max mean" is the paper's
metric: the largest over the evaluations of the mean over seeds of the greedy return.

Run:  python benchmarks/bench_deep_matrix.py [--seeds 3] [--steps 50000]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

import numpy as np

from gametheory.deep import EnvSpec, Trainer, run_episode
from gametheory.envs import make_env

ALGOS = ("idqn", "vdn", "qmix", "central_dqn")

CONFIG = {"recurrent": False, "eps_start": 1.0, "eps_finish": 0.05,
          "eps_anneal_steps": 10_000, "buffer_size": 500, "target_update_interval": 50,
          "eval_interval": 5_000, "eval_episodes": 1, "log_interval": 10**9,
          "checkpoint_interval": 10**9, "plot": False}

# Papoudakis et al. (2021) report maximum returns of IQL, VDN and QMIX on these matrix games,
# but their table could not be checked here, so no paper figure is printed: compare by hand
# (their scale is EPyMARL's summed team reward, twice the per-agent returns printed here).
PAPER: dict = {}


def _factory(game: str, k: float):
    params = {"k": k} if game == "penalty" else {}

    def factory():
        return make_env(f"matrix:{game}", episode_length=25, observation="constant",
                        game_params=params)

    factory.env_name = f"matrix:{game}" + (f"(k={k:g})" if game == "penalty" else "")
    return factory


def _greedy_joint(trainer, factory) -> tuple[str, float]:
    env = factory()
    spec = EnvSpec.from_env(env)
    learner = trainer.learner
    learner.reset()
    ep = run_episode(env, lambda o, m: learner.act(o, explore=False, avail=m), spec, seed=0)
    labels = env.game.actions
    joints = Counter(tuple(int(a) for a in row) for row in ep.actions)
    if len(joints) == 1:
        (joint,) = joints
        shown = ",".join(labels[i][a] for i, a in enumerate(joint))
    else:
        shown = "mixed"
    return shown, ep.team_return(spec.common_reward)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--steps", type=int, default=50_000)
    p.add_argument("--penalty-k", type=float, default=-100.0)
    p.add_argument("--algorithms", nargs="+", default=list(ALGOS), choices=ALGOS)
    p.add_argument("--games", nargs="+", default=["climbing", "penalty"],
                   choices=["climbing", "penalty"])
    args = p.parse_args(argv)
    t_all = time.perf_counter()
    Trainer("vdn", _factory("climbing", 0), seed=0, config=CONFIG).run(250)  # warm-up
    print(f"Repeated matrix games, 25 steps per episode, constant observation; "
          f"{args.steps} environment steps per run, seeds 0..{args.seeds - 1}.")
    print("Returns per agent (x2 = EPyMARL's summed scale).  Climbing: optimum (a,a) 275, "
          "(b,b) 175, (b,c) 150, (c,c) 125.\nPenalty: optima (a,c), (c,a) 250, "
          "safe (b,b) 50.\n")
    head = (f"{'game':15} {'learner':12} {'greedy joint action (return) per seed':40} "
            f"{'mean':>6} {'x2':>6} {'max mean':>8} {'s/run':>6}  Papoudakis et al. 2021")
    print(head)
    print("-" * len(head))
    for game in args.games:
        factory = _factory(game, args.penalty_k)
        for algo in args.algorithms:
            cells, finals, curves, times = [], [], [], []
            for seed in range(args.seeds):
                t0 = time.perf_counter()
                trainer = Trainer(algo, factory, seed=seed, config=CONFIG)
                res = trainer.run(args.steps)
                times.append(time.perf_counter() - t0)
                joint, ret = _greedy_joint(trainer, factory)
                cells.append(f"{joint}({ret:g})")
                finals.append(ret)
                curves.append(res.eval_returns)
            n = min(len(c) for c in curves)
            max_mean = float(np.max(np.mean([c[:n] for c in curves], axis=0)))
            name = game if game == "climbing" else f"penalty k={args.penalty_k:g}"
            paper = PAPER.get((game, algo), "not verified here")
            print(f"{name:15} {algo:12} {' '.join(cells):40} {np.mean(finals):6.1f} "
                  f"{2 * np.mean(finals):6.1f} {max_mean:8.1f} {np.median(times):6.1f}  "
                  f"{paper}", flush=True)
    print(f"\ntotal {time.perf_counter() - t_all:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
