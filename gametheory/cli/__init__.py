"""Layer 6: the ``gametheory`` command line."""

from ._main import build_parser, main

__all__ = ["main", "build_parser"]


def _entry() -> None:  # pragma: no cover - console script wrapper
    raise SystemExit(main())
