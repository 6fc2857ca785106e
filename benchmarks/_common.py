"""Helpers shared by the benchmark scripts (run as ``python benchmarks/bench_*.py``, so
this module is importable as ``_common``)."""

from __future__ import annotations

import statistics
import time


def time_calls(func, repeats, budget=None):
    """Wall times of up to ``repeats`` calls of ``func()`` (stopping once they add up to
    more than ``budget`` seconds; at least one call) and the last call's value."""
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t0)
        if budget is not None and sum(times) > budget:
            break
    return times, out


def median_time(func, repeats, budget=None):
    """Median wall time of ``func()`` over the calls :func:`time_calls` makes."""
    return statistics.median(time_calls(func, repeats, budget)[0])


def fmt_time(t):
    """Seconds as ``us``, ``ms`` or ``s`` with three significant figures; ``-`` for None."""
    if t is None:
        return "-"
    if t < 1e-3:
        return f"{t * 1e6:.0f} us"
    if t < 1:
        return f"{t * 1e3:.1f} ms"
    return f"{t:.2f} s"


def gambit_available():
    """True when pygambit imports (it is in the ``bench`` extra only)."""
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return False
    return True
