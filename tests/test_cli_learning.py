"""The command line for processes: ``learn``, ``psro`` and ``solve`` on stochastic games.
JSON in the documented shapes, values checked against the library's certificates, and
bad input as one line with exit status 2."""

import json

import numpy as np
import pytest

from gametheory.cli import main
from gametheory.concepts import ce_gap, max_regret
from gametheory.games import catalog


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------- solve (stochastic)
def test_solve_big_match_json():
    """Big Match at discount 0.9 (catalog): value of the non-absorbing state 1/(2(1-b))
    = 5, player 1 plays T with probability 1/11 (Blackwell and Ferguson 1968, discounted)."""
    import io
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["solve", "catalog:big-match", "--json"])
    assert code == 0
    data = json.loads(buf.getvalue())
    assert data["method"] == "shapley_value_iteration" and data["converged"] is True
    assert data["values"][0][0] == pytest.approx(5.0, abs=1e-8)
    assert data["policies"][0][0] == pytest.approx([1 / 11, 10 / 11], abs=1e-8)
    assert data["exploitability"] < 1e-8


def test_solve_mdp_table(capsys):
    code, out, _ = run(capsys, "solve", "catalog:chain-mdp")
    assert code == 0
    assert "value_iteration" in out and "10" in out


def test_solve_stochastic_errors(capsys):
    code, _, err = run(capsys, "solve", "catalog:two-step")
    assert code == 2 and "not zero-sum" in err and err.count("\n") == 1
    code, _, err = run(capsys, "solve", "catalog:big-match", "--method", "lemke_howson")
    assert code == 2 and "normal-form" in err
    code, _, err = run(capsys, "solve", "catalog:chicken", "--method",
                       "shapley-value-iteration")
    assert code == 2 and "stochastic" in err


# ---------------------------------------------------------------------------- learn
def test_learn_json_shape_and_certificate(capsys):
    code, out, err = run(capsys, "learn", "catalog:matching-pennies", "--dynamics",
                         "regret_matching", "--iterations", "5000", "--seed", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["dynamics"] == "regret_matching" and data["iterations"] == 5000
    g = catalog.get("matching-pennies")
    avg = [np.array(s) for s in data["average_strategies"]]
    assert data["max_regret"] == pytest.approx(max_regret(g, avg), abs=1e-12)
    assert data["max_regret"] < 0.05
    assert np.asarray(data["joint_distribution"]).shape == (2, 2)


def test_learn_internal_regret_matching_reaches_ce(capsys):
    code, out, _ = run(capsys, "learn", "catalog:chicken", "--dynamics",
                       "internal-regret-matching", "--iterations", "20000", "--seed", "0",
                       "--json")
    assert code == 0
    data = json.loads(out)
    p = np.asarray(data["joint_distribution"])
    assert p.sum() == pytest.approx(1.0)
    assert ce_gap(catalog.get("chicken"), p) < 0.05


def test_learn_table_and_plot(capsys, tmp_path):
    path = tmp_path / "rps.png"
    code, out, err = run(capsys, "learn", "catalog:rock-paper-scissors", "--dynamics",
                         "fictitious_play", "--iterations", "3000", "--quiet", "--plot",
                         str(path))
    assert code == 0 and path.stat().st_size > 1000
    assert "average strategy" in out and "Max regret" in out


def test_learn_list_and_errors(capsys):
    code, out, _ = run(capsys, "learn", "catalog:chicken", "--dynamics", "list")
    assert code == 0 and "replicator" in out and "regret_matching_plus" in out
    code, _, err = run(capsys, "learn", "catalog:chicken", "--dynamics", "gradient_ascent")
    assert code == 2 and "gradient_ascent" in err and err.count("\n") == 1
    code, _, err = run(capsys, "learn", "catalog:chicken", "--iterations", "0")
    assert code == 2 and "iterations" in err
    code, _, err = run(capsys, "learn", "catalog:big-match")
    assert code == 2 and "normal-form" in err
    code, _, err = run(capsys, "learn", "catalog:chicken", "--dynamics", "hedge", "--param",
                       "nonsense=1")
    assert code == 2 and "nonsense" in err


# ---------------------------------------------------------------------------- psro
def test_psro_json_on_rock_paper_scissors(capsys):
    code, out, _ = run(capsys, "psro", "catalog:rock-paper-scissors", "--meta-solver", "nash",
                       "--iterations", "5", "--seed", "0", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["meta_solver"] == "nash"
    assert 1 <= len(data["exploitability"]) <= 5
    assert data["exploitability"][-1] < 1e-6
    assert data["value"] == pytest.approx(0.0, abs=1e-9)
    assert [np.round(s, 9).tolist() for s in data["meta_strategies"]] == \
        [[round(1 / 3, 9)] * 3] * 2


def test_psro_table_plot_and_errors(capsys, tmp_path):
    path = tmp_path / "psro.png"
    code, out, _ = run(capsys, "psro", "catalog:rock-paper-scissors", "--meta-solver",
                       "uniform", "--iterations", "4", "--quiet", "--plot", str(path))
    assert code == 0 and path.stat().st_size > 1000 and "exploitability" in out
    code, out, _ = run(capsys, "psro", "catalog:chicken", "--meta-solver", "list")
    assert code == 0 and "alpha_rank" in out
    code, _, err = run(capsys, "psro", "catalog:chicken", "--meta-solver", "magic")
    assert code == 2 and "magic" in err and err.count("\n") == 1
