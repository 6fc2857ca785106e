"""Placeholder: filled by the module that owns it."""

__all__: list[str] = []
