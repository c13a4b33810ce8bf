"""Turn a normalized deadline ("12 weeks", "8 sessions", "March 1") into a calendar date.

A goal's status (on track, overdue) needs a date, but clinicians write deadlines relative
to the plan ("within 12 weeks") or to the session count ("by the 8th session"). Given the
plan's start date and the session cadence this gives the date. Where a deadline names
only a month ("by June") the last day of that month is used: the lenient reading, so no
goal is called overdue before its writer meant it to be.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .deadlines import MONTH_NAMES, WEEKDAYS, find_deadlines

_RELATIVE = re.compile(r"^(\d+(?:\.\d+)?) (day|week|month|year|session)s?$")
_MONTH_DAY = re.compile(
    rf"^(?:end of )?({'|'.join(MONTH_NAMES)})(?: (\d{{1,2}}))?(?:,? (\d{{4}}))?$"
)
_ORDINAL_OF = re.compile(r"^(\d{1,2})(?:st|nd|rd|th) of (this|next) month$")


def deadline_to_date(deadline: str, start: date, session_interval_days: int = 7) -> date | None:
    """The date ``deadline`` falls on for a plan started on ``start``; None if it has none.

    ``deadline`` is the analyzer's normalized form ("12 weeks", "8 sessions", "3 months",
    "March 1", "next session", "end of the month"); a phrase as written ("within 12
    weeks") is normalized first. Sessions are ``session_interval_days`` apart, the first
    one on ``start``'s cadence: session 8 of a weekly plan is 8 weeks on.
    """
    text = " ".join(deadline.split())
    try:
        found = _from_normalized(text, start, session_interval_days)
        if found is None and (written := find_deadlines(text)):
            found = _from_normalized(written[0].text, start, session_interval_days)
    except (OverflowError, ValueError):  # "within 99999999 weeks": past the calendar
        return None
    return found


def _from_normalized(text: str, start: date, interval: int) -> date | None:
    if (relative := _RELATIVE.match(text)) is not None:
        return _relative(float(relative.group(1)), relative.group(2), start, interval)
    if (named := _MONTH_DAY.match(text)) is not None:
        month = MONTH_NAMES.index(named.group(1)) + 1
        day = int(named.group(2)) if named.group(2) else None
        year = int(named.group(3)) if named.group(3) else None
        return _month_day(month, day, year, start)
    if (ordinal := _ORDINAL_OF.match(text)) is not None:
        first = _add_months(start.replace(day=1), 0 if ordinal.group(2) == "this" else 1)
        return _clamped(first.year, first.month, int(ordinal.group(1)))
    return _period(text.lower(), start, interval)


def _relative(count: float, unit: str, start: date, interval: int) -> date:
    if unit == "day":
        return start + timedelta(days=round(count))
    if unit == "week":
        return start + timedelta(days=round(count * 7))
    if unit == "session":
        return start + timedelta(days=round(count * interval))
    months = round(count * (12 if unit == "year" else 1))
    return _add_months(start, months)


def _period(text: str, start: date, interval: int) -> date | None:
    """'end of the month', 'next week', 'next session', 'Christmas', 'Friday'..."""
    text = text.removeprefix("end of ").removeprefix("the ")
    if text == "next session":
        return start + timedelta(days=interval)
    if text == "this session":
        return start
    if text in ("month", "this month"):
        return _month_end(start)
    if text == "next month":
        return _month_end(_add_months(start.replace(day=1), 1))
    if text in ("week", "this week"):
        return start + timedelta(days=6 - start.weekday())
    if text == "next week":
        return start + timedelta(days=13 - start.weekday())
    if text in ("year", "this year"):
        return date(start.year, 12, 31)
    if text == "next year":
        return date(start.year + 1, 12, 31)
    if text == "christmas":
        return _month_day(12, 25, None, start)
    if text.startswith("new year"):
        return date(start.year + 1, 1, 1)
    if text.capitalize() in WEEKDAYS:
        ahead = (WEEKDAYS.index(text.capitalize()) - start.weekday() - 1) % 7 + 1
        return start + timedelta(days=ahead)
    return None


def _month_day(month: int, day: int | None, year: int | None, start: date) -> date:
    """The next such date on or after ``start`` (or in ``year``); a month alone is its end."""
    candidate_year = start.year if year is None else year
    found = _clamped(candidate_year, month, day)
    if year is None and found < start:
        found = _clamped(candidate_year + 1, month, day)
    return found


def _clamped(year: int, month: int, day: int | None) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if day is None else min(day, last))


def _month_end(day: date) -> date:
    return _clamped(day.year, day.month, None)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return _clamped(year, month, day.day)
