"""Open data: pairs.json, pairs.csv and pairs.geojson, written on every build."""

from .plugin import register

__all__ = ["register"]
