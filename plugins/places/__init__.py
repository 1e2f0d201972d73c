"""A page per place with all its partners, and the by-country and by-state indexes."""

from .plugin import register

__all__ = ["register"]
