"""The range a date on a plan may take, checked before any arithmetic on it.

Dates from a form or the API reach ``date + timedelta`` (default review dates, relative
deadlines, the next review): 9999-12-31 overflowed into a server error. A plan starts at
most a year ahead; every later date on it (review, target date, deadline, next review) lies
within ten years of today, and nothing clinical is dated before 1900.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST = date(1900, 1, 1)
START_LEAD = timedelta(days=366)
HORIZON = timedelta(days=3653)  # ten years, leap days included

START_FIELDS = frozenset({"start_date"})
LATER_FIELDS = frozenset({"review_date", "target_date", "deadline", "next_review_date"})


def latest_start(today: date | None = None) -> date:
    return (today or timezone.localdate()) + START_LEAD


def latest_date(today: date | None = None) -> date:
    return (today or timezone.localdate()) + HORIZON


def check_dates(values: Mapping[str, Any], today: date | None = None) -> None:
    """Refuse, naming each field, any plan date outside its range; other keys are ignored."""
    today = today or timezone.localdate()
    problems: dict[str, str] = {}
    for name, value in values.items():
        if not isinstance(value, date) or name not in START_FIELDS | LATER_FIELDS:
            continue
        if name in START_FIELDS:
            last, why = latest_start(today), "a year from today"
        else:
            last, why = latest_date(today), "ten years from today"
        if not EARLIEST <= value <= last:
            problems[name] = (
                f"Choose a date between {EARLIEST.isoformat()} and {last.isoformat()} ({why})."
            )
    if problems:
        raise ValidationError(problems)


def deadline_anchor(plan: Any) -> date:
    """The day a relative deadline typed into this version counts from ("within 12 weeks"):
    the plan's start for its first version, and for a revision the day the revision was
    made (never before the start). A revision copies the plan's start date, so counting
    from it would put a deadline written today months in the past."""
    start: date = plan.start_date
    if plan.version_number <= 1 or plan.created_at is None:
        return start
    return max(start, timezone.localdate(plan.created_at))
