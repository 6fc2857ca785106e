"""Small array helpers shared by every layer."""

from __future__ import annotations

import numpy as np

__all__ = ["readonly"]


def readonly(a) -> np.ndarray:
    """A float64 copy of ``a`` that cannot be written to (results are frozen dataclasses;
    their arrays should not be mutable behind the user's back)."""
    arr = np.array(a, dtype=np.float64)
    arr.setflags(write=False)
    return arr
