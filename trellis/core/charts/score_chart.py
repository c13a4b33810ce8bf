"""One instrument's scores over time as a self-contained SVG 1.1 chart.

The same markup goes on the client's measures page and on the printed plan, and it is kept
fit for a PDF renderer later: inline presentation attributes only, no CSS, no script, no
external references. Output is deterministic for the same input.

    score_chart_svg(title="PHQ-9", points=[ChartPoint(date, 18, "Moderately severe")],
                    y_min=0, y_max=27, bands=[ChartBand(0, 4, "Minimal"), ...],
                    targets=[ChartTarget(9, "Below 10", deadline)])
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .bands import BandShape, band_shapes
from .data import ChartBand, ChartPoint, ChartTarget
from .svg import coord, group, number, svg_root, tag
from .text import FONT, fit, text_width
from .ticks import MONTHS, value_ticks
from .time_scale import TimeScale, time_axis

__all__ = ["ChartBand", "ChartPoint", "ChartTarget", "describe", "score_chart_svg"]

_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_INK, _MUTED, _AXIS = "#1f2933", "#52606d", "#9aa5b1"
_LINE, _TARGET = "#2563a8", "#6b3fa0"
_TITLE_SIZE, _SMALL = 13, 10
_INSET = 14  # keeps the first and last markers off the axes
_MIN_WIDTH, _MIN_HEIGHT = 200, 120


@dataclass(frozen=True, slots=True)
class _Frame:
    """The plot area on the page and the two scales that map data into it."""

    left: float
    top: float
    right: float
    bottom: float
    y_min: float
    y_max: float
    start: datetime.date | None
    end: datetime.date | None
    y_ticks: tuple[float, ...]
    width: int

    def y(self, value: float) -> float:
        """Page y for a score, clamped so nothing is drawn above or below the plot."""
        share = (min(max(value, self.y_min), self.y_max) - self.y_min) / (self.y_max - self.y_min)
        return self.bottom - share * (self.bottom - self.top)

    @property
    def time(self) -> TimeScale:
        return TimeScale(self.left, self.right, self.start, self.end, _INSET)

    def x(self, day: datetime.date) -> float:
        """Page x for a date, on the time scale both charts share."""
        return self.time.x(day)


def score_chart_svg(
    *,
    title: str,
    points: Sequence[ChartPoint],
    y_min: float,
    y_max: float,
    bands: Sequence[ChartBand] = (),
    targets: Sequence[ChartTarget] = (),
    higher_is_better: bool = False,
    width: int = 640,
    height: int = 240,
    chart_id: str = "chart",
    plan_start: datetime.date | None = None,
) -> str:
    """The chart as an ``<svg>`` element, titled and described for screen readers.

    Points are placed by date; bands are shaded behind them, targets drawn as dashed
    lines (and a dashed marker at a deadline), the plan's start as a solid marker. Values
    off the axis are pinned to its edge.
    """
    _check(points, targets, y_min, y_max, width, height, chart_id)
    ordered = sorted(points, key=lambda point: point.on)
    shapes = band_shapes(bands, y_min=y_min, y_max=y_max, higher_is_better=higher_is_better)
    frame = _frame(ordered, shapes, targets, y_min, y_max, width, height, plan_start)
    said = describe(ordered, targets, higher_is_better, plan_start=plan_start)
    body = [
        tag("title", text=title, id=f"{chart_id}-title"),
        tag("desc", text=said, id=f"{chart_id}-desc"),
        _heading(title, higher_is_better, width),
        _band_areas(frame, shapes, chart_id),
        _value_axis(frame, chart_id),
        _time_axis(frame, chart_id),
        _band_labels(frame, shapes, width),
        _targets(frame, targets, chart_id, plan_start),
        _series(frame, ordered, chart_id) if ordered else _no_scores(frame, chart_id),
    ]
    return svg_root(body, width=width, height=height, chart_id=chart_id, font=FONT)


def describe(
    points: Sequence[ChartPoint],
    targets: Sequence[ChartTarget],
    higher_is_better: bool,
    *,
    plan_start: datetime.date | None = None,
) -> str:
    """The chart in words, for the ``<desc>`` a screen reader reads out: the scores, the
    plan's start, each target with its deadline, and which way is better."""
    ordered = sorted(points, key=lambda point: point.on)
    if not ordered:
        sentences = ["No scores yet."]
    elif len(ordered) == 1:
        sentences = [f"1 score, on {ordered[0].on.isoformat()}: {_said(ordered[0])}."]
    else:
        first, latest = ordered[0], ordered[-1]
        sentences = [
            f"{len(ordered)} scores from {first.on.isoformat()} to {latest.on.isoformat()}; "
            f"first {_said(first)}, latest {_said(latest)}."
        ]
    if plan_start is not None:
        sentences.append(f"The plan started on {plan_start.isoformat()}.")
    for target in targets:
        by = f" by {target.deadline.isoformat()}" if target.deadline else ""
        sentences.append(f"Target: {number(target.value)} ({_inline(target.label)}){by}.")
    sentences.append(f"{'Higher' if higher_is_better else 'Lower'} scores are better.")
    return " ".join(sentences)


def _said(point: ChartPoint) -> str:
    value = number(point.value)
    return f"{value} ({_inline(point.label)})" if point.label else value


def _inline(label: str) -> str:
    """A label as it reads mid-sentence: "Moderately severe" -> "moderately severe".

    Acronyms keep their case ("PTSD likely").
    """
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _check(
    points: Sequence[ChartPoint],
    targets: Sequence[ChartTarget],
    y_min: float,
    y_max: float,
    width: int,
    height: int,
    chart_id: str,
) -> None:
    if not (math.isfinite(y_min) and math.isfinite(y_max) and y_min < y_max):
        raise ValueError(f"y range must be finite with y_min < y_max, not {y_min}..{y_max}")
    if width < _MIN_WIDTH or height < _MIN_HEIGHT:
        raise ValueError(f"chart must be at least {_MIN_WIDTH}x{_MIN_HEIGHT}, not {width}x{height}")
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"chart_id must be a valid XML id (letters, digits, _ . -): {chart_id!r}")
    values = [point.value for point in points] + [target.value for target in targets]
    if not all(math.isfinite(value) for value in values):
        raise ValueError("scores and targets must be finite numbers")


def _frame(
    points: Sequence[ChartPoint],
    shapes: Sequence[BandShape],
    targets: Sequence[ChartTarget],
    y_min: float,
    y_max: float,
    width: int,
    height: int,
    plan_start: datetime.date | None = None,
) -> _Frame:
    """Margins sized to the labels around the plot; the time range covers every deadline
    and the plan's start (when there are scores to place beside it)."""
    y_ticks = value_ticks(y_min, y_max, max_count=max(2, (height - 72) // 28 + 1))
    left = 18 + max(text_width(number(tick), _SMALL) for tick in y_ticks)
    band_label = max((len(shape.band.label) for shape in shapes), default=0)
    band_margin = 18 + text_width("x" * band_label, _SMALL) if shapes else 16
    right = width - min(band_margin, width * 0.3)
    start = points[0].on if points else None
    end = points[-1].on if points else None
    if start is not None and end is not None:
        deadlines = [t.deadline for t in targets if t.deadline is not None and t.deadline >= start]
        end = max([end, *deadlines])
        if plan_start is not None:
            start, end = min(start, plan_start), max(end, plan_start)
    return _Frame(left, 42, right, height - 38, y_min, y_max, start, end, tuple(y_ticks), width)


def _heading(title: str, higher_is_better: bool, width: int) -> str:
    hint = "Higher is better" if higher_is_better else "Lower is better"
    room = width - 20 - text_width(hint, _SMALL) - 16
    return "\n".join([
        tag("text", text=fit(title, room, _TITLE_SIZE), x=10, y=20, font_size=_TITLE_SIZE,
            font_weight="bold", fill=_INK),
        tag("text", text=hint, x=width - 10, y=20, font_size=_SMALL, fill=_MUTED,
            text_anchor="end"),
    ])  # fmt: skip


def _band_areas(frame: _Frame, shapes: Sequence[BandShape], chart_id: str) -> str:
    rects = [
        tag("rect", x=frame.left, y=frame.y(shape.high), width=frame.right - frame.left,
            height=frame.y(shape.low) - frame.y(shape.high), fill=shape.fill)
        for shape in shapes
    ]  # fmt: skip
    return group(rects, id=f"{chart_id}-bands")


def _band_labels(frame: _Frame, shapes: Sequence[BandShape], width: int) -> str:
    """Labels in the right margin beside their bands, nudged apart where bands are thin."""
    room = width - frame.right - 14
    centres = [frame.y((shape.low + shape.high) / 2) for shape in shapes]
    placed = _spread(centres, gap=_SMALL + 1, low=frame.top + 4, high=frame.bottom - 4)
    labels = [
        tag("text", text=fit(shape.band.label, room, _SMALL), x=frame.right + 6, y=y + 3.5,
            font_size=_SMALL, fill=shape.ink)
        for shape, y in zip(shapes, placed, strict=True)
    ]  # fmt: skip
    return group(labels)


def _spread(centres: Sequence[float], *, gap: float, low: float, high: float) -> list[float]:
    """Positions as close to ``centres`` as possible, at least ``gap`` apart, within bounds.

    ``centres`` run bottom to top (descending page y), as bands do.
    """
    placed: list[float] = []
    for centre in centres:
        limit = placed[-1] - gap if placed else high
        placed.append(min(centre, limit))
    for index in range(len(placed) - 1, -1, -1):
        floor = placed[index + 1] + gap if index + 1 < len(placed) else low
        placed[index] = max(placed[index], floor)
    return placed


def _value_axis(frame: _Frame, chart_id: str) -> str:
    parts = []
    for tick in frame.y_ticks:
        y = frame.y(tick)
        parts.append(tag("line", x1=frame.left, y1=y, x2=frame.right, y2=y, stroke=_INK,
                         stroke_opacity="0.1", stroke_width=1))  # fmt: skip
        parts.append(tag("text", text=number(tick), x=frame.left - 6, y=y + 3.5,
                         font_size=_SMALL, fill=_MUTED, text_anchor="end"))  # fmt: skip
    parts.append(tag("line", x1=frame.left, y1=frame.top, x2=frame.left, y2=frame.bottom,
                     stroke=_AXIS, stroke_width=1))  # fmt: skip
    return group(parts, id=f"{chart_id}-y-axis")


def _time_axis(frame: _Frame, chart_id: str) -> str:
    return time_axis(frame.time, frame.bottom, chart_id)


def _targets(
    frame: _Frame,
    targets: Sequence[ChartTarget],
    chart_id: str,
    plan_start: datetime.date | None = None,
) -> str:
    """A dashed line per target, then the labels over all the lines, each on a pale card so
    that it reads where lines run close together (the scores are drawn over them)."""
    parts = []
    for target in targets:
        y = frame.y(target.value)
        parts.append(tag("line", x1=frame.left, y1=y, x2=frame.right, y2=y, stroke=_TARGET,
                         stroke_width=1.5, stroke_dasharray="6 4"))  # fmt: skip
    for target, label_y in zip(targets, _target_label_ys(frame, targets), strict=True):
        label = fit(target.label, frame.right - frame.left - 12, _SMALL)
        parts.append(tag("rect", x=frame.left + 3, y=label_y - 9.5, rx=2, fill="#ffffff",
                         width=text_width(label, _SMALL) + 6, height=12.5,
                         fill_opacity="0.75"))  # fmt: skip
        parts.append(tag("text", text=label, x=frame.left + 6, y=label_y, font_size=_SMALL,
                         fill=_TARGET))  # fmt: skip
    dates = _deadlines(frame, targets, chart_id, plan_start)
    return "\n".join([group(parts, id=f"{chart_id}-targets"), dates])


def _target_label_ys(frame: _Frame, targets: Sequence[ChartTarget]) -> list[float]:
    """Each label's baseline just above its line (below it at the top of the plot), moved
    apart where lines are close so that two targets' labels never print over each other."""
    wanted = []
    for target in targets:
        y = frame.y(target.value)
        wanted.append(y - 5 if y - frame.top > 16 else y + 13)
    order = sorted(range(len(wanted)), key=lambda index: (-wanted[index], index))
    placed = _spread(
        [wanted[index] for index in order],
        gap=_SMALL + 2,
        low=frame.top + 11,
        high=frame.bottom - 3,
    )
    label_ys = [0.0] * len(wanted)
    for index, y in zip(order, placed, strict=True):
        label_ys[index] = y
    return label_ys


def _deadlines(
    frame: _Frame,
    targets: Sequence[ChartTarget],
    chart_id: str,
    plan_start: datetime.date | None = None,
) -> str:
    """A dashed marker at each target date on or after the first score and a solid one at
    the plan's start, dated above the plot (labels of close dates pushed apart sideways so
    they never overlap)."""
    if frame.start is None or frame.end is None:
        return "\n".join(
            [group([], id=f"{chart_id}-deadlines"), group([], id=f"{chart_id}-plan-start")]
        )
    start = frame.start
    days = sorted({t.deadline for t in targets if t.deadline is not None and t.deadline >= start})
    marks = [(day, f"by {MONTHS[day.month - 1]} {day.day}", False) for day in days]
    if plan_start is not None and start <= plan_start <= frame.end:
        shown = f"plan start {MONTHS[plan_start.month - 1]} {plan_start.day}"
        marks = sorted([*marks, (plan_start, shown, True)], key=lambda mark: (mark[0], mark[2]))
    halves = [text_width(label, _SMALL) / 2 for _, label, _ in marks]
    centres = [frame.x(day) for day, _, _ in marks]
    xs = _spread_across(centres, halves, low=4, high=frame.width - 4)
    deadlines: list[str] = []
    starts: list[str] = []
    for (day, label, is_start), label_x in zip(marks, xs, strict=True):
        x = frame.x(day)
        ink = _MUTED if is_start else _TARGET
        dash = {} if is_start else {"stroke_dasharray": "3 3"}
        into = starts if is_start else deadlines
        into.append(tag("line", x1=x, y1=frame.top, x2=x, y2=frame.bottom, stroke=ink,
                        stroke_width=1, **dash))  # fmt: skip
        into.append(tag("text", text=label, x=label_x, y=frame.top - 5, font_size=_SMALL,
                        fill=ink, text_anchor="middle"))  # fmt: skip
    return "\n".join(
        [group(deadlines, id=f"{chart_id}-deadlines"), group(starts, id=f"{chart_id}-plan-start")]
    )


def _spread_across(
    centres: Sequence[float], halves: Sequence[float], *, low: float, high: float, gap: float = 6
) -> list[float]:
    """Centres of labels (half-widths ``halves``) in left-to-right order, moved as little as
    possible to sit ``gap`` apart and inside ``low``..``high``."""
    placed: list[float] = []
    for index, centre in enumerate(centres):
        floor = placed[-1] + halves[index - 1] + gap + halves[index] if placed else low + halves[0]
        placed.append(max(centre, floor))
    for index in range(len(placed) - 1, -1, -1):
        if index + 1 < len(placed):
            ceiling = placed[index + 1] - halves[index + 1] - gap - halves[index]
        else:
            ceiling = high - halves[index]
        placed[index] = min(placed[index], ceiling)
    return placed


def _series(frame: _Frame, points: Sequence[ChartPoint], chart_id: str) -> str:
    """The line through the scores in date order and a marker per score with a tooltip."""
    xy = [(frame.x(point.on), frame.y(point.value)) for point in points]
    parts = []
    if len(points) > 1:
        path = " ".join(f"{coord(x)},{coord(y)}" for x, y in xy)
        parts.append(tag("polyline", points=path, fill="none", stroke=_LINE, stroke_width=2,
                         stroke_linejoin="round", stroke_linecap="round"))  # fmt: skip
    markers = [_marker(frame, point, x, y) for point, (x, y) in zip(points, xy, strict=True)]
    return "\n".join([*parts, group(markers, id=f"{chart_id}-points")])


def _marker(frame: _Frame, point: ChartPoint, x: float, y: float) -> str:
    """A filled dot; hollow when the score is off the axis and pinned to its edge."""
    off_scale = not frame.y_min <= point.value <= frame.y_max
    tooltip = f"{point.on.isoformat()}: {number(point.value)}"
    tooltip += f" ({point.label})" if point.label else ""
    tooltip += " (off scale)" if off_scale else ""
    return tag("circle", tag("title", text=tooltip), cx=x, cy=y, r=4,
               fill="#ffffff" if off_scale else _LINE, stroke=_LINE if off_scale else "#ffffff",
               stroke_width=1.5)  # fmt: skip


def _no_scores(frame: _Frame, chart_id: str) -> str:
    """A note in the middle of the plot, on a white card so band edges do not cross it."""
    x, y = (frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2
    text = "No scores yet"
    half = text_width(text, 12) / 2 + 10
    card = tag("rect", x=x - half, y=y - 12, width=2 * half, height=24, rx=4, fill="#ffffff",
               fill_opacity="0.9")  # fmt: skip
    note = tag("text", text=text, x=x, y=y + 4, font_size=12, fill=_MUTED, text_anchor="middle")
    return group([card, note], id=f"{chart_id}-empty")
