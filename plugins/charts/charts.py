"""Horizontal bar charts as plain data, for the chart component to draw as SVG."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from partnerdir import geo, vocab

LABEL_WIDTH = 150
BAR_AREA = 300
ROW = 24


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    caption: str
    column: str  # heading of the label column in the table
    bars: tuple[Bar, ...]
    note: str = ""

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA + 40

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW + 8

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH


def chart(slug, title, caption, column, rows, note="") -> Chart:
    """rows: (label, value) in display order."""
    largest = max((value for _, value in rows), default=0) or 1
    bars = tuple(Bar(label, value, 4 + i * ROW, BAR_AREA * value / largest) for i, (label, value) in enumerate(rows))
    return Chart(slug, title, caption, column, bars, note)


def directory_charts(directory) -> list[Chart]:
    pairs = directory.partnerships
    years = Counter(p.since.year for p in pairs if p.since)
    unknown = sum(1 for p in pairs if not p.since)
    kinds, statuses = directory.counts("kind"), directory.counts("status")
    states = {group.code: len(group.partnerships) for group in directory.states}  # each pair once per state
    return [
        chart("per-year", "Partnerships per year", "Partnerships by the year they became what their status says.",
              "Year", [(str(year), years[year]) for year in sorted(years)],
              f"{unknown} partnership{'s' * (unknown != 1)} with no known year." if unknown else ""),
        chart("by-status", "By status", "Partnerships by status.", "Status",
              [(label, statuses.get(value, 0)) for value, (label, _) in vocab.STATUSES.items()]),
        chart("by-kind", "By kind", "Partnerships by kind.", "Kind",
              [(label, kinds.get(value, 0)) for value, (label, _) in vocab.KINDS.items()]),
        chart("by-state", "By US state", "Partnerships with a place in each US state.", "State",
              sorted(((geo.region_name(f"US-{s}") or s, n) for s, n in states.items()), key=lambda r: (-r[1], r[0]))),
    ]
