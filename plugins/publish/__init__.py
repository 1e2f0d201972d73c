"""Publishing: sitemap.xml, robots.txt, 404.html and CNAME."""

from .plugin import register

__all__ = ["register"]
