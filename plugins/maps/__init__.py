"""Maps: a static SVG map on every pair page and the home page, and the interactive /map/."""

from .plugin import register

__all__ = ["register"]
