"""Typed errors raised by gametheory.

Every error a user can cause derives from :class:`GameTheoryError`, and also from the
builtin exception a Python user would expect (``ValueError`` for bad values, ``KeyError``
for unknown names), so ``except ValueError`` keeps working.  The CLI catches
:class:`GameTheoryError`, prints its message on one line and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "GameTheoryError",
    "InvalidGameError",
    "GameFormatError",
    "InvalidProfileError",
    "UnknownNameError",
    "UnsupportedGameError",
    "SolverError",
    "InvalidOptionError",
]


class GameTheoryError(Exception):
    """Base class of every error gametheory raises on purpose."""


class InvalidGameError(GameTheoryError, ValueError):
    """A game's data are inconsistent: ragged or empty arrays, NaN or infinite payoffs,
    probabilities that are negative or do not sum to one, mismatched labels."""


class GameFormatError(InvalidGameError):
    """A game file cannot be parsed.

    Attributes
    ----------
    line : int or None
        1-based line of the file where the problem was found.
    path : str or None
        The file, when reading from a path.
    """

    def __init__(self, message: str, *, line: int | None = None, path: str | None = None):
        self.line = line
        self.path = path
        self.reason = message
        where = ""
        if path is not None:
            where += f"{path}: "
        if line is not None:
            where += f"line {line}: "
        super().__init__(where + message)


class InvalidProfileError(GameTheoryError, ValueError):
    """A strategy profile or joint distribution does not fit the game (wrong number of
    players or actions, negative probabilities, probabilities that do not sum to one)."""


class UnknownNameError(GameTheoryError, KeyError):
    """An unknown method, catalog game, generator family or objective was named."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnsupportedGameError(GameTheoryError, ValueError):
    """A method was handed a game outside its scope, e.g. a 3-player game given to a
    2-player method, or a general-sum game given to a zero-sum method."""


class SolverError(GameTheoryError, RuntimeError):
    """A numerical routine failed (an LP reported infeasibility or a solver error)."""


class InvalidOptionError(GameTheoryError, ValueError):
    """A method option has a value outside its range (a negative tolerance, an iteration
    cap of zero, an initial pivot that does not exist)."""
