"""Repeated games played by finite automata: strategies, matches and round-robin
tournaments.

A strategy of the repeated game is a *Moore machine* (Rubinstein 1986, "Finite automata
play the repeated prisoner's dilemma", *J. Econ. Theory* 39; Abreu and Rubinstein 1988):
a finite set of states, an initial state, an output per state (the action played in that
state, or a probability vector over actions for a stochastic strategy) and a transition
``next_state = transitions[state, others]`` where ``others`` is the flat index (C order,
player order with the automaton's own player left out) of the joint action the *other*
players just took.  In a 2-player game ``others`` is simply the opponent's action.  The
own action is not an input: for a deterministic automaton it is determined by the state.

Worked example, tit for tat against always-defect in Axelrod's prisoner's dilemma
(``C = 0``, ``D = 1``, ``T=5, R=3, P=1, S=0``): tit for tat is the sucker once, then
both defect::

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> res = play(pd, [tit_for_tat(), always_defect()], rounds=4)
    >>> res.history
    [('C', 'D'), ('D', 'D'), ('D', 'D'), ('D', 'D')]
    >>> res.total.tolist(), res.cycle_start, res.cycle_length
    ([3.0, 8.0], 1, 1)

With a discount factor and no number of rounds, the exact normalised discounted payoff of
the infinite play of deterministic automata is computed from the cycle of their joint
state::

    >>> play(pd, [tit_for_tat(), always_defect()], discount=0.5).discounted.tolist()
    [0.5, 3.0]

References: Axelrod (1984), *The Evolution of Cooperation* (the round-robin tournament,
tit for tat); Nowak and Sigmund (1993), "A strategy of win-stay, lose-shift that
outperforms tit-for-tat in the Prisoner's Dilemma game", *Nature* 364 (Pavlov); Friedman
(1971), "A non-cooperative equilibrium for supergames", *Rev. Econ. Stud.* 38 (grim
trigger).
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Integral, Real
from typing import Callable, Mapping, Sequence

import numpy as np
from numba import njit

from .._errors import (InvalidOptionError, InvalidProfileError, UnknownNameError,
                       UnsupportedGameError)
from .._rng import as_generator
from ..games._normal_form import NormalFormGame

__all__ = ["Automaton", "RepeatedPlayResult", "TournamentResult", "STRATEGIES",
           "get_strategy", "play", "tournament", "tit_for_tat", "grim_trigger",
           "win_stay_lose_shift", "always_defect", "always_cooperate", "tit_for_two_tats",
           "random_strategy", "grim_trigger_threshold", "is_subgame_perfect_grim"]

logger = logging.getLogger(__name__)

#: Cap on the rounds simulated to find the cycle of an infinite deterministic play.
DEFAULT_MAX_CYCLE_ROUNDS = 10_000_000

_PROB_TOL = 1e-9


def _is_int(x) -> bool:
    return isinstance(x, (Integral, np.integer)) and not isinstance(x, bool)


# ============================================================================ automata
class Automaton:
    """A finite-state (Moore machine) strategy of a repeated game.

    Parameters
    ----------
    outputs : sequence
        One entry per state: an action index (deterministic output) or a probability
        vector over the ``num_actions`` actions (stochastic output).  A 2-D array of shape
        ``(num_states, num_actions)`` is read as probability vectors.
    transitions : array_like of int
        ``transitions[s, k]`` is the state after state ``s`` when the other players' joint
        action has flat index ``k`` (C order over the others, in player order).  Shape
        ``(num_states, K)`` or ``(num_states, *input_shape)``.
    initial : int
        Initial state.
    num_actions : int
        Number of the automaton's own actions (default 2).
    input_shape : tuple of int, optional
        The other players' action counts; default ``transitions.shape[1:]``.
    name : str
        Label used in results and tournaments.
    state_labels : sequence of str, optional
        Names of the states; default ``"0", "1", ...``.

    Raises
    ------
    InvalidProfileError
        An output action out of range or an output that is not a probability vector.
    InvalidOptionError
        A transition or the initial state naming a state that does not exist, or shapes
        that do not fit.

    Examples
    --------
    Tit for tat written by hand: state 0 plays ``C``, state 1 plays ``D``; the next state
    copies the opponent's last action.

    >>> tft = Automaton([0, 1], [[0, 1], [0, 1]], name="my-tft")
    >>> tft.num_states, tft.input_shape, tft.is_deterministic
    (2, (2,), True)
    >>> tft.next_state(0, 1), tft.action(1)
    (1, 1)
    """

    __slots__ = ("_outputs", "_transitions", "initial", "num_actions", "input_shape",
                 "name", "state_labels", "_deterministic", "_det")

    def __init__(self, outputs, transitions, *, initial: int = 0, num_actions: int = 2,
                 input_shape: Sequence[int] | None = None, name: str = "",
                 state_labels: Sequence[str] | None = None):
        if not _is_int(num_actions) or num_actions < 1:
            raise InvalidOptionError(f"num_actions must be a positive integer, got "
                                     f"{num_actions!r}")
        m = int(num_actions)
        probs, det = self._parse_outputs(outputs, m)
        S = probs.shape[0]
        T = self._parse_transitions(transitions, S, input_shape)
        K = T.shape[1]
        shape = (tuple(int(x) for x in input_shape) if input_shape is not None
                 else tuple(int(x) for x in np.shape(transitions)[1:]))
        if input_shape is not None and int(np.prod(shape, dtype=np.int64)) != K:
            raise InvalidOptionError(f"transitions have {K} inputs per state but input_shape "
                                     f"{shape} has {int(np.prod(shape))} joint actions")
        if not _is_int(initial) or not 0 <= int(initial) < S:
            raise InvalidOptionError(f"initial state {initial!r} does not exist (the automaton "
                                     f"has {S} states)")
        if state_labels is None:
            state_labels = tuple(str(s) for s in range(S))
        else:
            state_labels = tuple(str(s) for s in state_labels)
            if len(state_labels) != S:
                raise InvalidOptionError(f"{len(state_labels)} state labels for {S} states")
        probs.setflags(write=False)
        T.setflags(write=False)
        det.setflags(write=False)
        self._outputs = probs
        self._transitions = T
        self._det = det
        self._deterministic = bool(np.all(det >= 0))
        self.initial = int(initial)
        self.num_actions = m
        self.input_shape = shape
        self.name = str(name)
        self.state_labels = state_labels

    @staticmethod
    def _parse_outputs(outputs, m: int) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(outputs, np.ndarray) and outputs.ndim == 2:
            entries = list(outputs)
        else:
            try:
                entries = list(outputs)
            except TypeError:
                raise InvalidProfileError("outputs must be a sequence with one entry per "
                                          "state") from None
        if not entries:
            raise InvalidOptionError("an automaton needs at least one state")
        probs = np.zeros((len(entries), m))
        det = np.full(len(entries), -1, dtype=np.int64)
        for s, out in enumerate(entries):
            if _is_int(out):
                a = int(out)
                if not 0 <= a < m:
                    raise InvalidProfileError(f"state {s} outputs action {a}, out of range for "
                                              f"{m} actions")
                probs[s, a] = 1.0
                det[s] = a
                continue
            try:
                p = np.asarray(out, dtype=np.float64)
            except (TypeError, ValueError):
                raise InvalidProfileError(f"output of state {s} must be an action index or "
                                          f"a probability vector, not {out!r}") from None
            if p.shape != (m,):
                raise InvalidProfileError(f"output of state {s} has shape {p.shape}; a "
                                          f"probability vector over {m} actions is needed")
            if (not np.all(np.isfinite(p)) or np.any(p < -_PROB_TOL)
                    or abs(p.sum() - 1.0) > 1e-6):
                raise InvalidProfileError(f"output of state {s} is not a probability vector: "
                                          f"{p.tolist()}")
            p = np.clip(p, 0.0, None)
            p /= p.sum()
            probs[s] = p
            support = np.flatnonzero(p > 0)
            if len(support) == 1:
                det[s] = int(support[0])
        return probs, det

    @staticmethod
    def _parse_transitions(transitions, S: int, input_shape) -> np.ndarray:
        try:
            raw = np.asarray(transitions)
        except ValueError as exc:
            raise InvalidOptionError(f"transitions are ragged: {exc}") from None
        if raw.ndim < 2 or raw.shape[0] != S:
            raise InvalidOptionError(f"transitions need shape (num_states={S}, inputs...), "
                                     f"got {raw.shape}")
        if raw.size == 0:
            raise InvalidOptionError("transitions must have at least one input")
        if raw.dtype == object or not (np.issubdtype(raw.dtype, np.integer)
                                       or np.issubdtype(raw.dtype, np.floating)):
            raise InvalidOptionError("transitions must be integer state indices")
        if np.issubdtype(raw.dtype, np.floating):
            if not np.all(np.isfinite(raw)) or np.any(raw != np.round(raw)):
                raise InvalidOptionError("transitions must be integer state indices")
        T = raw.reshape(S, -1).astype(np.int64)
        bad = np.argwhere((T < 0) | (T >= S))
        if len(bad):
            s, k = (int(x) for x in bad[0])
            raise InvalidOptionError(f"transition from state {s} on input {k} goes to state "
                                     f"{int(T[s, k])}, which does not exist ({S} states)")
        return np.ascontiguousarray(T)

    # ---------------------------------------------------------------- from a table
    @classmethod
    def from_table(cls, table: Mapping, *, initial=None, actions=2, opponent_actions=None,
                   game: NormalFormGame | None = None, player: int = 0,
                   name: str = "") -> "Automaton":
        """Build an automaton from a readable table of labelled states.

        Parameters
        ----------
        table : mapping
            ``{state: (output, {others_action: next_state, ...}), ...}``.  ``output`` is an
            action (label or index) or a mapping ``{action: probability}``.  Keys of the
            transition mapping are the opponent's action (label or index) in a 2-player
            game, a tuple of the others' actions otherwise, or ``"*"`` for every input
            not listed.  State keys may be any hashable labels.
        initial : state label, optional
            Initial state; default the first state of ``table``.
        actions : int or sequence of str
            The automaton's own actions (a count or their labels); default 2.
        opponent_actions : int, sequence of str, or sequence of those, optional
            The others' actions: one count or label list for a single opponent, or one
            per opponent; default the same as ``actions`` (one opponent).
        game, player : NormalFormGame and int, optional
            Take ``actions`` and ``opponent_actions`` from the game's labels for
            ``player``.
        name : str

        Raises
        ------
        InvalidOptionError
            A transition to an unknown state, an unknown initial state, a missing input
            (without ``"*"``) or a malformed table.
        InvalidProfileError
            An action label or index that does not exist.

        Examples
        --------
        Tit for two tats in the prisoner's dilemma's labels:

        >>> from gametheory.games import catalog
        >>> a = Automaton.from_table({
        ...     "ok":   ("C", {"C": "ok", "D": "once"}),
        ...     "once": ("C", {"C": "ok", "D": "punish"}),
        ...     "punish": ("D", {"C": "ok", "D": "punish"}),
        ... }, game=catalog.get("prisoners-dilemma"), name="tf2t")
        >>> a.transitions.tolist(), a.outputs[:, 1].tolist()
        ([[0, 1], [0, 2], [0, 2]], [0.0, 0.0, 1.0])
        """
        if not isinstance(table, Mapping) or not table:
            raise InvalidOptionError("table must be a non-empty mapping state -> (output, "
                                     "transitions)")
        if game is not None:
            if not isinstance(game, NormalFormGame):
                raise UnsupportedGameError("game must be a NormalFormGame")
            i = game.player_index(player)
            own = list(game.actions[i])
            opp = [list(game.actions[j]) for j in range(game.num_players) if j != i]
        else:
            own = _labels(actions, "actions")
            if opponent_actions is None:
                opp = [list(own)]
            elif _is_int(opponent_actions) or (
                    not isinstance(opponent_actions, str)
                    and all(isinstance(x, str) for x in opponent_actions)):
                opp = [_labels(opponent_actions, "opponent_actions")]
            else:
                opp = [_labels(x, "opponent_actions") for x in opponent_actions]
        states = list(table)
        index = {s: k for k, s in enumerate(states)}
        opp_shape = tuple(len(x) for x in opp)
        K = int(np.prod(opp_shape, dtype=np.int64))
        m = len(own)

        def act(label, labels, who):
            if _is_int(label):
                if not 0 <= int(label) < len(labels):
                    raise InvalidProfileError(f"{who} action {label} out of range "
                                              f"({len(labels)} actions)")
                return int(label)
            if isinstance(label, str) and label in labels:
                return labels.index(label)
            raise InvalidProfileError(f"{who} has no action {label!r}; actions are {labels}")

        outputs, T = [], np.full((len(states), K), -1, dtype=np.int64)
        for s, entry in table.items():
            try:
                out, trans = entry
            except (TypeError, ValueError):
                raise InvalidOptionError(f"state {s!r}: an entry is (output, transitions)") \
                    from None
            if isinstance(out, Mapping):
                p = np.zeros(m)
                for a, q in out.items():
                    p[act(a, own, "own")] += float(q)
                outputs.append(p)
            else:
                outputs.append(act(out, own, "own"))
            if not isinstance(trans, Mapping):
                raise InvalidOptionError(f"state {s!r}: transitions must be a mapping")
            row = T[index[s]]
            default = None
            for key, nxt in trans.items():
                if nxt not in index:
                    raise InvalidOptionError(f"state {s!r} moves to unknown state {nxt!r}; "
                                             f"states are {states}")
                if isinstance(key, str) and key == "*":
                    default = index[nxt]
                    continue
                keys = key if isinstance(key, tuple) else (key,)
                if len(keys) != len(opp):
                    raise InvalidProfileError(f"state {s!r}: input {key!r} needs one action "
                                              f"for each of the {len(opp)} other player(s)")
                idx = tuple(act(a, opp[j], f"opponent {j + 1}") for j, a in enumerate(keys))
                row[int(np.ravel_multi_index(idx, opp_shape))] = index[nxt]
            if default is not None:
                row[row < 0] = default
            if np.any(row < 0):
                k = int(np.flatnonzero(row < 0)[0])
                missing = tuple(opp[j][x] for j, x in
                                enumerate(np.unravel_index(k, opp_shape)))
                raise InvalidOptionError(f"state {s!r} has no transition for input "
                                         f"{missing if len(missing) > 1 else missing[0]!r} "
                                         "(list it or add a '*' entry)")
        if initial is None:
            init = 0
        elif initial in index:
            init = index[initial]
        else:
            raise InvalidOptionError(f"initial state {initial!r} is not in the table")
        return cls(outputs, T, initial=init, num_actions=m, input_shape=opp_shape,
                   name=name, state_labels=[str(s) for s in states])

    # ---------------------------------------------------------------- accessors
    @property
    def num_states(self) -> int:
        return self._outputs.shape[0]

    @property
    def num_inputs(self) -> int:
        """Number of joint actions of the other players (columns of transitions)."""
        return self._transitions.shape[1]

    @property
    def outputs(self) -> np.ndarray:
        """Read-only ``(num_states, num_actions)`` output probabilities."""
        return self._outputs

    @property
    def transitions(self) -> np.ndarray:
        """Read-only ``(num_states, num_inputs)`` next-state table."""
        return self._transitions

    @property
    def is_deterministic(self) -> bool:
        """Every state plays one action with probability 1."""
        return self._deterministic

    def action(self, state: int) -> int:
        """The action played in ``state`` (deterministic states only)."""
        s = self._state(state)
        if self._det[s] < 0:
            raise InvalidOptionError(f"state {s} of {self.name or 'the automaton'} mixes "
                                     f"over actions: {self._outputs[s].tolist()}")
        return int(self._det[s])

    def next_state(self, state: int, others) -> int:
        """The state after ``state`` when the others play ``others`` (a flat index or a
        tuple of their actions)."""
        s = self._state(state)
        if isinstance(others, tuple):
            if len(others) != len(self.input_shape):
                raise InvalidProfileError(f"input needs {len(self.input_shape)} actions")
            try:
                k = int(np.ravel_multi_index(others, self.input_shape))
            except ValueError:
                raise InvalidProfileError(f"input {others} out of range for "
                                          f"{self.input_shape}") from None
        elif _is_int(others) and 0 <= int(others) < self.num_inputs:
            k = int(others)
        else:
            raise InvalidProfileError(f"input {others!r} out of range ({self.num_inputs})")
        return int(self._transitions[s, k])

    def _state(self, state) -> int:
        if not _is_int(state) or not 0 <= int(state) < self.num_states:
            raise InvalidOptionError(f"state {state!r} does not exist ({self.num_states} "
                                     "states)")
        return int(state)

    def fits(self, game: NormalFormGame, player: int) -> bool:
        """Whether the automaton can play as ``player`` of the stage game."""
        i = game.player_index(player)
        others = tuple(m for j, m in enumerate(game.num_actions) if j != i)
        return self.num_actions == game.num_actions[i] and self.input_shape == others

    def __repr__(self) -> str:
        return (f"Automaton(name={self.name!r}, states={self.num_states}, "
                f"actions={self.num_actions}, inputs={self.input_shape}, "
                f"deterministic={self.is_deterministic})")


def _labels(x, what: str) -> list[str]:
    if _is_int(x):
        if int(x) < 1:
            raise InvalidOptionError(f"{what} must be positive")
        return [str(k) for k in range(int(x))]
    if isinstance(x, str):
        raise InvalidOptionError(f"{what} must be a count or a sequence of labels")
    labels = [str(a) for a in x]
    if not labels or len(set(labels)) != len(labels):
        raise InvalidOptionError(f"{what} must be distinct labels, got {labels}")
    return labels


# ------------------------------------------------------------------ named strategies
def _setting(game, player, cooperate, defect):
    """Own action count, others' shape, own cooperate/defect, others' cooperate."""
    if game is None:
        n, acts = 2, [2, 2]
        i = int(player) if _is_int(player) else -1
        if i not in (0, 1):
            raise InvalidProfileError(f"player {player!r} out of range for 2 players")

        def index(j, a):
            if _is_int(a) and 0 <= int(a) < 2:
                return int(a)
            raise InvalidProfileError(f"without a game, actions are indices 0 or 1, not "
                                      f"{a!r}")
    else:
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(f"game must be a NormalFormGame, not "
                                       f"{type(game).__name__}")
        n, acts = game.num_players, list(game.num_actions)
        i = game.player_index(player)
        index = game.action_index
    if isinstance(cooperate, (list, tuple)):
        if len(cooperate) != n:
            raise InvalidProfileError(f"cooperate needs one action per player ({n})")
        coop = [index(j, a) for j, a in enumerate(cooperate)]
    else:
        coop = [index(j, cooperate) for j in range(n)]
    if defect is None:
        own_d = 1 if coop[i] == 0 else 0
        if acts[i] < 2:
            own_d = coop[i]
    elif isinstance(defect, (list, tuple)):
        if len(defect) != n:
            raise InvalidProfileError(f"defect needs one action per player ({n})")
        own_d = index(i, defect[i])
    else:
        own_d = index(i, defect)
    others = tuple(acts[j] for j in range(n) if j != i)
    others_c = tuple(coop[j] for j in range(n) if j != i)
    return i, acts[i], others, coop[i], own_d, others_c


def _all_cooperated(others: tuple, others_c: tuple) -> np.ndarray:
    """Boolean over the others' flat joint actions: every other player cooperated."""
    K = int(np.prod(others, dtype=np.int64))
    if not others:
        return np.ones(1, dtype=bool)
    idx = np.unravel_index(np.arange(K), others)
    ok = np.ones(K, dtype=bool)
    for j, c in enumerate(others_c):
        ok &= idx[j] == c
    return ok


def tit_for_tat(game: NormalFormGame | None = None, player=0, *, cooperate=0,
                defect=None) -> Automaton:
    """Tit for tat (Rapoport's entry, winner of Axelrod's 1980 tournaments): cooperate
    first, then cooperate exactly when every other player cooperated in the last round.

    Parameters
    ----------
    game, player : NormalFormGame and int, optional
        Fit the automaton to ``player`` of the stage game; default a 2-action player
        against one 2-action opponent.
    cooperate : int, str or sequence
        The cooperative action (index or label), the same for every player, or one per
        player; default 0.
    defect : int, str or sequence, optional
        The action played to punish; default the other action of a 2-action game
        (``1`` when ``cooperate`` is ``0``, else ``0``).

    Examples
    --------
    >>> tit_for_tat().transitions.tolist()
    [[0, 1], [0, 1]]
    """
    _, m, others, c, d, oc = _setting(game, player, cooperate, defect)
    ok = _all_cooperated(others, oc)
    T = np.where(ok, 0, 1)[None, :].repeat(2, axis=0)
    return Automaton([c, d], T, num_actions=m, input_shape=others, name="tit_for_tat",
                     state_labels=["cooperate", "defect"])


def tit_for_two_tats(game: NormalFormGame | None = None, player=0, *, cooperate=0,
                     defect=None) -> Automaton:
    """Tit for two tats (Axelrod 1984): defect only after two consecutive rounds in which
    some other player did not cooperate.  Parameters as in :func:`tit_for_tat`.

    >>> tit_for_two_tats().transitions.tolist()
    [[0, 1], [0, 2], [0, 2]]
    """
    _, m, others, c, d, oc = _setting(game, player, cooperate, defect)
    ok = _all_cooperated(others, oc)
    T = np.stack([np.where(ok, 0, 1), np.where(ok, 0, 2), np.where(ok, 0, 2)])
    return Automaton([c, c, d], T, num_actions=m, input_shape=others,
                     name="tit_for_two_tats", state_labels=["calm", "provoked", "defect"])


def grim_trigger(game: NormalFormGame | None = None, player=0, *, cooperate=0,
                 defect=None) -> Automaton:
    """Grim trigger (Friedman 1971): cooperate until some other player fails to
    cooperate, then defect forever.  Parameters as in :func:`tit_for_tat`.

    >>> grim_trigger().transitions.tolist()
    [[0, 1], [1, 1]]
    """
    _, m, others, c, d, oc = _setting(game, player, cooperate, defect)
    ok = _all_cooperated(others, oc)
    T = np.stack([np.where(ok, 0, 1), np.ones(len(ok), dtype=np.int64)])
    return Automaton([c, d], T, num_actions=m, input_shape=others, name="grim_trigger",
                     state_labels=["cooperate", "defect"])


def always_cooperate(game: NormalFormGame | None = None, player=0, *, cooperate=0,
                     defect=None) -> Automaton:
    """The one-state automaton that always plays ``cooperate``.

    >>> always_cooperate().outputs.tolist()
    [[1.0, 0.0]]
    """
    _, m, others, c, _, _ = _setting(game, player, cooperate, defect)
    K = int(np.prod(others, dtype=np.int64))
    return Automaton([c], np.zeros((1, K), dtype=np.int64), num_actions=m,
                     input_shape=others, name="always_cooperate")


def always_defect(game: NormalFormGame | None = None, player=0, *, cooperate=0,
                  defect=None) -> Automaton:
    """The one-state automaton that always plays ``defect``.

    >>> always_defect().outputs.tolist()
    [[0.0, 1.0]]
    """
    _, m, others, _, d, _ = _setting(game, player, cooperate, defect)
    K = int(np.prod(others, dtype=np.int64))
    return Automaton([d], np.zeros((1, K), dtype=np.int64), num_actions=m,
                     input_shape=others, name="always_defect")


def random_strategy(p: float = 0.5, game: NormalFormGame | None = None, player=0, *,
                    cooperate=0, defect=None) -> Automaton:
    """A one-state stochastic automaton cooperating with probability ``p`` each round;
    the rest of the probability is spread evenly over the other actions (in a 2-action
    game: defect with probability ``1 - p``).  The draws come from ``rng`` of
    :func:`play` or :func:`tournament`.

    >>> random_strategy(0.25).outputs.tolist()
    [[0.25, 0.75]]
    """
    if not isinstance(p, Real) or not 0.0 <= float(p) <= 1.0:
        raise InvalidOptionError(f"p must be a probability, got {p!r}")
    _, m, others, c, _, _ = _setting(game, player, cooperate, defect)
    if m == 1:
        out = np.ones(1)
    else:
        out = np.full(m, (1.0 - float(p)) / (m - 1))
        out[c] = float(p)
    K = int(np.prod(others, dtype=np.int64))
    return Automaton([out], np.zeros((1, K), dtype=np.int64), num_actions=m,
                     input_shape=others, name="random")


def win_stay_lose_shift(game: NormalFormGame | None = None, player=0, *, cooperate=0,
                        defect=None, aspiration: float | None = None) -> Automaton:
    """Win-stay, lose-shift, also called Pavlov (Kraines and Kraines 1989; Nowak and
    Sigmund 1993): start with ``cooperate``; after a *win* repeat the last action, after
    a *loss* switch to the other action.  Needs 2 own actions.

    What counts as a win:

    * without a game: the prisoner's-dilemma convention, a win is a round in which every
      other player cooperated (payoff ``R`` or ``T``), a loss one in which someone
      defected (``S`` or ``P``);
    * with a game: a win is a stage payoff strictly above the ``aspiration`` level
      (Posch 1999, "Win-stay, lose-shift strategies for repeated games - memory length,
      aspiration levels and noise", *J. Theor. Biol.* 198); by default the aspiration is
      the median of the player's stage payoffs over all pure profiles, which ranks the
      outcomes of any prisoner's dilemma the conventional way (``T, R`` win, ``P, S``
      lose).

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> win_stay_lose_shift().transitions.tolist()
    [[0, 1], [1, 0]]
    >>> win_stay_lose_shift(catalog.get("prisoners-dilemma")).transitions.tolist()
    [[0, 1], [1, 0]]
    """
    i, m, others, c, d, oc = _setting(game, player, cooperate, defect)
    if m != 2:
        raise UnsupportedGameError(f"win-stay, lose-shift needs 2 own actions, this player "
                                   f"has {m}")
    if d == c:
        raise InvalidOptionError("cooperate and defect must differ")
    acts = [c, d]
    K = int(np.prod(others, dtype=np.int64))
    if game is None:
        if aspiration is not None:
            raise InvalidOptionError("an aspiration level needs the stage game")
        win = np.stack([_all_cooperated(others, oc)] * 2)
    else:
        U = np.moveaxis(np.asarray(game.payoffs[i], dtype=np.float64), i, 0).reshape(m, K)
        level = float(np.median(U)) if aspiration is None else float(aspiration)
        if not math.isfinite(level):
            raise InvalidOptionError(f"aspiration must be finite, got {aspiration!r}")
        win = np.stack([U[a] > level for a in acts])
    T = np.where(win, np.arange(2)[:, None], 1 - np.arange(2)[:, None])
    return Automaton(acts, T, num_actions=m, input_shape=others,
                     name="win_stay_lose_shift", state_labels=["cooperate", "defect"])


#: Named strategies: ``factory(game=None, player=0, *, cooperate=0, defect=None)``.
STRATEGIES: dict[str, Callable[..., Automaton]] = {
    "tit_for_tat": tit_for_tat,
    "tit_for_two_tats": tit_for_two_tats,
    "grim_trigger": grim_trigger,
    "win_stay_lose_shift": win_stay_lose_shift,
    "always_cooperate": always_cooperate,
    "always_defect": always_defect,
    "random": random_strategy,
}


def get_strategy(name: str) -> Callable[..., Automaton]:
    """The factory of a named strategy (see :data:`STRATEGIES`).  Case, dashes and
    spaces are ignored, and the short names ``tft``, ``tf2t``, ``grim``, ``wsls``,
    ``pavlov``, ``alld`` and ``allc`` are accepted.

    Raises
    ------
    UnknownNameError
        Listing the known names.
    """
    key = str(name).strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"tft": "tit_for_tat", "pavlov": "win_stay_lose_shift", "wsls":
               "win_stay_lose_shift", "grim": "grim_trigger", "alld": "always_defect",
               "allc": "always_cooperate", "tf2t": "tit_for_two_tats"}
    key = aliases.get(key, key)
    if key not in STRATEGIES:
        raise UnknownNameError(f"no strategy {name!r}; known strategies: "
                               + ", ".join(sorted(STRATEGIES)))
    return STRATEGIES[key]


def _resolve(strategy, game: NormalFormGame, player: int) -> Automaton:
    if isinstance(strategy, str):
        return get_strategy(strategy)(game=game, player=player)
    if not isinstance(strategy, Automaton):
        raise InvalidProfileError(f"a strategy is an Automaton or a strategy name, not "
                                  f"{type(strategy).__name__}")
    if not strategy.fits(game, player):
        others = tuple(m for j, m in enumerate(game.num_actions) if j != player)
        raise InvalidProfileError(
            f"automaton {strategy.name or '(unnamed)'} has {strategy.num_actions} actions and "
            f"inputs {strategy.input_shape}, but {game.players[player]} has "
            f"{game.num_actions[player]} actions against others with {others}")
    return strategy


# ============================================================================ kernels
@njit(cache=True)
def _simulate(out_cum, trans, others_idx, strides, num_actions, payoff_flat, init, T,
              u_out, u_noise, u_alt, noise):
    """Play ``T`` rounds.  Returns actions (T, n), payoffs (T, n) and states (T + 1, n)
    (the joint state before each round and after the last)."""
    n = init.shape[0]
    actions = np.empty((T, n), dtype=np.int64)
    pay = np.empty((T, n), dtype=np.float64)
    states = np.empty((T + 1, n), dtype=np.int64)
    s = init.copy()
    for t in range(T):
        j = 0
        for i in range(n):
            states[t, i] = s[i]
            m = num_actions[i]
            u = u_out[t, i]
            a = 0
            while a < m - 1 and u >= out_cum[i, s[i], a]:
                a += 1
            if noise > 0.0 and m > 1 and u_noise[t, i] < noise:
                b = int(u_alt[t, i] * (m - 1))
                if b > m - 2:
                    b = m - 2
                if b >= a:
                    b += 1
                a = b
            actions[t, i] = a
            j += a * strides[i]
        for i in range(n):
            pay[t, i] = payoff_flat[i, j]
            s[i] = trans[i, s[i], others_idx[i, j]]
    for i in range(n):
        states[T, i] = s[i]
    return actions, pay, states


@njit(cache=True)
def _joint_step(s, det, trans, others_idx, strides, out):
    n = s.shape[0]
    j = 0
    for i in range(n):
        j += det[i, s[i]] * strides[i]
    for i in range(n):
        out[i] = trans[i, s[i], others_idx[i, j]]


@njit(cache=True)
def _same(a, b):
    for i in range(a.shape[0]):
        if a[i] != b[i]:
            return False
    return True


@njit(cache=True)
def _find_cycle(det, trans, others_idx, strides, init, max_steps):
    """Brent's cycle detection (Brent 1980, "An improved Monte Carlo factorization
    algorithm", *BIT* 20) on the deterministic joint-state map.  Returns ``(mu, lam)``, the
    index where the cycle starts and its length, or ``(-1, -1)`` past ``max_steps``."""
    n = init.shape[0]
    tort = init.copy()
    hare = np.empty(n, dtype=np.int64)
    tmp = np.empty(n, dtype=np.int64)
    _joint_step(init, det, trans, others_idx, strides, hare)
    power = 1
    lam = 1
    steps = 1
    while not _same(tort, hare):
        if power == lam:
            tort[:] = hare
            power *= 2
            lam = 0
        _joint_step(hare, det, trans, others_idx, strides, tmp)
        hare[:] = tmp
        lam += 1
        steps += 1
        if steps > max_steps:
            return -1, -1
    tort[:] = init
    hare[:] = init
    for _ in range(lam):
        _joint_step(hare, det, trans, others_idx, strides, tmp)
        hare[:] = tmp
    mu = 0
    while not _same(tort, hare):
        _joint_step(tort, det, trans, others_idx, strides, tmp)
        tort[:] = tmp
        _joint_step(hare, det, trans, others_idx, strides, tmp)
        hare[:] = tmp
        mu += 1
    return mu, lam


# ============================================================================ matches
@dataclass(frozen=True)
class _Packed:
    out_cum: np.ndarray
    det: np.ndarray
    trans: np.ndarray
    others_idx: np.ndarray
    strides: np.ndarray
    num_actions: np.ndarray
    payoff_flat: np.ndarray
    init: np.ndarray
    deterministic: bool


def _game_arrays(game: NormalFormGame):
    acts = game.num_actions
    n = game.num_players
    J = int(np.prod(acts, dtype=np.int64))
    idx = np.array(np.unravel_index(np.arange(J), acts))      # (n, J)
    others_idx = np.zeros((n, J), dtype=np.int64)
    for i in range(n):
        rest = [j for j in range(n) if j != i]
        if rest:
            others_idx[i] = np.ravel_multi_index(tuple(idx[rest]), tuple(acts[j] for j in rest))
    strides = np.array([int(np.prod(acts[i + 1:], dtype=np.int64)) for i in range(n)],
                       dtype=np.int64)
    payoff_flat = np.ascontiguousarray(
        np.asarray(game.payoff_array, dtype=np.float64).reshape(n, J))
    return others_idx, strides, np.array(acts, dtype=np.int64), payoff_flat


def _pack(game: NormalFormGame, automata: Sequence[Automaton], cache=None) -> _Packed:
    n = game.num_players
    if cache is None:
        cache = _game_arrays(game)
    others_idx, strides, num_actions, payoff_flat = cache
    S = max(a.num_states for a in automata)
    M = int(num_actions.max())
    K = max(a.num_inputs for a in automata)
    out_cum = np.ones((n, S, M))
    det = np.zeros((n, S), dtype=np.int64)
    trans = np.zeros((n, S, K), dtype=np.int64)
    for i, a in enumerate(automata):
        cum = np.cumsum(a.outputs, axis=1)
        cum[:, -1] = 1.0
        out_cum[i, :a.num_states, :a.num_actions] = cum
        det[i, :a.num_states] = np.maximum(a._det, 0)
        trans[i, :a.num_states, :a.num_inputs] = a.transitions
    init = np.array([a.initial for a in automata], dtype=np.int64)
    return _Packed(out_cum, det, trans, others_idx, strides, num_actions, payoff_flat, init,
                   all(a.is_deterministic for a in automata))


def _run(p: _Packed, T: int, gen, noise: float):
    n = p.init.shape[0]
    stochastic = not p.deterministic
    u_out = gen.random((T, n)) if stochastic else np.zeros((T, n))
    if noise > 0.0:
        u_noise, u_alt = gen.random((T, n)), gen.random((T, n))
    else:
        u_noise = u_alt = np.zeros((1, 1))
    return _simulate(p.out_cum, p.trans, p.others_idx, p.strides, p.num_actions,
                     p.payoff_flat, p.init, T, u_out, u_noise, u_alt, float(noise))


def _check_discount(discount):
    if discount is None:
        return None
    if not isinstance(discount, Real) or not 0.0 <= float(discount) < 1.0:
        raise InvalidOptionError(f"discount must be in [0, 1), got {discount!r}")
    return float(discount)


def _check_rounds(rounds):
    if rounds is None:
        return None
    if not _is_int(rounds) or int(rounds) < 1:
        raise InvalidOptionError(f"rounds must be a positive integer, got {rounds!r}")
    return int(rounds)


def _check_noise(noise):
    if not isinstance(noise, Real) or not 0.0 <= float(noise) <= 1.0:
        raise InvalidOptionError(f"noise must be a probability, got {noise!r}")
    return float(noise)


def _discounted_finite(pay: np.ndarray, delta: float) -> np.ndarray:
    w = delta ** np.arange(pay.shape[0], dtype=np.float64)
    return (1.0 - delta) * (w @ pay)


def _discounted_cycle(pay: np.ndarray, mu: int, lam: int, delta: float) -> np.ndarray:
    head = _discounted_finite(pay[:mu], delta) if mu else np.zeros(pay.shape[1])
    cyc = _discounted_finite(pay[mu:mu + lam], delta)
    return head + delta ** mu * cyc / (1.0 - delta ** lam)


@dataclass(frozen=True)
class RepeatedPlayResult:
    """What :func:`play` returns.

    Attributes
    ----------
    actions : ndarray of int, shape ``(T, n)``
        Joint action of each round.  For an infinite horizon, the rounds up to the end of
        the first cycle (``T = cycle_start + cycle_length``); the last ``cycle_length``
        rounds then repeat forever.
    payoffs : ndarray, shape ``(T, n)``
        Stage payoffs of each recorded round.
    states : ndarray of int, shape ``(T, n)``
        State of each automaton at the start of each round.
    total : ndarray of shape ``(n,)`` or None
        Sum of the payoffs over the ``rounds`` rounds (``None`` for an infinite horizon).
    average : ndarray of shape ``(n,)``
        Mean payoff per round; for an infinite horizon the limit of the means (the mean
        over the cycle).
    discounted : ndarray of shape ``(n,)`` or None
        Normalised discounted payoff ``(1 - delta) sum_t delta^t u_t`` (``t`` from 0) when a
        discount was given: over the ``rounds`` rounds, or exactly over the infinite play.
        A constant stream ``u`` is worth ``u`` over an infinite horizon.
    rounds : int or None
        The horizon; ``None`` for the infinite horizon.
    discount : float or None
    cycle_start, cycle_length : int or None
        For deterministic play (deterministic automata, no noise): the round where the
        joint automaton state first repeats and the period after which play repeats
        forever; ``None`` when no repetition occurred within the played rounds or play
        is random.
    deterministic : bool
    strategies : tuple of str
        The automata's names.
    action_labels : tuple of tuple of str
        The stage game's action labels, for :attr:`history`.
    noise : float
    elapsed : float
        Seconds taken.
    """

    actions: np.ndarray
    payoffs: np.ndarray
    states: np.ndarray
    total: np.ndarray | None
    average: np.ndarray
    discounted: np.ndarray | None
    rounds: int | None
    discount: float | None
    cycle_start: int | None
    cycle_length: int | None
    deterministic: bool
    strategies: tuple
    action_labels: tuple = field(repr=False)
    noise: float = 0.0
    elapsed: float = 0.0

    @property
    def history(self) -> list[tuple[str, ...]]:
        """The recorded joint actions as tuples of action labels."""
        return [tuple(self.action_labels[i][a] for i, a in enumerate(row))
                for row in self.actions.tolist()]

    def to_dict(self) -> dict:
        """JSON-ready summary (nested lists)."""
        arr = lambda x: None if x is None else np.asarray(x).tolist()  # noqa: E731
        return {"strategies": list(self.strategies), "rounds": self.rounds,
                "discount": self.discount, "noise": self.noise,
                "actions": self.actions.tolist(), "payoffs": self.payoffs.tolist(),
                "total": arr(self.total), "average": arr(self.average),
                "discounted": arr(self.discounted), "cycle_start": self.cycle_start,
                "cycle_length": self.cycle_length, "deterministic": self.deterministic,
                "elapsed": self.elapsed}


def _frozen(a, dtype=np.float64):
    x = np.array(a, dtype=dtype)
    x.setflags(write=False)
    return x


def _play_packed(p: _Packed, *, rounds, discount, gen, noise, max_cycle_rounds):
    """Core of :func:`play` on packed automata: returns the pieces of a result."""
    deterministic = p.deterministic and noise == 0.0
    if rounds is None:
        if not deterministic:
            raise InvalidOptionError("an infinite horizon (rounds=None) needs deterministic "
                                     "automata and no noise; give a number of rounds")
        mu, lam = _find_cycle(p.det, p.trans, p.others_idx, p.strides, p.init,
                              int(max_cycle_rounds))
        if mu < 0:
            raise InvalidOptionError(f"no cycle of the joint automaton state within "
                                     f"{max_cycle_rounds} rounds; raise max_cycle_rounds "
                                     "or give a number of rounds")
        actions, pay, states = _run(p, int(mu + lam), gen, 0.0)
        return (actions, pay, states[:-1], None, pay[mu:].mean(axis=0),
                _discounted_cycle(pay, int(mu), int(lam), discount), int(mu), int(lam),
                deterministic)
    actions, pay, states = _run(p, rounds, gen, noise)
    start = length = None
    if deterministic:
        # Brent's search takes at most about 5 (mu + lam) steps; a cycle that closes
        # within the played rounds (mu + lam <= rounds) is always found under this cap
        mu, lam = _find_cycle(p.det, p.trans, p.others_idx, p.strides, p.init,
                              5 * (rounds + 2))
        if 0 <= mu and mu + lam <= rounds:
            start, length = int(mu), int(lam)
    disc = None if discount is None else _discounted_finite(pay, discount)
    return (actions, pay, states[:-1], pay.sum(axis=0), pay.mean(axis=0), disc, start,
            length, deterministic)


def play(stage_game: NormalFormGame, strategies, *, rounds: int | None = None,
         discount: float | None = None, noise: float = 0.0, rng=None,
         max_cycle_rounds: int = DEFAULT_MAX_CYCLE_ROUNDS) -> RepeatedPlayResult:
    """Play the repeated game between automata.

    Parameters
    ----------
    stage_game : NormalFormGame
        The stage game, any number of players.
    strategies : sequence of Automaton or str
        One automaton per player (in player order); a name from :data:`STRATEGIES` is
        built for that player with action 0 as ``cooperate``.
    rounds : int, optional
        Number of rounds.  Without it a ``discount`` is required and the infinite play is
        evaluated exactly (deterministic automata only): the joint automaton state lives
        in a finite set, so play becomes periodic; the start ``mu`` and period ``lam`` of
        the cycle are found with Brent's algorithm and the normalised discounted payoff is
        ``(1 - delta) (sum_{t < mu} delta^t u_t + delta^mu / (1 - delta^lam)
        sum_{k < lam} delta^k u_{mu + k})``.
    discount : float in [0, 1), optional
        Discount factor ``delta`` for :attr:`RepeatedPlayResult.discounted`.
    noise : float
        Probability that each player's action is replaced by a uniformly drawn *other*
        action (trembling hand; the automata observe the actions actually played).
    rng : None, int or numpy.random.Generator
        Draws of stochastic automata and noise.
    max_cycle_rounds : int
        Iteration cap of the cycle search for an infinite horizon.

    Returns
    -------
    RepeatedPlayResult

    Raises
    ------
    InvalidProfileError
        Wrong number of strategies, or an automaton whose actions or inputs do not fit its
        player.
    InvalidOptionError
        Neither ``rounds`` nor ``discount``, bad values, or an infinite horizon with
        stochastic automata or noise.
    UnknownNameError
        An unknown strategy name.

    Examples
    --------
    Tit for tat meets win-stay, lose-shift: both cooperate forever, and the infinite
    discounted payoff is the reward ``R = 3``.

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> r = play(pd, ["tit_for_tat", "win_stay_lose_shift"], discount=0.9)
    >>> r.discounted.tolist(), r.cycle_start, r.cycle_length, r.rounds
    ([3.0, 3.0], 0, 1, None)
    """
    t0 = time.perf_counter()
    if not isinstance(stage_game, NormalFormGame):
        raise UnsupportedGameError(f"the stage game must be a NormalFormGame, not "
                                   f"{type(stage_game).__name__}")
    rounds = _check_rounds(rounds)
    discount = _check_discount(discount)
    noise = _check_noise(noise)
    if rounds is None and discount is None:
        raise InvalidOptionError("give a number of rounds, a discount factor, or both")
    if not _is_int(max_cycle_rounds) or max_cycle_rounds < 1:
        raise InvalidOptionError("max_cycle_rounds must be a positive integer")
    if not isinstance(strategies, (str, Automaton)):
        try:
            strategies = list(strategies)
        except TypeError:
            raise InvalidProfileError("strategies must be a sequence, one per player") \
                from None
    if isinstance(strategies, (str, Automaton)) or len(strategies) != stage_game.num_players:
        raise InvalidProfileError(f"play needs one strategy per player "
                                  f"({stage_game.num_players})")
    automata = [_resolve(s, stage_game, i) for i, s in enumerate(strategies)]
    gen = as_generator(rng)
    packed = _pack(stage_game, automata)
    (actions, pay, states, total, avg, disc, start, length,
     deterministic) = _play_packed(packed, rounds=rounds, discount=discount, gen=gen,
                                   noise=noise, max_cycle_rounds=max_cycle_rounds)
    return RepeatedPlayResult(
        _frozen(actions, np.int64), _frozen(pay), _frozen(states, np.int64),
        None if total is None else _frozen(total), _frozen(avg),
        None if disc is None else _frozen(disc), rounds, discount, start, length,
        deterministic, tuple(a.name for a in automata), stage_game.actions, noise,
        time.perf_counter() - t0)


# ============================================================================ tournaments
@dataclass(frozen=True)
class TournamentResult:
    """What :func:`tournament` returns.

    Attributes
    ----------
    labels : tuple of str
        Strategy names, in the order given.
    scores : ndarray of shape ``(k, k)``
        ``scores[i, j]``: mean score of strategy ``i`` (as the row player) against
        strategy ``j``, over the repetitions; the score of a match is the total payoff
        over the rounds, or the normalised discounted payoff when a discount was given.
        Self-play entries average the two seats; they are NaN when
        ``include_self=False``.
    mean_scores : ndarray of shape ``(k,)``
        Each strategy's mean over its row (NaN entries left out).
    ranking : tuple of str
        Labels by decreasing mean score (ties keep the given order).
    rounds : int or None
    discount : float or None
    repetitions : int
    noise : float
    metric : str
        ``"total"`` or ``"discounted"``.
    elapsed : float
    """

    labels: tuple
    scores: np.ndarray
    mean_scores: np.ndarray
    ranking: tuple
    rounds: int | None
    discount: float | None
    repetitions: int
    noise: float
    metric: str
    elapsed: float

    def score(self, row: str, column: str) -> float:
        """``scores`` entry by labels."""
        try:
            return float(self.scores[self.labels.index(row), self.labels.index(column)])
        except ValueError:
            raise UnknownNameError(f"unknown strategy; labels are {list(self.labels)}") \
                from None

    def to_dict(self) -> dict:
        """JSON-ready summary (NaN as None)."""
        sc = [[None if math.isnan(x) else float(x) for x in row] for row in self.scores]
        return {"labels": list(self.labels), "scores": sc,
                "mean_scores": self.mean_scores.tolist(), "ranking": list(self.ranking),
                "rounds": self.rounds, "discount": self.discount,
                "repetitions": self.repetitions, "noise": self.noise,
                "metric": self.metric, "elapsed": self.elapsed}


def tournament(stage_game: NormalFormGame, strategies, *, rounds: int | None = None,
               discount: float | None = None, repetitions: int = 1,
               include_self: bool = True, noise: float = 0.0, rng=None,
               max_cycle_rounds: int = DEFAULT_MAX_CYCLE_ROUNDS) -> TournamentResult:
    """Round-robin tournament of automata in a symmetric 2-player stage game, in the
    manner of Axelrod's computer tournaments (Axelrod 1980, "Effective choice in the
    prisoner's dilemma", *J. Conflict Resolut.* 24; Axelrod 1984).

    Every pair of strategies plays a match of ``rounds`` rounds (or the infinite
    discounted game when ``rounds`` is None), ``repetitions`` times; matches between
    deterministic automata without noise are played once, as repeating them changes
    nothing.  Strategy ``i`` sits in the row seat against ``j``; in a symmetric game the
    seats are equivalent.

    Parameters
    ----------
    stage_game : NormalFormGame
        A symmetric 2-player game.
    strategies : mapping name -> Automaton or str, or sequence of them
        The entrants (names from :data:`STRATEGIES` are built with action 0 as
        ``cooperate``).  A sequence is labelled by the automata's names.
    rounds, discount, noise, rng, max_cycle_rounds
        As in :func:`play`.
    repetitions : int
        Matches per pair (for stochastic strategies or noise).
    include_self : bool
        Whether each strategy also meets a copy of itself.

    Returns
    -------
    TournamentResult

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> res = tournament(pd, ["tit_for_tat", "always_defect", "always_cooperate"],
    ...                  rounds=5)
    >>> res.scores.tolist()
    [[15.0, 4.0, 15.0], [9.0, 5.0, 25.0], [15.0, 0.0, 15.0]]
    >>> res.ranking
    ('always_defect', 'tit_for_tat', 'always_cooperate')
    """
    t0 = time.perf_counter()
    if not isinstance(stage_game, NormalFormGame) or stage_game.num_players != 2:
        raise UnsupportedGameError("a round-robin tournament needs a 2-player stage game")
    if not stage_game.is_symmetric:
        raise UnsupportedGameError("a round-robin tournament needs a symmetric stage game "
                                   "(both seats equivalent)")
    rounds = _check_rounds(rounds)
    discount = _check_discount(discount)
    noise = _check_noise(noise)
    if rounds is None and discount is None:
        raise InvalidOptionError("give a number of rounds, a discount factor, or both")
    if not _is_int(repetitions) or repetitions < 1:
        raise InvalidOptionError(f"repetitions must be a positive integer, got "
                                 f"{repetitions!r}")
    if isinstance(strategies, Mapping):
        items = list(strategies.items())
    elif isinstance(strategies, (str, Automaton)):
        raise InvalidProfileError("strategies must be a mapping or a sequence of strategies")
    else:
        items = [(s if isinstance(s, str) else s.name, s) for s in strategies]
    if len(items) < 1:
        raise InvalidProfileError("a tournament needs at least one strategy")
    labels = tuple(str(k) for k, _ in items)
    if len(set(labels)) != len(labels):
        raise InvalidProfileError(f"strategy labels must be distinct: {list(labels)}")
    seats = [[_resolve(s, stage_game, seat) for _, s in items] for seat in (0, 1)]
    gen = as_generator(rng)
    cache = _game_arrays(stage_game)
    k = len(items)
    scores = np.full((k, k), np.nan)
    metric = "total" if discount is None else "discounted"

    def match(a, b):
        p = _pack(stage_game, [a, b], cache)
        reps = 1 if (p.deterministic and noise == 0.0) else int(repetitions)
        acc = np.zeros(2)
        for _ in range(reps):
            out = _play_packed(p, rounds=rounds, discount=discount, gen=gen, noise=noise,
                               max_cycle_rounds=max_cycle_rounds)
            acc += out[3] if metric == "total" else out[5]
        return acc / reps

    for i in range(k):
        for j in range(i, k):
            if i == j and not include_self:
                continue
            s = match(seats[0][i], seats[1][j])
            if i == j:
                scores[i, i] = s.mean()
            else:
                scores[i, j], scores[j, i] = s[0], s[1]
    with np.errstate(invalid="ignore"):
        counts = np.sum(~np.isnan(scores), axis=1)
        mean = np.where(counts > 0, np.nansum(scores, axis=1) / np.maximum(counts, 1),
                        np.nan)
    order = sorted(range(k), key=lambda r: (-mean[r] if not math.isnan(mean[r])
                                            else math.inf, r))
    logger.debug("tournament of %d strategies took %.3fs", k, time.perf_counter() - t0)
    return TournamentResult(labels, _frozen(scores), _frozen(mean),
                            tuple(labels[r] for r in order), rounds, discount,
                            int(repetitions), noise, metric, time.perf_counter() - t0)


# ============================================================================ grim trigger
def _profile(game: NormalFormGame, actions, what: str) -> tuple[int, ...]:
    if isinstance(actions, (list, tuple)):
        return game.pure_profile(actions)
    try:
        return tuple(game.action_index(i, actions) for i in range(game.num_players))
    except InvalidProfileError as exc:
        raise InvalidProfileError(f"{what}: {exc}") from None


def _grim_parts(game: NormalFormGame, cooperate, defect):
    """Per player: R (cooperation payoff), T (best deviation payoff), P (punishment
    payoff); and whether the punishment profile is a Nash equilibrium of the stage game.
    Exact Fractions when the game has exact payoffs."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"the stage game must be a NormalFormGame, not "
                                   f"{type(game).__name__}")
    c = _profile(game, cooperate, "cooperate")
    d = _profile(game, defect, "defect")
    P_arr = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    parts = []
    punish_nash = True
    for i in range(game.num_players):
        U = P_arr[i]
        dev_c = [U[c[:i] + (a,) + c[i + 1:]] for a in range(game.num_actions[i])]
        dev_d = [U[d[:i] + (a,) + d[i + 1:]] for a in range(game.num_actions[i])]
        R, T, P = U[c], max(dev_c), U[d]
        if max(dev_d) > P:
            punish_nash = False
        parts.append((R, T, P))
    return parts, punish_nash


def grim_trigger_threshold(stage_game: NormalFormGame, cooperate=0, defect=1) -> float:
    """Smallest discount factor from which grim trigger sustains cooperation as a
    subgame-perfect equilibrium (Friedman 1971).

    Grim trigger: every player plays the ``cooperate`` profile until someone deviates,
    then the ``defect`` profile forever.  By the one-shot deviation principle it is
    subgame perfect for ``delta`` exactly when (a) ``defect`` is a Nash equilibrium of
    the stage game (otherwise the punishment itself is not credible) and (b) for every
    player ``i``, ``R_i >= (1 - delta) T_i + delta P_i``, where ``R_i`` is ``i``'s payoff
    at ``cooperate``, ``T_i`` her best payoff from a unilateral deviation from it and
    ``P_i`` her payoff at ``defect``.  Condition (b) reads
    ``delta >= (T_i - R_i) / (T_i - P_i)`` when ``T_i > P_i``; in the prisoner's dilemma
    that is ``delta >= (T - R) / (T - P)``.

    Parameters
    ----------
    stage_game : NormalFormGame
    cooperate, defect : int, str or sequence
        The cooperative and the punishment profiles: one action (index or label) used by
        every player, or a pure profile.

    Returns
    -------
    float
        ``delta*`` such that grim trigger is subgame perfect for every ``delta`` in
        ``[delta*, 1)``; ``0.0`` when ``cooperate`` is itself a stage equilibrium that
        no punishment is needed for; ``math.inf`` when no ``delta < 1`` works (the
        punishment is not a stage equilibrium, or some player prefers the punishment
        to cooperation).  Computed exactly for games with integer or fractional payoffs.

    Examples
    --------
    >>> from gametheory.games import catalog
    >>> grim_trigger_threshold(catalog.get("prisoners-dilemma"))   # (5 - 3) / (5 - 1)
    0.5
    >>> grim_trigger_threshold(catalog.get("prisoners-dilemma", T=7, R=4, P=1, S=0))
    0.5
    """
    parts, punish_nash = _grim_parts(stage_game, cooperate, defect)
    if not punish_nash:
        return math.inf
    threshold = Fraction(0) if all(isinstance(x, Fraction) for p in parts for x in p) else 0.0
    for R, T, P in parts:
        if T == R:
            if P > R:   # deviating costs nothing now and the punishment is better
                return math.inf
            continue
        if T <= P:      # T > R and P >= T: the punishment is no threat
            return math.inf
        need = (T - R) / (T - P)
        if need >= 1:
            return math.inf
        threshold = max(threshold, need)
    return float(threshold)


def is_subgame_perfect_grim(stage_game: NormalFormGame, discount: float, cooperate=0,
                            defect=1) -> bool:
    """Whether grim trigger (see :func:`grim_trigger_threshold`) is a subgame-perfect
    equilibrium of the repeated game with discount factor ``discount``.

    >>> from gametheory.games import catalog
    >>> pd = catalog.get("prisoners-dilemma")
    >>> is_subgame_perfect_grim(pd, 0.6), is_subgame_perfect_grim(pd, 0.4)
    (True, False)
    """
    delta = _check_discount(discount)
    if delta is None:
        raise InvalidOptionError("discount is required")
    parts, punish_nash = _grim_parts(stage_game, cooperate, defect)
    if not punish_nash:
        return False
    d = Fraction(delta) if all(isinstance(x, Fraction) for p in parts for x in p) else delta
    return all(R >= (1 - d) * T + d * P for R, T, P in parts)
