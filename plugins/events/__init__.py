"""Events: /events/ (upcoming, then past), a page per event with JSON-LD, and iCalendar feeds."""

from .plugin import register

__all__ = ["register"]
