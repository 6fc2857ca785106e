"""profile_certificate (the fast path every solver result uses) agrees with the
definitions in concepts: expected payoffs and max_regret."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from gametheory import InvalidProfileError, concepts
from gametheory.games import generators


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3), st.lists(st.integers(1, 4), min_size=2, max_size=3),
       st.integers(0, 2**31 - 1))
def test_certificate_matches_definitions(_, sizes, seed):
    rng = np.random.default_rng(seed)
    game = generators.uniform_game(tuple(sizes), low=-5, high=5, rng=rng)
    profile = [rng.dirichlet(np.ones(m)) for m in sizes]
    u, r = concepts.profile_certificate(game, profile)
    assert np.allclose(u, game.expected_payoffs(profile))
    assert np.isclose(r, concepts.max_regret(game, profile))


def test_certificate_rejects_bad_profiles():
    game = generators.uniform_game((2, 3), rng=0)
    with pytest.raises(InvalidProfileError, match="sums to"):
        concepts.profile_certificate(game, [[0.5, 0.6], [1, 0, 0]])
    with pytest.raises(InvalidProfileError, match="shape"):
        concepts.profile_certificate(game, [[0.5, 0.5], [1, 0]])
