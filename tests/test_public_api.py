"""The public surface is explicit: these names are promised to users (scipy issue 14360 is
the warning against leaking internals).  Changing them is a conscious decision that must
update this test."""

import ast
import pathlib

import gametheory
from gametheory import concepts, games, solvers


def test_top_level_names():
    assert set(gametheory.__all__) == {
        "GameFormatError", "GameTheoryError", "InvalidGameError", "InvalidOptionError",
        "InvalidProfileError",
        "SolverError", "UnknownNameError", "UnsupportedGameError", "games", "concepts",
        "solvers", "learning", "psro", "plotting", "NormalFormGame", "SOLVERS", "Equilibrium", "EquilibriumResult",
        "nash_equilibria", "__version__"}
    for name in gametheory.__all__:
        assert hasattr(gametheory, name), name


def test_layer_names():
    assert {"NormalFormGame", "StochasticGame", "POSG", "catalog", "generators", "io",
            "load_game", "read_game", "write_game"} <= set(games.__all__)
    assert {"best_response", "pure_best_responses", "regrets", "max_regret", "nash_conv",
            "is_nash", "is_epsilon_nash", "ce_gap", "cce_gap", "dominated_actions",
            "iterated_elimination", "pareto_optimal_profiles", "is_pareto_dominated",
            "utilitarian_welfare", "egalitarian_welfare", "nash_welfare", "gini",
            "security_level", "risk_dominance", "payoff_dominates"} <= set(concepts.__all__)
    assert {"pure", "SOLVERS", "nash_equilibria", "EquilibriumResult"} <= set(solvers.__all__)
    for mod in (games, concepts, solvers):
        for name in mod.__all__:
            assert hasattr(mod, name), (mod.__name__, name)


def test_errors_are_typed_and_builtin_compatible():
    assert issubclass(gametheory.GameFormatError, gametheory.InvalidGameError)
    assert issubclass(gametheory.InvalidGameError, ValueError)
    assert issubclass(gametheory.UnknownNameError, KeyError)
    for name in ("InvalidGameError", "GameFormatError", "InvalidProfileError",
                 "UnknownNameError", "UnsupportedGameError", "SolverError",
                 "InvalidOptionError"):
        assert issubclass(getattr(gametheory, name), gametheory.GameTheoryError)


def test_layers_import_only_earlier_layers():
    """games (L0) never imports concepts/solvers/cli; concepts never imports solvers/cli;
    nothing outside deep/ imports torch."""
    order = ["games", "envs", "concepts", "solvers", "learning", "psro", "plotting", "deep",
             "cli"]
    root = pathlib.Path(gametheory.__file__).parent
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).parts
        layer = rel[0] if len(rel) > 1 and rel[0] in order else None
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                mod = node.module
                target = None
                if node.level >= 1:
                    parts = mod.split(".")
                    # relative import climbing to the package root: ..X or .X at top level
                    depth = len(rel) - 1
                    if node.level == depth + 1 or (depth == 0 and node.level == 1):
                        target = parts[0]
                elif mod.startswith("gametheory."):
                    target = mod.split(".")[1]
                if layer and target in order:
                    assert order.index(target) <= order.index(layer), (path, mod)
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            if layer != "deep":
                assert not any(n == "torch" or n.startswith("torch.") for n in names), path
