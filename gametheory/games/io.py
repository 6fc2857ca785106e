"""Reading and writing games: Gambit ``.nfg`` files and a documented JSON format.

Gambit strategic-game files (``.nfg``)
--------------------------------------
Both variants of Gambit's strategic-game format are read and written.  The *payoff*
variant lists, after the header and the strategies, every payoff of every profile::

    NFG 1 R "Prisoner's dilemma" { "Player 1" "Player 2" }

    { { "C" "D" }
    { "C" "D" }
    }
    "A comment: Axelrod's payoffs"

    3 3
    5 0
    0 5
    1 1

Profiles are listed with **player 1's strategy varying fastest** (then player 2's, ...);
for each profile the payoffs of all players follow in player order.  Above, ``5 0`` is the
profile (row ``D``, column ``C``).  The strategies may also be given as counts only,
``{ 2 2 }``, in which case the strategies are labelled ``"1"``, ``"2"``, ...  The *outcome*
variant defines a list of outcomes, each a name and one payoff per player (commas
optional), and then gives one outcome index per profile in the same order; index ``0`` is
the null outcome, paying zero to everyone::

    NFG 1 R "Battle of the sexes" { "Player 1" "Player 2" }
    { { "Opera" "Football" } { "Opera" "Football" } }
    ""
    {
    { "Opera together" 2, 1 }
    { "Football together" 1, 2 }
    }
    1 0 0 2

Facts of the format as implemented here:

* the header is ``NFG 1 R`` or ``NFG 1 D`` (the letter is accepted and otherwise ignored:
  numbers are always read exactly), then the title string and the players;
* the optional string after the strategies is a comment, kept as the game's
  ``description``;
* numbers are integers (``-3``, ``+2``), decimals (``.5``, ``1.25``, ``1e3``,
  ``1.5e-2``) or rationals (``3/4``), all read exactly as :class:`fractions.Fraction`, so
  the game keeps exact payoffs (:attr:`NormalFormGame.exact_payoffs`);
* strings are in double quotes and may span lines; inside a string ``\\"`` stands for a
  quote and ``\\\\`` for a backslash, and any other backslash is literal;
* whitespace is not significant;
* **extension**: ``#`` outside a string starts a comment that runs to the end of the line
  (Gambit itself does not accept this; the writer never emits it).

Every malformed input raises :class:`~gametheory.GameFormatError` whose ``line`` is the
1-based line where the problem was found and whose message says what was expected.

The writer follows Gambit's layout (title, players, a block of strategy labels, the
comment, then the payoffs or the outcomes).  It writes exact payoffs as integers and
rationals (``3/4``), and other payoffs as the shortest decimal that reads back to the same
float, so that writing and reading gives an equal game.

JSON
----
A normal-form game is one JSON object::

    {
      "type": "normal-form",
      "version": 1,
      "title": "Chicken",
      "description": "",
      "players": ["Player 1", "Player 2"],
      "actions": [["C", "D"], ["C", "D"]],
      "payoffs": [
        [[6, 2], [7, 0]],
        [[6, 7], [2, 0]]
      ]
    }

* ``type`` (required): ``"normal-form"``; ``"stochastic"`` and ``"posg"`` objects are
  handed to :meth:`gametheory.games._stochastic.StochasticGame.from_dict`.
* ``version`` (optional, default 1): must be 1.
* ``title``, ``description`` (optional strings, default ``""``).
* ``players`` (optional): one distinct string per player; default ``"Player 1"``, ...
* ``actions`` (optional): one list of distinct strings per player; default ``"1"``, ...
* ``payoffs`` (required): one nested list per player, indexed in absolute player order
  ``payoffs[i][a_1][a_2]...[a_n]`` (the convention of :class:`NormalFormGame`), so
  ``payoffs[1][0][1]`` above is the column player's payoff 7 when the row player plays
  ``C`` and the column player ``D``.
* A payoff is a JSON number or a string holding an integer, decimal or rational
  (``"3/4"``, ``"0.1"``), read exactly.  ``NaN`` and infinities are rejected.  When every
  payoff is an integer or such a string, the game keeps exact payoffs; the writer emits
  integers as JSON integers and other fractions as strings ``"p/q"``.
* Other keys are rejected (so a misspelt key is not silently ignored).

Examples
--------
>>> from gametheory.games import catalog
>>> from gametheory.games.io import format_nfg, parse_nfg, dumps_json, loads_json
>>> g = catalog.get("prisoners-dilemma")
>>> text = format_nfg(g)
>>> print(text)
NFG 1 R "Prisoner's dilemma" { "Player 1" "Player 2" }
<BLANKLINE>
{ { "C" "D" }
{ "C" "D" }
}
""
<BLANKLINE>
3 3
5 0
0 5
1 1
<BLANKLINE>
>>> parse_nfg(text) == g
True
>>> h = parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 }  1 1/2  0 0  0 0  .25 3')
>>> h.exact_payoffs[1][0, 0], float(h.payoffs[0][1, 1])
(Fraction(1, 2), 0.25)
>>> loads_json(dumps_json(g)) == g
True
"""

from __future__ import annotations

import json
import math
import os
import re
from fractions import Fraction
from numbers import Integral, Real
from typing import Any

import numpy as np

from .._errors import (GameFormatError, InvalidGameError, UnknownNameError,
                       UnsupportedGameError)
from ._normal_form import NormalFormGame

__all__ = [
    "parse_nfg", "read_nfg", "format_nfg", "write_nfg",
    "game_to_dict", "game_from_dict", "dumps_json", "loads_json", "read_json", "write_json",
    "read_game", "write_game", "load_game", "example_path", "NFG_VARIANTS", "EXTENSIONS",
]

#: Variants of the Gambit strategic-game format that :func:`format_nfg` can write.
NFG_VARIANTS = ("payoff", "outcome")

#: File extensions understood by :func:`read_game` and :func:`write_game`.
EXTENSIONS = (".nfg", ".json")

_JSON_VERSION = 1
_JSON_KEYS = ("type", "version", "title", "description", "players", "actions", "payoffs")
_STOCHASTIC_TYPES = ("stochastic", "posg")

# A decimal number as Gambit writes it, and a rational p/q.
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\Z")
_RATIONAL_RE = re.compile(r"[+-]?\d+/\d+\Z")
_INT_RE = re.compile(r"[+-]?\d+\Z")
_MAX_EXPONENT = 1000  # guards against '1e999999999', which Fraction would expand


# ============================================================================ numbers
def _parse_number(text: str) -> int | Fraction:
    """Parse an integer, decimal or rational exactly (an int for integers, the common
    case, else a Fraction); raise ValueError with a reason."""
    if _INT_RE.match(text) and len(text) < 300:
        return int(text)
    m = _DECIMAL_RE.match(text)
    if m:
        if m.group(1) is not None and abs(int(m.group(1))) > _MAX_EXPONENT:
            raise ValueError(f"exponent of {text!r} is out of range")
        value = Fraction(text)
    elif _RATIONAL_RE.match(text):
        num, den = text.split("/")
        if int(den) == 0:
            raise ValueError(f"{text!r} divides by zero")
        value = Fraction(int(num), int(den))
    else:
        raise ValueError(f"{text!r} is not a number")
    try:
        float(value)
    except OverflowError:
        raise ValueError(f"{text!r} is too large for a float") from None
    return value


def _format_fraction(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _format_float(x: float) -> str:
    x = float(x)
    if x.is_integer() and abs(x) < 2.0 ** 53:
        return str(int(x))
    return repr(x)


def _game_numbers(game: NormalFormGame) -> tuple[bool, tuple[np.ndarray, ...]]:
    """(exact, arrays): the exact Fraction arrays when known, else the float arrays."""
    if game.exact_payoffs is not None:
        return True, game.exact_payoffs
    return False, game.payoffs


def _format_payoff(x, exact: bool) -> str:
    return _format_fraction(x) if exact else _format_float(x)


# ============================================================================ .nfg lexer
_EOF = "eof"


class _Token:
    __slots__ = ("kind", "value", "line")

    def __init__(self, kind: str, value: str, line: int):
        self.kind = kind    # "{", "}", ",", "str", "word" or "eof"
        self.value = value
        self.line = line

    def describe(self) -> str:
        if self.kind == _EOF:
            return "end of file"
        if self.kind == "str":
            return f"the string {_show_string(self.value)}"
        v = self.value if len(self.value) <= 30 else self.value[:27] + "..."
        return repr(v)


def _show_string(s: str) -> str:
    return json.dumps(s if len(s) <= 30 else s[:27] + "...", ensure_ascii=False)


_WORD_RE = re.compile(r'[^\s{},"#]+')
_SPACE_RE = re.compile(r"\s+")
_STRING_RUN_RE = re.compile(r'[^"\\]*')


def _tokenize(text: str, path: str | None) -> list[_Token]:
    tokens: list[_Token] = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c.isspace():
            m = _SPACE_RE.match(text, i)
            line += m.group().count("\n")
            i = m.end()
        elif c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "{},":
            tokens.append(_Token(c, c, line))
            i += 1
        elif c == '"':
            start_line = line
            parts = []
            i += 1
            while True:
                m = _STRING_RUN_RE.match(text, i)  # characters needing no attention
                parts.append(m.group())
                i = m.end()
                if i >= n:
                    raise GameFormatError(
                        f"unterminated string: the quote opened on line {start_line} is "
                        "never closed", line=start_line, path=path)
                c = text[i]
                if c == '"':
                    i += 1
                    break
                if c == "\\" and i + 1 < n and text[i + 1] in '"\\':
                    parts.append(text[i + 1])
                    i += 2
                    continue
                parts.append(c)  # a lone backslash is literal
                i += 1
            line += sum(p.count("\n") for p in parts)
            tokens.append(_Token("str", "".join(parts), start_line))
        else:
            m = _WORD_RE.match(text, i)
            tokens.append(_Token("word", m.group(), line))
            i = m.end()
    tokens.append(_Token(_EOF, "", line))
    return tokens


# ============================================================================ .nfg parser
class _NfgParser:
    """Recursive-descent reader of Gambit strategic-game files."""

    def __init__(self, text: str, path: str | None):
        self.path = path
        self.tokens = _tokenize(text, path)
        self.pos = 0

    # ---------------------------------------------------------------- primitives
    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def next(self) -> _Token:
        tok = self.tokens[self.pos]
        if tok.kind != _EOF:
            self.pos += 1
        return tok

    def error(self, message: str, tok: _Token) -> GameFormatError:
        return GameFormatError(message, line=tok.line, path=self.path)

    def expected(self, what: str, tok: _Token | None = None) -> GameFormatError:
        tok = self.peek() if tok is None else tok
        return self.error(f"expected {what}, found {tok.describe()}", tok)

    def expect(self, kind: str, what: str) -> _Token:
        tok = self.peek()
        if tok.kind != kind:
            raise self.expected(what)
        return self.next()

    def number(self, what) -> int | Fraction:
        """The next token as a number; ``what`` (a string, or a callable giving it, built
        only on error) says which number was expected."""
        tok = self.peek()
        if tok.kind != "word":
            what = what() if callable(what) else what
            raise self.expected(f"a number ({what})")
        try:
            value = _parse_number(tok.value)
        except ValueError as exc:
            what = what() if callable(what) else what
            reason = "" if str(exc).endswith("is not a number") else f": {exc}"
            raise self.error(f"expected a number ({what}), found {tok.describe()}{reason}",
                             tok) from None
        self.next()
        return value

    def labels(self, what: str, closing: str) -> list[str]:
        """Strings up to a closing brace; at least one, all distinct."""
        out: list[str] = []
        while self.peek().kind == "str":
            tok = self.next()
            if tok.value in out:
                raise self.error(f"duplicate {what} label {_show_string(tok.value)}: labels "
                                 "must be distinct", tok)
            out.append(tok.value)
        tok = self.peek()
        if tok.kind != "}":
            raise self.expected(f"a quoted {what} label or '}}' closing {closing}")
        if not out:
            raise self.error(f"{closing} is empty: expected at least one {what}", tok)
        self.next()
        return out

    # ---------------------------------------------------------------- grammar
    def parse(self) -> NormalFormGame:
        tok = self.peek()
        if tok.kind == _EOF:
            raise self.error("the file is empty: expected a Gambit strategic-game file "
                             "starting with 'NFG 1 R'", tok)
        if tok.kind != "word" or tok.value != "NFG":
            if tok.kind == "word" and tok.value == "EFG":
                raise self.error("this is a Gambit extensive-game file (EFG); only "
                                 "strategic-game files (NFG) are supported", tok)
            raise self.expected("'NFG' at the start of a Gambit strategic-game file")
        self.next()
        tok = self.peek()
        if tok.kind != "word" or tok.value != "1":
            raise self.expected("format version 1 after 'NFG'")
        self.next()
        tok = self.peek()
        if tok.kind != "word" or tok.value not in ("R", "D"):
            raise self.expected("the data type 'R' or 'D' after 'NFG 1'")
        self.next()
        title = self.expect("str", "the quoted game title after 'NFG 1 R'").value
        self.expect("{", "'{' opening the list of players")
        players = self.labels("player", "the list of players")
        n = len(players)

        self.expect("{", "'{' opening the strategies (counts or label lists)")
        tok = self.peek()
        if tok.kind == "{":
            actions = []
            for i in range(n):
                self.expect("{", f"'{{' opening the strategy labels of player {i + 1} "
                                 f"({n} players)")
                actions.append(self.labels("strategy",
                                           f"the strategy list of player {i + 1}"))
            self.expect("}", f"'}}' closing the strategy lists ({n} players)")
        else:
            counts = []
            for i in range(n):
                tok = self.peek()
                what = f"the number of strategies of player {i + 1} ({n} players)"
                if tok.kind != "word":
                    raise self.expected(what)
                if not tok.value.isdigit():
                    raise self.expected(f"{what}, a positive integer")
                if int(tok.value) == 0:
                    raise self.error(f"player {i + 1} has zero strategies: every player "
                                     "needs at least one", tok)
                counts.append(int(tok.value))
                self.next()
            self.expect("}", f"'}}' closing the strategy counts ({n} players)")
            actions = [[str(k + 1) for k in range(m)] for m in counts]
        shape = tuple(len(a) for a in actions)

        description = ""
        if self.peek().kind == "str":
            description = self.next().value

        tok = self.peek()
        if tok.kind == "{":
            arrays = self.outcome_body(shape)
        elif tok.kind == "word":
            arrays = self.payoff_body(shape)
        else:
            raise self.expected("the payoffs (numbers) or '{' opening the outcome list")
        end = self.peek()
        try:
            return NormalFormGame(arrays, players=players, actions=actions, title=title,
                                  description=description)
        except InvalidGameError as exc:  # not expected after the checks above
            raise self.error(str(exc), end) from None

    def payoff_body(self, shape: tuple[int, ...]) -> list[np.ndarray]:
        n = len(shape)
        num_profiles = int(np.prod(shape))
        values = []
        for k in range(num_profiles):
            for i in range(n):
                values.append(self.number(
                    lambda: f"payoff of player {i + 1} at profile "
                            f"{_show_profile(np.unravel_index(k, shape, order='F'))}"))
        # file order: profile by profile, player 1's strategy fastest (Fortran order)
        table = np.empty((num_profiles, n), dtype=object)
        table.ravel()[:] = values
        arrays = [table[:, i].reshape(shape, order="F") for i in range(n)]
        tok = self.peek()
        if tok.kind != _EOF:
            counts = f"{_plural(n, 'player')} x {_plural(num_profiles, 'profile')}"
            raise self.expected(f"end of file after the {n * num_profiles} payoffs ({counts})")
        return arrays

    def outcome_body(self, shape: tuple[int, ...]) -> list[np.ndarray]:
        n = len(shape)
        self.expect("{", "'{' opening the outcome list")
        outcomes: list[list[int | Fraction]] = []
        while True:
            tok = self.peek()
            if tok.kind == "}":
                self.next()
                break
            if tok.kind != "{":
                raise self.expected("'{' opening an outcome or '}' closing the outcome list")
            self.next()
            k = len(outcomes) + 1
            if self.peek().kind == "str":
                self.next()  # outcome name, not kept
            pay = []
            for i in range(n):
                if i > 0 and self.peek().kind == ",":
                    self.next()
                pay.append(self.number(f"payoff of player {i + 1} in outcome {k}"))
            if self.peek().kind == ",":
                self.next()
            self.expect("}", f"'}}' closing outcome {k} after its {n} payoffs")
            outcomes.append(pay)
        num_outcomes = len(outcomes)
        num_profiles = int(np.prod(shape))
        indices = []
        for k in range(num_profiles):
            tok = self.peek()
            if tok.kind != "word" or not tok.value.isdigit() or int(tok.value) > num_outcomes:
                shown = _show_profile(np.unravel_index(k, shape, order="F"))
                if tok.kind == "word" and tok.value.isdigit():
                    defined = _plural(num_outcomes, "outcome")
                    raise self.error(f"outcome index {int(tok.value)} at profile {shown} is "
                                     f"out of range: the file defines {defined}, and 0 is the "
                                     "null outcome", tok)
                raise self.expected(f"an outcome index (an integer from 0 to {num_outcomes}) "
                                    f"for profile {shown}")
            indices.append(int(tok.value))
            self.next()
        # row 0 of the table is the null outcome; profiles in file (Fortran) order
        table = np.empty((num_outcomes + 1, n), dtype=object)
        table[0] = [Fraction(0)] * n
        for k, pay in enumerate(outcomes, 1):
            table[k] = pay
        chosen = table[np.asarray(indices, dtype=np.intp)]
        arrays = [chosen[:, i].reshape(shape, order="F") for i in range(n)]
        if self.peek().kind != _EOF:
            raise self.expected(f"end of file after the {num_profiles} outcome indices")
        return arrays


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _show_profile(profile) -> str:
    """A profile as 1-based strategy numbers, as in Gambit: ``(1, 2)``."""
    return "(" + ", ".join(str(int(a) + 1) for a in profile) + ")"


# ============================================================================ .nfg API
def parse_nfg(text: str, path: str | None = None) -> NormalFormGame:
    """Read a game from the text of a Gambit strategic-game (``.nfg``) file.

    Both the payoff and the outcome variants are accepted (see the module docstring).
    Payoffs are read exactly, so the game has :attr:`~NormalFormGame.exact_payoffs`.

    Parameters
    ----------
    text : str
        The file's contents.
    path : str, optional
        Shown in error messages.

    Returns
    -------
    NormalFormGame
        With the file's title, players, strategy labels and comment (``description``).

    Raises
    ------
    GameFormatError
        For any malformed input; ``line`` is the 1-based line of the problem.

    Examples
    --------
    Player 1's strategy varies fastest: the second profile listed is (row 2, column 1).

    >>> g = parse_nfg('NFG 1 R "demo" { "P1" "P2" } { 2 2 }  1 2  3 4  5 6  7 8')
    >>> g.payoff((1, 0)).tolist(), g.payoff((0, 1)).tolist()
    ([3.0, 4.0], [5.0, 6.0])
    >>> parse_nfg('NFG 1 R "demo" { "P1" "P2" }\\n{ 2 2 }\\n1 2 3')
    Traceback (most recent call last):
    ...
    gametheory._errors.GameFormatError: line 3: expected a number (payoff of player 2 at \
profile (2, 1)), found end of file
    """
    if not isinstance(text, str):
        raise GameFormatError(f"expected the text of a .nfg file, got {type(text).__name__}",
                              path=path)
    return _NfgParser(text, path).parse()


def _read_text(path, *, fallback_latin1: bool) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise GameFormatError(f"cannot read file: {exc.strerror or exc}",
                              path=os.fspath(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback_latin1:  # files written by old Gambit versions
            return data.decode("latin-1")
        raise GameFormatError(f"cannot read file: not UTF-8 text ({exc.reason} at byte "
                              f"{exc.start})", path=os.fspath(path)) from None


def _write_text(path, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise GameFormatError(f"cannot write file: {exc.strerror or exc}",
                              path=os.fspath(path)) from None


def read_nfg(path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (UTF-8, or Latin-1 as older Gambit versions wrote).

    Raises
    ------
    GameFormatError
        When the file cannot be read ("cannot read file: ...") or is malformed.

    Examples
    --------
    >>> g = read_nfg(example_path("prisoners_dilemma.nfg"))
    >>> g.title, g.actions[0]
    ("Prisoner's dilemma", ('C', 'D'))
    """
    text = _read_text(path, fallback_latin1=True).replace("\r\n", "\n")
    return parse_nfg(text, path=os.fspath(path))


def _quote(s: str) -> str:
    """A Gambit string literal: quotes escaped, and backslashes where they would
    otherwise be read as an escape."""
    out = ['"']
    for j, c in enumerate(s):
        if c == '"':
            out.append('\\"')
        elif c == "\\" and (j + 1 == len(s) or s[j + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def format_nfg(game: NormalFormGame, variant: str = "payoff") -> str:
    """The text of a Gambit ``.nfg`` file holding ``game``.

    Parameters
    ----------
    game : NormalFormGame
    variant : {"payoff", "outcome"}
        ``"payoff"`` lists the payoffs of every profile; ``"outcome"`` writes one outcome
        per profile and then the outcome indices.

    Returns
    -------
    str
        Exact payoffs are written as integers and rationals (``3/4``); float payoffs as
        the shortest decimal that reads back to the same float.  :func:`parse_nfg` of the
        result equals ``game`` (labels, title, description and payoffs).

    Raises
    ------
    UnsupportedGameError
        When ``game`` is not a :class:`NormalFormGame`.
    UnknownNameError
        For an unknown ``variant``.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from fractions import Fraction
    >>> g = NormalFormGame([[[Fraction(3, 4)]], [[-2]]], players=["Ann", 'Bob "B"'])
    >>> print(format_nfg(g, variant="outcome"))
    NFG 1 R "" { "Ann" "Bob \\"B\\"" }
    <BLANKLINE>
    { { "1" }
    { "1" }
    }
    ""
    <BLANKLINE>
    {
    { "" 3/4, -2 }
    }
    1
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"the .nfg format holds normal-form games only, not "
                                   f"{type(game).__name__}")
    if variant not in NFG_VARIANTS:
        raise UnknownNameError(f"unknown .nfg variant {variant!r}; choose one of "
                               + ", ".join(NFG_VARIANTS))
    exact, arrays = _game_numbers(game)
    players = " ".join(_quote(p) for p in game.players)
    lines = [f"NFG 1 {'R' if exact else 'D'} {_quote(game.title)} {{ {players} }}", ""]
    for i, acts in enumerate(game.actions):
        lines.append(("{ " if i == 0 else "") + "{ " + " ".join(_quote(a) for a in acts)
                     + " }")
    lines.append("}")
    lines.append(_quote(game.description))
    lines.append("")
    shape = game.num_actions
    profiles = [np.unravel_index(k, shape, order="F") for k in range(game.num_profiles)]
    if variant == "payoff":
        for prof in profiles:
            lines.append(" ".join(_format_payoff(arr[prof], exact) for arr in arrays))
    else:
        lines.append("{")
        for prof in profiles:
            lines.append('{ "" ' + ", ".join(_format_payoff(arr[prof], exact)
                                             for arr in arrays) + " }")
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(len(profiles))))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path, variant: str = "payoff") -> None:
    """Write ``game`` to a Gambit ``.nfg`` file (UTF-8); see :func:`format_nfg`.

    Raises
    ------
    GameFormatError
        When the file cannot be written ("cannot write file: ...").
    """
    _write_text(path, format_nfg(game, variant=variant))


# ============================================================================ JSON
def _json_number(x, exact: bool):
    if exact:
        x = Fraction(x)
        return int(x) if x.denominator == 1 else _format_fraction(x)
    return float(x)


def _nested(value, exact: bool):
    """``arr.tolist()`` with every leaf converted by :func:`_json_number`."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list):
        return [_nested(v, exact) for v in value]
    return _json_number(value, exact)


def game_to_dict(game) -> dict:
    """The JSON-ready dictionary of ``game`` (format in the module docstring).

    A game that is not a :class:`NormalFormGame` but has a ``to_dict()`` method (a
    stochastic game or POSG) is converted by that method.

    Raises
    ------
    UnsupportedGameError
        For objects that are neither.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from fractions import Fraction
    >>> d = game_to_dict(NormalFormGame([[1, Fraction(1, 2)]], title="one player"))
    >>> d["payoffs"], d["actions"]
    ([[1, '1/2']], [['1', '2']])
    """
    if isinstance(game, NormalFormGame):
        exact, arrays = _game_numbers(game)
        return {
            "type": "normal-form",
            "version": _JSON_VERSION,
            "title": game.title,
            "description": game.description,
            "players": list(game.players),
            "actions": [list(a) for a in game.actions],
            "payoffs": [_nested(np.asarray(arr), exact) for arr in arrays],
        }
    to_dict = getattr(game, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise UnsupportedGameError(f"cannot convert {type(game).__name__} to a game dictionary")


def _field_error(field: str, message: str, path: str | None) -> GameFormatError:
    return GameFormatError(f"field {field}: {message}", path=path)


def _json_payoff(x, field: str, path: str | None):
    if isinstance(x, bool):
        raise _field_error(field, f"expected a number, found {json.dumps(x)}", path)
    if isinstance(x, Integral):
        return int(x)
    if isinstance(x, Real):
        if not math.isfinite(x):
            raise _field_error(field, f"{json.dumps(x)} is not allowed: payoffs must be "
                                      "finite numbers", path)
        return float(x)
    if isinstance(x, list):
        raise _field_error(field, "expected a number, found a list: each player's payoffs "
                                  "are nested exactly one level per player", path)
    if isinstance(x, str):
        try:
            return _parse_number(x.strip())
        except ValueError as exc:
            raise _field_error(field, f"expected a number or a string like \"3/4\", "
                                      f"found {json.dumps(x)} ({exc})", path) from None
    raise _field_error(field, f"expected a number, found {json.dumps(x)[:40]}", path)


def _json_array(value, shape: tuple[int, ...], field: str, path: str | None) -> np.ndarray:
    """Check the nesting of one player's payoffs and convert the leaves."""
    out = np.empty(shape, dtype=object)

    def walk(v, depth: int, index: tuple, name: str):
        if depth == len(shape):
            out[index] = _json_payoff(v, name, path)
            return
        if not isinstance(v, list):
            raise _field_error(name, f"expected a list of {shape[depth]} entries (one per "
                                     f"action of player {depth + 1}), found "
                                     f"{json.dumps(v)[:40]}", path)
        if len(v) != shape[depth]:
            raise _field_error(name, f"has {len(v)} entries, expected {shape[depth]} (one "
                                     f"per action of player {depth + 1}): payoffs are "
                                     "ragged or do not match 'actions'", path)
        for k, item in enumerate(v):
            walk(item, depth + 1, index + (k,), f"{name}[{k}]")

    walk(value, 0, (), field)
    return out


def _label_list(value, field: str, path: str | None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise _field_error(field, "expected a list of strings", path)
    if not value:
        raise _field_error(field, "is empty", path)
    seen = set()
    for s in value:
        if s in seen:
            raise _field_error(field, f"duplicate label {s!r}: labels must be distinct", path)
        seen.add(s)
    return value


def game_from_dict(d: dict, *, path: str | None = None):
    """Build a game from a dictionary in the JSON format of the module docstring.

    ``"type": "normal-form"`` gives a :class:`NormalFormGame`; ``"stochastic"`` and
    ``"posg"`` are handed to ``StochasticGame.from_dict``.

    Raises
    ------
    GameFormatError
        Missing or unknown fields, wrong types, ragged payoffs, non-finite payoffs; the
        message names the field, e.g. ``field 'payoffs'[1][0]``.

    Examples
    --------
    >>> g = game_from_dict({"type": "normal-form",
    ...                     "payoffs": [[[1, "3/4"], [0, 2]], [[0, 1], ["0.5", 1]]]})
    >>> g.num_actions, g.exact_payoffs[0][0, 1], float(g.payoffs[1][1, 0])
    ((2, 2), Fraction(3, 4), 0.5)
    >>> game_from_dict({"type": "normal-form", "payoffs": [[[1, 2], [3]], [[0, 0], [0, 0]]]})
    Traceback (most recent call last):
    ...
    gametheory._errors.GameFormatError: field 'payoffs'[0][1]: has 1 entries, expected 2 \
(one per action of player 2): payoffs are ragged or do not match 'actions'
    """
    if not isinstance(d, dict):
        raise GameFormatError(f"a game is a JSON object, found {type(d).__name__}", path=path)
    if "type" not in d:
        raise _field_error("'type'", "missing; expected \"normal-form\", \"stochastic\" or "
                                     "\"posg\"", path)
    kind = d["type"]
    if kind in _STOCHASTIC_TYPES:
        return _stochastic_from_dict(d, path)
    if kind != "normal-form":
        raise _field_error("'type'", f"unknown game type {json.dumps(kind)[:40]}; expected "
                                     "\"normal-form\", \"stochastic\" or \"posg\"", path)
    unknown = [k for k in d if k not in _JSON_KEYS]
    if unknown:
        raise GameFormatError(f"unknown field(s) {', '.join(map(repr, unknown))}; a "
                              f"normal-form game has {', '.join(_JSON_KEYS)}", path=path)
    version = d.get("version", _JSON_VERSION)
    if isinstance(version, bool) or version != _JSON_VERSION:
        raise _field_error("'version'", f"{json.dumps(version)[:40]} is not supported; "
                                        f"expected {_JSON_VERSION}", path)
    labels: dict[str, Any] = {}
    for key in ("title", "description"):
        if key in d:
            if not isinstance(d[key], str):
                raise _field_error(f"'{key}'", "expected a string", path)
            labels[key] = d[key]
    if "payoffs" not in d:
        raise _field_error("'payoffs'", "missing; expected one nested list per player", path)
    payoffs = d["payoffs"]
    if not isinstance(payoffs, list) or not payoffs:
        raise _field_error("'payoffs'", "expected a non-empty list with one nested list per "
                                        "player", path)
    n = len(payoffs)
    if "players" in d:
        labels["players"] = _label_list(d["players"], "'players'", path)
        if len(labels["players"]) != n:
            raise _field_error("'players'", f"names {len(labels['players'])} players but "
                                            f"'payoffs' has {n} arrays", path)
    if "actions" in d:
        acts = d["actions"]
        if not isinstance(acts, list) or len(acts) != n:
            raise _field_error("'actions'", f"expected one list of labels per player ({n})",
                               path)
        labels["actions"] = [_label_list(a, f"'actions'[{i}]", path)
                             for i, a in enumerate(acts)]
        shape = tuple(len(a) for a in labels["actions"])
    else:  # infer the shape from player 1's payoffs
        dims, v = [], payoffs[0]
        for depth in range(n):
            if not isinstance(v, list) or not v:
                raise _field_error("'payoffs'[0]", f"expected non-empty lists nested {n} deep "
                                                   f"(one level per player)", path)
            dims.append(len(v))
            v = v[0]
        shape = tuple(dims)
    arrays = [_json_array(p, shape, f"'payoffs'[{i}]", path) for i, p in enumerate(payoffs)]
    if not all(isinstance(x, (int, Fraction)) for a in arrays for x in a.flat):
        arrays = [a.astype(np.float64) for a in arrays]
    try:
        return NormalFormGame(arrays, **labels)
    except InvalidGameError as exc:
        raise GameFormatError(f"invalid game: {exc}", path=path) from None


def _stochastic_from_dict(d: dict, path: str | None):
    try:
        from ._stochastic import StochasticGame
    except ImportError as exc:
        raise GameFormatError(f"cannot read a {d['type']!r} game: stochastic games are not "
                              f"available ({exc})", path=path) from None
    try:
        return StochasticGame.from_dict(d)
    except GameFormatError as exc:
        if exc.path is None and path is not None:
            raise GameFormatError(exc.reason, line=exc.line, path=path) from None
        raise
    except (InvalidGameError, KeyError, TypeError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise GameFormatError(f"invalid {d['type']} game: {msg}", path=path) from None


def _dump_nested(value, indent: int) -> str:
    """Nested payoff lists: on one line when that fits in 88 columns, else one line per
    sub-list."""
    flat = json.dumps(value, ensure_ascii=False, allow_nan=False)
    if (not isinstance(value, list) or len(flat) + indent <= 88
            or not any(isinstance(v, list) for v in value)):
        return flat
    pad = " " * (indent + 2)
    inner = (",\n" + pad).join(_dump_nested(v, indent + 2) for v in value)
    return "[\n" + pad + inner + "\n" + " " * indent + "]"


def dumps_json(game) -> str:
    """The JSON text of ``game`` (see :func:`game_to_dict`), one key per line and the
    innermost payoff lists on one line each.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> print(dumps_json(catalog.get("matching-pennies")))
    {
      "type": "normal-form",
      "version": 1,
      "title": "Matching pennies",
      "description": "",
      "players": ["Player 1", "Player 2"],
      "actions": [["H", "T"], ["H", "T"]],
      "payoffs": [
        [[1, -1], [-1, 1]],
        [[-1, 1], [1, -1]]
      ]
    }
    <BLANKLINE>
    """
    d = game_to_dict(game)
    parts = []
    for key, value in d.items():
        if key == "payoffs" and isinstance(value, list) and value:  # one player per line
            text = "[\n" + ",\n".join("    " + _dump_nested(p, 4) for p in value) + "\n  ]"
        else:
            text = _dump_nested(value, 2)
        parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def loads_json(text: str, path: str | None = None):
    """Read a game from JSON text (format in the module docstring).

    Raises
    ------
    GameFormatError
        Invalid JSON (with its ``line``) or an invalid game (naming the field).

    Examples
    --------
    >>> loads_json('{"type": "normal-form",\\n "payoffs": [[1, 2] 3]}')
    Traceback (most recent call last):
    ...
    gametheory._errors.GameFormatError: line 2: invalid JSON: Expecting ',' delimiter \
(column 21)
    """
    try:
        d = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GameFormatError(f"invalid JSON: {exc.msg} (column {exc.colno})",
                              line=exc.lineno, path=path) from None
    except (TypeError, RecursionError) as exc:
        raise GameFormatError(f"invalid JSON: {exc}", path=path) from None
    return game_from_dict(d, path=path)


def read_json(path):
    """Read a game from a JSON file (UTF-8); see :func:`loads_json`."""
    return loads_json(_read_text(path, fallback_latin1=False), path=os.fspath(path))


def write_json(game, path) -> None:
    """Write ``game`` to a JSON file (UTF-8); see :func:`dumps_json`."""
    _write_text(path, dumps_json(game))


# ============================================================================ dispatch
def _extension(path) -> str:
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in EXTENSIONS:
        raise GameFormatError(f"unsupported file extension {ext or '(none)'!r}; supported: "
                              + ", ".join(EXTENSIONS), path=os.fspath(path))
    return ext


def read_game(path):
    """Read a game from a file, choosing the format by extension (``.nfg`` or ``.json``).

    Raises
    ------
    GameFormatError
        Unsupported extension, unreadable file ("cannot read file: ..."), or malformed
        contents.

    Examples
    --------
    >>> read_game(example_path("chicken.json")).title
    'Chicken'
    """
    return read_nfg(path) if _extension(path) == ".nfg" else read_json(path)


def write_game(game, path, *, variant: str | None = None) -> None:
    """Write a game to a file, choosing the format by extension (``.nfg`` or ``.json``).

    Parameters
    ----------
    game : NormalFormGame, or a game with ``to_dict()`` (JSON only)
    path : str or path-like
    variant : {"payoff", "outcome"}, optional
        The ``.nfg`` variant (default ``"payoff"``); not allowed for ``.json``.

    Raises
    ------
    GameFormatError
        Unsupported extension, ``variant`` given for a JSON file, or a file that cannot
        be written.
    UnsupportedGameError
        A game the format cannot hold (a stochastic game in ``.nfg``).

    Examples
    --------
    >>> import os, tempfile
    >>> from gametheory.games import catalog
    >>> g = catalog.get("shapley")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "shapley.nfg")
    ...     write_game(g, path, variant="outcome")
    ...     read_game(path) == g
    True
    """
    if _extension(path) == ".nfg":
        write_nfg(game, path, variant="payoff" if variant is None else variant)
    else:
        if variant is not None:
            raise GameFormatError(f"variant={variant!r} applies to .nfg files only, not to "
                                  "JSON", path=os.fspath(path))
        write_json(game, path)


def load_game(spec):
    """A game from a command-line style spec: ``catalog:NAME`` or a file path.

    Raises
    ------
    UnknownNameError
        For an unknown catalog name.
    GameFormatError
        For a file that cannot be read or parsed.

    Examples
    --------
    >>> load_game("catalog:stag-hunt").title
    'Stag hunt'
    """
    if isinstance(spec, str) and spec.startswith("catalog:"):
        from . import catalog
        return catalog.get(spec[len("catalog:"):])
    return read_game(spec)


def _data_dir():
    from importlib.resources import files
    return files("gametheory").joinpath("data")


def example_path(name: str) -> str:
    """Path of a game file bundled with gametheory, e.g. ``"bos_outcome.nfg"``.

    The extension may be left out when only one bundled file has that stem.

    Raises
    ------
    UnknownNameError
        When no bundled file matches (the message lists them).

    Examples
    --------
    >>> example_path("three_player").endswith("three_player.nfg")
    True
    """
    data = _data_dir()
    available = sorted(p.name for p in data.iterdir()
                       if p.is_file() and p.name.endswith(EXTENSIONS))
    matches = [n for n in available if n == name] or \
              [n for n in available if os.path.splitext(n)[0] == name]
    if len(matches) != 1:
        raise UnknownNameError(f"no bundled example {name!r}; examples: "
                               + ", ".join(available))
    return str(data.joinpath(matches[0]))
