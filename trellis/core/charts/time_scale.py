"""The time axis both charts share: dates to page x, and the ticks and labels under it.

The score chart and the ratings chart put their points on the same kind of axis (days
elapsed, proportional; one date alone sits centred), so a page or a printed plan shows
both in the same terms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .svg import group, tag
from .ticks import date_ticks

AXIS, MUTED, SMALL = "#9aa5b1", "#52606d", 10


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Dates from ``start`` to ``end`` across the plot from ``left`` to ``right``; ``inset``
    keeps the first and last markers off the axes."""

    left: float
    right: float
    start: datetime.date | None
    end: datetime.date | None
    inset: float

    def x(self, day: datetime.date) -> float:
        """Page x for a date, proportional to the days elapsed; one date sits centred."""
        if self.start is None or self.end is None or self.end == self.start:
            return (self.left + self.right) / 2
        share = (day - self.start).days / (self.end - self.start).days
        return self.left + self.inset + share * (self.right - self.left - 2 * self.inset)


def time_axis(scale: TimeScale, bottom: float, chart_id: str) -> str:
    """The axis line, a tick and a date label per spaced-out date, the year where it turns."""
    parts = [tag("line", x1=scale.left, y1=bottom, x2=scale.right, y2=bottom,
                 stroke=AXIS, stroke_width=1)]  # fmt: skip
    if scale.start is not None and scale.end is not None:
        for tick in date_ticks(scale.start, scale.end, x_of=scale.x, min_gap=58):
            x = scale.x(tick.on)
            parts.append(tag("line", x1=x, y1=bottom, x2=x, y2=bottom + 4,
                             stroke=AXIS, stroke_width=1))  # fmt: skip
            parts.append(tag("text", text=tick.label, x=x, y=bottom + 16, font_size=SMALL,
                             fill=MUTED, text_anchor="middle"))  # fmt: skip
            if tick.year:
                parts.append(tag("text", text=tick.year, x=x, y=bottom + 28, font_size=9,
                                 fill=AXIS, text_anchor="middle"))  # fmt: skip
    return group(parts, id=f"{chart_id}-x-axis")
