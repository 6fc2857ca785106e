"""The registry of deep learners: name -> (Config class, learner class).

The runner and the command line dispatch through it, so a learner added here is trainable
with ``gametheory train NAME`` without further wiring.

>>> from gametheory.deep import ALGORITHMS, get_algorithm
>>> sorted(ALGORITHMS)
['central_dqn', 'idqn', 'qmix', 'vdn']
>>> get_algorithm("QMIX")[1].__name__
'QMIX'
"""

from __future__ import annotations

import difflib

from .._errors import UnknownNameError
from ._central import CentralDQN, CentralDQNConfig
from ._idqn import IDQN, IDQNConfig
from ._qmix import QMIX, QMIXConfig
from ._vdn import VDN, VDNConfig

__all__ = ["ALGORITHMS", "get_algorithm", "algorithm_name"]

ALGORITHMS: dict[str, tuple[type, type]] = {
    "idqn": (IDQNConfig, IDQN),
    "vdn": (VDNConfig, VDN),
    "qmix": (QMIXConfig, QMIX),
    "central_dqn": (CentralDQNConfig, CentralDQN),
}
"""Deep learners by name: (Config dataclass, learner class)."""


def algorithm_name(name: str) -> str:
    """The registry key of ``name`` (case and ``-``/``_`` insensitive)."""
    if not isinstance(name, str):
        raise UnknownNameError(f"algorithm names are strings, not {type(name).__name__}")
    key = name.strip().lower().replace("-", "_")
    if key not in ALGORITHMS:
        close = difflib.get_close_matches(key, list(ALGORITHMS), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownNameError(f"unknown algorithm {name!r}{hint}; known: "
                               + ", ".join(sorted(ALGORITHMS)))
    return key


def get_algorithm(name: str) -> tuple[type, type]:
    """(Config class, learner class) registered under ``name``."""
    return ALGORITHMS[algorithm_name(name)]
