"""No session in N weeks (default 3): exactly 21 days counts; before the first session,
counted from the plan's start."""

from __future__ import annotations

import pytest

from trellis.core.progress import URGENCY_NO_SESSION, Settings

from .helpers import TODAY, client, codes, days_ago, only


def test_exactly_3_weeks_since_the_last_session() -> None:
    signal = only(client(last_session=days_ago(21)), "no_session")
    assert signal.urgency == URGENCY_NO_SESSION
    assert signal.subject is None
    assert signal.reason == "No session in 3 weeks: the last was on 2025-02-10."


def test_20_days_is_not_yet_3_weeks() -> None:
    assert codes(client(last_session=days_ago(20))) == []


def test_a_session_today_clears_it() -> None:
    assert codes(client(last_session=TODAY, plan_start=days_ago(100))) == []


def test_before_the_first_session_counted_from_the_plan_start() -> None:
    signal = only(client(last_session=None, plan_start=days_ago(22)), "no_session")
    assert signal.reason == "No session yet in 3 weeks since the plan started on 2025-02-09."
    assert codes(client(last_session=None, plan_start=days_ago(20))) == []


def test_the_last_session_counts_even_before_a_newer_plan_start() -> None:
    # A plan revised without seeing the client does not reset the clock.
    assert codes(client(last_session=days_ago(30), plan_start=days_ago(2))) == ["no_session"]


def test_no_session_and_no_plan_no_signal() -> None:
    assert codes(client(last_session=None, plan_start=None)) == []


@pytest.mark.parametrize(("days", "expected"), [(7, ["no_session"]), (6, [])])
def test_practice_sets_the_number_of_weeks(days: int, expected: list[str]) -> None:
    settings = Settings(no_session_weeks=1)
    assert codes(client(last_session=days_ago(days)), settings=settings) == expected
    if expected:
        reason = only(client(last_session=days_ago(days)), "no_session", settings=settings).reason
        assert reason.startswith("No session in 1 week:")
