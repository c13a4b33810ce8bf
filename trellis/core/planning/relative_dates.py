"""Relative deadlines of templates and plans, turned into dates.

A template cannot know when a plan starts, so it writes "within 12 weeks" or
``{"sessions": 8}``; a plan turns that into a date from its start and its session
interval. Only this small structured grammar is read (the SMART analyzer in
``trellis.core.smart`` reads free text):

- ``[within|in|by|after|over] N unit``  with unit day, week, month, year or session
  ("within 12 weeks", "in 3 months", "in 10 days", "8 sessions", "in a month");
- ``[by] session N`` and ``[by] [the] Nth session`` ("by session 8", "by the 8th session");
- a mapping with exactly one of those units as key: ``{"weeks": 12}``, ``{"sessions": 8}``.

N is a whole number from 1, in digits or in words up to twenty. Months and years are
calendar months (31 January + 1 month = end of February). Session N falls N session
intervals after the start, as in ``trellis.core.smart.dates``: session 8 of a weekly
plan is 8 weeks on.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

Unit = Literal["days", "weeks", "months", "years", "sessions"]
UNITS: tuple[str, ...] = get_args(Unit)
_UNIT_BY_NAME: dict[str, Unit] = {
    "days": "days",
    "weeks": "weeks",
    "months": "months",
    "years": "years",
    "sessions": "sessions",
}

# Index = value; "a" (as in "in a month") is handled apart, it only holds place 0.
_WORDS: tuple[str, ...] = (
    *("a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_AMOUNT = r"(?P<amount>\d+|" + "|".join(w for w in _WORDS if w != "a") + r"|an?)"
_LEAD = r"(?:(?:within|in|by|after|over)\s+(?:the\s+next\s+)?)?"
_PATTERNS = (
    re.compile(rf"{_LEAD}{_AMOUNT}\s+(?P<unit>day|week|month|year|session)s?"),
    re.compile(r"(?:by\s+)?session\s+(?:number\s+|no\.?\s+)?(?P<amount>\d+)(?P<unit>)"),
    re.compile(r"(?:by\s+)?(?:the\s+)?(?P<amount>\d+)(?:st|nd|rd|th)\s+(?P<unit>session)"),
)
_EXAMPLES = "e.g. 'within 12 weeks', 'in 3 months', 'by session 8' or {'weeks': 12}"


@dataclass(frozen=True, slots=True)
class RelativeDeadline:
    """A deadline counted from the plan's start: 12 weeks, 8 sessions."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"Unknown deadline unit {self.unit!r}; use one of {UNITS}.")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"A deadline needs a whole number of {self.unit} from 1.")

    def as_dict(self) -> dict[str, int]:
        """The structured form a template stores: ``{"weeks": 12}``."""
        return {self.unit: self.amount}

    def resolve(self, start: date, session_interval_days: int = 7) -> date:
        """The date this deadline falls on for a plan started on ``start``."""
        if isinstance(session_interval_days, bool) or session_interval_days < 1:
            raise ValueError(f"Session interval must be at least 1 day: {session_interval_days}")
        try:
            return _add(start, self.amount, self.unit, session_interval_days)
        except OverflowError as exc:
            raise ValueError(f"{self.amount} {self.unit} from {start} is out of range") from exc


def parse_relative_deadline(value: str | Mapping[str, object]) -> RelativeDeadline:
    """Read "within 12 weeks", "by session 8" or ``{"weeks": 12}``; ValueError otherwise."""
    if isinstance(value, str):
        return _from_text(value)
    if isinstance(value, Mapping):
        return _from_mapping(value)
    raise ValueError(f"Cannot read the deadline {value!r}: write it {_EXAMPLES}.")


def resolve_deadline(
    value: str | Mapping[str, object] | RelativeDeadline,
    *,
    start: date,
    session_interval_days: int = 7,
) -> date:
    """The date of a relative deadline for a plan started on ``start``."""
    deadline = value if isinstance(value, RelativeDeadline) else parse_relative_deadline(value)
    return deadline.resolve(start, session_interval_days)


def _from_text(text: str) -> RelativeDeadline:
    cleaned = " ".join(text.lower().split()).rstrip(".")
    for pattern in _PATTERNS:
        if (found := pattern.fullmatch(cleaned)) is not None:
            amount = _amount(found.group("amount"))
            unit = (found.group("unit") or "session") + "s"
            if amount >= 1:
                return RelativeDeadline(amount, _unit(unit))
    raise ValueError(f"Cannot read the deadline {text!r}: write it {_EXAMPLES}.")


def _from_mapping(value: Mapping[str, object]) -> RelativeDeadline:
    if len(value) != 1:
        raise ValueError(f"A deadline needs exactly one unit, got {dict(value)!r} ({_EXAMPLES}).")
    ((key, amount),) = value.items()
    if key not in UNITS:
        raise ValueError(f"Unknown deadline unit {key!r} in {dict(value)!r}; use one of {UNITS}.")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValueError(f"Deadline {dict(value)!r} needs a whole number of {key} from 1.")
    return RelativeDeadline(amount, _unit(key))


def _amount(text: str) -> int:
    if text.isdigit():
        return int(text)
    return 1 if text in ("a", "an") else _WORDS.index(text)


def _unit(text: str) -> Unit:
    try:
        return _UNIT_BY_NAME[text]
    except KeyError:
        raise ValueError(f"Unknown deadline unit {text!r}; use one of {UNITS}.") from None


def _add(start: date, amount: int, unit: Unit, interval: int) -> date:
    if unit == "days":
        return start + timedelta(days=amount)
    if unit == "weeks":
        return start + timedelta(weeks=amount)
    if unit == "sessions":
        return start + timedelta(days=amount * interval)
    return _add_months(start, amount * (12 if unit == "years" else 1))


def _add_months(day: date, months: int) -> date:
    """Calendar months later, on the same day or the month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > date.max.year:
        raise OverflowError("date out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
