"""deadline_to_date: a normalized deadline, a plan start and a session cadence give a date."""

from __future__ import annotations

from datetime import date

import pytest

from trellis.core.smart import deadline_to_date

START = date(2026, 1, 15)  # a Thursday


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        ("12 weeks", date(2026, 4, 9)),
        ("90 days", date(2026, 4, 15)),
        ("3 months", date(2026, 4, 15)),
        ("1 year", date(2027, 1, 15)),
        ("8 sessions", date(2026, 3, 12)),
        ("next session", date(2026, 1, 22)),
        ("end of this session", START),
        ("March 1", date(2026, 3, 1)),
        ("January 1", date(2027, 1, 1)),  # already past this year: next year's
        ("March 1, 2027", date(2027, 3, 1)),
        ("June", date(2026, 6, 30)),  # a month alone: its last day
        ("end of March", date(2026, 3, 31)),
        ("June 2027", date(2027, 6, 30)),
        ("end of the month", date(2026, 1, 31)),
        ("this month", date(2026, 1, 31)),
        ("next month", date(2026, 2, 28)),
        ("1st of next month", date(2026, 2, 1)),
        ("end of the week", date(2026, 1, 18)),
        ("end of the year", date(2026, 12, 31)),
        ("Christmas", date(2026, 12, 25)),
        ("Friday", date(2026, 1, 16)),
        ("within 12 weeks", date(2026, 4, 9)),  # a phrase as written is read first
    ],
)
def test_deadline_dates(deadline: str, expected: date) -> None:
    assert deadline_to_date(deadline, START) == expected


def test_sessions_follow_the_cadence() -> None:
    assert deadline_to_date("8 sessions", START, session_interval_days=14) == date(2026, 5, 7)
    assert deadline_to_date("next session", START, session_interval_days=14) == date(2026, 1, 29)


def test_months_clamp_to_the_end_of_a_shorter_month() -> None:
    assert deadline_to_date("1 month", date(2026, 1, 31)) == date(2026, 2, 28)
    assert deadline_to_date("1 month", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "deadline", ["end of the school year", "discharge", "summer", "next review", "soon", ""]
)
def test_deadlines_without_a_calendar_date_give_none(deadline: str) -> None:
    assert deadline_to_date(deadline, START) is None


def test_every_analyzer_deadline_with_a_date_round_trips() -> None:
    from trellis.core.smart import analyze

    result = analyze("Client will list 3 triggers by the 8th session.")
    assert result.deadline is not None
    assert deadline_to_date(result.deadline, START) == date(2026, 3, 12)
