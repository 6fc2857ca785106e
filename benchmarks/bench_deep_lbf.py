"""IDQN, VDN and QMIX on level-based foraging: learning curves over several seeds, with
the evaluation protocol of Papoudakis et al. (2021, "Benchmarking multi-agent deep
reinforcement learning algorithms in cooperative tasks"): off-policy learners train for 2M
environment steps, a greedy evaluation every 50k steps over 100 episodes, and the "maximum
return" is the best evaluation of the mean over seeds, with a 95% confidence interval
across seeds at that evaluation.

Runs are ordinary ``gametheory train`` runs, one run directory per (algorithm, seed) under
``--out``; the script starts the missing ones (``--jobs`` at a time), resumes those that
have a checkpoint (a killed run continues where its checkpoint left it) and skips finished
ones, so it can be stopped and started again at will.  Then it prints, per algorithm, the
maximum return, the return at the end, and the training throughput in environment steps per
second (wall clock over the whole run, evaluation episodes included), and draws the curves
(mean over seeds, band of one standard deviation) to ``--plot``.

Run:  python benchmarks/bench_deep_lbf.py [--seeds 3] [--steps 2000000] [--jobs 2]
          [--out runs/lbf] [--plot FILE] [--summary-only] [--partial] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time

import numpy as np

TASK = "lbf:Foraging-8x8-2p-2f-coop-v3"
PROTOCOL = {"eval_interval": 50_000, "eval_episodes": 100, "checkpoint_interval": 50_000}


def _run_dir(out: str, algorithm: str, seed: int) -> str:
    return os.path.join(out, f"{algorithm}-s{seed}")


def _eval_rows(run_dir: str) -> list[dict]:
    path = os.path.join(run_dir, "metrics.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["kind"] == "eval"]


def _finished(run_dir: str, steps: int) -> bool:
    rows = _eval_rows(run_dir)
    return bool(rows) and int(rows[-1]["step"]) >= steps


def _command(algorithm: str, seed: int, args, run_dir: str) -> list[str]:
    cmd = [sys.executable, "-m", "gametheory", "train", algorithm, "--env", args.env,
           "--steps", str(args.steps), "--seed", str(seed), "--out", run_dir, "--quiet"]
    for k, v in {**PROTOCOL, "eval_interval": args.eval_interval,
                 "checkpoint_interval": args.eval_interval}.items():
        cmd += ["--set", f"{k}={v}"]
    if os.path.exists(os.path.join(run_dir, "checkpoint.pt")):
        cmd.append("--resume")
    return cmd


def _train_all(args) -> None:
    todo = [(a, s) for s in range(args.seeds) for a in args.algorithms
            if not _finished(_run_dir(args.out, a, s), args.steps)]
    running: list[tuple[subprocess.Popen, str, object]] = []
    while todo or running:
        while todo and len(running) < args.jobs:
            a, s = todo.pop(0)
            run_dir = _run_dir(args.out, a, s)
            os.makedirs(run_dir, exist_ok=True)
            cmd = _command(a, s, args, run_dir)
            print(time.strftime("%H:%M:%S"), " ".join(cmd[2:]), flush=True)
            log = open(os.path.join(run_dir, "train.log"), "ab")
            running.append((subprocess.Popen(cmd, stdout=log, stderr=log), run_dir, log))
        time.sleep(5)
        for job in list(running):
            proc, run_dir, log = job
            if proc.poll() is not None:
                running.remove(job)
                log.close()
                print(time.strftime("%H:%M:%S"), "finished", run_dir, "exit",
                      proc.returncode, flush=True)


def _summary(args) -> dict:
    from scipy import stats

    out: dict = {}
    curves: dict = {}
    for a in args.algorithms:
        per_seed, at, rates, seeds = [], [], [], []
        for s in range(args.seeds):
            rows = _eval_rows(_run_dir(args.out, a, s))
            if not rows or (int(rows[-1]["step"]) < args.steps and not args.partial):
                continue                      # unfinished runs only with --partial
            per_seed.append([float(r["return"]) for r in rows])
            at.append([int(r["step"]) for r in rows])
            last = rows[-1]
            rates.append(int(last["step"]) / float(last["elapsed"]))
            seeds.append(s)
        if not per_seed:
            continue
        k = min(len(r) for r in per_seed)
        y = np.array([r[:k] for r in per_seed])          # (seeds, evaluations)
        mean = y.mean(axis=0)
        best = int(mean.argmax())
        n = y.shape[0]
        half = (float(stats.t.ppf(0.975, n - 1) * y[:, best].std(ddof=1) / np.sqrt(n))
                if n > 1 else float("nan"))
        steps = np.mean([r[:k] for r in at], axis=0).round().astype(int).tolist()
        out[a] = {"seeds": seeds, "evaluations": k, "max_return": float(mean[best]),
                  "max_return_ci95": half, "max_return_step": steps[best],
                  "final_return": float(mean[-1]), "final_std": float(y[:, -1].std()),
                  "steps_per_second": float(np.mean(rates)),
                  "steps_per_second_range": [float(min(rates)), float(max(rates))]}
        curves[a] = (steps, y)
    print(f"{args.env}: greedy evaluation every {args.eval_interval} steps, "
          f"{PROTOCOL['eval_episodes']} episodes (team return, 1.0 = all food)")
    print(f"{'learner':8} {'seeds':>5} {'evals':>5} {'max return (95% CI)':>22} {'at step':>9} "
          f"{'final':>13} {'steps/s':>8}")
    for a, r in out.items():
        print(f"{a:8} {len(r['seeds']):5d} {r['evaluations']:5d} "
              f"{r['max_return']:10.3f} +- {r['max_return_ci95']:7.3f} {r['max_return_step']:9d} "
              f"{r['final_return']:6.3f}+-{r['final_std']:5.3f} {r['steps_per_second']:8.0f}")
    if args.plot and curves:
        from gametheory.plotting import learning_curve, save_figure
        fig = None
        for a, (steps, y) in curves.items():
            fig = learning_curve(steps, y, label=f"{a} ({y.shape[0]} seeds)",
                                 ylabel="greedy team return", title=args.env,
                                 ax=None if fig is None else fig.axes[0])
        save_figure(fig, args.plot)
        print("curves written to", args.plot)
    if args.json:
        print(json.dumps(out, indent=2))
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--env", default=TASK)
    p.add_argument("--algorithms", nargs="+", default=["idqn", "vdn", "qmix"])
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--steps", type=int, default=2_000_000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--out", default=os.path.join("runs", "lbf"))
    p.add_argument("--plot", default=None, help="PNG of the curves (default OUT/curves.png)")
    p.add_argument("--eval-interval", type=int, default=PROTOCOL["eval_interval"])
    p.add_argument("--summary-only", action="store_true")
    p.add_argument("--partial", action="store_true",
                   help="also summarise unfinished runs (curves cut to the shortest)")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if args.plot is None:
        args.plot = os.path.join(args.out, "curves.png")
    if not args.summary_only:
        _train_all(args)
    _summary(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
