"""Configuration of deep learners: frozen dataclasses whose fields each carry a docstring.

A learner's ``Config`` lists every hyperparameter with its default and a one-sentence
docstring written under the field (the attribute-docstring style of CleanRL's ``Args``).
:func:`config_fields` reads those docstrings back, so the command line can list them, and
:func:`make_config` builds a config from a file and ``KEY=VALUE`` overrides, rejecting any
name that is not a field.

>>> from gametheory.deep import QMIXConfig, make_config
>>> cfg = make_config(QMIXConfig, {"lr": 1e-3, "recurrent": False})
>>> cfg.lr, cfg.recurrent, cfg.mixing_embed_dim
(0.001, False, 32)
>>> config_fields(QMIXConfig)["gamma"].doc
'Discount factor of the TD targets.'
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import inspect
import json
import os
import textwrap
from typing import Any, NamedTuple

from .._errors import InvalidOptionError

__all__ = ["RunConfig", "FieldInfo", "config_fields", "make_config", "load_config_file",
           "config_to_dict"]


@dataclasses.dataclass(frozen=True)
class RunConfig:
    """Options of the training runner shared by every algorithm (evaluation, logging,
    checkpoints, threads); each algorithm's ``Config`` extends it."""

    eval_interval: int = 5000
    """Environment steps between two greedy evaluations (one more runs at the end)."""
    eval_episodes: int = 10
    """Greedy episodes per evaluation."""
    log_interval: int = 1000
    """Environment steps between two rows of training metrics."""
    checkpoint_interval: int = 10000
    """Environment steps between two checkpoints (one more is written at the end)."""
    metrics_format: str = "csv"
    """File format of the metrics: ``csv`` (metrics.csv) or ``jsonl`` (metrics.jsonl)."""
    num_threads: int = 1
    """Threads torch may use (``torch.set_num_threads``); 1 is fastest for small networks."""
    plot: bool = True
    """Draw learning_curve.png (greedy evaluation return against steps) at the end."""

    def __post_init__(self):
        _check_types(self)
        for name in ("eval_interval", "eval_episodes", "log_interval", "checkpoint_interval",
                     "num_threads"):
            if getattr(self, name) < 1:
                raise InvalidOptionError(f"{name} must be at least 1, got "
                                         f"{getattr(self, name)}")
        if self.metrics_format not in ("csv", "jsonl"):
            raise InvalidOptionError("metrics_format must be 'csv' or 'jsonl', got "
                                     f"{self.metrics_format!r}")


class FieldInfo(NamedTuple):
    """One field of a config class: its type name, default and docstring."""

    type: str
    default: Any
    doc: str


def _class_docs(cls) -> dict[str, str]:
    """Attribute docstrings (a string literal right under an annotated assignment)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0].body
    docs = {}
    for node, nxt in zip(body, body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)):
            docs[node.target.id] = " ".join(nxt.value.value.split())
    return docs


def config_fields(cls) -> dict[str, FieldInfo]:
    """The fields of a config class (or instance) in declaration order, with their
    docstrings.

    Parameters
    ----------
    cls : type or dataclass instance
        A ``Config`` class such as :class:`QMIXConfig`.

    Returns
    -------
    dict of str to FieldInfo
    """
    if not isinstance(cls, type):
        cls = type(cls)
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if dataclasses.is_dataclass(klass):
            docs.update(_class_docs(klass))
    out = {}
    for f in dataclasses.fields(cls):
        tname = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        out[f.name] = FieldInfo(tname, f.default, docs.get(f.name, ""))
    return out


def _check_types(cfg) -> None:
    """Coerce integral floats to int fields (JSON writes 1e4 as a float) and reject values
    of the wrong type with a message naming the field."""
    for f in dataclasses.fields(cfg):
        value = getattr(cfg, f.name)
        tname = f.type if isinstance(f.type, str) else f.type.__name__
        tname = tname.replace(" ", "")
        ok = True
        if tname == "bool":
            ok = isinstance(value, bool)
        elif tname == "int":
            if isinstance(value, float) and value.is_integer():
                object.__setattr__(cfg, f.name, int(value))
            else:
                ok = isinstance(value, int) and not isinstance(value, bool)
        elif tname == "float":
            if isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(cfg, f.name, float(value))
            else:
                ok = isinstance(value, float)
        elif tname == "str":
            ok = isinstance(value, str)
        elif tname == "str|None":
            ok = value is None or isinstance(value, str)
        if not ok:
            raise InvalidOptionError(f"config field {f.name!r} expects {tname}, got "
                                     f"{value!r}")


def load_config_file(path) -> dict:
    """Read a JSON (``.json``) or TOML (``.toml``) file of config fields into a dict."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise InvalidOptionError(f"cannot read config file {path!r}: {exc.strerror}") from None
    try:
        if path.endswith(".toml"):
            import tomllib
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidOptionError(f"config file {path!r} is not valid "
                                 f"{'TOML' if path.endswith('.toml') else 'JSON'}: {exc}") \
            from None
    if not isinstance(data, dict):
        raise InvalidOptionError(f"config file {path!r} must hold a mapping of field names "
                                 "to values")
    return data


def make_config(cls, overrides: dict | None = None, path=None):
    """Build a config of class ``cls`` from its defaults, then a file, then overrides.

    Parameters
    ----------
    cls : type
        The ``Config`` dataclass of an algorithm.
    overrides : dict, optional
        Field values; they take precedence over the file.
    path : str or path-like, optional
        A JSON or TOML file of field values.

    Raises
    ------
    InvalidOptionError
        For a name that is not a field (the message lists the close matches and the valid
        fields) or a value of the wrong type or range.
    """
    values: dict = {}
    if path is not None:
        values.update(load_config_file(path))
    values.update(overrides or {})
    names = [f.name for f in dataclasses.fields(cls)]
    for key in values:
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidOptionError(f"{cls.__name__} has no field {key!r}{hint}; fields: "
                                     + ", ".join(names))
    return cls(**values)


def config_to_dict(cfg) -> dict:
    """A config as a plain dict of its fields (JSON-serialisable)."""
    return {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg)}
