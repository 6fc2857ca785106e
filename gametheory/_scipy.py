"""Deferred SciPy entry points: ``scipy.optimize`` takes about a third of a second to import,
so modules that only need it inside a function call it through here and ``import
gametheory`` stays under a second."""

from __future__ import annotations

__all__ = ["linprog"]


def linprog(*args, **kwargs):
    """:func:`scipy.optimize.linprog`, imported on first use."""
    from scipy.optimize import linprog as _linprog
    return _linprog(*args, **kwargs)
