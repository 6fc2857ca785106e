"""Randomness as an argument: one helper normalises ``rng=`` everywhere."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_generator"]


def as_generator(rng=None) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` from ``None``, an integer seed, a
    ``SeedSequence`` or a ``Generator`` (returned as is).  The global numpy seed is never
    used or changed.

    >>> g = as_generator(7)
    >>> int(g.integers(100)) == int(as_generator(7).integers(100))
    True
    """
    if rng is None or isinstance(rng, (numbers.Integral, np.random.SeedSequence)):
        return np.random.default_rng(rng)
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, np.random.RandomState):  # legacy objects: draw a seed from them
        return np.random.default_rng(rng.randint(0, 2**31 - 1))
    raise TypeError(f"rng must be None, an int or a numpy Generator, not {type(rng).__name__}")
