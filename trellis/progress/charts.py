"""Progress ratings per goal over sessions, drawn as SVG with the same values in a table,
the same on the notes page and in the printed plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from trellis.core.charts import MAX_SERIES, RatingPoint, RatingSeries, ratings_chart_svg
from trellis.progress.formats import RATINGS
from trellis.progress.selectors import GoalRatings

LABEL_LENGTH = 60  # a goal's statement is cut to this many characters to name its line


@dataclass(frozen=True)
class GoalColumn:
    label: str
    statement: str
    drawn: bool


@dataclass(frozen=True)
class RatingsChart:
    """The chart and its values: a row per session date, a column per goal (chart order)."""

    svg: SafeString
    goals: list[GoalColumn]
    rows: list[tuple[date, list[str]]]

    @property
    def hidden(self) -> int:
        return sum(1 for goal in self.goals if not goal.drawn)


def ratings_chart(
    goals: Sequence[GoalRatings],
    *,
    labels: Mapping[Any, str] | None = None,
    chart_id: str = "ratings",
) -> RatingsChart:
    """One line per goal; past six goals, the six rated most recently get a line (every
    goal stays in the table). ``labels`` names goals by lineage (else their statement)."""
    ordered = _drawn_first(goals)
    columns = [
        GoalColumn(_label(goal, labels), goal.statement, index < MAX_SERIES)
        for index, goal in enumerate(ordered)
    ]
    series = [
        RatingSeries(column.label, tuple(RatingPoint(day, rating) for day, rating in goal.ratings))
        for column, goal in zip(columns, ordered, strict=True)
    ]
    svg = ratings_chart_svg(series=series, levels=RATINGS, chart_id=chart_id)
    return RatingsChart(
        mark_safe(svg),  # noqa: S308 - built by ratings_chart_svg, which escapes every text
        columns,
        _rows(ordered),
    )


def _drawn_first(goals: Sequence[GoalRatings]) -> list[GoalRatings]:
    """The goals rated most recently (up to six) in the order first rated, then the rest."""
    recent = sorted(range(len(goals)), key=lambda i: (goals[i].ratings[-1][0], -i), reverse=True)
    drawn = sorted(recent[:MAX_SERIES])
    return [goals[i] for i in drawn] + [goals[i] for i in sorted(recent[MAX_SERIES:])]


def _label(goal: GoalRatings, labels: Mapping[Any, str] | None) -> str:
    text = labels.get(goal.lineage, goal.statement) if labels else goal.statement
    return Truncator(" ".join(text.split())).chars(LABEL_LENGTH)


def _rows(goals: Sequence[GoalRatings]) -> list[tuple[date, list[str]]]:
    """Per session date, oldest first, each goal's rating(s) that day in words."""
    days = sorted({day for goal in goals for day, _ in goal.ratings})
    cells: dict[date, list[list[str]]] = {day: [[] for _ in goals] for day in days}
    for column, goal in enumerate(goals):
        for day, rating in goal.ratings:
            cells[day][column].append(f"{rating} {RATINGS[rating]}")
    return [(day, [", ".join(cell) for cell in cells[day]]) for day in days]
