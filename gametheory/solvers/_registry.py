"""The solver registry: plain dict of same-signature functions (``solver(game, **opts) ->
EquilibriumResult``), the single place the CLI and :func:`nash_equilibria` look methods up,
so the two never drift (OpenSpiel JPSRO's ``FLAG_TO_FUNC``, EPyMARL's ``REGISTRY``)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

from .._errors import UnknownNameError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ._correlated import coarse_correlated_equilibrium, correlated_equilibrium
from ._lemke_howson import lemke_howson, lemke_howson_enumeration
from ._minimax import minimax
from ._nplayer import logit_tracing, nplayer_support_enumeration, simplicial_subdivision
from ._pure import pure
from ._support_enumeration import support_enumeration
from ._vertex_enumeration import vertex_enumeration

__all__ = ["SolverSpec", "SOLVERS", "register_solver", "resolve_method", "nash_equilibria",
           "choose_method"]


@dataclass(frozen=True)
class SolverSpec:
    """A registered method: the function, one line of description, and its scope.

    ``kind`` is ``"nash"`` for methods returning an :class:`EquilibriumResult` and
    ``"correlated"`` for methods returning a distribution over joint actions."""

    func: Callable[..., Any]
    summary: str
    num_players: int | None = None  # None: any number of players
    zero_sum_only: bool = False
    kind: str = "nash"

    def options(self) -> list[str]:
        """Keyword options the method accepts (from its signature)."""
        params = inspect.signature(self.func).parameters
        return [k for k, p in params.items() if p.kind == p.KEYWORD_ONLY]

    def check_options(self, name: str, options: dict) -> None:
        accepted = self.options()
        for key in options:
            if key not in accepted:
                raise UnknownNameError(
                    f"method {name!r} takes no option {key!r}; its options: "
                    + (", ".join(accepted) if accepted else "none"))

    def check(self, name: str, game) -> None:
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(f"method {name!r} needs a normal-form game, "
                                       f"got {type(game).__name__}")
        if self.num_players is not None and game.num_players != self.num_players:
            raise UnsupportedGameError(
                f"method {name!r} handles {self.num_players}-player games; this game has "
                f"{game.num_players} players")
        if self.zero_sum_only and not game.is_constant_sum:
            raise UnsupportedGameError(f"method {name!r} needs a zero-sum (or constant-sum) "
                                       f"game; this game is {game.game_class}")


#: name -> :class:`SolverSpec`.  Names are the function names.
SOLVERS: dict[str, SolverSpec] = {}


def register_solver(name: str, func, summary: str, *, num_players=None,
                    zero_sum_only=False, kind: str = "nash") -> None:
    """Add a method to :data:`SOLVERS` (used by the solver modules and by plug-ins)."""
    SOLVERS[name] = SolverSpec(func, summary, num_players, zero_sum_only, kind)


register_solver("pure", pure, "all pure-strategy Nash equilibria of an n-player game "
                "(complete enumeration, numba)")
register_solver("support_enumeration", support_enumeration,
                "all Nash equilibria of a 2-player game by support enumeration (every extreme "
                "equilibrium and the Nash subsets of degenerate games; numba, --exact)",
                num_players=2)
register_solver("vertex_enumeration", vertex_enumeration,
                "all extreme Nash equilibria of a 2-player game, degenerate games included, "
                "with maximal convex sets (reverse search, numba; --exact for fractions)",
                num_players=2)
register_solver("minimax", minimax,
                "value and optimal strategies of a 2-player zero-sum (or constant-sum) game "
                "from one LP (numba tableau simplex or dense interior point)",
                num_players=2, zero_sum_only=True)
register_solver("lemke_howson", lemke_howson,
                "one equilibrium of a 2-player game by the Lemke-Howson path (lexicographic "
                "pivoting, numba; --init-pivot, capping option)", num_players=2)
register_solver("lemke_howson_enumeration", lemke_howson_enumeration,
                "equilibria reached by Lemke-Howson from every initial label (2 players; not "
                "guaranteed complete)", num_players=2)
register_solver("simplicial_subdivision", simplicial_subdivision,
                "one equilibrium of an n-player game: simplicial subdivision with restarts, "
                "Newton-polished (numba)")
register_solver("logit_tracing", logit_tracing,
                "one equilibrium of an n-player game: limit of the logit QRE branch, "
                "Newton-polished (numba)")
register_solver("nplayer_support_enumeration", nplayer_support_enumeration,
                "all equilibria of small generic n-player games: support enumeration with "
                "multihomogeneous homotopy continuation (complete where every path is "
                "certified)")
register_solver("correlated_equilibrium", correlated_equilibrium,
                "correlated equilibrium optimising --objective (LP over joint distributions, "
                "HiGHS)", kind="correlated")
register_solver("coarse_correlated_equilibrium", coarse_correlated_equilibrium,
                "coarse correlated equilibrium optimising --objective (LP, HiGHS)",
                kind="correlated")


def resolve_method(name: str) -> str:
    """Normalise a method name (dashes allowed for underscores) and check it exists."""
    key = str(name).strip().lower().replace("-", "_")
    if key == "auto" or key in SOLVERS:
        return key
    raise UnknownNameError(f"unknown method {name!r}; known methods: auto, "
                           + ", ".join(sorted(SOLVERS)))


#: Options ``method="auto"`` adds to the method it picks.  Lemke-Howson paths on random
#: 1000x1000 games exceed 60 s for 3 seeds of 5 from label 0; trying each label for 100
#: pivots first (Codenotti, De Rossi and Pagan 2008) finished all 5 in 38-389 ms
#: (benchmarks/bench_lemke_howson.py).
AUTO_OPTIONS: dict[str, dict] = {"lemke_howson": {"capping": 100}}


def choose_method(game: NormalFormGame) -> str:
    """The method ``method="auto"`` picks for ``game``: the most complete method
    registered that applies to the game's class and size."""
    preferences = []
    if game.num_players == 2:
        if game.is_constant_sum:
            preferences.append("minimax")
        # vertex counts roughly triple per added action: 15x15 takes about 0.3 s,
        # 20x20 about 20 s (benchmarks/bench_vertex_enumeration.py)
        if game.num_profiles <= 225:
            preferences.append("vertex_enumeration")
        preferences.append("lemke_howson")
    else:
        preferences.append("simplicial_subdivision")
    preferences.append("pure")
    for name in preferences:
        if name in SOLVERS:
            return name
    return "pure"


def nash_equilibria(game: NormalFormGame, method: str = "auto", **options):
    """Compute Nash equilibria of ``game`` with a registered method.

    ``method="auto"`` picks one for the game's class and size (see :func:`choose_method`)
    and the result's ``method`` says which.  ``gametheory solve --method list`` prints the
    registry.  Methods of kind ``"nash"`` return an :class:`EquilibriumResult`; the
    correlated-equilibrium methods return a ``CorrelatedResult`` (a joint distribution).

    >>> from gametheory.games import catalog
    >>> res = nash_equilibria(catalog.get("prisoners-dilemma"), method="pure")
    >>> res.method, [e.pure_profile for e in res]
    ('pure', [(1, 1)])
    """
    name = resolve_method(method)
    if name == "auto":
        name = choose_method(game)
        for key, value in AUTO_OPTIONS.get(name, {}).items():
            options.setdefault(key, value)
    spec = SOLVERS[name]
    spec.check(name, game)
    spec.check_options(name, options)
    return spec.func(game, **options)
