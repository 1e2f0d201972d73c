"""Reads and checks all content, and puts the directory into the build's context."""

from .plugin import register

__all__ = ["register"]
