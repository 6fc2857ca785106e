"""The training runner of the deep learners: seeding, metrics, checkpoints, exact resume
after a kill, evaluation, the ``train`` / ``evaluate`` commands and their errors."""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from gametheory import GameTheoryError, InvalidOptionError, UnknownNameError  # noqa: E402
from gametheory.deep import (CHECKPOINT_NAME, METRIC_COLUMNS, Trainer, evaluate,  # noqa: E402
                             load_checkpoint, train)

ENV = "sg:two-step"
FAST = {"recurrent": False, "batch_size": 4, "eval_interval": 50, "eval_episodes": 2,
        "log_interval": 20, "checkpoint_interval": 40, "target_update_interval": 10}


def _rows(run_dir, fmt="csv"):
    path = os.path.join(run_dir, f"metrics.{fmt}")
    with open(path, encoding="utf-8") as fh:
        if fmt == "csv":
            rows = list(csv.DictReader(fh))
        else:
            rows = [{k: ("" if v is None else str(v)) for k, v in json.loads(line).items()}
                    for line in fh]
    for r in rows:
        r.pop("elapsed")                     # wall-clock time, the only run-dependent column
    return rows


def _params(trainer):
    sd = trainer.learner.state_dict()
    tensors = {}
    for key in ("net", "target_net", "mixer", "target_mixer"):
        for k, v in (sd[key] or {}).items():
            tensors[f"{key}.{k}"] = v
    return tensors


def _same_params(a, b):
    pa, pb = _params(a), _params(b)
    return pa.keys() == pb.keys() and all(torch.equal(pa[k], pb[k]) for k in pa)


# ---------------------------------------------------------------------------- seeding
def test_same_seed_same_run_other_seed_other_run(tmp_path):
    t1 = Trainer("qmix", ENV, seed=3, config={**FAST, "recurrent": True})
    t2 = Trainer("qmix", ENV, seed=3, config={**FAST, "recurrent": True})
    t3 = Trainer("qmix", ENV, seed=4, config={**FAST, "recurrent": True})
    r1, r2, r3 = t1.run(80), t2.run(80), t3.run(80)
    assert r1.episode_returns == r2.episode_returns
    assert r1.eval_returns == r2.eval_returns
    assert _same_params(t1, t2)
    assert r1.episode_returns != r3.episode_returns
    assert not _same_params(t1, t3)


def test_threads_default_to_one():
    Trainer("vdn", ENV, config=FAST)
    assert torch.get_num_threads() == 1


# ---------------------------------------------------------------------------- files
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_run_directory_contents(tmp_path, fmt):
    out = tmp_path / "run"
    res = train("vdn", ENV, steps=100, seed=0, config={**FAST, "metrics_format": fmt},
                out=out)
    names = sorted(os.listdir(out))
    assert names == sorted(["run.json", CHECKPOINT_NAME, f"metrics.{fmt}",
                            "learning_curve.png"])            # no temporary file left
    info = json.loads((out / "run.json").read_text())
    assert info["algorithm"] == "vdn" and info["env"] == ENV and info["seed"] == 0
    assert info["config"]["metrics_format"] == fmt
    rows = _rows(out, fmt)
    assert set(rows[0]) == set(METRIC_COLUMNS) - {"elapsed"}
    evals = [r for r in rows if r["kind"] == "eval"]
    assert [int(r["step"]) for r in evals] == list(res.eval_steps) == [50, 100]
    assert [float(r["return"]) for r in evals] == list(res.eval_returns)
    trains = [r for r in rows if r["kind"] == "train"]
    assert [int(r["step"]) for r in trains] == [20, 40, 60, 80, 100]
    logged = [float(r["return"]) for r in trains]
    expected = [np.mean(res.episode_returns[k:k + 10]) for k in range(0, 50, 10)]
    assert np.allclose(logged, expected)
    assert all(np.isfinite(float(r["loss"])) for r in trains[1:])
    ckpt = load_checkpoint(out)
    assert ckpt["algorithm"] == "vdn" and ckpt["runner"]["t_env"] == 100


def test_existing_run_is_not_overwritten(tmp_path):
    train("vdn", ENV, steps=40, config=FAST, out=tmp_path)
    with pytest.raises(InvalidOptionError, match="already holds a run.*resume"):
        train("vdn", ENV, steps=40, config=FAST, out=tmp_path)


def test_resume_refuses_another_algorithm_env_seed_or_config(tmp_path):
    train("vdn", ENV, steps=40, config=FAST, out=tmp_path, seed=1)
    with pytest.raises(InvalidOptionError, match="written by algorithm 'vdn', not 'qmix'"):
        train("qmix", ENV, steps=80, out=tmp_path, resume=True)
    with pytest.raises(InvalidOptionError, match="trained on 'sg:two-step'"):
        train("vdn", "matrix:climbing", steps=80, out=tmp_path, resume=True)
    with pytest.raises(InvalidOptionError, match="seed 1"):
        train("vdn", ENV, steps=80, out=tmp_path, resume=True, seed=2)
    with pytest.raises(InvalidOptionError, match="lr"):
        train("vdn", ENV, steps=80, out=tmp_path, resume=True, config={**FAST, "lr": 0.1})


def test_not_a_checkpoint(tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint at all")
    with pytest.raises(InvalidOptionError, match="not a gametheory checkpoint"):
        evaluate(bad)
    torch.save({"weights": torch.zeros(2)}, tmp_path / "other.pt")
    with pytest.raises(InvalidOptionError, match="not a gametheory checkpoint"):
        evaluate(tmp_path / "other.pt")
    with pytest.raises(InvalidOptionError, match="no checkpoint"):
        evaluate(tmp_path / "missing")


# ---------------------------------------------------------------------------- resume
def _interrupt_after(monkeypatch, episodes):
    """Make the training loop stop abruptly (as a kill would) after some episodes."""
    original = Trainer._train_episode

    def patched(self):
        if self.episodes >= episodes:
            raise KeyboardInterrupt
        original(self)

    monkeypatch.setattr(Trainer, "_train_episode", patched)
    return original


@pytest.mark.parametrize("name, recurrent", [("qmix", True), ("idqn", False),
                                             ("central_dqn", False)])
def test_interrupted_and_resumed_run_equals_an_uninterrupted_one(tmp_path, monkeypatch,
                                                                   name, recurrent):
    cfg = {**FAST, "recurrent": recurrent}
    whole = Trainer(name, ENV, seed=5, config=cfg, out=tmp_path / "whole")
    r_whole = whole.run(200)
    original = _interrupt_after(monkeypatch, 71)    # checkpoint at step 120, rows to 140
    with pytest.raises(KeyboardInterrupt):
        train(name, ENV, steps=200, seed=5, config=cfg, out=tmp_path / "cut")
    assert load_checkpoint(tmp_path / "cut")["runner"]["t_env"] == 120
    cut_rows = _rows(tmp_path / "cut")
    assert int(cut_rows[-1]["step"]) > 120              # rows past the checkpoint exist
    monkeypatch.setattr(Trainer, "_train_episode", original)
    resumed = Trainer(name, ENV, out=tmp_path / "cut", resume=True)
    assert resumed.t_env == 120 and resumed.seed == 5
    r_res = resumed.run()                               # the stored target: 200 steps
    assert r_res.resumed and r_res.steps == 200
    assert r_res.episode_returns == r_whole.episode_returns
    assert r_res.eval_returns == r_whole.eval_returns
    assert _rows(tmp_path / "cut") == _rows(tmp_path / "whole")   # nothing lost or repeated
    assert _same_params(resumed, whole)
    assert resumed.learner.optimizer.state_dict()["state"].keys() == \
        whole.learner.optimizer.state_dict()["state"].keys()


_KILL_SCRIPT = textwrap.dedent("""
    import sys
    from gametheory.deep import train
    cfg = {"recurrent": False, "batch_size": 4, "eval_interval": 100, "eval_episodes": 2,
           "log_interval": 10, "checkpoint_interval": 50, "target_update_interval": 10}
    train("qmix", "sg:two-step", steps=int(sys.argv[2]), seed=2, config=cfg,
          out=sys.argv[1])
""")


def test_killed_process_resumes_without_losing_or_repeating_steps(tmp_path):
    steps = 4000
    cut = tmp_path / "cut"
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(cut), str(steps)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 120
        while not (cut / CHECKPOINT_NAME).exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.time() < deadline
            time.sleep(0.05)
        time.sleep(0.2)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL           # killed, not finished
    t_cut = load_checkpoint(cut)["runner"]["t_env"]
    assert 0 < t_cut < steps
    resumed = Trainer("qmix", ENV, out=cut, resume=True)
    target = t_cut + 100                                # finish a little past the cut
    r_res = resumed.run(target)
    cfg = {"recurrent": False, "batch_size": 4, "eval_interval": 100, "eval_episodes": 2,
           "log_interval": 10, "checkpoint_interval": 50, "target_update_interval": 10}
    whole = Trainer("qmix", ENV, seed=2, config=cfg, out=tmp_path / "whole")
    r_whole = whole.run(target)
    assert r_res.episode_returns == r_whole.episode_returns
    assert _rows(cut) == _rows(tmp_path / "whole")
    assert _same_params(resumed, whole)


# ---------------------------------------------------------------------------- evaluate
def test_evaluate_plays_greedily_and_reports_team_returns(tmp_path):
    res = train("central_dqn", ENV, steps=100, seed=0, config=FAST, out=tmp_path)
    ev = evaluate(tmp_path, 4, seed=0)
    d = ev.to_dict()
    assert list(d) == ["algorithm", "env", "episodes", "mean_return", "std_return",
                       "returns"]
    assert d["algorithm"] == "central_dqn" and d["env"] == ENV and d["episodes"] == 4
    assert len(d["returns"]) == 4 and d["returns"][0] in (0.0, 1.0, 7.0, 8.0)
    # the game is deterministic, so greedy play repeats the last evaluation of training
    assert d["returns"] == [res.eval_returns[-1]] * 4
    assert d["mean_return"] == res.eval_returns[-1] and d["std_return"] == 0.0
    assert evaluate(tmp_path / CHECKPOINT_NAME, 1).returns == (res.eval_returns[-1],)
    with pytest.raises(InvalidOptionError, match="episodes"):
        evaluate(tmp_path, 0)


# ---------------------------------------------------------------------------- CLI
def _cli(argv, capsys):
    """Run the commands as the ``gametheory`` entry point does once they are wired in;
    until then through their own parser with the same error handling."""
    from gametheory.cli import _main
    parser = _main.build_parser()
    wired = "train" in parser._subparsers._group_actions[0].choices
    if wired:
        code = _main.main(argv)
    else:
        from gametheory.cli._train import add_train_parsers, run
        p = argparse.ArgumentParser(prog="gametheory")
        add_train_parsers(p.add_subparsers(dest="command"), "")
        try:
            code = run(p.parse_args(argv))
        except GameTheoryError as exc:
            print(f"gametheory: error: {exc}", file=sys.stderr)
            code = 2
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_train_then_evaluate_json(tmp_path, capsys):
    out = tmp_path / "run"
    code, text, _ = _cli(["train", "qmix", "--env", ENV, "--steps", "100", "--seed", "1",
                          "--out", str(out), "--set", "recurrent=false",
                          "--set", "batch_size=4", "--set", "eval_interval=50", "--quiet"],
                         capsys)
    assert code == 0 and "qmix on sg:two-step (seed 1): 100 steps, 50 episodes" in text
    code, text, _ = _cli(["evaluate", str(out), "--episodes", "3", "--json"], capsys)
    assert code == 0
    d = json.loads(text)
    assert set(d) == {"algorithm", "env", "episodes", "mean_return", "std_return", "returns"}
    assert d["episodes"] == 3 and len(d["returns"]) == 3 and d["algorithm"] == "qmix"
    # --resume continues to a larger budget with the stored config and seed
    code, text, _ = _cli(["train", "qmix", "--env", ENV, "--steps", "140", "--out", str(out),
                          "--resume", "--json"], capsys)
    d = json.loads(text)
    assert code == 0 and d["steps"] == 140 and d["resumed"] and d["seed"] == 1


def test_cli_config_file(tmp_path, capsys):
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"recurrent": False, "batch_size": 4, "eval_interval": 20}))
    code, text, _ = _cli(["train", "vdn", "--env", ENV, "--steps", "40", "--config",
                          str(cfg), "--out", str(tmp_path / "r"), "--json"], capsys)
    assert code == 0 and json.loads(text)["eval_steps"] == [20, 40]
    toml = tmp_path / "cfg.toml"
    toml.write_text("recurrent = false\nbatch_size = 4\nmetrics_format = 'jsonl'\n")
    code, _, _ = _cli(["train", "vdn", "--env", ENV, "--steps", "20", "--config", str(toml),
                       "--out", str(tmp_path / "t"), "--quiet"], capsys)
    assert code == 0 and (tmp_path / "t" / "metrics.jsonl").exists()


@pytest.mark.parametrize("argv, message", [
    (["train", "qmixx", "--env", ENV], "unknown algorithm 'qmixx'"),
    (["train", "qmix", "--env", "nosuch:env", "--out", "{tmp}/a"], "unknown environment"),
    (["train", "qmix", "--env", ENV, "--set", "lrr=1", "--out", "{tmp}/b"],
     "QMIXConfig has no field 'lrr'"),
    (["train", "qmix", "--env", ENV, "--set", "lr", "--out", "{tmp}/c"], "KEY=VALUE"),
    (["train", "qmix", "--env", ENV, "--config", "{tmp}/none.json"], "cannot read config"),
    (["train", "qmix"], "needs --env"),
    (["evaluate", "{tmp}/nowhere"], "no checkpoint"),
])
def test_cli_errors_are_one_line(tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, _, err = _cli(argv, capsys)
    assert code == 2
    assert err.startswith("gametheory: error: ") and message in err
    assert err.count("\n") == 1


def test_cli_checkpoint_of_another_algorithm(tmp_path, capsys):
    train("vdn", ENV, steps=20, config=FAST, out=tmp_path)
    code, _, err = _cli(["train", "qmix", "--env", ENV, "--out", str(tmp_path), "--resume"],
                        capsys)
    assert code == 2 and "written by algorithm 'vdn', not 'qmix'" in err


def test_cli_lists(capsys):
    code, text, _ = _cli(["train", "list"], capsys)
    assert code == 0 and [line.split(":")[0] for line in text.splitlines()] == \
        ["central_dqn", "idqn", "qmix", "vdn"]
    code, text, _ = _cli(["train", "qmix", "--show-config"], capsys)
    assert code == 0 and "mixing_embed_dim (int, default 32)" in text


def test_import_gametheory_does_not_import_torch():
    code = ("import sys, gametheory, gametheory.cli._train; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_unknown_names_are_typed():
    with pytest.raises(UnknownNameError):
        Trainer("nope", ENV)
