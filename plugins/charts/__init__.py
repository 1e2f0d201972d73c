"""Pictures of the directory: /stats/ with SVG bar charts drawn at build time, each with its table."""

from .plugin import register

__all__ = ["register"]
