"""Review due and overdue: the warning window's last day, the review day, the day after."""

from __future__ import annotations

import pytest

from trellis.core.progress import URGENCY_REVIEW_DUE, URGENCY_REVIEW_OVERDUE, Settings, Signal

from .helpers import TODAY, client, codes, days_ago, days_ahead, only


def test_review_exactly_14_days_away_is_due() -> None:
    signal = only(client(plan_review_date=days_ahead(14)), "review_due")
    assert signal == Signal(
        "review_due", URGENCY_REVIEW_DUE, "Plan review due in 14 days, on 2025-03-17.", None
    )


def test_review_15_days_away_is_not_yet_due() -> None:
    assert codes(client(plan_review_date=days_ahead(15))) == []


def test_review_tomorrow_says_one_day() -> None:
    reason = only(client(plan_review_date=days_ahead(1)), "review_due").reason
    assert reason == "Plan review due in 1 day, on 2025-03-04."


def test_review_date_today_is_due_not_overdue() -> None:
    assert codes(client(plan_review_date=TODAY)) == ["review_due"]
    reason = only(client(plan_review_date=TODAY), "review_due").reason
    assert reason == "Plan review due today (2025-03-03)."


def test_review_date_yesterday_is_overdue() -> None:
    signal = only(client(plan_review_date=days_ago(1)), "review_overdue")
    assert signal.urgency == URGENCY_REVIEW_OVERDUE
    assert signal.reason == "Plan review overdue: due on 2025-03-02, yesterday."
    assert codes(client(plan_review_date=days_ago(1))) == ["review_overdue"]


def test_review_long_overdue_counts_the_days() -> None:
    reason = only(client(plan_review_date=days_ago(40)), "review_overdue").reason
    assert reason == "Plan review overdue: due on 2025-01-22, 40 days ago."


def test_no_review_date_raises_no_review_signal() -> None:
    assert codes(client(plan_review_date=None)) == []


@pytest.mark.parametrize(("days", "expected"), [(7, ["review_due"]), (8, [])])
def test_practice_warning_window(days: int, expected: list[str]) -> None:
    settings = Settings(review_warning_days=7)
    assert codes(client(plan_review_date=days_ahead(days)), settings=settings) == expected


def test_a_zero_day_window_warns_on_the_day_only() -> None:
    settings = Settings(review_warning_days=0)
    assert codes(client(plan_review_date=TODAY), settings=settings) == ["review_due"]
    assert codes(client(plan_review_date=days_ahead(1)), settings=settings) == []
