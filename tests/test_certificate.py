"""profile_certificate (the fast path every solver result uses) agrees with the
definitions in concepts: expected payoffs and max_regret."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from gametheory import InvalidProfileError, concepts
from gametheory.games import catalog, generators


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


# ---------------------------------------------------------------------------- fast paths
def test_batch_certificate_matches_one_by_one_and_definitions():
    """The batch certificate solvers use (one compiled call for many profiles) gives each
    row the payoffs of ``expected_payoffs`` and the ``max_regret`` of concepts."""
    from gametheory.concepts._regret import _profile_certificates_2p
    rng = np.random.default_rng(7)
    game = generators.uniform_game((4, 6), low=-3, high=3, rng=1)
    X = rng.dirichlet(np.ones(4), size=9)
    Y = rng.dirichlet(np.ones(6), size=9)
    X[0] = [0, 1, 0, 0]  # a pure row: regret from the definition, not from a tie
    U, R = _profile_certificates_2p(game, X, Y)
    assert U.shape == (9, 2) and R.shape == (9,)
    for k in range(9):
        profile = [X[k], Y[k]]
        assert np.allclose(U[k], game.expected_payoffs(profile), rtol=0, atol=1e-12)
        assert R[k] == pytest.approx(concepts.max_regret(game, profile), abs=1e-12)
        u1, r1 = concepts.profile_certificate(game, profile)
        assert np.array_equal(U[k], u1) and R[k] == r1


def test_batch_certificate_rejects_the_first_bad_row():
    from gametheory.concepts._regret import _profile_certificates_2p
    game = generators.uniform_game((2, 3), rng=0)
    X = np.array([[0.5, 0.5], [0.5, 0.6]])
    Y = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    with pytest.raises(InvalidProfileError, match="sums to"):
        _profile_certificates_2p(game, X, Y)
    with pytest.raises(InvalidProfileError, match="shapes"):
        _profile_certificates_2p(game, X, Y[:, :2])
    X[1] = [np.nan, 1.0]
    with pytest.raises(InvalidProfileError, match="NaN"):
        _profile_certificates_2p(game, X, Y)


def test_two_player_certificate_takes_labels_and_tolerates_rounding():
    """Labels go through the general path; a vector within 1e-6 of the simplex is
    accepted as it is (as before the compiled fast path)."""
    pd = catalog.get("prisoners-dilemma")
    u, r = concepts.profile_certificate(pd, ["C", "C"])
    assert u.tolist() == [3.0, 3.0] and r == 2.0
    u, r = concepts.profile_certificate(pd, [[1e-7, 1 - 1e-7], [-1e-7, 1 + 1e-7]])
    assert r == pytest.approx(0.0, abs=1e-5)
    with pytest.raises(InvalidProfileError, match="negative"):
        concepts.profile_certificate(pd, [[-0.1, 1.1], [0, 1]])
    with pytest.raises(InvalidProfileError, match="NaN"):
        concepts.profile_certificate(pd, [[np.inf, 0.0], [0, 1]])
