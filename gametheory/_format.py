"""Plain-text formatting of numbers, tables and payoff matrices (used by the CLI and by
``NormalFormGame.table()``)."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

__all__ = ["fmt_number", "format_table", "payoff_cell", "bimatrix_table", "profile_table",
           "payoff_table"]


def fmt_number(x, digits: int = 6) -> str:
    """Short, readable number: integers without a point, others to ``digits`` significant
    figures, Fractions as ``p/q``."""
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    x = float(x)
    if x == 0:
        return "0"
    if abs(x - round(x)) < 1e-12 * max(1.0, abs(x)) and abs(x) < 1e15:
        return str(int(round(x)))
    return f"{x:.{digits}g}"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                 align_right: Sequence[bool] | None = None) -> str:
    """Plain-text table with a rule under the header."""
    widths = [len(h) for h in header]
    for r in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, r)]
    if align_right is None:
        align_right = [False] * len(header)

    def line(cells):
        out = []
        for c, w, right in zip(cells, widths, align_right):
            out.append(c.rjust(w) if right else c.ljust(w))
        return "  ".join(out).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in rows]
    return "\n".join(lines)


def payoff_cell(game, profile) -> str:
    if game.exact_payoffs is not None:
        vals = [fmt_number(p[profile]) for p in game.exact_payoffs]
    else:
        vals = [fmt_number(p[profile]) for p in game.payoffs]
    return ", ".join(vals)


def bimatrix_table(game) -> str:
    """The payoff table of a 2-player game, row player first in each cell."""
    rows_label = f"{game.players[0]} \\ {game.players[1]}"
    header = [rows_label] + list(game.actions[1])
    rows = []
    for a, alab in enumerate(game.actions[0]):
        rows.append([alab] + [payoff_cell(game, (a, b)) for b in range(game.num_actions[1])])
    return format_table(header, rows, align_right=[False] + [True] * game.num_actions[1])


def profile_table(game) -> str:
    """Every pure profile of a game with the players' payoffs, one line each."""
    header = list(game.players) + ["payoffs"]
    rows = [[game.actions[i][a] for i, a in enumerate(prof)] + [payoff_cell(game, prof)]
            for prof in game.profiles()]
    return format_table(header, rows)


def payoff_table(game) -> str:
    """The bimatrix of a 2-player game, else the list of profiles and payoffs."""
    if game.num_players == 2:
        return bimatrix_table(game)
    return profile_table(game)
