"""URLs are built in one place: a ``NAME_URL`` pattern of the settings, joined to SITEURL.

Templates reach this through the ``url()`` Jinja global (with the page's own
SITEURL when RELATIVE_URLS is on); exports and feeds call it with the settings.
"""

from __future__ import annotations

from collections.abc import Mapping


def join(settings: Mapping, path: str) -> str:
    base = (settings.get("SITEURL") or "").rstrip("/")
    return f"{base}/{path}"


def url(settings: Mapping, name: str, **fields) -> str:
    """url(settings, 'PAIRS', slug='boulder-nablus') -> '<SITEURL>/pairs/boulder-nablus/'."""
    return join(settings, settings[f"{name}_URL"].format(**fields))
