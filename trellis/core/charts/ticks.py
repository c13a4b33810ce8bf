"""Where an axis puts its ticks: round numbers for scores, calendar dates for time."""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

# Fixed English names: strftime("%b") follows the server's locale and would make the
# output depend on where it runs.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def value_ticks(low: float, high: float, *, max_count: int) -> list[float]:
    """Round values (steps of 1, 2 or 5 times a power of ten) from ``low`` to ``high``.

    The step is the smallest that keeps the number of ticks at ``max_count`` or under.
    """
    span = high - low
    if span <= 0:
        return [low]
    exponent = math.floor(math.log10(span)) - 2
    while True:
        for multiple in (1, 2, 5):
            ticks = _multiples(low, high, multiple * 10.0**exponent)
            if len(ticks) <= max(max_count, 1):
                return ticks
        exponent += 1


def _multiples(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(index * step, 10) + 0.0 for index in range(first, last + 1)]


@dataclass(frozen=True, slots=True)
class DateTick:
    """A tick on the time axis; ``year`` is set where the reader needs it (first, or new)."""

    on: datetime.date
    label: str
    year: str | None


@dataclass(frozen=True, slots=True)
class _Step:
    kind: str  # "day", "week", "month" or "year"
    count: int
    approx_days: float


_STEPS = (
    _Step("day", 1, 1),
    _Step("day", 2, 2),
    _Step("week", 1, 7),
    _Step("week", 2, 14),
    _Step("month", 1, 30.4),
    _Step("month", 2, 60.9),
    _Step("month", 3, 91.3),
    _Step("month", 6, 182.6),
    *(_Step("year", years, 365.25 * years) for years in (1, 2, 5, 10, 20, 50, 100)),
)


def date_ticks(
    start: datetime.date,
    end: datetime.date,
    *,
    x_of: Callable[[datetime.date], float],
    min_gap: float,
) -> list[DateTick]:
    """Calendar ticks (days, Mondays, month starts, new years) at least ``min_gap`` apart.

    ``x_of`` places a date on the page; the finest step whose ticks stay ``min_gap``
    apart wins. A range too short for any calendar tick gets one at its start.
    """
    if end <= start:
        return _labelled([start], "day")
    span_px = x_of(end) - x_of(start)
    span_days = (end - start).days
    for step in _STEPS:
        if span_px * step.approx_days / span_days < min_gap * 0.9:
            continue
        dates = _calendar_dates(start, end, step)
        gaps = [x_of(later) - x_of(earlier) for earlier, later in itertools.pairwise(dates)]
        if dates and all(gap >= min_gap for gap in gaps):
            return _labelled(dates, step.kind)
    return _labelled([start], "day")


def _calendar_dates(start: datetime.date, end: datetime.date, step: _Step) -> list[datetime.date]:
    if step.kind in ("day", "week"):
        return _every_n_days(start, end, step)
    if step.kind == "month":
        return _month_starts(start, end, step.count)
    first = math.ceil(start.year / step.count) * step.count
    years = range(max(first, 1), end.year + 1, step.count)
    return [day for day in (datetime.date(year, 1, 1) for year in years) if day >= start]


def _every_n_days(start: datetime.date, end: datetime.date, step: _Step) -> list[datetime.date]:
    # Anchored on ordinals so the same dates tick whatever the range: ordinal 1 is a Monday.
    stride = int(step.approx_days)
    ordinal = start.toordinal()
    phase = (ordinal - 1) % stride
    first = ordinal if phase == 0 else ordinal + stride - phase
    return [datetime.date.fromordinal(day) for day in range(first, end.toordinal() + 1, stride)]


def _month_starts(start: datetime.date, end: datetime.date, every: int) -> list[datetime.date]:
    index = start.year * 12 + start.month - 1
    if start.day > 1:
        index += 1
    index += -index % every  # months 0, every, 2*every... of the year (Jan, Apr, Jul, Oct)
    last = end.year * 12 + end.month - 1
    return [datetime.date(i // 12, i % 12 + 1, 1) for i in range(index, last + 1, every)]


def _labelled(dates: list[datetime.date], kind: str) -> list[DateTick]:
    ticks = []
    previous_year: int | None = None
    for day in dates:
        if kind == "year":
            ticks.append(DateTick(day, str(day.year), None))
            continue
        label = MONTHS[day.month - 1] if kind == "month" else f"{MONTHS[day.month - 1]} {day.day}"
        year = str(day.year) if day.year != previous_year else None
        ticks.append(DateTick(day, label, year))
        previous_year = day.year
    return ticks
