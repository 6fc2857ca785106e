"""The command line: readable tables, --json in the documented shape, and bad input that
prints one line on stderr with exit status 2."""

import json
import subprocess
import sys

import numpy as np
import pytest

from gametheory.cli import main
from gametheory.games import catalog, io


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_solve_json_shape_and_values(capsys):
    code, out, err = run(capsys, "solve", "catalog:battle-of-the-sexes", "--method", "pure",
                         "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["method"] == "pure"
    assert data["complete"] is True
    eqs = data["equilibria"]
    assert [e["strategies"] for e in eqs] == [[[1.0, 0.0], [1.0, 0.0]],
                                              [[0.0, 1.0], [0.0, 1.0]]]
    assert [e["payoffs"] for e in eqs] == [[2.0, 1.0], [1.0, 2.0]]
    assert all(e["max_regret"] == 0.0 for e in eqs)


def test_solve_dashes_accepted_and_auto_reports_method(capsys):
    code, out, _ = run(capsys, "solve", "catalog:prisoners-dilemma", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["method"]  # auto names the method it picked
    assert [e["payoffs"] for e in data["equilibria"]] == [[1.0, 1.0]]


def test_solve_table_uses_labels(capsys):
    code, out, _ = run(capsys, "solve", "catalog:chicken", "-m", "pure")
    assert code == 0
    assert "Method: pure" in out and "complete" in out
    lines = [ln for ln in out.splitlines() if ln.strip().startswith(("1 ", "2 "))]
    assert len(lines) == 2
    assert lines[0].split()[1:3] == ["C", "D"] and lines[1].split()[1:3] == ["D", "C"]


def test_solve_method_list(capsys):
    code, out, _ = run(capsys, "solve", "--method", "list")
    assert code == 0
    assert "pure" in out and "auto" in out


def test_info_two_player_table(capsys):
    code, out, _ = run(capsys, "info", "catalog:prisoners-dilemma")
    assert code == 0
    assert "3, 3" in out and "0, 5" in out and "5, 0" in out and "1, 1" in out
    assert "general-sum" in out and "symmetric" in out
    assert "strictly C" in out  # C is strictly dominated for both players
    assert "Pure Nash equilibria (1, complete): (D, D)" in out
    assert "Pareto-optimal outcomes (3)" in out


def test_info_json_three_players(capsys):
    code, out, _ = run(capsys, "info", "catalog:public-goods", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["pure_equilibria"] == [["keep", "keep", "keep"]]
    assert data["dominated_actions"]["Player 1"]["strictly"] == ["contribute"]
    assert ["contribute"] * 3 in data["pareto_optimal_outcomes"]


def test_info_large_game_prints_summary(capsys, tmp_path):
    path = tmp_path / "g.nfg"
    assert main(["generate", "uniform", "--actions", "5", "5", "5", "--seed", "4",
                 "-o", str(path)]) == 0
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0
    assert "Payoff summary" in out and "125 pure profiles" in out


def test_info_small_three_player_game_lists_profiles(capsys):
    code, out, _ = run(capsys, "info", "catalog:minority-game")
    assert code == 0
    rows = [ln.split() for ln in out.splitlines() if ln.startswith(("0 ", "1 "))]
    assert len(rows) == 8
    assert ["0", "1", "1", "1,", "0,", "0"] in rows  # player 1 alone on side 0 wins
    assert "Pure Nash equilibria (6, complete)" in out


def test_info_stochastic_game(capsys):
    code, out, _ = run(capsys, "info", "catalog:two-step")
    assert code == 0
    assert "4 states" in out and "common-reward" in out
    code, out, _ = run(capsys, "info", "catalog:two-step", "--json")
    data = json.loads(out)
    assert data["type"] == "stochastic" and data["terminal"] == ["end"]


def test_convert_round_trip(tmp_path, capsys):
    src = tmp_path / "bos.nfg"
    io.write_game(catalog.get("battle-of-the-sexes"), str(src))
    dst = tmp_path / "bos.json"
    assert main(["convert", str(src), str(dst)]) == 0
    back = tmp_path / "back.nfg"
    assert main(["convert", str(dst), str(back), "--variant", "outcome"]) == 0
    assert io.read_game(str(back)) == catalog.get("battle-of-the-sexes")


def test_generate_is_seeded(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for p in (a, b):
        assert main(["generate", "covariance", "--actions", "4", "4", "--rho", "-0.5",
                     "--seed", "11", "-o", str(p)]) == 0
    ga, gb = io.read_game(str(a)), io.read_game(str(b))
    assert ga == gb and ga.num_actions == (4, 4)


def test_catalog_lists_names(capsys):
    code, out, _ = run(capsys, "catalog")
    assert code == 0
    for name in ("prisoners-dilemma", "chicken", "rock-paper-scissors", "two-step"):
        assert f"catalog:{name}" in out


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


@pytest.mark.parametrize("argv_factory, fragment", [
    pytest.param(lambda t: ["solve", str(t / "missing.nfg")], "missing.nfg", id="missing-file"),
    pytest.param(lambda t: ["solve", write(t, "bad.nfg", 'NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3')],
                 "line", id="truncated-nfg"),
    pytest.param(lambda t: ["solve", write(t, "garbled.nfg", "hello world")], "NFG",
                 id="garbled-nfg"),
    pytest.param(lambda t: ["solve", "catalog:chicken", "--method", "nope"], "unknown method",
                 id="unknown-method"),
    pytest.param(lambda t: ["solve", "catalog:no-such-game"], "no catalog game",
                 id="unknown-game"),
    pytest.param(lambda t: ["solve", write(t, "nan.json", json.dumps({
        "type": "normal-form", "version": 1, "players": ["A", "B"],
        "actions": [["x"], ["y"]], "payoffs": [[["NaN"]], [[1]]]}))], "",
                 id="nan-payoff"),
    pytest.param(lambda t: ["info", write(t, "g.txt", "1 2 3")], "", id="unknown-extension"),
    pytest.param(lambda t: ["generate", "nope", "--actions", "2", "2"], "nope",
                 id="unknown-family"),
    pytest.param(lambda t: ["frobnicate"], "invalid choice", id="unknown-command"),
])
def test_bad_input_one_line_exit_2(tmp_path, capsys, argv_factory, fragment):
    code, out, err = run(capsys, *argv_factory(tmp_path))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gametheory: error:")
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_console_entry_point_exit_status(tmp_path):
    """The installed command itself (not just main()) exits 2 on bad input, no traceback."""
    proc = subprocess.run([sys.executable, "-m", "gametheory", "solve", str(tmp_path / "x.nfg")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "gametheory", "solve",
                         io.example_path("prisoners_dilemma.nfg"), "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert np.allclose(data["equilibria"][0]["payoffs"], [1, 1])


def test_solve_correlated_equilibrium_json(capsys):
    """Aumann's chicken: the welfare-maximising CE pays (5.25, 5.25)."""
    code, out, _ = run(capsys, "solve", "catalog:chicken", "--method",
                       "correlated-equilibrium", "--objective", "welfare", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "correlated_equilibrium"
    assert np.allclose(data["distribution"], [[0.5, 0.25], [0.25, 0.0]], atol=1e-9)
    assert np.allclose(data["payoffs"], [5.25, 5.25]) and data["gap"] <= 1e-9


def test_solve_rejects_options_a_method_does_not_take(capsys):
    code, out, err = run(capsys, "solve", "catalog:chicken", "-m", "pure", "--objective",
                         "welfare")
    assert code == 2 and "takes no option 'objective'" in err and err.count("\n") == 1
