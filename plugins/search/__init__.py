"""Full-text search: the /search/ page, and a Pagefind index of the output at the end of every build."""

from .plugin import register

__all__ = ["register"]
