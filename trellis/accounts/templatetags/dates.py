"""Dates written the practice's way (``trellis.accounts.dates``): ``{{ d|day }}``,
``{{ t|moment }}``, and ``{{ reason|dates_in }}`` for a sentence with ISO dates in it.
Built into every template (settings.py)."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from trellis.accounts.dates import format_dates_in, format_day, format_moment

register = template.Library()


@register.filter(expects_localtime=True)
def day(value: date | datetime | str | None) -> str:
    """A date (or a date-time's day) in the practice's style."""
    return format_day(value)


@register.filter(expects_localtime=True)
def moment(value: datetime | None) -> str:
    """A date and time of day in the practice's style."""
    return format_moment(value)


@register.filter
def dates_in(text: str) -> str:
    """A sentence with its ISO dates (a signal's or a target's reason) in the practice's style."""
    return format_dates_in(str(text))
