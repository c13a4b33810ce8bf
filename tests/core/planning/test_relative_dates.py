"""Relative deadlines of templates and plans, turned into dates."""

from __future__ import annotations

from datetime import date

import pytest

from trellis.core.planning.relative_dates import (
    RelativeDeadline,
    parse_relative_deadline,
    resolve_deadline,
)

START = date(2025, 1, 6)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 12 weeks", RelativeDeadline(12, "weeks")),
        ("in 3 months", RelativeDeadline(3, "months")),
        ("in 10 days", RelativeDeadline(10, "days")),
        ("by session 8", RelativeDeadline(8, "sessions")),
        ("by the 8th session", RelativeDeadline(8, "sessions")),
        ("8 sessions", RelativeDeadline(8, "sessions")),
        ("Within  Twelve Weeks.", RelativeDeadline(12, "weeks")),
        ("over the next six weeks", RelativeDeadline(6, "weeks")),
        ("in a month", RelativeDeadline(1, "months")),
        ("within 1 year", RelativeDeadline(1, "years")),
    ],
)
def test_text_deadlines(text: str, expected: RelativeDeadline) -> None:
    assert parse_relative_deadline(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("within 12 weeks", date(2025, 3, 31)),
        ({"weeks": 12}, date(2025, 3, 31)),
        ("in 10 days", date(2025, 1, 16)),
        ("in 3 months", date(2025, 4, 6)),
        ("within 1 year", date(2026, 1, 6)),
        ("by session 8", date(2025, 3, 3)),  # 8 weekly sessions on, as the SMART analyzer
        ({"sessions": 8}, date(2025, 3, 3)),
    ],
)
def test_deadline_dates_from_a_weekly_plan_start(value: object, expected: date) -> None:
    assert resolve_deadline(value, start=START) == expected  # type: ignore[arg-type]


def test_sessions_follow_the_session_interval() -> None:
    assert resolve_deadline("by session 8", start=START, session_interval_days=14) == date(
        2025, 4, 28
    )


def test_months_end_on_the_last_day_of_a_shorter_month() -> None:
    assert resolve_deadline({"months": 1}, start=date(2025, 1, 31)) == date(2025, 2, 28)
    assert resolve_deadline({"months": 1}, start=date(2024, 1, 31)) == date(2024, 2, 29)
    assert resolve_deadline("in 12 months", start=date(2024, 2, 29)) == date(2025, 2, 28)


def test_a_parsed_deadline_round_trips_as_a_mapping() -> None:
    deadline = parse_relative_deadline("within 12 weeks")
    assert deadline.as_dict() == {"weeks": 12}
    assert parse_relative_deadline(deadline.as_dict()) == deadline
    assert resolve_deadline(deadline, start=START) == date(2025, 3, 31)


@pytest.mark.parametrize(
    "text", ["soon", "within weeks", "by March 1", "in 0 days", "in 1.5 months", "12", ""]
)
def test_unreadable_text_names_itself_in_the_error(text: str) -> None:
    with pytest.raises(ValueError, match=f"Cannot read the deadline {text!r}"):
        parse_relative_deadline(text)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"fortnights": 2}, "Unknown deadline unit 'fortnights'"),
        ({"weeks": 12, "sessions": 8}, "exactly one unit"),
        ({}, "exactly one unit"),
        ({"weeks": 0}, "whole number of weeks from 1"),
        ({"weeks": "12"}, "whole number of weeks from 1"),
        ({"weeks": True}, "whole number of weeks from 1"),
        (12, "Cannot read the deadline 12"),
    ],
)
def test_bad_structured_deadlines_say_what_is_wrong(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_relative_deadline(value)  # type: ignore[arg-type]


def test_the_session_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        resolve_deadline("by session 8", start=START, session_interval_days=0)


def test_a_date_beyond_the_calendar_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="out of range"):
        resolve_deadline({"years": 9000}, start=START)
    with pytest.raises(ValueError, match="out of range"):
        resolve_deadline({"days": 10**7}, start=START)
