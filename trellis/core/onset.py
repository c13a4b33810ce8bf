"""When a diagnosis began, as precisely as the clinician knows it.

Onset is rarely a day: "2019", "March 2021", "childhood", "about 2015", "after her
divorce". Forcing a date makes clinicians invent one (1 January 2019), which then
reads as a fact. So the onset is kept as entered, with its precision, and a start
date only where the text gives one (the first day of the month or year, for
sorting and for FHIR's partial dates).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DESCRIBED = "described"  # words only: "childhood", "after the accident"


class OnsetError(ValueError):
    """The onset looks like a date but is not a possible one, or is in the future."""


@dataclass(frozen=True, slots=True)
class Onset:
    text: str  # as entered, trimmed
    precision: Precision
    start: date | None  # the first day it could have been; None for words only

    @property
    def label(self) -> str:
        """How the onset reads on screen: a day in ISO form, "March 2021", "2019", or
        the words as typed (an approximate year keeps its "about")."""
        if self.start is None or _APPROXIMATE.match(self.text):
            return self.text
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.MONTH:
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        return str(self.start.year)


_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_US_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_US_MONTH = re.compile(r"(\d{1,2})/(\d{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?,? (\d{4})")
_APPROXIMATE = re.compile(r"(?:about|around|approximately|approx\.?|circa|c\.|~)\s*", re.I)
_YEAR = re.compile(r"(\d{4})")


def parse_onset(text: str, *, today: date) -> Onset | None:
    """The onset typed, or None when nothing was typed.

    Dates are ISO (2021-03-14, 2021-03) or U.S. order (3/14/2021, 3/2021), a month
    name and year (March 2021), or a year (2019, "about 2019"); anything else is kept
    as words. A date that cannot exist or lies in the future is refused.
    """
    typed = " ".join(text.split())
    if not typed:
        return None
    bare = _APPROXIMATE.sub("", typed, count=1) if _APPROXIMATE.match(typed) else typed
    onset = _dated(typed, bare)
    if onset is not None and onset.start is not None and onset.start > today:
        raise OnsetError(f"The onset {typed!r} is in the future.")
    return onset or Onset(typed, Precision.DESCRIBED, None)


def _dated(typed: str, bare: str) -> Onset | None:
    if match := _ISO_DAY.fullmatch(bare):
        return Onset(typed, Precision.DAY, _date(typed, *map(int, match.groups())))
    if match := _US_DAY.fullmatch(bare):
        month, day, year = map(int, match.groups())
        return Onset(typed, Precision.DAY, _date(typed, year, month, day))
    if match := _ISO_MONTH.fullmatch(bare):
        year, month = map(int, match.groups())
        return Onset(typed, Precision.MONTH, _date(typed, year, month, 1))
    if match := _US_MONTH.fullmatch(bare):
        month, year = map(int, match.groups())
        return Onset(typed, Precision.MONTH, _date(typed, year, month, 1))
    if (match := _MONTH_YEAR.fullmatch(bare)) and match.group(1).lower() in _MONTHS:
        month = _MONTHS[match.group(1).lower()]
        return Onset(typed, Precision.MONTH, _date(typed, int(match.group(2)), month, 1))
    if match := _YEAR.fullmatch(bare):
        return Onset(typed, Precision.YEAR, _date(typed, int(match.group(1)), 1, 1))
    return None


def _date(typed: str, year: int, month: int, day: int) -> date:
    if year < 1900:
        raise OnsetError(f"The onset {typed!r} is before 1900: check the year.")
    try:
        return date(year, month, day)
    except ValueError:
        raise OnsetError(f"The onset {typed!r} is not a real date.") from None


def from_stored(text: str, precision: str, start: date | None) -> Onset | None:
    """The onset as a diagnosis row keeps it (text, precision and start date)."""
    if not text and start is None:
        return None
    if not text and start is not None:
        return Onset(start.isoformat(), Precision.DAY, start)
    return Onset(text, Precision(precision or Precision.DESCRIBED), start)
