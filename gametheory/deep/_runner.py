"""One training runner for every deep learner: seeding, the episode loop, greedy
evaluation, metrics, checkpoints that resume exactly, and evaluation of saved runs.

A run directory holds::

    run.json            algorithm, environment, seed and config of the run
    checkpoint.pt       the latest checkpoint (written to a temporary file, then renamed)
    metrics.csv         one row per log interval ("train") and per evaluation ("eval");
                        metrics.jsonl with ``metrics_format="jsonl"``
    learning_curve.png  greedy evaluation return against environment steps

Reproducibility.  One integer ``seed`` fixes everything: the network initialisation and
the exploration of the learner, the replay sampling of the runner, and the environments,
which are reset with a seed derived from ``(seed, stream, episode index)`` at every episode.
The runner is an entry point, so it also seeds torch's and Python's global generators
(numpy's global generator is never used).  A checkpoint, written at an episode boundary,
stores the step and episode counters, the learner (networks, target networks, optimizer,
exploration generator), the replay buffer, the runner's generators, the global torch and
Python generator states and the length of the metrics file, so a run that is killed and
resumed with ``resume=True`` continues from the checkpoint as if it had never stopped:
the metrics written after the checkpoint are cut off and written again identically, and
the final networks are the same as those of an uninterrupted run.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import math
import os
import random
import time
import numpy as np
import torch

from .._errors import InvalidOptionError
from ._buffers import EpisodeBuffer
from ._config import RunConfig, config_to_dict, make_config
from ._env import EnvSpec, episode_seed, make_training_env, run_episode
from ._registry import ALGORITHMS, algorithm_name, get_algorithm

__all__ = ["Trainer", "TrainResult", "EvaluationResult", "train", "evaluate",
           "load_checkpoint", "CHECKPOINT_NAME", "METRIC_COLUMNS"]

logger = logging.getLogger(__name__)

CHECKPOINT_NAME = "checkpoint.pt"
RUN_FILE = "run.json"
_FORMAT = "gametheory.deep.checkpoint/1"
METRIC_COLUMNS = ("kind", "step", "episode", "updates", "return", "return_std", "loss",
                  "q_taken", "grad_norm", "epsilon", "elapsed")
"""Columns of the metrics file ('elapsed', wall-clock seconds, is the only column that
differs between two runs with the same seed)."""

_TRAIN_STREAM, _EVAL_STREAM, _TEST_STREAM = 0, 1, 2


@dataclasses.dataclass(frozen=True)
class TrainResult:
    """What :meth:`Trainer.run` returns."""

    algorithm: str
    """Registry name of the learner."""
    env: str
    """Environment name."""
    seed: int
    """The run's seed."""
    steps: int
    """Environment steps taken in total (a run stops at the end of the episode that reaches
    the requested steps)."""
    episodes: int
    """Training episodes played in total."""
    updates: int
    """Gradient steps taken in total."""
    episode_returns: tuple[float, ...]
    """Return of every training episode (team return when rewards are common, else the sum
    over agents)."""
    eval_steps: tuple[int, ...]
    """Environment steps at which the greedy policy was evaluated."""
    eval_returns: tuple[float, ...]
    """Mean greedy return of each evaluation."""
    run_dir: str | None
    """The run directory (None for a run without files)."""
    elapsed: float
    """Wall-clock seconds of training, summed over resumed sessions."""
    resumed: bool
    """Whether this session continued from a checkpoint."""

    @property
    def final_return(self) -> float:
        """Mean greedy return of the last evaluation (NaN before any)."""
        return self.eval_returns[-1] if self.eval_returns else math.nan

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d["final_return"] = self.final_return
        for k in ("episode_returns", "eval_steps", "eval_returns"):
            d[k] = list(d[k])
        return d


@dataclasses.dataclass(frozen=True)
class EvaluationResult:
    """What :func:`evaluate` returns: returns of greedy episodes."""

    algorithm: str
    env: str
    episodes: int
    mean_return: float
    std_return: float
    returns: tuple[float, ...]
    """Team return of every episode when rewards are common, else the sum over agents."""
    step: int
    """Environment steps of training behind the evaluated checkpoint."""

    def to_dict(self) -> dict:
        return {"algorithm": self.algorithm, "env": self.env, "episodes": self.episodes,
                "mean_return": self.mean_return, "std_return": self.std_return,
                "returns": list(self.returns)}


# ---------------------------------------------------------------------------- files
def _atomic_write_bytes(path: str, write) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _checkpoint_path(path) -> str:
    path = os.fspath(path)
    return os.path.join(path, CHECKPOINT_NAME) if os.path.isdir(path) else path


def load_checkpoint(path) -> dict:
    """Read a checkpoint (a run directory or the file itself) written by :class:`Trainer`.

    Raises
    ------
    InvalidOptionError
        If there is no checkpoint at ``path`` or the file is not one.
    """
    file = _checkpoint_path(path)
    if not os.path.isfile(file):
        raise InvalidOptionError(f"no checkpoint at {os.fspath(path)!r}")
    try:
        ckpt = torch.load(file, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises several unrelated types for foreign files
        raise InvalidOptionError(f"{file!r} is not a gametheory checkpoint "
                                 f"({type(exc).__name__})") from None
    if not isinstance(ckpt, dict) or ckpt.get("format") != _FORMAT:
        raise InvalidOptionError(f"{file!r} is not a gametheory checkpoint")
    return ckpt


class _Metrics:
    """Rows appended to metrics.csv or metrics.jsonl (or kept nowhere without a run
    directory)."""

    def __init__(self, path: str | None, fmt: str, truncate_at: int | None):
        self.path, self.fmt, self.fh = path, fmt, None
        if path is None:
            return
        if truncate_at is None:  # a new run
            self.fh = open(path, "w", newline="", encoding="utf-8")
            if fmt == "csv":
                self.fh.write(",".join(METRIC_COLUMNS) + "\n")
        else:
            self.fh = open(path, "r+", newline="", encoding="utf-8") \
                if os.path.exists(path) else open(path, "w", newline="", encoding="utf-8")
            self.fh.seek(0, os.SEEK_END)
            if self.fh.tell() < truncate_at:
                raise InvalidOptionError(f"{path!r} is shorter than the checkpoint expects; "
                                         "the run directory was modified")
            self.fh.truncate(truncate_at)
            self.fh.seek(truncate_at)

    def write(self, row: dict) -> None:
        if self.fh is None:
            return
        if self.fmt == "jsonl":
            self.fh.write(json.dumps({k: row.get(k) for k in METRIC_COLUMNS}) + "\n")
        else:
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow(
                ["" if row.get(k) is None else row[k] for k in METRIC_COLUMNS])
            self.fh.write(buf.getvalue())

    def sync(self) -> int:
        """Flush to disk and return the file's length."""
        if self.fh is None:
            return 0
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return self.fh.tell()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def _to_tensors(d: dict) -> dict:
    return {k: torch.from_numpy(np.ascontiguousarray(v)) if isinstance(v, np.ndarray) else v
            for k, v in d.items()}


def _to_arrays(d: dict) -> dict:
    return {k: v.numpy() if isinstance(v, torch.Tensor) else v for k, v in d.items()}


def _resolve_config(cls, config):
    if config is None:
        return cls()
    if isinstance(config, dict):
        return make_config(cls, config)
    if isinstance(config, (str, os.PathLike)):
        return make_config(cls, path=config)
    if type(config) is not cls:
        raise InvalidOptionError(f"this algorithm takes a {cls.__name__}, not a "
                                 f"{type(config).__name__}")
    return config


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidOptionError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


# ---------------------------------------------------------------------------- trainer
class Trainer:
    """Train a registered deep learner on an environment.

    Parameters
    ----------
    algorithm : str
        A name of :data:`ALGORITHMS` ("idqn", "vdn", "qmix", "central_dqn").
    env : str or callable
        An environment name for :func:`gametheory.envs.make_env` ("sg:two-step",
        "matrix:climbing", "lbf:Foraging-8x8-2p-2f-coop-v3", a game file ...) or a
        zero-argument function returning a PettingZoo ``ParallelEnv``.
    seed : int, optional
        The run's only seed (default 0; on resume, the stored seed).
    config : Config, dict or path, optional
        The algorithm's ``Config``, a dict of its fields or a JSON/TOML file of them
        (default: the defaults; on resume, the stored config).
    out : str or path-like, optional
        Run directory for metrics, checkpoints and the plot; None keeps everything in
        memory.
    resume : bool
        Continue the run in ``out`` from its checkpoint.  A run directory that already
        holds a checkpoint is never overwritten without it.
    """

    def __init__(self, algorithm: str, env, *, seed: int | None = None, config=None,
                 out=None, resume: bool = False):
        self.algorithm = algorithm_name(algorithm)
        config_cls, learner_cls = ALGORITHMS[self.algorithm]
        self.run_dir = None if out is None else os.fspath(out)
        ckpt = None
        if self.run_dir is not None:
            file = os.path.join(self.run_dir, CHECKPOINT_NAME)
            if os.path.exists(file):
                if not resume:
                    raise InvalidOptionError(
                        f"{self.run_dir!r} already holds a run; pass resume=True (--resume) "
                        "to continue it or choose another directory")
                ckpt = load_checkpoint(file)
            elif os.path.isfile(self.run_dir):
                raise InvalidOptionError(f"{self.run_dir!r} is a file, not a run directory")
        self.resumed = ckpt is not None
        if ckpt is not None:
            if ckpt["algorithm"] != self.algorithm:
                raise InvalidOptionError(
                    f"the checkpoint in {self.run_dir!r} was written by algorithm "
                    f"{ckpt['algorithm']!r}, not {self.algorithm!r}")
            stored = make_config(config_cls, ckpt["config"])
            if config is not None:
                given = _resolve_config(config_cls, config)
                diff = [k for k, v in config_to_dict(given).items()
                        if ckpt["config"].get(k) != v]
                if diff:
                    raise InvalidOptionError("the run was started with another config "
                                             f"(fields {', '.join(diff)} differ); resume "
                                             "uses the stored config")
            if seed is not None and _check_seed(seed) != ckpt["seed"]:
                raise InvalidOptionError(f"the run was started with seed {ckpt['seed']}, "
                                         f"not {seed}")
            self.config, self.seed = stored, int(ckpt["seed"])
        else:
            self.config = _resolve_config(config_cls, config)
            self.seed = 0 if seed is None else _check_seed(seed)
        if not isinstance(self.config, RunConfig):
            raise InvalidOptionError("a learner's Config must extend RunConfig")
        torch.set_num_threads(self.config.num_threads)

        self.env, self.env_name = make_training_env(env)
        self.eval_env, _ = make_training_env(env)
        if ckpt is not None and ckpt["env"] != self.env_name:
            raise InvalidOptionError(f"the run in {self.run_dir!r} trained on "
                                     f"{ckpt['env']!r}, not {self.env_name!r}")
        self.spec = EnvSpec.from_env(self.env)
        seq = np.random.SeedSequence(self.seed)
        learner_seq, runner_seq = seq.spawn(2)
        # the runner is an entry point: it seeds the global torch and Python generators
        torch.manual_seed(self.seed)
        random.seed(self.seed)
        self.learner = learner_cls(self.spec, self.config, rng=np.random.default_rng(
            learner_seq))
        self.rng = np.random.default_rng(runner_seq)
        self.buffer = EpisodeBuffer(getattr(self.config, "buffer_size", 1), self.spec.n_agents,
                                    self.spec.obs_dim, self.spec.state_dim,
                                    self.spec.n_actions)
        c = self.config
        self.t_env = self.episodes = 0
        self.next_log, self.next_eval, self.next_ckpt = (c.log_interval, c.eval_interval,
                                                         c.checkpoint_interval)
        self.eval_round = 0
        self.episode_returns: list[float] = []
        self.eval_steps: list[int] = []
        self.eval_returns: list[float] = []
        self.elapsed_before = 0.0
        self.target_steps: int | None = None
        self._acc: dict[str, list] = {"returns": [], "stats": []}
        self._metrics_offset: int | None = None
        if ckpt is not None:
            self._restore(ckpt)

    # ------------------------------------------------------------------ checkpoints
    def _restore(self, ckpt: dict) -> None:
        if ckpt["spec"] != self.spec.to_dict():
            raise InvalidOptionError(f"the checkpoint was written for environment sizes "
                                     f"{ckpt['spec']}, the environment has "
                                     f"{self.spec.to_dict()}")
        self.learner.load_state_dict(ckpt["learner"])
        self.buffer.load_state_dict(_to_arrays(ckpt["buffer"]))
        r = ckpt["runner"]
        for k in ("t_env", "episodes", "next_log", "next_eval", "next_ckpt", "eval_round",
                  "target_steps"):
            setattr(self, k, r[k])
        self.elapsed_before = float(r["elapsed"])
        self.episode_returns = list(r["episode_returns"])
        self.eval_steps = list(r["eval_steps"])
        self.eval_returns = list(r["eval_returns"])
        self._acc = {"returns": list(r["acc_returns"]), "stats": list(r["acc_stats"])}
        self._metrics_offset = int(r["metrics_offset"])
        self.rng.bit_generator.state = ckpt["rng"]["runner"]
        torch.set_rng_state(ckpt["rng"]["torch"])
        random.setstate(ckpt["rng"]["python"])

    def checkpoint(self) -> dict:
        """The full state of the run as a dict of tensors and plain values."""
        return {
            "format": _FORMAT, "algorithm": self.algorithm, "env": self.env_name,
            "seed": self.seed, "config": config_to_dict(self.config),
            "spec": self.spec.to_dict(), "learner": self.learner.state_dict(),
            "buffer": _to_tensors(self.buffer.state_dict()),
            "runner": {"t_env": self.t_env, "episodes": self.episodes,
                       "next_log": self.next_log, "next_eval": self.next_eval,
                       "next_ckpt": self.next_ckpt, "eval_round": self.eval_round,
                       "target_steps": self.target_steps,
                       "elapsed": self.elapsed_before + self._session_elapsed(),
                       "episode_returns": list(self.episode_returns),
                       "eval_steps": list(self.eval_steps),
                       "eval_returns": list(self.eval_returns),
                       "acc_returns": list(self._acc["returns"]),
                       "acc_stats": list(self._acc["stats"]),
                       "metrics_offset": (self._metrics.sync() if getattr(
                           self, "_metrics", None) is not None else
                           (self._metrics_offset or 0))},
            "rng": {"runner": self.rng.bit_generator.state, "torch": torch.get_rng_state(),
                    "python": random.getstate()},
        }

    def _save(self) -> None:
        if self.run_dir is None:
            return
        payload = self.checkpoint()
        _atomic_write_bytes(os.path.join(self.run_dir, CHECKPOINT_NAME),
                            lambda fh: torch.save(payload, fh))

    def _session_elapsed(self) -> float:
        start = getattr(self, "_t0", None)
        return 0.0 if start is None else time.perf_counter() - start

    # ------------------------------------------------------------------ episodes
    def _play(self, env, *, explore: bool, seed: int):
        self.learner.reset()
        return run_episode(env, lambda o, m: self.learner.act(o, explore=explore, avail=m),
                           self.spec, seed=seed)

    def _evaluate(self) -> np.ndarray:
        c = self.config
        returns = []
        for k in range(c.eval_episodes):
            ep = self._play(self.eval_env, explore=False,
                            seed=episode_seed(self.seed, _EVAL_STREAM,
                                              self.eval_round * c.eval_episodes + k))
            returns.append(ep.team_return(self.spec.common_reward))
        self.eval_round += 1
        return np.asarray(returns)

    def _train_episode(self) -> None:
        c = self.config
        ep = self._play(self.env, explore=True,
                        seed=episode_seed(self.seed, _TRAIN_STREAM, self.episodes))
        self.t_env += ep.length
        self.episodes += 1
        ret = ep.team_return(self.spec.common_reward)
        self.episode_returns.append(ret)
        self._acc["returns"].append(ret)
        self.buffer.add(obs=ep.obs, state=ep.state, actions=ep.actions, rewards=ep.rewards,
                        avail=ep.avail, terminated=ep.terminated)
        if len(self.buffer) >= c.batch_size and self.t_env >= c.learning_starts:
            for _ in range(c.updates_per_episode):
                batch = self.buffer.sample(c.batch_size, self.rng,
                                           independent_agents=c.independent_buffers)
                stats = self.learner.update(batch)
                self._acc["stats"].append([stats["loss"], stats["q_taken"],
                                           stats["grad_norm"]])

    def _row(self, kind: str, ret, ret_std, stats=None) -> dict:
        row = {"kind": kind, "step": self.t_env, "episode": self.episodes,
               "updates": self.learner.num_updates, "return": ret, "return_std": ret_std,
               "epsilon": round(self.learner.epsilon, 6),
               "elapsed": round(self.elapsed_before + self._session_elapsed(), 3)}
        if stats is not None:
            row.update(loss=stats[0], q_taken=stats[1], grad_norm=stats[2])
        return row

    def _log_train(self) -> None:
        rets = self._acc["returns"]
        stats = np.mean(self._acc["stats"], axis=0).tolist() if self._acc["stats"] else None
        self._metrics.write(self._row("train", float(np.mean(rets)) if rets else None,
                                      float(np.std(rets)) if rets else None, stats))
        self._acc = {"returns": [], "stats": []}

    def _log_eval(self) -> None:
        rets = self._evaluate()
        self.eval_steps.append(self.t_env)
        self.eval_returns.append(float(rets.mean()))
        self._metrics.write(self._row("eval", float(rets.mean()), float(rets.std())))
        logger.info("%s step %d: greedy return %.4g", self.algorithm, self.t_env, rets.mean())

    # ------------------------------------------------------------------ the loop
    def run(self, steps: int | None = None, *, progress: bool = False) -> TrainResult:
        """Train until ``steps`` environment steps in total (on resume: the stored target
        when None), evaluating, logging and checkpointing on the way; returns a
        :class:`TrainResult`."""
        if steps is None:
            steps = self.target_steps
            if steps is None:
                raise InvalidOptionError("steps is required for a new run")
        if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
            raise InvalidOptionError(f"steps must be a positive integer, got {steps!r}")
        self.target_steps = int(steps)
        c = self.config
        ext = "jsonl" if c.metrics_format == "jsonl" else "csv"
        if self.run_dir is not None:
            os.makedirs(self.run_dir, exist_ok=True)
            if not self.resumed:
                run_info = {"algorithm": self.algorithm, "env": self.env_name,
                            "seed": self.seed, "config": config_to_dict(self.config),
                            "spec": self.spec.to_dict()}
                text = json.dumps(run_info, indent=2).encode()
                _atomic_write_bytes(os.path.join(self.run_dir, RUN_FILE),
                                    lambda fh: fh.write(text))
        self._metrics = _Metrics(None if self.run_dir is None
                                 else os.path.join(self.run_dir, f"metrics.{ext}"),
                                 c.metrics_format, self._metrics_offset)
        self._t0 = time.perf_counter()
        if progress:
            from tqdm.auto import tqdm
        else:  # tqdm.auto warns in notebooks without ipywidgets even when disabled
            from tqdm import tqdm
        bar = tqdm(total=steps, initial=min(self.t_env, steps), disable=not progress,
                   unit="step", dynamic_ncols=True, leave=False)
        try:
            while self.t_env < steps:
                before = self.t_env
                self._train_episode()
                if self.t_env >= self.next_log:
                    self._log_train()
                    self.next_log += c.log_interval * (1 + (self.t_env - self.next_log)
                                                       // c.log_interval)
                if self.t_env >= self.next_eval:
                    self._log_eval()
                    self.next_eval += c.eval_interval * (1 + (self.t_env - self.next_eval)
                                                         // c.eval_interval)
                if self.t_env >= self.next_ckpt:
                    self.next_ckpt += c.checkpoint_interval * (
                        1 + (self.t_env - self.next_ckpt) // c.checkpoint_interval)
                    self._save()
                bar.update(min(self.t_env, steps) - min(before, steps))
                if progress:
                    recent = self.episode_returns[-100:]
                    post = {"return": f"{np.mean(recent):.3g}"}
                    if self.eval_returns:
                        post["greedy"] = f"{self.eval_returns[-1]:.3g}"
                    bar.set_postfix(post, refresh=False)
            if self._acc["returns"]:
                self._log_train()
            if not self.eval_steps or self.eval_steps[-1] != self.t_env:
                self._log_eval()
            self._save()
        finally:
            bar.close()
            self._metrics.close()
        elapsed = self.elapsed_before + self._session_elapsed()
        self.elapsed_before, self._t0 = elapsed, None
        self._metrics_offset = None if self.run_dir is None else os.path.getsize(
            self._metrics.path)
        if self.run_dir is not None and c.plot and self.eval_steps:
            self._plot()
        return TrainResult(self.algorithm, self.env_name, self.seed, self.t_env,
                           self.episodes, self.learner.num_updates,
                           tuple(self.episode_returns), tuple(self.eval_steps),
                           tuple(self.eval_returns), self.run_dir, elapsed, self.resumed)

    def _plot(self) -> None:
        from ..plotting import learning_curve, save_figure
        fig = learning_curve(self.eval_steps, self.eval_returns, label=self.algorithm,
                             ylabel="greedy return",
                             title=f"{self.algorithm} on {self.env_name}")
        save_figure(fig, os.path.join(self.run_dir, "learning_curve.png"))


def train(algorithm: str, env, *, steps: int | None = None, seed: int | None = None,
          config=None, out=None, resume: bool = False, progress: bool = False) -> TrainResult:
    """Train ``algorithm`` on ``env`` for ``steps`` environment steps: a shortcut for
    ``Trainer(algorithm, env, seed=seed, config=config, out=out, resume=resume)
    .run(steps, progress=progress)`` (see :class:`Trainer`).

    Examples
    --------
    VDN with feed-forward agents for 200 steps of the two-step game (Rashid et al. 2018),
    no files written:

    >>> from gametheory.deep import train
    >>> res = train("vdn", "sg:two-step", steps=200, seed=1,
    ...             config={"recurrent": False, "eval_interval": 100, "batch_size": 8})
    >>> res.steps, res.episodes, res.eval_steps
    (200, 100, (100, 200))
    """
    trainer = Trainer(algorithm, env, seed=seed, config=config, out=out, resume=resume)
    return trainer.run(steps, progress=progress)


def evaluate(path, episodes: int = 10, *, seed: int = 0, env=None) -> EvaluationResult:
    """Greedy returns of the learner saved in a run directory or checkpoint file.

    Parameters
    ----------
    path : str or path-like
        A run directory (its ``checkpoint.pt`` is read) or a checkpoint file.
    episodes : int
        Greedy episodes to play.
    seed : int
        Seed of the environments' resets (independent of the training seed).
    env : str or callable, optional
        The environment (default: the one the run trained on).

    Returns
    -------
    EvaluationResult
        Team returns when rewards are common, else the sum of the agents' returns.
    """
    if isinstance(episodes, bool) or not isinstance(episodes, (int, np.integer)) \
            or episodes < 1:
        raise InvalidOptionError(f"episodes must be a positive integer, got {episodes!r}")
    seed = _check_seed(seed)
    ckpt = load_checkpoint(path)
    config_cls, learner_cls = get_algorithm(ckpt["algorithm"])
    config = make_config(config_cls, ckpt["config"])
    torch.set_num_threads(config.num_threads)
    env_obj, env_name = make_training_env(ckpt["env"] if env is None else env)
    spec = EnvSpec.from_env(env_obj)
    learner = learner_cls(spec, config, rng=0)
    learner.load_state_dict(ckpt["learner"])
    returns = []
    for k in range(int(episodes)):
        learner.reset()
        ep = run_episode(env_obj, lambda o, m: learner.act(o, explore=False, avail=m), spec,
                         seed=episode_seed(seed, _TEST_STREAM, k))
        returns.append(ep.team_return(spec.common_reward))
    r = np.asarray(returns, dtype=np.float64)
    return EvaluationResult(ckpt["algorithm"], env_name if env is not None else ckpt["env"],
                            int(episodes), float(r.mean()), float(r.std()),
                            tuple(float(x) for x in r), int(ckpt["runner"]["t_env"]))
