"""The solver registry and small public helpers: what `auto` picks, name normalisation,
plug-in registration, option checking; profile helpers; direct file writers."""

import numpy as np
import pytest

from gametheory import (InvalidProfileError, UnknownNameError, UnsupportedGameError,
                        nash_equilibria)
from gametheory.games import as_mixed_profile, catalog, generators, io, is_pure_profile
from gametheory.solvers import (SOLVERS, SolverSpec, choose_method, pure, register_solver,
                                resolve_method)


@pytest.mark.parametrize("game, method", [
    pytest.param(catalog.get("rock-paper-scissors"), "minimax", id="zero-sum"),
    pytest.param(catalog.get("battle-of-the-sexes"), "vertex_enumeration", id="small"),
    pytest.param(generators.uniform_game((20, 20), rng=0), "lemke_howson", id="large"),
    pytest.param(catalog.get("three-player-matching-pennies"), "simplicial_subdivision",
                 id="3-player"),
])
def test_auto_picks_by_class_and_size(game, method):
    assert choose_method(game) == method
    res = nash_equilibria(game)
    assert res.method == method
    assert all(e.max_regret <= 1e-8 for e in res) and len(res) >= 1


def test_auto_caps_lemke_howson_paths():
    res = nash_equilibria(generators.uniform_game((20, 20), rng=0))
    assert res.params["capping"] == 100


def test_resolve_method_normalises_and_rejects():
    assert resolve_method("Lemke-Howson") == "lemke_howson"
    with pytest.raises(UnknownNameError, match="known methods"):
        resolve_method("simplex-of-doom")


def test_register_solver_plugin_and_option_check():
    def first_pure(game, *, tol=1e-9):
        res = pure(game, tol=tol)
        return res
    register_solver("first_pure_test", first_pure, "test plug-in")
    try:
        spec = SOLVERS["first_pure_test"]
        assert isinstance(spec, SolverSpec) and spec.options() == ["tol"]
        res = nash_equilibria(catalog.get("prisoners-dilemma"), method="first-pure-test")
        assert [e.pure_profile for e in res] == [(1, 1)]
        with pytest.raises(UnknownNameError, match="takes no option 'objective'"):
            nash_equilibria(catalog.get("chicken"), method="first_pure_test",
                            objective="welfare")
    finally:
        del SOLVERS["first_pure_test"]


def test_two_player_method_rejects_three_players():
    with pytest.raises(UnsupportedGameError, match="2-player"):
        nash_equilibria(catalog.get("three-player-matching-pennies"), method="lemke_howson")
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        nash_equilibria(catalog.get("chicken"), method="minimax")


def test_profile_helpers():
    g = catalog.get("chicken")
    assert is_pure_profile(["C", 1]) and not is_pure_profile([[0.5, 0.5], "C"])
    x, y = as_mixed_profile(g, ["D", [0.25, 0.75]])
    assert x.tolist() == [0.0, 1.0] and y.tolist() == [0.25, 0.75]
    with pytest.raises(InvalidProfileError, match="sums to"):
        as_mixed_profile(g, [[0.5, 0.4], "C"])


def test_direct_writers_round_trip(tmp_path):
    g = catalog.get("battle-of-the-sexes")
    io.write_nfg(g, tmp_path / "g.nfg", variant="outcome")
    io.write_json(g, tmp_path / "g.json")
    assert io.read_nfg(tmp_path / "g.nfg") == g
    back = io.game_from_dict(io.game_to_dict(g))
    assert back == g and back.payoff(("Opera", "Opera")).tolist() == [2.0, 1.0]
    assert io.read_json(tmp_path / "g.json").payoffs[1][1, 1] == 2.0
    assert np.array_equal(io.read_game(str(tmp_path / "g.json")).payoff_array, g.payoff_array)
