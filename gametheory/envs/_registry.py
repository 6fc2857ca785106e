"""Environments by name: ``make_env("matrix:climbing")``, ``make_env("sg:two-step")``,
``make_env("lbf:Foraging-8x8-2p-2f-coop-v3")``, ``make_env("rware:rware-tiny-2ag-v2")`` or
``make_env("path/to/game.json")``."""

from __future__ import annotations

import os
from typing import Callable

from .._errors import UnknownNameError, UnsupportedGameError
from ..games import NormalFormGame, StochasticGame, catalog
from ..games.io import read_game
from ._adapters import ForagingEnv, WarehouseEnv
from ._base import MultiAgentEnv
from ._matrix import MatrixGameEnv
from ._stochastic import StochasticGameEnv

__all__ = ["ENV_KINDS", "make_env", "DEFAULT_EPISODE_LENGTH"]

DEFAULT_EPISODE_LENGTH = 25
"""Episode length of ``make_env("matrix:NAME")`` and of normal-form game files when
``episode_length`` is not given."""


def _catalog_game(name: str, kind: str, params):
    try:
        entry = catalog.describe(name)
    except UnknownNameError:
        raise UnknownNameError(f"no {kind} catalog game {name!r}; known: "
                               + ", ".join(catalog.names(kind))) from None
    if entry.kind != kind:
        other = "sg" if kind == "normal-form" else "matrix"
        raise UnsupportedGameError(f"catalog game {name!r} is not a {kind} game: use "
                                   f"'{other}:{name}'")
    return catalog.get(name, **(params or {}))


def _matrix(name: str, *, episode_length: int = DEFAULT_EPISODE_LENGTH,
            game_params: dict | None = None, **kwargs) -> MatrixGameEnv:
    game = _catalog_game(name, "normal-form", game_params)
    return MatrixGameEnv(game, episode_length=episode_length, **kwargs)


def _sg(name: str, *, game_params: dict | None = None, **kwargs) -> StochasticGameEnv:
    return StochasticGameEnv(_catalog_game(name, "stochastic", game_params), **kwargs)


ENV_KINDS: dict[str, Callable[..., MultiAgentEnv]] = {
    "matrix": _matrix,
    "sg": _sg,
    "lbf": ForagingEnv,
    "rware": WarehouseEnv,
}
"""``prefix -> factory(name, **kwargs)`` for the ``"prefix:name"`` specs of
:func:`make_env`."""

_FORMS = ("'matrix:NAME' (a normal-form catalog game, e.g. matrix:climbing), "
          "'sg:NAME' (a stochastic catalog game, e.g. sg:two-step), "
          "'lbf:TASK' (level-based foraging, e.g. lbf:Foraging-8x8-2p-2f-coop-v3), "
          "'rware:TASK' (robotic warehouse, e.g. rware:rware-tiny-2ag-v2), "
          "or the path of a game file (.nfg or .json)")


def make_env(spec: str, **kwargs) -> MultiAgentEnv:
    """Build an environment from a spec string.

    Parameters
    ----------
    spec : str
        ``"matrix:NAME"``: :class:`MatrixGameEnv` of the normal-form catalog game ``NAME``
        (``episode_length`` defaults to :data:`DEFAULT_EPISODE_LENGTH`);
        ``"sg:NAME"``: :class:`StochasticGameEnv` of the stochastic catalog game ``NAME``;
        ``"lbf:TASK"``: :class:`ForagingEnv`; ``"rware:TASK"``: :class:`WarehouseEnv`;
        otherwise the path of a game file read with
        :func:`gametheory.games.io.read_game` (a normal-form game gives a
        :class:`MatrixGameEnv`, a stochastic game or POSG a :class:`StochasticGameEnv`).
    **kwargs
        Passed to the environment's constructor; for catalog games ``game_params`` (a
        dict) is passed to the catalog factory, e.g. ``game_params={"k": -100}`` for the
        penalty game.

    Raises
    ------
    UnknownNameError
        A spec of none of these forms (the message lists them), an unknown catalog game or
        task (the message lists the valid ones).
    UnsupportedGameError
        ``"matrix:"`` with a stochastic game or ``"sg:"`` with a normal-form one.

    Examples
    --------
    >>> env = make_env("matrix:penalty", episode_length=5, game_params={"k": -100})
    >>> env.max_steps, float(env.game.payoff(("a", "a"))[0])
    (5, -100.0)
    >>> make_env("sg:two-step").n_actions
    2
    >>> try:
    ...     make_env("chess:kasparov")
    ... except UnknownNameError as exc:
    ...     print(str(exc)[:50])
    unknown environment spec 'chess:kasparov'; forms:
    """
    if not isinstance(spec, (str, os.PathLike)):
        raise UnknownNameError(f"an environment spec is a string, got {spec!r}; forms: "
                               + _FORMS)
    text = os.fspath(spec)
    prefix, sep, rest = text.partition(":")
    if sep and prefix in ENV_KINDS:
        return ENV_KINDS[prefix](rest, **kwargs)
    if os.path.isfile(text):
        game = read_game(text)
        if isinstance(game, NormalFormGame):
            kwargs.setdefault("episode_length", DEFAULT_EPISODE_LENGTH)
            return MatrixGameEnv(game, **kwargs)
        if isinstance(game, StochasticGame):
            return StochasticGameEnv(game, **kwargs)
        raise UnsupportedGameError(f"{text}: no environment for a {type(game).__name__}")
    raise UnknownNameError(f"unknown environment spec {text!r}; forms: " + _FORMS)
