"""A page per partnership, and the directory of all of them (/pairs/ and its facet pages)."""

from .plugin import register

__all__ = ["register"]
