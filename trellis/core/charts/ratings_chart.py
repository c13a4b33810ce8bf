"""Progress ratings per goal over sessions as a self-contained SVG 1.1 chart.

Each goal is one line through its ratings (1-5, the scale's words on the value axis),
sessions placed by date. Lines differ by colour, dash pattern and marker shape, so they
stay apart in grey print and for readers who do not see colour; a legend names them. Like
the score chart: inline presentation attributes only, no script, deterministic output.

    ratings_chart_svg(series=[RatingSeries("Sleep through most nights",
                                           (RatingPoint(date, 2), RatingPoint(date, 4)))],
                      levels={1: "Worse", 2: "No change", ..., 5: "Goal met"})

At most ``MAX_SERIES`` lines are drawn, the first ones given; the legend says how many more
there are (the caller shows every rating in a table beside the chart anyway).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .bands import band_shapes
from .data import ChartBand
from .svg import coord, group, svg_root, tag
from .text import FONT, fit, text_width
from .time_scale import TimeScale, time_axis

__all__ = ["MAX_SERIES", "RatingPoint", "RatingSeries", "describe_ratings", "ratings_chart_svg"]

MAX_SERIES = 6
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_INK, _MUTED, _AXIS = "#1f2933", "#52606d", "#9aa5b1"
_TITLE_SIZE, _SMALL = 13, 10
_INSET = 16  # keeps the first and last markers off the axes
_DODGE = 2.5  # pixels between lines at the same rating, so none hides another
_LEGEND_ROW = 18
_HALO = "#ffffff"  # a white edge round each marker keeps it clear of the lines it sits on
# Okabe & Ito's colour-blind-safe palette made to read on white: orange darkened, grey in
# place of sky blue.
_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#a87400", "#4d4d4d")
_DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 2", "12 3 2 3 2 3")
_SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "ring")


@dataclass(frozen=True, slots=True)
class RatingPoint:
    """One session's rating of a goal."""

    on: datetime.date
    rating: int


@dataclass(frozen=True, slots=True)
class RatingSeries:
    """One goal's ratings; ``label`` names the goal in the legend (its statement, cut short)."""

    label: str
    points: tuple[RatingPoint, ...]


@dataclass(frozen=True, slots=True)
class _Frame:
    left: float
    top: float
    right: float
    bottom: float
    low: int
    high: int
    start: datetime.date | None
    end: datetime.date | None

    def y(self, rating: float) -> float:
        """Page y for a rating; half a step of room above the top and below the bottom."""
        share = (rating - self.low + 0.5) / (self.high - self.low + 1)
        return self.bottom - share * (self.bottom - self.top)

    @property
    def time(self) -> TimeScale:
        return TimeScale(self.left, self.right, self.start, self.end, _INSET)

    def x(self, day: datetime.date) -> float:
        """Page x for a date, on the time scale both charts share."""
        return self.time.x(day)


def ratings_chart_svg(
    *,
    series: Sequence[RatingSeries],
    levels: Mapping[int, str],
    title: str = "Progress ratings per goal",
    width: int = 640,
    height: int = 240,
    chart_id: str = "ratings",
) -> str:
    """The chart as an ``<svg>``; ``height`` is the plot's part, the legend adds to it."""
    _check(series, levels, width, height, chart_id)
    drawn = [_ordered(one) for one in series[:MAX_SERIES]]
    frame = _frame(drawn, levels, width, height)
    legend, legend_height = _legend(drawn, len(series) - len(drawn), width, height, chart_id)
    has_points = any(one.points for one in drawn)
    body = [
        tag("title", text=title, id=f"{chart_id}-title"),
        tag("desc", text=describe_ratings(series, levels), id=f"{chart_id}-desc"),
        tag("text", text=fit(title, width - 20, _TITLE_SIZE), x=10, y=20,
            font_size=_TITLE_SIZE, font_weight="bold", fill=_INK),
        _level_rows(frame, levels, chart_id),
        _time_axis(frame, chart_id),
        _lines(frame, drawn, levels, chart_id) if has_points else _no_ratings(frame, chart_id),
        legend,
    ]  # fmt: skip
    total = height + legend_height
    return svg_root(body, width=width, height=total, chart_id=chart_id, font=FONT)


def describe_ratings(series: Sequence[RatingSeries], levels: Mapping[int, str]) -> str:
    """The chart in words, for the ``<desc>`` a screen reader reads out."""
    low, high = min(levels), max(levels)
    scale = f"on a scale from {low} ({levels[low]}) to {high} ({levels[high]})"
    days = sorted({point.on for one in series for point in one.points})
    if not days:
        return f"No progress ratings yet. Ratings are {scale}."
    goals = f"{len(series)} goal{'s' if len(series) != 1 else ''}"
    sessions = f"{len(days)} session{'s' if len(days) != 1 else ''}"
    span = days[0].isoformat() if len(days) == 1 else f"{days[0]} to {days[-1]}"
    sentences = [f"Progress ratings of {goals} over {sessions} ({span}), {scale}."]
    for one in series[:MAX_SERIES]:
        sentences.append(_said(_ordered(one), levels))
    hidden = len(series) - MAX_SERIES
    if hidden > 0:
        sentences.append(f"{hidden} more goal{'s are' if hidden > 1 else ' is'} not drawn.")
    return " ".join(sentences)


def _said(one: RatingSeries, levels: Mapping[int, str]) -> str:
    if not one.points:
        return f"{one.label}: not rated yet."
    first, latest = one.points[0], one.points[-1]
    latest_said = f"{latest.rating} ({levels[latest.rating]}) on {latest.on.isoformat()}"
    if len(one.points) == 1:
        return f"{one.label}: 1 rating, {latest_said}."
    first_said = f"{first.rating} ({levels[first.rating]}) on {first.on.isoformat()}"
    return f"{one.label}: {len(one.points)} ratings, first {first_said}, latest {latest_said}."


def _ordered(one: RatingSeries) -> RatingSeries:
    """Points by date; ratings on the same date keep the order given."""
    return RatingSeries(one.label, tuple(sorted(one.points, key=lambda point: point.on)))


def _check(
    series: Sequence[RatingSeries],
    levels: Mapping[int, str],
    width: int,
    height: int,
    chart_id: str,
) -> None:
    if not levels or any(isinstance(level, bool) for level in levels):
        raise ValueError("levels must map each whole rating to its words")
    if sorted(levels) != list(range(min(levels), max(levels) + 1)):
        raise ValueError(f"levels must be consecutive whole ratings, not {sorted(levels)}")
    if width < 320 or height < 160:
        raise ValueError(f"chart must be at least 320x160, not {width}x{height}")
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"chart_id must be a valid XML id (letters, digits, _ . -): {chart_id!r}")
    for one in series:
        for point in one.points:
            if point.rating not in levels:
                raise ValueError(f"{point.rating!r} is not a rating on the scale {sorted(levels)}")


def _frame(
    series: Sequence[RatingSeries], levels: Mapping[int, str], width: int, height: int
) -> _Frame:
    """Room on the left for the scale's words; the time range spans every rating drawn."""
    words = max(text_width(_level_label(level, levels), _SMALL) for level in levels)
    days = [point.on for one in series for point in one.points]
    start, end = (min(days), max(days)) if days else (None, None)
    low, high = min(levels), max(levels)
    return _Frame(min(16 + words, width * 0.35), 34, width - 14, height - 36, low, high, start, end)


def _level_label(level: int, levels: Mapping[int, str]) -> str:
    return f"{level} {levels[level]}"


def _level_rows(frame: _Frame, levels: Mapping[int, str], chart_id: str) -> str:
    """A pale row per rating (red for the worst, green for the best), its words beside it."""
    bands = [ChartBand(level, level, levels[level]) for level in levels]
    shapes = band_shapes(bands, y_min=frame.low, y_max=frame.high + 1, higher_is_better=True)
    parts = []
    for shape in shapes:
        level = round(shape.low)
        top, bottom = frame.y(level + 0.5), frame.y(level - 0.5)
        parts.append(tag("rect", x=frame.left, y=top, width=frame.right - frame.left,
                         height=bottom - top, fill=shape.fill, fill_opacity="0.6"))  # fmt: skip
        y = frame.y(level)
        parts.append(tag("line", x1=frame.left, y1=y, x2=frame.right, y2=y, stroke=_INK,
                         stroke_opacity="0.12", stroke_width=1))  # fmt: skip
        room = frame.left - 12
        parts.append(tag("text", text=fit(_level_label(level, levels), room, _SMALL),
                         x=frame.left - 6, y=y + 3.5, font_size=_SMALL, fill=shape.ink,
                         text_anchor="end"))  # fmt: skip
    parts.append(tag("line", x1=frame.left, y1=frame.top, x2=frame.left, y2=frame.bottom,
                     stroke=_AXIS, stroke_width=1))  # fmt: skip
    return group(parts, id=f"{chart_id}-y-axis")


def _time_axis(frame: _Frame, chart_id: str) -> str:
    return time_axis(frame.time, frame.bottom, chart_id)


def _lines(
    frame: _Frame, series: Sequence[RatingSeries], levels: Mapping[int, str], chart_id: str
) -> str:
    """A line and markers per goal, nudged a little apart so equal ratings stay visible."""
    groups = []
    for index, one in enumerate(series):
        nudge = (index - (len(series) - 1) / 2) * _DODGE
        xy = [(frame.x(point.on), frame.y(point.rating) + nudge) for point in one.points]
        colour = _COLOURS[index]
        parts = []
        if len(xy) > 1:
            path = " ".join(f"{coord(x)},{coord(y)}" for x, y in xy)
            dash = {"stroke_dasharray": _DASHES[index]} if _DASHES[index] else {}
            parts.append(tag("polyline", points=path, fill="none", stroke=colour, stroke_width=2,
                             stroke_linejoin="round", **dash))  # fmt: skip
        for point, (x, y) in zip(one.points, xy, strict=True):
            said = f"{one.label}, {point.on.isoformat()}: {point.rating} ({levels[point.rating]})"
            parts.append(_marker(_SHAPES[index], x, y, colour, tag("title", text=said)))
        groups.append(group(parts, id=f"{chart_id}-goal-{index + 1}"))
    return group(groups, id=f"{chart_id}-lines")


def _marker(shape: str, x: float, y: float, colour: str, *children: str) -> str:
    """A marker of the given shape centred on (x, y), about 9 pixels across."""
    if shape == "circle":
        return tag(
            "circle", *children, cx=x, cy=y, r=4.5, fill=colour, stroke=_HALO, stroke_width=1
        )
    if shape == "ring":
        return tag("circle", *children, cx=x, cy=y, r=4, fill=_HALO, stroke=colour,
                   stroke_width=2)  # fmt: skip
    if shape == "square":
        return tag("rect", *children, x=x - 4, y=y - 4, width=8, height=8, fill=colour,
                   stroke=_HALO, stroke_width=1)  # fmt: skip
    corners = {
        "diamond": ((0, -5.5), (5.5, 0), (0, 5.5), (-5.5, 0)),
        "triangle": ((0, -5.5), (5, 4), (-5, 4)),
        "triangle-down": ((0, 5.5), (5, -4), (-5, -4)),
    }[shape]
    points = " ".join(f"{coord(x + dx)},{coord(y + dy)}" for dx, dy in corners)
    return tag("polygon", *children, points=points, fill=colour, stroke=_HALO, stroke_width=1)


def _legend(
    series: Sequence[RatingSeries], hidden: int, width: int, height: int, chart_id: str
) -> tuple[str, int]:
    """Entries in two columns (one on a narrow chart) under the plot; its height in pixels."""
    columns = 2 if width >= 480 else 1
    column_width = (width - 20) / columns
    entries = []
    for index, one in enumerate(series):
        row, column = divmod(index, columns)
        x, y = 10 + column * column_width, height + row * _LEGEND_ROW
        entries.append(_legend_entry(index, one.label, x, y, column_width))
    rows = math.ceil(len(series) / columns)
    if hidden > 0:
        more = f"+{hidden} more goal{'s' if hidden > 1 else ''}: see the table"
        entries.append(tag("text", text=more, x=10, y=height + rows * _LEGEND_ROW + 4,
                           font_size=_SMALL, fill=_MUTED))  # fmt: skip
        rows += 1
    return group(entries, id=f"{chart_id}-legend"), rows * _LEGEND_ROW + (6 if rows else 0)


def _legend_entry(index: int, label: str, x: float, y: float, room: float) -> str:
    colour = _COLOURS[index]
    dash = {"stroke_dasharray": _DASHES[index]} if _DASHES[index] else {}
    sample = tag("line", x1=x, y1=y, x2=x + 36, y2=y, stroke=colour, stroke_width=2, **dash)
    marker = _marker(_SHAPES[index], x + 18, y, colour)
    text = tag("text", text=fit(label, room - 54, _SMALL), x=x + 44, y=y + 3.5,
               font_size=_SMALL, fill=_INK)  # fmt: skip
    return group([sample, marker, text])


def _no_ratings(frame: _Frame, chart_id: str) -> str:
    x, y = (frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2
    text = "No progress ratings yet"
    half = text_width(text, 12) / 2 + 10
    card = tag("rect", x=x - half, y=y - 12, width=2 * half, height=24, rx=4, fill="#ffffff",
               fill_opacity="0.9")  # fmt: skip
    note = tag("text", text=text, x=x, y=y + 4, font_size=12, fill=_MUTED, text_anchor="middle")
    return group([card, note], id=f"{chart_id}-empty")
