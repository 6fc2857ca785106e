"""Tests of gametheory.games.io: Gambit .nfg and JSON game files.

The .nfg facts checked here (profile order with player 1 varying fastest, outcome index 0
as the null outcome, ``\\"`` inside strings) are those of Gambit's documentation of the
strategic-game file format.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import GameFormatError, NormalFormGame, UnknownNameError
from gametheory._errors import UnsupportedGameError
from gametheory.games import catalog
from gametheory.games import io

# --------------------------------------------------------------------------- payoff variant
# A 3x2 game written by hand.  Profiles in file order (player 1 fastest):
#   (1,1): 1 1   (2,1): 0 2   (3,1): 0 2   (1,2): 1 1   (2,2): 0 3   (3,2): 2 0
PAYOFF_VARIANT = """\
NFG 1 R "Hand-written 3x2" { "Row" "Column" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""


def test_payoff_variant_values_and_order():
    g = io.parse_nfg(PAYOFF_VARIANT)
    assert g.title == "Hand-written 3x2"
    assert g.players == ("Row", "Column")
    assert g.num_actions == (3, 2)
    assert g.actions == (("1", "2", "3"), ("1", "2"))
    # player 2's payoff when the row player plays row 2 and the column player column 1
    assert g.payoffs[1][1, 0] == 2
    assert g.payoffs[0][1, 0] == 0
    # player 1 varies fastest: the 4th profile listed is (row 1, column 2), the 6th (3, 2)
    assert g.payoff((0, 1)).tolist() == [1, 1]
    assert g.payoff((2, 1)).tolist() == [2, 0]
    assert g.payoffs[1][1, 1] == 3
    assert g.payoffs[0].tolist() == [[1, 1], [0, 0], [0, 2]]
    assert g.payoffs[1].tolist() == [[1, 1], [2, 3], [2, 0]]
    assert g.description == ""


def test_payoff_variant_with_label_block_and_comment():
    text = """NFG 1 D "PD" { "Ann" "Bob" }
{ { "C" "D" } { "c" "d" } }
"a comment
over two lines"
3 3  5 0
0 5  1 1
"""
    g = io.parse_nfg(text)
    assert g.actions == (("C", "D"), ("c", "d"))
    assert g.description == "a comment\nover two lines"
    assert g.payoff(("D", "c")).tolist() == [5, 0]
    assert g.payoff(("C", "d")).tolist() == [0, 5]


def test_three_player_ordering():
    shape = (2, 3, 2)
    # payoff of player i at (a, b, c) is 1000 i + 100 a + 10 b + c, listed player 1 fastest
    numbers = []
    for c in range(shape[2]):
        for b in range(shape[1]):
            for a in range(shape[0]):
                numbers += [1000 * i + 100 * a + 10 * b + c for i in range(3)]
    text = 'NFG 1 R "3p" { "A" "B" "C" } { 2 3 2 }\n' + " ".join(map(str, numbers))
    g = io.parse_nfg(text)
    assert g.num_actions == shape
    for a, b, c in np.ndindex(*shape):
        for i in range(3):
            assert g.payoffs[i][a, b, c] == 1000 * i + 100 * a + 10 * b + c
    # hand check: second number group in the file is profile (2, 1, 1)
    assert g.payoff((1, 0, 0)).tolist() == [100, 1100, 2100]


# --------------------------------------------------------------------------- outcome variant
OUTCOME_VARIANT = """\
NFG 1 R "Outcome demo" { "Player 1" "Player 2" }

{ { "T" "B" }
{ "L" "M" "R" }
}
"with a null outcome"

{
{ "first" 1, -1 }
{ "second" 3 4 }
{ "" 1/2, .5 }
}
1 0 2 3 0 1
"""


def test_outcome_variant_with_null_outcome():
    g = io.parse_nfg(OUTCOME_VARIANT)
    assert g.actions == (("T", "B"), ("L", "M", "R"))
    assert g.description == "with a null outcome"
    # profiles: (T,L)=1 (B,L)=0 (T,M)=2 (B,M)=3 (T,R)=0 (B,R)=1
    assert g.payoff(("T", "L")).tolist() == [1, -1]
    assert g.payoff(("B", "L")).tolist() == [0, 0]
    assert g.payoff(("T", "M")).tolist() == [3, 4]
    assert g.payoff(("B", "M")).tolist() == [0.5, 0.5]
    assert g.payoff(("T", "R")).tolist() == [0, 0]
    assert g.payoff(("B", "R")).tolist() == [1, -1]
    assert g.exact_payoffs[0][1, 1] == Fraction(1, 2)


def test_outcome_variant_with_counts_and_trailing_comma():
    g = io.parse_nfg('NFG 1 R "" { "a" "b" } { 1 2 } { { "o" 7, 8, } } 1 1')
    assert g.payoffs[0].tolist() == [[7, 7]]
    assert g.payoffs[1].tolist() == [[8, 8]]


# --------------------------------------------------------------------------- numbers, strings
def test_rationals_are_exact():
    g = io.parse_nfg('NFG 1 R "" { "1" "2" } { 1 2 } 3/4 -1/3 +2 -7/14')
    assert g.exact_payoffs is not None
    assert g.exact_payoffs[0][0, 0] == Fraction(3, 4)
    assert g.exact_payoffs[1][0, 0] == Fraction(-1, 3)
    assert g.exact_payoffs[0][0, 1] == 2
    assert g.exact_payoffs[1][0, 1] == Fraction(-1, 2)
    assert g.payoffs[0][0, 0] == 0.75


@pytest.mark.parametrize("text, value", [
    pytest.param(".5", Fraction(1, 2), id="leading-dot"),
    pytest.param("1.25", Fraction(5, 4), id="decimal"),
    pytest.param("1e3", Fraction(1000), id="exponent"),
    pytest.param("1.5e-2", Fraction(3, 200), id="negative-exponent"),
    pytest.param("-2.", Fraction(-2), id="trailing-dot"),
    pytest.param("0.1", Fraction(1, 10), id="exact-tenth"),
    pytest.param("-0", Fraction(0), id="minus-zero"),
    pytest.param("+1E+2", Fraction(100), id="signs"),
])
def test_decimals_are_exact(text, value):
    g = io.parse_nfg(f'NFG 1 R "" {{ "p" }} {{ 1 }} {text}')
    assert g.exact_payoffs[0][0] == value
    assert g.payoffs[0][0] == float(value)


def test_escaped_quotes_and_backslashes_in_labels():
    text = r'''NFG 1 R "say \"hi\"" { "P \"one\"" "back\\slash" "C:\path" }
{ { "a\"" "b" } { "x" } { "y" } }
1 2 3 4 5 6
'''
    g = io.parse_nfg(text)
    assert g.title == 'say "hi"'
    assert g.players == ('P "one"', "back\\slash", "C:\\path")
    assert g.actions[0] == ('a"', "b")
    assert g.payoff((1, 0, 0)).tolist() == [4, 5, 6]


def test_hash_comments_are_an_extension():
    text = """# a game with comments
NFG 1 R "#not a comment" { "A" "B" }  # players
{ 2 1 }   # counts
1 2 # first profile
3 4
# done
"""
    g = io.parse_nfg(text)
    assert g.title == "#not a comment"
    assert g.payoffs[0].tolist() == [[1], [3]]
    assert g.payoffs[1].tolist() == [[2], [4]]


def test_gambit_selten_file_layout():
    # the layout Gambit's documentation shows for the payoff variant
    text = ('NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" } '
            '{ 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n')
    assert io.parse_nfg(text) == io.parse_nfg(PAYOFF_VARIANT).with_labels(
        players=["Player 1", "Player 2"])


# --------------------------------------------------------------------------- bundled examples
def test_bundled_prisoners_dilemma():
    g = io.read_game(io.example_path("prisoners_dilemma.nfg"))
    assert g == catalog.get("prisoners-dilemma")
    assert g.title == "Prisoner's dilemma"
    assert "Axelrod" in g.description
    assert g.payoff(("D", "C")).tolist() == [5, 0]


def test_bundled_battle_of_the_sexes_outcome_variant():
    path = io.example_path("bos_outcome.nfg")
    assert "{ \"Opera together\"" in open(path, encoding="utf-8").read()
    g = io.read_nfg(path)
    assert g == catalog.get("battle-of-the-sexes")
    assert g.title == "Battle of the sexes"
    assert g.payoff(("Opera", "Football")).tolist() == [0, 0]  # null outcome
    assert "null outcome" in g.description


def test_bundled_three_player():
    g = io.read_game(io.example_path("three_player"))
    ref = catalog.get("three-player-matching-pennies")
    assert g.num_players == 3 and g.players == ref.players
    assert np.array_equal(g.payoff_array, ref.payoff_array)
    assert g.actions == (("1", "2"),) * 3


def test_bundled_chicken_json():
    path = io.example_path("chicken.json")
    g = io.read_json(path)
    assert g == catalog.get("chicken")
    assert g.title == "Chicken"
    assert g.payoff(("C", "D")).tolist() == [2, 7]
    assert g.exact_payoffs is not None


def test_example_path_unknown():
    with pytest.raises(UnknownNameError, match="chicken.json"):
        io.example_path("no-such-game.nfg")


# --------------------------------------------------------------------------- round trips
def _assert_same(a: NormalFormGame, b: NormalFormGame):
    assert a == b
    assert a.title == b.title
    assert a.description == b.description
    if a.exact_payoffs is not None:
        assert b.exact_payoffs is not None
        for x, y in zip(a.exact_payoffs, b.exact_payoffs):
            assert x.tolist() == y.tolist()


@pytest.mark.parametrize("name", catalog.names("normal-form"))
@pytest.mark.parametrize("variant", io.NFG_VARIANTS)
def test_catalog_round_trip_nfg(name, variant):
    g = catalog.get(name)
    _assert_same(g, io.parse_nfg(io.format_nfg(g, variant=variant)))


@pytest.mark.parametrize("name", catalog.names("normal-form"))
def test_catalog_round_trip_json(name):
    g = catalog.get(name)
    text = io.dumps_json(g)
    assert json.loads(text)["type"] == "normal-form"
    _assert_same(g, io.loads_json(text))


def test_round_trip_files(tmp_path):
    g = catalog.get("rock-paper-scissors")
    for fname, variant in [("a.nfg", None), ("b.nfg", "outcome"), ("c.json", None)]:
        path = tmp_path / fname
        io.write_game(g, path, variant=variant)
        _assert_same(g, io.read_game(path))
        _assert_same(g, io.load_game(str(path)))


def test_writer_output_exact_and_float():
    g = NormalFormGame([[[Fraction(3, 4), -2]], [[Fraction(-1, 3), 0]]], title="x")
    text = io.format_nfg(g)
    assert text.startswith('NFG 1 R "x"')
    assert "3/4 -1/3" in text and "-2 0" in text
    h = NormalFormGame([[[0.1, 1e-30]], [[2.0, -1 / 3]]])
    text = io.format_nfg(h)
    assert text.startswith("NFG 1 D")
    assert "0.1 2" in text and "1e-30 -0.3333333333333333" in text
    _assert_same(h, io.parse_nfg(text))
    d = io.game_to_dict(g)
    assert d["payoffs"] == [[["3/4", -2]], [["-1/3", 0]]]


def test_format_nfg_rejects_bad_arguments():
    with pytest.raises(UnknownNameError, match="payoff, outcome"):
        io.format_nfg(catalog.get("chicken"), variant="table")
    with pytest.raises(UnsupportedGameError):
        io.format_nfg("not a game")
    with pytest.raises(UnsupportedGameError):
        io.game_to_dict(42)


# --------------------------------------------------------------------------- hypothesis
_LABEL_CHARS = st.sampled_from(list('ab Z"\\\'#{},\n\té'))
_labels = st.text(_LABEL_CHARS, max_size=6)


@st.composite
def small_games(draw):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)))
    kind = draw(st.sampled_from(["int", "float", "fraction"]))
    if kind == "int":
        numbers = st.integers(-10**6, 10**6)
    elif kind == "float":
        numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300,
                            max_value=1e300)
    else:
        numbers = st.fractions(max_denominator=1000).filter(lambda x: abs(x) < 10**6)
    size = n * int(np.prod(shape))
    flat = draw(st.lists(numbers, min_size=size, max_size=size))
    arr = np.empty((n,) + shape, dtype=object)
    arr.ravel()[:] = flat
    players = draw(st.lists(_labels, min_size=n, max_size=n, unique=True))
    actions = [draw(st.lists(_labels, min_size=m, max_size=m, unique=True)) for m in shape]
    return NormalFormGame(list(arr), players=players, actions=actions,
                          title=draw(_labels), description=draw(_labels))


@settings(max_examples=150, deadline=None)
@given(small_games())
def test_random_games_round_trip(g):
    for variant in io.NFG_VARIANTS:
        _assert_same(g, io.parse_nfg(io.format_nfg(g, variant=variant)))
    _assert_same(g, io.loads_json(io.dumps_json(g)))


# --------------------------------------------------------------------------- malformed input
HEAD = 'NFG 1 R "t" { "A" "B" }'

NFG_ERRORS = [
    pytest.param("", 1, "empty", id="empty-file"),
    pytest.param("  # only a comment\n\n", 3, "empty", id="only-comments"),
    pytest.param('NFG 1 R "t" { "A" "B"', 1, "found end of file", id="truncated"),
    pytest.param('NFX 1 R "t" { "A" }', 1, "expected 'NFG'", id="garbled-header"),
    pytest.param('NFG 2 R "t" { "A" }', 1, "version 1", id="bad-version"),
    pytest.param('NFG 1 Q "t" { "A" }', 1, "'R' or 'D'", id="bad-data-type"),
    pytest.param('NFG 1 R { "A" }', 1, "title", id="missing-title"),
    pytest.param('EFG 2 R "t" { "A" }', 1, "extensive-game", id="efg-file"),
    pytest.param('NFG 1 R "t" { "A" "B"\n{ 2 2 }\n1 1 1 1 1 1 1 1', 2, "'}' closing",
                 id="missing-brace-players"),
    pytest.param(HEAD + '\n{ { "a" "b" }\n{ "c" }\n1 2', 4, "'}' closing the strategy lists",
                 id="missing-brace-strategies"),
    pytest.param(HEAD + "\n{ 2 }\n1 2 3 4", 2, "number of strategies of player 2",
                 id="too-few-counts"),
    pytest.param('NFG 1 R "t" { }\n{ }', 1, "at least one player", id="no-players"),
    pytest.param(HEAD + "\n{ 2 0 }", 2, "zero strategies", id="zero-strategies"),
    pytest.param(HEAD + '\n{ { "a" } { } }\n1 2', 2, "at least one strategy",
                 id="empty-strategy-list"),
    pytest.param(HEAD + "\n{ 2 x }", 2, "positive integer", id="bad-count"),
    pytest.param('NFG 1 R "t" { "A" "A" } { 1 1 } 1 2', 1, "duplicate player",
                 id="duplicate-players"),
    pytest.param(HEAD + '\n{ { "a" "a" } { "c" } }\n1 2 3 4', 2, "duplicate strategy",
                 id="duplicate-strategies"),
    pytest.param(HEAD + "\n{ 2 2 }\n1 2\n3 4\n5", 5,
                 "expected a number (payoff of player 2 at profile (1, 2)), found end of file",
                 id="too-few-payoffs"),
    pytest.param(HEAD + "\n{ 2 2 }\n1 2\n3 x\n5 6 7 8", 4,
                 "expected a number (payoff of player 2 at profile (2, 1)), found 'x'",
                 id="bad-number"),
    pytest.param(HEAD + "\n{ 1 1 }\n1 1/0", 3, "divides by zero", id="zero-denominator"),
    pytest.param(HEAD + "\n{ 1 1 }\n1 1e400", 3, "too large", id="overflow"),
    pytest.param(HEAD + "\n{ 1 1 }\n1 1e99999999", 3, "exponent", id="huge-exponent"),
    pytest.param(HEAD + "\n{ 1 1 }\n1 NaN", 3, "expected a number", id="nan-payoff"),
    pytest.param(HEAD + "\n{ 1 1 }\n1\n{ 2 }", 4,
                 "expected a number (payoff of player 2 at profile (1, 1)), found '{'",
                 id="brace-instead-of-payoff"),
    pytest.param(HEAD + "\n{ 1 1 }\n1 2\n3", 4, "end of file after the 2 payoffs",
                 id="too-many-payoffs"),
    pytest.param(HEAD + '\n{ 1 1 }\n1 2 "junk"', 3, "end of file", id="trailing-junk"),
    pytest.param(HEAD + '\n{ 1 1 }\n"comment\nnever closed\n1 2', 3, "unterminated string",
                 id="unterminated-string"),
    pytest.param(HEAD + "\n{ 1 1 }", 2, "payoffs", id="no-payoffs"),
    pytest.param(HEAD + '\n{ 1 2 }\n{ { "o" 1 2 } }\n1 2', 4,
                 "outcome index 2 at profile (1, 2) is out of range",
                 id="outcome-out-of-range"),
    pytest.param(HEAD + '\n{ 1 2 }\n{ { "o" 1 2 } }\n1 -1', 4, "outcome index",
                 id="outcome-negative"),
    pytest.param(HEAD + '\n{ 1 2 }\n{ { "o" 1 2 } }\n1', 4, "outcome index",
                 id="too-few-outcome-indices"),
    pytest.param(HEAD + '\n{ 1 2 }\n{ { "o" 1 2 } }\n1 1 1', 4, "end of file after the 2",
                 id="too-many-outcome-indices"),
    pytest.param(HEAD + '\n{ 1 1 }\n{ { "o" 1 } }\n1', 3,
                 "payoff of player 2 in outcome 1), found '}'", id="short-outcome"),
    pytest.param(HEAD + '\n{ 1 1 }\n{ { "o" 1 2 3 } }\n1', 3, "'}' closing outcome 1",
                 id="long-outcome"),
    pytest.param(HEAD + '\n{ 1 1 }\n{ { "o" 1 2 }\n1', 4, "'{' opening an outcome",
                 id="outcome-list-unclosed"),
]


@pytest.mark.parametrize("text, line, fragment", NFG_ERRORS)
def test_malformed_nfg(text, line, fragment):
    with pytest.raises(GameFormatError) as info:
        io.parse_nfg(text, path="bad.nfg")
    err = info.value
    assert err.line == line, str(err)
    assert err.path == "bad.nfg"
    assert fragment in str(err)
    assert str(err).startswith(f"bad.nfg: line {line}: ")


JSON_ERRORS = [
    pytest.param('{"type": "normal-form",\n "payoffs": [[1, 2]', 2, "invalid JSON",
                 id="json-syntax"),
    pytest.param("", 1, "invalid JSON", id="json-empty"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, "NaN"]]}', None, "'payoffs'[0][1]",
                 id="nan-string"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, NaN]]}', None, "finite",
                 id="nan-literal"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, 1e999]]}', None, "finite",
                 id="infinity"),
    pytest.param('{"type": "normal-form", "payoffs": [[[1, 2], [3]], [[1, 2], [3, 4]]]}',
                 None, "'payoffs'[0][1]: has 1 entries, expected 2", id="ragged"),
    pytest.param('{"type": "normal-form", "payoffs": [[[1, 2]], [[1, 2], [3, 4]]]}',
                 None, "'payoffs'[1]", id="shapes-differ"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, 2]], "actions": [["a"]]}', None,
                 "'payoffs'[0]", id="actions-mismatch"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, 2]], "players": ["a", "b"]}', None,
                 "'players'", id="players-mismatch"),
    pytest.param('{"type": "extensive", "payoffs": [[1]]}', None, "unknown game type",
                 id="wrong-type"),
    pytest.param('{"payoffs": [[1]]}', None, "'type'", id="missing-type"),
    pytest.param('{"type": "normal-form"}', None, "'payoffs': missing", id="missing-payoffs"),
    pytest.param('[1, 2]', None, "JSON object", id="not-an-object"),
    pytest.param('{"type": "normal-form", "payoffs": [[true, 1]]}', None, "expected a number",
                 id="boolean-payoff"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, null]]}', None, "expected a number",
                 id="null-payoff"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, 2]], "titel": "x"}', None,
                 "unknown field", id="unknown-field"),
    pytest.param('{"type": "normal-form", "version": 2, "payoffs": [[1]]}', None, "'version'",
                 id="bad-version"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, 2]], "actions": [["a", "a"]]}',
                 None, "duplicate label", id="duplicate-actions"),
    pytest.param('{"type": "normal-form", "payoffs": [[1, 2]], "title": 3}', None, "'title'",
                 id="title-not-string"),
    pytest.param('{"type": "normal-form", "payoffs": []}', None, "'payoffs'",
                 id="no-players"),
    pytest.param('{"type": "normal-form", "payoffs": [[]]}', None, "'payoffs'[0]",
                 id="no-actions"),
    pytest.param('{"type": "stochastic", "title": "x"}', None, "", id="stochastic-missing"),
]


@pytest.mark.parametrize("text, line, fragment", JSON_ERRORS)
def test_malformed_json(text, line, fragment):
    with pytest.raises(GameFormatError) as info:
        io.loads_json(text, path="bad.json")
    err = info.value
    assert err.line == line, str(err)
    assert err.path == "bad.json"
    assert fragment in str(err)


def test_json_strings_are_exact():
    g = io.loads_json('{"type": "normal-form", "players": ["x"], "actions": [["a", "b"]],'
                      ' "payoffs": [["3/4", "0.1"]]}')
    assert g.exact_payoffs[0].tolist() == [Fraction(3, 4), Fraction(1, 10)]
    assert g.players == ("x",)


def test_json_floats_give_float_game():
    g = io.loads_json('{"type": "normal-form", "payoffs": [[0.5, 2]]}')
    assert g.exact_payoffs is None
    assert g.payoffs[0].tolist() == [0.5, 2.0]
    assert g.actions == (("1", "2"),)


# --------------------------------------------------------------------------- stochastic games
def test_stochastic_games_are_delegated():
    names = catalog.names("stochastic")
    if not names:
        pytest.skip("no stochastic game in the catalog")
    for name in names:
        g = catalog.get(name)
        text = io.dumps_json(g)
        assert json.loads(text)["type"] in ("stochastic", "posg")
        assert io.loads_json(text) == g
    with pytest.raises(UnsupportedGameError):
        io.format_nfg(catalog.get(names[0]))


# --------------------------------------------------------------------------- files and specs
def test_read_game_errors(tmp_path):
    with pytest.raises(GameFormatError, match="supported: .nfg, .json") as info:
        io.read_game(tmp_path / "game.txt")
    assert info.value.path == str(tmp_path / "game.txt")
    with pytest.raises(GameFormatError, match="cannot read file") as info:
        io.read_game(tmp_path / "missing.nfg")
    assert info.value.path == str(tmp_path / "missing.nfg")
    bad = tmp_path / "bad.nfg"
    bad.write_text(HEAD + "\n{ 1 1 }\n1 x\n", encoding="utf-8")
    with pytest.raises(GameFormatError) as info:
        io.read_game(bad)
    assert info.value.line == 3 and info.value.path == str(bad)
    assert str(info.value).startswith(f"{bad}: line 3: expected a number")
    with pytest.raises(GameFormatError, match="cannot write file"):
        io.write_game(catalog.get("chicken"), tmp_path / "no-dir" / "x.nfg")
    with pytest.raises(GameFormatError, match="variant"):
        io.write_game(catalog.get("chicken"), tmp_path / "x.json", variant="outcome")


def test_read_latin1_nfg(tmp_path):
    path = tmp_path / "old.nfg"
    path.write_bytes('NFG 1 R "caf\xe9" { "A" } { 1 } 1'.encode("latin-1"))
    assert io.read_nfg(path).title == "caf\xe9"


def test_load_game_specs():
    assert io.load_game("catalog:matching-pennies") == catalog.get("matching-pennies")
    assert io.load_game(io.example_path("chicken.json")) == catalog.get("chicken")
    with pytest.raises(UnknownNameError):
        io.load_game("catalog:no-such-game")


def test_examples_in_docs_parse():
    import pathlib
    import re
    doc = pathlib.Path(__file__).resolve().parents[1] / "docs" / "formats.md"
    if not doc.exists():
        pytest.skip("docs/formats.md is not available")
    blocks = re.findall(r"```(\w*)\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    nfg = [io.parse_nfg(b) for lang, b in blocks if b.startswith("NFG")]
    js = [io.loads_json(b) for lang, b in blocks if lang == "json"]
    assert len(nfg) == 2 and len(js) == 2
    assert nfg[0].payoffs[1][1, 0] == 2 and nfg[0].payoffs[1][1, 1] == 3
    assert nfg[1] == catalog.get("battle-of-the-sexes")
    assert js[0] == catalog.get("chicken")
    assert js[1].exact_payoffs[2][1, 1, 1] == Fraction(1, 2)
