"""Both charts place a date by the same time scale (core/charts/time_scale.py)."""

from __future__ import annotations

import datetime

from trellis.core.charts.time_scale import TimeScale, time_axis

START, END = datetime.date(2026, 1, 5), datetime.date(2026, 3, 2)  # 56 days apart


def test_a_date_is_placed_by_the_days_elapsed() -> None:
    scale = TimeScale(left=40, right=340, start=START, end=END, inset=14)
    assert scale.x(START) == 54  # left + inset
    assert scale.x(END) == 326  # right - inset
    assert scale.x(START + datetime.timedelta(days=28)) == 190  # halfway


def test_one_date_alone_sits_centred() -> None:
    assert TimeScale(40, 340, START, START, 14).x(START) == 190
    assert TimeScale(40, 340, None, None, 14).x(START) == 190


def test_the_axis_labels_dates_and_the_year_where_it_turns() -> None:
    svg = time_axis(TimeScale(40, 640, datetime.date(2025, 12, 1), END, 14), 200, "c1")
    assert 'id="c1-x-axis"' in svg
    assert "2026" in svg and "Jan" in svg
